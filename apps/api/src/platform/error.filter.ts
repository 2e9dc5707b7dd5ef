/**
 * The one place errors become HTTP responses. Every body has the same shape:
 * `{ statusCode, code, message, detailZh, rule?, kind?, field?, issues?, firstPassingDate?, requestId }`,
 * `detailZh` the message in Chinese with the same field names, ids, values and limits (each quoting at
 * most 80 characters of the caller's input). Anything unexpected is a 500 with the request id,
 * logged with its stack, never shown.
 */
import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject, Logger, NotFoundException, Optional, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { storeErrorMessageZh, UnreadableStoredEventError } from '@ledger/application';
import { clampQuotedInput, clampQuotedInputZh, DomainError, errorTitleZh, jsonSyntaxErrorZh, quoteInput, zodIssueZh } from '@ledger/domain';
import { ClockBehindError, EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';
import { databaseUnavailable } from '@ledger/database';
import { NotATownshipError, NotFoundWhileBehindError, UnknownOrgUnitError, type Behind } from '@ledger/projections';
import { ApiError } from './errors';
import { BEHIND_HEADER, behindHeaderValue } from './behind.interceptor';
import { isImportPath, nodeRequest, requestIdOf, type HttpRequest, type HttpResponse } from './http';
import { RouteMethods } from './route-methods';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** The message in Chinese, for the organization department's staff. */
  detailZh: string;
  [key: string]: unknown;
}

interface ZodIssueBody {
  field: string;
  message: string;
  messageZh: string;
  code: string;
}

function zodIssues(error: ZodError): ZodIssueBody[] {
  return error.issues.map((i) => {
    // A field not taken is named itself (data.bogus), as an import line's refusal names it (found by a review: "data", "(body)").
    const path = i.code === 'unrecognized_keys' && i.keys.length > 0 ? [...i.path.map(String), quoteInput(String(i.keys[0]))] : i.path.map(String);
    return { field: path.join('.') || '(body)', message: i.message, messageZh: zodIssueZh(i), code: i.code };
  });
}

/** A 400 listing zod's issues: each `field: message`, in Chinese `field：…` joined by '；'. */
function invalidRequest(issues: ZodIssueBody[]): ErrorBody {
  return {
    statusCode: HttpStatus.BAD_REQUEST,
    code: 'INVALID_REQUEST',
    message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') || 'invalid request',
    detailZh: issues.map((i) => `${i.field}：${i.messageZh}`).join('；') || '请求无效',
    issues,
    ...(issues[0] ? { field: issues[0].field } : {}),
  };
}

/** The error's body, its message and its Chinese detail quoting at most 80 characters of the caller's input. */
export function toErrorBody(error: unknown): ErrorBody | undefined {
  const body = describe(error);
  return body ? { ...body, message: clampQuotedInput(body.message), detailZh: clampQuotedInputZh(body.detailZh) } : undefined;
}

/** A URL neither router can decode (`/v1/cadres/%FF/history`): said alike by Express (through here) and Fastify (create-app). */
export function urlNotDecoded(why: string): { message: string; detailZh: string } {
  return { message: `the URL cannot be decoded (${why})`, detailZh: `网址无法解码（${why}）` };
}

/** An error status said in Chinese, where nothing more precise is known of the error. */
export function statusZh(status: number): string {
  return STATUS_ZH[status] ?? '请求未被受理';
}

const STATUS_ZH: Record<number, string> = {
  400: '请求有误',
  401: '未通过身份验证',
  403: '无权进行此项操作',
  404: '未找到所请求的内容',
  405: '该地址不支持此请求方法',
  408: '请求超时',
  413: '请求内容超过大小上限',
  415: '请求内容的格式或编码不受支持',
  431: '请求头过大',
};

/** body-parser's other refusals, by their type, in Chinese. */
function bodyErrorZh(e: { type?: string; encoding?: unknown }): string | undefined {
  if (e.type === 'encoding.unsupported') return `不支持的内容编码 Content-Encoding：${quoteInput(String(e.encoding ?? ''))}`;
  if (e.type === 'request.size.invalid') return '请求内容的长度与 Content-Length 不符';
  if (e.type === 'request.aborted') return '请求在接收完毕前中断';
  return undefined;
}

