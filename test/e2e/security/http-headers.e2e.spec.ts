/**
 * The HTTP surface beyond input validation (a security review, 2026-12-05): response headers on answers that hold
 * cadres' personal data, the 401's challenge, the request id on every answer, ambiguous credentials.
 */
import { request as httpRequest } from 'node:http';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function raw(base: string, path: string, headers: Record<string, string | string[]> = {}, method = 'GET'): Promise<Raw> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    r.on('error', reject);
    r.end();
  });
}

describe('HTTP response headers', () => {
  let api: ApiHarness;
  let A: Record<string, string>;
  beforeAll(async () => {
    api = await startApi('http_headers');
    await registerTownshipAndCadre(api);
    A = { authorization: `Bearer ${api.tokens.ADMIN}` };
  });
  afterAll(() => api.close());

  // A township office's line carries 2 – 10 Mbit/s; a county-wide answer is megabytes of JSON (found by a province-scale review: nothing was compressed).
  it('compresses a large answer for a caller that accepts gzip, not for one that does not, and never the import’s streamed report', async () => {
    const big = await raw(api.baseUrl, '/docs/openapi.json', { 'accept-encoding': 'gzip' });
    expect(big.headers['content-encoding']).toBe('gzip');
    const plain = await raw(api.baseUrl, '/docs/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body).openapi).toMatch(/^3\./);
    // Decoded by fetch as a browser does: the same document.
    const viaFetch = await (await fetch(`${api.baseUrl}/docs/openapi.json`, { headers: { 'accept-encoding': 'gzip' } })).json();
    expect(viaFetch).toEqual(JSON.parse(plain.body));
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `gz-${i}`, type: 'NoSuchType', cadreId: 'C1', effectiveDate: '2020-01-01', data: {} })).join('\n');
    const report = await new Promise<Raw>((resolve, reject) => {
      const u = new URL(api.baseUrl);
      const r = httpRequest({ host: u.hostname, port: u.port, path: '/v1/import', method: 'POST', headers: { ...A, 'content-type': 'application/x-ndjson', 'accept-encoding': 'gzip' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      r.on('error', reject);
      r.end(lines);
    });
    expect(report.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(report.body)).toMatchObject({ rejectedCount: 60 });
  });

  // A client joining URLs wrongly (found by a security review: //v1/status was answered 200 with the web app's page).
  it.each(['//v1/status', '///v1/cadres/C1/export', '//V1/me'])('%s is an API path: answered as one (JSON, no-store), never with the web app', async (path) => {
    for (const headers of [{}, A]) {
      const r = await raw(api.baseUrl, path, headers);
      expect(r.status).not.toBe(200);
      expect(String(r.headers['content-type'])).toMatch(/^application\/json/);
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  // Names, birth dates, sanctions: a browser or an intermediary must not keep them on disk. The import
  // already answers `Cache-Control: no-store`; the read routes and the exports do not.
  it.each(['/v1/cadres', '/v1/cadres/C1/history', '/v1/cadres/C1/export', '/v1/cadres/C1/export?format=html', '/v1/me'])(
    'answers holding personal data (%s) say Cache-Control: no-store',
    async (path) => {
      const r = await raw(api.baseUrl, path, A);
      expect(r.status).toBe(200);
      expect(String(r.headers['cache-control'] ?? '(none)')).toMatch(/no-store/);
    },
  );

  it('JSON answers carry X-Content-Type-Options: nosniff (as the HTML export and the web app do)', async () => {
    const r = await raw(api.baseUrl, '/v1/cadres/C1/history', A);
    expect(r.status).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the HTML export forbids being framed (frame-ancestors), as the web app does', async () => {
    const r = await raw(api.baseUrl, '/v1/cadres/C1/export?format=html', A);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
  });

  // RFC 9110 §11.6.1 / RFC 6750 §3: a 401 MUST carry a WWW-Authenticate challenge.
  it.each([
    ['no token', {}],
    ['unknown token', { authorization: 'Bearer ccl_unknown' }],
  ])('a 401 (%s) carries WWW-Authenticate: Bearer', async (_label, headers) => {
    const r = await raw(api.baseUrl, '/v1/cadres', headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(String(r.headers['www-authenticate'] ?? '(none)')).toMatch(/^Bearer\b/);
  });

  // README: "Every request has an id … echoed back as X-Request-Id".
  it.each(['/', '/cadres/C1', '/assets'])('the web app answer for %s echoes X-Request-Id', async (path) => {
    const r = await raw(api.baseUrl, path, { 'x-request-id': 'http-headers-1' });
    expect(r.status).toBeLessThan(400);
    expect(r.headers['x-request-id']).toBe('http-headers-1');
  });

  // Two different credentials in one request are ambiguous (a proxy may act on the other one):
  // Node keeps the first and the API serves it as that caller.
  it('a request with two Authorization headers is refused, not served as the first one', async () => {
    const r = await raw(api.baseUrl, '/v1/me', { authorization: [`Bearer ${api.tokens.CLERK}`, `Bearer ${api.tokens.ADMIN}`] });
    expect(r.status).toBeGreaterThanOrEqual(400);
  });
});
