/**
 * Projections status on EventStoreDB: a checkpoint is a batch's lastPosition, which moves past `$all`
 * records the adapter skips (system records, the event-id index's reservations), beyond the last
 * ledger event: a caught-up projection must not read as ahead of the store (found by a review).
 */
import { EsdbEventStore, InMemoryEsdb } from '@ledger/event-store-esdb';
import { LEDGER_PROJECTIONS, ProjectionRunner, storeBacklog } from '@ledger/projections';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('projections status on an EventStoreDB store', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('esdb_status');
  }, 60_000);
  afterAll(() => db.drop());

  it('a caught-up projection is not reported ahead of the store (needing a rebuild) when $all ends with a system record', async () => {
    // A system record after every write, as a server writing its stats, or any other record the adapter skips.
    const store = new EsdbEventStore(new InMemoryEsdb({ systemRecordEvery: 1 }));
    await store.appendToStreams([
      {
        streamId: 'cadre-K1',
        expectedRevision: 'no_stream',
        events: [
          {
            eventId: 'K1-reg',
            type: 'CadreRegistered',
            schemaVersion: 1,
            effectiveDate: '2000-01-01',
            actor: 'CLERK:test',
            data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
          },
        ],
      },
    ]);
    const runner = new ProjectionRunner(db.sql, store, { backlog: storeBacklog(store), projections: LEDGER_PROJECTIONS });
    await runner.catchUpAll();
    const status = await runner.status();
    const wrong = status.filter((p) => p.checkpointAheadOfStore || p.needsRebuild).map((p) => p.name);
    expect(wrong).toEqual([]);
  }, 60_000);
});
