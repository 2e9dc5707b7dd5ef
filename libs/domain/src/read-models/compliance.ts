/**
 * Compliance findings (RULES.md "Two kinds of rule"): what auditors read instead of write
 * rejections — every override of a policy rule (who, when, why, which rule), and the township-level
 * findings of TM4 that span several cadres: a party secretary post left vacant for one day or more
 * between a departure and the successor, and a township's secretary and head both adjusted on one
 * date; an appeal decided upheld whose remedy was never recorded (N5, TM9). Also the appeals (N5)
 * with their deadlines, late filings and overdue decisions.
 */
import type { RecordedEvent } from '../events/domain-event';
import { assertNever } from '../events/domain-event';
import { remedyEventId, remedyEventIds } from '../appeal/remedy-event-ids';
import { policyInEffect, type PolicyVersion } from '../policy/policy-settings';
import { orgUnitIdsConcerning } from '../events/org-units-named';
import { isMoreFavourableGrade, n5Deadlines, type AppealDeadlines, type DecidedReview } from '../rules/appeals';
import { continuesSamePost } from '../rules/continuity';
import { daysBetween, yearOf, type CalendarDate } from '../time/calendar-date';
import type { Grade, SanctionKind } from '../vocabulary';
import type { LedgerFacts } from './ledger-facts';
import { instantMs, knownAtLimitMs } from './known-view';

export interface OverrideFinding {
  readonly kind: 'OVERRIDE';
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly effectiveDate: CalendarDate;
  readonly recordedAt: string;
  readonly actor: string;
  readonly reason: string;
  readonly rules: readonly string[];
  /** The policy version whose rules were departed from (in effect on the event's date); absent on older overrides. */
  readonly policyVersion?: string;
  /** The contract's `rule`: the overridden rules, comma-separated ("TM4,TM5"). */
  readonly rule: string;
  /** The contract's `evidence`: the event recorded with the override. */
  readonly evidence: readonly string[];
  readonly orgUnitIds: readonly string[];
}

export interface VacancyFinding {
  readonly kind: 'TM4_SECRETARY_VACANCY';
  readonly rule: 'TM4';
  readonly orgUnitId: string;
  /** First day without a secretary (the departure's effective date). */
  readonly from: CalendarDate;
  /** The successor's first day, or null while still vacant on the as-of date. */
  readonly to: CalendarDate | null;
  readonly days: number;
  readonly evidence: readonly string[];
}

export interface BothChiefsFinding {
  readonly kind: 'TM4_BOTH_CHIEFS_ADJUSTED';
  readonly rule: 'TM4';
  readonly orgUnitId: string;
  readonly date: CalendarDate;
  readonly evidence: readonly string[];
}

/**
 * N5/TM9: an appeal decided UPHELD or PARTIALLY_UPHELD whose remedy is not in the record: no
 * rescission names the appeal and the appealed event is not retracted (a corrected grade).
 */
export interface AppealRemedyMissingFinding {
  readonly kind: 'APPEAL_REMEDY_MISSING';
  readonly rule: 'N5';
  readonly appealId: string;
  readonly cadreId: string;
  readonly targetEventId: string;
  readonly outcome: 'UPHELD' | 'PARTIALLY_UPHELD';
  readonly decidedOn: CalendarDate;
  readonly evidence: readonly string[];
}

export type ComplianceFinding = OverrideFinding | VacancyFinding | BothChiefsFinding | AppealRemedyMissingFinding;

export interface FindingsFilter {
  readonly orgUnitId?: string;
  readonly year?: number;
  /** Vacancies still open are measured up to this date. */
  readonly asOf: CalendarDate;
  /** As the ledger knew it then: only events recorded by this instant (a later retraction not yet made). */
  readonly knownAt?: string;
}

/** The org units of the posts a cadre held on a date (the career facts know them; this module's events do not). */
export type UnitsOfCadreOn = (cadreId: string, date: CalendarDate) => readonly string[];

