/**
 * TM6b in-post rank promotion (不离岗晋升职级, TM6B_NAME_ZH) eligibility of every township chief on
 * the as-of date. Contract (EVENTS.md): `{asOf, policyVersion, cadres:[{cadreId, eligible, basis,
 * partySecretaryRun:{start,years}|null, chiefRun:{start,years}|null, checks:[{rule, passed, detail,
 * evidence}]}]}`; the other fields are additions.
 *
 * A basis holds when its run is long enough (8 years as party secretary, 10 as chief: settings) and
 * the performance in that run is outstanding (实绩突出: no grade below the lowest acceptable one in
 * the assessment years overlapping the run, enough EXCELLENT among them, no sanction effect period
 * on the date). When both hold the basis is PARTY_SECRETARY_8Y (the measure names it first).
 */
import type { RecordedEvent } from '../events/domain-event';
import type { PolicySettings } from '../policy/policy-settings';
import type { ContinuousRun } from '../rules/continuity';
import { yearOf, type CalendarDate } from '../time/calendar-date';
import { compareRanks, rankSchema, type OrgUnitKind, type Rank, type Role } from '../vocabulary';
import { lengthZh } from './format-zh';
import { excellentCountCheck, gradesInYears, noGradeBelowCheck, noSanctionPeriodOnCheck, type RuleCheck } from './checks';
import { ledgerFactsOf, type GradeFact, type LedgerFacts } from './ledger-facts';
import {
  gradesByYear,
  isTownshipChief,
  knownFilter,
  knownSanctions,
  knownOrgUnitKind,
  knownRankOn,
  policyFor,
  postHoldings,
  type KnownSanction,
  type ViewOptions,
} from './known-view';
import { roleNameZh } from '../describe-event-zh';
import { ROLE_SET_NAMES_ZH } from '../vocabulary-zh';
import { nameLookup } from './names';
import { summarizeRun, townshipRuns, type RunSummary } from './tenure';

export type InPostPromotionBasis = 'PARTY_SECRETARY_8Y' | 'CHIEF_10Y';

/** One township chief's TM6b answer (contract fields first). */
export interface CadreInPostEligibility {
  cadreId: string;
  /** 姓名 (names.ts); null when no registration is known. */
  cadreName: string | null;
  eligible: boolean;
  basis: InPostPromotionBasis | null;
  /** C1 run as township party secretary (乡镇党委书记) on the date; `years` by T3. */
  partySecretaryRun: RunSummary | null;
  /** C1 run as township chief (乡镇党政正职) on the date. */
  chiefRun: RunSummary | null;
  checks: RuleCheck[];
  /** Which run the performance checks (grades, EXCELLENT count) shown are about. */
  performanceRun: 'PARTY_SECRETARY' | 'CHIEF';
  /** The township chief posts held on the date. */
  chiefPosts: { orgUnitId: string; orgUnitName: string | null; role: Role; from: CalendarDate }[];
  /**
   * 职级 held on the date (null: none recorded), and since when. Information beside TM6b, not a
   * check of it (OPEN-QUESTIONS §16): a promotion is still refused above N1's ceiling for county and
   * township cadres, or before N2's years in rank.
   */
  currentRank: Rank | null;
  rankSince: CalendarDate | null;
  /** The rank held is N1's ceiling for county and township cadres (二级调研员) or above: no promotion can follow. */
  atCountyRankCeiling: boolean;
}

export interface InPostPromotionEligibility {
  asOf: CalendarDate;
  policyVersion: string;
  /** The run lengths the policy version sets for each basis (RULES.md: 8 and 10 years). */
  runYears: { partySecretary: number; chief: number };
  knownAt: string | null;
  cadres: CadreInPostEligibility[];
}

export const TM6B_RULES = {
  chief: 'TM6b.chief',
  partySecretaryRun: 'TM6b.partySecretaryRun',
  chiefRun: 'TM6b.chiefRun',
  grades: 'TM6b.grades',
  excellent: 'TM6b.excellentGrades',
  sanction: 'TM6b.noSanctionPeriod',
} as const;

interface Performance {
  grades: RuleCheck;
  excellent: RuleCheck;
  ok: boolean;
}

/** The assessment years overlapping the run up to the date, and the two grade checks over them. */
function performanceIn(
  run: ContinuousRun,
  asOf: CalendarDate,
  grades: ReadonlyMap<number, GradeFact>,
  settings: PolicySettings['inPostPromotion'],
  scope: string,
  sanctions: readonly KnownSanction[],
): Performance {
  const inRun = gradesInYears(grades, yearOf(run.start), yearOf(asOf));
  // RULES TM6b: outstanding performance (实绩突出) in the run, by the settings' meaning.
  const label = `实绩突出：连续${scope}期间（${yearOf(run.start)}—${yearOf(asOf)} 年）`;
  const g = noGradeBelowCheck(TM6B_RULES.grades, inRun, settings.lowestAcceptableGrade, label, sanctions);
  const e = excellentCountCheck(TM6B_RULES.excellent, inRun, settings.minExcellentGradesInRun, label, sanctions);
  return { grades: g, excellent: e, ok: g.passed && e.passed };
}

function runCheck(rule: string, run: ContinuousRun | undefined, asOf: CalendarDate, minYears: number, roleZh: string): RuleCheck {
  const summary = summarizeRun(run, asOf);
  if (!summary) return { rule, passed: false, detail: `${asOf} 未任${roleZh}`, evidence: [] };
  return {
    rule,
    passed: summary.years >= minYears,
    // The run's length as every table writes it, days included (found by a review: 11 年 5 个月 here, 11 年 5 个月 29 天 beside it).
    detail: `连续任${roleZh} ${lengthZh(summary)}（自 ${summary.start}），须满 ${minYears} 年`,
    evidence: summary.eventIds,
  };
}

