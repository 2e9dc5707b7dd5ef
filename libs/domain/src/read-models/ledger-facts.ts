/**
 * The read side's state: every fact the read models need, kept as recorded (bitemporal, T1), so
 * that any `asOf`/`knownAt` view can be answered from it. Built by a pure `evolve(state, event)`
 * per event, in global order, so a projection can apply events incrementally and store this state
 * (or its per-cadre `CareerTimeline`) instead of replaying everything.
 *
 * Nothing is resolved here: retractions, rescissions, `knownAt` and `asOf` are applied by the
 * views in `known-view.ts`, because a later event can change what an earlier one means.
 */
import type { RecordedEvent } from '../events/domain-event';
import { assertNever } from '../events/domain-event';
import type { EventData } from '../events/catalogue';
import type { PolicyVersion } from '../policy/policy-settings';
import type { CalendarDate } from '../time/calendar-date';
import type { Grade, OrgUnitKind, Rank, Role, SanctionKind } from '../vocabulary';

/** Identity and both times (T1) of the event a fact comes from. */
export interface FactMeta {
  eventId: string;
  effectiveDate: CalendarDate;
  recordedAt: string;
  globalPosition: number;
}

export interface PostRef {
  orgUnitId: string;
  role: Role;
}

/** A change of post (任免): appointment, removal or transfer (交流). */
export type PostChange =
  | ({ kind: 'APPOINTED' } & PostRef & { meta: FactMeta })
  | ({ kind: 'REMOVED' } & PostRef & { meta: FactMeta })
  | { kind: 'TRANSFERRED'; from: PostRef; to: PostRef; meta: FactMeta };

/** Start or end of a secondment (借调) or temporary posting (挂职锻炼). */
export type AwayChange =
  | { kind: 'SECONDMENT_STARTED'; data: EventData<'SecondmentStarted'>; meta: FactMeta }
  | { kind: 'SECONDMENT_ENDED'; meta: FactMeta }
  | { kind: 'TEMPORARY_POSTING_STARTED'; data: EventData<'TemporaryPostingStarted'>; meta: FactMeta }
  | { kind: 'TEMPORARY_POSTING_ENDED'; meta: FactMeta };

/** 年度考核等次 */
export interface GradeFact {
  year: number;
  grade: Grade;
  meta: FactMeta;
}

/** 处分 / 组织处理 */
export interface SanctionFact {
  sanctionId: string;
  kind: SanctionKind;
  meta: FactMeta;
}

/** 撤销处分 (TM9) */
export interface RescissionFact {
  sanctionId: string;
  reason: EventData<'SanctionRescinded'>['reason'];
  appealId?: string;
  meta: FactMeta;
}

/** 职级 */
export interface RankFact {
  rank: Rank;
  meta: FactMeta;
}

/** 表彰 */
export interface CommendationFact {
  data: EventData<'Commended'>;
  meta: FactMeta;
}

/** Who the cadre is (CadreRegistered): a retracted registration may be recorded again, corrected. */
export interface ProfileFact {
  name: string;
  birthDate: CalendarDate;
  education: EventData<'CadreRegistered'>['education'];
  meta: FactMeta;
}

/** 职级晋升 with its basis and quota (TM6a/TM6b/TM10). */
export interface PromotionFact {
  fromRank: Rank;
  toRank: Rank;
  basis: EventData<'RankPromoted'>['basis'];
  quota: EventData<'RankPromoted'>['quota'];
  meta: FactMeta;
}

/** 培训 (TM3) */
export interface TrainingFact {
  level: EventData<'TrainingCompleted'>['level'];
  programme: string;
  meta: FactMeta;
}

/** 谈话 (TM7 提醒谈话, TM8 谈心谈话), on the stream of the cadre who held it. */
export interface TalkFact {
  kind: EventData<'TalkHeld'>['kind'];
  withCadreId: string;
  meta: FactMeta;
}

/** TM5(b) 推荐权, on the recommending party secretary's stream. */
export interface RecommendationFact {
  recommendedCadreId: string;
  forPost: string;
  meta: FactMeta;
}

