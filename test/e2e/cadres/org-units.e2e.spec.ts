/**
 * The org-unit directory (单位名录): GET /v1/org-units and `ledger org-units` give the same answer,
 * to every role (a clerk picks 福店镇 instead of typing T0001 blind); `kind` filters; `knownAt`
 * answers as the ledger knew it, to the instant; a bad parameter is a 400 naming it.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('the org-unit directory', () => {
  let api: ApiHarness;
  let firstRecordedAt: string;
  beforeAll(async () => {
    api = await startApi('org_units');
    const register = async (id: string, data: object) =>
      expect((await api.request('POST', `/v1/org-units/${id}/events`, { role: 'CLERK', body: { type: 'OrgUnitRegistered', effectiveDate: '2001-03-01', data } })).status).toBe(201);
    await register('T01', { name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1 });
    const [row] = await api.db.sql`select to_json(recorded_at)#>>'{}' as at from events where stream_id = 'orgunit-T01'`;
    firstRecordedAt = new Date(String(row!.at)).toISOString();
    await register('D01', { name: '县农业农村局', kind: 'COUNTY_DEPARTMENT' });
  });
  afterAll(() => api?.close());

  const directory = async (query = '', role: 'CLERK' | 'ORG_DEPT' | 'APPEALS_OFFICER' = 'CLERK') => api.request('GET', `/v1/org-units${query}`, { role });

  it('every role reads every unit in id order, with its name, kind, assessment class and registration date', async () => {
    for (const role of ['CLERK', 'ORG_DEPT', 'APPEALS_OFFICER'] as const) {
      const r = await directory('', role);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        knownAt: null,
        orgUnits: [
          { orgUnitId: 'D01', name: '县农业农村局', kind: 'COUNTY_DEPARTMENT', assessmentClass: null, registeredOn: '2001-03-01' },
          { orgUnitId: 'T01', name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1, registeredOn: '2001-03-01' },
        ],
      });
    }
  });

  it('kind filters; knownAt at the first registration’s instant knows only it, a millisecond before knows none', async () => {
    expect((await directory('?kind=TOWNSHIP')).body.orgUnits.map((u: { orgUnitId: string }) => u.orgUnitId)).toEqual(['T01']);
    expect((await directory(`?knownAt=${encodeURIComponent(firstRecordedAt)}`)).body.orgUnits.map((u: { orgUnitId: string }) => u.orgUnitId)).toEqual(['T01']);
    const before = new Date(Date.parse(firstRecordedAt) - 1).toISOString();
    expect((await directory(`?knownAt=${encodeURIComponent(before)}`)).body).toEqual({ knownAt: before, orgUnits: [] });
  });

  it('a bad kind, a bad knownAt or an unknown parameter is a 400 naming it', async () => {
    for (const [query, field] of [['?kind=VILLAGE', 'kind'], ['?knownAt=yesterday', 'knownAt'], ['?township=T01', 'township']] as const) {
      const r = await directory(query);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
  });

  it('the CLI answers as the API does (--json), and prints a Chinese table', async () => {
    const env = { DATABASE_URL: api.db.url };
    const json = await runCli(['org-units', '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual((await directory()).body);
    const table = await runCli(['org-units', '--kind', 'TOWNSHIP'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('单位名录（乡镇）：共 1 个单位');
    expect(table.stdout).toMatch(/T01\s+福店镇\s+乡镇\s+第一类\s+2001-03-01/);
    const bad = await runCli(['org-units', '--kind', 'VILLAGE'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--kind');
  });
});
