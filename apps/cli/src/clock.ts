import { shanghaiDateOf, shanghaiTime, type CalendarDate } from '@ledger/domain';

/** Today in Asia/Shanghai (T1): the CLI's one reading of the wall clock. */
export const todayInShanghai = (): CalendarDate => shanghaiDateOf(Date.now());

/** An instant as Asia/Shanghai wall time with its offset: `2026-11-30 13:05:09 +08:00` (the domain's one formatter). */
export function shanghaiDateTime(instant: string | Date): string {
  return shanghaiTime(new Date(instant).toISOString());
}
