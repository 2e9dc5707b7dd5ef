/**
 * 批量录入: the facts the department records for many cadres at once (the year's assessment grades,
 * health checks, trainings, talks, the townships' performance scores) filled in an Excel workbook and
 * turned into the import file's lines (EVENTS.md "Import file"), which then go through the import
 * like any other: the same capability check per line and the same rules. This file only reads cells
 * and writes lines; it decides nothing the domain decides. Pure (no files, no network), so the CLI
 * and the web app read a workbook with the very same code.
 *
 * A row's line id is its natural key (`entry:annual-assessment:C0001:2025`), so importing the same
 * workbook twice writes nothing new, and a row changed after it was imported is refused as
 * EVENT_ID_CONFLICT: a recorded fact is corrected by a correction, never by a second upload.
 */
import { GRADE_NAMES_ZH, isCalendarDate, isIdentifier, ROLES, type OrgUnitKind, type Role, LEVEL_NAMES_ZH, roleNameZh, TALK_KIND_NAMES_ZH, derivedEventId, MAX_EVENT_ID } from '@ledger/domain';
import type { LedgerTable, LedgerWorkbook } from './ledger-table';

/** A cell as an .xlsx reader gives it (read-excel-file: dates formatted as dates come as a Date at UTC midnight). */
export type EntryCell = string | number | boolean | Date | null | undefined;

/** One import line (EVENTS.md "Import file"). */
export interface EntryLine {
  readonly id: string;
  readonly type: EntryEventType;
  readonly cadreId?: string;
  readonly orgUnitId?: string;
  readonly effectiveDate: string;
  readonly documentRef?: string;
  readonly data: Record<string, unknown>;
}

export type EntryEventType = 'AnnualAssessmentRecorded' | 'HealthCheckCompleted' | 'TrainingCompleted' | 'TalkHeld' | 'TownshipPerformanceScored';

/** Where a line came from, to say a rejection by the clerk's own sheet and row. */
export interface EntrySource {
  readonly sheet: string;
  /** 1-based, as Excel numbers its rows. */
  readonly row: number;
}

/** A row refused as read: a cell that is not what its column (`column`, its heading) takes. */
export type EntryRowProblem = EntryRowRefusal & { readonly code: 'ENTRY_CELL_INVALID' | 'ENTRY_CELL_MISSING' };

/** A name written beside an id: the caller checks it against the ledger's (a row shifted against its names is the spreadsheet's commonest error). */
export interface EntryNameCheck extends EntrySource {
  readonly column: string;
  readonly cadreId?: string;
  readonly orgUnitId?: string;
  readonly name: string;
}

export interface EntryWorkbookReading {
  /** The lines to import, in sheet and row order, each with where it came from. */
  readonly lines: readonly { readonly line: EntryLine; readonly source: EntrySource }[];
  /** Rows refused before import: a cell that is not what its column takes. */
  readonly problems: readonly EntryRowProblem[];
  readonly names: readonly EntryNameCheck[];
  /** Rows of a pre-filled sheet left unfilled (only their pre-filled cells written): skipped, counted. */
  readonly unfilledRows: number;
  /** Each sheet read: its name, the kind of entry it holds, and its filled rows. */
  readonly sheets: readonly { readonly sheet: string; readonly kind: EntryKind; readonly titleZh: string; readonly rows: number }[];
  /** Columns no kind of entry takes (a clerk's 备注): not imported, said. */
  readonly ignoredColumns: readonly { readonly sheet: string; readonly column: string }[];
}

/** A workbook the ledger cannot read as entries at all: nothing of it is imported. */
export class EntryWorkbookRefused extends Error {
  readonly code = 'ENTRY_WORKBOOK_UNREADABLE';
  constructor(readonly messageZh: string, message: string) {
    super(message);
  }
}

export type EntryKind = 'annualAssessments' | 'townshipScores' | 'healthChecks' | 'trainings' | 'talks';

type Parsed = { readonly value: unknown } | { readonly problemZh: string; readonly problem: string };

interface EntryColumn {
  readonly header: string;
  /** The line's field it fills: the subject, `effectiveDate`, `documentRef`, `id`, or `data.x`; a name column checks an id. */
  readonly field: 'subject' | 'effectiveDate' | 'documentRef' | 'id' | `data.${string}` | 'name' | 'info';
  readonly required: boolean;
  /** Written by the template (ids, names, the year): a row with only these filled is skipped as unfilled. */
  readonly prefilled?: boolean;
  /** The id column a name column is checked against. */
  readonly namesColumn?: string;
  readonly parse?: (cell: Exclude<EntryCell, null | undefined | ''>) => Parsed;
  /** What the column takes, for the template's 说明 sheet. */
  readonly noteZh: string;
  /** The values a choice column takes, offered in the template as a drop-down list. */
  readonly choicesZh?: readonly string[];
}

