/**
 * Plain-text tables that line up with Chinese text: CJK characters take two terminal columns.
 */
import { displayWidth, printable, WIDE_RANGES } from '@ledger/tables';

export { displayWidth, printable, WIDE_RANGES };

/** Lines of human output, each made printable: names and ids from the ledger or a file cannot rewrite a verdict line. */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function formatTable(headers: readonly string[], shown: ReadonlyArray<readonly string[]>): string {
  const rows = shown.map((r) => r.map(printable));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export function printTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  process.stdout.write(rows.length === 0 ? '（无）\n' : formatTable(headers, rows));
}

/** How many evidence ids a table cell shows before it says how many more there are. */
export const EVIDENCE_SHOWN = 4;

/**
 * A table cell of evidence (event ids): the first few and how many more, so that a row citing a
 * whole team stays readable (found by a CLI review: one TM1 row was 1,318 columns wide, and every row
 * of its table padded to it); `--json` lists them all.
 */
export function evidenceCell(ids: readonly string[]): string {
  if (ids.length === 0) return '—';
  const shown = ids.slice(0, EVIDENCE_SHOWN).join(' ');
  return ids.length > EVIDENCE_SHOWN ? `${shown} 等 ${ids.length} 个（--json 列出全部）` : shown;
}
