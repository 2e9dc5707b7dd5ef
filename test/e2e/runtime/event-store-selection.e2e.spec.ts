/**
 * The composition root picks the event store by configuration; PostgreSQL is opened either way.
 * (The database is cloned from the migrated template, so no migration runs here.)
 */
import { loadConfig } from '@ledger/config';
import { EsdbEventStore } from '@ledger/event-store-esdb';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { eventStoreKindOf, openEventStoreAt, openLedger } from '@ledger/runtime';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('event store selection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('runtime_selection');
  });
  afterAll(() => db.drop());

  it('uses PostgreSQL for events without EVENTSTORE_URL', async () => {
    const ledger = await openLedger(loadConfig({ DATABASE_URL: db.url }), { migrate: false });
    try {
      expect(ledger.store).toBeInstanceOf(PostgresEventStore);
    } finally {
      await ledger.close();
    }
  });

  it('uses EventStoreDB for events with EVENTSTORE_URL, and still opens PostgreSQL for the rest', async () => {
    // The client connects on first use: no server is contacted here.
    const ledger = await openLedger(loadConfig({ DATABASE_URL: db.url, EVENTSTORE_URL: 'esdb://localhost:1?tls=false' }), { migrate: false });
    try {
      expect(ledger.store).toBeInstanceOf(EsdbEventStore);
      expect((await ledger.db.sql`select count(*)::int as n from api_tokens`)[0]!.n).toBe(0);
    } finally {
      await ledger.close();
    }
  });

  it('opens a store by URL alone for migrate-store', async () => {
    expect(eventStoreKindOf('postgresql://u@h/db')).toBe('postgres');
    expect(eventStoreKindOf('esdb+discover://cluster:2113')).toBe('esdb');
    expect(eventStoreKindOf('kurrentdb://n1:2113')).toBe('esdb');
    expect(eventStoreKindOf('mysql://h/db')).toBeUndefined();
    const pg = await openEventStoreAt(db.url, { migrate: false }); // jest cannot load the ESM migrator; the CLI migrates
    try {
      expect(pg.kind).toBe('postgres');
      expect(await pg.store.streamHead('cadre-none')).toBeNull();
    } finally {
      await pg.close();
    }
    const esdb = await openEventStoreAt('esdb://localhost:1?tls=false');
    expect(esdb.store).toBeInstanceOf(EsdbEventStore);
    await esdb.close();
    await expect(openEventStoreAt('mysql://user:secret@h/db')).rejects.toThrow(/mysql:\/\/\*\*\*@h\/db/);
  });
});
