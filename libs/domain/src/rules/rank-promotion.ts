/**
 * Rank promotion (职级晋升) policy rules: N1 (the ladder, 公务员法 §19; the county ceiling,
 * 职务与职级并行规定 §10) and N2 (minimum years in the lower rank, §18–§21, with §18's
 * section-level leading post alternative).
 * The integrity side (promotion from the rank held, to a higher rank) is in `integrity.ts`.
 */
import { DomainError } from '../errors';
import { firstPassingAcrossVersions, type PolicySettings, type PolicyVersion } from '../policy/policy-settings';
import { addMonths, yearOf, yearStart, type CalendarDate } from '../time/calendar-date';
import { RANKS, rankSchema, type Grade, type OrgUnitKind, type Rank, type Role } from '../vocabulary';
import { GRADE_NAMES_ZH, RANK_NAMES_ZH, SANCTION_PERIOD_ZH, sanctionLabelZh } from '../vocabulary-zh';
import { continuousRuns } from './continuity';
import { isCreditedExcellent, n4UngradedBy } from './sanction-grade';
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
        {
          field: 'data.toRank',
          messageZh: `由${RANK_NAMES_ZH[fromRank]}晋升为${RANK_NAMES_ZH[toRank]}跨越了 ${steps - 1} 个职级；上一级职级是${RANK_NAMES_ZH[nextRankUp(fromRank)!]}`,
        },
      ),
    );
  }
  const ceiling = n1CeilingViolation(toRank, input.settings, 'data.toRank');
  if (ceiling) violations.push(ceiling);
  return violations;
}

/**
 * N1 (policy): a county or township cadre holds at most `rankPromotion.highestRankForCountyCadres`
 * (二级调研员): the rank promoted to, and the rank recorded on entry (RankSet), which otherwise put
 * a cadre above it unseen (found by a review). Overridable: a rank earned elsewhere is recorded
 * with the reason, and listed in the findings.
 */
export function n1CeilingViolation(rank: Rank, settings: PolicySettings, field: 'data.toRank' | 'data.rank'): DomainError | undefined {
  const ceiling = rankSchema.safeParse(settings.rankPromotion.highestRankForCountyCadres);
  if (!ceiling.success || rankSteps(ceiling.data, rank) <= 0) return undefined;
  return new DomainError('RULE_N1_ABOVE_COUNTY_CEILING', `a county or township cadre holds at most ${ceiling.data} (${RANK_NAMES_ZH[ceiling.data]}); ${rank} is above it`, {
    field,
    messageZh: `县乡干部职级最高为${RANK_NAMES_ZH[ceiling.data]}；${RANK_NAMES_ZH[rank]}高于此限`,
  });
}

// ── N2 ───────────────────────────────────────────────────────────────────────

/** An annual assessment grade (年度考核等次) of one calendar year. */
export interface AssessmentYear {
  readonly year: number;
  readonly grade: Grade;
  /**
   * T4: the day the grade counts from (the cadre view's, a correction's inherited date included);
   * before it the year is as if ungraded. Absent: in force whatever the date.
   */
  readonly inForceFrom?: CalendarDate;
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
 * − `excellentYearCreditMonths` for each EXCELLENT year in the window (N4: not one of a year a
 *   sanction forbids it, which counts as plain time; found by a review: the write side credited it
 *   while the read side did not),
 * + 12 months for each BASICALLY_COMPETENT or UNGRADED year in the window (that year does not
 *   count as time in rank),
 * never below 0. A year in the window without a recorded grade counts as plain time, unless the
 * sanctions leave it ungraded (N4, `n4UngradedBy`): that year is not counted, and a grade recorded
 * for it before the sanction neither credits nor blocks.
 */
export function n2Requirement(input: {
  readonly fromRank: Rank;
  readonly heldSince: CalendarDate;
  readonly date: CalendarDate;
  readonly assessments: readonly AssessmentYear[];
  readonly sanctions: readonly SanctionRecord[];
  readonly settings: PolicySettings;
  /** The day the grades must be in force by (T4): the promotion's, when `date` ends a post run earlier (§18). Default `date`. */
  readonly gradesInForceOn?: CalendarDate;
}): N2Requirement {
  const { firstYear, lastYear } = n2WindowYears(input.heldSince, input.date);
  const inForceOn = input.gradesInForceOn ?? input.date;
  // N4: a year the sanctions leave ungraded is one, whatever was recorded for it before them, or if nothing was.
  const ungradedByN4: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) if (n4UngradedBy(year, input.sanctions).length > 0) ungradedByN4.push(year);
  // T4: a grade not yet in force on the date counts for nothing yet (found by a review: the 2018
  // EXCELLENT, recorded effective 2019-01-15, credited a promotion dated 2019-01-01).
  const inWindow = input.assessments.filter(
    (a) => a.year >= firstYear && a.year <= lastYear && !ungradedByN4.includes(a.year) && (a.inForceFrom === undefined || a.inForceFrom <= inForceOn),
  );
  const yearsWith = (...grades: Grade[]) => inWindow.filter((a) => grades.includes(a.grade)).map((a) => a.year);
  const excellentYears = inWindow.filter((a) => isCreditedExcellent(a, input.sanctions)).map((a) => a.year).sort((a, b) => a - b);
  const notCountedYears = [...yearsWith('BASICALLY_COMPETENT', 'UNGRADED'), ...ungradedByN4].sort((a, b) => a - b);
  const incompetentYears = yearsWith('INCOMPETENT').sort((a, b) => a - b);
  const minimum = (input.settings.rankPromotion.minimumYearsInRank as Partial<Record<Rank, number>>)[input.fromRank];
  if (minimum === undefined) return { requiredMonths: undefined, reachedOn: undefined, excellentYears, notCountedYears, incompetentYears };
  const requiredMonths = Math.max(
    0,
    minimum * 12 - excellentYears.length * input.settings.rankPromotion.excellentYearCreditMonths + notCountedYears.length * 12,
  );
  return { requiredMonths, reachedOn: addMonths(input.heldSince, requiredMonths), excellentYears, notCountedYears, incompetentYears };
}