interface EntrySheetDefinition {
  readonly kind: EntryKind;
  /** The sheet's name in the template, and what the ledger calls it. */
  readonly titleZh: string;
  readonly type: EntryEventType;
  readonly subject: 'cadre' | 'orgUnit';
  readonly columns: readonly EntryColumn[];
  /** The natural key: the line id when the row gives none. */
  readonly key: (line: Omit<EntryLine, 'id'>) => string;
}

// ---- cells ----

const ok = (value: unknown): Parsed => ({ value });
const bad = (problemZh: string, problem: string): Parsed => ({ problemZh, problem });

/** Text a cell holds, trimmed, as written (a programme's （秋季） keeps its full-width brackets); a number typed in a text column as Excel shows it. */
function cellText(cell: Exclude<EntryCell, null | undefined>): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * A cell read for its value (a date, a year, a score, a choice, an id): NFKC, so that full-width digits
 * and punctuation (２０２５．０１．２０, ９０, Ｃ０００１) are the half-width ones they stand for. Never
 * for free text, which is stored as the clerk wrote it.
 */
const cellString = (cell: Exclude<EntryCell, null | undefined>): string => cellText(cell).normalize('NFKC');

const parseText =
  (max: number, read: (cell: Exclude<EntryCell, null | undefined>) => string = cellText) =>
  (cell: Exclude<EntryCell, null | undefined | ''>): Parsed => {
    const text = read(cell);
    if (text.length > max) return bad(`不能超过 ${max} 个字符（现为 ${text.length} 个）`, `at most ${max} characters (got ${text.length})`);
    return ok(text);
  };
/** An id (a cadre's, a unit's, a record's): its full-width letters and digits as the half-width ones. */
const parseId = (max: number) => parseText(max, cellString);

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included): a date typed in a cell not formatted as a date stays this number. */
const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30) / 86_400_000;

// A time after the date (a date cell exported as text: `2026-05-20 00:00:00`) is read past; `20260520` is a date too.
const DATE_TEXT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** A date as the clerk writes it: a date cell, `2025-12-31`, `2025/12/31`, `2025.12.31` or `2025年12月31日`. */
export function parseEntryDate(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  let date: string | undefined;
  if (cell instanceof Date) date = Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  else if (typeof cell === 'number') {
    // A whole day number in the range of the ledger's dates (1900–2999), as Excel stores an unformatted date.
    if (Number.isInteger(cell) && cell > 0 && cell < 401_769) date = new Date((EXCEL_EPOCH_DAY + cell) * 86_400_000).toISOString().slice(0, 10);
    else if (Number.isInteger(cell)) date = String(cell).replace(COMPACT_DATE, '$1-$2-$3');
  } else if (typeof cell === 'string') {
    const text = cellString(cell);
    const m = DATE_TEXT.exec(text);
    if (m) date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    else if (COMPACT_DATE.test(text)) date = text.replace(COMPACT_DATE, '$1-$2-$3');
  }
  if (date === undefined || !isCalendarDate(date)) {
    return bad(`须为日期（如 2025-12-31 或 2025年12月31日），1900–2999 年间的真实日期；现为“${cellString(cell).slice(0, 40)}”`, `must be a date such as 2025-12-31 (1900–2999); got "${cellString(cell).slice(0, 40)}"`);
  }
  return ok(date);
}

function parseYear(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  const text = cellString(cell).replace(/\s*年度?$/, '');
  const year = /^\d{4}$/.test(text) ? Number(text) : typeof cell === 'number' ? cell : NaN;
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return bad(`须为年份（如 2025）；现为“${cellString(cell).slice(0, 40)}”`, `must be a year such as 2025; got "${cellString(cell).slice(0, 40)}"`);
  return ok(year);
}

function parseScore(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  const score = typeof cell === 'number' ? cell : /^[+]?\d+(\.\d+)?$/.test(cellString(cell)) ? Number(cellString(cell)) : NaN;
  if (!Number.isFinite(score) || score < 0 || score > 1000) return bad(`须为 0–1000 的数（如 92.5）；现为“${cellString(cell).slice(0, 40)}”`, `must be a number 0–1000; got "${cellString(cell).slice(0, 40)}"`);
  return ok(score);
}

/** A choice by its Chinese name (`优秀`) or its code (`EXCELLENT`). */
function parseChoice<T extends string>(names: Record<T, string>) {
  const byText = new Map<string, T>();
  for (const [code, name] of Object.entries(names) as [T, string][]) {
    byText.set(name, code);
    byText.set(code, code);
  }
  return (cell: Exclude<EntryCell, null | undefined | ''>): Parsed => {
    const text = cellString(cell);
    const code = byText.get(text) ?? byText.get(text.toUpperCase());
    return code ? ok(code) : bad(`须为 ${Object.values<string>(names).join('、')} 之一；现为“${text.slice(0, 40)}”`, `must be one of ${Object.keys(names).join(', ')}; got "${text.slice(0, 40)}"`);
  };
}