function describe(error: unknown): ErrorBody | undefined {
  if (error instanceof DomainError) {
    const schema = error.code === 'RULE_I_SCHEMA' || error.code === 'RULE_I_NOT_A_COMMAND';
    return {
      statusCode: schema ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
      code: error.code,
      rule: error.ruleId,
      kind: error.kind,
      message: error.message,
      detailZh: error.messageZh,
      ...(error.field ? { field: error.field } : {}),
      ...(error.firstPassingDate ? { firstPassingDate: error.firstPassingDate } : {}),
      ...(error.kind === 'POLICY' ? { overridable: true } : {}),
      ...(error.cadreNames ? { cadreNames: error.cadreNames } : {}),
      ...(error.orgUnitNames ? { orgUnitNames: error.orgUnitNames } : {}),
    };
  }
  if (error instanceof StreamVersionConflictError) {
    return {
      statusCode: HttpStatus.CONFLICT,
      code: error.code,
      message: error.message,
      detailZh: storeErrorMessageZh(error)!,
      streamId: error.streamId,
      // A stream with no event yet has no revision: said so, not `actualRevision: null`, which the documented integer is not (found by a contract review).
      ...(error.actual === null ? { streamExists: false } : { actualRevision: error.actual }),
    };
  }
  if (error instanceof EventIdConflictError) {
    return { statusCode: HttpStatus.CONFLICT, code: error.code, message: error.message, detailZh: storeErrorMessageZh(error)!, eventId: error.eventId };
  }
  if (error instanceof ClockBehindError) {
    // The server's clock, not the request: nothing was written, and the same write goes through once it is corrected.
    return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: error.code, message: error.message, detailZh: error.messageZh, lastRecordedAt: error.lastRecordedAt, databaseClock: error.databaseClock };
  }
  if (error instanceof InvalidEventError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: error.code, message: error.message, detailZh: storeErrorMessageZh(error)!, field: error.field };
  }
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError();
    return invalidRequest(zodError instanceof ZodError ? zodIssues(zodError) : []);
  }
  // Before any ZodError: a stored event failing its schema is the store's fault, not the request's.
  if (error instanceof UnreadableStoredEventError) {
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: error.code,
      message: `${error.message}; run verify (GET /v1/audit/verify) and tell the administrator`,
      detailZh: error.messageZh,
      eventId: error.eventId,
      streamId: error.streamId,
      revision: error.revision,
      ...(error.field ? { field: error.field } : {}),
    };
  }
  if (error instanceof ZodError) return invalidRequest(zodIssues(error));
  if (error instanceof ApiError) {
    return { statusCode: error.status, code: error.code, message: error.message, detailZh: error.messageZh, ...error.details };
  }
  if (error instanceof NotATownshipError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: error.code, message: `township: ${error.message}`, detailZh: `township：${error.messageZh}`, field: error.field };
  }
  if (error instanceof UnknownOrgUnitError) {
    return { statusCode: HttpStatus.NOT_FOUND, code: error.code, message: error.message, detailZh: error.messageZh, id: error.id, ...(error.behind ? { behind: error.behind } : {}) };
  }
  if (error instanceof NotFoundWhileBehindError) {
    return {
      statusCode: HttpStatus.NOT_FOUND,
      code: error.code,
      message: error.message,
      detailZh: error.messageZh,
      ...(error.id !== undefined ? { id: error.id } : {}),
      behind: error.behind,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const codes: Record<number, string> = { 400: 'INVALID_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };
    const text = Array.isArray(message) ? message.join('; ') : String(message);
    // Express's router could not decode a path parameter: said as Fastify's router says it (one answer on either server).
    if (status === 400 && text.startsWith('Failed to decode param')) return { statusCode: status, code: 'INVALID_REQUEST', ...urlNotDecoded(text), field: '(path)' };
    // The router's own 404: no route for this method and path (`Cannot GET /v1/x`).
    const noRoute = status === 404 ? /^Cannot ([A-Z]+) (.*)$/s.exec(text) : null;
    if (noRoute) return { statusCode: status, code: 'NOT_FOUND', message: text, detailZh: `台账服务没有此地址：${noRoute[1]} ${quoteInput(noRoute[2])}` };
    return { statusCode: status, code: codes[status] ?? `HTTP_${status}`, message: text, detailZh: `${statusZh(status)}（HTTP ${status}：${quoteInput(text)}）` };
  }
  // body-parser errors (malformed JSON, too large) carry an HTTP status of their own.
  const e = error as { status?: number; statusCode?: number; type?: string; message?: string; messageZh?: string; limit?: number; encoding?: unknown };
  if (e?.type === INVALID_UTF8_TYPE) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'INVALID_UTF8', message: 'the request body is not valid UTF-8', detailZh: '请求内容不是有效的 UTF-8 编码', field: '(body)' };
  }
  if (e?.type === 'entity.too.large') {
    return {
      statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
      code: 'PAYLOAD_TOO_LARGE',
      message: `the request body exceeds the limit of ${e.limit} bytes (HTTP_BODY_LIMIT_BYTES); send large batches as an NDJSON import`,
      detailZh: `请求内容超过 ${e.limit} 字节的上限（HTTP_BODY_LIMIT_BYTES）；大批量数据请以 NDJSON 文件导入`,
      limitBytes: e.limit,
    };
  }
  if (e?.type === REPEATED_KEY_TYPE) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'REPEATED_JSON_KEY', message: e.message ?? '', detailZh: e.messageZh ?? '', field: (error as BodyError).field ?? '(body)' };
  }
  if (e?.type === BODY_REFUSED_TYPE) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'INVALID_REQUEST', message: e.message ?? '', detailZh: e.messageZh ?? '', field: '(body)' };
  }
  if (e?.type === 'entity.parse.failed') {
    const why = quoteInput(e.message ?? '');
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'MALFORMED_JSON', message: `the request body is not JSON: ${why}`, detailZh: `请求内容不是有效的 JSON：${jsonSyntaxErrorZh(e.message ?? '')}（解析器报告：${why}）`, field: '(body)' };
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // 415: a charset other than UTF-8, or a Content-Encoding body-parser cannot undo.
    const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : `HTTP_${status}`;
    const message = e.message ?? 'bad request';
    return { statusCode: status, code, message, detailZh: e.messageZh ?? bodyErrorZh(e) ?? `${statusZh(status)}（HTTP ${status}：${quoteInput(message)}）` };
  }
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    // Nothing was written by a write refused here before its append; one whose append was cut off is
    // stored or not, and sending it again (the same id) says which.
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DATABASE_UNAVAILABLE',
      message: `the database is unavailable (${unavailable.code}); try again shortly, and tell the administrator if it persists`,
      detailZh: `数据库暂不可用：${unavailable.zh}（${unavailable.code}）；请稍后重试，如持续出现请告知管理员`,
      retryAfterSeconds: 5,
    };
  }
  return undefined;
}

