/**
 * A workbook of the ledger's tables as an Excel file (.xlsx), one worksheet a table: its caption
 * above, the header row bold and frozen, text made printable (printable.ts), numbers as numbers.
 * write-excel-file builds it (one dependency, fflate; no template, no temporary files): every
 * string is written as a string cell, never a formula, so a name such as `=HYPERLINK(…)` imported
 * from elsewhere stays text in Excel and WPS.
 */
import type { LedgerTable, LedgerWorkbook, TableCell } from './ledger-table';
import { printable } from './printable';

type WriteExcelFile = typeof import('write-excel-file/node', { with: { 'resolution-mode': 'import' } });
type Cell = import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }).Cell;
type Row = import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }).Row;
type Sheet = import('write-excel-file/node', { with: { 'resolution-mode': 'import' } }).Sheet<Buffer>;
// The package is an ES module with a CommonJS build beside it (its `require` export): loaded as the rest of the ledger is.
const writeXlsxFile: WriteExcelFile['default'] = (require('write-excel-file/node') as WriteExcelFile).default;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel keeps at most 32,767 characters in a cell; a longer text is cut with a note of how long it was. */
export const CELL_TEXT_LIMIT = 32_000;

function cellOf(value: TableCell): Cell {
  if (typeof value === 'number') return { value, type: Number };
  const text = printable(value);
  return { value: text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}……（共 ${text.length} 字，其余见 JSON 答复）` : text, type: String, wrap: true };
}

function sheetOf(table: LedgerTable): Sheet {
  const captionRows: Row[] = table.caption.map((line, i) => [{ value: printable(line), type: String, ...(i === 0 ? { fontWeight: 'bold' as const, fontSize: 14 } : {}) }]);
  const header: Row = table.headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const, backgroundColor: '#E8EEF7', wrap: true }));
  const rows: Row[] = table.rows.map((r) => r.map(cellOf));
  const empty: Row = rows.length === 0 ? [{ value: '（无）', type: String }] : [];
  return {
    sheet: table.sheetName,
    data: [...captionRows, [], header, ...rows, ...(empty.length ? [empty] : [])],
    columns: table.headers.map((h, i) => ({ width: table.widths?.[i] ?? Math.max(8, h.length * 2 + 2) })),
    stickyRowsCount: captionRows.length + 2,
  };
}

export async function workbookToXlsx(workbook: LedgerWorkbook): Promise<Buffer> {
  return writeXlsxFile(workbook.tables.map(sheetOf)).toBuffer();
}
