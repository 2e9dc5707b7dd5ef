/**
 * Runs projections over the store-wide order (EventStore.readAll / subscribeToAll).
 *
 * Exactly-once effects: every batch is applied in one PostgreSQL transaction that first locks the
 * projection's checkpoint row, skips the events at or below it, applies the rest and moves the
 * checkpoint. A redelivered batch, or a second runner (the API and a CLI command at once), is
 * therefore a no-op instead of a double count.
 *
 * Rebuild: fills shadow tables from the start of the order, committing its own position with each
 * batch (a killed rebuild resumes where it stopped), then, in one transaction, applies the last
 * events, drops the live tables, renames the shadows in their place and sets the checkpoint. Until
 * that commit the live tables keep answering. When the projection folds each stream on its own
 * (`rebuildByStream`) and the store can scan streams (StreamScanner), the fill starts stream by
 * stream up to a fixed point of the order — every row written once, memory bounded by a batch —
 * and goes on in the store-wide order from that point.
 */
import { isCareerEventType, type RecordedEvent } from '@ledger/domain';
import { toTrustedRecordedEvent } from '@ledger/application';
import {
  canScanStreams,
  compareAllPositions,
  START_POSITION,
  type AllPosition,
  type EventStore,
  type ReadAllBatch,
  type StoredEvent,
  type StreamScanCursor,
  type Subscription,
} from '@ledger/event-store';
import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import { readCheckpoint, readRebuildState, writeCheckpoint, type Checkpoint, type RebuildScan, type RebuildState } from './checkpoints';
import { LEDGER_PROJECTIONS } from './career-projections';
import { exhausted, LIVE_TABLES, SHADOW_TABLES, type LiveMemory, type Projection, type Queryable, type TableResolver } from './projection';

export class ProjectionVersionError extends Error {
  readonly code = 'PROJECTION_VERSION_MISMATCH';
}
export class RebuildBusyError extends Error {
  readonly code = 'PROJECTION_REBUILD_BUSY';
}
export class UnknownProjectionError extends Error {
  readonly code = 'UNKNOWN_PROJECTION';
}

export type RunnerLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Events in the store past a position, and how old the oldest of them is. */
export interface Backlog {
  readonly events: number;
  readonly seconds: number;
}
export type BacklogProbe = (after: AllPosition) => Promise<Backlog>;

/**
 * The PostgreSQL adapter's events table, read directly: the port has no "count after" and lag is
 * an operational figure, not part of the order contract.
 */
export function postgresBacklog(sql: Queryable): BacklogProbe {
  return async (after) => {
    const [row] = await sql`
      select count(*)::int8 as events,
             coalesce(extract(epoch from clock_timestamp() - min(recorded_at)), 0)::float8 as seconds
      from events
      where (transaction_id, global_position) > (${String(after.commit)}::text::xid8, ${after.prepare}::int8)`;
    return { events: Number(row?.events ?? 0), seconds: Math.max(0, Math.round(Number(row?.seconds ?? 0) * 10) / 10) };
  };
}

/**
 * Any store, through the port: reads what follows the position (at most `cap` events). For a store
 * whose events are not in this PostgreSQL (EVENTSTORE_URL); lag beyond `cap` shows as `cap`.
 */
export function storeBacklog(store: EventStore, cap = 10_000): BacklogProbe {
  return async (after) => {
    let events = 0;
    let oldest: string | undefined;
    let position = after;
    while (events < cap) {
      const batch = await store.readAll({ after: position, batchSize: Math.min(2000, cap - events) });
      if (exhausted(batch, position)) break;
      oldest ??= batch.events[0]!.recordedAt;
      events += batch.events.length;
      position = batch.lastPosition;
    }
    const seconds = oldest === undefined ? 0 : Math.max(0, (Date.now() - Date.parse(oldest)) / 1000);
    return { events, seconds: Math.round(seconds * 10) / 10 };
  };
}

/** What a runner needs of the composition root (structurally a LedgerRuntime). */
export interface RunnerLedger {
  readonly db: { readonly sql: postgres.Sql };
  readonly store: EventStore;
  readonly config: { readonly EVENTSTORE_URL?: string | undefined; readonly PROJECTION_REBUILD_BACKLOG?: number };
}

