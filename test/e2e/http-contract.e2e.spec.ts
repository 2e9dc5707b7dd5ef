/**
 * /docs/openapi.json against what the API answers, where the harness's own check (every documented
 * answer against its schema) cannot see: statuses raised by global guards, the Problem's fields,
 * paths in another case, the export's two media types. Each found by a review of the contract.
 */
import postgres from 'postgres';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../support/api-harness';
import { untilABackendWaitsOnALock } from '../support/db-clock';

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

describe('the HTTP contract where the harness does not look', () => {
  let api: ApiHarness;
  let doc: Doc;
  beforeAll(async () => {
    api = await startApi('http_contract', {}, { READ_YOUR_WRITES_TIMEOUT_MS: '300' });
    await registerTownshipAndCadre(api);
    doc = (await (await fetch(`${api.baseUrl}/docs/openapi.json`)).json()) as Doc;
  });
  afterAll(() => api.close());

  const raw = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(api.baseUrl + path, { method, headers: { authorization: `Bearer ${api.tokens.ADMIN}`, ...headers } });
    const text = await r.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: r.status, body, headers: r.headers };
  };

  it('every operation that takes knownAt lists the 503 KNOWN_AT_UNSETTLED it answers (README: each operation lists the error statuses it may answer)', async () => {
    // Live: an append held mid-commit, a history asked as known at an instant after its recordedAt.
    const holder = postgres(api.db.url, { max: 1, onnotice: () => undefined });
    const reserved = await holder.reserve();
    let answer: { status: number; body: any; headers: Headers };
    try {
      await reserved`begin`;
      await reserved`select stream_id from event_streams where stream_id = 'cadre-C1' for update`;
      const writing = api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: 'hc-503', type: 'HealthCheckCompleted', effectiveDate: '2020-01-01', data: {} } });
      await untilABackendWaitsOnALock(api.db.sql);
      const [{ k }] = (await api.db.sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as k`) as unknown as [{ k: string }];
      answer = await raw('GET', `/v1/cadres/C1/history?knownAt=${encodeURIComponent(k)}`);
      await reserved`commit`;
      await writing;
    } finally {
      reserved.release();
      await holder.end();
    }
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('KNOWN_AT_UNSETTLED');
    const missing = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([, op]) => (op.parameters ?? []).some((p: any) => p.in === 'query' && p.name === 'knownAt'))
        .filter(([, op]) => !('503' in op.responses))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('the Problem schema documents the fields error answers carry: behind (a 404 while the read models are behind), retryAfterSeconds (503)', () => {
    const properties = Object.keys(doc.components.schemas.Problem.properties);
    expect(properties).toEqual(expect.arrayContaining(['behind', 'retryAfterSeconds']));
  });

  it('a GET path in another case reaches the API, as the routers take paths case-insensitively (POST /V1/… does), not the web app’s index.html', async () => {
    const lower = await raw('GET', '/v1/cadres/C1/history');
    expect(lower.status).toBe(200);
    const upper = await raw('GET', '/V1/cadres/C1/history');
    expect(upper.headers.get('content-type')).toMatch(/^application\/json/);
    expect(upper.status).toBe(200);
    expect(upper.body.cadreId).toBe('C1');
    const unknown = await raw('GET', '/V1/no-such-route');
    expect({ status: unknown.status, type: unknown.headers.get('content-type')?.split(';')[0] }).toEqual({ status: 404, type: 'application/json' });
  });

  it('the export documents its HTML answer as text (a string), and its errors as the JSON Problem they are', async () => {
    const html = await raw('GET', '/v1/cadres/C1/export?format=html');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(typeof html.body).toBe('string');
    const notFound = await raw('GET', '/v1/cadres/NOPE/export?format=html');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toMatch(/^application\/json/);
    const responses = doc.paths['/v1/cadres/{cadreId}/export']!.get.responses;
    expect(responses['200'].content['text/html'].schema).toEqual(expect.objectContaining({ type: 'string' }));
    for (const status of ['401', '403', '404']) expect(Object.keys(responses[status].content)).toEqual(['application/json']);
  });
});