// ── N2: the section-level leading post alternative (§18) ───────────────────────

/** 乡科级领导职务: a chief (正职) or deputy (副职) leading post of a township or county department. */
export type SectionLeadingLevel = 'CHIEF' | 'DEPUTY';

const SECTION_LEVEL_KINDS: readonly OrgUnitKind[] = ['TOWNSHIP', 'COUNTY_DEPARTMENT'];
const SECTION_CHIEF_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'HEAD', 'PEOPLES_CONGRESS_CHAIR']; // 党委书记, 乡镇长 / 局长, 人大主席
const SECTION_DEPUTY_ROLES: readonly Role[] = ['DEPUTY_PARTY_SECRETARY', 'DEPUTY_HEAD', 'TEAM_MEMBER']; // 副书记, 副乡镇长 / 副局长, 班子成员

/**
 * N2: the section-level leading post (乡科级领导职务) a role in an org unit is, if any. Only townships
 * and county departments hold section-level posts; STAFF holds none.
 */
export function sectionLeadingLevel(kind: OrgUnitKind | undefined, role: Role): SectionLeadingLevel | undefined {
  if (kind === undefined || !SECTION_LEVEL_KINDS.includes(kind)) return undefined;
  if (SECTION_CHIEF_ROLES.includes(role)) return 'CHIEF';
  if (SECTION_DEPUTY_ROLES.includes(role)) return 'DEPUTY';
  return undefined;
}

/**
 * N2 (§18): the lower ranks whose minimum years may be served instead in a section-level leading
 * post: 四级→三级主任科员 "or 乡科级副职", 二级→一级主任科员 "or 乡科级正职". A chief post serves where
 * a deputy one is asked (it is the higher post).
 */
export const N2_LEADING_POST_ALTERNATIVE: Partial<Readonly<Record<Rank, SectionLeadingLevel>>> = {
  PRINCIPAL_STAFF_4: 'DEPUTY',
  PRINCIPAL_STAFF_2: 'CHIEF',
};

/** One holding of a section-level leading post: `from` inclusive, `to` exclusive (T2), undefined while held. */
export interface LeadingPostHolding {
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
  readonly level: SectionLeadingLevel;
}

/** N2: what the leading post alternative measured for a promotion. */
export interface N2LeadingPostPath {
  /** The post level the rank's alternative asks for. */
  readonly level: SectionLeadingLevel;
  /** The continuous run (C1, with `continuityGraceDays`) of qualifying posts measured: its start… */
  readonly runStart: CalendarDate;
  /** …and its end (exclusive) when it ended before the promotion date. */
  readonly runEnd: CalendarDate | undefined;
  /** The minimum in months over the run's own window, with the same credits and not-counted years. */
  readonly requiredMonths: number;
  readonly reachedOn: CalendarDate;
  /** Whether the run reached the minimum by its end or the promotion date. */
  readonly met: boolean;
}

/**
 * N2 (§18): the leading post alternative for a promotion on `input.date`, or undefined when the
 * rank has none, no minimum is set, or no qualifying post was held before the date. Qualifying posts
 * held before the date are merged into continuous runs (C1); a run counts when it reached the
 * minimum (computed as for the rank, over the years the run held 31 December) by its end or by the
 * date. The first run that did is returned; otherwise the latest run, whose `reachedOn` is when it
 * would reach the minimum if it still lasts.
 */
