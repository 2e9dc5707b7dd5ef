/**
 * The composition root shared by the API, the CLI and the projector: configuration → database →
 * event store. The only place that chooses an adapter.
 */
import type postgres from 'postgres';
import { connect, migrateIfBehind } from '@ledger/database';
import type { MigratableEventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { connectEsdb } from './open-ledger';
import { redactUrl } from './redact-url';

export { startFailureText } from './failure-text';
export { openLedgerForServing, type Served } from './serving';
export { redactUrl };
export { EventsOutsideTheOrderError, holdsNoEvent, openLedger, type LedgerRuntime, type OpenLedgerOptions } from './open-ledger';

export type EventStoreKind = 'postgres' | 'esdb';

export function eventStoreKindOf(url: string): EventStoreKind | undefined {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//i.test(url)) return 'esdb';
  return undefined;
}

export interface StandaloneEventStore {
  readonly kind: EventStoreKind;
  readonly store: MigratableEventStore;
  /** A PostgreSQL store's database (its API tokens, for a copy between two of them). */
  readonly sql?: postgres.Sql;
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
    return { kind, store: new PostgresEventStore(sql), sql, close: () => sql.end({ timeout: 5 }) };
  }
  if (kind === 'esdb') {
    const store = await connectEsdb(url);
    return { kind, store, close: () => store.close() };
  }
  throw new Error(`not an event store URL (postgres://, postgresql://, esdb://, esdb+discover://, kurrentdb://): ${redactUrl(url)}`);
}
