/**
 * The composition root shared by the API, the CLI and the projector: configuration → database →
 * event store. The only place that chooses an adapter.
 */
import type { LedgerConfig } from '@ledger/config';
import { connect, migrateIfBehind, openLedgerDatabase, OpeningStoppedError, type LedgerDatabase, type OpenOptions } from '@ledger/database';
import type { EventStore, MigratableEventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';

export { startFailureText } from './failure-text';

/**
 * The EventStoreDB adapter, loaded only when configured: its client and gRPC are ≈ 170 modules,
 * which every CLI command otherwise parsed at start-up on the embedded default.
 */
async function connectEsdb(url: string) {
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

export type EventStoreKind = 'postgres' | 'esdb';

export function eventStoreKindOf(url: string): EventStoreKind | undefined {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//i.test(url)) return 'esdb';
  return undefined;
}

export interface StandaloneEventStore {
  readonly kind: EventStoreKind;
  readonly store: MigratableEventStore;
  close(): Promise<void>;
}

/**
 * An event store by URL alone, for tools that work on two stores at once (`migrate-store`):
 * a PostgreSQL database (its schema brought up to date) or an EventStoreDB server.
 */
export async function openEventStoreAt(url: string, options: { log?: (message: string) => void; migrate?: boolean } = {}): Promise<StandaloneEventStore> {
  const kind = eventStoreKindOf(url);
  if (kind === 'postgres') {
    const sql = connect(url, 4);
    try {
      if (options.migrate ?? true) await migrateIfBehind(sql, url, options.log);
    } catch (error) {
      await sql.end({ timeout: 5 });
      throw error;
    }
    return { kind, store: new PostgresEventStore(sql), close: () => sql.end({ timeout: 5 }) };
  }
  if (kind === 'esdb') {
    const store = await connectEsdb(url);
    return { kind, store, close: () => store.close() };
  }
  throw new Error(`not an event store URL (postgres://, postgresql://, esdb://, esdb+discover://, kurrentdb://): ${url.replace(/\/\/[^@/]*@/, '//***@')}`);
}
