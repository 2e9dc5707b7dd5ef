/**
 * REFERENCE ONLY (tests): the cadre state and view as they were before the incremental fold
 * (libs/domain/src/cadre/cadre-state.ts): every event kept, the view derived from all of them on
 * every call. The property spec cadre-fold.property.spec.ts checks the incremental fold against it.
 *
 * The cadre aggregate's state (干部履历): every recorded event of the stream `cadre-{cadreId}`,
 * and a view folded from the events that still count (not retracted). Keeping the events
 * and deriving the view makes a retraction exact: the target counts nowhere, whatever came after.
 */
import { DomainError } from '../../errors';
import type { EventData } from '../../events/catalogue';
import { assertNever, type DomainEvent, type RecordedEvent } from '../../events/domain-event';
import {
  iAssessmentYearFree,
  iAssessmentYearNotBeforeBirth,
  iNotBeforeBirth,
  iOfAgeForPost,
  EVENTS_FOR_ADULTS,
  iNotYetRegistered,
  iPostHeldWhenLeaving,
  iPostNotAlreadyHeld,
  iPromotionFromHeldRank,
  iPromotionUpward,
  iRankSetNotARise,
  iRescindable,
  iSanctionIdFree,
} from '../../rules/integrity';
import { byDateThenRevision, covers } from '../../rules/posts';
import type { SanctionRecord } from '../../rules/sanctions';
import type { CalendarDate } from '../../time/calendar-date';
import type { Grade, Rank, Role, SanctionKind } from '../../vocabulary';
import { LEVEL_NAMES_ZH, REPRESENTATIVE_BODY_NAMES_ZH } from '../../vocabulary-zh';

/** An event of a stream with the envelope fields the fold needs (a RecordedEvent, or one about to be). */
export type StreamEvent = DomainEvent & { readonly eventId: string; readonly revision: number; readonly recordedAt: string };

/** The cadre aggregate's state: what `evolveCadre` folds. */
export interface CadreState {
  readonly cadreId: string | undefined;
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  readonly revision: number | undefined;
  /** Every event of the stream in append order, retracted ones included (the history). */
  readonly events: readonly RecordedEvent[];
  /** Retracted event id → the EntryRetracted event that retracted it. */
  readonly retractedBy: ReadonlyMap<string, string>;
}

export const initialCadreState: CadreState = { cadreId: undefined, revision: undefined, events: [], retractedBy: new Map() };

/** Evolve (pure): appends the event; an EntryRetracted also marks its target. */
export function evolveCadre(state: CadreState, event: RecordedEvent): CadreState {
  const cadreId = state.cadreId ?? (event.streamId.startsWith('cadre-') ? event.streamId.slice('cadre-'.length) : undefined);
  const retractedBy =
    event.type === 'EntryRetracted' ? new Map(state.retractedBy).set(event.data.targetEventId, event.eventId) : state.retractedBy;
  return { cadreId, revision: event.revision, events: [...state.events, event], retractedBy };
}

// ── the view ─────────────────────────────────────────────────────────────────

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
  /** T4: its date, or the earliest date of the retracted records of its year appended before it. */
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
  /** Every event id of the stream, retracted ones included. */
  readonly eventIds: ReadonlySet<string>;
  readonly anomalies: readonly Anomaly[];
}


/** The view of a cadre state, derived from every event. */
export function cadreView(state: CadreState): CadreView {
  return deriveCadreView(state.cadreId, state.events, state.retractedBy);
}

/** Looks up an event of the stream by id (retracted or not). */
export function findCadreEvent(state: CadreState, eventId: string): RecordedEvent | undefined {
  return state.events.find((e) => e.eventId === eventId);
}

/** The N3 input: every sanction of the stream, flagged rescinded or retracted as known now. */
export function sanctionRecordsOf(state: CadreState): SanctionRecord[] {
  const view = cadreView(state);
  const rescinded = new Set(view.sanctions.filter((s) => s.rescindedBy !== undefined).map((s) => s.eventId));
  const records: SanctionRecord[] = [];
  for (const e of state.events) {
    if (e.type !== 'SanctionImposed') continue;
    records.push({
      sanctionId: e.data.sanctionId,
      eventId: e.eventId,
      kind: e.data.kind,
      effectiveDate: e.effectiveDate,
      recordedAt: e.recordedAt,
      appendOrder: e.revision,
      rescinded: rescinded.has(e.eventId),
      retracted: state.retractedBy.has(e.eventId),
    });
  }
  return records;
}

