import { EntryWorkbookRefused, entryImportFile, entryNameMismatches, entryNamedIds, entryRejections, entryTemplateWorkbookZh, parseEntryDate, readEntryWorkbook, type EntryCell, type EntrySheetInput } from './entry-sheets-zh';
import { strFromU8, unzipSync } from 'fflate';
import { workbookToXlsx } from './xlsx';

type ReadExcelFile = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });
const readXlsxFile: ReadExcelFile['default'] = (require('read-excel-file/node') as ReadExcelFile).default;

const ASSESSMENT_HEADERS = ['干部编号*', '姓名', '现任职务', '年度*', '考核等次*', '确定日期*', '文号', '记录编号'];
const assessments = (...rows: EntryCell[][]): EntrySheetInput => ({ sheet: '年度考核', rows: [['2025 年度考核结果'], [], ASSESSMENT_HEADERS, ...rows] });

describe('批量录入: a filled workbook read as import lines', () => {
  it('given the template as the ledger writes it, when a clerk fills two grades and leaves one row, then two lines with natural-key ids and the unfilled row is skipped', async () => {
    const template = entryTemplateWorkbookZh({
      year: 2025,
      asOf: '2025-12-31',
      cadres: [
        { cadreId: 'C0001', name: '张三', postZh: '华水乡党委书记' },
        { cadreId: 'C0002', name: '李四', postZh: '华水乡乡长' },
        { cadreId: 'C0003', name: '王五', postZh: '华水乡副乡长' },
      ],
      townships: [{ orgUnitId: 'T01', name: '华水乡' }],
      withCadres: true,
    });
    const file = await workbookToXlsx(template, '2026-01-05T02:00:00Z');
    const sheets = (await readXlsxFile(file)).map((s) => ({ sheet: s.sheet, rows: s.data.map((r) => [...r] as EntryCell[]) }));
    const sheet = sheets.find((s) => s.sheet === '年度考核')!;
    const header = sheet.rows.findIndex((r) => r[0] === '干部编号*');
    // 考核等次 (column E) offers the grades as a drop-down list from the first row to fill, and refuses others.
    const xml = strFromU8(unzipSync(new Uint8Array(file))['xl/worksheets/sheet2.xml']!);
    expect(xml).toContain(`<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="“考核等次”的填写" error="请从下拉列表中选择：优秀、称职、基本称职、不称职、不确定等次" sqref="E${header + 2}:E${header + 2 + 3 + 500}"><formula1>"优秀,称职,基本称职,不称职,不确定等次"</formula1></dataValidation>`);
    // The clerk fills C0001 and C0003 (grade and date), leaves C0002.
    sheet.rows[header + 1]![4] = '优秀';
    sheet.rows[header + 1]![5] = new Date(Date.UTC(2026, 0, 20));
    sheet.rows[header + 3]![4] = '称职';
    sheet.rows[header + 3]![5] = '2026年1月20日';
    const reading = readEntryWorkbook(sheets);
    expect(reading.problems).toEqual([]);
    expect(reading.lines.map((l) => l.line)).toEqual([
      { id: 'entry:annual-assessment:C0001:2025', type: 'AnnualAssessmentRecorded', cadreId: 'C0001', effectiveDate: '2026-01-20', data: { year: 2025, grade: 'EXCELLENT' } },
      { id: 'entry:annual-assessment:C0003:2025', type: 'AnnualAssessmentRecorded', cadreId: 'C0003', effectiveDate: '2026-01-20', data: { year: 2025, grade: 'COMPETENT' } },
    ]);
    expect(reading.lines.map((l) => l.source)).toEqual([
      { sheet: '年度考核', row: header + 2 },
      { sheet: '年度考核', row: header + 4 },
    ]);
    // C0002 on the assessments and all three on the health checks: pre-filled only; the township's score row too.
    expect(reading.unfilledRows).toBe(1 + 3 + 1);
    expect(reading.names.map((n) => [n.cadreId, n.name])).toEqual([
      ['C0001', '张三'],
      ['C0003', '王五'],
    ]);
    expect(reading.sheets.map((s) => [s.sheet, s.rows])).toEqual([
      ['年度考核', 2],
      ['乡镇绩效', 0],
      ['健康体检', 0],
      ['教育培训', 0],
      ['谈心谈话', 0],
    ]);
  });

  it('given a cell that is not what its column takes, then that row alone is a problem naming the column and what it takes', () => {
    const reading = readEntryWorkbook([assessments(['C0001', '张三', '', 2025, '良好', '2026-01-20'], ['C0002', '李四', '', 2025, '称职', ''], ['C0003', '王五', '', 2025, 'competent', '2026-01-20'])]);
    expect(reading.problems).toEqual([
      expect.objectContaining({ sheet: '年度考核', row: 4, column: '考核等次', code: 'ENTRY_CELL_INVALID', messageZh: '“考核等次”须为 优秀、称职、基本称职、不称职、不确定等次 之一；现为“良好”' }),
      expect.objectContaining({ sheet: '年度考核', row: 5, column: '确定日期', code: 'ENTRY_CELL_MISSING' }),
    ]);
    // A code in any case is taken as the code.
    expect(reading.lines.map((l) => l.line.data)).toEqual([{ year: 2025, grade: 'COMPETENT' }]);
  });

  it('takes the record id and the document number the row gives', () => {
    const reading = readEntryWorkbook([assessments([' C0001 ', '张三', '', '2025年', 'EXCELLENT', '2026/1/20', '县委〔2026〕3号', 'my-own-id-1'])]);
    expect(reading.lines[0]!.line).toEqual({ id: 'my-own-id-1', type: 'AnnualAssessmentRecorded', cadreId: 'C0001', effectiveDate: '2026-01-20', documentRef: '县委〔2026〕3号', data: { year: 2025, grade: 'EXCELLENT' } });
  });

  it('finds each kind by its headings, whatever the sheet is called, and says the columns it does not import', () => {
    const reading = readEntryWorkbook([
      { sheet: 'Sheet1', rows: [['谈话人编号', '谈话对象编号', '谈话类型', '谈话日期', '备注'], ['C0001', 'C0002', '提醒谈话', '2025-03-01', '到岗谈话']] },
      { sheet: 'Sheet2', rows: [['单位编号', '单位名称', '年度', '得分', '确定日期'], ['T01', '华水乡', 2025, '92.5', '2026-01-10']] },
      { sheet: 'Sheet3', rows: [] },
    ]);
    expect(reading.lines.map((l) => l.line)).toEqual([
      { id: 'entry:talk:C0001:C0002:2025-03-01:REMINDER', type: 'TalkHeld', cadreId: 'C0001', effectiveDate: '2025-03-01', data: { withCadreId: 'C0002', kind: 'REMINDER' } },
      { id: 'entry:township-score:T01:2025', type: 'TownshipPerformanceScored', orgUnitId: 'T01', effectiveDate: '2026-01-10', data: { year: 2025, score: 92.5 } },
    ]);
    expect(reading.ignoredColumns).toEqual([{ sheet: 'Sheet1', column: '备注' }]);
    expect(reading.names).toEqual([{ sheet: 'Sheet2', row: 2, column: '单位名称', name: '华水乡', orgUnitId: 'T01' }]);
  });

  it('keeps a training id within the 200 characters an event id may have', () => {
    const reading = readEntryWorkbook([
      { sheet: '教育培训', rows: [['干部编号', '培训项目', '培训层级', '结业日期', '文号'], ['C0001', '长'.repeat(200), '省级', '2025-06-30'], ['Ｃ０００２', '县委党校（秋季）主体班', '県級', '２０２５．０６．３０', '县委组〔2025〕１号']] },
    ]);
    // Ids and dates read past their full-width forms; the programme and the document number stored as written.
    expect(reading.lines[1]?.line).toBeUndefined();
    expect(reading.problems.map((p) => [p.row, p.column])).toEqual([[3, '培训层级']]);
    const fixed = readEntryWorkbook([{ sheet: '教育培训', rows: [['干部编号', '培训项目', '培训层级', '结业日期', '文号'], ['Ｃ０００２', '县委党校（秋季）主体班', '县级', '２０２５．０６．３０', '县委组〔2025〕１号']] }]);
    expect(fixed.lines[0]!.line).toMatchObject({ cadreId: 'C0002', effectiveDate: '2025-06-30', documentRef: '县委组〔2025〕１号', data: { programme: '县委党校（秋季）主体班', level: 'COUNTY' } });
    const { id } = reading.lines[0]!.line;
    expect(id.length).toBeLessThanOrEqual(200);
    expect(id.startsWith('entry:training:C0001:2025-06-30:')).toBe(true);
  });

  it('refuses the whole workbook when a sheet with content is no kind of entry, when a heading is given twice, or when no sheet is an entry sheet', () => {
    expect(() => readEntryWorkbook([assessments(['C0001', '张三', '', 2025, '优秀', '2026-01-20']), { sheet: '花名册', rows: [['姓名', '电话'], ['张三', '123']] }])).toThrow(
      expect.objectContaining({ messageZh: expect.stringContaining('工作表“花名册”不是可批量录入的表') }),
    );
    expect(() => readEntryWorkbook([{ sheet: '年度考核', rows: [[...ASSESSMENT_HEADERS, '考核等次']] }])).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('“考核等次”出现了两次') }));
    expect(() => readEntryWorkbook([{ sheet: '填写说明', rows: [['说明']] }, { sheet: '空表', rows: [[null, '']] }])).toThrow(EntryWorkbookRefused);
    // The notes sheet renamed is still the notes sheet.
    expect(readEntryWorkbook([{ sheet: '说明', rows: [['批量录入模板'], ['工作表', '列', '是否必填', '填写要求'], ['年度考核', '干部编号', '必填', '…']] }, assessments()]).sheets.map((x) => x.sheet)).toEqual(['年度考核']);
  });
});

