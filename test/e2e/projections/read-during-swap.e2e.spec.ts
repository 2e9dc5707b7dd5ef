/**
 * A read that meets a rebuild's swap (found by a review): `projections rebuild` replaces a
 * projection's tables under the same names in one transaction (projection-runner.ts, swapIn). A
 * read whose snapshot was taken before that commit, and which then waited on the swap's lock, read
 * the new tables through that old snapshot: empty, answered 200 with no cadre and no `behind`.
 * Here the swap is done by hand, held open while the read arrives, then committed.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('an answer read while a rebuild swaps in its tables', () => {
  let api: ApiHarness;
  const post = (path: string, body: unknown) => api.write(path, body);

  beforeAll(async () => {
    api = await startApi('read_during_swap');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '东山镇', kind: 'TOWNSHIP' } });
    for (const [cadreId, role] of [
      ['SW1', 'PARTY_SECRETARY'],
      ['SW2', 'HEAD'],
    ] as const) {
      await post(`/v1/cadres/${cadreId}/events`, {
        id: `reg-${cadreId}`,
        type: 'CadreRegistered',
        effectiveDate: '2000-01-01',
        data: { name: `干部${cadreId}`, gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
      });
      await post(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-post`, type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role } });
    }
  });
  afterAll(() => api.close());

  const eligibility = () => api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30', { role: 'ORG_DEPT' });

  it('waits for the swap and reads the tables it committed, not an empty county', async () => {
    const before = await eligibility();
    expect(before.status).toBe(200);
    expect(before.body.cadres.map((c: { cadreId: string }) => c.cadreId).sort()).toEqual(['SW1', 'SW2']);

    const sql = api.db.sql;
    const reserved = await sql.reserve();
    let read: Promise<Awaited<ReturnType<typeof eligibility>>> | undefined;
    try {
      // The swap as swapIn does it: the live tables locked, dropped, and a full copy renamed in their place.
      await reserved`begin`;
      for (const t of ['proj_cadre_timelines', 'proj_post_intervals', 'proj_post_windows']) {
        await reserved.unsafe(`create table ${t}__swap (like ${t} including all)`);
        await reserved.unsafe(`insert into ${t}__swap select * from ${t}`);
      }
      await reserved`lock table proj_cadre_timelines, proj_post_intervals, proj_post_windows in access exclusive mode`;
      read = eligibility();
      // The read is waiting on the swap's lock before the swap commits.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [waiting] = await sql`select count(*)::int4 as n from pg_locks where not granted and locktype = 'relation'`;
        if (Number(waiting!.n) > 0) break;
        if (Date.now() > deadline) throw new Error('the read never waited on the swap');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const t of ['proj_cadre_timelines', 'proj_post_intervals', 'proj_post_windows']) {
        await reserved.unsafe(`drop table ${t}`);
        await reserved.unsafe(`alter table ${t}__swap rename to ${t}`);
      }
      await reserved`commit`;
    } finally {
      reserved.release();
    }
    const during = await read!;
    expect(during.status).toBe(200);
    expect(during.body.behind).toBeUndefined();
    expect(during.body.cadres.map((c: { cadreId: string }) => c.cadreId).sort()).toEqual(['SW1', 'SW2']);
  });
});
