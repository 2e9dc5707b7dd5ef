/**
 * The read models at their boundaries (issue 4), end to end: events are POSTed to the write API,
 * the API's projections pick them up, and the answers are read from the read-model routes.
 * Each scenario has its own townships and cadres, so they share one ledger; every answer is
 * checked for the one cadre it is about. The suite ends with the projections' consistency check.
 */
import { LEDGER_PROJECTIONS } from '@ledger/projections';
import type { CadreInPostEligibility, ExcellentSecretaryCandidates, Grade, InPostPromotionEligibility, Tenure } from '@ledger/domain';
import {
  appoint,
  assess,
  registerCadre,
  removeFromPost,
  rescind,
  retract,
  sanction,
  township,
  transfer,
} from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent } from '../../support/projections';
import { databaseNow } from '../../support/db-clock';
import { instantBetween, read, record, settle } from './support';

let api: ApiHarness;

const eligibility = (asOf: string, knownAt?: string) =>
  read<InPostPromotionEligibility>(api, `/v1/eligibility/in-post-promotion?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`);
async function chief(cadreId: string, asOf: string, knownAt?: string): Promise<CadreInPostEligibility | undefined> {
  return (await eligibility(asOf, knownAt)).cadres.find((c) => c.cadreId === cadreId);
}
const check = (c: CadreInPostEligibility | undefined, rule: string) => c?.checks.find((k) => k.rule === rule);
const tenure = (cadreId: string, asOf: string) => read<Tenure>(api, `/v1/cadres/${cadreId}/tenure?asOf=${asOf}`);

/** Annual grades, each with the id `g{cadre}-{year}` so a spec can retract one. */
function grades(cadreId: string, byYear: Record<number, Grade>) {
  return Object.entries(byYear).map(([year, grade]) => assess(cadreId, Number(year), grade, { id: `g${cadreId}-${year}` }));
}
/** 2016–2023, EXCELLENT in 2018 and 2020 (and in `extra` years), COMPETENT otherwise. */
function secretaryGrades(cadreId: string, extra: number[] = []) {
  const byYear: Record<number, Grade> = {};
  for (let y = 2016; y <= 2023; y++) byYear[y] = y === 2018 || y === 2020 || extra.includes(y) ? 'EXCELLENT' : 'COMPETENT';
  return grades(cadreId, byYear);
}

