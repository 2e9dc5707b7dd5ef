/**
 * A cadre's history and state at a date, answered once for the API and the CLI: read from the
 * streams themselves (the cadre's, the appeals about the cadre, the org units its posts name and
 * the policy stream), so they never lag behind a write.
 */
import { loadCadreRecord, readStoredEvent, toTrustedRecordedEvent, UnreadableStoredEventError, type CadreRecord } from '@ledger/application';
import {
  cadreHistory,
  cadreStateAt,
  EVENT_TYPE_NAMES_ZH,
  isCareerEventType,
  STORE_BREAK_REASONS_ZH,
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
  type RecordedEvent,
} from '@ledger/domain';
import { compareAllPositions, StreamChainChecker, type BrokenLink, type BrokenLinkReason, type EventStore, type StoredEvent, type StreamHead } from '@ledger/event-store';

export interface HistoryParams {
  readonly cadreId: string;
  /** Only events effective on or before this date. */
  readonly asOf?: CalendarDate | undefined;
  /** Only events recorded at or before this instant (UTC ISO, see knownAtSchema). */
  readonly knownAt?: string | undefined;
  /** Without asOf: the day of reading, after which an event shows as scheduled (T4). */
  readonly today?: CalendarDate | undefined;
}

export type HistoryEntry = StoredEvent & {
  links: HistoryLinks;
  counts: boolean;
  scheduled: boolean;
  /**
   * Present when the stored event fails its type's schema (an edit made past the ledger): listed as
   * stored, with the first field that fails; the history and the state cannot read it (`counts`
   * false), while the read models keep what was stored (warningsZh says so).
   */
  unreadable?: { field: string; reason: string };
};

/** A break in the hash chain of a stream the history shows (verify.ts's BrokenLink, with the event it names). */
export interface HistoryChainBreak {
  streamId: string;
  revision: number;
  reason: BrokenLinkReason;
  /** The event at that revision, null when the break is a missing revision. */
  eventId: string | null;
  message: string;
}

/**
 * The hash chains of the cadre's stream and of the appeals about the cadre, checked link by link
 * over the events this answer read: an auditor reading the history sees an edited or missing event
 * at once, not only after running verify (found by a review: an edit that still fitted its schema
 * was shown as fact). `verify` also checks each stream's head and the store-wide order.
 */
export interface HistoryChains {
  intact: boolean;
  checkedStreams: number;
  checkedEvents: number;
  /** Every break, in stream and revision order. */
  broken: HistoryChainBreak[];
}

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
  chains: HistoryChains;
  /**
   * What an auditor must read before the events, in Chinese: each chain break and each unreadable
   * event, by stream, revision and event id. Empty when the history is as the ledger wrote it.
   */
  warningsZh: string[];
}

const typeZh = (type: string): string => (isCareerEventType(type) ? EVENT_TYPE_NAMES_ZH[type] : type);

/**
 * The history's warnings (HistoryAnswer.warningsZh): one wording for the API, the CLI and the web.
 * An unreadable event is said as what it is: the history and the state cannot read it, while the
 * read models (eligibility, reports) hold what was stored before, unchecked (found by a diff review:
 * "未计入任何答案" was false of the eligibility list).
 */
export function historyWarningsZh(chains: HistoryChains, events: readonly HistoryEntry[], elsewhere: readonly UnreadableStoredEventError[] = []): string[] {
  const types = new Map(events.map((e) => [e.eventId, e.type]));
  const field = (f: string) => (f ? `（字段 ${f}）` : '');
  const consequence = '履历和当日状态无法据此作答，资格名单、报表等仍按其存储的内容计算，须先查明';
  return [
    ...chains.broken.map(
      (b) =>
        `哈希链断裂：事件流 ${b.streamId} 第 ${b.revision} 号事件${b.eventId ? `（${b.eventId}${types.has(b.eventId) ? `，${typeZh(types.get(b.eventId)!)}` : ''}）` : ''}` +
        `：${STORE_BREAK_REASONS_ZH[b.reason]} [${b.reason}]`,
    ),
    ...events.filter((e) => e.unreadable).map((e) => `无法读取：事件 ${e.eventId}（${typeZh(e.type)}）不符合该类事项的格式${field(e.unreadable!.field)}；${consequence}`),
    ...elsewhere.map((u) => `无法读取：事件流 ${u.streamId} 的事件 ${u.eventId}（${typeZh(u.type)}）不符合该类事项的格式${field(u.field)}，本履历所引单位或政策的信息可能不全；${consequence}`),
  ];
}

