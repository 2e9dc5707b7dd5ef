/**
 * Builds one cadre's audit-trail export from the event store itself (never from a projection,
 * which may lag or be rebuilt): the cadre's stream and the streams of the appeals about the cadre,
 * each read up to its head and verified against it, the links between events, and a summary.
 */
import { createHash } from 'node:crypto';
import { toRecordedEvent } from '@ledger/application';
import { cadreHistory, orgUnitIdsNamedBy, otherCadreIdsNamedBy, streamIdOf, type HistoryEntry, type RecordedEvent } from '@ledger/domain';
import { canonicalJson, compareAllPositions, GENESIS_HASH, readStreamWithHead, StreamChainChecker, type BrokenLink, type EventStore, type StoredEvent } from '@ledger/event-store';
import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_EXPORT_VERSION,
  HASH_ALGORITHM_DESCRIPTION,
  type AuditExport,
  type ExportedEvent,
  type ExportedCadre,
  type ExportedLinks,
  type ExportedOrgUnit,
  type ExportedStream,
  type ExportSummary,
} from './export-document';

export interface ExportOptions {
  /** ISO-8601 instant, from the caller's clock. */
  readonly generatedAt: string;
  /** The actor exporting (from the credential). */
  readonly generatedBy: string;
}

type ExportStore = Pick<EventStore, 'readStream' | 'streamHead' | 'findEventsByData'>;

/** The event as the domain reads it, or null when its type or payload is not readable (e.g. tampered). */
export function readDomainEvent(event: StoredEvent): RecordedEvent | null {
  try {
    return toRecordedEvent(event);
  } catch {
    return null;
  }
}

