/**
 * The cadre view, folded. The full derivation folds the events that count: first in append order
 * (registration, birth date, one grade per year, sanction ids, rescissions), then by effective date
 * and append order (T2) for what runs over time (posts, ranks, secondments, temporary postings,
 * seats). Incoherences are collected as anomalies, so a decider can ask "does this write (or
 * retraction) make the record incoherent?".
 *
 * A `Fold` also keeps where the sweep over time stands, so an event that comes last in both orders
 * (appended, and dated on or after every timed event folded) is folded on its own: `foldNext`,
 * O(1) but for copying the one small collection it changes. Anything else (a back-dated timed
 * event, a retraction, a registration after other events) returns undefined: derive again.
 */
import { DomainError } from '../errors';
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
} from '../rules/integrity';
import { byDateThenRevision } from '../rules/posts';
import type { CalendarDate } from '../time/calendar-date';
import type { Rank, Role } from '../vocabulary';
import { LEVEL_NAMES_ZH, REPRESENTATIVE_BODY_NAMES_ZH } from '../vocabulary-zh';
import { isTimed, type Anomaly, type AssessmentEntry, type CadreFact, type CadreView, type Episode, type PostHolding, type RankHolding, type SanctionEntry, type SeatHolding } from './cadre-view';

/** The collections a fold is made of; a step copies the ones it changes (the previous fold stays valid). */
interface Parts {
  assessments: Map<number, AssessmentEntry>;
  /** By year, the earliest retracted grade of a year not graded when it was recorded: the record that corrects it counts from its date. */
  retractedGradeDates: Map<number, CalendarDate>;
  sanctions: SanctionEntry[];
  openPosts: Map<string, PostHolding>;
  donePosts: PostHolding[];
  doneRanks: RankHolding[];
  doneSecondments: Episode[];
  doneTemporaryPostings: Episode[];
  openSeats: Map<string, SeatHolding>;
  doneSeats: SeatHolding[];
  /** Anomalies by the pass that finds them: the view lists them in the full derivation's order. */
  registrationAnomalies: Anomaly[];
  eventAnomalies: Anomaly[];
  postAnomalies: Anomaly[];
  rankAnomalies: Anomaly[];
  secondmentAnomalies: Anomaly[];
  temporaryPostingAnomalies: Anomaly[];
  seatAnomalies: Anomaly[];
}

interface Scalars {
  registration: CadreView['registration'];
  rank: RankHolding | undefined;
  secondment: Episode | undefined;
  temporaryPosting: Episode | undefined;
  /** The latest effective date of a timed event swept. */
  latest: CalendarDate | undefined;
  /** Events folded that count. */
  counted: number;
}

export interface Fold {
  readonly view: CadreView;
  readonly parts: Readonly<Parts>;
  readonly scalars: Readonly<Scalars>;
}

const ANOMALY_PARTS = ['registrationAnomalies', 'eventAnomalies', 'postAnomalies', 'rankAnomalies', 'secondmentAnomalies', 'temporaryPostingAnomalies', 'seatAnomalies'] as const;
type AnomalyPart = (typeof ANOMALY_PARTS)[number];

function emptyParts(): Parts {
  return {
    assessments: new Map(),
    retractedGradeDates: new Map(),
    sanctions: [],
    openPosts: new Map(),
    donePosts: [],
    doneRanks: [],
    doneSecondments: [],
    doneTemporaryPostings: [],
    openSeats: new Map(),
    doneSeats: [],
    registrationAnomalies: [],
    eventAnomalies: [],
    postAnomalies: [],
    rankAnomalies: [],
    secondmentAnomalies: [],
    temporaryPostingAnomalies: [],
    seatAnomalies: [],
  };
}

const byFrom = (a: { from: CalendarDate }, b: { from: CalendarDate }) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0);

/** One fold being built: copy-on-write over the previous fold's collections. */
class Draft {
  private readonly parts: Parts;
  private readonly scalars: Scalars;
  private readonly copied = new Set<keyof Parts>();
  private ranksMoved = false;
  private episodesMoved = false;

  constructor(
    private readonly cadreId: string | undefined,
    private readonly previous: Fold | undefined,
  ) {
    this.parts = previous ? { ...previous.parts } : emptyParts();
    this.scalars = previous ? { ...previous.scalars } : { registration: undefined, rank: undefined, secondment: undefined, temporaryPosting: undefined, latest: undefined, counted: 0 };
    if (!previous) for (const k of Object.keys(this.parts) as (keyof Parts)[]) this.copied.add(k);
  }

