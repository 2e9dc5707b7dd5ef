/**
 * An export checked against the ledger it claims to come from. `verifyExport` proves only that a
 * file agrees with itself (anyone may recompute its hashes); what anchors it is that each event it
 * carries, of its streams and related, is the very event the ledger holds, hash for hash, and that
 * the ledger's event still matches its own hash. Heads alone would prove the chains the same only
 * if the ledger's own chains were intact: an event edited in the ledger after the export, its hash
 * left, passed as "the file's chains are the ledger's" (found by a review), and an event edited or
 * deleted with the ledger's hashes recomputed was named only at the head. Each such event is named.
 *
 * Run it on a file whose own check passed.
 */
import { EVENT_TYPE_NAMES_ZH, shanghaiTime, streamIdOf, type CareerEventType } from '@ledger/domain';
import { StreamChainChecker, type EventStore, type StoredEvent } from '@ledger/event-store';
import { RELATED_EVENT_ROLE_NAMES_ZH, type AuditExport, type RelatedEventRole } from './export-document';

export type LedgerComparisonReason =
  | 'NOT_IN_LEDGER' // the ledger holds no event with this id (deleted from the ledger, or made up in the file)
  | 'PLACE_DIFFERS' // the ledger holds it in another stream or at another revision
  | 'HASH_DIFFERS' // the ledger's event is not the file's (changed in the file, or in the ledger since)
  | 'LEDGER_EVENT_EDITED'; // the ledger holds the file's hash, but its event no longer matches it (changed in the ledger since)

export interface ComparedEvent {
  /** Why the file carries it: a stream's head, another event of its streams, or a related event's role. */
  readonly role: 'STREAM_HEAD' | 'STREAM_EVENT' | RelatedEventRole;
  readonly eventId: string;
  /** Its type as the file carries it. */
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly fileHash: string;
  /** The hash the ledger holds for this event id (null when it holds none). */
  readonly ledgerHash: string | null;
  /** Where the ledger holds it (null when it holds none): with PLACE_DIFFERS, not where the file says. */
  readonly ledgerStreamId: string | null;
  readonly ledgerRevision: number | null;
  readonly ok: boolean;
  readonly reason?: LedgerComparisonReason;
  /**
   * With HASH_DIFFERS or LEDGER_EVENT_EDITED: the fields whose values differ between the file's event
   * and the ledger's (the first 20; `data.grade`, `effectiveDate`, …), so that an auditor sees what was
   * changed, not two hashes (found by an auditor's review: the same hash twice offered as the evidence).
   */
  readonly contentDifferences?: readonly ContentDifference[];
}

/** One field of an event whose value the file and the ledger give differently (JSON values; undefined: absent). */
export interface ContentDifference {
  readonly path: string;
  readonly file: unknown;
  readonly ledger: unknown;
}

const COMPARED_ENVELOPE_FIELDS = ['type', 'effectiveDate', 'recordedAt', 'actor', 'documentRef', 'correlationId', 'causationId', 'schemaVersion'] as const;
const MAX_CONTENT_DIFFERENCES = 20;