/** A runner over the ledger's database and store, measuring lag the cheap way when the events are in PostgreSQL. */
export function projectionRunnerFor(ledger: RunnerLedger, options: ProjectionRunnerOptions = {}): ProjectionRunner {
  return new ProjectionRunner(ledger.db.sql, ledger.store, {
    ...(ledger.config.EVENTSTORE_URL ? { backlog: storeBacklog(ledger.store) } : {}),
    ...(ledger.config.PROJECTION_REBUILD_BACKLOG !== undefined ? { rebuildBacklog: ledger.config.PROJECTION_REBUILD_BACKLOG } : {}),
    ...options,
  });
}

export type LiveStateName = 'STARTING' | 'REBUILDING' | 'LIVE' | 'FAILED' | 'STOPPED';
export interface LiveState {
  readonly state: LiveStateName;
  readonly since: string;
  readonly error?: string;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly description: string;
  /** The version this code applies. */
  readonly version: number;
  /** The version the tables were built with (null: never run). */
  readonly storedVersion: number | null;
  readonly checkpoint: AllPosition | null;
  readonly eventsApplied: number;
  readonly lagEvents: number;
  readonly lagSeconds: number;
  readonly updatedAt: string | null;
  readonly rebuiltAt: string | null;
  readonly needsRebuild: boolean;
  /**
   * The checkpoint is past the store's last event: no append could have put it there (the read
   * models were restored beside an older store, or the checkpoint edited). Every later event below
   * it would be skipped without a word, so the projection needs a rebuild (found by a review: lag 0).
   */
  readonly checkpointAheadOfStore: boolean;
  /** A rebuild started and not swapped in (running, or interrupted and resumable). */
  readonly rebuild: { version: number; checkpoint: AllPosition; eventsApplied: number; startedAt: string; updatedAt: string } | null;
  /** In the process that runs it continuously (the API). */
  readonly live?: LiveState;
}

export interface RebuildProgress {
  readonly projection: string;
  readonly phase: 'FILL' | 'SWAP' | 'DONE';
  /** Events of the store-wide order read so far (all of them move the position, relevant or not). */
  readonly applied: number;
  /** Events in the store when the rebuild (re)started, plus those applied before a resume. */
  readonly total: number;
  readonly resumedFrom: number;
  readonly eventsPerSecond: number;
}

export interface RebuildOptions {
  readonly batchSize?: number;
  /** Pause between batches, to spare a busy server. */
  readonly pauseMs?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** How long to wait for another process's rebuild of the same projection. */
  readonly lockWaitMs?: number;
  /** Stops between batches (the rebuild resumes from there next time). */
  readonly signal?: AbortSignal;
}

export class RebuildAbortedError extends Error {
  readonly code = 'PROJECTION_REBUILD_ABORTED';
}

export interface RebuildResult {
  readonly projection: string;
  readonly version: number;
  readonly eventsApplied: number;
  readonly resumed: boolean;
  readonly resumedFrom: number;
  readonly checkpoint: AllPosition;
  readonly durationMs: number;
}

export interface ProjectionRunnerOptions {
  readonly projections?: readonly Projection[];
  /** Events per transaction when catching up. */
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly log?: RunnerLog;
  readonly backlog?: BacklogProbe;
  /**
   * A catch-up at least this many events behind rebuilds instead (0: never). Catching up applies
   * the order batch by batch, every projection reading every event; a rebuild reads each
   * projection's own streams once (a bulk import: minutes instead of a quarter of an hour).
   */
  readonly rebuildBacklog?: number;
  /**
   * A rebuild that scanned streams up to a fixed point scans again while at least this many
   * events are past it (default: `rebuildBacklog`, or 50,000 when that is 0).
   */
  readonly rescanBacklog?: number;
  /**
   * How long a rebuild's swap waits for the live tables' lock (default 500 ms), and how long it
   * pauses before trying again (default 2 s) while a long transaction reads them.
   */
  readonly swapLockWaitMs?: number;
  readonly swapRetryMs?: number;
  /** Rows each projection keeps between live batches (LiveMemory; default 5,000, ≈ 20 KB each for a timeline). */
  readonly liveMemoryEntries?: number;
}

/**
 * A scanned batch cut after its last complete stream (when more may follow): the rest goes in
 * front of the next batch. A batch of one stream only is kept whole (that stream is longer than a batch).
 */
