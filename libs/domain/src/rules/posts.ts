/**
 * Posts and roles (RULES.md P1, P2) and holding intervals (T2).
 */
import { DomainError } from '../errors';
import type { CalendarDate } from '../time/calendar-date';
import { CHIEF_ROLES, LEADERSHIP_ROLES, SINGLE_HOLDER_ROLES, type OrgUnitKind, type Role } from '../vocabulary';
import { postZh, ROLE_NAMES_ZH } from '../vocabulary-zh';

// ── P1 ───────────────────────────────────────────────────────────────────────

/** P1: a township chief (党政正职) is the PARTY_SECRETARY or HEAD of a TOWNSHIP. */
export function isTownshipChiefPost(kind: OrgUnitKind | undefined, role: Role): boolean {
  return kind === 'TOWNSHIP' && CHIEF_ROLES.includes(role);
}

/** P1: the township leadership team (领导班子) is every township role except STAFF. */
export function isTownshipLeadershipPost(kind: OrgUnitKind | undefined, role: Role): boolean {
  return kind === 'TOWNSHIP' && LEADERSHIP_ROLES.includes(role);
}

/** P2: single-holder posts are the PARTY_SECRETARY and HEAD of a TOWNSHIP. */
export function isSingleHolderPost(kind: OrgUnitKind | undefined, role: Role): boolean {
  return kind === 'TOWNSHIP' && SINGLE_HOLDER_ROLES.includes(role);
}

// ── T2 intervals ─────────────────────────────────────────────────────────────

/** T2: `from` inclusive, `to` exclusive; an open interval (`to` undefined) still runs. */
export interface DateInterval {
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
}

/** T2: whether an interval covers a date. */
export function covers(interval: DateInterval, date: CalendarDate): boolean {
  return interval.from <= date && (interval.to === undefined || date < interval.to);
}

/** Orders dated entries by effective date, then append order (T2: same-day events keep append order). */
export function byDateThenRevision<T extends { readonly effectiveDate: CalendarDate; readonly revision: number }>(a: T, b: T): number {
  if (a.effectiveDate !== b.effectiveDate) return a.effectiveDate < b.effectiveDate ? -1 : 1;
  return a.revision - b.revision;
}

// ── P2 holder timeline of one org unit ───────────────────────────────────────

/** A `PostHolderChanged` marker as the org-unit stream records it. */
export interface HolderMarker {
  readonly eventId: string;
  readonly revision: number;
  readonly effectiveDate: CalendarDate;
  readonly role: Role;
  readonly cadreId: string;
  readonly change: 'TAKEN' | 'LEFT' | 'RETRACTED';
  /** The cadre event behind the change (for RETRACTED: the retracted one). */
  readonly sourceEventId: string;
}

/** One holder's tenure of a single-holder post (任职期间), T2. */
export interface HolderInterval extends DateInterval {
  readonly role: Role;
  readonly cadreId: string;
  /** The cadre event that took the post. */
  readonly takenBy: string;
  /** The cadre event that left it, if any. */
  readonly leftBy?: string;
}

/** A taking of a post that was occupied on that date by someone else (what P2 forbids). */
export interface HolderConflict {
  readonly role: Role;
  readonly cadreId: string;
  readonly takenBy: string;
  readonly date: CalendarDate;
  readonly incumbent: HolderInterval;
}

export interface HolderTimeline {
  readonly intervals: readonly HolderInterval[];
  readonly conflicts: readonly HolderConflict[];
}

/**
 * The holders of an org unit's single-holder posts, from its markers: retracted changes count
 * nowhere; the rest are swept in effective-date order, then append order (T2).
 */
export function holderTimeline(markers: readonly HolderMarker[]): HolderTimeline {
  const retracted = new Set(markers.filter((m) => m.change === 'RETRACTED').map((m) => `${m.role}|${m.sourceEventId}`));
  const live = markers
    .filter((m) => m.change !== 'RETRACTED' && !retracted.has(`${m.role}|${m.sourceEventId}`))
    .sort(byDateThenRevision);
  const intervals: HolderInterval[] = [];
  const conflicts: HolderConflict[] = [];
  // Open tenures by role and cadre (more than one per role only when the record is in conflict).
  const open = new Map<string, { role: Role; cadreId: string; from: CalendarDate; takenBy: string }>();
  for (const m of live) {
    const key = `${m.role}|${m.cadreId}`;
    if (m.change === 'TAKEN') {
      if (open.has(key)) continue; // the cadre stream refuses a second taking; nothing to add
      for (const o of open.values()) {
        if (o.role === m.role) {
          conflicts.push({ role: m.role, cadreId: m.cadreId, takenBy: m.sourceEventId, date: m.effectiveDate, incumbent: o });
        }
      }
      open.set(key, { role: m.role, cadreId: m.cadreId, from: m.effectiveDate, takenBy: m.sourceEventId });
    } else {
      const o = open.get(key);
      if (!o) continue; // the cadre stream refuses leaving a post not held
      intervals.push({ ...o, to: m.effectiveDate, leftBy: m.sourceEventId });
      open.delete(key);
    }
  }
  for (const o of open.values()) intervals.push(o);
  intervals.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { intervals, conflicts };
}

