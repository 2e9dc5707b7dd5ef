/**
 * Schema evolution: a stored payload of an older schema version is upcast step by step
 * (v1 → v2 → …) to the current version on read, then validated against the current schema.
 * Stored events are never rewritten; only what is read is upgraded.
 */
import { EVENT_CATALOGUE, isCareerEventType, type CareerEventType, type EventData } from './catalogue';

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upcasters by event type and the version they upgrade *from*. Empty today: every type is at
 * version 1. When a payload changes shape, bump `schemaVersion` in the catalogue and add the step
 * here, e.g. `{ CadreRegistered: { 1: (d) => ({ ...d, workStartDate: d.birthDate }) } }`.
 */
export const UPCASTERS: Partial<Record<CareerEventType, Record<number, Upcaster>>> = {};

export class UnknownEventTypeError extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE';
}
export class UnsupportedSchemaVersionError extends Error {
  readonly code = 'UNSUPPORTED_SCHEMA_VERSION';
}

export function upcast<T extends CareerEventType>(
  type: T,
  schemaVersion: number,
  data: unknown,
  upcasters: Partial<Record<CareerEventType, Record<number, Upcaster>>> = UPCASTERS,
): EventData<T> {
  if (!isCareerEventType(type)) throw new UnknownEventTypeError(`unknown event type ${String(type)}`);
  const entry = EVENT_CATALOGUE[type];
  if (schemaVersion > entry.schemaVersion || schemaVersion < 1 || !Number.isInteger(schemaVersion)) {
    throw new UnsupportedSchemaVersionError(`${type} schema version ${schemaVersion} (current ${entry.schemaVersion})`);
  }
  let current = data as Record<string, unknown>;
  for (let v = schemaVersion; v < entry.schemaVersion; v++) {
    const step = upcasters[type]?.[v];
    if (!step) throw new UnsupportedSchemaVersionError(`no upcaster for ${type} v${v} → v${v + 1}`);
    current = step(current);
  }
  return entry.schema.parse(current) as EventData<T>;
}

/**
 * A payload this ledger validated when it wrote it (a decider's event, read back on a hot path:
 * the state loader, the import): at the current version it is taken as is; an older one is upcast
 * and the result validated like any other. Everything else reads through `upcast`.
 */
export function upcastTrusted<T extends CareerEventType>(
  type: T,
  schemaVersion: number,
  data: unknown,
  upcasters: Partial<Record<CareerEventType, Record<number, Upcaster>>> = UPCASTERS,
): EventData<T> {
  if (isCareerEventType(type) && schemaVersion === EVENT_CATALOGUE[type].schemaVersion) return data as EventData<T>;
  return upcast(type, schemaVersion, data, upcasters);
}
