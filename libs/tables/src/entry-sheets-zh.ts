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
import {
  derivedEventId,
  EDUCATION_NAMES_ZH,
  GENDER_NAMES_ZH,
  GRADE_NAMES_ZH,
  isCalendarDate,
  isIdentifier,
  LEVEL_NAMES_ZH,
  MAX_EVENT_ID,
  ORG_UNIT_KIND_NAMES_ZH,
  ASSESSMENT_CLASS_NAMES_ZH,
  RANK_NAMES_ZH,
  REMOVAL_REASON_NAMES_ZH,
  ROLE_NAMES_ZH,
  roleNameZh,
  ROLES,
  TALK_KIND_NAMES_ZH,
  type OrgUnitKind,
  type Role,
} from '@ledger/domain';
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
  /** A policy rule departed from knowingly (RULES.md "Two kinds of rule"): the row's 例外理由. */
  readonly override?: { readonly reason: string };
}

export type EntryEventType =
  | 'AnnualAssessmentRecorded'
  | 'HealthCheckCompleted'
  | 'TrainingCompleted'
  | 'TalkHeld'
  | 'TownshipPerformanceScored'
  | 'OrgUnitRegistered'
  | 'CadreRegistered'
  | 'RankSet'
  | 'AppointedToPost'
  | 'RemovedFromPost';

/** Where a line came from, to say a rejection by the clerk's own sheet and row. */
export interface EntrySource {
  readonly sheet: string;
  /** 1-based, as Excel numbers its rows. */
  readonly row: number;
}

/** A row refused as read: a cell that is not what its column (`column`, its heading) takes, or a row another one already gives (the same fact, or the same fact said otherwise). */
export type EntryRowProblem = EntryRowRefusal & { readonly code: 'ENTRY_CELL_INVALID' | 'ENTRY_CELL_MISSING' | 'ENTRY_ROW_REPEATED' | 'ENTRY_ROW_CONTRADICTS' };

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
  /** The rows registering a cadre or a unit, read or refused as read: a row refused for want of one names it. */
  readonly registrationRows?: readonly { readonly type: EntryEventType; readonly id: string; readonly source: EntrySource }[];
}

/** A workbook the ledger cannot read as entries at all: nothing of it is imported. */
export class EntryWorkbookRefused extends Error {
  readonly code = 'ENTRY_WORKBOOK_UNREADABLE';
  constructor(readonly messageZh: string, message: string) {
    super(message);
  }
}

export type EntryKind = 'annualAssessments' | 'townshipScores' | 'healthChecks' | 'trainings' | 'talks' | 'orgUnits' | 'cadres' | 'posts';


type Parsed = { readonly value: unknown } | { readonly problemZh: string; readonly problem: string };

interface EntryColumn {
  readonly header: string;
  /**
   * The line's field it fills: the subject, `effectiveDate`, `documentRef`, `id`, `override` (its
   * reason), or `data.x` (`data.education.level` nested); a name column checks an id; an `extra.x`
   * column is read for the row's further lines (a post's removal, a cadre's rank).
   */
  readonly field: 'subject' | 'effectiveDate' | 'documentRef' | 'id' | 'override' | `data.${string}` | `extra.${string}` | 'name' | 'info';
  /** What a name column's id names, when not the sheet's subject: a 任职经历 row's 单位名称 checks its 单位编号. */
  readonly namesKind?: 'cadre' | 'orgUnit';
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
  /** Where its lines go in the import: units before the cadres posted to them, cadres before their posts, posts before the year's facts. */
  readonly phase: EntryPhase;
  /** The row's further lines (a post's removal, a cadre's rank), or why its extra cells do not make one. */
  readonly extraLines?: (line: EntryLine, extra: Readonly<Record<string, unknown>>) => ExtraLines;
  /** The sheet's column for a field of a further line's type (免职日期 for a removal's `effectiveDate`), to say its refusals. */
  readonly extraColumns?: Partial<Record<EntryEventType, Readonly<Record<string, string>>>>;
}

/**
 * The order the lines are imported in, whatever the order of the sheets and rows: an appointment needs
 * its unit and its cadre registered, and a post must be vacated before its next holder is appointed
 * (P2), so posts go by date across every row and sheet.
 */
const PHASE = { orgUnits: 0, cadres: 1, ranks: 2, posts: 3, yearFacts: 4 } as const;
type EntryPhase = (typeof PHASE)[keyof typeof PHASE];

type ExtraLines = { readonly lines: readonly { readonly line: EntryLine; readonly phase: EntryPhase }[] } | { readonly problems: readonly { readonly column: string; readonly problemZh: string; readonly problem: string; readonly code?: 'ENTRY_CELL_MISSING' }[] };

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
  const monthOnly = typeof cell === 'string' ? /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(cellString(cell)) : null;
  if (monthOnly) {
    return bad(`须精确到日（如 ${monthOnly[1]}-${monthOnly[2]!.padStart(2, '0')}-01）；现为“${cellString(cell)}”，只有年月：请按任免文件或档案补全日期`, `must be a whole date (year, month and day); got only a year and month, "${cellString(cell)}"`);
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

/** A choice by its Chinese name (`优秀`), its code (`EXCELLENT`), or a name a clerk customarily writes for it (`镇长`). */
function parseChoice<T extends string>(names: Record<T, string>, aliases: Readonly<Record<string, T>> = {}, severalZh = '一格只填一项') {
  const byText = new Map<string, T>(Object.entries(aliases) as [string, T][]);
  for (const [code, name] of Object.entries(names) as [T, string][]) {
    byText.set(name, code);
    byText.set(code, code);
  }
  // The other spellings taken, said in the refusal (found by a review: they were in the notes sheet alone).
  const spellings = Object.keys(aliases);
  const also = spellings.length > 0 ? `（亦可写 ${spellings.slice(0, 6).join('、')}${spellings.length > 6 ? ' 等' : ''}）` : '';
  return (cell: Exclude<EntryCell, null | undefined | ''>): Parsed => {
    const text = cellString(cell);
    const code = byText.get(text) ?? byText.get(text.toUpperCase());
    if (code) return ok(code);
    const several = /[、，,/；;]/.test(text) ? `；${severalZh}` : '';
    return bad(`须为 ${Object.values<string>(names).join('、')} 之一${also}；现为“${text.slice(0, 40)}”${several}`, `must be one of ${Object.keys(names).join(', ')}; got "${text.slice(0, 40)}"`);
  };
}

const YES_NO_ZH = ['是', '否'] as const;
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '√', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '×', '0']);

/** 是 / 否 (or a TRUE / FALSE cell, Y / N, √ / ×, 1 / 0). */
function parseYesNo(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellString(cell).toUpperCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return bad(`须为“是”或“否”；现为“${cellString(cell).slice(0, 40)}”`, `must be 是 (yes) or 否 (no); got "${cellString(cell).slice(0, 40)}"`);
}

/** 考核类别 1–3: `第一类`, `一类` or `1`. */
function parseAssessmentClass(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  const text = cellString(cell).replace(/^第/, '').replace(/类$/, '');
  const n = ({ 一: 1, 二: 2, 三: 3, '1': 1, '2': 2, '3': 3 } as Record<string, number>)[text];
  return n !== undefined ? ok(n) : bad(`须为 第一类、第二类、第三类 之一（或 1–3）；现为“${cellString(cell).slice(0, 40)}”`, `must be an assessment class 1–3; got "${cellString(cell).slice(0, 40)}"`);
}

