/**
 * The read side's lifecycle (a review, 2026-12-05): rebuild vs catch-up, verify, the API's answers after a repair.
 */
import { adoptPolicy, appoint, assess, decideAppealCommand, fileAppeal, registerCadre, removeFromPost, rescind, retract, sanction, township, transfer, command } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ALWAYS_FRESH, LEDGER_PROJECTIONS, ProjectionRunner, ReadModelQueries, verifyProjections } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { recordAs, settle } from './support';
import { dumpProjectionTables } from '../../support/projections';
import { runCli } from '../../support/run-cli';

jest.setTimeout(120_000);

let api: ApiHarness;

const history = () => [
  township('T01'),
  township('T02'),
  registerCadre('C1'),
  appoint('C1', '2012-01-01', 'T01', 'PARTY_SECRETARY', { id: 'c1-sec' }),
  ...[2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021].map((y) => assess('C1', y, y === 2015 || y === 2019 || y === 2020 ? 'EXCELLENT' : 'COMPETENT', { id: `c1-g${y}` })),
  registerCadre('C2'),
  appoint('C2', '2015-03-01', 'T02', 'HEAD', { id: 'c2-head' }),
  sanction('C2', '2019-05-01', 'S2', 'WARNING', { id: 'c2-s2' }),
  registerCadre('C3'),
  appoint('C3', '2016-01-01', 'T02', 'PARTY_SECRETARY', { id: 'c3-sec' }),
  // back-dated removal, recorded after later events
  assess('C3', 2017, 'EXCELLENT', { id: 'c3-g2017' }),
  removeFromPost('C3', '2018-06-30', 'T02', 'PARTY_SECRETARY', { id: 'c3-off', override: { reason: '工作需要' } }),
  retract('C1', '2022-01-10', 'c1-g2020', { id: 'c1-retract' }),
  fileAppeal('AP1', '2019-05-20', 'C2', 'c2-s2', { id: 'ap1-filed' }),
  decideAppealCommand('AP1', '2019-06-20', 'UPHELD', { id: 'ap1-decided' }),
  rescind('C2', '2019-06-25', 'S2', { id: 'c2-resc' }),
  transfer('C2', '2020-01-01', ['T02', 'HEAD'], ['T01', 'HEAD'], { id: 'c2-tr' }),
  command('TownshipPerformanceScored', { orgUnitId: 'T01' }, '2021-01-31', { year: 2020, score: 91 }, { id: 't01-score' }),
  adoptPolicy('2', '2020-06-01'),
];

const answerPaths = [
  '/v1/eligibility/in-post-promotion?asOf=2022-06-30',
  '/v1/eligibility/in-post-promotion?asOf=2017-06-30',
  '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2025-12-31',
  '/v1/cadres/C1/tenure?asOf=2022-06-30',
  '/v1/cadres/C2/tenure?asOf=2022-06-30',
  '/v1/cadres/C3/tenure?asOf=2022-06-30',
  '/v1/findings?asOf=2022-06-30',
  '/v1/findings?asOf=2022-06-30&orgUnitId=T02',
  '/v1/appeals?status=all',
  '/v1/org-units',
];

async function answers(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const path of answerPaths) {
    const r = await api.request('GET', path, { role: 'ORG_DEPT' });
    out[path] = [r.status, r.body];
  }
  return out;
}

beforeAll(async () => {
  api = await startApi('projlife');
  await recordAs(api, 'ADMIN', ...history());
  await settle(api);
});
afterAll(() => api?.close());

describe('rebuild vs incremental catch-up', () => {
  it('a full rebuild gives byte-identical tables and API answers to the live, event-by-event path', async () => {
    const liveTables = await dumpProjectionTables(api.db.sql);
    const liveAnswers = await answers();
    const env = { DATABASE_URL: api.db.url };
    const rebuilt = await runCli(['projections', 'rebuild', 'all'], env);
    expect([rebuilt.code, rebuilt.stderr]).toEqual([0, '']);
    await settle(api);
    expect(await dumpProjectionTables(api.db.sql)).toEqual(liveTables);
    expect(await answers()).toEqual(liveAnswers);
  });
});

describe('after verify finds a drifted row and an operator rebuilds', () => {
  it('the API answers from the repaired tables, not from the drifted row it had parsed', async () => {
    await recordAs(api, 'ADMIN', registerCadre('C4'), appoint('C4', '2016-01-01', 'T02', 'TEAM_MEMBER', { id: 'c4-tm' }));
    await settle(api);
    const expected = await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql));
    expect(expected.ok).toBe(true);
    // Drift before the API ever answered for C4: a row changed behind the projection's back (a bad hand fix, a bug, a restore).
    await api.db.sql`update proj_cadre_timelines set post_changes = '[]' where cadre_id = 'C4'`;
    const drifted = (await api.request('GET', '/v1/cadres/C4/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' })).body;
    expect(drifted.posts).toEqual([]); // the API answers from the drifted row
    const env = { DATABASE_URL: api.db.url };
    expect((await runCli(['projections', 'verify'], env)).code).toBe(3);
    const rebuilt = await runCli(['projections', 'rebuild', 'cadre-careers'], env);
    expect(rebuilt.code).toBe(0);
    expect((await runCli(['projections', 'verify'], env)).code).toBe(0);
    // The tables are repaired: every answer must be again what the events say.
    const after = (await api.request('GET', '/v1/cadres/C4/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' })).body;
    expect(after.posts).toEqual([expect.objectContaining({ orgUnitId: 'T02', role: 'TEAM_MEMBER', from: '2016-01-01' })]);
  });
});

