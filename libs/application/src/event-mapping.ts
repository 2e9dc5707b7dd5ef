/**
 * Between the store's envelope and the domain's events: payloads are upcast to the current schema
 * version on read, the override travels in the envelope's metadata, and the event's schema version
 * comes from the catalogue on write.
 */
import {
  EVENT_CATALOGUE,
  isCareerEventType,
  upcast,
  upcastTrusted,
  type CalendarDate,
  type CareerEventType,
  type PendingEvent,
  type RecordedEvent,
} from '@ledger/domain';
import type { JsonObject, NewEvent, StoredEvent } from '@ledger/event-store';
import { z } from 'zod';

/** The override as stored in the envelope's metadata: the caller's reason and the rules departed from. */
const storedOverride = z.object({ reason: z.string(), rules: z.array(z.string()).readonly() }).optional();

export class UnknownStoredEventError extends Error {
  readonly code = 'UNKNOWN_STORED_EVENT';
}

/** A stored event as the domain reads it: upcast to the current schema and validated against it. */
export function toRecordedEvent(stored: StoredEvent): RecordedEvent {
  return recorded(stored, true);
}

/**
 * The same, on the hot read paths (the state loader folding streams, the import, the projections
 * applying and rebuilding): the payload and the override were validated when this ledger wrote
 * them, so an event at the current schema version is not parsed again; an older one is still
 * upcast (and its upcast payload validated). What reads the store for a one-off answer or a check
 * (history, audit exports, `projections verify`) uses `toRecordedEvent`, and `verify` recomputes
 * every hash.
 */
export function toTrustedRecordedEvent(stored: StoredEvent): RecordedEvent {
  return recorded(stored, false);
}

function recorded(stored: StoredEvent, validate: boolean): RecordedEvent {
  if (!isCareerEventType(stored.type)) throw new UnknownStoredEventError(`stored event ${stored.eventId} has unknown type ${stored.type}`);
  const type: CareerEventType = stored.type;
  const data = validate ? upcast(type, stored.schemaVersion, stored.data) : upcastTrusted(type, stored.schemaVersion, stored.data);
  const stamp = stored.metadata.override;
  const override = stamp === undefined ? undefined : validate ? storedOverride.parse(stamp) : (stamp as unknown as z.infer<typeof storedOverride>);
  // One literal, no leading spread (see asRecorded in libs/domain: a spread-then-extend costs ~20 µs
  // per object on Node 20, and every event read goes through here). `type` and `data` come from one
  // catalogue entry; TypeScript cannot correlate them through the union, hence the cast.
  return {
    type,
    data,
    effectiveDate: stored.effectiveDate as CalendarDate,
    ...(override ? { override } : {}),
    eventId: stored.eventId,
    streamId: stored.streamId,
    revision: stored.revision,
    globalPosition: stored.globalPosition,
    recordedAt: stored.recordedAt,
    actor: stored.actor,
    documentRef: stored.documentRef,
    correlationId: stored.correlationId,
    causationId: stored.causationId,
  } as RecordedEvent;
}

export interface WriteMetadata {
  /** From the credential (API token, CLI user): never from a request body. */
  readonly actor: string;
  readonly correlationId?: string;
}

export function toNewEvent(pending: PendingEvent, meta: WriteMetadata): NewEvent {
  const metadata: JsonObject = pending.override ? { override: { reason: pending.override.reason, rules: [...pending.override.rules] } } : {};
  return {
    eventId: pending.eventId,
    type: pending.type,
    schemaVersion: EVENT_CATALOGUE[pending.type].schemaVersion,
    effectiveDate: pending.effectiveDate,
    actor: meta.actor,
    documentRef: pending.documentRef ?? null,
    correlationId: meta.correlationId ?? null,
    causationId: pending.causationId ?? null,
    data: pending.data as unknown as JsonObject,
    metadata,
  };
}
