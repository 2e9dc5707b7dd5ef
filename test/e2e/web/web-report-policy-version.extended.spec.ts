/**
 * RULES.md: "every derived answer says which policy version produced it". Every report answer of the
 * API carries `policyVersion` (and each measure finding of GET /v1/findings its own), and the CLI
 * prints it (政策版本 … in each report header and per finding); each report page and the findings page
 * show it too, equal to the API's for the same question (found by a review: only team composition,
 * eligibility and candidates said it). Two county versions (county-2024 from 2001, county-2025 from
 * 2025), so that a page showing RULES.md's default or another date's version is caught.
 */
import type { Browser, Page } from 'playwright-core';
import { REPORT_TITLES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { ensureWebBuild, launchChromium, signIn, waitForText } from './browser';

let api: ApiHarness;
let browser: Browser;
let page: Page;

const post = (path: string, body: unknown, role?: 'CLERK' | 'ADMIN') => api.write(path, body, role);
const get = async (path: string): Promise<any> => {
  const r = await api.request('GET', path, { role: 'ORG_DEPT' });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** The report pages of the ten measures and the kind of question each asks the API (a day's or a year's). */
const REPORTS: { name: keyof typeof REPORT_TITLES_ZH; dated: 'asOf' | 'year' }[] = [
  { name: 'team-composition', dated: 'asOf' },
  { name: 'promotion-pool', dated: 'asOf' },
  { name: 'training', dated: 'year' },
  { name: 'department-ratings', dated: 'year' },
  { name: 'recommendations', dated: 'asOf' },
  { name: 'secretary-seats', dated: 'asOf' },
  { name: 'focus-ledger', dated: 'asOf' },
  { name: 'reminder-talks', dated: 'year' },
  { name: 'talks', dated: 'year' },
  { name: 'health-checks', dated: 'year' },
];
const DATES = ['2024-06-30', '2026-06-30'];

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_report_policy_version');
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
  await post('/v1/policy/versions', { id: 'pol-2024', version: 'county-2024', effectiveFrom: '2001-01-01', settings: defaults.settings });
  await post('/v1/policy/versions', { id: 'pol-2025', version: 'county-2025', effectiveFrom: '2025-01-01', settings: defaults.settings });
  for (const t of ['T01', 'T02']) await post(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  for (let y = 2012; y <= 2024; y++) await post('/v1/cadres/C1/events', { id: `g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y % 2 ? 'EXCELLENT' : 'COMPETENT' } });
  // C2: chief of T02 promoted on TM6b's basis without meeting it: a TM6b finding of 2021, judged under county-2024.
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
  await post('/v1/cadres/C2/events', { id: 'c2-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_1' } });
  await post('/v1/cadres/C2/events', {
    id: 'c2-promo',
    type: 'RankPromoted',
    effectiveDate: '2021-06-01',
    data: { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'RESEARCHER_4', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'VACANCY' },
    override: { reason: '县委常委会研究决定' },
  });
  await waitForProjections(api.db, 30_000);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  await signIn(page, api.baseUrl, api.tokens.ORG_DEPT);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('each report page of the ten measures shows the policy version of its answer (政策版本)', () => {
  it.each(DATES)('as of %s: the version shown equals the API’s policyVersion for the same question', async (asOf) => {
    const year = Number(asOf.slice(0, 4)) - 1;
    const seen: { report: string; shown: string; api: string }[] = [];
    for (const r of REPORTS) {
      const answer = await get(`/v1/reports/${r.name}?${r.dated === 'asOf' ? `asOf=${asOf}` : `year=${year}`}`);
      expect(typeof answer.policyVersion).toBe('string');
      // Loaded afresh, so that no figure of the page before is read for this one's.
      await page.goto(`${api.baseUrl}/reports/${r.name}?asOf=${asOf}`);
      await page.getByRole('heading', { level: 3, name: REPORT_TITLES_ZH[r.name], exact: true }).waitFor();
      const shown = await waitForText(page, 'report-policy-version', answer.policyVersion, 30_000);
      // Labelled as the CLI labels it, once per page.
      const label = (await page.locator('.ant-descriptions-item-label', { hasText: '政策版本' }).count()) === 1;
      seen.push({ report: r.name, shown: label ? shown : `${shown} (label 政策版本 not once)`, api: answer.policyVersion });
    }
    expect(seen).toEqual(seen.map((s) => ({ ...s, shown: s.api })));
    // The version in effect on each date (county-2024 before 2025, county-2025 since), not RULES.md’s default.
    expect(new Set(seen.map((s) => s.api))).toEqual(new Set([asOf < '2025' ? 'county-2024' : 'county-2025']));
  }, 600_000);
});

describe('the findings page shows the policy version each measure finding was judged under', () => {
  it.each(DATES)('as of %s: each row’s version equals its finding’s policyVersion in the API’s answer', async (asOf) => {
    const answer = await get(`/v1/findings?asOf=${asOf}`);
    const findings: any[] = answer.findings;
    const measures = findings.filter((f) => f.kind === 'MEASURE');
    expect(measures.length).toBeGreaterThan(0);
    await page.goto(`${api.baseUrl}/reports/findings?asOf=${asOf}`);
    // A generous wait: the full web suite on 2 cores took longer than 20 s to answer the findings.
    expect(await waitForText(page, 'report-count', String(findings.length), 60_000)).toBe(String(findings.length));
    const rows = page.getByTestId('report-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const shownRows = Math.min(findings.length, 20); // the table's first page
    expect(await rows.count()).toBe(shownRows);
    const seen: { row: number; rule: string; shown: string | null; text: string }[] = [];
    const expected: { row: number; rule: string; shown: string | null; text: string }[] = [];
    for (let i = 0; i < shownRows; i++) {
      const f = findings[i];
      const row = rows.nth(i);
      const version = row.getByTestId('finding-policy-version');
      const text = await row.innerText();
      seen.push({ row: i, rule: f.rule, shown: (await version.count()) === 1 ? (await version.innerText()).trim() : null, text: text.includes('政策版本') ? 'says 政策版本' : text });
      expected.push({ row: i, rule: f.rule, shown: f.kind === 'MEASURE' ? f.policyVersion : null, text: f.kind === 'MEASURE' ? 'says 政策版本' : text });
    }
    expect(seen).toEqual(expected);
    // The TM6b finding of 2021 was judged under county-2024 whatever the date asked about; the year's findings of 2025 under county-2025.
    expect(measures.find((f) => f.rule.startsWith('TM6b'))?.policyVersion).toBe('county-2024');
    expect(new Set(measures.map((f) => f.policyVersion))).toEqual(new Set(asOf < '2025' ? ['county-2024'] : ['county-2024', 'county-2025']));
  }, 180_000);
});
