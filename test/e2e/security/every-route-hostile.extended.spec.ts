/**
 * every operation of /docs/openapi.json, with a token of a role it lets in, sent
 * hostile path parameters, query strings, headers and bodies. Property: never a 5xx; every error is
 * the documented Problem (statusCode, code, message, detailZh, requestId), a 400 names its field (or
 * lists issues), a 422 its rule; a refused request writes nothing; the ledger verifies afterwards.
 */
import fc from 'fast-check';
import { ROLES, type Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { openApiDocument, type OpenApiDocument } from '../../support/openapi';

const SEED = process.env.FC_SEED === undefined ? 20261205 : Number(process.env.FC_SEED);

interface Operation {
  readonly path: string;
  readonly method: string;
  readonly query: readonly string[];
  readonly pathParameters: readonly string[];
  role: Role;
}

const PATH_VALUES = [
  'x'.repeat(5000), '%E4%B8%AD%E6%96%87', '%EF%BC%A3%EF%BC%91' /* Ｃ１ */, '..', '%2E%2E', '%00', 'C1%00', '%F0%9F%98%80', '%ED%A0%80', '%ED%B0%80', '%C0%AE%C0%AE',
  'C1%20', '%20C1', 'c1', 'C1.', '.', '%2F', 'C1%2Fhistory', '__proto__', 'constructor', 'prototype', 'toString', '-1', '1e9', 'NaN', '%E2%80%AE', '%EF%BB%BF' + 'C1',
];
const QUERY_VALUES = ['', 'a', '-2021-01-01', '-1', '0', '1e9', 'NaN', 'Infinity', '99999999999999999999', '2021-13-01', '+2021-01-01', '%ED%A0%80', '%00', '[]', '%5B%5D', 'x'.repeat(4000), '2021', '2021-06-30', 'true'];
const IF_MATCH = ['garbage', '"1"', '1', 'W/"1"', 'W/1', '"-1"', '-1', '"999999999999999"', '"9999999999999999"', '"1e3"', '"1", "2"', '*', '"', '""', '"0', '0"', ' "0" '];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/json; charset=gbk', 'application/json; charset=utf-8', 'application/x-ndjson', undefined];

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const BODIES: Record<string, () => string | undefined> = {
  missing: () => undefined,
  empty: () => '',
  null: () => 'null',
  array: () => '[]',
  string: () => '"x"',
  number: () => '1',
  emptyObject: () => '{}',
  deepArray10k: () => deepArray(10_000),
  deepObject10k: () => deepObject(10_000),
  deepInData: () => `{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{"x":${deepArray(10_000)}}}`,
  deepInOverride: () => `{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{},"override":${deepObject(10_000)}}`,
  dupTopDeep: () => `{"type":"HealthCheckCompleted","type":"TrainingCompleted","effectiveDate":"2020-01-01","data":{},"x":${deepArray(40)}}`,
  fiveMb: () => `{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{},"documentRef":"${'x'.repeat(5 * 1024 * 1024)}"}`,
  duplicateKeys: () => '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","effectiveDate":"2021-01-01","data":{}}',
  proto: () => '{"__proto__":{"type":"HealthCheckCompleted"},"effectiveDate":"2020-01-01","data":{}}',
  constructorKey: () => '{"constructor":{"prototype":{"admin":true}},"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{}}',
  protoInData: () => '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{"__proto__":{"x":1}}}',
  valid: () => '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{}}',
};

describe('hostile input on every route of /docs/openapi.json', () => {
  let api: ApiHarness;
  let spec: OpenApiDocument;
  let operations: Operation[];
  const count = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  beforeAll(async () => {
    api = await startApi('hostile_routes');
    await registerTownshipAndCadre(api);
    spec = await openApiDocument(api);
    operations = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, o]) => ({
        path,
        method: method.toUpperCase(),
        query: (o.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        pathParameters: (o.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        role: 'ADMIN' as Role,
      })),
    );
    // A role the operation lets in, preferring the least privileged one (ADMIN last).
    for (const o of operations) {
      const url = o.path.replace(/\{[^}]+\}/g, o.path.includes('reports') ? 'team-composition' : 'C1');
      for (const role of ROLES.filter((r) => r !== 'ADMIN')) {
        const r = await api.request(o.method, url, o.method === 'GET' ? { role } : { role, rawBody: '', headers: { 'content-type': o.path === '/v1/import' ? 'application/x-ndjson' : 'application/json' } });
        if (r.status !== 403 && r.status !== 401) {
          o.role = role;
          break;
        }
      }
    }
  }, 120_000);
  afterAll(() => api?.close());

  /** What is wrong with an error answer's body, or undefined. */
  function problemShape(status: number, body: any): string | undefined {
    if (status < 400) return undefined;
    if (body === null || typeof body !== 'object') return `not a JSON Problem: ${String(body).slice(0, 120)}`;
    for (const k of ['code', 'message', 'detailZh', 'requestId']) if (typeof body[k] !== 'string' || body[k] === '') return `no ${k}: ${JSON.stringify(body).slice(0, 200)}`;
    if (body.statusCode !== status) return `statusCode ${body.statusCode} in a ${status}`;
    if (status === 400 && typeof body.field !== 'string' && !(Array.isArray(body.issues) && body.issues.length > 0)) return `a 400 naming no field: ${JSON.stringify(body).slice(0, 200)}`;
    if (status === 422 && typeof body.rule !== 'string') return `a 422 naming no rule: ${JSON.stringify(body).slice(0, 200)}`;
    return undefined;
  }

  it(`never 5xx, always a Problem naming the field, nothing written by a refusal (seed ${SEED})`, async () => {
    const start = await count();
    const failures = new Map<string, string>();
    let accepted = 0;
    let tag = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.option(fc.constantFrom(...PATH_VALUES), { freq: 2 }),
        fc.array(fc.record({ pick: fc.nat(), value: fc.constantFrom(...QUERY_VALUES), twice: fc.boolean() }), { maxLength: 2 }),
        fc.option(fc.constantFrom(...IF_MATCH), { freq: 2 }),
        fc.constantFrom(...CONTENT_TYPES),
        fc.constantFrom(...Object.keys(BODIES)),
        async (op, pathValue, params, ifMatch, contentType, bodyKind) => {
          const fill = pathValue ?? (op.path.includes('reports') ? 'team-composition' : 'C1');
          const path = op.path.replace(/\{[^}]+\}/g, fill);
          const query = params
            .filter(() => op.query.length > 0)
            .map(({ pick, value, twice }) => {
              const n = op.query[pick % op.query.length]!;
              return twice ? `${n}=${value}&${n}=${value}` : `${n}=${value}`;
            });
          const url = `${path}${query.length ? `?${query.join('&')}` : ''}`;
          const headers: Record<string, string> = { authorization: `Bearer ${api.tokens[op.role]}` };
          if (ifMatch !== null) headers['if-match'] = ifMatch;
          const isWrite = op.method !== 'GET';
          let body: string | undefined;
          if (isWrite) {
            body = BODIES[bodyKind]!();
            // a fresh id on the valid body so that some writes really are new
            if (bodyKind === 'valid') body = body!.replace('{', `{"id":"rf-${++tag}",`);
            if (contentType !== undefined) headers['content-type'] = op.path === '/v1/import' && contentType === 'application/json' ? 'application/x-ndjson' : contentType;
          }
          const before = isWrite ? await count() : 0;
          let status = 0;
          let text = '';
          try {
            const r = await fetch(`${api.baseUrl}${url}`, { method: op.method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(15_000) });
            status = r.status;
            text = await r.text();
          } catch (e) {
            failures.set(`no answer ${op.method} ${op.path} ${bodyKind}`, `${url.slice(0, 150)}: ${(e as Error).message}`);
            return;
          }
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* text */
          }
          const label = `${op.method} ${op.path} path=${pathValue === null ? '-' : pathValue.slice(0, 20)} q=${query.map((q) => q.slice(0, 30)).join('&')} if-match=${ifMatch} ct=${contentType} body=${bodyKind}`;
          if (status >= 500) failures.set(`${status} ${op.method} ${op.path} ${bodyKind}`, `${label} -> ${text.slice(0, 300)}`);
          const shape = op.path === '/v1/import' && status === 200 ? undefined : problemShape(status, parsed);
          if (shape) failures.set(`shape ${status} ${op.method} ${op.path} ${parsed?.code}`, `${label}: ${shape}`);
          if (isWrite) {
            const written = (await count()) - before;
            if (status === 201 || status === 200) accepted += written;
            else if (written !== 0) failures.set(`wrote on ${status} ${op.path}`, `${label}: ${written} events written by a refused request`);
            if (op.path === '/v1/import' && status === 200 && parsed?.error) failures.set(`import error ${bodyKind}`, `${label}: ${JSON.stringify(parsed.error).slice(0, 300)}`);
          }
        },
      ),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 700) },
    );
    const verify = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect({ failures: [...failures.entries()], verify: verify.body?.ok }).toEqual({ failures: [], verify: true });
    expect((await count()) - start).toBe(accepted);
  }, 300_000);

  it('every write route: each hostile body kind × content type answers < 500 with a Problem naming the field', async () => {
    const failures: string[] = [];
    const writes = operations.filter((o) => o.method !== 'GET' && o.path !== '/v1/import');
    for (const op of writes) {
      const path = op.path.replace(/\{[^}]+\}/g, 'C1');
      for (const [kind, make] of Object.entries(BODIES)) {
        if (kind === 'valid') continue;
        for (const ct of ['application/json', 'application/json; charset=gbk', 'text/plain']) {
          const body = make();
          const before = await count();
          const r = await fetch(`${api.baseUrl}${path}`, { method: op.method, headers: { authorization: `Bearer ${api.tokens[op.role]}`, 'content-type': ct }, ...(body !== undefined ? { body } : {}) });
          const text = await r.text();
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* text */
          }
          const wrote = (await count()) - before;
          if (r.status >= 500) failures.push(`${r.status} ${op.method} ${op.path} ${kind} ${ct}: ${text.slice(0, 200)}`);
          const shape = problemShape(r.status, parsed);
          if (shape) failures.push(`${op.method} ${op.path} ${kind} ${ct}: ${shape}`);
          if (r.status < 300) failures.push(`${r.status} accepted ${op.method} ${op.path} ${kind} ${ct}`);
          if (wrote !== 0 && r.status >= 300) failures.push(`${op.method} ${op.path} ${kind} ${ct}: wrote ${wrote}`);
          if (ct.includes('gbk') && body !== undefined && body !== '' && r.status !== 415 && r.status !== 413) failures.push(`${op.method} ${op.path} ${kind} charset=gbk: ${r.status} ${parsed?.code}, expected 415`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 200_000);
});