/** The body-parser error type of a body that is not valid UTF-8 (see create-app's `verify`). */
export const INVALID_UTF8_TYPE = 'entity.invalid.utf8';
/** The ledger's own type for a body that gives one name twice in an object (create-app's jsonReader). */
export const REPEATED_KEY_TYPE = 'entity.repeated.key';
/** The ledger's own type for a body it refuses as INVALID_REQUEST (BodyError.from): a compressed body zlib refused, a bare JSON value. */
const BODY_REFUSED_TYPE = 'entity.refused';

/**
 * A body-parser error (status, type, limit, the encoding it could not undo), as an Error that is no
 * SyntaxError (see create-app's jsonReader); `messageZh` where the ledger refused the body itself.
 */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string | undefined,
    readonly limit: number | undefined,
    readonly messageZh?: string,
    readonly encoding?: unknown,
    /** The body's field the refusal is about, where the ledger refused the body itself. */
    readonly field?: string,
  ) {
    super(message);
  }

  static from(error: unknown): unknown {
    const e = error as { status?: number; statusCode?: number; type?: string; message?: string; limit?: number; encoding?: unknown; code?: unknown };
    const status = e?.status ?? e?.statusCode;
    if (typeof status !== 'number' || status < 400 || status >= 500) return error;
    // zlib could not undo the Content-Encoding (a body sent as gzip that is not): said as the import says it.
    const failed = decompressionFailure(error);
    if (failed) return new BodyError(`the compressed body cannot be decompressed (${failed})`, 400, BODY_REFUSED_TYPE, undefined, `压缩的请求内容无法解压（${failed}）`);
    const notAnObject = e.type === 'entity.parse.failed' ? jsonOtherThanObject((error as { body?: unknown }).body) : undefined;
    if (notAnObject) return notAnObject;
    return new BodyError(e.message ?? 'bad request', status, e.type, e.limit, undefined, e.encoding);
  }
}

const JSON_VALUE_KINDS: Record<string, readonly [string, string]> = { object: ['null', '空值 null'], string: ['a string', '文本'], number: ['a number', '数字'], boolean: ['a boolean', '布尔值'] };

/**
 * A body that is JSON, but a bare value (`null`, `"x"`, `3`): body-parser's strict mode refuses it
 * with a made-up syntax error ("\"null\" is not valid JSON"), which is false; said as what it is.
 */
function jsonOtherThanObject(body: unknown): BodyError | undefined {
  if (typeof body !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const kind = JSON_VALUE_KINDS[typeof value];
  if (!kind || (value !== null && typeof value === 'object')) return undefined;
  return new BodyError(`the request body must be a JSON object, not ${kind[0]}`, 400, BODY_REFUSED_TYPE, undefined, `请求内容须为 JSON 对象，收到的是${kind[1]}`);
}

/**
 * The code of a decompression failure (a body that is not the gzip, deflate or brotli it says it
 * is), else undefined: zlib's are `Z_…`, brotli's decoder's `ERR__ERROR_…` (found fuzzing: a body
 * sent as br that was not answered HTTP_400 "Decompression failed", and stopped an import on a 500).
 */
export function decompressionFailure(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code) ? code : undefined;
}

