/**
 * 建档 (onboarding) in the bulk-entry workbook: units, cadres with the rank they hold, and their posts
 * (a row a post, its appointment and removal), read as import lines in the order the rules need
 * (units, cadres, ranks, then posts by date), whatever order the clerk wrote them in.
 */
import { entryImportFile, entryNameMismatches, entryOutcomeZh, entryRejections, importEntryRows, onboardingTemplateWorkbookZh, readEntryWorkbook, type EntryCell, type EntrySheetInput } from './entry-sheets-zh';
import { workbookToXlsx } from './xlsx';

type ReadExcelFile = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });
const readXlsxFile: ReadExcelFile['default'] = (require('read-excel-file/node') as ReadExcelFile).default;

const UNIT_HEADERS = ['单位编号*', '单位名称*', '单位类别*', '考核类别', '登记日期*', '文号', '记录编号'];
const CADRE_HEADERS = ['干部编号*', '姓名*', '性别*', '出生日期*', '学历*', '全日制*', '双一流高校*', '参加工作时间', '职级', '任现职级时间', '建档日期*', '文号', '记录编号'];
const POST_HEADERS = ['干部编号*', '姓名', '单位编号*', '单位名称', '职务*', '任职日期*', '任职文号', '免职日期', '免职原因', '免职文号', '市委组织部批复文号', '例外理由'];

const sheet = (name: string, headers: string[], ...rows: EntryCell[][]): EntrySheetInput => ({ sheet: name, rows: [[`${name}：说明`], headers, ...rows] });
const units = (...rows: EntryCell[][]) => sheet('单位', UNIT_HEADERS, ...rows);
const cadres = (...rows: EntryCell[][]) => sheet('干部基本信息', CADRE_HEADERS, ...rows);
const posts = (...rows: EntryCell[][]) => sheet('任职经历', POST_HEADERS, ...rows);

const NO_LEDGER_NAMES = { cadres: new Map<string, string>(), orgUnits: new Map<string, string>() };

describe('建档: the onboarding template', () => {
  it('given the units the ledger has, when the template is written and read back untouched, then it holds the three sheets to fill and the units to look up, and reads as nothing to import', async () => {
    const template = onboardingTemplateWorkbookZh({
      asOf: '2026-01-05',
      orgUnits: [
        { orgUnitId: 'D01', name: '县发展和改革局', kind: 'COUNTY_DEPARTMENT', assessmentClass: 2, registeredOn: '2000-01-01' },
        { orgUnitId: 'T01', name: '华水乡', kind: 'TOWNSHIP', assessmentClass: null, registeredOn: '2000-01-01' },
      ],
    });
    expect(template.fileStem).toBe('建档模板');
    const sheets = (await readXlsxFile(await workbookToXlsx(template, '2026-01-05T02:00:00Z'))).map((s) => ({ sheet: s.sheet, rows: s.data.map((r) => [...r] as EntryCell[]) }));
    expect(sheets.map((s) => s.sheet)).toEqual(['填写说明', '单位', '干部基本信息', '任职经历', '台账已有单位']);
    expect(sheets[3]!.rows.find((r) => r[0] === '干部编号*')).toEqual(POST_HEADERS);
    // The units the ledger has, townships first, to look ids up in: never read as entries.
    const known = sheets[4]!.rows;
    expect(known.slice(known.findIndex((r) => r[0] === '台账已有单位编号') + 1)).toEqual([
      ['T01', '华水乡', '乡镇', null, '2000-01-01'],
      ['D01', '县发展和改革局', '县级部门', '第二类', '2000-01-01'],
    ]);
    const reading = readEntryWorkbook(sheets);
    expect([reading.lines, reading.problems, reading.sheets.map((s) => s.sheet)]).toEqual([[], [], ['单位', '干部基本信息', '任职经历']]);
  });
});

