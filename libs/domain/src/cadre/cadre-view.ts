/**
 * The cadre view (what the rules need to know about a cadre) and the compact record of a stream's
 * events it is folded from (`CadreFact`): the envelope fields and the data the fold and the
 * deciders read, nothing else (no actor, correlation, free text).
 */
import type { DomainError } from '../errors';
import type { CareerEventType, EventData } from '../events/catalogue';
import { assertNever, type DomainEvent } from '../events/domain-event';
import { samePostHeldSince } from '../rules/continuity';
import { covers } from '../rules/posts';
import type { CalendarDate } from '../time/calendar-date';
import type { Grade, Rank, Role, SanctionKind } from '../vocabulary';

/** An event of a stream with the envelope fields the fold needs (a RecordedEvent, or one about to be). */
export type StreamEvent = DomainEvent & { readonly eventId: string; readonly revision: number; readonly recordedAt: string };

/** The types whose order over time the fold sweeps (T2): by effective date, then append order. */
export const TIMED_TYPES = [
  'AppointedToPost',
  'RemovedFromPost',
  'Transferred',
  'RankSet',
  'RankPromoted',
  'SecondmentStarted',
  'SecondmentEnded',
  'TemporaryPostingStarted',
  'TemporaryPostingEnded',
  'RepresentativeSeatTaken',
  'RepresentativeSeatEnded',
] as const;
export type TimedType = (typeof TIMED_TYPES)[number];

/** The data a fact keeps: all of it for the types the fold reads, the ids for sanctions and retractions, none otherwise. */
type FactData<T extends CareerEventType> = T extends TimedType | 'CadreRegistered' | 'AnnualAssessmentRecorded' | 'SanctionRescinded'
  ? { readonly data: EventData<T> }
  : T extends 'SanctionImposed'
    ? { readonly data: Pick<EventData<'SanctionImposed'>, 'sanctionId' | 'kind'>; readonly recordedAt: string }
    : T extends 'EntryRetracted'
      ? { readonly data: Pick<EventData<'EntryRetracted'>, 'targetEventId'> }
      : unknown;

/** What the cadre aggregate keeps of one event of its stream (a StreamEvent is one, with more fields). */
export type CadreFact = {
  [T in CareerEventType]: { readonly eventId: string; readonly type: T; readonly revision: number; readonly effectiveDate: CalendarDate } & FactData<T>;
}[CareerEventType];

const TIMED: ReadonlySet<string> = new Set(TIMED_TYPES);

export function isTimed(fact: CadreFact): fact is Extract<CadreFact, { type: TimedType }> {
  return TIMED.has(fact.type);
}

/** The compact fact of an event: one literal per shape, the data shared with the event (not copied). */
export function factOf(e: StreamEvent): CadreFact {
  switch (e.type) {
    case 'SanctionImposed':
      return { eventId: e.eventId, type: e.type, revision: e.revision, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt, data: { sanctionId: e.data.sanctionId, kind: e.data.kind } };
    case 'EntryRetracted':
      return { eventId: e.eventId, type: e.type, revision: e.revision, effectiveDate: e.effectiveDate, data: { targetEventId: e.data.targetEventId } };
    case 'CadreRegistered':
    case 'AnnualAssessmentRecorded':
    case 'SanctionRescinded':
    case 'AppointedToPost':
    case 'RemovedFromPost':
    case 'Transferred':
    case 'RankSet':
    case 'RankPromoted':
    case 'SecondmentStarted':
    case 'SecondmentEnded':
    case 'TemporaryPostingStarted':
    case 'TemporaryPostingEnded':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
      return { eventId: e.eventId, type: e.type, revision: e.revision, effectiveDate: e.effectiveDate, data: e.data } as CadreFact;
    case 'LeaderRecommended':
    case 'CountyDepartmentRated':
    case 'Commended':
    case 'TrainingCompleted':
    case 'TalkHeld':
    case 'HealthCheckCompleted':
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'PostHolderChanged':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PolicyVersionAdopted':
      return { eventId: e.eventId, type: e.type, revision: e.revision, effectiveDate: e.effectiveDate } as CadreFact;
    default:
      return assertNever(e, 'event type');
  }
}