/** T2: the tenure of a post on a date, if held. */
export function postHeldOn(view: CadreView, orgUnitId: string, role: Role, date: CalendarDate): PostHolding | undefined {
  return view.posts.find((p) => p.orgUnitId === orgUnitId && p.role === role && covers(p, date));
}

/**
 * TM4: the start of the continuous holding of the same post `tenure` belongs to. A reappointment
 * to the same post effective on the day the previous holding ended (re-election at the end of a
 * term: 换届连任) continues it; any other gap or change of post starts a new holding.
 */
export function continuousHoldingStart(view: CadreView, tenure: PostHolding): CalendarDate {
  let start = tenure.from;
  for (;;) {
    const previous = view.posts.find((p) => p.orgUnitId === tenure.orgUnitId && p.role === tenure.role && p.to === start && p.from < start);
    if (!previous) return start;
    start = previous.from;
  }
}

/** T2: every post held on a date. */
export function postsHeldOn(view: CadreView, date: CalendarDate): PostHolding[] {
  return view.posts.filter((p) => covers(p, date));
}

/** The rank held on a date (the latest rank event on or before it). */
export function rankOn(view: CadreView, date: CalendarDate): RankHolding | undefined {
  return view.ranks.find((r) => covers(r, date));
}

/**
 * Folds the events that count: first in append order (registration, birth date, one grade per
 * year, sanction ids, rescissions), then by effective date and append order (T2) for what runs
 * over time (posts, ranks, secondments, temporary postings). Incoherences are collected as
 * anomalies, so a decider can ask "does this write (or retraction) make the record incoherent?".
 */
export function deriveCadreView(
  cadreId: string | undefined,
  events: readonly StreamEvent[],
  retractedBy: ReadonlyMap<string, string>,
): CadreView {
  const anomalies: Anomaly[] = [];
  const flag = (eventId: string, error: DomainError | undefined) => {
    if (error) anomalies.push({ eventId, error });
  };
  const counting = events.filter((e) => !retractedBy.has(e.eventId));

  // The registration stands first: a retracted one may be recorded again (a corrected birth date),
  // and every event of the stream is then checked against it.
  let registration: CadreView['registration'];
  for (const e of counting) {
    if (e.type !== 'CadreRegistered') continue;
    const again = iNotYetRegistered('cadre', cadreId ?? '?', registration?.eventId);
    flag(e.eventId, again);
    if (!again) registration = { eventId: e.eventId, effectiveDate: e.effectiveDate, data: e.data };
  }
  const assessments = new Map<number, AssessmentEntry>();
  const sanctions: SanctionEntry[] = [];
  const timed: StreamEvent[] = [];
  for (const e of counting) {
    if (registration) flag(e.eventId, iNotBeforeBirth(registration.data.birthDate, datesOf(e), e.eventId === registration.eventId));
    if (registration && EVENTS_FOR_ADULTS.has(e.type)) flag(e.eventId, iOfAgeForPost(registration.data.birthDate, { type: e.type, effectiveDate: e.effectiveDate, ...(e.type === 'AnnualAssessmentRecorded' ? { year: e.data.year } : {}) }));
    switch (e.type) {
      case 'AnnualAssessmentRecorded': {
        if (registration) flag(e.eventId, iAssessmentYearNotBeforeBirth(registration.data.birthDate, e.data.year));
        const taken = iAssessmentYearFree(e.data.year, assessments.get(e.data.year)?.eventId);
        flag(e.eventId, taken);
        if (!taken) {
          const year = e.data.year;
          const retractedBefore = events.filter((r) => r.type === 'AnnualAssessmentRecorded' && r.data.year === year && retractedBy.has(r.eventId) && r.revision < e.revision);
          const inForceFrom = [e.effectiveDate, ...retractedBefore.map((r) => r.effectiveDate)].sort()[0]!;
          assessments.set(year, { year, grade: e.data.grade, eventId: e.eventId, effectiveDate: e.effectiveDate, inForceFrom });
        }
        break;
      }
      case 'SanctionImposed': {
        const dup = iSanctionIdFree(e.data.sanctionId, sanctions.find((s) => s.sanctionId === e.data.sanctionId)?.eventId);
        flag(e.eventId, dup);
        if (!dup) {
          sanctions.push({ sanctionId: e.data.sanctionId, eventId: e.eventId, kind: e.data.kind, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt });
        }
        break;
      }
      case 'SanctionRescinded': {
        const i = sanctions.findIndex((s) => s.sanctionId === e.data.sanctionId);
        const bad = iRescindable(e.data.sanctionId, sanctions[i]);
        flag(e.eventId, bad);
        if (!bad) sanctions[i] = { ...sanctions[i]!, rescindedBy: e.eventId };
        break;
      }
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
        timed.push(e);
        break;
      case 'LeaderRecommended':
      case 'CountyDepartmentRated':
      case 'CadreRegistered':
      case 'Commended':
      case 'TrainingCompleted':
      case 'TalkHeld':
      case 'HealthCheckCompleted':
      case 'EntryRetracted':
      // not cadre events: never in a cadre stream, nothing to fold
      case 'OrgUnitRegistered':
      case 'TownshipPerformanceScored':
      case 'PostHolderChanged':
      case 'AppealFiled':
      case 'AppealDecided':
      case 'PolicyVersionAdopted':
        break;
      default:
        assertNever(e, 'event type');
    }
  }

  timed.sort(byDateThenRevision);
  const posts = sweepPosts(timed, flag);
  const ranks = sweepRanks(timed, flag);
  const secondments = sweepEpisodes(timed, 'SecondmentStarted', 'SecondmentEnded', flag);
  const temporaryPostings = sweepEpisodes(timed, 'TemporaryPostingStarted', 'TemporaryPostingEnded', flag);
  const seats = sweepSeats(timed, flag);

  return {
    cadreId,
    ...(registration ? { registration } : {}),
    posts,
    ranks,
    assessments,
    sanctions,
    secondments,
    temporaryPostings,
    seats,
    eventIds: new Set(events.map((e) => e.eventId)),
    anomalies,
  };
}

