/**
 * The ledger envelope ↔ an EventStoreDB event, and the server's revisions, positions and errors
 * ↔ the port's. Pure functions: unit-tested without a server (mapping.spec.ts).
 *
 * Layout of one ledger event in EventStoreDB:
 * - event id: UUIDv5 of the ledger's eventId (uuid-v5.ts); the original id is in the metadata;
 * - event type: the ledger's `type`; stream and revision: the ledger's `streamId` and `revision`;
 * - data: the payload (`data`), as JSON;
 * - metadata: the rest of the envelope (`eventId`, `schemaVersion`, `effectiveDate`, `recordedAt`,
 *   `actor`, `documentRef`, `correlationId`, `causationId`, `hash`, the ledger's own `metadata`
 *   under `ledgerMetadata`), `$correlationId`/`$causationId` for the server's system projections,
 *   `envelope` (format version) and `writeId` (which write stored it: not part of the envelope,
 *   never hashed; it tells a write that the server deduplicated from one it performed).
 */
import { z } from 'zod';
import {
  StreamVersionConflictError,
  type AllPosition,
  type ExpectedRevision,
  type JsonObject,
  type StoredEvent,
} from '@ledger/event-store';
import type { EsdbEventData, EsdbExpectedRevision, EsdbPosition, EsdbRecordedEvent, EsdbWrongExpectedRevision } from './gateway';
import { esdbEventId } from './uuid-v5';

/** The ledger's streams (EVENTS.md): everything else in `$all` (system streams, the event-id index) is skipped. */
export const LEDGER_STREAM_PREFIXES: readonly string[] = Object.freeze(['cadre-', 'orgunit-', 'appeal-', 'policy']);

export const ENVELOPE_FORMAT = 1;

/** A stored event before the server has placed it in `$all`. */
export type StoredEventDraft = Omit<StoredEvent, 'globalPosition' | 'position'>;

const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

const envelopeMetadataSchema = z.object({
  envelope: z.literal(ENVELOPE_FORMAT),
  eventId: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  effectiveDate: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  documentRef: z.string().nullable(),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  ledgerMetadata: z.custom<JsonObject>(isJsonObject, 'must be a JSON object'),
  writeId: z.string(),
});

export function toEsdbEvent(event: StoredEventDraft, writeId: string): EsdbEventData {
  const metadata: JsonObject = {
    envelope: ENVELOPE_FORMAT,
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    effectiveDate: event.effectiveDate,
    recordedAt: event.recordedAt,
    actor: event.actor,
    documentRef: event.documentRef,
    correlationId: event.correlationId,
    causationId: event.causationId,
    hash: event.hash,
    ledgerMetadata: event.metadata,
    writeId,
  };
  if (event.correlationId !== null) metadata.$correlationId = event.correlationId;
  if (event.causationId !== null) metadata.$causationId = event.causationId;
  return { id: esdbEventId(event.eventId), type: event.type, data: event.data, metadata };
}

export class MalformedLedgerEventError extends Error {
  constructor(streamId: string, revision: bigint, detail: string) {
    super(`stream ${streamId} revision ${revision} is not a ledger event: ${detail}`);
    this.name = 'MalformedLedgerEventError';
  }
}

export interface DecodedEvent {
  readonly event: StoredEvent;
  readonly writeId: string;
}