/**
 * A cadre's annual grades (N5: what an upheld appeal against a grade was corrected to), as known at
 * the findings' `knownAt`: from the career facts where the compliance events do not carry the
 * grades (the projection), or from the events themselves (gradeLookupOfEvents).
 */
export interface GradeLookup {
  /** The year and grade an AnnualAssessmentRecorded recorded, by its event id. */
  recorded(cadreId: string, eventId: string): { year: number; grade: Grade } | undefined;
  /** The grade in force for the year (not retracted), with its event id. */
  standing(cadreId: string, year: number): { eventId: string; grade: Grade } | undefined;
}

/** GradeLookup over a whole stream of events: the latest grade of a year (effective order, then append order) not retracted. */
export function gradeLookupOfEvents(events: readonly RecordedEvent[], retracted: ReadonlySet<string>): GradeLookup {
  const recorded = new Map<string, { year: number; grade: Grade }>();
  const standing = new Map<string, { eventId: string; grade: Grade; effectiveDate: CalendarDate }>();
  for (const e of events) {
    if (e.type !== 'AnnualAssessmentRecorded') continue;
    recorded.set(e.eventId, { year: e.data.year, grade: e.data.grade });
    const key = `${e.streamId}|${e.data.year}`;
    const seen = standing.get(key);
    if (!retracted.has(e.eventId) && (!seen || seen.effectiveDate <= e.effectiveDate)) standing.set(key, { eventId: e.eventId, grade: e.data.grade, effectiveDate: e.effectiveDate });
  }
  return {
    recorded: (_cadreId, eventId) => recorded.get(eventId),
    standing: (cadreId, year) => {
      const g = standing.get(`cadre-${cadreId}|${year}`);
      return g ? { eventId: g.eventId, grade: g.grade } : undefined;
    },
  };
}

/**
 * The org units an override concerns: those its event names, and for a cadre's event the units of
 * the posts the cadre held on its date, so a township's findings list an override on its leader
 * (a rank promotion, a secondment to a department) as they list the N4 and TM6b findings (found by
 * a review: `--township` left them out).
 */
function overrideUnits(e: RecordedEvent, unitsOfCadreOn: UnitsOfCadreOn | undefined): string[] {
  const named = orgUnitIdsConcerning(e);
  if (!unitsOfCadreOn || !e.streamId.startsWith('cadre-')) return named;
  return [...new Set([...named, ...unitsOfCadreOn(e.streamId.slice('cadre-'.length), e.effectiveDate)])];
}

/** TM4 findings of one township from its single-holder post markers (in append order). */
type Marker = Extract<RecordedEvent, { type: 'PostHolderChanged' }>;

