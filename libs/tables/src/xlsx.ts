/**
 * A workbook of the ledger's tables as an Excel file (.xlsx), one worksheet a table, laid out to be
 * read and printed: the workbook's caption and the sheet's above the table (with the time it was
 * made), the header row bold and frozen, thin borders, columns as wide as their text (a Chinese
 * character counts two) up to a limit and wrapped beyond it, rows as high as their wrapped text,
 * landscape pages. Text is made printable (printable.ts), numbers stay numbers. write-excel-file
 * writes it (one dependency, fflate): every string is a string cell, never a formula, so a name such
 * as `=HYPERLINK(…)` imported from elsewhere stays text in Excel and WPS. It has no print set-up:
 * xlsx-writer.cjs fits each sheet to the page's width and repeats its header row on every page.
 */
import { shanghaiInstant } from '@ledger/domain';
import { cellText, type LedgerTable, type LedgerWorkbook, type TableCell } from './ledger-table';
import { displayWidth, printable } from './printable';

/** A cell as it crosses a thread: its type named, not the constructor write-excel-file takes (xlsx-writer.cjs maps it). */
export interface PlainCell {
  readonly type: 'String' | 'Number';
  readonly value: string | number;
  readonly format?: string;
  readonly fontWeight?: 'bold';
  readonly fontSize?: number;
  readonly backgroundColor?: string;
  readonly wrap?: boolean;
  readonly alignVertical?: 'top' | 'center';
  readonly borderStyle?: 'thin';
  readonly borderColor?: string;
  readonly columnSpan?: number;
  readonly height?: number;
}
export interface PlainSheet {
  readonly sheet: string;
  readonly data: readonly (readonly (PlainCell | null)[])[];
  readonly columns: readonly { readonly width: number }[];
  readonly stickyRowsCount: number;
  readonly orientation: 'landscape';
  /** The header row, repeated at the top of every printed page (none for a sheet without a table). */
  readonly printTitleRow?: number;
  /** Drop-down lists of a form's columns (0-based column, 1-based rows). */
  readonly validations?: readonly { readonly column: number; readonly firstRow: number; readonly lastRow: number; readonly choices: readonly string[]; readonly errorTitle: string; readonly error: string }[];
}

/** Rows below a form's last one that still offer its drop-down lists: room to add rows. */
const FORM_ROWS_BEYOND = 500;
// Plain CommonJS beside this file, so that a worker thread loads the very same writer (apps/api xlsx-worker.cjs).
const { writeSheets } = require('./xlsx-writer.cjs') as { writeSheets(sheets: readonly PlainSheet[]): Promise<Buffer> };
export { writeSheets };

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel keeps at most 32,767 characters in a cell; a longer text is cut with a note of how long it was. */
export const CELL_TEXT_LIMIT = 32_000;

/** A column's width in characters: its widest text, within these bounds (beyond the upper one, wrapped). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 48;
/** Characters across a landscape A4 page at 100 %: the columns are narrowed (and wrapped) to fit it where they can. */
const PAGE_WIDTH = 105;
/** A column is not narrowed below this for the page. */
const NARROWEST_FOR_PAGE = 12;

/**
 * Widths that fit a printed page: the wide columns narrowed in proportion (their text wrapped), the
 * narrow ones (ids, 是/否, counts) left as they are; a table of many columns may still need two pages.
 */
function fitToPage(widths: readonly number[]): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= PAGE_WIDTH) return [...widths];
  const fixed = widths.filter((w) => w <= NARROWEST_FOR_PAGE).reduce((a, b) => a + b, 0);
  const flexible = total - fixed;
  const factor = Math.max(0, PAGE_WIDTH - fixed) / flexible;
  return widths.map((w) => (w <= NARROWEST_FOR_PAGE ? w : Math.max(NARROWEST_FOR_PAGE, Math.floor(w * factor))));
}

/** Points a line of 11-point text takes, CJK fonts included. */
const LINE_HEIGHT = 16;
/** The title line's (13-point bold): its lines are taller, and a column holds about 11/13 as many of its characters. */
const TITLE_LINE_HEIGHT = 19;
const TITLE_WIDTH_FACTOR = 11 / 13;
const BORDER = { borderStyle: 'thin', borderColor: '#BFBFBF' } as const;

