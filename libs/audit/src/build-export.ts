/**
 * Builds one cadre's audit-trail export from the event store itself (never from a projection,
 * which may lag or be rebuilt): the cadre's stream and the streams of the appeals about the cadre,
 * each read up to its head and verified against it, the links between events, and a summary.
 */
import { createHash } from 'node:crypto';
import { toRecordedEvent } from '@ledger/application';
import { cadreHistory, orgUnitIdsNamedBy, otherCadreIdsNamedBy, streamIdOf, type HistoryEntry, type RecordedEvent } from '@ledger/domain';
import { canonicalJson, compareAllPositions, GENESIS_HASH, readStreamWithHead, StreamChainChecker, type BrokenLink, type EventStore, type StoredEvent, type StreamHead } from '@ledger/event-store';
import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_EXPORT_VERSION,
  EXPORT_DERIVATION_VERSION,
  HASH_ALGORITHM_DESCRIPTION,
  type AuditExport,
  type ExportedEvent,
  type ExportedCadre,
  type ExportedLinks,
  type ExportedOrgUnit,
  type ExportedRelatedEvent,
  type ExportedStream,
  type ExportSummary,
  type RelatedEventRole,
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

/** A stream read to its head as `verify`'s recheck reads it, and its chain checked link by link. */
async function checkedStream(store: ExportStore, streamId: string): Promise<{ events: StoredEvent[]; head: StreamHead | null; firstBroken: BrokenLink | undefined }> {
  const { events, head } = await readStreamWithHead(store, streamId);
  const checker = new StreamChainChecker(streamId);
  let firstBroken: BrokenLink | undefined;
  for (const event of events) {
    firstBroken = checker.check(event);
    if (firstBroken) break;
  }
  if (events.length > 0 || head) firstBroken ??= checker.finish(head ?? undefined);
  return { events, head, firstBroken };
}

/**
 * One stream as of its head, read as `readStreamWithHead` reads it: an append racing the export
 * cannot look like a broken chain, and events past a rewound head are exported and the break
 * reported (found by a review: they were dropped, and the export said the chain was intact).
 */
