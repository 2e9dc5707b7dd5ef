/**
 * The event-store port: what the application needs from any store (PostgreSQL, EventStoreDB).
 * Adapters implement it; one contract suite (test/contract) runs against every adapter.
 */
import type { AllPosition, NewEvent, StoredEvent, StreamHead } from './envelope';
import type { UnfinishedCopy } from './unfinished-copy';

/**
 * Optimistic concurrency on write:
 * - `'any'`: append whatever the stream's state;
 * - `'no_stream'`: the stream must not exist yet;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | number;

/**
 * One stream of a write. With no events it is a read check: the write holds only while that stream
 * is still at `expectedRevision` (a revision or 'no_stream'), checked with the other expectations
 * and nothing appended to it. PostgreSQL checks it under a lock (shared: readers do not wait for
 * one another) held to the commit; EventStoreDB, which has no transaction across streams, checks
 * it just before the write, as its other expectations (the contract suite's atomicMultiStream). A decision that read a stream it
 * does not write (a rescission reads the appeal it cites, an appointment the post's holders, every
 * command the policy) names it so, and a concurrent writer of that stream makes it a conflict
 * instead of a rule broken unseen. A write needs at least one event.
 */
export interface StreamAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  /** The stored events, in append order (for an idempotent repeat: as stored the first time). */
  readonly events: readonly StoredEvent[];
  /** Revision of each touched stream's last event after the write. */
  readonly streamRevisions: ReadonlyMap<string, number>;
  /** True when every event was already stored with the same body and nothing was written. */
  readonly alreadyStored: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the start. */
  readonly after?: AllPosition;
  readonly batchSize?: number;
}

export interface ReadAllBatch {
  readonly events: readonly StoredEvent[];
  /** Position of the last event delivered (or `after` when empty): the next checkpoint. */
  readonly lastPosition: AllPosition;
}

export interface SubscriptionOptions {
  /** Checkpoint: deliver events strictly after this position. */
  readonly after?: AllPosition;
  readonly batchSize?: number;
  /** How long to wait before looking again once caught up. */
  readonly pollIntervalMs?: number;
  /** Only events whose stream id starts with one of these prefixes (e.g. `cadre-`). */
  readonly streamPrefixes?: readonly string[];
}

/**
 * Receives batches in store-wide order, each exactly once as long as the subscriber persists
 * `lastPosition` with the effects of the batch (same transaction) and resumes from it.
 */
export type BatchHandler = (batch: ReadAllBatch) => Promise<void>;

export interface Subscription {
  /** Resolves when the subscription has delivered everything stored so far at least once. */
  readonly caughtUp: Promise<void>;
  /** Resolves when the loop ends (after `stop()`), rejects if the handler or the store failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
  /** Looks for new events now instead of at the end of the poll interval (a reader is waiting). */
  poke(): void;
}

