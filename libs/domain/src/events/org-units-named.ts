/**
 * Which org units an event names: the one answer used by the compliance findings, the cadre
 * record (which org-unit streams to read with a cadre's), the audit export and its rendering.
 */
import { aggregateIdOf } from '../read-models/ledger-facts';
import { assertNever, type RecordedEvent } from './domain-event';

/** The org units the event's payload names, each once, in the payload's order. */
export function orgUnitIdsNamedBy(event: RecordedEvent): string[] {
  switch (event.type) {
    case 'AppointedToPost':
    case 'RemovedFromPost':
      return [event.data.orgUnitId];
    case 'Transferred':
      return event.data.from.orgUnitId === event.data.to.orgUnitId ? [event.data.from.orgUnitId] : [event.data.from.orgUnitId, event.data.to.orgUnitId];
    case 'SecondmentStarted':
      return [event.data.hostOrgUnitId];
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'CountyDepartmentRated':
    case 'LeaderRecommended':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
    case 'PostHolderChanged':
    case 'CadreRegistered':
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
    case 'EntryRetracted':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PolicyVersionAdopted':
      return [];
    default:
      return assertNever(event, 'event type');
  }
}

/**
 * Cadres other than `own` that an event names, for their names beside their ids (a cadre's
 * history and audit export): a talk's partner, a recommendation's recommended and recommender.
 */
export function otherCadreIdsNamedBy(event: RecordedEvent, own: string): string[] {
  const ids =
    event.type === 'TalkHeld'
      ? [event.data.withCadreId]
      : event.type === 'LeaderRecommended'
        ? [event.data.recommendedCadreId, aggregateIdOf(event.streamId)]
        : [];
  return ids.filter((id) => id !== own);
}

/** The org unit whose own stream (`orgunit-{id}`) holds the event, if any. */
export function orgUnitOfStream(streamId: string): string | null {
  return streamId.startsWith('orgunit-') ? streamId.slice('orgunit-'.length) : null;
}

/** Every org unit an event concerns: its own stream's and those its payload names. */
export function orgUnitIdsConcerning(event: RecordedEvent): string[] {
  const own = orgUnitOfStream(event.streamId);
  const named = orgUnitIdsNamedBy(event);
  return own === null || named.includes(own) ? named : [own, ...named];
}
