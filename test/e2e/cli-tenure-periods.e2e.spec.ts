/**
 * The CLI's periods and lists after the wording changes of 2026-12-05 (found by a diff review): a
 * secondment ended the day it began, the history's row links, the appeals list's target.
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../support/api-harness';
import { runCli } from '../support/run-cli';

describe('wording in the CLI', () => {
  let api: ApiHarness;
  const write = async (path: string, body: unknown, role: 'ADMIN' | 'CLERK' | 'APPEALS_OFFICER' = 'ADMIN'): Promise<void> => {
    const r = await api.request('POST', path, { role, body });
    expect([path, (body as { id: string }).id, r.status, r.status === 201 ? null : r.body]).toEqual([path, (body as { id: string }).id, 201, null]);
  };

  beforeAll(async () => {
    api = await startApi('diff_wording');
    await registerTownshipAndCadre(api);
    await write('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '县委办公室', kind: 'COUNTY_DEPARTMENT' } });
    await write('/v1/cadres/C1/events', { id: 'ap1', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } });
    // A secondment begun and ended the same day (a zero-length episode the fold accepts).
    await write('/v1/cadres/C1/events', { id: 'sec-s', type: 'SecondmentStarted', effectiveDate: '2020-03-02', data: { hostOrgUnitId: 'T02', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: '2020-06-01', approval: { level: 'COUNTY', ref: '县委〔2020〕1号' } } });
    await write('/v1/cadres/C1/events', { id: 'sec-e', type: 'SecondmentEnded', effectiveDate: '2020-03-02', data: {} });
  });
  afterAll(async () => {
    await api.close();
  });

  it('tenure: a secondment that began and ended the same day is not printed as ending the day before it began', async () => {
    const cli = await runCli(['tenure', 'C1', '--as-of', '2024-01-01'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const line = cli.stdout.split('\n').find((l) => l.startsWith('借调'));
    expect(line).toBeDefined();
    // "2020-03-02 至 2020-03-01" reads as a period that ends before it begins.
    expect(line).not.toContain('2020-03-02 至 2020-03-01');
  });
});
