/**
 * Tamper evidence: hash = SHA-256(previous hash in the stream ‖ canonical JSON of the event).
 * Canonical JSON is RFC 8785 (JCS), so any store and any export recompute the same bytes.
 * The global position is not hashed: it belongs to one store, and a migrated stream must keep its hashes.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject } from './json';
import type { StoredEvent } from './envelope';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Pick<
  StoredEvent,
  | 'eventId'
  | 'type'
  | 'schemaVersion'
  | 'streamId'
  | 'revision'
  | 'effectiveDate'
  | 'recordedAt'
  | 'actor'
  | 'documentRef'
  | 'correlationId'
  | 'causationId'
  | 'data'
  | 'metadata'
>;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalized as JSON');
  return text;
}

export function hashedBody(event: HashedFields): JsonObject {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    effectiveDate: event.effectiveDate,
    recordedAt: event.recordedAt,
    actor: event.actor,
    documentRef: event.documentRef,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: event.data,
    metadata: event.metadata,
  };
}

export function chainHash(previousHash: string, event: HashedFields): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(hashedBody(event))).digest('hex');
}