describe('批量录入: names beside ids, and the refusals said by sheet and row', () => {
  const reading = readEntryWorkbook([
    assessments(['C0001', '张\u3000三', '', 2025, '优秀', '2026-01-20'], ['C0002', '张三', '', 2025, '称职', '2026-01-20'], ['C0404', '无名', '', 2025, '称职', '2026-01-20'], ['C0003', '王五', '', 2025, '好', '2026-01-20']),
    { sheet: '乡镇绩效', rows: [['单位编号', '单位名称', '年度', '得分', '确定日期'], ['T01', '华水镇', 2025, 90, '2026-01-10']] },
  ]);
  const ledger = { cadres: new Map([['C0001', '张三'], ['C0002', '李四'], ['C0003', '王五']]), orgUnits: new Map([['T01', '华水乡']]) };

  it('given a name that is not the ledger’s for its id, then that row is refused, naming both; a name padded with spaces (张　三) is the name; an id the ledger lacks is left to the import', () => {
    expect(entryNamedIds(reading)).toEqual({ cadreIds: ['C0001', 'C0002', 'C0404'], orgUnitIds: ['T01'] });
    const refused = entryNameMismatches(reading, ledger);
    expect(refused.map((r) => [r.sheet, r.row, r.code, r.messageZh])).toEqual([
      ['年度考核', 5, 'ENTRY_NAME_MISMATCH', '“姓名”为“张三”，台账中编号 C0002 的姓名是“李四”：请核对该行的编号与姓名'],
      ['乡镇绩效', 2, 'ENTRY_NAME_MISMATCH', '“单位名称”为“华水镇”，台账中编号 T01 的单位名称是“华水乡”：请核对该行的编号与单位名称'],
    ]);
    const file = entryImportFile(reading, refused);
    expect(file.ndjson.trim().split('\n').map((l) => JSON.parse(l).cadreId)).toEqual(['C0001', 'C0404']);
    expect(file.sources).toEqual([
      { sheet: '年度考核', row: 4 },
      { sheet: '年度考核', row: 6 },
    ]);
    // The import refuses its line 2 (C0404): said by its row, among the rows refused as read, in the workbook's order.
    const rejections = entryRejections(reading, [...reading.problems, ...refused], [{ line: 2, id: 'entry:annual-assessment:C0404:2025', rule: 'I', code: 'RULE_I_UNKNOWN_CADRE', message: 'm', messageZh: '无此干部' }], file.sources);
    expect(rejections.map((r) => [r.sheet, r.row, r.code])).toEqual([
      ['年度考核', 5, 'ENTRY_NAME_MISMATCH'],
      ['年度考核', 6, 'RULE_I_UNKNOWN_CADRE'],
      ['年度考核', 7, 'ENTRY_CELL_INVALID'],
      ['乡镇绩效', 2, 'ENTRY_NAME_MISMATCH'],
    ]);
  });
});

