/**
 * TM5(a) 评价权: the township chiefs' ratings of each county department for year Y (work,
 * management, service), summarised per department: how many chiefs rated, the averages, and the
 * rating events behind them. A later rating by the same chief for the same year replaces the earlier
 * (it names the rating it corrects and why: RULE_I_RATING_ALREADY_RECORDED).
 */
import { calendarDate, yearEnd, type CalendarDate } from '../time/calendar-date';
import type { LedgerFacts, RatingFact } from '../read-models/ledger-facts';
import { byEffectiveOrder, countsOn } from '../read-models/known-view';
import { registeredBy, reportView } from './report-view';

export interface DepartmentRatingsReport {
  year: number;
  /** Ratings effective by this date count (T4: one dated later is scheduled); null: every one recorded. */
  asOf: CalendarDate | null;
  knownAt: string | null;
  policyVersion: string;
  departments: {
    orgUnitId: string;
    orgUnitName: string;
    ratings: number;
    averages: { work: number; management: number; service: number } | null;
    raters: { cadreId: string; cadreName: string; scores: RatingFact['scores']; eventId: string }[];
    evidence: string[];
  }[];
}

export function departmentRatingsReport(facts: LedgerFacts, options: { year: number; knownAt?: string; asOf?: CalendarDate }): DepartmentRatingsReport {
  // Ratings come after the year: everything known and effective by asOf (if given) counts.
  const view = reportView(facts, options.asOf ?? calendarDate('2999-12-31'), options.knownAt, yearEnd(options.year));
  const departments: DepartmentRatingsReport['departments'] = [];
  for (const id of [...facts.orgUnits.keys()].sort()) {
    // A department of the year: registered by its 31 December (T4; found by a review: one registered later read as rated by no chief).
    if (view.kindOf(id) !== 'COUNTY_DEPARTMENT' || !registeredBy(view, id, yearEnd(options.year))) continue;
    const byRater = new Map<string, RatingFact>();
    for (const r of (facts.orgUnits.get(id)?.ratings ?? []).filter((r) => r.year === options.year && countsOn(view.filter, r.meta, view.asOf)).sort(byEffectiveOrder)) {
      byRater.set(r.ratedByCadreId, r);
    }
    const ratings = [...byRater.values()];
    const avg = (k: keyof RatingFact['scores']) => Math.round((100 * ratings.reduce((s, r) => s + r.scores[k], 0)) / ratings.length) / 100;
    departments.push({
      orgUnitId: id,
      orgUnitName: view.orgUnitName(id),
      ratings: ratings.length,
      averages: ratings.length === 0 ? null : { work: avg('work'), management: avg('management'), service: avg('service') },
      raters: ratings.map((r) => ({ cadreId: r.ratedByCadreId, cadreName: view.cadreName(r.ratedByCadreId), scores: r.scores, eventId: r.meta.eventId })),
      evidence: ratings.map((r) => r.meta.eventId),
    });
  }
  return { year: options.year, asOf: options.asOf ?? null, knownAt: view.filter.knownAt, policyVersion: view.policy.version, departments };
}