beforeAll(async () => {
  api = await startApi('projections_boundaries', { projections: { pollIntervalMs: 10 } });
  await record(
    api,
    // 1: a secretary run reaching 8 years on 2024-03-01
    township('T801'),
    registerCadre('C801'),
    appoint('C801', '2016-03-01', 'T801', 'PARTY_SECRETARY', { id: 'a801' }),
    ...secretaryGrades('C801'),
    // 2: a transfer between townships as secretary
    township('T802A'),
    township('T802B'),
    registerCadre('C802'),
    appoint('C802', '2014-01-01', 'T802A', 'PARTY_SECRETARY', { id: 'a802' }),
    transfer('C802', '2018-06-01', ['T802A', 'PARTY_SECRETARY'], ['T802B', 'PARTY_SECRETARY'], { id: 't802' }),
    ...grades('C802', { 2015: 'EXCELLENT', 2017: 'COMPETENT', 2019: 'EXCELLENT', 2021: 'COMPETENT' }),
    // 3: head, then secretary
    township('T803'),
    registerCadre('C803'),
    appoint('C803', '2012-01-01', 'T803', 'HEAD', { id: 'a803' }),
    transfer('C803', '2016-01-01', ['T803', 'HEAD'], ['T803', 'PARTY_SECRETARY'], { id: 't803' }),
    ...grades('C803', { 2013: 'EXCELLENT', 2016: 'COMPETENT', 2019: 'EXCELLENT' }),
    // 4: a one-day gap between two secretary posts
    township('T804A'),
    township('T804B'),
    registerCadre('C804'),
    appoint('C804', '2015-01-01', 'T804A', 'PARTY_SECRETARY'),
    removeFromPost('C804', '2019-05-01', 'T804A', 'PARTY_SECRETARY', { reason: 'TRANSFER' }),
    appoint('C804', '2019-05-02', 'T804B', 'PARTY_SECRETARY', { id: 'a804b' }),
    ...grades('C804', { 2016: 'EXCELLENT', 2017: 'EXCELLENT', 2020: 'EXCELLENT', 2021: 'EXCELLENT' }),
    // 5: runs starting on 29 February
    township('T805A'),
    township('T805B'),
    registerCadre('C805'),
    appoint('C805', '2016-02-29', 'T805A', 'PARTY_SECRETARY'),
    ...grades('C805', { 2017: 'EXCELLENT', 2018: 'EXCELLENT' }),
    registerCadre('C805H'),
    appoint('C805H', '2016-02-29', 'T805B', 'HEAD'),
    ...grades('C805H', { 2017: 'EXCELLENT', 2018: 'EXCELLENT' }),
    // 6: an EXCELLENT grade, later retracted
    township('T806'),
    registerCadre('C806'),
    appoint('C806', '2016-03-01', 'T806', 'PARTY_SECRETARY'),
    ...secretaryGrades('C806'),
    // 7: a sanction in effect, later rescinded
    township('T807'),
    registerCadre('C807'),
    appoint('C807', '2016-03-01', 'T807', 'PARTY_SECRETARY'),
    ...secretaryGrades('C807', [2022]),
    sanction('C807', '2023-12-01', 'S807', 'WARNING', { id: 's807' }),
    // 8: a future-dated appointment
    township('T808'),
    registerCadre('C808'),
    appoint('C808', '2030-01-01', 'T808', 'HEAD', { id: 'a808' }),
    // 9: a chief who left before the date
    township('T809'),
    registerCadre('C809'),
    appoint('C809', '2010-01-01', 'T809', 'HEAD'),
    removeFromPost('C809', '2023-01-01', 'T809', 'HEAD', { reason: 'END_OF_TERM', id: 'r809' }),
  );
  await settle(api);
});

afterAll(() => api?.close());

