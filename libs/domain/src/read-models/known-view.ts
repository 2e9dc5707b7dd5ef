/**
 * The "as known" view (T1 bitemporal, T4, TM9): which recorded facts count for a question
 * "about `asOf`, as the ledger stood at `knownAt`".
 *
 * - `knownAt`: only facts recorded at or before it count (all, when absent).
 * - `EntryRetracted` known at that time makes its target count nowhere (and a retracted
 *   retraction revives its target). The retraction's own effective date does not matter.
 * - `SanctionRescinded` known at that time voids the sanction from its start (TM9), whatever
 *   the rescission's effective date and whatever `asOf`.
 * - `asOf`: events effective after it (future-dated, T4) do not count yet; they are "scheduled".
 *   Reference data (org-unit registrations, policy versions) is not cut by `asOf`: a township is
 *   a township for its whole history, and policy versions carry their own `effectiveFrom`.
 */
import { DEFAULT_POLICY, policyInEffect, type PolicyVersion } from '../policy/policy-settings';
import type { SanctionRecord } from '../rules/sanctions';
import type { CalendarDate } from '../time/calendar-date';
import { knownAtMs } from '../time/instant';
import { CHIEF_ROLES, LEADERSHIP_ROLES, type OrgUnitKind, type Role } from '../vocabulary';
import { assertNever } from '../events/domain-event';
import type { AwayChange, CareerTimeline, FactMeta, PostChange, GradeFact, LedgerFacts, PostRef, RankFact, ScoreFact } from './ledger-facts';

/** What every read-model query is asked about (T1). */
export interface ViewOptions {
  /** The effective date the question is about. */
  asOf: CalendarDate;
  /** ISO-8601 instant: answer as the ledger stood then. Absent = everything recorded. */
  knownAt?: string;
}

/** Which facts count under a `knownAt` (retractions resolved). `asOf` is applied by the queries. */
export interface KnownFilter {
  readonly knownAt: string | null;
  /** Recorded by `knownAt` and not retracted by a retraction known then. */
  counts(meta: FactMeta): boolean;
  /** The retraction event ids (known) behind each retracted event id. */
  readonly retractedBy: ReadonlyMap<string, string>;
}

