/**
 * TM7 focus-cultivation ledger (重点关注培育台账): a township chief graded EXCELLENT in N consecutive
 * assessment years (setting, default 3), holding a chief post in each of those years, enters the
 * ledger on the effective date of the grade that completes the run. A missing or non-EXCELLENT year
 * breaks the run, and so does an EXCELLENT of a year a sanction forbids it (N4: no credit). The ledger is cumulative: an entry stays once made; `inPostOnAsOf` says whether
 * the cadre is still a chief on the as-of date.
 */
import { yearEnd, yearStart, type CalendarDate } from '../time/calendar-date';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { gradeInForceFrom, gradesByYear, isTownshipChief, knownSanctions } from '../read-models/known-view';
import { isCreditedExcellent } from '../rules/sanction-grade';
import { reportView, sortedCadres, type ReportView } from './report-view';

export const TM7_FOCUS_RULE = 'TM7.focus-ledger';

export interface FocusLedgerEntry {
  cadreId: string;
  cadreName: string;
  since: CalendarDate;
  years: number[];
  inPostOnAsOf: boolean;
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
  const n = view.policy.settings.assessment.focusConsecutiveExcellentYears;
  const entries: FocusLedgerEntry[] = [];
  for (const t of sortedCadres(facts)) {
    const grades = gradesByYear(t, view.filter, view.asOf);
    const inForceFrom = gradeInForceFrom(t, view.filter);
    const sanctions = knownSanctions(t, view.filter, view.asOf);
    const chiefIn = (year: number) => chiefPostsIn(view, t.cadreId, year);
    let run: number[] = [];
    const years = [...grades.keys()].sort((a, b) => a - b);
    for (const year of years) {
      const excellentInPost = isCreditedExcellent(grades.get(year)!, sanctions) && chiefIn(year).length > 0;
      run = excellentInPost && run.length > 0 && run.at(-1) === year - 1 ? [...run, year] : excellentInPost ? [year] : [];
      if (run.length < n) continue;
      const window = run.slice(-n);
      const gradeFacts = window.map((y) => grades.get(y)!);
      // The day the run was complete, as gradesByYear counts it: a grade corrected (retracted and
      // recorded again) is in force from the first record's date (found by a review: `since` fell after asOf).
      const since = gradeFacts.map(inForceFrom).sort().at(-1)!;
      const current = view.holdings(t.cadreId, view.asOf).filter((h) => h.to === null && isTownshipChief(view.kindOf(h.orgUnitId), h.role));
      if (options.township !== undefined && !window.some((y) => chiefIn(y).some((h) => h.orgUnitId === options.township))) break;
      entries.push({
        cadreId: t.cadreId,
        cadreName: view.cadreName(t.cadreId),
        since,
        years: window,
        inPostOnAsOf: current.length > 0,
        rule: TM7_FOCUS_RULE,
        evidence: [...gradeFacts.map((g) => g.meta.eventId), ...new Set(window.flatMap((y) => chiefIn(y).map((h) => h.eventIds[0]!)))],
      });
      break; // one entry per cadre: the first run that reaches N years
    }
  }
  return { asOf: view.asOf, knownAt: view.filter.knownAt, policyVersion: view.policy.version, entries: entries.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.cadreId < b.cadreId ? -1 : 1)) };
}

/** Chief holdings that overlap calendar year `year`. */
function chiefPostsIn(view: ReportView, cadreId: string, year: number) {
  const from = yearStart(year);
  const to = yearEnd(year);
  return view.holdings(cadreId, view.asOf).filter((h) => isTownshipChief(view.kindOf(h.orgUnitId), h.role) && h.from <= to && (h.to === null || h.to > from));
}
