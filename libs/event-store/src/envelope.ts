/**
 * The event envelope of EVENTS.md ("Common envelope"), as the event-store port speaks it.
 * Field names are a public contract: add, never rename.
 */
import type { JsonObject } from './json';

/** An event the application wants stored. The store adds revision, positions, time and hash. */
export interface NewEvent {
  /** Unique across the whole store; the idempotency key (an import line's `id` becomes it). */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Calendar date (YYYY-MM-DD, Asia/Shanghai) when it took effect in the world (T1). */
  readonly effectiveDate: string;
  /** Who recorded it: from the credential, never from a request body. */
  readonly actor: string;
  /** The decision's document number (文号), where one exists. */
  readonly documentRef?: string | null;
  readonly correlationId?: string | null;
  readonly causationId?: string | null;
  readonly data: JsonObject;
  /** Envelope extensions with business meaning, e.g. `{ override: { reason, rules } }`. */
  readonly metadata?: JsonObject;
}

/**
 * Position in the store-wide order. Readers and checkpoints use it; it is opaque to the domain.
 * PostgreSQL: `commit` = the writing transaction's xid8, `prepare` = the global position
 * (see the adapter for why the pair, not the sequence alone, is the safe order).
 * EventStoreDB: its own commit/prepare positions in `$all`.
 */
export interface AllPosition {
  readonly commit: number;
  readonly prepare: number;
}

export const START_POSITION: AllPosition = Object.freeze({ commit: 0, prepare: 0 });

export function compareAllPositions(a: AllPosition, b: AllPosition): number {
  return a.commit !== b.commit ? a.commit - b.commit : a.prepare - b.prepare;
}

/** A stored event: the envelope of EVENTS.md in full. */
export interface StoredEvent extends NewEvent {
  readonly streamId: string;
  /** 0-based position in its stream; gapless. */
  readonly revision: number;
  /** Store-wide sequence number: unique and increasing within every stream. */
  readonly globalPosition: number;
  /** Where this event sits in the store-wide delivery order (readAll, subscriptions). */
  readonly position: AllPosition;
  /** ISO-8601 UTC instant from the database clock, millisecond precision (T1 recordedAt). */
  readonly recordedAt: string;
  readonly documentRef: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly metadata: JsonObject;
  /** SHA-256 (hex) over the previous event's hash in the stream and this event's canonical JSON. */
  readonly hash: string;
}

export interface StreamHead {
  readonly streamId: string;
  /** Revision of the last event. */
  readonly revision: number;
  readonly lastHash: string;
}