export function endAtStreamEnd(events: readonly StoredEvent[], more: boolean): { batch: StoredEvent[]; rest: StoredEvent[] } {
  if (!more || events.length === 0) return { batch: [...events], rest: [] };
  const lastStream = events[events.length - 1]!.streamId;
  let cut = events.length;
  while (cut > 0 && events[cut - 1]!.streamId === lastStream) cut--;
  return cut === 0 ? { batch: [...events], rest: [] } : { batch: events.slice(0, cut), rest: events.slice(cut) };
}

function sameCursor(a: StreamScanCursor | null, b: StreamScanCursor | null): boolean {
  return a === null || b === null ? a === b : a.streamId === b.streamId && a.revision === b.revision;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** PostgreSQL's lock_not_available: a lock not granted within lock_timeout. */
function isLockTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '55P03';
}

/** Only the career vocabulary is projected; anything else in the store just moves the checkpoint. */
function relevantEvents(projection: Projection, events: readonly StoredEvent[]): RecordedEvent[] {
  const relevant: RecordedEvent[] = [];
  for (const e of events) {
    if (!projection.handles(e.streamId) || !isCareerEventType(e.type)) continue;
    // Judged on the envelope first: decoding is most of a rebuild's time.
    if (projection.keeps && !projection.keeps(e)) continue;
    // Trusted (issue 16, "parse once"): this ledger validated every payload when it wrote it; older
    // schema versions are still upcast. `projections verify` folds the validated events and compares.
    relevant.push(toTrustedRecordedEvent(e));
  }
  return relevant;
}

