/**
 * `--xlsx FILE` of the list commands (eligibility, candidates, cadres): the same tables as the
 * terminal shows, and as GET …?format=xlsx answers, saved as an Excel workbook (libs/tables).
 */
import { InvalidArgumentError } from 'commander';
import { workbookToXlsx, type LedgerWorkbook } from '@ledger/tables';
import { printJson } from './cli-runtime';
import { printable } from './table';
import { writeFileWhole } from './write-file-whole';

/** Names, birth dates and verdicts on cadres: readable by the file's owner only, as an audit export is. */
const WORKBOOK_FILE_MODE = 0o600;

export const XLSX_OPTION_ZH = '把结果另存为 Excel 工作簿（.xlsx），各表与终端所示相同，另附全部检查项及依据事件';

/**
 * `--xlsx`'s value, checked as commander parses it: a file name ending .xlsx (found by a review: `--xlsx
 * x.csv` wrote a workbook under a .csv name, and `--xlsx ""` was said to be a directory).
 */
export function xlsxPath(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('须给出文件名，如 名单.xlsx');
  if (!/\.xlsx$/i.test(value)) throw new InvalidArgumentError('文件名须以 .xlsx 结尾（Excel 工作簿）');
  return value;
}

/**
 * Writes the workbook whole or not at all (never a half-written file in place of an earlier one), then
 * says what it holds: with `--json`, `{xlsx, sheets: [{name, rows}]}`.
 */
export async function saveWorkbook(file: string, workbook: LedgerWorkbook, json: boolean | undefined): Promise<void> {
  writeFileWhole(file, await workbookToXlsx(workbook, new Date().toISOString()), WORKBOOK_FILE_MODE);
  const sheets = workbook.tables.map((t) => ({ name: t.sheetName, rows: t.rows.length }));
  if (json) return printJson({ xlsx: file, sheets });
  process.stdout.write(`已导出 Excel 工作簿 ${printable(file)}：${sheets.map((s) => `${s.name} ${s.rows} 行`).join('，')}。\n`);
}
