/**
 * (A review, 2026-12-05) human text that states a threshold the policy version in effect does not have
 * (RULES.md: thresholds are policy settings, not constants; every answer says which version).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { policyWrites } from './support';
import { waitForProjections } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

describe('Chinese text under a revised policy version', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let defaults: any;
  const { post, ok, register } = policyWrites(() => api);

  beforeAll(async () => {
    api = await startApi('policy_wording');
    env = { DATABASE_URL: api.db.url };
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    const s = structuredClone(defaults.settings);
    s.inPostPromotion.partySecretaryRunYears = 5;
    s.inPostPromotion.chiefRunYears = 6;
    s.stability.chiefMinYearsInPostBeforeMove = 5;
    s.assessment.reminderTalkLowestTownships = 4;
    s.assessment.focusConsecutiveExcellentYears = 2;
    s.teamAges.juniorAgeBelow = 28;
    s.teamAges.youngAgeBelow = 40;
    await ok('/v1/policy/versions', { id: 'pol-county-2015', version: 'county-2015', effectiveFrom: '2015-01-01', settings: s }, 'ADMIN');
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5']) {
      await ok(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
    }
    for (const c of ['S', 'H', 'M', 'K']) await register(c);
    // S: party secretary of T1 since 2016, 6.5 years on 2022-06-30 (eligible under 5, not under 8).
    await ok('/v1/cadres/S/events', { id: 's-sec', type: 'AppointedToPost', effectiveDate: '2016-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
    // H: head of T2 since 2015, 7.5 years (eligible as chief under 6, not under 10).
    await ok('/v1/cadres/H/events', { id: 'h-head', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T2', role: 'HEAD' } });
    for (let y = 2016; y <= 2021; y++) {
      for (const c of ['S', 'H']) {
        await ok(`/v1/cadres/${c}/events`, { id: `${c}-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y % 2 ? 'EXCELLENT' : 'COMPETENT' } });
      }
    }
    await ok('/v1/cadres/K/events', { id: 'k-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T4', role: 'HEAD' } });
    // M: head of T3 since 2020.
    await ok('/v1/cadres/M/events', { id: 'm-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T3', role: 'HEAD' } });
    for (const [i, t] of ['T1', 'T2', 'T3', 'T4', 'T5'].entries()) {
      await ok(`/v1/org-units/${t}/events`, { id: `score-${t}`, type: 'TownshipPerformanceScored', effectiveDate: '2023-01-15', data: { year: 2022, score: 60 + i } });
    }
    await waitForProjections(api.db, 30_000);
  });
  afterAll(() => api.close());

  it('CLI eligibility: the basis column does not say "8 年以上" for a secretary eligible after 6 years under a 5-year version', async () => {
    const json = JSON.parse((await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'S', '--json'], env)).stdout);
    expect(json.policyVersion).toBe('county-2015');
    expect(json.cadres[0]).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y' });
    const human = await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'S'], env);
    expect(human.stdout).toContain('county-2015');
    expect(human.stdout).not.toMatch(/8\s*年以上/);
  });

  it('CLI eligibility: nor "10 年以上" for a head eligible after 7 years under a 6-year version', async () => {
    const json = JSON.parse((await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'H', '--json'], env)).stdout);
    expect(json.cadres[0]).toMatchObject({ eligible: true, basis: 'CHIEF_10Y' });
    const human = await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'H'], env);
    expect(human.stdout).not.toMatch(/10\s*年以上/);
  });

  it('a TM4 refusal under a 5-year version: its Chinese title does not say 不满3年', async () => {
    const r = await post('/v1/cadres/M/events', { id: 'm-out', type: 'RemovedFromPost', effectiveDate: '2023-06-01', data: { orgUnitId: 'T3', role: 'HEAD', reason: 'ADJUSTMENT' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('RULE_TM4_APPROVAL_REQUIRED');
    expect(r.body.detailZh).toContain('5 年');
    expect(r.body.titleZh).not.toMatch(/3\s*年/);
  });

  it('CLI import: the rejection of the same move does not say 不满3年 either', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = scratchDir('review-wording');
    const file = join(dir, 'move.ndjson');
    writeFileSync(file, JSON.stringify({ id: 'm-out2', type: 'RemovedFromPost', cadreId: 'M', effectiveDate: '2023-06-01', data: { orgUnitId: 'T3', role: 'HEAD', reason: 'ADJUSTMENT' } }) + '\n');
    const r = await runCli(['import', file, '--as', 'CLERK'], env);
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).not.toMatch(/不满\s*3\s*年/);
  });

  it('CLI findings: the TM7 reminder-talk rule is not named 后三名 when the version asks for the lowest four', async () => {
    const json = JSON.parse((await runCli(['findings', '--rule', 'TM7', '--year', '2022', '--as-of', '2023-06-30', '--json'], env)).stdout);
    const units = new Set(json.findings.map((f: any) => f.orgUnitId));
    expect([...units].sort()).toEqual(['T1', 'T2', 'T3', 'T4']); // the lowest four, as the version asks
    const human = await runCli(['findings', '--rule', 'TM7', '--year', '2022', '--as-of', '2023-06-30'], env);
    expect(human.stdout).not.toContain('后三名');
  });

  it('the findings answer names the policy version its measure findings were computed under (RULES: every derived answer says which)', async () => {
    const r = await api.request('GET', '/v1/compliance/findings?rule=TM7&year=2022&asOf=2023-06-30', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    expect(r.body.findings.length).toBe(4);
    const named = r.body.policyVersion ?? [...new Set(r.body.findings.map((f: any) => f.policyVersion))].join(',');
    expect(named).toBe('county-2015');
  });

  it('CLI findings: TM1 age findings are not named 30岁/35岁 when the version sets 28 and 40', async () => {
    const json = JSON.parse((await runCli(['findings', '--rule', 'TM1.member-under-30', '--as-of', '2023-06-30', '--json'], env)).stdout);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings[0].detail).toContain('28');
    const human = await runCli(['findings', '--rule', 'TM1', '--as-of', '2023-06-30'], env);
    expect(human.stdout).not.toMatch(/30岁以下|35岁以下/);
  });
});
