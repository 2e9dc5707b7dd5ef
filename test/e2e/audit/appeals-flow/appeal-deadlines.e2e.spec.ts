/**
 * An appeals officer's workflow over HTTP: a sanction and an annual grade recorded; reviews (复核)
 * and appeals (申诉) filed at each N5 deadline's boundary; decisions on / after their due dates; the
 * appeals list's standings measured to a controllable "today".
 */
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { appealsClient } from './appeals-officer';
import { runCli } from '../../../support/run-cli';
import type { CalendarDate } from '@ledger/domain';

let today = '2023-12-31';
const clock = { today: () => today as CalendarDate, now: () => new Date() };

describe('appeals officer: N5 deadlines and standings', () => {
  let api: ApiHarness;
  const { post } = appealsClient(() => api);
  const file = (appealId: string, effectiveDate: string, targetEventId: string, stage: 'REVIEW' | 'APPEAL', learnedOfDecisionDate: string, cadreId = 'C1') =>
    post(
      `/v1/appeals/${appealId}/events`,
      { id: `${appealId}-filed`, type: 'AppealFiled', effectiveDate, data: { appealId, cadreId, targetEventId, stage, grounds: '不服', learnedOfDecisionDate } },
      'APPEALS_OFFICER',
    );
  const decide = (appealId: string, effectiveDate: string, outcome: 'UPHELD' | 'PARTIALLY_UPHELD' | 'DISMISSED', remedy?: unknown) =>
    post(
      `/v1/appeals/${appealId}/events`,
      { id: `${appealId}-decided`, type: 'AppealDecided', effectiveDate, documentRef: `复〔${appealId}〕`, data: { appealId, outcome, reasoning: '经审查' }, ...(remedy ? { remedy } : {}) },
      'APPEALS_OFFICER',
    );
  const appeals = async () => {
    const r = await api.request('GET', '/v1/appeals?status=all', { role: 'APPEALS_OFFICER' });
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.appeals.map((a: { appealId: string }) => [a.appealId, a])) as Record<string, any>;
  };

  beforeAll(async () => {
    api = await startApi('appeals_deadlines', { clock });
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    for (const id of ['C1', 'C2']) {
      await post(`/v1/cadres/${id}/events`, {
        id: `reg-${id}`,
        type: 'CadreRegistered',
        effectiveDate: '2000-01-01',
        data: { name: id === 'C1' ? '王五' : '李四', gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
      });
    }
    await post('/v1/cadres/C1/events', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/cadres/C1/events', { id: 'c1-grade-2022', type: 'AnnualAssessmentRecorded', effectiveDate: '2023-01-15', data: { year: 2022, grade: 'BASICALLY_COMPETENT' } });
    await post('/v1/cadres/C2/events', { id: 'c2-grade-2022', type: 'AnnualAssessmentRecorded', effectiveDate: '2023-01-15', data: { year: 2022, grade: 'BASICALLY_COMPETENT' } });
  });
  afterAll(() => api.close());

  it('review filing deadline: 30 days from learning of the decision, boundary day before/of/after', async () => {
    // learned 2023-03-01 → last day 2023-03-31
    await file('RV-ON', '2023-03-31', 'c1-sanction', 'REVIEW', '2023-03-01');
    await file('RV-LATE', '2023-04-01', 'c1-sanction', 'REVIEW', '2023-03-01');
    await file('RV-EARLY', '2023-03-30', 'c1-sanction', 'REVIEW', '2023-03-01');
    const a = await appeals();
    expect(a['RV-ON']).toMatchObject({ filingDeadline: '2023-03-31', filedLate: false, decisionDue: '2023-04-30', decisionDueExtended: null });
    expect(a['RV-EARLY']).toMatchObject({ filingDeadline: '2023-03-31', filedLate: false });
    expect(a['RV-LATE']).toMatchObject({ filingDeadline: '2023-03-31', filedLate: true });
    expect(a['RV-ON'].target).toMatchObject({ type: 'SanctionImposed', sanctionId: 'S1', sanctionKind: 'WARNING', retracted: false });
  });

  it('review decided on its due day is kept, the day after is late (a review has no extension)', async () => {
    await decide('RV-ON', '2023-04-30', 'DISMISSED');
    await decide('RV-LATE', '2023-05-02', 'DISMISSED');
    const a = await appeals();
    expect(a['RV-ON']).toMatchObject({ status: 'DECIDED', decidedAfterDue: false, decidedLate: false });
    // RV-LATE filed 2023-04-01, due 2023-05-01
    expect(a['RV-LATE']).toMatchObject({ status: 'DECIDED', decisionDue: '2023-05-01', decidedAfterDue: true, decidedLate: true });
  });

  it('appeal (申诉) after a dismissed review: 15 days counted from the review decision, boundary', async () => {
    // latest review decided: RV-LATE on 2023-05-02 → last day 2023-05-17
    await file('AP-ON', '2023-05-17', 'c1-sanction', 'APPEAL', '2023-03-01');
    await file('AP-LATE', '2023-05-18', 'c1-sanction', 'APPEAL', '2023-03-01');
    const a = await appeals();
    expect(a['AP-ON']).toMatchObject({ filingDeadlineFrom: { basis: 'REVIEW_DECIDED', date: '2023-05-02', reviewAppealId: 'RV-LATE' }, filingDeadline: '2023-05-17', filedLate: false });
    expect(a['AP-LATE']).toMatchObject({ filingDeadline: '2023-05-17', filedLate: true, decisionDue: '2023-07-17', decisionDueExtended: '2023-08-16' });
  });

  it('appeal open: within 60 days OPEN, then the extension PAST_DECISION_DUE, then OVERDUE', async () => {
    // AP-ON filed 2023-05-17: due 2023-07-16, extended 2023-08-15
    const standing = async (d: string) => {
      today = d;
      return (await appeals())['AP-ON'];
    };
    expect(await standing('2023-07-16')).toMatchObject({ status: 'OPEN', pastDecisionDue: false, overdue: false });
    expect(await standing('2023-07-17')).toMatchObject({ status: 'OPEN', pastDecisionDue: true, overdue: false });
    expect(await standing('2023-08-15')).toMatchObject({ status: 'OPEN', pastDecisionDue: true, overdue: false });
    expect(await standing('2023-08-16')).toMatchObject({ status: 'OPEN', pastDecisionDue: true, overdue: true });
    today = '2023-12-31';
    await decide('AP-ON', '2023-08-15', 'DISMISSED');
    await decide('AP-LATE', '2023-08-17', 'DISMISSED');
    const a = await appeals();
    expect(a['AP-ON']).toMatchObject({ decidedAfterDue: true, decidedLate: false });
    expect(a['AP-LATE']).toMatchObject({ decidedAfterDue: true, decidedLate: true });
  });

  it('a review upheld with CORRECT_GRADE, then an appeal against the review decision: 15 days from the review decision', async () => {
    await file('RV-G', '2023-01-20', 'c2-grade-2022', 'REVIEW', '2023-01-16', 'C2');
    const decided = await decide('RV-G', '2023-02-10', 'PARTIALLY_UPHELD', { kind: 'CORRECT_GRADE', grade: 'COMPETENT' });
    const regrade = decided.events.find((e: { type: string }) => e.type === 'AnnualAssessmentRecorded');
    expect(regrade.data).toMatchObject({ year: 2022, grade: 'COMPETENT' });
    // The cadre still disagrees (wants EXCELLENT) and appeals the review's decision: the original
    // grade is retracted, so the appeal can only name the grade the review wrote.
    const original = await api.request('POST', '/v1/appeals/AP-G0/events', {
      role: 'APPEALS_OFFICER',
      body: { id: 'AP-G0-filed', type: 'AppealFiled', effectiveDate: '2023-02-20', data: { appealId: 'AP-G0', cadreId: 'C2', targetEventId: 'c2-grade-2022', stage: 'APPEAL', grounds: '不服复核决定', learnedOfDecisionDate: '2023-02-10' } },
    });
    expect(original.status).toBe(422);
    // 26 days after the review decision: later than the 15 days N5 allows after a review.
    await file('AP-G', '2023-03-08', regrade.eventId, 'APPEAL', '2023-02-10', 'C2');
    const a = await appeals();
    expect(a['AP-G']).toMatchObject({ filingDeadlineFrom: { basis: 'REVIEW_DECIDED', date: '2023-02-10', reviewAppealId: 'RV-G' }, filingDeadline: '2023-02-25', filedLate: true });
  });

  it('a review open: OPEN on its due day, OVERDUE the day after (no extension for a review)', async () => {
    // RV-EARLY filed 2023-03-30: due 2023-04-29
    today = '2023-04-29';
    expect((await appeals())['RV-EARLY']).toMatchObject({ status: 'OPEN', pastDecisionDue: false, overdue: false });
    today = '2023-04-30';
    expect((await appeals())['RV-EARLY']).toMatchObject({ status: 'OPEN', pastDecisionDue: true, overdue: true });
    today = '2023-12-31';
  });
  it('a decision recorded but dated after today (T4): the review is open and overdue, the decision said beside it, its rescission named as its remedy (found by an appeals review)', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-sanction', type: 'SanctionImposed', effectiveDate: '2023-06-01', documentRef: 'X纪〔2023〕9号', data: { sanctionId: 'S2', kind: 'WARNING', grounds: '据举报' } });
    await file('RV-LATER', '2023-06-10', 'c2-sanction', 'REVIEW', '2023-06-05', 'C2');
    await decide('RV-LATER', '2024-01-15', 'UPHELD', { kind: 'RESCIND_SANCTION' });
    expect((await appeals())['RV-LATER']).toMatchObject({
      status: 'OPEN',
      overdue: true,
      decisionScheduled: { decidedOn: '2024-01-15', outcome: 'UPHELD', decisionEventId: 'RV-LATER-decided' },
      target: { type: 'SanctionImposed', sanctionId: 'S2', rescinded: true, rescindedByDecision: true, retracted: false },
    });
    const cli = await runCli(['appeals', '--all', '--as-of', '2023-12-31'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const row = cli.stdout.split('\n').find((l) => l.includes('RV-LATER'))!;
    expect(row).toContain('逾期未决（决定 2024-01-15 成立（晚于截至日期））');
    expect(row).toContain('（已由该决定撤销）');
    today = '2024-01-15';
    expect((await appeals())['RV-LATER']).toMatchObject({ status: 'DECIDED', decisionScheduled: null, decisionEventId: 'RV-LATER-decided' });
    today = '2023-12-31';
  });
});
