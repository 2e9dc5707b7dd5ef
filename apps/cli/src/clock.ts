import type { CalendarDate } from '@ledger/domain';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Asia/Shanghai (T1): the CLI's one reading of the wall clock. */
export const todayInShanghai = (): CalendarDate => shanghaiDate.format(new Date()) as CalendarDate;
