/**
 * Plain-text tables that line up with Chinese text: CJK characters take two terminal columns.
 */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/**
 * Text as a terminal should show it: a tab as a space, a line break as ↵, any other control
 * character as its code (\u001b). The ledger refuses them in new writes; records stored before
 * that, or imported from elsewhere, must still not move the cursor, recolour or forge a row.
 */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => (c === '\t' ? ' ' : c === '\n' || c === '\r' ? '↵' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
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