/** The calendar dates an event carries (for "nothing dated before birth"). */
function datesOf(e: StreamEvent): { field: string; date: CalendarDate }[] {
  const dates = [{ field: 'effectiveDate', date: e.effectiveDate }];
  if (e.type === 'CadreRegistered' && e.data.workStartDate) dates.push({ field: 'data.workStartDate', date: e.data.workStartDate });
  if (e.type === 'SecondmentStarted' || e.type === 'TemporaryPostingStarted') {
    dates.push({ field: 'data.plannedEndDate', date: e.data.plannedEndDate });
  }
  return dates;
}

type Flag = (eventId: string, error: DomainError | undefined) => void;

function sweepPosts(timed: readonly StreamEvent[], flag: Flag): PostHolding[] {
  const open = new Map<string, { orgUnitId: string; role: Role; from: CalendarDate; takenBy: string }>();
  const done: PostHolding[] = [];
  const key = (orgUnitId: string, role: Role) => `${orgUnitId}|${role}`;
  const take = (e: StreamEvent, orgUnitId: string, role: Role, field: string) => {
    const held = open.get(key(orgUnitId, role));
    const error = iPostNotAlreadyHeld(orgUnitId, role, e.effectiveDate, held?.from, field);
    flag(e.eventId, error);
    if (!error) open.set(key(orgUnitId, role), { orgUnitId, role, from: e.effectiveDate, takenBy: e.eventId });
  };
  const leave = (e: StreamEvent, how: 'removal' | 'transfer', orgUnitId: string, role: Role) => {
    const held = open.get(key(orgUnitId, role));
    flag(e.eventId, iPostHeldWhenLeaving(how, orgUnitId, role, e.effectiveDate, held !== undefined));
    if (held) {
      done.push({ orgUnitId: held.orgUnitId, role: held.role, from: held.from, takenBy: held.takenBy, to: e.effectiveDate, leftBy: e.eventId });
      open.delete(key(orgUnitId, role));
    }
  };
  for (const e of timed) {
    if (e.type === 'AppointedToPost') take(e, e.data.orgUnitId, e.data.role, 'data.role');
    else if (e.type === 'RemovedFromPost') leave(e, 'removal', e.data.orgUnitId, e.data.role);
    else if (e.type === 'Transferred') {
      // 交流: leaving the old post and taking the new one on the same day, in that order.
      leave(e, 'transfer', e.data.from.orgUnitId, e.data.from.role);
      take(e, e.data.to.orgUnitId, e.data.to.role, 'data.to');
    }
  }
  return [...done, ...open.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function sweepRanks(timed: readonly StreamEvent[], flag: Flag): RankHolding[] {
  const ranks: RankHolding[] = [];
  let current: { rank: Rank; from: CalendarDate; setBy: string } | undefined;
  const move = (e: StreamEvent, rank: Rank) => {
    if (current) ranks.push({ rank: current.rank, from: current.from, setBy: current.setBy, to: e.effectiveDate, endedBy: e.eventId });
    current = { rank, from: e.effectiveDate, setBy: e.eventId };
  };
  for (const e of timed) {
    if (e.type === 'RankSet') {
      flag(e.eventId, iRankSetNotARise(current?.rank, e.data.rank, e.effectiveDate));
      move(e, e.data.rank);
    }
    else if (e.type === 'RankPromoted') {
      const notUp = iPromotionUpward(e.data.fromRank, e.data.toRank);
      flag(e.eventId, notUp ?? iPromotionFromHeldRank(e.data.fromRank, current?.rank, e.effectiveDate));
      move(e, e.data.toRank);
    }
  }
  if (current) ranks.push(current);
  return ranks;
}

function sweepEpisodes(
  timed: readonly StreamEvent[],
  start: 'SecondmentStarted' | 'TemporaryPostingStarted',
  end: 'SecondmentEnded' | 'TemporaryPostingEnded',
  flag: Flag,
): Episode[] {
  const what = start === 'SecondmentStarted' ? 'SECONDMENT' : 'TEMPORARY_POSTING';
  const label = start === 'SecondmentStarted' ? 'secondment (借调)' : 'temporary posting (挂职)';
  const labelZh = start === 'SecondmentStarted' ? '借调' : '挂职';
  const episodes: Episode[] = [];
  let running: { from: CalendarDate; startedBy: string } | undefined;
  for (const e of timed) {
    if (e.type === start) {
      if (running) {
        flag(
          e.eventId,
          new DomainError(`RULE_I_${what}_ALREADY_RUNNING`, `a ${label} started ${running.from} is still running`, { messageZh: `${running.from} 开始的${labelZh}尚未结束` }),
        );
        continue;
      }
      running = { from: e.effectiveDate, startedBy: e.eventId };
    } else if (e.type === end) {
      if (!running) {
        flag(e.eventId, new DomainError(`RULE_I_${what}_NOT_RUNNING`, `no ${label} is running on ${e.effectiveDate}`, { messageZh: `${e.effectiveDate} 没有进行中的${labelZh}` }));
        continue;
      }
      episodes.push({ from: running.from, startedBy: running.startedBy, to: e.effectiveDate, endedBy: e.eventId });
      running = undefined;
    }
  }
  if (running) episodes.push(running);
  return episodes;
}

/** TM5(c): one holding per body and level at a time; an end closes the one open. */
function sweepSeats(timed: readonly StreamEvent[], flag: Flag): SeatHolding[] {
  const open = new Map<string, SeatHolding>();
  const done: SeatHolding[] = [];
  for (const e of timed) {
    if (e.type !== 'RepresentativeSeatTaken' && e.type !== 'RepresentativeSeatEnded') continue;
    const key = `${e.data.body}|${e.data.level}`;
    const held = open.get(key);
    if (e.type === 'RepresentativeSeatTaken') {
      if (held) {
        flag(e.eventId, new DomainError('RULE_I_SEAT_ALREADY_HELD', `a ${e.data.level} ${e.data.body} seat is held since ${held.from}`, {
            field: 'data.body',
            messageZh: `自 ${held.from} 起已是${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}`,
          }),
        );
        continue;
      }
      open.set(key, { body: e.data.body, level: e.data.level, from: e.effectiveDate, takenBy: e.eventId });
    } else {
      if (!held) {
        flag(e.eventId, new DomainError('RULE_I_SEAT_NOT_HELD', `no ${e.data.level} ${e.data.body} seat is held on ${e.effectiveDate}`, {
            field: 'data.body',
            messageZh: `${e.effectiveDate} 并非${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}`,
          }),
        );
        continue;
      }
      open.delete(key);
      done.push({ ...held, to: e.effectiveDate, endedBy: e.eventId });
    }
  }
  return [...done, ...open.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