// A township's posts as a clerk writes them in a 任免 record (乡长, 镇党委书记), and a county department's (局长).
const ROLE_ALIASES_ZH: Readonly<Record<string, Role>> = {
  乡党委书记: 'PARTY_SECRETARY',
  镇党委书记: 'PARTY_SECRETARY',
  乡镇党委书记: 'PARTY_SECRETARY',
  乡长: 'HEAD',
  镇长: 'HEAD',
  局长: 'HEAD',
  乡党委副书记: 'DEPUTY_PARTY_SECRETARY',
  镇党委副书记: 'DEPUTY_PARTY_SECRETARY',
  副乡长: 'DEPUTY_HEAD',
  副镇长: 'DEPUTY_HEAD',
  副局长: 'DEPUTY_HEAD',
  书记: 'PARTY_SECRETARY',
  副书记: 'DEPUTY_PARTY_SECRETARY',
  乡人大主席: 'PEOPLES_CONGRESS_CHAIR',
  镇人大主席: 'PEOPLES_CONGRESS_CHAIR',
  人大主席团主席: 'PEOPLES_CONGRESS_CHAIR',
  // The party committee's members (党委委员) with their charges are the team's other members (P1).
  党委委员: 'TEAM_MEMBER',
  纪委书记: 'TEAM_MEMBER',
  组织委员: 'TEAM_MEMBER',
  宣传委员: 'TEAM_MEMBER',
  武装部长: 'TEAM_MEMBER',
  工作人员: 'STAFF',
  科员: 'STAFF',
  办事员: 'STAFF',
};
const REMOVAL_REASON_ALIASES_ZH: Readonly<Record<string, keyof typeof REMOVAL_REASON_NAMES_ZH>> = { 换届: 'END_OF_TERM', 届满: 'END_OF_TERM', 调任: 'TRANSFER', 调离: 'TRANSFER', 转任: 'TRANSFER' };
const EDUCATION_ALIASES_ZH: Readonly<Record<string, keyof typeof EDUCATION_NAMES_ZH>> = { 博士: 'DOCTORATE', 硕士: 'MASTER', 本科: 'BACHELOR', 大专: 'COLLEGE', 专科: 'COLLEGE', 中专: 'SECONDARY', 高中: 'SECONDARY' };
const ORG_UNIT_KIND_ALIASES_ZH: Readonly<Record<string, OrgUnitKind>> = { 乡: 'TOWNSHIP', 镇: 'TOWNSHIP' };

/**
 * A cadre's name as registered: the spaces a two-character name is customarily padded with (`张  三`,
 * `张　三`) left out, since the ledger would otherwise show them everywhere (found by a review); any
 * other space, as in a name written in Latin letters, is kept.
 */
function parsePersonName(cell: Exclude<EntryCell, null | undefined | ''>): Parsed {
  const parsed = parseText(100)(cell);
  return 'value' in parsed ? ok(String(parsed.value).replace(/(?<=\p{Script=Han})[\s\u3000]+(?=\p{Script=Han})/gu, '')) : parsed;
}

