/**
 * From a review of its change: TM8 over HTTP for a chief of two townships and a talk recorded on both sides.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('TM8 over HTTP (review diff2)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('review_diff2_tm8');
    const person = (id: string) => ({ id: `reg-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
    const lines = [
      { id: 'u-CL', type: 'OrgUnitRegistered', orgUnitId: 'CL', effectiveDate: '2000-01-01', data: { name: '县委', kind: 'COUNTY_LEADERSHIP' } },
      ...['T1', 'T2'].map((t) => ({ id: `u-${t}`, type: 'OrgUnitRegistered', orgUnitId: t, effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } })),
      person('L'),
      person('S'),
      person('M'),
      { id: 'p-L', type: 'AppointedToPost', cadreId: 'L', effectiveDate: '2015-01-01', data: { orgUnitId: 'CL', role: 'PARTY_SECRETARY' } },
      { id: 'p-S1', type: 'AppointedToPost', cadreId: 'S', effectiveDate: '2015-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } },
      { id: 'p-S2', type: 'AppointedToPost', cadreId: 'S', effectiveDate: '2016-01-01', data: { orgUnitId: 'T2', role: 'PARTY_SECRETARY' } },
      { id: 'p-M', type: 'AppointedToPost', cadreId: 'M', effectiveDate: '2015-01-01', data: { orgUnitId: 'T1', role: 'DEPUTY_HEAD' } },
      { id: 'talk-SM', type: 'TalkHeld', cadreId: 'S', effectiveDate: '2024-05-10', data: { kind: 'HEART_TO_HEART', withCadreId: 'M' } },
      { id: 'talk-MS', type: 'TalkHeld', cadreId: 'M', effectiveDate: '2024-05-10', data: { kind: 'HEART_TO_HEART', withCadreId: 'S' } },
    ];
    const imp = await api.request('POST', '/v1/import', { rawBody: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect([imp.status, imp.body.rejected]).toEqual([200, []]);
  });
  afterAll(() => api.close());

  it('talks: one talk recorded on both sides is 1, evidence cites both records; the S–L pair once', async () => {
    const r = await api.request('GET', '/v1/reports/talks?year=2024');
    expect(r.status).toBe(200);
    const sm = [...r.body.held, ...r.body.missing].find((p: any) => p.rule === 'TM8.chief-member');
    expect(sm).toEqual(expect.objectContaining({ talks: 1, evidence: expect.arrayContaining(['talk-SM', 'talk-MS']) }));
    expect(r.body.missing.filter((p: any) => p.rule === 'TM8.county-leader-chief')).toHaveLength(1);
  });
  it('talks ?township=T2: the S–L pair is reported under T2', async () => {
    const r = await api.request('GET', '/v1/reports/talks?year=2024&township=T2');
    expect(r.status).toBe(200);
    expect(r.body.missing.map((p: any) => [p.rule, p.orgUnitId, p.b.cadreId])).toEqual([['TM8.county-leader-chief', 'T2', 'S']]);
  });
  it('findings ?township=T2&rule=TM8: the pair and the health check of S', async () => {
    const r = await api.request('GET', '/v1/findings?township=T2&rule=TM8&asOf=2025-01-01');
    expect(r.status).toBe(200);
    const items = Array.isArray(r.body) ? r.body : r.body.findings ?? r.body.items;
    expect(items.filter((f: any) => f.cadreId === 'S' && f.orgUnitId === 'T2').map((f: any) => f.rule).sort()).toEqual(['TM8.county-leader-chief', 'TM8.health-check'].sort());
  });
});
