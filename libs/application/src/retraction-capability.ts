/**
 * The check every way in (the write route, the HTTP import, the CLI import) makes for a retraction
 * beside its event type's (EVENT_CAPABILITIES): a target an upheld appeal's decision wrote as its
 * remedy needs the appeal capability too (`remedyRetractionRefusal`, libs/auth).
 */
import { may, remedyRetractionRefusal, type EventTypeRefusal, type Role } from '@ledger/auth';
import type { EventStore } from '@ledger/event-store';

export async function retractionRefusal(store: Pick<EventStore, 'findEvents'>, role: Role, command: unknown): Promise<EventTypeRefusal | undefined> {
  // A line that is no object (null, a number) is no retraction: refused as a line later (found by a review: null threw here and stopped the import).
  if (typeof command !== 'object' || command === null) return undefined;
  const { type, data } = command as { type?: unknown; data?: { targetEventId?: unknown } };
  // Only a retraction, by a role that may not write remedies, reads its target.
  if (type !== 'EntryRetracted' || typeof data?.targetEventId !== 'string' || may(role, 'recordAppealEvents')) return undefined;
  const target = (await store.findEvents([data.targetEventId]))[0];
  return remedyRetractionRefusal(role, target && { eventId: target.eventId, causationId: target.causationId });
}
