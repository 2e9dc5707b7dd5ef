/**
 * a PARTIALLY_UPHELD review (复核) correcting a grade, then an
 * appeal (申诉) of the corrected grade, itself corrected; and a correction retracted then a grade
 * recorded by a clerk. Over HTTP, as an appeals officer reads them.
 */
import { startApi, type ApiHarness } from '../../../support/api-harness';

let api: ApiHarness;
const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

beforeAll(async () => {
  api = await startApi('n5');
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'g2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'INCOMPETENT' } });
  await post('/v1/appeals/R1/events', { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2022-01-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: 'g2021', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2022-01-16' } }, 'APPEALS_OFFICER');
  const d1 = await post('/v1/appeals/R1/events', { id: 'r1-decided', type: 'AppealDecided', effectiveDate: '2022-02-01', data: { appealId: 'R1', outcome: 'PARTIALLY_UPHELD', reasoning: '部分成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'BASICALLY_COMPETENT' } }, 'APPEALS_OFFICER');
  void d1;
  // The appeal (申诉) of the review's corrected grade, filed 10 days after the review decision.
  await post('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2022-02-11', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'r1-decided:regrade', stage: 'APPEAL', grounds: '仍偏低', learnedOfDecisionDate: '2022-02-02' } }, 'APPEALS_OFFICER');
  await post('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-03-01', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } }, 'APPEALS_OFFICER');
}, 240_000);
afterAll(async () => {
  await api?.close();
});

describe('N5 review corrected, then appealed and corrected again', () => {
  it('the appeal counts 15 days from the review decision; both targets read corrected by their own decision; no remedy finding', async () => {
    const appeals = await api.request('GET', '/v1/appeals?status=ALL', { role: 'APPEALS_OFFICER' });
    expect(appeals.status).toBe(200);
    const byId = new Map((appeals.body.appeals as any[]).map((a) => [a.appealId, a]));
    const a1 = byId.get('A1');
    const r1 = byId.get('R1');
    expect({ r1: r1.target, a1: a1.target }).toMatchObject({
      r1: { type: 'AnnualAssessmentRecorded', grade: 'INCOMPETENT', retracted: false, correctedByDecision: true },
      a1: { type: 'AnnualAssessmentRecorded', grade: 'BASICALLY_COMPETENT', retracted: false, correctedByDecision: true },
    });
    expect(JSON.stringify(a1)).toContain('2022-02-16'); // filing due: review decided 2022-02-01 + 15 days
    const findings = await api.request('GET', '/v1/findings?rule=N5', { role: 'AUDITOR' });
    expect(findings.status).toBe(200);
    expect(JSON.stringify(findings.body)).not.toContain('APPEAL_REMEDY_MISSING');
  });

  it('a clerk retracting the appeal’s corrected grade then recording COMPETENT again: nothing unremedied', async () => {
    await post('/v1/cadres/C1/events', { id: 'retract-a1', type: 'EntryRetracted', effectiveDate: '2022-04-01', data: { targetEventId: 'a1-decided:regrade', reason: '录入错误' } });
    const mid = await api.request('GET', '/v1/findings?rule=N5', { role: 'AUDITOR' });
    const midText = JSON.stringify(mid.body);
    await post('/v1/cadres/C1/events', { id: 'g2021-again', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-04-02', data: { year: 2021, grade: 'COMPETENT' } });
    const after = await api.request('GET', '/v1/findings?rule=N5', { role: 'AUDITOR' });
    expect({ whileUndone: midText.includes('A1'), after: JSON.stringify(after.body).includes('APPEAL_REMEDY_MISSING') }).toEqual({ whileUndone: true, after: false });
  });
});
