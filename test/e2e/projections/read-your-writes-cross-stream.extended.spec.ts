/**
 * Read your writes: writes on one stream that change the answer about another (TM5b
 * recommendations and their retraction, TM8 talks, TM4 vacancy findings, an appeal's CORRECT_GRADE
 * remedy), each read at once after the write.
 */
import type { Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(120_000);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('cross-stream writes read back at once', () => {
  let api: ApiHarness;
  const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
  const get = async (path: string) => {
    const r = await api.request('GET', path, { role: 'ADMIN' });
    expect([path, r.status, r.body?.behind]).toEqual([path, 200, undefined]);
    return r.body;
  };
  const register = (id: string, birthDate = '1978-01-01') =>
    post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate, education } });

  beforeAll(async () => {
    api = await startApi('ryw_cross');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await register('C1');
    await register('C2', '1990-01-01');
    await post('/v1/cadres/C1/events', { id: 'C1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await post('/v1/cadres/C2/events', { id: 'C2-staff', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T01', role: 'STAFF' } });
    for (let y = 2012; y <= 2021; y++) await post('/v1/cadres/C1/events', { id: `C1-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y === 2014 ? 'EXCELLENT' : 'COMPETENT' } });
  });
  afterAll(() => api.close());

  it('TM5b: a recommendation, then the appointment of the one recommended (on another stream), then its retraction, each in the next report', async () => {
    await post('/v1/cadres/C1/events', { id: 'C1-rec', type: 'LeaderRecommended', effectiveDate: '2021-03-01', data: { recommendedCadreId: 'C2', forPost: '乡镇副镇长', reason: '工作实绩突出' } });
    const r1 = await get('/v1/reports/recommendations?asOf=2022-06-30');
    expect(JSON.stringify(r1)).toContain('C1-rec');
    await post('/v1/cadres/C2/events', { id: 'C2-deputy', type: 'Transferred', effectiveDate: '2021-06-01', data: { from: { orgUnitId: 'T01', role: 'STAFF' }, to: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } } }).catch(async () =>
      post('/v1/cadres/C2/events', { id: 'C2-deputy', type: 'AppointedToPost', effectiveDate: '2021-06-01', data: { orgUnitId: 'T01', role: 'TEAM_MEMBER' } }),
    );
    const r2 = await get('/v1/reports/recommendations?asOf=2022-06-30');
    expect(JSON.stringify(r2)).not.toEqual(JSON.stringify(r1));
    await post('/v1/cadres/C1/events', { id: 'C1-rec-x', type: 'EntryRetracted', effectiveDate: '2022-01-01', data: { targetEventId: 'C1-rec', reason: '录入错误' } });
    const r3 = await get('/v1/reports/recommendations?asOf=2022-06-30');
    expect(JSON.stringify(r3)).not.toEqual(JSON.stringify(r2));
    // the audit export of C2 carries the retraction of the recommendation of C2
    const exp = await api.request('GET', '/v1/cadres/C2/export', { role: 'AUDITOR' });
    expect(JSON.stringify(exp.body)).toContain('C1-rec-x');
  });

  it('TM8: a heart-to-heart talk recorded by one cadre with another, then retracted, each in the next talks report', async () => {
    const before = await get('/v1/reports/talks?year=2022&township=T01');
    await post('/v1/cadres/C1/events', { id: 'C1-talk', type: 'TalkHeld', effectiveDate: '2022-04-01', data: { kind: 'HEART_TO_HEART', withCadreId: 'C2' } });
    const held = await get('/v1/reports/talks?year=2022&township=T01');
    expect(JSON.stringify(held)).not.toEqual(JSON.stringify(before));
    await post('/v1/cadres/C1/events', { id: 'C1-talk-x', type: 'EntryRetracted', effectiveDate: '2022-05-01', data: { targetEventId: 'C1-talk', reason: '录入错误' } });
    const retracted = await get('/v1/reports/talks?year=2022&township=T01');
    expect(JSON.stringify(retracted)).toEqual(JSON.stringify(before).replace(/"knownAt":"[^"]*"/, JSON.stringify(retracted).match(/"knownAt":"[^"]*"/)?.[0] ?? ''));
  });

  it('TM4: the secretary removed, the vacancy finding appears at once; a successor appointed, it closes at once', async () => {
    await register('C3');
    await post('/v1/cadres/C1/events', { id: 'C1-out', type: 'RemovedFromPost', effectiveDate: '2022-07-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'OTHER' } });
    const open = await get('/v1/findings?asOf=2022-09-30&rule=TM4');
    const vacancy = open.findings.filter((f: any) => f.kind === 'TM4_SECRETARY_VACANCY');
    expect(vacancy.length).toBeGreaterThanOrEqual(1);
    await post('/v1/cadres/C3/events', { id: 'C3-sec', type: 'AppointedToPost', effectiveDate: '2022-08-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    const closed = await get('/v1/findings?asOf=2022-09-30&rule=TM4');
    expect(JSON.stringify(closed)).not.toEqual(JSON.stringify(open));
    const team = await get('/v1/reports/team-composition?asOf=2022-09-30&township=T01');
    expect(JSON.stringify(team)).toContain('C3');
    expect(JSON.stringify(team)).not.toContain('"C1"');
  });

  it('an appeal upheld with CORRECT_GRADE: the corrected grade is in eligibility and candidates at once', async () => {
    // C1's only EXCELLENT is 2014; 2020 corrected COMPETENT→EXCELLENT gives two in the run
    const before = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1');
    await post('/v1/appeals/A1/events', { id: 'A1-f', type: 'AppealFiled', effectiveDate: '2021-01-20', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'C1-g2020', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2021-01-15' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/A1/events', { id: 'A1-d', type: 'AppealDecided', effectiveDate: '2021-02-10', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '评定有误' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } }, 'APPEALS_OFFICER');
    const after = await get('/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1');
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
    const appeals = await get('/v1/appeals?status=ALL');
    expect(appeals.appeals.map((a: any) => a.status)).toEqual(['DECIDED']);
  });
});
