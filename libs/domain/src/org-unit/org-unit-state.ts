/**
 * The org-unit aggregate's state (机构: township, county department…), stream `orgunit-{id}`:
 * its registration, township performance scores, and the timeline of holders of its
 * single-holder posts (P2), kept by the internal `PostHolderChanged` markers.
 */
import type { EventData } from '../events/catalogue';
import { assertNever, type RecordedEvent } from '../events/domain-event';
import { holderTimeline, type HolderMarker, type HolderTimeline } from '../rules/posts';
import type { CalendarDate } from '../time/calendar-date';
import type { OrgUnitKind } from '../vocabulary';

/** The org-unit aggregate's state: what `evolveOrgUnit` folds. */
export interface OrgUnitState {
  readonly orgUnitId: string | undefined;
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  readonly revision: number | undefined;
  readonly registration?: { readonly eventId: string; readonly effectiveDate: CalendarDate; readonly data: EventData<'OrgUnitRegistered'> };
  /** 年度目标绩效考核 scores, in append order. */
  readonly scores: readonly { readonly year: number; readonly score: number; readonly eventId: string; readonly effectiveDate: CalendarDate }[];
  /** TM5 评价权: who rated this county department for which year, in append order. */
  readonly ratings: readonly { readonly year: number; readonly ratedByCadreId: string; readonly eventId: string; readonly effectiveDate: CalendarDate }[];
  /** P2 markers in append order (retraction markers included; `holderTimeline` applies them). */
  readonly holderMarkers: readonly HolderMarker[];
}

export const initialOrgUnitState: OrgUnitState = { orgUnitId: undefined, revision: undefined, scores: [], ratings: [], holderMarkers: [] };

/** Evolve (pure). Events of other aggregates leave the state as it is. */
export function evolveOrgUnit(state: OrgUnitState, event: RecordedEvent): OrgUnitState {
  const base: OrgUnitState = {
    ...state,
    orgUnitId: state.orgUnitId ?? (event.streamId.startsWith('orgunit-') ? event.streamId.slice('orgunit-'.length) : undefined),
    revision: event.revision,
  };
  switch (event.type) {
    case 'OrgUnitRegistered':
      // A second registration is refused by the decider; the first one stands.
      return state.registration ? base : { ...base, registration: { eventId: event.eventId, effectiveDate: event.effectiveDate, data: event.data } };
    case 'TownshipPerformanceScored':
      return { ...base, scores: [...state.scores, { year: event.data.year, score: event.data.score, eventId: event.eventId, effectiveDate: event.effectiveDate }] };
    case 'CountyDepartmentRated':
      return { ...base, ratings: [...state.ratings, { year: event.data.year, ratedByCadreId: event.data.ratedByCadreId, eventId: event.eventId, effectiveDate: event.effectiveDate }] };
    case 'PostHolderChanged':
      return {
        ...base,
        holderMarkers: [
          ...state.holderMarkers,
          {
            eventId: event.eventId,
            revision: event.revision,
            effectiveDate: event.effectiveDate,
            role: event.data.role,
            cadreId: event.data.cadreId,
            change: event.data.change,
            sourceEventId: event.data.sourceEventId,
          },
        ],
      };
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
    case 'RepresentativeSeatEnded':
    case 'EntryRetracted':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PolicyVersionAdopted':
      return base;
    default:
      return assertNever(event, 'event type');
  }
}

/** The org unit's kind, if registered. */
export function orgUnitKind(state: OrgUnitState): OrgUnitKind | undefined {
  return state.registration?.data.kind;
}

const timelines = new WeakMap<OrgUnitState, HolderTimeline>();

/** P2: the holders of the org unit's single-holder posts (memoised per state object). */
export function orgUnitHolders(state: OrgUnitState): HolderTimeline {
  let t = timelines.get(state);
  if (!t) {
    t = holderTimeline(state.holderMarkers);
    timelines.set(state, t);
  }
  return t;
}
