/**
 * Read your writes in the browser (found by a review of read-your-writes: the app kept every answer
 * for 30 s and never showed `behind`). After a write on the record page every kept answer is asked
 * for again; an answer the read models were behind for says so and is asked for again by itself
 * until it is current. The API runs without its own projections (PROJECTIONS_IN_API=false), so
 * the test decides when the read models catch up.
 */
import type { Browser, Page } from 'playwright-core';
import { ProjectionRunner } from '@ledger/projections';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, go, launchChromium, screenshot, signIn, waitForText } from './browser';

describe('web app: answers after a write (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let page: Page;
  const catchUp = () => new ProjectionRunner(api.db.sql, api.ledger.store).catchUpAll();

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_freshness', {}, { PROJECTIONS_IN_API: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '300' });
    await registerTownshipAndCadre(api);
    await catchUp();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens.ADMIN);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('given a timeline shown a moment ago, when a training is recorded on the record page, then the timeline shows it on return, not its kept copy', async () => {
    await go(page, '/cadres/C1');
    expect(await waitForText(page, 'history-count', '1')).toBe('1');
    await go(page, '/record');
    await chooseOption(page, '事项', '培训');
    await page.getByLabel('干部编号').fill('C1');
    await page.getByLabel('生效日期').fill('2024-03-01');
    await page.getByLabel('生效日期').press('Enter');
    await page.getByLabel('培训项目').fill('县委党校中青班');
    await chooseOption(page, '培训级别', '县级');
    await page.getByRole('button', { name: /录\s*入/ }).first().click();
    await page.getByTestId('recorded').waitFor();
    await go(page, '/cadres/C1');
    // Kept for 30 s, the answer of a moment ago would still say 1.
    expect(await waitForText(page, 'history-count', '2', 10_000)).toBe('2');
  });

  it('given a cadre registered while the read models are not caught up, then the roster says it may lack recent records, and shows the cadre by itself once they caught up', async () => {
    const registered = await api.request('POST', '/v1/cadres/C2/events', {
      body: { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1981-02-03', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
    });
    expect(registered.status).toBe(201);
    await go(page, '/cadres');
    const notice = page.getByTestId('behind-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('本页结果可能尚未包含最近录入的事项');
    expect(await notice.innerText()).toMatch(/还差 \d+ 个事件/);
    expect(await waitForText(page, 'roster-total', '共 1 人')).toBe('共 1 人');
    await screenshot(page, 'roster-behind');
    await catchUp();
    // No click: the page asks again every 2 s while its answer was behind.
    expect(await waitForText(page, 'roster-total', '共 2 人', 15_000)).toBe('共 2 人');
    await notice.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByText('王五').isVisible()).toBe(true);
  });
});