describe('建档: a filled workbook read as import lines', () => {
  it('given units, cadres and posts written in any order, then the lines go units, cadres, ranks, then posts by date, a removal before an appointment on the same date', () => {
    const reading = readEntryWorkbook([
      // The posts sheet first, and its rows not by date: the order they are imported in is the rules'.
      posts(
        ['C02', '李四', 'T01', '华水乡', '党委书记', '2020-05-01', '县委〔2020〕5号'],
        ['C01', '张三', 'T01', '华水乡', '镇党委书记', '2012-03-01', '县委〔2012〕3号', '2020-05-01', '交流', '县委〔2020〕5号', '市组〔2020〕1号'],
        ['C01', '张三', 'T02', '青山镇', '党委书记', '2020-05-01', '县委〔2020〕5号'],
      ),
      cadres(
        ['C01', '张三', '男', '1975-06-01', '本科', '是', '否', '1996-07-01', '一级主任科员', '2018-12-01', '2012-03-01'],
        ['C02', '李四', '女', '1985-02-11', '硕士研究生', 'FALSE', true, '', '', '', '2020-05-01', '', 'own-id'],
      ),
      units(['T01', '华水乡', '乡镇', '第一类', '2000-01-01'], ['T02', '青山镇', '镇', 3, '2000-01-01']),
    ]);
    expect(reading.problems).toEqual([]);
    expect(reading.lines.map((l) => l.line)).toEqual([
      { id: 'entry:org-unit:T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '华水乡', kind: 'TOWNSHIP', assessmentClass: 1 } },
      { id: 'entry:org-unit:T02', type: 'OrgUnitRegistered', orgUnitId: 'T02', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP', assessmentClass: 3 } },
      {
        id: 'entry:cadre:C01',
        type: 'CadreRegistered',
        cadreId: 'C01',
        effectiveDate: '2012-03-01',
        data: { name: '张三', gender: 'M', birthDate: '1975-06-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false }, workStartDate: '1996-07-01' },
      },
      { id: 'own-id', type: 'CadreRegistered', cadreId: 'C02', effectiveDate: '2020-05-01', data: { name: '李四', gender: 'F', birthDate: '1985-02-11', education: { level: 'MASTER', fullTime: false, doubleFirstClass: true } } },
      { id: 'entry:cadre:C01:rank', type: 'RankSet', cadreId: 'C01', effectiveDate: '2018-12-01', data: { rank: 'PRINCIPAL_STAFF_1' } },
      { id: 'entry:appointment:C01:T01:PARTY_SECRETARY:2012-03-01', type: 'AppointedToPost', cadreId: 'C01', effectiveDate: '2012-03-01', documentRef: '县委〔2012〕3号', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } },
      // 2020-05-01: C01 leaves T01 before C02 is appointed to it (P2), though C02's row comes first.
      {
        id: 'entry:removal:C01:T01:PARTY_SECRETARY:2020-05-01',
        type: 'RemovedFromPost',
        cadreId: 'C01',
        effectiveDate: '2020-05-01',
        documentRef: '县委〔2020〕5号',
        data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER', approval: { level: 'MUNICIPAL', ref: '市组〔2020〕1号' } },
      },
      { id: 'entry:appointment:C02:T01:PARTY_SECRETARY:2020-05-01', type: 'AppointedToPost', cadreId: 'C02', effectiveDate: '2020-05-01', documentRef: '县委〔2020〕5号', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } },
      { id: 'entry:appointment:C01:T02:PARTY_SECRETARY:2020-05-01', type: 'AppointedToPost', cadreId: 'C01', effectiveDate: '2020-05-01', documentRef: '县委〔2020〕5号', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } },
    ]);
    // Each line says the row it came from: the removal is its appointment's row.
    expect(reading.lines.map((l) => `${l.source.sheet}:${l.source.row}`)).toEqual(['单位:3', '单位:4', '干部基本信息:3', '干部基本信息:4', '干部基本信息:3', '任职经历:4', '任职经历:4', '任职经历:3', '任职经历:5']);
  });

  it('given a re-election (removed at the end of the term and appointed again the same day), then the removal goes first; a removal the day of its own row’s appointment goes after it', () => {
    const reading = readEntryWorkbook([
      posts(
        ['C01', '', 'T01', '', '党委书记', '2021-06-01', '', '', '', '', '', ''],
        ['C01', '', 'T01', '', '党委书记', '2016-06-01', '', '2021-06-01', '任期届满'],
        ['C03', '', 'T01', '', '一般干部', '2022-01-04', '', '2022-01-04', '其他'],
      ),
    ]);
    expect(reading.lines.map((l) => `${l.line.type} ${l.line.effectiveDate} ${l.line.cadreId}`)).toEqual([
      'AppointedToPost 2016-06-01 C01',
      'RemovedFromPost 2021-06-01 C01',
      'AppointedToPost 2021-06-01 C01',
      'AppointedToPost 2022-01-04 C03',
      'RemovedFromPost 2022-01-04 C03',
    ]);
  });

  it('given a 例外理由, then both lines of the row carry it as the override (RULES.md "Two kinds of rule")', () => {
    const reading = readEntryWorkbook([posts(['C01', '', 'T01', '', '乡长', '2019-01-01', '', '2020-06-30', '工作调整', '', '', '历史数据补录，当时未报批'])]);
    expect(reading.lines.map((l) => [l.line.type, l.line.data.role, l.line.override])).toEqual([
      ['AppointedToPost', 'HEAD', { reason: '历史数据补录，当时未报批' }],
      ['RemovedFromPost', 'HEAD', { reason: '历史数据补录，当时未报批' }],
    ]);
  });

  it.each([
    ['a removal reason without a removal date', ['2016-06-01', '', '', '任期届满'], '免职日期', 'ENTRY_CELL_MISSING', '“免职日期”未填写（已填免职原因）'],
    ['an approval without a removal date', ['2016-06-01', '', '', '', '', '市组〔2020〕1号'], '免职日期', 'ENTRY_CELL_MISSING', '“免职日期”未填写（已填市委组织部批复文号）'],
    ['a removal date without its reason', ['2016-06-01', '', '2021-06-01'], '免职原因', 'ENTRY_CELL_MISSING', '“免职原因”未填写（已填免职日期）'],
    ['a removal the day before the appointment', ['2016-06-01', '', '2016-05-31', '交流'], '免职日期', 'ENTRY_CELL_INVALID', '“免职日期”2016-05-31 早于任职日期 2016-06-01'],
    [
      'two posts in one cell',
      ['2016-06-01'],
      '职务',
      'ENTRY_CELL_INVALID',
      '“职务”须为 党委书记、乡镇长、人大主席、党委副书记、副乡镇长、其他班子成员、一般干部 之一（亦可写 乡党委书记、镇党委书记、乡镇党委书记、乡长、镇长、局长 等）；现为“党委副书记、镇长”；一格只填一项，兼任的职务请分行填写',
    ],
  ])('given %s, then that row alone is refused, naming the column', (_, cells, column, code, messageZh) => {
    const role = column === '职务' ? '党委副书记、镇长' : '党委书记';
    const reading = readEntryWorkbook([posts(['C01', '', 'T01', '', role, ...cells]), posts(['C02', '', 'T02', '', '党委书记', '2016-06-01'])]);
    expect(reading.problems).toEqual([{ sheet: '任职经历', row: 3, column, code, messageZh, message: expect.any(String) }]);
    expect(reading.lines.map((l) => l.line.cadreId)).toEqual(['C02']);
  });

  it('given a removal on the day of the appointment, then both lines are read (a post held no day is the rules’ to judge, not the sheet’s)', () => {
    expect(readEntryWorkbook([posts(['C01', '', 'T01', '', '党委书记', '2016-06-01', '', '2016-06-01', '其他'])]).lines).toHaveLength(2);
  });

  it.each([
    [['一级科员', ''], '任现职级时间', '“任现职级时间”未填写（已填职级）'],
    [['', '2018-12-01'], '职级', '“职级”未填写（已填任现职级时间）'],
  ])('given a rank without its date or a date without its rank (%j), then the cadre’s row is refused naming the other', (rank, column, messageZh) => {
    const reading = readEntryWorkbook([cadres(['C01', '张三', '男', '1975-06-01', '大学本科', '是', '否', '', ...rank, '2012-03-01'])]);
    expect(reading.problems).toEqual([expect.objectContaining({ row: 3, column, code: 'ENTRY_CELL_MISSING', messageZh })]);
    expect(reading.lines).toEqual([]);
  });

  it.each([
    ['性别', '男性', 2, '“性别”须为 男、女 之一；现为“男性”'],
    ['全日制', '全日', 5, '“全日制”须为“是”或“否”；现为“全日”'],
    ['出生日期', '1975.06', 3, '“出生日期”须精确到日（如 1975-06-01）；现为“1975.06”，只有年月：请按任免文件或档案补全日期'],
    ['任现职级时间', '2019年1月', 9, '“任现职级时间”须精确到日（如 2019-01-01）；现为“2019年1月”，只有年月：请按任免文件或档案补全日期'],
  ])('given %s written as %s, then the row is refused saying what the column takes', (column, value, at, messageZh) => {
    const row: EntryCell[] = ['C01', '张三', '男', '1975-06-01', '大学本科', '是', '否', '', '', '', '2012-03-01'];
    row[at] = value;
    expect(readEntryWorkbook([cadres(row)]).problems).toEqual([expect.objectContaining({ column, code: 'ENTRY_CELL_INVALID', messageZh })]);
  });

  it('reads the spellings a 任免 record uses: 书记, 镇人大主席, 纪委书记, 科员; 换届, 调任; 至今 for a post still held', () => {
    const reading = readEntryWorkbook([
      posts(
        ['C01', '', 'T01', '', '书记', '2016-06-01', '', '2021-06-01', '换届'],
        ['C02', '', 'T01', '', '镇人大主席', '2016-06-01', '', '至今'],
        ['C03', '', 'T01', '', '纪委书记', '2016-06-01', '', '2018-01-01', '调任'],
        ['C04', '', 'T01', '', '科员', '2016-06-01'],
      ),
    ]);
    expect(reading.problems).toEqual([]);
    expect(reading.lines.map((l) => [l.line.cadreId, l.line.type, l.line.data.role, l.line.data.reason])).toEqual([
      ['C01', 'AppointedToPost', 'PARTY_SECRETARY', undefined],
      ['C02', 'AppointedToPost', 'PEOPLES_CONGRESS_CHAIR', undefined],
      ['C03', 'AppointedToPost', 'TEAM_MEMBER', undefined],
      ['C04', 'AppointedToPost', 'STAFF', undefined],
      ['C03', 'RemovedFromPost', 'TEAM_MEMBER', 'TRANSFER'],
      ['C01', 'RemovedFromPost', 'PARTY_SECRETARY', 'END_OF_TERM'],
    ]);
  });

  it('given a sheet lacking a required column, then the workbook is refused naming the columns it lacks', () => {
    const headers = CADRE_HEADERS.filter((h) => h !== '双一流高校*');
    expect(() => readEntryWorkbook([sheet('干部基本信息', headers, ['C01', '张三', '男', '1975-06-01', '大学本科', '是', '', '', '', '2012-03-01'])])).toThrow(
      expect.objectContaining({ messageZh: '工作表“干部基本信息”第 2 行像是“干部基本信息”的表头，但缺少必填的列：“双一流高校”。请补上这些列（可从下载的模板复制表头）后再导入；未导入任何内容。' }),
    );
  });

  it('reads a heading written with quotes (“双一流”高校) as the one without', () => {
    const headers = CADRE_HEADERS.map((h) => (h === '双一流高校*' ? '“双一流”高校' : h));
    const reading = readEntryWorkbook([sheet('干部基本信息', headers, ['C01', '张三', '男', '1975-06-01', '博士', '是', '√', '', '', '', '2012-03-01'])]);
    expect(reading.lines[0]!.line.data).toEqual({ name: '张三', gender: 'M', birthDate: '1975-06-01', education: { level: 'DOCTORATE', fullTime: true, doubleFirstClass: true } });
  });
});

