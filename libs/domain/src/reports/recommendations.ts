/**
 * TM5(b) 推荐权: every recommendation by a township party secretary known and effective by the
 * date, with its outcome: the recommended cadre's first appointment, on or after the recommendation,
 * to a deputy section-level (副科) leading post — N2's 乡科级副职 (`sectionLeadingLevel`: a deputy
 * secretary, deputy head or team member post of a township or a county department) — that the cadre
 * did not hold such a post the day before, linked back to the recommendation.
 */
import { addDays, type CalendarDate } from '../time/calendar-date';
import type { OrgUnitKind, Role } from '../vocabulary';
import { sectionLeadingLevel } from '../rules/rank-promotion';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { byEffectiveOrder, countsOn } from '../read-models/known-view';
import { reportView, sortedCadres } from './report-view';

export const TM5_RECOMMENDATION_RULE = 'TM5.recommendation';

export interface RecommendationsReport {
  asOf: CalendarDate;
  knownAt: string | null;
  policyVersion: string;
  recommendations: {
    eventId: string;
    date: CalendarDate;
    recommendedBy: { cadreId: string; cadreName: string };
    recommended: { cadreId: string; cadreName: string };
    forPost: string;
    outcome: { appointedOn: CalendarDate; orgUnitId: string; orgUnitName: string; orgUnitKind: OrgUnitKind | null; role: Role; eventId: string } | null;
    rule: string;
    evidence: string[];
  }[];
}

export function recommendationsReport(facts: LedgerFacts, options: { asOf: CalendarDate; knownAt?: string }): RecommendationsReport {
  const view = reportView(facts, options.asOf, options.knownAt);
  const recommendations: RecommendationsReport['recommendations'] = [];
  // A recommendation is for promotion (提任) into such a post: one kept (re-elected at 换届, moved
  // sideways by a transfer) is no outcome of it, as TM2 reads a chief appointment only for a cadre
  // who was no chief the day before (found by a review).
  const heldDeputySectionPostOn = (cadreId: string, day: CalendarDate) =>
    view.holdings(cadreId, day).some((h) => h.to === null && isDeputySectionPost(view.kindOf(h.orgUnitId), h.role));
  for (const t of sortedCadres(facts)) {
    for (const r of t.recommendations.filter((r) => countsOn(view.filter, r.meta, view.asOf)).sort(byEffectiveOrder)) {
      const appointment = view
        .holdings(r.recommendedCadreId, view.asOf)
        .filter((h) => h.from >= r.meta.effectiveDate && isDeputySectionPost(view.kindOf(h.orgUnitId), h.role) && !heldDeputySectionPostOn(r.recommendedCadreId, addDays(h.from, -1)))
        .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))[0];
      const outcome = appointment
        ? { appointedOn: appointment.from, orgUnitId: appointment.orgUnitId, orgUnitName: view.orgUnitName(appointment.orgUnitId), orgUnitKind: view.kindOf(appointment.orgUnitId) ?? null, role: appointment.role, eventId: appointment.eventIds[0]! }
        : null;
      recommendations.push({
        eventId: r.meta.eventId,
        date: r.meta.effectiveDate,
        recommendedBy: { cadreId: t.cadreId, cadreName: view.cadreName(t.cadreId) },
        recommended: { cadreId: r.recommendedCadreId, cadreName: view.cadreName(r.recommendedCadreId) },
        forPost: r.forPost,
        outcome,
        rule: TM5_RECOMMENDATION_RULE,
        evidence: [r.meta.eventId, ...(outcome ? [outcome.eventId] : [])],
      });
    }
  }
  recommendations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.eventId < b.eventId ? -1 : 1));
  return { asOf: view.asOf, knownAt: view.filter.knownAt, policyVersion: view.policy.version, recommendations };
}

/** One definition with N2's (a review found two: TM5(b) had left out a county department's deputy secretary and team member). */
function isDeputySectionPost(kind: OrgUnitKind | undefined, role: Role): boolean {
  return sectionLeadingLevel(kind, role) === 'DEPUTY';
}
