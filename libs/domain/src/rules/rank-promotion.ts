/**
 * Rank promotion (职级晋升) policy rules: N1 (the ladder, 公务员法 §19; the county ceiling,
 * 职务与职级并行规定 §10) and N2 (minimum years in the lower rank, §18–§21).
 * The integrity side (promotion from the rank held, to a higher rank) is in `integrity.ts`.
 */
import { DomainError } from '../errors';
import type { PolicySettings } from '../policy/policy-settings';
import { addMonths, yearOf, yearStart, type CalendarDate } from '../time/calendar-date';
import { RANKS, rankSchema, type Grade, type Rank } from '../vocabulary';
import { RANK_NAMES_ZH } from '../vocabulary-zh';
import { sanctionEffectPeriods, sanctionPeriodOn, type SanctionEffectPeriod, type SanctionRecord } from './sanctions';

// ── N1 ───────────────────────────────────────────────────────────────────────

/** Steps up the ladder from `fromRank` to `toRank` (1 = the next rank up; ≤ 0 = not upward). */
export function rankSteps(fromRank: Rank, toRank: Rank): number {
  return RANKS.indexOf(fromRank) - RANKS.indexOf(toRank);
}

/** The next rank up the ladder, or undefined at the top. */
export function nextRankUp(rank: Rank): Rank | undefined {
  const i = RANKS.indexOf(rank);
  return i > 0 ? RANKS[i - 1] : undefined;
}

/**
 * N1 (policy): a promotion goes exactly one step up the ladder, and not above
 * `rankPromotion.highestRankForCountyCadres` (a county or township cadre holds at most 二级调研员).
 * A promotion that is not upward at all is an integrity violation, checked elsewhere.
 */
export function n1LadderViolations(input: { readonly fromRank: Rank; readonly toRank: Rank; readonly settings: PolicySettings }): DomainError[] {
  const { fromRank, toRank } = input;
  const steps = rankSteps(fromRank, toRank);
  if (steps <= 0) return [];
  const violations: DomainError[] = [];
  if (steps > 1) {
    violations.push(
      new DomainError(
        'RULE_N1_SKIPS_RANKS',
        `${fromRank} (${RANK_NAMES_ZH[fromRank]}) → ${toRank} (${RANK_NAMES_ZH[toRank]}) skips ${steps - 1} rank(s); ` +
          `the next rank up is ${nextRankUp(fromRank)}`,
        { field: 'data.toRank' },
      ),
    );
  }
  const ceiling = rankSchema.safeParse(input.settings.rankPromotion.highestRankForCountyCadres);
  if (ceiling.success && rankSteps(ceiling.data, toRank) > 0) {
    violations.push(
      new DomainError(
        'RULE_N1_ABOVE_COUNTY_CEILING',
        `a county or township cadre holds at most ${ceiling.data} (${RANK_NAMES_ZH[ceiling.data]}); ${toRank} is above it`,
        { field: 'data.toRank' },
      ),
    );
  }
  return violations;
}

// ── N2 ───────────────────────────────────────────────────────────────────────

/** An annual assessment grade (年度考核等次) of one calendar year. */
export interface AssessmentYear {
  readonly year: number;
  readonly grade: Grade;
}

/**
 * N2: the assessment years "in the window" of a promotion on `date` from a rank held since
 * `heldSince`: the calendar years Y for which the cadre held the lower rank on 31 December of Y
 * (the day the annual grade refers to) and that day is before the promotion date. That is,
 * year(heldSince) … year(date) − 1; empty when the promotion falls in the year the rank was taken.
 */
export function n2WindowYears(heldSince: CalendarDate, date: CalendarDate): { readonly firstYear: number; readonly lastYear: number } {
  return { firstYear: yearOf(heldSince), lastYear: yearOf(date) - 1 };
}

export interface N2Requirement {
  /** Minimum months in the lower rank after credits and not-counted years; undefined: no minimum set for the rank. */
  readonly requiredMonths: number | undefined;
  /** The date the minimum is reached (T3 month anniversary of `heldSince`). */
  readonly reachedOn: CalendarDate | undefined;
  readonly excellentYears: readonly number[];
  /** BASICALLY_COMPETENT or UNGRADED years: each adds 12 months (the year does not count, §19). */
  readonly notCountedYears: readonly number[];
  /** INCOMPETENT years in the window: any one blocks the promotion. */
  readonly incompetentYears: readonly number[];
}

/**
 * N2: the minimum time in `fromRank` for a promotion on `date`:
 * `minimumYearsInRank[fromRank]` × 12 months,
 * − `excellentYearCreditMonths` for each EXCELLENT year in the window,
 * + 12 months for each BASICALLY_COMPETENT or UNGRADED year in the window (that year does not
 *   count as time in rank),
 * never below 0. A year in the window without a recorded grade counts as plain time.
 */
