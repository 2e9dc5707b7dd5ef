/**
 * The ten measures' answers at their boundaries, over HTTP (and the CLI's human text).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { settle } from '../projections/support';

let api: ApiHarness;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const post = async (path: string, body: unknown, role: 'CLERK' | 'ADMIN' = 'ADMIN') => {
  const r = await api.request('POST', path, { role, body });
  if (r.status >= 300) throw new Error(`${path} ${JSON.stringify(body).slice(0,200)}: ${r.status} ${JSON.stringify(r.body).slice(0,400)}`);
  return r.body;
};
const unit = (id: string, kind = 'TOWNSHIP', extra: Record<string, unknown> = {}) =>
  post(`/v1/org-units/${id}/events`, { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${id}镇`, kind, ...extra } });
const cadre = (id: string, birthDate: string) =>
  post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate, education } });
const ev = (cadreId: string, id: string, type: string, effectiveDate: string, data: unknown, extra: Record<string, unknown> = {}) =>
  post(`/v1/cadres/${cadreId}/events`, { id, type, effectiveDate, data, ...extra });
const appoint = (c: string, date: string, orgUnitId: string, role: string, id = `ap-${c}-${orgUnitId}-${role}-${date}`) => ev(c, id, 'AppointedToPost', date, { orgUnitId, role });
const get = async (path: string) => {
  const r = await api.request('GET', path, { role: 'AUDITOR' });
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const team = async (township: string, asOf: string) => (await get(`/v1/reports/team-composition?township=${township}&asOf=${asOf}`)).townships[0];
const check = (t: any, rule: string) => t.checks.find((c: any) => c.rule === rule);

beforeAll(async () => {
  api = await startApi('measures_boundaries');
  for (const t of ['TA', 'TB', 'TC', 'TD']) await unit(t);
  await unit('CL', 'COUNTY_LEADERSHIP');
  // TA: TM1 ages. A1 born on 29 February 1996.
  await cadre('A0', '1970-01-01');
  await cadre('A1', '1996-02-29');
  await appoint('A0', '2015-01-01', 'TA', 'PARTY_SECRETARY');
  await appoint('A1', '2015-01-01', 'TA', 'DEPUTY_HEAD');
  // TB: TM1 experience from 29 February 2020.
  await cadre('B0', '1970-01-01');
  await cadre('B1', '1970-01-01');
  await appoint('B0', '2020-02-29', 'TB', 'PARTY_SECRETARY');
  await appoint('B1', '2020-02-29', 'TB', 'DEPUTY_HEAD');
  // TC: TM8 under a policy asking two talks and two health checks a year (from 2023).
  const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
  await post('/v1/policy/versions', {
    id: 'pv-2',
    version: '2',
    effectiveFrom: '2023-01-01',
    description: '谈心谈话每年2次、体检每年2次',
    settings: { ...defaults.settings, care: { talksPerYear: 2, healthChecksPerYear: 2 } },
  });
  await cadre('C0', '1975-01-01');
  await cadre('C1', '1990-01-01');
  await appoint('C0', '2021-01-01', 'TC', 'PARTY_SECRETARY');
  await appoint('C1', '2021-01-01', 'TC', 'HEAD');
  await ev('C0', 'c0-talk', 'TalkHeld', '2023-05-01', { kind: 'HEART_TO_HEART', withCadreId: 'C1' });
  await ev('C0', 'c0-hc', 'HealthCheckCompleted', '2023-05-01', {});
  await ev('C1', 'c1-hc', 'HealthCheckCompleted', '2023-05-01', {});
  await settle(api);
}, 180_000);
afterAll(() => api?.close());

describe('TM1 ages on a 29 February birthday (T3)', () => {
  it('the member born 1996-02-29 is 29 on 2026-02-27 and 30 on 2026-02-28 (non-leap)', async () => {
    const before = await team('TA', '2026-02-27');
    expect(before.members.find((m: any) => m.cadreId === 'A1').age).toBe(29);
    expect(check(before, 'TM1.member-under-30').passed).toBe(true);
    const on = await team('TA', '2026-02-28');
    expect(on.members.find((m: any) => m.cadreId === 'A1').age).toBe(30);
    expect(check(on, 'TM1.member-under-30').passed).toBe(false);
  });
  it('in a leap year the birthday is 29 February: 27 on 2024-02-28, 28 on 2024-02-29', async () => {
    expect((await team('TA', '2024-02-28')).members.find((m: any) => m.cadreId === 'A1').age).toBe(27);
    expect((await team('TA', '2024-02-29')).members.find((m: any) => m.cadreId === 'A1').age).toBe(28);
  });
});

describe('TM1 experience from 29 February 2020 (T3)', () => {
  it('two years of township work are reached on 2022-02-28, not before', async () => {
    const before = await team('TB', '2022-02-27');
    expect(before.members.find((m: any) => m.cadreId === 'B1').townshipWorkYears).toBe(1);
    expect(check(before, 'TM1.experienced-share').passed).toBe(false);
    const on = await team('TB', '2022-02-28');
    expect(on.members.find((m: any) => m.cadreId === 'B1').townshipWorkYears).toBe(2);
    expect(check(on, 'TM1.experienced-share').passed).toBe(true);
    expect(check(on, 'TM1.chief-experience').passed).toBe(true);
    expect(check(before, 'TM1.chief-experience').passed).toBe(false);
  });
});

describe('TM8 under a version asking two talks and two health checks a year', () => {
  it('the talks report counts the pair with one talk as missing (2 required)', async () => {
    const r = await get('/v1/reports/talks?year=2023&township=TC');
    expect(r.policyVersion).toBe('2');
    expect(r.missing.map((p: any) => [p.a.cadreId, p.b.cadreId, p.talks])).toEqual([['C0', 'C1', 1]]);
  });
  it('the finding does not say "未谈心谈话" of a pair that talked once: it says how many of how many', async () => {
    const r = await get('/v1/findings?year=2023&asOf=2024-06-01&rule=TM8.chief-member');
    const f = r.findings.find((x: any) => x.orgUnitId === 'TC');
    expect(f).toBeDefined();
    expect(f.policyVersion).toBe('2');
    // One talk was held: "未谈心谈话" (did not talk) is untrue; the number required (2) is said.
    expect(f.detail).toBe('TC镇：干部C0（C0）与 干部C1（C1）2023 年度谈心谈话 1 次，少于每年要求的 2 次');
  });
  it('the health-check finding does not say "未体检" of a cadre checked once (2 required)', async () => {
    const r = await get('/v1/findings?year=2023&asOf=2024-06-01&rule=TM8.health-check');
    const f = r.findings.find((x: any) => x.cadreId === 'C0');
    expect(f).toBeDefined();
    expect(f.detail).toBe('TC镇 干部C0（C0）2023 年度体检 1 次，少于每年要求的 2 次');
  });
  it('the CLI talks table says the pair talked once, not "未谈"', async () => {
    const out = await runCli(['report', 'talks', '--year', '2023', '--township', 'TC'], { DATABASE_URL: api.db.url });
    expect(out.code).toBe(0);
    // Not "已谈 0 对，未谈 1 对": the number required, and the talk held.
    expect(out.stdout).toContain('应谈 1 对（每对每年 2 次），达到 0 对，未达到 1 对');
    expect(out.stdout).toMatch(/干部C0（C0）\s+干部C1（C1）.*1 次/);
  });
});