export class ProjectionRunner {
  readonly projections: readonly Projection[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly log: RunnerLog;
  private readonly backlog: BacklogProbe;
  private readonly rebuildBacklog: number;
  private readonly rescanBacklog: number;
  private readonly swapLockWaitMs: number;
  private readonly swapRetryMs: number;
  private readonly live = new Map<string, LiveState>();
  private readonly liveMemoryEntries: number;
  private readonly memories = new Map<string, LRUCache<string, object>>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  private abort = new AbortController();

  constructor(
    readonly sql: postgres.Sql,
    private readonly store: EventStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.projections = options.projections ?? LEDGER_PROJECTIONS;
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.log = options.log ?? (() => undefined);
    this.backlog = options.backlog ?? postgresBacklog(sql);
    this.rebuildBacklog = options.rebuildBacklog ?? 0;
    this.rescanBacklog = options.rescanBacklog ?? (this.rebuildBacklog > 0 ? this.rebuildBacklog : 50_000);
    this.swapLockWaitMs = options.swapLockWaitMs ?? 500;
    this.swapRetryMs = options.swapRetryMs ?? 2000;
    this.liveMemoryEntries = options.liveMemoryEntries ?? 5000;
  }

  /** The projection's memory between live batches (LiveMemory), created on first use. */
  private memoryOf(p: Projection): LiveMemory {
    let memory = this.memories.get(p.name);
    if (!memory) {
      memory = new LRUCache<string, object>({ max: this.liveMemoryEntries });
      this.memories.set(p.name, memory);
    }
    return memory;
  }

  projection(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new UnknownProjectionError(`没有名为 ${name} 的投影 (unknown projection)；可用：${this.projections.map((x) => x.name).join('、')}`);
    return p;
  }

  // ── checkpoints ─────────────────────────────────────────────────────────────

  /** Creates the checkpoint row at the start of the order, with the tables emptied in the same transaction. */
  async ensureCheckpoint(p: Projection): Promise<Checkpoint> {
    const existing = await readCheckpoint(this.sql, p.name);
    if (existing) return existing;
    await this.sql.begin(async (tx) => {
      const inserted = await tx`insert into projection_checkpoints (projection, version) values (${p.name}, ${p.version})
                                on conflict (projection) do nothing returning projection`;
      // Rows without a checkpoint belong to no known position: start from nothing.
      if (inserted.length > 0) for (const t of p.tables) await tx`delete from ${tx(t)}`;
    });
    return (await readCheckpoint(this.sql, p.name))!;
  }

  /**
   * Applies one batch of the store-wide order to the live tables: the events past the checkpoint,
   * with the checkpoint, in one transaction. Returns how many events moved the checkpoint (0 for a
   * batch at or below it: a redelivery is a no-op).
   */
  async applyBatch(p: Projection, batch: ReadAllBatch): Promise<number> {
    return this.sql.begin(async (tx) => {
      const checkpoint = await readCheckpoint(tx, p.name, true);
      if (!checkpoint) throw new Error(`projection ${p.name} has no checkpoint row`);
      this.assertVersion(p, checkpoint);
      if (compareAllPositions(batch.lastPosition, checkpoint.position) <= 0) return 0;
      const fresh = batch.events.filter((e) => compareAllPositions(e.position, checkpoint.position) > 0);
      const relevant = relevantEvents(p, fresh);
      if (relevant.length > 0) await p.apply(tx, relevant, LIVE_TABLES, this.memoryOf(p));
      await writeCheckpoint(tx, p.name, batch.lastPosition, fresh.length);
      return fresh.length;
    });
  }

  private assertVersion(p: Projection, checkpoint: Checkpoint): void {
    if (checkpoint.version !== p.version) {
      throw new ProjectionVersionError(
        `投影 ${p.name} 的数据表为第 ${checkpoint.version} 版，本程序为第 ${p.version} 版 (tables at version ${checkpoint.version}, code at ${p.version})` +
          (checkpoint.version < p.version ? `；请重建：projections rebuild ${p.name}` : '；请升级本程序'),
      );
    }
  }

  /**
   * Applies everything stored so far to the live tables; returns the number of events read. Far
   * behind (`rebuildBacklog`), it rebuilds in one pass first when the store can scan the
   * projection's streams: the same tables, reached by the fast path.
   */
  async catchUp(p: Projection, rebuild: RebuildOptions = {}): Promise<number> {
    const start = await this.ensureCheckpoint(p);
    let total = 0;
    if (await this.farBehind(p, start)) total += (await this.rebuild(p, rebuild)).eventsApplied;
    for (;;) {
      const checkpoint = (await readCheckpoint(this.sql, p.name))!;
      this.assertVersion(p, checkpoint);
      const batch = await this.store.readAll({ after: checkpoint.position, batchSize: this.batchSize });
      if (exhausted(batch, checkpoint.position)) return total;
      total += await this.applyBatch(p, batch);
    }
  }

  private async farBehind(p: Projection, checkpoint: Checkpoint): Promise<boolean> {
    if (this.rebuildBacklog <= 0 || !p.rebuildByStream || !canScanStreams(this.store) || checkpoint.version !== p.version) return false;
    const { events } = await this.backlog(checkpoint.position);
    if (events < this.rebuildBacklog) return false;
    this.log('info', `projection ${p.name}: ${events} events behind (≥ ${this.rebuildBacklog}): rebuilding in one pass instead of catching up`);
    return true;
  }

  async catchUpAll(): Promise<void> {
    for (const p of this.projections) await this.catchUp(p);
  }

  /** Rebuilds a projection whose tables are of an older version, then catches up. */
  async ensureCurrent(p: Projection, rebuild: RebuildOptions = {}): Promise<void> {
    const checkpoint = await readCheckpoint(this.sql, p.name);
    if (checkpoint && checkpoint.version < p.version) {
      this.log('info', `projection ${p.name}: tables at version ${checkpoint.version}, code at ${p.version}: rebuilding`);
      this.setLive(p, 'REBUILDING');
      await this.rebuild(p, rebuild);
    }
    await this.catchUp(p, rebuild);
  }

  // ── rebuild ─────────────────────────────────────────────────────────────────

  async rebuild(p: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
    const started = Date.now();
    const batchSize = options.batchSize ?? 5000;
    const reserved = await this.sql.reserve();
    try {
      await this.lockRebuild(reserved, p, options.lockWaitMs ?? 30_000);
      try {
        return await this.rebuildLocked(p, batchSize, options, started);
      } finally {
        await reserved`select pg_advisory_unlock(hashtextextended(${`projection-rebuild:${p.name}`}, 0))`;
      }
    } finally {
      reserved.release();
    }
  }

  /** A session-level advisory lock: released by the server when a killed rebuild's connection drops. */
  private async lockRebuild(reserved: postgres.ReservedSql, p: Projection, waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [row] = await reserved`select pg_try_advisory_lock(hashtextextended(${`projection-rebuild:${p.name}`}, 0)) as locked`;
      if (row?.locked === true) return;
      if (Date.now() >= deadline) throw new RebuildBusyError(`投影 ${p.name} 正由另一进程重建 (another process is rebuilding ${p.name})`);
      await sleep(200);
    }
  }