// ---- the sheets ----

const ID_NOTE = '与台账中的编号一致（模板已预填）';
const cadreIdColumn = (header = '干部编号'): EntryColumn => ({ header, field: 'subject', required: true, prefilled: true, parse: parseId(200), noteZh: ID_NOTE });
const nameColumn = (idColumn: string, header = '姓名'): EntryColumn => ({ header, field: 'name', required: false, prefilled: true, namesColumn: idColumn, noteZh: '与编号对应的姓名，用于核对：与台账不符的行不导入' });
const infoColumn = (header: string): EntryColumn => ({ header, field: 'info', required: false, prefilled: true, noteZh: '仅供填写时参考，不导入' });
const documentRefColumn: EntryColumn = { header: '文号', field: 'documentRef', required: false, parse: parseText(200), noteZh: '可不填' };
const idColumn: EntryColumn = { header: '记录编号', field: 'id', required: false, parse: parseId(MAX_EVENT_ID), noteZh: '可不填：不填时按干部（单位）、年度或日期自动生成，同一行重复导入不会重复写入' };
const dateColumn = (header: string, noteZh = '日期，如 2025-12-31'): EntryColumn => ({ header, field: 'effectiveDate', required: true, parse: parseEntryDate, noteZh });

const keyPart = (line: Omit<EntryLine, 'id'>) => line.cadreId ?? line.orgUnitId ?? '';

export const ENTRY_SHEETS: readonly EntrySheetDefinition[] = [
  {
    kind: 'annualAssessments',
    titleZh: '年度考核',
    type: 'AnnualAssessmentRecorded',
    subject: 'cadre',
    columns: [
      cadreIdColumn(),
      nameColumn('干部编号'),
      infoColumn('现任职务'),
      { header: '年度', field: 'data.year', required: true, prefilled: true, parse: parseYear, noteZh: '考核年度，如 2025' },
      { header: '考核等次', field: 'data.grade', required: true, parse: parseChoice(GRADE_NAMES_ZH), noteZh: Object.values(GRADE_NAMES_ZH).join('、'), choicesZh: Object.values(GRADE_NAMES_ZH) },
      dateColumn('确定日期', '考核结果确定（公布）的日期，不早于考核年度'),
      documentRefColumn,
      idColumn,
    ],
    key: (l) => `entry:annual-assessment:${keyPart(l)}:${String(l.data.year)}`,
  },
  {
    kind: 'townshipScores',
    titleZh: '乡镇绩效',
    type: 'TownshipPerformanceScored',
    subject: 'orgUnit',
    columns: [
      { header: '单位编号', field: 'subject', required: true, prefilled: true, parse: parseId(200), noteZh: ID_NOTE },
      { header: '单位名称', field: 'name', required: false, prefilled: true, namesColumn: '单位编号', noteZh: '与编号对应的乡镇名称，用于核对：与台账不符的行不导入' },
      { header: '年度', field: 'data.year', required: true, prefilled: true, parse: parseYear, noteZh: '考核年度，如 2025' },
      { header: '得分', field: 'data.score', required: true, parse: parseScore, noteZh: '年度目标绩效考核得分，0–1000' },
      dateColumn('确定日期', '得分确定（公布）的日期'),
      documentRefColumn,
      idColumn,
    ],
    key: (l) => `entry:township-score:${keyPart(l)}:${String(l.data.year)}`,
  },
  {
    kind: 'healthChecks',
    titleZh: '健康体检',
    type: 'HealthCheckCompleted',
    subject: 'cadre',
    columns: [cadreIdColumn(), nameColumn('干部编号'), infoColumn('现任职务'), dateColumn('体检日期'), idColumn],
    key: (l) => `entry:health-check:${keyPart(l)}:${l.effectiveDate}`,
  },
  {
    kind: 'trainings',
    titleZh: '教育培训',
    type: 'TrainingCompleted',
    subject: 'cadre',
    columns: [
      cadreIdColumn(),
      nameColumn('干部编号'),
      infoColumn('现任职务'),
      { header: '培训项目', field: 'data.programme', required: true, parse: parseText(200), noteZh: '培训班或项目名称' },
      { header: '培训层级', field: 'data.level', required: true, parse: parseChoice(LEVEL_NAMES_ZH), noteZh: Object.values(LEVEL_NAMES_ZH).join('、'), choicesZh: Object.values(LEVEL_NAMES_ZH) },
      dateColumn('结业日期'),
      documentRefColumn,
      idColumn,
    ],
    key: (l) => derivedEventId(`entry:training:${keyPart(l)}:${l.effectiveDate}`, String(l.data.programme)),
  },
  {
    kind: 'talks',
    titleZh: '谈心谈话',
    type: 'TalkHeld',
    subject: 'cadre',
    columns: [
      cadreIdColumn('谈话人编号'),
      nameColumn('谈话人编号', '谈话人姓名'),
      { header: '谈话对象编号', field: 'data.withCadreId', required: true, parse: parseId(200), noteZh: '被谈话干部的编号' },
      nameColumn('谈话对象编号', '谈话对象姓名'),
      { header: '谈话类型', field: 'data.kind', required: true, parse: parseChoice(TALK_KIND_NAMES_ZH), noteZh: Object.values(TALK_KIND_NAMES_ZH).join('、'), choicesZh: Object.values(TALK_KIND_NAMES_ZH) },
      dateColumn('谈话日期'),
      idColumn,
    ],
    key: (l) => `entry:talk:${keyPart(l)}:${String(l.data.withCadreId)}:${l.effectiveDate}:${String(l.data.kind)}`,
  },
];

