/**
 * The web app as the department works in it, end to end in Chromium over an in-process API: a list
 * paged and gone back to, a session ended mid-entry, a reverse proxy answering in the API's stead,
 * and a year's report asked before the year has begun (found by a review: each failed). More of the
 * department's flows, which held: web-dept-flows.extended.spec.ts. Screenshots: none.
 */
import type { Page } from 'playwright-core';
import { ApiTokenRepository } from '@ledger/auth';
import { textOf } from './browser';
import { COUNTY_TOWNSHIPS, deptCounty } from './dept-county';
import { fillTraining, outcome, recordButton } from './record-page';

const county = deptCounty('web_dept_flows');
const open = (token: string, path: string) => county.pages.open(token, path);
const { history } = county;

describe('TM6b list: paging and browser back', () => {
  it('the list on page 2, one cadre opened with 单独查看, browser back returns to page 2 of the list (not page 1)', async () => {
    const page = await open(county.api().tokens.ORG_DEPT, '/eligibility?asOf=2024-06-30');
    await page.getByText(`共 ${COUNTY_TOWNSHIPS} 人`).waitFor();
    await page.locator('.ant-pagination-item-2').click();
    await page.locator('.ant-pagination-item-2.ant-pagination-item-active').waitFor();
    const firstOnPage2 = (await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().innerText()).split('\n')[0];
    await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().getByRole('link', { name: '单独查看' }).click();
    await page.getByTestId('eligibility-verdict').waitFor();
    await page.goBack();
    await page.getByText(`共 ${COUNTY_TOWNSHIPS} 人`).waitFor();
    const active = (await page.locator('.ant-pagination-item-active').innerText()).trim();
    const firstNow = (await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().innerText()).split('\n')[0];
    expect({ active, firstNow }).toEqual({ active: '2', firstNow: firstOnPage2 });
  }, 90_000);

  it('(pin) a deep link to one cadre’s eligibility, reloaded, shows that cadre’s verdict for the link’s date', async () => {
    const page = await open(county.api().tokens.ORG_DEPT, '/eligibility/C05?asOf=2024-06-30');
    await page.getByTestId('eligibility-verdict').waitFor();
    await page.reload();
    await page.getByTestId('eligibility-verdict').waitFor();
    expect(await page.locator('h3').first().innerText()).toContain('干部5');
  }, 60_000);
});

describe('a cadre’s timeline, paged', () => {
  it('on page 2 of the timeline, another page opened and browser back returns to page 2, as does a reload', async () => {
    const page = await open(county.api().tokens.ADMIN, '/cadres/C07?asOf=2024-06-30&pageSize=1');
    const firstRow = page.getByTestId('history-table').locator('tbody tr.ant-table-row').first();
    const onPage2 = page.locator('.ant-pagination-item-2.ant-pagination-item-active');
    await page.locator('.ant-pagination-item-2').click();
    await onPage2.waitFor();
    const shown = await firstRow.getAttribute('data-row-key');
    await page.goto(`${county.api().baseUrl}/eligibility?asOf=2024-06-30`);
    await page.getByText(`共 ${COUNTY_TOWNSHIPS} 人`).waitFor();
    await page.goBack();
    await onPage2.waitFor();
    await page.reload();
    await onPage2.waitFor();
    expect({ shown, afterBackAndReload: await firstRow.getAttribute('data-row-key') }).toEqual({ shown: 'head-C07', afterBackAndReload: 'head-C07' });
  }, 60_000);
});