  private own<K extends keyof Parts>(k: K): Parts[K] {
    if (!this.copied.has(k)) {
      const value = this.parts[k];
      this.parts[k] = (value instanceof Map ? new Map(value) : [...(value as unknown[])]) as Parts[K];
      this.copied.add(k);
    }
    return this.parts[k];
  }

  private flag(part: AnomalyPart, eventId: string, error: DomainError | undefined): void {
    if (error) this.own(part).push({ eventId, error });
  }

  registration(e: Extract<CadreFact, { type: 'CadreRegistered' }>): void {
    const again = iNotYetRegistered('cadre', this.cadreId ?? '?', this.scalars.registration?.eventId);
    this.flag('registrationAnomalies', e.eventId, again);
    if (!again) this.scalars.registration = { eventId: e.eventId, effectiveDate: e.effectiveDate, data: e.data };
  }

  /** The append-order pass: birth date, grades, sanction ids, rescissions. */
  inAppendOrder(e: CadreFact): void {
    this.scalars.counted++;
    const registration = this.scalars.registration;
    if (registration) this.flag('eventAnomalies', e.eventId, iNotBeforeBirth(registration.data.birthDate, datesOf(e), e.eventId === registration.eventId));
    if (registration && EVENTS_FOR_ADULTS.has(e.type)) this.flag('eventAnomalies', e.eventId, iOfAgeForPost(registration.data.birthDate, { type: e.type, effectiveDate: e.effectiveDate, ...(e.type === 'AnnualAssessmentRecorded' ? { year: e.data.year } : {}) }));
    if (e.type === 'AnnualAssessmentRecorded') {
      if (registration) this.flag('eventAnomalies', e.eventId, iAssessmentYearNotBeforeBirth(registration.data.birthDate, e.data.year));
      const taken = iAssessmentYearFree(e.data.year, this.parts.assessments.get(e.data.year)?.eventId);
      this.flag('eventAnomalies', e.eventId, taken);
      if (!taken) {
        const corrected = this.parts.retractedGradeDates.get(e.data.year);
        const inForceFrom = corrected !== undefined && corrected < e.effectiveDate ? corrected : e.effectiveDate;
        this.own('assessments').set(e.data.year, { year: e.data.year, grade: e.data.grade, eventId: e.eventId, effectiveDate: e.effectiveDate, inForceFrom });
        if (corrected !== undefined) this.own('retractedGradeDates').delete(e.data.year);
      }
    } else if (e.type === 'SanctionImposed') {
      const dup = iSanctionIdFree(e.data.sanctionId, this.parts.sanctions.find((s) => s.sanctionId === e.data.sanctionId)?.eventId);
      this.flag('eventAnomalies', e.eventId, dup);
      if (!dup) {
        this.own('sanctions').push({ sanctionId: e.data.sanctionId, eventId: e.eventId, kind: e.data.kind, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt });
      }
    } else if (e.type === 'SanctionRescinded') {
      const i = this.parts.sanctions.findIndex((s) => s.sanctionId === e.data.sanctionId);
      const bad = iRescindable(e.data.sanctionId, this.parts.sanctions[i]);
      this.flag('eventAnomalies', e.eventId, bad);
      if (!bad) {
        const sanctions = this.own('sanctions');
        sanctions[i] = { ...sanctions[i]!, rescindedBy: e.eventId };
      }
    }
  }

  /** The date-order sweep (T2): `e` comes after every timed event swept so far. */
  inDateOrder(e: CadreFact): void {
    if (!isTimed(e)) return;
    this.scalars.latest = e.effectiveDate;
    switch (e.type) {
      case 'AppointedToPost':
        return this.take(e, e.data.orgUnitId, e.data.role, 'data.role');
      case 'RemovedFromPost':
        return this.leave(e, 'removal', e.data.orgUnitId, e.data.role);
      case 'Transferred':
        // 交流: leaving the old post and taking the new one on the same day, in that order.
        this.leave(e, 'transfer', e.data.from.orgUnitId, e.data.from.role);
        return this.take(e, e.data.to.orgUnitId, e.data.to.role, 'data.to');
      case 'RankSet':
        this.flag('rankAnomalies', e.eventId, iRankSetNotARise(this.scalars.rank?.rank, e.data.rank, e.effectiveDate));
        return this.moveRank(e, e.data.rank);
      case 'RankPromoted': {
        const notUp = iPromotionUpward(e.data.fromRank, e.data.toRank);
        this.flag('rankAnomalies', e.eventId, notUp ?? iPromotionFromHeldRank(e.data.fromRank, this.scalars.rank?.rank, e.effectiveDate));
        return this.moveRank(e, e.data.toRank);
      }
      case 'SecondmentStarted':
      case 'SecondmentEnded':
        return this.episode(e, 'secondment', e.type === 'SecondmentStarted');
      case 'TemporaryPostingStarted':
      case 'TemporaryPostingEnded':
        return this.episode(e, 'temporaryPosting', e.type === 'TemporaryPostingStarted');
      case 'RepresentativeSeatTaken':
      case 'RepresentativeSeatEnded':
        return this.seat(e);
    }
  }