describe('TM6b eligibility at its boundaries, through the public API', () => {
  it('a secretary run reaching 8 years exactly on the as-of date is eligible, with the policy version and evidence', async () => {
    const answer = await eligibility('2024-03-01');
    expect(answer).toEqual(expect.objectContaining({ asOf: '2024-03-01', policyVersion: '1' }));
    const c = answer.cadres.find((x) => x.cadreId === 'C801');
    expect(c).toEqual(
      expect.objectContaining({
        eligible: true,
        basis: 'PARTY_SECRETARY_8Y',
        partySecretaryRun: expect.objectContaining({ start: '2016-03-01', years: 8 }),
        chiefRun: expect.objectContaining({ start: '2016-03-01', years: 8 }),
      }),
    );
    expect(check(c, 'TM6b.partySecretaryRun')).toEqual({
      rule: 'TM6b.partySecretaryRun',
      passed: true,
      detail: '连续任乡镇党委书记 8 年 0 个月（自 2016-03-01），须满 8 年',
      evidence: ['a801'],
    });
    expect(check(c, 'TM6b.excellentGrades')?.evidence).toEqual(['gC801-2018', 'gC801-2020']);
  });

  it('one day short of 8 years is not eligible', async () => {
    const c = await chief('C801', '2024-02-29');
    expect(c).toEqual(expect.objectContaining({ eligible: false, basis: null, partySecretaryRun: expect.objectContaining({ years: 7 }) }));
    expect(check(c, 'TM6b.partySecretaryRun')?.passed).toBe(false);
  });

  it('a transfer between townships as secretary continues the run', async () => {
    const c = await chief('C802', '2022-01-01');
    expect(c).toEqual(
      expect.objectContaining({
        eligible: true,
        basis: 'PARTY_SECRETARY_8Y',
        partySecretaryRun: expect.objectContaining({ start: '2014-01-01', years: 8, eventIds: ['a802', 't802'] }),
        chiefPosts: [{ orgUnitId: 'T802B', orgUnitName: 'T802B 乡', role: 'PARTY_SECRETARY', from: '2018-06-01' }],
      }),
    );
    const t = await tenure('C802', '2022-01-01');
    expect(t.posts.map((p) => [p.orgUnitId, p.role, p.from, p.to])).toEqual([
      ['T802A', 'PARTY_SECRETARY', '2014-01-01', '2018-06-01'],
      ['T802B', 'PARTY_SECRETARY', '2018-06-01', null],
    ]);
    expect(t.partySecretaryRun?.start).toBe('2014-01-01');
  });

  it('head then secretary: the chief run continues, the secretary run starts at the move', async () => {
    const c = await chief('C803', '2022-01-01');
    expect(c).toEqual(
      expect.objectContaining({
        eligible: true,
        basis: 'CHIEF_10Y',
        chiefRun: expect.objectContaining({ start: '2012-01-01', years: 10 }),
        partySecretaryRun: expect.objectContaining({ start: '2016-01-01', years: 6 }),
      }),
    );
  });

  it('a one-day gap restarts both runs (grace 0)', async () => {
    const before = await chief('C804', '2019-04-30');
    expect(before?.partySecretaryRun?.start).toBe('2015-01-01');
    expect(await chief('C804', '2019-05-01')).toBeUndefined(); // the uncovered day: no chief post
    const after = await chief('C804', '2024-01-01');
    expect(after).toEqual(
      expect.objectContaining({
        eligible: false,
        partySecretaryRun: expect.objectContaining({ start: '2019-05-02', eventIds: ['a804b'] }),
        chiefRun: expect.objectContaining({ start: '2019-05-02' }),
      }),
    );
  });

  it('a run starting on 29 February reaches 8 years on 29 February and 10 years on 28 February of a common year (T3), also for a future as-of date', async () => {
    expect((await chief('C805', '2024-02-28'))?.eligible).toBe(false);
    expect(await chief('C805', '2024-02-29')).toEqual(expect.objectContaining({ eligible: true, basis: 'PARTY_SECRETARY_8Y' }));
    expect((await chief('C805H', '2026-02-27'))?.eligible).toBe(false);
    expect(await chief('C805H', '2026-02-28')).toEqual(
      expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y', chiefRun: expect.objectContaining({ start: '2016-02-29', years: 10 }) }),
    );
  });

  it('an EXCELLENT grade later retracted no longer counts; the knownAt view before the retraction still counts it', async () => {
    expect((await chief('C806', '2024-03-01'))?.eligible).toBe(true);
    const beforeRetraction = await instantBetween(api);
    await record(
      api,
      retract('C806', '2024-02-01', 'gC806-2020', { id: 'x806' }),
      assess('C806', 2020, 'COMPETENT', { id: 'gC806-2020b', date: '2024-02-01' }),
    );
    await settle(api);
    const now = await chief('C806', '2024-03-01');
    expect(now?.eligible).toBe(false);
    expect(check(now, 'TM6b.excellentGrades')).toEqual(
      expect.objectContaining({ passed: false, evidence: ['gC806-2018'], detail: expect.stringContaining('优秀等次 1 次') }),
    );
    const then = await eligibility('2024-03-01', beforeRetraction);
    expect(then.knownAt).toBe(beforeRetraction);
    expect(then.cadres.find((c) => c.cadreId === 'C806')?.eligible).toBe(true);
  });

  it('a sanction in effect on the date makes the cadre ineligible; rescinded, it is void from its start (TM9), except as known before', async () => {
    const during = await chief('C807', '2024-03-01');
    expect(during?.eligible).toBe(false);
    expect(check(during, 'TM6b.noSanctionPeriod')).toEqual({
      rule: 'TM6b.noSanctionPeriod',
      passed: false,
      detail: '2024-03-01 处于处分或组织处理影响期：警告处分（2023-12-01 至 2024-05-31）',
      evidence: ['s807'],
    });
    expect((await chief('C807', '2024-06-01'))?.eligible).toBe(true); // the 6-month anniversary ends it (N3)
    const candidatesBefore = await read<ExcellentSecretaryCandidates>(api, '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025');
    expect(candidatesBefore.excluded.find((e) => e.cadreId === 'C807')?.reasons.map((r) => r.rule)).toEqual(['TM10.noSanctionPeriod']);

    const beforeRescission = await instantBetween(api);
    await record(api, rescind('C807', '2024-04-10', 'S807', { id: 'r807' }));
    await settle(api);
    const after = await chief('C807', '2024-03-01');
    expect(after?.eligible).toBe(true);
    expect(check(after, 'TM6b.noSanctionPeriod')).toEqual(
      expect.objectContaining({ passed: true, evidence: ['s807', 'r807'], detail: expect.stringContaining('已撤销，自始无效') }),
    );
    expect((await chief('C807', '2024-03-01', beforeRescission))?.eligible).toBe(false);
    const candidates = await read<ExcellentSecretaryCandidates>(api, '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025');
    expect(candidates).toEqual(expect.objectContaining({ cycle: '2021-2025', referenceDate: '2025-12-31', quota: 23, policyVersion: '1' }));
    expect(candidates.candidates.find((c) => c.cadreId === 'C807')).toEqual(expect.objectContaining({ withinQuota: true, excellentCount: 1 }));
  });

  it('a future-dated appointment counts only from its date (T4) and shows as scheduled before it', async () => {
    expect(await chief('C808', '2029-12-31')).toBeUndefined();
    expect(await chief('C808', '2030-01-01')).toEqual(
      expect.objectContaining({ eligible: false, chiefRun: expect.objectContaining({ start: '2030-01-01', years: 0 }) }),
    );
    const before = await tenure('C808', '2025-06-30');
    expect(before.posts).toEqual([]);
    expect(before.scheduled).toEqual([{ eventId: 'a808', kind: 'APPOINTED', effectiveDate: '2030-01-01' }]);
    expect((await tenure('C808', '2031-06-01')).posts).toEqual([expect.objectContaining({ orgUnitId: 'T808', role: 'HEAD', from: '2030-01-01', to: null })]);
  });

  it('answers for one cadre when asked (cadreId): the same entry as in the whole list, nobody else', async () => {
    const whole = await eligibility('2024-03-01');
    const one = await read<InPostPromotionEligibility>(api, '/v1/eligibility/in-post-promotion?asOf=2024-03-01&cadreId=C801');
    expect(one.cadres).toEqual(whole.cadres.filter((c) => c.cadreId === 'C801'));
    expect(one.cadres).toHaveLength(1);
    expect((await read<InPostPromotionEligibility>(api, '/v1/eligibility/in-post-promotion?asOf=2016-02-29&cadreId=C801')).cadres).toEqual([]);
    const known = await read<InPostPromotionEligibility>(api, `/v1/eligibility/in-post-promotion?asOf=2024-03-01&cadreId=C801&knownAt=${encodeURIComponent(await databaseNow(api.db.sql))}`);
    expect(known.cadres.map((c) => [c.cadreId, c.eligible])).toEqual(one.cadres.map((c) => [c.cadreId, c.eligible]));
  });

  it('a chief who left the post before the date is not listed', async () => {
    expect(await chief('C809', '2022-12-31')).toEqual(expect.objectContaining({ chiefRun: expect.objectContaining({ start: '2010-01-01', years: 12 }) }));
    expect(await chief('C809', '2023-01-01')).toBeUndefined();
    expect(await chief('C809', '2024-06-30')).toBeUndefined();
    const t = await tenure('C809', '2024-06-30');
    expect(t).toEqual(
      expect.objectContaining({
        cadreId: 'C809',
        posts: [expect.objectContaining({ orgUnitId: 'T809', role: 'HEAD', from: '2010-01-01', to: '2023-01-01', eventIds: [expect.any(String), 'r809'] })],
        townshipWorkDays: 4748,
        townshipLeadershipDays: 4748,
        partySecretaryRun: null,
        chiefRun: null,
      }),
    );
  });
});

