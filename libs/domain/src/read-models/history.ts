/**
 * A cadre's history as auditors read it: every event with its envelope, and the links between
 * events both ways — what retracted it / what it retracts, what rescinded a sanction / which
 * sanction a rescission voids, what caused it / what it caused. Filterable as of an effective
 * date (T1 asOf) and as known at a recorded time (knownAt). Nothing is hidden: a retracted event
 * is shown, marked.
 */
import type { RecordedEvent } from '../events/domain-event';
import type { CalendarDate } from '../time/calendar-date';
import { knownAtMs } from '../time/instant';

export interface HistoryLinks {
  /** EntryRetracted events that retract this one. */
  readonly retractedBy: string[];
  /** For an EntryRetracted: the event it retracts. */
  readonly retracts?: string;
  /** For a SanctionImposed: the SanctionRescinded events voiding it (TM9). */
  readonly rescindedBy: string[];
  /** For a SanctionRescinded: the SanctionImposed it voids. */
  readonly rescinds?: string;
  /** AppealFiled events against this event. */
  readonly appealedBy: string[];
  /** For appeal events: the event appealed. */
  readonly appealOf?: string;
  /** The event that caused this one (envelope causationId). */
  readonly causedBy?: string;
  /** Events caused by this one. */
  readonly causes: string[];
  /**
   * For a SanctionRescinded entered by hand naming an appeal (no causationId): that appeal's
   * decision, or its filing while undecided (TM9: "the sanction, the appeal and the rescission,
   * linked"; found by a review: only the rescission a decision wrote itself was linked to it).
   */
  readonly forAppeal?: string;
  /** For an appeal's decision (or filing): the rescissions entered by hand that name the appeal. */
  readonly carriedOutBy?: string[];
}

export interface HistoryEntry {
  readonly event: RecordedEvent;
  readonly links: HistoryLinks;
  /** Known at the query's knownAt and not retracted by a retraction known then. */
  readonly counts: boolean;
  /** Effective after asOf (T4: shown as scheduled). */
  readonly scheduled: boolean;
}

/**
 * A correction (EntryRetracted: "the target no longer counts anywhere", EVENTS.md) and a rescission
 * (TM9: "void from its start: an answer about any date … ignores it") act once known, whatever their
 * dates: never "scheduled" beside a target the same answers treat as void (found by an API review:
 * as of 2015, a retraction dated 2020 was 待生效 while its target no longer counted; then by a diff
 * review: a rescission was 待生效 while the cadre's state as of that date showed the sanction rescinded).
 */
export const VOIDS_FROM_ITS_START: ReadonlySet<string> = new Set(['EntryRetracted', 'SanctionRescinded']);

export interface HistoryOptions {
  readonly asOf?: CalendarDate;
  /** Without `asOf`: the day the history is read, after which an event is scheduled (T4). */
  readonly today?: CalendarDate;
  /** ISO instant: only events recorded at or before it. */
  readonly knownAt?: string;
}

/**
 * Builds the linked history from the cadre's stream and the appeal events about it, in recorded
 * order. With `asOf`, events effective after it are kept but flagged `scheduled`, unless
 * `onlyEffective` is asked for: then only the retractions, rescissions and appeals of shown events are.
 */