describe('projections verify checks every column an answer reads', () => {
  it('a compliance row whose org_unit_ids drifted changes the township findings, and verify says so', async () => {
    // Asked of the tables themselves: the API keeps a county-wide answer until its projections move
    // (as it keeps parsed rows), and a drift made behind their back is what verify is for.
    const findings = () => new ReadModelQueries(api.db.sql, new PostgresEventStore(api.db.sql), ALWAYS_FRESH).findings({ asOf: '2022-06-30' as never, orgUnitId: 'T02' });
    const before = await findings();
    await api.db.sql`update proj_compliance_events set org_unit_ids = '{}' where 'T02' = any(org_unit_ids)`;
    const after = await findings();
    expect(after).not.toEqual(before); // precondition: the answer changed
    const result = await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql));
    await new ProjectionRunner(api.db.sql, new PostgresEventStore(api.db.sql)).rebuild(LEDGER_PROJECTIONS.find((p) => p.name === 'compliance')!);
    expect(result.ok).toBe(false);
  });

  it('a compliance row whose type drifted drops an appeal from the appeals list, and verify says so', async () => {
    const before = (await api.request('GET', '/v1/appeals?status=all', { role: 'ORG_DEPT' })).body;
    expect(before.appeals.length).toBeGreaterThan(0);
    await api.db.sql`update proj_compliance_events set type = 'Other' where type = 'AppealFiled'`;
    const after = (await api.request('GET', '/v1/appeals?status=all', { role: 'ORG_DEPT' })).body;
    expect(after.appeals).toEqual([]); // precondition
    const result = await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql));
    await new ProjectionRunner(api.db.sql, new PostgresEventStore(api.db.sql)).rebuild(LEDGER_PROJECTIONS.find((p) => p.name === 'compliance')!);
    expect(result.ok).toBe(false);
  });
});

describe('projections verify checks the positions the API caches by', () => {
  it('a timeline or org-unit row whose last_position drifted (the API would keep a stale parse) is reported', async () => {
    await api.db.sql`update proj_cadre_timelines set last_position = last_position + 1000000 where cadre_id = 'C1'`;
    const cadres = await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql));
    await new ProjectionRunner(api.db.sql, new PostgresEventStore(api.db.sql)).rebuild(LEDGER_PROJECTIONS.find((p) => p.name === 'cadre-careers')!);
    expect(cadres.ok).toBe(false);
    await api.db.sql`update proj_org_units set last_position = last_position + 1000000 where org_unit_id = 'T01'`;
    const units = await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql));
    await new ProjectionRunner(api.db.sql, new PostgresEventStore(api.db.sql)).rebuild(LEDGER_PROJECTIONS.find((p) => p.name === 'org-units')!);
    expect(units.ok).toBe(false);
    expect((await verifyProjections(api.db.sql, new PostgresEventStore(api.db.sql))).ok).toBe(true);
  });
});

describe('read your writes on every read route', () => {
  it('each answer asked right after an acknowledged write reflects it', async () => {
    const get = async (path: string) => {
      const r = await api.request('GET', path, { role: 'ORG_DEPT' });
      expect([path, r.status, r.body?.behind]).toEqual([path, 200, undefined]);
      return r.body;
    };
    for (let i = 1; i <= 3; i++) {
      const t = `TW${i}`;
      const c = `W${i}`;
      await recordAs(api, 'ADMIN', township(t));
      expect(JSON.stringify(await get('/v1/org-units'))).toContain(t);
      await recordAs(api, 'ADMIN', registerCadre(c));
      expect(JSON.stringify(await get(`/v1/cadres?ids=${c}`))).toContain(c);
      await recordAs(api, 'ADMIN', appoint(c, '2012-01-01', t, 'PARTY_SECRETARY', { id: `${c}-sec` }));
      expect(JSON.stringify(await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30'))).toContain(c);
      await recordAs(api, 'ADMIN', sanction(c, '2021-05-01', `SW${i}`, 'WARNING', { id: `${c}-s` }));
      await recordAs(api, 'ADMIN', fileAppeal(`APW${i}`, '2021-05-20', c, `${c}-s`, { id: `${c}-ap` }));
      expect(JSON.stringify(await get('/v1/appeals?status=all'))).toContain(`APW${i}`);
      await recordAs(api, 'ADMIN', removeFromPost(c, '2013-06-30', t, 'PARTY_SECRETARY', { id: `${c}-off`, override: { reason: `工作需要${i}` } }));
      expect(JSON.stringify(await get(`/v1/findings?asOf=2022-06-30&orgUnitId=${t}`))).toContain(`${c}-off`);
      expect((await get(`/v1/cadres/${c}/tenure?asOf=2022-06-30`)).posts).toEqual([expect.objectContaining({ to: '2013-06-30' })]);
    }
  });
});
