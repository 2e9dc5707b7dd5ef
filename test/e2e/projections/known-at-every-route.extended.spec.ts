/**
 * Every read route that takes knownAt, asked "as known at" an instant after each step of a history
 * (back-dated and future-dated events, retractions, rescissions, corrections, a policy adopted later
 * but in effect earlier, appeals with remedies, a registration retracted and recorded again), gives
 * what the ledger answered live right after that step: the answer of a ledger holding only the events
 * recorded by then (T1). Asked at three instants per step: a database instant after the step, the
 * step's last recordedAt exactly (inclusive), and one millisecond before the next step's first event.
 * (Written by a bitemporal review, which found no departure; `streamRevision` is the stream's revision
 * now by design: the If-Match of the next write.)
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { databaseInstantBetween } from '../../support/db-clock';

const EDU = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
let api: ApiHarness;
const refused: string[] = [];
async function w(path: string, body: any, role: any = 'ADMIN') {
  const r = await api.request('POST', path, { role, body });
  if (r.status >= 300) refused.push(`${body.id}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}
const cadre = (id: string, body: any, role?: any) => w(`/v1/cadres/${id}/events`, body, role);
const unit = (id: string, body: any) => w(`/v1/org-units/${id}/events`, body);

const Q: string[] = [
  '/v1/cadres/C1/tenure?asOf=2020-06-30', '/v1/cadres/C2/tenure?asOf=2024-06-30', '/v1/cadres/C3/tenure?asOf=2028-06-30',
  '/v1/eligibility/in-post-promotion?asOf=2020-06-30', '/v1/eligibility/in-post-promotion?asOf=2024-06-30', '/v1/eligibility/in-post-promotion?asOf=2028-06-30',
  '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020&asOf=2021-06-30',
  '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025',
  '/v1/cadres/C1/state?asOf=2020-06-30', '/v1/cadres/C2/state?asOf=2024-06-30',
  '/v1/cadres/C1/history', '/v1/cadres/C2/history?asOf=2022-12-31', '/v1/cadres/C3/history',
  '/v1/findings?asOf=2024-06-30', '/v1/findings?asOf=2024-06-30&township=T01', '/v1/findings?asOf=2024-06-30&year=2020', '/v1/findings?asOf=2028-06-30',
  '/v1/reports/team-composition?asOf=2024-06-30', '/v1/reports/team-composition?asOf=2024-06-30&township=T01',
  '/v1/reports/promotion-pool?asOf=2024-06-30', '/v1/reports/training?year=2023', '/v1/reports/training?year=2024&township=T02',
  '/v1/reports/department-ratings?year=2023', '/v1/reports/recommendations?asOf=2024-06-30', '/v1/reports/secretary-seats?asOf=2024-06-30',
  '/v1/reports/focus-ledger?asOf=2024-06-30', '/v1/reports/reminder-talks?year=2023', '/v1/reports/talks?year=2023', '/v1/reports/health-checks?year=2023',
  '/v1/org-units',
  '/v1/appeals?status=all', '/v1/appeals?status=all&asOf=2022-03-20',
];
const strip = (v: any): any => {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'knownAt' && k !== 'behind' && k !== 'streamRevision').map(([k, x]) => [k, strip(x)]));
  return v;
};
const steps: { step: string; at: string; live: Record<string, any> }[] = [];
async function snap(step: string) {
  const at = await databaseInstantBetween(api.db.sql);
  const live: Record<string, any> = {};
  for (const p of Q) {
    const r = await api.request('GET', p, { role: 'ADMIN' });
    live[p] = { status: r.status, body: strip(r.body) };
  }
  steps.push({ step, at, live });
}
const ka = (p: string, k: string) => `${p}${p.includes('?') ? '&' : '?'}knownAt=${encodeURIComponent(k)}`;

beforeAll(async () => {
  api = await startApi('review_known_at_diff');
  const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
  for (const t of ['T01', 'T02', 'T03', 'T04']) await unit(t, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP', assessmentClass: 1 } });
  await unit('D01', { id: 'reg-D01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '县局', kind: 'COUNTY_DEPARTMENT', assessmentClass: 1 } });
  await unit('CL', { id: 'reg-CL', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '县委', kind: 'COUNTY_LEADERSHIP' } });
  for (const [c, name, birth] of [['C1', '甲', '1975-04-01'], ['C2', '乙', '1992-04-01'], ['C3', '丙', '1980-02-29'], ['C4', '丁', '1970-01-01'], ['L1', '戊', '1965-01-01']]) {
    await cadre(c!, { id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: birth, education: EDU } });
  }
  await cadre('L1', { id: 'l1-post', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'CL', role: 'TEAM_MEMBER' } });
  await cadre('C1', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await cadre('C4', { id: 'c4-head', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } });
  await cadre('C2', { id: 'c2-dep', type: 'AppointedToPost', effectiveDate: '2014-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } });
  await cadre('C3', { id: 'c3-sec', type: 'AppointedToPost', effectiveDate: '2013-03-01', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } });
  for (let y = 2010; y <= 2023; y++) {
    await cadre('C1', { id: `c1-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y % 3 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
    if (y >= 2013) await cadre('C3', { id: `c3-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y >= 2019 ? 'EXCELLENT' : 'COMPETENT' } });
  }
  for (const t of ['T01', 'T02', 'T03', 'T04']) await unit(t, { id: `score-${t}`, type: 'TownshipPerformanceScored', effectiveDate: '2024-01-20', data: { year: 2023, score: t === 'T01' ? 60 : t === 'T02' ? 70 : t === 'T03' ? 80 : 90 } });
  await cadre('C1', { id: 'c1-rank', type: 'RankSet', effectiveDate: '2010-01-01', data: { rank: 'PRINCIPAL_STAFF_1' } });
  await cadre('C3', { id: 'c3-rank', type: 'RankSet', effectiveDate: '2013-03-01', data: { rank: 'PRINCIPAL_STAFF_2' } });
  await snap('base');
  await cadre('C1', { id: 'c1-train', type: 'TrainingCompleted', effectiveDate: '2023-05-01', data: { programme: '县委党校', level: 'COUNTY' } });
  await cadre('C3', { id: 'c3-hc', type: 'HealthCheckCompleted', effectiveDate: '2023-05-01', data: {} });
  await cadre('L1', { id: 'l1-talk', type: 'TalkHeld', effectiveDate: '2023-06-01', data: { kind: 'HEART_TO_HEART', withCadreId: 'C1' } });
  await cadre('C4', { id: 'c4-rate', type: 'TalkHeld', effectiveDate: '2023-06-02', data: { kind: 'HEART_TO_HEART', withCadreId: 'C2' } });
  await unit('D01', { id: 'd01-rated', type: 'CountyDepartmentRated', effectiveDate: '2023-12-20', data: { year: 2023, ratedByCadreId: 'C1', scores: { work: 90, management: 80, service: 85 } } });
  await cadre('C1', { id: 'c1-seat', type: 'RepresentativeSeatTaken', effectiveDate: '2019-01-01', data: { body: 'PEOPLES_CONGRESS', level: 'COUNTY' } });
  await cadre('C1', { id: 'c1-rec', type: 'LeaderRecommended', effectiveDate: '2021-03-01', data: { recommendedCadreId: 'C2', forPost: '副镇长', reason: '实绩突出' } });
  await cadre('L1', { id: 'l1-remind', type: 'TalkHeld', effectiveDate: '2024-03-01', data: { kind: 'REMINDER', withCadreId: 'C1' } });
  await snap('care, ratings, seats, recommendation');
  // policy adopted later, effective earlier: secretary run 5 years
  await w('/v1/policy/versions', { id: 'pol-5y', version: 'p5', effectiveFrom: '2001-01-01', settings: { ...defaults.settings, inPostPromotion: { ...defaults.settings.inPostPromotion, partySecretaryRunYears: 5 }, excellentSecretary: { ...defaults.settings.excellentSecretary, quota: 1 } } });
  await snap('policy adopted back-dated');
  await cadre('C3', { id: 'c3-sanction', type: 'SanctionImposed', effectiveDate: '2024-03-01', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
  await snap('c3 sanctioned');
  await cadre('C3', { id: 'c3-rescind', type: 'SanctionRescinded', effectiveDate: '2024-05-01', documentRef: 'X纪〔2024〕1号', data: { sanctionId: 'S1', reason: 'FALSE_ACCUSATION' } });
  await snap('c3 rescinded');
  await cadre('C1', { id: 'c1-rec-retract', type: 'EntryRetracted', effectiveDate: '2024-06-01', data: { targetEventId: 'c1-rec', reason: '录入错误' } });
  await cadre('L1', { id: 'l1-remind-retract', type: 'EntryRetracted', effectiveDate: '2024-06-01', data: { targetEventId: 'l1-remind', reason: '录入错误' } });
  await cadre('C1', { id: 'c1-train-retract', type: 'EntryRetracted', effectiveDate: '2024-06-01', data: { targetEventId: 'c1-train', reason: '录入错误' } });
  await snap('retractions');
  await cadre('C2', { id: 'c2-sec', type: 'Transferred', effectiveDate: '2021-01-01', data: { from: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' }, to: { orgUnitId: 'T03', role: 'PARTY_SECRETARY' } } });
  await snap('back-dated transfer of C2');
  await cadre('C1', { id: 'c1-g2019-again', type: 'EntryRetracted', effectiveDate: '2024-06-02', data: { targetEventId: 'c1-g2019', reason: '录入错误' } });
  await cadre('C1', { id: 'c1-g2019-new', type: 'AnnualAssessmentRecorded', effectiveDate: '2024-06-02', data: { year: 2019, grade: 'EXCELLENT' } });
  await snap('grade corrected');
  await unit('T01', { id: 'score-T01-again', type: 'TownshipPerformanceScored', effectiveDate: '2024-02-01', data: { year: 2023, score: 95, correctsEventId: 'score-T01', correctionReason: '更正' } });
  await snap('score corrected');
  await cadre('C3', { id: 'c3-move', type: 'Transferred', effectiveDate: '2027-01-01', data: { from: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' }, to: { orgUnitId: 'T04', role: 'PARTY_SECRETARY' } }, override: { reason: '测试' } });
  await snap('future transfer');
  await cadre('C1', { id: 'c1-removed', type: 'RemovedFromPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER' }, override: { reason: '测试' } });
  await snap('back-dated removal');
  await cadre('C1', { id: 'c1-unremove', type: 'EntryRetracted', effectiveDate: '2024-06-03', data: { targetEventId: 'c1-removed', reason: '录入错误' } });
  await snap('removal retracted');
  await cadre('C2', { id: 'c2-reg-retract', type: 'EntryRetracted', effectiveDate: '2024-06-03', data: { targetEventId: 'reg-C2', reason: '姓名错误' } });
  await cadre('C2', { id: 'reg-C2b', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '乙二', gender: 'F', birthDate: '1992-04-01', education: EDU } });
  await snap('C2 re-registered');
  await cadre('C4', { id: 'c4-comm', type: 'Commended', effectiveDate: '2021-02-01', data: { award: 'OTHER', title: '优秀', level: 'COUNTY' } });
  await cadre('C3', { id: 'c3-comm', type: 'Commended', effectiveDate: '2021-02-01', data: { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2016-2020', level: 'COUNTY' } });
  await snap('commended');
  await cadre('C1', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId: 'S9', kind: 'DEMERIT', grounds: '据举报' } });
  await snap('c1 back-dated sanction');
  await w('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2022-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2022-03-05' } }, 'APPEALS_OFFICER');
  await snap('appealed');
  await w('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', documentRef: '复〔2022〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '查无实据' }, remedy: { kind: 'RESCIND_SANCTION' } });
  await snap('upheld');
  await w('/v1/appeals/A2/events', { id: 'a2-filed', type: 'AppealFiled', effectiveDate: '2019-01-20', data: { appealId: 'A2', cadreId: 'C3', targetEventId: 'c3-g2018', stage: 'REVIEW', grounds: '不公', learnedOfDecisionDate: '2019-01-16' } }, 'APPEALS_OFFICER');
  await w('/v1/appeals/A2/events', { id: 'a2-decided', type: 'AppealDecided', effectiveDate: '2019-02-01', data: { appealId: 'A2', outcome: 'UPHELD', reasoning: '改定' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } });
  await snap('grade appeal');
  await cadre('C4', { id: 'c4-secondment', type: 'SecondmentStarted', effectiveDate: '2023-03-01', data: { hostOrgUnitId: 'D01', purpose: 'OTHER', plannedEndDate: '2023-09-01' }, override: { reason: '测试' } });
  await cadre('C4', { id: 'c4-head-gone', type: 'RemovedFromPost', effectiveDate: '2023-06-01', data: { orgUnitId: 'T01', role: 'HEAD', reason: 'ADJUSTMENT' }, override: { reason: '测试' } });
  await snap('c4 removed');
  await cadre('C4', { id: 'c4-head-gone-x', type: 'EntryRetracted', effectiveDate: '2024-06-05', data: { targetEventId: 'c4-head-gone', reason: '录入错误' } });
  await snap('c4 removal retracted');
  await cadre('C2', { id: 'c2-future', type: 'RemovedFromPost', effectiveDate: '2027-06-01', data: { orgUnitId: 'T03', role: 'PARTY_SECRETARY', reason: 'TRANSFER' }, override: { reason: '测试' } });
  await snap('c2 future removal');
  await cadre('C2', { id: 'c2-future-x', type: 'EntryRetracted', effectiveDate: '2024-06-06', data: { targetEventId: 'c2-future', reason: '录入错误' } });
  await snap('c2 future removal retracted');
}, 300_000);
afterAll(() => api?.close());

it('as known at each step equals the live answer at that step', async () => {
  const departures: string[] = [];
  for (const s of steps) {
    const [last] = await api.db.sql`select max(recorded_at) as at from events where recorded_at <= ${s.at}::timestamptz`;
    const [next] = await api.db.sql`select min(recorded_at) as at from events where recorded_at > ${s.at}::timestamptz`;
    const instants = [s.at, new Date(last!.at as Date).toISOString(), ...(next?.at ? [new Date(Date.parse(new Date(next.at as Date).toISOString()) - 1).toISOString()] : [])];
    for (const k of instants) for (const p of Q) {
      const r = await api.request('GET', ka(p, k), { role: 'ADMIN' });
      const got = { status: r.status, body: strip(r.body) };
      if (JSON.stringify(got) !== JSON.stringify(s.live[p])) {
        try { expect(got).toEqual(s.live[p]); } catch (e) { departures.push(`[${s.step} @${k}] ${p}: ${String((e as Error).message).slice(0, 2500)}`); }
      }
    }
  }
  expect(refused).toEqual([]); // every step of the history was written
  expect(departures).toEqual([]);
}, 600_000);