/** A heading as a clerk may have retyped it: spaces and a required mark (`*`) aside. */
const normalHeader = (cell: EntryCell): string => (cell === null || cell === undefined ? '' : cellString(cell).replace(/[\s*＊]/g, ''));

const isBlank = (cell: EntryCell): cell is null | undefined | '' => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** The rows searched for a sheet's heading row (above it: the template's title and notes). */
const HEADER_SEARCH_ROWS = 30;

function findHeader(rows: readonly (readonly EntryCell[])[]): { definition: EntrySheetDefinition; at: number; columns: Map<string, number> } | undefined {
  for (let at = 0; at < Math.min(rows.length, HEADER_SEARCH_ROWS); at++) {
    const headers = rows[at]!.map(normalHeader);
    // The kind whose required headings the row has, the one matching most headings first (a talk's row also has 干部编号-like columns).
    const matches = ENTRY_SHEETS.filter((d) => d.columns.filter((c) => c.required).every((c) => headers.includes(c.header)))
      .map((d) => ({ d, matched: d.columns.filter((c) => headers.includes(c.header)).length }))
      .sort((a, b) => b.matched - a.matched);
    const best = matches[0];
    if (best) {
      const columns = new Map<string, number>();
      headers.forEach((h, i) => {
        if (h !== '' && !columns.has(h)) columns.set(h, i);
      });
      return { definition: best.d, at, columns };
    }
  }
  return undefined;
}

export interface EntrySheetInput {
  readonly sheet: string;
  readonly rows: readonly (readonly EntryCell[])[];
}

/** The sheet of notes the template carries: read past, never as entries. */
export const ENTRY_NOTES_SHEET = '填写说明';
const NOTES_HEADERS = ['工作表', '列', '是否必填', '填写要求'];

/** The notes sheet however it was renamed (说明, Sheet1): known by its table's headings (found by a review: renamed, it refused the workbook). */
const isNotesSheet = (rows: readonly (readonly EntryCell[])[]): boolean =>
  rows.slice(0, HEADER_SEARCH_ROWS).some((r) => NOTES_HEADERS.every((h, i) => normalHeader(r[i]) === h));

/**
 * A filled workbook read as import lines. Refused whole (EntryWorkbookRefused) when a sheet holding
 * anything is none of the kinds, a heading is given twice, or no sheet is; a row whose cell is not
 * what its column takes is a problem of that row alone.
 */