  private async rebuildLocked(p: Projection, batchSize: number, options: RebuildOptions, started: number): Promise<RebuildResult> {
    let state = await readRebuildState(this.sql, p.name);
    const resumed = state !== null && state.version === p.version && (await this.shadowTablesExist(p));
    if (!resumed) state = await this.startShadowTables(p);
    let position = state!.position;
    let applied = state!.eventsApplied;
    const resumedFrom = resumed ? applied : 0;
    // Counting the backlog reads the whole order: a scan already knows how many events it covers.
    let total = state!.scan ? Math.max(state!.scan.eventsUpTo, applied) : resumedFrom + (await this.backlog(position)).events;
    const progress = (phase: RebuildProgress['phase']) =>
      options.onProgress?.({
        projection: p.name,
        phase,
        applied,
        total: Math.max(total, applied),
        resumedFrom,
        eventsPerSecond: Math.round((applied - resumedFrom) / Math.max(0.001, (Date.now() - started) / 1000)),
      });
    if (resumed) this.log('info', `projection ${p.name}: resuming rebuild after ${applied} events`);
    progress('FILL');
    const between = async () => {
      progress('FILL');
      if (options.signal?.aborted) throw new RebuildAbortedError(`rebuild of ${p.name} stopped after ${applied} events; it resumes from there`);
      if (options.pauseMs) await sleep(options.pauseMs);
    };

    // Stream by stream, in rounds: each round reads the events after `position` up to a fixed point
    // and writes each touched row once. While the store holds many events past the fixed point
    // (written meanwhile, or not yet readable when the round began), another round takes them.
    for (let scan = state!.scan; scan !== null; ) {
      const round = scan;
      const from = position;
      let cursor = round.cursor;
      const read = (after: StreamScanCursor | null) =>
        this.scanner().scanStreamsUpTo({
          from,
          upTo: round.upTo,
          ...(p.rebuildByStream?.streamPrefix !== undefined ? { streamPrefix: p.rebuildByStream.streamPrefix } : {}),
          ...(p.rebuildByStream?.only !== undefined ? { only: p.rebuildByStream.only } : {}),
          ...(p.rebuildByStream?.provenance === false ? { provenance: false } : {}),
          after,
          limit: batchSize,
        });
      // Three things at once: the next batch is read, this one is folded (this process), the one before
      // it is written and committed (the server). Batches end at a stream's end, so a batch never
      // folds on top of a row the one before it has not committed yet; the one exception, a stream
      // longer than a batch, waits for that commit. Each transaction checks and moves the rebuild
      // row's cursor only once the one before it has committed, so the commits stay in order.
      let next = read(cursor);
      let tail: StoredEvent[] = [];
      let writing: { readonly done: Promise<void>; readonly lastStreamId: string } | null = null;
      try {
        for (;;) {
          const fetched = await next;
          if (fetched.length === 0 && tail.length === 0) break;
          const more = fetched.length === batchSize;
          const lastRead = fetched[fetched.length - 1];
          next = more && lastRead ? read({ streamId: lastRead.streamId, revision: lastRead.revision }) : Promise.resolve([]);
          next.catch(() => undefined); // awaited next turn; an apply failure must not leave it unhandled
          const { batch, rest } = endAtStreamEnd([...tail, ...fetched], more);
          tail = rest;
          const last = batch[batch.length - 1]!;
          if (writing && batch[0]!.streamId === writing.lastStreamId) {
            await writing.done;
            writing = null;
          }
          const before = cursor;
          const committedBefore = writing?.done;
          const done = this.sql
            .begin(async (tx) => {
              await this.applyToShadow(tx, p, batch, SHADOW_TABLES);
              if (committedBefore) await committedBefore; // its failure rolls this one back too
              const current = await readRebuildState(tx, p.name, true);
              if (!current?.scan || !sameCursor(current.scan.cursor, before)) throw new RebuildBusyError(`rebuild of ${p.name} moved under this process`);
              await tx`update projection_rebuilds
                       set scan_stream_id = ${last.streamId}, scan_revision = ${last.revision},
                           events_applied = events_applied + ${batch.length}, updated_at = clock_timestamp()
                       where projection = ${p.name}`;
            })
            .then(() => undefined);
          done.catch(() => undefined); // awaited next turn or at the end, after the batch before it
          const previous = writing;
          writing = { done, lastStreamId: last.streamId };
          if (previous) await previous.done;
          cursor = { streamId: last.streamId, revision: last.revision };
          applied += batch.length;
          await between();
        }
      } finally {
        // Never leave a transaction behind (one that follows a failed one rolls back with its error).
        if (writing) await writing.done;
      }
      // Every event at or before the fixed point is in.
      position = round.upTo;
      applied = round.eventsUpTo;
      scan = await this.nextScanRound(p, position, applied);
      total = Math.max(total, scan?.eventsUpTo ?? 0);
      const upTo = scan ? [scan.upTo.commit, scan.upTo.prepare, scan.eventsUpTo] : [null, null, null];
      await this.sql`update projection_rebuilds
                     set commit_position = ${position.commit}, prepare_position = ${position.prepare}, events_applied = ${applied},
                         scan_upto_commit = ${upTo[0]}, scan_upto_prepare = ${upTo[1]}, scan_upto_events = ${upTo[2]},
                         scan_stream_id = null, scan_revision = null, updated_at = clock_timestamp()
                     where projection = ${p.name}`;
    }

    for (;;) {
      const batch = await this.store.readAll({ after: position, batchSize });
      if (exhausted(batch, position)) break;
      await this.sql.begin(async (tx) => {
        const current = await readRebuildState(tx, p.name, true);
        // The advisory lock makes this impossible; checked because a wrong position would double rows.
        if (!current || current.scan || compareAllPositions(current.position, position) !== 0) throw new RebuildBusyError(`rebuild of ${p.name} moved under this process`);
        await this.applyToShadow(tx, p, batch.events, SHADOW_TABLES);
        await tx`update projection_rebuilds
                 set commit_position = ${batch.lastPosition.commit}, prepare_position = ${batch.lastPosition.prepare},
                     events_applied = events_applied + ${batch.events.length}, updated_at = clock_timestamp()
                 where projection = ${p.name}`;
      });
      position = batch.lastPosition;
      applied += batch.events.length;
      await between();
    }

    progress('SWAP');
    for (let attempt = 1; ; attempt++) {
      try {
        ({ position, applied } = await this.swapIn(p, batchSize, { position, applied }));
        this.memories.delete(p.name); // rows of the tables swapped out
        break;
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        if (attempt === 1 || attempt % 30 === 0) {
          this.log('warn', `projection ${p.name}: its tables are being read by a long transaction; the rebuilt tables are swapped in once it ends`, { attempt });
        }
        if (options.signal?.aborted) throw new RebuildAbortedError(`rebuild of ${p.name} stopped before its swap; it resumes from there`);
        await sleep(this.swapRetryMs);
      }
    }
    progress('DONE');
    this.log('info', `projection ${p.name}: rebuilt from ${applied} events`, { resumed, resumedFrom });
    return { projection: p.name, version: p.version, eventsApplied: applied, resumed, resumedFrom, checkpoint: position, durationMs: Date.now() - started };
  }

