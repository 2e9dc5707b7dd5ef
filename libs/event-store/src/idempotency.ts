/**
 * Idempotency by event id, the same on every store: re-sending stored events returns them as
 * stored; an id stored with another body, or a write mixing stored and new ids, is a conflict.
 */
import type { NewEvent, StoredEvent } from './envelope';
import { EventIdConflictError } from './errors';
import type { AppendResult } from './event-store.port';
import { canonicalJson } from './hash-chain';
import type { PendingEvent } from './validate-new-event';

/** What makes two writes "the same event": the fact, not who sent it, when, or how. */
export function eventIdentity(e: Pick<NewEvent, 'type' | 'schemaVersion' | 'effectiveDate' | 'documentRef' | 'data' | 'metadata'> & { readonly streamId: string }): string {
  return canonicalJson({
    streamId: e.streamId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    effectiveDate: e.effectiveDate,
    documentRef: e.documentRef ?? null,
    data: e.data,
    metadata: e.metadata ?? {},
  });
}

/**
 * The answer to a write some of whose ids are already stored: the stored events when every
 * event is there with the same body, otherwise EventIdConflictError.
 */
export function resolveAlreadyStored(pending: readonly PendingEvent[], stored: readonly StoredEvent[]): AppendResult {
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  const result: StoredEvent[] = [];
  for (const { streamId, event } of pending) {
    const existing = byId.get(event.eventId);
    if (!existing) {
      throw new EventIdConflictError(
        event.eventId,
        'is new, but other events of the same write are already stored: a write is stored whole or not at all, so this is not a retry',
      );
    }
    if (eventIdentity({ ...event, streamId }) !== eventIdentity(existing)) {
      throw new EventIdConflictError(event.eventId, `is already stored (stream ${existing.streamId}, revision ${existing.revision}) with a different body`);
    }
    result.push(existing);
  }
  const streamRevisions = new Map<string, number>();
  for (const e of result) streamRevisions.set(e.streamId, Math.max(streamRevisions.get(e.streamId) ?? -1, e.revision));
  return { events: result, streamRevisions, alreadyStored: true };
}
