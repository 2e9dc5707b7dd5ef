/**
 * EventStoreDB adapter of the event-store port. Same envelope, same hash chain (same canonical
 * JSON, computed here, client-side), so `verify`, exports and `migrate-store` work on either store.
 * The event layout in the server is described in mapping.ts; the client sits behind gateway.ts.
 *
 * Hash chain. The hash covers the revision and the previous event's hash, so it can only be
 * computed knowing the stream's head. Every append therefore reads the head and writes with that
 * exact expected revision, even when the caller said 'any': a lost race is re-read and retried
 * (bounded) for 'any', and a StreamVersionConflictError for 'no_stream' or a number.
 *
 * recordedAt. The server's `created` timestamp is only known after the write, and the hash must
 * be computed before it. So recordedAt comes from the clock injected here (the API or CLI
 * process's clock), taken once per write, raised if needed to the stream's last recordedAt so a
 * stream's times never go backwards, and stored in the metadata. Trade-off: on PostgreSQL it is
 * the database server's clock, here it is the writers' clocks, which must be kept in sync (NTP);
 * a writer whose clock runs ahead drags its streams' times ahead with it. `created` stays in the
 * server for operators, and is never hashed.
 *
 * Idempotency. Event ids become UUIDv5 (uuid-v5.ts), so the server deduplicates a retried write
 * the way it can: by event UUID, for recent writes only, and without comparing bodies. The port's
 * rule (same id + same body → the stored events; different body, or a mixed batch → conflict, in
 * any stream) is enforced by reading what is stored: the event-id index (event-id-index.ts). Its
 * limit: an id whose write failed stays bound to its fact (see there).
 *
 * Atomicity. One stream's append is atomic on the server. EventStoreDB 23/24 has no transaction
 * across streams, so `appendToStreams` checks every stream's expected revision first (nothing is
 * written if one is stale), then appends stream by stream, in the order given. A concurrent write
 * or a failure between two streams leaves the earlier streams written: the write fails with
 * MultiStreamAppendIncompleteError naming what was and was not written, and a retry of the same
 * write completes it: the streams found stored whole are kept, the missing ones are written
 * (checked against their expected revisions), and `onResumedWrite` is told. The contract suite
 * skips its all-or-nothing test here.
 *
 * Outcome unknown. A deadline, an unavailable node or a cancelled call says nothing about the
 * write (the server drops the twin of a write it is still replicating, and the client reports a
 * deadline). The same append is sent again after a pause: the server deduplicates it by event
 * UUIDs at the same expected revision, so it answers "written" whether the first landed or not;
 * the events are then read back as after any append. A conflict after an unknown outcome reads
 * the drafted place first: our events there mean the first attempt landed.
 *
 * Conflicts. The server checks an expected revision against writes it has accepted, which a read
 * may not show yet. So after a conflict under 'any' the head is re-read until it reaches the
 * revision the server reported (with a growing pause), instead of retrying at once at the same
 * stale head.
 *
 * Size. The server refuses an append over its maximum append size (1 MiB by default) for the
 * data and metadata bytes of all its events: a write over `maxAppendBytes` is refused before any
 * id is reserved, the server's own refusal maps to InvalidEventError too, and verbatim imports
 * cut their runs by bytes as well as by count.
 *
 * Global order. `$all` is the server's log: positions are assigned when a write commits, so the
 * readable log only ever grows at its end and no event appears later below a position already
 * read (the late-commit case the PostgreSQL adapter guards against cannot happen). `readAll`
 * filters `$all` to the ledger's records on the client (the v6 client's readAll has no
 * server-side filter): ledger stream names (mapping.ts, isLedgerStream) and no server record
 * (`$`-types: tombstones, metadata); records it skips still advance the returned position.
 * `headPosition` reads `$all` backwards from its end, a page at a time, to the last ledger event.
 *
 * Subscriptions poll `readAll` (pollingSubscription) rather than use the server's push
 * subscription: the same batching, checkpoint and caught-up semantics as PostgreSQL and one code
 * path under the contract suite; a poll is one cheap read at the end of `$all`; and a polling loop
 * survives a leader change with no reconnection logic, which the v6 client leaves to the caller.
 * The cost is latency (pollIntervalMs) and a read per interval per subscriber. Checkpoints belong
 * to the caller (the projection runner stores them in PostgreSQL with its rows).
 *
 * Scans (`scanStreams`, `scanHeads`, `findEventsByData`) read the whole of `$all` to list the
 * ledger's streams (the `$streams` system projection would need projections enabled), then each
 * stream: O(all events), for verification, exports and migration, never on a request path.
 */
