/**
 * Text as a person should see it, in a terminal or a spreadsheet cell: a tab as a space, a line
 * break as ↵, any other control character, and any format character (Unicode Cf: zero-width
 * characters, direction overrides and isolates such as U+202E), as its code (\u001b, \u202e;
 * \u{e0001} beyond the BMP). The ledger refuses them in new writes; records stored before that, or
 * imported from elsewhere, must still not move the cursor, recolour, reorder a line or forge a row
 * (found by an API review: a name holding U+202E printed the rest of its row right to left), nor
 * make a workbook Excel refuses to open (XML 1.0 has no place for most control characters).
 */
export function printable(text: string): string {
  // The joiners a Uyghur name needs (U+200C, U+200D) and U+180E are kept, as the ledger keeps them: they reorder nothing.
  return text.replace(/(?![\u200c\u200d\u180e])[\p{Cc}\p{Cf}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, (c) =>
    c === '\t' ? ' ' : c === '\n' || c === '\r' ? '↵' : codeOf(c.codePointAt(0)!),
  );
}

function codeOf(codePoint: number): string {
  const hex = codePoint.toString(16);
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** East Asian wide and full-width characters, as a character class's ranges: two columns in a terminal. */
export const WIDE_RANGES =
  '\\u1100-\\u115F\\u2E80-\\u303E\\u3041-\\u33FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA000-\\uA4CF\\uAC00-\\uD7A3\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFF60\\uFFE0-\\uFFE6\\u{20000}-\\u{3FFFD}';
const WIDE_CHAR = new RegExp(`[${WIDE_RANGES}]`, 'gu');
/** Colour codes (SGR escapes): no width. */
const SGR = /\x1b\[\d*(;\d*)*m/g;

/** The columns a string takes in a terminal, or the characters of a spreadsheet's column (colour codes take none, a Chinese character two). */
export function displayWidth(text: string): number {
  const plain = text.replace(SGR, '');
  return [...plain].length + (plain.match(WIDE_CHAR)?.length ?? 0);
}
