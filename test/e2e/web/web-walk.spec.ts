/**
 * What a walk through the web app as its users found (2026-12-04): a sanction's effect period on
 * the timeline ended a day later than the eligibility and candidate pages said.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, signIn } from './browser';

describe('web app: what a walk through it found (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(timezoneId = 'Asia/Shanghai'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId });
    contexts.push(context);
    const page = await context.newPage();
    return page;
  }

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_walk');
    await registerTownshipAndCadre(api);
    // A government warning: six months, 2024-03-10 up to, not including, 2024-09-10 (N3, T3).
    const warned = await api.request('POST', '/v1/cadres/C1/events', {
      body: { id: 'c1-warning', type: 'SanctionImposed', effectiveDate: '2024-03-10', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '违反工作纪律' } },
    });
    expect(warned.status).toBe(201);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  it('the timeline says a sanction’s effect period to its last covered day, as the eligibility and candidate pages say it', async () => {
    // The answer's `to` is the first day no longer covered.
    const state = await api.request('GET', '/v1/cadres/C1/state?asOf=2024-05-01', { role: 'AUDITOR' });
    expect(state.body.sanctionPeriodOnAsOf).toMatchObject({ from: '2024-03-10', to: '2024-09-10' });
    const page = await open();
    await signIn(page, api.baseUrl, api.tokens.AUDITOR);
    await page.goto(`${api.baseUrl}/cadres/C1?asOf=2024-05-01`);
    const card = page.locator('.ant-card', { hasText: '处分或组织处理影响期' });
    await card.getByText('警告 2024-03-10 至 2024-09-09').first().waitFor();
    expect(await card.innerText()).not.toContain('2024-09-10');
  });
});
