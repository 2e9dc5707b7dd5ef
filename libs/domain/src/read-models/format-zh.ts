/** How lengths and periods are written in the Chinese `detail` texts of read-model answers. */
import type { CalendarDate } from '../time/calendar-date';
import { addDays } from '../time/calendar-date';

/** "8 年 3 个月" (days shown only when there are some); nothing at all is "0 天", not "0 年 0 个月" (found by a review). */
export function lengthZh(l: { years: number; months: number; days?: number }): string {
  if (l.years === 0 && l.months === 0 && !l.days) return '0 天';
  return `${l.years} 年 ${l.months} 个月${l.days ? ` ${l.days} 天` : ''}`;
}

/**
 * An exclusive end shown as the last day covered, as officials read a period ("至 2024-05-31"); a
 * period ended the day it began covers no day, and says so rather than end before it starts
 * (found by a review: a secondment begun and ended on 2020-03-02 read "2020-03-02 至 2020-03-01").
 */
export function periodZh(from: CalendarDate, toExclusive: CalendarDate): string {
  return toExclusive <= from ? `${from}（当日即结束）` : `${from} 至 ${addDays(toExclusive, -1)}`;
}