export interface EventStore {
  /** Appends to one stream. See `appendToStreams`. */
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams atomically: every event is stored, or none. Each stream's
   * expected revision is checked. Idempotent by eventId across the whole store: if every event
   * is already stored with the same body, nothing is written and the stored events are returned;
   * an eventId stored with a different body fails with EventIdConflictError.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Current head of a stream, or null when it does not exist. */
  streamHead(streamId: string): Promise<StreamHead | null>;
  /**
   * One batch of the store-wide order, never skipping an event that commits late: for catch-up
   * readers that resume from the batch's `lastPosition` (subscriptions, projections, migrations).
   * It may stop short of events already committed while an older write is still running.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllBatch>;
  /**
   * Every event committed when the read starts, in store-wide order, read from one consistent
   * snapshot, in batches: for a query's one-shot answer ("as known at"), never for a checkpointed
   * catch-up. Unlike `readAll` it does not stop below writes still running: within one snapshot
   * nothing can be skipped, and nothing resumes from its positions.
   */
  readAllCommitted(options?: { readonly batchSize?: number }): AsyncIterable<readonly StoredEvent[]>;
  /**
   * The store-wide position of the last committed event (START_POSITION when empty): a reader that
   * has passed it reflects every write acknowledged before this call (read your writes).
   */
  headPosition(): Promise<AllPosition>;
  /**
   * The furthest position a reader's checkpoint can reach: past the last record the store holds,
   * the ledger's or not. A store whose log holds records that are not ledger events (EventStoreDB's
   * system records, its event-id reservations) moves `readAll`'s lastPosition past them, beyond
   * `headPosition`; absent where the two are the same (PostgreSQL).
   */
  endPosition?(): Promise<AllPosition>;
  /**
   * Waits, at most `timeoutMs`, until no append that could be recorded at or before `instant` is
   * still being committed; true when none is (T1: an answer as known at an instant must not change
   * once given). A store that stamps recordedAt at commit has nothing to wait for (absent).
   */
  settleKnownAt?(instant: string, timeoutMs: number): Promise<boolean>;
  /** A catch-up subscription over the store-wide order from a checkpoint. */
  subscribeToAll(handler: BatchHandler, options?: SubscriptionOptions): Subscription;
  /** Every event ordered by stream id (byte order), then revision: for verification and export. */
  scanStreams(): AsyncIterable<StoredEvent>;
  /** Every stream head, ordered by stream id (byte order). */
  scanHeads(): AsyncIterable<StreamHead>;
  /** Events by id (for links such as retractions and appeals). */
  findEvents(eventIds: readonly string[]): Promise<StoredEvent[]>;
  /**
   * Events of one type whose payload has `data[field] === value` (a top-level string field), in
   * store-wide order: e.g. the AppealFiled events about a cadre, for an audit export that must come
   * from the store itself rather than from a projection that may lag.
   */
  findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]>;
  /**
   * Stored events the store-wide order can never reach, which only an edit of the store makes (in
   * PostgreSQL: a transaction id not issued yet). `readAll`, the digest and the projections never
   * see such an event, so it could later be deleted unnoticed; `verify` reports each one.
   * Optional: a store whose order is assigned by the server and cannot be edited has none.
   */
  eventsOutsideTheOrder?(): Promise<EventOutsideTheOrder[]>;
  /**
   * How many stored events the store-wide order cannot reach, in one cheap query (the ledger's
   * opening asks it every time): the events table of another server restored here (pg_dump into a
   * new cluster, whose transaction ids are behind the dump's), or edited. Absent where
   * `eventsOutsideTheOrder` is.
   */
  outsideTheOrder?(): Promise<OutsideTheOrderSummary>;
  /**
   * The mark of a `migrate-store` copy into this store under way or stopped part-way (null: none).
   * Optional: only a store that can keep the mark (PostgreSQL) has it.
   */
  unfinishedCopy?(): Promise<UnfinishedCopy | null>;
  close(): Promise<void>;
}

/** `outsideTheOrder`'s answer: none when `events` is 0. */
export interface OutsideTheOrderSummary {
  readonly events: number;
  /** The highest transaction id among them (as text, an xid8), null when there is none. */
  readonly highestTransactionId: string | null;
  /** The next transaction id this server will issue. */
  readonly nextTransactionId: string;
}

/** An event `readAll` cannot reach, with the store's own reason. */
export interface EventOutsideTheOrder {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly message: string;
}

/** Events by type or by a metadata key, as a store can filter them without decoding them. */
export interface EventSelector {
  readonly types: readonly string[];
  readonly metadataKeys: readonly string[];
}

/** Where a stream-ordered scan stands: the last event it delivered. */
export interface StreamScanCursor {
  readonly streamId: string;
  readonly revision: number;
}

/**
 * Optional capability (the PostgreSQL adapter has it): reading streams one after another, each in
 * revision order, up to a fixed point of the store-wide order. A projection whose rows each depend
 * on one stream's events is rebuilt this way with every row written once, instead of once per
 * batch of the interleaved store-wide order (libs/projections, ProjectionRunner.rebuild).
 */
export interface StreamScanner {
  /**
   * The last event readable in the store-wide order now, and how many events are at or before it.
   * No event at or before it can appear later: the set is fixed.
   */
  readableHead(): Promise<{ readonly position: AllPosition; readonly events: number }>;
  /**
   * Up to `limit` events after `from` (the start of the order when absent) and at or before `upTo`,
   * of streams whose id starts with `streamPrefix` (all when absent), in (stream id in byte order,
   * revision) order, strictly after `after`.
   */
  scanStreamsUpTo(options: {
    readonly from?: AllPosition;
    readonly upTo: AllPosition;
    readonly streamPrefix?: string;
    /** Only events of these types or whose metadata has one of these keys (all events when absent). */
    readonly only?: EventSelector;
    /**
     * false: the events come without their provenance, which a fold does not read: `actor` and
     * `hash` are empty, `documentRef`, `correlationId` and `causationId` null. Default true.
     */
    readonly provenance?: boolean;
    readonly after?: StreamScanCursor | null;
    readonly limit: number;
  }): Promise<StoredEvent[]>;
  /**
   * Makes the store ready for a scan of much of it, when it needs to (e.g. a database's planner
   * statistics gathered after a bulk import). Returns whether it did anything.
   */
  refreshStatistics?(): Promise<boolean>;
}

export function canScanStreams(store: EventStore): store is EventStore & StreamScanner {
  const s = store as Partial<StreamScanner>;
  return typeof s.readableHead === 'function' && typeof s.scanStreamsUpTo === 'function';
}