  private take(e: CadreFact, orgUnitId: string, role: Role, field: string): void {
    const key = `${orgUnitId}|${role}`;
    const error = iPostNotAlreadyHeld(orgUnitId, role, e.effectiveDate, this.parts.openPosts.get(key)?.from, field);
    this.flag('postAnomalies', e.eventId, error);
    if (!error) this.own('openPosts').set(key, { orgUnitId, role, from: e.effectiveDate, takenBy: e.eventId });
  }

  private leave(e: CadreFact, how: 'removal' | 'transfer', orgUnitId: string, role: Role): void {
    const key = `${orgUnitId}|${role}`;
    const held = this.parts.openPosts.get(key);
    this.flag('postAnomalies', e.eventId, iPostHeldWhenLeaving(how, orgUnitId, role, e.effectiveDate, held !== undefined));
    if (!held) return;
    this.own('donePosts').push({ orgUnitId: held.orgUnitId, role: held.role, from: held.from, takenBy: held.takenBy, to: e.effectiveDate, leftBy: e.eventId });
    this.own('openPosts').delete(key);
  }

  private moveRank(e: CadreFact, rank: Rank): void {
    const current = this.scalars.rank;
    if (current) this.own('doneRanks').push({ rank: current.rank, from: current.from, setBy: current.setBy, to: e.effectiveDate, endedBy: e.eventId });
    this.scalars.rank = { rank, from: e.effectiveDate, setBy: e.eventId };
    this.ranksMoved = true;
  }

  private episode(e: CadreFact, which: 'secondment' | 'temporaryPosting', starts: boolean): void {
    const what = which === 'secondment' ? 'SECONDMENT' : 'TEMPORARY_POSTING';
    const label = which === 'secondment' ? 'secondment (借调)' : 'temporary posting (挂职)';
    const labelZh = which === 'secondment' ? '借调' : '挂职';
    const anomalies = which === 'secondment' ? 'secondmentAnomalies' : 'temporaryPostingAnomalies';
    const running = this.scalars[which];
    if (starts) {
      if (running) return this.flag(anomalies, e.eventId, new DomainError(`RULE_I_${what}_ALREADY_RUNNING`, `a ${label} started ${running.from} is still running`, { messageZh: `${running.from} 开始的${labelZh}尚未结束` }));
      this.scalars[which] = { from: e.effectiveDate, startedBy: e.eventId };
    } else {
      if (!running) return this.flag(anomalies, e.eventId, new DomainError(`RULE_I_${what}_NOT_RUNNING`, `no ${label} is running on ${e.effectiveDate}`, { messageZh: `${e.effectiveDate} 没有进行中的${labelZh}` }));
      this.own(which === 'secondment' ? 'doneSecondments' : 'doneTemporaryPostings').push({ from: running.from, startedBy: running.startedBy, to: e.effectiveDate, endedBy: e.eventId });
      this.scalars[which] = undefined;
    }
    this.episodesMoved = true;
  }

  /** TM5(c): one holding per body and level at a time; an end closes the one open. */
  private seat(e: Extract<CadreFact, { type: 'RepresentativeSeatTaken' | 'RepresentativeSeatEnded' }>): void {
    const key = `${e.data.body}|${e.data.level}`;
    const held = this.parts.openSeats.get(key);
    if (e.type === 'RepresentativeSeatTaken') {
      if (held) {
        const error = new DomainError('RULE_I_SEAT_ALREADY_HELD', `a ${e.data.level} ${e.data.body} seat is held since ${held.from}`, {
          field: 'data.body',
          messageZh: `自 ${held.from} 起已是${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}`,
        });
        return this.flag('seatAnomalies', e.eventId, error);
      }
      this.own('openSeats').set(key, { body: e.data.body, level: e.data.level, from: e.effectiveDate, takenBy: e.eventId });
    } else {
      if (!held) {
        const error = new DomainError('RULE_I_SEAT_NOT_HELD', `no ${e.data.level} ${e.data.body} seat is held on ${e.effectiveDate}`, {
          field: 'data.body',
          messageZh: `${e.effectiveDate} 并非${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}`,
        });
        return this.flag('seatAnomalies', e.eventId, error);
      }
      this.own('openSeats').delete(key);
      this.own('doneSeats').push({ ...held, to: e.effectiveDate, endedBy: e.eventId });
    }
  }