export function readEntryWorkbook(sheets: readonly EntrySheetInput[]): EntryWorkbookReading {
  const lines: { line: EntryLine; source: EntrySource }[] = [];
  const problems: EntryRowProblem[] = [];
  const names: EntryNameCheck[] = [];
  const read: { sheet: string; kind: EntryKind; titleZh: string; rows: number }[] = [];
  const ignoredColumns: { sheet: string; column: string }[] = [];
  let unfilledRows = 0;
  for (const { sheet, rows } of sheets) {
    if (sheet === ENTRY_NOTES_SHEET || isNotesSheet(rows)) continue;
    const found = findHeader(rows);
    if (!found) {
      if (rows.every((r) => r.every(isBlank))) continue;
      throw new EntryWorkbookRefused(
        `工作表“${sheet}”不是可批量录入的表：前 ${HEADER_SEARCH_ROWS} 行中没有表头行（${ENTRY_SHEETS.map((d) => `${d.titleZh}须有 ${d.columns.filter((c) => c.required).map((c) => c.header).join('、')}`).join('；')}）。请使用下载的模板，或删去该工作表后再导入；未导入任何内容。`,
        `sheet "${sheet}" is no entry sheet: no heading row in its first ${HEADER_SEARCH_ROWS} rows; nothing was imported`,
      );
    }
    const { definition, at, columns } = found;
    const headerCells = rows[at]!.map(normalHeader);
    const repeated = headerCells.find((h, i) => h !== '' && headerCells.indexOf(h) !== i && definition.columns.some((c) => c.header === h));
    if (repeated) {
      throw new EntryWorkbookRefused(`工作表“${sheet}”的表头中“${repeated}”出现了两次，无法确定取哪一列；未导入任何内容。`, `sheet "${sheet}" has the heading "${repeated}" twice; nothing was imported`);
    }
    for (const h of headerCells) if (h !== '' && !definition.columns.some((c) => c.header === h)) ignoredColumns.push({ sheet, column: h });
    let filled = 0;
    for (let r = at + 1; r < rows.length; r++) {
      const row = rows[r]!;
      const cellOf = (c: EntryColumn): EntryCell => {
        const i = columns.get(c.header);
        return i === undefined ? undefined : row[i];
      };
      if (definition.columns.every((c) => isBlank(cellOf(c)))) continue;
      if (definition.columns.every((c) => c.prefilled || isBlank(cellOf(c)))) {
        unfilledRows++;
        continue;
      }
      filled++;
      const source = { sheet, row: r + 1 };
      const rowProblems: EntryRowProblem[] = [];
      const fields: Record<string, unknown> = {};
      const data: Record<string, unknown> = {};
      for (const c of definition.columns) {
        const cell = cellOf(c);
        if (isBlank(cell)) {
          if (c.required) {
            rowProblems.push({ ...source, column: c.header, code: 'ENTRY_CELL_MISSING', messageZh: `“${c.header}”未填写（${c.noteZh}）`, message: `${c.header}: required` });
          }
          continue;
        }
        if (c.field === 'info') continue;
        if (c.field === 'name') {
          fields[`name:${c.namesColumn}`] = cellText(cell);
          continue;
        }
        const parsed = c.parse!(cell);
        if ('problemZh' in parsed) {
          rowProblems.push({ ...source, column: c.header, code: 'ENTRY_CELL_INVALID', messageZh: `“${c.header}”${parsed.problemZh}`, message: `${c.header}: ${parsed.problem}` });
          continue;
        }
        if (c.field.startsWith('data.')) data[c.field.slice(5)] = parsed.value;
        else fields[c.field === 'subject' ? c.header : c.field] = parsed.value;
      }
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        continue;
      }
      const subjectHeader = definition.columns.find((c) => c.field === 'subject')!.header;
      const subjectId = fields[subjectHeader] as string;
      const base: Omit<EntryLine, 'id'> = {
        type: definition.type,
        ...(definition.subject === 'cadre' ? { cadreId: subjectId } : { orgUnitId: subjectId }),
        effectiveDate: fields.effectiveDate as string,
        ...(fields.documentRef !== undefined ? { documentRef: fields.documentRef as string } : {}),
        data,
      };
      lines.push({ line: { id: (fields.id as string | undefined) ?? definition.key(base), ...base }, source });
      for (const c of definition.columns) {
        const name = fields[`name:${c.namesColumn}`];
        if (c.field !== 'name' || typeof name !== 'string') continue;
        const idColumnOf = definition.columns.find((d) => d.header === c.namesColumn)!;
        const id = idColumnOf.field === 'subject' ? subjectId : (data[idColumnOf.field.slice(5)] as string);
        names.push({ ...source, column: c.header, name, ...(definition.subject === 'orgUnit' && idColumnOf.field === 'subject' ? { orgUnitId: id } : { cadreId: id }) });
      }
    }
    read.push({ sheet, kind: definition.kind, titleZh: definition.titleZh, rows: filled });
  }
  if (read.length === 0) {
    throw new EntryWorkbookRefused(
      `工作簿中没有可批量录入的工作表（${ENTRY_SHEETS.map((d) => d.titleZh).join('、')}）；请使用下载的模板填写。未导入任何内容。`,
      'the workbook has no entry sheet; nothing was imported',
    );
  }
  return { lines, problems, names, unfilledRows, sheets: read, ignoredColumns };
}

/**
 * What was read, for the CLI's report and the web page alike: the sheets with rows filled (every sheet when
 * none is), each by its name and, where the clerk renamed it, what it holds; the rows left unfilled; the
 * columns not imported. `年度考核 5 行、教育培训（Sheet2）1 行；只有预填内容、未填写的 99 行跳过；未导入的列：…`
 */