describe('session ended mid-work', () => {
  async function revokedMidForm(): Promise<{ page: Page; said: string }> {
    const repo = new ApiTokenRepository(county.api().db.sql);
    const issued = await repo.issue('CLERK', '录入员王芳', 'test');
    const page = await open(issued.token, '/record');
    await fillTraining(page, 'C01', '2023-05-01', '县委党校秋季主体班（第二期）');
    await repo.revoke(issued.tokenId);
    await recordButton(page).click();
    await page.getByLabel('访问令牌').waitFor({ timeout: 15_000 });
    return { page, said: await page.locator('body').innerText() };
  }

  it('a clerk whose token is revoked as they click 录入 is told the entry was NOT recorded (not only that the token is invalid)', async () => {
    const { said } = await revokedMidForm();
    expect(await history('C01').then((h) => h.some((e) => e.type === 'TrainingCompleted'))).toBe(false);
    expect({ said, saysNotRecorded: /未录入|未保存|没有录入|未能录入|未被录入/.test(said) }).toEqual({ said, saysNotRecorded: true });
  }, 90_000);

  it('a clerk whose token is revoked as they click 录入, signing in again with a new token of theirs, finds the form as they had filled it', async () => {
    const { page } = await revokedMidForm();
    const repo = new ApiTokenRepository(county.api().db.sql);
    // The same holder's new token (a draft is given back to whoever wrote it, never to another user).
    const fresh = await repo.issue('CLERK', '录入员王芳', 'test');
    await page.getByLabel('访问令牌').fill(fresh.token);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByLabel('干部编号').waitFor();
    const programme = page.getByLabel('培训项目');
    const kept = { url: new URL(page.url()).pathname, cadreId: await page.getByLabel('干部编号').inputValue(), programme: (await programme.count()) ? await programme.inputValue() : '(表单已换成其他事项)' };
    expect(kept).toEqual({ url: '/record', cadreId: 'C01', programme: '县委党校秋季主体班（第二期）' });
    // Said to be put back, and can be thrown away.
    await page.getByTestId('draft-restored').waitFor();
    await page.getByTestId('draft-restored').getByRole('button', { name: /丢\s*弃/ }).click();
    await page.getByTestId('draft-restored').waitFor({ state: 'detached' });
    expect(await page.getByLabel('干部编号').inputValue()).toBe('');
  }, 90_000);
});

describe('an answer from a reverse proxy, not the API (502/504 HTML page)', () => {
  it('a page whose read got a 502 from the proxy says so in Chinese, without “代码 undefined” or English', async () => {
    const page = await open(county.api().tokens.ADMIN, '/cadres/C01?asOf=2024-06-30');
    await page.getByTestId('history-count').waitFor();
    await page.route(/\/v1\/eligibility/, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>' }));
    await page.goto(`${county.api().baseUrl}/eligibility?asOf=2024-06-30`);
    const alert = page.locator('.ant-layout-content .ant-alert-error');
    await alert.waitFor();
    const text = (await alert.innerText()).trim();
    expect({ text, undefinedShown: text.includes('undefined'), english: /[A-Za-z]{4,}/.test(text.replace(/TM\d\w*/g, '')) }).toEqual({ text, undefinedShown: false, english: false });
  }, 60_000);

  it('a write stored by the API whose answer the proxy replaced with a 504 is not said to have failed (the page cannot know it was not recorded)', async () => {
    const page = await open(county.api().tokens.ADMIN, '/record');
    await fillTraining(page, 'C06', '2023-06-01', '网关超时期间的培训');
    await page.route(/\/v1\/cadres\/C06\/events/, async (route) => {
      await route.fetch(); // the API stores it…
      await route.fulfill({ status: 504, contentType: 'text/html', body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' }); // …the proxy gave up waiting
    });
    await recordButton(page).click();
    const said = await outcome(page);
    const stored = (await history('C06')).some((e) => e.type === 'TrainingCompleted');
    expect({ stored, said, saysUnknown: /无法确认|不确定|可能已录入|是否已录入/.test(said), saysFailed: /操作未成功/.test(said) }).toEqual({ stored: true, said, saysUnknown: true, saysFailed: false });
  }, 60_000);
});

describe('a year’s report asked before the year has begun', () => {
  // A year's report reads the year up to today (its reference date), whatever the page's 截至日期.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const thisYear = Number(today.slice(0, 4));
  const notBegunZh = (year: number) => `${year} 年度在基准日 ${today} 尚未开始，没有应核对的事项；该年度开始后再查询。`;
  const said = async (path: string) => textOf(await open(county.api().tokens.ADMIN, path), 'report-year-not-begun');

  it('the training, talks and health-check reports for a later year say the year has not begun on the reference date, nothing to check yet', async () => {
    const answers = [await said(`/reports/training?year=${thisYear + 3}`), await said(`/reports/talks?year=${thisYear + 1}`), await said(`/reports/health-checks?year=${thisYear + 2}`)];
    expect(answers).toEqual([notBegunZh(thisYear + 3), notBegunZh(thisYear + 1), notBegunZh(thisYear + 2)]);
  }, 60_000);

  it('(pin) a year that has begun says nothing of the kind', async () => {
    const page = await open(county.api().tokens.ADMIN, `/reports/training?year=${thisYear}`);
    await page.getByTestId('report-count').waitFor();
    expect(await page.getByTestId('report-year-not-begun').count()).toBe(0);
  }, 60_000);
});
