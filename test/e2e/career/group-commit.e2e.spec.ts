/**
 * Group commit over HTTP: concurrent writes share store calls (their events share a transaction),
 * every request gets its own answer — a stale If-Match or a reused id fails only itself — and the
 * writes to one cadre are chained: its stream stays gapless with every accepted event in it.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const training = (id: string, year: number) => ({ id, type: 'TrainingCompleted', effectiveDate: `${year}-06-01`, data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } });

describe('group commit of HTTP writes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('group_commit');
    for (const c of ['G1', 'G2', 'G3']) {
      const r = await api.request('POST', `/v1/cadres/${c}/events`, {
        role: 'CLERK',
        body: { id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => api.close());

  it('answers each of many concurrent writes on its own, chains each cadre’s writes and shares transactions', async () => {
    await api.request('POST', '/v1/cadres/G1/events', { role: 'CLERK', body: training('g-taken', 2001) });
    await api.request('POST', '/v1/cadres/G2/events', { role: 'CLERK', body: training('g-pre', 2001) });
    const requests = [
      ...Array.from({ length: 36 }, (_, i) => ({ cadre: `G${(i % 3) + 1}`, body: training(`g-${i}`, 2002 + (i % 20)), headers: {} as Record<string, string> })),
      { cadre: 'G2', body: training('g-stale', 2003), headers: { 'if-match': '"0"' } }, // G2 is past revision 0 already
      { cadre: 'G3', body: { ...training('g-taken', 2004) }, headers: {} }, // an id stored on G1, for another fact
    ];
    const answers = await Promise.all(requests.map((r) => api.request('POST', `/v1/cadres/${r.cadre}/events`, { role: 'CLERK', body: r.body, headers: r.headers })));
    expect(answers.slice(0, 36).filter((a) => a.status !== 201).map((a) => a.body)).toEqual([]); // none lost to a conflict
    expect(answers[36]).toMatchObject({ status: 409, body: { code: 'STREAM_VERSION_CONFLICT' } });
    expect(answers[37]).toMatchObject({ status: 409, body: { code: 'EVENT_ID_CONFLICT' } });

    const rows = await api.db.sql<{ stream_id: string; revisions: string[]; n: number }[]>`
      select stream_id, array_agg(revision::text order by revision) as revisions, count(*)::int as n from events where stream_id like 'cadre-G%' group by stream_id order by stream_id`;
    expect(rows.map((r) => [r.stream_id, r.n])).toEqual([['cadre-G1', 14], ['cadre-G2', 14], ['cadre-G3', 13]]);
    for (const r of rows) expect(r.revisions).toEqual(r.revisions.map((_, i) => String(i)));
    const ids = new Set(answers.slice(0, 36).map((a) => a.body.events[0].eventId as string));
    expect(ids.size).toBe(36);
    // Batched: some of the 36 writes were stored by one call, in one transaction.
    const [{ transactions }] = await api.db.sql<{ transactions: number }[]>`
      select count(distinct transaction_id::text)::int as transactions from events where event_id like 'g-%' and event_id not in ('g-taken', 'g-pre')`;
    expect(transactions).toBeLessThan(36);
  });
});