async function exportStream(store: ExportStore, streamId: string, kind: ExportedStream['kind']): Promise<{ stream: ExportedStream; events: StoredEvent[] }> {
  const { events, head, firstBroken } = await checkedStream(store, streamId);
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

/** An event of another stream, with the hash before it there, so the file alone can recompute its link. */
function relatedEvent(role: RelatedEventRole, stream: readonly StoredEvent[], event: StoredEvent, streamVerified: boolean): ExportedRelatedEvent {
  const previousHash = event.revision === 0 ? GENESIS_HASH : (stream.find((e) => e.revision === event.revision - 1)?.hash ?? null);
  return { role, previousHash, streamVerified, event: toExportedEvent(event) };
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

interface Named {
  readonly name: string | null;
  readonly sourceEventId: string | null;
  readonly sourceHash: string | null;
  readonly sourceVerified: boolean;
  readonly registered: RecordedEvent | undefined;
  readonly related: ExportedRelatedEvent | undefined;
}

/**
 * An org unit's or another cadre's name: the latest counting registration on its own stream, the
 * stored event it is (carried in the file) and whether that stream's chain is intact (found by a
 * review: a name edited in the database was shown beside the genuine hash of its registration).
 */
async function namingRegistration(store: ExportStore, streamId: string, type: 'CadreRegistered' | 'OrgUnitRegistered'): Promise<Named> {
  const { events, firstBroken } = await checkedStream(store, streamId);
  // Only what names it: its registrations and the retractions that may void one.
  const readable = events.filter((e) => e.type === type || e.type === 'EntryRetracted').flatMap((e) => readDomainEvent(e) ?? []);
  const registered = latestCountingRegistration(cadreHistory(readable), type);
  const source = registered ? events.find((e) => e.eventId === registered.eventId) : undefined;
  const sourceVerified = source !== undefined && firstBroken === undefined;
  const role: RelatedEventRole = type === 'CadreRegistered' ? 'CADRE_REGISTRATION' : 'ORG_UNIT_REGISTRATION';
  return {
    name: registered?.data.name ?? null,
    sourceEventId: source?.eventId ?? null,
    sourceHash: source?.hash ?? null,
    sourceVerified,
    registered,
    related: source ? relatedEvent(role, events, source, firstBroken === undefined) : undefined,
  };
}

async function exportOrgUnit(store: ExportStore, orgUnitId: string): Promise<{ unit: ExportedOrgUnit; related: ExportedRelatedEvent | undefined }> {
  const named = await namingRegistration(store, streamIdOf('orgunit', orgUnitId), 'OrgUnitRegistered');
  const kind = named.registered?.type === 'OrgUnitRegistered' ? named.registered.data.kind : null;
  const { name, sourceEventId, sourceHash, sourceVerified } = named;
  return { unit: { orgUnitId, name, kind, sourceEventId, sourceHash, sourceVerified }, related: named.related };
}

/** Another cadre named by the events: the name from their latest counting registration, and its source. */
async function exportNamedCadre(store: ExportStore, cadreId: string): Promise<{ cadre: ExportedCadre; related: ExportedRelatedEvent | undefined }> {
  const { name, sourceEventId, sourceHash, sourceVerified, related } = await namingRegistration(store, streamIdOf('cadre', cadreId), 'CadreRegistered');
  return { cadre: { cadreId, name, sourceEventId, sourceHash, sourceVerified }, related };
}

/**
 * TM5(b): the recommendations of the cadre, stored on each recommender's stream, and their
 * retractions there, as the history page shows them (found by a review: the export left them out).
 */
async function recommendationEvents(store: ExportStore, cadreId: string): Promise<ExportedRelatedEvent[]> {
  const found = await store.findEventsByData('LeaderRecommended', 'recommendedCadreId', cadreId);
  const related: ExportedRelatedEvent[] = [];
  for (const streamId of [...new Set(found.map((e) => e.streamId))].sort()) {
    const { events, firstBroken } = await checkedStream(store, streamId);
    const ids = new Set(events.filter((e) => e.type === 'LeaderRecommended' && e.data.recommendedCadreId === cadreId).map((e) => e.eventId));
    for (const event of events) {
      const role = ids.has(event.eventId) ? 'RECOMMENDATION' : isRetractionOf(event, ids) ? 'RECOMMENDATION_RETRACTION' : undefined;
      if (role) related.push(relatedEvent(role, events, event, firstBroken === undefined));
    }
  }
  return related;
}

function isRetractionOf(event: StoredEvent, targets: ReadonlySet<string>): boolean {
  const target = event.data.targetEventId;
  return event.type === 'EntryRetracted' && typeof target === 'string' && targets.has(target);
}

/** Related events that are part of the cadre's history (not the registrations, which only name). */
const IN_HISTORY: ReadonlySet<RelatedEventRole> = new Set(['RECOMMENDATION', 'RECOMMENDATION_RETRACTION']);

/** The links and the summary, derived from the events alone: what the builder writes and `verifyExport` derives again. */
export function deriveLinksAndSummary(
  streams: readonly ExportedStream[],
  related: readonly ExportedRelatedEvent[] | undefined,
): { links: ExportedLinks[]; summary: ExportSummary } {
  const events = streams.flatMap((s) => s.events);
  const historyEvents = [...events, ...(related ?? []).filter((r) => IN_HISTORY.has(r.role)).map((r) => r.event)];
  const recorded = new Map<string, RecordedEvent>();
  for (const e of historyEvents) {
    const r = readDomainEvent(e);
    if (r) recorded.set(e.eventId, r);
  }
  // The history links, over every readable event in the store-wide order (≈ recorded order).
  const inOrder = [...historyEvents].sort((a, b) => compareAllPositions(a.position, b.position));
  const history = cadreHistory(inOrder.flatMap((e) => recorded.get(e.eventId) ?? []));
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
  const eventsByType: Record<string, number> = {};
  for (const e of events) eventsByType[e.type] = (eventsByType[e.type] ?? 0) + 1;
  const cadreStreamId = streams.find((s) => s.kind === 'cadre')?.streamId;
  const registration = latestCountingRegistration(
    history.filter((h) => h.event.streamId === cadreStreamId),
    'CadreRegistered',
  );
  const dates = events.map((e) => e.effectiveDate).sort();
  const recordedAts = events.map((e) => e.recordedAt).sort();
  const summary: ExportSummary = {
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
    unreadableEvents: historyEvents.filter((e) => !recorded.has(e.eventId)).map((e) => e.eventId),
    // A file from before related events (v1 without them) has neither field.
    ...(related
      ? { recommendations: related.filter((r) => r.role === 'RECOMMENDATION').length, relatedEventsIntact: related.every((r) => r.streamVerified) }
      : {}),
  };
  return { links, summary };
}

/** The export of one cadre, or null when the ledger has no stream for it. */
export async function buildCadreExport(store: ExportStore, cadreId: string, options: ExportOptions): Promise<AuditExport | null> {
  const cadre = await exportStream(store, streamIdOf('cadre', cadreId), 'cadre');
  if (cadre.events.length === 0 && cadre.stream.head === null) return null;

  const filed = await store.findEventsByData('AppealFiled', 'cadreId', cadreId);
  const appealStreamIds = [...new Set(filed.map((e) => e.streamId))];
  const appeals: Array<{ stream: ExportedStream; events: StoredEvent[] }> = [];
  for (const streamId of appealStreamIds) appeals.push(await exportStream(store, streamId, 'appeal'));
  const streams = [cadre, ...appeals].map((p) => p.stream);
  const recommendations = await recommendationEvents(store, cadreId);

  const readable = [...streams.flatMap((s) => s.events), ...recommendations.map((r) => r.event)].flatMap((e) => readDomainEvent(e) ?? []);
  const related: ExportedRelatedEvent[] = [...recommendations];
  const orgUnits: ExportedOrgUnit[] = [];
  for (const id of [...new Set(readable.flatMap(orgUnitIdsNamedBy))].sort()) {
    const { unit, related: source } = await exportOrgUnit(store, id);
    orgUnits.push(unit);
    if (source) related.push(source);
  }
  const cadres: ExportedCadre[] = [];
  for (const id of [...new Set(readable.flatMap((e) => otherCadreIdsNamedBy(e, cadreId)))].sort()) {
    const { cadre: named, related: source } = await exportNamedCadre(store, id);
    cadres.push(named);
    if (source) related.push(source);
  }
  const { links, summary } = deriveLinksAndSummary(streams, related);

  const document: Omit<AuditExport, 'documentHash'> = {
    format: AUDIT_EXPORT_FORMAT,
    formatVersion: AUDIT_EXPORT_VERSION,
    cadreId,
    // Never before an event it carries: recordedAt is the database's clock, generatedAt the exporting
    // machine's, which may run slow (found by a review: a genuine CLI export from a workstation 30 s
    // slow failed GENERATED_BEFORE_ITS_EVENTS).
    generatedAt: notBeforeItsEvents(options.generatedAt, streams),
    generatedBy: options.generatedBy,
    hashAlgorithm: HASH_ALGORITHM_DESCRIPTION,
    genesisHash: GENESIS_HASH,
    streams,
    links,
    orgUnits,
    cadres,
    relatedEvents: related,
    derivation: EXPORT_DERIVATION_VERSION,
    summary,
  };
  return { ...document, documentHash: computeDocumentHash(document) };
}

/** `generatedAt`, or the latest recordedAt of the events exported if that is later. */
function notBeforeItsEvents(generatedAt: string, streams: readonly ExportedStream[]): string {
  let latest = Date.parse(generatedAt);
  for (const stream of streams) for (const e of stream.events) latest = Math.max(latest, Date.parse(e.recordedAt));
  return new Date(latest).toISOString() === new Date(Date.parse(generatedAt)).toISOString() ? generatedAt : new Date(latest).toISOString();
}
