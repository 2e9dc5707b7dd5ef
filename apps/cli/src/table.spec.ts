import { evidenceCell, formatTable, printable } from './table';

describe('CLI tables', () => {
  it('show at most four evidence ids and how many there are in all (found by a CLI review: a row citing a whole team was 1,318 columns wide)', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${i + 1}`);
    expect([evidenceCell([]), evidenceCell(ids(4)), evidenceCell(ids(5))]).toEqual(['—', 'e1 e2 e3 e4', 'e1 e2 e3 e4 等 5 个（--json 列出全部）']);
  });
  it('line up Chinese text: a CJK character takes two columns', () => {
    expect(formatTable(['姓名', 'id'], [['王五', 'C1']])).toBe('姓名  id\n────  ──\n王五  C1\n');
  });
  it('show control characters instead of sending them to the terminal (found by a review: a stored name forged a row)', () => {
    expect(printable('王五\u001b[2K\r\u001b[32m已核验\u001b[0m\n伪造行')).toBe('王五\\u001b[2K↵\\u001b[32m已核验\\u001b[0m↵伪造行');
    expect(printable('A\u0085B\u009bC\tD')).toBe('A\\u0085B\\u009bC D');
    expect(formatTable(['姓名'], [['王五\n伪造行']]).split('\n')).toHaveLength(4); // header, rule, one row, the final newline
  });
  it('show format characters (Unicode Cf) by their code: a name stored before the ledger refused them cannot reorder or hide part of a row (found by an API review)', () => {
    // U+202E would print “已核验” right to left after it; U+2066–U+2069 isolate, U+200B–U+200F, U+2060, U+FEFF show nothing.
    expect(printable('王五\u202e验核已\u202c')).toBe('王五\\u202e验核已\\u202c');
    expect(printable('\u2066张\u2069\u200b\u200f\u2060\ufeff三\u00ad')).toBe('\\u2066张\\u2069\\u200b\\u200f\\u2060\\ufeff三\\u00ad');
    // The joiners of an Arabic-script (Uyghur) name and the Mongolian vowel separator stay, as the ledger keeps them.
    expect(printable('ئ\u200cا\u200dب ᠮ\u180eᠠ')).toBe('ئ\u200cا\u200dب ᠮ\u180eᠠ');
    // Beyond the BMP (a tag character), one code, not two halves of a surrogate pair.
    expect(printable('a\u{e0001}b')).toBe('a\\u{e0001}b');
    // The text around them and what is not Cf (a CJK character, a space, U+3000, an emoji) are as they were.
    expect(printable('王 五\u3000😀')).toBe('王 五\u3000😀');
    expect(formatTable(['姓名', 'id'], [['\u202e五王', 'C1']])).toBe('姓名        id\n──────────  ──\n\\u202e五王  C1\n');
  });
});
