/**
 * T1 for an instant not yet past. An answer as known at an instant never changes once given; found
 * by a review: `knownAt=2099-12-31` answered with what was recorded so far, and the same question
 * after the next write answered differently. A later instant (a bare date of today stands for its
 * end) is now answered as known a second before now, the answer's `knownAt` naming that instant; the
 * same question as known at it is answered the same after any later write, over HTTP and the CLI.
 */
import { noLaterThanSettled, KNOWN_AT_SETTLED_MS } from '@ledger/projections';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

/** Past the second a later knownAt is answered as known at, so what was written before is in the answer. */
const pastTheSettledSecond = () => new Promise((resolve) => setTimeout(resolve, KNOWN_AT_SETTLED_MS + 50));

describe('knownAt later than now', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('known_at_future');
    await registerTownshipAndCadre(api);
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: 'c1-in', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } } })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('noLaterThanSettled: an instant up to now is kept; one later, by a millisecond or years, is answered as known a second before now', () => {
    const now = Date.parse('2026-12-05T08:00:00.000Z');
    const settled = new Date(now - KNOWN_AT_SETTLED_MS).toISOString();
    expect(noLaterThanSettled('2026-12-05T07:59:59.999Z', now)).toBe('2026-12-05T07:59:59.999Z');
    expect(noLaterThanSettled('2026-12-05T08:00:00.000Z', now)).toBe('2026-12-05T08:00:00.000Z');
    expect(noLaterThanSettled('2026-12-05T08:00:00.001Z', now)).toBe(settled);
    expect(noLaterThanSettled('2099-12-31T00:00:00.000Z', now)).toBe(settled);
  });

  it.each(['2099-12-31T00:00:00Z', '2099-12-31'])('knownAt=%s is answered as known a moment before now, and that answer stays after the next write (HTTP)', async (future) => {
    await pastTheSettledSecond();
    const asked = Date.now();
    const first = await api.request('GET', `/v1/cadres/C1/tenure?asOf=2030-01-01&knownAt=${encodeURIComponent(future)}`, { role: 'ORG_DEPT' });
    expect(first.status).toBe(200);
    const answeredAt = Date.parse(first.body.knownAt);
    expect(answeredAt).toBeLessThanOrEqual(Date.now() - KNOWN_AT_SETTLED_MS);
    expect(answeredAt).toBeGreaterThanOrEqual(asked - KNOWN_AT_SETTLED_MS);
    const removal = `c1-out-${future.length}`;
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: removal, type: 'RemovedFromPost', effectiveDate: '2029-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'END_OF_TERM' } } })).status).toBe(201);
    expect(first.body.posts).toEqual([expect.objectContaining({ eventIds: ['c1-in'], to: null })]);
    await pastTheSettledSecond();
    const again = await api.request('GET', `/v1/cadres/C1/tenure?asOf=2030-01-01&knownAt=${encodeURIComponent(first.body.knownAt)}`, { role: 'ORG_DEPT' });
    expect(again.body).toEqual(first.body);
    // Retracted again, so the next case starts from the open post.
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'ADMIN', body: { id: `${removal}-fix`, type: 'EntryRetracted', effectiveDate: '2029-01-02', data: { targetEventId: removal, reason: '录入错误' } } })).status).toBe(201);
  });

  it('the CLI answers --known-at 2099-12-31 the same way: as known a moment before it asked', async () => {
    const asked = Date.now();
    const cli = await runCli(['tenure', 'C1', '--as-of', '2030-01-01', '--known-at', '2099-12-31', '--json'], { DATABASE_URL: api.db.url });
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    const answeredAt = Date.parse(JSON.parse(cli.stdout).knownAt);
    expect(answeredAt).toBeGreaterThanOrEqual(asked - KNOWN_AT_SETTLED_MS);
    expect(answeredAt).toBeLessThanOrEqual(Date.now() - KNOWN_AT_SETTLED_MS);
  });
});
