/**
 * A body the API refuses is answered only to a caller who may call the route: without a valid
 * token 401, with a role the route refuses 403, and only then 400, 413 or 415 for the body. Before,
 * the JSON reader answered first, so a caller without a token was told about the body it sent
 * (left open in earlier notes: "malformed bodies 400 before authentication"). The same on both servers.
 */
import { connect } from 'node:net';
import { startApi, type ApiHarness } from '../../support/api-harness';

/**
 * A request whose headers announce `length` bytes of JSON of which only a few are sent: what the
 * server answers and whether it closes the connection, within `withinMs` (null: no answer by then).
 */
function partialBody(baseUrl: string, authorization: string | undefined, length: number, withinMs: number): Promise<{ answer: string | null; closed: boolean }> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    let closed = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    socket.write(
      `POST /v1/cadres/C1/events HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n` +
        `${authorization ? `Authorization: ${authorization}\r\n` : ''}\r\n{"id":"x",`,
    );
    setTimeout(() => {
      resolve({ answer: answer || null, closed });
      socket.destroy();
    }, withinMs);
  });
}

const bodies: readonly (readonly [string, string, Record<string, string>, number, string])[] = [
  ['malformed JSON', '{"id": ', { 'content-type': 'application/json' }, 400, 'MALFORMED_JSON'],
  ['a name given twice', '{"id":"a","id":"b"}', { 'content-type': 'application/json' }, 400, 'REPEATED_JSON_KEY'],
  ['a bare JSON value', 'null', { 'content-type': 'application/json' }, 400, 'INVALID_REQUEST'],
  ['a body over the limit', `{"id":"${'x'.repeat(3000)}"}`, { 'content-type': 'application/json' }, 413, 'PAYLOAD_TOO_LARGE'],
  ['a charset other than UTF-8', '{}', { 'content-type': 'application/json; charset=latin1' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['bytes that are not UTF-8', '{"id":"\udc00"}', { 'content-type': 'application/json' }, 400, 'INVALID_UTF8'],
];

describe.each(['fastify', 'express'])('under %s', (adapter) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(`refused_body_${adapter}`, {}, { HTTP_ADAPTER: adapter, HTTP_BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => api.close());

  const send = async (body: string, headers: Record<string, string>, token?: string, path = '/v1/cadres/C1/events') => {
    const r = await fetch(api.baseUrl + path, {
      method: 'POST',
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body.includes('\udc00') ? Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) : body,
    });
    return { status: r.status, body: (await r.json()) as { code: string } };
  };

  it.each(bodies)('%s: 401 without a token, 401 with an unknown one, 403 to a role the route refuses, then the body’s own answer', async (_what, body, headers, status, code) => {
    expect(await send(body, headers)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await send(body, headers, 'not-a-token')).toMatchObject({ status: 401 });
    expect(await send(body, headers, api.tokens.AUDITOR)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await send(body, headers, api.tokens.CLERK)).toMatchObject({ status, body: { code } });
  });

  it('a body still arriving is not read for a caller without a valid token: 401 at once and the connection closed (it was read whole first, however slowly it came)', async () => {
    for (const authorization of [undefined, 'Bearer ccl_unknownunknownunknownunknownunknownunknown1']) {
      const { answer, closed } = await partialBody(api.baseUrl, authorization, 2000, 1500);
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(closed).toBe(true);
    }
    // A caller with a valid token is waited for, as before: its body is its own to send.
    expect(await partialBody(api.baseUrl, `Bearer ${api.tokens.CLERK}`, 2000, 1500)).toEqual({ answer: null, closed: false });
  });

  it('a refused body sent to no route is answered 404, as any request there', async () => {
    expect(await send('{"id": ', { 'content-type': 'application/json' }, api.tokens.ADMIN, '/v1/no-such-route')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('the next request on the same server is not answered with an earlier request’s refusal', async () => {
    expect(await send('{"id": ', { 'content-type': 'application/json' })).toMatchObject({ status: 401 });
    const r = await api.request('GET', '/v1/cadres/NOBODY/history');
    expect(r.status).toBe(404);
  });
});
