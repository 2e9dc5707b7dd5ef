/**
 * TM7 focus-cultivation ledger (重点关注培育台账): a township chief graded EXCELLENT in N consecutive
 * assessment years (setting, default 3), holding a chief post in each of those years, enters the
 * ledger on the effective date of the grade that completes the run. A missing or non-EXCELLENT year
 * breaks the run, and so does an EXCELLENT of a year a sanction forbids it (N4: no credit). N is the
 * policy's on each day (`firstEntry`). The ledger is cumulative: an entry stays once made; `inPostOnAsOf`
 * says whether the cadre is still a chief on the as-of date.
 */
import { yearEnd, yearStart, type CalendarDate } from '../time/calendar-date';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { gradeHeldSince, gradesByYear, isTownshipChief, knownSanctions, policyFor } from '../read-models/known-view';
import { isCreditedExcellent } from '../rules/sanction-grade';
import { reportView, sortedCadres, type ReportView } from './report-view';

export const TM7_FOCUS_RULE = 'TM7.focus-ledger';

export interface FocusLedgerEntry {
  cadreId: string;
  cadreName: string;
  since: CalendarDate;
  years: number[];
  inPostOnAsOf: boolean;
  /**
   * The policy version in effect on `since`, whose N admitted the entry: the report's own version is
   * the as-of date's, and an entry stays when a later version asks for more years (found by a review:
   * an entry admitted under 3 years was listed under a header naming a version of 4).
   */
  policyVersion: string;
  rule: string;
  evidence: string[];
}

export interface FocusLedgerReport {
  asOf: CalendarDate;
  knownAt: string | null;
  policyVersion: string;
  entries: FocusLedgerEntry[];
}

export function focusLedgerReport(facts: LedgerFacts, options: { asOf: CalendarDate; knownAt?: string; township?: string }): FocusLedgerReport {
  const view = reportView(facts, options.asOf, options.knownAt);
  const entries: FocusLedgerEntry[] = [];
  const required = new Map<CalendarDate, number>();
  const focusPolicy: FocusPolicy = {
    yearsRequiredOn: (day) => {
      if (!required.has(day)) required.set(day, policyFor(facts, view.filter, day).settings.assessment.focusConsecutiveExcellentYears);
      return required.get(day)!;
    },
    versionDays: facts.policies.filter((p) => view.filter.counts(p.meta)).map((p) => p.version.effectiveFrom),
  };
  for (const t of sortedCadres(facts)) {
    const grades = gradesByYear(t, view.filter, view.asOf);
    const heldSince = gradeHeldSince(t, view.filter, view.asOf);
    const sanctions = knownSanctions(t, view.filter, view.asOf);
    const chiefIn = (year: number) => chiefPostsIn(view, t.cadreId, year);
    const credited = [...grades.keys()].sort((a, b) => a - b).filter((year) => isCreditedExcellent(grades.get(year)!, sanctions) && chiefIn(year).length > 0);
    const entry = firstEntry(credited, (year) => heldSince(grades.get(year)!).since, focusPolicy, view.asOf);
    if (!entry) continue;
    // Every record of each year's grade that dates the entry, not only the latest (found by a review).
    const gradeFacts = entry.window.flatMap((y) => heldSince(grades.get(y)!).records);
    if (options.township !== undefined && !entry.window.some((y) => chiefIn(y).some((h) => h.orgUnitId === options.township))) continue;
    const current = view.holdings(t.cadreId, view.asOf).filter((h) => h.to === null && isTownshipChief(view.kindOf(h.orgUnitId), h.role));
    entries.push({
      cadreId: t.cadreId,
      cadreName: view.cadreName(t.cadreId),
      since: entry.since,
      years: entry.window,
      inPostOnAsOf: current.length > 0,
      policyVersion: policyFor(facts, view.filter, entry.since).version,
      rule: TM7_FOCUS_RULE,
      evidence: [...gradeFacts.map((g) => g.meta.eventId), ...new Set(entry.window.flatMap((y) => chiefIn(y).map((h) => h.eventIds[0]!)))],
    });
  }
  return { asOf: view.asOf, knownAt: view.filter.knownAt, policyVersion: view.policy.version, entries: entries.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.cadreId < b.cadreId ? -1 : 1)) };
}

/** The focus ledger's N on each day, and the days a policy version takes effect. */
export interface FocusPolicy {
  yearsRequiredOn(day: CalendarDate): number;
  readonly versionDays: readonly CalendarDate[];
}

/**
 * The day a cadre entered the ledger, by `asOf`, and the run's years: the first day on which N
 * consecutive credited years were in force, N being the policy version's in effect that day. So an
 * entry made under one version stays when a later version asks for more years, and one only a later
 * version admits is dated from that version's day, never before (RULES.md: an answer for a date uses
 * the policy of that date; found by a review: the version of `asOf` was applied to the whole history).
 * A grade is in force from the date it was first recorded (gradeHeldSince: a corrected grade keeps
 * its first date, as does a year recorded again with the same grade).
 */
export function firstEntry(
  creditedYears: readonly number[],
  inForceFrom: (year: number) => CalendarDate,
  policy: FocusPolicy,
  asOf: CalendarDate,
): { since: CalendarDate; window: number[] } | undefined {
  // The days the answer can change: a grade comes into force, or a policy version takes effect.
  const days = [...new Set([...creditedYears.map(inForceFrom), ...policy.versionDays])].filter((day) => day <= asOf).sort();
  for (const day of days) {
    const n = policy.yearsRequiredOn(day);
    let run: number[] = [];
    for (const year of creditedYears) {
      if (inForceFrom(year) > day) continue;
      run = run.length > 0 && run.at(-1) === year - 1 ? [...run, year] : [year];
      if (run.length >= n) return { since: day, window: run.slice(-n) };
    }
  }
  return undefined;
}
/** Chief holdings that overlap calendar year `year`. */
function chiefPostsIn(view: ReportView, cadreId: string, year: number) {
  const from = yearStart(year);
  const to = yearEnd(year);
  return view.holdings(cadreId, view.asOf).filter((h) => isTownshipChief(view.kindOf(h.orgUnitId), h.role) && h.from <= to && (h.to === null || h.to > from));
}
