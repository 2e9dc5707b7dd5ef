/**
 * README: an EntryRetracted whose target an upheld appeal's decision wrote as its remedy needs
 * recordAppealEvents too: "a clerk is refused on every way in with 403 / FORBIDDEN_EVENT_TYPE".
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const J = (o: unknown) => JSON.stringify(o);
const ADMIN_FILE = [
  J({ id: 'reg-A', type: 'CadreRegistered', cadreId: 'A', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } }),
  J({ id: 'san', type: 'SanctionImposed', cadreId: 'A', effectiveDate: '2013-01-01', data: { sanctionId: 's1', kind: 'WARNING', grounds: '违反规定' } }),
  J({ id: 'ap-f', type: 'AppealFiled', appealId: 'AP1', effectiveDate: '2013-01-10', data: { appealId: 'AP1', cadreId: 'A', targetEventId: 'san', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2013-01-05' } }),
  J({ id: 'ap-d', type: 'AppealDecided', appealId: 'AP1', effectiveDate: '2013-02-01', data: { appealId: 'AP1', outcome: 'UPHELD', reasoning: '事实不清' }, remedy: { kind: 'RESCIND_SANCTION' } }),
].join('\n');
const CLERK_FILE = [
  J({ id: 'hc', type: 'HealthCheckCompleted', cadreId: 'A', effectiveDate: '2013-03-01', data: {} }),
  J({ id: 'undo', type: 'EntryRetracted', cadreId: 'A', effectiveDate: '2013-04-01', data: { targetEventId: 'ap-d:rescind', reason: '录入错误' } }),
].join('\n');

describe('a clerk’s import retracting an appeal decision’s remedy', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_remedy');
    const r = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: ADMIN_FILE, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.body).toMatchObject({ accepted: 4, rejectedCount: 0 });
  }, 60000);
  afterAll(async () => api?.close());

  it.each(['?dryRun=true', ''])('given the clerk’s file (%s), then the retraction is refused FORBIDDEN_EVENT_TYPE on line 2 and the health check accepted', async (q) => {
    const r = await api.request('POST', `/v1/import${q}`, { role: 'CLERK', rawBody: CLERK_FILE, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.body.rejected.map((x: any) => `${x.line}:${x.id}:${x.code}`)).toEqual(['2:undo:FORBIDDEN_EVENT_TYPE']);
    expect(r.body.accepted).toBe(1);
  });
});
