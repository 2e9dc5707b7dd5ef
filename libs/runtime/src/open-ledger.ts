/** The ledger opened: its database (PostgreSQL, for read models, tokens and checkpoints) and its event store, the one place that chooses the adapter. */
import type { LedgerConfig } from '@ledger/config';
import { openLedgerDatabase, OpeningStoppedError, type LedgerDatabase, type OpenOptions } from '@ledger/database';
import type { EventStore } from '@ledger/event-store';
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

export async function openLedger(config: LedgerConfig, options: OpenOptions = {}): Promise<LedgerRuntime> {
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
