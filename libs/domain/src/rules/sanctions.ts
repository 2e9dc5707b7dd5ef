/**
 * Sanction effect periods (处分影响期, RULES N3) and the constraint a sanction puts on the
 * annual grade (N4). Pure functions: the caller decides which sanctions are known (T1) and
 * marks the rescinded (TM9) and retracted ones.
 */
import { addMonths, yearOf, type CalendarDate } from '../time/calendar-date';
import type { PolicySettings } from '../policy/policy-settings';
import { GOVERNMENT_SANCTIONS, type Grade, type SanctionKind } from '../vocabulary';
import { assertNever } from '../events/domain-event';

/**
 * A sanction (处分 / 组织处理) as the rules see it: one `SanctionImposed` event and what is
 * known about its later fate.
 */
export interface SanctionRecord {
  sanctionId: string;
  /** The `SanctionImposed` event. */
  eventId: string;
  kind: SanctionKind;
  /** The decision's effective date: the effect period starts here. */
  effectiveDate: CalendarDate;
  /** When the ledger learned of it. */
  recordedAt: string;
  /**
   * Its place in the cadre's stream as appended (the stream revision, or the global position: both
   * order one stream's events as appended). T2: same-day sanctions take effect in append order,
   * which decides how N3 accumulates them (found by a review: ordered by event id, a WARNING and a
   * MAJOR_DEMERIT imported in one batch, recorded at the same instant, ran in the ids' text order).
   */
  appendOrder: number;
  /** TM9: rescinded (撤销) sanctions are void from their start. */
  rescinded: boolean;
  /** Retracted as a clerical error (EntryRetracted): counts nowhere. */
  retracted: boolean;
}

/**
 * The dates a sanction's effect period (处分期/影响期) covers: `from` inclusive, `to` exclusive.
 * `eventIds` are the `SanctionImposed` events behind it: the sanction's own, then (N3 accumulation)
 * those of the running government sanctions whose remainder it carries.
 */
export interface SanctionEffectPeriod {
  sanctionId: string;
  eventIds: string[];
  kind: SanctionKind;
  from: CalendarDate;
  /** Exclusive: the first day no longer covered (the N-month anniversary, T3, or the accumulated end). */
  to: CalendarDate;
}

const GOVERNMENT: ReadonlySet<SanctionKind> = new Set<SanctionKind>(GOVERNMENT_SANCTIONS);

/** Government sanctions (政务处分) accumulate (N3, 政务处分法 §15); party and organizational ones do not. */
export function isGovernmentSanction(kind: SanctionKind): boolean {
  return GOVERNMENT.has(kind);
}

/** Effective date, then append order (T2). */
function bySanctionOrder(a: SanctionRecord, b: SanctionRecord): number {
  if (a.effectiveDate !== b.effectiveDate) return a.effectiveDate < b.effectiveDate ? -1 : 1;
  return a.appendOrder - b.appendOrder;
}

/**
 * N3: one effect period per sanction that has one, in effective-date order.
 *
 * - A sanction of N months (`settings.sanctionEffectMonths[kind]`) covers `[effectiveDate,
 *   addMonths(effectiveDate, N))`. Kinds with 0 months, rescinded (void from the start, TM9) and
 *   retracted sanctions yield no period and take no part in accumulation.
 * - Accumulation (government sanctions only): when a government sanction takes effect on a day
 *   `d` covered by the running government period (which ends, exclusive, on `E`), the new
 *   sanction's period runs from `d` to `addMonths(E, N)` — the remainder of the running period
 *   plus its own N months — but never beyond `addMonths(d, sanctionAccumulationCapMonths)`
 *   (the cap counts from the new decision's date). RULES N3 cites 政务处分法 §15; the wording
 *   "remainder plus the new period, at most 48 months" is that of 行政机关公务员处分条例 §11
 *   (unverified here). It never ends before `E` or its own anniversary: a sanction cannot
 *   shorten a running period.
 *   The earlier period is still reported as it was; the union of periods is what counts.
 * - Party sanctions and organizational measures each run on their own from their date.
 */
export function sanctionEffectPeriods(sanctions: readonly SanctionRecord[], settings: PolicySettings): SanctionEffectPeriod[] {
  const periods: SanctionEffectPeriod[] = [];
  // The running government period: its end and the events it rests on.
  let running: { to: CalendarDate; eventIds: string[] } | undefined;
  for (const s of [...sanctions].sort(bySanctionOrder)) {
    if (s.rescinded || s.retracted) continue;
    const months = settings.sanctionEffectMonths[s.kind] ?? 0;
    if (months <= 0) continue;
    const ownEnd = addMonths(s.effectiveDate, months);
    if (!isGovernmentSanction(s.kind)) {
      periods.push({ sanctionId: s.sanctionId, eventIds: [s.eventId], kind: s.kind, from: s.effectiveDate, to: ownEnd });
      continue;
    }
    let period: SanctionEffectPeriod;
    if (running && s.effectiveDate < running.to) {
      const accumulated = addMonths(running.to, months);
      const cap = addMonths(s.effectiveDate, settings.sanctionAccumulationCapMonths);
      let to = accumulated < cap ? accumulated : cap;
      // Never shorter than the running period or the sanction's own period (only odd settings could make it so).
      if (to < running.to) to = running.to;
      if (to < ownEnd) to = ownEnd;
      period = { sanctionId: s.sanctionId, eventIds: [s.eventId, ...running.eventIds], kind: s.kind, from: s.effectiveDate, to };
    } else {
      period = { sanctionId: s.sanctionId, eventIds: [s.eventId], kind: s.kind, from: s.effectiveDate, to: ownEnd };
    }
    periods.push(period);
    running = { to: period.to, eventIds: period.eventIds };
  }
  return periods;
}

