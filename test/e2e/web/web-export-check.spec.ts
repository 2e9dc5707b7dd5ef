/**
 * An auditor checks an export file received from elsewhere on the cadre's timeline page: the
 * ledger verifies the file alone and then against its own events (POST /v1/audit/verify-export).
 * A genuine file agrees; a file forged with its hashes recomputed agrees with itself and is named
 * as not the ledger's; a file that is not JSON is said to be unreadable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseAuditExport } from '@ledger/audit';
import { forgedConsistently } from '../../../libs/audit/src/testing/forge';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, go, launchChromium, screenshot, signIn, textOf } from './browser';

describe('web app: an export file checked against the ledger (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_export_check');
    await registerTownshipAndCadre(api);
    const trained = await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'c1-training', type: 'TrainingCompleted', effectiveDate: '2024-03-01', data: { programme: '县委党校中青班', level: 'COUNTY' } } });
    expect(trained.status).toBe(201);
    const second = { id: 'reg-C9', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'F', birthDate: '1982-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } };
    expect((await api.request('POST', '/v1/cadres/C9/events', { body: second })).status).toBe(201);
    dir = mkdtempSync(join(tmpdir(), 'ledger-web-export-'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens.AUDITOR);
  }, 180_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await browser?.close();
    await api?.close();
  });

  async function check(name: string, content: string): Promise<string> {
    const file = join(dir, name);
    writeFileSync(file, content);
    await page.locator('input[type=file]').setInputFiles(file);
    return textOf(page, 'export-check');
  }

  it('given a genuine export and a forged one, then the first agrees with the ledger and the second is named as not the ledger’s', async () => {
    const genuine = parseAuditExport((await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' })).body);
    await go(page, '/cadres/C1');
    await page.getByRole('button', { name: '核对导出文件' }).waitFor();

    const agreed = await check('c1.json', JSON.stringify(genuine));
    expect(agreed).toContain('导出文件与台账一致');
    expect(agreed).toContain('与台账核对一致：1 条事件流的');
    // When and by whom, as people read them: Beijing time, the exporter’s name and role.
    expect(agreed).toMatch(/导出于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00，导出人 测试AUDITOR（/);

    const forged = await check('c1-forged.json', JSON.stringify(forgedConsistently(genuine, 'c1-training', { programme: '中央党校进修班' })));
    expect(forged).toContain('导出文件与台账不符');
    expect(forged).toContain('文件自身校验通过'); // the forgery agrees with itself
    expect(forged).toContain('台账中该事件的哈希与文件不同');
    await screenshot(page, 'export-check');

    // Another cadre's page (a recorded one: an unknown cadre's page offers no check): the file is still checked, and the page says whose it is.
    await go(page, '/cadres/C9');
    await page.getByRole('button', { name: '核对导出文件' }).waitFor();
    await page.getByTestId('export-check').waitFor({ state: 'detached' }); // the check made on C1's page is not carried over
    expect(await check('c1-elsewhere.json', JSON.stringify(genuine))).toContain('注意：该文件是干部李四（C1）的导出，不是本页干部王五（C9）的。');

    await page.locator('input[type=file]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('这不是 JSON') });
    await page.getByText('无法读取文件').waitFor();
    expect(await page.getByText('notes.json 不是 JSON 格式的审计导出文件').isVisible()).toBe(true);
  });
});