/** An EventStoreDB event of a ledger stream → the stored envelope (and which write stored it). */
export function fromEsdbEvent(recorded: EsdbRecordedEvent): DecodedEvent {
  const fail = (detail: string) => new MalformedLedgerEventError(recorded.streamId, recorded.revision, detail);
  if (!recorded.isJson || !isJsonObject(recorded.data)) throw fail('data is not a JSON object');
  const parsed = envelopeMetadataSchema.safeParse(recorded.metadata);
  if (!parsed.success) throw fail(`metadata: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const m = parsed.data;
  if (recorded.id !== esdbEventId(m.eventId)) throw fail(`event id ${recorded.id} is not the UUID of ${m.eventId}`);
  if (!recorded.position) throw fail('the server sent no position (EventStoreDB 22.6 or later is required)');
  const position = toAllPosition(recorded.position);
  return {
    event: {
      eventId: m.eventId,
      type: recorded.type,
      schemaVersion: m.schemaVersion,
      streamId: recorded.streamId,
      revision: toSafeNumber(recorded.revision, 'revision'),
      globalPosition: position.prepare,
      position,
      effectiveDate: m.effectiveDate,
      recordedAt: m.recordedAt,
      actor: m.actor,
      documentRef: m.documentRef,
      correlationId: m.correlationId,
      causationId: m.causationId,
      data: recorded.data,
      metadata: m.ledgerMetadata,
      hash: m.hash,
    },
    writeId: m.writeId,
  };
}

/** The revision the adapter sends: always exact (see esdb-event-store.ts, "Hash chain"). */
export function toEsdbExpected(head: number | null): EsdbExpectedRevision {
  return head === null ? 'no_stream' : BigInt(head);
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is outside the safe integer range`);
  return Number(value);
}

/**
 * Server position → checkpoint. Positions are byte offsets in the transaction log: they stay
 * below 2^53 (8 PiB of log), and the conversion refuses anything that would not.
 */
export function toAllPosition(p: EsdbPosition): AllPosition {
  return { commit: toSafeNumber(p.commit, 'commit position'), prepare: toSafeNumber(p.prepare, 'prepare position') };
}

/** Checkpoint → server position; the port's start (0, 0) is the server's start. */
export function toEsdbPosition(p: AllPosition): EsdbPosition | 'start' {
  if (p.commit === 0 && p.prepare === 0) return 'start';
  if (!Number.isSafeInteger(p.commit) || !Number.isSafeInteger(p.prepare) || p.commit < 0 || p.prepare < 0) {
    throw new RangeError(`not an EventStoreDB position: ${JSON.stringify(p)}`);
  }
  return { commit: BigInt(p.commit), prepare: BigInt(p.prepare) };
}

export function compareEsdbPositions(a: EsdbPosition, b: EsdbPosition): number {
  return a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/** The server's refusal → the port's typed conflict, stated with what the caller expected. */
export function toStreamVersionConflict(error: EsdbWrongExpectedRevision, callerExpected: ExpectedRevision): StreamVersionConflictError {
  const actual = error.actual === 'no_stream' ? null : toSafeNumber(error.actual, 'revision');
  return new StreamVersionConflictError(error.streamId, typeof callerExpected === 'number' ? String(callerExpected) : callerExpected, actual);
}

/** Does the caller's expectation hold for this head (null: no stream)? */
export function expectationHolds(expected: ExpectedRevision, head: number | null): boolean {
  return expected === 'any' || (expected === 'no_stream' ? head === null : head === expected);
}

/**
 * An entry ending in `-` or `.` is a prefix (`cadre-`); any other is one exact stream name
 * (`policy`), so a foreign `policyholders` or `policy-archive` stream is not read as the ledger's.
 */
export function isLedgerStream(streamId: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => (p.endsWith('-') || p.endsWith('.') ? streamId.startsWith(p) : streamId === p));
}

/**
 * A ledger event in `$all`: in a ledger stream, and not a server record written into it (a
 * tombstone's `$streamDeleted`, stream metadata): the server's own types start with `$`.
 */
export function isLedgerRecord(record: Pick<EsdbRecordedEvent, 'streamId' | 'type'>, prefixes: readonly string[]): boolean {
  return !record.type.startsWith('$') && isLedgerStream(record.streamId, prefixes);
}

/** Byte order of the UTF-8 names, as PostgreSQL's `COLLATE "C"` sorts them (verifyChains relies on it). */
export function compareStreamIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
