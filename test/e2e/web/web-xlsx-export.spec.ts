/**
 * 导出 Excel on the department's lists: the eligibility list, the candidates and the roster are saved
 * as the API names them, holding the page's question (its township and filter, its cycle, every
 * matching cadre of the roster rather than the page shown).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { readXlsx, tableRows } from '../../support/read-xlsx';
import { ensureWebBuild, go, horizontalOverflow, launchChromium, screenshot, signIn } from './browser';

const AS_OF = '2025-12-31';

describe('web app: lists saved as Excel workbooks (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_xlsx');
    const lines = [...generateCounty({ townships: 4, years: 12, seed: 5, endYear: 2025 })];
    const result = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), api.ledger.store, () => '2026-01-31' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    await waitForProjections(api.db, 60_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens.ORG_DEPT);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Clicks 导出 Excel and reads the file the browser saved. */
  async function exported(): Promise<{ name: string; sheets: Awaited<ReturnType<typeof readXlsx>> }> {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const saved = await download;
    return { name: saved.suggestedFilename(), sheets: await readXlsx(readFileSync((await saved.path())!)) };
  }

  it('eligibility: the township and the filter chosen on the page are the workbook’s', async () => {
    const all = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
    const { orgUnitId: township, orgUnitName } = all.cadres[0].chiefPosts[0] as { orgUnitId: string; orgUnitName: string };
    const json = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}&township=${township}&eligible=false`, { role: 'ORG_DEPT' })).body;
    await go(page, `/eligibility?asOf=${AS_OF}&township=${township}&eligible=false`);
    await page.getByTestId('eligibility-total').waitFor();
    await page.getByTestId('export-xlsx').and(page.locator(':not([disabled])')).waitFor();
    await screenshot(page, 'eligibility-export-xlsx');
    // At 768 px the filters wrap and the button with them, nothing cut off.
    const narrow = await (await browser.newContext({ viewport: { width: 768, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signIn(narrow, api.baseUrl, api.tokens.ORG_DEPT);
    await go(narrow, `/eligibility?asOf=${AS_OF}&township=${township}&eligible=false`);
    await narrow.getByTestId('export-xlsx').and(narrow.locator(':not([disabled])')).waitFor();
    await screenshot(narrow, 'eligibility-export-xlsx-768');
    expect(await horizontalOverflow(narrow)).toBe(0);
    const { name, sheets } = await exported();
    expect(name).toBe(`不离岗晋升职级资格-${orgUnitName}-不符合-截至${AS_OF}.xlsx`);
    expect(tableRows(sheets[0]!, '干部编号').rows.map((r) => r[0])).toEqual(json.cadres.map((c: { cadreId: string }) => c.cadreId));
  });

  it('candidates: the cycle chosen is the workbook’s', async () => {
    await go(page, `/candidates?asOf=${AS_OF}&cycle=2021-2025`);
    await page.getByTestId('export-xlsx').and(page.locator(':not([disabled])')).waitFor();
    const { name, sheets } = await exported();
    expect(name).toBe(`优秀乡镇党委书记推荐人选-2021-2025-计至${AS_OF}.xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['推荐人选', '未列入人选', '检查项']);
  });

  it('roster: every matching cadre, not the page shown', async () => {
    const total = (await api.request('GET', `/v1/cadres?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body.total as number;
    await go(page, `/cadres?asOf=${AS_OF}&pageSize=10`);
    await page.getByTestId('export-xlsx').and(page.locator(':not([disabled])')).waitFor();
    const { name, sheets } = await exported();
    expect(name).toBe(`干部名册-${AS_OF}.xlsx`);
    expect(total).toBeGreaterThan(10);
    expect(tableRows(sheets[0]!, '干部编号').rows).toHaveLength(total);
  });

  it('a measure’s report: its township and date are the workbook’s', async () => {
    const json = (await api.request('GET', `/v1/reports/team-composition?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
    const t = json.townships[0] as { orgUnitId: string; orgUnitName: string };
    await go(page, `/reports/team-composition?asOf=${AS_OF}&township=${t.orgUnitId}`);
    await page.getByTestId('export-xlsx').and(page.locator(':not([disabled])')).waitFor();
    const { name, sheets } = await exported();
    expect(name).toBe(`乡镇领导班子结构-${t.orgUnitName}-截至${AS_OF}.xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['班子成员', '检查项']);
  });

  it('a token refused on 导出 Excel (expired meanwhile) ends the session, as on any other request, and says why', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const other = await context.newPage();
    await signIn(other, api.baseUrl, api.tokens.ORG_DEPT);
    await go(other, `/cadres?asOf=${AS_OF}`);
    await other.getByTestId('export-xlsx').and(other.locator(':not([disabled])')).waitFor();
    // The API's own answer to a token that expired between the page's last read and the click.
    await other.route(/format=xlsx/, (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, code: 'TOKEN_EXPIRED', message: 'token expired', titleZh: '访问令牌已过期' }) }),
    );
    await other.getByTestId('export-xlsx').click();
    await other.getByLabel('访问令牌').waitFor();
    expect(await other.locator('body').innerText()).toContain('访问令牌已过期：请向管理员申请新令牌后重新登录。');
    await context.close();
  });
});