/** What a 简历 writes for a post still held (`2016.03—至今`): the same as a 免职日期 left blank. */
const STILL_HELD = new Set(['至今', '今', '现在', '在任', '现任']);
const parseEndDate = (cell: Exclude<EntryCell, null | undefined | ''>): Parsed => (typeof cell === 'string' && STILL_HELD.has(cellString(cell)) ? ok(undefined) : parseEntryDate(cell));

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
    phase: PHASE.yearFacts,
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
    phase: PHASE.yearFacts,
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
    phase: PHASE.yearFacts,
    titleZh: '健康体检',
    type: 'HealthCheckCompleted',
    subject: 'cadre',
    columns: [cadreIdColumn(), nameColumn('干部编号'), infoColumn('现任职务'), dateColumn('体检日期'), idColumn],
    key: (l) => `entry:health-check:${keyPart(l)}:${l.effectiveDate}`,
  },
  {
    kind: 'trainings',
    phase: PHASE.yearFacts,
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
    phase: PHASE.yearFacts,
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
  {
    kind: 'orgUnits',
    phase: PHASE.orgUnits,
    titleZh: '单位',
    type: 'OrgUnitRegistered',
    subject: 'orgUnit',
    columns: [
      { header: '单位编号', field: 'subject', required: true, parse: parseId(200), noteZh: '新单位的编号，如 T0021；台账中已有的单位不要再填' },
      { header: '单位名称', field: 'data.name', required: true, parse: parseText(200), noteZh: '如 青山镇、县发展和改革局' },
      { header: '单位类别', field: 'data.kind', required: true, parse: parseChoice(ORG_UNIT_KIND_NAMES_ZH, ORG_UNIT_KIND_ALIASES_ZH), noteZh: Object.values(ORG_UNIT_KIND_NAMES_ZH).join('、'), choicesZh: Object.values(ORG_UNIT_KIND_NAMES_ZH) },
      { header: '考核类别', field: 'data.assessmentClass', required: false, parse: parseAssessmentClass, noteZh: '年度考核的类别：第一类、第二类、第三类；可不填', choicesZh: ['第一类', '第二类', '第三类'] },
      dateColumn('登记日期', '单位记入台账的日期：不得晚于在该单位最早的任职日期（可填单位设立日期）'),
      documentRefColumn,
      idColumn,
    ],
    key: (l) => `entry:org-unit:${keyPart(l)}`,
  },
  {
    kind: 'cadres',
    phase: PHASE.cadres,
    titleZh: '干部基本信息',
    type: 'CadreRegistered',
    subject: 'cadre',
    columns: [
      { header: '干部编号', field: 'subject', required: true, parse: parseId(200), noteZh: '新干部的编号，如 C0301；台账中已有的干部不要再填' },
      { header: '姓名', field: 'data.name', required: true, parse: parsePersonName, noteZh: '如 张三（为对齐而加在字间的空格不计）' },
      { header: '性别', field: 'data.gender', required: true, parse: parseChoice(GENDER_NAMES_ZH), noteZh: '男、女', choicesZh: Object.values(GENDER_NAMES_ZH) },
      { header: '出生日期', field: 'data.birthDate', required: true, parse: parseEntryDate, noteZh: '完整日期，如 1985-03-12' },
      { header: '学历', field: 'data.education.level', required: true, parse: parseChoice(EDUCATION_NAMES_ZH, EDUCATION_ALIASES_ZH), noteZh: `最高学历：${Object.values(EDUCATION_NAMES_ZH).join('、')}`, choicesZh: Object.values(EDUCATION_NAMES_ZH) },
      { header: '全日制', field: 'data.education.fullTime', required: true, parse: parseYesNo, noteZh: '该学历是否为全日制教育：是、否', choicesZh: YES_NO_ZH },
      { header: '双一流高校', field: 'data.education.doubleFirstClass', required: true, parse: parseYesNo, noteZh: '毕业院校是否为“双一流”建设高校：是、否', choicesZh: YES_NO_ZH },
      { header: '参加工作时间', field: 'data.workStartDate', required: false, parse: parseEntryDate, noteZh: '日期，如 2008-07-01；可不填' },
      { header: '职级', field: 'extra.rank', required: false, parse: parseChoice(RANK_NAMES_ZH), noteZh: `建档时所任职级：${Object.values(RANK_NAMES_ZH).join('、')}；可不填`, choicesZh: Object.values(RANK_NAMES_ZH) },
      { header: '任现职级时间', field: 'extra.rankSince', required: false, parse: parseEntryDate, noteZh: '填写职级时必填：任该职级的日期，晋升年限由此起算' },
      dateColumn('建档日期', '记入台账的日期（如干部任免审批表的填表日期），不影响任职年限的计算'),
      documentRefColumn,
      idColumn,
    ],
    key: (l) => `entry:cadre:${keyPart(l)}`,
    extraLines: (line, extra) => {
      const { rank, rankSince } = extra;
      if (rank === undefined && rankSince === undefined) return { lines: [] };
      if (rank === undefined) return { problems: [{ column: '职级', code: 'ENTRY_CELL_MISSING', problemZh: '未填写（已填任现职级时间）', problem: 'required with 任现职级时间' }] };
      if (rankSince === undefined) return { problems: [{ column: '任现职级时间', code: 'ENTRY_CELL_MISSING', problemZh: '未填写（已填职级）', problem: 'required with 职级' }] };
      const rankLine: EntryLine = {
        id: derivedEventId(line.id, 'rank'),
        type: 'RankSet',
        cadreId: line.cadreId!,
        effectiveDate: rankSince as string,
        // Not the registration's 文号: the rank was decided by another document, which the sheet does not ask.
        data: { rank },
      };
      return { lines: [{ line: rankLine, phase: PHASE.ranks }] };
    },
    extraColumns: { RankSet: { effectiveDate: '任现职级时间', 'data.rank': '职级' } },
  },
  {
    kind: 'posts',
    phase: PHASE.posts,
    titleZh: '任职经历',
    type: 'AppointedToPost',
    subject: 'cadre',
    columns: [
      { header: '干部编号', field: 'subject', required: true, parse: parseId(200), noteZh: '台账中或本工作簿“干部基本信息”中的干部编号' },
      { ...nameColumn('干部编号'), prefilled: false, noteZh: '与编号对应的姓名，用于核对：与台账或“干部基本信息”不符的行不导入' },
      { header: '单位编号', field: 'data.orgUnitId', required: true, parse: parseId(200), noteZh: '台账中或本工作簿“单位”中的单位编号' },
      { header: '单位名称', field: 'name', required: false, namesColumn: '单位编号', namesKind: 'orgUnit', noteZh: '与编号对应的单位名称，用于核对：与台账或“单位”不符的行不导入' },
      { header: '职务', field: 'data.role', required: true, parse: parseChoice(ROLE_NAMES_ZH, ROLE_ALIASES_ZH, '一格只填一项，兼任的职务请分行填写'), noteZh: `${Object.values(ROLE_NAMES_ZH).join('、')}（乡长、镇长、镇党委书记等写法亦可）`, choicesZh: Object.values(ROLE_NAMES_ZH) },
      dateColumn('任职日期', '任职的生效日期，如 2016-03-01'),
      { header: '任职文号', field: 'documentRef', required: false, parse: parseText(200), noteZh: '可不填' },
      { header: '免职日期', field: 'extra.removedOn', required: false, parse: parseEndDate, noteZh: '仍在任的不填；调任他职的，新职务另起一行，任职日期与此相同则任职期间前后衔接' },
      { header: '免职原因', field: 'extra.reason', required: false, parse: parseChoice(REMOVAL_REASON_NAMES_ZH, REMOVAL_REASON_ALIASES_ZH), noteZh: `填写免职日期时必填：${Object.values(REMOVAL_REASON_NAMES_ZH).join('、')}`, choicesZh: Object.values(REMOVAL_REASON_NAMES_ZH) },
      { header: '免职文号', field: 'extra.removalRef', required: false, parse: parseText(200), noteZh: '可不填' },
      { header: '市委组织部批复文号', field: 'extra.municipalApproval', required: false, parse: parseText(200), noteZh: '乡镇党政正职任现职不满三年即调整的，须有市委组织部批复（十项措施第四条）：填其文号' },
      { header: '例外理由', field: 'override', required: false, parse: parseText(500), noteZh: '仅在该行违反政策规则而仍须如实录入时填写（如不满三年调整而无批复），对该行的任职和免职均适用，并列入合规提示' },
    ],
    key: (l) => derivedEventId(`entry:appointment:${keyPart(l)}`, `${String(l.data.orgUnitId)}:${String(l.data.role)}:${l.effectiveDate}`),
    extraLines: (line, extra) => {
      const { removedOn, reason, removalRef, municipalApproval } = extra as { removedOn?: string; reason?: string; removalRef?: string; municipalApproval?: string };
      if (removedOn === undefined) {
        const stray = reason !== undefined ? '免职原因' : removalRef !== undefined ? '免职文号' : municipalApproval !== undefined ? '市委组织部批复文号' : undefined;
        return stray === undefined ? { lines: [] } : { problems: [{ column: '免职日期', code: 'ENTRY_CELL_MISSING', problemZh: `未填写（已填${stray}）`, problem: `required with ${stray}` }] };
      }
      if (reason === undefined) return { problems: [{ column: '免职原因', code: 'ENTRY_CELL_MISSING', problemZh: '未填写（已填免职日期）', problem: 'required with 免职日期' }] };
      if (removedOn < line.effectiveDate) return { problems: [{ column: '免职日期', problemZh: `${removedOn} 早于任职日期 ${line.effectiveDate}`, problem: `${removedOn} is before the appointment ${line.effectiveDate}` }] };
      const removal: EntryLine = {
        id: derivedEventId(`entry:removal:${keyPart(line)}`, `${String(line.data.orgUnitId)}:${String(line.data.role)}:${removedOn}`),
        type: 'RemovedFromPost',
        cadreId: line.cadreId!,
        effectiveDate: removedOn,
        ...(removalRef !== undefined ? { documentRef: removalRef } : {}),
        data: { orgUnitId: line.data.orgUnitId, role: line.data.role, reason, ...(municipalApproval !== undefined ? { approval: { level: 'MUNICIPAL', ref: municipalApproval } } : {}) },
        ...(line.override !== undefined ? { override: line.override } : {}),
      };
      return { lines: [{ line: removal, phase: PHASE.posts }] };
    },
    extraColumns: {
      RemovedFromPost: { effectiveDate: '免职日期', documentRef: '免职文号', 'data.reason': '免职原因', 'data.approval': '市委组织部批复文号', 'data.orgUnitId': '单位编号', 'data.role': '职务', override: '例外理由' },
    },
  },
];