  /**
   * Applies the last events to the shadow tables, drops the live ones, renames the shadows in their
   * place and sets the checkpoint, in one transaction. The live tables are locked first with a short
   * lock_timeout: while a long reader holds them (`projections verify`, an export), a swap waiting
   * for it would queue every query of the API behind its lock; instead it gives up and is tried again.
   */
  private async swapIn(p: Projection, batchSize: number, from: { position: AllPosition; applied: number }): Promise<{ position: AllPosition; applied: number }> {
    let { position, applied } = from;
    await this.sql.begin(async (tx) => {
      // The live runner's next batch waits on this row, then finds the new checkpoint and skips.
      await tx`insert into projection_checkpoints (projection, version) values (${p.name}, ${p.version}) on conflict (projection) do nothing`;
      await readCheckpoint(tx, p.name, true);
      for (;;) {
        const batch = await this.store.readAll({ after: position, batchSize });
        if (exhausted(batch, position)) break;
        await this.applyToShadow(tx, p, batch.events, SHADOW_TABLES);
        position = batch.lastPosition;
        applied += batch.events.length;
      }
      await tx.unsafe(`set local lock_timeout = ${Math.max(1, Math.round(this.swapLockWaitMs))}`);
      await tx`lock table ${tx(p.tables as string[])} in access exclusive mode`;
      for (const t of p.tables) {
        const shadow = SHADOW_TABLES(t);
        await tx`drop table ${tx(t)}`;
        await tx`alter table ${tx(shadow)} rename to ${tx(t)}`;
        // Index names follow the table's (…__rebuild_pkey → …_pkey), so the next rebuild's LIKE finds them free.
        const indexes = await tx`select indexname from pg_indexes where schemaname = current_schema() and tablename = ${t}`;
        for (const { indexname } of indexes) {
          const name = String(indexname);
          if (name.startsWith(shadow)) await tx`alter index ${tx(name)} rename to ${tx(t + name.slice(shadow.length))}`;
        }
      }
      await tx`update projection_checkpoints
               set version = ${p.version}, commit_position = ${position.commit}, prepare_position = ${position.prepare},
                   events_applied = ${applied}, updated_at = clock_timestamp(), rebuilt_at = clock_timestamp()
               where projection = ${p.name}`;
      await tx`delete from projection_rebuilds where projection = ${p.name}`;
    });
    return { position, applied };
  }

