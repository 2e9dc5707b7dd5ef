/**
 * An HTTP import is bounded by what the caller may still do and by what the shared API can hold
 * (found by a security review, 2026-12-07):
 * - its token is asked again while it runs: one revoked or expired under way stops it (401 in the
 *   report, the lines after not written), where it went on writing under the revoked token's name;
 * - a dry run, which keeps every state it changed until its end, checks at most
 *   IMPORT_DRY_RUN_MAX_LINES lines (413 DRY_RUN_TOO_LONG in the report; 300,000 lines from a clerk
 *   had grown the API by 700 MB), one at a time per process (429 DRY_RUN_BUSY).
 */
import { request, type ClientRequest } from 'node:http';
import { ApiTokenRepository } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const registration = (i: number, prefix = 'bnd') =>
  `${JSON.stringify({ id: `${prefix}-${i}`, type: 'CadreRegistered', cadreId: `${prefix.toUpperCase()}${i}`, effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } })}\n`;
const lines = (from: number, to: number, prefix?: string) => Array.from({ length: to - from + 1 }, (_, i) => registration(from + i, prefix)).join('');

/** An import whose body is sent as the test says, its report read whole once the server ends it. */
function openImport(api: ApiHarness, token: string, query = ''): { req: ClientRequest; report: Promise<{ status: number; headers: Record<string, unknown>; body: any }> } {
  const url = new URL(`${api.baseUrl}/v1/import${query}`);
  const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' } });
  const report = new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
        } catch (error) {
          reject(new Error(`the report is not whole JSON (${(error as Error).message}): ${text.slice(-300)}`));
        }
      });
      res.on('error', reject);
    });
  });
  return { req, report };
}

const stored = async (api: ApiHarness, prefix: string) => Number((await api.db.sql`select count(*)::int as n from events where event_id like ${`${prefix}-%`}`)[0]!.n);
const until = async (what: string, done: () => Promise<boolean>, timeoutMs = 20_000) => {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('POST /v1/import: a token revoked while the import runs', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_bounds_token', {}, { TOKEN_CACHE_TTL_MS: '500' });
  }, 60_000);
  afterAll(async () => api?.close());

  it('given an import under way, when its token is revoked elsewhere, then it stops within the cache TTL and a second: the report says 401 and the lines sent after are not written', async () => {
    const cli = new ApiTokenRepository(api.db.sql); // another process's view (the CLI's token revoke)
    const issued = await cli.issue('CLERK', '导入中被吊销', 'test');
    const { req, report } = openImport(api, issued.token);
    // Chunks of 1,000 lines are written as they fill: the first two are stored before the revocation.
    req.write(lines(1, 2000, 'rvk'));
    await until('the first 2,000 lines to be stored', async () => (await stored(api, 'rvk')) === 2000);
    await cli.revoke(issued.tokenId);
    // Within TTL (0.5 s) and one recheck (1 s); the upload goes on meanwhile, as a trickling sender's would.
    for (let i = 0; i < 10; i++) {
      req.write(lines(2001 + i * 100, 2100 + i * 100, 'rvk'));
      await new Promise((r) => setTimeout(r, 300));
    }
    const answer = await report;
    req.destroy();
    expect(answer.status).toBe(200); // streamed: the status went out when the import began
    expect(answer.body.error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(answer.body.error.detailZh).toContain('访问令牌无效或已被吊销；导入已中止');
    expect(answer.body.accepted).toBe(2000);
    expect(answer.body.lines).toBe(2000);
    expect(await stored(api, 'rvk')).toBe(2000);
  }, 60_000);
});

describe('POST /v1/import?dryRun=true: bounded', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_bounds_dry', {}, { IMPORT_DRY_RUN_MAX_LINES: '1000' });
  }, 60_000);
  afterAll(async () => api?.close());

  it('given IMPORT_DRY_RUN_MAX_LINES 1000, when a dry run sends more (its upload still going on), then the report ends whole with 413 DRY_RUN_TOO_LONG after 1,000 checked lines, and nothing is written', async () => {
    const { req, report } = openImport(api, api.tokens.CLERK, '?dryRun=true');
    req.write(lines(1, 1500, 'dry'));
    const answer = await report;
    req.destroy();
    expect(answer.body.error).toMatchObject({ statusCode: 413, code: 'DRY_RUN_TOO_LONG', maxLines: 1000 });
    expect(answer.body.error.detailZh).toContain('最多校验 1000 行（IMPORT_DRY_RUN_MAX_LINES）');
    expect(answer.body.dryRun).toBe(true);
    expect(answer.body.lines).toBe(1000);
    expect(await stored(api, 'dry')).toBe(0);
  }, 60_000);

  it('given IMPORT_DRY_RUN_MAX_LINES 1000, when a dry run sends exactly 1,000 lines, then it is checked whole; a real import is not bounded by it', async () => {
    const dry = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: lines(1, 1000, 'edge'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(dry.body).toMatchObject({ accepted: 1000, rejectedCount: 0, dryRun: true });
    expect(dry.body.error).toBeUndefined();
    const real = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: lines(1, 1500, 'real'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(real.body).toMatchObject({ accepted: 1500, appended: 1500 });
  }, 60_000);

  it('given a dry run under way, when another is sent, then it is answered 429 DRY_RUN_BUSY with Retry-After, and a real import is not held up; once the first ends, a dry run is taken again', async () => {
    const first = openImport(api, api.tokens.CLERK, '?dryRun=true');
    first.req.write(lines(1, 10, 'busy'));
    await new Promise((r) => setTimeout(r, 500));
    const second = await api.request('POST', '/v1/import?dryRun=true', { role: 'ADMIN', rawBody: lines(1, 10, 'busy2'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(second.body).toMatchObject({ code: 'DRY_RUN_BUSY', titleZh: '已有一次试导入正在进行', retryAfterSeconds: 5 });
    const real = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: lines(1, 10, 'busy3'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(real.body).toMatchObject({ accepted: 10, appended: 10 });
    first.req.end();
    expect((await first.report).body).toMatchObject({ accepted: 10, dryRun: true });
    const third = await api.request('POST', '/v1/import?dryRun=true', { role: 'ADMIN', rawBody: lines(1, 10, 'busy4'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(third.body).toMatchObject({ accepted: 10, dryRun: true });
  }, 60_000);
});
