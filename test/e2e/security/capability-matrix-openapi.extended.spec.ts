/**
 * every operation of /docs/openapi.json × every role, the expected answer read from
 * the document's own 403 ("lacks X (held by …)") and from the one table (CAPABILITIES), not by hand.
 * Also the README's route → capability table against the document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPABILITIES, may, ROLES, type Capability } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { openApiDocument, type OpenApiDocument } from '../../support/openapi';

const PUBLIC = new Set(['/health', '/docs', '/docs/openapi.json', '/v1/me']);

function concretePath(template: string): string {
  return template.replace(/\{name\}/g, 'talks').replace(/\{[^}]+\}/g, 'C9');
}

function requestFor(method: string, template: string): { body?: unknown; rawBody?: string; headers?: Record<string, string> } {
  if (method === 'get') return {};
  if (template === '/v1/import') return { rawBody: '', headers: { 'content-type': 'application/x-ndjson' } };
  return { rawBody: '{}', headers: { 'content-type': 'application/json' } };
}

describe('OpenAPI operation × role matrix', () => {
  let api: ApiHarness;
  let doc: OpenApiDocument;
  const ops: Array<{ method: string; template: string; capability: Capability | undefined; heldBy: string[] | undefined }> = [];

  beforeAll(async () => {
    api = await startApi('auth_matrix');
    doc = await openApiDocument(api);
    for (const [template, byMethod] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(byMethod)) {
        const d = (op.responses?.['403'] as { description?: string } | undefined)?.description;
        const m = d ? /lacks (\w+) \(held by ([^)]*)\)/.exec(d) : null;
        ops.push({ method, template, capability: m?.[1] as Capability | undefined, heldBy: m?.[2]?.split(/,\s*/) });
      }
    }
  });
  afterAll(() => api.close());

  it('every non-public operation documents a 403 with a capability of the one table, and its holders are the table\'s', () => {
    const problems: string[] = [];
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) {
      if (PUBLIC.has(op.template)) continue;
      if (!op.capability) problems.push(`${op.method} ${op.template}: no 403 capability documented`);
      else if (!(op.capability in CAPABILITIES)) problems.push(`${op.method} ${op.template}: unknown capability ${op.capability}`);
      else if (JSON.stringify(op.heldBy) !== JSON.stringify(CAPABILITIES[op.capability])) problems.push(`${op.method} ${op.template}: held by ${op.heldBy} vs ${CAPABILITIES[op.capability]}`);
    }
    expect(problems).toEqual([]);
  });

  it('every operation: 401 without a token (but the public ones), 403 naming the capability for each role lacking it, passes the guard for each role holding it', async () => {
    const problems: string[] = [];
    for (const op of ops) {
      const path = concretePath(op.template);
      const extra = requestFor(op.method, op.template);
      const anon = await api.request(op.method.toUpperCase(), path, { role: null, ...extra });
      if (op.template === '/health' || op.template.startsWith('/docs')) {
        if (anon.status === 401) problems.push(`${op.method} ${path}: public route refused without token`);
        continue;
      }
      if (anon.status !== 401) problems.push(`${op.method} ${path}: no token → ${anon.status}`);
      else if (!String(anon.headers.get('www-authenticate') ?? '').startsWith('Bearer')) problems.push(`${op.method} ${path}: 401 without WWW-Authenticate: Bearer`);
      for (const role of ROLES) {
        const r = await api.request(op.method.toUpperCase(), path, { role, ...extra });
        if (op.template === '/v1/me') {
          if (r.status !== 200) problems.push(`${op.method} ${path} ${role}: ${r.status}`);
          continue;
        }
        if (!op.capability) continue;
        const allowed = may(role, op.capability);
        if (allowed && (r.status === 401 || r.status === 403 || r.status >= 500)) problems.push(`${op.method} ${path} ${role}: allowed but ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        if (!allowed) {
          if (r.status !== 403) problems.push(`${op.method} ${path} ${role}: lacks ${op.capability} but ${r.status}`);
          else if (r.body?.capability !== op.capability || r.body?.code !== 'FORBIDDEN' || r.body?.role !== role || !String(r.body?.detailZh ?? '').includes(op.capability))
            problems.push(`${op.method} ${path} ${role}: 403 body ${JSON.stringify(r.body).slice(0, 300)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the README route → capability table agrees with the document', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const problems: string[] = [];
    const rows = readme.split('\n').filter((l) => /^\| `(GET|POST) \/v1/.test(l));
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim());
      const routeCell = cells[1]!;
      const capCell = cells[cells.length - 2]!;
      const caps = capCell.split(/,\s*/).map((c) => c.replace(/\s*\(.*$/, '').replace(/^importEvents.*$/, 'importEvents').trim());
      const routes = [...routeCell.matchAll(/`(GET|POST) (\/v1\/[^`?\s]*)/g)].map((m) => ({ method: m[1]!.toLowerCase(), path: m[2]!.replace(/\[$/, '').replace(/\{[^}]+\}/g, '{}') }));
      routes.forEach((route, i) => {
        const cap = caps.length === routes.length ? caps[i] : caps[0];
        const op = ops.find((o) => o.method === route.method && o.template.replace(/\{[^}]+\}/g, '{}') === route.path);
        if (!op) { console.log('README route not in doc', route); return; }
        if (cap === 'any valid token') return;
        if (op.capability !== cap) problems.push(`${route.method} ${route.path}: README ${cap}, document ${op.capability}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
