/**
 * Fuzzing every write endpoint with random and malformed bodies (fast-check): never a 5xx, and the
 * store is unchanged afterwards. Bodies are built to be invalid (random JSON, or a valid body with
 * exactly one field broken), so any 2xx would itself be a bug.
 */
import fc from 'fast-check';
import { startApi, type ApiHarness } from '../../support/api-harness';

const ENDPOINTS = ['/v1/cadres/C1/events', '/v1/org-units/T01/events', '/v1/appeals/A1/events', '/v1/policy/versions', '/v1/import'];

const validBodies: Record<string, Record<string, unknown>> = {
  '/v1/cadres/C1/events': { type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'STAFF' } },
  '/v1/org-units/T01/events': { type: 'TownshipPerformanceScored', effectiveDate: '2021-12-31', data: { year: 2021, score: 88.5 } },
  '/v1/appeals/A1/events': {
    type: 'AppealFiled',
    effectiveDate: '2021-03-01',
    data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'reg-C1', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2021-02-20' },
  },
};

/** One field broken in a way no schema accepts. */
const breakage = fc.constantFrom<(b: Record<string, unknown>) => Record<string, unknown>>(
  (b) => ({ ...b, effectiveDate: '2021-02-29' }),
  (b) => ({ ...b, effectiveDate: 20210101 }),
  (b) => ({ ...b, type: 'NoSuchEvent' }),
  (b) => ({ ...b, data: null }),
  (b) => ({ ...b, data: { ...(b.data as object), role: 'EMPEROR', year: 'last', stage: 7 } }),
  (b) => ({ ...b, data: { ...(b.data as object), unexpected: true } }),
  (b) => ({ ...b, id: '' }),
  (b) => ({ ...b, id: 'x'.repeat(500) }),
  (b) => ({ ...b, documentRef: 'nul\u0000byte' }),
  (b) => ({ ...b, override: { reason: '' } }),
  (b) => ({ ...b, actor: 'forged' }),
  (b) => {
    const { type: _dropped, ...rest } = b;
    return rest;
  },
);

const malformedRaw = fc.oneof(
  fc.string(),
  fc.constantFrom('{', '[1,2', '{"type":"AppointedToPost",', 'null', '"text"', '42', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"x":1}}'),
);

describe('fuzzing the write endpoints', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('fuzz');
    await api.request('POST', '/v1/org-units/T01/events', { body: { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } } });
    await api.request('POST', '/v1/cadres/C1/events', {
      body: { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
    });
  });
  afterAll(() => api.close());

  it('answers 4xx to every malformed body and writes nothing', async () => {
    const snapshot = async () => (await api.db.sql`select count(*)::int as n, coalesce(max(global_position), 0)::int as head from events`)[0];
    const before = await snapshot();
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.oneof(
          fc.record({ kind: fc.constant('json' as const), value: fc.anything({ maxDepth: 3 }) }),
          fc.record({ kind: fc.constant('broken' as const), breakIt: breakage }),
          fc.record({ kind: fc.constant('raw' as const), raw: malformedRaw, contentType: fc.constantFrom('application/json', 'application/x-ndjson', 'text/html', '') }),
        ),
        async (endpoint, input) => {
          let response;
          if (input.kind === 'raw') {
            response = await api.request('POST', endpoint, { rawBody: input.raw, headers: input.contentType ? { 'content-type': input.contentType } : {} });
          } else if (input.kind === 'broken') {
            const base = validBodies[endpoint] ?? { version: '9', effectiveFrom: '2024-01-01', settings: {} };
            response = await api.request('POST', endpoint, { body: input.breakIt(base) });
          } else {
            const isObject = typeof input.value === 'object' && input.value !== null && !Array.isArray(input.value);
            // A random object is never a valid command: give it a field no schema allows.
            const body = isObject ? { ...(input.value as object), fuzz: true } : input.value;
            response = await api.request('POST', endpoint, endpoint === '/v1/import' ? { rawBody: JSON.stringify(body) ?? 'undefined', headers: { 'content-type': 'application/x-ndjson' } } : { body });
          }
          seen.add(response.status);
          if (response.status >= 500) throw new Error(`${endpoint} answered ${response.status}: ${JSON.stringify(response.body)}`);
          if (endpoint !== '/v1/import') expect(response.status).toBeGreaterThanOrEqual(400);
          else if (response.status === 200) expect(response.body.accepted).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(await snapshot()).toEqual(before);
    expect([...seen].every((s) => s < 500)).toBe(true);
  });
});