function townshipFindings(orgUnitId: string, markers: readonly Marker[], asOf: CalendarDate): Array<VacancyFinding | BothChiefsFinding> {
  const findings: Array<VacancyFinding | BothChiefsFinding> = [];
  const retracted = new Set<string>();
  for (const m of markers) if (m.data.change === 'RETRACTED') retracted.add(m.data.sourceEventId);
  // Changes scheduled after the as-of date have not happened yet (T4).
  const live = markers.filter((m) => m.data.change !== 'RETRACTED' && !retracted.has(m.data.sourceEventId) && m.effectiveDate <= asOf);
  const byDate = (a: Marker, b: Marker) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.revision - b.revision);
  const secretary = live.filter((m) => m.data.role === 'PARTY_SECRETARY').sort(byDate);
  let vacantSince: Marker | undefined;
  let holders = 0;
  for (const m of secretary) {
    if (m.data.change === 'LEFT') {
      holders = Math.max(0, holders - 1);
      if (holders === 0) vacantSince = m;
    } else if (m.data.change === 'TAKEN') {
      if (vacantSince && m.effectiveDate > vacantSince.effectiveDate) {
        findings.push({
          kind: 'TM4_SECRETARY_VACANCY',
          rule: 'TM4',
          orgUnitId,
          from: vacantSince.effectiveDate,
          to: m.effectiveDate,
          days: daysBetween(vacantSince.effectiveDate, m.effectiveDate),
          evidence: [vacantSince.data.sourceEventId, m.data.sourceEventId],
        });
      }
      vacantSince = undefined;
      holders++;
    }
  }
  if (vacantSince && vacantSince.effectiveDate < asOf) {
    findings.push({
      kind: 'TM4_SECRETARY_VACANCY',
      rule: 'TM4',
      orgUnitId,
      from: vacantSince.effectiveDate,
      to: null,
      days: daysBetween(vacantSince.effectiveDate, asOf),
      evidence: [vacantSince.data.sourceEventId],
    });
  }
  // Both chiefs adjusted on one date: a departure from each chief post with the same date. A
  // departure the same cadre's holding continues from is a re-election (continuesSamePost), not an adjustment.
  const taken = live.filter((m) => m.data.change === 'TAKEN');
  const reElected = (left: Marker) =>
    taken.some(
      (t) =>
        t.data.cadreId === left.data.cadreId &&
        continuesSamePost({ orgUnitId, role: left.data.role, to: left.effectiveDate }, { orgUnitId, role: t.data.role, from: t.effectiveDate }),
    );
  const departures = new Map<CalendarDate, { secretary?: string; head?: string }>();
  for (const m of live) {
    if (m.data.change !== 'LEFT' || reElected(m)) continue;
    const d = departures.get(m.effectiveDate) ?? {};
    if (m.data.role === 'PARTY_SECRETARY') d.secretary = m.data.sourceEventId;
    if (m.data.role === 'HEAD') d.head = m.data.sourceEventId;
    departures.set(m.effectiveDate, d);
  }
  for (const [date, d] of [...departures].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (d.secretary && d.head) {
      findings.push({ kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId, date, evidence: [d.secretary, d.head] });
    }
  }
  return findings;
}

/**
 * Every finding from the events (all streams, in store order), filtered by township and year.
 * A finding belongs to a year by its date (vacancies: by the first vacant day).
 */
export function complianceFindings(all: readonly RecordedEvent[], filter: FindingsFilter, unitsOfCadreOn?: UnitsOfCadreOn, grades?: GradeLookup): ComplianceFinding[] {
  const limit = filter.knownAt === undefined ? null : knownAtLimitMs(filter.knownAt);
  const events = limit === null ? all : all.filter((e) => instantMs(e.recordedAt) <= limit);
  const retracted = new Set<string>();
  for (const e of events) if (e.type === 'EntryRetracted') retracted.add(e.data.targetEventId);
  const findings: ComplianceFinding[] = [];
  const markersByUnit = new Map<string, Marker[]>();
  for (const e of events) {
    if (e.override && !retracted.has(e.eventId)) {
      findings.push({
        kind: 'OVERRIDE',
        eventId: e.eventId,
        streamId: e.streamId,
        type: e.type,
        effectiveDate: e.effectiveDate,
        recordedAt: e.recordedAt,
        actor: e.actor,
        reason: e.override.reason,
        rules: e.override.rules,
        ...(e.override.policyVersion !== undefined ? { policyVersion: e.override.policyVersion } : {}),
        rule: e.override.rules.join(','),
        evidence: [e.eventId],
        orgUnitIds: overrideUnits(e, unitsOfCadreOn),
      });
    }
    if (e.type === 'PostHolderChanged') {
      const unit = e.streamId.slice('orgunit-'.length);
      const markers = markersByUnit.get(unit);
      if (markers) markers.push(e);
      else markersByUnit.set(unit, [e]);
    }
  }
  for (const [unit, markers] of markersByUnit) findings.push(...townshipFindings(unit, markers, filter.asOf));
  findings.push(...unremediedAppeals(events, retracted, filter.asOf, grades ?? gradeLookupOfEvents(events, retracted)));
  return findings.filter((f) => {
    const units = f.kind === 'OVERRIDE' ? f.orgUnitIds : f.kind === 'APPEAL_REMEDY_MISSING' ? [] : [f.orgUnitId];
    if (filter.orgUnitId !== undefined && !units.includes(filter.orgUnitId)) return false;
    return filter.year === undefined || yearOf(findingDate(f)) === filter.year;
  });
}

