/**
 * The one place the API reads the wall clock: today's calendar date in Asia/Shanghai (T1),
 * handed to the pure domain as a value.
 */
import { shanghaiDateOf, type CalendarDate } from '@ledger/domain';

export interface Clock {
  today(): CalendarDate;
  now(): Date;
}

export const systemClock: Clock = {
  today: () => shanghaiDateOf(Date.now()),
  now: () => new Date(),
};
