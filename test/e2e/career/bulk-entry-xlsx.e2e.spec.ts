/**
 * 批量录入 from an Excel workbook: the template (GET /v1/import/template, `import-template --xlsx`)
 * pre-filled from the roster for the roles that may read it, and a filled workbook imported by the
 * CLI (`import FILE.xlsx`) through the same import as a file of lines: the same capability per row,
 * the same rules, every refused row said by its sheet and row, nothing written twice, nothing
 * written at all from a workbook the ledger cannot read as entries.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { readXlsx, type ReadSheet } from '../../support/read-xlsx';
import { workbookFile, type SheetCell } from '../../support/write-xlsx';
import { runCli } from '../../support/run-cli';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AS_OF = '2025-12-31';
type Cell = SheetCell;

const headerAt = (sheet: ReadSheet, first: string) => sheet.rows.findIndex((r) => r[0] === first);

describe('批量录入: the template and a filled workbook imported', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-entry-'));
  let roster: { cadreId: string; name: string; post: { orgUnitId: string; orgUnitKind: string } | null }[];
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: api.db.url });

  beforeAll(async () => {
    api = await startApi('bulk_entry');
    // Generated up to 2024: the 2025 grades are the clerk's to enter.
    const lines = [...generateCounty({ townships: 3, years: 8, seed: 5, endYear: 2024 })];
    const result = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), api.ledger.store, () => '2025-01-31' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    await waitForProjections(api.db, 60_000);
    roster = (await api.request('GET', `/v1/cadres?asOf=${AS_OF}&pageSize=500`, { role: 'ADMIN' })).body.items;
  });
  afterAll(() => api?.close());

  const template = async (query: string, role: 'ADMIN' | 'CLERK' | 'APPEALS_OFFICER') => {
    const response = await fetch(`${api.baseUrl}/v1/import/template${query}`, { headers: { authorization: `Bearer ${api.tokens[role]}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, XLSX]);
    return { sheets: await readXlsx(Buffer.from(await response.arrayBuffer())), disposition: decodeURIComponent(response.headers.get('content-disposition') ?? '') };
  };

  it('the template lists every cadre holding a township post on asOf, the townships and the year, for a role that may read the roster', async () => {
    const { sheets, disposition } = await template(`?asOf=${AS_OF}`, 'ADMIN');
    expect(sheets.map((s) => s.name)).toEqual(['填写说明', '年度考核', '乡镇绩效', '健康体检', '教育培训', '谈心谈话']);
    expect(disposition).toContain('批量录入模板-2025年度.xlsx');
    const assessments = sheets[1]!;
    const at = headerAt(assessments, '干部编号*');
    expect(assessments.rows[at]).toEqual(['干部编号*', '姓名', '现任职务', '年度*', '考核等次*', '确定日期*', '文号', '记录编号']);
    const inTownships = roster.filter((c) => c.post?.orgUnitKind === 'TOWNSHIP');
    expect(inTownships.length).toBeGreaterThan(5);
    expect(assessments.rows.slice(at + 1).map((r) => [r[0], r[1], r[3]]).sort()).toEqual(inTownships.map((c) => [c.cadreId, c.name, 2025]).sort());
    const scores = sheets[2]!;
    expect(scores.rows.slice(headerAt(scores, '单位编号*') + 1).map((r) => r[0])).toEqual(['T0001', 'T0002', 'T0003']);
  });

  it('a clerk, who may not read the roster, gets the template without the cadres, and is told why; a role that may not import gets 403; a bad year is a 400 naming it', async () => {
    const { sheets } = await template(`?asOf=${AS_OF}&year=2024`, 'CLERK');
    expect(sheets[0]!.rows[0]![0]).toContain('当前角色无权查阅干部名册，干部名单未预填');
    expect(sheets[1]!.rows.slice(headerAt(sheets[1]!, '干部编号*') + 1)).toEqual([]);
    expect(sheets[2]!.rows.slice(headerAt(sheets[2]!, '单位编号*') + 1).map((r) => r[2])).toEqual([2024, 2024, 2024]);
    expect((await api.request('GET', '/v1/import/template', { role: 'ORG_DEPT' })).status).toBe(403);
    const bad = await api.request('GET', '/v1/import/template?year=20x5', { role: 'ADMIN' });
    expect([bad.status, bad.body.field]).toEqual([400, 'year']);
    expect((await api.request('GET', '/v1/import/template?yaer=2025', { role: 'ADMIN' })).status).toBe(400);
  });

  it('the CLI saves the same template, fills it, dry-runs it, imports it: each refused row by its sheet and row, the rest written once', async () => {
    const file = join(dir, 'template.xlsx');
    // A year that is none is refused as the route refuses it.
    const badYear = await cli(['import-template', '--xlsx', file, '--year', 'abc']);
    expect([badYear.code, badYear.stderr]).toEqual([1, expect.stringContaining('--year：须为四位年份，如 2021')]);
    const saved = await cli(['import-template', '--xlsx', file, '--as-of', AS_OF]);
    expect(saved.code).toBe(0);
    const sheets = await readXlsx(file);
    const assessments = sheets.find((s) => s.name === '年度考核')!;
    const at = headerAt(assessments, '干部编号*');
    const rows = assessments.rows.slice(at + 1);
    // The clerk's entries: two grades, one unknown grade, one row whose name is another cadre's, the rest left unfilled.
    const [a, b, c, d] = rows;
    const filled: Cell[][] = [
      [a![0]!, a![1]!, a![2]!, 2025, '优秀', new Date(Date.UTC(2026, 0, 20)), '县委〔2026〕1号', null],
      [b![0]!, b![1]!, b![2]!, 2025, '称职', '2026年1月20日', null, null],
      [c![0]!, c![1]!, c![2]!, 2025, '良好', '2026-01-20', null, null],
      [d![0]!, '不是此人', d![2]!, 2025, '称职', '2026-01-20', null, null],
      ...rows.slice(4).map((r) => [r[0]!, r[1]!, r[2]!, 2025, null, null, null, null] as Cell[]),
    ];
    const filledFile = await workbookFile(join(dir, 'filled.xlsx'), [
      { name: '年度考核', rows: [...assessments.rows.slice(0, at + 1).map((r) => r.map((x) => (x === null ? null : x))), ...filled] },
      { name: '培训', rows: [['干部编号', '姓名', '培训项目', '培训层级', '结业日期', '备注'], [a![0]!, a![1]!, '县委党校秋季主体班', '县级', '2025-11-28', '全勤']] },
    ]);

    const dry = await cli(['import', filledFile, '--dry-run']);
    expect(dry.code).toBe(4);
    expect(dry.stdout).toContain('试导入（未写入）：填写的 5 行中，可接受 3 行（将新写入 3，已存在 0），拒绝 2 行');
    expect(dry.stdout).toContain('未导入的列：培训的“备注”');
    expect(dry.stdout).toMatch(new RegExp(`年度考核\\s+${at + 4}\\s+.*单元格内容不符合该列要求.*“考核等次”须为 优秀、称职、基本称职、不称职、不确定等次 之一；现为“良好”`));
    expect(dry.stdout).toMatch(new RegExp(`年度考核\\s+${at + 5}\\s+.*姓名（名称）与编号不符.*“姓名”为“不是此人”，台账中编号 ${String(d![0])} 的姓名是“${String(d![1])}”`));
    const historyOf = async (id: unknown) => (await api.request('GET', `/v1/cadres/${String(id)}/history`, { role: 'ADMIN' })).body.events as { eventId: string; type: string; data: Record<string, unknown>; documentRef?: string }[];
    expect((await historyOf(a![0])).filter((e) => e.eventId.startsWith('entry:'))).toEqual([]);

    const real = await cli(['import', filledFile, '--json']);
    expect(real.code).toBe(4);
    const report = JSON.parse(real.stdout);
    expect([report.appended, report.rowsRefused, report.rowsRefusedAsRead, report.rejectedCount, report.rows]).toEqual([3, 2, 2, 0, 5]);
    expect(report.rejected.map((r: { sheet: string; row: number; code: string }) => [r.sheet, r.row, r.code])).toEqual([
      ['年度考核', at + 4, 'ENTRY_CELL_INVALID'],
      ['年度考核', at + 5, 'ENTRY_NAME_MISMATCH'],
    ]);
    const written = (await historyOf(a![0])).filter((e) => e.eventId.startsWith('entry:'));
    expect(written.map((e) => [e.eventId, e.type, e.data])).toEqual([
      [`entry:annual-assessment:${String(a![0])}:2025`, 'AnnualAssessmentRecorded', { year: 2025, grade: 'EXCELLENT' }],
      [expect.stringMatching(new RegExp(`^entry:training:${String(a![0])}:2025-11-28:`)), 'TrainingCompleted', { programme: '县委党校秋季主体班', level: 'COUNTY' }],
    ]);
    expect(written[0]!.documentRef).toBe('县委〔2026〕1号');

    // The same workbook again writes nothing; a grade changed after import is refused, by its row, as another record under that id.
    const again = JSON.parse((await cli(['import', filledFile, '--json'])).stdout);
    expect([again.appended, again.alreadyPresent]).toEqual([0, 3]);
    filled[0]![4] = '称职';
    const changed = await workbookFile(join(dir, 'changed.xlsx'), [{ name: '年度考核', rows: [assessments.rows[at]!, filled[0]!] }]);
    const conflict = JSON.parse((await cli(['import', changed, '--json'])).stdout);
    expect(conflict.rejected.map((r: { sheet: string; row: number; code: string }) => [r.sheet, r.row, r.code])).toEqual([['年度考核', 2, 'EVENT_ID_CONFLICT']]);
  });

  it('every row needs its event type’s capability, as any import line: an appeals officer’s grades are refused row by row', async () => {
    const file = await workbookFile(join(dir, 'appeals-officer.xlsx'), [{ name: '健康体检', rows: [['干部编号', '体检日期'], [roster[0]!.cadreId, '2025-06-01']] }]);
    const result = await cli(['import', file, '--as', 'APPEALS_OFFICER', '--json']);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).rejected.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[2, 'FORBIDDEN_EVENT_TYPE']]);
    const auditor = await cli(['import', file, '--as', 'AUDITOR']);
    expect([auditor.code, auditor.stderr]).toEqual([1, expect.stringContaining('审计')]);
  });

  it('a township score whose unit name is not the ledger’s is refused by its row, the unit’s own name beside it', async () => {
    const file = await workbookFile(join(dir, 'scores.xlsx'), [{ name: '乡镇绩效', rows: [['单位编号', '单位名称', '年度', '得分', '确定日期'], ['T0001', '不存在镇', 2025, 91, '2026-01-10']] }]);
    const result = await cli(['import', file, '--dry-run', '--json']);
    const units = (await api.request('GET', '/v1/org-units', { role: 'ADMIN' })).body.orgUnits as { orgUnitId: string; name: string }[];
    expect(JSON.parse(result.stdout).rejected.map((r: { row: number; code: string; messageZh: string }) => [r.row, r.code, r.messageZh])).toEqual([
      [2, 'ENTRY_NAME_MISMATCH', `“单位名称”为“不存在镇”，台账中编号 T0001 的单位名称是“${units.find((u) => u.orgUnitId === 'T0001')!.name}”：请核对该行的编号与单位名称`],
    ]);
  });

  it('a workbook the ledger cannot read as entries writes nothing, and says why in the user’s words', async () => {
    const before = (await api.request('GET', '/v1/status', { role: 'ADMIN' })).body;
    const other = await workbookFile(join(dir, 'other.xlsx'), [
      { name: '健康体检', rows: [['干部编号', '体检日期'], [roster[0]!.cadreId, '2025-07-01']] },
      { name: '花名册', rows: [['姓名', '电话'], ['张三', '13800000000']] },
    ]);
    const refused = await cli(['import', other]);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('工作表“花名册”不是可批量录入的表')]);
    const notXlsx = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(notXlsx, 'cadreId,grade\nC1,优秀\n');
    const broken = await cli(['import', notXlsx]);
    expect([broken.code, broken.stderr]).toEqual([1, expect.stringContaining(`无法读取 Excel 工作簿 ${notXlsx}：不是有效的 .xlsx 文件`)]);
    const missing = await cli(['import', join(dir, 'nowhere.xlsx')]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('找不到文件')]);
    expect((await api.request('GET', '/v1/status', { role: 'ADMIN' })).body.storeHead).toEqual(before.storeHead);
    expect(before.storeHead).toBeGreaterThan(0);
  });
});
