/**
 * Every read route the OpenAPI document lists, every query and path parameter, with hostile
 * values: never a 5xx. The routes and their parameters come from /docs/openapi.json, so a
 * parameter added later is covered without touching this file. Found this way (2026-12-02): a
 * NUL in the roster's `?search=` reached PostgreSQL, which refuses NUL in text, and came back a 500.
 */
import fc from 'fast-check';
import { ROLES, type Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';

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
  readonly query: readonly string[];
  readonly pathParameters: readonly string[];
}

describe('hostile values in every read route’s parameters', () => {
  let api: ApiHarness;
  let routes: ReadRoute[];

  beforeAll(async () => {
    api = await startApi('query_fuzz');
    const setup = async (path: string, body: unknown) => expect((await api.request('POST', path, { body })).status).toBe(201);
    await setup('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await setup('/v1/cadres/C1/events', {
      id: 'reg-C1',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await setup('/v1/cadres/C1/events', { id: 'appoint-C1', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    const spec = (await api.request('GET', '/docs/openapi.json', { role: null })).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    routes = Object.entries(spec.paths)
      .filter(([, operations]) => operations.get !== undefined)
      .map(([path, operations]) => ({
        path,
        query: (operations.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        pathParameters: (operations.get!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      }));
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
          const { status } = await api.request('GET', path, { role });
          if (status >= 500) failures.push(`${status} GET ${path.slice(0, 120)} as ${role}`);
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
        const { status } = await api.request('GET', path, { role });
        if (status >= 500) failures.push(`${status} GET ${path.slice(0, 120)} as ${role}`);
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
        const { status } = await api.request('GET', path, { role: 'ADMIN' });
        if (status >= 500) failures.push(`${status} GET ${path.slice(0, 120)}`);
        return status < 500;
      }),
      { numRuns: 200 },
    );
    expect(failures).toEqual([]);
  });
});
