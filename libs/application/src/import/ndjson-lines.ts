/**
 * Splits a byte stream into NDJSON lines without ever holding a line longer than the limit: past
 * `maxLineBytes` the line's bytes are dropped as they arrive and only its number is reported. Each
 * line is decoded as strict UTF-8, so a malformed byte sequence is reported, never turned into U+FFFD.
 */

export type NdjsonLine = (
  | { readonly number: number; readonly text: string }
  | {
      readonly number: number;
      readonly problem: 'LINE_TOO_LONG' | 'INVALID_UTF8';
      readonly bytes: number;
      readonly holdsCr?: true;
      /** Not UTF-8 but Chinese text in GB18030 (GBK's superset): a file saved by Excel or Notepad as "ANSI" on a Chinese Windows. */
      readonly looksGb18030?: true;
    }
) & {
  /**
   * The file is UTF-16 (its first bytes a UTF-16 byte order mark, or its first line every other
   * byte NUL): what Notepad saves as "Unicode" and Excel as "Unicode 文本". Its lines then read as
   * text full of NULs, or as invalid UTF-8, and its CRLF as a CR inside a line (found by a review:
   * the lines were blamed on old Mac line ends).
   */
  readonly looksUtf16?: true;
};

/** Whether a line's bytes read as UTF-16: at least a third of them NUL (ASCII in UTF-16 is every other byte NUL). */
function looksUtf16(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  let nuls = 0;
  for (const byte of bytes) if (byte === 0) nuls++;
  return nuls * 3 >= bytes.length;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Whether bytes that are not UTF-8 read as Chinese in GBK (GB18030's two-byte part): the encoding a
 * clerk's file saved as "ANSI" most likely has. Every byte above ASCII must pair as GBK does (a lead
 * of 81–FE, a trail of 40–7E or 80–FE), at least one pair must be a common character of GB2312 (lead
 * A1–F7, trail A1–FE), and the bytes must not read mostly as UTF-8: a Latin-1 name (Müller: FC 6C)
 * pairs as GBK but is no GB2312 text, and UTF-8 Chinese with one broken byte pairs as GBK too but
 * decodes as UTF-8 but for that byte (found by reviews: Müller read as Chinese; then 王喆, 喆 outside
 * GB2312, not; then a broken UTF-8 line read as GBK).
 */
function looksGb18030(bytes: Uint8Array): boolean {
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1];
    if (lead < 0x81 || lead > 0xfe || trail === undefined || trail < 0x40 || trail === 0x7f || trail > 0xfe) return false;
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1) common++;
    i++;
  }
  if (common === 0) return false;
  let decoded = 0;
  let broken = 0;
  for (const ch of LENIENT_UTF8.decode(bytes)) {
    if (ch === '\uFFFD') broken++;
    else if (ch.codePointAt(0)! >= 0x80) decoded++;
  }
  return broken > decoded;
}

/** UTF-8 decoding that marks each malformed sequence U+FFFD: how much of a line does read as UTF-8. */
const LENIENT_UTF8 = new TextDecoder('utf-8', { fatal: false });

export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, maxLineBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let parts: Buffer[] = [];
  let size = 0;
  /** Bytes of the current line, counted on after it went over the limit. */
  let seen = 0;
  /** Whether the current line's last byte so far is a CR. */
  let endsWithCr = false;
  /** Whether the current line holds a CR before its end: a file with CR-only line ends reads as one line. */
  let innerCr = false;
  /** The first line's byte order mark, not counted against the limit (the decoder drops it; found by a review). */
  let bomBytes = 0;
  /** The first line's first bytes, gathered across segments until there are three: a BOM may arrive split. */
  const firstBytes: number[] = [];
  let number = 0;
  /** Set by the file's first bytes or first line (NdjsonLine.looksUtf16), then said of every line. */
  let utf16 = false;

  const finish = (): NdjsonLine => {
    const line = finishLine();
    return utf16 ? { ...line, looksUtf16: true } : line;
  };
  const finishLine = (): NdjsonLine => {
    number++;
    const buffer = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    if (number === 1 && looksUtf16(buffer)) utf16 = true;
    // A CRLF line end's CR is not the line's: the limit is judged without it (found by a review:
    // a line of exactly the limit was refused when the file was written on Windows).
    const bytes = (endsWithCr ? seen - 1 : seen) - bomBytes;
    const tooLong = bytes > maxLineBytes;
    const end = endsWithCr && !tooLong ? buffer.length - 1 : buffer.length;
    const holdsCr = innerCr;
    parts = [];
    size = 0;
    seen = 0;
    endsWithCr = false;
    innerCr = false;
    bomBytes = 0;
    if (tooLong) return { number, problem: 'LINE_TOO_LONG', bytes, ...(holdsCr ? { holdsCr: true as const } : {}) };
    try {
      return { number, text: decoder.decode(buffer.subarray(0, end)) };
    } catch {
      return { number, problem: 'INVALID_UTF8', bytes, ...(looksGb18030(buffer.subarray(0, end)) ? { looksGb18030: true as const } : {}) };
    }
  };
  const take = (segment: Buffer): void => {
    // A CR inside the segment, or one ending the previous segment now followed by more of the line.
    if (number === 0 && firstBytes.length < UTF8_BOM.length) {
      for (const byte of segment.subarray(0, UTF8_BOM.length - firstBytes.length)) firstBytes.push(byte);
      if (firstBytes.length === UTF8_BOM.length && UTF8_BOM.every((byte, i) => firstBytes[i] === byte)) bomBytes = UTF8_BOM.length;
      if (firstBytes.length >= 2 && ((firstBytes[0] === 0xff && firstBytes[1] === 0xfe) || (firstBytes[0] === 0xfe && firstBytes[1] === 0xff))) utf16 = true;
    }
    if (!innerCr && ((endsWithCr && segment.length > 0) || segment.subarray(0, segment.length - 1).includes(CARRIAGE_RETURN))) innerCr = true;
    seen += segment.length;
    if (segment.length > 0) endsWithCr = segment[segment.length - 1] === CARRIAGE_RETURN;
    // One byte over the limit is kept: it may be a CRLF line end's CR.
    if (seen - bomBytes > maxLineBytes + 1) {
      parts = [];
      size = 0;
      return;
    }
    if (segment.length > 0) {
      parts.push(segment);
      size += segment.length;
    }
  };

  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    onBytes?.(buffer.length);
    let start = 0;
    for (let at = buffer.indexOf(NEWLINE, start); at !== -1; at = buffer.indexOf(NEWLINE, start)) {
      take(buffer.subarray(start, at));
      yield finish();
      start = at + 1;
    }
    if (start < buffer.length) take(buffer.subarray(start));
  }
  if (seen > 0) yield finish();
}
