/**
 * TM10 Excellent Township Party Secretary (优秀乡镇党委书记) candidate list for a five-year cycle.
 * Contract (EVENTS.md): `{cycle, referenceDate, quota, candidates:[{rank, cadreId, withinQuota,
 * excellentCount, checks}], excluded:[{cadreId, reasons}]}`; the other fields are additions.
 *
 * Posts and runs are taken on the reference date (31 December of the cycle's last year), from the
 * post events in effect by the drawing-up date when it comes before (T4: a secretary in post then is
 * taken to hold the post to the reference date, and the check says it was projected). Grades,
 * scores, sanctions, ranks and commendations count up to the drawing-up date `asOf`: the list is
 * drawn up after the cycle, when its last year's grades (decided early the next year) are in. The
 * API and the CLI give today's when none is asked for, so a scheduled entry counts only from its
 * date (T4); without one (specs, replays) nothing is cut.
 */
import type { RecordedEvent } from '../events/domain-event';
import { isCreditedExcellent } from '../rules/sanction-grade';
import { yearEnd, yearStart, type CalendarDate } from '../time/calendar-date';
import { compareRanks, cycleSchema, type OrgUnitKind, type Rank } from '../vocabulary';
import { excellentCountCheck, gradesInYears, noGradeBelowCheck, noSanctionPeriodInCheck, type RuleCheck } from './checks';
import { lengthZh } from './format-zh';
import { ledgerFactsOf, type LedgerFacts } from './ledger-facts';
import {
  gradesByYear,
  isTownshipChief,
  knownFilter,
  knownSanctions,
  scoreOfYear,
  knownOrgUnitKind,
  policyFor,
  postHoldings,
  knownRankOn,
} from './known-view';
import { ROLE_SET_NAMES_ZH } from '../vocabulary-zh';
import { nameLookup, type NameLookup } from './names';
import { summarizeRun, townshipRuns, townshipService, type RunSummary } from './tenure';

/** TM10: a commended secretary below it is flagged for priority promotion toward it (四级调研员). */
export const TM10_PRIORITY_RANK: Rank = 'RESEARCHER_4';

export interface CandidateOptions {
  /** Five calendar years, e.g. "2021-2025". */
  cycle: string;
  /** ISO instant: the list as the ledger stood then. */
  knownAt?: string;
  /** Optional cut on effective dates of grades, scores, sanctions and ranks (the drawing-up date). */
  asOf?: CalendarDate;
}

export const TM10_RULES = {
  partySecretary: 'TM10.partySecretary',
  townshipWork: 'TM10.townshipWork',
  grades: 'TM10.grades',
  excellent: 'TM10.excellentGrades',
  sanction: 'TM10.noSanctionPeriod',
} as const;

/** The township's performance score (年度目标绩效考核得分) of the cycle's last year, used for ranking. */
export interface ScoreRef {
  orgUnitId: string;
  orgUnitName: string | null;
  year: number;
  score: number;
  eventId: string;
}

/** A candidate who passes every check, in rank order (contract fields first). */
export interface Candidate {
  rank: number;
  cadreId: string;
  /** 姓名 (names.ts); null when no registration is known. */
  cadreName: string | null;
  withinQuota: boolean;
  excellentCount: number;
  checks: RuleCheck[];
  /** C1 secretary run on the reference date; ranking uses its completed `years` (T3). */
  partySecretaryRun: RunSummary | null;
  /** The township's score of the cycle's last year (null: none recorded; ranks after every score). */
  latestPerformanceScore: ScoreRef | null;
  townshipWorkDays: number;
  /** 职级 held (latest known, or on `asOf`). */
  currentRank: Rank | null;
  /** A Commended(EXCELLENT_TOWNSHIP_PARTY_SECRETARY) for this cycle is recorded. */
  commended: boolean;
  /** TM10: commended for the cycle and below 四级调研员: priority promotion toward RESEARCHER_4. */
  priorityPromotionToResearcher4: boolean;
  /** TM10: commended for the cycle as especially outstanding (特别优秀): recommend for a county-level leading post. */
  recommendForCountyLevelPost: boolean;
  /**
   * Equal on every ranking criterion with candidates on the other side of the quota line: the
   * county settles who takes the remaining places (TM10); none of them is within quota by id alone.
   */
  tiedAtQuotaLine: boolean;
}