/** SHA-256 of the canonical JSON of the document without its `documentHash`. */
export function computeDocumentHash(document: Omit<AuditExport, 'documentHash'> & { documentHash?: string }): string {
  const { documentHash: _ignored, ...rest } = document;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function toExportedEvent(e: StoredEvent): ExportedEvent {
  return {
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    revision: e.revision,
    globalPosition: e.globalPosition,
    position: { commit: e.position.commit, prepare: e.position.prepare },
    effectiveDate: e.effectiveDate,
    recordedAt: e.recordedAt,
    actor: e.actor,
    documentRef: e.documentRef,
    correlationId: e.correlationId,
    causationId: e.causationId,
    data: e.data,
    metadata: e.metadata,
    hash: e.hash,
  };
}

/**
 * One stream as of its head, read as `readStreamWithHead` reads it: an append racing the export
 * cannot look like a broken chain, and events past a rewound head are exported and the break
 * reported (found by a review: they were dropped, and the export said the chain was intact).
 */
async function exportStream(store: ExportStore, streamId: string, kind: ExportedStream['kind']): Promise<{ stream: ExportedStream; events: StoredEvent[] }> {
  const { events, head } = await readStreamWithHead(store, streamId);
  const checker = new StreamChainChecker(streamId);
  let firstBroken: BrokenLink | undefined;
  for (const event of events) {
    firstBroken = checker.check(event);
    if (firstBroken) break;
  }
  firstBroken ??= checker.finish(head ?? undefined);
  return {
    stream: {
      streamId,
      kind,
      head: head ? { revision: head.revision, hash: head.lastHash } : null,
      verification: { ok: firstBroken === undefined, checkedEvents: events.length, ...(firstBroken ? { firstBroken: { ...firstBroken } } : {}) },
      events: events.map(toExportedEvent),
    },
    events,
  };
}

/**
 * The registration a name comes from: the latest that counts. A registration retracted as a
 * clerical error and recorded again is a correction for the whole history (names.ts), so the
 * first one may name the unit or the cadre wrongly.
 */
function latestCountingRegistration<T extends 'CadreRegistered' | 'OrgUnitRegistered'>(
  history: readonly HistoryEntry[],
  type: T,
): Extract<RecordedEvent, { type: T }> | undefined {
  let latest: Extract<RecordedEvent, { type: T }> | undefined;
  for (const { event, counts } of history) if (counts && event.type === type) latest = event as Extract<RecordedEvent, { type: T }>;
  return latest;
}

/** The latest counting registration of an org unit or a cadre, read from its own stream, and the stored event it is. */
async function namingRegistration<T extends 'CadreRegistered' | 'OrgUnitRegistered'>(
  store: ExportStore,
  streamId: string,
  type: T,
): Promise<{ registered: Extract<RecordedEvent, { type: T }> | undefined; stored: StoredEvent[] }> {
  const stored = await store.readStream(streamId);
  // Only what names it: its registrations and the retractions that may void one.
  const readable = stored.filter((e) => e.type === type || e.type === 'EntryRetracted').flatMap((e) => readDomainEvent(e) ?? []);
  return { registered: latestCountingRegistration(cadreHistory(readable), type), stored };
}

async function exportOrgUnit(store: ExportStore, orgUnitId: string): Promise<ExportedOrgUnit> {
  const { registered, stored } = await namingRegistration(store, streamIdOf('orgunit', orgUnitId), 'OrgUnitRegistered');
  const source = stored.find((e) => e.eventId === (registered?.eventId ?? stored[0]?.eventId));
  if (!registered) return { orgUnitId, name: null, kind: null, sourceEventId: source?.eventId ?? null, sourceHash: source?.hash ?? null };
  return { orgUnitId, name: registered.data.name, kind: registered.data.kind, sourceEventId: registered.eventId, sourceHash: source?.hash ?? null };
}

/** Another cadre named by the events: the name from their latest counting registration, and its source. */
async function exportNamedCadre(store: ExportStore, cadreId: string): Promise<ExportedCadre> {
  const { registered, stored } = await namingRegistration(store, streamIdOf('cadre', cadreId), 'CadreRegistered');
  if (!registered) return { cadreId, name: null, sourceEventId: null, sourceHash: null };
  return { cadreId, name: registered.data.name, sourceEventId: registered.eventId, sourceHash: stored.find((e) => e.eventId === registered.eventId)?.hash ?? null };
}

function summarise(streams: readonly ExportedStream[], events: readonly StoredEvent[], recorded: ReadonlyMap<string, RecordedEvent>, history: readonly HistoryEntry[], links: readonly ExportedLinks[]): ExportSummary {
  const eventsByType: Record<string, number> = {};
  for (const e of events) eventsByType[e.type] = (eventsByType[e.type] ?? 0) + 1;
  const cadreStreamId = streams.find((s) => s.kind === 'cadre')?.streamId;
  const registration = latestCountingRegistration(
    history.filter((h) => h.event.streamId === cadreStreamId),
    'CadreRegistered',
  );
  const dates = events.map((e) => e.effectiveDate).sort();
  const recordedAts = events.map((e) => e.recordedAt).sort();
  return {
    cadreName: registration?.data.name ?? null,
    streams: streams.length,
    events: events.length,
    appeals: streams.filter((s) => s.kind === 'appeal').length,
    eventsByType,
    retractedEvents: links.filter((l) => !l.counts).length,
    firstEffectiveDate: dates[0] ?? null,
    lastEffectiveDate: dates[dates.length - 1] ?? null,
    lastRecordedAt: recordedAts[recordedAts.length - 1] ?? null,
    chainsIntact: streams.every((s) => s.verification.ok),
    unreadableEvents: events.filter((e) => !recorded.has(e.eventId)).map((e) => e.eventId),
  };
}

/** The export of one cadre, or null when the ledger has no stream for it. */
export async function buildCadreExport(store: ExportStore, cadreId: string, options: ExportOptions): Promise<AuditExport | null> {
  const cadre = await exportStream(store, streamIdOf('cadre', cadreId), 'cadre');
  if (cadre.events.length === 0 && cadre.stream.head === null) return null;

  const filed = await store.findEventsByData('AppealFiled', 'cadreId', cadreId);
  const appealStreamIds = [...new Set(filed.map((e) => e.streamId))];
  const appeals: Array<{ stream: ExportedStream; events: StoredEvent[] }> = [];
  for (const streamId of appealStreamIds) appeals.push(await exportStream(store, streamId, 'appeal'));

  const parts = [cadre, ...appeals];
  const streams = parts.map((p) => p.stream);
  const events = parts.flatMap((p) => p.events);
  const recorded = new Map<string, RecordedEvent>();
  for (const e of events) {
    const r = readDomainEvent(e);
    if (r) recorded.set(e.eventId, r);
  }
  // The history links, over every readable event in the store-wide order (≈ recorded order).
  const inOrder = [...events].sort((a, b) => compareAllPositions(a.position, b.position));
  const history = cadreHistory(inOrder.map((e) => recorded.get(e.eventId)).filter((e): e is RecordedEvent => e !== undefined));
  const links: ExportedLinks[] = history.map(({ event, links: l, counts }) => ({
    eventId: event.eventId,
    counts,
    retractedBy: l.retractedBy,
    ...(l.retracts !== undefined ? { retracts: l.retracts } : {}),
    rescindedBy: l.rescindedBy,
    ...(l.rescinds !== undefined ? { rescinds: l.rescinds } : {}),
    appealedBy: l.appealedBy,
    ...(l.appealOf !== undefined ? { appealOf: l.appealOf } : {}),
    ...(l.causedBy !== undefined ? { causedBy: l.causedBy } : {}),
    causes: l.causes,
  }));

  const orgUnitIds = [...new Set([...recorded.values()].flatMap(orgUnitIdsNamedBy))].sort();
  const orgUnits: ExportedOrgUnit[] = [];
  for (const id of orgUnitIds) orgUnits.push(await exportOrgUnit(store, id));
  const otherCadreIds = [...new Set([...recorded.values()].flatMap((e) => otherCadreIdsNamedBy(e, cadreId)))].sort();
  const cadres: ExportedCadre[] = [];
  for (const id of otherCadreIds) cadres.push(await exportNamedCadre(store, id));

  const document: Omit<AuditExport, 'documentHash'> = {
    format: AUDIT_EXPORT_FORMAT,
    formatVersion: AUDIT_EXPORT_VERSION,
    cadreId,
    generatedAt: options.generatedAt,
    generatedBy: options.generatedBy,
    hashAlgorithm: HASH_ALGORITHM_DESCRIPTION,
    genesisHash: GENESIS_HASH,
    streams,
    links,
    orgUnits,
    cadres,
    summary: summarise(streams, events, recorded, history, links),
  };
  return { ...document, documentHash: computeDocumentHash(document) };
}