describe('建档: names checked against the ledger, or against the workbook for what it registers', () => {
  const reading = readEntryWorkbook([
    units(['T09', '新河镇', '乡镇', '', '2000-01-01']),
    cadres(['C09', '赵六', '男', '1980-01-01', '大学本科', '是', '否', '', '', '', '2015-01-01']),
    posts(['C09', '赵  六', 'T09', '新河乡', '党委书记', '2015-01-01'], ['C09', '赵六', 'T01', '华水乡', '党委书记', '2015-01-01'], ['C01', '张三', 'T09', '新河镇', '党委副书记', '2015-01-01']),
  ]);

  it('given a cadre and a unit registered in the workbook, then the posts’ names are checked against those (spaces aside); the ledger’s names against its own ids', () => {
    const ledger = { cadres: new Map([['C01', '张叁']]), orgUnits: new Map([['T01', '华水乡']]) };
    expect(entryNameMismatches(reading, ledger).map((m) => [m.row, m.column, m.messageZh])).toEqual([
      [3, '单位名称', '“单位名称”为“新河乡”，本工作簿登记的编号 T09 的单位名称是“新河镇”：请核对该行的编号与单位名称'],
      [5, '姓名', '“姓名”为“张三”，台账中编号 C01 的姓名是“张叁”：请核对该行的编号与姓名'],
    ]);
  });

  it('given an id the ledger already has, then the ledger’s name counts, not the one the workbook registers again', () => {
    const ledger = { cadres: new Map([['C09', '赵陆']]), orgUnits: new Map<string, string>() };
    expect(entryNameMismatches(reading, ledger).map((m) => [m.row, m.column])).toEqual([
      [3, '姓名'],
      [3, '单位名称'],
      [4, '姓名'],
    ]);
    expect(entryNameMismatches(reading, NO_LEDGER_NAMES).map((m) => m.row)).toEqual([3]);
  });
});