export function entryReadingZh(reading: EntryWorkbookReading): string {
  const filled = reading.sheets.filter((s) => s.rows > 0);
  const sheets = (filled.length > 0 ? filled : reading.sheets).map((s) => `${s.sheet}${s.sheet === s.titleZh ? '' : `（${s.titleZh}）`} ${s.rows} 行`).join('、');
  const unfilled = reading.unfilledRows > 0 ? `；只有预填内容、未填写的 ${reading.unfilledRows} 行跳过` : '';
  const ignored = reading.ignoredColumns.length > 0 ? `；未导入的列：${reading.ignoredColumns.map((c) => `${c.sheet}的“${c.column}”`).join('、')}` : '';
  return `${sheets}${unfilled}${ignored}`;
}

/** A row refused before it became a line: a cell (ENTRY_CELL_*) or a name not the ledger's (ENTRY_NAME_MISMATCH). */
export interface EntryRowRefusal extends EntrySource {
  readonly column: string;
  readonly code: 'ENTRY_CELL_INVALID' | 'ENTRY_CELL_MISSING' | 'ENTRY_NAME_MISMATCH';
  readonly messageZh: string;
  readonly message: string;
}

/** The names the ledger has for the ids the sheets name (the roster's answer): an id it lacks is left to the import's own rules. */
export interface LedgerNames {
  readonly cadres: ReadonlyMap<string, string>;
  readonly orgUnits: ReadonlyMap<string, string>;
}

/**
 * Every cadre and org unit id the sheets name beside a name: what to ask the ledger's names of. Only
 * ids written as ids can be: a name typed in the id column is the import's to refuse, row by row (found
 * by a review: the web page asked for it, got a 400, and refused the whole workbook in English).
 */
export function entryNamedIds(reading: EntryWorkbookReading): { readonly cadreIds: string[]; readonly orgUnitIds: string[] } {
  const ids = (pick: (n: EntryNameCheck) => string | undefined) => [...new Set(reading.names.map(pick).filter((id): id is string => id !== undefined && isIdentifier(id)))];
  return { cadreIds: ids((n) => n.cadreId), orgUnitIds: ids((n) => n.orgUnitId) };
}

/**
 * A name as written in a sheet and the ledger's: equal but for spaces, since a two-character name is
 * customarily padded to the width of three (`张  三`, with a full-width space or two half-width ones).
 */
const bareName = (name: string): string => name.normalize('NFKC').replace(/[\s\u3000]/g, '');
const sameName = (a: string, b: string): boolean => bareName(a) === bareName(b);

/** The names written beside ids that are not the ledger's: each refuses its row before import. */
export function entryNameMismatches(reading: EntryWorkbookReading, ledger: LedgerNames): EntryRowRefusal[] {
  return reading.names.flatMap((check) => {
    const id = (check.cadreId ?? check.orgUnitId)!;
    const known = check.cadreId !== undefined ? ledger.cadres.get(id) : ledger.orgUnits.get(id);
    if (known === undefined || sameName(known, check.name)) return [];
    const what = check.orgUnitId !== undefined ? '单位名称' : '姓名';
    return [
      {
        sheet: check.sheet,
        row: check.row,
        column: check.column,
        code: 'ENTRY_NAME_MISMATCH' as const,
        messageZh: `“${check.column}”为“${check.name}”，台账中编号 ${id} 的${what}是“${known}”：请核对该行的编号与${what}`,
        message: `${check.column}: "${check.name}" is not the ledger's name of ${id} ("${known}")`,
      },
    ];
  });
}

/**
 * What goes to the import: the lines of the rows not refused, as the import file (EVENTS.md "Import
 * file"), with each line's source by its 1-based line number (`sources[line - 1]`).
 */
export function entryImportFile(reading: EntryWorkbookReading, refused: readonly EntryRowRefusal[]): { readonly ndjson: string; readonly sources: readonly EntrySource[] } {
  const out = new Set(refused.map(rowKey));
  const kept = reading.lines.filter((l) => !out.has(rowKey(l.source)));
  return { ndjson: kept.map((l) => `${JSON.stringify(l.line)}\n`).join(''), sources: kept.map((l) => l.source) };
}

const rowKey = (s: EntrySource): string => `${s.sheet}\u0000${s.row}`;

/** How many rows the refusals refuse (a row may be refused for two of its cells). */
export const refusedRowCount = (refused: readonly EntryRowRefusal[]): number => new Set(refused.map(rowKey)).size;

/** A refusal of the import (POST /v1/import's `rejected`, the CLI's), at least what the report shows. */
export interface ImportRefusalLike {
  readonly line: number;
  readonly id: string | null;
  readonly rule: string;
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
}

/** One refused row of the workbook, by its sheet and row: refused as read (`column`) or by the import (`line`, the rule). */
export type EntryRejection = (EntryRowRefusal & { readonly rule: 'I'; readonly id: null }) | (ImportRefusalLike & EntrySource);

