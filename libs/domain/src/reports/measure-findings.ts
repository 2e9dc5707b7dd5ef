/**
 * The findings of the ten measures and N4 that the reports compute (RULES.md: rules spanning
 * several cadres or a township are findings, never write rejections), each with its rule id, the
 * township concerned, the year and the evidence. `complianceFindings` (read-models/compliance.ts)
 * lists overrides and TM4; the API and CLI list both.
 *
 * Dated findings (TM1, TM5 seats) are read on `asOf`; year findings (TM3, TM7 reminder talks, TM8)
 * for `year`, or by default the last calendar year before `asOf`'s, once that year has ended on
 * `asOf` (before its last day nothing is missed yet) and from the facts in effect on `asOf` (T4: a
 * talk dated later has not been held); TM6 and N4 findings for the whole record as known.
 */
import { yearEnd, yearOf, type CalendarDate } from '../time/calendar-date';
import type { ComplianceFinding, GradeLookup, UnitsOfCadreOn } from '../read-models/compliance';
import type { CareerTimeline, LedgerFacts, SeatFact } from '../read-models/ledger-facts';
import { inPostPromotionEligibilityFromFacts } from '../read-models/eligibility';
import { byEffectiveOrder, countsOn, gradesByYear, knownFilter, knownSanctions, policyFor, postHoldings, type KnownFilter } from '../read-models/known-view';
import { nameLookup, namedZh, type NameLookup } from '../read-models/names';
import { careShortfallZh, GRADE_NAMES_ZH, LEVEL_NAMES_ZH, RANK_NAMES_ZH, TM10_NAME_ZH, TM6B_NAME_ZH } from '../vocabulary-zh';
import { CHIEF_ROLES, compareRanks } from '../vocabulary';
import { TM10_PRIORITY_RANK } from '../read-models/candidates';
import { annualGradeConstraint, gradeAllowed } from '../rules/sanctions';
import { healthChecksReport } from './health-checks';
import { reminderTalksReport } from './reminder-talks';
import { reportView, sortedCadres } from './report-view';
import { secretarySeatsReport, TM5_COMMITTEE_ELECTION_RULE, TM5_SEAT_ELECTION_RULE } from './secretary-seats';
import { talksReport } from './talks';
import { teamCompositionReport } from './team-composition';
import { trainingReport } from './training';

export interface MeasureFinding {
  readonly kind: 'MEASURE';
  /** A rule id of RULES.md, refined ("TM1.experienced-share"); filter "TM1" matches it. */
  readonly rule: string;
  readonly orgUnitId: string | null;
  readonly cadreId: string | null;
  /** Names beside the ids (read-models/names.ts); null with the id or when no registration is known. */
  readonly cadreName: string | null;
  readonly orgUnitName: string | null;
  readonly year: number;
  readonly date: CalendarDate;
  readonly detail: string;
  readonly evidence: readonly string[];
  /**
   * The policy version the finding was judged under (RULES: every derived answer names it): the
   * report's own, or the version in effect on the finding's date as known then (found by a review:
   * findings under a revised version named none).
   */
  readonly policyVersion: string;
}

export interface MeasureFindingsFilter {
  readonly asOf: CalendarDate;
  readonly year?: number;
  readonly orgUnitId?: string;
  readonly rule?: string;
  readonly knownAt?: string;
}

/** Whether a finding's rule is the rule asked for or one of its refinements ("TM1" ⊇ "TM1.chief-experience"). */
export function ruleMatches(rule: string, wanted: string | undefined): boolean {
  return wanted === undefined || rule === wanted || rule.startsWith(`${wanted}.`) || rule.startsWith(`${wanted}:`);
}