export function n2LeadingPostPath(input: N2Input): N2LeadingPostPath | undefined {
  const level = N2_LEADING_POST_ALTERNATIVE[input.fromRank];
  if (level === undefined || !input.leadingPosts) return undefined;
  const qualifies = (p: LeadingPostHolding) => level === 'DEPUTY' || p.level === 'CHIEF';
  const held = (p: { from: CalendarDate; to?: CalendarDate }) => ({ from: p.from, to: p.to ?? null });
  const before = input.leadingPosts.filter((p) => p.from < input.date);
  const qualifying = before.filter(qualifies).map(held);
  // C1: a grace gap in which the cadre took up another post (a deputy one between two chief posts, a staff post) is a move that ends the run.
  const elsewhere = [...before.filter((p) => !qualifies(p)), ...(input.otherPosts ?? []).filter((p) => p.from < input.date)].map(held);
  let latest: N2LeadingPostPath | undefined;
  for (const run of continuousRuns(qualifying, input.settings.continuityGraceDays, elsewhere)) {
    const runEnd = run.end !== null && run.end < input.date ? run.end : undefined;
    // The run's window ends with it; its grades are those in force on the promotion's date (found by a
    // mutation review: a 2017 EXCELLENT decided after the run ended no longer counted for it).
    const req = n2Requirement({ ...input, heldSince: run.start, date: runEnd ?? input.date, gradesInForceOn: input.date });
    if (req.requiredMonths === undefined || req.reachedOn === undefined) return undefined;
    const path = { level, runStart: run.start, runEnd, requiredMonths: req.requiredMonths, reachedOn: req.reachedOn, met: req.reachedOn <= (runEnd ?? input.date) };
    if (path.met) return path;
    latest = path;
  }
  return latest;
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
  /**
   * The cadre's section-level leading posts (for `N2_LEADING_POST_ALTERNATIVE`; needed only for
   * those ranks). Those taken on or after the date are ignored.
   */
  readonly leadingPosts?: readonly LeadingPostHolding[];
  /** The cadre's other posts (no section-level leading post), for C1's moves within a grace gap. */
  readonly otherPosts?: readonly { readonly from: CalendarDate; readonly to?: CalendarDate }[];
  readonly settings: PolicySettings;
  /**
   * Every adopted policy version: `firstPassingDate` is then the first date passing under the
   * version in effect on it (firstPassingAcrossVersions); without them, under `settings` alone.
   */
  readonly versions?: readonly PolicyVersion[];
}

/**
 * N2: the first date on or after `input.date` on which every N2 condition holds (minimum years,
 * no INCOMPETENT year, no sanction effect period), given what is recorded now; undefined when an
 * INCOMPETENT year blocks for good (the window only grows). The window changes only on 1 January
 * and the grades in it on the days they come into force (T4), so the search steps from one
 * candidate (threshold, new year, a grade in force, end of a sanction period) to the next.
 */
