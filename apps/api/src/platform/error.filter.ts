/**
 * The one place errors become HTTP responses. Every body has the same shape:
 * `{ statusCode, code, message, detailZh?, rule?, kind?, field?, issues?, firstPassingDate?, requestId }`.
 * Anything unexpected is a 500 with the request id, logged with its stack, never shown.
 */
import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject, Logger, NotFoundException, Optional, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { storeErrorMessageZh } from '@ledger/application';
import { clampQuotedInput, DomainError, errorTitleZh, quoteInput } from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';
import { NotFoundWhileBehindError, UnknownOrgUnitError } from '@ledger/projections';
import { ApiError } from './errors';
import { nodeRequest, requestIdOf, type HttpRequest, type HttpResponse } from './http';
import { RouteMethods } from './route-methods';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [key: string]: unknown;
}

function zodIssues(error: ZodError): Array<{ field: string; message: string; code: string }> {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message, code: i.code }));
}

/** The error's body, its message quoting at most 80 characters of the caller's input. */
export function toErrorBody(error: unknown): ErrorBody | undefined {
  const body = describe(error);
  return body ? { ...body, message: clampQuotedInput(body.message) } : undefined;
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
    };
  }
  if (error instanceof StreamVersionConflictError) {
    return {
      statusCode: HttpStatus.CONFLICT,
      code: error.code,
      message: error.message,
      detailZh: storeErrorMessageZh(error),
      streamId: error.streamId,
      actualRevision: error.actual,
    };
  }
  if (error instanceof EventIdConflictError) {
    return { statusCode: HttpStatus.CONFLICT, code: error.code, message: error.message, detailZh: storeErrorMessageZh(error), eventId: error.eventId };
  }
  if (error instanceof InvalidEventError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: error.code, message: error.message, detailZh: storeErrorMessageZh(error), field: error.field };
  }
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError();
    const issues = zodError instanceof ZodError ? zodIssues(zodError) : [];
    return {
      statusCode: HttpStatus.BAD_REQUEST,
      code: 'INVALID_REQUEST',
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') || 'invalid request',
      issues,
      ...(issues[0] ? { field: issues[0].field } : {}),
    };
  }
  if (error instanceof ZodError) {
    const issues = zodIssues(error);
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'INVALID_REQUEST', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues, field: issues[0]?.field };
  }
  if (error instanceof ApiError) {
    return { statusCode: error.status, code: error.code, message: error.message, ...error.details };
  }
  if (error instanceof UnknownOrgUnitError) {
    return { statusCode: HttpStatus.NOT_FOUND, code: error.code, message: error.message, id: error.id, ...(error.behind ? { behind: error.behind } : {}) };
  }
  if (error instanceof NotFoundWhileBehindError) {
    return { statusCode: HttpStatus.NOT_FOUND, code: error.code, message: error.message, ...(error.id !== undefined ? { id: error.id } : {}), behind: error.behind };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const codes: Record<number, string> = { 400: 'INVALID_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };
    const text = Array.isArray(message) ? message.join('; ') : String(message);
    // Express's router could not decode a path parameter: said as Fastify's router says it (one answer on either server).
    if (status === 400 && text.startsWith('Failed to decode param')) return { statusCode: status, code: 'INVALID_REQUEST', message: `the URL cannot be decoded (${text})`, field: '(path)' };
    return { statusCode: status, code: codes[status] ?? `HTTP_${status}`, message: text };
  }
  // body-parser errors (malformed JSON, too large) carry an HTTP status of their own.
  const e = error as { status?: number; statusCode?: number; type?: string; message?: string; limit?: number };
  if (e?.type === INVALID_UTF8_TYPE) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'INVALID_UTF8', message: 'the request body is not valid UTF-8', field: '(body)' };
  }
  if (e?.type === 'entity.too.large') {
    return {
      statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
      code: 'PAYLOAD_TOO_LARGE',
      message: `the request body exceeds the limit of ${e.limit} bytes (HTTP_BODY_LIMIT_BYTES); send large batches as an NDJSON import`,
      limitBytes: e.limit,
    };
  }
  if (e?.type === 'entity.parse.failed') {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'MALFORMED_JSON', message: `the request body is not JSON: ${quoteInput(e.message ?? '')}`, field: '(body)' };
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // 415: a charset other than UTF-8, or a Content-Encoding body-parser cannot undo.
    const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : `HTTP_${status}`;
    return { statusCode: status, code, message: e.message ?? 'bad request' };
  }
  return undefined;
}

/** The body-parser error type of a body that is not valid UTF-8 (see create-app's `verify`). */
export const INVALID_UTF8_TYPE = 'entity.invalid.utf8';

/** A body-parser error (status, type, limit), as an Error that is no SyntaxError (see create-app's jsonReader). */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string | undefined,
    readonly limit: number | undefined,
  ) {
    super(message);
  }

  static from(error: unknown): unknown {
    const e = error as { status?: number; statusCode?: number; type?: string; message?: string; limit?: number };
    const status = e?.status ?? e?.statusCode;
    if (typeof status !== 'number' || status < 400 || status >= 500) return error;
    return new BodyError(e.message ?? 'bad request', status, e.type, e.limit);
  }
}

/** The router's own 404 (no route for this method and path), not a handler's "no such cadre". */
function isRouterNotFound(error: unknown): boolean {
  return error instanceof NotFoundException && /^Cannot [A-Z]+ /.test(String((error.getResponse() as { message?: unknown }).message ?? ''));
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
    let body = toErrorBody(error);
    const allowed = body?.statusCode === 404 && isRouterNotFound(error) ? this.routeMethods?.allowed(nodeRequest(request).url ?? '') : undefined;
    if (body && allowed && allowed.length > 0) {
      const method = nodeRequest(request).method ?? '';
      body = { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: `${quoteInput(method)} is not answered here; this path takes ${allowed.join(', ')}` };
      this.adapterHost.httpAdapter.setHeader(reply, 'Allow', allowed.join(', '));
    }
    if (!body) {
      this.logger.error({ err: error, requestId }, 'unexpected error');
      body = { statusCode: 500, code: 'INTERNAL_ERROR', message: `unexpected error; quote request id ${requestId} to the administrator` };
    }
    const http = this.adapterHost.httpAdapter;
    if (http.isHeadersSent(reply)) return;
    const titleZh = errorTitleZh(body.code);
    http.reply(reply, { ...body, ...(titleZh ? { titleZh } : {}), requestId }, body.statusCode);
  }
}
