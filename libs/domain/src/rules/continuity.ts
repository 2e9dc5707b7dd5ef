/**
 * Continuity of service (连续任职, RULES C1, C2): a continuous run in a role set is the union of
 * the holding intervals with no uncovered day between them; `continuityGraceDays` tolerates a
 * short administrative gap.
 *
 * C2 needs nothing here on purpose: a secondment (借调) or temporary posting (挂职) does not end
 * a holding — only a removal or transfer does — so a post kept through one stays one interval,
 * and a post vacated during one ends its interval like any other removal.
 */
import { addDays, daysBetween, elapsed, type CalendarDate } from '../time/calendar-date';

/**
 * One span of holding a post in the role set (任职区间, T2): `from` inclusive, `to` exclusive;
 * `to = null` while still held (open-ended).
 */
export interface HoldingInterval {
  from: CalendarDate;
  to: CalendarDate | null;
  /** Events behind the interval (appointment, transfer, removal), carried into the run's evidence. */
  eventIds?: readonly string[];
}

/** A continuous run (连续任职期): `start` inclusive, `end` exclusive or null while it lasts. */
export interface ContinuousRun {
  start: CalendarDate;
  end: CalendarDate | null;
  eventIds: string[];
}

/**
 * C1: merge holding intervals into continuous runs, earliest first. Two intervals belong to the
 * same run when the days between them not covered by any holding number at most `graceDays`
 * (0 by default: back-to-back holdings, `to` of one = `from` of the next, are continuous; a single
 * uncovered day breaks the run). Overlapping intervals (two posts at once) merge. Empty intervals
 * (`to <= from`) are ignored. A gap tolerated by grace counts inside the run.
 */
export function continuousRuns(intervals: readonly HoldingInterval[], graceDays = 0): ContinuousRun[] {
  const sorted = intervals
    .filter((i) => i.to === null || i.from < i.to)
    .slice()
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const runs: ContinuousRun[] = [];
  let current: ContinuousRun | undefined;
  for (const i of sorted) {
    if (current && (current.end === null || daysBetween(current.end, i.from) <= graceDays)) {
      if (current.end !== null && (i.to === null || i.to > current.end)) current.end = i.to;
      for (const id of i.eventIds ?? []) if (!current.eventIds.includes(id)) current.eventIds.push(id);
      continue;
    }
    current = { start: i.from, end: i.to, eventIds: [...(i.eventIds ?? [])] };
    runs.push(current);
  }
  return runs;
}

/** The run covering `date` (start <= date < end), or undefined. */
export function runCovering(runs: readonly ContinuousRun[], date: CalendarDate): ContinuousRun | undefined {
  return runs.find((r) => r.start <= date && (r.end === null || date < r.end));
}

/**
 * T3: completed years, months and days of a run as of `asOf` (N years are complete on the N-th
 * anniversary of the start). A run that ended before `asOf` is measured to its end.
 */
export function runLength(run: ContinuousRun, asOf: CalendarDate): { years: number; months: number; days: number } {
  const end = run.end !== null && run.end < asOf ? run.end : asOf;
  return elapsed(run.start, end);
}

/** Days covered by the union of the intervals, counted up to `asOf` (exclusive): overlaps count once. */
export function coveredDays(intervals: readonly HoldingInterval[], asOf: CalendarDate): number {
  let total = 0;
  for (const run of continuousRuns(intervals, 0)) {
    const end = run.end === null || run.end > asOf ? asOf : run.end;
    if (end > run.start) total += daysBetween(run.start, end);
  }
  return total;
}

/**
 * T3 for (possibly interrupted) service (P3 township work, TM1, TM2, TM10): `days` of service laid
 * end to end so that they finish on `asOf`, measured by anniversaries. For one uninterrupted span
 * ending on `asOf` this is exactly the anniversary rule. The one place this is computed (it was in
 * the reports and the TM10 candidates too).
 */
export function serviceLengthOfDays(days: number, asOf: CalendarDate): { years: number; months: number; days: number } {
  return elapsed(addDays(asOf, -days), asOf);
}

/** Full years `days` of service amount to on `asOf` (serviceLengthOfDays). */
export function yearsOfDays(days: number, asOf: CalendarDate): number {
  return serviceLengthOfDays(days, asOf).years;
}

/** Whether `days` of (possibly interrupted) service amount to `years` full years as of `asOf` (serviceLengthOfDays). */
export function daysAmountToYears(days: number, years: number, asOf: CalendarDate): boolean {
  return yearsOfDays(days, asOf) >= years;
}
