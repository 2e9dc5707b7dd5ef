/**
 * The web app as the department works in it, end to end in Chromium over an in-process API: a list
 * paged and gone back to, a session ended mid-entry, an appeal from filing to decision, two tabs on
 * one cadre, a correction seen as known before it, a reverse proxy answering in the API's stead, and
 * a year's report asked before the year has begun. Screenshots: none (nothing is written to docs/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import { ApiTokenRepository } from '@ledger/auth';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, SignedInPages, textOf } from './browser';
import { fillTraining, outcome, recordButton, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const open = (token: string, path: string) => pages.open(token, path);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const N = 25;
const pad = (i: number) => String(i).padStart(2, '0');

const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN' = 'ADMIN') => {
  const r = await api.request('POST', path, { role, body });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
async function history(cadreId: string): Promise<any[]> {
  return (await api.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' })).body.events;
}

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_dept_flows', {}, { TOKEN_CACHE_TTL_MS: '0' });
  browser = await launchChromium();
  for (let i = 1; i <= N; i++) {
    await post(`/v1/org-units/T${pad(i)}/events`, { id: `reg-T${pad(i)}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `第${i}镇`, kind: 'TOWNSHIP' } });
    await post(`/v1/cadres/C${pad(i)}/events`, { id: `reg-C${pad(i)}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${i}`, gender: 'M', birthDate: '1975-04-01', education } });
    await post(`/v1/cadres/C${pad(i)}/events`, { id: `head-C${pad(i)}`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: `T${pad(i)}`, role: 'HEAD' } });
  }
}, 300_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

describe('TM6b list: paging and browser back', () => {
  it('the list on page 2, one cadre opened with 单独查看, browser back returns to page 2 of the list (not page 1)', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/eligibility?asOf=2024-06-30');
    await page.getByText(`共 ${N} 人`).waitFor();
    await page.locator('.ant-pagination-item-2').click();
    await page.locator('.ant-pagination-item-2.ant-pagination-item-active').waitFor();
    const firstOnPage2 = (await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().innerText()).split('\n')[0];
    await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().getByRole('link', { name: '单独查看' }).click();
    await page.getByTestId('eligibility-verdict').waitFor();
    await page.goBack();
    await page.getByText(`共 ${N} 人`).waitFor();
    const active = (await page.locator('.ant-pagination-item-active').innerText()).trim();
    const firstNow = (await page.locator('[data-testid=eligibility-table] tbody tr.ant-table-row').first().innerText()).split('\n')[0];
    expect({ active, firstNow }).toEqual({ active: '2', firstNow: firstOnPage2 });
  }, 90_000);

  it('(pin) a deep link to one cadre’s eligibility, reloaded, shows that cadre’s verdict for the link’s date', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/eligibility/C05?asOf=2024-06-30');
    await page.getByTestId('eligibility-verdict').waitFor();
    await page.reload();
    await page.getByTestId('eligibility-verdict').waitFor();
    expect(await page.locator('h3').first().innerText()).toContain('干部5');
  }, 60_000);
});

describe('a cadre’s timeline, paged', () => {
  it('on page 2 of the timeline, another page opened and browser back returns to page 2, as does a reload', async () => {
    const page = await open(api.tokens.ADMIN, '/cadres/C07?asOf=2024-06-30&pageSize=1');
    const firstRow = page.getByTestId('history-table').locator('tbody tr.ant-table-row').first();
    const onPage2 = page.locator('.ant-pagination-item-2.ant-pagination-item-active');
    await page.locator('.ant-pagination-item-2').click();
    await onPage2.waitFor();
    const shown = await firstRow.getAttribute('data-row-key');
    await page.goto(`${api.baseUrl}/eligibility?asOf=2024-06-30`);
    await page.getByText(`共 ${N} 人`).waitFor();
    await page.goBack();
    await onPage2.waitFor();
    await page.reload();
    await onPage2.waitFor();
    expect({ shown, afterBackAndReload: await firstRow.getAttribute('data-row-key') }).toEqual({ shown: 'head-C07', afterBackAndReload: 'head-C07' });
  }, 60_000);
});

describe('session ended mid-work', () => {
  async function revokedMidForm(): Promise<{ page: Page; said: string }> {
    const repo = new ApiTokenRepository(api.db.sql);
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
    const repo = new ApiTokenRepository(api.db.sql);
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

describe('an appeals officer takes an appeal from filing to decision', () => {
  it('files from the timeline row, decides it on the record page, and the cadre’s timeline and the appeals list show both, linked', async () => {
    await post('/v1/cadres/C04/events', { id: 'c04-warn', type: 'SanctionImposed', effectiveDate: '2024-02-01', data: { sanctionId: 'S04', kind: 'WARNING', grounds: '违反工作纪律' } });
    const page = await open(api.tokens.APPEALS_OFFICER, '/cadres/C04');
    await page.locator('tr[data-row-key="c04-warn"]').getByRole('link', { name: '提出复核或申诉', exact: true }).click();
    await page.getByLabel('复核或申诉编号').fill('AP04');
    await chooseOption(page, '阶段', '复核');
    await page.getByLabel('理由', { exact: true }).fill('事实不清');
    await setDate(page, '生效日期', '2024-02-10');
    await setDate(page, '知悉决定日期', '2024-02-05');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入（新录入）/);
    // The outcome links to the appellant's timeline: the filing is there.
    await page.getByTestId('recorded-where').getByRole('link').first().click();
    await page.waitForURL(/\/cadres\/C04/);
    const filed = (await history('C04')).find((e) => e.type === 'AppealFiled');
    await page.locator(`tr[data-row-key="${filed.eventId}"]`).waitFor();
    expect(await page.locator('tr[data-row-key="c04-warn"]').innerText()).toContain('被提出复核或申诉');

    await page.goto(`${api.baseUrl}/reports/appeals`);
    await page.getByText('AP04').waitFor();
    await page.goto(`${api.baseUrl}/record`);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP04');
    await setDate(page, '生效日期', '2024-03-01');
    await chooseOption(page, '决定结果', '成立');
    await page.getByLabel('决定理由').fill('经复核，事实不清');
    await chooseOption(page, '纠正措施', '撤销处分或组织处理');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入（新录入）/);
    await page.getByTestId('recorded-where').getByRole('link').first().click();
    await page.waitForURL(/\/cadres\/C04/);
    const events = await history('C04');
    const decided = events.find((e) => e.type === 'AppealDecided');
    const rescinded = events.find((e) => e.type === 'SanctionRescinded');
    await page.locator(`tr[data-row-key="${decided.eventId}"]`).waitFor();
    await page.locator(`tr[data-row-key="${rescinded.eventId}"]`).waitFor();
    expect(await page.locator('tr[data-row-key="c04-warn"]').innerText()).toContain('被撤销');
    // The sanction is shown rescinded on the card and offers no more appeal or rescission.
    expect(await page.locator('.ant-card').first().innerText()).toContain('已撤销');
    expect(await page.locator('tr[data-row-key="c04-warn"]').getByTestId('event-actions').count()).toBe(0);
    await page.goto(`${api.baseUrl}/reports/appeals`);
    const row = page.locator('tr', { hasText: 'AP04' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/已决|延长期内|逾期作出/);
  }, 150_000);
});

describe('two tabs on the same cadre', () => {
  it('tab A, stale after tab B wrote, is told of the conflict; after 刷新后重试 its entry is recorded and nothing is lost', async () => {
    const a = await open(api.tokens.ADMIN, '/record');
    const b = await open(api.tokens.ADMIN, '/record');
    await fillTraining(a, 'C02', '2021-03-01', 'A 第一次培训');
    await recordButton(a).click();
    expect(await outcome(a)).toContain('已录入');
    await fillTraining(b, 'C02', '2021-04-01', 'B 的培训');
    await recordButton(b).click();
    expect(await outcome(b)).toContain('已录入');
    await a.getByLabel('培训项目').fill('A 第二次培训');
    await setDate(a, '生效日期', '2021-05-01');
    await recordButton(a).click();
    const conflict = await textOf(a, 'conflict');
    expect(conflict).toContain('其他新录入');
    await a.getByRole('button', { name: /刷新后重试/ }).click();
    await a.getByTestId('conflict').waitFor({ state: 'detached' });
    expect(await a.getByLabel('培训项目').inputValue()).toBe('A 第二次培训');
    await recordButton(a).click();
    expect(await outcome(a)).toContain('已录入');
    const trainings = (await history('C02')).filter((e) => e.type === 'TrainingCompleted').map((e) => e.data.programme).sort();
    expect(trainings).toEqual(['A 第一次培训', 'A 第二次培训', 'B 的培训'].sort());
  }, 120_000);
});

describe('a correction made in the web app, seen as known at an earlier instant', () => {
  it('a training retracted from the timeline is, as known before the retraction, counted and not marked 已撤回', async () => {
    await post('/v1/cadres/C03/events', { id: 'c03-train', type: 'TrainingCompleted', effectiveDate: '2022-05-01', data: { programme: '乡镇书记轮训', level: 'COUNTY' } });
    await new Promise((r) => setTimeout(r, 1500));
    const before = new Date(Date.now() - 500).toISOString();
    const page = await open(api.tokens.ADMIN, '/cadres/C03?asOf=2024-06-30');
    await page.locator('tr[data-row-key="c03-train"]').getByRole('link', { name: '撤回', exact: true }).click();
    await page.getByLabel('撤回原因').fill('重复录入');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入/);
    await page.goto(`${api.baseUrl}/cadres/C03?asOf=2024-06-30`);
    await page.locator('tr[data-row-key="c03-train"]').getByText('已撤回').waitFor();
    const nowCount = Number(await textOf(page, 'history-in-effect'));
    await page.goto(`${api.baseUrl}/cadres/C03?asOf=2024-06-30&knownAt=${encodeURIComponent(before)}&asKnown=1`);
    const row = page.locator('tr[data-row-key="c03-train"]');
    await row.getByText('此后撤回').waitFor();
    const thenCount = Number(await textOf(page, 'history-in-effect'));
    expect({ tags: await row.locator('.ant-tag').allInnerTexts(), more: thenCount - nowCount }).toEqual({ tags: ['此后撤回'], more: 1 });
    // Reload on the deep URL keeps the comparison.
    await page.reload();
    await page.locator('tr[data-row-key="c03-train"]').getByText('此后撤回').waitFor();
  }, 120_000);
});

describe('an answer from a reverse proxy, not the API (502/504 HTML page)', () => {
  it('a page whose read got a 502 from the proxy says so in Chinese, without “代码 undefined” or English', async () => {
    const page = await open(api.tokens.ADMIN, '/cadres/C01?asOf=2024-06-30');
    await page.getByTestId('history-count').waitFor();
    await page.route(/\/v1\/eligibility/, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>' }));
    await page.goto(`${api.baseUrl}/eligibility?asOf=2024-06-30`);
    const alert = page.locator('.ant-layout-content .ant-alert-error');
    await alert.waitFor();
    const text = (await alert.innerText()).trim();
    expect({ text, undefinedShown: text.includes('undefined'), english: /[A-Za-z]{4,}/.test(text.replace(/TM\d\w*/g, '')) }).toEqual({ text, undefinedShown: false, english: false });
  }, 60_000);

  it('a write stored by the API whose answer the proxy replaced with a 504 is not said to have failed (the page cannot know it was not recorded)', async () => {
    const page = await open(api.tokens.ADMIN, '/record');
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
  const said = async (path: string) => textOf(await open(api.tokens.ADMIN, path), 'report-year-not-begun');

  it('the training, talks and health-check reports for a later year say the year has not begun on the reference date, nothing to check yet', async () => {
    const answers = [await said(`/reports/training?year=${thisYear + 3}`), await said(`/reports/talks?year=${thisYear + 1}`), await said(`/reports/health-checks?year=${thisYear + 2}`)];
    expect(answers).toEqual([notBegunZh(thisYear + 3), notBegunZh(thisYear + 1), notBegunZh(thisYear + 2)]);
  }, 60_000);

  it('(pin) a year that has begun says nothing of the kind', async () => {
    const page = await open(api.tokens.ADMIN, `/reports/training?year=${thisYear}`);
    await page.getByTestId('report-count').waitFor();
    expect(await page.getByTestId('report-year-not-begun').count()).toBe(0);
  }, 60_000);
});
