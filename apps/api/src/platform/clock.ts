/**
 * The one place the API reads the wall clock: today's calendar date in Asia/Shanghai (T1),
 * handed to the pure domain as a value.
 */
import type { CalendarDate } from '@ledger/domain';

export interface Clock {
  today(): CalendarDate;
  now(): Date;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const systemClock: Clock = {
  today: () => shanghaiDate.format(new Date()) as CalendarDate,
  now: () => new Date(),
};
