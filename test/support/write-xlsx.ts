/**
 * A workbook as a clerk saves it, for the bulk-entry specs: each sheet's rows of plain cells, a Date
 * as a date cell (yyyy-mm-dd), a number as a number, a boolean as TRUE / FALSE, anything else as text.
 */
import { writeFileSync } from 'node:fs';

export type SheetCell = string | number | boolean | Date | null;

const writeXlsxFile = (require('write-excel-file/node') as { default: (sheets: unknown) => { toBuffer(): Promise<Buffer> } }).default;

export async function workbookFile(path: string, sheets: readonly { name: string; rows: readonly (readonly SheetCell[])[] }[]): Promise<string> {
  const cell = (v: SheetCell) =>
    v === null ? null : v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : typeof v === 'number' ? { value: v, type: Number } : typeof v === 'boolean' ? { value: v, type: Boolean } : { value: String(v), type: String };
  writeFileSync(path, await writeXlsxFile(sheets.map((s) => ({ sheet: s.name, data: s.rows.map((r) => r.map(cell)) }))).toBuffer());
  return path;
}
