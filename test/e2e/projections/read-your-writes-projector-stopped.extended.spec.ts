/**
 * Read your writes: an API without projections and no projector running. Every answer
 * from the read models after a write must say it is behind (field + header), never be silently
 * stale; the CLI (which drives the projections itself) must reflect the HTTP write.
 */
import { ProjectionRunner } from '@ledger/projections';
import type { Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

jest.setTimeout(180_000);

describe('projector stopped', () => {
  let api: ApiHarness;
  const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

  beforeAll(async () => {
    api = await startApi('ryw_stopped', {}, { PROJECTIONS_IN_API: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '200' });
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education } });
    await post('/v1/cadres/C1/events', { id: 'C1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    // Everything so far projected (as if a projector had run and then stopped).
    await new ProjectionRunner(api.db.sql, api.ledger.store).catchUpAll();
  });
  afterAll(() => api.close());

  const READS = [
    '/v1/eligibility/in-post-promotion?asOf=2022-06-30',
    '/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1',
    '/v1/cadres/C1/tenure?asOf=2022-06-30',
    '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025',
    '/v1/cadres?asOf=2022-06-30',
    '/v1/findings?asOf=2022-06-30',
    '/v1/compliance/findings?year=2022',
    '/v1/appeals?status=ALL',
    '/v1/org-units',
    '/v1/reports/team-composition?asOf=2022-06-30',
    '/v1/reports/promotion-pool?asOf=2022-06-30',
    '/v1/reports/training?year=2022',
    '/v1/reports/department-ratings?year=2022',
    '/v1/reports/recommendations?asOf=2022-06-30',
    '/v1/reports/secretary-seats?asOf=2022-06-30',
    '/v1/reports/focus-ledger?asOf=2022-06-30',
    '/v1/reports/reminder-talks?year=2022',
    '/v1/reports/talks?year=2022',
    '/v1/reports/health-checks?year=2022',
    `/v1/cadres/C1/tenure?asOf=2022-06-30&knownAt=${encodeURIComponent('2099-12-31')}`,
  ];

  it('given nothing written since the catch-up, then no read answer is behind', async () => {
    for (const path of READS) {
      const r = await api.request('GET', path, { role: 'ADMIN' });
      expect([path, r.status, r.body?.behind, r.headers.get('x-ledger-behind')]).toEqual([path, 200, undefined, null]);
    }
  });

  it('given a write (an org unit and a sanction) not projected, then every read-model answer carries behind with its count and the header', async () => {
    const written = await post('/v1/cadres/C1/events', { id: 'C1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕9号', data: { sanctionId: 'S-C1', kind: 'WARNING', grounds: '经查属实' } }, 'CLERK');
    await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP' } });
    const failures: string[] = [];
    for (const path of READS) {
      const r = await api.request('GET', path, { role: 'ADMIN' });
      const ok = r.status === 200 && r.body?.behind?.events === 2 && /^2; /.test(r.headers.get('x-ledger-behind') ?? '') && r.body.behind.requiredPosition.commit >= written.position.commit;
      if (!ok) failures.push(`${path}: ${r.status} behind=${JSON.stringify(r.body?.behind)} header=${r.headers.get('x-ledger-behind')}`);
    }
    expect(failures).toEqual([]);
  });

  it('given an HTTP write, then the CLI tenure, eligibility, org-units, candidates and report reflect it at once (they drive the projections)', async () => {
    await post('/v1/cadres/C1/events', { id: 'C1-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_4' } }, 'CLERK');
    await post('/v1/org-units/T03/events', { id: 'reg-T03', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '白云镇', kind: 'TOWNSHIP' } });
    const env = { DATABASE_URL: api.db.url };
    const units = await runCli(['org-units', '--json'], env);
    expect([units.code, units.stderr]).toEqual([0, '']);
    expect(units.stdout).toContain('T03');
    const elig = await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'C1', '--json'], env);
    expect(elig.code).toBe(0);
    expect(elig.stdout).toContain('PRINCIPAL_STAFF_4');
    expect(JSON.parse(elig.stdout).behind).toBeUndefined();
    // after the CLI drove them, the API's answers are current again
    const t = await api.request('GET', '/v1/cadres/C1/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' });
    expect([t.status, t.body.behind, t.headers.get('x-ledger-behind')]).toEqual([200, undefined, null]);
  });

  it('given a cadre and a unit just recorded, then the 404s that carry behind in their body also carry the X-Ledger-Behind header, as every other behind answer', async () => {
    await post('/v1/cadres/C7/events', { id: 'reg-C7', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '周九', gender: 'M', birthDate: '1980-01-01', education } }, 'CLERK');
    await post('/v1/org-units/T7/events', { id: 'reg-T7', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '七镇', kind: 'TOWNSHIP' } });
    const seen: unknown[] = [];
    for (const path of ['/v1/cadres/C7/tenure?asOf=2022-06-30', '/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C7', '/v1/reports/team-composition?asOf=2022-06-30&township=T7', '/v1/cadres?township=T7']) {
      const r = await api.request('GET', path, { role: 'ADMIN' });
      seen.push([path, r.status, r.body.behind !== undefined, r.headers.get('x-ledger-behind')]);
    }
    expect(seen).toEqual([
      ['/v1/cadres/C7/tenure?asOf=2022-06-30', 404, true, expect.stringMatching(/^\d+; /)],
      ['/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C7', 404, true, expect.stringMatching(/^\d+; /)],
      ['/v1/reports/team-composition?asOf=2022-06-30&township=T7', 404, true, expect.stringMatching(/^\d+; /)],
      ['/v1/cadres?township=T7', 404, true, expect.stringMatching(/^\d+; /)],
    ]);
  });
});
