/**
 * Calendar edges at the HTTP API and the CLI: invalid calendar dates refused, asOf and knownAt
 * before any event, 29 February anniversaries, the Beijing day, a same-day appointment and removal.
 * (A year report for a year not begun: test/e2e/runtime/cli-chinese-text.e2e.spec.ts.)
 */
import { shanghaiDateOf } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { settle } from '../projections/support';

let api: ApiHarness;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const post = async (path: string, body: unknown) => {
  const r = await api.request('POST', path, { role: 'ADMIN', body });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
};
const cli = (...args: string[]) => runCli(args, { DATABASE_URL: api.db.url });
const get = (path: string) => api.request('GET', path, { role: 'AUDITOR' });

beforeAll(async () => {
  api = await startApi('calendar_edges');
  await post('/v1/org-units/T01/events', { id: 'u1', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  for (const c of ['S1', 'H1']) {
    await post(`/v1/cadres/${c}/events`, { id: `r-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1975-01-01', education } });
  }
  await post('/v1/cadres/S1/events', { id: 'a-S1', type: 'AppointedToPost', effectiveDate: '2016-02-29', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/H1/events', { id: 'a-H1', type: 'AppointedToPost', effectiveDate: '2016-02-29', data: { orgUnitId: 'T01', role: 'HEAD' } });
  // A same-day appointment and removal (no day held).
  await post('/v1/cadres/H1/events', { id: 'a-H1-dh', type: 'AppointedToPost', effectiveDate: '2017-05-05', data: { orgUnitId: 'T01', role: 'TEAM_MEMBER' } });
  await post('/v1/cadres/H1/events', { id: 'r-H1-dh', type: 'RemovedFromPost', effectiveDate: '2017-05-05', data: { orgUnitId: 'T01', role: 'TEAM_MEMBER', reason: 'OTHER' } });
  await settle(api);
}, 180_000);
afterAll(() => api?.close());

describe('CLI date flags', () => {
  it.each([['2025-02-29'], ['2025-13-01'], ['0000-01-01'], ['20250-01-01']])('tenure --as-of %s is a USAGE error (exit 1 or 2), never an answer', async (asOf) => {
    const r = await cli('tenure', 'S1', '--as-of', asOf, '--json');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/"code"/);
  });
  it.each([['20250'], ['0000'], ['2025.0']])('report talks --year %s is refused', async (year) => {
    const r = await cli('report', 'talks', '--year', year, '--json');
    expect(r.code).not.toBe(0);
  });
});

describe('CLI tenure of a same-day appointment and removal', () => {
  it('no post is printed as ending the day before it began', async () => {
    const r = await cli('tenure', 'H1', '--as-of', '2024-01-01');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('2017-05-04');
  });
  it('history shows both events and no negative period', async () => {
    const r = await cli('history', 'H1', '--as-of', '2024-01-01');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/2017-05-05 至 2017-05-04/);
  });
});

describe('invalid calendar dates at the HTTP API are 400, never 500 or an answer', () => {
  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '0000-01-01', '20250-01-01', '2025-1-1', '1899-12-31', '+02025-01-01'])('tenure asOf=%s', async (asOf) => {
    const r = await get(`/v1/cadres/S1/tenure?asOf=${encodeURIComponent(asOf)}`);
    expect(r.status).toBe(400);
  });
  it.each(['2025-02-29', '2025-13-01', '0000-01-01', '20250-01-01'])('eligibility knownAt=%s', async (knownAt) => {
    const r = await get(`/v1/eligibility/in-post-promotion?knownAt=${encodeURIComponent(knownAt)}`);
    expect(r.status).toBe(400);
  });
  it.each(['20250', '0000', '1899', '3000', '2025.0'])('findings year=%s', async (year) => {
    const r = await get(`/v1/findings?year=${year}`);
    expect(r.status).toBe(400);
  });
  it.each(['2025-02-29', '2025-13-01', '0000-01-01', '20250-01-01'])('a write effective %s is a 400 naming effectiveDate', async (effectiveDate) => {
    const r = await api.request('POST', '/v1/cadres/S1/events', { role: 'ADMIN', body: { id: `bad-${effectiveDate}`, type: 'TrainingCompleted', effectiveDate, data: { programme: '培训', level: 'COUNTY' } } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('effectiveDate');
  });
});

describe('asOf and knownAt at the edges', () => {
  it('tenure as of 1950 (before any event) is empty, not an error', async () => {
    const r = await get('/v1/cadres/S1/tenure?asOf=1950-01-01');
    expect(r.status).toBe(200);
    expect(r.body.posts).toEqual([]);
    expect(r.body.partySecretaryRun).toBeNull();
  });
  it('tenure as known in 1990 (before the store) knows no post', async () => {
    const r = await get('/v1/cadres/S1/tenure?asOf=2020-01-01&knownAt=1990-01-01');
    expect([200, 404]).toContain(r.status);
    if (r.status === 200) expect(r.body.posts).toEqual([]);
  });
  it('eligibility as of 2024-02-29 (8 years from 2016-02-29) and as of 2026-02-28 (10 years) count the anniversaries', async () => {
    const on = await get('/v1/eligibility/in-post-promotion?asOf=2024-02-29');
    expect(on.body.cadres.find((c: any) => c.cadreId === 'S1').partySecretaryRun.years).toBe(8);
    const h = await get('/v1/eligibility/in-post-promotion?asOf=2026-02-28');
    expect(h.body.cadres.find((c: any) => c.cadreId === 'H1').chiefRun.years).toBe(10);
    const before = await get('/v1/eligibility/in-post-promotion?asOf=2026-02-27');
    expect(before.body.cadres.find((c: any) => c.cadreId === 'H1').chiefRun.years).toBe(9);
  });
  it('the default asOf is the Beijing calendar day', async () => {
    const r = await get('/v1/cadres/S1/tenure');
    expect(r.body.asOf).toBe(shanghaiDateOf(Date.now()));
  });
});