  private async applyToShadow(tx: Queryable, p: Projection, events: readonly StoredEvent[], table: TableResolver): Promise<void> {
    const relevant = relevantEvents(p, events);
    if (relevant.length > 0) await p.apply(tx, relevant, table);
  }

  private async shadowTablesExist(p: Projection): Promise<boolean> {
    const names = p.tables.map(SHADOW_TABLES);
    const [row] = await this.sql`select count(*)::int4 as n from unnest(${names}::text[]) as t(name) where to_regclass(quote_ident(name)) is not null`;
    return Number(row?.n) === names.length;
  }

  private scanner() {
    if (!canScanStreams(this.store)) throw new Error('this event store cannot scan streams');
    return this.store;
  }

  /**
   * After a scan round up to `position`: another round when at least `rescanBacklog` readable
   * events are past it (null: few enough to apply in the store-wide order). A bulk import that
   * was still committing when the first round began is taken by the second round, not batch by batch.
   */
  private async nextScanRound(p: Projection, position: AllPosition, eventsUpTo: number): Promise<RebuildScan | null> {
    const head = await this.scanner().readableHead();
    const remaining = head.events - eventsUpTo;
    if (remaining < this.rescanBacklog || compareAllPositions(head.position, position) <= 0) return null;
    this.log('info', `projection ${p.name}: ${remaining} events past the scanned point: scanning again up to the readable head`);
    return { upTo: head.position, eventsUpTo: head.events, cursor: null };
  }

  /** Fresh shadow tables and a rebuild row at the start of the order, in one transaction. */
  private async startShadowTables(p: Projection): Promise<RebuildState> {
    const scanner = p.rebuildByStream && canScanStreams(this.store) ? this.store : null;
    const scan: RebuildScan | null = scanner
      ? await scanner.readableHead().then((head) => ({ upTo: head.position, eventsUpTo: head.events, cursor: null }))
      : null;
    if (await scanner?.refreshStatistics?.()) this.log('info', `projection ${p.name}: the store's statistics were out of date and were refreshed before the scan`);
    await this.sql.begin(async (tx) => {
      for (const t of p.tables) {
        await tx`drop table if exists ${tx(SHADOW_TABLES(t))}`;
        await tx`create table ${tx(SHADOW_TABLES(t))} (like ${tx(t)} including all)`;
      }
      const upTo = scan ? [scan.upTo.commit, scan.upTo.prepare, scan.eventsUpTo] : [null, null, null];
      await tx`insert into projection_rebuilds (projection, version, scan_upto_commit, scan_upto_prepare, scan_upto_events)
               values (${p.name}, ${p.version}, ${upTo[0]}, ${upTo[1]}, ${upTo[2]})
               on conflict (projection) do update
                 set version = excluded.version, commit_position = 0, prepare_position = 0, events_applied = 0,
                     scan_upto_commit = excluded.scan_upto_commit, scan_upto_prepare = excluded.scan_upto_prepare,
                     scan_upto_events = excluded.scan_upto_events, scan_stream_id = null, scan_revision = null,
                     started_at = clock_timestamp(), updated_at = clock_timestamp()`;
    });
    return (await readRebuildState(this.sql, p.name))!;
  }

  // ── status ──────────────────────────────────────────────────────────────────