function textOf(value: TableCell): string {
  const text = printable(cellText(value));
  return text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}……（共 ${text.length} 字，其余见 JSON 答复）` : text;
}

/** How many lines a text takes in a column this wide. */
// A column of width w holds a little more than w half-width characters (measured in LibreOffice 7.4, CJK text).
const linesIn = (text: string, width: number): number => Math.max(1, Math.ceil(displayWidth(text) / Math.max(1, width * 1.1)));

function sheetOf(table: LedgerTable, caption: readonly string[]): PlainSheet {
  const texts = table.rows.map((r) => r.map(textOf));
  // A loop, not Math.max(...rows): a province's roster has more rows than a call takes arguments.
  const widest = (i: number) => texts.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '') + 2), 0);
  const widths = fitToPage(table.headers.map((h, i) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, table.minWidths?.[i] ?? 0, displayWidth(h) + 2, widest(i)))));
  const span = Math.max(1, table.headers.length);
  const total = widths.reduce((a, b) => a + b, 0) || 60;
  // A spanning cell, then the cells it covers (write-excel-file skips them).
  const spanning = (cell: PlainCell): (PlainCell | null)[] => [{ ...cell, columnSpan: span }, ...Array<null>(span - 1).fill(null)];
  const captionRows = caption.map((line, i) => {
    const text = printable(line);
    // The title line is 13-point bold: fewer of its characters fit a line (found on a template's long title, clipped to its last line).
    return spanning({ value: text, type: 'String', wrap: true, height: i === 0 ? TITLE_LINE_HEIGHT * linesIn(text, total * TITLE_WIDTH_FACTOR) + 4 : LINE_HEIGHT * linesIn(text, total), ...(i === 0 ? { fontWeight: 'bold' as const, fontSize: 13 } : {}) });
  });
  const rowHeight = (cells: readonly string[]) => LINE_HEIGHT * Math.max(...cells.map((t, i) => linesIn(t, widths[i] ?? MIN_WIDTH)));
  const header: PlainCell[] = table.headers.map((h) => ({ value: h, type: 'String', fontWeight: 'bold', backgroundColor: '#E8EEF7', wrap: true, alignVertical: 'center', height: rowHeight(table.headers), ...BORDER }));
  const rows: PlainCell[][] = table.rows.map((r, ri) => {
    const height = rowHeight(texts[ri]!);
    return r.map((value, ci): PlainCell => {
      const common = { alignVertical: 'top' as const, height, ...BORDER };
      if (typeof value === 'number') return { value, type: 'Number', ...common };
      if (typeof value === 'object' && 'number' in value) return { value: value.number, type: 'Number', format: value.format, ...common };
      return { value: texts[ri]![ci]!, type: 'String', wrap: true, ...common };
    });
  });
  // A table of no columns (a report of a year not begun: its caption says so) has no header row either.
  const body: (PlainCell | null)[][] = table.headers.length === 0 ? [] : [header, ...(rows.length > 0 || table.emptyRow === false ? rows : [spanning({ value: '（无）', type: 'String', ...BORDER })])];
  return {
    sheet: table.sheetName,
    data: [...captionRows, [], ...body],
    columns: widths.length > 0 ? widths.map((width) => ({ width })) : [{ width: 100 }],
    stickyRowsCount: captionRows.length + 1 + (table.headers.length > 0 ? 1 : 0),
    orientation: 'landscape',
    ...(table.headers.length > 0 ? { printTitleRow: captionRows.length + 2 } : {}),
    ...(table.choices ? { validations: validationsOf(table, captionRows.length + 3) } : {}),
  };
}

/** The columns of a form that offer a list, from its first row (`firstRow`) to FORM_ROWS_BEYOND rows past its last. */
function validationsOf(table: LedgerTable, firstRow: number): NonNullable<PlainSheet['validations']> {
  return (table.choices ?? []).flatMap((choices, column) =>
    choices && choices.length > 0
      ? [{ column, firstRow, lastRow: firstRow + table.rows.length + FORM_ROWS_BEYOND, choices, errorTitle: `“${(table.headers[column] ?? '').replace(/\*$/, '')}”的填写`, error: `请从下拉列表中选择：${choices.join('、')}` }]
      : [],
  );
}

/**
 * The workbook's sheets as plain data: what `writeSheets` writes, here or on another thread.
 * `generatedAt`: when the answer was read (an ISO instant), said above every sheet.
 */
export function workbookSheets(workbook: LedgerWorkbook, generatedAt?: string): PlainSheet[] {
  const made = generatedAt ? [`导出时间：${shanghaiInstant(generatedAt)}`] : [];
  return workbook.tables.map((t) => sheetOf(t, [...(workbook.caption ?? []), ...t.caption, ...made]));
}

/** How many cells a workbook holds: what writing it costs (≈ 30 – 100 µs a cell on two cores). */
export function cellCount(sheets: readonly PlainSheet[]): number {
  return sheets.reduce((n, s) => n + s.data.reduce((m, r) => m + r.length, 0), 0);
}

export async function workbookToXlsx(workbook: LedgerWorkbook, generatedAt?: string): Promise<Buffer> {
  return writeSheets(workbookSheets(workbook, generatedAt));
}
