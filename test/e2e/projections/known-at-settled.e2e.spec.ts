/**
 * T1: an answer "as known at" an instant must not change once given. The store stamps recordedAt
 * inside `ledger_append`, before its insert and commit, so an append whose commit lags (here another
 * session holds the stream's head row; in production a large import chunk, an fsync, a lock) could
 * carry a recordedAt at or before K while the answer given at K left it out, and the same question
 * asked later included it (found by a review). A request with knownAt now waits for such appends,
 * and says 503 KNOWN_AT_UNSETTLED rather than answer while one is still in flight past the timeout.
 */
import postgres from 'postgres';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { untilABackendWaitsOnALock } from '../../support/db-clock';
import { runCli } from '../../support/run-cli';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const registerCadre = (id: string) => ({
  id: `reg-${id}`,
  type: 'CadreRegistered',
  effectiveDate: '2000-01-01',
  data: { name: '王五', gender: 'M', birthDate: '1978-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
});
const grade = (id: string) => ({ id, type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'EXCELLENT' } });

describe('an answer as known at an instant while an append recorded before it is still committing', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('known_at_settled', {}, { READ_YOUR_WRITES_TIMEOUT_MS: '1500' });
  });
  afterAll(() => api.close());

  /** Holds `cadre-{id}`'s head row in another session while a grade is written, asks as known at K meanwhile (over HTTP, or as `ask` does), releases after `holdMs`. */
  async function askWhileHeld(cadreId: string, holdMs: number | 'until answered', ask: (k: string) => Promise<any> = (k) => api.request('GET', `/v1/cadres/${cadreId}/history?knownAt=${encodeURIComponent(k)}`, { role: 'AUDITOR' })) {
    expect((await api.request('POST', `/v1/cadres/${cadreId}/events`, { body: registerCadre(cadreId) })).status).toBe(201);
    const holder = postgres(api.db.url, { max: 1, onnotice: () => undefined });
    const reserved = await holder.reserve();
    try {
      await reserved`begin`;
      await reserved`select stream_id from event_streams where stream_id = ${`cadre-${cadreId}`} for update`;
      const writing = api.request('POST', `/v1/cadres/${cadreId}/events`, { role: 'CLERK', body: grade(`${cadreId}-grade-2021`) });
      await untilABackendWaitsOnALock(api.db.sql);
      const [{ k }] = (await api.db.sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as k`) as unknown as [{ k: string }];
      const asked = ask(k);
      const answered = holdMs === 'until answered' ? await asked : undefined;
      if (holdMs !== 'until answered') await sleep(holdMs);
      await reserved`commit`;
      const written = await writing;
      expect(written.status).toBe(201);
      return { k, askedAtK: answered ?? (await asked), askedLater: await api.request('GET', `/v1/cadres/${cadreId}/history?knownAt=${encodeURIComponent(k)}`, { role: 'AUDITOR' }), written };
    } finally {
      reserved.release();
      await holder.end();
    }
  }
  const mentions = (body: unknown, id: string) => JSON.stringify(body).split(id).length - 1;

  it('waits for the append and answers as it will stay: the event recorded before K is in the answer given at K', async () => {
    const { k, askedAtK, askedLater, written } = await askWhileHeld('CKS1', 500);
    expect(written.body.events[0].recordedAt <= k).toBe(true);
    expect(askedAtK.status).toBe(200);
    expect(mentions(askedAtK.body, 'CKS1-grade-2021')).toBeGreaterThan(0);
    expect(mentions(askedAtK.body, 'CKS1-grade-2021')).toBe(mentions(askedLater.body, 'CKS1-grade-2021'));
  });

  it('says 503 KNOWN_AT_UNSETTLED, in Chinese, when the append is still in flight after READ_YOUR_WRITES_TIMEOUT_MS; a knownAt before it answers at once', async () => {
    const { askedAtK, askedLater } = await askWhileHeld('CKS2', 2_500);
    expect(askedAtK.status).toBe(503);
    expect(askedAtK.body).toMatchObject({ code: 'KNOWN_AT_UNSETTLED', titleZh: '所选时刻前开始的录入尚未完成，请稍后重试' });
    expect(askedLater.status).toBe(200);
    expect(mentions(askedLater.body, 'CKS2-grade-2021')).toBeGreaterThan(0);
    expect((await api.request('GET', '/v1/cadres/CKS2/history?knownAt=2001-01-01', { role: 'AUDITOR' })).status).toBe(404);
  });

  it('the CLI waits as the API does, and says KNOWN_AT_UNSETTLED (exit 1) past the timeout', async () => {
    const cli = (timeoutMs: string) => (k: string) => runCli(['history', 'CKS3', '--known-at', k, '--json'], { DATABASE_URL: api.db.url, READ_YOUR_WRITES_TIMEOUT_MS: timeoutMs });
    // The CLI's own start-up takes a while: the write is held for longer than it, and released within the timeout.
    const settled = await askWhileHeld('CKS3', 4_000, cli('20000'));
    expect(settled.askedAtK.code).toBe(0);
    expect(mentions(JSON.parse(settled.askedAtK.stdout), 'CKS3-grade-2021')).toBeGreaterThan(0);
    const unsettled = await askWhileHeld('CKS4', 'until answered', (k) => runCli(['history', 'CKS4', '--known-at', k, '--json'], { DATABASE_URL: api.db.url, READ_YOUR_WRITES_TIMEOUT_MS: '300' }));
    expect(unsettled.askedAtK.code).toBe(1);
    expect(JSON.parse(unsettled.askedAtK.stderr.trim().split('\n').at(-1))).toMatchObject({ error: { code: 'KNOWN_AT_UNSETTLED' } });
  });
});