export function n2Requirement(input: {
  readonly fromRank: Rank;
  readonly heldSince: CalendarDate;
  readonly date: CalendarDate;
  readonly assessments: readonly AssessmentYear[];
  readonly settings: PolicySettings;
}): N2Requirement {
  const { firstYear, lastYear } = n2WindowYears(input.heldSince, input.date);
  const inWindow = input.assessments.filter((a) => a.year >= firstYear && a.year <= lastYear);
  const yearsWith = (...grades: Grade[]) => inWindow.filter((a) => grades.includes(a.grade)).map((a) => a.year).sort((a, b) => a - b);
  const excellentYears = yearsWith('EXCELLENT');
  const notCountedYears = yearsWith('BASICALLY_COMPETENT', 'UNGRADED');
  const incompetentYears = yearsWith('INCOMPETENT');
  const minimum = (input.settings.rankPromotion.minimumYearsInRank as Partial<Record<Rank, number>>)[input.fromRank];
  if (minimum === undefined) return { requiredMonths: undefined, reachedOn: undefined, excellentYears, notCountedYears, incompetentYears };
  const requiredMonths = Math.max(
    0,
    minimum * 12 - excellentYears.length * input.settings.rankPromotion.excellentYearCreditMonths + notCountedYears.length * 12,
  );
  return { requiredMonths, reachedOn: addMonths(input.heldSince, requiredMonths), excellentYears, notCountedYears, incompetentYears };
}

export interface N2Input {
  readonly fromRank: Rank;
  /** When the cadre took `fromRank` (RankSet or the previous promotion). */
  readonly heldSince: CalendarDate;
  /** The promotion's effective date. */
  readonly date: CalendarDate;
  readonly assessments: readonly AssessmentYear[];
  /** The cadre's sanctions as known now (N3 periods are derived from them). */
  readonly sanctions: readonly SanctionRecord[];
  readonly settings: PolicySettings;
}

/**
 * N2: the first date on or after `input.date` on which every N2 condition holds (minimum years,
 * no INCOMPETENT year, no sanction effect period), given what is recorded now; undefined when an
 * INCOMPETENT year blocks for good (the window only grows). The window changes only on 1 January,
 * so the search steps from one candidate (threshold, new year, end of a sanction period) to the next.
 */
export function n2FirstPassingDate(input: N2Input, periods = sanctionEffectPeriods(input.sanctions, input.settings)): CalendarDate | undefined {
  let d = input.date;
  for (let guard = 0; guard < 1_000; guard++) {
    const req = n2Requirement({ ...input, date: d });
    if (req.incompetentYears.length > 0) return undefined;
    const period = sanctionPeriodOn(periods, d);
    const yearsMet = req.reachedOn === undefined || req.reachedOn <= d;
    if (yearsMet && !period) return d;
    let next = d;
    if (!yearsMet && req.reachedOn !== undefined) {
      const newYear = yearStart(yearOf(d) + 1);
      next = req.reachedOn < newYear ? req.reachedOn : newYear;
    }
    if (period && period.to > next) next = period.to;
    if (next <= d) return undefined; // cannot happen; guards against a non-advancing loop
    d = next;
  }
  return undefined;
}

/**
 * N2 (policy): minimum years in the lower rank with the EXCELLENT credit and not-counted years,
 * no INCOMPETENT year in the window, and no promotion while a sanction effect period (N3) runs.
 * Each violation carries `firstPassingDate` where one exists.
 */
export function n2Violations(input: N2Input): DomainError[] {
  const periods: SanctionEffectPeriod[] = sanctionEffectPeriods(input.sanctions, input.settings);
  const req = n2Requirement(input);
  const firstPassing = n2FirstPassingDate(input, periods);
  const details = firstPassing !== undefined ? { firstPassingDate: firstPassing } : {};
  const violations: DomainError[] = [];
  if (req.incompetentYears.length > 0) {
    violations.push(
      new DomainError(
        'RULE_N2_INCOMPETENT_YEAR',
        `INCOMPETENT (不称职) in ${req.incompetentYears.join(', ')} while holding ${input.fromRank} (since ${input.heldSince}) blocks promotion`,
        { field: 'effectiveDate' },
      ),
    );
  }
  if (req.reachedOn !== undefined && input.date < req.reachedOn) {
    violations.push(
      new DomainError(
        'RULE_N2_MINIMUM_YEARS',
        `${input.fromRank} (${RANK_NAMES_ZH[input.fromRank]}) held since ${input.heldSince}: ${req.requiredMonths} months required ` +
          `(EXCELLENT years ${fmt(req.excellentYears)}, not-counted years ${fmt(req.notCountedYears)}), reached ${req.reachedOn}`,
        { ...details, field: 'effectiveDate' },
      ),
    );
  }
  const period = sanctionPeriodOn(periods, input.date);
  if (period) {
    violations.push(
      new DomainError(
        'RULE_N2_SANCTION_EFFECT_PERIOD',
        `no promotion during a sanction effect period (N3): ${period.kind} (${period.sanctionId}) runs ${period.from} until ${period.to}`,
        { ...details, field: 'effectiveDate' },
      ),
    );
  }
  return violations;
}

function fmt(years: readonly number[]): string {
  return years.length === 0 ? 'none' : years.join(', ');
}