/**
 * The effect period running on `date` (`from <= date < to`), or undefined. When several cover
 * the date, the one lasting longest (then the latest started) is returned: it is the binding one.
 */
export function sanctionPeriodOn(periods: readonly SanctionEffectPeriod[], date: CalendarDate): SanctionEffectPeriod | undefined {
  let best: SanctionEffectPeriod | undefined;
  for (const p of periods) {
    if (p.from > date || date >= p.to) continue;
    if (!best || p.to > best.to || (p.to === best.to && p.from > best.from)) best = p;
  }
  return best;
}

/** Every effect period overlapping `[from, to)` (e.g. a commendation cycle). */
export function sanctionPeriodsOverlapping(
  periods: readonly SanctionEffectPeriod[],
  from: CalendarDate,
  to: CalendarDate,
): SanctionEffectPeriod[] {
  return periods.filter((p) => p.from < to && from < p.to);
}

// ── N4: sanction and annual grade ───────────────────────────────────────────────

/**
 * What a sanction allows as an assessment year's grade (N4, 公务员考核规定):
 * NONE — no constraint; NOT_EXCELLENT — may not be EXCELLENT (警告年); UNGRADED — only UNGRADED
 * (不确定等次: 记过年; 记大过 and above, that year and the next).
 */
export type GradeConstraint = 'NONE' | 'NOT_EXCELLENT' | 'UNGRADED';

const CONSTRAINT_ORDER: Record<GradeConstraint, number> = { NONE: 0, NOT_EXCELLENT: 1, UNGRADED: 2 };

/** The constraint one sanction kind puts on assessment year `year`, the sanction taking effect in `sanctionYear`. */
export function gradeConstraintOfKind(kind: SanctionKind, sanctionYear: number, year: number): GradeConstraint {
  const offset = year - sanctionYear;
  switch (kind) {
    case 'WARNING':
      return offset === 0 ? 'NOT_EXCELLENT' : 'NONE';
    case 'DEMERIT':
      return offset === 0 ? 'UNGRADED' : 'NONE';
    case 'MAJOR_DEMERIT':
    case 'DEMOTION':
    case 'REMOVAL':
    case 'EXPULSION':
      return offset === 0 || offset === 1 ? 'UNGRADED' : 'NONE';
    // N4 names government sanctions only; party and organizational measures leave the grade alone.
    case 'PARTY_WARNING':
    case 'PARTY_SERIOUS_WARNING':
    case 'PARTY_POST_REVOKED':
    case 'CRITICISM_EDUCATION':
    case 'ADMONISHMENT':
    case 'POST_ADJUSTMENT':
    case 'ORDERED_RESIGNATION':
    case 'DISMISSAL_FROM_POST':
    case 'DEMOTION_IN_POST':
      return 'NONE';
    default:
      return assertNever(kind, 'sanction kind');
  }
}

/**
 * N4: the strictest constraint the (not rescinded, not retracted) sanctions put on assessment
 * year `year`, with the `SanctionImposed` event ids behind it.
 */
export function annualGradeConstraint(
  sanctions: readonly SanctionRecord[],
  year: number,
): { constraint: GradeConstraint; eventIds: string[] } {
  let constraint: GradeConstraint = 'NONE';
  let eventIds: string[] = [];
  for (const s of [...sanctions].sort(bySanctionOrder)) {
    if (s.rescinded || s.retracted) continue;
    const c = gradeConstraintOfKind(s.kind, yearOf(s.effectiveDate), year);
    if (c === 'NONE') continue;
    if (CONSTRAINT_ORDER[c] > CONSTRAINT_ORDER[constraint]) {
      constraint = c;
      eventIds = [s.eventId];
    } else if (c === constraint) {
      eventIds.push(s.eventId);
    }
  }
  return { constraint, eventIds };
}

/** Whether `grade` is allowed under `constraint` (N4). */
export function gradeAllowed(grade: Grade, constraint: GradeConstraint): boolean {
  switch (constraint) {
    case 'NONE':
      return true;
    case 'NOT_EXCELLENT':
      return grade !== 'EXCELLENT';
    case 'UNGRADED':
      return grade === 'UNGRADED';
    default:
      return assertNever(constraint, 'grade constraint');
  }
}