export function measureFindings(facts: LedgerFacts, filter: MeasureFindingsFilter): MeasureFinding[] {
  const { asOf } = filter;
  const year = filter.year ?? yearOf(asOf) - 1;
  const yearOver = yearEnd(year) <= asOf;
  const k = filter.knownAt !== undefined ? { knownAt: filter.knownAt } : {};
  const t = filter.orgUnitId !== undefined ? { township: filter.orgUnitId } : {};
  const known = knownFilter(facts, filter.knownAt);
  const names = nameLookup(facts, known);
  const findings: Unnamed[] = [];
  const push = (f: Omit<Unnamed, 'kind'>) => findings.push({ kind: 'MEASURE', ...f });
  const want = (prefix: string) => filter.rule === undefined || ruleMatches(prefix, filter.rule) || ruleMatches(filter.rule, prefix);

  if (want('TM1') && (filter.year === undefined || filter.year === yearOf(asOf))) {
    const r = teamCompositionReport(facts, { asOf, ...k, ...t });
    for (const town of r.townships) {
      for (const c of town.checks) if (!c.passed && !c.advisory) push({ policyVersion: r.policyVersion, rule: c.rule, orgUnitId: town.orgUnitId, cadreId: null, year: yearOf(asOf), date: asOf, detail: `${town.orgUnitName}：${c.detail}`, evidence: c.evidence });
    }
    if (filter.orgUnitId === undefined) {
      for (const c of r.county.checks) if (!c.passed && !c.advisory) push({ policyVersion: r.policyVersion, rule: c.rule, orgUnitId: null, cadreId: null, year: yearOf(asOf), date: asOf, detail: `全县：${c.detail}`, evidence: c.evidence });
    }
  }
  if (want('TM5') && (filter.year === undefined || filter.year === yearOf(asOf))) {
    const seats = secretarySeatsReport(facts, { asOf, ...k, ...t });
    // The report lists each township's secretary; a secretary of two townships without a seat is one finding (found by a review).
    const listed = new Set<string>();
    for (const s of seats.secretaries) {
      if (s.passed || listed.has(s.cadreId)) continue;
      listed.add(s.cadreId);
      push({ policyVersion: seats.policyVersion, rule: s.rule, orgUnitId: s.orgUnitId, cadreId: s.cadreId, year: yearOf(asOf), date: asOf, detail: `${s.orgUnitName}党委书记 ${s.cadreName}（${s.cadreId}）未担任县级“两代表一委员”`, evidence: s.evidence });
    }
  }
  if (want('TM5')) findings.push(...electionFindings(facts, filter));
  if (want('TM3') && yearOver) {
    const training = trainingReport(facts, { year, ...k, ...t });
    for (const m of training.missing) {
      const what = m.rule === 'TM3.chief-yearly' ? `${year} 年度未参加县级及以上培训` : `${m.fromYear}–${m.toYear} 年未参加县级及以上培训`;
      push({ policyVersion: training.policyVersion, rule: m.rule, orgUnitId: m.orgUnitId, cadreId: m.cadreId, year, date: `${year}-12-31` as CalendarDate, detail: `${m.orgUnitName} ${m.cadreName}（${m.cadreId}）${what}`, evidence: m.evidence });
    }
  }
  if (want('TM7') && yearOver) {
    const report = reminderTalksReport(facts, { year, asOf, ...k });
    // The lowest are known once every township is scored: until then the finding is the missing
    // scores, once the year's scores have begun to be recorded (before that, nothing is owed yet).
    if (report.unscored.length > 0 && report.townships.length > 0) {
      const missing = report.unscored.map((u) => namedZh(u.orgUnitName === u.orgUnitId ? null : u.orgUnitName, u.orgUnitId));
      if (filter.orgUnitId === undefined) {
        push({ policyVersion: report.policyVersion, rule: 'TM7.reminder-talk', orgUnitId: null, cadreId: null, year, date: `${year}-12-31` as CalendarDate, detail: `全县：${year} 年度目标绩效考核得分尚未全部录入（${missing.length} 个乡镇未录入：${missing.join('、')}），后 ${report.lowest} 名尚无法确定，提醒谈话无从核对`, evidence: report.townships.map((t) => t.scoreEventId) });
      }
    }
    for (const town of report.unscored.length > 0 ? [] : report.townships) {
      if (filter.orgUnitId !== undefined && town.orgUnitId !== filter.orgUnitId) continue;
      // The measure asks for the liaison county leader's talk: one by anyone else does not clear it.
      for (const c of town.chiefs.filter((c) => !c.remindedByCountyLeader)) {
        const what = c.heldBy ? `提醒谈话由非县领导 ${c.heldBy.cadreName}（${c.heldBy.cadreId}）进行，未录入县领导的提醒谈话` : '未录入提醒谈话';
        push({ policyVersion: report.policyVersion, rule: 'TM7.reminder-talk', orgUnitId: town.orgUnitId, cadreId: c.cadreId, year, date: `${year}-12-31` as CalendarDate, detail: `${town.orgUnitName} ${year} 年度目标绩效考核得分 ${town.score} 居后，党政正职 ${c.cadreName}（${c.cadreId}）${what}`, evidence: c.evidence });
      }
    }
  }
  if (want('TM8') && yearOver) {
    const talks = talksReport(facts, { year, ...k, ...t });
    for (const p of talks.missing) {
      push({ policyVersion: talks.policyVersion, rule: p.rule, orgUnitId: p.orgUnitId, cadreId: p.b.cadreId, year, date: `${year}-12-31` as CalendarDate, detail: `${p.orgUnitName}：${p.a.cadreName}（${p.a.cadreId}）与 ${p.b.cadreName}（${p.b.cadreId}）${year} 年度${careShortfallZh('谈心谈话', p.talks, talks.required)}`, evidence: p.evidence });
    }
    const checks = healthChecksReport(facts, { year, ...k, ...t });
    for (const m of checks.missing) {
      push({ policyVersion: checks.policyVersion, rule: m.rule, orgUnitId: m.orgUnitId, cadreId: m.cadreId, year, date: `${year}-12-31` as CalendarDate, detail: `${m.orgUnitName} ${m.cadreName}（${m.cadreId}）${year} 年度${careShortfallZh('体检', m.checks, checks.required)}`, evidence: m.evidence });
    }
  }
  if (want('TM6a') || want('TM6b') || want('TM10') || want('N4')) findings.push(...recordFindings(facts, filter, names));
  return findings
    .filter((f) => ruleMatches(f.rule, filter.rule))
    .map((f) => ({
      ...f,
      cadreName: f.cadreId === null ? null : names.cadreName(f.cadreId),
      orgUnitName: f.orgUnitId === null ? null : names.orgUnitName(f.orgUnitId),
      policyVersion: f.policyVersion ?? policyFor(facts, known, f.date).version,
    }));
}