/** The line's field as the sheet's column (`cadreId` → 干部编号, `data.withCadreId` → 谈话对象编号). */
function columnOf(definition: EntrySheetDefinition | undefined, field: string): string | undefined {
  if (!definition) return undefined;
  const subject = definition.subject === 'cadre' ? 'cadreId' : 'orgUnitId';
  return definition.columns.find((c) => (c.field === 'subject' ? field === subject : c.field === field))?.header;
}

/**
 * An import refusal in the workbook's words: its sheet and row, the column for the line's field, and
 * another line it names (`本文件第 1 行`, the import file's numbering) as that line's sheet and row
 * (found by a review: a repeated row named “第 1 行”, the sheet's caption).
 */
function inSheetWords(r: ImportRefusalLike & { readonly field?: string }, source: EntrySource, reading: EntryWorkbookReading, sources: readonly EntrySource[]): ImportRefusalLike & EntrySource & { readonly column?: string } {
  const kind = reading.sheets.find((s) => s.sheet === source.sheet)?.kind;
  const column = r.field === undefined ? undefined : columnOf(ENTRY_SHEETS.find((d) => d.kind === kind), r.field);
  const rowOf = (line: string) => sources[Number(line) - 1];
  let messageZh = r.messageZh.replace(/本文件第 (\d+) 行/g, (said, line: string) => {
    const other = rowOf(line);
    return other ? `工作表“${other.sheet}”第 ${other.row} 行` : said;
  });
  let message = r.message.replace(/line (\d+) of this file/g, (said, line: string) => {
    const other = rowOf(line);
    return other ? `sheet "${other.sheet}" row ${other.row}` : said;
  });
  if (column !== undefined && r.field !== undefined) {
    if (messageZh.startsWith(`${r.field}：`)) messageZh = `“${column}”：${messageZh.slice(r.field.length + 1)}`;
    if (message.startsWith(`${r.field}: `)) message = `${column} (${r.field}): ${message.slice(r.field.length + 2)}`;
  }
  return { ...r, ...source, messageZh, message, ...(column !== undefined ? { column } : {}) };
}

/** The refusals of the reading and of the import together, in the workbook's order (its sheets as given, then rows). */
export function entryRejections(
  reading: EntryWorkbookReading,
  refused: readonly EntryRowRefusal[],
  imported: readonly ImportRefusalLike[],
  sources: readonly EntrySource[],
): EntryRejection[] {
  const sheetOrder = new Map(reading.sheets.map((s, i) => [s.sheet, i]));
  const all: EntryRejection[] = [
    ...refused.map((r) => ({ ...r, rule: 'I' as const, id: null })),
    // A line the import reports without a source cannot be: every line sent has one. Kept, under the first sheet, rather than dropped.
    ...imported.map((r) => inSheetWords(r, sources[r.line - 1] ?? { sheet: reading.sheets[0]?.sheet ?? '', row: 0 }, reading, sources)),
  ];
  return all.sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row);
}

// ---- the template ----

export interface EntryTemplateCadre {
  readonly cadreId: string;
  readonly name: string;
  /** The post held on the template's date, as the roster says it. */
  readonly postZh: string;
}

export interface EntryTemplateInput {
  /** The year the assessment and score sheets are pre-filled for. */
  readonly year: number;
  /** The date the cadres' posts are read at. */
  readonly asOf: string;
  readonly cadres: readonly EntryTemplateCadre[];
  readonly townships: readonly { readonly orgUnitId: string; readonly name: string }[];
  /** False when the caller may not read the roster (a clerk: names are readHistory's): the cadre sheets come empty, and say why. */
  readonly withCadres: boolean;
}

/** The latest year over on `asOf` (a year's assessments are entered after it ends): 2025 on 2025-12-31, 2024 on 2025-12-30. */
export const lastYearEndedBy = (asOf: string): number => Number(asOf.slice(0, 4)) - (asOf.endsWith('-12-31') ? 0 : 1);

/** What the template reads of the roster's answer (GET /v1/cadres): kept structural, so that the web app needs no server types. */
export interface EntryTemplateRoster {
  readonly items: readonly { readonly cadreId: string; readonly name: string; readonly post: { readonly orgUnitId: string; readonly orgUnitName: string | null; readonly orgUnitKind: OrgUnitKind | null; readonly role: Role } | null }[];
  readonly townships: readonly { readonly orgUnitId: string; readonly name: string }[];
}

/**
 * The template's rows from the roster on `asOf` (every cadre, every township): the cadres holding a
 * post in a township (the teams the year's entries are about), by township then id.
 */
