/**
 * After 74779e9 (a review, 2026-12-05): TM6b answers' currentRank / rankSince / atCountyRankCeiling
 * (as of a date, as known at an instant, retracted, future-dated; API and CLI), each MEASURE
 * finding's policyVersion, and decidePolicy's new refusals over HTTP.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { runCli } from '../../support/run-cli';

let api: ApiHarness;
const at: Record<string, string> = {};
const tick = () => new Promise((r) => setTimeout(r, 25));
const post = (path: string, body: unknown, role?: 'CLERK' | 'ADMIN' | 'APPEALS_OFFICER') => api.write(path, body, role);
const eligibility = async (q: string) => {
  const r = await api.request('GET', `/v1/eligibility/in-post-promotion?${q}`, { role: 'ORG_DEPT' });
  if (r.status !== 200) throw new Error(`${q}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
let defaults: any;

beforeAll(async () => {
  api = await startApi('policy_rank_findings');
  defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
  for (const t of ['T1', 'T2']) await post(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
  for (const c of ['C1', 'C2']) await post(`/v1/cadres/${c}/events`, { id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1972-01-01', education } });
  // C1: party secretary of T1 since 2010, 三级调研员 since 2010.
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-rank', type: 'RankSet', effectiveDate: '2010-01-01', data: { rank: 'RESEARCHER_3' } });
  for (let y = 2010; y <= 2025; y++) await post('/v1/cadres/C1/events', { id: `c1-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y % 3 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
  at.beforePromotion = new Date().toISOString();
  await tick();
  await post('/v1/cadres/C1/events', {
    id: 'c1-promo',
    type: 'RankPromoted',
    effectiveDate: '2020-01-01',
    data: { fromRank: 'RESEARCHER_3', toRank: 'RESEARCHER_2', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'VACANCY' },
    override: { reason: '县委常委会研究决定' },
  });
  await tick();
  at.afterPromotion = new Date().toISOString();
  await tick();
  await post('/v1/cadres/C1/events', { id: 'c1-retract', type: 'EntryRetracted', effectiveDate: '2022-01-01', data: { targetEventId: 'c1-promo', reason: '录入错误' } });
  await tick();
  // Future-dated (T4): 2030-06-01.
  await post('/v1/cadres/C1/events', {
    id: 'c1-promo-2030',
    type: 'RankPromoted',
    effectiveDate: '2030-06-01',
    data: { fromRank: 'RESEARCHER_3', toRank: 'RESEARCHER_2', basis: 'REGULAR', quota: 'VACANCY' },
    override: { reason: '县委常委会研究决定' },
  });

  // C2: chief of T2 since 2019; promoted on TM6b's basis in 2021 without meeting it (a TM6b finding).
  await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T2', role: 'HEAD' } });
  await post('/v1/cadres/C2/events', { id: 'c2-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_1' } });
  await post('/v1/cadres/C2/events', {
    id: 'c2-promo',
    type: 'RankPromoted',
    effectiveDate: '2021-06-01',
    data: { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'RESEARCHER_4', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'VACANCY' },
    override: { reason: '县委常委会研究决定' },
  });
  await tick();
  at.beforeV2 = new Date().toISOString();
  await tick();
  const adopt = (version: string, effectiveFrom: string, change: (s: any) => any) =>
    post('/v1/policy/versions', { id: `pol-${version}`, version, effectiveFrom, settings: change(structuredClone(defaults.settings)) });
  await adopt('v2', '2020-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, chiefRunYears: 12 } }));
  await adopt('v3', '2024-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, chiefRunYears: 9 } }));
  await waitForProjections(api.db, 30_000);
}, 240_000);
afterAll(() => api?.close());

const c1 = (answer: any) => answer.cadres.find((c: any) => c.cadreId === 'C1');

describe('TM6b answers: the rank held (currentRank, rankSince, atCountyRankCeiling)', () => {
  it('before the promotion’s date: 三级调研员 since 2010, not at the ceiling', async () => {
    expect(c1(await eligibility('asOf=2019-06-30'))).toMatchObject({ currentRank: 'RESEARCHER_3', rankSince: '2010-01-01', atCountyRankCeiling: false });
  });
  it('as known between the promotion and its retraction: 二级调研员 since 2020, at the ceiling', async () => {
    expect(c1(await eligibility(`asOf=2021-06-30&knownAt=${encodeURIComponent(at.afterPromotion!)}`))).toMatchObject({
      currentRank: 'RESEARCHER_2',
      rankSince: '2020-01-01',
      atCountyRankCeiling: true,
    });
  });
  it('as known before the promotion was recorded: 三级调研员', async () => {
    expect(c1(await eligibility(`asOf=2021-06-30&knownAt=${encodeURIComponent(at.beforePromotion!)}`))).toMatchObject({ currentRank: 'RESEARCHER_3', rankSince: '2010-01-01', atCountyRankCeiling: false });
  });
  it('now, the promotion retracted: 三级调研员 since 2010', async () => {
    expect(c1(await eligibility('asOf=2021-06-30'))).toMatchObject({ currentRank: 'RESEARCHER_3', rankSince: '2010-01-01', atCountyRankCeiling: false });
  });
  it('the future-dated promotion counts only from its date', async () => {
    expect(c1(await eligibility('asOf=2030-05-31'))).toMatchObject({ currentRank: 'RESEARCHER_3', atCountyRankCeiling: false });
    expect(c1(await eligibility('asOf=2030-06-01'))).toMatchObject({ currentRank: 'RESEARCHER_2', rankSince: '2030-06-01', atCountyRankCeiling: true });
  });
  it('the single-cadre answer says the same as the list', async () => {
    const one = await eligibility(`asOf=2021-06-30&cadreId=C1&knownAt=${encodeURIComponent(at.afterPromotion!)}`);
    expect(c1(one)).toMatchObject({ currentRank: 'RESEARCHER_2', atCountyRankCeiling: true });
  });
  it('the CLI (eligibility --checks) says the rank held and the ceiling, as known then', async () => {
    const r = await runCli(['eligibility', '--as-of', '2021-06-30', '--known-at', at.afterPromotion!, '--checks'], { DATABASE_URL: api.db.url });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('二级调研员（已达上限）');
    expect(r.stdout).toContain('现任职级：二级调研员（已达上限），自 2020-01-01');
  }, 60_000);
});

describe('MEASURE findings name the policy version they were judged under', () => {
  const findings = async (q: string) => {
    const r = await api.request('GET', `/v1/findings?${q}`, { role: 'AUDITOR' });
    if (r.status !== 200) throw new Error(`${q}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.findings.filter((f: any) => f.kind === 'MEASURE' && f.rule === 'TM6b');
  };
  it('a TM6b promotion of 2021 is judged under the version in effect then (v2), not today’s (v3)', async () => {
    const f = await findings('asOf=2026-06-30');
    expect(f.map((x: any) => [x.cadreId, x.date, x.policyVersion])).toContainEqual(['C2', '2021-06-01', 'v2']);
  });
  it('as known before v2 was adopted, the same finding names version 1', async () => {
    const f = await findings(`asOf=2026-06-30&knownAt=${encodeURIComponent(at.beforeV2!)}`);
    expect(f.map((x: any) => [x.cadreId, x.date, x.policyVersion])).toContainEqual(['C2', '2021-06-01', '1']);
  });
  // RULES.md: every derived answer says which policy version produced it. The CLI's findings table
  // is such an answer; its TM6b line is judged under v2 while v3 is today's version.
  it('the CLI findings table says the policy version a measure finding was judged under (v2)', async () => {
    const r = await runCli(['findings', '--rule', 'TM6b', '--as-of', '2026-06-30'], { DATABASE_URL: api.db.url });
    expect(r.stdout).toContain('C2');
    expect(r.stdout).toContain('v2');
  }, 60_000);
});

describe('decidePolicy: the new refusals do not refuse what is legitimate', () => {
  const adopt = (version: string, change: (s: any) => any) =>
    api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { id: `pol-${version}`, version, effectiveFrom: '2040-01-01', settings: change(structuredClone(defaults.settings)) } });
  it('a team member’s age equal to the county-wide one is adopted', async () => {
    const r = await adopt('ages-equal', (s) => ({ ...s, teamAges: { ...s.teamAges, juniorAgeBelow: 35, youngAgeBelow: 35 } }));
    expect(r.status).toBe(201);
  });
  it('UNGRADED as the lowest grade is refused with 422, naming the field', async () => {
    const r = await adopt('ungraded', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, lowestAcceptableGrade: 'UNGRADED' } }));
    expect([r.status, r.body.code]).toEqual([422, 'RULE_I_POLICY_LOWEST_GRADE']);
  });
});
