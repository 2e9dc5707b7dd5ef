/**
 * Tenure (任职经历) of one cadre as of a date: RULES T2, T3, P1, P3, C1, C2.
 * Contract (EVENTS.md): `{cadreId, posts:[{orgUnitId,role,from,to}], townshipWorkDays,
 * townshipLeadershipDays, partySecretaryRun, chiefRun}`; the other fields are additions.
 */
import type { RecordedEvent } from '../events/domain-event';
import { continuousRuns, runCovering, runLength, samePostHeldSince, serviceLength, type ContinuousRun, type HoldingInterval, type ServiceTotal } from '../rules/continuity';
import { elapsed, type CalendarDate } from '../time/calendar-date';
import type { OrgUnitKind, Role } from '../vocabulary';
import { ledgerFactsOf, type LedgerFacts } from './ledger-facts';
import {
  awayPeriods,
  isTownshipChief,
  isTownshipLeadership,
  knownFilter,
  knownOrgUnitKind,
  policyFor,
  postHoldings,
  scheduledEntries,
  type AwayPeriod,
  type KnownFilter,
  type HeldPost,
  type ScheduledEntry,
  type ViewOptions,
} from './known-view';
import { nameLookup } from './names';

/** Length of service by the anniversary rule (T3), measured up to `asOf`. */
export interface ServiceLength {
  years: number;
  months: number;
  days: number;
}

/** A continuous run (连续任职, C1) in progress on `asOf`, with the post events behind it. */
export interface RunSummary extends ServiceLength {
  start: CalendarDate;
  eventIds: string[];
}

/** One holding in the tenure answer (contract fields first). */
export interface TenurePost {
  orgUnitId: string;
  /** 单位名称 (names.ts); null when no registration is known. */
  orgUnitName: string | null;
  role: Role;
  from: CalendarDate;
  /** Exclusive end; null while held on `asOf`. */
  to: CalendarDate | null;
  orgUnitKind: OrgUnitKind | null;
  eventIds: string[];
}

export interface CurrentPost extends ServiceLength {
  orgUnitId: string;
  orgUnitName: string | null;
  role: Role;
  /** Where the holding of this post began, a re-election (换届连任) continuing it (TM4); the length is counted from it. */
  from: CalendarDate;
  /** The latest appointment to the post (本届任期起): `from` unless re-elected since. */
  termFrom: CalendarDate;
}

/** A secondment's host is an org unit (named); a temporary posting's host is free text (its own name). */
export interface TenureAwayPeriod extends AwayPeriod {
  hostName: string | null;
}

/** Tenure answer (任职年限). */
export interface Tenure {
  cadreId: string;
  /** 姓名 (names.ts); null when no registration is known. */
  cadreName: string | null;
  posts: TenurePost[];
  /** P3: days in any township post (领导 or 一般干部), overlaps once, up to `asOf` (exclusive). */
  townshipWorkDays: number;
  /** P3: days in a township leadership-team post (领导班子). */
  townshipLeadershipDays: number;
  /** The same service in years, months and days (T3, rules/continuity.ts `serviceLength`). */
  townshipWork: ServiceTotal;
  townshipLeadership: ServiceTotal;
  /** C1: the run as township party secretary (乡镇党委书记) in progress on `asOf`, or null. */
  partySecretaryRun: RunSummary | null;
  /** C1: the run as township chief (乡镇党政正职) in progress on `asOf`, or null. */
  chiefRun: RunSummary | null;
  asOf: CalendarDate;
  knownAt: string | null;
  policyVersion: string;
  /** Whether a `CadreRegistered` for the cadre is known. */
  registered: boolean;
  currentPosts: CurrentPost[];
  /** C2: 借调 and 挂职锻炼; they never end a holding by themselves. */
  secondments: TenureAwayPeriod[];
  temporaryPostings: TenureAwayPeriod[];
  /** T4: known future-dated post/away events, not counted yet. */
  scheduled: ScheduledEntry[];
}

/** The township runs (C1) of a cadre's holdings, and the one in progress on `asOf` of each kind. */
export interface TownshipRuns {
  partySecretaryRuns: ContinuousRun[];
  chiefRuns: ContinuousRun[];
  partySecretary: ContinuousRun | undefined;
  chief: ContinuousRun | undefined;
}

const toInterval = (h: HeldPost): HoldingInterval => ({ from: h.from, to: h.to, eventIds: h.eventIds });