function findingDate(f: ComplianceFinding): CalendarDate {
  switch (f.kind) {
    case 'OVERRIDE':
      return f.effectiveDate;
    case 'TM4_SECRETARY_VACANCY':
      return f.from;
    case 'TM4_BOTH_CHIEFS_ADJUSTED':
      return f.date;
    case 'APPEAL_REMEDY_MISSING':
      return f.decidedOn;
    default:
      return assertNever(f, 'finding');
  }
}

/**
 * Upheld appeals whose appealed record still stands: a sanction not rescinded (for whatever reason:
 * one rescinded before the decision needs no second rescission) and not retracted, a grade not
 * retracted. Judged by the appealed record itself, so a rescission of something else that merely
 * names the appeal remedies nothing. An appeal decided after the as-of date was still open on it
 * (N5): nothing was owed yet, so it is not listed (T4, as the vacancies scheduled later).
 * A grade retracted and recorded again for its year is remedied only by a more favourable one: an
 * appeal can never make the decision heavier (N5), and a grade as heavy or heavier in its place
 * leaves the appeal uncorrected (found by a review: INCOMPETENT in place of an upheld
 * BASICALLY_COMPETENT cleared the finding). The grade standing in its place is in the evidence.
 */
function unremediedAppeals(events: readonly RecordedEvent[], retracted: ReadonlySet<string>, asOf: CalendarDate, grades: GradeLookup): AppealRemedyMissingFinding[] {
  const filed = new Map<string, Extract<RecordedEvent, { type: 'AppealFiled' }>>();
  const decided = new Map<string, Extract<RecordedEvent, { type: 'AppealDecided' }>>();
  const sanctionOf = new Map<string, string>(); // SanctionImposed event id → `stream|sanctionId`
  const rescinded = new Set<string>(); // `stream|sanctionId`
  const retractedTargets = new Set<string>();
  for (const e of events) {
    if (e.type === 'AppealFiled' && !filed.has(e.data.appealId)) filed.set(e.data.appealId, e);
    if (e.type === 'AppealDecided' && !decided.has(e.data.appealId)) decided.set(e.data.appealId, e);
    if (e.type === 'SanctionImposed') sanctionOf.set(e.eventId, `${e.streamId}|${e.data.sanctionId}`);
    if (e.type === 'SanctionRescinded' && !retracted.has(e.eventId)) rescinded.add(`${e.streamId}|${e.data.sanctionId}`);
    if (e.type === 'EntryRetracted' && !retracted.has(e.eventId)) retractedTargets.add(e.data.targetEventId);
  }
  const findings: AppealRemedyMissingFinding[] = [];
  for (const [appealId, decision] of decided) {
    const filing = filed.get(appealId);
    const outcome = decision.data.outcome;
    if (!filing || outcome === 'DISMISSED' || decision.effectiveDate > asOf) continue;
    const target = filing.data.targetEventId;
    const appealedGrade = retractedTargets.has(target) ? grades.recorded(filing.data.cadreId, target) : undefined;
    const inItsPlace = appealedGrade ? grades.standing(filing.data.cadreId, appealedGrade.year) : undefined;
    // Nothing standing in its place remedies a grade struck out as a clerical error, not one whose
    // correction (the decision's own CORRECT_GRADE) was retracted since: that undid the decision's
    // outcome (README), and the year was left with no grade (found by a review: no finding).
    const correctionUndone = retractedTargets.has(remedyEventId.regrade(decision.eventId));
    if (retractedTargets.has(target) && (inItsPlace ? isMoreFavourableGrade(inItsPlace.grade, appealedGrade!.grade) : !correctionUndone)) continue;
    const sanction = sanctionOf.get(target);
    if (sanction !== undefined && rescinded.has(sanction)) continue;
    findings.push({
      kind: 'APPEAL_REMEDY_MISSING',
      rule: 'N5',
      appealId,
      cadreId: filing.data.cadreId,
      targetEventId: filing.data.targetEventId,
      outcome,
      decidedOn: decision.effectiveDate,
      evidence: [filing.eventId, decision.eventId, ...(inItsPlace ? [inItsPlace.eventId] : [])],
    });
  }
  return findings;
}

