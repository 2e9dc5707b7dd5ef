/**
 * Calendar dates (T1): the domain never uses `Date` for effective dates, so no time zone
 * can shift a day. A CalendarDate is a validated `YYYY-MM-DD` string; it sorts as text.
 */
import { z } from 'zod';

export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

export function isCalendarDate(value: string): value is CalendarDate {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function calendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return value;
}

export const CALENDAR_DATE_MESSAGE = 'must be a real calendar date YYYY-MM-DD (1900–2999)';
/** A calendar year as a query parameter or a CLI option gives it. */
export const YEAR_PARAM_MESSAGE = 'a year such as 2021 (1900–2999)';

/** zod schema for a calendar date at every boundary. */
export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: CALENDAR_DATE_MESSAGE })
  .transform((v) => v as CalendarDate);

export function parts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** Days since 1970-01-01 (UTC arithmetic only; never a local time zone). */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = parts(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const d = new Date(dayNumber * 86_400_000);
  // Past ±100,000,000 days a Date is invalid: a date of "0NaN-NaN-NaN" must never be answered.
  if (!Number.isFinite(d.getTime())) throw new RangeError(`day number out of range: ${dayNumber}`);
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` (inclusive) to `to` (exclusive), T2. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * T3: the N-month anniversary of a date. A day that does not exist in the target month
 * falls on that month's last day (29 Feb → 28 Feb; 31 Aug + 1 month → 30 Sep), 民法典 §202.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

/** T3: the N-th anniversary (N full years are reached on this date). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/**
 * T3: whole years, months and days of service from `start` (inclusive) to `end` (exclusive),
 * counted by anniversaries: N years are complete on the N-th anniversary.
 */
export function elapsed(start: CalendarDate, end: CalendarDate): { years: number; months: number; days: number } {
  if (end <= start) return { years: 0, months: 0, days: 0 };
  let totalMonths = 0;
  const s = parts(start);
  const e = parts(end);
  totalMonths = (e.year - s.year) * 12 + (e.month - s.month);
  while (totalMonths > 0 && addMonths(start, totalMonths) > end) totalMonths--;
  while (addMonths(start, totalMonths + 1) <= end) totalMonths++;
  const anchor = addMonths(start, totalMonths);
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, days: daysBetween(anchor, end) };
}

export function yearOf(date: CalendarDate): number {
  return parts(date).year;
}

/** First and last day of a calendar year. */
export function yearStart(year: number): CalendarDate {
  return format(year, 1, 1);
}
export function yearEnd(year: number): CalendarDate {
  return format(year, 12, 31);
}
