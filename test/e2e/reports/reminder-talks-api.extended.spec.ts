/**
 * From a review of its change: GET /v1/reports/reminder-talks gives each chief `postEventId` and `evidence`
 * (the harness holds the answer to /docs/openapi.json). Regression net: held on review.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('reminder-talks over HTTP: the chief post cited', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('review_diff_rt_api');
  });
  afterAll(() => api.close());

  it('a secretary-and-head (书记兼镇长) cites the secretary post, the score and the talk, each once', async () => {
    const person = (id: string, name: string) => ({ id: `reg-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
    const lines = [
      { id: 'u-CL', type: 'OrgUnitRegistered', orgUnitId: 'CL', effectiveDate: '2000-01-01', data: { name: '县委', kind: 'COUNTY_LEADERSHIP' } },
      ...['T01', 'T02', 'T03'].map((t) => ({ id: `u-${t}`, type: 'OrgUnitRegistered', orgUnitId: t, effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } })),
      person('L', '县领导'),
      person('S', '书记'),
      { id: 'p-L', type: 'AppointedToPost', cadreId: 'L', effectiveDate: '2015-01-01', data: { orgUnitId: 'CL', role: 'TEAM_MEMBER' } },
      { id: 'p-S-head', type: 'AppointedToPost', cadreId: 'S', effectiveDate: '2016-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } },
      { id: 'p-S-sec', type: 'AppointedToPost', cadreId: 'S', effectiveDate: '2018-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } },
      ...['T01', 'T02', 'T03'].map((t, i) => ({ id: `sc-${t}`, type: 'TownshipPerformanceScored', orgUnitId: t, effectiveDate: '2025-02-01', data: { year: 2024, score: 60 + i } })),
      { id: 'talk-S', type: 'TalkHeld', cadreId: 'L', effectiveDate: '2025-03-01', data: { kind: 'REMINDER', withCadreId: 'S' } },
    ];
    const imp = await api.request('POST', '/v1/import', { rawBody: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect([imp.status, imp.body.rejected]).toEqual([200, []]);
    const r = await api.request('GET', '/v1/reports/reminder-talks?year=2024');
    expect(r.status).toBe(200);
    const t01 = r.body.townships.find((t: any) => t.orgUnitId === 'T01');
    expect(t01.chiefs).toEqual([expect.objectContaining({ cadreId: 'S', role: 'PARTY_SECRETARY', postEventId: 'p-S-sec', talkEventId: 'talk-S', evidence: ['sc-T01', 'p-S-sec', 'talk-S'] })]);
  });
});
