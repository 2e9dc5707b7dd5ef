import { RejectionLog } from './rejection-log';

describe('RejectionLog', () => {
  it('hands out the first `keep` rejections in file order, once earlier lines are settled, and counts them all', () => {
    const out: number[] = [];
    const log = new RejectionLog<{ line: number }>(3, (r) => out.push(r.line));
    for (const line of [7, 2, 9]) log.add({ line });
    log.settleBefore(5);
    expect(out).toEqual([2]);
    for (const line of [5, 1000, 6, 8]) log.add({ line });
    log.settleBefore(Infinity);
    expect(out).toEqual([2, 5, 6]);
    expect(log.kept.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(log.count).toBe(7);
  });

  it('keeps memory bounded: only the lowest lines are held while waiting', () => {
    const log = new RejectionLog<{ line: number }>(10);
    for (let line = 100_000; line > 0; line--) log.add({ line });
    expect((log as unknown as { pending: unknown[] }).pending.length).toBeLessThanOrEqual(20);
    log.settleBefore(Infinity);
    expect(log.kept.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(log.count).toBe(100_000);
  });
});
