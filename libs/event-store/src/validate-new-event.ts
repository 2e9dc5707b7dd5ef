/**
 * Every store's guard on what it is given: anything a store cannot hold faithfully (PostgreSQL
 * refuses NUL characters; no JSON has non-finite numbers) is a typed InvalidEventError (HTTP 400),
 * never a database error (HTTP 500). Shared by the adapters so they refuse the same inputs.
 */
import { daysInMonth } from '@ledger/domain/time/calendar-date';
import type { NewEvent } from './envelope';
import { InvalidEventError } from './errors';
import type { StreamAppend } from './event-store.port';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real day of the proleptic Gregorian calendar, as YYYY-MM-DD, of any year: the store keeps what
 * it is given (the domain's own dates, `isCalendarDate`, are 1900 – 2999), with the domain's month
 * lengths. By arithmetic: two Dates per event were 1 % of an import's allocations.
 */
function isCalendarDate(text: unknown): boolean {
  const parts = typeof text === 'string' ? DATE.exec(text) : null;
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * No lone UTF-16 surrogate: no UTF-8 text holds one, so PostgreSQL refuses it (22P02) where
 * EventStoreDB stored it, and a store copied from one to the other failed part-way (found by a
 * review). Node's own check (String.prototype.isWellFormed, ES2024).
 */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();
const LONE_SURROGATE = 'must not contain a lone UTF-16 surrogate';

/**
 * The path of a value `checkJson` refuses, as `data.education[0].level`: formed only for the error,
 * the walk keeping one stack of keys (a path string built per key was made for every event of every
 * write, valid or not).
 */
const pathOf = (root: string, keys: readonly (string | number)[]): string =>
  keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`), root);

function checkJson(value: unknown, root: string, keys: (string | number)[] = []): void {
  if (keys.length > 32) throw new InvalidEventError(pathOf(root, keys), 'nested too deeply');
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new InvalidEventError(pathOf(root, keys), 'must not contain NUL characters');
    if (!wellFormed(value)) throw new InvalidEventError(pathOf(root, keys), LONE_SURROGATE);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidEventError(pathOf(root, keys), 'must be a finite number');
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole, which JSON writes as null (skipped, as forEach did)
      keys.push(i);
      checkJson(value[i], root, keys);
      keys.pop();
    }
    return;
  }
  if (typeof value === 'object') {
    for (const k of Object.keys(value)) {
      if (k.includes('\u0000')) throw new InvalidEventError(pathOf(root, keys), 'keys must not contain NUL characters');
      if (!wellFormed(k)) throw new InvalidEventError(pathOf(root, keys), `keys ${LONE_SURROGATE}`);
      keys.push(k);
      checkJson((value as Record<string, unknown>)[k], root, keys);
      keys.pop();
    }
    return;
  }
  throw new InvalidEventError(pathOf(root, keys), `is not JSON (${typeof value})`);
}

function text(value: unknown, field: string, max: number, optional = false): void {
  if (optional && (value === undefined || value === null)) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new InvalidEventError(field, `must be a string of 1–${max} characters`);
  }
  if (value.includes('\u0000')) throw new InvalidEventError(field, 'must not contain NUL characters');
  if (!wellFormed(value)) throw new InvalidEventError(field, LONE_SURROGATE);
}

export function validateNewEvent(event: NewEvent): void {
  text(event.eventId, 'eventId', 200);
  text(event.type, 'type', 100);
  text(event.actor, 'actor', 200);
  text(event.documentRef, 'documentRef', 200, true);
  text(event.correlationId, 'correlationId', 200, true);
  text(event.causationId, 'causationId', 200, true);
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidEventError('schemaVersion', 'must be an integer ≥ 1');
  }
  if (!isCalendarDate(event.effectiveDate)) {
    throw new InvalidEventError('effectiveDate', 'must be a calendar date YYYY-MM-DD');
  }
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new InvalidEventError('data', 'must be a JSON object');
  }
  checkJson(event.data, 'data');
  if (event.metadata !== undefined) {
    if (typeof event.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata)) {
      throw new InvalidEventError('metadata', 'must be a JSON object');
    }
    checkJson(event.metadata, 'metadata');
  }
}

/** One event of a write, with the stream it goes to, in append order. */
export interface PendingEvent {
  readonly streamId: string;
  readonly event: NewEvent;
}

/** Checks a whole write (streams, expected revisions, events) before anything is stored. */
export function validateAppends(appends: readonly StreamAppend[]): PendingEvent[] {
  if (appends.length === 0) throw new InvalidEventError('appends', 'nothing to append');
  const streams = new Set<string>();
  const ids = new Set<string>();
  const pending: PendingEvent[] = [];
  for (const a of appends) {
    if (typeof a.streamId !== 'string' || a.streamId.length === 0 || a.streamId.length > 200) {
      throw new InvalidEventError('streamId', 'must be 1–200 characters');
    }
    if (streams.has(a.streamId)) throw new InvalidEventError('streamId', `stream ${a.streamId} appears twice in one write`);
    streams.add(a.streamId);
    const e = a.expectedRevision;
    if (!(e === 'any' || e === 'no_stream' || (typeof e === 'number' && Number.isSafeInteger(e) && e >= 0))) {
      throw new InvalidEventError('expectedRevision', `must be 'any', 'no_stream' or a revision ≥ 0`);
    }
    // No events: a read check (StreamAppend), which must name what it expects.
    if (a.events.length === 0 && e === 'any') throw new InvalidEventError('events', `no events for stream ${a.streamId}, and a read check of it must expect a revision or 'no_stream'`);
    for (const event of a.events) {
      validateNewEvent(event);
      if (ids.has(event.eventId)) throw new InvalidEventError('eventId', `${event.eventId} appears twice in one write`);
      ids.add(event.eventId);
      pending.push({ streamId: a.streamId, event });
    }
  }
  if (pending.length === 0) throw new InvalidEventError('events', 'nothing to append: a write of read checks alone');
  return pending;
}