export interface AppealOverview extends AppealDeadlines {
  readonly appealId: string;
  readonly cadreId: string;
  readonly targetEventId: string;
  readonly stage: 'REVIEW' | 'APPEAL';
  readonly filedOn: CalendarDate;
  readonly filedBy: string;
  readonly status: 'OPEN' | 'DECIDED';
  readonly outcome: 'UPHELD' | 'PARTIALLY_UPHELD' | 'DISMISSED' | null;
  readonly decidedOn: CalendarDate | null;
  readonly decidedBy: string | null;
  /** The AppealDecided event, once decided. */
  readonly decisionEventId: string | null;
  /**
   * Open after its decision was due within the ordinary period (`decisionDue`). For an appeal
   * (申诉) this starts the 30-day extension, which N5 allows in complex cases only; the ledger
   * records no extension decision, so the department is shown it as needing one.
   */
  readonly pastDecisionDue: boolean;
  /** Open after its decision was due, the extension included (`decisionDueExtended` for an appeal). */
  readonly overdue: boolean;
  /** Decided after the ordinary period (`decisionDue`): for an appeal (申诉), within the extension or later. */
  readonly decidedAfterDue: boolean;
  /** Decided after the last day allowed, the extension included: N5's period was not kept. */
  readonly decidedLate: boolean;
  readonly policyVersion: string;
  /** Filed with an effective date after the day asked about (T4): listed, its periods not yet running. */
  readonly scheduled: boolean;
  /**
   * A decision recorded (known) but dated after the day asked about (T4): the appeal is not decided
   * yet on that day, while its remedy, a rescission or a retraction, is void from its start once
   * known (TM9): shown beside the status, so the list does not call a sanction lifted by a decision
   * it says was never made (found by an appeals review). OPEN-QUESTIONS §24.
   */
  readonly decisionScheduled: { readonly decidedOn: CalendarDate; readonly outcome: NonNullable<AppealOverview['outcome']>; readonly decisionEventId: string } | null;
}

/** N5: the latest review (复核) of the same decision by the same cadre decided by the day an appeal (申诉) is filed. */
function decidedReviewBefore(
  appeals: ReadonlyMap<string, { filed?: RecordedEvent; decided?: RecordedEvent }>,
  appeal: RecordedEvent & { type: 'AppealFiled' },
): DecidedReview | null {
  if (appeal.data.stage !== 'APPEAL') return null;
  let latest: DecidedReview | null = null;
  for (const [appealId, a] of appeals) {
    const f = a.filed;
    const d = a.decided;
    if (f?.type !== 'AppealFiled' || d?.type !== 'AppealDecided' || f.data.stage !== 'REVIEW') continue;
    // The same decision, or the grade the review's own remedy wrote in its place (CORRECT_GRADE
    // retracts the appealed grade, so an appeal of the review's outcome names the new one; found by
    // a review: its 15 days from the review decision were counted as 30 from learning of it).
    const sameDecision = f.data.targetEventId === appeal.data.targetEventId || remedyEventIds(d.eventId).includes(appeal.data.targetEventId);
    if (f.data.cadreId !== appeal.data.cadreId || !sameDecision) continue;
    if (d.effectiveDate > appeal.effectiveDate) continue;
    if (latest === null || d.effectiveDate > latest.decidedOn) latest = { appealId, decidedOn: d.effectiveDate };
  }
  return latest;
}

