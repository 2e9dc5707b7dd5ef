/**
 * What the routes use of a request and a response, the same under Express and Fastify
 * (HTTP_ADAPTER): a route written against these types runs on either server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Express's Request and Fastify's request both carry the headers; Fastify's wraps Node's in `raw`. */
export interface HttpRequest {
  readonly headers: IncomingHttpHeaders;
  readonly raw?: IncomingMessage;
}

/** Express's Response and Fastify's reply both have `status(code)`, `header(name, value)` and `getHeader(name)`. */
export interface HttpResponse {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  getHeader(name: string): unknown;
  readonly raw?: ServerResponse;
  hijack?(): unknown;
}

/** Node's request under either server (a stream: the NDJSON import reads it). */
export function nodeRequest(req: HttpRequest): IncomingMessage {
  return req.raw ?? (req as unknown as IncomingMessage);
}

/**
 * Node's response under either server, for a route that writes its body itself (a streamed
 * report): Fastify is told the route answers on its own.
 */
export function nodeResponse(res: HttpResponse): ServerResponse {
  if (res.raw) {
    res.hijack?.();
    return res.raw;
  }
  return res as unknown as ServerResponse;
}

/** The request id the logger gave the request (the caller's X-Request-Id, or a fresh UUID). */
/**
 * A request's id, under either server: the caller's X-Request-Id when sane, otherwise a fresh UUID
 * (echoed back as X-Request-Id). A write stores it as its events' correlationId, so it must be unique
 * across processes: Fastify's own ids ("req-1", "req-2", …) restart in every process, and one
 * correlationId came to name unrelated writes (found by a review).
 */
export function requestIdFor(req: { headers: IncomingHttpHeaders }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

export function requestIdOf(req: HttpRequest): string {
  const id = (nodeRequest(req) as IncomingMessage & { id?: unknown }).id;
  return id === undefined || id === null ? '' : String(id);
}

/**
 * Why a body of this Content-Type cannot be read, in English and Chinese: a charset other than
 * UTF-8 (the JSON routes' body-parser would decode UTF-16 and UTF-32 too, and the import would read
 * any as UTF-8; found by a review). Undefined when it names none, or UTF-8.
 */
export function unsupportedCharset(contentType: string | undefined): { message: string; messageZh: string } | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  const named = charset.slice(0, 40);
  return { message: `unsupported charset "${named}": the request body must be UTF-8`, messageZh: `不支持的字符集 "${named}"：请求内容须为 UTF-8 编码` };
}

/** The import route, as either router matches it: case-insensitive, a trailing slash allowed. */
export function isImportPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0]!.toLowerCase().replace(/\/+$/, '');
  return path === '/v1/import';
}
