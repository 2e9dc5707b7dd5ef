/**
 * Read your writes as deployed: an API without projections beside a projector process.
 * Each write then at once a read: current (the projector follows within the wait), and once the
 * projector is killed, answers say behind.
 */
import type { Role } from '@ledger/auth';
import type { ApiHarness } from '../../support/api-harness';
import { apiBesideProjector, type Projector } from '../projector/support';

jest.setTimeout(180_000);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('API beside a projector', () => {
  let api: ApiHarness;
  let projector: Projector | undefined;
  let close: () => Promise<void> = async () => undefined;
  const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
  beforeAll(async () => {
    ({ api, projector, close } = await apiBesideProjector('ryw_projector', {}, { PROJECTION_POLL_INTERVAL_MS: '100' }));
  });
  afterAll(() => close());

  it('each write is in the very next answer (tenure, roster, eligibility, org units, team report)', async () => {
    for (let i = 1; i <= 5; i++) {
      await post(`/v1/org-units/P${i}/events`, { id: `reg-P${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `新${i}镇`, kind: 'TOWNSHIP' } });
      const units = await api.request('GET', '/v1/org-units', { role: 'CLERK' });
      expect([units.body.behind, units.body.orgUnits.some((u: any) => u.orgUnitId === `P${i}`)]).toEqual([undefined, true]);
      await post(`/v1/cadres/Q${i}/events`, { id: `reg-Q${i}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${i}`, gender: 'M', birthDate: '1980-01-01', education } });
      await post(`/v1/cadres/Q${i}/events`, { id: `Q${i}-sec`, type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: `P${i}`, role: 'PARTY_SECRETARY' } });
      const tenure = await api.request('GET', `/v1/cadres/Q${i}/tenure?asOf=2022-06-30`, { role: 'ORG_DEPT' });
      expect([tenure.status, tenure.body.behind, tenure.body.posts?.length]).toEqual([200, undefined, 1]);
      const elig = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30', { role: 'ORG_DEPT' });
      expect([elig.body.behind, elig.body.cadres.length]).toEqual([undefined, i]);
      const team = await api.request('GET', `/v1/reports/team-composition?asOf=2022-06-30&township=P${i}`, { role: 'ORG_DEPT' });
      expect([team.status, team.body.behind, JSON.stringify(team.body).includes(`Q${i}`)]).toEqual([200, undefined, true]);
    }
  });

  it('given the projector killed, a write is then answered with behind (not silently stale), with the 404 of a new cadre carrying behind', async () => {
    projector!.child.kill('SIGKILL');
    await projector!.exited;
    await post('/v1/cadres/Q1/events', { id: 'Q1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕1号', data: { sanctionId: 'SQ1', kind: 'WARNING', grounds: '经查' } }, 'CLERK');
    const elig = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30', { role: 'ORG_DEPT' });
    expect([elig.status, elig.body.behind?.events, elig.headers.get('x-ledger-behind')]).toEqual([200, 1, expect.stringMatching(/^1; /)]);
    const status = await api.request('GET', '/v1/status', { role: 'ADMIN' });
    expect(status.body.projections.find((p: any) => p.name === 'cadre-careers').lagEvents).toBe(1);
  });
});
