import { shanghaiInstant } from '@ledger/domain';

/**
 * The ledger's answers as tables in Chinese, one definition for every way they are shown: the
 * CLI prints them (apps/cli table.ts), the API and the web app hand them out as an Excel workbook
 * (xlsx.ts). A column added here appears in both, under the same heading.
 */

/** Event ids cited by a line: the CLI shows the first few (`evidenceCell`), a workbook every one. */
export interface EvidenceCell {
  readonly evidence: readonly string[];
}

/**
 * A number shown with its unit or its decimals (`81.00`, `12.5%`, `3 次`): the text in a terminal, the
 * number in a workbook under an Excel number format, so that a column of them sums and sorts.
 */
export interface FormattedNumber {
  readonly number: number;
  readonly text: string;
  /** An Excel number format: `0.00`, `0.0%`, `0" 次"`. */
  readonly format: string;
}

/** A cell: text, a number a spreadsheet can sort and sum (a rank, a count), a formatted number, or evidence. */
export type TableCell = string | number | FormattedNumber | EvidenceCell;

/** A cell as text: numbers as they are written, evidence as `evidence` shows it. */
export function cellText(cell: TableCell, evidence: (ids: readonly string[]) => string = allEvidence): string {
  if (typeof cell !== 'object') return String(cell);
  return 'evidence' in cell ? evidence(cell.evidence) : cell.text;
}

export interface LedgerTable {
  /** The worksheet's name (at most 31 characters, none of []:*?/\). */
  readonly sheetName: string;
  /** Lines above the table: what it answers, as of when, under which policy version, and any warning. */
  readonly caption: readonly string[];
  readonly headers: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  /** A form's columns that take one of a few values: offered as a drop-down list in the workbook (Excel's list validation). */
  readonly choices?: readonly (readonly string[] | undefined)[];
  /** Columns at least this wide (characters), whatever they hold: the cells of a form left to fill. */
  readonly minWidths?: readonly number[];
  /** A table of no rows says （无） under its header, unless this is false (a form to fill, whose first row would be read back). */
  readonly emptyRow?: false;
}

export interface LedgerWorkbook {
  /** The file name offered for saving, without its extension (`不离岗晋升职级资格-截至2025-12-31`). */
  readonly fileStem: string;
  /**
   * Lines above every sheet, before its own: what the workbook answers, as of when, under which policy
   * version, as known when, and any warning, so that a sheet printed or filed alone still says so.
   */
  readonly caption?: readonly string[];
  readonly tables: readonly LedgerTable[];
}

export const yesNo = (b: boolean): string => (b ? '是' : '否');

/** A cell of event ids: every one of them (a spreadsheet cell wraps; the CLI shortens its own, table.ts `evidenceCell`). */
export const allEvidence = (ids: readonly string[]): string => (ids.length === 0 ? '—' : ids.join(' '));

/** `-按2026-01-01_235959所知` for an answer as known at an instant (Beijing time), so that two files of different instants differ in name. */
export function knownAtStem(knownAt: string | null | undefined): string {
  if (!knownAt) return '';
  return `-按${shanghaiInstant(knownAt).replace(/ \+08:00$/, '').replace(' ', '_').replace(/:/g, '')}所知`;
}

/** A file name's part taken from the ledger's text: nothing Windows refuses, nothing that moves the cursor. */
export function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\s]/gu, '_').slice(0, 120);
}