import { randomUUID } from 'node:crypto';
import {
  chainHash,
  compareAllPositions,
  checkImportedChain,
  eventIdentity,
  GENESIS_HASH,
  InvalidEventError,
  MultiStreamAppendIncompleteError,
  pollingSubscription,
  resolveAlreadyStored,
  START_POSITION,
  StreamVersionConflictError,
  validateAppends,
  type AllPosition,
  type AppendResult,
  type BatchHandler,
  type ExpectedRevision,
  type ImportStoredResult,
  type MigratableEventStore,
  type NewEvent,
  type PendingEvent,
  type ReadAllBatch,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type StreamHead,
  type Subscription,
  type SubscriptionOptions,
} from '@ledger/event-store';
import { DbClientGateway } from './db-client-gateway';

/** Declared by the port (a store without cross-stream transactions may throw it); re-exported for the adapter's callers. */
export { MultiStreamAppendIncompleteError };
import { DEFAULT_INDEX_PREFIX, EventIdIndex, identityDigest } from './event-id-index';
import { EsdbAppendTooLarge, EsdbOutcomeUnknown, EsdbStreamDeleted, EsdbWrongExpectedRevision, type EsdbGateway, type EsdbPosition, type EsdbRecordedEvent } from './gateway';
import {
  compareEsdbPositions,
  compareStreamIds,
  expectationHolds,
  fromEsdbEvent,
  isLedgerRecord,
  isLedgerStream,
  LEDGER_STREAM_PREFIXES,
  toAllPosition,
  toEsdbEvent,
  toEsdbExpected,
  toEsdbPosition,
  toStreamVersionConflict,
  type StoredEventDraft,
} from './mapping';

export interface EsdbEventStoreOptions {
  /** The clock of recordedAt (see the header). */
  readonly clock?: () => Date;
  /** Streams that belong to this ledger; everything else in `$all` is skipped. */
  readonly streamPrefixes?: readonly string[];
  /** Prefix of the event-id index streams. */
  readonly indexStreamPrefix?: string;
  /** Records per `$all` read. */
  readonly pageSize?: number;
  /** Attempts of a write with expected revision 'any' that keeps losing races. */
  readonly maxAttemptsForAny?: number;
  /** How many reads run at once when looking up many event ids. */
  readonly lookupConcurrency?: number;
  /** The server's maximum append size in bytes of data and metadata (its default: 1 MiB). */
  readonly maxAppendBytes?: number;
  /** How long an unknown outcome or a stale head is waited out before giving up. */
  readonly settleTimeoutMs?: number;
  /** Told when a retry completed a multi-stream write that had stopped part-way. */
  readonly onResumedWrite?: (resumed: { readonly stored: readonly string[]; readonly completed: readonly string[] }) => void;
}

interface Tip {
  readonly revision: number;
  readonly hash: string;
  readonly recordedAt: string;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const IMPORT_RUN_MAX = 100;
/** Room left under the server's limit for what it adds per event (ids, type, framing). */
const PER_EVENT_OVERHEAD = 256;

const draftBytes = (d: Pick<StoredEventDraft, 'data' | 'metadata'>): number =>
  Buffer.byteLength(JSON.stringify(d.data)) + Buffer.byteLength(JSON.stringify(d.metadata)) + 400 + PER_EVENT_OVERHEAD; // 400: the envelope's metadata

/** The head hash said for a deleted stream: no event's hash, so nothing can match it. */
const DELETED_STREAM_HASH = 'deleted';

export class EsdbEventStore implements MigratableEventStore {
  private readonly clock: () => Date;
  private readonly prefixes: readonly string[];
  private readonly pageSize: number;
  private readonly maxAttemptsForAny: number;
  private readonly lookupConcurrency: number;
  private readonly maxAppendBytes: number;
  private readonly settleTimeoutMs: number;
  private readonly onResumedWrite: NonNullable<EsdbEventStoreOptions['onResumedWrite']>;
  private readonly index: EventIdIndex;
  /** Appends of this process stamped and not yet stored (settleKnownAt). */
  private readonly inFlight = new Set<{ readonly recordedAt: string }>();

