/**
 * (A review, 2026-12-05) every documented path with every HTTP method (and a few odd ones), GETs carrying junk
 * bodies, and raw malformed requests over a socket: never a 5xx.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../../support/api-harness';
import { openApiDocument } from '../../../support/openapi';

describe('methods and raw requests', () => {
  let api: ApiHarness;
  let paths: string[];
  beforeAll(async () => {
    api = await startApi('fuzz_methods');
    await registerTownshipAndCadre(api);
    paths = Object.keys((await openApiDocument(api)).paths).map((p) => p.replace(/\{[^}]+\}/g, (m) => (m === '{name}' ? 'team-composition' : 'C1')));
  });
  afterAll(() => api?.close());

  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(api.baseUrl);
      const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });

  it('answers every method on every documented path below 500', async () => {
    const failures: string[] = [];
    for (const path of [...paths, '/v1/cadres/C1/events/', '/v1//cadres', '/v1/cadres/C1/events?', '/V1/CADRES']) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH']) {
        for (const body of method === 'HEAD' ? [undefined] : [undefined, '{"a":', 'null']) {
          const headers: Record<string, string> = { authorization: `Bearer ${api.tokens.ADMIN}` };
          if (body !== undefined) headers['content-type'] = 'application/json';
          try {
            const r = await send(method, path, headers, body);
            if (r.status >= 500) failures.push(`${r.status} ${method} ${path} body=${body}: ${r.text.slice(0, 200)}`);
          } catch (e) {
            failures.push(`${method} ${path} body=${body}: ${(e as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers raw malformed requests below 500', async () => {
    const url = new URL(api.baseUrl);
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(text));
        let out = '';
        socket.on('data', (c) => (out += c));
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
        setTimeout(() => {
          socket.destroy();
          resolve(out);
        }, 3000);
      });
    const auth = `Authorization: Bearer ${api.tokens.ADMIN}\r\n`;
    const body = '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{}}';
    const cases = [
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"typ\r\nzz\r\n`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 500\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nIf-Match: "0"\r\nIf-Match: "1"\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nIdempotency-Key: a\r\nIdempotency-Key: b\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nX-Request-Id: a\r\nX-Request-Id: b\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Encoding: br\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/import HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"id":"a","type"\r\n`,
      `GET /v1/cadres/C1/history?asOf=2021-01-01&asOf=2021-01-01 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres/%ZZ/history HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres/C1/history?%ZZ=1 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres?search=%ZZ HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres/\u00e4/history HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres/C1/history#frag HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET http://evil/v1/cadres HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET * HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/cadres HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n\r\n`,
      `GET /v1/cadres HTTP/1.1\r\nHost: x\r\nAuthorization: Basic Zm9vOmJhcg==\r\n\r\n`,
      `GET /v1/cadres HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'\u00ff'.repeat(50)}\r\n\r\n`,
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const out = await raw(c);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1] ?? 0);
      if (status >= 500) failures.push(`${status} for ${JSON.stringify(c.replace(api.tokens.ADMIN, 'TOKEN').slice(0, 200))}: ${out.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect((await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' })).body).toMatchObject({ ok: true });
  }, 120_000);
});