/** The router's own 404 (no route for this method and path), not a handler's "no such cadre". */
function isRouterNotFound(error: unknown): boolean {
  return error instanceof NotFoundException && /^Cannot [A-Z]+ /.test(String((error.getResponse() as { message?: unknown }).message ?? ''));
}

/**
 * Fastify's own refusal of a Content-Type header that names no media type (empty, `;`, ` ;charset=utf-8`),
 * (FST_ERR_CTP_INVALID_MEDIA_TYPE) made before any route or guard runs: it said only "Unsupported Media Type" (found 2026-12-04).
 */
function isUnreadableMediaType(error: unknown): boolean {
  // Nest hands it on as an HttpException of the same status and message (its code dropped); the ledger's own 415s are ApiErrors.
  return error instanceof HttpException && error.getStatus() === 415 && error.message === 'Unsupported Media Type';
}

/** What to send instead, as the JSON routes' guard and the import say it for a type they do not read. */
function unreadableMediaType(url: string): ErrorBody {
  // As the routers match it (found by a review: /v1/import/ and /V1/Import were told application/json).
  const type = isImportPath(url) ? 'application/x-ndjson' : 'application/json';
  return {
    statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `the Content-Type header names no media type; send the body as Content-Type: ${type}`,
    detailZh: `请求头 Content-Type 未注明内容类型；请以 Content-Type: ${type} 发送请求内容`,
  };
}

@Catch()
export class LedgerErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('LedgerErrorFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(RouteMethods) private readonly routeMethods?: RouteMethods,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<HttpRequest>();
    const reply = context.getResponse<HttpResponse>();
    // Errors raised before the logger middleware (malformed JSON) have no request id yet.
    const requestId = requestIdOf(request) || String(reply.getHeader('x-request-id') ?? randomUUID());
    let body = isUnreadableMediaType(error) ? unreadableMediaType(nodeRequest(request).url ?? '') : toErrorBody(error);
    const allowed = body?.statusCode === 404 && isRouterNotFound(error) ? this.routeMethods?.allowed(nodeRequest(request).url ?? '') : undefined;
    if (body && allowed && allowed.length > 0) {
      const method = nodeRequest(request).method ?? '';
      body = {
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: `${quoteInput(method)} is not answered here; this path takes ${allowed.join(', ')}`,
        detailZh: `该地址不接受 ${quoteInput(method)} 请求；可用的请求方法：${allowed.join('、')}`,
      };
      this.adapterHost.httpAdapter.setHeader(reply, 'Allow', allowed.join(', '));
    }
    if (!body) {
      this.logger.error({ err: error, requestId }, 'unexpected error');
      body = {
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: `unexpected error; quote request id ${requestId} to the administrator`,
        detailZh: `发生意外错误；请将请求编号 ${requestId} 告知管理员`,
      };
    }
    const http = this.adapterHost.httpAdapter;
    // The operator must hear of a database gone away though the caller gets a 503, not a 500.
    if (body.code === 'DATABASE_UNAVAILABLE') this.logger.error({ err: error, requestId }, 'database unavailable');
    if (body.code === 'DATABASE_CLOCK_BEHIND') this.logger.error({ err: error, requestId }, 'database clock behind: write refused');
    if (http.isHeadersSent(reply)) return;
    // A body still arriving was left unread (a caller refused before it, the JSON reader's or the
    // import's): the connection is closed after the answer, not kept to swallow the rest of it.
    if (!nodeRequest(request).complete) http.setHeader(reply, 'Connection', 'close');
    const retryAfter = (body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if ((body.statusCode === 503 || body.statusCode === 429) && typeof retryAfter === 'number') http.setHeader(reply, 'Retry-After', String(retryAfter));
    // RFC 9110 §11.6.1, RFC 6750 §3: a 401 says how to authenticate, and why a token given was refused (found by a review).
    if (body.statusCode === 401) {
      const given = nodeRequest(request).headers.authorization !== undefined;
      http.setHeader(reply, 'WWW-Authenticate', given ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    // A 404 while the read models are behind says so in the header too, as every answer that is behind
    // does: a client reading only the header took it for "no such cadre" (found by a review).
    const behind = (body as { behind?: Behind }).behind;
    if (behind) http.setHeader(reply, BEHIND_HEADER, behindHeaderValue(behind));
    const titleZh = errorTitleZh(body.code);
    http.reply(reply, { ...body, ...(titleZh ? { titleZh } : {}), requestId }, body.statusCode);
  }
}
