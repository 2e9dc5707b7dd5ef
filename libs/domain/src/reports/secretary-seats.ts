/**
 * TM5(c) 额定权: township party secretaries "in principle all" hold a county-level seat among the
 * two representatives and one member (党代表、人大代表、政协委员). Every secretary on the date, the
 * county-level seats held then, and a finding line for each secretary without one.
 */
import type { CalendarDate } from '../time/calendar-date';
import type { LedgerFacts, SeatFact } from '../read-models/ledger-facts';
import { byEffectiveOrder, countsOn } from '../read-models/known-view';
import { reportView, townshipIds } from './report-view';

export const TM5_SEAT_RULE = 'TM5.secretary-seat';
/** TM5(c): an election of seats above the county (市级及以上 两代表一委员), and one of county committee members (县委委员). */
export const TM5_SEAT_ELECTION_RULE = 'TM5.municipal-election';
export const TM5_COMMITTEE_ELECTION_RULE = 'TM5.committee-election';

export interface SecretarySeatsReport {
  asOf: CalendarDate;
  knownAt: string | null;
  policyVersion: string;
  secretaries: {
    cadreId: string;
    cadreName: string;
    orgUnitId: string;
    orgUnitName: string;
    seats: { body: SeatFact['body']; since: CalendarDate; eventId: string }[];
    passed: boolean;
    rule: string;
    evidence: string[];
  }[];
}

export function secretarySeatsReport(facts: LedgerFacts, options: { asOf: CalendarDate; knownAt?: string; township?: string }): SecretarySeatsReport {
  const view = reportView(facts, options.asOf, options.knownAt);
  const townships = new Set(townshipIds(view, options.township));
  const secretaries: SecretarySeatsReport['secretaries'] = [];
  for (const p of view.postsOn(view.asOf)) {
    if (p.role !== 'PARTY_SECRETARY' || !townships.has(p.orgUnitId)) continue;
    const seats = countySeatsOn(facts.cadres.get(p.cadreId)?.seats ?? [], (m) => countsOn(view.filter, m, view.asOf));
    secretaries.push({
      cadreId: p.cadreId,
      cadreName: view.cadreName(p.cadreId),
      orgUnitId: p.orgUnitId,
      orgUnitName: view.orgUnitName(p.orgUnitId),
      seats,
      passed: seats.length > 0,
      rule: TM5_SEAT_RULE,
      evidence: [p.eventIds[0]!, ...seats.map((s) => s.eventId)],
    });
  }
  secretaries.sort((a, b) => (a.orgUnitId < b.orgUnitId ? -1 : 1));
  return { asOf: view.asOf, knownAt: view.filter.knownAt, policyVersion: view.policy.version, secretaries };
}

/** County-level seats open after replaying the seat facts that count (an end closes the open seat of its body). */
function countySeatsOn(facts: readonly SeatFact[], counts: (m: SeatFact['meta']) => boolean): SecretarySeatsReport['secretaries'][number]['seats'] {
  const open = new Map<string, { body: SeatFact['body']; since: CalendarDate; eventId: string }>();
  for (const s of facts.filter((s) => s.level === 'COUNTY' && counts(s.meta)).sort(byEffectiveOrder)) {
    if (s.kind === 'TAKEN') open.set(s.body, { body: s.body, since: s.meta.effectiveDate, eventId: s.meta.eventId });
    else open.delete(s.body);
  }
  return [...open.values()];
}