describe('批量录入: the import’s refusals in the workbook’s words', () => {
  it('names the column for the line’s field and another line by its sheet and row, not by the import file’s line number', () => {
    const reading = readEntryWorkbook([assessments(['C 1', '张三', '', 2025, '优秀', '2026-01-20'], ['C0002', '李四', '', 2025, '称职', '2026-01-20'], ['C0003', '王五', '', 2025, '称职', '2026-01-21'])]);
    const file = entryImportFile(reading, []);
    const said = entryRejections(
      reading,
      [],
      [
        { line: 1, id: 'entry:annual-assessment:C 1:2025', rule: 'I', code: 'RULE_I_SCHEMA', field: 'cadreId', message: 'cadreId: letters only', messageZh: 'cadreId：只能包含字母、数字' } as never,
        { line: 3, id: 'entry:annual-assessment:C0003:2025', rule: 'I', code: 'EVENT_ID_CONFLICT', message: 'event id x was used by line 2 of this file for a different fact', messageZh: '编号 x 已被本文件第 2 行用于另一事实' },
      ],
      file.sources,
    );
    expect(said.map((r) => [r.row, r.messageZh, r.message])).toEqual([
      [4, '“干部编号”：只能包含字母、数字', '干部编号 (cadreId): letters only'],
      [6, '编号 x 已被工作表“年度考核”第 5 行用于另一事实', 'event id x was used by sheet "年度考核" row 5 for a different fact'],
    ]);
  });
});

