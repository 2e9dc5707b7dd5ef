/**
 * A workbook of the ledger's tables as an Excel file (.xlsx), one worksheet a table: its caption
 * above, the header row bold and frozen, text made printable (printable.ts), numbers as numbers.
 * write-excel-file builds it (one dependency, fflate; no template, no temporary files): every
 * string is written as a string cell, never a formula, so a name such as `=HYPERLINK(…)` imported
 * from elsewhere stays text in Excel and WPS.
 */
import { cellText, type LedgerTable, type LedgerWorkbook, type TableCell } from './ledger-table';
import { printable } from './printable';

/** A cell as it crosses a thread: its type named, not the constructor write-excel-file takes (xlsx-writer.cjs maps it). */
export interface PlainCell {
  readonly type: 'String' | 'Number';
  readonly value: string | number;
  readonly fontWeight?: 'bold';
  readonly fontSize?: number;
  readonly backgroundColor?: string;
  readonly wrap?: boolean;
}
export interface PlainSheet {
  readonly sheet: string;
  readonly data: readonly (readonly PlainCell[])[];
  readonly columns: readonly { readonly width: number }[];
  readonly stickyRowsCount: number;
}
// Plain CommonJS beside this file, so that a worker thread loads the very same writer (apps/api xlsx-worker.cjs).
const { writeSheets } = require('./xlsx-writer.cjs') as { writeSheets(sheets: readonly PlainSheet[]): Promise<Buffer> };
export { writeSheets };

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel keeps at most 32,767 characters in a cell; a longer text is cut with a note of how long it was. */
export const CELL_TEXT_LIMIT = 32_000;

function cellOf(value: TableCell): PlainCell {
  if (typeof value === 'number') return { value, type: 'Number' };
  const text = printable(cellText(value));
  return { value: text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}……（共 ${text.length} 字，其余见 JSON 答复）` : text, type: 'String', wrap: true };
}

function sheetOf(table: LedgerTable): PlainSheet {
  const captionRows: PlainCell[][] = table.caption.map((line, i) => [{ value: printable(line), type: 'String', ...(i === 0 ? { fontWeight: 'bold' as const, fontSize: 14 } : {}) }]);
  const header: PlainCell[] = table.headers.map((h) => ({ value: h, type: 'String', fontWeight: 'bold' as const, backgroundColor: '#E8EEF7', wrap: true }));
  const rows: PlainCell[][] = table.rows.map((r) => r.map(cellOf));
  const empty: PlainCell[] = rows.length === 0 ? [{ value: '（无）', type: 'String' }] : [];
  return {
    sheet: table.sheetName,
    data: [...captionRows, [], header, ...rows, ...(empty.length ? [empty] : [])],
    columns: table.headers.map((h, i) => ({ width: table.widths?.[i] ?? Math.max(8, h.length * 2 + 2) })),
    stickyRowsCount: captionRows.length + 2,
  };
}

/** The workbook's sheets as plain data: what `writeSheets` writes, here or on another thread. */
export function workbookSheets(workbook: LedgerWorkbook): PlainSheet[] {
  return workbook.tables.map(sheetOf);
}

/** How many cells a workbook holds: what writing it costs (≈ 30 – 100 µs a cell on two cores). */
export function cellCount(sheets: readonly PlainSheet[]): number {
  return sheets.reduce((n, s) => n + s.data.reduce((m, r) => m + r.length, 0), 0);
}

export async function workbookToXlsx(workbook: LedgerWorkbook): Promise<Buffer> {
  return writeSheets(workbookSheets(workbook));
}
