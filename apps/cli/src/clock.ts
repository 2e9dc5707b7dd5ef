import type { CalendarDate } from '@ledger/domain';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Asia/Shanghai (T1): the CLI's one reading of the wall clock. */
export const todayInShanghai = (): CalendarDate => shanghaiDate.format(new Date()) as CalendarDate;

const shanghaiTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** An instant as Asia/Shanghai wall time with its offset: `2026-11-30 13:05:09 +08:00`. */
export function shanghaiDateTime(instant: string | Date): string {
  const parts = Object.fromEntries(shanghaiTime.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const offset = String(parts.timeZoneName).replace(/^GMT/, '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}
