/**
 * Bounded security fuzzing of every write route and the import (fast-check, seeded): random
 * roles (and no, expired or garbage tokens), bodies that are valid, broken in one field, random
 * JSON, random bytes, invalid UTF-8 or oversized (≤ 1 MB), random Idempotency-Key, If-Match and
 * Content-Type. Never a 5xx; the ledger only grows by the accepted writes (counted from the
 * responses), everything before the starting digest is unchanged and every chain verifies; the
 * API's heap grows by less than 50 MB; every error status a route answers is one /docs/openapi.json
 * lists for it. Replay a failure with FC_SEED=<seed> (printed).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { ApiTokenRepository, type Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { documentedOperation, openApiDocument, type OpenApiDocument } from '../../support/openapi';
import { fuzzRequest, type FuzzRequest } from './fuzz-inputs';

const SEED = process.env.FC_SEED === undefined ? 20261130 : Number(process.env.FC_SEED);
const RUNS = 250;
/** The whole property, so that the suite stays well inside a minute on a loaded machine. */
const TIME_LIMIT_MS = 30_000;
const MEMORY_LIMIT = 50 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('security fuzzing of every write route and the import', () => {
  let api: ApiHarness;
  let tokens: Record<string, string | undefined>;
  let policySettings: unknown;
  let spec: OpenApiDocument;

  beforeAll(async () => {
    api = await startApi('sec_fuzz');
    await registerTownshipAndCadre(api);
    policySettings = (await api.request('GET', '/v1/policy?on=2021-06-30', { role: 'ADMIN' })).body.defaults.settings;
    const expired = await new ApiTokenRepository(api.db.sql).issue('ADMIN', '过期管理员', 'test', 60_000);
    await api.db.sql`update api_tokens set expires_at = clock_timestamp() - interval '1 second' where token_id = ${expired.tokenId}`;
    tokens = { ...api.tokens, NONE: undefined, EXPIRED: expired.token, GARBAGE: 'ccl_' + 'A'.repeat(43) };
    spec = await openApiDocument(api);
  });
  afterAll(() => api.close());

  const eventCount = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  async function send(request: FuzzRequest): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { ...request.headers };
    const token = tokens[request.caller as Role | 'NONE' | 'EXPIRED' | 'GARBAGE'];
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${api.baseUrl}${request.path}`, { method: 'POST', headers, body: request.body });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status, body: text.slice(0, 200) };
    }
  }

  /** Events a 2xx answer says it wrote: the write routes return them, the import counts them (a dry run's count is what it would write: none written). */
  function eventsWritten(request: FuzzRequest, response: { status: number; body: any }): number {
    if (response.status === 201) return (response.body.events as unknown[]).length;
    if (request.route === 'import' && response.status === 200) return response.body.dryRun === true ? 0 : Number(response.body.eventsWritten);
    return 0;
  }

  it(`answers every request below 500 and writes exactly what it accepts (seed ${SEED}, replay with FC_SEED)`, async () => {
    const digest = (await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body;
    const startCount = await eventCount();
    // Warm up the routes once, so the baseline includes what the first requests load for good.
    for (const route of ['/v1/cadres/C1/events', '/v1/import']) await api.request('POST', route, { rawBody: '{}', headers: { 'content-type': 'application/json' } });
    const heapBefore = heapAfterGc();
    const statuses = new Map<number, number>();
    let accepted = 0;
    let runs = 0;
    const slow: string[] = [];
    /** Error statuses a route answered that /docs/openapi.json does not list for it. */
    const undocumented = new Set<string>();
    /** Error answers without their message in Chinese (detailZh). */
    const withoutChinese = new Set<string>();
    const started = Date.now();
    const property = fc.asyncProperty(fuzzRequest({ policySettings }), async (request) => {
      runs++;
      const t0 = Date.now();
      const response = await send(request);
      if (Date.now() - t0 > 500) slow.push(`${request.route} ${request.kind} ${response.status} ${Date.now() - t0}ms`);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) {
        throw new Error(`${request.caller} POST ${request.path} (${request.kind}) answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
      }
      accepted += eventsWritten(request, response);
      const operation = documentedOperation(spec, 'POST', request.path);
      if (response.status >= 400 && operation && !operation.statuses.includes(String(response.status))) undocumented.add(`${response.status} POST ${operation.template}`);
      if (response.status >= 400 && !/\p{Script=Han}/u.test(String(response.body?.detailZh ?? ''))) withoutChinese.add(`${response.status} ${response.body?.code} POST ${request.route} (${request.kind})`);
    });
    try {
      await fc.assert(property, { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true, includeErrorInReport: true });
    } catch (error) {
      throw new Error(`fuzzing failed; replay with FC_SEED=${SEED} npx jest test/e2e/security/fuzz.e2e.spec.ts\n${(error as Error).message}`);
    }
    const heapGrowth = heapAfterGc() - heapBefore;
    process.stdout.write(
      `security fuzz: seed ${SEED}, ${runs} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${accepted} events accepted, heap growth ${(heapGrowth / 1048576).toFixed(1)} MB; slower than 0.5 s: ${slow.join('; ') || 'none'}\n`,
    );

    expect(runs).toBeGreaterThanOrEqual(50);
    expect(accepted).toBeGreaterThan(0); // the count below would prove nothing if nothing were accepted
    expect([...statuses.keys()].some((s) => s === 401 || s === 403)).toBe(true);
    expect([...undocumented].sort()).toEqual([]);
    expect([...withoutChinese].sort()).toEqual([]);
    expect((await eventCount()) - startCount).toBe(accepted);
    const since = await api.request('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(digest.digest)}`, { role: 'AUDITOR' });
    expect(since.status).toBe(200);
    expect(since.body).toMatchObject({ ok: true });
    const verify = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect(verify.body).toMatchObject({ ok: true });
    expect(heapGrowth).toBeLessThan(MEMORY_LIMIT);
  });
});
