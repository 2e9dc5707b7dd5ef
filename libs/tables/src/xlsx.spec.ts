import { strFromU8, unzipSync } from 'fflate';
import { readXlsx, tableRows } from '../../../test/support/read-xlsx';
import type { LedgerWorkbook } from './ledger-table';
import { CELL_TEXT_LIMIT, workbookSheets, workbookToXlsx } from './xlsx';

describe('workbookToXlsx: the ledger tables as an Excel file', () => {
  const workbook = (rows: LedgerWorkbook['tables'][number]['rows']): LedgerWorkbook => ({
    fileStem: '测试',
    tables: [
      { sheetName: '资格名单', caption: ['标题', '截至 2025-12-31'], headers: ['干部编号', '姓名', '排名'], rows },
      { sheetName: '检查项', caption: ['各检查项'], headers: ['干部编号', '检查项'], rows: [] },
    ],
  });

  it('given tables, when written and read back, then each is a worksheet of its own: caption, header row, rows; numbers stay numbers', async () => {
    const sheets = await readXlsx(await workbookToXlsx(workbook([['C000001', '孙志胜', 1], ['C000002', '李 红', 2]])));
    expect(sheets.map((s) => s.name)).toEqual(['资格名单', '检查项']);
    const first = tableRows(sheets[0]!, '干部编号');
    expect(first.caption).toEqual(['标题', '截至 2025-12-31']);
    expect(first.headers).toEqual(['干部编号', '姓名', '排名']);
    expect(first.rows).toEqual([['C000001', '孙志胜', 1], ['C000002', '李 红', 2]]);
  });

  it('given a table with no row, then the sheet says （无） under its header rather than ending at it', async () => {
    const sheets = await readXlsx(await workbookToXlsx(workbook([])));
    expect(tableRows(sheets[1]!, '干部编号').rows).toEqual([['（无）', null]]);
  });

  it('given text a spreadsheet would act on (a formula, control and format characters, a lone surrogate), then the cell holds it as inert, visible text', async () => {
    const hostile = ['=HYPERLINK("http://x","点击")', '张\u0007三\u202e', '李\ud800四', '王\n五'];
    const buffer = await workbookToXlsx(workbook([hostile]));
    const row = tableRows((await readXlsx(buffer))[0]!, '干部编号').rows[0]!;
    expect(row).toEqual(['=HYPERLINK("http://x","点击")', '张\\u0007三\\u202e', '李\\ud800四', '王↵五']);
    // A string cell, never a formula (<f>) in the sheet's XML.
    expect(buffer.includes(Buffer.from('<f>'))).toBe(false);
  });

  it(`given a text longer than Excel keeps in a cell, then it is cut at ${CELL_TEXT_LIMIT} characters and says how long it was`, async () => {
    const long = 'E'.repeat(CELL_TEXT_LIMIT + 1);
    const cell = tableRows((await readXlsx(await workbookToXlsx(workbook([['C1', long, 1]]))))[0]!, '干部编号').rows[0]![1] as string;
    expect(cell.startsWith('E'.repeat(CELL_TEXT_LIMIT))).toBe(true);
    expect(cell).toContain(`共 ${CELL_TEXT_LIMIT + 1} 字`);
    expect(cell.length).toBeLessThan(32_767);
  });

  it('given any workbook, then each sheet is fitted to the page’s width and repeats its header row on every printed page', async () => {
    const files = unzipSync(new Uint8Array(await workbookToXlsx(workbook([['C1', '孙志胜', 1]]), '2026-01-01T00:00:00Z')));
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = strFromU8(files[sheet]!);
      expect(xml).toMatch(/<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
      expect(xml).toMatch(/<pageSetup fitToWidth="1" fitToHeight="0" [^>]*orientation="landscape"/);
    }
    // Caption (two lines and 导出时间), a blank row, then the header: row 5 on the first sheet, 4 on the second.
    expect(strFromU8(files['xl/workbook.xml']!)).toContain(
      '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">\'资格名单\'!$5:$5</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">\'检查项\'!$4:$4</definedName></definedNames>',
    );
  });

  it('given more rows than a function call takes arguments (a province’s roster), then its sheet is laid out all the same', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`C${i}`]);
    const [sheet] = workbookSheets({ fileStem: '名册', tables: [{ sheetName: '干部名册', caption: [], headers: ['干部编号'], rows }] });
    expect(sheet!.data).toHaveLength(200_000 + 2);
    expect(sheet!.columns).toEqual([{ width: 10 }]);
  });
});
