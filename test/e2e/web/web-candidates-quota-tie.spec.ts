/**
 * The TM10 candidate list's quota line in the web app (a review of 2026-12-07): the page drew the
 * line after the quota's last place by position, so a tie across it was cut between two tied
 * candidates by their ids, which TM10 forbids; and only the cycles 2001-2005, 2006-2010, … could
 * be chosen, where the ledger answers any five years. Both failed before their fix.
 */
import type { Browser, Page } from 'playwright-core';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { policyWrites } from '../policy/support';
import { ensureWebBuild, go, launchChromium, pageInSharedContext, signIn } from './browser';

describe('web app: the TM10 quota line and the cycle', () => {
  let api: ApiHarness;
  let browser: Browser;
  const { ok, register } = policyWrites(() => api);

  /** A party secretary of `township` since `since`, EXCELLENT in the years given and COMPETENT in the others of 2019–2025. */
  async function secretary(cadreId: string, township: string, since: string, excellentYears: number[], score: number): Promise<void> {
    await ok(`/v1/org-units/${township}/events`, { id: `reg-${township}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${township}镇`, kind: 'TOWNSHIP' } });
    await register(cadreId);
    await ok(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-sec`, type: 'AppointedToPost', effectiveDate: since, data: { orgUnitId: township, role: 'PARTY_SECRETARY' } });
    for (let year = 2019; year <= 2025; year++) {
      const grade = excellentYears.includes(year) ? 'EXCELLENT' : 'COMPETENT';
      await ok(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-g${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-20`, data: { year, grade } });
    }
    for (const year of [2023, 2025]) await ok(`/v1/org-units/${township}/events`, { id: `${township}-s${year}`, type: 'TownshipPerformanceScored', effectiveDate: `${year + 1}-02-01`, data: { year, score } });
  }

  async function open(): Promise<Page> {
    const page = await pageInSharedContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, api.baseUrl, api.tokens.ORG_DEPT);
    return page;
  }

  /** Each row's cadre id, with whether the quota line is drawn under it. */
  async function rows(page: Page): Promise<[string, boolean][]> {
    const table = page.getByTestId('candidates-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    return table.locator('tbody tr.ant-table-row').evaluateAll((trs) =>
      trs.map((tr) => [(tr.textContent ?? '').match(/干部([A-E])/)?.[1] ?? '?', tr.classList.contains('quota-line')] as [string, boolean]),
    );
  }

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_candidates_tie');
    const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    // Three places: E and A within; C and D tie on every criterion across the third place; B after them.
    await ok('/v1/policy/versions', { id: 'pol-q3', version: 'q3', effectiveFrom: '2000-01-01', settings: { ...defaults.settings, excellentSecretary: { ...defaults.settings.excellentSecretary, quota: 3 } } }, 'ADMIN');
    await secretary('E', 'T05', '2016-01-01', [2021, 2022, 2025], 60);
    await secretary('A', 'T01', '2015-01-01', [2021, 2023], 80);
    await secretary('C', 'T03', '2018-06-01', [2021, 2025], 97);
    await secretary('D', 'T04', '2018-06-01', [2023, 2024], 97);
    await secretary('B', 'T02', '2018-06-01', [2022, 2024], 95);
    await waitForProjections(api.db, 60_000);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('a tie across the quota line: the line falls before the tied candidates, never between them, and the chart shades only the places within', async () => {
    const answer = (await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2026-06-30', { role: 'ORG_DEPT' })).body;
    expect(answer.candidates.map((c: any) => [c.cadreId, c.rank, c.withinQuota, c.tiedAtQuotaLine])).toEqual([
      ['E', 1, true, false],
      ['A', 2, true, false],
      ['C', 3, false, true],
      ['D', 3, false, true],
      ['B', 5, false, false],
    ]);
    const page = await open();
    await go(page, '/candidates?asOf=2026-06-30&cycle=2021-2025');
    expect(await rows(page)).toEqual([
      ['E', false],
      ['A', true],
      ['C', false],
      ['D', false],
      ['B', false],
    ]);
    expect(await page.getByText('名额线上并列（由县委确定）').count()).toBe(2);
    await page.close();
  });

  it('a cycle outside the 2001-2005 grid can be typed and is asked for (2019-2023, its reference date 2023-12-31)', async () => {
    const page = await open();
    await go(page, '/candidates?asOf=2026-06-30');
    const picker = page.locator('#candidates-cycle');
    await picker.click();
    await picker.fill('2019-2023');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^2019-2023$/ }).click();
    await page.waitForURL(/cycle=2019-2023/);
    await page.getByText('2023-12-31').first().waitFor();
    expect(new URL(page.url()).searchParams.get('cycle')).toBe('2019-2023');
    await page.close();
  });
});
