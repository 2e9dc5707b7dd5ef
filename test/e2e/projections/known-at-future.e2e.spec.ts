/**
 * T1 for an instant not yet past. An answer as known at an instant never changes once given; found
 * by a review: `knownAt=2099-12-31` answered with what was recorded so far, and the same question
 * after the next write answered differently. A later instant (a bare date of today stands for its
 * end) is now answered as known now: the answer's `knownAt` names that instant, every write
 * acknowledged before the question is in it (read your writes), and the same question as known at
 * that instant is answered the same after any later write, over HTTP and in the CLI.
 */
import { noLaterThanNow } from '@ledger/projections';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('knownAt later than now', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('known_at_future');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api.close());

  const train = async (id: string) =>
    expect(((r) => [r.status, r.body.code])(await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id, type: 'TrainingCompleted', effectiveDate: '2024-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } } }))).toEqual([201, undefined]);
  const ids = (body: { events: { eventId: string }[] }) => body.events.map((e) => e.eventId);

  it('noLaterThanNow: an instant up to now is kept; one later, by a millisecond or by years, is now', () => {
    const now = Date.parse('2026-12-05T08:00:00.000Z');
    expect(noLaterThanNow('2026-12-05T07:59:59.999Z', now)).toBe('2026-12-05T07:59:59.999Z');
    expect(noLaterThanNow('2026-12-05T08:00:00.000Z', now)).toBe('2026-12-05T08:00:00.000Z');
    expect(noLaterThanNow('2026-12-05T08:00:00.001Z', now)).toBe('2026-12-05T08:00:00.000Z');
    expect(noLaterThanNow('2099-12-31T00:00:00.000Z', now)).toBe('2026-12-05T08:00:00.000Z');
  });

  it.each(['2099-12-31T00:00:00Z', '2099-12-31'])('knownAt=%s is answered as known at the instant asked, the write just acknowledged in it, and that answer stays after the next write (HTTP)', async (future) => {
    const tag = future.length;
    await train(`c1-train-${tag}`);
    const asked = Date.now();
    const first = await api.request('GET', `/v1/cadres/C1/history?knownAt=${encodeURIComponent(future)}`, { role: 'AUDITOR' });
    const answered = Date.now();
    expect(first.status).toBe(200);
    expect(Date.parse(first.body.knownAt)).toBeGreaterThanOrEqual(asked);
    expect(Date.parse(first.body.knownAt)).toBeLessThanOrEqual(answered);
    // Read your writes: the training acknowledged a moment before is in the answer.
    expect(ids(first.body)).toContain(`c1-train-${tag}`);
    await train(`c1-later-${tag}`);
    const again = await api.request('GET', `/v1/cadres/C1/history?knownAt=${encodeURIComponent(first.body.knownAt)}`, { role: 'AUDITOR' });
    expect(ids(again.body)).toEqual(ids(first.body));
    expect(ids((await api.request('GET', '/v1/cadres/C1/history', { role: 'AUDITOR' })).body)).toContain(`c1-later-${tag}`);
  });

  it('the CLI answers --known-at 2099-12-31 the same way: as known at the instant it asked, the last write in it', async () => {
    await train('c1-train-cli');
    const asked = Date.now();
    const cli = await runCli(['history', 'C1', '--known-at', '2099-12-31', '--json'], { DATABASE_URL: api.db.url });
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    const answer = JSON.parse(cli.stdout) as { knownAt: string; events: { eventId: string }[] };
    expect(Date.parse(answer.knownAt)).toBeGreaterThanOrEqual(asked);
    expect(Date.parse(answer.knownAt)).toBeLessThanOrEqual(Date.now());
    expect(answer.events.map((e) => e.eventId)).toContain('c1-train-cli');
  });
});
