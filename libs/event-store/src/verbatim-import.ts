/**
 * Importing stored events verbatim: what a store migration needs. The events keep their ids,
 * revisions, recordedAt and hashes; the target checks that each stream's chain continues its own
 * head and that every hash recomputes, and never computes a hash of its own.
 */
import type { StoredEvent, StreamHead } from './envelope';
import type { EventStore } from './event-store.port';
import { InvalidEventError, StreamVersionConflictError } from './errors';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { validateNewEvent } from './validate-new-event';
import type { UnfinishedCopyMark } from './unfinished-copy';

export interface ImportStoredResult {
  readonly imported: number;
  /** Revision of each touched stream's last event after the import. */
  readonly streamRevisions: ReadonlyMap<string, number>;
}

export interface VerbatimImporter {
  /**
   * Stores events copied from another store, in the given order (which becomes their order in
   * this store's global order). Each stream's events must follow its head here without a gap and
   * chain to its last hash. PostgreSQL stores the call atomically; EventStoreDB per stream.
   */
  importStored(events: readonly StoredEvent[]): Promise<ImportStoredResult>;
}

export type MigratableEventStore = EventStore & VerbatimImporter & Partial<UnfinishedCopyMark>;

const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HASH = /^[0-9a-f]{64}$/;

/** Field checks of a stored event that is about to be imported. */
export function validateStoredEvent(event: StoredEvent): void {
  validateNewEvent(event);
  if (typeof event.streamId !== 'string' || event.streamId.length === 0 || event.streamId.length > 200) {
    throw new InvalidEventError('streamId', 'must be 1–200 characters');
  }
  if (!Number.isSafeInteger(event.revision) || event.revision < 0) throw new InvalidEventError('revision', 'must be an integer ≥ 0');
  if (typeof event.recordedAt !== 'string' || !RECORDED_AT.test(event.recordedAt) || Number.isNaN(Date.parse(event.recordedAt))) {
    throw new InvalidEventError('recordedAt', 'must be an ISO-8601 UTC instant with milliseconds');
  }
  if (typeof event.hash !== 'string' || !HASH.test(event.hash)) throw new InvalidEventError('hash', 'must be 64 hex digits');
}

/**
 * Checks that `events` continue the given heads: per stream, revisions follow the head without a
 * gap and every hash recomputes from the previous one. Returns the heads after the import.
 * `heads` maps every stream of `events` to its head in the target (null: no stream yet).
 */
export function checkImportedChain(events: readonly StoredEvent[], heads: ReadonlyMap<string, StreamHead | null>): Map<string, StreamHead> {
  if (events.length === 0) throw new InvalidEventError('events', 'nothing to import');
  const ids = new Set<string>();
  const current = new Map<string, { revision: number; lastHash: string }>();
  for (const [streamId, head] of heads) current.set(streamId, head ? { revision: head.revision, lastHash: head.lastHash } : { revision: -1, lastHash: GENESIS_HASH });
  for (const event of events) {
    validateStoredEvent(event);
    if (ids.has(event.eventId)) throw new InvalidEventError('eventId', `${event.eventId} appears twice in one import`);
    ids.add(event.eventId);
    const head = current.get(event.streamId);
    if (!head) throw new InvalidEventError('streamId', `no head was read for stream ${event.streamId}`);
    if (event.revision !== head.revision + 1) {
      throw new StreamVersionConflictError(event.streamId, String(event.revision - 1), head.revision < 0 ? null : head.revision);
    }
    if (chainHash(head.lastHash, event) !== event.hash) {
      throw new InvalidEventError('hash', `stream ${event.streamId} revision ${event.revision}: the hash does not recompute from the previous event (a broken chain is never copied)`);
    }
    current.set(event.streamId, { revision: event.revision, lastHash: event.hash });
  }
  const after = new Map<string, StreamHead>();
  for (const [streamId, h] of current) if (h.revision >= 0) after.set(streamId, { streamId, revision: h.revision, lastHash: h.lastHash });
  return after;
}

export function isMigratable(store: EventStore): store is MigratableEventStore {
  return typeof (store as Partial<VerbatimImporter>).importStored === 'function';
}