export function cadreHistory(events: readonly RecordedEvent[], options: HistoryOptions & { onlyEffective?: boolean } = {}): HistoryEntry[] {
  const limit = options.knownAt !== undefined ? knownAtMs(options.knownAt) : undefined; // T1: a bare date is the end of that day, Beijing time
  const known = events.filter((e) => limit === undefined || Date.parse(e.recordedAt) <= limit);
  const links = new Map<
    string,
    { retractedBy: string[]; rescindedBy: string[]; appealedBy: string[]; causes: string[]; retracts?: string; rescinds?: string; appealOf?: string; causedBy?: string; forAppeal?: string; carriedOutBy?: string[] }
  >();
  const linkOf = (id: string) => {
    let l = links.get(id);
    if (!l) links.set(id, (l = { retractedBy: [], rescindedBy: [], appealedBy: [], causes: [] }));
    return l;
  };
  // The SanctionImposed standing under each sanction id as the events were recorded: a rescission
  // voids the one standing when it was recorded, not a later record of the same id (found by a
  // review: a sanction retracted as a clerical error and recorded again took the old rescission).
  const standingSanction = new Map<string, string>();
  const appealedEvent = new Map<string, string>(); // appeal id → the event it appeals
  for (const e of known) if (e.type === 'AppealFiled' && !appealedEvent.has(e.data.appealId)) appealedEvent.set(e.data.appealId, e.data.targetEventId);
  // Each appeal's decision, else its filing, as known: what a rescission entered by hand naming it links to.
  const appealRecord = new Map<string, string>();
  for (const e of known) if (e.type === 'AppealFiled' && !appealRecord.has(e.data.appealId)) appealRecord.set(e.data.appealId, e.eventId);
  for (const e of known) if (e.type === 'AppealDecided') appealRecord.set(e.data.appealId, e.eventId);
  for (const e of known) {
    const own = linkOf(e.eventId);
    if (e.causationId) {
      own.causedBy = e.causationId;
      linkOf(e.causationId).causes.push(e.eventId);
    }
    switch (e.type) {
      case 'SanctionImposed':
        standingSanction.set(e.data.sanctionId, e.eventId);
        break;
      case 'EntryRetracted':
        own.retracts = e.data.targetEventId;
        linkOf(e.data.targetEventId).retractedBy.push(e.eventId);
        for (const [sanctionId, eventId] of standingSanction) if (eventId === e.data.targetEventId) standingSanction.delete(sanctionId);
        break;
      case 'SanctionRescinded': {
        const target = standingSanction.get(e.data.sanctionId);
        if (target) {
          own.rescinds = target;
          linkOf(target).rescindedBy.push(e.eventId);
        }
        // A decision's own remedy is linked by its causation already.
        const appeal = !e.causationId && e.data.appealId !== undefined ? appealRecord.get(e.data.appealId) : undefined;
        if (appeal) {
          own.forAppeal = appeal;
          const l = linkOf(appeal);
          (l.carriedOutBy ??= []).push(e.eventId);
        }
        break;
      }
      case 'AppealFiled':
        own.appealOf = e.data.targetEventId;
        linkOf(e.data.targetEventId).appealedBy.push(e.eventId);
        break;
      case 'AppealDecided': {
        // The decision names its appeal, not the record: the record's `appealedBy` lists the filings.
        const target = appealedEvent.get(e.data.appealId);
        if (target) own.appealOf = target;
        break;
      }
      // Stryker disable next-line ConditionalExpression: an emptied last clause falls through to the end of the switch, as break does
      default:
        break;
    }
  }
  const scheduledAfter = options.asOf ?? options.today;
  const retracted = new Set<string>();
  // A retraction of a retraction is refused on write, so one pass is exact.
  for (const e of known) if (e.type === 'EntryRetracted') retracted.add(e.data.targetEventId);
  // With `onlyEffective`, an event effective after asOf is left out, unless it bears on one shown:
  // its retraction, its rescission, an appeal against it and that appeal's decision stay, flagged
  // `scheduled`, so every link resolves (TM9: "the audit trail always shows the sanction, the appeal
  // and the rescission, linked"; found by a review: as of a date before them they were dropped
  // while the shown records still named them).
  const effective = (e: RecordedEvent): boolean => options.asOf === undefined || e.effectiveDate <= options.asOf;
  // Transitively: the retraction of a shown rescission, and the events a shown decision caused (its
  // remedy: the grade retracted and the one recorded in its place), stay too (found by a review: one
  // level deep left links dangling). Until nothing more is added, not in one pass in append order:
  // one append of several streams (an import's chunk, a group commit's batch) may store an appeal
  // before the sanction it names (found by a review: as of a day before the appeal, it was dropped
  // while the sanction's `appealedBy` named it).
  const shown = new Set<string>();
  for (let added = true; added; ) {
    added = false;
    for (const e of known) {
      if (shown.has(e.eventId)) continue;
      const l = linkOf(e.eventId);
      const target = l.retracts ?? l.rescinds ?? l.appealOf;
      const bearsOnShown = (target !== undefined && shown.has(target)) || (l.causedBy !== undefined && shown.has(l.causedBy)) || (l.forAppeal !== undefined && shown.has(l.forAppeal));
      if (!options.onlyEffective || effective(e) || bearsOnShown) {
        shown.add(e.eventId);
        added = true;
      }
    }
  }
  return known
    .filter((e) => shown.has(e.eventId))
    .map((event) => {
      const l = linkOf(event.eventId);
      return {
        event,
        links: {
          retractedBy: l.retractedBy,
          rescindedBy: l.rescindedBy,
          appealedBy: l.appealedBy,
          causes: l.causes,
          ...(l.retracts ? { retracts: l.retracts } : {}),
          ...(l.rescinds ? { rescinds: l.rescinds } : {}),
          ...(l.appealOf ? { appealOf: l.appealOf } : {}),
          ...(l.causedBy ? { causedBy: l.causedBy } : {}),
          ...(l.forAppeal ? { forAppeal: l.forAppeal } : {}),
          ...(l.carriedOutBy ? { carriedOutBy: l.carriedOutBy } : {}),
        },
        counts: !retracted.has(event.eventId),
        scheduled: scheduledAfter !== undefined && event.effectiveDate > scheduledAfter && !VOIDS_FROM_ITS_START.has(event.type),
      };
    });
}