export function entryTemplateInputZh(roster: EntryTemplateRoster, options: { readonly asOf: string; readonly year?: number | undefined; readonly withCadres: boolean }): EntryTemplateInput {
  const inTownships = options.withCadres ? roster.items.filter((c) => c.post !== null && c.post.orgUnitKind === 'TOWNSHIP') : [];
  // By township, then by post (its secretary first, as a team is listed), then by id.
  const byTownship = [...inTownships].sort((a, b) => a.post!.orgUnitId.localeCompare(b.post!.orgUnitId) || ROLES.indexOf(a.post!.role) - ROLES.indexOf(b.post!.role) || a.cadreId.localeCompare(b.cadreId));
  return {
    asOf: options.asOf,
    year: options.year ?? lastYearEndedBy(options.asOf),
    cadres: byTownship.map((c) => ({ cadreId: c.cadreId, name: c.name, postZh: `${c.post!.orgUnitName ?? c.post!.orgUnitId}${roleNameZh(c.post!.role, { name: c.post!.orgUnitName, kind: c.post!.orgUnitKind })}` })),
    townships: roster.townships,
    withCadres: options.withCadres,
  };
}

/**
 * The workbook to fill: a sheet of notes, then one sheet a kind, those by cadre pre-filled with every
 * cadre holding a township post on `asOf` (ids and names, so that no id is typed by hand), the
 * townships' score sheet with every township.
 */
export function entryTemplateWorkbookZh(input: EntryTemplateInput): LedgerWorkbook {
  const sheetFor = (kind: EntryKind): EntrySheetDefinition => ENTRY_SHEETS.find((d) => d.kind === kind)!;
  const headers = (kind: EntryKind) => sheetFor(kind).columns.map((c) => (c.required ? `${c.header}*` : c.header));
  const cadreRows = (kind: EntryKind) =>
    input.cadres.map((c) => sheetFor(kind).columns.map((col) => (col.field === 'subject' ? c.cadreId : col.field === 'name' ? c.name : col.field === 'info' ? c.postZh : col.field === 'data.year' ? input.year : '')));
  // The cells left to fill wide enough to write in (a date, a document number), not as narrow as their empty content.
  const fillWidth = (c: EntryColumn): number => (c.prefilled ? 0 : c.field === 'effectiveDate' ? 14 : c.field === 'documentRef' || c.field === 'data.programme' ? 24 : 12);
  const sheet = (kind: EntryKind, caption: string, rows: LedgerTable['rows']): LedgerTable => ({
    sheetName: sheetFor(kind).titleZh,
    caption: [caption],
    headers: headers(kind),
    rows,
    emptyRow: false,
    minWidths: sheetFor(kind).columns.map(fillWidth),
    choices: sheetFor(kind).columns.map((c) => c.choicesZh),
  });
  const notes: LedgerTable = {
    sheetName: ENTRY_NOTES_SHEET,
    caption: [
      input.withCadres
        ? `批量录入模板：干部名单按 ${input.asOf} 在乡镇任职者预填（${input.cadres.length} 人），年度考核与乡镇绩效按 ${input.year} 年度预填。`
        : `批量录入模板：年度考核与乡镇绩效按 ${input.year} 年度预填；当前角色无权查阅干部名册，干部名单未预填，请自行填写干部编号和姓名。`,
      '填好后在网页“批量录入”上传，或用命令行 import 文件.xlsx 导入：先试导入核对，再正式导入。每行按与逐条录入相同的规则校验，被拒绝的行不写入，注明工作表、行号和原因。',
      '带 * 的列必填；每行逐格填写，不要合并单元格（合并后只有第一行有内容，其余各行按未填写处理）；只有预填内容、未填写的行跳过；可删去不需要的行和工作表；表头行以上的说明可删，表头不要改。已导入的行再次导入不会重复写入；已导入的内容如有错误，请在台账中更正，不要改表后重传（会被拒绝）。',
    ],
    headers: ['工作表', '列', '是否必填', '填写要求'],
    rows: ENTRY_SHEETS.flatMap((d) => d.columns.map((c) => [d.titleZh, c.header, c.required ? '必填' : '选填', c.noteZh])),
  };
  return {
    fileStem: `批量录入模板-${input.year}年度`,
    tables: [
      notes,
      sheet('annualAssessments', `${input.year} 年度考核结果：每名干部一行，填写考核等次和确定日期。`, cadreRows('annualAssessments')),
      sheet(
        'townshipScores',
        `${input.year} 年度乡镇目标绩效考核得分：每个乡镇一行。`,
        input.townships.map((t) => sheetFor('townshipScores').columns.map((col) => (col.field === 'subject' ? t.orgUnitId : col.field === 'name' ? t.name : col.field === 'data.year' ? input.year : ''))),
      ),
      sheet('healthChecks', '健康体检：填写体检日期；一名干部多次体检的，复制该行分别填写。', cadreRows('healthChecks')),
      sheet('trainings', '教育培训：每名干部每次培训一行（可从其他表复制干部编号和姓名）。', []),
      sheet('talks', '谈心谈话、提醒谈话：每次谈话一行。', []),
    ],
  };
}
