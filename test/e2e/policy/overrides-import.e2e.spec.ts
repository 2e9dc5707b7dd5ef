/**
 * (A review, 2026-12-05) overrides and policy versions through the HTTP import and the CLI import.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

const reg = (id: string) => ({
  id: `reg-${id}`,
  type: 'CadreRegistered',
  cadreId: id,
  effectiveDate: '2000-01-01',
  data: { name: `干部${id}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
});
const town = (id: string) => ({ id: `reg-${id}`, type: 'OrgUnitRegistered', orgUnitId: id, effectiveDate: '2000-01-01', data: { name: `${id}镇`, kind: 'TOWNSHIP' } });
const appoint = (id: string, cadreId: string, orgUnitId: string, date: string, role = 'PARTY_SECRETARY') => ({ id, type: 'AppointedToPost', cadreId, effectiveDate: date, data: { orgUnitId, role } });
const remove = (id: string, cadreId: string, orgUnitId: string, date: string, extra: object = {}, role = 'PARTY_SECRETARY') => ({
  id,
  type: 'RemovedFromPost',
  cadreId,
  effectiveDate: date,
  data: { orgUnitId, role, reason: 'ADJUSTMENT' },
  ...extra,
});

describe('overrides and policy through the imports', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let defaults: any;
  const httpImport = async (lines: unknown[], role: 'CLERK' | 'ADMIN' = 'CLERK', query = '') => {
    const res = await fetch(`${api.baseUrl}/v1/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tokens[role]}`, 'content-type': 'application/x-ndjson' },
      body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) };
  };
  const cliImport = async (name: string, lines: unknown[], as: string, extra: string[] = []) => {
    const file = join(dir, name);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return runCli(['import', file, '--as', as, ...extra], env);
  };

  beforeAll(async () => {
    api = await startApi('policy_import_policy');
    env = { DATABASE_URL: api.db.url };
    dir = scratchDir('policy-import');
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    const base = await httpImport([town('T1'), town('T2'), town('T3'), town('T4'), town('T5'), ...['A', 'B', 'C', 'D', 'E', 'F'].map(reg)], 'ADMIN');
    expect(base.body.rejected).toEqual([]);
  });
  afterAll(() => api.close());

  it('HTTP import: an override with a blank reason is rejected naming the field; a real one is accepted and stored', async () => {
    const r = await httpImport([
      appoint('a-in', 'A', 'T1', '2019-01-01'),
      remove('a-out-blank', 'A', 'T1', '2020-06-01', { override: { reason: '  ' } }),
      remove('a-out', 'A', 'T1', '2020-06-01', { override: { reason: '县委常委会研究决定' } }),
    ]);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0]).toMatchObject({ line: 2, id: 'a-out-blank' });
    expect(JSON.stringify(r.body.rejected[0])).toMatch(/override/);
    const h = await api.request('GET', '/v1/cadres/A/history', { role: 'AUDITOR' });
    const e = h.body.events.find((x: any) => x.eventId === 'a-out');
    expect(e.metadata.override).toEqual({ reason: '县委常委会研究决定', rules: ['TM4'], policyVersion: '1' });
    expect(e.actor).toMatch(/^CLERK/);
  });

  it('HTTP import: an integrity breach carrying an override is rejected with its integrity rule', async () => {
    const r = await httpImport([appoint('b-p2', 'B', 'T1', '2019-06-01'), { ...appoint('b-p2x', 'B', 'T2', '1960-01-01', 'STAFF'), override: { reason: '补录' } }]);
    // T1's party secretary is A from 2019-01-01 to 2020-06-01: B on 2019-06-01 is P2.
    const rejected = await httpImport([{ ...appoint('b-p2o', 'B', 'T1', '2019-07-01'), override: { reason: '县委决定' } }]);
    expect(rejected.body.rejected.map((x: any) => x.rule)).toEqual(['P2']);
    expect(r.body.rejected.map((x: any) => x.id).sort()).toEqual(['b-p2', 'b-p2x']);
  });

  it('HTTP import: re-importing the override line with another reason is a conflict, not a silent no-op', async () => {
    const r = await httpImport([remove('a-out', 'A', 'T1', '2020-06-01', { override: { reason: '另一个理由' } })]);
    expect(r.body.accepted).toBe(0);
    expect(r.body.rejected.map((x: any) => x.code ?? x.rule)).toEqual(['EVENT_ID_CONFLICT']);
  });

  it('HTTP import: a policy line by a CLERK is FORBIDDEN_EVENT_TYPE; by ADMIN it governs the lines after it in the same file', async () => {
    const policy = {
      id: 'pol-1y',
      type: 'PolicyVersionAdopted',
      effectiveDate: '2010-01-01',
      data: { version: 'tm4-1y', effectiveFrom: '2010-01-01', settings: { ...defaults.settings, stability: { ...defaults.settings.stability, chiefMinYearsInPostBeforeMove: 1 } } },
    };
    const byClerk = await httpImport([policy]);
    expect(byClerk.body.rejected.map((x: any) => x.code ?? x.rule)).toEqual(['FORBIDDEN_EVENT_TYPE']);
    const byAdmin = await httpImport([policy, appoint('c-in', 'C', 'T3', '2019-01-01'), remove('c-out', 'C', 'T3', '2020-06-01')], 'ADMIN');
    expect(byAdmin.body.rejected).toEqual([]);
    const h = await api.request('GET', '/v1/cadres/C/history', { role: 'AUDITOR' });
    expect(h.body.events.find((x: any) => x.eventId === 'c-out').metadata?.override).toBeUndefined();
  });

  it('HTTP import dry run: a policy line then a move it allows is accepted, nothing written', async () => {
    const policy = {
      id: 'pol-dry',
      type: 'PolicyVersionAdopted',
      effectiveDate: '2011-01-01',
      data: { version: 'dry-6m', effectiveFrom: '2011-01-01', settings: { ...defaults.settings, stability: { ...defaults.settings.stability, chiefMinYearsInPostBeforeMove: 5 } } },
    };
    const r = await httpImport([policy, appoint('d-in', 'D', 'T4', '2019-01-01'), remove('d-out', 'D', 'T4', '2023-01-01')], 'ADMIN', '?dryRun=true');
    // Under the dry-run's own version (5 years, from 2011) the move after 4 years is refused, as the real run would.
    expect(r.body.rejected.map((x: any) => [x.id, x.rule])).toEqual([['d-out', 'TM4']]);
    const p = await api.request('GET', '/v1/policy', { role: 'ADMIN' });
    expect(p.body.versions.map((v: any) => v.version)).not.toContain('dry-6m');
  });

  it('CLI import: an override line is stored with the CLI actor and listed by `findings` in Chinese with its reason', async () => {
    const r = await cliImport('ov.ndjson', [appoint('e-in', 'E', 'T5', '2019-01-01'), remove('e-out', 'E', 'T5', '2019-06-01', { override: { reason: '因工作需要，经市委组织部口头同意' } })], 'CLERK', ['--json']);
    expect(r.code).toBe(0);
    await waitForProjections(api.db, 30_000);
    const json = await runCli(['findings', '--rule', 'TM4', '--as-of', '2025-01-01', '--json'], env);
    const f = JSON.parse(json.stdout).findings.find((x: any) => x.kind === 'OVERRIDE' && x.eventId === 'e-out');
    expect(f).toMatchObject({ reason: '因工作需要，经市委组织部口头同意', rules: ['TM4'] });
    expect(f.actor).toMatch(/^CLERK:cli:/);
    const human = await runCli(['findings', '--rule', 'TM4', '--as-of', '2025-01-01'], env);
    expect(human.stdout).toContain('因工作需要，经市委组织部口头同意');
  });

  it('CLI import: a blank override reason is rejected with exit 4, a control character too', async () => {
    const r = await cliImport('blank.ndjson', [appoint('f-in', 'F', 'T2', '2019-01-01'), remove('f-out', 'F', 'T2', '2019-06-01', { override: { reason: '\u3000' } }), remove('f-out2', 'F', 'T2', '2019-06-01', { override: { reason: 'ok\u001b[31m' } })], 'CLERK', ['--json']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).rejected.map((x: any) => x.id)).toEqual(['f-out', 'f-out2']);
  });

  it('CLI import: a policy line --as CLERK is FORBIDDEN_EVENT_TYPE; --as ADMIN adopts it and eligibility names it', async () => {
    const line = {
      id: 'pol-cli',
      type: 'PolicyVersionAdopted',
      effectiveDate: '2035-01-01',
      data: { version: 'cli-v', effectiveFrom: '2035-01-01', settings: defaults.settings },
    };
    const clerk = await cliImport('pol-clerk.ndjson', [line], 'CLERK', ['--json']);
    expect(clerk.code).toBe(4);
    expect(JSON.parse(clerk.stdout).rejected.map((x: any) => x.code)).toEqual(['FORBIDDEN_EVENT_TYPE']);
    const admin = await cliImport('pol-admin.ndjson', [line], 'ADMIN', ['--json']);
    expect(admin.code).toBe(0);
    const e = await runCli(['eligibility', '--as-of', '2035-06-30', '--json'], env);
    expect(JSON.parse(e.stdout).policyVersion).toBe('cli-v');
  });
});

/** A party secretary of 青山镇 moved after a year (TM4), the move recorded with an override and its reason. */
async function secretaryMovedEarly(api: ApiHarness, reason: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const r = await api.request('POST', path, { role: 'CLERK', body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await post('/v1/org-units/T1/events', { id: 'reg-T1', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  const { cadreId: _c, ...r } = reg('A');
  await post('/v1/cadres/A/events', r);
  await post('/v1/cadres/A/events', { id: 'a-in', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/A/events', { id: 'a-out', type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' }, override: { reason } });
  await waitForProjections(api.db, 30_000);
}

describe('CLI history shows an override', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('policy_cli_history_override');
    await secretaryMovedEarly(api, '县委常委会研究决定提前调整');
  });
  afterAll(() => api.close());

  it('the human history names the override, its rule and reason in Chinese', async () => {
    const h = await runCli(['history', 'A'], { DATABASE_URL: api.db.url });
    expect(h.stdout).toContain('县委常委会研究决定提前调整');
    expect(h.stdout).toMatch(/例外|理由/);
  });
});

describe('an override reason with markup and line breaks', () => {
  let api: ApiHarness;
  const reason = '县委决定<img src=x onerror=alert(1)>\n第二行：经市委组织部同意';
  beforeAll(async () => {
    api = await startApi('policy_override_markup');
    await secretaryMovedEarly(api, reason);
  });
  afterAll(() => api.close());

  it('the HTML export escapes the reason', async () => {
    const res = await fetch(`${api.baseUrl}/v1/cadres/A/export?format=html`, { headers: { authorization: `Bearer ${api.tokens.AUDITOR}` } });
    const html = await res.text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('第二行');
  });

  it('the CLI findings table keeps each finding on its own line', async () => {
    const h = await runCli(['findings', '--rule', 'TM4', '--as-of', '2025-01-01'], { DATABASE_URL: api.db.url });
    const lines = h.stdout.split('\n').filter((l) => l.includes('第二行') || l.includes('县委决定'));
    expect(lines.length).toBe(1);
  });
});
