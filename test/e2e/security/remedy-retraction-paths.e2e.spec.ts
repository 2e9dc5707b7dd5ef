/**
 * 873262b (a remedy's retraction checked as the command is decided) and b87db20 (/V1/… reaches the
 * API): cheap pins of what was fine when reviewed.
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

describe('remedy retraction on the If-Match path; API paths in any case', () => {
  let api: ApiHarness;
  const write = async (path: string, body: unknown, role: 'ADMIN' | 'CLERK' | 'APPEALS_OFFICER' = 'ADMIN') => {
    const r = await api.request('POST', path, { role, body });
    expect([r.status, r.status === 201 ? null : r.body]).toEqual([201, null]);
  };
  beforeAll(async () => {
    api = await startApi('diff_remedy_paths');
    await registerTownshipAndCadre(api);
    await write('/v1/cadres/C1/events', { id: 'g19', type: 'AnnualAssessmentRecorded', effectiveDate: '2020-01-15', data: { year: 2019, grade: 'COMPETENT' } });
    await write('/v1/appeals/A2/events', { id: 'af2', type: 'AppealFiled', effectiveDate: '2020-01-20', data: { appealId: 'A2', cadreId: 'C1', targetEventId: 'g19', stage: 'REVIEW', grounds: '等次有误', learnedOfDecisionDate: '2020-01-16' } }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A2/events', { id: 'ad2', type: 'AppealDecided', effectiveDate: '2020-02-10', remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }, data: { appealId: 'A2', outcome: 'UPHELD', reasoning: '等次有误' } }, 'APPEALS_OFFICER');
  });
  afterAll(async () => api.close());

  it('a clerk retracting the corrected grade with a stale If-Match is refused 403 naming the decision (not a 409 inviting a retry)', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', {
      role: 'CLERK',
      headers: { 'if-match': '"0"' },
      body: { id: 'rt-im', type: 'EntryRetracted', effectiveDate: '2020-03-01', data: { targetEventId: 'ad2:regrade', reason: '录入错误' } },
    });
    expect([r.status, r.body.code, r.body.capability]).toEqual([403, 'FORBIDDEN_EVENT_TYPE', 'recordAppealEvents']);
  });

  it('GET /V1/… in capitals is answered by the API as JSON, not by the web app’s page', async () => {
    const r = await api.request('GET', '/V1/cadres/C1/history');
    expect([r.status, r.headers.get('content-type')?.startsWith('application/json')]).toEqual([200, true]);
  });
});
