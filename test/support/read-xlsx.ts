/** An .xlsx file read back as the specs compare it: each worksheet's name and its rows of cells (read-excel-file, a dev dependency). */
type ReadExcelFile = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });
const readXlsxFile: ReadExcelFile['default'] = (require('read-excel-file/node') as ReadExcelFile).default;

export interface ReadSheet {
  readonly name: string;
  readonly rows: (string | number | boolean | null)[][];
}

export async function readXlsx(file: Buffer | string): Promise<ReadSheet[]> {
  const sheets = await readXlsxFile(file);
  return sheets.map((s) => ({ name: s.sheet, rows: s.data.map((r) => r.map((c) => (c === null ? null : (c as string | number | boolean)))) }));
}

/** The table of a sheet written by libs/tables xlsx.ts: the rows after its header row (the row whose first cell is `firstHeader`). */
export function tableRows(sheet: ReadSheet, firstHeader: string): { readonly caption: string[]; readonly headers: string[]; readonly rows: (string | number | boolean | null)[][] } {
  const at = sheet.rows.findIndex((r) => r[0] === firstHeader);
  if (at < 0) throw new Error(`sheet ${sheet.name} has no header row starting ${firstHeader}`);
  return { caption: sheet.rows.slice(0, at).map((r) => String(r[0] ?? '')).filter(Boolean), headers: sheet.rows[at]!.map(String), rows: sheet.rows.slice(at + 1) };
}
