/**
 * Builds the Nest application over an opened ledger: used by main.ts, the demo and the e2e tests.
 * The HTTP server under Nest is Express or Fastify (HTTP_ADAPTER); both read JSON bodies with the
 * same parser and limits, so a request gets the same answer from either.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import compression from 'compression';
import fastifyCompress from '@fastify/compress';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { errorTitleZh, firstRepeatedKey, repeatedKeyMessages } from '@ledger/domain';
import { ApiTokenRepository } from '@ledger/auth';
import type { LedgerRuntime } from '@ledger/runtime';
import { AppModule, type ApiOptions } from './app.module';
import { authenticateRequest } from './auth/request-authentication';
import { bearerTokenOf } from './auth/token-refusals';
import { BodyError, INVALID_UTF8_TYPE, REPEATED_KEY_TYPE, urlNotDecoded } from './platform/error.filter';
import { refuseBody } from './platform/refused-body.guard';
import { isImportPath, requestIdFor, unsupportedCharset } from './platform/http';
import { documentProblems } from './platform/problem-responses';
import { RouteMethods } from './platform/route-methods';
import { DOCS_CSP } from './web/web-app.module';

export async function createApp(ledger: LedgerRuntime, options: ApiOptions = {}): Promise<INestApplication> {
  const module = AppModule.register(ledger, options);
  const app = ledger.config.HTTP_ADAPTER === 'fastify' ? await createFastifyApp(module, jsonOptions(ledger)) : await createExpressApp(module, jsonOptions(ledger));
  app.useLogger(app.get(Logger));
  // Either server: Node's 300 s default (Express) would cut a long import off mid-file.
  (app.getHttpServer() as Server).requestTimeout = ledger.config.HTTP_REQUEST_TIMEOUT_MS;
  answerUnreadableRequests(app.getHttpServer() as Server);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('乡镇领导干部履历台账 Cadre career ledger API')
      .setDescription(
        'Event-sourced system of record for township leading cadres. Writes are commands that append events; ' +
          'reads are projections. Every error answer is a Problem (components.schemas.Problem: code, field or rule, titleZh, detailZh, requestId); ' +
            'each operation lists the statuses it may answer: 400 (field), 401, 403 (capability), 404 (id), 409 (revision conflict), 413, 415, 422 (rule id).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const documented = documentProblems(cleanupOpenApiDoc(document));
  SwaggerModule.setup('docs', app, documented, { jsonDocumentUrl: 'docs/openapi.json' });
  app.get(RouteMethods).load(documented);
  // No enableShutdownHooks: Nest's signal handler closes the app and then raises the signal again,
  // killing the process before the ledger is closed. The processes that own an app (npm start, the
  // demo) answer SIGTERM / SIGINT themselves: drain the HTTP server, app.close() (which runs the
  // shutdown hooks), close the ledger, exit 0 (test/e2e/runtime/graceful-shutdown.e2e.spec.ts).
  return app;
}

/**
 * A request Node's HTTP parser cannot read (raw UTF-8 or a space in the URL, a malformed header)
 * never reaches either framework: Node answered a bare 400 with no body under Express, Fastify
 * `{"error":"Bad Request","message":"Client Error"}`. Both now answer the one Problem shape (found
 * by a review). A connection already gone is just closed.
 */
