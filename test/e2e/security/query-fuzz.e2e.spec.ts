/**
 * Every read route the OpenAPI document lists, every query and path parameter, with hostile
 * values: never a 5xx; and every route, read or write, refuses a query parameter it does not
 * declare (KnownQueryGuard). The routes and their parameters come from /docs/openapi.json, so a
 * route or parameter added later is covered without touching this file. Found this way
 * (2026-12-02): a NUL in the roster's `?search=` reached PostgreSQL, which refuses NUL in text, and
 * came back a 500; `POST /v1/import?dryrun=true` (a typo of dryRun) imported the file for real.
 * The last tests hold the document to what the routes do: every error status seen is one it lists
 * for the operation (as a Problem), every operation documents its answer, every JSON answer seen
 * (success or error) conforms to the schema the document gives it, and the document is valid
 * OpenAPI 3.0. Found this way (2026-12-02): a bare nullable field (`z.string().nullable()`) of an
 * answer's top level was documented as an array of strings (a cadre's history: cadreName, asOf,
 * knownAt; tenure: cadreName; the findings: orgUnitId, rule), so the generated client typed them
 * `string[]`; 53 nested ones as `type: ["string", "null"]` and the export's JSON values as
 * `nullable` beside a bare anyOf, neither of which OpenAPI 3.0 allows (patches/nestjs-zod+5.5.0.patch).
 */
