/**
 * A cadre's history and state at a date, answered once for the API and the CLI: read from the
 * streams themselves (the cadre's, the appeals about the cadre, the org units its posts name and
 * the policy stream), so they never lag behind a write.
 */
import { loadCadreRecord, toRecordedEvent, toTrustedRecordedEvent, type CadreRecord } from '@ledger/application';
import {
  cadreHistory,
  cadreStateAt,
  knownAtMs,
  knownCadreName,
  knownFilter,
  knownOrgUnitKind,
  ledgerFactsOf,
  nameLookup,
  orgUnitIdsNamedBy,
  otherCadreIdsNamedBy,
  streamIdOf,
  type CadreStateAt,
  type CalendarDate,
  type HistoryLinks,
} from '@ledger/domain';
import { compareAllPositions, type EventStore, type StoredEvent } from '@ledger/event-store';

export interface HistoryParams {
  readonly cadreId: string;
  /** Only events effective on or before this date. */
  readonly asOf?: CalendarDate | undefined;
  /** Only events recorded at or before this instant (UTC ISO, see knownAtSchema). */
  readonly knownAt?: string | undefined;
  /** Without asOf: the day of reading, after which an event shows as scheduled (T4). */
  readonly today?: CalendarDate | undefined;
}

export type HistoryEntry = StoredEvent & { links: HistoryLinks; counts: boolean; scheduled: boolean };

/** An org unit the history names, with its registered name and kind (names beside ids). */
export interface NamedOrgUnit {
  orgUnitId: string;
  name: string | null;
  kind: string | null;
}

export interface HistoryAnswer {
  cadreId: string;
  /** 姓名, from the cadre's registration (null if not registered). */
  cadreName: string | null;
  asOf: string | null;
  knownAt: string | null;
  /** The cadre stream's revision: the If-Match of the next write. */
  streamRevision: number;
  /** The cadre's events, those of the appeals about the cadre and the recommendations of the cadre, in the order the ledger learned them. */
  events: HistoryEntry[];
  /** Every org unit the events name. */
  orgUnits: NamedOrgUnit[];
  /** The other cadres the events name (talk partners, the recommended and the recommender), with their names. */
  cadres: { cadreId: string; name: string | null }[];
}

/** Their names as known at `knownAt`, each from the cadre's own stream (names.ts). */
async function otherCadreNames(store: EventStore, ids: readonly string[], knownAt: string | undefined): Promise<{ cadreId: string; name: string | null }[]> {
  return Promise.all(
    ids.map(async (cadreId) => {
      // Only what names a cadre: its registrations and the retractions that may void one. This
      // ledger's own events, read for a label: not validated again (a county leader talks with dozens).
      const naming = (await store.readStream(streamIdOf('cadre', cadreId))).filter((e) => e.type === 'CadreRegistered' || e.type === 'EntryRetracted');
      const facts = ledgerFactsOf(naming.map(toTrustedRecordedEvent));
      return { cadreId, name: knownCadreName(facts, knownFilter(facts, knownAt), cadreId) };
    }),
  );
}

/** Null when the ledger has no event of the cadre. */
/**
 * The ledger knew the cadre at `knownAt` when an event of the cadre's stream was recorded by then
 * (found by a review: a history or state as known before the cadre's first record answered an
 * empty 200, where tenure and eligibility answered 404).
 */
function knownBy(record: CadreRecord, knownAt: string | undefined): boolean {
  if (knownAt === undefined) return true;
  const knownMs = knownAtMs(knownAt); // T1: a bare date is the end of that day, Beijing time
  return record.cadre.some((e) => Date.parse(e.recordedAt) <= knownMs);
}

export async function cadreHistoryAnswer(store: EventStore, params: HistoryParams): Promise<HistoryAnswer | null> {
  const record = await loadCadreRecord(store, params.cadreId);
  if (!record || !knownBy(record, params.knownAt)) return null;
  // The cadre's stream, the appeals about the cadre and the recommendations of the cadre (TM5, on the recommender's stream).
  const stored = [...record.cadre, ...record.appeals, ...record.recommendations].sort((a, b) => compareAllPositions(a.position, b.position));
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  const entries = cadreHistory(stored.map(toRecordedEvent), {
    ...(params.asOf ? { asOf: params.asOf } : {}),
    ...(params.knownAt ? { knownAt: params.knownAt } : {}),
    ...(params.today ? { today: params.today } : {}),
    onlyEffective: params.asOf !== undefined,
  });
  // Names as every other answer gives them (domain read-models/names.ts): retracted registrations do not name.
  const facts = ledgerFactsOf(record.all);
  const filter = knownFilter(facts, params.knownAt);
  const names = nameLookup(facts, filter);
  const named = [...new Set(entries.flatMap((e) => orgUnitIdsNamedBy(e.event)))].sort();
  const others = [...new Set(entries.flatMap((e) => otherCadreIdsNamedBy(e.event, params.cadreId)))].sort();
  return {
    cadreId: params.cadreId,
    cadreName: names.cadreName(params.cadreId),
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ?? null,
    streamRevision: record.cadre[record.cadre.length - 1]!.revision,
    events: entries.map((e) => ({ ...byId.get(e.event.eventId)!, links: e.links, counts: e.counts, scheduled: e.scheduled })),
    orgUnits: named.map((id): NamedOrgUnit => ({ orgUnitId: id, name: names.orgUnitName(id), kind: knownOrgUnitKind(facts, filter, id) ?? null })),
    cadres: await otherCadreNames(store, others, params.knownAt),
  };
}

/** What the ledger said on `knownAt` about `asOf`; null when the ledger has no event of the cadre. */
export async function cadreStateAnswer(store: EventStore, params: HistoryParams & { readonly asOf: CalendarDate }): Promise<CadreStateAt | null> {
  const record = await loadCadreRecord(store, params.cadreId);
  if (!record || !knownBy(record, params.knownAt)) return null;
  return cadreStateAt(record.all, params.cadreId, { asOf: params.asOf, ...(params.knownAt ? { knownAt: params.knownAt } : {}) });
}