/** TM6b for every township chief on `view.asOf`, from the ledger facts. */
export function inPostPromotionEligibilityFromFacts(facts: LedgerFacts, view: ViewOptions): InPostPromotionEligibility {
  const { asOf } = view;
  const filter = knownFilter(facts, view.knownAt);
  const policy = policyFor(facts, filter, asOf);
  const settings = policy.settings;
  const kindOf = (id: string): OrgUnitKind | undefined => knownOrgUnitKind(facts, filter, id);
  const names = nameLookup(facts, filter);
  const cadres: CadreInPostEligibility[] = [];

  for (const timeline of [...facts.cadres.values()].sort((a, b) => (a.cadreId < b.cadreId ? -1 : a.cadreId > b.cadreId ? 1 : 0))) {
    const holdings = postHoldings(timeline, filter, asOf);
    const chiefPosts = holdings.filter((h) => h.to === null && isTownshipChief(kindOf(h.orgUnitId), h.role));
    if (chiefPosts.length === 0) continue; // not a township chief on the date: not listed

    const runs = townshipRuns(holdings, kindOf, asOf, settings.continuityGraceDays);
    const grades = gradesByYear(timeline, filter, asOf);
    const rules = settings.inPostPromotion;

    const chiefCheck: RuleCheck = {
      rule: TM6B_RULES.chief,
      passed: true,
      detail: `${asOf} 现任${chiefPosts.map((h) => `${names.orgUnitName(h.orgUnitId) ?? h.orgUnitId}${roleNameZh(h.role, { name: names.orgUnitName(h.orgUnitId) ?? null, kind: 'TOWNSHIP' })}（自 ${h.from}）`).join('、')}`,
      evidence: chiefPosts.map((h) => h.eventIds[0]!),
    };
    const psRunCheck = runCheck(TM6B_RULES.partySecretaryRun, runs.partySecretary, asOf, rules.partySecretaryRunYears, ROLE_SET_NAMES_ZH.partySecretary);
    const chiefRunCheck = runCheck(TM6B_RULES.chiefRun, runs.chief, asOf, rules.chiefRunYears, ROLE_SET_NAMES_ZH.chief);
    const sanctions = knownSanctions(timeline, filter, asOf);
    const sanctionCheck = noSanctionPeriodOnCheck(TM6B_RULES.sanction, sanctions, settings, asOf);

    const psPerf = runs.partySecretary ? performanceIn(runs.partySecretary, asOf, grades, rules, `任${ROLE_SET_NAMES_ZH.partySecretary}`, sanctions) : undefined;
    const chiefPerf = runs.chief ? performanceIn(runs.chief, asOf, grades, rules, `任${ROLE_SET_NAMES_ZH.chief}`, sanctions) : undefined;
    const psHolds = psRunCheck.passed && !!psPerf?.ok && sanctionCheck.passed;
    const chiefHolds = chiefRunCheck.passed && !!chiefPerf?.ok && sanctionCheck.passed;
    const basis: InPostPromotionBasis | null = psHolds ? 'PARTY_SECRETARY_8Y' : chiefHolds ? 'CHIEF_10Y' : null;

    // Show the performance of the basis run; failing both, of the run long enough, the secretary one first.
    const performanceRun: 'PARTY_SECRETARY' | 'CHIEF' =
      basis === 'PARTY_SECRETARY_8Y' || (basis === null && psRunCheck.passed && psPerf) ? 'PARTY_SECRETARY' : 'CHIEF';
    const perf = performanceRun === 'PARTY_SECRETARY' ? psPerf : chiefPerf;

    const rank = knownRankOn(timeline, filter, asOf);
    const ceiling = rankSchema.safeParse(settings.rankPromotion.highestRankForCountyCadres);
    cadres.push({
      cadreId: timeline.cadreId,
      cadreName: names.cadreName(timeline.cadreId),
      eligible: basis !== null,
      basis,
      partySecretaryRun: summarizeRun(runs.partySecretary, asOf),
      chiefRun: summarizeRun(runs.chief, asOf),
      checks: [chiefCheck, psRunCheck, chiefRunCheck, ...(perf ? [perf.grades, perf.excellent] : []), sanctionCheck],
      performanceRun,
      chiefPosts: chiefPosts.map((h) => ({ orgUnitId: h.orgUnitId, orgUnitName: names.orgUnitName(h.orgUnitId), role: h.role, from: h.from })),
      currentRank: rank?.rank ?? null,
      rankSince: rank?.meta.effectiveDate ?? null,
      atCountyRankCeiling: rank !== undefined && ceiling.success && compareRanks(rank.rank, ceiling.data) >= 0,
    });
  }
  const runYears = { partySecretary: settings.inPostPromotion.partySecretaryRunYears, chief: settings.inPostPromotion.chiefRunYears };
  return { asOf, policyVersion: policy.version, runYears, knownAt: filter.knownAt, cadres };
}

/** TM6b from the events (all streams, global order). */
export function inPostPromotionEligibility(events: readonly RecordedEvent[], view: ViewOptions): InPostPromotionEligibility {
  return inPostPromotionEligibilityFromFacts(ledgerFactsOf(events), view);
}