/** TM5(c) 两代表一委员 seats. */
export interface SeatFact {
  kind: 'TAKEN' | 'ENDED';
  body: EventData<'RepresentativeSeatTaken'>['body'];
  level: EventData<'RepresentativeSeatTaken'>['level'];
  committeeMember?: boolean;
  meta: FactMeta;
}

/** A cadre's career as recorded (干部履历): the facts of the `cadre-{cadreId}` stream. */
export interface CareerTimeline {
  readonly cadreId: string;
  readonly registered: FactMeta | null;
  readonly profiles: readonly ProfileFact[];
  readonly promotions: readonly PromotionFact[];
  readonly trainings: readonly TrainingFact[];
  readonly talks: readonly TalkFact[];
  readonly healthChecks: readonly FactMeta[];
  readonly recommendations: readonly RecommendationFact[];
  readonly seats: readonly SeatFact[];
  readonly postChanges: readonly PostChange[];
  readonly awayChanges: readonly AwayChange[];
  readonly grades: readonly GradeFact[];
  readonly sanctions: readonly SanctionFact[];
  readonly rescissions: readonly RescissionFact[];
  readonly ranks: readonly RankFact[];
  readonly commendations: readonly CommendationFact[];
}

/** 年度目标绩效考核得分 */
export interface ScoreFact {
  year: number;
  score: number;
  meta: FactMeta;
}

/** TM5(a) a township chief's rating of a county department. */
export interface RatingFact {
  year: number;
  ratedByCadreId: string;
  scores: EventData<'CountyDepartmentRated'>['scores'];
  meta: FactMeta;
}

/** An org unit (单位) as recorded. `registrations` keeps every `OrgUnitRegistered` (one may be retracted). */
export interface OrgUnitFacts {
  readonly orgUnitId: string;
  readonly registrations: readonly { name: string; kind: OrgUnitKind; assessmentClass?: 1 | 2 | 3; meta: FactMeta }[];
  readonly scores: readonly ScoreFact[];
  readonly ratings: readonly RatingFact[];
}

/** A clerical correction (EntryRetracted): the target counts nowhere once the retraction is known. */
export interface RetractionFact {
  targetEventId: string;
  meta: FactMeta;
}

export interface PolicyFact {
  version: PolicyVersion;
  meta: FactMeta;
}

/** Everything the read models fold over. */
export interface LedgerFacts {
  readonly cadres: ReadonlyMap<string, CareerTimeline>;
  readonly orgUnits: ReadonlyMap<string, OrgUnitFacts>;
  readonly policies: readonly PolicyFact[];
  readonly retractions: readonly RetractionFact[];
}

export function emptyLedgerFacts(): LedgerFacts {
  return { cadres: new Map(), orgUnits: new Map(), policies: [], retractions: [] };
}

export function emptyTimeline(cadreId: string): CareerTimeline {
  return {
    cadreId,
    registered: null,
    profiles: [],
    promotions: [],
    trainings: [],
    talks: [],
    healthChecks: [],
    recommendations: [],
    seats: [],
    postChanges: [],
    awayChanges: [],
    grades: [],
    sanctions: [],
    rescissions: [],
    ranks: [],
    commendations: [],
  };
}

function emptyOrgUnit(orgUnitId: string): OrgUnitFacts {
  return { orgUnitId, registrations: [], scores: [], ratings: [] };
}

/** The aggregate id of a `cadre-…` / `orgunit-…` stream. */
export function aggregateIdOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(dash + 1);
}

/** Where a fact comes from: its event's id, dates and place in the store-wide order. */
export function factMetaOf(e: RecordedEvent): FactMeta {
  return { eventId: e.eventId, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt, globalPosition: e.globalPosition };
}

/**
 * Pure per-cadre fold: the timeline after one event of its stream. Events of other categories
 * leave it unchanged. Appends only, so applying events in global order gives append order (T2).
 */
