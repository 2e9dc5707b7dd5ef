/**
 * The ten measures' reports end to end: a small generated county (plus the TM5 facts written
 * through the API's write path) imported into a real PostgreSQL; every report over HTTP and over
 * the CLI equals the same pure function over a fold of the whole store, as the tables stand and
 * as known at an earlier instant.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import { ledgerFactsOf, shanghaiDateOf, type CalendarDate, type CareerCommand } from '@ledger/domain';
import { appoint, department, rateDepartment, recommend, registerCadre, takeSeat, township } from '@ledger/domain/testing/commands';
import { generateCounty } from '@ledger/generator';
import { parseReportParams, readLedgerEvents, REPORT_NAMES, REPORTS, reportFromFacts, type ReportName } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { instantBetween, settle } from '../projections/support';

let api: ApiHarness;
let knownAt: string;
const TODAY = '2025-06-30' as CalendarDate;

const paramsOf = (name: ReportName): Record<string, string> => (REPORTS[name].dated === 'year' ? { year: '2024' } : { asOf: '2025-06-30' });
const query = (p: Record<string, string>) => new URLSearchParams(p).toString();

async function expected(name: ReportName, p: Record<string, string>) {
  const facts = ledgerFactsOf(await readLedgerEvents(api.ledger.store, p.knownAt));
  // The API and the CLI date a year's report by today's date (T4), as read from the wall clock.
  return JSON.parse(JSON.stringify(reportFromFacts(name, facts, parseReportParams(name, p, shanghaiDateOf(Date.now())))));
}

beforeAll(async () => {
  api = await startApi('reports');
  const generated = [...generateCounty({ townships: 4, years: 8, seed: 13 })].map((l) => JSON.stringify(l));
  const tm5: CareerCommand[] = [
    township('RT1'),
    department('RD1'),
    registerCadre('RS1', '1988-01-01', { id: 'rs1-reg' }),
    registerCadre('RR1', '1995-01-01'),
    appoint('RS1', '2020-01-01', 'RT1', 'PARTY_SECRETARY'),
    takeSeat('RS1', '2021-01-01'),
    recommend('RS1', '2023-03-01', 'RR1', { id: 'rec-1' }),
    appoint('RR1', '2023-06-01', 'RT1', 'DEPUTY_HEAD'),
    rateDepartment('RD1', '2025-01-10', 2024, 'RS1'),
  ];
  const lines = [...generated, ...tm5.map((c) => JSON.stringify(c))].map((l) => `${l}\n`);
  const result = await importNdjson(Readable.from(lines), api.ledger.store, () => TODAY, { actor: 'test' });
  expect(result.rejected).toEqual([]);
  knownAt = await instantBetween(api);
  // Recorded after knownAt: a later recommendation shows in the answer of now, not in the one as known then.
  const late = await api.request('POST', '/v1/cadres/RS1/events', { role: 'CLERK', body: { id: 'rec-2', type: 'LeaderRecommended', effectiveDate: '2024-01-01', data: { recommendedCadreId: 'RR1', forPost: '副镇长', reason: '年轻有为' } } });
  expect(late.status).toBe(201);
  await settle(api);
}, 180_000);
afterAll(() => api?.close());

describe.each(REPORT_NAMES)('report %s', (name) => {
  it('over HTTP equals the pure report over a fold of the whole store (ORG_DEPT and AUDITOR read; CLERK may not)', async () => {
    const p = paramsOf(name);
    const r = await api.request('GET', `/v1/reports/${name}?${query(p)}`, { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await expected(name, p));
    expect(r.body.policyVersion).toBe('1');
    expect((await api.request('GET', `/v1/reports/${name}?${query(p)}`, { role: 'AUDITOR' })).status).toBe(200);
    expect((await api.request('GET', `/v1/reports/${name}?${query(p)}`, { role: 'CLERK' })).status).toBe(403);
  });

  it('as known at an earlier instant equals the pure report over the events recorded by then', async () => {
    const p = { ...paramsOf(name), knownAt };
    const r = await api.request('GET', `/v1/reports/${name}?${query(p)}`, { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await expected(name, p));
  });

  it('over the CLI: --json prints the same answer; the table is Chinese and names the policy version', async () => {
    const p = paramsOf(name);
    const flags = REPORTS[name].dated === 'year' ? ['--year', p.year!] : ['--as-of', p.asOf!];
    const json = await runCli(['report', name, ...flags, '--json'], { DATABASE_URL: api.db.url });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(JSON.parse(json.stdout)).toEqual(await expected(name, p));
    const table = await runCli(['report', name, ...flags], { DATABASE_URL: api.db.url });
    expect([table.code, table.stderr]).toEqual([0, '']);
    expect(table.stdout).toContain('政策版本 1');
  }, 60_000);
});

describe('report parameters', () => {
  it('a bad or missing parameter is a 400 naming it; an unknown report too', async () => {
    const missingYear = await api.request('GET', '/v1/reports/training', { role: 'ORG_DEPT' });
    expect([missingYear.status, missingYear.body.field]).toEqual([400, 'year']);
    const badDate = await api.request('GET', '/v1/reports/team-composition?asOf=2025-02-30', { role: 'ORG_DEPT' });
    expect([badDate.status, badDate.body.field]).toEqual([400, 'asOf']);
    const typo = await api.request('GET', '/v1/reports/team-composition?asof=2025-01-01', { role: 'ORG_DEPT' });
    expect([typo.status, typo.body.field]).toEqual([400, 'asof']);
    expect((await api.request('GET', '/v1/reports/nope', { role: 'ORG_DEPT' })).status).toBe(400);
  });

  it('a filter naming what the ledger does not know is refused, not answered as nothing found: a rule no finding carries (400), an org unit it has no record of (404); a rule in another case is its own spelling (found by a review)', async () => {
    const rule = await api.request('GET', '/v1/findings?rule=TM99', { role: 'ORG_DEPT' });
    expect([rule.status, rule.body.field]).toEqual([400, 'rule']);
    expect(rule.body.message).toContain('TM1.chief-experience');
    const lower = await api.request('GET', '/v1/findings?rule=tm6B&asOf=2025-06-30', { role: 'ORG_DEPT' });
    expect([lower.status, lower.body.rule]).toEqual([200, 'TM6b']);
    const unit = await api.request('GET', '/v1/findings?orgUnitId=T9999', { role: 'ORG_DEPT' });
    expect(unit).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', id: 'T9999' } });
    const report = await api.request('GET', '/v1/reports/team-composition?asOf=2025-06-30&township=T9999', { role: 'ORG_DEPT' });
    expect(report).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', id: 'T9999' } });
    expect((await api.request('GET', '/v1/reports/team-composition?asOf=2025-06-30&township=RT1', { role: 'ORG_DEPT' })).status).toBe(200);
    const cli = await runCli(['findings', '--township', 'T9999'], { DATABASE_URL: api.db.url });
    expect([cli.code, cli.stdout]).toEqual([1, '']);
    expect(cli.stderr).toContain('--township：台账中没有单位 T9999 的记录');
    // The same code as the API's, the option named (found by a review: --township was not said).
    const cliJson = await runCli(['report', 'team-composition', '--as-of', '2025-06-30', '--township', 'T9999', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cliJson.stderr).error).toMatchObject({ code: 'NOT_FOUND', field: '--township' });
    // A unit that is no township: a 400 naming it, not the empty answer of a township that owes nothing (found by a review).
    const bureau = await api.request('GET', '/v1/reports/talks?year=2024&township=RD1', { role: 'ORG_DEPT' });
    expect(bureau).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'township', detailZh: 'township：RD1 乡（RD1）是县级部门，不是乡镇：本报表只按乡镇筛选' } });
    const cliBureau = await runCli(['report', 'talks', '--year', '2024', '--township', 'RD1', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cliBureau.stderr).error).toMatchObject({ code: 'INVALID_REQUEST', field: '--township' });
    const cliRule = await runCli(['findings', '--rule', 'TM99', '--json'], { DATABASE_URL: api.db.url });
    expect(cliRule.code).toBe(1);
    expect(JSON.parse(cliRule.stderr).error).toMatchObject({ code: 'INVALID_REQUEST', field: '--rule', message: expect.stringContaining('不是合规提示所用的规则编号，可选：') });
  }, 60_000);

  it('a county-wide report refuses township instead of answering for the whole county; the CLI too', async () => {
    for (const path of ['promotion-pool?asOf=2025-06-30', 'department-ratings?year=2024', 'recommendations?asOf=2025-06-30', 'reminder-talks?year=2024']) {
      const refused = await api.request('GET', `/v1/reports/${path}&township=RT1`, { role: 'ORG_DEPT' });
      expect([path, refused.status, refused.body.field]).toEqual([path, 400, 'township']);
      expect(refused.body.detail ?? refused.body.message).toContain('county-wide');
      expect((await api.request('GET', `/v1/reports/${path}`, { role: 'ORG_DEPT' })).status).toBe(200);
    }
    expect((await api.request('GET', '/v1/reports/talks?year=2024&township=RT1', { role: 'ORG_DEPT' })).status).toBe(200);
    const cli = await runCli(['report', 'reminder-talks', '--year', '2024', '--township', 'RT1'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('--township');
  }, 60_000);

  it('TM5 facts: the recommendation links to the appointment; the secretary has a county seat; the rating is summarised', async () => {
    const recs = (await api.request('GET', '/v1/reports/recommendations?asOf=2025-06-30', { role: 'ORG_DEPT' })).body;
    expect(recs.recommendations.find((r: { eventId: string }) => r.eventId === 'rec-1')).toMatchObject({ recommended: { cadreId: 'RR1' }, outcome: { role: 'DEPUTY_HEAD' } });
    const seats = (await api.request('GET', '/v1/reports/secretary-seats?asOf=2025-06-30&township=RT1', { role: 'ORG_DEPT' })).body;
    expect(seats.secretaries).toEqual([expect.objectContaining({ cadreId: 'RS1', passed: true })]);
    const ratings = (await api.request('GET', '/v1/reports/department-ratings?year=2024', { role: 'ORG_DEPT' })).body;
    expect(ratings.departments.find((d: { orgUnitId: string }) => d.orgUnitId === 'RD1')).toMatchObject({ ratings: 1 });
    // TM5(b): the recommendation shows in both cadres' histories.
    for (const cadre of ['RS1', 'RR1']) {
      const history = (await api.request('GET', `/v1/cadres/${cadre}/history`, { role: 'ORG_DEPT' })).body;
      expect(JSON.stringify(history)).toContain('"rec-1"');
    }
    const cli = await runCli(['history', 'RR1', '--json'], { DATABASE_URL: api.db.url });
    expect([cli.code, cli.stdout.includes('"rec-1"')]).toEqual([0, true]);
  }, 60_000);

  it('TM5(b): a recommendation retracted on the recommender’s stream no longer counts in the recommended cadre’s history (found by a review: it was shown as counting)', async () => {
    // Given rec-2 retracted by the clerk on RS1's stream
    const retracted = await api.request('POST', '/v1/cadres/RS1/events', { role: 'CLERK', body: { id: 'rec-2-retract', type: 'EntryRetracted', effectiveDate: '2024-02-01', data: { targetEventId: 'rec-2', reason: '录入错误' } } });
    expect(retracted.status).toBe(201);
    // When RR1's history is read
    const history = (await api.request('GET', '/v1/cadres/RR1/history', { role: 'ORG_DEPT' })).body as { events: Array<{ eventId: string; counts: boolean; links: { retractedBy: string[] } }> };
    // Then rec-2 is shown retracted, with the retraction beside it; rec-1 still counts
    const byId = new Map(history.events.map((e) => [e.eventId, e]));
    expect(byId.get('rec-2')).toMatchObject({ counts: false, links: { retractedBy: ['rec-2-retract'] } });
    expect(byId.get('rec-2-retract')).toBeDefined();
    expect(byId.get('rec-1')).toMatchObject({ counts: true });
  }, 60_000);

  it('the reports are described in the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/docs/openapi.json', { role: null })).body;
    expect(Object.keys(doc.paths)).toContain('/v1/reports/{name}');
    expect(JSON.stringify(doc.paths['/v1/reports/{name}'])).toContain('team-composition');
  });
});