export function townshipRuns(
  holdings: readonly HeldPost[],
  kindOf: (orgUnitId: string) => OrgUnitKind | undefined,
  asOf: CalendarDate,
  graceDays: number,
): TownshipRuns {
  const isChief = (h: HeldPost) => isTownshipChief(kindOf(h.orgUnitId), h.role);
  const chiefHoldings = holdings.filter(isChief);
  const isSecretary = (h: HeldPost) => isChief(h) && h.role === 'PARTY_SECRETARY';
  // C1: the grace bridges no day spent in a post taken up elsewhere (the cadre's posts outside each role
  // set), each from where its holding began: a concurrent post re-elected (换届连任) is one holding.
  const elsewhere = (h: HeldPost): HoldingInterval => ({ ...toInterval(h), from: samePostHeldSince(holdings, h) });
  const partySecretaryRuns = continuousRuns(chiefHoldings.filter(isSecretary).map(toInterval), graceDays, holdings.filter((h) => !isSecretary(h)).map(elsewhere));
  const chiefRuns = continuousRuns(chiefHoldings.map(toInterval), graceDays, holdings.filter((h) => !isChief(h)).map(elsewhere));
  return {
    partySecretaryRuns,
    chiefRuns,
    partySecretary: runCovering(partySecretaryRuns, asOf),
    chief: runCovering(chiefRuns, asOf),
  };
}

export function summarizeRun(run: ContinuousRun | undefined, asOf: CalendarDate): RunSummary | null {
  return run ? { start: run.start, ...runLength(run, asOf), eventIds: [...run.eventIds] } : null;
}

/** Service in township posts and in township leadership posts (P3) up to `asOf`, measured by T3. */
export function townshipService(
  holdings: readonly HeldPost[],
  kindOf: (orgUnitId: string) => OrgUnitKind | undefined,
  asOf: CalendarDate,
): { work: ServiceTotal; leadership: ServiceTotal } {
  const township = holdings.filter((h) => kindOf(h.orgUnitId) === 'TOWNSHIP');
  return {
    work: serviceLength(township.map(toInterval), asOf),
    leadership: serviceLength(township.filter((h) => isTownshipLeadership('TOWNSHIP', h.role)).map(toInterval), asOf),
  };
}

/** Tenure of `cadreId` from the ledger facts under one view. */
export function tenureFromFacts(facts: LedgerFacts, cadreId: string, view: ViewOptions, filter: KnownFilter = knownFilter(facts, view.knownAt)): Tenure {
  const { asOf } = view;
  const policy = policyFor(facts, filter, asOf);
  const timeline = facts.cadres.get(cadreId);
  const kindOf = (id: string): OrgUnitKind | undefined => knownOrgUnitKind(facts, filter, id);
  const holdings = timeline ? postHoldings(timeline, filter, asOf) : [];
  const runs = townshipRuns(holdings, kindOf, asOf, policy.settings.continuityGraceDays);
  const service = townshipService(holdings, kindOf, asOf);
  const names = nameLookup(facts, filter);
  const away = (timeline ? awayPeriods(timeline, filter, asOf) : []).map((a) => ({ ...a, hostName: a.kind === 'SECONDMENT' ? names.orgUnitName(a.host) : a.host }));
  return {
    cadreId,
    cadreName: names.cadreName(cadreId),
    posts: holdings.map((h) => ({
      orgUnitId: h.orgUnitId,
      orgUnitName: names.orgUnitName(h.orgUnitId),
      role: h.role,
      from: h.from,
      to: h.to,
      orgUnitKind: kindOf(h.orgUnitId) ?? null,
      eventIds: h.eventIds,
    })),
    townshipWorkDays: service.work.totalDays,
    townshipLeadershipDays: service.leadership.totalDays,
    townshipWork: service.work,
    townshipLeadership: service.leadership,
    partySecretaryRun: summarizeRun(runs.partySecretary, asOf),
    chiefRun: summarizeRun(runs.chief, asOf),
    asOf,
    knownAt: filter.knownAt,
    policyVersion: policy.version,
    // Any registration known then and not retracted by then: the latest one may have been recorded later.
    registered: timeline?.profiles.some((p) => filter.counts(p.meta)) ?? false,
    // Time in the current post as TM4 counts it: a re-election (换届连任) continues the holding, so
    // `from` is where the same post's holding began; `termFrom` is the latest appointment to it
    // (found by a review: 现任 said 2021 of a secretary in post since 2016, while TM4 counted 2016).
    currentPosts: holdings
      .filter((h) => h.to === null)
      .map((h) => {
        const from = samePostHeldSince(holdings, h);
        return { orgUnitId: h.orgUnitId, orgUnitName: names.orgUnitName(h.orgUnitId), role: h.role, from, termFrom: h.from, ...elapsed(from, asOf) };
      }),
    secondments: away.filter((a) => a.kind === 'SECONDMENT'),
    temporaryPostings: away.filter((a) => a.kind === 'TEMPORARY_POSTING'),
    scheduled: timeline ? scheduledEntries(timeline, filter, asOf) : [],
  };
}

/** Tenure of `cadreId` from the events (all streams, global order). */
export function tenure(events: readonly RecordedEvent[], cadreId: string, view: ViewOptions): Tenure {
  return tenureFromFacts(ledgerFactsOf(events), cadreId, view);
}
