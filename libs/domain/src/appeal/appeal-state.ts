/**
 * The appeal aggregate's state (复核/申诉, N5), stream `appeal-{appealId}`: one filing and at most
 * one decision.
 */
import type { EventData } from '../events/catalogue';
import { assertNever, type RecordedEvent } from '../events/domain-event';
import type { CalendarDate } from '../time/calendar-date';

export interface AppealState {
  readonly appealId: string | undefined;
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  readonly revision: number | undefined;
  readonly filed?: { readonly eventId: string; readonly effectiveDate: CalendarDate; readonly data: EventData<'AppealFiled'> };
  readonly decided?: { readonly eventId: string; readonly effectiveDate: CalendarDate; readonly data: EventData<'AppealDecided'> };
}

export const initialAppealState: AppealState = { appealId: undefined, revision: undefined };

/** Evolve (pure). Events of other aggregates leave the state as it is. */
export function evolveAppeal(state: AppealState, event: RecordedEvent): AppealState {
  const base: AppealState = {
    ...state,
    appealId: state.appealId ?? (event.streamId.startsWith('appeal-') ? event.streamId.slice('appeal-'.length) : undefined),
    revision: event.revision,
  };
  switch (event.type) {
    case 'AppealFiled':
      return state.filed ? base : { ...base, filed: { eventId: event.eventId, effectiveDate: event.effectiveDate, data: event.data } };
    case 'AppealDecided':
      return state.decided ? base : { ...base, decided: { eventId: event.eventId, effectiveDate: event.effectiveDate, data: event.data } };
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'PostHolderChanged':
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
    case 'CountyDepartmentRated':
    case 'LeaderRecommended':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
    case 'EntryRetracted':
    case 'PolicyVersionAdopted':
      return base;
    default:
      return assertNever(event, 'event type');
  }
}