/** A finding before its names (and, when no report gave it, its policy version) are added, once, at the end. */
type Unnamed = Omit<MeasureFinding, 'cadreName' | 'orgUnitName' | 'policyVersion'> & { readonly policyVersion?: string };

/**
 * The org unit a finding about one cadre's record belongs to: a post held on `date`, a chief post
 * first, so that a township's findings list it (found by a review: an N4 finding of a township
 * cadre was shown under 全县 and left out of --township).
 */
function unitOfCadreOn(t: CareerTimeline, known: KnownFilter, date: CalendarDate): string | null {
  const held = postsHeldOn(t, known, date);
  return (held.find((h) => CHIEF_ROLES.includes(h.role)) ?? held[0])?.orgUnitId ?? null;
}

function postsHeldOn(t: CareerTimeline, known: KnownFilter, date: CalendarDate) {
  return postHoldings(t, known, date).filter((h) => h.from <= date && (h.to === null || h.to > date));
}

/** The org units of every post a cadre held on a date, as known at `knownAt` (compliance.ts `UnitsOfCadreOn`). */
export function unitsOfCadreOn(facts: LedgerFacts, knownAt: string | undefined): UnitsOfCadreOn {
  const known = knownFilter(facts, knownAt);
  return (cadreId, date) => {
    const t = facts.cadres.get(cadreId);
    return t ? [...new Set(postsHeldOn(t, known, date).map((h) => h.orgUnitId))] : [];
  };
}

/** complianceFindings' GradeLookup from the career facts as known at `knownAt` (the compliance table keeps no grades). */
export function gradeLookup(facts: LedgerFacts, knownAt: string | undefined): GradeLookup {
  const known = knownFilter(facts, knownAt);
  return {
    recorded: (cadreId, eventId) => {
      const g = facts.cadres.get(cadreId)?.grades.find((x) => x.meta.eventId === eventId);
      return g ? { year: g.year, grade: g.grade } : undefined;
    },
    standing: (cadreId, year) => {
      const t = facts.cadres.get(cadreId);
      const g = t ? gradesByYear(t, known, null).get(year) : undefined;
      return g ? { eventId: g.meta.eventId, grade: g.grade } : undefined;
    },
  };
}