import fc from 'fast-check';
import { ROLES, type Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { openApiDocument, openApiStructureProblems, pathMatches, undocumentedAnswer, type OpenApiDocument } from '../../support/openapi';

/** Values a caller may send that a route must refuse or answer, never fail on. */
const HOSTILE = [
  '',
  ' ',
  '%00',
  'a%00b',
  '%07',
  '%C2%85',
  '%E2%80%A8',
  '2025-02-30',
  '0000-01-01',
  '9999-12-31',
  '2025-12-31T00:00:00Z',
  '1900-01-01T00:00:00.000Z',
  '-1',
  '0',
  '99999999999999999999',
  '1e3',
  'NaN',
  'null',
  '%5B%5D',
  '2025-2021',
  '%E4%B9%A1%E9%95%87',
  '..%2F..%2Fetc%2Fpasswd',
  "'%3B%20drop%20table%20events%3B%20--",
  'x'.repeat(3000),
];

interface ReadRoute {
  readonly path: string;
  readonly method: string;
  readonly query: readonly string[];
  readonly requiredQuery: readonly string[];
  readonly pathParameters: readonly string[];
  /** The statuses the OpenAPI document lists for the operation. */
  readonly responses: readonly string[];
}

describe('hostile values in every read route’s parameters', () => {
  let api: ApiHarness;
  let routes: ReadRoute[];
  let operations: ReadRoute[];
  let spec: OpenApiDocument;
  /** Error statuses seen that the document does not list for the operation (checked by the last tests). */
  const undocumented = new Set<string>();
  /** JSON answers seen that depart from the schema the document gives them (checked by the last tests). */
  const departures = new Set<string>();
  const note = (route: ReadRoute, answer: { status: number; body: unknown; headers: Headers }, path?: string): void => {
    if (path !== undefined && !pathMatches(route.path, path)) return; // `/v1/reports/..` is `/v1/`: the router's 404, no operation's
    const { status } = answer;
    if (status >= 400 && status < 500 && !route.responses.includes(String(status))) undocumented.add(`${status} ${route.method} ${route.path}`);
    else if (status < 500 && answer.headers.get('content-type')?.startsWith('application/json')) {
      for (const departure of undocumentedAnswer(spec, route.method, route.path, status, answer.body)) departures.add(departure);
    }
  };

  beforeAll(async () => {
    api = await startApi('query_fuzz');
    await registerTownshipAndCadre(api);
    const appointed = { id: 'appoint-C1', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } };
    expect((await api.request('POST', '/v1/cadres/C1/events', { body: appointed })).status).toBe(201);
    spec = await openApiDocument(api);
    operations = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        path,
        method: method.toUpperCase(),
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        requiredQuery: (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        responses: Object.keys(operation.responses ?? {}),
      })),
    );
    routes = operations.filter((o) => o.method === 'GET');
  });
  afterAll(() => api?.close());

  /** A role the route lets in (its handler runs, so the values reach it), or ADMIN when none does. */
  async function roleFor(path: string): Promise<Role> {
    for (const role of ROLES) if ((await api.request('GET', path, { role })).status !== 403) return role;
    return 'ADMIN';
  }

  const fill = (route: ReadRoute, value: string): string =>
    route.pathParameters.reduce((path, name) => path.replace(`{${name}}`, value), route.path);

  it('lists the read routes with their parameters', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.find((r) => r.path === '/v1/cadres')?.query).toContain('search');
  });

  it('answers every hostile value of every query parameter below 500', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const base = fill(route, 'C1');
      const role = await roleFor(base);
      for (const name of route.query) {
        for (const value of HOSTILE) {
          const path = `${base}?${name}=${value}`;
          const answer = await api.request('GET', path, { role });
          if (answer.status >= 500) failures.push(`${answer.status} GET ${path.slice(0, 120)} as ${role}`);
          note(route, answer);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every hostile value of every path parameter below 500', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.pathParameters.length > 0)) {
      const role = await roleFor(fill(route, 'C1'));
      for (const value of [...HOSTILE.filter((v) => v !== ''), '%20', '..', 'C999999', 'x'.repeat(300)]) {
        const path = fill(route, value);
        const answer = await api.request('GET', path, { role });
        if (answer.status >= 500) failures.push(`${answer.status} GET ${path.slice(0, 120)} as ${role}`);
        note(route, answer, path);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers random text in every query parameter below 500 (seeded)', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.filter((r) => r.query.length > 0)), fc.nat(), fc.string({ unit: 'binary', maxLength: 40 }), async (route, pick, text) => {
        const name = route.query[pick % route.query.length]!;
        const path = `${fill(route, 'C1')}?${name}=${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}`;
        const answer = await api.request('GET', path, { role: 'ADMIN' });
        if (answer.status >= 500) failures.push(`${answer.status} GET ${path.slice(0, 120)}`);
        note(route, answer);
        return answer.status < 500;
      }),
      { numRuns: 200 },
    );
    expect(failures).toEqual([]);
  });

  it('refuses a query parameter a route does not declare, on every route and for every role it lets in: 400 naming it', async () => {
    const events = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);
    const before = await events();
    const unrefused: string[] = [];
    for (const operation of operations) {
      const path = `${fill(operation, 'C1')}?notAParameter=1`;
      const answers = await Promise.all(ROLES.map(async (role) => ({ role, answer: await api.request(operation.method, path, operation.method === 'GET' ? { role } : { role, body: {} }) })));
      for (const { answer } of answers) note(operation, answer);
      const admitted = answers.filter(({ answer }) => answer.status !== 403);
      for (const { role, answer } of admitted) {
        if (answer.status !== 400 || answer.body?.field !== 'notAParameter') unrefused.push(`${answer.status} ${operation.method} ${path} as ${role}`);
      }
      if (admitted.length === 0) unrefused.push(`no role admitted to ${operation.method} ${operation.path}`);
    }
    expect(unrefused).toEqual([]);
    expect(await events()).toBe(before);
  });

  it('refuses a query parameter given twice, on every route and parameter: 400 naming it (verify?sinceDigest= twice was a 500)', async () => {
    const unrefused: string[] = [];
    for (const operation of operations) {
      const base = operation.path === '/v1/reports/{name}' ? '/v1/reports/team-composition' : fill(operation, 'C1');
      const role = operation.method === 'GET' ? await roleFor(base) : 'ADMIN';
      for (const name of operation.query) {
        const required = operation.requiredQuery.filter((r) => r !== name).map((r) => `${r}=${SAMPLE_QUERY[r]}&`);
        const path = `${base}?${required.join('')}${name}=1&${name}=2`;
        const answer = await api.request(operation.method, path, operation.method === 'GET' ? { role } : { role, rawBody: '', headers: { 'content-type': 'application/x-ndjson' } });
        note(operation, answer);
        if (answer.status !== 400 || answer.body?.field !== name) unrefused.push(`${answer.status} ${operation.method} ${path} as ${role}: ${answer.body?.code}`);
      }
    }
    expect(unrefused).toEqual([]);
  });

  it('a typo of dryRun on the import is a 400 naming it, and nothing is written (it imported the file for real)', async () => {
    const events = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);
    const before = await events();
    const line = JSON.stringify({ id: 'typo-1', type: 'HealthCheckCompleted', effectiveDate: '2025-01-01', cadreId: 'C1', data: {} });
    const typo = await api.request('POST', '/v1/import?dryrun=true', { role: 'CLERK', rawBody: `${line}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({ field: 'dryrun' });
    expect(typo.body.message).toContain('dryRun');
    expect(await events()).toBe(before);
    const dry = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: `${line}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, accepted: 1 });
    expect(await events()).toBe(before);
  });

  /** A valid value of each query parameter a read route requires. */
  const SAMPLE_QUERY: Record<string, string> = { asOf: '2025-12-31', year: '2025', cycle: '2021-2025', on: '2025-12-31' };

  it('every read route answers the sample cadre with what the document says it answers', async () => {
    const unanswered: string[] = [];
    for (const route of routes) {
      const missing = route.requiredQuery.filter((name) => SAMPLE_QUERY[name] === undefined);
      if (missing.length > 0) unanswered.push(`${route.path}: no sample value for ${missing.join(', ')}`);
      const query = route.requiredQuery.map((name) => `${name}=${SAMPLE_QUERY[name]}`).join('&');
      const path = `${fill(route, route.path === '/v1/reports/{name}' ? 'team-composition' : 'C1')}${query ? `?${query}` : ''}`;
      const answer = await api.request('GET', path, { role: await roleFor(path) });
      if (answer.status !== 200) unanswered.push(`${answer.status} GET ${path}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      note(route, answer);
    }
    expect(unanswered).toEqual([]);
    expect([...departures].sort()).toEqual([]);
  });

  it('every error status a route answered above is one /docs/openapi.json lists for it, with the Problem schema; every operation documents its answer', async () => {
    const operation = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)!;
    for (const o of operations) note(o, await api.request(o.method, fill(o, 'C1'), { role: null, ...(o.method === 'GET' ? {} : { body: {} }) }));
    // The write route's own refusals: a stale If-Match, a rule, an oversized body; the import's content type.
    const write = operation('POST', '/v1/cadres/{cadreId}/events');
    const healthCheck = (id: string, data = {}) => ({ id, type: 'HealthCheckCompleted', effectiveDate: '2025-01-01', data });
    const stale = await api.request('POST', '/v1/cadres/C1/events', { body: healthCheck('fuzz-stale'), headers: { 'if-match': '"0"' } });
    const refused = await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'fuzz-rule', type: 'AppointedToPost', effectiveDate: '2011-01-01', data: { orgUnitId: 'T404', role: 'HEAD' } } });
    const oversized = await api.request('POST', '/v1/cadres/C1/events', { body: healthCheck('fuzz-big', { note: 'x'.repeat(2_000_000) }) });
    const unsupported = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: '{}', headers: { 'content-type': 'image/png' } });
    expect([stale.status, refused.status, oversized.status, unsupported.status]).toEqual([409, 422, 413, 415]);
    for (const [answer, route] of [[stale, write], [refused, write], [oversized, write], [unsupported, operation('POST', '/v1/import')]] as const) note(route, answer);
    expect([...undocumented].sort()).toEqual([]);
    expect([...departures].sort()).toEqual([]);
    // Every error answer the document lists is a Problem.
    const notProblems = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).flatMap(([method, o]) =>
        Object.entries(o.responses ?? {})
          .filter(([status]) => Number(status) >= 400)
          .filter(([, r]) => JSON.stringify(r.content?.['application/json']?.schema) !== JSON.stringify({ $ref: '#/components/schemas/Problem' }))
          .map(([status]) => `${status} ${method} ${path}`),
      ),
    );
    expect(notProblems).toEqual([]);
    // And every operation documents its successful answer with a schema, for the generated client.
    const withoutAnswer = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([, o]) => !Object.entries(o.responses ?? {}).some(([status, r]) => status.startsWith('2') && Object.values(r.content ?? {}).some((c) => c.schema !== undefined)))
        .map(([method]) => `${method} ${path}`),
    );
    expect(withoutAnswer).toEqual([]);
  });

  it('lists each header once and none as required: If-Match and Idempotency-Key are optional (found fuzzing: @Headers() added if-match and idempotency-key as required beside them, so the generated client demanded both)', async () => {
    const headers = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).flatMap(([method, o]) => (o.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ at: `${method} ${path}`, name: p.name.toLowerCase(), required: p.required === true }))),
    );
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.filter((h) => h.required).map((h) => `${h.at} ${h.name}`)).toEqual([]);
    const twice = headers.filter((h, i) => headers.findIndex((o) => o.at === h.at && o.name === h.name) !== i).map((h) => `${h.at} ${h.name}`);
    expect(twice).toEqual([]);
  });

  it('is valid OpenAPI 3.0 (Redocly’s struct rule)', async () => {
    expect(await openApiStructureProblems(spec)).toEqual([]);
  });
});
