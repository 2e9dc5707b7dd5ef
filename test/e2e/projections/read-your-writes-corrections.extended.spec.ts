/**
 * Read your writes: corrections (a second registration, a retraction of a rank, a unit's
 * new name) must show at once in every answer that shows the corrected fact.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(120_000);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('corrections read back at once', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: any = 'ADMIN') => {
    const r = await api.request('POST', path, { role, body });
    return r;
  };
  beforeAll(async () => {
    api = await startApi('ryw_corrections');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1975-01-01', education } });
    await post('/v1/cadres/C1/events', { id: 'C1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await post('/v1/cadres/C1/events', { id: 'C1-rank', type: 'RankSet', effectiveDate: '2012-01-01', data: { rank: 'PRINCIPAL_STAFF_4' } });
  });
  afterAll(() => api.close());

  it('a retracted RankSet: the roster and eligibility no longer give the rank', async () => {
    const r = await post('/v1/cadres/C1/events', { id: 'C1-rank-x', type: 'EntryRetracted', effectiveDate: '2022-01-01', data: { targetEventId: 'C1-rank', reason: '录入错误' } });
    expect(r.status).toBe(201);
    const roster = await api.request('GET', '/v1/cadres?ids=C1&asOf=2022-06-30');
    const byRank = await api.request('GET', '/v1/cadres?rank=PRINCIPAL_STAFF_4&asOf=2022-06-30');
    const elig = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1');
    expect([roster.body.items[0].rank, byRank.body.items.length, JSON.stringify(elig.body).includes('PRINCIPAL_STAFF_4')]).toEqual([null, 0, false]);
  });

});
