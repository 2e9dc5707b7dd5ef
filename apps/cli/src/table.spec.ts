import { formatTable, printable } from './table';

describe('CLI tables', () => {
  it('line up Chinese text: a CJK character takes two columns', () => {
    expect(formatTable(['姓名', 'id'], [['王五', 'C1']])).toBe('姓名  id\n────  ──\n王五  C1\n');
  });
  it('show control characters instead of sending them to the terminal (found by a review: a stored name forged a row)', () => {
    expect(printable('王五\u001b[2K\r\u001b[32m已核验\u001b[0m\n伪造行')).toBe('王五\\u001b[2K↵\\u001b[32m已核验\\u001b[0m↵伪造行');
    expect(printable('A\u0085B\u009bC\tD')).toBe('A\\u0085B\\u009bC D');
    expect(formatTable(['姓名'], [['王五\n伪造行']]).split('\n')).toHaveLength(4); // header, rule, one row, the final newline
  });
});
