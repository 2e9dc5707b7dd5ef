/**
 * What the ledger said on `knownAt` about `asOf` (T1, TM9): a cadre's posts, rank, grades,
 * sanctions and their effect periods, and in-post promotion eligibility, reconstructed from the
 * events alone. Auditors and appeals officers compare two such answers to see what a correction
 * changed.
 */
import type { RecordedEvent } from '../events/domain-event';
import { sanctionEffectPeriods, sanctionPeriodOn, type SanctionEffectPeriod } from '../rules/sanctions';
import type { Grade, Rank } from '../vocabulary';
import { inPostPromotionEligibilityFromFacts, type InPostPromotionEligibility } from './eligibility';
import { gradesByYear, knownFilter, knownRankOn, knownSanctions, policyFor, type KnownSanction, type ViewOptions } from './known-view';
import { ledgerFactsOf } from './ledger-facts';
import { tenureFromFacts, type Tenure } from './tenure';

export interface CadreStateAt {
  readonly cadreId: string;
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly policyVersion: string;
  /** The posts held up to asOf: facts of the record, answered to every reader of a history. */
  readonly posts: Tenure['posts'];
  /**
   * What the department decides on (tenure, TM6b eligibility): null, and named in `withheld`, for a
   * caller whose role may not query decisions (the API's /state; the /tenure and eligibility routes
   * refuse such a role outright).
   */
  readonly tenure: Tenure | null;
  readonly rank: { readonly rank: Rank; readonly since: string; readonly eventId: string } | null;
  readonly grades: ReadonlyArray<{ readonly year: number; readonly grade: Grade; readonly eventId: string }>;
  readonly sanctions: readonly KnownSanction[];
  /** N3 effect periods of the sanctions that count (rescinded ones are void from their start). */
  readonly sanctionPeriods: readonly SanctionEffectPeriod[];
  readonly sanctionPeriodOnAsOf: SanctionEffectPeriod | null;
  /** This cadre's TM6b entry, or null when not a township chief on `asOf`. */
  readonly eligibility: InPostPromotionEligibility['cadres'][number] | null;
  readonly withheld: ReadonlyArray<'tenure' | 'eligibility'>;
}

/**
 * `events`: the cadre's stream plus the org-unit registrations and policy versions it needs
 * (other cadres' events are ignored).
 */
export function cadreStateAt(events: readonly RecordedEvent[], cadreId: string, view: ViewOptions): CadreStateAt | null {
  const facts = ledgerFactsOf(events);
  const timeline = facts.cadres.get(cadreId);
  if (!timeline) return null;
  const filter = knownFilter(facts, view.knownAt);
  const policy = policyFor(facts, filter, view.asOf);
  const rank = knownRankOn(timeline, filter, view.asOf);
  const sanctions = knownSanctions(timeline, filter, view.asOf);
  const periods = sanctionEffectPeriods(sanctions, policy.settings);
  const tenure = tenureFromFacts(facts, cadreId, view, filter);
  const eligibility = inPostPromotionEligibilityFromFacts(facts, view).cadres.find((c) => c.cadreId === cadreId) ?? null;
  return {
    cadreId,
    asOf: view.asOf,
    knownAt: view.knownAt ?? null,
    policyVersion: policy.version,
    posts: tenure.posts,
    tenure,
    rank: rank ? { rank: rank.rank, since: rank.meta.effectiveDate, eventId: rank.meta.eventId } : null,
    grades: [...gradesByYear(timeline, filter, view.asOf).values()]
      .sort((a, b) => a.year - b.year)
      .map((g) => ({ year: g.year, grade: g.grade, eventId: g.meta.eventId })),
    sanctions,
    sanctionPeriods: periods,
    sanctionPeriodOnAsOf: sanctionPeriodOn(periods, view.asOf) ?? null,
    eligibility,
    withheld: [],
  };
}
