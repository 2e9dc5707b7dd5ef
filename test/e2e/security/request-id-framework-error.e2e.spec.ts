/**
 * Found by a security review (low): the Fastify adapter's `frameworkErrors` handler (apps/api/src/create-app.ts,
 * createFastifyApp) answers a URL its router cannot decode with the caller's raw `X-Request-Id`,
 * in the `X-Request-Id` response header and as `requestId` in the body, bypassing `requestIdFor`
 * (letters, digits, `_ . -`, up to 100; otherwise a fresh UUID). Any unauthenticated caller gets
 * arbitrary text (markup, several KiB) reflected under the ledger's own request-id field, which the
 * README promises is sanitised and which operators paste into log searches and tickets; it also
 * breaks "no error quotes more than 80 characters of the caller's input". Under Express the same
 * request gets a fresh UUID (and the two adapters answer differently).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('the request id on a URL the router cannot decode', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('request_id_bad_url');
  }, 120_000);
  afterAll(async () => api?.close());

  it('never echoes an X-Request-Id that requestIdFor would refuse (no token needed)', async () => {
    const hostile = '<img src=x onerror=alert(1)>'.repeat(100); // 2,800 characters
    const response = await fetch(`${api.baseUrl}/v1/cadres/%FF/history`, { headers: { 'x-request-id': hostile } });
    const body = (await response.json()) as { requestId?: string };
    expect(response.status).toBe(400);
    const echoedHeader = response.headers.get('x-request-id') ?? '';
    expect({ header: echoedHeader.length <= 100 && /^[\w.-]+$/.test(echoedHeader), body: /^[\w.-]{1,100}$/.test(body.requestId ?? '') }).toEqual({ header: true, body: true });
  });
});