describe('建档: the import’s refusals said in the workbook’s words', () => {
  it('given refusals of a removal, an appointment and a registration, then each names its row and the column its field is written in', () => {
    const reading = readEntryWorkbook([
      cadres(['C01', '张三', '男', '1975-06-01', '大学本科', '是', '否', '', '', '', '2012-03-01']),
      posts(['C01', '张三', 'T01', '', '党委书记', '2016-06-01', '', '2018-06-01', '交流']),
    ]);
    const { sources } = entryImportFile(reading, []);
    const refusal = (line: number, id: string, field: string, messageZh: string) => ({ line, id, rule: 'TM4', code: 'POLICY', message: `${field}: x`, messageZh, field });
    const said = entryRejections(
      reading,
      [],
      [
        refusal(1, 'entry:cadre:C01', 'data.education.level', 'data.education.level：无效'),
        refusal(2, 'entry:appointment:C01:T01:PARTY_SECRETARY:2016-06-01', 'data.role', 'data.role：已有党委书记'),
        refusal(3, 'entry:removal:C01:T01:PARTY_SECRETARY:2018-06-01', 'data.approval', 'data.approval：任职不满三年调整须经市委组织部批复'),
      ],
      sources,
    );
    expect(said.map((r) => [r.sheet, r.row, 'column' in r ? r.column : undefined, r.messageZh])).toEqual([
      ['干部基本信息', 3, '学历', '“学历”：无效'],
      ['任职经历', 3, '职务', '“职务”：已有党委书记'],
      ['任职经历', 3, '市委组织部批复文号', '“市委组织部批复文号”：任职不满三年调整须经市委组织部批复'],
    ]);
  });
});