/** Milliseconds of an ISO instant; recordedAt strings from different sources may differ in format. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: ${iso}`);
  return ms;
}

/** T1: a `knownAt` in milliseconds (a bare date: the end of that day, Beijing time; knownAtMs), refused when it is no instant. */
export function knownAtLimitMs(knownAt: string): number {
  const ms = knownAtMs(knownAt);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: ${knownAt}`);
  return ms;
}

export function knownFilter(facts: LedgerFacts, knownAt?: string): KnownFilter {
  const limit = knownAt === undefined ? null : knownAtLimitMs(knownAt);
  const recordedByLimit = (meta: FactMeta): boolean => limit === null || instantMs(meta.recordedAt) <= limit;
  // Latest first, so a retraction that is itself retracted is known to be void before its target is seen.
  const retractions = facts.retractions.filter((r) => recordedByLimit(r.meta)).sort((a, b) => b.meta.globalPosition - a.meta.globalPosition);
  const retractedBy = new Map<string, string>();
  for (const r of retractions) {
    if (retractedBy.has(r.meta.eventId)) continue;
    if (!retractedBy.has(r.targetEventId)) retractedBy.set(r.targetEventId, r.meta.eventId);
  }
  return {
    knownAt: knownAt ?? null,
    counts: (meta) => recordedByLimit(meta) && !retractedBy.has(meta.eventId),
    retractedBy,
  };
}

/** Whether a fact counts and has taken effect by `asOf` (T4). */
export function countsOn(filter: KnownFilter, meta: FactMeta, asOf: CalendarDate | null): boolean {
  return filter.counts(meta) && (asOf === null || meta.effectiveDate <= asOf);
}

/** Effective date, then append order (T2). */
export function byEffectiveOrder(a: { meta: FactMeta }, b: { meta: FactMeta }): number {
  if (a.meta.effectiveDate !== b.meta.effectiveDate) return a.meta.effectiveDate < b.meta.effectiveDate ? -1 : 1;
  return a.meta.globalPosition - b.meta.globalPosition;
}

// ── reference data ─────────────────────────────────────────────────────────────

/** The policy version in effect on `asOf`, among the versions known at `knownAt`. */
export function policyFor(facts: LedgerFacts, filter: KnownFilter, asOf: CalendarDate): PolicyVersion {
  const versions = facts.policies.filter((p) => filter.counts(p.meta)).map((p) => p.version);
  return versions.length === 0 ? DEFAULT_POLICY : policyInEffect(versions, asOf);
}

/** The org unit's kind by its latest known registration; undefined if not registered (then it is no township). */
export function knownOrgUnitKind(facts: LedgerFacts, filter: KnownFilter, orgUnitId: string): OrgUnitKind | undefined {
  const regs = facts.orgUnits.get(orgUnitId)?.registrations.filter((r) => filter.counts(r.meta)) ?? [];
  return regs.length === 0 ? undefined : regs.reduce((a, b) => (b.meta.globalPosition > a.meta.globalPosition ? b : a)).kind;
}

/** P1 */
export function isTownshipChief(kind: OrgUnitKind | undefined, role: Role): boolean {
  return kind === 'TOWNSHIP' && CHIEF_ROLES.includes(role);
}
/** P3 */
export function isTownshipLeadership(kind: OrgUnitKind | undefined, role: Role): boolean {
  return kind === 'TOWNSHIP' && LEADERSHIP_ROLES.includes(role);
}

/**
 * A township's annual performance score (年度目标绩效考核得分) of one year, known and in effect by
 * `asOf` (null = no cut); a later record for the same year wins. None when not recorded.
 */
export function scoreOfYear(facts: LedgerFacts, filter: KnownFilter, orgUnitId: string, year: number, asOf: CalendarDate | null): ScoreFact | undefined {
  let best: ScoreFact | undefined;
  for (const s of scoreRecordsOfYear(facts, filter, orgUnitId, year, asOf)) {
    if (!best || s.meta.globalPosition > best.meta.globalPosition) best = s;
  }
  return best;
}

/** Every record of a township's score of `year` known and in effect by `asOf`: the first and its corrections. */
export function scoreRecordsOfYear(facts: LedgerFacts, filter: KnownFilter, orgUnitId: string, year: number, asOf: CalendarDate | null): ScoreFact[] {
  return (facts.orgUnits.get(orgUnitId)?.scores ?? []).filter((s) => s.year === year && countsOn(filter, s.meta, asOf));
}

// ── a cadre's posts (T2) ───────────────────────────────────────────────────────

/** A holding of one post (任职): `from` inclusive, `to` exclusive or null while held on `asOf`. */
export interface HeldPost extends PostRef {
  from: CalendarDate;
  to: CalendarDate | null;
  /** The appointment/transfer that opened it and the removal/transfer that closed it. */
  eventIds: string[];
}

const postKey = (p: PostRef): string => `${p.orgUnitId}\u0000${p.role}`;

/**
 * The cadre's holdings as of `asOf` (T2, T4): post events known and in effect by `asOf`, replayed
 * in effective-date then append order. An appointment to a post already held, or a removal from a
 * post not held (integrity rules reject both on write), changes nothing.
 */
export function postHoldings(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate): HeldPost[] {
  const changes = t.postChanges.filter((c) => countsOn(filter, c.meta, asOf)).sort(byEffectiveOrder);
  const open = new Map<string, HeldPost>();
  const closed: HeldPost[] = [];
  const take = (p: PostRef, meta: FactMeta): void => {
    if (!open.has(postKey(p))) open.set(postKey(p), { orgUnitId: p.orgUnitId, role: p.role, from: meta.effectiveDate, to: null, eventIds: [meta.eventId] });
  };
  const leave = (p: PostRef, meta: FactMeta): void => {
    const h = open.get(postKey(p));
    if (!h) return;
    open.delete(postKey(p));
    closed.push({ orgUnitId: h.orgUnitId, role: h.role, from: h.from, to: meta.effectiveDate, eventIds: [...h.eventIds, meta.eventId] });
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'APPOINTED':
        take(c, c.meta);
        break;
      case 'REMOVED':
        leave(c, c.meta);
        break;
      case 'TRANSFERRED':
        leave(c.from, c.meta);
        take(c.to, c.meta);
        break;
      default:
        assertNever(c, 'post change');
    }
  }
  return [...closed, ...open.values()]
    .filter((h) => h.to === null || h.from < h.to)
    .sort((a, b) => (a.from !== b.from ? (a.from < b.from ? -1 : 1) : postKey(a) < postKey(b) ? -1 : postKey(a) > postKey(b) ? 1 : 0));
}

/**
 * Whether any post change of the timeline opens a post in a chief role (CHIEF_ROLES, 乡镇党政正职),
 * whatever its org unit, dates, retraction or knownAt: a superset of the cadres TM6b eligibility and
 * the TM10 candidate list can name, since both list only cadres holding a township chief post on
 * their date (postHoldings opens a post only on an appointment or a transfer's arrival).
 * `projections verify` keeps only these timelines for those answers, not the whole store's.
 */
export function opensAChiefPost(t: CareerTimeline): boolean {
  return t.postChanges.some((c) => (c.kind === 'APPOINTED' ? CHIEF_ROLES.includes(c.role) : c.kind === 'TRANSFERRED' && CHIEF_ROLES.includes(c.to.role)));
}

/** T4: known post and away events effective after `asOf` (shown as scheduled, not counted). */
export interface ScheduledEntry {
  eventId: string;
  kind: PostChange['kind'] | AwayChange['kind'];
  effectiveDate: CalendarDate;
}

export function scheduledEntries(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate): ScheduledEntry[] {
  const later = [...t.postChanges, ...t.awayChanges].filter((c) => filter.counts(c.meta) && c.meta.effectiveDate > asOf);
  return later.sort(byEffectiveOrder).map((c) => ({ eventId: c.meta.eventId, kind: c.kind, effectiveDate: c.meta.effectiveDate }));
}

// ── secondments and temporary postings (C2) ───────────────────────────────────

/** A secondment (借调) or temporary posting (挂职锻炼): `to` exclusive, null while it lasts on `asOf`. */
export interface AwayPeriod {
  kind: 'SECONDMENT' | 'TEMPORARY_POSTING';
  /** Host org unit id (secondment) or host description (temporary posting). */
  host: string;
  detail: string;
  from: CalendarDate;
  to: CalendarDate | null;
  plannedEndDate: CalendarDate;
  eventIds: string[];
}

/** Secondments and temporary postings as of `asOf`; an end closes the latest open one of its kind. */
export function awayPeriods(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate): AwayPeriod[] {
  const changes = t.awayChanges.filter((c) => countsOn(filter, c.meta, asOf)).sort(byEffectiveOrder);
  const result: AwayPeriod[] = [];
  const close = (kind: AwayPeriod['kind'], meta: FactMeta): void => {
    for (let k = result.length - 1; k >= 0; k--) {
      const p = result[k]!;
      if (p.kind === kind && p.to === null) {
        result[k] = { ...p, to: meta.effectiveDate, eventIds: [...p.eventIds, meta.eventId] };
        return;
      }
    }
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'SECONDMENT_STARTED':
        result.push({
          kind: 'SECONDMENT',
          host: c.data.hostOrgUnitId,
          detail: c.data.purpose,
          from: c.meta.effectiveDate,
          to: null,
          plannedEndDate: c.data.plannedEndDate,
          eventIds: [c.meta.eventId],
        });
        break;
      case 'TEMPORARY_POSTING_STARTED':
        result.push({
          kind: 'TEMPORARY_POSTING',
          host: c.data.host,
          detail: c.data.kind,
          from: c.meta.effectiveDate,
          to: null,
          plannedEndDate: c.data.plannedEndDate,
          eventIds: [c.meta.eventId],
        });
        break;
      case 'SECONDMENT_ENDED':
        close('SECONDMENT', c.meta);
        break;
      case 'TEMPORARY_POSTING_ENDED':
        close('TEMPORARY_POSTING', c.meta);
        break;
      default:
        assertNever(c, 'away change');
    }
  }
  return result;
}

// ── grades, sanctions, rank ────────────────────────────────────────────────────

/**
 * Annual grades (年度考核等次) known and in effect by `asOf` (null = no cut), one per year: when a
 * year was recorded twice (and the first not retracted), the later record wins: the first was in
 * force until then.
 *
 * A retracted grade was a clerical error (EVENTS.md: it counts nowhere), so the year's grade was
 * decided on the retracted record's date, and the record that corrects it counts from that date
 * (`gradeInForceFrom`). Otherwise a correction would leave the year ungraded between the two dates
 * (found 2026-12-02: an INCOMPETENT year corrected on appeal made its cadre eligible for TM6b in
 * between, though it blocked before and after).
 */
export function gradesByYear(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate | null): Map<number, GradeFact> {
  const from = gradeInForceFrom(t, filter);
  const inForce = (g: GradeFact) => filter.counts(g.meta) && (asOf === null || from(g) <= asOf);
  const byYear = new Map<number, GradeFact>();
  for (const g of [...t.grades].filter(inForce).sort(byEffectiveOrder)) byYear.set(g.year, g);
  return byYear;
}

/**
 * The date a counting grade is in force from: its own, or, for the record that corrects a retracted
 * one (the year's next counting record in append order), the retracted record's date when earlier.
 * Only that record: a later record of the year is a new grade from its own date (found by a review:
 * every later record was dated back, so a year corrected and then graded again kept the first date).
 * The correcting record inherits the date even when it is dated later than the day it was recorded
 * (OPEN-QUESTIONS §19).
 */
export function gradeInForceFrom(t: CareerTimeline, filter: KnownFilter, dated = correctedGradesDatedBy(t, filter)): (g: GradeFact) => CalendarDate {
  return (g) => dated.get(g.meta.eventId)?.meta.effectiveDate ?? g.meta.effectiveDate;
}

/**
 * Each correcting record, by event id, with the retracted record whose earlier date it takes
 * (`gradeInForceFrom`). A retracted record passes its date on only when no counting record of its
 * year came before it: a retracted duplicate of a grade that still stands left the year graded, so
 * a later regrade counts from its own date (found by a review: the duplicate moved it back months).
 */
function correctedGradesDatedBy(t: CareerTimeline, filter: KnownFilter): Map<string, GradeFact> {
  const datedBy = new Map<string, GradeFact>();
  const byYear = new Map<number, GradeFact[]>();
  for (const g of t.grades) byYear.set(g.year, [...(byYear.get(g.year) ?? []), g]);
  for (const records of byYear.values()) {
    let pending: GradeFact | undefined;
    let standing = false;
    for (const g of records.sort((a, b) => a.meta.globalPosition - b.meta.globalPosition)) {
      if (filter.retractedBy.has(g.meta.eventId)) {
        if (!standing && (pending === undefined || g.meta.effectiveDate < pending.meta.effectiveDate)) pending = g;
      } else if (filter.counts(g.meta)) {
        if (pending !== undefined && pending.meta.effectiveDate < g.meta.effectiveDate) datedBy.set(g.meta.eventId, pending);
        pending = undefined;
        standing = true;
      }
    }
  }
  return datedBy;
}

/**
 * The date each year's grade in force at `asOf` has held since: a year recorded again with the same
 * grade (not retracted, a second record) keeps the first record's date, since the year had that
 * grade all along; a record of another grade in between starts it again (found by a review: an
 * EXCELLENT year recorded twice moved its cadre's TM7 focus-ledger entry to the second record's date).
 */
export function gradeHeldSince(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate | null): (g: GradeFact) => { since: CalendarDate; records: GradeFact[] } {
  const datedBy = correctedGradesDatedBy(t, filter);
  const from = gradeInForceFrom(t, filter, datedBy);
  const inForce = t.grades.filter((g) => filter.counts(g.meta) && (asOf === null || from(g) <= asOf)).sort(byEffectiveOrder);
  return (g) => {
    // The records of the same grade in a row, ending with `g`: the date is the earliest, and each is evidence of it.
    const records = [g];
    const sameYear = inForce.filter((r) => r.year === g.year);
    for (let i = sameYear.indexOf(g) - 1; i >= 0 && sameYear[i]!.grade === g.grade; i--) records.unshift(sameYear[i]!);
    const since = records.map(from).reduce((a, b) => (b < a ? b : a));
    // A correction's date is its retracted record's: that record is evidence of the date too.
    const retracted = records.flatMap((r) => (datedBy.has(r.meta.eventId) ? [datedBy.get(r.meta.eventId)!] : []));
    return { since, records: [...retracted, ...records] };
  };
}

/** A sanction as the rules see it, with the known rescission behind `rescinded`. */
export interface KnownSanction extends SanctionRecord {
  rescissionEventId: string | null;
}

/**
 * Sanctions known and in effect by `asOf` (null = no cut) as `SanctionRecord`s for the N3 rules;
 * `rescinded` when a rescission is known at `knownAt` (TM9: whatever `asOf`).
 */
export function knownSanctions(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate | null): KnownSanction[] {
  const rescissions = t.rescissions.filter((r) => filter.counts(r.meta)).sort(byEffectiveOrder);
  return t.sanctions
    .filter((s) => countsOn(filter, s.meta, asOf))
    .sort(byEffectiveOrder)
    .map((s) => {
      const rescission = rescissions.find((r) => r.sanctionId === s.sanctionId);
      return {
        sanctionId: s.sanctionId,
        eventId: s.meta.eventId,
        kind: s.kind,
        effectiveDate: s.meta.effectiveDate,
        recordedAt: s.meta.recordedAt,
        appendOrder: s.meta.globalPosition,
        rescinded: rescission !== undefined,
        retracted: false, // retracted ones are filtered out above
        rescissionEventId: rescission?.meta.eventId ?? null,
      };
    });
}

/** The rank (职级) held on `asOf` (null = latest known). */
export function knownRankOn(t: CareerTimeline, filter: KnownFilter, asOf: CalendarDate | null): RankFact | undefined {
  const ranks = t.ranks.filter((r) => countsOn(filter, r.meta, asOf)).sort(byEffectiveOrder);
  return ranks[ranks.length - 1];
}
