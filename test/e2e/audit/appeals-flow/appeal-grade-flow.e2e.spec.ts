/**
 * An annual assessment appealed (复核 of a grade): CORRECT_GRADE remedies, the list's target after
 * the remedy, N4 against a rescinded sanction, rescissions naming appeals at their boundaries.
 */
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { appealsClient, hasChinese } from './appeals-officer';
import { databaseInstantBetween } from '../../../support/db-clock';
import { runCli } from '../../../support/run-cli';

describe('appeals officer: grades and N4', () => {
  let api: ApiHarness;
  const { req, post, registerC1 } = appealsClient(() => api);
  const expectRefusal = (r: { status: number; body: any }, status: number, code: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(hasChinese(r.body?.detailZh)).toBe(true);
  };

  beforeAll(async () => {
    api = await startApi('appeals_grades');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await registerC1();
    await post('/v1/cadres/C1/events', { id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  });
  afterAll(() => api.close());

  it('a grade corrected by the review: heavier refused; the list does not call the corrected grade a clerical retraction', async () => {
    await post('/v1/cadres/C1/events', { id: 'g2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'BASICALLY_COMPETENT' } });
    await post('/v1/appeals/R1/events', { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2022-01-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: 'g2021', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2022-01-16' } }, 'APPEALS_OFFICER');
    for (const grade of ['BASICALLY_COMPETENT', 'INCOMPETENT']) {
      expectRefusal(
        await req('POST', '/v1/appeals/R1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-02-01', data: { appealId: 'R1', outcome: 'UPHELD', reasoning: 'x' }, remedy: { kind: 'CORRECT_GRADE', grade } }),
        422,
        'RULE_N5_REMEDY_HEAVIER',
      );
    }
    expectRefusal(
      await req('POST', '/v1/appeals/R1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-02-01', data: { appealId: 'R1', outcome: 'UPHELD', reasoning: 'x' }, remedy: { kind: 'RESCIND_SANCTION' } }),
      422,
      'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET',
    );
    const decided = await post(
      '/v1/appeals/R1/events',
      { id: 'r1-decided', type: 'AppealDecided', effectiveDate: '2022-02-01', documentRef: '复〔2022〕1号', data: { appealId: 'R1', outcome: 'UPHELD', reasoning: '考核依据不足' }, remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } },
      'APPEALS_OFFICER',
    );
    const types = decided.events.map((e: any) => e.type);
    expect(types).toEqual(['AppealDecided', 'EntryRetracted', 'AnnualAssessmentRecorded']);
    // The correction names what it corrects.
    const retraction = decided.events[1];
    expect(retraction.data.targetEventId).toBe('g2021');
    expect(retraction.causationId).toBe('r1-decided');
    const a = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals.find((x: any) => x.appealId === 'R1');
    // Corrected by this very decision, not struck out by a clerk's clerical retraction (found: shown as "（已撤回）").
    expect(a.target).toMatchObject({ type: 'AnnualAssessmentRecorded', year: 2021, grade: 'BASICALLY_COMPETENT', retracted: false, correctedByDecision: true });
    const cli = await runCli(['appeals', '--all'], { DATABASE_URL: api.db.url });
    expect(cli.stdout).toMatch(/R1.*2021 年度考核：基本称职（已由该决定更正）/);
  });

  it('between the appealed grade and its correction, the year is not left without any grade', async () => {
    // g2021 (BASICALLY_COMPETENT) effective 2022-01-15, corrected to COMPETENT by R1 on 2022-02-01.
    const state = (await req('GET', '/v1/cadres/C1/state?asOf=2022-01-20', 'AUDITOR')).body;
    const g = state.grades.filter((x: any) => x.year === 2021);
    expect(g.length).toBe(1);
  });

  it('a WARNING rescinded by an upheld review no longer forbids EXCELLENT (N4), and the N4 finding goes away as known after', async () => {
    // The grade of 2023 recorded first, then a back-dated WARNING in 2023: an N4 finding.
    await post('/v1/cadres/C1/events', { id: 'g2023', type: 'AnnualAssessmentRecorded', effectiveDate: '2024-01-15', data: { year: 2023, grade: 'EXCELLENT' } });
    await post('/v1/cadres/C1/events', { id: 's-2023', type: 'SanctionImposed', effectiveDate: '2023-06-01', documentRef: 'X纪〔2023〕7号', data: { sanctionId: 'W1', kind: 'WARNING', grounds: '据举报' } });
    const n4 = async (q = '') => (await req('GET', `/v1/findings?rule=N4&asOf=2025-01-01${q}`, 'AUDITOR')).body.findings;
    expect((await n4()).map((f: any) => f.year)).toEqual([2023]);
    // A new EXCELLENT for 2024 would also be refused while W1 stands? (2024 is not a WARNING year: fine.)
    await post('/v1/appeals/R2/events', { id: 'r2-filed', type: 'AppealFiled', effectiveDate: '2024-02-10', data: { appealId: 'R2', cadreId: 'C1', targetEventId: 's-2023', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2024-02-01' } }, 'APPEALS_OFFICER');
    // A rescission naming the appeal before it is decided is refused; on the decision's day it is not.
    expectRefusal(
      await req('POST', '/v1/cadres/C1/events', 'CLERK', { type: 'SanctionRescinded', effectiveDate: '2024-03-01', data: { sanctionId: 'W1', reason: 'APPEAL_UPHELD', appealId: 'R2' } }),
      422,
      'RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD',
    );
    await post('/v1/appeals/R2/events', { id: 'r2-decided', type: 'AppealDecided', effectiveDate: '2024-03-01', data: { appealId: 'R2', outcome: 'UPHELD', reasoning: '系诬告' } }, 'APPEALS_OFFICER');
    expectRefusal(
      await req('POST', '/v1/cadres/C1/events', 'CLERK', { type: 'SanctionRescinded', effectiveDate: '2024-02-29', data: { sanctionId: 'W1', reason: 'APPEAL_UPHELD', appealId: 'R2' } }),
      422,
      'RULE_TM9_RESCISSION_BEFORE_APPEAL_DECIDED',
    );
    const before = await databaseInstantBetween(api.db.sql);
    await post('/v1/cadres/C1/events', { id: 'rescind-w1', type: 'SanctionRescinded', effectiveDate: '2024-03-01', data: { sanctionId: 'W1', reason: 'APPEAL_UPHELD', appealId: 'R2' } });
    expect(await n4()).toEqual([]);
    expect((await n4(`&knownAt=${encodeURIComponent(before)}`)).map((f: any) => f.year)).toEqual([2023]);
    // CLI agrees.
    const cli = await runCli(['findings', '--rule', 'N4', '--as-of', '2025-01-01', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cli.stdout).findings).toEqual([]);
    // History: the sanction, the review and the rescission linked.
    const h = (await req('GET', '/v1/cadres/C1/history', 'APPEALS_OFFICER')).body;
    const byId = Object.fromEntries(h.events.map((e: any) => [e.eventId, e]));
    expect(byId['s-2023'].links).toMatchObject({ appealedBy: ['r2-filed'], rescindedBy: ['rescind-w1'] });
  });

  it('ADMIN undoes a CORRECT_GRADE remedy (retracts the corrected grade): the upheld review is unremedied again', async () => {
    await post('/v1/cadres/C1/events', { id: 'g2019', type: 'AnnualAssessmentRecorded', effectiveDate: '2020-01-15', data: { year: 2019, grade: 'BASICALLY_COMPETENT' } });
    await post('/v1/appeals/R3/events', { id: 'r3-filed', type: 'AppealFiled', effectiveDate: '2020-01-20', data: { appealId: 'R3', cadreId: 'C1', targetEventId: 'g2019', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2020-01-16' } }, 'APPEALS_OFFICER');
    const decided = await post(
      '/v1/appeals/R3/events',
      { id: 'r3-decided', type: 'AppealDecided', effectiveDate: '2020-02-01', data: { appealId: 'R3', outcome: 'UPHELD', reasoning: '考核依据不足' }, remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } },
      'APPEALS_OFFICER',
    );
    const regrade = decided.events.find((e: any) => e.type === 'AnnualAssessmentRecorded');
    const n5 = async () => (await req('GET', '/v1/findings?rule=N5&asOf=2020-12-31', 'AUDITOR')).body.findings.filter((f: any) => f.kind === 'APPEAL_REMEDY_MISSING').map((f: any) => f.appealId);
    expect(await n5()).toEqual([]);
    const byClerk = await req('POST', '/v1/cadres/C1/events', 'CLERK', { type: 'EntryRetracted', effectiveDate: '2020-03-01', data: { targetEventId: regrade.eventId, reason: '误录' } });
    expect(byClerk.status).toBe(403);
    await post('/v1/cadres/C1/events', { id: 'undo-regrade', type: 'EntryRetracted', effectiveDate: '2020-03-01', data: { targetEventId: regrade.eventId, reason: '决定有误，撤回' } }, 'ADMIN');
    // The decision's outcome is undone (README): the year now holds no grade at all, the appealed
    // one struck out by the remedy's retraction and the corrected one by the admin's.
    expect(await n5()).toEqual(['R3']);
  });
});