  async status(): Promise<ProjectionStatus[]> {
    const result: ProjectionStatus[] = [];
    for (const p of this.projections) {
      const checkpoint = await readCheckpoint(this.sql, p.name);
      // The store's end read after the checkpoint: a live projection may have moved past one read before it, and
      // EventStoreDB's checkpoints pass records that are no ledger event (found by reviews: both read as ahead).
      const end = this.store.endPosition ? await this.store.endPosition() : await this.store.headPosition();
      const ahead = checkpoint !== null && compareAllPositions(checkpoint.position, end) > 0;
      const rebuild = await readRebuildState(this.sql, p.name);
      const lag = await this.backlog(checkpoint?.position ?? START_POSITION);
      const live = this.live.get(p.name);
      result.push({
        name: p.name,
        description: p.description,
        version: p.version,
        storedVersion: checkpoint?.version ?? null,
        checkpoint: checkpoint?.position ?? null,
        eventsApplied: checkpoint?.eventsApplied ?? 0,
        lagEvents: lag.events,
        lagSeconds: lag.seconds,
        updatedAt: checkpoint?.updatedAt ?? null,
        rebuiltAt: checkpoint?.rebuiltAt ?? null,
        needsRebuild: checkpoint !== null && (checkpoint.version !== p.version || ahead),
        checkpointAheadOfStore: ahead,
        rebuild: rebuild
          ? { version: rebuild.version, checkpoint: rebuild.position, eventsApplied: rebuild.eventsApplied, startedAt: rebuild.startedAt, updatedAt: rebuild.updatedAt }
          : null,
        ...(live ? { live } : {}),
      });
    }
    return result;
  }

  // ── continuous running (the API) ────────────────────────────────────────────

  /** Starts every projection: rebuild if its version was bumped, then follow the store. */
  startLive(): void {
    if (this.loops.length > 0) return;
    this.stopping = false;
    this.abort = new AbortController();
    for (const p of this.projections) this.loops.push(this.runLive(p));
  }

  async stopLive(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    for (const wake of this.wakers) wake();
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    await Promise.all(this.loops);
    this.loops.length = 0;
    for (const p of this.projections) if (this.live.has(p.name)) this.setLive(p, 'STOPPED');
  }

  /** Events in the store past a position, and the age of the oldest of them. */
  backlogAfter(position: AllPosition): Promise<Backlog> {
    return this.backlog(position);
  }

  /** Makes this process's live subscriptions look for new events now (a reader is waiting for them). */
  poke(): void {
    for (const subscription of this.subscriptions.values()) subscription.poke();
  }

  /** Whether this process follows the store continuously (the API), rather than on demand (the CLI). */
  get following(): boolean {
    return this.loops.length > 0 && !this.stopping;
  }

  liveState(name: string): LiveState | undefined {
    return this.live.get(name);
  }

  private setLive(p: Projection, state: LiveStateName, error?: string): void {
    this.live.set(p.name, { state, since: new Date().toISOString(), ...(error ? { error } : {}) });
  }

  private async runLive(p: Projection): Promise<void> {
    let backoffMs = 500;
    // Said once the projection runs again, so an operator's last line is not the failure (found by a review).
    let failedAt: string | undefined;
    while (!this.stopping) {
      try {
        this.setLive(p, 'STARTING');
        await this.ensureCurrent(p, { signal: this.abort.signal });
        if (this.stopping) break;
        const checkpoint = (await readCheckpoint(this.sql, p.name))!;
        const subscription = this.store.subscribeToAll((batch) => this.applyBatch(p, batch).then(() => undefined), {
          after: checkpoint.position,
          batchSize: this.batchSize,
          pollIntervalMs: this.pollIntervalMs,
        });
        this.subscriptions.set(p.name, subscription);
        // stopLive may have run while the checkpoint was read: it could not see this subscription.
        if (this.stopping) {
          await subscription.stop();
          break;
        }
        await subscription.caughtUp;
        if (!this.stopping) {
          this.setLive(p, 'LIVE');
          if (failedAt !== undefined) this.log('info', `projection ${p.name} running again (failed at ${failedAt})`);
          failedAt = undefined;
        }
        await subscription.done;
        backoffMs = 500;
      } catch (error) {
        if (this.stopping) break;
        const message = error instanceof Error ? error.message : String(error);
        this.setLive(p, 'FAILED', message);
        failedAt ??= new Date().toISOString();
        this.log('error', `projection ${p.name} failed; retrying in ${backoffMs} ms`, { error: message });
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.wakers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, backoffMs);
          this.wakers.add(wake);
        });
        backoffMs = Math.min(backoffMs * 2, 30_000);
      } finally {
        this.subscriptions.delete(p.name);
      }
    }
  }
}
