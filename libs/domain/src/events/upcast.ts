/**
 * Schema evolution: a stored payload of an older schema version is upcast step by step
 * (v1 → v2 → …) to the current version on read, then validated against the current schema.
 * Stored events are never rewritten; only what is read is upgraded.
 */
import { EVENT_CATALOGUE, isCareerEventType, type CareerEventType, type EventData } from './catalogue';

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * TM1 (`TM1.member-under-30`) PolicyVersionAdopted v1 → v2: a version adopted before
 * `teamAges.minJuniorMembers` existed (commit fa12c29) reads 1, the count the check used for it
 * (RULES TM1: "every township team has at least one cadre under 30"). A v1 payload that has the
 * field (stored between that commit and v2) keeps it; one without `teamAges` at all (adopted
 * before the ten measures' settings) takes the schema's defaults of `teamAges`, 1 among them.
 * Found by an upgrade review: a version stored by an earlier release was read as stored, so its
 * re-import was refused as another fact, `projections verify` found the compliance table without
 * the field, and `GET /v1/policy` answered it without a field its document marks required.
 */
export const policyVersionAdoptedV1ToV2: Upcaster = (data) => {
  const settings = data.settings;
  if (!isObject(settings) || !isObject(settings.teamAges) || 'minJuniorMembers' in settings.teamAges) return data;
  return { ...data, settings: { ...settings, teamAges: { ...settings.teamAges, minJuniorMembers: 1 } } };
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Upcasters by event type and the version they upgrade *from*. When a payload changes shape
 * (a new field, even one with a schema default: a payload stored before it is otherwise read as
 * stored on the trusted paths), bump `schemaVersion` in the catalogue and add the step here.
 */
export const UPCASTERS: Partial<Record<CareerEventType, Record<number, Upcaster>>> = {
  PolicyVersionAdopted: { 1: policyVersionAdoptedV1ToV2 },
};

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