export function evolveTimeline(t: CareerTimeline, e: RecordedEvent): CareerTimeline {
  const meta = factMetaOf(e);
  switch (e.type) {
    case 'CadreRegistered':
      return {
        ...t,
        registered: meta,
        profiles: [...t.profiles, { name: e.data.name, birthDate: e.data.birthDate, education: e.data.education, meta }],
      };
    case 'AppointedToPost':
      return { ...t, postChanges: [...t.postChanges, { kind: 'APPOINTED', orgUnitId: e.data.orgUnitId, role: e.data.role, meta }] };
    case 'RemovedFromPost':
      return { ...t, postChanges: [...t.postChanges, { kind: 'REMOVED', orgUnitId: e.data.orgUnitId, role: e.data.role, meta }] };
    case 'Transferred':
      return {
        ...t,
        postChanges: [
          ...t.postChanges,
          {
            kind: 'TRANSFERRED',
            from: { orgUnitId: e.data.from.orgUnitId, role: e.data.from.role },
            to: { orgUnitId: e.data.to.orgUnitId, role: e.data.to.role },
            meta,
          },
        ],
      };
    case 'SecondmentStarted':
      return { ...t, awayChanges: [...t.awayChanges, { kind: 'SECONDMENT_STARTED', data: e.data, meta }] };
    case 'SecondmentEnded':
      return { ...t, awayChanges: [...t.awayChanges, { kind: 'SECONDMENT_ENDED', meta }] };
    case 'TemporaryPostingStarted':
      return { ...t, awayChanges: [...t.awayChanges, { kind: 'TEMPORARY_POSTING_STARTED', data: e.data, meta }] };
    case 'TemporaryPostingEnded':
      return { ...t, awayChanges: [...t.awayChanges, { kind: 'TEMPORARY_POSTING_ENDED', meta }] };
    case 'RankSet':
      return { ...t, ranks: [...t.ranks, { rank: e.data.rank, meta }] };
    case 'RankPromoted':
      return {
        ...t,
        ranks: [...t.ranks, { rank: e.data.toRank, meta }],
        promotions: [...t.promotions, { fromRank: e.data.fromRank, toRank: e.data.toRank, basis: e.data.basis, quota: e.data.quota, meta }],
      };
    case 'TrainingCompleted':
      return { ...t, trainings: [...t.trainings, { level: e.data.level, programme: e.data.programme, meta }] };
    case 'TalkHeld':
      return { ...t, talks: [...t.talks, { kind: e.data.kind, withCadreId: e.data.withCadreId, meta }] };
    case 'HealthCheckCompleted':
      return { ...t, healthChecks: [...t.healthChecks, meta] };
    case 'LeaderRecommended':
      return { ...t, recommendations: [...t.recommendations, { recommendedCadreId: e.data.recommendedCadreId, forPost: e.data.forPost, meta }] };
    case 'RepresentativeSeatTaken':
      return {
        ...t,
        seats: [
          ...t.seats,
          { kind: 'TAKEN', body: e.data.body, level: e.data.level, ...(e.data.committeeMember !== undefined ? { committeeMember: e.data.committeeMember } : {}), meta },
        ],
      };
    case 'RepresentativeSeatEnded':
      return { ...t, seats: [...t.seats, { kind: 'ENDED', body: e.data.body, level: e.data.level, meta }] };
    case 'AnnualAssessmentRecorded':
      return { ...t, grades: [...t.grades, { year: e.data.year, grade: e.data.grade, meta }] };
    case 'SanctionImposed':
      return { ...t, sanctions: [...t.sanctions, { sanctionId: e.data.sanctionId, kind: e.data.kind, meta }] };
    case 'SanctionRescinded':
      return {
        ...t,
        rescissions: [
          ...t.rescissions,
          { sanctionId: e.data.sanctionId, reason: e.data.reason, ...(e.data.appealId ? { appealId: e.data.appealId } : {}), meta },
        ],
      };
    case 'Commended':
      return { ...t, commendations: [...t.commendations, { data: e.data, meta }] };
    // Kept by the ledger-level state or irrelevant to the read models' answers.
    case 'EntryRetracted':
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'CountyDepartmentRated':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PolicyVersionAdopted':
    case 'PostHolderChanged': // internal P2 marker; the cadre's own events are the source
      return t;
    default:
      return assertNever(e, 'event');
  }
}