/**
 * A secretary not on the list, with the failed checks. A commendation already recorded for the
 * cycle keeps its consequences (TM10 flags them by the commendation, not by the list).
 */
export interface ExcludedCandidate {
  cadreId: string;
  cadreName: string | null;
  /** The failed checks: rule id and Chinese text. */
  reasons: RuleCheck[];
  checks: RuleCheck[];
  currentRank: Rank | null;
  commended: boolean;
  priorityPromotionToResearcher4: boolean;
  recommendForCountyLevelPost: boolean;
}

export interface ExcellentSecretaryCandidates {
  cycle: string;
  referenceDate: CalendarDate;
  quota: number;
  candidates: Candidate[];
  excluded: ExcludedCandidate[];
  policyVersion: string;
  knownAt: string | null;
  /** The drawing-up date (`asOf`): facts effective after it are not counted; null when none was given. */
  asOf: CalendarDate | null;
}

interface Assessed {
  cadreId: string;
  checks: RuleCheck[];
  excellentCount: number;
  run: RunSummary | null;
  score: ScoreRef | null;
  townshipWorkDays: number;
  currentRank: Rank | null;
  commended: boolean;
  especiallyOutstanding: boolean;
}

/**
 * TM10 ranking: EXCELLENT count, then completed secretary-run years, then the township's score of
 * the cycle's last year (missing ranks last). Zero means tied: the id only orders the listing.
 */
export function compareMerit(a: Assessed, b: Assessed): number {
  if (a.excellentCount !== b.excellentCount) return b.excellentCount - a.excellentCount;
  const ay = a.run?.years ?? 0;
  const by = b.run?.years ?? 0;
  if (ay !== by) return by - ay;
  const as = a.score?.score ?? Number.NEGATIVE_INFINITY;
  const bs = b.score?.score ?? Number.NEGATIVE_INFINITY;
  return as === bs ? 0 : bs - as;
}

/** The listing order: merit, then id (which never decides a place: see `tiedAtQuotaLine`). */
export function compareCandidates(a: Assessed, b: Assessed): number {
  return compareMerit(a, b) || (a.cadreId < b.cadreId ? -1 : a.cadreId > b.cadreId ? 1 : 0);
}

/**
 * TM10: a cycle ("2021-2025") is five calendar years; its reference date is 31 December of its last
 * year, and its span runs from 1 January of the first year to 1 January after the last (exclusive).
 * The one place these are derived (the read side's index asks it too, for the secretaries to load).
 */
export function tm10CycleDates(cycleText: string): {
  cycle: string;
  firstYear: number;
  lastYear: number;
  referenceDate: CalendarDate;
  cycleStart: CalendarDate;
  cycleEnd: CalendarDate;
} {
  const cycle = cycleSchema.parse(cycleText);
  const firstYear = Number(cycle.slice(0, 4));
  const lastYear = Number(cycle.slice(5));
  return { cycle, firstYear, lastYear, referenceDate: yearEnd(lastYear), cycleStart: yearStart(firstYear), cycleEnd: yearStart(lastYear + 1) };
}

/**
 * The date the candidates' posts are taken on (T4): the cycle's reference date, or the drawing-up
 * date when it comes before. The read side loads the secretaries of this date (found by a review:
 * it loaded those of the reference date, so a secretary whose departure after the drawing-up date
 * was already recorded was neither listed nor excluded).
 */
export function tm10PostsDate(cycle: string, asOf: CalendarDate | undefined): CalendarDate {
  const { referenceDate } = tm10CycleDates(cycle);
  return asOf !== undefined && asOf < referenceDate ? asOf : referenceDate;
}