  constructor(
    private readonly gateway: EsdbGateway,
    options: EsdbEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.prefixes = options.streamPrefixes ?? LEDGER_STREAM_PREFIXES;
    this.pageSize = Math.max(2, options.pageSize ?? 1000);
    this.maxAttemptsForAny = options.maxAttemptsForAny ?? 25;
    this.lookupConcurrency = options.lookupConcurrency ?? 16;
    this.maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 5_000;
    this.onResumedWrite =
      options.onResumedWrite ??
      ((r) => process.emitWarning(`completed a multi-stream write that had stopped part-way: ${r.stored.join(', ')} were stored, ${r.completed.join(', ')} now written`, 'LedgerResumedWrite'));
    this.index = new EventIdIndex(gateway, (streamId, revision) => this.eventAt(streamId, revision), options.indexStreamPrefix ?? DEFAULT_INDEX_PREFIX);
    if (this.prefixes.length === 0) throw new RangeError('streamPrefixes must name at least one prefix');
  }

  /** Connects with an `esdb://`, `esdb+discover://` or `kurrentdb://` connection string. */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(DbClientGateway.connect(url), options);
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appendToStreams([{ streamId, events, expectedRevision }]);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    const pending = validateAppends(appends);
    for (const a of appends) this.checkLedgerStream(a.streamId);
    const ids = pending.map((p) => p.event.eventId);
    const earlier = await this.findEvents(ids);
    if (earlier.length > 0) return this.resume(appends, pending, earlier);

    // Every expectation is checked before anything is written (see "Atomicity").
    const tips = await Promise.all(appends.map((a) => this.tip(a.streamId)));
    for (let i = 0; i < appends.length; i++) {
      const a = appends[i]!;
      if (a.expectedRevision !== 'any' && !expectationHolds(a.expectedRevision, tips[i]?.revision ?? null)) {
        return this.conflictOrRetry(pending, new StreamVersionConflictError(a.streamId, String(a.expectedRevision), tips[i]?.revision ?? null));
      }
    }
    // Read checks (no events) were checked with the rest just above; only the others are written.
    // Like the expected revisions, they hold when checked, not under a lock (see "Atomicity").
    const written = appends.flatMap((a, i) => (a.events.length > 0 ? [{ a, tip: tips[i] ?? null }] : []));
    const now = this.clock().toISOString();
    // Stamped before it is stored: in flight until it is (settleKnownAt).
    const flight = { recordedAt: now };
    this.inFlight.add(flight);
    try {
      return await this.writeStamped(appends, pending, ids, written, now);
    } finally {
      this.inFlight.delete(flight);
    }
  }

  /**
   * T1: this adapter stamps recordedAt with the writer's clock before it reserves and appends, so an
   * append still in flight may carry a recordedAt at or before an instant already asked about (found
   * by a review). Waits, at most `timeoutMs`, until no append of this process stamped at or before
   * `instant` is in flight. Appends of other processes are not seen: with several writers, an answer
   * as known at an instant within the last few seconds may still change (README, EventStoreDB).
   */
  async settleKnownAt(instant: string, timeoutMs: number): Promise<boolean> {
    const limit = Date.parse(instant);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (![...this.inFlight].some((f) => Date.parse(f.recordedAt) <= limit)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(10);
    }
  }

