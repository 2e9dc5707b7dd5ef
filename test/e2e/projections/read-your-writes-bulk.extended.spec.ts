/**
 * Read your writes: writes big enough to make a projection rebuild in one pass
 * (PROJECTION_REBUILD_BACKLOG), by the HTTP import and by the CLI import while the API runs, then
 * an immediate read; and knownAt = the write's own recordedAt.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

jest.setTimeout(180_000);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

function county(prefix: string, n: number): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (let i = 1; i <= n; i++) {
    lines.push({ id: `reg-${prefix}T${i}`, type: 'OrgUnitRegistered', orgUnitId: `${prefix}T${i}`, effectiveDate: '2000-01-01', data: { name: `${prefix}镇${i}`, kind: 'TOWNSHIP' } });
    lines.push({ id: `reg-${prefix}C${i}`, type: 'CadreRegistered', cadreId: `${prefix}C${i}`, effectiveDate: '2000-01-01', data: { name: `${prefix}干部${i}`, gender: 'M', birthDate: '1978-01-01', education } });
    lines.push({ id: `${prefix}C${i}-sec`, type: 'AppointedToPost', cadreId: `${prefix}C${i}`, effectiveDate: '2012-01-01', data: { orgUnitId: `${prefix}T${i}`, role: 'PARTY_SECRETARY' } });
    for (let y = 2012; y <= 2021; y++) lines.push({ id: `${prefix}C${i}-g${y}`, type: 'AnnualAssessmentRecorded', cadreId: `${prefix}C${i}`, effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y % 4 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
  }
  return lines;
}

describe('bulk writes then an immediate read', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('ryw_bulk', {}, { PROJECTION_REBUILD_BACKLOG: '20' });
  });
  afterAll(() => api.close());

  it('given an HTTP import far past the rebuild backlog, then every read at once reflects it (or says behind)', async () => {
    const lines = county('H', 15);
    const imp = await api.request('POST', '/v1/import', { rawBody: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect([imp.status, imp.body.accepted, imp.body.rejectedCount]).toEqual([200, lines.length, 0]);
    const elig = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30', { role: 'ORG_DEPT' });
    if (elig.body.behind === undefined) expect(elig.body.cadres).toHaveLength(15);
    const roster = await api.request('GET', '/v1/cadres?asOf=2022-06-30&pageSize=100', { role: 'ORG_DEPT' });
    if (roster.body.behind === undefined) expect(roster.body.total ?? roster.body.items.length).toBe(15);
    const units = await api.request('GET', '/v1/org-units', { role: 'ORG_DEPT' });
    if (units.body.behind === undefined) expect(units.body.orgUnits).toHaveLength(15);
    const team = await api.request('GET', '/v1/reports/team-composition?asOf=2022-06-30', { role: 'ORG_DEPT' });
    if (team.body.behind === undefined) expect(JSON.stringify(team.body)).toContain('HC15');
    await expectProjectionsConsistent(api.db, { timeoutMs: 30_000 });
  });

  it('given a CLI import (with its own catch-up/rebuild) while the API follows the store, then HTTP reads reflect it and the read models stay consistent', async () => {
    const dir = scratchDir('ryw');
    const file = join(dir, 'k.ndjson');
    const lines = county('K', 15);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const cli = await runCli(['import', file, '--as', 'ADMIN', '--json'], { DATABASE_URL: api.db.url, PROJECTION_REBUILD_BACKLOG: '20' });
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    const elig = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30', { role: 'ORG_DEPT' });
    expect([elig.status, elig.body.behind, elig.body.cadres.length]).toEqual([200, undefined, 30]);
    const tenure = await api.request('GET', '/v1/cadres/KC15/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' });
    expect([tenure.status, tenure.body.behind]).toEqual([200, undefined]);
    await expectProjectionsConsistent(api.db, { timeoutMs: 30_000 });
  });

  it('given a write, then answers as known at its own recordedAt (the instant the write response gives) hold it', async () => {
    const w = await api.request('POST', '/v1/cadres/HC1/events', { role: 'CLERK', body: { id: 'HC1-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_4' } } });
    expect(w.status).toBe(201);
    const at = encodeURIComponent(w.body.events[0].recordedAt);
    const history = await api.request('GET', `/v1/cadres/HC1/history?knownAt=${at}`, { role: 'AUDITOR' });
    expect(history.body.events.map((e: any) => e.eventId)).toContain('HC1-rank');
    const elig = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=HC1&knownAt=${at}`, { role: 'ORG_DEPT' });
    expect([elig.status, elig.body.behind]).toEqual([200, undefined]);
    expect(JSON.stringify(elig.body)).toContain('PRINCIPAL_STAFF_4');
    const roster = await api.request('GET', `/v1/cadres/HC1/state?asOf=2022-06-30&knownAt=${at}`, { role: 'AUDITOR' });
    expect(JSON.stringify(roster.body)).toContain('PRINCIPAL_STAFF_4');
    const cli = await runCli(['tenure', 'HC1', '--as-of', '2022-06-30', '--known-at', w.body.events[0].recordedAt, '--json'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const cliElig = await runCli(['eligibility', '--cadre', 'HC1', '--as-of', '2022-06-30', '--known-at', w.body.events[0].recordedAt, '--json'], { DATABASE_URL: api.db.url });
    expect(cliElig.stdout).toContain('PRINCIPAL_STAFF_4');
  });
});