/** A heading as a clerk may have retyped it: spaces and a required mark (`*`) aside. */
const normalHeader = (cell: EntryCell): string => (cell === null || cell === undefined ? '' : cellString(cell).replace(/[\s*＊"“”'‘’]/g, ''));

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

/** The heading row a kind's headings are most of, when none is whole: to name the columns it lacks. */
function nearestHeader(rows: readonly (readonly EntryCell[])[]): { definition: EntrySheetDefinition; row: number; missing: string[] } | undefined {
  let best: { definition: EntrySheetDefinition; row: number; missing: string[]; share: number } | undefined;
  for (let at = 0; at < Math.min(rows.length, HEADER_SEARCH_ROWS); at++) {
    const headers = rows[at]!.map(normalHeader);
    for (const definition of ENTRY_SHEETS) {
      const required = definition.columns.filter((c) => c.required).map((c) => c.header);
      const missing = required.filter((h) => !headers.includes(h));
      const share = (required.length - missing.length) / required.length;
      if (share >= 0.5 && (best === undefined || share > best.share)) best = { definition, row: at + 1, missing, share };
    }
  }
  return best;
}

export interface EntrySheetInput {
  readonly sheet: string;
  readonly rows: readonly (readonly EntryCell[])[];
}

/** The sheet of notes the template carries: read past, never as entries. */
export const ENTRY_NOTES_SHEET = '填写说明';
const NOTES_HEADERS = ['工作表', '列', '是否必填', '填写要求'];

/** The 建档 template's list of the units the ledger already has: to look ids up in, never read as entries. */
export const ENTRY_KNOWN_UNITS_SHEET = '台账已有单位';
const KNOWN_UNITS_HEADERS = ['台账已有单位编号', '单位名称', '单位类别', '考核类别', '登记日期'];

/** A sheet the template carries for the clerk (the notes, the units already in the ledger), however renamed (说明, Sheet1): known by its table's headings (found by a review: a renamed notes sheet refused the workbook). */
const isNotesSheet = (rows: readonly (readonly EntryCell[])[]): boolean =>
  rows.slice(0, HEADER_SEARCH_ROWS).some((r) => [NOTES_HEADERS, KNOWN_UNITS_HEADERS].some((headers) => headers.every((h, i) => normalHeader(r[i]) === h)));

/**
 * A filled workbook read as import lines. Refused whole (EntryWorkbookRefused) when a sheet holding
 * anything is none of the kinds, a heading is given twice, or no sheet is; a row whose cell is not
 * what its column takes is a problem of that row alone.
 */
export function readEntryWorkbook(sheets: readonly EntrySheetInput[]): EntryWorkbookReading {
  const lines: { line: EntryLine; source: EntrySource; phase: EntryPhase }[] = [];
  const problems: EntryRowProblem[] = [];
  const names: EntryNameCheck[] = [];
  const read: { sheet: string; kind: EntryKind; titleZh: string; rows: number }[] = [];
  const ignoredColumns: { sheet: string; column: string }[] = [];
  const registrationRows: { type: EntryEventType; id: string; source: EntrySource }[] = [];
  let unfilledRows = 0;
  for (const { sheet, rows } of sheets) {
    if (sheet === ENTRY_NOTES_SHEET || sheet === ENTRY_KNOWN_UNITS_SHEET || isNotesSheet(rows)) continue;
    const found = findHeader(rows);
    if (!found) {
      if (rows.every((r) => r.every(isBlank))) continue;
      const near = nearestHeader(rows);
      if (near) {
        throw new EntryWorkbookRefused(
          `工作表“${sheet}”第 ${near.row} 行像是“${near.definition.titleZh}”的表头，但缺少必填的列：${near.missing.map((h) => `“${h}”`).join('、')}。请补上这些列（可从下载的模板复制表头）后再导入；未导入任何内容。`,
          `sheet "${sheet}" row ${near.row} looks like the headings of ${near.definition.kind} but lacks ${near.missing.join(', ')}; nothing was imported`,
        );
      }
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
      const extra: Record<string, unknown> = {};
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
        if (c.field.startsWith('data.')) setPath(data, c.field.slice(5), parsed.value);
        else if (c.field.startsWith('extra.')) extra[c.field.slice(6)] = parsed.value;
        else fields[c.field === 'subject' ? c.header : c.field] = parsed.value;
      }
      const subjectOfRow = fields[definition.columns.find((c) => c.field === 'subject')!.header];
      // A registration row, read or refused as read: kept by its subject, so that the rows leaning on it can name it.
      if (typeof subjectOfRow === 'string' && (definition.type === 'CadreRegistered' || definition.type === 'OrgUnitRegistered')) {
        registrationRows.push({ type: definition.type, id: subjectOfRow, source });
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
        ...(fields.override !== undefined ? { override: { reason: fields.override as string } } : {}),
      };
      const line: EntryLine = { id: (fields.id as string | undefined) ?? definition.key(base), ...base };
      const more = definition.extraLines?.(line, extra) ?? { lines: [] };
      if ('problems' in more) {
        problems.push(...more.problems.map((p) => ({ ...source, column: p.column, code: p.code ?? ('ENTRY_CELL_INVALID' as const), messageZh: `“${p.column}”${p.problemZh}`, message: `${p.column}: ${p.problem}` })));
        continue;
      }
      lines.push({ line, source, phase: definition.phase }, ...more.lines.map((l) => ({ ...l, source })));
      for (const c of definition.columns) {
        const name = fields[`name:${c.namesColumn}`];
        if (c.field !== 'name' || typeof name !== 'string') continue;
        const idColumnOf = definition.columns.find((d) => d.header === c.namesColumn)!;
        const id = idColumnOf.field === 'subject' ? subjectId : (data[idColumnOf.field.slice(5)] as string);
        const kind = c.namesKind ?? (idColumnOf.field === 'subject' ? definition.subject : 'cadre');
        names.push({ ...source, column: c.header, name, ...(kind === 'orgUnit' ? { orgUnitId: id } : { cadreId: id }) });
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
  const repeated = repeatedRows(lines);
  const out = new Set(repeated.map(rowKey));
  return { lines: inImportOrder(lines.filter((l) => !out.has(rowKey(l.source)))), problems: [...problems, ...repeated], names, unfilledRows, sheets: read, ignoredColumns, registrationRows };
}

// A value as the sheet writes it: a code by its Chinese name, a yes or no as 是 / 否, nothing as 空.
const NAMES_OF_CODES: Readonly<Record<string, string>> = { ...GRADE_NAMES_ZH, ...LEVEL_NAMES_ZH, ...TALK_KIND_NAMES_ZH, ...ORG_UNIT_KIND_NAMES_ZH, ...GENDER_NAMES_ZH, ...EDUCATION_NAMES_ZH, ...RANK_NAMES_ZH, ...REMOVAL_REASON_NAMES_ZH, ...ROLE_NAMES_ZH, true: '是', false: '否' };
const shownZh = (value: string | undefined): string => (value === undefined ? '空' : (NAMES_OF_CODES[value] ?? value));

/** A line's content but its id, field by field (`data.education.level`), to say how two rows of one fact differ. */
function lineFields(line: EntryLine): Map<string, string> {
  const fields = new Map<string, string>();
  const walk = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(prefix === '' ? k : `${prefix}.${k}`, v);
    else fields.set(prefix, String(value));
  };
  const { id: _id, ...content } = line;
  void _id;
  walk('', content);
  return fields;
}

/**
 * Rows that give a fact another row already gave (a line of the same natural key): said, not imported
 * twice (found by a review: a row copied twice read as 已存在 in the dry run of an empty ledger). Two
 * such rows are compared whole, every line of each (a post's removal, a cadre's rank): the same, the
 * later is a repeat; otherwise it is named with the cells that differ (a cadre entered twice with two
 * birth dates, or one row of a post with its removal and one without).
 */
function repeatedRows(lines: readonly { line: EntryLine; source: EntrySource }[]): EntryRowProblem[] {
  const linesOf = new Map<string, EntryLine[]>();
  for (const l of lines) linesOf.set(rowKey(l.source), [...(linesOf.get(rowKey(l.source)) ?? []), l.line]);
  const rowFields = (row: readonly EntryLine[]) => new Map<string, string>(row.flatMap((line) => [...lineFields(line)].map(([k, v]): [string, string] => [`${line.type}\u0000${k}`, v])));
  const firstRowOf = new Map<string, EntrySource>();
  const problems = new Map<string, EntryRowProblem>();
  for (const l of lines) {
    const earlier = firstRowOf.get(l.line.id);
    if (!earlier) {
      firstRowOf.set(l.line.id, l.source);
      continue;
    }
    if (rowKey(earlier) === rowKey(l.source) || problems.has(rowKey(l.source))) continue;
    const where = `工作表“${earlier.sheet}”第 ${earlier.row} 行`;
    const [a, b] = [rowFields(linesOf.get(rowKey(earlier))!), rowFields(linesOf.get(rowKey(l.source))!)];
    const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
    const definition = ENTRY_SHEETS.find((d) => d.type === l.line.type || d.extraColumns?.[l.line.type] !== undefined);
    const columnOfKey = (key: string) => {
      const [type, field] = key.split('\u0000') as [EntryEventType, string];
      return (definition ? columnOf(definition, field, type) : undefined) ?? field;
    };
    // A line only one row has (a removal, a rank) is named by the cell that makes it: its date.
    const named = [...new Set(differ.map((k) => (a.has(k) && b.has(k) ? k : `${k.split('\u0000')[0]}\u0000effectiveDate`)))];
    problems.set(
      rowKey(l.source),
      named.length === 0
        ? { ...l.source, column: columnOfKey(`${l.line.type}\u0000${definition?.subject === 'orgUnit' ? 'orgUnitId' : 'cadreId'}`), code: 'ENTRY_ROW_REPEATED', messageZh: `与${where}重复：同一事项只导入一次，请删去重复的行`, message: `repeats sheet "${earlier.sheet}" row ${earlier.row}` }
        : {
            ...l.source,
            column: columnOfKey(named[0]!),
            code: 'ENTRY_ROW_CONTRADICTS',
            messageZh: `与${where}是同一事项（编号 ${l.line.id}），但${named.map((k) => `“${columnOfKey(k)}”不同（${shownZh(a.get(k))} / ${shownZh(b.get(k))}）`).join('，')}：请保留正确的一行`,
            message: `the same fact as sheet "${earlier.sheet}" row ${earlier.row} (${l.line.id}), but ${named.map((k) => k.replace('\u0000', '.')).join(', ')} differ`,
          },
    );
  }
  return [...problems.values()];
}

/** `data.education.level` → `data.education.level = value`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    target[head!] = value;
    return;
  }
  const inner = (target[head!] ??= {}) as Record<string, unknown>;
  setPath(inner, rest.join('.'), value);
}

/**
 * The lines in the order they can be imported (EntryPhase), rows kept in their order within a phase but
 * for posts, which go by date across every sheet: on one date a removal before an appointment (a
 * successor takes the post the day its holder leaves it, P2; a re-election reappoints the day the term
 * ends, TM4), except a removal on the day its own row's appointment took effect.
 */
function inImportOrder<L extends { line: EntryLine; source: EntrySource; phase: EntryPhase }>(lines: readonly L[]): L[] {
  const sameRowSameDay = (l: L) => `${rowKey(l.source)}\u0000${l.line.effectiveDate}`;
  const appointedOn = new Set(lines.filter((l) => l.line.type === 'AppointedToPost').map(sameRowSameDay));
  const within = (l: L): number => (l.line.type !== 'RemovedFromPost' ? 1 : appointedOn.has(sameRowSameDay(l)) ? 2 : 0);
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => {
      if (a.l.phase !== b.l.phase) return a.l.phase - b.l.phase;
      if (a.l.phase !== PHASE.posts) return a.i - b.i;
      return a.l.line.effectiveDate.localeCompare(b.l.line.effectiveDate) || within(a.l) - within(b.l) || a.i - b.i;
    })
    .map(({ l }) => l);
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
  readonly code: 'ENTRY_CELL_INVALID' | 'ENTRY_CELL_MISSING' | 'ENTRY_NAME_MISMATCH' | 'ENTRY_ROW_REPEATED' | 'ENTRY_ROW_CONTRADICTS';
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
  // A cadre or unit registered by the workbook itself, and not in the ledger, is checked against the name it registers.
  const registered = (type: EntryEventType) => new Map(reading.lines.filter((l) => l.line.type === type).map((l) => [(l.line.cadreId ?? l.line.orgUnitId)!, String(l.line.data.name)]));
  const workbook = { cadres: registered('CadreRegistered'), orgUnits: registered('OrgUnitRegistered') };
  return reading.names.flatMap((check) => {
    const id = (check.cadreId ?? check.orgUnitId)!;
    const inLedger = check.cadreId !== undefined ? ledger.cadres.get(id) : ledger.orgUnits.get(id);
    const known = inLedger ?? (check.cadreId !== undefined ? workbook.cadres.get(id) : workbook.orgUnits.get(id));
    if (known === undefined || sameName(known, check.name)) return [];
    const what = check.orgUnitId !== undefined ? '单位名称' : '姓名';
    const where = inLedger !== undefined ? '台账中' : '本工作簿登记的';
    return [
      {
        sheet: check.sheet,
        row: check.row,
        column: check.column,
        code: 'ENTRY_NAME_MISMATCH' as const,
        messageZh: `“${check.column}”为“${check.name}”，${where}编号 ${id} 的${what}是“${known}”：请核对该行的编号与${what}`,
        message: `${check.column}: "${check.name}" is not the ${inLedger !== undefined ? "ledger's" : "workbook's registered"} name of ${id} ("${known}")`,
      },
    ];
  });
}

/**
 * What goes to the import: the lines of the rows not refused, as the import file (EVENTS.md "Import
 * file"), with each line's source by its 1-based line number (`sources[line - 1]`).
 */
export function entryImportFile(reading: EntryWorkbookReading, refused: readonly EntryRowRefusal[]): EntryImportFile {
  const out = new Set(refused.map(rowKey));
  const kept = reading.lines.filter((l) => !out.has(rowKey(l.source)));
  const lines = kept.map((l) => `${JSON.stringify(l.line)}\n`);
  return { ndjson: lines.join(''), lines, sources: kept.map((l) => l.source) };
}

/** The import file of a workbook: its lines (each ending in a newline) and each line's row. */
export interface EntryImportFile {
  readonly ndjson: string;
  readonly lines: readonly string[];
  readonly sources: readonly EntrySource[];
}

/**
 * A workbook imported row by row, whole or not at all: a row that makes several lines (a post's
 * appointment and removal, a cadre's registration and rank) is refused whole when one of them is,
 * never half written (found by a review: a removal refused under TM4 left the appointment stored, and
 * the ledger had the cadre in a post the clerk had recorded him leaving). Where rows make several
 * lines, dry runs first find the rows refused, which are then left out (again, until a dry run
 * refuses none: a row left out may be what a later one leaned on); the real import sends the rest.
 * `run` is the import (the CLI's importNdjson, the web's POST /v1/import). The answer is in the whole
 * file's numbering (`sources`), with the lines left out counted as refused.
 */
export async function importEntryRows<R extends EntryImportCounts>(file: EntryImportFile, dryRun: boolean, run: (ndjson: string, dryRun: boolean) => Promise<R>): Promise<R & { readonly linesLeftOut?: number }> {
  const linesOfRow = new Map<string, number[]>();
  file.sources.forEach((s, i) => linesOfRow.set(rowKey(s), [...(linesOfRow.get(rowKey(s)) ?? []), i]));
  if ([...linesOfRow.values()].every((l) => l.length === 1)) return run(file.ndjson, dryRun);
  let sent = file.lines.map((_, i) => i);
  const leftOut: ImportRefusalLike[] = [];
  const inWholeFile = (r: ImportRefusalLike, subset: readonly number[]): ImportRefusalLike => {
    const line = (n: number) => (subset[n - 1] ?? n - 1) + 1;
    return {
      ...r,
      line: line(r.line),
      messageZh: r.messageZh.replace(/本文件第 (\d+) 行/g, (_, n: string) => `本文件第 ${line(Number(n))} 行`),
      message: r.message.replace(/line (\d+) of this file/g, (_, n: string) => `line ${line(Number(n))} of this file`),
    };
  };
  const send = (subset: readonly number[], dry: boolean) => run(subset.map((i) => file.lines[i]).join(''), dry);
  let trial: R;
  for (;;) {
    trial = await send(sent, true);
    // A list cut short (over 1,000 refusals) is gone through a dry run at a time: the rows it lists left out, the next run lists the rest.
    if (trial.rejectedCount === 0) break;
    const refusedRows = new Set(trial.rejected.map((r) => rowKey(file.sources[sent[r.line - 1]!]!)));
    leftOut.push(...trial.rejected.map((r) => inWholeFile(r, sent)));
    sent = sent.filter((i) => !refusedRows.has(rowKey(file.sources[i]!)));
    if (sent.length === 0) break;
  }
  // Every row refused: nothing left to send.
  const final = sent.length > 0 ? await send(sent, dryRun) : { ...trial, dryRun, accepted: 0, appended: 0, alreadyPresent: 0, rejectedCount: 0, rejected: [], ...('eventsWritten' in trial ? { eventsWritten: 0 } : {}) };
  const rejected = [...leftOut, ...final.rejected.map((r) => inWholeFile(r, sent))].sort((a, b) => a.line - b.line);
  const withheld = file.lines.length - sent.length;
  return { ...final, lines: file.lines.length, rejected, rejectedCount: final.rejectedCount + withheld, linesLeftOut: withheld - leftOut.length };
}

const rowKey = (s: EntrySource): string => `${s.sheet}\u0000${s.row}`;

/** Refusals the import made but its report does not list (it lists the first 1,000): lines left out with their row are not among them. */
export const unlistedRefusals = (report: EntryImportCounts): number => Math.max(0, report.rejectedCount - report.rejected.length - (report.linesLeftOut ?? 0));

/** How many rows the refusals refuse (a row may be refused for two of its cells). */
export const refusedRowCount = (refused: readonly EntryRowRefusal[]): number => new Set(refused.map(rowKey)).size;

/** What an import of a workbook's lines answered (POST /v1/import's report, the CLI's ImportResult): the counts the outcome is said from. */
export interface EntryImportCounts {
  readonly dryRun: boolean;
  readonly lines: number;
  readonly accepted: number;
  readonly appended: number;
  readonly alreadyPresent: number;
  readonly rejectedCount: number;
  readonly rejected: readonly ImportRefusalLike[];
  /** Lines not refused themselves but left out with their row, which another of its lines was refused from (importEntryRows): counted in `rejectedCount`, not listed. */
  readonly linesLeftOut?: number;
}

/**
 * What a dry run or an import did, in the workbook's rows, for the CLI and the web page alike: a row
 * is accepted when every line it made was (a post's row makes its appointment and its removal, a
 * cadre's its registration and rank), and where rows made more lines than one, the lines too.
 * `试导入（未写入）：填写的 12 行中，可接受 11 行，拒绝 1 行；这些行共 15 个事项：可接受 14 个（将新写入 14，已存在 0），拒绝 1 个`
 */
export function entryOutcomeZh(reading: EntryWorkbookReading, refused: readonly EntryRowRefusal[], report: EntryImportCounts, sources: readonly EntrySource[]): { readonly rows: number; readonly rowsRefused: number; readonly sentenceZh: string } {
  const refusedAsRead = refusedRowCount(refused);
  const importRefused = new Set(report.rejected.flatMap((r) => (sources[r.line - 1] ? [rowKey(sources[r.line - 1]!)] : [])));
  // Refusals past the report's list (it lists the first 1,000) are counted as a row each: the most rows they can be.
  const rowsRefused = refusedAsRead + importRefused.size + unlistedRefusals(report);
  const rowsRead = new Set(sources.map(rowKey)).size + refusedAsRead;
  const accept = report.dryRun ? '可接受' : '接受';
  const writes = report.dryRun ? `将新写入 ${report.appended}，已存在 ${report.alreadyPresent}` : `新写入 ${report.appended}，已存在 ${report.alreadyPresent}`;
  const head = report.dryRun ? '试导入（未写入）' : '导入完成';
  const sentenceZh =
    report.lines === rowsRead - refusedAsRead
      ? `${head}：填写的 ${rowsRead} 行中，${accept} ${report.accepted} 行（${writes}），拒绝 ${report.rejectedCount + refusedAsRead} 行`
      : `${head}：填写的 ${rowsRead} 行中，${accept} ${rowsRead - rowsRefused} 行，拒绝 ${rowsRefused} 行；导入的行共 ${report.lines} 个事项：${accept} ${report.accepted} 个（${writes}），拒绝 ${report.rejectedCount} 个`;
  return { rows: rowsRead, rowsRefused, sentenceZh };
}

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

// The reading's lines by id, made once a reading: every refusal looks its line up (a thousand refusals of ten thousand rows).
const LINES_BY_ID = new WeakMap<EntryWorkbookReading, Map<string, EntryWorkbookReading['lines'][number][]>>();
function linesById(reading: EntryWorkbookReading): Map<string, EntryWorkbookReading['lines'][number][]> {
  let byId = LINES_BY_ID.get(reading);
  if (!byId) {
    byId = new Map();
    for (const l of reading.lines) byId.set(l.line.id, [...(byId.get(l.line.id) ?? []), l]);
    LINES_BY_ID.set(reading, byId);
  }
  return byId;
}
const lineWithId = (reading: EntryWorkbookReading, id: string | null): EntryLine | undefined => (id === null ? undefined : linesById(reading).get(id)?.[0]?.line);

/** The line's field as the sheet's column (`cadreId` → 干部编号, `data.withCadreId` → 谈话对象编号; a removal's `effectiveDate` → 免职日期). */
function columnOf(definition: EntrySheetDefinition | undefined, field: string, type: EntryEventType | undefined): string | undefined {
  if (!definition) return undefined;
  const subject = definition.subject === 'cadre' ? 'cadreId' : 'orgUnitId';
  if (field === subject) return definition.columns.find((c) => c.field === 'subject')?.header;
  if (type !== undefined && type !== definition.type) return definition.extraColumns?.[type]?.[field];
  return definition.columns.find((c) => c.field === field || (c.field.startsWith('data.') && field.startsWith(`${c.field}.`)))?.header;
}

/**
 * An import refusal in the workbook's words: its sheet and row, the column for the line's field, and
 * another line it names (`本文件第 1 行`, the import file's numbering) as that line's sheet and row
 * (found by a review: a repeated row named “第 1 行”, the sheet's caption).
 */
function inSheetWords(r: ImportRefusalLike & { readonly field?: string }, source: EntrySource, reading: EntryWorkbookReading, sources: readonly EntrySource[]): ImportRefusalLike & EntrySource & { readonly column?: string } {
  const kind = reading.sheets.find((s) => s.sheet === source.sheet)?.kind;
  const type = lineWithId(reading, r.id)?.type;
  const column = r.field === undefined ? undefined : columnOf(ENTRY_SHEETS.find((d) => d.kind === kind), r.field, type);
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

/**
 * A refusal for a cadre or unit not (yet) registered, where the workbook registers it: the row to mend
 * named (found by a review: a registration refused for one cell had every row of that cadre refused as
 * 干部尚未登记, sending the clerk to look for a registration the workbook plainly has).
 */
function withRegistrationRow<R extends ImportRefusalLike & EntrySource>(r: R, reading: EntryWorkbookReading, refusedRows: ReadonlySet<string>): R {
  const line = lineWithId(reading, r.id);
  if (!line) return r;
  const registration = (type: EntryEventType, id: unknown) => reading.registrationRows?.find((l) => l.type === type && l.id === id);
  if (r.code === 'RULE_I_CADRE_NOT_REGISTERED') {
    const at = registration('CadreRegistered', line.cadreId);
    if (at && refusedRows.has(rowKey(at.source))) return { ...r, messageZh: `${r.messageZh}：其登记在工作表“${at.source.sheet}”第 ${at.source.row} 行，该行未导入，请先改正该行`, message: `${r.message}: its registration, sheet "${at.source.sheet}" row ${at.source.row}, was refused` };
  }
  if (r.code === 'RULE_I_ORG_UNIT_NOT_REGISTERED' || r.code === 'RULE_I_ORG_UNIT_NOT_YET_REGISTERED') {
    const unit = [line.data.orgUnitId, line.data.hostOrgUnitId, line.orgUnitId].map((id) => registration('OrgUnitRegistered', id)).find((l) => l !== undefined);
    if (unit) {
      const refusedThere = refusedRows.has(rowKey(unit.source));
      return {
        ...r,
        messageZh: `${r.messageZh}：该单位${refusedThere ? '的登记' : '的登记日期'}在工作表“${unit.source.sheet}”第 ${unit.source.row} 行${refusedThere ? '，该行未导入，请先改正该行' : '，请核对'}`,
        message: `${r.message}: the unit's registration is sheet "${unit.source.sheet}" row ${unit.source.row}`,
      };
    }
  }
  return r;
}

/**
 * A post's row changed after it was imported (a date corrected in the sheet): its new line has another
 * natural key, and the rules refuse it against the one stored, naming that one. Said in the clerk's
 * terms (found by a review: `记录将不再一致：事件 entry:removal:…` told a clerk nothing).
 */
function withEarlierImport<R extends ImportRefusalLike>(r: R, reading: EntryWorkbookReading): R {
  const line = lineWithId(reading, r.id);
  if (!line) return r;
  // A conflict with another line of this file (said by its sheet and row) is the workbook's own; one with the ledger, a row imported before.
  if (r.code === 'EVENT_ID_CONFLICT' && line.id.startsWith('entry:') && !/已被工作表|本文件第/.test(r.messageZh)) {
    return {
      ...r,
      messageZh: `${r.messageZh}。此行此前已导入，内容与今次不同：已导入的记录不能改表重传；如需更正，请在台账中更正（撤回原记录后重新录入，或录入更正事项），或把此行改回原样`,
      message: `${r.message}; this row was imported before with other content: correct it in the ledger, not by a second upload`,
    };
  }
  const key = /^(entry:(?:appointment|removal):.+:)(\d{4}-\d{2}-\d{2})$/.exec(line.id);
  if (!key) return r;
  const earlier = [...r.messageZh.matchAll(/entry:(?:appointment|removal):[\w:.-]+/g)].map((m) => m[0]).find((id) => id.startsWith(key[1]!) && id !== line.id);
  if (!earlier) return r;
  const date = earlier.slice(key[1]!.length);
  return {
    ...r,
    messageZh: `${r.messageZh}。此行此前已按 ${date} 导入：已导入的记录不能改表重传，请在台账中撤回原记录（${earlier}）后再导入，或改回原日期`,
    message: `${r.message}; this row was imported before as ${earlier}: retract that record in the ledger first`,
  };
}

/**
 * A refusal that names a record another row of the workbook makes, where that row was itself refused:
 * the row to mend named (found by a review: a successor was refused under P2 for a predecessor whose
 * removal the workbook has, in a row refused under TM4, the message citing an appointment never written).
 */
function withOtherRefusedRow<R extends ImportRefusalLike & EntrySource>(r: R, reading: EntryWorkbookReading, refusedRows: ReadonlySet<string>): R {
  const others = [...new Set([...r.messageZh.matchAll(/entry:[\w:.-]+/g)].map((m) => m[0]))]
    .flatMap((id) => (linesById(reading).get(id) ?? []).map((l) => l.source))
    .filter((s) => rowKey(s) !== rowKey(r) && refusedRows.has(rowKey(s)));
  const at = others[0];
  if (!at) return r;
  return { ...r, messageZh: `${r.messageZh}：所涉记录在工作表“${at.sheet}”第 ${at.row} 行，该行未导入，请先改正该行`, message: `${r.message}: the record it names is sheet "${at.sheet}" row ${at.row}, which was refused` };
}

/** The refusals of the reading and of the import together, in the workbook's order (its sheets as given, then rows). */
export function entryRejections(
  reading: EntryWorkbookReading,
  refused: readonly EntryRowRefusal[],
  imported: readonly ImportRefusalLike[],
  sources: readonly EntrySource[],
): EntryRejection[] {
  const sheetOrder = new Map(reading.sheets.map((s, i) => [s.sheet, i]));
  const refusedRows = new Set([...refused.map(rowKey), ...imported.flatMap((r) => (sources[r.line - 1] ? [rowKey(sources[r.line - 1]!)] : []))]);
  const all: EntryRejection[] = [
    ...refused.map((r) => ({ ...r, rule: 'I' as const, id: null })),
    // A line the import reports without a source cannot be: every line sent has one. Kept, under the first sheet, rather than dropped.
    ...imported.map((r) => {
      const said = inSheetWords(r, sources[r.line - 1] ?? { sheet: reading.sheets[0]?.sheet ?? '', row: 0 }, reading, sources);
      return withOtherRefusedRow(withEarlierImport(withRegistrationRow(said, reading, refusedRows), reading), reading, refusedRows);
    }),
  ];
  // A removal refused as of a post not held, in a row whose appointment was refused: what follows from that refusal, not another.
  const appointmentRefused = new Set(all.filter((r) => r.id !== null && lineWithId(reading, r.id)?.type === 'AppointedToPost').map(rowKey));
  const consequences = (r: EntryRejection) => r.code === 'RULE_I_REMOVAL_OF_POST_NOT_HELD' && appointmentRefused.has(rowKey(r));
  // A row's lines refused for one reason (a post's appointment and removal of a cadre not registered) are said once.
  const said = new Set<string>();
  const once = all.filter((r) => !consequences(r)).filter((r) => {
    const key = `${rowKey(r)}\u0000${r.code}\u0000${r.messageZh}`;
    return said.has(key) ? false : (said.add(key), true);
  });
  return once.sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row);
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

const ANNUAL_KINDS: readonly EntryKind[] = ['annualAssessments', 'townshipScores', 'healthChecks', 'trainings', 'talks'];
const ONBOARDING_KINDS: readonly EntryKind[] = ['orgUnits', 'cadres', 'posts'];

const sheetFor = (kind: EntryKind): EntrySheetDefinition => ENTRY_SHEETS.find((d) => d.kind === kind)!;

/** The 填写说明 rows of the sheets a template holds: each column, whether it must be filled, what it takes. */
const notesRows = (kinds: readonly EntryKind[]): LedgerTable['rows'] =>
  kinds.flatMap((kind) => sheetFor(kind).columns.map((c) => [sheetFor(kind).titleZh, c.header, c.required ? '必填' : '选填', c.noteZh]));

// The cells left to fill wide enough to write in (a date, a document number, a reason), not as narrow as their empty content.
const fillWidth = (c: EntryColumn): number =>
  c.prefilled ? 0 : c.field === 'effectiveDate' || c.parse === parseEntryDate ? 14 : c.field === 'documentRef' || c.field === 'override' || c.field === 'data.programme' || c.header.endsWith('文号') ? 24 : 12;

/** A sheet of a kind as the template writes it: its headings (required ones marked *), the drop-downs, widths to write in. */
const templateSheet = (kind: EntryKind, caption: string, rows: LedgerTable['rows']): LedgerTable => ({
  sheetName: sheetFor(kind).titleZh,
  caption: [caption],
  headers: sheetFor(kind).columns.map((c) => (c.required ? `${c.header}*` : c.header)),
  rows,
  emptyRow: false,
  minWidths: sheetFor(kind).columns.map(fillWidth),
  choices: sheetFor(kind).columns.map((c) => c.choicesZh),
});

/**
 * The workbook to fill: a sheet of notes, then one sheet a kind, those by cadre pre-filled with every
 * cadre holding a township post on `asOf` (ids and names, so that no id is typed by hand), the
 * townships' score sheet with every township.
 */
export function entryTemplateWorkbookZh(input: EntryTemplateInput): LedgerWorkbook {
  const cadreRows = (kind: EntryKind) =>
    input.cadres.map((c) => sheetFor(kind).columns.map((col) => (col.field === 'subject' ? c.cadreId : col.field === 'name' ? c.name : col.field === 'info' ? c.postZh : col.field === 'data.year' ? input.year : '')));
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
    rows: notesRows(ANNUAL_KINDS),
  };
  return {
    fileStem: `批量录入模板-${input.year}年度`,
    tables: [
      notes,
      templateSheet('annualAssessments', `${input.year} 年度考核结果：每名干部一行，填写考核等次和确定日期。`, cadreRows('annualAssessments')),
      templateSheet(
        'townshipScores',
        `${input.year} 年度乡镇目标绩效考核得分：每个乡镇一行。`,
        input.townships.map((t) => sheetFor('townshipScores').columns.map((col) => (col.field === 'subject' ? t.orgUnitId : col.field === 'name' ? t.name : col.field === 'data.year' ? input.year : ''))),
      ),
      templateSheet('healthChecks', '健康体检：填写体检日期；一名干部多次体检的，复制该行分别填写。', cadreRows('healthChecks')),
      templateSheet('trainings', '教育培训：每名干部每次培训一行（可从其他表复制干部编号和姓名）。', []),
      templateSheet('talks', '谈心谈话、提醒谈话：每次谈话一行。', []),
    ],
  };
}

/** What the 建档 template lists of the ledger's units (GET /v1/org-units' items). */
export interface OnboardingTemplateInput {
  readonly asOf: string;
  readonly orgUnits: readonly { readonly orgUnitId: string; readonly name: string; readonly kind: OrgUnitKind; readonly assessmentClass?: number | null | undefined; readonly registeredOn: string }[];
}

/**
 * 建档: the workbook a county fills once to enter its units, its cadres and their posts (and a unit or a
 * cadre added later): the notes, one empty sheet a kind, and the units the ledger already has, to
 * look their ids up in. The rows are imported in the order the rules need (units, cadres, then the
 * posts by date), whatever the order they were written in.
 */
export function onboardingTemplateWorkbookZh(input: OnboardingTemplateInput): LedgerWorkbook {
  const notes: LedgerTable = {
    sheetName: ENTRY_NOTES_SHEET,
    caption: [
      `建档模板：首次录入单位、干部及其任职经历，或新增单位和干部（台账中已有 ${input.orgUnits.length} 个单位，见“${ENTRY_KNOWN_UNITS_SHEET}”）。`,
      '填好后在网页“批量录入”上传，或用命令行 import 文件.xlsx 导入：先试导入核对，再正式导入。导入时先登记单位，再登记干部（及其职级），再按日期先后录入任免，与工作表和行的先后无关；每行按与逐条录入相同的规则校验，被拒绝的行不写入，注明工作表、行号和原因。',
      '任职经历每个职务一行：同一天免去原职、担任新职的，两行日期相同，任职期间即前后衔接；换届连任的，免职原因填“任期届满”，新任期另起一行。带 * 的列必填；不要合并单元格；已导入的行再次导入不会重复写入，已导入的内容如有错误，请在台账中更正，不要改表后重传（会被拒绝）。',
    ],
    headers: NOTES_HEADERS,
    rows: notesRows(ONBOARDING_KINDS),
  };
  const known: LedgerTable = {
    sheetName: ENTRY_KNOWN_UNITS_SHEET,
    caption: [`截至 ${input.asOf} 台账中已登记的单位（仅供查找编号，不导入）：在某单位的任职日期不得早于其登记日期。`],
    headers: KNOWN_UNITS_HEADERS,
    rows: [...input.orgUnits]
      .sort((a, b) => ORG_UNIT_KINDS_IN_ORDER.indexOf(a.kind) - ORG_UNIT_KINDS_IN_ORDER.indexOf(b.kind) || a.orgUnitId.localeCompare(b.orgUnitId))
      .map((u) => [u.orgUnitId, u.name, ORG_UNIT_KIND_NAMES_ZH[u.kind], u.assessmentClass ? ASSESSMENT_CLASS_NAMES_ZH[u.assessmentClass as 1 | 2 | 3] : '', u.registeredOn]),
  };
  return {
    fileStem: '建档模板',
    tables: [
      notes,
      templateSheet('orgUnits', '单位：台账中尚无的乡镇和县直单位，每个单位一行。', []),
      templateSheet('cadres', '干部基本信息：台账中尚无的干部，每人一行；填写职级的，同时填写任现职级时间。', []),
      templateSheet('posts', '任职经历：每名干部每个职务一行（含已免去的），仍在任的不填免职日期。', []),
      known,
    ],
  };
}

const ORG_UNIT_KINDS_IN_ORDER: readonly OrgUnitKind[] = ['TOWNSHIP', 'COUNTY_DEPARTMENT', 'COUNTY_LEADERSHIP', 'OTHER'];
