/**
 * every event type through every write route (not only its own), for every role:
 * a role lacking the type's capability never gets it stored. The actor string shown in human
 * output. Matrix under Express too.
 */
import { may, ROLES, EVENT_CAPABILITIES } from '@ledger/auth';
import { COMMAND_TYPES } from '@ledger/domain';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { sampleCommand } from '../../support/sample-commands';

const WRITE_ROUTES = ['/v1/cadres/CX/events', '/v1/org-units/TX/events', '/v1/appeals/AX/events', '/v1/policy/versions'];

describe('cross-route event types', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('auth_cross');
  });
  afterAll(() => api.close());

  it('no role stores an event type it lacks the capability for, through any write route', async () => {
    const problems: string[] = [];
    for (const role of ROLES) {
      for (const type of COMMAND_TYPES) {
        if (may(role, EVENT_CAPABILITIES[type])) continue;
        const c = sampleCommand(type, `x${role}`);
        for (const route of WRITE_ROUTES) {
          const body = route === '/v1/policy/versions' ? { ...c.body, type } : c.body;
          const r = await api.request('POST', route, { role, body: { ...(body as object), id: `${role}-${type}-${route.length}` } }).catch((e: Error) => ({ status: -1, body: e.message }));
          if (r.status >= 200 && r.status < 300) problems.push(`${role} ${type} via ${route}: ${r.status}`);
          if (r.status >= 500) problems.push(`${role} ${type} via ${route}: ${r.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the internal PostHolderChanged cannot be written by any role through any way in', async () => {
    const problems: string[] = [];
    const data = { orgUnitId: 'T01', role: 'PARTY_SECRETARY', cadreId: 'C1' };
    for (const role of ROLES) {
      for (const route of WRITE_ROUTES) {
        const r = await api.request('POST', route, { role, body: { id: `phc-${role}-${route.length}`, type: 'PostHolderChanged', effectiveDate: '2020-01-01', data } }).catch((e: Error) => ({ status: -1, body: e.message }));
        if ((r.status >= 200 && r.status < 300) || r.status >= 500) problems.push(`${role} via ${route}: ${r.status}`);
      }
      const line = JSON.stringify({ id: `phc-imp-${role}`, type: 'PostHolderChanged', orgUnitId: 'T01', effectiveDate: '2020-01-01', data }) + '\n';
      const r = await api.request('POST', '/v1/import', { role, rawBody: line, headers: { 'content-type': 'application/x-ndjson' } });
      if (r.status === 200 && (r.body.accepted > 0 || r.body.eventsWritten > 0)) problems.push(`${role} via import: accepted`);
    }
    expect(problems).toEqual([]);
  });

  it('an API token named "cli:…" is not shown in the audit trail as a local command-line operator', async () => {
    await registerTownshipAndCadre(api);
    const env = { DATABASE_URL: api.db.url };
    const created = await runCli(['token', 'create', '--role', 'CLERK', '--name', 'cli:root', '--json'], env);
    if (created.code !== 0) {
      // Refusing such a name is also an answer.
      expect(created.stderr).toMatch(/--name/);
      return;
    }
    const token = JSON.parse(created.stdout).token as string;
    const w = await api.request('POST', '/v1/cadres/C1/events', {
      role: null,
      headers: { authorization: `Bearer ${token}` },
      body: { id: 'tr-spoof', type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } },
    });
    expect(w.status).toBe(201);
    const history = await runCli(['history', 'C1'], env);
    expect(history.code).toBe(0);
    const row = history.stdout.split('\n').find((l) => l.includes('乡镇干部培训班') || l.includes('tr-spoof')) ?? history.stdout;
    // The writer came in over HTTP with an API token: it must not read as 命令行 (a local operator).
    expect(row).not.toMatch(/命令行/);
  });
});

describe('the matrix under Express', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('auth_express', {}, { HTTP_ADAPTER: 'express' });
  });
  afterAll(() => api.close());

  it('each route refuses no token (401) and each role lacking the capability (403 naming it)', async () => {
    const doc = (await api.request('GET', '/docs/openapi.json', { role: null })).body as { paths: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>> };
    const problems: string[] = [];
    let checked = 0;
    for (const [template, byMethod] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(byMethod)) {
        const m = /lacks (\w+) \(held by/.exec(op.responses?.['403']?.description ?? '');
        if (!m) continue;
        const path = template.replace(/\{name\}/g, 'talks').replace(/\{[^}]+\}/g, 'C9');
        const extra = method === 'get' ? {} : template === '/v1/import' ? { rawBody: '', headers: { 'content-type': 'application/x-ndjson' } } : { rawBody: '{}', headers: { 'content-type': 'application/json' } };
        const anon = await api.request(method.toUpperCase(), path, { role: null, ...extra });
        if (anon.status !== 401) problems.push(`${method} ${path} anon ${anon.status}`);
        for (const role of ROLES) {
          const r = await api.request(method.toUpperCase(), path, { role, ...extra });
          checked++;
          const allowed = may(role, m[1] as never);
          if (allowed && [401, 403].includes(r.status)) problems.push(`${method} ${path} ${role} ${r.status}`);
          if (!allowed && (r.status !== 403 || r.body?.capability !== m[1])) problems.push(`${method} ${path} ${role} ${r.status}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});

