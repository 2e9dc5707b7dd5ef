/**
 * Review (appeals officer / auditor): a 复核 decided PARTIALLY_UPHELD (部分成立) with the remedy
 * RESCIND_SANCTION writes a SanctionRescinded {reason: APPEAL_UPHELD, appealId}. The audit trail
 * (HTML export, CLI history: describeEventZh, libs/domain/src/describe-event-zh.ts, case
 * 'SanctionRescinded') renders its reason as “复核成立” — the review upheld — while the decision it
 * names says “部分成立”. TM9: "the audit trail always shows the sanction, the appeal and the
 * rescission, linked"; the trail must not state an outcome the decision did not reach.
 */
import { startApi, type ApiHarness } from '../support/api-harness';

describe('review-appeals: the rescission of a partially upheld review reads as partially upheld', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN' = 'ADMIN') => {
    const r = await api.request('POST', path, { role, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  beforeAll(async () => {
    api = await startApi('review_appeals_partial');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await post('/v1/cadres/C1/events', {
      id: 'reg-C1',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await post('/v1/cadres/C1/events', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId: 'S1', kind: 'DEMERIT', grounds: '据举报' } });
    await post('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2022-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '处理过重', learnedOfDecisionDate: '2022-03-05' } }, 'APPEALS_OFFICER');
    await post(
      '/v1/appeals/A1/events',
      { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', documentRef: 'X纪复〔2022〕1号', data: { appealId: 'A1', outcome: 'PARTIALLY_UPHELD', reasoning: '部分事实不清' }, remedy: { kind: 'RESCIND_SANCTION' } },
      'APPEALS_OFFICER',
    );
  });
  afterAll(() => api.close());

  it('given a review decided 部分成立 with RESCIND_SANCTION, then the export’s rescission line does not say 复核成立', async () => {
    const html = await api.request('GET', '/v1/cadres/C1/export?format=html', { role: 'AUDITOR' });
    expect(html.status).toBe(200);
    const text = String(html.body);
    expect(text).toContain('复核（A1）决定：部分成立');
    // The rescission's own sentence: “撤销…（复核成立，复核 A1），自始无效” today.
    const rescissionLine = text.split('\n').find((line) => line.includes('自始无效')) ?? '';
    expect(rescissionLine).not.toBe('');
    expect(rescissionLine).not.toContain('复核成立');
    expect(rescissionLine).toContain('部分成立');
  });
});
