import type { LedgerWorkbook } from '@ledger/tables';
import { readXlsx } from '../../../../test/support/read-xlsx';
import { takeFormat, WAITING_LIMIT, writeWorkbook } from './xlsx-answer';

describe('workbooks the API answers (format=xlsx)', () => {
  const workbook = (rows: number): LedgerWorkbook => ({
    fileStem: '测试',
    tables: [{ sheetName: '名单', caption: ['标题'], headers: ['干部编号', '姓名', '排名'], rows: Array.from({ length: rows }, (_, i) => [`C${i}`, `干部${i}\u202e`, i]) }],
  });

  it('given a large workbook, when written on the worker thread, then it holds what the same workbook written here holds', async () => {
    const here = await readXlsx(await writeWorkbook(workbook(300), Number.POSITIVE_INFINITY, '2026-01-01T00:00:00Z'));
    const onWorker = await readXlsx(await writeWorkbook(workbook(300), 0, '2026-01-01T00:00:00Z'));
    expect(onWorker).toEqual(here);
    expect(onWorker[0]!.rows[4]).toEqual(['C0', '干部0\\u202e', 0]);
  });

  it('given several large workbooks asked at once, then each is written (one worker at a time) and each answer is its own', async () => {
    const sizes = [5, 50, 500];
    const written = await Promise.all(sizes.map((n) => writeWorkbook(workbook(n), 0)));
    expect(await Promise.all(written.map(async (b) => (await readXlsx(b))[0]!.rows.length))).toEqual(sizes.map((n) => n + 4));
  });

  it('given more large workbooks waiting than the limit, then the one over it is refused at once (429 EXPORT_BUSY) and the others are written', async () => {
    const asked = Array.from({ length: WAITING_LIMIT + 1 }, () => writeWorkbook(workbook(50), 0).then(
      () => 'written',
      (e: { status?: number; code?: string }) => `${e.status} ${e.code}`,
    ));
    expect(await Promise.all(asked)).toEqual([...Array<string>(WAITING_LIMIT).fill('written'), '429 EXPORT_BUSY']);
    // Once they are written, the queue takes workbooks again.
    await expect(writeWorkbook(workbook(5), 0)).resolves.toBeInstanceOf(Buffer);
  });

  it('takes format=json or xlsx (json when absent) and names `format` for anything else', () => {
    expect(takeFormat({ asOf: '2025-12-31' })).toEqual({ format: 'json', rest: { asOf: '2025-12-31' } });
    expect(takeFormat({ format: 'xlsx', cycle: '2021-2025' })).toEqual({ format: 'xlsx', rest: { cycle: '2021-2025' } });
    expect(() => takeFormat({ format: ['xlsx', 'json'] })).toThrow(expect.objectContaining({ status: 400, messageZh: 'format：只能给出一次' }));
    expect(() => takeFormat({ format: 'XLSX' })).toThrow('format');
  });
});