function answerUnreadableRequests(server: Server): void {
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    // As Node's own handler: answer only on a connection nothing was written to yet (never into a
    // response under way, found by a diff review), with the status Node would give.
    if (!socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy(error);
      return;
    }
    const [status, code, what, whatZh] = CLIENT_ERRORS[error.code ?? ''] ?? CLIENT_ERRORS.default!;
    const why = error.code ?? 'parse error';
    const body = JSON.stringify({
      statusCode: status,
      code,
      message: `the request cannot be read: ${what} (${why})`,
      detailZh: `无法读取该请求：${whatZh}（${why}）`,
      field: '(request)',
      ...problemTitle(code),
      requestId: randomUUID(),
    });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** Node's statuses for the requests its parser refuses, with what to say of each, in English and Chinese. */
const CLIENT_ERRORS: Record<string, readonly [status: number, code: string, what: string, whatZh: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'its headers are too large', '请求头过大'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PAYLOAD_TOO_LARGE', 'its chunk extensions are too large', '分块传输的扩展字段过大'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'it was not received in full within HTTP_REQUEST_TIMEOUT_MS', '未能在 HTTP_REQUEST_TIMEOUT_MS 内完整接收'],
  default: [
    400,
    'INVALID_REQUEST',
    'its request line or headers are malformed (a URL must be percent-encoded: no raw spaces or non-ASCII characters)',
    '请求行或请求头格式有误（网址须经百分号编码：不得含未编码的空格或非 ASCII 字符）',
  ],
};

/** Each JSON body as received (decompressed), kept from body-parser's `verify` until it is parsed. */
const bodyTexts = new WeakMap<IncomingMessage, Buffer>();

/** body-parser's JSON options, for either server: its limit, its errors, its strictness. */
function jsonOptions(ledger: LedgerRuntime): bodyParser.OptionsJson {
  return {
    limit: ledger.config.HTTP_BODY_LIMIT_BYTES,
    // Refuse, rather than let the decoder turn malformed bytes into U+FFFD and store them.
    verify: (req: IncomingMessage, _res: unknown, body: Buffer) => {
      if (!isUtf8(body)) throw Object.assign(new Error('the request body is not valid UTF-8'), { type: INVALID_UTF8_TYPE, status: 400 });
      bodyTexts.set(req, body);
    },
  };
}

type AppModuleDefinition = ReturnType<typeof AppModule.register>;

/**
 * body-parser's JSON reader, its errors kept as they are: Nest turns a SyntaxError with status 400
 * into a bare BadRequestException, losing body-parser's `type`, so a malformed body answered
 * INVALID_REQUEST without a Chinese title. As a BodyError it reaches the error filter whole.
 */
function jsonReader(json: bodyParser.OptionsJson, tokens: ApiTokenRepository) {
  const read = bodyParser.json(json);
  const readBody = (req: IncomingMessage, res: ServerResponse, proceed: () => void): void => {
    // A refused body is answered once the caller is authenticated (RefusedBodyGuard).
    const next = (refusal?: unknown): void => {
      if (refusal !== undefined) refuseBody(req, refusal);
      proceed();
    };
    // The import reads its own body (NDJSON, streamed) and says 415 to any other type; parsed
    // here as JSON, a file sent as application/json got a 400 "not JSON" (found by a review).
    if (isImportPath(req.url)) return next();
    // A 415 for UTF-16 as for latin1 (utf-16 answered a 400 quoting mojibake).
    const charset = unsupportedCharset(req.headers['content-type']);
    if (charset) return next(new BodyError(charset.message, 415, 'charset.unsupported', undefined, charset.messageZh));
    // `charset=utf8` is UTF-8 as the import takes it; body-parser knows only `utf-8` (found by a review: a 415).
    const contentType = req.headers['content-type'];
    if (contentType !== undefined) req.headers['content-type'] = contentType.replace(/(;\s*charset\s*=\s*"?)utf8\b/i, '$1utf-8');
    // x-gzip is gzip (RFC 9110 §8.4.1.3), as the import reads it; body-parser knows only the name gzip.
    if (req.headers['content-encoding']?.trim().toLowerCase() === 'x-gzip') req.headers['content-encoding'] = 'gzip';
    read(req, res, (error?: unknown) => {
      const text = bodyTexts.get(req);
      bodyTexts.delete(req);
      if (error) return next(BodyError.from(error));
      // A name given twice: JSON.parse kept the last value, which the caller may not have meant.
      const repeat = text && firstRepeatedKey(text.toString('utf8'), (req as IncomingMessage & { body?: unknown }).body);
      if (!repeat) return next();
      const { field, message, messageZh } = repeatedKeyMessages(repeat);
      next(new BodyError(message, 400, REPEATED_KEY_TYPE, undefined, messageZh, undefined, field));
    });
  };
  // A body is read only for a caller with a valid token: one without was read whole first, up to
  // HTTP_BODY_LIMIT_BYTES, however slowly it came (found by a security review: 300 connections
  // without a token each held a body open, the API +280 MB, none answered in 140 s). Left unread,
  // the guard answers 401 at once and the connection is closed (the error filter).
  return (req: IncomingMessage, res: ServerResponse, proceed: () => void): void => {
    let token: string;
    try {
      token = bearerTokenOf(req as never);
    } catch {
      return proceed(); // no token, or two: the guard says which
    }
    authenticateRequest(tokens, req, token).then(
      (authentication) => (authentication.ok ? readBody(req, res, proceed) : proceed()),
      () => proceed(), // the guard asks again and answers the database's failure
    );
  };
}

/** POST /v1/import, as either router matches it (any case, a trailing slash ignored). */

/**
 * Headers every API answer carries (the web app's files set their own): the answers hold cadres'
 * personal data (names, birth dates, sanctions), which no browser cache on a shared office PC nor a
 * proxy should keep, and none is to be sniffed as another type (found by a review).
 */
function apiAnswerHeaders(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  if (/^\/+docs(\/|\?|$)/i.test(url)) {
    // Swagger UI has a field for a token: it may not be framed by another page (clickjacking) nor run
    // anything but its own files (found by a security review: /docs was sent with no such header).
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return;
  }
  if (!/^\/+v1(\/|\?|$)/i.test(url)) return;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

async function createExpressApp(module: AppModuleDefinition, json: bodyParser.OptionsJson): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    apiAnswerHeaders(req, res);
    next();
  });
  app.use(compression({ threshold: COMPRESS_ABOVE_BYTES, filter: (req, res) => !isImportPath(req.url) && compression.filter(req, res) }));
  app.use(jsonReader(json, app.get(ApiTokenRepository)));
  app.disable('x-powered-by');
  // No body-hash ETags: a write's If-Match takes a stream revision, which the write answers and a
  // cadre's history sends as its ETag; Express's own W/"…" on every read was refused as If-Match.
  app.set('etag', false);
  return app;
}

async function createFastifyApp(module: AppModuleDefinition, json: bodyParser.OptionsJson): Promise<NestFastifyApplication> {
  // Express's routing, matched: case-insensitive paths, a trailing slash ignored, long ids routed
  // (to be refused by validation with the field's name, not by the router with a 404).
  const adapter = new FastifyAdapter({
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 10_000 },
    // The request id as under Express (requestIdFor), not Fastify's per-process counter.
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    // A URL Fastify's router cannot decode (`/v1/cadres/%FF/history`) is answered before Nest;
    // answer it as Express's does through the error filter: a Problem, not Fastify's own body,
    // naming the path as Express names the parameter (Fastify's code FST_ERR_BAD_URL told a clerk nothing).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // The id genReqId made of it (a caller's X-Request-Id only when sane), never the raw header (found by a security review).
      const requestId = String(request.id ?? randomUUID());
      void reply
        .code(400)
        .header('x-request-id', requestId)
        .send({ statusCode: 400, code: 'INVALID_REQUEST', ...urlNotDecoded(error.code === 'FST_ERR_BAD_URL' ? request.url : error.code), field: '(path)', ...problemTitle('INVALID_REQUEST'), requestId });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  // Echoed back, as under Express (pino-http's genReqId sets it there).
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // The web app's files are written to the raw response by serve-static, past Fastify's reply headers.
    reply.raw.setHeader('X-Request-Id', request.id);
    apiAnswerHeaders(request.raw, reply.raw);
    done();
  });
  // Answers compressed as Express's are; a request body is still read by the JSON reader (which undoes its encoding) or the import.
  await app.register(fastifyCompress, { threshold: COMPRESS_ABOVE_BYTES, encodings: ['gzip', 'deflate'], globalDecompression: false });
  const readJson = jsonReader(json, app.get(ApiTokenRepository));
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', (request, _payload, done) => {
    const raw = request.raw as IncomingMessage & { body?: unknown };
    readJson(raw, undefined as unknown as ServerResponse, () => done(null, raw.body));
  });
  // Any other body is left unread, as under Express: the import streams NDJSON from the request
  // itself; a JSON route sees no body and says which fields are missing.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  return app;
}

/**
 * Answers larger than this are compressed (gzip or deflate, as the caller accepts): a county-wide
 * report is 1 – 11 MB of JSON at a province, ≈ 11× smaller compressed, where a township office's
 * line carries 2 – 10 Mbit/s (found by a province-scale review: nothing was compressed). The
 * import's streamed report is not: each rejection is to reach the caller as soon as it is final.
 */
const COMPRESS_ABOVE_BYTES = 1024;

/** `{titleZh}` when the code has a Chinese title, as the error filter adds it. */
function problemTitle(code: string): { titleZh?: string } {
  const titleZh = errorTitleZh(code);
  return titleZh ? { titleZh } : {};
}
