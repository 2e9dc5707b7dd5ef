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
