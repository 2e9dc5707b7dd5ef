/**
 * Both HTTP servers answer every route the same way (README). A write to the import whose
 * Content-Type names no media type is told what to send, whatever the path's case or trailing
 * slash (found by a review: Fastify told /v1/import/ and /V1/Import to send application/json).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe.each(['fastify', 'express'])('under %s', (adapter) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(`import_415_${adapter}`, {}, { HTTP_ADAPTER: adapter });
  });
  afterAll(() => api.close());

  it.each(['/v1/import', '/v1/import/', '/V1/Import'])('POST %s with Content-Type ";" is told to send application/x-ndjson (the import’s type), as under either server', async (path) => {
    const r = await fetch(api.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.ADMIN}`, 'content-type': ';' }, body: '{}' });
    const body = (await r.json()) as { message: string; detailZh: string };
    expect(r.status).toBe(415);
    expect(body.message).toContain('application/x-ndjson');
    expect(body.message).not.toContain('application/json');
  });
});