export function excellentSecretaryCandidatesFromFacts(facts: LedgerFacts, options: CandidateOptions): ExcellentSecretaryCandidates {
  const { cycle, firstYear, lastYear, referenceDate, cycleStart, cycleEnd } = tm10CycleDates(options.cycle);
  const cut = options.asOf ?? null;
  const filter = knownFilter(facts, options.knownAt);
  const policy = policyFor(facts, filter, referenceDate);
  const rules = policy.settings.excellentSecretary;
  const kindOf = (id: string): OrgUnitKind | undefined => knownOrgUnitKind(facts, filter, id);
  const names: NameLookup = nameLookup(facts, filter);

  const postsAsOf = tm10PostsDate(options.cycle, options.asOf);
  const projected = postsAsOf < referenceDate ? `（按 ${postsAsOf} 生效的记录推算）` : '';

  const assessed: Assessed[] = [];
  for (const timeline of facts.cadres.values()) {
    // T4: a list drawn up before the reference date takes the posts as recorded in effect by then,
    // held on to the reference date unless a departure in effect by then ends them (found by a review:
    // an appointment two years after the drawing-up date put its cadre on the list).
    const holdings = postHoldings(timeline, filter, postsAsOf);
    const secretaryPosts = holdings.filter((h) => h.to === null && h.role === 'PARTY_SECRETARY' && isTownshipChief(kindOf(h.orgUnitId), h.role));
    if (secretaryPosts.length === 0) continue;

    const runs = townshipRuns(holdings, kindOf, referenceDate, policy.settings.continuityGraceDays);
    const run = summarizeRun(runs.partySecretary, referenceDate);
    const work = townshipService(holdings, kindOf, referenceDate).work;
    const workDays = work.totalDays;
    const cycleGrades = gradesInYears(gradesByYear(timeline, filter, cut), firstYear, lastYear);
    const sanctions = knownSanctions(timeline, filter, cut);
    const scope = `${cycle} 周期内`;

    const checks: RuleCheck[] = [
      {
        rule: TM10_RULES.partySecretary,
        passed: true,
        detail: `${referenceDate} 任${secretaryPosts.map((h) => `${names.orgUnitName(h.orgUnitId) ?? h.orgUnitId}党委书记（自 ${h.from}）`).join('、')}${run ? `，连续任${ROLE_SET_NAMES_ZH.partySecretary} ${lengthZh(run)}（自 ${run.start}）` : ''}${projected}`,
        evidence: run?.eventIds ?? secretaryPosts.map((h) => h.eventIds[0]!),
      },
      {
        rule: TM10_RULES.townshipWork,
        passed: work.years >= rules.minTownshipWorkYears,
        detail: `乡镇工作经历 ${work.years} 年 ${work.months} 个月（共 ${workDays} 天），须满 ${rules.minTownshipWorkYears} 年${projected}`,
        // Each event once: a transfer both ends one holding and begins the next (found by a review).
        evidence: [...new Set(holdings.filter((h) => kindOf(h.orgUnitId) === 'TOWNSHIP').flatMap((h) => h.eventIds))],
      },
      noGradeBelowCheck(TM10_RULES.grades, cycleGrades, rules.lowestAcceptableGrade, scope, sanctions),
      excellentCountCheck(TM10_RULES.excellent, cycleGrades, rules.minExcellentGradesInCycle, scope, sanctions),
      // Drawn up before the cycle's end (the cycle under way): what is said of the days to come rests on the records in effect by then (found by a review of the ten measures).
      withProjection(noSanctionPeriodInCheck(TM10_RULES.sanction, sanctions, policy.settings, cycleStart, cycleEnd), projected),
    ];

    let score: ScoreRef | null = null;
    for (const h of secretaryPosts) {
      const s = scoreOfYear(facts, filter, h.orgUnitId, lastYear, cut);
      if (s && (!score || s.score > score.score)) score = { orgUnitId: h.orgUnitId, orgUnitName: names.orgUnitName(h.orgUnitId), year: s.year, score: s.score, eventId: s.meta.eventId };
    }
    const cycleCommendations = timeline.commendations.filter(
      (c) => filter.counts(c.meta) && (cut === null || c.meta.effectiveDate <= cut) && c.data.award === 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' && c.data.cycle === cycle,
    );
    assessed.push({
      cadreId: timeline.cadreId,
      checks,
      excellentCount: cycleGrades.filter((g) => isCreditedExcellent(g, sanctions)).length, // N4, as the check counts
      run,
      score,
      townshipWorkDays: workDays,
      currentRank: knownRankOn(timeline, filter, cut)?.rank ?? null,
      commended: cycleCommendations.length > 0,
      especiallyOutstanding: cycleCommendations.some((c) => c.data.especiallyOutstanding === true),
    });
  }

  const passing = assessed.filter((a) => a.checks.every((c) => c.passed)).sort(compareCandidates);
  // Competition ranking (1, 2, 2, 4): equal merit, equal rank.
  const ranks: number[] = [];
  passing.forEach((a, i) => ranks.push(i > 0 && compareMerit(passing[i - 1]!, a) === 0 ? ranks[i - 1]! : i + 1));
  const lineTie = quotaLineTie(passing, rules.quota);
  const candidates: Candidate[] = passing.map((a, i) => {
    const tiedAtQuotaLine = lineTie.has(i);
    return {
      rank: ranks[i]!,
      cadreId: a.cadreId,
      cadreName: names.cadreName(a.cadreId),
      withinQuota: i < rules.quota && !tiedAtQuotaLine,
      excellentCount: a.excellentCount,
      checks: a.checks,
      partySecretaryRun: a.run,
      latestPerformanceScore: a.score,
      townshipWorkDays: a.townshipWorkDays,
      ...commendationFlags(a),
      tiedAtQuotaLine,
    };
  });
  const excluded: ExcludedCandidate[] = assessed
    .filter((a) => a.checks.some((c) => !c.passed))
    .sort((a, b) => (a.cadreId < b.cadreId ? -1 : a.cadreId > b.cadreId ? 1 : 0))
    .map((a) => ({ cadreId: a.cadreId, cadreName: names.cadreName(a.cadreId), reasons: a.checks.filter((c) => !c.passed), checks: a.checks, ...commendationFlags(a) }));

  return { cycle, referenceDate, quota: rules.quota, candidates, excluded, policyVersion: policy.version, knownAt: filter.knownAt, asOf: cut };
}

