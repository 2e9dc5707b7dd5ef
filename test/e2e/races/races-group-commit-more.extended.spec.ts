/**
 * More of the HTTP write path under concurrency (group commit): provenance per request,
 * registrations, org units, policy, If-Match on a stream being created.
 */
import type { Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { groupCommitClient, reg, sleep, training } from './group-commit-client';

jest.setTimeout(300_000);

describe('write semantics under concurrency (more)', () => {
  let api: ApiHarness;
  const { post, ok, intact } = groupCommitClient(() => api);

  const background = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => post(`/v1/cadres/BG${i % 5}/events`, training(`bg-${Math.random()}`, i))));

  beforeAll(async () => {
    api = await startApi('races_group_commit_more');
    for (let i = 0; i < 5; i++) await ok(`/v1/cadres/BG${i}/events`, reg(`reg-BG${i}`, `背景${i}`));
  });
  afterAll(() => api.close());

  it('each event of a batch carries its own request’s actor and X-Request-Id', async () => {
    await ok('/v1/cadres/PV/events', reg('reg-PV', '出处'));
    const roles: Role[] = ['ADMIN', 'CLERK', 'ADMIN', 'CLERK', 'CLERK', 'ADMIN'];
    const bg = background(20);
    await sleep(2);
    const answers = await Promise.all(roles.map((role, i) => post('/v1/cadres/PV/events', training(`pv-${i}`, i), role, { 'x-request-id': `req-pv-${i}` })));
    await bg;
    expect(answers.map((a) => a.status)).toEqual(roles.map(() => 201));
    const rows = await api.db.sql`select event_id, actor, correlation_id from events where event_id like 'pv-%' order by event_id`;
    expect(rows.map((r) => [r.event_id, String(r.actor).split(':')[0], r.correlation_id])).toEqual(roles.map((role, i) => [`pv-${i}`, role, `req-pv-${i}`]));
  });

  it('one cadre registered by five clients at once with different ids: one 201, the others refused (4xx), one registration stored', async () => {
    const bg = background(20);
    await sleep(2);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post('/v1/cadres/DUPREG/events', reg(`dupreg-${i}`, `重复${i}`), 'CLERK')));
    await bg;
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422, 422]);
    const rows = await api.db.sql`select count(*)::int as n from events where stream_id = 'cadre-DUPREG'`;
    expect(rows[0]!.n).toBe(1);
    await intact();
  });

  it('If-Match "0" on a cadre stream being created at once: the registration is revision 0; a conditional write at 0 sent with it is 201 or 409 with actualRevision/streamExists', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = post(`/v1/cadres/NEW${i}/events`, reg(`reg-NEW${i}`, `新${i}`), 'CLERK');
      await sleep(i % 3);
      const b = post(`/v1/cadres/NEW${i}/events`, training(`new-t-${i}`, i), 'CLERK', { 'if-match': '"0"' });
      const [ra, rb] = await Promise.all([a, b]);
      if (ra.status !== 201) problems.push(`round ${i}: registration ${ra.status} ${JSON.stringify(ra.body).slice(0, 200)}`);
      if (rb.status === 201 && rb.body.revision !== 1) problems.push(`round ${i}: training at ${rb.body.revision}`);
      if (rb.status === 409 && !(rb.body.streamExists === false && rb.body.actualRevision === undefined)) problems.push(`round ${i}: 409 ${JSON.stringify(rb.body).slice(0, 300)}`);
      if (![201, 409, 422].includes(rb.status)) problems.push(`round ${i}: training ${rb.status} ${JSON.stringify(rb.body).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
    await intact();
  });

  it('policy versions adopted at once with the same If-Match: exactly one 201, the others 409 with the current revision', async () => {
    const settings = (await api.request('GET', '/v1/policy')).body.defaults.settings;
    const first = await post('/v1/policy/versions', { id: 'pol-0', version: 'v-0', effectiveFrom: '2020-01-01', settings });
    expect([first.status, first.status === 201 ? '' : first.body]).toEqual([201, '']);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post('/v1/policy/versions', { id: `pol-${i + 1}`, version: `v-${i + 1}`, effectiveFrom: `202${i + 1}-01-01`, settings }, 'ADMIN', { 'if-match': first.etag! })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!;
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.actualRevision)).toEqual([1, 1, 1, 1].map(() => winner.body.revision));
    await intact();
  });

  it('org-unit events at once on one township: all 201 (scores of different years), revisions contiguous', async () => {
    await ok('/v1/org-units/OU/events', { id: 'reg-OU', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP' } });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post('/v1/org-units/OU/events', { id: `ou-score-${i}`, type: 'TownshipPerformanceScored', effectiveDate: `${2011 + i}-12-31`, data: { year: 2011 + i, score: 80 + i } })));
    expect(answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${JSON.stringify(a.body).slice(0, 200)}`))).toEqual(answers.map(() => 201));
    expect(answers.map((a) => a.body.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The same year twice at once: one 201, the other 422 (a correction must name the score in force).
    const twice = await Promise.all([0, 1].map((i) => post('/v1/org-units/OU/events', { id: `ou-dup-${i}`, type: 'TownshipPerformanceScored', effectiveDate: '2019-12-31', data: { year: 2019, score: 70 + i } })));
    expect(twice.map((a) => a.status).sort()).toEqual([201, 422]);
    await intact();
  });

  it('a conditional write re-sent (at once, then later with a now-stale If-Match) answers 200 with the first answer, not 409', async () => {
    await ok('/v1/cadres/RS/events', reg('reg-RS', '重发'));
    const body = training('rs-1', 1);
    const both = await Promise.all([0, 1].map(() => post('/v1/cadres/RS/events', body, 'CLERK', { 'if-match': '"0"' })));
    expect(both.map((a) => a.status).sort()).toEqual([200, 201]);
    await ok('/v1/cadres/RS/events', training('rs-2', 2));
    const later = await post('/v1/cadres/RS/events', body, 'CLERK', { 'if-match': '"0"' });
    expect([later.status, later.body.revision]).toEqual([200, 1]);
  });

  it('read your writes after a burst: every appointment answered 201 is in the roster and tenure asked right after', async () => {
    await ok('/v1/org-units/RY/events', { id: 'reg-RY', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '白云镇', kind: 'TOWNSHIP' } });
    for (let i = 0; i < 12; i++) await ok(`/v1/cadres/RY${i}/events`, reg(`reg-RY${i}`, `读写${i}`));
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(`/v1/cadres/RY${i}/events`, { id: `ry-app-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'RY', role: 'STAFF' } }, 'CLERK')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const tenures = await Promise.all(Array.from({ length: 12 }, (_, i) => api.request('GET', `/v1/cadres/RY${i}/tenure?asOf=2020-06-01`)));
    const missing = tenures.map((t, i) => [i, t.status, JSON.stringify(t.body)] as const).filter(([, status, body]) => status !== 200 || !body.includes('"RY"') || body.includes('"behind"'));
    expect(missing.map(([i, st, b]) => `${i} ${st} ${b.slice(0, 200)}`)).toEqual([]);
  });
});
