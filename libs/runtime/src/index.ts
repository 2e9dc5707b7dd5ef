/**
 * The composition root shared by the API, the CLI and the projector: configuration → database →
 * event store. The only place that chooses an adapter.
 */
import type { LedgerConfig } from '@ledger/config';
import { openLedgerDatabase, type LedgerDatabase, type OpenOptions } from '@ledger/database';
import type { EventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';

export interface LedgerRuntime {
  readonly config: LedgerConfig;
  readonly db: LedgerDatabase;
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function openLedger(config: LedgerConfig, options: OpenOptions = {}): Promise<LedgerRuntime> {
  const db = await openLedgerDatabase(config, options);
  if (config.EVENTSTORE_URL) {
    await db.close();
    throw new Error('EVENTSTORE_URL is set, but the EventStoreDB adapter is not part of this build yet; unset it to use PostgreSQL');
  }
  const store = new PostgresEventStore(db.sql);
  let closing: Promise<void> | undefined;
  return {
    config,
    db,
    store,
    close: () => (closing ??= db.close()),
  };
}
