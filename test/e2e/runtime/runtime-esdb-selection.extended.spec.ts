/**
 * From a review of its change: libs/runtime loads the EventStoreDB adapter lazily (`await import`). EVENTSTORE_URL still
 * selects it, a bad URL still fails with the client's message, and PostgreSQL (opened first) is not left open
 * behind the failure.
 */
import { loadConfig } from '@ledger/config';
import { EsdbEventStore } from '@ledger/event-store-esdb';
import { openEventStoreAt, openLedger } from '@ledger/runtime';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('runtime: lazily loaded EventStoreDB adapter', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('review_diff_rt');
  });
  afterAll(() => db.drop());

  it.each(['esdb://localhost:1?tls=false', 'kurrentdb://localhost:1?tls=false', 'esdb+discover://localhost:1?tls=false'])('EVENTSTORE_URL=%s selects EventStoreDB (same class as the static import)', async (url) => {
    const ledger = await openLedger(loadConfig({ DATABASE_URL: db.url, EVENTSTORE_URL: url }), { migrate: false });
    try {
      expect(ledger.store).toBeInstanceOf(EsdbEventStore);
    } finally {
      await ledger.close();
    }
    const s = await openEventStoreAt(url);
    expect(s.store).toBeInstanceOf(EsdbEventStore);
    await s.close();
  });

  it('a bad EventStoreDB URL is refused with the parser message, and the PostgreSQL connections opened first are closed', async () => {
    const connections = async () =>
      Number((await db.sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)[0]!.n);
    const before = await connections();
    await expect(openLedger(loadConfig({ DATABASE_URL: db.url, EVENTSTORE_URL: 'esdb://h:notaport' }), { migrate: false })).rejects.toThrow(/notaport.*port number/);
    await new Promise((r) => setTimeout(r, 500));
    expect(await connections()).toBe(before);
  });
});