describe('批量录入: a row giving a fact another row gave', () => {
  it('given a row repeated, then the later one is refused as a repeat; given one fact said twice otherwise, then the later row is refused naming the cells that differ', () => {
    const reading = readEntryWorkbook([
      assessments(['C0001', '张三', '', 2025, '优秀', '2026-01-20'], ['C0002', '李四', '', 2025, '称职', '2026-01-20'], ['C0001', '张三', '', 2025, '优秀', '2026-01-20'], ['C0002', '李四', '', 2025, '优秀', '2026-01-21']),
    ]);
    expect(reading.problems.map((p) => [p.row, p.code, p.column, p.messageZh])).toEqual([
      [6, 'ENTRY_ROW_REPEATED', '干部编号', '与工作表“年度考核”第 4 行重复：同一事项只导入一次，请删去重复的行'],
      [7, 'ENTRY_ROW_CONTRADICTS', '确定日期', '与工作表“年度考核”第 5 行是同一事项（编号 entry:annual-assessment:C0002:2025），但“确定日期”不同（2026-01-20 / 2026-01-21），“考核等次”不同（称职 / 优秀）：请保留正确的一行'],
    ]);
    expect(reading.lines.map((l) => l.source.row)).toEqual([4, 5]);
  });
});

describe('parseEntryDate: the dates a clerk writes', () => {
  const date = (cell: Exclude<EntryCell, null | undefined | ''>) => {
    const p = parseEntryDate(cell);
    return 'value' in p ? p.value : 'problem';
  };
  it.each<[Exclude<EntryCell, null | undefined | ''>, string]>([
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    ['2024-02-29', '2024-02-29'],
    ['2024/2/29', '2024-02-29'],
    ['2024.02.29', '2024-02-29'],
    ['2024年2月29日', '2024-02-29'],
    // An unformatted date cell: Excel's day number (45351 is 2024-02-29).
    [45351, '2024-02-29'],
    // A date exported as text with its time, written without separators, or typed full-width.
    ['2024-02-29 00:00:00', '2024-02-29'],
    ['2024/2/29 9:30', '2024-02-29'],
    ['20240229', '2024-02-29'],
    [20240229, '2024-02-29'],
    ['２０２４－０２－２９', '2024-02-29'],
    ['2024．02．29', '2024-02-29'],
    [20230229, 'problem'],
    ['2024-02-29 25', 'problem'],
    ['2023-02-29', 'problem'],
    ['2025-13-01', 'problem'],
    ['29/02/2024', 'problem'],
    [45351.5, 'problem'],
    ['明天', 'problem'],
    [true, 'problem'],
  ])('%p → %s', (cell, expected) => expect(date(cell)).toBe(expected));
});

describe('批量录入: whatever a workbook holds, it is read or refused with a reason, never a crash', () => {
  // fast-check: cells of every kind a reader may hand over (invalid dates, NaN, lone surrogates, huge numbers) under real headings.
  const fc = require('fast-check') as typeof import('fast-check');
  const cell = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('优秀', 'EXCELLENT', '2025', '2025年', '2025-02-29', '2024/2/29', '县级', '提醒谈话', '  ', 'C0001', '=1+1'),
    fc.double(),
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
  );
  const headings = [ASSESSMENT_HEADERS, ['谈话人编号', '谈话对象编号', '谈话类型', '谈话日期'], ['单位编号', '单位名称', '年度', '得分', '确定日期'], ['干部编号', '培训项目', '培训层级', '结业日期', '记录编号'], ['干部编号', '体检日期']];
  it('given random rows under any kind’s headings (or none), then a reading whose every line has an id, a type and a real date, or EntryWorkbookRefused', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ heading: fc.option(fc.constantFrom(...headings), { nil: undefined }), rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 }) }), { minLength: 1, maxLength: 3 }), (sheets) => {
        try {
          const reading = readEntryWorkbook(sheets.map((s, i) => ({ sheet: `S${i}`, rows: s.heading ? [s.heading, ...s.rows] : s.rows })));
          for (const { line } of reading.lines) {
            expect(line.id.length).toBeGreaterThan(0);
            expect(line.id.length).toBeLessThanOrEqual(200);
            expect(line.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(JSON.parse(JSON.stringify(line))).toEqual(line);
          }
        } catch (error) {
          if (!(error instanceof EntryWorkbookRefused)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
