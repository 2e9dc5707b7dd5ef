import { shanghaiTime, type CalendarDate } from '@ledger/domain';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Asia/Shanghai (T1): the CLI's one reading of the wall clock. */
export const todayInShanghai = (): CalendarDate => shanghaiDate.format(new Date()) as CalendarDate;

/** An instant as Asia/Shanghai wall time with its offset: `2026-11-30 13:05:09 +08:00` (the domain's one formatter). */
export function shanghaiDateTime(instant: string | Date): string {
  return shanghaiTime(new Date(instant).toISOString());
}
