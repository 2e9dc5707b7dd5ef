/**
 * A projection: a named, versioned consumer of the store-wide order that keeps tables.
 * The runner (projection-runner.ts) owns the checkpoint and the transaction; a projection only
 * says which events it reads and how a batch of them changes its rows.
 */
import type postgres from 'postgres';
import type { RecordedEvent } from '@ledger/domain';
import { compareAllPositions, type AllPosition, type EventSelector, type ReadAllBatch, type StoredEvent } from '@ledger/event-store';

/** A connection, a transaction or a reserved connection: anything that runs a query. */
export type Queryable = postgres.ISql;

/**
 * What a projection keeps between the batches one runner applies to its live tables: rows it wrote,
 * so it can fold the next events onto them instead of reading them back (cadre-careers' timelines).
 * Each runner holds one per projection, bounded, dropped when a rebuild swaps the tables in. The
 * batch that wrote an entry may still roll back, so an entry is to be trusted only at the position
 * its row is stored at: a rolled-back batch then costs a read, never a wrong row.
 */
export interface LiveMemory {
  get(key: string): object | undefined;
  set(key: string, value: object): unknown;
}

/**
 * The physical name of one of the projection's tables: the live table, or its shadow while a
 * rebuild fills it. Projections never write a table name literally, so the same `apply` fills both.
 */
export type TableResolver = (liveTable: string) => string;

export const LIVE_TABLES: TableResolver = (t) => t;

/** Shadow tables of a rebuild: same columns, constraints and indexes (CREATE TABLE … LIKE … INCLUDING ALL). */
export const SHADOW_SUFFIX = '__rebuild';
export const SHADOW_TABLES: TableResolver = (t) => `${t}${SHADOW_SUFFIX}`;

/** One table's rows, keyed by primary key, in a canonical JSON-able form (for `verify`). */
export type TableSnapshot = Map<string, unknown>;

export interface Projection {
  /** Stable name: the CLI's `projections rebuild NAME`, the checkpoint row's key. */
  readonly name: string;
  /** Bump when `apply` changes meaning: the tables are then rebuilt on start. */
  readonly version: number;
  /** What it keeps, in Chinese (CLI status). */
  readonly description: string;
  /** The live tables it owns (created by a migration). */
  readonly tables: readonly string[];
  /**
   * Set when each of its rows depends only on the events of one stream, folded in revision order
   * (how streams interleave does not matter): a rebuild may then read the store stream by stream,
   * each row written once, and only the streams starting with `streamPrefix` (all when absent).
   * Batches of different streams are then applied in overlapping transactions: `apply` must read
   * and write only the rows of the streams it is given.
   */
  readonly rebuildByStream?: {
    readonly streamPrefix?: string;
    /** Only these events matter to it (what `keeps` says, as the store can filter): the others are not even read. */
    readonly only?: EventSelector;
    /**
     * false: its fold never reads who wrote an event or how it is chained (actor, document,
     * correlation and causation ids, hash), so the scan leaves them out (empty): about a third of
     * the server's time for a read. `projections verify` folds full events and compares.
     */
    readonly provenance?: boolean;
  };
  /** Whether it reads events of this stream; the others only move its checkpoint. */
  handles(streamId: string): boolean;
  /**
   * Optional, finer than `handles`: whether it needs this event at all, judged on the stored
   * envelope before the event is decoded. Events it does not keep still move its checkpoint.
   */
  keeps?(event: Pick<StoredEvent, 'type' | 'metadata'>): boolean;
  /**
   * Applies events (already past the checkpoint, in store-wide order) inside the caller's
   * transaction. `memory` is given on the live path only (ProjectionRunner.applyBatch), not in a rebuild.
   */
  apply(tx: Queryable, events: readonly RecordedEvent[], table: TableResolver, memory?: LiveMemory): Promise<void>;
  /** The rows as stored, for `verify`. */
  snapshot(sql: Queryable, table: TableResolver): Promise<Map<string, TableSnapshot>>;
  /**
   * Set when each row belongs to one stream: `projections verify` then compares the rows a few
   * streams at a time, holding a batch of events instead of the store (verify-projections.ts).
   */
  readonly rowsByStream?: {
    /** The rows of these streams, in the form of `snapshot`. */
    snapshot(sql: Queryable, table: TableResolver, streamIds: readonly string[]): Promise<Map<string, TableSnapshot>>;
    /** The stream of every stored row (each once): rows of streams without events are unexpected. */
    streamIds(sql: Queryable, table: TableResolver): Promise<string[]>;
  };
  /** The rows a pure in-memory fold of `events` gives, in the same form as `snapshot`. */
  expectedSnapshot(events: readonly RecordedEvent[]): Map<string, TableSnapshot>;
}

/**
 * Nothing more to read after `after`. Not "no events": a store may move past records it does not
 * deliver (EventStoreDB's system events), and the position must follow it.
 */
export function exhausted(batch: ReadAllBatch, after: AllPosition): boolean {
  return batch.events.length === 0 && compareAllPositions(batch.lastPosition, after) <= 0;
}

