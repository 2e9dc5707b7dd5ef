/**
 * A fifth walk through the web app (2026-12-05), of edited dates and the pages that answer for no
 * date: the appeals page measured its deadlines to today under a past 截至日期 without a word; the
 * header's picker read "Invalid Date" (English) for an edited asOf, and 2025-03-02 for 2025-02-30;
 * a timeline counted the records "in effect" on 2025-02-30; and the candidates of a cycle still
 * running read as if every secretary were excluded.
 */
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, pageInSharedContext, signIn, textOf } from './browser';

describe('web app: what a fifth walk found (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;

  async function open(role: Role, width = 1280): Promise<Page> {
    const page = await pageInSharedContext(browser, { viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, api.baseUrl, api.tokens[role]);
    return page;
  }

  const content = (page: Page) => page.locator('.ant-layout-content').innerText();

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_walk_dates');
    await registerTownshipAndCadre(api); // T01 青山镇, C1 李四
    const recorded = async (path: string, body: object, role: Role = 'ADMIN') => {
      const r = await api.request('POST', path, { role, body });
      expect(r.status).toBe(201);
      return r.body.events[0].eventId as string;
    };
    // C1: party secretary of T01 from 2019, graded, warned in 2024; the warning is under review.
    await recorded('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    for (const year of [2019, 2020, 2021, 2022, 2023]) {
      await recorded('/v1/cadres/C1/events', { id: `c1-grade-${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: year % 2 ? 'EXCELLENT' : 'COMPETENT' } });
    }
    const warning = await recorded('/v1/cadres/C1/events', {
      id: 'c1-warning',
      type: 'SanctionImposed',
      effectiveDate: '2024-03-10',
      documentRef: '县纪〔2024〕5号',
      data: { sanctionId: 'S1', kind: 'WARNING', grounds: '违反工作纪律' },
    });
    await recorded(
      '/v1/appeals/R1/events',
      { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2024-03-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: warning, stage: 'REVIEW', grounds: '处分依据不足', learnedOfDecisionDate: '2024-03-12' } },
      'APPEALS_OFFICER',
    );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('the appeals page answers for the header’s 截至日期 and 按当时所知, or says it does not (an appeal filed in 2024 listed for 2020-01-01 as known then, without a word)', async () => {
    const page = await open('APPEALS_OFFICER');
    const all = await api.request('GET', '/v1/appeals?status=all', { role: 'APPEALS_OFFICER' });
    expect(all.status).toBe(200);
    const filedBy2020 = all.body.appeals.filter((a: { filedOn: string }) => a.filedOn <= '2020-01-01').length;
    expect(filedBy2020).toBe(0);
    await page.goto(`${api.baseUrl}/reports/appeals?asOf=2020-01-01&knownAt=2020-01-01`);
    const shown = await textOf(page, 'report-count');
    const text = await content(page);
    // Either the list is the one on the header's dates (nothing filed by then, nothing recorded by
    // then), or the page says which date its standings are for (the API's `today`) and that it does
    // not go back to the header's dates, as the roster says for 按当时所知.
    const honoured = shown === String(filedBy2020);
    const said = text.includes(all.body.today) || /不按.{0,12}(截至日期|按当时所知)/.test(text);
    expect(honoured || said ? 'applied or said' : `lists ${shown} appeal(s) for 2020-01-01 as known then, and names neither the date it answers for nor that it ignores the header`).toBe('applied or said');
  });

  it('the header’s 截至日期 never reads “Invalid Date” (English) for an edited asOf', async () => {
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/eligibility?asOf=garbage`);
    await page.locator('#view-as-of').waitFor();
    await page.waitForTimeout(1000);
    expect(await page.locator('#view-as-of').inputValue()).not.toBe('Invalid Date');
  });

  it('the header’s 截至日期 shows the date the page answers for: asOf=2025-02-30 is refused by the API but the picker shows another, real date (2025-03-02)', async () => {
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/eligibility?asOf=2025-02-30`);
    await page.getByText('字段：截至日期').first().waitFor();
    // The page asked for 2025-02-30 (and says it is no date); the header must not claim 2025-03-02.
    expect(await page.locator('#view-as-of').inputValue()).not.toBe('2025-03-02');
  });

  it('a timeline for an impossible 截至日期 (2025-02-30) does not state a count of records in effect on that date', async () => {
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/cadres/C1?asOf=2025-02-30`);
    await page.getByText('字段：截至日期').first().waitFor();
    await page.getByTestId('history-count').waitFor();
    // The state was refused as no date; the summary line still says "截至 2025-02-30 有效 N 条".
    expect(await content(page)).not.toMatch(/截至 2025-02-30 有效/);
  });

  it('the TM10 list of a cycle not yet ended on the page’s date says so, not that every secretary is excluded for want of an EXCELLENT grade', async () => {
    const page = await open('ORG_DEPT');
    const asOf = '2026-06-30';
    const answer = await api.request('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2026-2030&asOf=${asOf}`, { role: 'ORG_DEPT' });
    expect(answer.status).toBe(200);
    expect(answer.body.referenceDate > asOf).toBe(true);
    expect(answer.body.excluded.map((e: { cadreId: string }) => e.cadreId)).toEqual(['C1']);
    await page.goto(`${api.baseUrl}/candidates?asOf=${asOf}&cycle=2026-2030`);
    expect(await textOf(page, 'candidates-excluded')).toBe('1');
    const text = await content(page);
    expect(text).toContain('须至少 1 次'); // C1 shown as excluded for 0 EXCELLENT in 2026-2030
    expect(text).toMatch(/(周期|评选).{0,20}(尚未结束|未结束|尚未届满|尚未完成)/);
  });
});
