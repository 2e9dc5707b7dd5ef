/**
 * Continuity of service (连续任职, RULES C1, C2): a continuous run in a role set is the union of
 * the holding intervals with no uncovered day between them; `continuityGraceDays` tolerates a
 * short administrative gap.
 *
 * C2 needs nothing here on purpose: a secondment (借调) or temporary posting (挂职) does not end
 * a holding — only a removal or transfer does — so a post kept through one stays one interval,
 * and a post vacated during one ends its interval like any other removal.
 */
import { addDays, addMonths, daysBetween, elapsed, type CalendarDate } from '../time/calendar-date';

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
 * (`to <= from`) are ignored. A gap tolerated by grace counts inside the run; one in which the cadre
 * held a post of `elsewhere` (the cadre's posts outside the role set) taken up after the run's last
 * holding began is no gap but a move, and ends it; one held beside that holding since it began is not.
 */
export function continuousRuns(intervals: readonly HoldingInterval[], graceDays = 0, elsewhere: readonly HoldingInterval[] = []): ContinuousRun[] {
  // The grace tolerates an administrative gap, a time in no new post: a gap in which the cadre held
  // another post taken up after the last holding of the run began (head between two secretary posts,
  // a county department between two township ones, even taken up a day before leaving) is a move and
  // ends the run, as C1 says of a move between the chief roles (found by reviews: a grace of 30 days
  // bridged 20 days as head; then a one-day overlap hid such a move). A post held beside the holding
  // since it began (人大主席 beside 党委书记, re-elected or not: the caller gives its holding's start) is no move.
  const movedDuring = (from: CalendarDate, to: CalendarDate, holdingFrom: CalendarDate) =>
    elsewhere.some((e) => e.from < to && (e.to === null || e.to > from) && e.from > holdingFrom);
  const sorted = intervals
    .filter((i) => i.to === null || i.from < i.to)
    .slice()
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const runs: ContinuousRun[] = [];
  let current: ContinuousRun | undefined;
  // The start of the holding that gives the run its end: a post taken up after it is a move.
  let lastHoldingFrom: CalendarDate | undefined;
  for (const i of sorted) {
    const bridged = (end: CalendarDate) => end >= i.from || (daysBetween(end, i.from) <= graceDays && !movedDuring(end, i.from, lastHoldingFrom!));
    if (current && (current.end === null || bridged(current.end))) {
      if (current.end !== null && (i.to === null || i.to > current.end)) {
        current.end = i.to;
        lastHoldingFrom = i.from;
      }
      for (const id of i.eventIds ?? []) if (!current.eventIds.includes(id)) current.eventIds.push(id);
      continue;
    }
    current = { start: i.from, end: i.to, eventIds: [...(i.eventIds ?? [])] };
    lastHoldingFrom = i.from;
    runs.push(current);
  }
  return runs;
}

/** A holding of one post: the unit, the role and its interval. */
export interface PostInterval {
  readonly orgUnitId: string;
  readonly role: string;
  readonly from: CalendarDate;
  /** Exclusive; null or undefined while held. */
  readonly to?: CalendarDate | null;
}

/**
 * TM4 re-election (换届连任): a cadre's holding of a post taken up on the very day the same cadre's
 * holding of the same post ended continues that holding. A day's gap, or another post, does not.
 * The one reading of it: the tenure counted in a post (samePostHeldSince) and the both-chiefs finding
 * (read-models/compliance) both ask it.
 */
export function continuesSamePost(ended: { readonly orgUnitId: string; readonly role: string; readonly to?: CalendarDate | null }, taken: { readonly orgUnitId: string; readonly role: string; readonly from: CalendarDate }): boolean {
  return ended.orgUnitId === taken.orgUnitId && ended.role === taken.role && ended.to === taken.from;
}

/**
 * TM4: the start of the continuous holding of the same post `holding` belongs to, following
 * re-elections (continuesSamePost) back; any other gap or change of post starts a new holding.
 */
export function samePostHeldSince(posts: readonly PostInterval[], holding: PostInterval): CalendarDate {
  let start = holding.from;
  for (;;) {
    const from = start;
    const previous = posts.find((p) => p.from < from && continuesSamePost(p, { orgUnitId: holding.orgUnitId, role: holding.role, from }));
    if (!previous) return start;
    start = previous.from;
  }
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

/** Years, months and days of service (T3). */
export interface ServiceTotal {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  /** Days covered by the union of the intervals up to `asOf` (exclusive): overlaps count once. */
  readonly totalDays: number;
}

/**
 * T3 for (possibly interrupted) service (P3 township work and leadership, TM1, TM2, TM10): each
 * continuous span (overlapping holdings merged) up to `asOf` is measured by anniversaries from its
 * start to its end; the spans' whole months are added, and their odd days laid after those months,
 * counted from the first span's start. One span, ended or not, is exactly the anniversary rule, and
 * spans of whole years add up to the sum of their years. (Found by a review: the days were laid end
 * to end to finish on `asOf`, so a span that ended earlier, with fewer leap days than the window
 * before `asOf`, fell a day short: 2021-03-01 to 2023-03-01 came to 1 year on 2024-06-01.)
 * RULES.md does not say how separate spans add up; this is the code's one convention for it.
 */
export function serviceLength(intervals: readonly HoldingInterval[], asOf: CalendarDate): ServiceTotal {
  let first: CalendarDate | undefined;
  let totalDays = 0;
  let months = 0;
  let days = 0;
  for (const run of continuousRuns(intervals, 0)) {
    const end = run.end === null || run.end > asOf ? asOf : run.end;
    if (end <= run.start) continue;
    first ??= run.start;
    totalDays += daysBetween(run.start, end);
    const span = elapsed(run.start, end);
    months += span.years * 12 + span.months;
    days += span.days;
  }
  if (first === undefined) return { years: 0, months: 0, days: 0, totalDays: 0 };
  return { ...elapsed(first, addDays(addMonths(first, months), days)), totalDays };
}

/** Days covered by the union of the intervals, counted up to `asOf` (exclusive): overlaps count once. */
export function coveredDays(intervals: readonly HoldingInterval[], asOf: CalendarDate): number {
  return serviceLength(intervals, asOf).totalDays;
}
