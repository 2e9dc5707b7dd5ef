/**
 * T1 recorded times (`recordedAt`, `knownAt`): instants, stored and answered in UTC ISO-8601, read
 * and shown in Asia/Shanghai (UTC+8 all year: China keeps no daylight saving time).
 */
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from './calendar-date';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
// The time after `T` or a space, the zone after the time or one space: the form the ledger itself
// prints (`2024-01-31 16:00:00.123 +08:00`, shanghaiInstant) is read back as the instant it names.
const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?) ?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A `knownAt` as a person or script gives it, as a UTC ISO instant; null when it is not one.
 * A bare date means the end of that day in Asia/Shanghai (everything recorded on that day is
 * known, T1); a time without an offset is Asia/Shanghai time.
 */
export function knownAtInstant(input: string): string | null {
  const m = INSTANT.exec(input);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const [, date, time, zone] = m;
  const local = time === undefined ? `${date}T23:59:59.999+08:00` : `${date}T${time}${zone ?? '+08:00'}`;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * T1: the instant a `knownAt` stands for, in milliseconds, as every read model takes it: a bare date
 * is the end of that day and a time without an offset is Beijing time (knownAtInstant), whatever
 * the caller normalised or not; any other ISO-8601 form as `Date.parse` reads it. NaN when it is no
 * instant. (Found by a boundary audit: the read models parsed a bare date as 00:00 UTC, 08:00 in
 * Beijing, and a time without an offset in the process's time zone.)
 */
export function knownAtMs(knownAt: string): number {
  return Date.parse(knownAtInstant(knownAt) ?? knownAt);
}

/** What a `knownAt` that is no date or instant is told (named in Chinese by SCHEMA_MESSAGES_ZH). */
export const KNOWN_AT_MESSAGE = 'must be an ISO-8601 date or instant, e.g. 2024-01-31 (end of that day, Beijing time) or 2024-01-31T08:00:00+08:00';

/** zod: a `knownAt` (see knownAtInstant), normalised to a UTC ISO instant. */
export const knownAtSchema = z.string().transform((s, ctx) => {
  const instant = knownAtInstant(s);
  if (instant === null) {
    ctx.addIssue({ code: 'custom', message: KNOWN_AT_MESSAGE });
    return z.NEVER;
  }
  return instant;
});

/**
 * An instant shown to people: Asia/Shanghai wall time with its offset, e.g. `2024-01-31 16:00:00 +08:00`.
 * A string that is no instant (a damaged export file) is shown as it is.
 */
export function shanghaiTime(instant: string): string {
  const ms = Date.parse(instant);
  // Beyond what a Date holds once shifted (+275760-09-13, found by a security review: a 500): shown as it is.
  if (Number.isNaN(ms) || Number.isNaN(new Date(ms + SHANGHAI_OFFSET_MS).getTime())) return instant;
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +08:00`;
}

/**
 * An instant an answer was given as known at, shown to people to the millisecond when it has any
 * (`2024-01-31 16:00:00.412 +08:00`): asked again with what is shown, the answer is the same (T1).
 * Found by a review: shown to the second, an instant a few hundred milliseconds after a write read
 * back as one before it, and the cadre it had answered for was "not found".
 */
export function shanghaiInstant(instant: string): string {
  const shown = shanghaiTime(instant);
  const ms = Date.parse(instant);
  if (shown === instant || ms % 1000 === 0) return shown;
  return `${shown.slice(0, 19)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}${shown.slice(19)}`;
}

/**
 * T1: the calendar date in Asia/Shanghai at an instant (the ledger's "today"). By the fixed offset,
 * not by Intl's time-zone formatting, which cost ≈ 1 % of the API's CPU for an HTTP append.
 */
export function shanghaiDateOf(instant: Date | number): CalendarDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as CalendarDate;
}