/**
 * Each stream's events (each a whole stream, in revision order) checked link by link and, when
 * `heads` gives the stream's head as stored (a history as it stands now), against it: events
 * deleted from a stream's end leave its head behind them (found by a diff review: the history said
 * intact). A head that moved on since the stream was read (a write meanwhile) is not a break.
 */
export function checkHistoryChains(streams: readonly (readonly StoredEvent[])[], heads?: ReadonlyMap<string, StreamHead | null>): HistoryChains {
  const broken: HistoryChainBreak[] = [];
  let checkedEvents = 0;
  for (const events of streams) {
    if (events.length === 0) continue;
    const checker = new StreamChainChecker(events[0]!.streamId);
    const byRevision = new Map(events.map((e) => [e.revision, e.eventId]));
    const add = (b: BrokenLink) => broken.push({ streamId: b.streamId, revision: b.revision, reason: b.reason, eventId: byRevision.get(b.revision) ?? null, message: b.message });
    for (const event of events) {
      checkedEvents++;
      for (const b of checker.checkEach(event)) add(b);
    }
    const head = heads?.get(events[0]!.streamId);
    if (head !== undefined) {
      const atEnd = checker.finish(head ?? undefined);
      if (atEnd) add(atEnd);
    }
  }
  return { intact: broken.length === 0, checkedStreams: streams.filter((s) => s.length > 0).length, checkedEvents, broken };
}

/**
 * Whether a cadre's own record still matches its hashes, for an answer about that one cadre (the
 * single-cadre eligibility): each break as the history says it, after one sentence on what it means for
 * the answer; empty when intact. The read models hold what was stored, so an event edited in place
 * counts in the answer after a rebuild (found by an auditor's review: a forged grade moved a cadre up the
 * candidate list and nothing on the decision's page said so; the history alone warned).
 */
export async function cadreRecordIntegrityZh(store: EventStore, cadreId: string): Promise<string[]> {
  const events = await store.readStream(streamIdOf('cadre', cadreId));
  if (events.length === 0) return [];
  const chains = checkHistoryChains([events], await headsOf(store, [events]));
  if (chains.intact) return [];
  return [
    `${cadreId} 的履历未通过哈希链校验：本答案所依据的记录可能已被改动，请勿据此作出决定；请到“台账校验”运行全库校验，用此前导出的审计文件核对，并告知系统管理员。`,
    ...historyWarningsZh(chains, []),
  ];
}

/**
 * The heads of the streams read, as stored; a stream whose head is past its last event read was
 * written to meanwhile, and is read again to tell that from events deleted (readStreamWithHead).
 */
async function headsOf(store: EventStore, streams: readonly (readonly StoredEvent[])[]): Promise<Map<string, StreamHead | null>> {
  const heads = new Map<string, StreamHead | null>();
  for (const events of streams) {
    const last = events[events.length - 1];
    if (!last) continue;
    const head = await store.streamHead(last.streamId);
    if (head && head.revision > last.revision) {
      const later = await store.readStream(last.streamId, { fromRevision: last.revision + 1, maxCount: 1 });
      if (later.length > 0) continue; // appended since it was read: its links were checked up to the read
    }
    heads.set(last.streamId, head);
  }
  return heads;
}

/** Unreadable events the record holds beyond those the history lists: the org units' and the policy's (their names and kinds are then missing). */
function unreadableElsewhere(record: CadreRecord, listed: ReadonlyMap<string, StoredEvent>): UnreadableStoredEventError[] {
  return record.unreadable.filter((u) => !listed.has(u.eventId));
}