/**
 * N5: every appeal with its deadlines measured to `today` (the day asked about: today, or an as-of
 * date), from the appeal streams' events and the policy versions; with `knownAt`, as the ledger knew
 * them then (T1: filings, decisions and policy versions recorded later are not yet known).
 */
export function appealsOverview(all: readonly RecordedEvent[], today: CalendarDate, knownAt?: string): AppealOverview[] {
  const limit = knownAt === undefined ? null : knownAtLimitMs(knownAt);
  const events = limit === null ? all : all.filter((e) => instantMs(e.recordedAt) <= limit);
  const policies: PolicyVersion[] = [];
  const appeals = new Map<string, { filed?: RecordedEvent; decided?: RecordedEvent }>();
  for (const e of events) {
    switch (e.type) {
      case 'PolicyVersionAdopted':
        policies.push(e.data);
        break;
      case 'AppealFiled':
      case 'AppealDecided': {
        const a = appeals.get(e.data.appealId) ?? {};
        if (e.type === 'AppealFiled') a.filed ??= e;
        else a.decided ??= e;
        appeals.set(e.data.appealId, a);
        break;
      }
      default:
        break;
    }
  }
  const result: AppealOverview[] = [];
  for (const [appealId, a] of appeals) {
    const filed = a.filed;
    if (!filed || filed.type !== 'AppealFiled') continue;
    const policy = policyInEffect(policies, filed.effectiveDate);
    const deadlines = n5Deadlines(filed, policy.settings, decidedReviewBefore(appeals, filed));
    // T4: a decision dated after `today` counts only from its date (found by a review: it showed
    // the appeal decided, not overdue, before then).
    const recorded = a.decided?.type === 'AppealDecided' ? a.decided : undefined;
    const decided = recorded && recorded.effectiveDate <= today ? recorded : undefined;
    result.push({
      appealId,
      cadreId: filed.data.cadreId,
      targetEventId: filed.data.targetEventId,
      stage: filed.data.stage,
      filedOn: filed.effectiveDate,
      filedBy: filed.actor,
      ...deadlines,
      status: decided ? 'DECIDED' : 'OPEN',
      outcome: decided ? decided.data.outcome : null,
      decidedOn: decided ? decided.effectiveDate : null,
      decidedBy: decided ? decided.actor : null,
      decisionEventId: decided ? decided.eventId : null,
      pastDecisionDue: !decided && today > deadlines.decisionDue,
      overdue: !decided && today > (deadlines.decisionDueExtended ?? deadlines.decisionDue),
      decidedAfterDue: decided !== undefined && decided.effectiveDate > deadlines.decisionDue,
      decidedLate: decided !== undefined && decided.effectiveDate > (deadlines.decisionDueExtended ?? deadlines.decisionDue),
      policyVersion: policy.version,
      scheduled: filed.effectiveDate > today,
      decisionScheduled: recorded && !decided ? { decidedOn: recorded.effectiveDate, outcome: recorded.data.outcome, decisionEventId: recorded.eventId } : null,
    });
  }
  return result.sort((x, y) => (x.filedOn < y.filedOn ? -1 : x.filedOn > y.filedOn ? 1 : x.appealId < y.appealId ? -1 : 1));
}

/**
 * N5: where an appeal stands: open within its decision period; open past the ordinary period,
 * which for an appeal (申诉) only an extension in a complex case covers; overdue; and decided in
 * time, in the extension, or late.
 */
export type AppealStanding = 'NOT_YET_FILED' | 'OPEN' | 'PAST_DECISION_DUE' | 'OVERDUE' | 'DECIDED' | 'DECIDED_IN_EXTENSION' | 'DECIDED_LATE';

/**
 * `NOT_YET_FILED`: filed with a date after the day asked about (T4, `scheduled`): listed, but not
 * pending on that day (found by an appeals review: the list as of 2012 counted eleven appeals filed
 * from 2013 on as 待决).
 */