/** T2: who holds `role` on `date` (the first, if the record is in conflict). */
export function holderOn(intervals: readonly HolderInterval[], role: Role, date: CalendarDate): HolderInterval | undefined {
  return intervals.find((i) => i.role === role && covers(i, date));
}

/** A taking of a single-holder post that P2 checks: who takes which post of which org unit, on what date; the field an error names. */
export interface P2Taking {
  readonly orgUnitId: string;
  readonly role: Role;
  readonly cadreId: string;
  readonly date: CalendarDate;
  readonly field?: string;
}

/**
 * P2: an appointment of `cadreId` to a single-holder post on `date` is refused when someone else
 * holds the post that day, i.e. unless the incumbent's removal takes effect on or before `date`.
 * Called with the timeline as it stands before the write, so same-day events already recorded
 * come first (append order).
 */
export function p2PostOccupied(input: P2Taking & { readonly intervals: readonly HolderInterval[] }): DomainError | undefined {
  const incumbent = holderOn(input.intervals, input.role, input.date);
  if (!incumbent || incumbent.cadreId === input.cadreId) return undefined;
  return new DomainError(
    'RULE_P2_POST_OCCUPIED',
    `${input.role} (${ROLE_NAMES_ZH[input.role]}) of ${input.orgUnitId} is held by ${incumbent.cadreId} on ${input.date} ` +
      `(since ${incumbent.from}, event ${incumbent.takenBy}); record the incumbent's removal on or before that date first`,
    {
      ...(input.field !== undefined ? { field: input.field } : {}),
      cadreIds: [incumbent.cadreId, input.cadreId],
      orgUnitIds: [input.orgUnitId],
      messageZh:
        `${input.date} ${postZh(input.orgUnitId, input.role)}由 ${incumbent.cadreId} 担任（自 ${incumbent.from} 起，事件 ${incumbent.takenBy}）；` +
        '请先录入现任者在该日或之前免去职务',
    },
  );
}

/**
 * P2 ("at most one … at any time") for a taking back-dated before another holder's: the new
 * holding runs open-ended, so it would still hold the post when that later holder took it. Refused
 * like an occupied post (found 2026-12-02: a back-dated appointment was accepted and two party
 * secretaries stood side by side). A closed past tenure before a later holder's is recorded by
 * retracting the later taking, recording the tenure with its removal, then the later one again.
 */
export function p2OverlapsLaterHolder(
  input: P2Taking & {
    readonly markers: readonly HolderMarker[];
    /** The org unit stream's next revision: the taking comes after every recorded change in append order. */
    readonly nextRevision: number;
  },
): DomainError | undefined {
  const { markers, role, cadreId, date } = input;
  // Only a later taking by someone else can be overlapped: the usual, chronological write skips the sweep.
  if (!markers.some((m) => m.role === role && m.change === 'TAKEN' && m.cadreId !== cadreId && m.effectiveDate > date)) return undefined;
  const pending = '(this appointment)';
  const taking: HolderMarker = { eventId: pending, revision: input.nextRevision, effectiveDate: date, role, cadreId, change: 'TAKEN', sourceEventId: pending };
  const overlap = p2NewConflicts(holderTimeline(markers), holderTimeline([...markers, taking])).find((c) => c.incumbent.takenBy === pending);
  if (!overlap) return undefined;
  return new DomainError(
    'RULE_P2_POST_OCCUPIED',
    `${role} (${ROLE_NAMES_ZH[role]}) of ${input.orgUnitId} is taken by ${overlap.cadreId} on ${overlap.date} (event ${overlap.takenBy}), ` +
      `and a holding from ${date} with no end would still run then; to record a closed tenure before it, retract that taking first, ` +
      `record this tenure with its removal, then record the later taking again`,
    {
      ...(input.field !== undefined ? { field: input.field } : {}),
      cadreIds: [overlap.cadreId, cadreId],
      orgUnitIds: [input.orgUnitId],
      messageZh:
        `${overlap.date} ${overlap.cadreId} 到任 ${postZh(input.orgUnitId, role)}（事件 ${overlap.takenBy}），而自 ${date} 起未录入免职的任职届时仍在持续；` +
        '如需在其之前录入一段已结束的任职，请先撤回该到任记录，录入本次任职及其免职，再重新录入后来的到任',
    },
  );
}

/**
 * P2 for a retraction: the conflicts of `after` that `before` did not have (a retracted removal
 * re-opens a tenure that may overlap a successor's).
 */
export function p2NewConflicts(before: HolderTimeline, after: HolderTimeline): HolderConflict[] {
  const known = new Set(before.conflicts.map((c) => `${c.role}|${c.takenBy}|${c.incumbent.takenBy}`));
  return after.conflicts.filter((c) => !known.has(`${c.role}|${c.takenBy}|${c.incumbent.takenBy}`));
}
