/**
 * 批量录入 in the web app (Chromium): the template downloaded, a filled workbook chosen, its rows
 * read by the CLI's own code, a dry run that writes nothing and says every refused row by its sheet
 * and row, then the import; a clerk, who may not read the roster, imports without the name check and
 * is told so; a role that may not import has no such page.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { readXlsx } from '../../support/read-xlsx';
import { workbookFile, type SheetCell } from '../../support/write-xlsx';
import { ensureWebBuild, go, horizontalOverflow, launchChromium, screenshot, signIn } from './browser';

type Cell = SheetCell;

describe('web app: 批量录入 from an Excel workbook (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-web-entry-'));

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_bulk_entry');
    const lines = [...generateCounty({ townships: 3, years: 8, seed: 5, endYear: 2024 })];
    const result = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), api.ledger.store, () => '2025-01-31' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    await waitForProjections(api.db, 60_000);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function pageAs(role: 'ADMIN' | 'CLERK' | 'ORG_DEPT' | 'APPEALS_OFFICER', width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens[role]);
    return page;
  }
  const historyOf = async (id: string) => (await api.request('GET', `/v1/cadres/${id}/history`, { role: 'ADMIN' })).body.events as { eventId: string; data: Record<string, unknown> }[];

  it('downloads the template, reads the filled workbook, dry-runs it (nothing written, each refused row by sheet and row), then imports it', async () => {
    const page = await pageAs('ADMIN');
    await go(page, '/bulk-entry?asOf=2025-12-31');
    await page.getByRole('heading', { name: '批量录入' }).waitFor();
    expect(await page.getByTestId('bulk-template-as-of').innerText()).toContain('2025-12-31 在乡镇任职者');
    const download = page.waitForEvent('download');
    await page.getByTestId('bulk-template').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('批量录入模板-2025年度.xlsx');
    const sheets = await readXlsx(readFileSync((await saved.path())!));
    const assessments = sheets.find((s) => s.name === '年度考核')!;
    const at = assessments.rows.findIndex((r) => r[0] === '干部编号*');
    const [a, b, c] = assessments.rows.slice(at + 1) as Cell[][];
    const file = await workbookFile(join(dir, 'filled.xlsx'), [
      {
        name: '年度考核',
        rows: [
          assessments.rows[at] as Cell[],
          [a![0]!, a![1]!, a![2]!, 2025, '优秀', '2026-01-20', null, null],
          [b![0]!, '不是此人', b![2]!, 2025, '称职', '2026-01-20', null, null],
          [c![0]!, c![1]!, c![2]!, 2025, '合格', '2026-01-20', null, null],
        ],
      },
    ]);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bulk-reading').waitFor();
    expect(await page.getByTestId('bulk-reading').innerText()).toContain('已读取“filled.xlsx”：年度考核 3 行');
    expect(await page.getByTestId('bulk-reading').innerText()).toContain('2 行填写有误，不会导入');

    await page.getByTestId('bulk-dry-run-button').click();
    await page.getByTestId('bulk-dry-run').waitFor();
    expect(await page.getByTestId('bulk-dry-run').innerText()).toContain('试导入（未写入）：填写的 3 行中，可接受 1 行（将新写入 1，已存在 0），拒绝 2 行');
    const rejections = await page.getByTestId('bulk-rejections').locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rejections).toEqual([
      expect.stringMatching(/年度考核\s+3\s+姓名（名称）与编号不符\s+“姓名”为“不是此人”/),
      expect.stringMatching(/年度考核\s+4\s+单元格内容不符合该列要求\s+“考核等次”须为 优秀、称职、基本称职、不称职、不确定等次 之一；现为“合格”/),
    ]);
    expect((await historyOf(String(a![0]))).filter((e) => e.eventId.startsWith('entry:'))).toEqual([]);
    await screenshot(page, 'bulk-entry');

    await page.getByTestId('bulk-import-button').click();
    await page.getByTestId('bulk-import-confirm').click();
    await page.getByTestId('bulk-import').waitFor();
    expect(await page.getByTestId('bulk-import').innerText()).toContain('导入完成：填写的 3 行中，接受 1 行（新写入 1，已存在 0），拒绝 2 行');
    expect((await historyOf(String(a![0]))).filter((e) => e.eventId.startsWith('entry:')).map((e) => e.data)).toEqual([{ year: 2025, grade: 'EXCELLENT' }]);

    // A workbook the ledger cannot read: said, nothing sent.
    const other = await workbookFile(join(dir, 'other.xlsx'), [{ name: '花名册', rows: [['姓名', '电话'], ['张三', '138']] }]);
    await page.locator('input[type=file]').setInputFiles(other);
    await page.getByTestId('bulk-read-error').waitFor();
    expect(await page.getByTestId('bulk-read-error').innerText()).toContain('工作表“花名册”不是可批量录入的表');

    // At 768 px nothing overflows sideways.
    const narrow = await pageAs('ADMIN', 768);
    await go(narrow, '/bulk-entry');
    await narrow.locator('input[type=file]').setInputFiles(file);
    await narrow.getByTestId('bulk-dry-run-button').click();
    await narrow.getByTestId('bulk-dry-run').waitFor();
    await screenshot(narrow, 'bulk-entry-768');
    expect(await horizontalOverflow(narrow)).toBe(0);
  });

  it('reads a sheet large enough to be unzipped on a worker (under the app’s own Content-Security-Policy), and refuses a name typed in the id column by its row, in Chinese', async () => {
    const page = await pageAs('ADMIN');
    await go(page, '/bulk-entry');
    const cadres = (await api.request('GET', '/v1/cadres?asOf=2024-12-31&pageSize=500', { role: 'ADMIN' })).body.items as { cadreId: string; name: string }[];
    // 4,000 health checks (a sheet of ≈ 600 KiB unpacked: fflate unzips from 512 KiB on a worker), then a name where the id should be.
    const rows: Cell[][] = Array.from({ length: 4000 }, (_, i) => {
      const c = cadres[i % cadres.length]!;
      return [c.cadreId, c.name, `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`, `备注${'很长的说明'.repeat(5)}`];
    });
    rows.push([cadres[0]!.name, cadres[0]!.name, '2023-06-01', null]);
    const file = await workbookFile(join(dir, 'large.xlsx'), [{ name: '健康体检', rows: [['干部编号', '姓名', '体检日期', '备注'], ...rows] }]);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bulk-reading').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bulk-reading').innerText()).toContain('健康体检 4001 行');
    await page.getByTestId('bulk-dry-run-button').click();
    await page.getByTestId('bulk-dry-run').waitFor({ timeout: 120_000 });
    const refused = await page.getByTestId('bulk-rejections').locator('tbody tr.ant-table-row').allInnerTexts();
    expect(refused).toEqual([expect.stringMatching(/健康体检\s+4002\s+.*“干部编号”：/)]);
  }, 240_000);

  it('a clerk is told the template lists no cadres and that names are not checked, and imports what the clerk may record', async () => {
    const page = await pageAs('CLERK');
    await go(page, '/bulk-entry');
    await page.getByTestId('bulk-template-no-roster').waitFor();
    const cadreId = (await api.request('GET', '/v1/cadres?asOf=2024-12-31', { role: 'ADMIN' })).body.items[0].cadreId as string;
    const file = await workbookFile(join(dir, 'clerk.xlsx'), [{ name: '健康体检', rows: [['干部编号', '姓名', '体检日期'], [cadreId, '随便写的名字', '2025-05-20']] }]);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bulk-reading').waitFor();
    expect(await page.getByTestId('bulk-reading').innerText()).toContain('未核对姓名与编号（您的角色无权查阅干部名册）');
    await page.getByTestId('bulk-import-button').click();
    await page.getByTestId('bulk-import-confirm').click();
    await page.getByTestId('bulk-import').waitFor();
    expect(await page.getByTestId('bulk-import').innerText()).toContain('接受 1 行（新写入 1，已存在 0），拒绝 0 行');
    expect((await historyOf(cadreId)).some((e) => e.eventId === `entry:health-check:${cadreId}:2025-05-20`)).toBe(true);
  });

  it('建档: a clerk downloads the onboarding template and enters a new township, a cadre with a rank and two posts in one workbook, imported units and cadres first, posts by date', async () => {
    const page = await pageAs('CLERK');
    await go(page, '/bulk-entry?asOf=2025-12-31');
    const download = page.waitForEvent('download');
    await page.getByTestId('bulk-onboarding-template').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('建档模板.xlsx');
    const sheets = await readXlsx(readFileSync((await saved.path())!));
    expect(sheets.map((s) => s.name)).toEqual(['填写说明', '单位', '干部基本信息', '任职经历', '台账已有单位']);
    const headings = (name: string) => sheets.find((s) => s.name === name)!.rows.find((r) => String(r[0]).endsWith('*')) as Cell[];
    const pad = (row: Cell[], name: string) => [...row, ...Array<Cell>(headings(name).length - row.length).fill(null)];
    // The posts written first and in no order: the second post's row above the first's.
    const file = await workbookFile(join(dir, 'onboarding.xlsx'), [
      {
        name: '任职经历',
        rows: [headings('任职经历'), pad(['C9001', '钱七', 'T9001', '新河镇', '党委书记', '2024-03-01'], '任职经历'), pad(['C9001', '钱七', 'T9001', '新河镇', '副镇长', '2021-03-01', null, '2024-03-01', '工作调整'], '任职经历')],
      },
      { name: '干部基本信息', rows: [headings('干部基本信息'), pad(['C9001', '钱七', '女', '1988-04-02', '大学本科', '是', '否', '2010-07-01', '四级主任科员', '2021-01-01', '2021-03-01'], '干部基本信息')] },
      { name: '单位', rows: [headings('单位'), pad(['T9001', '新河镇', '乡镇', '第二类', '2000-01-01'], '单位')] },
    ]);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('bulk-reading').waitFor();
    expect(await page.getByTestId('bulk-reading').innerText()).toContain('已读取“onboarding.xlsx”：任职经历 2 行、干部基本信息 1 行、单位 1 行');
    await page.getByTestId('bulk-dry-run-button').click();
    await page.getByTestId('bulk-dry-run').waitFor();
    expect(await page.getByTestId('bulk-dry-run').innerText()).toContain('试导入（未写入）：填写的 4 行中，可接受 4 行，拒绝 0 行；导入的行共 6 个事项：可接受 6 个（将新写入 6，已存在 0），拒绝 0 个');
    await screenshot(page, 'bulk-entry-onboarding');
    await page.getByTestId('bulk-import-button').click();
    await page.getByTestId('bulk-import-confirm').click();
    await page.getByTestId('bulk-import').waitFor();
    expect(await page.getByTestId('bulk-import').innerText()).toContain('导入完成：填写的 4 行中，接受 4 行，拒绝 0 行');
    expect((await historyOf('C9001')).map((e) => e.eventId)).toEqual([
      'entry:cadre:C9001',
      'entry:cadre:C9001:rank',
      'entry:appointment:C9001:T9001:DEPUTY_HEAD:2021-03-01',
      'entry:removal:C9001:T9001:DEPUTY_HEAD:2024-03-01',
      'entry:appointment:C9001:T9001:PARTY_SECRETARY:2024-03-01',
    ]);
  });

  it('a role that may not record career events (ORG_DEPT; APPEALS_OFFICER, who may import appeal lines only) has no 批量录入 in its menu, and the page refuses it', async () => {
    for (const role of ['ORG_DEPT', 'APPEALS_OFFICER'] as const) {
      const page = await pageAs(role);
      await go(page, '/bulk-entry');
      await page.getByText('无权访问').waitFor();
      const menu = page.getByRole('menu', { name: '主菜单' });
      await menu.getByRole('menuitem').first().waitFor();
      expect((await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim())).not.toContain('批量录入');
    }
  });
});