export function appealStanding(a: Pick<AppealOverview, 'status' | 'scheduled' | 'pastDecisionDue' | 'overdue' | 'decidedAfterDue' | 'decidedLate'>): AppealStanding {
  if (a.scheduled) return 'NOT_YET_FILED';
  if (a.status === 'DECIDED') return a.decidedLate ? 'DECIDED_LATE' : a.decidedAfterDue ? 'DECIDED_IN_EXTENSION' : 'DECIDED';
  return a.overdue ? 'OVERDUE' : a.pastDecisionDue ? 'PAST_DECISION_DUE' : 'OPEN';
}

/** For exhaustiveness elsewhere: the kinds a finding can have. */
export function findingRule(f: ComplianceFinding): string {
  switch (f.kind) {
    case 'OVERRIDE':
      return f.rules.join(',');
    case 'TM4_SECRETARY_VACANCY':
    case 'TM4_BOTH_CHIEFS_ADJUSTED':
    case 'APPEAL_REMEDY_MISSING':
      return f.rule;
    default:
      return assertNever(f, 'finding');
  }
}

/**
 * The decision an appeal names (N5: only a sanction or an annual assessment can be appealed), as
 * the cadre's timeline records it: what the appeals list shows beside the bare event id, so an
 * appeals officer sees what was appealed without opening the cadre's history. `retracted`: a
 * clerical correction (EntryRetracted) has since struck it out; `correctedByDecision`: the appeal's
 * own decision struck it out, its remedy (CORRECT_GRADE) recording the grade in its place (found by
 * a review: shown as a clerical retraction). A sanction's `rescinded`: a rescission (TM9) that
 * stands has lifted it since, `rescindedByDecision` when that rescission is this appeal's own
 * remedy (RESCIND_SANCTION; found by a review: a remedied sanction appeal read as one whose remedy
 * was still missing). Null when the cadre's timeline holds no such event.
 */
export type AppealedDecision =
  | {
      readonly type: 'SanctionImposed';
      readonly effectiveDate: CalendarDate;
      readonly sanctionId: string;
      readonly sanctionKind: SanctionKind;
      readonly retracted: boolean;
      readonly correctedByDecision: boolean;
      readonly rescinded: boolean;
      readonly rescindedByDecision: boolean;
    }
  | { readonly type: 'AnnualAssessmentRecorded'; readonly effectiveDate: CalendarDate; readonly year: number; readonly grade: Grade; readonly retracted: boolean; readonly correctedByDecision: boolean };

export function appealedDecision(facts: Pick<LedgerFacts, 'cadres' | 'retractions'>, cadreId: string, targetEventId: string, decisionEventId: string | null = null): AppealedDecision | null {
  const timeline = facts.cadres.get(cadreId);
  if (!timeline) return null;
  const retraction = facts.retractions.find((r) => r.targetEventId === targetEventId);
  const correctedByDecision = retraction !== undefined && decisionEventId !== null && retraction.meta.eventId === remedyEventId.retract(decisionEventId);
  const retracted = retraction !== undefined && !correctedByDecision;
  const sanction = timeline.sanctions.find((s) => s.meta.eventId === targetEventId);
  if (sanction) {
    const rescission = timeline.rescissions.find((r) => r.sanctionId === sanction.sanctionId && !facts.retractions.some((x) => x.targetEventId === r.meta.eventId));
    const rescindedByDecision = rescission !== undefined && decisionEventId !== null && rescission.meta.eventId === remedyEventId.rescind(decisionEventId);
    return { type: 'SanctionImposed', effectiveDate: sanction.meta.effectiveDate, sanctionId: sanction.sanctionId, sanctionKind: sanction.kind, retracted, correctedByDecision, rescinded: rescission !== undefined, rescindedByDecision };
  }
  const grade = timeline.grades.find((g) => g.meta.eventId === targetEventId);
  if (grade) return { type: 'AnnualAssessmentRecorded', effectiveDate: grade.meta.effectiveDate, year: grade.year, grade: grade.grade, retracted, correctedByDecision };
  return null;
}
