/**
 * The internal `PostHolderChanged` marker (P2): written to a township's stream in the same atomic
 * write as the cadre event that takes, leaves or retracts one of its single-holder posts.
 */
import type { PendingEvent } from '../decision';
import { derivedEventId } from '../events/derived-event-id';
import type { CalendarDate } from '../time/calendar-date';
import { SINGLE_HOLDER_ROLES, type Role } from '../vocabulary';

/**
 * The marker's event id, derived from the command's id so that re-sending the command (an
 * import re-run) produces the same ids and the store treats it as a no-op. One command writes
 * at most one marker per (org unit, role).
 */
export function markerEventId(commandId: string, orgUnitId: string, role: Role): string {
  return derivedEventId(commandId, `${orgUnitId}:${role}`);
}

/**
 * Every id a holder marker of the command could take: one per single-holder post (P2) of each org
 * unit a post event names (`postEvent`: the command itself, or for a retraction the event it
 * retracts). What a retry looks up to answer with the whole write it repeats, markers included
 * (found by a review: a retried appointment answered its own event alone).
 */
export function possibleMarkerEventIds(commandId: string, postEvent: { readonly type: string; readonly data: unknown }): string[] {
  const data = postEvent.data as { orgUnitId?: string; from?: { orgUnitId: string }; to?: { orgUnitId: string } };
  const units =
    postEvent.type === 'AppointedToPost' || postEvent.type === 'RemovedFromPost'
      ? [data.orgUnitId!]
      : postEvent.type === 'Transferred'
        ? [data.from!.orgUnitId, data.to!.orgUnitId]
        : [];
  return [...new Set(units.flatMap((orgUnitId) => SINGLE_HOLDER_ROLES.map((role) => markerEventId(commandId, orgUnitId, role))))];
}

export function postHolderMarker(input: {
  readonly commandId: string;
  readonly orgUnitId: string;
  readonly role: Role;
  readonly cadreId: string;
  readonly change: 'TAKEN' | 'LEFT' | 'RETRACTED';
  /** The cadre event taking/leaving the post; for RETRACTED, the retracted cadre event. */
  readonly sourceEventId: string;
  readonly effectiveDate: CalendarDate;
  readonly documentRef?: string;
}): PendingEvent {
  return {
    type: 'PostHolderChanged',
    eventId: markerEventId(input.commandId, input.orgUnitId, input.role),
    effectiveDate: input.effectiveDate,
    data: { role: input.role, cadreId: input.cadreId, change: input.change, sourceEventId: input.sourceEventId },
    causationId: input.commandId,
    ...(input.documentRef !== undefined ? { documentRef: input.documentRef } : {}),
  };
}