/** The fields two versions of one event give differently: envelope fields, then `data` and `metadata` leaf by leaf. */
export function contentDifferences(file: Partial<StoredEvent>, ledger: StoredEvent): ContentDifference[] {
  const found: ContentDifference[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const field of COMPARED_ENVELOPE_FIELDS) if (!same(file[field], ledger[field])) found.push({ path: field, file: file[field], ledger: ledger[field] });
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (found.length >= MAX_CONTENT_DIFFERENCES) return;
    const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
    if (!objects) {
      if (!same(a, b)) found.push({ path, file: a, ledger: b });
      return;
    }
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const key of keys) walk(`${path}.${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  };
  walk('data', file.data, ledger.data);
  walk('metadata', file.metadata ?? {}, ledger.metadata ?? {});
  return found.slice(0, MAX_CONTENT_DIFFERENCES);
}

export interface ComparedStream {
  readonly streamId: string;
  readonly fileHeadRevision: number;
  /** The stream's head in the ledger now (null when the ledger has no such stream). */
  readonly ledgerHeadRevision: number | null;
  /** Events the ledger holds in the stream, recorded after the export, that the file lacks: not a discrepancy, a later state. */
  readonly appendedSince: number;
}

/**
 * An event the ledger recorded well before the export was generated and the file does not carry:
 * any event of the file's streams, an appeal about the cadre filed then, a recommendation. A file
 * with events cut out, its revisions renumbered and its hashes recomputed, agrees with itself and
 * has heads the ledger holds; only this tells it from a file taken before those events, and names
 * the very events cut (found by a review: only the event after the head was looked at, so an
 * event cut from the middle was never named, one the file carries was said missing, and the
 * shortened stream was said appended to since the export).
 */
export interface OmittedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
}

/** Events recorded less than this before `generatedAt` may have been in flight when the export read the ledger. */
export const OMISSION_MARGIN_MS = 60_000;

export interface LedgerComparison {
  /** Every event of the file, of its streams and related, is the ledger's own, and nothing recorded before the export is missing. */
  readonly ok: boolean;
  readonly comparedEvents: number;
  readonly events: readonly ComparedEvent[];
  readonly streams: readonly ComparedStream[];
  /** Appeals about the cadre the ledger holds and the file does not (filed after the export, or omitted). */
  readonly appealStreamsNotInFile: readonly string[];
  /** Streams of the file that are neither the cadre's own nor an appeal about the cadre in the ledger, or carried twice. */
  readonly streamsNotAboutTheCadre: readonly string[];
  /** Events recorded more than OMISSION_MARGIN_MS before the export that the file lacks. */
  readonly omitted: readonly OmittedEvent[];
  /**
   * The ledger's recommendations of the cadre and their retractions (TM5(b)), recorded before the
   * export, not looked for in the file: it predates exports carrying them (it has no `relatedEvents`:
   * written before 3efb0a6, 2026-12-03), so it could not hold them. 0 for a file that carries them,
   * where each one missing is `omitted`.
   */
  readonly recommendationsNotChecked: number;
  /**
   * The file carries no related events though it says it was generated since exports carry them
   * (RELATED_EVENTS_EXPORTED_SINCE): its recommendations are looked for, and each one missing is
   * `omitted` (removed, or the file written by a release older than its date says).
   */
  readonly relatedEventsAbsent: boolean;
  readonly firstMismatch?: ComparedEvent;
}

/** The options of `compareExportWithLedger`. */
export interface LedgerComparisonOptions {
  /** When exports began to carry related events; a file without them generated before it is one of those older files. */
  readonly relatedEventsExportedSince?: string;
}

export type LedgerReader = Pick<EventStore, 'findEvents' | 'findEventsByData' | 'readStream'>;

export async function compareExportWithLedger(document: AuditExport, ledger: LedgerReader, options: LedgerComparisonOptions = {}): Promise<LedgerComparison> {
  const anchors: Array<Omit<ComparedEvent, 'ledgerHash' | 'ledgerStreamId' | 'ledgerRevision' | 'ok' | 'reason'>> = [];
  // The file's own events by id, to say what differs from the ledger's.
  const fileEvents = new Map<string, Partial<StoredEvent>>();
  for (const stream of document.streams) {
    if (stream.head === null) continue;
    for (const e of [...stream.events].sort((a, b) => a.revision - b.revision)) {
      fileEvents.set(e.eventId, e as Partial<StoredEvent>);
      const isHead = e.revision === stream.head.revision;
      anchors.push({ role: isHead ? 'STREAM_HEAD' : 'STREAM_EVENT', eventId: e.eventId, type: e.type, streamId: stream.streamId, revision: e.revision, fileHash: isHead ? stream.head.hash : e.hash });
    }
  }
  for (const related of document.relatedEvents ?? []) {
    const e = related.event;
    fileEvents.set(e.eventId, e as Partial<StoredEvent>);
    anchors.push({ role: related.role, eventId: e.eventId, type: e.type, streamId: e.streamId, revision: e.revision, fileHash: e.hash });
  }
  const held = new Map<string, StoredEvent>((await ledger.findEvents([...new Set(anchors.map((a) => a.eventId))])).map((e) => [e.eventId, e]));
  // Each stream the file carries or holds an event of, read whole once: its events' hashes checked, and the file's streams' events compared one by one.
  const ledgerStreams = new Map<string, readonly StoredEvent[]>();
  for (const streamId of new Set([...document.streams.filter((s) => s.head !== null).map((s) => s.streamId), ...[...held.values()].map((e) => e.streamId)])) {
    ledgerStreams.set(streamId, await ledger.readStream(streamId));
  }
  const edited = eventsNotMatchingTheirHash(ledgerStreams);
  const events = anchors.map((anchor): ComparedEvent => {
    const stored = held.get(anchor.eventId);
    const reason: LedgerComparisonReason | undefined = !stored
      ? 'NOT_IN_LEDGER'
      : stored.streamId !== anchor.streamId || stored.revision !== anchor.revision
        ? 'PLACE_DIFFERS'
        : stored.hash !== anchor.fileHash
          ? 'HASH_DIFFERS'
          : edited.has(stored.eventId)
            ? 'LEDGER_EVENT_EDITED'
            : undefined;
    const differences = stored && (reason === 'HASH_DIFFERS' || reason === 'LEDGER_EVENT_EDITED') ? contentDifferences(fileEvents.get(anchor.eventId) ?? {}, stored) : [];
    return {
      ...anchor,
      ledgerHash: stored?.hash ?? null,
      ledgerStreamId: stored?.streamId ?? null,
      ledgerRevision: stored?.revision ?? null,
      ok: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(differences.length > 0 ? { contentDifferences: differences } : {}),
    };
  });

  const generated = Date.parse(document.generatedAt);
  const before = (e: StoredEvent): boolean => Number.isNaN(generated) || Date.parse(e.recordedAt) <= generated - OMISSION_MARGIN_MS;
  const omitted: OmittedEvent[] = [];
  const omission = (e: StoredEvent): OmittedEvent => ({ streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, recordedAt: e.recordedAt });
  const streams: ComparedStream[] = [];
  for (const stream of document.streams) {
    if (stream.head === null) continue;
    const inLedger = ledgerStreams.get(stream.streamId) ?? [];
    const carriedHere = new Set(stream.events.map((e) => e.eventId));
    let appendedSince = 0;
    for (const e of inLedger) {
      if (carriedHere.has(e.eventId)) continue;
      if (before(e)) omitted.push(omission(e));
      else appendedSince++;
    }
    streams.push({ streamId: stream.streamId, fileHeadRevision: stream.head.revision, ledgerHeadRevision: inLedger.at(-1)?.revision ?? null, appendedSince });
  }
  const inFile = new Set(document.streams.map((s) => s.streamId));
  const filings = await ledger.findEventsByData('AppealFiled', 'cadreId', document.cadreId);
  const appeals = filings.filter((e) => !inFile.has(e.streamId));
  // Another cadre's genuine stream spliced in, or one carried twice, anchors as the ledger's own (found by a review).
  const aboutTheCadre = new Set([streamIdOf('cadre', document.cadreId), ...filings.map((e) => e.streamId)]);
  const counted = new Set<string>();
  const streamsNotAboutTheCadre = document.streams
    .filter((s) => {
      const foreignOrTwice = !aboutTheCadre.has(s.streamId) || counted.has(s.streamId);
      counted.add(s.streamId);
      return foreignOrTwice;
    })
    .map((s) => s.streamId);
  for (const filed of appeals) if (before(filed)) omitted.push(omission(filed));
  const appealStreamsNotInFile = [...new Set(appeals.map((e) => e.streamId))].sort();
  // TM5(b): the recommendations of the cadre and their retractions, on the recommenders' streams
  // (found by a review: a file with either removed and resealed passed against the ledger). Looked
  // for in a file that carries them only: one exported before they were (no `relatedEvents`) was
  // said cut for each recommendation of a secretary (found by an upgrade review); they are counted
  // as not checked instead, and said so. Only a file generated before they were exported can be
  // such a file: one generated since without them is checked as any other (found by a review of
  // that fix: a current file with its related events removed and resealed passed).
  const since = Date.parse(options.relatedEventsExportedSince ?? RELATED_EVENTS_EXPORTED_SINCE);
  const relatedEventsAbsent = document.relatedEvents === undefined && Date.parse(document.generatedAt) >= since;
  const carriesRecommendations = document.relatedEvents !== undefined || relatedEventsAbsent;
  const carried = new Set([...document.streams.flatMap((s) => s.events.map((e) => e.eventId)), ...(document.relatedEvents ?? []).map((r) => r.event.eventId)]);
  let recommendationsNotChecked = 0;
  for (const e of await recommendationsOf(ledger, document.cadreId)) {
    if (carried.has(e.eventId) || !before(e)) continue;
    if (carriesRecommendations) omitted.push(omission(e));
    else recommendationsNotChecked++;
  }
  // The cadre's own stream must be anchored: a file with no head for it proves nothing about it.
  const cadreStream = streamIdOf('cadre', document.cadreId);
  const cadreAnchored = events.some((e) => e.role === 'STREAM_HEAD' && e.streamId === cadreStream);
  const firstMismatch = events.find((e) => !e.ok);
  return {
    ok: firstMismatch === undefined && cadreAnchored && omitted.length === 0 && streamsNotAboutTheCadre.length === 0,
    comparedEvents: events.length,
    events,
    streams,
    appealStreamsNotInFile,
    streamsNotAboutTheCadre,
    omitted,
    recommendationsNotChecked,
    relatedEventsAbsent,
    ...(firstMismatch ? { firstMismatch } : {}),
  };
}

/** When exports began to carry related events (commit 3efb0a6): a file generated since always carries them. */
export const RELATED_EVENTS_EXPORTED_SINCE = '2026-12-03T08:24:48Z';

/** The ids of the ledger's events in these streams whose content no longer matches their stored hash (as `verify` finds them). */
function eventsNotMatchingTheirHash(streams: ReadonlyMap<string, readonly StoredEvent[]>): Set<string> {
  const edited = new Set<string>();
  for (const [streamId, events] of streams) {
    const checker = new StreamChainChecker(streamId);
    for (const e of events) if (checker.checkEach(e).some((b) => b.reason === 'HASH_MISMATCH')) edited.add(e.eventId);
  }
  return edited;
}

/** The cadre's recommendations in the ledger and their retractions on the recommenders' streams, as the export gathers them. */
async function recommendationsOf(ledger: LedgerReader, cadreId: string): Promise<StoredEvent[]> {
  const found = await ledger.findEventsByData('LeaderRecommended', 'recommendedCadreId', cadreId);
  const ids = new Set(found.map((e) => e.eventId));
  const retractions: StoredEvent[] = [];
  for (const streamId of [...new Set(found.map((e) => e.streamId))]) {
    for (const e of await ledger.readStream(streamId)) if (e.type === 'EntryRetracted' && ids.has(String(e.data.targetEventId))) retractions.push(e);
  }
  return [...found, ...retractions];
}

const REASONS_ZH: Record<LedgerComparisonReason, string> = {
  NOT_IN_LEDGER: '台账中没有该事件（已从台账删除，或文件中的事件为编造）',
  PLACE_DIFFERS: '台账中该事件位于另一事件流或另一序号',
  HASH_DIFFERS: '台账中该事件的哈希与文件不同（文件或台账已被改动）',
  LEDGER_EVENT_EDITED: '台账中该事件的哈希与文件相同，但其内容已与哈希不符（台账在导出后被改动；verify 亦会指出）',
};

const ROLES_ZH: Record<ComparedEvent['role'], string> = {
  STREAM_HEAD: '流头',
  STREAM_EVENT: '事件流中的事件',
  ...RELATED_EVENT_ROLE_NAMES_ZH,
};

/** One line per discrepancy, in Chinese, for the CLI and the pages. */
export function describeLedgerMismatchZh(e: ComparedEvent): string {
  // One hash when both hold the same (LEDGER_EVENT_EDITED: the ledger's content changed under it), not the same hash twice.
  const hashes = e.ledgerHash === e.fileHash ? `哈希 ${e.fileHash}（文件与台账相同）` : `文件 ${e.fileHash}${e.ledgerHash ? `；台账 ${e.ledgerHash}` : ''}`;
  const ledgerPlace = e.reason === 'PLACE_DIFFERS' && e.ledgerStreamId !== null ? `（台账中为事件流 ${e.ledgerStreamId} 第 ${e.ledgerRevision} 号）` : '';
  const changed = e.contentDifferences?.length ? `。内容不同之处：${e.contentDifferences.map((d) => `${d.path} 文件为 ${shown(d.file)}，台账为 ${shown(d.ledger)}`).join('；')}` : '';
  return `事件流 ${e.streamId} 第 ${e.revision} 号事件（${e.eventId}，${typeNameZh(e.type)}，${ROLES_ZH[e.role]}）：${e.reason ? REASONS_ZH[e.reason] : '一致'}${ledgerPlace} [${e.reason ?? 'OK'}]。${hashes}${changed}`;
}

/** A JSON value as the sentences quote it: short, one line, "（无）" when absent. */
const shown = (value: unknown): string => {
  if (value === undefined) return '（无）';
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
};

const typeNameZh = (type: string): string => EVENT_TYPE_NAMES_ZH[type as CareerEventType] ?? type;

/** What the comparison found, in Chinese sentences (the first says whether the file is the ledger's). */
export function describeLedgerComparisonZh(c: LedgerComparison): string[] {
  const lines: string[] = [];
  const heads = c.events.filter((e) => e.role === 'STREAM_HEAD').length;
  const ofStreams = c.events.filter((e) => e.role === 'STREAM_HEAD' || e.role === 'STREAM_EVENT').length;
  const related = c.comparedEvents - ofStreams;
  const mismatches = c.events.filter((e) => !e.ok);
  const anchored = c.events.some((e) => e.role === 'STREAM_HEAD');
  if (c.ok) lines.push(`与台账核对一致：${heads} 条事件流的 ${ofStreams} 个事件${related > 0 ? `及 ${related} 个关联事件` : ''}均为台账中的同一事件，哈希相同，台账中这些事件的内容与哈希相符；文件中的各条哈希链即台账中的哈希链。`);
  else if (mismatches.length > 0) {
    lines.push(`与台账核对未通过：${mismatches.length} 个事件与台账不符。`);
    for (const e of mismatches) lines.push(`  ${describeLedgerMismatchZh(e)}`);
  } else if (!anchored) lines.push('与台账核对未通过：文件没有该干部本人事件流的流头，无从与台账核对。');
  if (c.omitted.length > 0) {
    if (mismatches.length === 0 && anchored) lines.push(`与台账核对未通过：文件缺少台账在导出前已录入的 ${c.omitted.length} 个事件（文件被删减，或导出时间被改动）。`);
    for (const o of c.omitted) lines.push(`  缺少：事件流 ${o.streamId} 第 ${o.revision} 号事件（${o.eventId}，${typeNameZh(o.type)}），台账录入于 ${shanghaiTime(o.recordedAt)}。`);
    if (c.relatedEventsAbsent) {
      lines.push(`  文件不含关联事件，却导出于 ${shanghaiTime(RELATED_EVENTS_EXPORTED_SINCE)} 之后（此后导出的文件均携带推荐记录）：关联事件被删去，或文件由更早的版本导出；如属后者，请用现行版本重新导出后再核对。`);
    }
  }
  if (c.recommendationsNotChecked > 0) {
    lines.push(`  文件由早于携带推荐记录的版本导出（不含关联事件）：台账在导出前已录入的 ${c.recommendationsNotChecked} 个推荐该干部的事件（推荐或其撤回）未与文件核对。`);
  }
  if (c.streamsNotAboutTheCadre.length > 0) lines.push(`与台账核对未通过：文件中的事件流 ${c.streamsNotAboutTheCadre.join('、')} 不是该干部本人的事件流或关于其本人的复核或申诉，或重复出现。`);
  const omittedStreams = new Set(c.omitted.map((o) => o.streamId));
  for (const s of c.streams) {
    if (s.appendedSince > 0) lines.push(`  事件流 ${s.streamId} 在导出后又追加了 ${s.appendedSince} 个事件（台账流头第 ${s.ledgerHeadRevision} 号）：文件反映导出时的状态。`);
  }
  const laterAppeals = c.appealStreamsNotInFile.filter((id) => !omittedStreams.has(id));
  if (laterAppeals.length > 0) lines.push(`  台账中另有该干部的复核或申诉 ${laterAppeals.join('、')}，导出时尚未提出，不在文件中。`);
  return lines;
}