/** A tenure of a post (任职), T2: `from` inclusive, `to` exclusive (undefined: still held). */
export interface PostHolding {
  readonly orgUnitId: string;
  readonly role: Role;
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
  readonly takenBy: string;
  readonly leftBy?: string;
}

/** A period in one rank (职级), from RankSet or a promotion to the next rank event. */
export interface RankHolding {
  readonly rank: Rank;
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
  readonly setBy: string;
  readonly endedBy?: string;
}

/** An annual assessment grade (年度考核等次). */
export interface AssessmentEntry {
  readonly year: number;
  readonly grade: Grade;
  readonly eventId: string;
  readonly effectiveDate: CalendarDate;
  /**
   * T4: the day the grade counts from: its own date, or the earlier date of a retracted record of the
   * same year it corrects (the read side's `gradeInForceFrom`: the year was graded from then on).
   */
  readonly inForceFrom: CalendarDate;
}

/** A sanction (处分/组织处理) standing in the record, with its rescission (撤销, TM9) if any. */
export interface SanctionEntry {
  readonly sanctionId: string;
  readonly eventId: string;
  readonly kind: SanctionKind;
  readonly effectiveDate: CalendarDate;
  readonly recordedAt: string;
  readonly rescindedBy?: string;
}

/** A secondment (借调) or temporary posting (挂职) episode. */
export interface Episode {
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
  readonly startedBy: string;
  readonly endedBy?: string;
}

/** TM5(c): a seat among the "two representatives and one member" (两代表一委员): `to` exclusive. */
export interface SeatHolding {
  readonly body: EventData<'RepresentativeSeatTaken'>['body'];
  readonly level: EventData<'RepresentativeSeatTaken'>['level'];
  readonly from: CalendarDate;
  readonly to?: CalendarDate;
  readonly takenBy: string;
  readonly endedBy?: string;
}

/** An event the record cannot hold coherently, and why (integrity rule I). */
export interface Anomaly {
  readonly eventId: string;
  readonly error: DomainError;
}

/** What the rules need to know about a cadre, folded from the events that count. */
export interface CadreView {
  readonly cadreId: string | undefined;
  readonly registration?: { readonly eventId: string; readonly effectiveDate: CalendarDate; readonly data: EventData<'CadreRegistered'> };
  /** Tenures sorted by start date. */
  readonly posts: readonly PostHolding[];
  /** Rank periods in date order. */
  readonly ranks: readonly RankHolding[];
  readonly assessments: ReadonlyMap<number, AssessmentEntry>;
  readonly sanctions: readonly SanctionEntry[];
  readonly secondments: readonly Episode[];
  readonly temporaryPostings: readonly Episode[];
  /** TM5(c) seats in start order. */
  readonly seats: readonly SeatHolding[];
  readonly anomalies: readonly Anomaly[];
}

/** T2: the tenure of a post on a date, if held. */
export function postHeldOn(view: CadreView, orgUnitId: string, role: Role, date: CalendarDate): PostHolding | undefined {
  return view.posts.find((p) => p.orgUnitId === orgUnitId && p.role === role && covers(p, date));
}

/** TM4: the start of the continuous holding of the same post `tenure` belongs to (samePostHeldSince). */
export function continuousHoldingStart(view: CadreView, tenure: PostHolding): CalendarDate {
  return samePostHeldSince(view.posts, tenure);
}

/** T2: every post held on a date. */
export function postsHeldOn(view: CadreView, date: CalendarDate): PostHolding[] {
  return view.posts.filter((p) => covers(p, date));
}

/** The rank held on a date (the latest rank event on or before it). */
export function rankOn(view: CadreView, date: CalendarDate): RankHolding | undefined {
  return view.ranks.find((r) => covers(r, date));
}