  private async writeStamped(
    appends: readonly StreamAppend[],
    pending: readonly PendingEvent[],
    ids: readonly string[],
    written: readonly { a: StreamAppend; tip: Tip | null }[],
    now: string,
  ): Promise<AppendResult> {
    const drafts = written.map(({ a, tip }) => this.draft(a.streamId, a.events, tip, now));
    for (const [i, d] of drafts.entries()) {
      const bytes = d.reduce((sum, e) => sum + draftBytes(e), 0);
      if (bytes > this.maxAppendBytes) {
        throw new InvalidEventError('data', `the write to ${written[i]!.a.streamId} is about ${bytes} bytes, over the server's maximum append size (${this.maxAppendBytes})`);
      }
    }
    // Every id of every stream is reserved before the first stream is written, so an id used by
    // another fact refuses the whole write instead of stopping it part-way.
    if (!(await this.reserve(drafts.flat()))) return resolveAlreadyStored(pending, await this.findEvents(ids));
    const writeId = randomUUID();
    const stored: StoredEvent[] = [];
    let storedByUs = 0;
    for (let i = 0; i < written.length; i++) {
      const { a, tip } = written[i]!;
      try {
        const result = await this.appendOne(a, tip, drafts[i]!, now, writeId);
        if (result.kind === 'stored') {
          if (i > 0) throw new InvalidEventError('eventId', 'stored meanwhile by a concurrent write of the same fact');
          return resolveAlreadyStored(pending, await this.findEvents(ids));
        }
        stored.push(...result.events);
        storedByUs += result.byUs;
      } catch (error) {
        if (i === 0) {
          if (error instanceof StreamVersionConflictError) return this.conflictOrRetry(pending, error);
          throw error;
        }
        throw new MultiStreamAppendIncompleteError(
          written.slice(0, i).map((x) => x.a.streamId),
          written.slice(i).map((x) => x.a.streamId),
          error,
        );
      }
    }
    const streamRevisions = new Map<string, number>();
    for (const e of stored) streamRevisions.set(e.streamId, Math.max(streamRevisions.get(e.streamId) ?? -1, e.revision));
    // storedByUs is 0 when the server deduplicated every event of a concurrent twin of this write.
    return { events: stored, streamRevisions, alreadyStored: storedByUs === 0 };
  }

  /**
   * Some ids of this write are stored. When they are exactly the whole streams of a write that
   * stopped part-way (see "Atomicity"), the missing streams are written now; anything else is
   * the port's answer (the stored events, or a conflict).
   */
  private async resume(appends: readonly StreamAppend[], pending: readonly PendingEvent[], earlier: readonly StoredEvent[]): Promise<AppendResult> {
    const found = new Set(earlier.map((e) => e.eventId));
    // Read checks held when the write began; completing it writes only the streams still missing.
    const writes = appends.filter((a) => a.events.length > 0);
    const whole = writes.filter((a) => a.events.every((e) => found.has(e.eventId)));
    const missing = writes.filter((a) => a.events.every((e) => !found.has(e.eventId)));
    if (writes.length < 2 || missing.length === 0 || whole.length + missing.length !== writes.length) return resolveAlreadyStored(pending, earlier);
    // A write that stopped part-way had reserved every id of every stream before writing the first:
    // without this fact's reservations for the missing ids, the stored part was written on its own,
    // and this is a write mixing stored and new ids (found by a review: it was "completed").
    if (!(await this.reservedForThisFact(pending.filter((p) => missing.some((a) => a.streamId === p.streamId))))) return resolveAlreadyStored(pending, earlier);
    // The stored part must be this fact (same bodies): resolveAlreadyStored checks it or throws.
    const kept = resolveAlreadyStored(
      pending.filter((p) => whole.some((a) => a.streamId === p.streamId)),
      earlier,
    );
    const completed = await this.appendToStreams(missing);
    // A concurrent retry of the same write may have written the missing streams first: then this call wrote nothing.
    if (!completed.alreadyStored) this.onResumedWrite({ stored: whole.map((a) => a.streamId), completed: missing.map((a) => a.streamId) });
    const events = [...kept.events, ...completed.events];
    return { events, streamRevisions: new Map([...kept.streamRevisions, ...completed.streamRevisions]), alreadyStored: completed.alreadyStored };
  }

