import { zipSync } from 'fflate';
import { workbookTooLargeZh, workbookUnpackedBytes } from './workbook-size';

describe('what a workbook unpacks to, read before it is unpacked', () => {
  // A zip of 3 MB of zeros: a few kilobytes packed (a zip bomb in miniature).
  const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(3 * 1024 * 1024), '[Content_Types].xml': new Uint8Array(100) }, { level: 9 });

  it('given a zip, then the sum of its entries’ declared sizes, without unpacking them', () => {
    expect(bomb.length).toBeLessThan(20_000);
    expect(workbookUnpackedBytes(bomb)).toBe(3 * 1024 * 1024 + 100);
  });

  it('a workbook over the limit is refused in Chinese, naming it and both sizes; one at the limit, or a file that is no zip, is left to the reader', () => {
    const limit = 3 * 1024 * 1024 + 100;
    expect(workbookTooLargeZh(bomb, '考核.xlsx', limit - 1)).toBe('“考核.xlsx”解压后有 3.0 MB，超过 3.0 MB 的上限，不是一份录入表（可能是损坏或恶意构造的文件），未读取。请分成几个工作簿导入。');
    expect(workbookTooLargeZh(bomb, '考核.xlsx', limit)).toBeUndefined();
    expect(workbookTooLargeZh(new TextEncoder().encode('cadreId,grade\n'), 'x.xlsx', 1)).toBeUndefined();
  });
});
