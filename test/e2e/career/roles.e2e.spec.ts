/**
 * Each role gets 403 on what it may not do, and no token gets 401 — for every route. The expected
 * table is written out here from the README's role table, not read from the guard's own table
 * (@ledger/auth CAPABILITIES), so a wrong entry there fails here.
 */
import { CAPABILITIES, may, ROLES, type Capability } from '@ledger/auth';

/** README "Roles": Y = allowed, - = 403. Columns: CLERK, ORG_DEPT, AUDITOR, APPEALS_OFFICER, ADMIN. */
const EXPECTED: Record<Capability, string> = {
  recordCareerEvents: ' Y - - - Y',
  importEvents: '       Y - - Y Y',
  recordAppealEvents: ' - - - Y Y',
  adoptPolicy: '        - - - - Y',
  readPolicy: '         Y Y Y Y Y',
  queryDecisions: '     - Y Y - Y',
  readHistory: '        - Y Y Y Y',
  verifyLedger: '       - - Y - Y',
  exportAuditTrail: '   - - Y - Y',
  readFindings: '       - Y Y - Y',
  readStatus: '         - - Y - Y',
  readReports: '        - Y Y - Y',
  readOrgUnits: '       Y Y Y Y Y',
};
const COLUMNS = ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'] as const;
const expectedAllowed = (capability: Capability, role: string): boolean => {
  const cells = EXPECTED[capability].trim().split(/\s+/);
  const column = (COLUMNS as readonly string[]).indexOf(role);
  if (cells.length !== COLUMNS.length || column < 0) throw new Error(`no expectation for ${role} / ${capability}`);
  return cells[column] === 'Y';
};
import { startApi, type ApiHarness } from '../../support/api-harness';

const ROUTES: Array<{ method: string; path: string; capability: Capability; body?: unknown; rawBody?: string; headers?: Record<string, string> }> = [
  { method: 'POST', path: '/v1/cadres/C9/events', capability: 'recordCareerEvents', body: { type: 'HealthCheckCompleted', effectiveDate: '2020-01-01', data: {} } },
  { method: 'POST', path: '/v1/org-units/T9/events', capability: 'recordCareerEvents', body: { type: 'TownshipPerformanceScored', effectiveDate: '2020-12-31', data: { year: 2020, score: 80 } } },
  { method: 'POST', path: '/v1/import', capability: 'importEvents', rawBody: '', headers: { 'content-type': 'application/x-ndjson' } },
  { method: 'POST', path: '/v1/appeals/A9/events', capability: 'recordAppealEvents', body: { type: 'AppealDecided', effectiveDate: '2020-01-01', data: { appealId: 'A9', outcome: 'DISMISSED', reasoning: '理由不足' } } },
  { method: 'POST', path: '/v1/policy/versions', capability: 'adoptPolicy', body: { version: 'x', effectiveFrom: '2020-01-01', settings: {} } },
  { method: 'GET', path: '/v1/policy', capability: 'readPolicy' },
  { method: 'GET', path: '/v1/cadres/C9/history', capability: 'readHistory' },
  { method: 'GET', path: '/v1/audit/verify', capability: 'verifyLedger' },
  { method: 'GET', path: '/v1/status', capability: 'readStatus' },
  { method: 'GET', path: '/v1/cadres/C9/state?asOf=2020-01-01', capability: 'readHistory' },
  { method: 'GET', path: '/v1/cadres/C9/export', capability: 'exportAuditTrail' },
  { method: 'GET', path: '/v1/findings', capability: 'readFindings' },
  { method: 'GET', path: '/v1/appeals', capability: 'readHistory' },
  { method: 'GET', path: '/v1/eligibility/in-post-promotion?asOf=2020-01-01', capability: 'queryDecisions' },
  { method: 'GET', path: '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020', capability: 'queryDecisions' },
  { method: 'GET', path: '/v1/cadres/C9/tenure?asOf=2020-01-01', capability: 'queryDecisions' },
  { method: 'GET', path: '/v1/compliance/findings?rule=TM1', capability: 'readFindings' },
  { method: 'GET', path: '/v1/reports/team-composition?asOf=2020-01-01', capability: 'readReports' },
  { method: 'GET', path: '/v1/reports/talks?year=2020', capability: 'readReports' },
  { method: 'GET', path: '/v1/org-units', capability: 'readOrgUnits' },
];

describe('roles', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('roles');
  });
  afterAll(() => api.close());

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path} (${route.capability})`, () => {
      it('401 without a token', async () => {
        const r = await api.request(route.method, route.path, { role: null, body: route.body, rawBody: route.rawBody, headers: route.headers });
        expect(r.status).toBe(401);
      });
      for (const role of ROLES) {
        const allowed = expectedAllowed(route.capability, role);
        it(`${role} ${allowed ? 'passes the guard' : 'gets 403'}`, async () => {
          const r = await api.request(route.method, route.path, { role, body: route.body, rawBody: route.rawBody, headers: route.headers });
          if (allowed) expect([200, 201, 400, 404, 422]).toContain(r.status);
          else expect(r).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', role } });
        });
      }
    });
  }

  it('/state answers tenure and eligibility only to a role that may query decisions, as their own routes do (found by a review)', async () => {
    const registration = { name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } };
    expect((await api.request('POST', '/v1/cadres/C8/events', { role: 'CLERK', body: { type: 'CadreRegistered', effectiveDate: '2000-01-01', data: registration } })).status).toBe(201);
    for (const role of ROLES.filter((r) => may(r, 'readHistory'))) {
      const r = await api.request('GET', '/v1/cadres/C8/state?asOf=2020-01-01', { role });
      expect(r.status).toBe(200);
      if (expectedAllowed('queryDecisions', role)) expect(r.body).toMatchObject({ tenure: { cadreId: 'C8' }, withheld: [] });
      else expect(r.body).toMatchObject({ tenure: null, eligibility: null, withheld: ['tenure', 'eligibility'], posts: [], rank: null });
    }
  });

  it('the table above names every role and every capability the guard knows', () => {
    expect([...ROLES]).toEqual([...COLUMNS]);
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(CAPABILITIES).sort());
  });

  it('serves health and the OpenAPI document without a token', async () => {
    expect((await api.request('GET', '/health', { role: null })).body.status).toBe('ok');
    const doc = await api.request('GET', '/docs/openapi.json', { role: null });
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/cadres/{cadreId}/events', '/v1/import', '/v1/audit/verify']));
  });
});