/** Pure per-org-unit fold. */
export function evolveOrgUnitFacts(u: OrgUnitFacts, e: RecordedEvent): OrgUnitFacts {
  switch (e.type) {
    case 'OrgUnitRegistered':
      return {
        ...u,
        registrations: [
          ...u.registrations,
          { name: e.data.name, kind: e.data.kind, ...(e.data.assessmentClass !== undefined ? { assessmentClass: e.data.assessmentClass } : {}), meta: factMetaOf(e) },
        ],
      };
    case 'CountyDepartmentRated':
      return { ...u, ratings: [...u.ratings, { year: e.data.year, ratedByCadreId: e.data.ratedByCadreId, scores: e.data.scores, meta: factMetaOf(e) }] };
    case 'TownshipPerformanceScored':
      return { ...u, scores: [...u.scores, { year: e.data.year, score: e.data.score, meta: factMetaOf(e) }] };
    default:
      return u;
  }
}

/**
 * Pure ledger-level fold: the facts after one event. Copies only what the event touches
 * (the top-level map and one timeline or org unit).
 */
export function evolveLedgerFacts(state: LedgerFacts, e: RecordedEvent): LedgerFacts {
  switch (e.type) {
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'CountyDepartmentRated': {
      const id = aggregateIdOf(e.streamId);
      const orgUnits = new Map(state.orgUnits);
      orgUnits.set(id, evolveOrgUnitFacts(state.orgUnits.get(id) ?? emptyOrgUnit(id), e));
      return { ...state, orgUnits };
    }
    case 'PolicyVersionAdopted':
      return { ...state, policies: [...state.policies, { version: e.data, meta: factMetaOf(e) }] };
    case 'EntryRetracted':
      return { ...state, retractions: [...state.retractions, { targetEventId: e.data.targetEventId, meta: factMetaOf(e) }] };
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PostHolderChanged': // internal P2 marker; the cadre's own events are the source
      return state;
    case 'CadreRegistered':
    case 'AppointedToPost':
    case 'RemovedFromPost':
    case 'Transferred':
    case 'SecondmentStarted':
    case 'SecondmentEnded':
    case 'TemporaryPostingStarted':
    case 'TemporaryPostingEnded':
    case 'RankSet':
    case 'RankPromoted':
    case 'AnnualAssessmentRecorded':
    case 'SanctionImposed':
    case 'SanctionRescinded':
    case 'Commended':
    case 'TrainingCompleted':
    case 'TalkHeld':
    case 'HealthCheckCompleted':
    case 'LeaderRecommended':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded': {
      const id = aggregateIdOf(e.streamId);
      const before = state.cadres.get(id) ?? emptyTimeline(id);
      const after = evolveTimeline(before, e);
      if (after === before && state.cadres.has(id)) return state;
      const cadres = new Map(state.cadres);
      cadres.set(id, after);
      return { ...state, cadres };
    }
    default:
      return assertNever(e, 'event');
  }
}

/**
 * The facts of a list of events (all streams, global order). Same result as folding
 * `evolveLedgerFacts`, without copying the maps at every step.
 */
export function ledgerFactsOf(events: readonly RecordedEvent[]): LedgerFacts {
  const cadres = new Map<string, CareerTimeline>();
  const orgUnits = new Map<string, OrgUnitFacts>();
  const policies: PolicyFact[] = [];
  const retractions: RetractionFact[] = [];
  for (const e of [...events].sort((a, b) => a.globalPosition - b.globalPosition)) {
    switch (e.type) {
      case 'OrgUnitRegistered':
      case 'TownshipPerformanceScored':
      case 'CountyDepartmentRated': {
        const id = aggregateIdOf(e.streamId);
        orgUnits.set(id, evolveOrgUnitFacts(orgUnits.get(id) ?? emptyOrgUnit(id), e));
        break;
      }
      case 'PolicyVersionAdopted':
        policies.push({ version: e.data, meta: factMetaOf(e) });
        break;
      case 'EntryRetracted':
        retractions.push({ targetEventId: e.data.targetEventId, meta: factMetaOf(e) });
        break;
      default: {
        if (!e.streamId.startsWith('cadre-')) break;
        const id = aggregateIdOf(e.streamId);
        const before = cadres.get(id) ?? emptyTimeline(id);
        cadres.set(id, evolveTimeline(before, e));
      }
    }
  }
  return { cadres, orgUnits, policies, retractions };
}