  /** Whether every one of these events' ids is reserved, last, for this very fact (its identity). */
  private async reservedForThisFact(events: readonly PendingEvent[]): Promise<boolean> {
    const held = await mapLimit(events, this.lookupConcurrency, async (p) => {
      const last = (await this.index.reservations(p.event.eventId)).list.at(-1);
      return last !== undefined && last.identity === identityDigest(eventIdentity({ ...p.event, streamId: p.streamId }));
    });
    return held.every(Boolean);
  }

  /** A conflict may be a concurrent retry of this very write having stored it first. */
  private async conflictOrRetry(pending: readonly PendingEvent[], conflict: StreamVersionConflictError): Promise<AppendResult> {
    const raced = await this.findEvents(pending.map((p) => p.event.eventId));
    if (raced.length > 0) return resolveAlreadyStored(pending, raced);
    throw conflict;
  }

  /**
   * Reserves ids at the revisions of `drafts` (event-id-index.ts). False when the same fact is
   * already stored (a retry); throws EventIdConflictError for an id taken by another fact.
   */
  private async reserve(drafts: readonly StoredEventDraft[]): Promise<boolean> {
    const outcomes = await mapLimit(drafts, this.lookupConcurrency, (d) =>
      this.index.reserve({ eventId: d.eventId, streamId: d.streamId, revision: d.revision, identity: identityDigest(eventIdentity(d)) }),
    );
    return outcomes.every((o) => o.kind === 'reserved');
  }