describe('建档: a row goes in whole or not at all (importEntryRows)', () => {
  const reading = readEntryWorkbook([
    posts(['C01', '', 'T01', '', '党委书记', '2012-03-01', '', '2014-03-01', '交流'], ['C02', '', 'T01', '', '党委书记', '2014-03-01'], ['C03', '', 'T02', '', '乡长', '2014-03-01']),
  ]);
  const file = entryImportFile(reading, []);
  /** An import that refuses the lines whose id matches, each by its line in the file it is sent. */
  const importRefusing = (refuse: (id: string) => boolean) => {
    const calls: { ids: string[]; dryRun: boolean }[] = [];
    const run = async (ndjson: string, dryRun: boolean) => {
      const ids = ndjson.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      calls.push({ ids, dryRun });
      const rejected = ids.flatMap((id, i) => (refuse(id) ? [{ line: i + 1, id, rule: 'TM4', code: 'POLICY', message: 'm', messageZh: `本文件第 ${i + 1} 行：拒绝` }] : []));
      return { dryRun, lines: ids.length, accepted: ids.length - rejected.length, appended: dryRun ? 0 : ids.length - rejected.length, alreadyPresent: 0, rejectedCount: rejected.length, rejected };
    };
    return { calls, run };
  };

  it('given a removal refused, then a dry run finds it and the real import sends neither it nor its row’s appointment; the refusal in the whole file’s numbering', async () => {
    const { calls, run } = importRefusing((id) => id.startsWith('entry:removal:C01'));
    const result = await importEntryRows(file, false, run);
    expect(calls.map((c) => [c.dryRun, c.ids.length])).toEqual([
      [true, 4],
      [true, 2],
      [false, 2],
    ]);
    expect(calls[2]!.ids).toEqual(['entry:appointment:C02:T01:PARTY_SECRETARY:2014-03-01', 'entry:appointment:C03:T02:HEAD:2014-03-01']);
    expect([result.lines, result.accepted, result.rejectedCount, result.linesLeftOut]).toEqual([4, 2, 2, 1]);
    expect(result.rejected.map((r) => [r.line, r.messageZh])).toEqual([[2, '本文件第 2 行：拒绝']]);
    expect(entryOutcomeZh(reading, [], result, file.sources).sentenceZh).toBe('导入完成：填写的 3 行中，接受 2 行，拒绝 1 行；导入的行共 4 个事项：接受 2 个（新写入 2，已存在 0），拒绝 2 个');
    expect(entryRejections(reading, [], result.rejected, file.sources).map((r) => [r.sheet, r.row])).toEqual([['任职经历', 3]]);
  });

  it('given nothing refused, then one dry run and the import; given every row refused, then nothing is sent for real', async () => {
    const none = importRefusing(() => false);
    expect((await importEntryRows(file, false, none.run)).appended).toBe(4);
    expect(none.calls.map((c) => c.dryRun)).toEqual([true, false]);
    const all = importRefusing(() => true);
    const result = await importEntryRows(file, false, all.run);
    expect(all.calls.map((c) => c.dryRun)).toEqual([true]);
    expect([result.accepted, result.rejectedCount, result.rejected.length, result.linesLeftOut]).toEqual([0, 4, 4, 0]);
  });

  it('given rows of one line each (the year’s sheets), then the file is imported as it is, in one call', async () => {
    const single = entryImportFile(readEntryWorkbook([posts(['C02', '', 'T01', '', '党委书记', '2014-03-01'])]), []);
    const { calls, run } = importRefusing(() => false);
    await importEntryRows(single, true, run);
    expect(calls.map((c) => c.dryRun)).toEqual([true]);
  });
});

