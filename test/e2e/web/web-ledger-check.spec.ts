/**
 * 台账校验 in the browser: an auditor takes the ledger's digest, verifies every hash chain, and
 * later proves the digest kept (GET /v1/audit/digest, /v1/audit/verify, ?sinceDigest=), reading the
 * same sentences the CLI prints; after an insider's edit in place the page names the broken link
 * and its cadre. A role without verifyLedger is offered neither the menu entry nor the page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { tamper } from '../audit/tamper-support';
import { ensureWebBuild, go, launchChromium, screenshot, signIn, textOf } from './browser';

describe('web app: the ledger check (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_ledger_check');
    await registerTownshipAndCadre(api);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens.AUDITOR);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const training = (id: string) => api.request('POST', '/v1/cadres/C1/events', { body: { id, type: 'TrainingCompleted', effectiveDate: '2024-03-01', data: { programme: '县委党校中青班', level: 'COUNTY' } } });

  it('given an intact ledger, when the auditor takes its digest, verifies the chains, and proves the digest after a later write, then each answer is the API’s, in the CLI’s words', async () => {
    const digest = (await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { count: number; digest: string };
    await go(page, '/audit');
    expect(await textOf(page, 'digest-count')).toBe(String(digest.count));
    expect(await textOf(page, 'digest')).toBe(digest.digest);

    await page.getByRole('button', { name: '开始校验' }).click();
    const chains = await textOf(page, 'chains-result');
    expect(chains).toContain('哈希链完整');
    expect(chains).toMatch(/校验通过：\d+ 条事件流、\d+ 个事件，哈希链完整。/);

    expect((await training('c1-later')).status).toBe(201);
    await page.getByLabel('台账摘要（ledger-digest:v1:…）').fill(digest.digest);
    await page.getByRole('button', { name: '核对摘要' }).click();
    const proof = await textOf(page, 'digest-proof');
    expect(proof).toContain('摘要核对通过：此前的记录未被改动，此后只有追加');
    expect(proof).toContain(`摘要校验通过：摘要覆盖的 ${digest.count} 个事件`);
    expect(proof).toContain('此后追加了 1 个事件');
    // The digest to keep now: the page's own, taken again, is the one the proof ends with.
    await page.getByRole('button', { name: '重新取得' }).click();
    await page.getByTestId('digest-count').filter({ hasText: String(digest.count + 1) }).waitFor();
    expect(proof).toContain(`当前台账摘要：${await textOf(page, 'digest')}`);
    await screenshot(page, 'ledger-check');
    // A narrow screen: the digest wraps inside its card (the 1280 / 768 px walk of web-app.spec checks no page overflows).
    await page.setViewportSize({ width: 768, height: 1000 });
    await screenshot(page, 'ledger-check-768');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('given a digest that is not one, then the field and the fault are said in Chinese', async () => {
    await go(page, '/audit');
    await page.getByLabel('台账摘要（ledger-digest:v1:…）').fill('ledger-digest:v1:abc');
    await page.getByRole('button', { name: '核对摘要' }).click();
    // The field by the page's name for it, the API's Chinese detail, the code.
    await page.getByText(/字段：台账摘要 · .*不是台账摘要.* · 代码 INVALID_REQUEST/).waitFor();
    expect(await page.getByTestId('digest-proof').count()).toBe(0);
  });

  it('given events edited in place by an insider, then the chains are said broken at the first, or at each when asked, with its cadre, and a digest kept before still finds its events', async () => {
    expect((await training('c1-edited')).status).toBe(201);
    const before = (await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { digest: string };
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{programme}', '"中央党校进修班"') where event_id = 'c1-edited'`);
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{name}', '"白水镇"') where event_id = 'reg-T01'`);
    await go(page, '/audit');
    await page.getByLabel('列出全部断裂（不在第一处停止）').check();
    await page.getByRole('button', { name: '开始校验' }).click();
    await page.getByTestId('chains-result').getByText('共 2 处断裂').waitFor();
    const every = await textOf(page, 'chains-result');
    expect(every).toMatch(/校验失败：事件流 orgunit-T01 第 0 号事件（reg-T01，单位登记）处断裂：内容或哈希被改动 \[HASH_MISMATCH\]/);
    expect(every).toMatch(/校验失败：干部 \S+（C1）的履历事件流 cadre-C1 第 \d+ 号事件（c1-edited，培训）/);

    await page.getByLabel('列出全部断裂（不在第一处停止）').uncheck();
    await page.getByRole('button', { name: '开始校验' }).click();
    await page.getByTestId('chains-result').getByText('遇第一处断裂即停止').waitFor();
    const chains = await textOf(page, 'chains-result');
    expect(chains).toContain('哈希链断裂');
    expect(chains.match(/校验失败：/g)).toHaveLength(1);

    await page.getByLabel('台账摘要（ledger-digest:v1:…）').fill(before.digest);
    await page.getByRole('button', { name: '核对摘要' }).click();
    const proof = await textOf(page, 'digest-proof');
    // The stored hashes are as the digest folded them; the edited content is not: the page does not say "unchanged".
    expect(proof).toContain('摘要所覆盖的事件仍在，但哈希链断裂');
    expect(proof).toContain('不能证明这些事件的内容未被改动');
    expect(proof).not.toContain('摘要核对通过');

    await go(page, '/audit');
    await page.getByLabel('列出全部断裂（不在第一处停止）').check();
    await page.getByRole('button', { name: '开始校验' }).click();
    await page.getByTestId('chains-result').getByRole('link', { name: '李四（C1）' }).waitFor(); // the name, once looked up
    expect(await textOf(page, 'chains-result')).toContain('断裂处所属干部：李四（C1）');
    await page.getByTestId('chains-result').getByRole('link', { name: '李四（C1）' }).click();
    await page.waitForURL(/\/cadres\/C1/);
    // The timeline itself says its chain is broken and where, above the records it casts doubt on (found by a review).
    const warning = await textOf(page, 'history-warnings');
    expect(warning).toContain('本履历未通过哈希链校验');
    expect(warning).toMatch(/哈希链断裂：事件流 cadre-C1 第 \d+ 号事件（c1-edited，培训）：内容或哈希被改动 \[HASH_MISMATCH\]/);
    // The chain check's button says where the stream broke, not only "断裂".
    await page.getByRole('button', { name: '校验哈希链' }).click();
    expect(await textOf(page, 'verify-result')).toMatch(/李四（C1）的履历事件流：断裂于第 \d+ 号事件（c1-edited）：内容或哈希被改动（共 \d+ 个事件）/);
  });

  it('given a role without verifyLedger, then the menu does not offer the page and the address says it may not', async () => {
    const orgDept = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const other = await orgDept.newPage();
      await signIn(other, api.baseUrl, api.tokens.ORG_DEPT);
      const menu = other.getByRole('menu', { name: '主菜单' });
      await menu.getByRole('menuitem').first().waitFor();
      expect((await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim())).not.toContain('台账校验');
      await go(other, '/audit');
      await other.getByText('无权访问').waitFor();
    } finally {
      await orgDept.close();
    }
  });
});
