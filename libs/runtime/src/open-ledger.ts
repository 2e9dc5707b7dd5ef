/** The ledger opened: its database (PostgreSQL, for read models, tokens and checkpoints) and its event store, the one place that chooses the adapter. */
import type { LedgerConfig } from '@ledger/config';
import { openLedgerDatabase, OpeningStoppedError, type LedgerDatabase, type OpenOptions } from '@ledger/database';
import { START_POSITION, type EventStore, type OutsideTheOrderSummary } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';

/**
 * The EventStoreDB adapter, loaded only when configured: its client and gRPC are ≈ 170 modules,
 * which every CLI command otherwise parsed at start-up on the embedded default.
 */
export async function connectEsdb(url: string) {
  const { EsdbEventStore } = await import('@ledger/event-store-esdb');
  return EsdbEventStore.connect(url);
}

export interface LedgerRuntime {
  readonly config: LedgerConfig;
  readonly db: LedgerDatabase;
  readonly store: EventStore;
  close(): Promise<void>;
}

/**
 * The events table holds events whose transaction ids this PostgreSQL server has not issued: a
 * dump of another server restored here (`pg_dump` into a new cluster, the usual recovery after a
 * server is lost) or an edit of the table. The store-wide order reads below the ids issued, so
 * every answer, digest and projection would miss them, and a write here would be placed before
 * them (found by a backup review: after a restore onto a new cluster the digest counted 0 events,
 * and after the first write the read models stayed wrong and said they were up to date). The
 * ledger is therefore not opened; `migrate-store` copies such a store, in its stored order, into
 * an empty database of this server (README, "Backups, restores and upgrades").
 */
export class EventsOutsideTheOrderError extends Error {
  readonly code = 'EVENTS_OUTSIDE_THE_ORDER';
  readonly messageZh: string;
  constructor(readonly outside: OutsideTheOrderSummary) {
    super(
      `${outside.events} stored event(s) carry transaction ids this PostgreSQL server has not issued (up to ${outside.highestTransactionId}; the next it issues is ${outside.nextTransactionId}): the events table was restored from another server (pg_dump into a new cluster) or edited. Reads would miss them and writes would be ordered before them, so the ledger is not opened. Restore the dump into another database and copy it with migrate-store into an empty one (README, "Backups, restores and upgrades"); verify lists the events`,
    );
    this.name = 'EventsOutsideTheOrderError';
    this.messageZh =
      `事件库中有 ${outside.events} 个事件的事务号（最大 ${outside.highestTransactionId}）不是本 PostgreSQL 服务器签发的（其下一个为 ${outside.nextTransactionId}）：` +
      `事件表多半是从另一台服务器的备份（pg_dump）恢复到新服务器上的，或被人改动过。在此作答会漏掉这些事件，在此写入会排到它们之前，故不打开台账。` +
      `请把备份恢复到另一个数据库，再用 migrate-store 按原顺序复制到一个空库（见 README “Backups, restores and upgrades”一节）；npm run ledger -- verify --all 可列出这些事件`;
  }
}

export interface OpenLedgerOptions extends OpenOptions {
  /**
   * Opens a store holding events outside its order (EventsOutsideTheOrderError) all the same: only
   * for `verify`, which names each of them, and `migrate-store` copying this ledger, which copies
   * them in their stored order.
   */
  readonly allowEventsOutsideTheOrder?: boolean;
}

export async function openLedger(config: LedgerConfig, options: OpenLedgerOptions = {}): Promise<LedgerRuntime> {
  // PostgreSQL is opened either way: read models, tokens and projection checkpoints live there.
  const db = await openLedgerDatabase(config, options);
  // EVENTSTORE_URL moves the events (only the events) to EventStoreDB/KurrentDB.
  let store: EventStore;
  try {
    store = config.EVENTSTORE_URL ? await connectEsdb(config.EVENTSTORE_URL) : new PostgresEventStore(db.sql);
    if (options.signal?.aborted) {
      await store.close();
      throw new OpeningStoppedError();
    }
    const outside = options.allowEventsOutsideTheOrder ? undefined : await store.outsideTheOrder?.();
    if (outside !== undefined && outside.events > 0) {
      await store.close();
      throw new EventsOutsideTheOrderError(outside);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    config,
    db,
    store,
    close: () => (closing ??= store.close().finally(() => db.close())),
  };
}

/** Whether the ledger holds no event at all: a mistyped data directory or database, said by the CLI's questions and the servers' logs. */
export async function holdsNoEvent(store: Pick<EventStore, 'headPosition'>): Promise<boolean> {
  return (await store.headPosition()).commit === START_POSITION.commit;
}
