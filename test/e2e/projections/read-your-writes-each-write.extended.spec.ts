/**
 * Read your writes: each kind of write, then at once every read route it changes.
 * In-process projections (the default): every answer must reflect the write, without `behind`.
 */
import { DEFAULT_POLICY } from '@ledger/domain';
import type { Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(120_000);

describe('read your writes after each kind of write', () => {
  let api: ApiHarness;
  const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
  const get = async (path: string, role: any = 'ADMIN') => {
    const r = await api.request('GET', path, { role });
    return r;
  };
  const fresh = (r: { status: number; body: any; headers: Headers }) => [r.status, r.body?.behind, r.headers.get('x-ledger-behind')];
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  const register = (id: string, name: string, birthDate = '1975-04-01') =>
    post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate, education } });
  const township = (id: string, name: string) => post(`/v1/org-units/${id}/events`, { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name, kind: 'TOWNSHIP' } });

  beforeAll(async () => {
    api = await startApi('ryw_writes');
    await township('T01', '青山镇');
    await register('C1', '赵六');
    await post('/v1/cadres/C1/events', { id: 'C1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    for (let year = 2012; year <= 2021; year++) {
      await post('/v1/cadres/C1/events', { id: `C1-g-${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: year === 2015 || year === 2019 ? 'EXCELLENT' : 'COMPETENT' } });
    }
  });
  afterAll(() => api.close());

  it('an org unit registered is at once in the directory (GET /v1/org-units)', async () => {
    await township('T02', '绿水镇');
    const r = await get('/v1/org-units', 'CLERK');
    expect(fresh(r)).toEqual([200, undefined, null]);
    expect(r.body.orgUnits.map((u: any) => u.orgUnitId ?? u.id)).toContain('T02');
  });

  it('an appointment is at once in tenure, roster, team-composition report and eligibility', async () => {
    await register('C2', '钱七', '1990-01-01');
    await post('/v1/cadres/C2/events', { id: 'C2-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } }, 'CLERK');
    const tenure = await get('/v1/cadres/C2/tenure?asOf=2022-06-30', 'ORG_DEPT');
    expect(fresh(tenure)).toEqual([200, undefined, null]);
    expect(tenure.body.posts.map((p: any) => p.role)).toEqual(['HEAD']);
    const team = await get('/v1/reports/team-composition?asOf=2022-06-30&township=T01', 'ORG_DEPT');
    expect(fresh(team)).toEqual([200, undefined, null]);
    expect(JSON.stringify(team.body)).toContain('C2');
    const elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30', 'ORG_DEPT');
    expect(fresh(elig)).toEqual([200, undefined, null]);
    expect(elig.body.cadres.map((c: any) => c.cadreId).sort()).toEqual(['C1', 'C2']);
  });

  it('a retraction (EntryRetracted) of the appointment is at once gone from tenure, roster, eligibility and the team', async () => {
    await post('/v1/cadres/C2/events', { id: 'C2-retract', type: 'EntryRetracted', effectiveDate: '2022-05-01', data: { targetEventId: 'C2-head', reason: '录入错误' } }, 'CLERK');
    const tenure = await get('/v1/cadres/C2/tenure?asOf=2022-06-30', 'ORG_DEPT');
    expect(fresh(tenure)).toEqual([200, undefined, null]);
    expect(tenure.body.posts).toEqual([]);
    const elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30', 'ORG_DEPT');
    expect(elig.body.cadres.map((c: any) => c.cadreId)).toEqual(['C1']);
    const team = await get('/v1/reports/team-composition?asOf=2022-06-30&township=T01', 'ORG_DEPT');
    expect(fresh(team)).toEqual([200, undefined, null]);
    expect(JSON.stringify(team.body)).not.toContain('"C2"');
    const roster = await get('/v1/cadres?asOf=2022-06-30&ids=C2', 'ORG_DEPT');
    expect(fresh(roster)).toEqual([200, undefined, null]);
    expect(JSON.stringify(roster.body.items[0])).not.toContain('HEAD');
  });

  it('a sanction, then an appeal upheld with remedy RESCIND_SANCTION: eligibility, appeals list and findings follow each write at once', async () => {
    await post('/v1/cadres/C1/events', { id: 'C1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕9号', data: { sanctionId: 'S-C1', kind: 'WARNING', grounds: '经查属实' } }, 'CLERK');
    let elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1', 'ORG_DEPT');
    expect(fresh(elig)).toEqual([200, undefined, null]);
    expect(elig.body.cadres[0].eligible).toBe(false);
    await post('/v1/appeals/A1/events', { id: 'A1-filed', type: 'AppealFiled', effectiveDate: '2022-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'C1-sanction', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2022-03-01' } }, 'APPEALS_OFFICER');
    let appeals = await get('/v1/appeals?status=ALL', 'AUDITOR');
    expect(fresh(appeals)).toEqual([200, undefined, null]);
    expect(appeals.body.appeals.map((a: any) => [a.appealId, a.status])).toEqual([['A1', 'OPEN']]);
    await post('/v1/appeals/A1/events', { id: 'A1-decided', type: 'AppealDecided', effectiveDate: '2022-03-20', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '事实不清' }, remedy: { kind: 'RESCIND_SANCTION' } }, 'APPEALS_OFFICER');
    appeals = await get('/v1/appeals?status=ALL', 'AUDITOR');
    expect(fresh(appeals)).toEqual([200, undefined, null]);
    expect(appeals.body.appeals.map((a: any) => [a.appealId, a.status])).toEqual([['A1', 'DECIDED']]);
    elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1', 'ORG_DEPT');
    expect(fresh(elig)).toEqual([200, undefined, null]);
    expect(elig.body.cadres[0].eligible).toBe(true);
    const tenure = await get('/v1/cadres/C1/tenure?asOf=2022-06-30', 'ORG_DEPT');
    expect(fresh(tenure)).toEqual([200, undefined, null]);
  });

  it('a policy adopted is applied at once by eligibility (three EXCELLENT years required: C1 has two)', async () => {
    const r = await api.request('POST', '/v1/policy/versions', { body: { id: 'pol-3', version: 'v3', effectiveFrom: '2022-01-01', settings: { ...DEFAULT_POLICY.settings, inPostPromotion: { ...DEFAULT_POLICY.settings.inPostPromotion, minExcellentGradesInRun: 3 } } } });
    expect(r.status).toBe(201);
    const elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1', 'ORG_DEPT');
    expect(fresh(elig)).toEqual([200, undefined, null]);
    expect(elig.body.cadres[0].eligible).toBe(false);
  });

  it('an HTTP import, then at once tenure, roster and eligibility of the imported cadre', async () => {
    const lines = [
      { id: 'reg-T03', type: 'OrgUnitRegistered', orgUnitId: 'T03', effectiveDate: '2000-01-01', data: { name: '白云镇', kind: 'TOWNSHIP' } },
      { id: 'reg-C3', type: 'CadreRegistered', cadreId: 'C3', effectiveDate: '2000-01-01', data: { name: '孙八', gender: 'F', birthDate: '1980-01-01', education } },
      { id: 'C3-sec', type: 'AppointedToPost', cadreId: 'C3', effectiveDate: '2015-01-01', data: { orgUnitId: 'T03', role: 'PARTY_SECRETARY' } },
    ];
    const imp = await api.request('POST', '/v1/import', { rawBody: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect([imp.status, imp.body.accepted, imp.body.rejectedCount]).toEqual([200, 3, 0]);
    const tenure = await get('/v1/cadres/C3/tenure?asOf=2022-06-30', 'ORG_DEPT');
    expect(fresh(tenure)).toEqual([200, undefined, null]);
    expect(tenure.body.posts.map((p: any) => p.orgUnitId)).toEqual(['T03']);
    const elig = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30', 'ORG_DEPT');
    expect(elig.body.cadres.map((c: any) => c.cadreId).sort()).toEqual(['C1', 'C3']);
    const units = await get('/v1/org-units', 'CLERK');
    expect(JSON.stringify(units.body)).toContain('T03');
  });

  it('a write on one cadre (new secretary with better grades) changes another cadre’s TM10 candidate answer at once', async () => {
    const before = await get('/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2025-12-31', 'ORG_DEPT');
    expect(fresh(before)).toEqual([200, undefined, null]);
    await post('/v1/cadres/C3/events', { id: 'C3-g-2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'EXCELLENT' } }, 'CLERK');
    const after = await get('/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2025-12-31', 'ORG_DEPT');
    expect(fresh(after)).toEqual([200, undefined, null]);
    expect(JSON.stringify(after.body)).not.toEqual(JSON.stringify(before.body));
  });

  it('knownAt=now right after a write holds it (tenure, eligibility, history, findings, report)', async () => {
    await post('/v1/cadres/C3/events', { id: 'C3-train', type: 'TrainingCompleted', effectiveDate: '2022-02-01', data: { programme: '县委党校', level: 'COUNTY' } }, 'CLERK');
    await post('/v1/cadres/C3/events', { id: 'C3-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_4' } }, 'CLERK');
    const now = encodeURIComponent(new Date().toISOString());
    const history = await get(`/v1/cadres/C3/history?knownAt=${now}`, 'AUDITOR');
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: any) => e.eventId)).toContain('C3-rank');
    const roster = await get(`/v1/cadres?ids=C3&asOf=2022-06-30`, 'AUDITOR');
    expect(JSON.stringify(roster.body.items[0])).toContain('PRINCIPAL_STAFF_4');
    const elig = await get(`/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C3&knownAt=${now}`, 'ORG_DEPT');
    expect(fresh(elig)).toEqual([200, undefined, null]);
    expect(JSON.stringify(elig.body)).toContain('PRINCIPAL_STAFF_4');
    const training = await get(`/v1/reports/training?year=2022&township=T03&knownAt=${now}`, 'ORG_DEPT');
    expect(fresh(training)).toEqual([200, undefined, null]);
    expect(training.body.townships[0]).toMatchObject({ orgUnitId: 'T03', chiefsMissing: 0 });
  });
});