  /** One stream of a write (its ids reserved at `firstDrafts`): append at the exact head, read back what was stored. */
  private async appendOne(
    a: StreamAppend,
    firstTip: Tip | null,
    firstDrafts: StoredEventDraft[],
    now: string,
    writeId: string,
  ): Promise<{ kind: 'appended'; events: StoredEvent[]; byUs: number } | { kind: 'stored' }> {
    let tip = firstTip;
    let drafts = firstDrafts;
    let resend = false; // the last attempt's outcome is unknown: send the very same append again
    let unknownSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 && !resend) {
        // Lost a race under 'any': chain to the new head, and move the reservations there.
        if (!expectationHolds(a.expectedRevision, tip?.revision ?? null)) {
          throw new StreamVersionConflictError(a.streamId, String(a.expectedRevision), tip?.revision ?? null);
        }
        drafts = this.draft(a.streamId, a.events, tip, now);
        if (!(await this.reserve(drafts))) return { kind: 'stored' };
      }
      resend = false;
      try {
        await this.gateway.append(a.streamId, drafts.map((d) => toEsdbEvent(d, writeId)), toEsdbExpected(tip?.revision ?? null));
      } catch (error) {
        if (error instanceof EsdbAppendTooLarge) throw new InvalidEventError('data', `${error.message}: write fewer or smaller events at once`);
        if (error instanceof EsdbOutcomeUnknown) {
          unknownSince ??= Date.now();
          if (Date.now() - unknownSince > this.settleTimeoutMs) throw error;
          await sleep(Math.min(20 * attempt, 250));
          resend = true;
          continue;
        }
        if (!(error instanceof EsdbWrongExpectedRevision)) throw error;
        // After an unknown outcome, the place may hold our own first attempt.
        if (unknownSince !== undefined && (await this.holdsDrafts(a.streamId, drafts))) break;
        if (a.expectedRevision !== 'any' || attempt >= this.maxAttemptsForAny) throw toStreamVersionConflict(error, a.expectedRevision);
        if (attempt > 3) await sleep(Math.random() * 5 * attempt); // spread writers that keep colliding
        tip = await this.tipAtLeast(a.streamId, error.actual === 'no_stream' ? -1 : Number(error.actual));
        continue;
      }
      break;
    }
    const back = await this.readDecoded(a.streamId, { direction: 'forwards', fromRevision: drafts[0]!.revision, maxCount: drafts.length });
    if (back.length !== drafts.length || back.some((b, k) => b.event.eventId !== drafts[k]!.eventId)) {
      throw new Error(`stream ${a.streamId}: the events read back after the append are not the ones written`);
    }
    return { kind: 'appended', events: back.map((b) => b.event), byUs: back.filter((b) => b.writeId === writeId).length };
  }

  /** Are these drafts' events stored at their revisions? */
  private async holdsDrafts(streamId: string, drafts: readonly StoredEventDraft[]): Promise<boolean> {
    const back = await this.readDecoded(streamId, { direction: 'forwards', fromRevision: drafts[0]!.revision, maxCount: drafts.length });
    return back.length === drafts.length && back.every((b, k) => b.event.eventId === drafts[k]!.eventId);
  }

  /**
   * The head once reads show at least `revision` (the server reported it in a conflict, from
   * writes it accepted that reads may not show yet): re-read with a growing pause, bounded.
   */
  private async tipAtLeast(streamId: string, revision: number): Promise<Tip | null> {
    const deadline = Date.now() + this.settleTimeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      const tip = await this.tip(streamId);
      if ((tip?.revision ?? -1) >= revision || Date.now() > deadline) return tip;
      await sleep(pause);
    }
  }

  private draft(streamId: string, events: readonly NewEvent[], tip: Tip | null, now: string): StoredEventDraft[] {
    // A stream's recordedAt never goes backwards, whatever the writers' clocks (see the header).
    const recordedAt = tip && tip.recordedAt > now ? tip.recordedAt : now;
    let revision = tip?.revision ?? -1;
    let previous = tip?.hash ?? GENESIS_HASH;
    return events.map((event) => {
      revision++;
      const body: Omit<StoredEventDraft, 'hash'> = {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        revision,
        effectiveDate: event.effectiveDate,
        recordedAt,
        actor: event.actor,
        documentRef: event.documentRef ?? null,
        correlationId: event.correlationId ?? null,
        causationId: event.causationId ?? null,
        data: event.data,
        metadata: event.metadata ?? {},
      };
      const hash = chainHash(previous, body);
      previous = hash;
      return { ...body, hash };
    });
  }

  private checkLedgerStream(streamId: string): void {
    if (!isLedgerStream(streamId, this.prefixes)) {
      throw new InvalidEventError('streamId', `${streamId} is not a ledger stream (${this.prefixes.join(', ')}…): $all readers would never see it`);
    }
  }

  private async readDecoded(streamId: string, options: { direction: 'forwards' | 'backwards'; fromRevision?: number; maxCount?: number }) {
    const records = await collect(
      this.gateway.readStream(streamId, {
        direction: options.direction,
        ...(options.fromRevision !== undefined ? { fromRevision: BigInt(options.fromRevision) } : {}),
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      }),
    );
    return records.map(fromEsdbEvent);
  }

  private async tip(streamId: string): Promise<Tip | null> {
    const [last] = await this.readDecoded(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? { revision: last.event.revision, hash: last.event.hash, recordedAt: last.event.recordedAt } : null;
  }

  private async eventAt(streamId: string, revision: number): Promise<StoredEvent | undefined> {
    const [found] = await this.readDecoded(streamId, { direction: 'forwards', fromRevision: revision, maxCount: 1 });
    return found && found.event.revision === revision ? found.event : undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    if (options.maxCount === 0) return [];
    const decoded = await this.readDecoded(streamId, {
      direction: options.direction ?? 'forwards',
      ...(options.fromRevision !== undefined ? { fromRevision: options.fromRevision } : {}),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    return decoded.map((d) => d.event);
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const tip = await this.tip(streamId);
    return tip ? { streamId, revision: tip.revision, lastHash: tip.hash } : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START_POSITION;
    const batchSize = options.batchSize ?? 1000;
    const events: StoredEvent[] = [];
    let lastScanned: EsdbPosition | undefined;
    for await (const record of this.scanAll(toEsdbPosition(after))) {
      lastScanned = record.position;
      if (!isLedgerRecord(record, this.prefixes)) continue;
      events.push(fromEsdbEvent(record).event);
      if (events.length === batchSize) return { events, lastPosition: events[events.length - 1]!.position };
    }
    return { events, lastPosition: lastScanned ? toAllPosition(lastScanned) : after };
  }

  /** `$all` strictly after a position, page by page, every record (system ones too). */
  private async *scanAll(after: EsdbPosition | 'start'): AsyncGenerator<EsdbRecordedEvent & { position: EsdbPosition }> {
    let cursor = after;
    for (;;) {
      let count = 0;
      let skipped = 0;
      for await (const record of this.gateway.readAll(cursor, this.pageSize)) {
        count++;
        const position = record.position;
        if (!position) throw new Error(`$all record of ${record.streamId} has no position`);
        // The server reads from a position inclusively; the port reads strictly after it.
        if (cursor !== 'start' && compareEsdbPositions(position, cursor) <= 0) {
          skipped++;
          continue;
        }
        cursor = position;
        yield { ...record, position };
      }
      if (count < this.pageSize || count === skipped) return;
    }
  }

  /** Positions are assigned at commit here, so reading `$all` forwards cannot skip a late write. */
  async *readAllCommitted(options: { readonly batchSize?: number } = {}): AsyncIterable<readonly StoredEvent[]> {
    let after = START_POSITION;
    for (;;) {
      const batch = await this.readAll({ after, batchSize: options.batchSize ?? 1000 });
      if (batch.events.length > 0) yield batch.events;
      if (compareAllPositions(batch.lastPosition, after) <= 0) return;
      after = batch.lastPosition;
    }
  }

  /** The last ledger event of `$all`: read backwards from the end, skipping other records. */
  async headPosition(): Promise<AllPosition> {
    const page = 32;
    let cursor: EsdbPosition | 'end' = 'end';
    for (;;) {
      let count = 0;
      let next: EsdbPosition | undefined;
      for await (const record of this.gateway.readAllBackwards(cursor, page)) {
        count++;
        const position = record.position;
        if (!position) throw new Error(`$all record of ${record.streamId} has no position`);
        // Whether the server reads backwards from a position inclusively or not, never re-read it.
        if (cursor !== 'end' && compareEsdbPositions(position, cursor) >= 0) continue;
        if (isLedgerRecord(record, this.prefixes)) return fromEsdbEvent(record).event.position;
        next = position;
      }
      if (count < page || next === undefined) return START_POSITION;
      cursor = next;
    }
  }

  async endPosition(): Promise<AllPosition> {
    for await (const record of this.gateway.readAllBackwards('end', 1)) {
      if (!record.position) throw new Error(`$all record of ${record.streamId} has no position`);
      return toAllPosition(record.position);
    }
    return START_POSITION;
  }

  subscribeToAll(handler: BatchHandler, options: SubscriptionOptions = {}): Subscription {
    return pollingSubscription((o) => this.readAll(o), handler, options);
  }

  /** The ledger's stream ids in byte order, each with the last revision `$all` shows of it: one pass over `$all`. */
  private async listStreams(): Promise<[string, number][]> {
    const last = new Map<string, number>();
    for await (const record of this.scanAll('start')) if (isLedgerRecord(record, this.prefixes)) last.set(record.streamId, Number(record.revision));
    return [...last].sort(([a], [b]) => compareStreamIds(a, b));
  }

  /**
   * A deleted (tombstoned) ledger stream has no events to read but was there: its events are left
   * out, and its head is the last revision `$all` showed, so `verify` names it broken
   * (MISSING_EVENTS) and a copy refuses it, instead of both throwing (found by a review).
   */
  async *scanStreams(): AsyncIterable<StoredEvent> {
    for (const [streamId] of await this.listStreams()) {
      try {
        for await (const record of this.gateway.readStream(streamId, { direction: 'forwards' })) yield fromEsdbEvent(record).event;
      } catch (error) {
        if (!(error instanceof EsdbStreamDeleted)) throw error;
      }
    }
  }

  async *scanHeads(): AsyncIterable<StreamHead> {
    for (const [streamId, lastSeen] of await this.listStreams()) {
      let head: StreamHead | null;
      try {
        head = await this.streamHead(streamId);
      } catch (error) {
        if (!(error instanceof EsdbStreamDeleted)) throw error;
        head = { streamId, revision: lastSeen, lastHash: DELETED_STREAM_HASH };
      }
      if (head) yield head;
    }
  }

  async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    const unique = [...new Set(eventIds)];
    const found = await mapLimit(unique, this.lookupConcurrency, (id) => this.index.locate(id));
    return found.filter((e): e is StoredEvent => e !== undefined).sort((a, b) => a.globalPosition - b.globalPosition);
  }

  async findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const record of this.scanAll('start')) {
      if (record.type !== type || !isLedgerRecord(record, this.prefixes)) continue;
      const event = fromEsdbEvent(record).event;
      if (event.data[field] === value) out.push(event);
    }
    return out;
  }

  /**
   * Verbatim import (store migration). The whole call is checked first (heads, gaps, every hash);
   * then each run of one stream's events (up to IMPORT_RUN_MAX) is one atomic append, in the
   * given order: an interruption leaves every stream a prefix of the source's.
   */
  async importStored(events: readonly StoredEvent[]): Promise<ImportStoredResult> {
    const streamIds = [...new Set(events.map((e) => e.streamId))];
    for (const id of streamIds) this.checkLedgerStream(id);
    const tips = await Promise.all(streamIds.map((id) => this.streamHead(id)));
    const after = checkImportedChain(events, new Map(streamIds.map((id, i) => [id, tips[i] ?? null])));
    const writeId = randomUUID();
    let runStart = 0;
    while (runStart < events.length) {
      // A run of one stream's events, capped so one append stays far below the server's maximum
      // append size (1 MiB by default).
      let runEnd = runStart + 1;
      let bytes = draftBytes(events[runStart]!);
      while (
        runEnd < events.length &&
        runEnd - runStart < IMPORT_RUN_MAX &&
        events[runEnd]!.streamId === events[runStart]!.streamId &&
        bytes + draftBytes(events[runEnd]!) <= this.maxAppendBytes
      ) {
        bytes += draftBytes(events[runEnd]!);
        runEnd++;
      }
      const run = events.slice(runStart, runEnd);
      const first = run[0]!;
      for (const e of run) {
        const outcome = await this.index.reserve({ eventId: e.eventId, streamId: e.streamId, revision: e.revision, identity: identityDigest(eventIdentity(e)) });
        if (outcome.kind === 'stored') throw new InvalidEventError('eventId', `${e.eventId} is already stored in the target (stream ${outcome.event.streamId}, revision ${outcome.event.revision})`);
      }
      const drafts: StoredEventDraft[] = run.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        streamId: e.streamId,
        revision: e.revision,
        effectiveDate: e.effectiveDate,
        recordedAt: e.recordedAt,
        actor: e.actor,
        documentRef: e.documentRef ?? null,
        correlationId: e.correlationId ?? null,
        causationId: e.causationId ?? null,
        data: e.data,
        metadata: e.metadata ?? {},
        hash: e.hash,
      }));
      try {
        await this.gateway.append(first.streamId, drafts.map((d) => toEsdbEvent(d, writeId)), toEsdbExpected(first.revision === 0 ? null : first.revision - 1));
      } catch (error) {
        if (error instanceof EsdbWrongExpectedRevision) throw toStreamVersionConflict(error, first.revision === 0 ? 'no_stream' : first.revision - 1);
        if (error instanceof EsdbAppendTooLarge) throw new InvalidEventError('data', `${error.message} (an event of ${first.streamId} from revision ${first.revision})`);
        throw error;
      }
      runStart = runEnd;
    }
    return { imported: events.length, streamRevisions: new Map([...after.values()].map((h) => [h.streamId, h.revision])) };
  }

  async close(): Promise<void> {
    await this.gateway.close();
  }
}