function byStream(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const s = streams.get(e.streamId);
    if (s) s.push(e);
    else streams.set(e.streamId, [e]);
  }
  return [...streams.values()].map((s) => s.sort((a, b) => a.revision - b.revision));
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
  const record = await loadCadreRecord(store, params.cadreId, { unreadable: 'collect' });
  if (!record || !knownBy(record, params.knownAt)) return null;
  // The cadre's stream, the appeals about the cadre and the recommendations of the cadre (TM5, on the recommender's stream).
  const stored = [...record.cadre, ...record.appeals, ...record.recommendations].sort((a, b) => compareAllPositions(a.position, b.position));
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  const readable: RecordedEvent[] = [];
  const unreadable = new Map<string, UnreadableStoredEventError>();
  for (const e of stored) {
    const r = readStoredEvent(e);
    if (r instanceof UnreadableStoredEventError) unreadable.set(e.eventId, r);
    else readable.push(r);
  }
  const history = cadreHistory(readable, {
    ...(params.asOf ? { asOf: params.asOf } : {}),
    ...(params.knownAt ? { knownAt: params.knownAt } : {}),
    ...(params.today ? { today: params.today } : {}),
    onlyEffective: params.asOf !== undefined,
  });
  const entries: HistoryEntry[] = history.map((e) => ({ ...byId.get(e.event.eventId)!, links: e.links, counts: e.counts, scheduled: e.scheduled }));
  // An unreadable event is listed where the ledger stored it, under the same asOf and knownAt as the rest.
  if (unreadable.size > 0) {
    const knownMs = params.knownAt !== undefined ? knownAtMs(params.knownAt) : undefined;
    for (const [eventId, fault] of unreadable) {
      const e = byId.get(eventId)!;
      if (knownMs !== undefined && Date.parse(e.recordedAt) > knownMs) continue;
      if (params.asOf !== undefined && e.effectiveDate > params.asOf) continue;
      // Its own links cannot be read from it; those of the readable events that name it can (found by a diff review: one way only).
      const inbound: HistoryLinks = {
        retractedBy: history.filter((h) => h.links.retracts === eventId).map((h) => h.event.eventId),
        rescindedBy: history.filter((h) => h.links.rescinds === eventId).map((h) => h.event.eventId),
        appealedBy: history.filter((h) => h.links.appealOf === eventId && h.event.type === 'AppealFiled').map((h) => h.event.eventId),
        causes: history.filter((h) => h.links.causedBy === eventId).map((h) => h.event.eventId),
      };
      entries.push({ ...e, links: inbound, counts: false, scheduled: false, unreadable: { field: fault.field, reason: fault.reason } });
    }
    entries.sort((a, b) => compareAllPositions(a.position, b.position));
  }
  // Names as every other answer gives them (domain read-models/names.ts): retracted registrations do not name.
  // Whole streams only: the recommendations are single events of other cadres' streams. As known
  // at an instant, the events recorded by then (each stream's first revisions): the answer is then
  // the same whenever it is asked, as the rest of an as-known history is.
  const knownLimit = params.knownAt !== undefined ? knownAtMs(params.knownAt) : undefined;
  // A prefix, up to the last event recorded by then: clocks may disagree by seconds between writers,
  // and a filtered stream with a hole in it would read as a missing revision; not up to the first
  // recorded later, which one event's recordedAt moved into the future would make hide the rest
  // from the check (found by a diff review).
  const knownThen = (events: readonly StoredEvent[]) => {
    if (knownLimit === undefined) return events;
    let last = -1;
    events.forEach((e, i) => {
      if (Date.parse(e.recordedAt) <= knownLimit) last = i;
    });
    return events.slice(0, last + 1);
  };
  const streams = [record.cadre, ...byStream(record.appeals)];
  const chains = checkHistoryChains(streams.map(knownThen), knownLimit === undefined ? await headsOf(store, streams) : undefined);
  const facts = ledgerFactsOf(record.all);
  const filter = knownFilter(facts, params.knownAt);
  const names = nameLookup(facts, filter);
  const named = [...new Set(history.flatMap((e) => orgUnitIdsNamedBy(e.event)))].sort();
  const others = [...new Set(history.flatMap((e) => otherCadreIdsNamedBy(e.event, params.cadreId)))].sort();
  return {
    cadreId: params.cadreId,
    cadreName: names.cadreName(params.cadreId),
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ?? null,
    streamRevision: record.cadre[record.cadre.length - 1]!.revision,
    events: entries,
    orgUnits: named.map((id): NamedOrgUnit => ({ orgUnitId: id, name: names.orgUnitName(id), kind: knownOrgUnitKind(facts, filter, id) ?? null })),
    cadres: await otherCadreNames(store, others, params.knownAt),
    chains,
    warningsZh: historyWarningsZh(chains, entries, unreadableElsewhere(record, byId)),
  };
}

/** What the ledger said on `knownAt` about `asOf`; null when the ledger has no event of the cadre. */
export async function cadreStateAnswer(store: EventStore, params: HistoryParams & { readonly asOf: CalendarDate }): Promise<CadreStateAt | null> {
  const record = await loadCadreRecord(store, params.cadreId);
  if (!record || !knownBy(record, params.knownAt)) return null;
  return cadreStateAt(record.all, params.cadreId, { asOf: params.asOf, ...(params.knownAt ? { knownAt: params.knownAt } : {}) });
}
