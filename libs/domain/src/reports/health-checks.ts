/**
 * TM8 health checks (每年组织一次乡镇干部体检) in year Y: every cadre holding a township post (leader
 * or staff) on 31 December of Y without a `HealthCheckCompleted` effective in Y, per township.
 */
import type { CalendarDate } from '../time/calendar-date';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { inYear, reportView, townshipIds, yearBegun, yearReferenceDate } from './report-view';

export const TM8_HEALTH_RULE = 'TM8.health-check';

export interface HealthCheckLine {
  rule: string;
  cadreId: string;
  cadreName: string;
  orgUnitId: string;
  orgUnitName: string;
  /** Health checks effective in the year. */
  checks: number;
  evidence: string[];
}

export interface HealthChecksReport {
  year: number;
  referenceDate: CalendarDate;
  /** False for a year not begun on the reference date: nothing is owed yet, so nothing is missing (`yearBegun`). */
  yearBegun: boolean;
  knownAt: string | null;
  policyVersion: string;
  /** Checks a cadre needs in the year under the version in effect (`care.healthChecksPerYear`). */
  required: number;
  missing: HealthCheckLine[];
  held: HealthCheckLine[];
  townships: { orgUnitId: string; orgUnitName: string; cadres: number; missing: number }[];
  /** The township cadres, each once: one in posts of two townships is counted in both townships' `cadres`, once here. */
  cadres: number;
}

export function healthChecksReport(facts: LedgerFacts, options: { year: number; knownAt?: string; township?: string; asOf?: CalendarDate }): HealthChecksReport {
  const referenceDate = yearReferenceDate(options.year, options.asOf);
  const view = reportView(facts, referenceDate, options.knownAt);
  const required = view.policy.settings.care.healthChecksPerYear;
  const begun = yearBegun(options.year, referenceDate);
  const missing: HealthCheckLine[] = [];
  const held: HealthCheckLine[] = [];
  const townships: HealthChecksReport['townships'] = [];
  // A cadre in posts of two townships at once owes one check: listed once, under the first township,
  // and counted in each township's summary (found by a review: one missing check was two findings).
  const listed = new Set<string>();
  for (const id of townshipIds(view, options.township)) {
    // The township's posts from the view's index: filtering every post once per township was
    // O(townships × posts), 3 s of a province's findings.
    const cadres = [...new Map(view.postsIn(id, referenceDate).map((p) => [p.cadreId, p.eventIds[0]!])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    let missed = 0;
    for (const [cadreId, postEvent] of cadres) {
      const checks = inYear(view, view.facts.cadres.get(cadreId)?.healthChecks.map((meta) => ({ meta })) ?? [], options.year);
      const line = { rule: TM8_HEALTH_RULE, cadreId, cadreName: view.cadreName(cadreId), orgUnitId: id, orgUnitName: view.orgUnitName(id), checks: checks.length, evidence: [postEvent, ...checks.map((c) => c.meta.eventId)] };
      const first = !listed.has(cadreId);
      listed.add(cadreId);
      if (checks.length >= required) {
        if (first) held.push(line);
      } else if (begun) {
        missed++;
        if (first) missing.push(line);
      }
    }
    townships.push({ orgUnitId: id, orgUnitName: view.orgUnitName(id), cadres: cadres.length, missing: missed });
  }
  return { year: options.year, referenceDate, yearBegun: begun, knownAt: view.filter.knownAt, policyVersion: view.policy.version, required, missing, held, townships, cadres: listed.size };
}