  /**
   * A retracted grade, at its place in append order: as the read side dates a correction
   * (known-view.ts, `correctedGradesDatedBy`), the year's next counting record counts from its date
   * when earlier, unless the year was already graded when it was recorded (a retracted duplicate).
   */
  retractedAssessment(e: Extract<CadreFact, { type: 'AnnualAssessmentRecorded' }>): void {
    if (this.parts.assessments.has(e.data.year)) return;
    const pending = this.parts.retractedGradeDates.get(e.data.year);
    if (pending === undefined || e.effectiveDate < pending) this.own('retractedGradeDates').set(e.data.year, e.effectiveDate);
  }

  /** The fold; view collections are rebuilt only where their parts changed. */
  build(): Fold {
    const p = this.parts;
    const s = this.scalars;
    const old = this.previous?.view;
    const changed = (...keys: (keyof Parts)[]) => !old || keys.some((k) => this.copied.has(k));
    const view: CadreView = {
      cadreId: this.cadreId,
      ...(s.registration ? { registration: s.registration } : {}),
      posts: changed('openPosts', 'donePosts') ? [...p.donePosts, ...p.openPosts.values()].sort(byFrom) : old!.posts,
      ranks: !old || this.ranksMoved ? (s.rank ? [...p.doneRanks, s.rank] : p.doneRanks) : old.ranks,
      assessments: p.assessments,
      sanctions: p.sanctions,
      secondments: !old || this.episodesMoved ? (s.secondment ? [...p.doneSecondments, s.secondment] : p.doneSecondments) : old.secondments,
      temporaryPostings: !old || this.episodesMoved ? (s.temporaryPosting ? [...p.doneTemporaryPostings, s.temporaryPosting] : p.doneTemporaryPostings) : old.temporaryPostings,
      seats: changed('openSeats', 'doneSeats') ? [...p.doneSeats, ...p.openSeats.values()].sort(byFrom) : old!.seats,
      anomalies: changed(...ANOMALY_PARTS) ? ANOMALY_PARTS.flatMap((k) => p[k]) : old!.anomalies,
    };
    return { view, parts: p, scalars: s };
  }
}

/** The calendar dates an event carries (for "nothing dated before birth"). */
function datesOf(e: CadreFact): { field: string; date: CalendarDate }[] {
  const dates = [{ field: 'effectiveDate', date: e.effectiveDate }];
  if (e.type === 'CadreRegistered' && e.data.workStartDate) dates.push({ field: 'data.workStartDate', date: e.data.workStartDate });
  if (e.type === 'SecondmentStarted' || e.type === 'TemporaryPostingStarted') {
    dates.push({ field: 'data.plannedEndDate', date: e.data.plannedEndDate });
  }
  return dates;
}

/** The full derivation from the stream's facts in append order (retracted ones skipped). */
export function deriveFold(cadreId: string | undefined, facts: Iterable<CadreFact>, retractedBy: ReadonlyMap<string, string>): Fold {
  const all = [...facts];
  const counting = all.filter((f) => !retractedBy.has(f.eventId));
  const draft = new Draft(cadreId, undefined);
  // The registration stands first: a retracted one may be recorded again (a corrected birth date),
  // and every event of the stream is then checked against it.
  for (const e of counting) if (e.type === 'CadreRegistered') draft.registration(e);
  for (const e of all) {
    if (!retractedBy.has(e.eventId)) draft.inAppendOrder(e);
    else if (e.type === 'AnnualAssessmentRecorded') draft.retractedAssessment(e);
  }
  for (const e of counting.filter(isTimed).sort(byDateThenRevision)) draft.inDateOrder(e);
  return draft.build();
}

/**
 * Folds one more counting event appended to the stream, if it comes last in every order the fold
 * uses; undefined when the past changes (a retraction, a back-dated timed event, a registration
 * that earlier events must now be checked against): the caller derives again.
 */
export function foldNext(fold: Fold, cadreId: string | undefined, e: CadreFact): Fold | undefined {
  if (e.type === 'EntryRetracted') return undefined;
  if (e.type === 'CadreRegistered' && !fold.scalars.registration && fold.scalars.counted > 0) return undefined;
  if (isTimed(e) && fold.scalars.latest !== undefined && e.effectiveDate < fold.scalars.latest) return undefined;
  const draft = new Draft(cadreId, fold);
  if (e.type === 'CadreRegistered') draft.registration(e);
  draft.inAppendOrder(e);
  draft.inDateOrder(e);
  return draft.build();
}

export const emptyFold: Fold = new Draft(undefined, undefined).build();
