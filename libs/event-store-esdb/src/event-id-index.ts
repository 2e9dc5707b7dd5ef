/**
 * The store-wide index from a ledger event id to its event. EventStoreDB has neither a unique
 * constraint across streams nor a lookup by event id, and the port needs both: `findEvents`
 * (every command and import line asks it first) and "an id stored with another body, in any
 * stream, is a conflict".
 *
 * One small stream per event id, `<indexPrefix><UUIDv5 of the id>`, holds reservations
 * `{eventId, streamId, revision, identity}`. A writer reserves each id of its write before it
 * appends, naming the revision it is about to write at: the first reservation is appended with
 * expected revision `no_stream`, so the server lets exactly one writer create it (a unique
 * constraint), and a later one with the exact revision of the index stream it read.
 * - A reservation by another fact (different identity) refuses the write: EventIdConflictError.
 * - A reservation by the same fact means a retry or a concurrent twin of this write: if the event
 *   is stored at any reserved location it is returned (already stored); otherwise this writer
 *   adds its own location and goes on. Every writer reserves before it appends, and reads the
 *   index after it read the stream's head, so an event stored before that head is found here;
 *   one stored after it makes this writer's exact-revision append fail (or be deduplicated by
 *   the server, same UUIDs at the same place) instead of storing the id twice.
 *
 * Limits, stated plainly: a reservation is never withdrawn, since withdrawing it safely would
 * need the multi-stream transaction EventStoreDB lacks. So an id whose write failed (a version
 * conflict, a crash) stays bound to that fact: sending the same fact again succeeds, a different
 * fact under that id is refused (PostgreSQL, which stored nothing, would accept it). Costs: one
 * extra stream and event per ledger event, one index read per id looked up.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eventIdentity, EventIdConflictError, type StoredEvent } from '@ledger/event-store';
import { EsdbWrongExpectedRevision, type EsdbGateway } from './gateway';
import { esdbEventId } from './uuid-v5';

export const RESERVATION_EVENT_TYPE = 'LedgerEventIdReserved';
export const DEFAULT_INDEX_PREFIX = 'ledger-eventid-';

export interface Reservation {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  /** SHA-256 of the event's identity (idempotency.ts), so the index stays small. */
  readonly identity: string;
}

export type ReserveOutcome = { readonly kind: 'reserved' } | { readonly kind: 'stored'; readonly event: StoredEvent };

export const identityDigest = (identity: string): string => createHash('sha256').update(identity).digest('hex');

function isReservation(value: unknown): value is Reservation {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.eventId === 'string' && typeof r.streamId === 'string' && typeof r.revision === 'number' && typeof r.identity === 'string';
}

const MAX_ATTEMPTS = 20;

export class EventIdIndex {
  constructor(
    private readonly gateway: EsdbGateway,
    /** Reads the ledger event at a stream revision, if any. */
    private readonly eventAt: (streamId: string, revision: number) => Promise<StoredEvent | undefined>,
    private readonly prefix: string = DEFAULT_INDEX_PREFIX,
  ) {}

  streamOf(eventId: string): string {
    return `${this.prefix}${esdbEventId(eventId)}`;
  }

  /** Reservations of an id, oldest first, and the index stream's revision (null: none yet). */
  async reservations(eventId: string): Promise<{ list: Reservation[]; revision: bigint | null }> {
    const list: Reservation[] = [];
    let revision: bigint | null = null;
    for await (const e of this.gateway.readStream(this.streamOf(eventId), { direction: 'forwards' })) {
      revision = e.revision;
      // Another event id that hashes to the same UUID would be a SHA-1 collision: ignored, not trusted.
      if (e.type === RESERVATION_EVENT_TYPE && isReservation(e.data) && e.data.eventId === eventId) list.push(e.data);
    }
    return { list, revision };
  }

  /** The stored event with this id, if any: the newest reserved location that holds it. */
  async locate(eventId: string, known?: readonly Reservation[]): Promise<StoredEvent | undefined> {
    const list = known ?? (await this.reservations(eventId)).list;
    const seen = new Set<string>();
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      const key = `${r.streamId}\u0000${r.revision}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const event = await this.eventAt(r.streamId, r.revision);
      if (event && event.eventId === eventId) return event;
    }
    return undefined;
  }

  /** Reserves an id for one fact at one place; see the header for the outcomes. */
  async reserve(wanted: Reservation): Promise<ReserveOutcome> {
    const stream = this.streamOf(wanted.eventId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { list, revision } = await this.reservations(wanted.eventId);
      if (list.length > 0) {
        const stored = await this.locate(wanted.eventId, list);
        if (stored) {
          if (identityDigest(eventIdentity(stored)) === wanted.identity) return { kind: 'stored', event: stored };
          throw new EventIdConflictError(wanted.eventId, `is already stored (stream ${stored.streamId}, revision ${stored.revision}) with a different body`);
        }
        const last = list[list.length - 1]!;
        if (last.identity !== wanted.identity) {
          throw new EventIdConflictError(
            wanted.eventId,
            `is reserved for a different fact (stream ${last.streamId}) by a write that is still running or did not complete; on EventStoreDB such an id stays bound to its first fact`,
          );
        }
        if (last.streamId === wanted.streamId && last.revision === wanted.revision) return { kind: 'reserved' };
      }
      try {
        // A random id: two writers' reservations must never be mistaken by the server for one retried write.
        await this.gateway.append(stream, [{ id: randomUUID(), type: RESERVATION_EVENT_TYPE, data: { ...wanted }, metadata: {} }], revision ?? 'no_stream');
        return { kind: 'reserved' };
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedRevision)) throw error;
        // Another writer reserved meanwhile: read again and decide again.
      }
    }
    throw new EventIdConflictError(wanted.eventId, `could not be reserved after ${MAX_ATTEMPTS} attempts: too many concurrent writers of this id`);
  }
}