export function n2FirstPassingDate(input: N2Input, periods = sanctionEffectPeriods(input.sanctions, input.settings)): CalendarDate | undefined {
  let d = input.date;
  for (let guard = 0; guard < 1_000; guard++) {
    const req = n2Requirement({ ...input, date: d });
    if (req.incompetentYears.length > 0) return undefined;
    const alternative = n2LeadingPostPath({ ...input, date: d });
    const period = sanctionPeriodOn(periods, d);
    const yearsMet = req.reachedOn === undefined || req.reachedOn <= d || alternative?.met === true;
    if (yearsMet && !period) return d;
    let next = d;
    if (!yearsMet) {
      // The minimum changes with the window (on 1 January) or is reached on a path's reachedOn.
      // A post taken after `d` (future-dated) needs at least a year: the new year comes first.
      next = [req.reachedOn, alternative?.runEnd === undefined ? alternative?.reachedOn : undefined, ...input.assessments.map((a) => a.inForceFrom)]
        .filter((c): c is CalendarDate => c !== undefined && c > d)
        .reduce((a, b) => (b < a ? b : a), yearStart(yearOf(d) + 1));
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
  const alternative = n2LeadingPostPath(input);
  // 开除 has no effect period (N3) but ends the service: no promotion follows it, and no date passes
  // (found by a diff review: the eligibility checks said 已受开除处分 while a promotion was accepted).
  const expulsion = input.sanctions.find((s) => s.kind === 'EXPULSION' && !s.rescinded && !s.retracted && s.effectiveDate <= input.date);
  const firstPassing = expulsion
    ? undefined
    : input.versions
      ? firstPassingAcrossVersions(input.versions, input.date, (settings, start) => n2FirstPassingDate({ ...input, date: start, settings }))
      : n2FirstPassingDate(input, periods);
  const details = firstPassing !== undefined ? { firstPassingDate: firstPassing } : {};
  const violations: DomainError[] = [];
  if (req.incompetentYears.length > 0) {
    violations.push(
      new DomainError(
        'RULE_N2_INCOMPETENT_YEAR',
        `INCOMPETENT (不称职) in ${req.incompetentYears.join(', ')} while holding ${input.fromRank} (since ${input.heldSince}) blocks promotion`,
        {
          field: 'effectiveDate',
          messageZh: `自 ${input.heldSince} 起任${RANK_NAMES_ZH[input.fromRank]}期间，${req.incompetentYears.join('、')} 年度考核为${GRADE_NAMES_ZH.INCOMPETENT}，不得晋升`,
        },
      ),
    );
  }
  if (req.reachedOn !== undefined && input.date < req.reachedOn && alternative?.met !== true) {
    violations.push(
      new DomainError(
        'RULE_N2_MINIMUM_YEARS',
        `${input.fromRank} (${RANK_NAMES_ZH[input.fromRank]}) held since ${input.heldSince}: ${req.requiredMonths} months required ` +
          `(EXCELLENT years ${fmt(req.excellentYears)}, not-counted years ${fmt(req.notCountedYears)}), reached ${req.reachedOn}` +
          leadingPostClause(input.fromRank, alternative),
        {
          ...details,
          field: 'effectiveDate',
          messageZh:
            `自 ${input.heldSince} 起任${RANK_NAMES_ZH[input.fromRank]}：须满 ${req.requiredMonths} 个月` +
            `（${GRADE_NAMES_ZH.EXCELLENT}年度：${fmtZh(req.excellentYears)}；不计算任职年限的年度：${fmtZh(req.notCountedYears)}），${req.reachedOn} 方满` +
            leadingPostClauseZh(input.fromRank, alternative),
        },
      ),
    );
  }
  if (expulsion) {
    violations.push(
      new DomainError('RULE_N2_SANCTION_EFFECT_PERIOD', `no promotion after an expulsion (${expulsion.sanctionId}, effective ${expulsion.effectiveDate})`, {
        field: 'effectiveDate',
        messageZh: `受${sanctionLabelZh(expulsion.kind)}后不得晋升：${sanctionLabelZh(expulsion.kind)}（编号 ${expulsion.sanctionId}）自 ${expulsion.effectiveDate} 起`,
      }),
    );
  }
  const period = sanctionPeriodOn(periods, input.date);
  if (period) {
    violations.push(
      new DomainError(
        'RULE_N2_SANCTION_EFFECT_PERIOD',
        `no promotion during a sanction effect period (N3): ${period.kind} (${period.sanctionId}) runs ${period.from} until ${period.to}`,
        {
          ...details,
          field: 'effectiveDate',
          messageZh: `${SANCTION_PERIOD_ZH}内不得晋升（N3）：${sanctionLabelZh(period.kind)}（编号 ${period.sanctionId}）影响期自 ${period.from} 起至 ${period.to} 前`,
        },
      ),
    );
  }
  return violations;
}

/** The refusal's account of the leading post alternative, for the ranks that have one. */
function leadingPostClause(fromRank: Rank, path: N2LeadingPostPath | undefined): string {
  const level = N2_LEADING_POST_ALTERNATIVE[fromRank];
  if (level === undefined) return '';
  const post = level === 'DEPUTY' ? '乡科级副职 (a section-level deputy or chief leading post)' : '乡科级正职 (a section-level chief leading post)';
  if (path === undefined) return `; nor held in ${post}: none held before the date`;
  const span = path.runEnd === undefined ? `held since ${path.runStart}` : `held ${path.runStart} until ${path.runEnd}`;
  return `; nor held in ${post}: ${span}, ${path.requiredMonths} months required, ${path.runEnd === undefined ? `reached ${path.reachedOn}` : 'not reached'}`;
}

function fmt(years: readonly number[]): string {
  return years.length === 0 ? 'none' : years.join(', ');
}

/** The leading post alternative in Chinese, as `leadingPostClause` says it. */
function leadingPostClauseZh(fromRank: Rank, path: N2LeadingPostPath | undefined): string {
  const level = N2_LEADING_POST_ALTERNATIVE[fromRank];
  if (level === undefined) return '';
  // §18's alternative is time served in such a post, not fitness to hold one (found by a vocabulary review: 不符合担任…的条件 read so).
  const post = level === 'DEPUTY' ? '乡科级副职以上领导职务' : '乡科级正职领导职务';
  if (path === undefined) return `；亦未满足任${post}满规定年限的条件：该日前未担任`;
  const span = path.runEnd === undefined ? `自 ${path.runStart} 起担任` : `${path.runStart} 至 ${path.runEnd} 担任`;
  return `；亦未满足任${post}满 ${path.requiredMonths} 个月的条件：${span}，${path.runEnd === undefined ? `${path.reachedOn} 方满` : '未满'}`;
}

function fmtZh(years: readonly number[]): string {
  return years.length === 0 ? '无' : years.join('、');
}
