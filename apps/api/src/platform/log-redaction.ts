/**
 * The request as the log keeps it, with any API token in its URL or query replaced: a client that
 * put its token in the query string (`?access_token=…`) left a valid secret in the operator's logs.
 */
const API_TOKEN = /ccl_[A-Za-z0-9_-]+/g;
const REDACTED = 'ccl_[REDACTED]';

const redactText = (text: string): string => text.replace(API_TOKEN, REDACTED);

function redactValues(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValues);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redactText(key), redactValues(inner)]));
  return value;
}

/** pino-http's `req` serializer: it receives the request already serialized (id, method, url, query, headers…). */
export function withoutTokensInUrl<T extends { url?: unknown; query?: unknown }>(req: T): T {
  if (typeof req.url === 'string') req.url = redactText(req.url);
  if (req.query !== undefined) req.query = redactValues(req.query);
  return req;
}
