/**
 * Between the store's envelope and the domain's events: payloads are upcast to the current schema
 * version on read, the override travels in the envelope's metadata, and the event's schema version
 * comes from the catalogue on write.
 */
import {
  EVENT_CATALOGUE,
  EVENT_TYPE_NAMES_ZH,
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
const storedOverride = z.object({ reason: z.string(), rules: z.array(z.string()).readonly(), policyVersion: z.string().optional() }).optional();

export class UnknownStoredEventError extends Error {
  readonly code = 'UNKNOWN_STORED_EVENT';
}

/**
 * A stored event this ledger cannot read as its type says: its data (or its override) fails the
 * type's schema, or its type or schema version is unknown. Only an edit made past the ledger puts
 * one in the store (every write is validated), so it is an integrity fault of the store, never a
 * fault of the request that read it (found by a review: a history with an edited event answered
 * 400 INVALID_REQUEST, blaming the auditor's request, and the web said 填写内容有误).
 */
export class UnreadableStoredEventError extends Error {
  readonly code = 'STORED_EVENT_UNREADABLE';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly revision: number,
    readonly type: string,
    /** The path of the first field that fails, '' for the event as a whole. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`stored event ${eventId} (stream ${streamId}, revision ${revision}, ${type}) cannot be read: ${field ? `${field}: ` : ''}${reason}`);
  }

  /** The CLI's error line and the API's detailZh. */
  get messageZh(): string {
    return unreadableStoredEventZh(this);
  }

  /** `part`: where the failing path starts ('data', 'metadata.override'), so that `reason` on a rescission is not read as the override's. */
  static of(stored: StoredEvent, error: unknown, part?: string): UnreadableStoredEventError {
    if (error instanceof UnreadableStoredEventError) return error;
    const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
    const field = [part, ...(issue ? issue.path.map(String) : [])].filter((p) => p !== undefined && p !== '').join('.');
    const reason = issue ? issue.message : error instanceof Error ? error.message : String(error);
    return new UnreadableStoredEventError(stored.eventId, stored.streamId, stored.revision, stored.type, field, reason);
  }
}

/** The fault in Chinese, for the API's detailZh and the CLI's error line. */
export function unreadableStoredEventZh(e: UnreadableStoredEventError): string {
  return (
    `台账中的事件 ${e.eventId}（事件流 ${e.streamId} 第 ${e.revision} 号，${isCareerEventType(e.type) ? EVENT_TYPE_NAMES_ZH[e.type] : e.type}）无法按其事项类型读取` +
    `${e.field ? `（字段 ${e.field}）` : ''}：该事件可能被绕过台账直接改动。请运行哈希链校验（verify）核查，并告知系统管理员。`
  );
}

/** The stored event as the domain reads it, or why it cannot be read (the history lists it flagged). */
export function readStoredEvent(stored: StoredEvent): RecordedEvent | UnreadableStoredEventError {
  try {
    return toRecordedEvent(stored);
  } catch (error) {
    if (error instanceof UnreadableStoredEventError) return error;
    throw error;
  }
}

/** A stored event as the domain reads it: upcast to the current schema and validated against it. */
export function toRecordedEvent(stored: StoredEvent): RecordedEvent {
  try {
    return recorded(stored, true);
  } catch (error) {
    throw UnreadableStoredEventError.of(stored, error);
  }
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

/** A part of a stored event read and validated, its failure named by where it is. */
function readPart<T>(stored: StoredEvent, part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof z.ZodError ? UnreadableStoredEventError.of(stored, error, part) : error;
  }
}

function recorded(stored: StoredEvent, validate: boolean): RecordedEvent {
  if (!isCareerEventType(stored.type)) throw new UnknownStoredEventError(`stored event ${stored.eventId} has unknown type ${stored.type}`);
  const type: CareerEventType = stored.type;
  const data = validate ? readPart(stored, 'data', () => upcast(type, stored.schemaVersion, stored.data)) : upcastTrusted(type, stored.schemaVersion, stored.data);
  const stamp = stored.metadata.override;
  const override = stamp === undefined ? undefined : validate ? readPart(stored, 'metadata.override', () => storedOverride.parse(stamp)) : (stamp as unknown as z.infer<typeof storedOverride>);
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
  const o = pending.override;
  const metadata: JsonObject = o ? { override: { reason: o.reason, rules: [...o.rules], ...(o.policyVersion !== undefined ? { policyVersion: o.policyVersion } : {}) } } : {};
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