describe('建档: a row refused for want of a registration names the registration’s row', () => {
  it('given a cadre’s registration refused for a cell, then the import’s 尚未登记 on its posts names that row; a unit registered after an appointment names its 登记日期’s row', () => {
    const reading = readEntryWorkbook([
      cadres(['C01', '张三', '男', '1975-06-01', '大学本科', '是', '否', '1996.07', '', '', '2012-03-01']),
      units(['T01', '华水乡', '乡镇', '', '2015-06-01']),
      posts(['C01', '张三', 'T01', '', '党委书记', '2012-03-01'], ['C02', '', 'T01', '', '党委书记', '2012-03-01']),
    ]);
    expect(reading.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([['干部基本信息', 3, '参加工作时间']]);
    const { sources } = entryImportFile(reading, reading.problems);
    const at = (id: string) => reading.lines.filter((l) => !reading.problems.some((p) => p.row === l.source.row && p.sheet === l.source.sheet)).findIndex((l) => l.line.id === id) + 1;
    const c01 = 'entry:appointment:C01:T01:PARTY_SECRETARY:2012-03-01';
    const c02 = 'entry:appointment:C02:T01:PARTY_SECRETARY:2012-03-01';
    const said = entryRejections(reading, reading.problems, [
      { line: at(c01), id: c01, rule: 'I', code: 'RULE_I_CADRE_NOT_REGISTERED', message: 'cadre C01 is not registered', messageZh: '干部 C01 尚未登记' },
      { line: at(c02), id: c02, rule: 'I', code: 'RULE_I_ORG_UNIT_NOT_YET_REGISTERED', message: 'org unit T01 is registered from 2015-06-01', messageZh: '单位 T01 自 2015-06-01 起登记' },
    ], sources);
    expect(said.map((r) => [r.sheet, r.row, r.messageZh])).toEqual([
      ['干部基本信息', 3, expect.stringContaining('“参加工作时间”须精确到日')],
      ['任职经历', 3, '干部 C01 尚未登记：其登记在工作表“干部基本信息”第 3 行，该行未导入，请先改正该行'],
      ['任职经历', 4, '单位 T01 自 2015-06-01 起登记：该单位的登记日期在工作表“单位”第 3 行，请核对'],
    ]);
  });
});

describe('建档: a post’s row changed after it was imported, and names padded for alignment', () => {
  it('given a removal date corrected in the sheet, then the rules’ refusal naming the stored removal says the row was imported before and what to do', () => {
    const reading = readEntryWorkbook([posts(['C01', '', 'T01', '', '党委书记', '2012-03-01', '', '2020-04-30', '交流'])]);
    const { sources } = entryImportFile(reading, []);
    const stored = 'entry:removal:C01:T01:PARTY_SECRETARY:2020-05-01';
    const [said] = entryRejections(reading, [], [{ line: 2, id: 'entry:removal:C01:T01:PARTY_SECRETARY:2020-04-30', rule: 'I', code: 'RULE_I_EVENT_BREAKS_HISTORY', message: 'm', messageZh: `记录将不再一致：事件 ${stored}（免去的职务并未担任）` }], sources);
    expect(said!.messageZh).toBe(`记录将不再一致：事件 ${stored}（免去的职务并未担任）。此行此前已按 2020-05-01 导入：已导入的记录不能改表重传，请在台账中撤回原记录（${stored}）后再导入，或改回原日期`);
  });

  it('given a name padded between its characters, then it is registered without the padding; a name in Latin letters keeps its spaces', () => {
    const reading = readEntryWorkbook([cadres(['C01', ' 张　三 ', '男', '1975-06-01', '大学本科', '是', '否', '', '', '', '2012-03-01'], ['C02', 'Ma Li', '女', '1985-02-11', '大学本科', '是', '否', '', '', '', '2012-03-01'])]);
    expect(reading.lines.map((l) => l.line.data.name)).toEqual(['张三', 'Ma Li']);
  });
});

describe('建档: what a second review found', () => {
  it('given one post in two rows, one with its removal and one without, then the later row is named as saying it otherwise (免职日期), not as a repeat to delete', () => {
    const reading = readEntryWorkbook([posts(['C01', '', 'T01', '', '副乡长', '2023-01-01'], ['C01', '', 'T01', '', '副乡长', '2023-01-01', '', '2024-06-01', '交流'])]);
    expect(reading.problems.map((p) => [p.row, p.code, p.column, p.messageZh])).toEqual([
      [
        4,
        'ENTRY_ROW_CONTRADICTS',
        '免职日期',
        '与工作表“任职经历”第 3 行是同一事项（编号 entry:appointment:C01:T01:DEPUTY_HEAD:2023-01-01），但“免职日期”不同（空 / 2024-06-01）：请保留正确的一行',
      ],
    ]);
  });

  it('given a successor refused under P2 for a predecessor whose row was refused, then the refusal names that row; a removal refused because its own appointment was is not listed again', () => {
    const reading = readEntryWorkbook([posts(['C04', '', 'T03', '', '镇长', '2018-05-01', '', '2021-03-01', '交流'], ['C03', '', 'T03', '', '镇长', '2021-03-01'])]);
    const { sources } = entryImportFile(reading, []);
    const predecessor = 'entry:appointment:C04:T03:HEAD:2018-05-01';
    const lineOf = (id: string) => reading.lines.findIndex((l) => l.line.id === id) + 1;
    const said = entryRejections(
      reading,
      [],
      [
        { line: lineOf(predecessor), id: predecessor, rule: 'I', code: 'RULE_I_ORG_UNIT_NOT_YET_REGISTERED', message: 'm', messageZh: '单位 T03 自 2019-01-01 起登记' },
        { line: lineOf('entry:removal:C04:T03:HEAD:2021-03-01'), id: 'entry:removal:C04:T03:HEAD:2021-03-01', rule: 'I', code: 'RULE_I_REMOVAL_OF_POST_NOT_HELD', message: 'm', messageZh: '2021-03-01 并未担任 T03 镇长，无从免去' },
        { line: lineOf('entry:appointment:C03:T03:HEAD:2021-03-01'), id: 'entry:appointment:C03:T03:HEAD:2021-03-01', rule: 'P2', code: 'RULE_P2_SINGLE_HOLDER', message: 'm', messageZh: `镇长由 C04 担任（事件 ${predecessor}）` },
      ],
      sources,
    );
    expect(said.map((r) => [r.row, r.messageZh])).toEqual([
      [3, '单位 T03 自 2019-01-01 起登记'],
      [4, `镇长由 C04 担任（事件 ${predecessor}）：所涉记录在工作表“任职经历”第 3 行，该行未导入，请先改正该行`],
    ]);
  });

  it('given more refusals than a report lists, then the rows of each list are left out in turn and no row is half written', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ['C0' + String(i), '', 'T01', '', '一般干部', '2020-01-01', '', '2021-01-01', '其他'] as EntryCell[]);
    const file = entryImportFile(readEntryWorkbook([posts(...rows)]), []);
    const sent: { ids: string[]; dryRun: boolean }[] = [];
    // An import listing at most 2 refusals, refusing every removal.
    const run = async (ndjson: string, dryRun: boolean) => {
      const ids = ndjson === '' ? [] : ndjson.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      sent.push({ ids, dryRun });
      const refused = ids.flatMap((id, i) => (id.startsWith('entry:removal:') ? [{ line: i + 1, id, rule: 'I', code: 'X', message: 'm', messageZh: 'm' }] : []));
      return { dryRun, lines: ids.length, accepted: ids.length - refused.length, appended: ids.length - refused.length, alreadyPresent: 0, rejectedCount: refused.length, rejected: refused.slice(0, 2) };
    };
    const result = await importEntryRows(file, false, run);
    expect(sent.map((s) => [s.dryRun, s.ids.length])).toEqual([
      [true, 10],
      [true, 6],
      [true, 2],
    ]);
    expect([result.accepted, result.rejectedCount, result.rejected.length, result.linesLeftOut]).toEqual([0, 10, 5, 5]);
  });
});