/** TM10: what a commendation for the cycle brings: priority promotion below 四级调研员; a county-level post if especially outstanding. */
function commendationFlags(a: Assessed): Pick<Candidate, 'currentRank' | 'commended' | 'priorityPromotionToResearcher4' | 'recommendForCountyLevelPost'> {
  return {
    currentRank: a.currentRank,
    commended: a.commended,
    priorityPromotionToResearcher4: a.commended && a.currentRank !== null && compareRanks(a.currentRank, TM10_PRIORITY_RANK) < 0,
    recommendForCountyLevelPost: a.commended && a.especiallyOutstanding,
  };
}

/** Indexes of the candidates of equal merit on both sides of the quota line (empty when the line falls between two merits). */
function quotaLineTie(sorted: readonly Assessed[], quota: number): Set<number> {
  const tied = new Set<number>();
  if (quota <= 0 || quota >= sorted.length || compareMerit(sorted[quota - 1]!, sorted[quota]!) !== 0) return tied;
  for (let i = quota - 1; i >= 0 && compareMerit(sorted[i]!, sorted[quota]!) === 0; i--) tied.add(i);
  for (let i = quota; i < sorted.length && compareMerit(sorted[i]!, sorted[quota - 1]!) === 0; i++) tied.add(i);
  return tied;
}

/** TM10 from the events (all streams, global order). */
export function excellentSecretaryCandidates(events: readonly RecordedEvent[], options: CandidateOptions): ExcellentSecretaryCandidates {
  return excellentSecretaryCandidatesFromFacts(ledgerFactsOf(events), options);
}

/** A check's detail with the note that it rests on the records in effect on the drawing-up date (empty: the cycle is over). */
function withProjection(check: RuleCheck, projected: string): RuleCheck {
  return projected === '' ? check : { ...check, detail: `${check.detail}${projected}` };
}