describe('the read-model routes', () => {
  it('validate their parameters (400 naming the field), need a token with queryDecisions, and 404 an unknown cadre', async () => {
    const get = (path: string, role: 'ORG_DEPT' | 'CLERK' | null = 'ORG_DEPT') => api.request('GET', path, { role });
    const bad = async (path: string, field: string) => {
      const r = await get(path);
      expect([r.status, r.body.code, r.body.field]).toEqual([400, 'INVALID_REQUEST', field]);
    };
    await bad('/v1/eligibility/in-post-promotion?asOf=2024-02-30', 'asOf');
    await bad('/v1/eligibility/in-post-promotion?asof=2024-02-01', 'asof');
    await bad('/v1/eligibility/in-post-promotion?asOf=2024-02-01&knownAt=yesterday', 'knownAt');
    await bad('/v1/eligibility/in-post-promotion?asOf=2024-02-01&cadreId=bad%20id', 'cadreId');
    await bad('/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2024', 'cycle');
    await bad('/v1/commendations/excellent-township-party-secretary/candidates', 'cycle');
    await bad('/v1/cadres/bad%20id/tenure?asOf=2024-01-01', 'cadreId');
    const missing = await get('/v1/cadres/NOBODY/tenure?asOf=2024-01-01');
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    // One cadre's eligibility: a cadre the ledger does not know is a 404, like tenure; a known cadre
    // who holds no chief post on the date is an empty list.
    const unknownOne = await get('/v1/eligibility/in-post-promotion?asOf=2024-03-01&cadreId=NOBODY');
    expect([unknownOne.status, unknownOne.body.code]).toEqual([404, 'NOT_FOUND']);
    const notYetKnown = await get('/v1/eligibility/in-post-promotion?asOf=2024-03-01&cadreId=C801&knownAt=2001-01-01T00:00:00Z');
    expect([notYetKnown.status, notYetKnown.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await read<InPostPromotionEligibility>(api, '/v1/eligibility/in-post-promotion?asOf=2001-01-01&cadreId=C801')).cadres).toEqual([]);
    expect((await get('/v1/eligibility/in-post-promotion?asOf=2024-01-01', 'CLERK')).status).toBe(403);
    expect((await get('/v1/eligibility/in-post-promotion?asOf=2024-01-01', null)).status).toBe(401);
    // Without asOf: today (Asia/Shanghai).
    const today = await read<InPostPromotionEligibility>(api, '/v1/eligibility/in-post-promotion');
    expect(today.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('GET /v1/status shows each projection live, its checkpoint and its lag in events and seconds', async () => {
    await settle(api);
    const health = (await api.request('GET', '/v1/status', { role: 'AUDITOR' })).body;
    expect(health.status).toBe('ok');
    expect(health.projections).toEqual(
      expect.arrayContaining(
        LEDGER_PROJECTIONS.filter((p) => ['cadre-careers', 'org-units', 'policy-versions'].includes(p.name)).map(({ name, version }) =>
          expect.objectContaining({ name, version, state: 'LIVE', lagEvents: 0, lagSeconds: 0, checkpoint: expect.objectContaining({ prepare: expect.any(Number) }) }),
        ),
      ),
    );
  });

  it('ends with the projections consistent with a pure fold of the events', async () => {
    await expectProjectionsConsistent(api.db);
  });
});
