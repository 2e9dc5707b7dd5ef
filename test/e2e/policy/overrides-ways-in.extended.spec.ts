/**
 * Policy versions: an override never lifts an integrity
 * rule (route, HTTP import, CLI import), an appeal's remedy carries the override only where it
 * departs, a version adopted by another process governs the API's next decision, and knownAt
 * answers before an adoption use the old version.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { waitForProjections } from '../../support/projections';
import { scratchDir } from '../../support/scratch-dir';

const reg = (id: string) => ({ id: `reg-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
const town = (id: string) => ({ id: `reg-${id}`, type: 'OrgUnitRegistered', orgUnitId: id, effectiveDate: '2000-01-01', data: { name: `${id}镇`, kind: 'TOWNSHIP' } });

describe('overrides and versions across the ways in', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let defaults: any;
  const httpImport = async (lines: unknown[], role: 'CLERK' | 'ADMIN' | 'APPEALS_OFFICER' = 'ADMIN') => {
    const res = await fetch(`${api.baseUrl}/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens[role]}`, 'content-type': 'application/x-ndjson' }, body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });
    return { status: res.status, body: JSON.parse(await res.text()) };
  };
  const cliImport = async (name: string, lines: unknown[], as = 'ADMIN') => {
    const file = join(dir, name);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return runCli(['import', file, '--as', as, '--json'], env);
  };

  beforeAll(async () => {
    api = await startApi('policy_ways');
    env = { DATABASE_URL: api.db.url };
    dir = scratchDir('policy-ways');
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    const r = await httpImport([town('T1'), town('T2'), town('T3'), reg('A'), reg('B'), reg('C'), reg('G'),
      { id: 'a-in', type: 'AppointedToPost', cadreId: 'A', effectiveDate: '2019-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } },
      { id: 'c-in', type: 'AppointedToPost', cadreId: 'C', effectiveDate: '2019-01-01', data: { orgUnitId: 'T3', role: 'PARTY_SECRETARY' } },
    ]);
    expect(r.body.rejected).toEqual([]);
  });
  afterAll(() => api.close());

  it('route: an integrity breach (P2) with an override is a 422 naming P2 as INTEGRITY; nothing stored', async () => {
    const r = await api.request('POST', '/v1/cadres/B/events', { role: 'CLERK', body: { id: 'b-p2', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' }, override: { reason: '县委决定' } } });
    expect([r.status, r.body.ruleId ?? r.body.rule, r.body.kind]).toEqual([422, 'P2', 'INTEGRITY']);
  });

  it('CLI import: the same line is rejected naming P2', async () => {
    const r = await cliImport('p2.ndjson', [{ id: 'b-p2c', type: 'AppointedToPost', cadreId: 'B', effectiveDate: '2020-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' }, override: { reason: '县委决定' } }], 'CLERK');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).rejected.map((x: any) => x.rule)).toEqual(['P2']);
  });

  it('an appeal upheld with a CORRECT_GRADE to EXCELLENT in a 警告 year: refused (N4) without override; with one, the regrade is stored with N4 and listed', async () => {
    const base = await httpImport([
      { id: 'g-s1', type: 'SanctionImposed', cadreId: 'G', effectiveDate: '2020-03-01', documentRef: '县纪〔2020〕1号', data: { sanctionId: 'GS1', kind: 'WARNING', grounds: '违反工作纪律' } },
      { id: 'g-2020', type: 'AnnualAssessmentRecorded', cadreId: 'G', effectiveDate: '2021-01-20', data: { year: 2020, grade: 'COMPETENT' } },
      { id: 'ap-filed', type: 'AppealFiled', appealId: 'AP1', effectiveDate: '2021-02-01', data: { appealId: 'AP1', cadreId: 'G', targetEventId: 'g-2020', stage: 'REVIEW', grounds: '考核不公', learnedOfDecisionDate: '2021-01-25' } },
    ]);
    expect(base.body.rejected).toEqual([]);
    const decide = (extra: object) =>
      api.request('POST', '/v1/appeals/AP1/events', { role: 'APPEALS_OFFICER', body: { id: 'ap-dec', type: 'AppealDecided', effectiveDate: '2021-03-01', data: { appealId: 'AP1', outcome: 'UPHELD', reasoning: '复核成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }, ...extra } });
    const refused = await decide({});
    expect([refused.status, refused.body.ruleId ?? refused.body.rule, refused.body.kind]).toEqual([422, 'N4', 'POLICY']);
    const stored = await decide({ override: { reason: '复核认定处分前已评优' } });
    expect(stored.status).toBe(201);
    const h = await api.request('GET', '/v1/cadres/G/history', { role: 'AUDITOR' });
    const withOverride = h.body.events.filter((e: any) => e.metadata?.override).map((e: any) => [e.type, e.metadata.override.rules]);
    expect(withOverride).toEqual([['AnnualAssessmentRecorded', ['N4']]]);
  });

  it('a version adopted by a CLI import while the API runs governs the API’s next decision (TM4 1 year from 2019)', async () => {
    // Warm the API's policy state with a decision first.
    const early = await api.request('POST', '/v1/cadres/A/events', { role: 'CLERK', body: { id: 'a-out-1', type: 'RemovedFromPost', effectiveDate: '2020-06-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' } } });
    expect([early.status, early.body.ruleId ?? early.body.rule]).toEqual([422, 'TM4']);
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    const adopt = await cliImport('pol.ndjson', [{ id: 'pol-1y', type: 'PolicyVersionAdopted', effectiveDate: '2019-01-01', data: { version: 'tm4-1y', effectiveFrom: '2019-01-01', settings: { ...defaults.settings, stability: { ...defaults.settings.stability, chiefMinYearsInPostBeforeMove: 1 } } } }]);
    expect(adopt.code).toBe(0);
    const again = await api.request('POST', '/v1/cadres/A/events', { role: 'CLERK', body: { id: 'a-out-2', type: 'RemovedFromPost', effectiveDate: '2020-06-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' } } });
    expect(again.status).toBe(201);
    expect(again.body.events?.[0]?.metadata?.override ?? again.body.events?.[0]?.override).toBeUndefined();
    await waitForProjections(api.db, 30_000);
    const now = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2020-07-01', { role: 'ORG_DEPT' });
    const then = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2020-07-01&knownAt=${encodeURIComponent(before)}`, { role: 'ORG_DEPT' });
    expect([now.body.policyVersion, then.body.policyVersion]).toEqual(['tm4-1y', '1']);
    const tc = await api.request('GET', `/v1/reports/team-composition?asOf=2020-07-01&knownAt=${encodeURIComponent(before)}`, { role: 'ORG_DEPT' });
    const cand = await api.request('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020&knownAt=${encodeURIComponent(before)}`, { role: 'ORG_DEPT' });
    const ten = await api.request('GET', `/v1/cadres/C/tenure?asOf=2020-07-01&knownAt=${encodeURIComponent(before)}`, { role: 'ORG_DEPT' });
    expect([tc.body.policyVersion, cand.body.policyVersion, ten.body.policyVersion]).toEqual(['1', '1', '1']);
    const cand2 = await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020', { role: 'ORG_DEPT' });
    expect(cand2.body.policyVersion).toBe('tm4-1y');
  });

  it('CLI findings/eligibility/tenure as known before the adoption name version 1', async () => {
    const e = await runCli(['eligibility', '--as-of', '2020-07-01', '--known-at', '2020-01-01', '--json'], env);
    const t = await runCli(['tenure', 'C', '--as-of', '2020-07-01', '--known-at', '2020-01-01', '--json'], env);
    // 2020-01-01 is before anything was recorded: nothing known, and version 1.
    expect([e.code, t.code]).not.toContain(null);
    if (e.code === 0) expect(JSON.parse(e.stdout).policyVersion).toBe('1');
  });
});