/** TM6b/TM10 promotions and N4 grades: findings over each cadre's whole record as known. */
function recordFindings(facts: LedgerFacts, filter: MeasureFindingsFilter, names: NameLookup): Unnamed[] {
  const known = knownFilter(facts, filter.knownAt);
  const findings: Unnamed[] = [];
  for (const t of sortedCadres(facts)) {
    for (const p of t.promotions.filter((p) => known.counts(p.meta) && p.meta.effectiveDate <= filter.asOf)) {
      const date = p.meta.effectiveDate;
      if (filter.year !== undefined && yearOf(date) !== filter.year) continue;
      if (p.basis === 'IN_POST_CONTINUOUS_SERVICE') {
        const own: LedgerFacts = { cadres: new Map([[t.cadreId, t]]), orgUnits: facts.orgUnits, policies: facts.policies, retractions: facts.retractions };
        const answer = inPostPromotionEligibilityFromFacts(own, { asOf: date, ...(filter.knownAt !== undefined ? { knownAt: filter.knownAt } : {}) }).cadres[0];
        if (!answer?.eligible) {
          findings.push({ kind: 'MEASURE', rule: 'TM6b', orgUnitId: answer?.chiefPosts[0]?.orgUnitId ?? unitOfCadreOn(t, known, date), cadreId: t.cadreId, year: yearOf(date), date, detail: `${namedZh(names.cadreName(t.cadreId), t.cadreId)} 于 ${date} 以${TM6B_NAME_ZH}为依据晋升，当日不符合 TM6b 条件`, evidence: [p.meta.eventId, ...(answer?.checks.filter((c) => !c.passed).flatMap((c) => c.evidence) ?? [])] });
        }
      }
      if (p.basis === 'EXCELLENT_SECRETARY') {
        const commended = t.commendations.some((c) => known.counts(c.meta) && c.meta.effectiveDate <= date && c.data.award === 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' && c.data.cycle !== undefined);
        if (!commended) findings.push({ kind: 'MEASURE', rule: 'TM10', orgUnitId: unitOfCadreOn(t, known, date), cadreId: t.cadreId, year: yearOf(date), date, detail: `${namedZh(names.cadreName(t.cadreId), t.cadreId)} 于 ${date} 以${TM10_NAME_ZH}为依据晋升，但台账无该周期表彰记录`, evidence: [p.meta.eventId] });
        // TM10's priority is toward 四级调研员: a step beyond it is no longer that measure's.
        else if (compareRanks(p.toRank, TM10_PRIORITY_RANK) > 0) {
          findings.push({ kind: 'MEASURE', rule: 'TM10', orgUnitId: unitOfCadreOn(t, known, date), cadreId: t.cadreId, year: yearOf(date), date, detail: `${namedZh(names.cadreName(t.cadreId), t.cadreId)} 于 ${date} 以${TM10_NAME_ZH}为依据由${RANK_NAMES_ZH[p.fromRank]}晋升为${RANK_NAMES_ZH[p.toRank]}，超出该措施“优先晋升至${RANK_NAMES_ZH[TM10_PRIORITY_RANK]}”的范围`, evidence: [p.meta.eventId] });
        }
      }
    }
    findings.push(...n4Findings(t, facts, filter, names));
  }
  return filter.orgUnitId === undefined ? findings : findings.filter((f) => f.orgUnitId === filter.orgUnitId);
}

/** N4: a grade recorded before a sanction that forbids it (a later grade would have been refused on write). */
function n4Findings(t: CareerTimeline, facts: LedgerFacts, filter: MeasureFindingsFilter, names: NameLookup): Unnamed[] {
  const known = knownFilter(facts, filter.knownAt);
  const sanctions = knownSanctions(t, known, filter.asOf);
  const findings: Unnamed[] = [];
  for (const g of [...gradesByYear(t, known, filter.asOf).values()].sort(byEffectiveOrder)) {
    if (filter.year !== undefined && g.year !== filter.year) continue;
    const { constraint, eventIds } = annualGradeConstraint(sanctions, g.year);
    if (gradeAllowed(g.grade, constraint)) continue;
    // Appended after the grade (T2: one batch records both at the same instant).
    const later = sanctions.filter((s) => eventIds.includes(s.eventId) && s.appendOrder > g.meta.globalPosition);
    if (later.length === 0) continue;
    findings.push({
      kind: 'MEASURE',
      rule: 'N4',
      orgUnitId: unitOfCadreOn(t, known, g.meta.effectiveDate),
      cadreId: t.cadreId,
      year: g.year,
      date: g.meta.effectiveDate,
      detail: `${namedZh(names.cadreName(t.cadreId), t.cadreId)} ${g.year} 年度考核“${GRADE_NAMES_ZH[g.grade]}”先于处分录入，与处分不符（${constraint === 'NOT_EXCELLENT' ? '当年不得评为优秀' : '当年不确定等次'}）`,
      evidence: [g.meta.eventId, ...later.map((s) => s.eventId)],
    });
  }
  return findings;
}

/**
 * TM5(c) 额定权: "选举产生县委委员、推荐市级及以上'两代表一委员'时乡镇党委书记人数不少于县级部门主要
 * 负责人人数". Two kinds of election, each the seats of its kind taken on one date: the county
 * committee members (县委委员: the seats marked `committeeMember`), and the seats of one level at
 * city level or above (市级, 省级, 全国: found by a review, which saw only the city's counted and the
 * county committee's never). The township party secretaries elected are at least as many as the
 * county department heads elected. People are counted, not seats: a secretary elected to two
 * bodies is one (found by a review). `TM5.municipal-election` keeps its id for every level above
 * the county; the detail names the level.
 */
function electionFindings(facts: LedgerFacts, filter: MeasureFindingsFilter): Unnamed[] {
  const view = reportView(facts, filter.asOf, filter.knownAt);
  type Election = { rule: string; what: string; date: CalendarDate; secretaries: Set<string>; heads: Set<string>; secretaryEvidence: string[]; headEvidence: string[] };
  const elections = new Map<string, Election>();
  const electionsOf = (s: SeatFact): { key: string; rule: string; what: string }[] => [
    // 县委委员 is a county seat's mark: on a seat above the county it names no county committee election.
    ...(s.committeeMember === true && s.level === 'COUNTY' ? [{ key: `committee|${s.meta.effectiveDate}`, rule: TM5_COMMITTEE_ELECTION_RULE, what: '县委委员选举' }] : []),
    ...(s.level !== 'COUNTY' ? [{ key: `${s.level}|${s.meta.effectiveDate}`, rule: TM5_SEAT_ELECTION_RULE, what: `${LEVEL_NAMES_ZH[s.level]}“两代表一委员”选举` }] : []),
  ];
  for (const t of sortedCadres(facts)) {
    for (const s of t.seats) {
      if (s.kind !== 'TAKEN' || !countsOn(view.filter, s.meta, view.asOf)) continue;
      const date = s.meta.effectiveDate;
      if (filter.year !== undefined && yearOf(date) !== filter.year) continue;
      const kinds = electionsOf(s);
      if (kinds.length === 0) continue;
      const posts = view.holdings(t.cadreId, date).filter((h) => h.to === null);
      // The seat and the post that makes its holder a secretary or a head, both cited (found by a review: the seats alone).
      const secretaryPost = posts.find((h) => h.role === 'PARTY_SECRETARY' && view.kindOf(h.orgUnitId) === 'TOWNSHIP');
      const headPost = posts.find((h) => h.role === 'HEAD' && view.kindOf(h.orgUnitId) === 'COUNTY_DEPARTMENT');
      for (const { key, rule, what } of kinds) {
        const e = elections.get(key) ?? { rule, what, date, secretaries: new Set(), heads: new Set(), secretaryEvidence: [], headEvidence: [] };
        if (secretaryPost) e.secretaries.add(t.cadreId) && e.secretaryEvidence.push(s.meta.eventId, secretaryPost.eventIds[0]!);
        if (headPost) e.heads.add(t.cadreId) && e.headEvidence.push(s.meta.eventId, headPost.eventIds[0]!);
        elections.set(key, e);
      }
    }
  }
  const findings: Unnamed[] = [];
  for (const e of [...elections.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.what < b.what ? -1 : 1))) {
    if (e.secretaries.size >= e.heads.size || filter.orgUnitId !== undefined) continue;
    findings.push({ kind: 'MEASURE', rule: e.rule, orgUnitId: null, cadreId: null, year: yearOf(e.date), date: e.date, detail: `${e.date} ${e.what}：乡镇党委书记 ${e.secretaries.size} 人，少于县级部门主要负责人 ${e.heads.size} 人`, evidence: [...new Set([...e.secretaryEvidence, ...e.headEvidence])] });
  }
  return findings;
}

/** Whether a listed finding (override, TM4, remedy or measure) concerns the rule asked for. */
export function findingConcerns(f: ComplianceFinding | MeasureFinding, rule: string | undefined): boolean {
  if (rule === undefined) return true;
  return f.kind === 'OVERRIDE' ? f.rules.some((r) => ruleMatches(r, rule)) : ruleMatches(f.rule, rule);
}
