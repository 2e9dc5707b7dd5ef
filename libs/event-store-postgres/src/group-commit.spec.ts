/**
 * Group commit in the PostgreSQL adapter: appends from concurrent callers share `ledger_append`
 * calls, yet each caller gets the answer it would have got alone, in arrival order.
 */
import { StreamVersionConflictError, verifyChains, type NewEvent } from '@ledger/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { PostgresEventStore } from './postgres-event-store';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('store_group_commit');
});
afterAll(() => db?.drop());

const grade = (id: string, year: number): NewEvent => ({
  eventId: id,
  type: 'AnnualAssessmentRecorded',
  schemaVersion: 1,
  effectiveDate: `${year + 1}-01-15`,
  actor: 'test',
  data: { year, grade: 'COMPETENT' },
});

/** How many transactions wrote the events of these streams. */
async function transactionsOf(prefix: string): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select count(distinct transaction_id)::int4 as n from events where stream_id like ${`${prefix}%`}`;
  return row!.n;
}

describe('PostgresEventStore group commit', () => {
  it('stores a burst of appends from many callers in fewer transactions, each answered on its own', async () => {
    // Given a store with group commit (the default) and 48 callers appending at once
    const store = new PostgresEventStore(db.sql);
    // When each appends one event to its own stream
    const results = await Promise.all(Array.from({ length: 48 }, (_, i) => store.append(`cadre-gc${i}`, [grade(`gc-${i}`, 2020)], 'no_stream')));
    // Then every append is stored at revision 0 with its own event, and fewer than 48 commits carried them
    expect(results.map((r) => [r.events[0]!.eventId, r.events[0]!.streamId, r.events[0]!.revision])).toEqual(Array.from({ length: 48 }, (_, i) => [`gc-${i}`, `cadre-gc${i}`, 0]));
    expect(await transactionsOf('cadre-gc')).toBeLessThan(48);
    expect((await verifyChains(store.scanStreams(), store.scanHeads())).ok).toBe(true);
  });

  it('fails only the write whose expected revision does not hold; writes to one stream chain in arrival order', async () => {
    const store = new PostgresEventStore(db.sql, { maxCallsInFlight: 1 });
    // A first append occupies the one call in flight, so the next ones queue and go together.
    const first = store.append('cadre-chain', [grade('chain-0', 2019)], 'no_stream');
    const queued = [
      store.append('cadre-chain', [grade('chain-1', 2020)], 0),
      store.append('cadre-chain', [grade('chain-stale', 2020)], 0), // expected 0, but chain-1 made it 1
      store.append('cadre-chain', [grade('chain-2', 2021)], 1),
      store.append('cadre-other', [grade('other-0', 2020)], 'no_stream'),
      store.append('cadre-chain', [grade('chain-1', 2020)], 0), // the same write again: a retry, answered as stored
    ];
    const settled = await Promise.allSettled([first, ...queued]);
    const summary = settled.map((s) => (s.status === 'fulfilled' ? s.value.events.map((e) => `${e.eventId}@${e.revision}`).join() : s.reason.constructor.name));
    expect(summary).toEqual(['chain-0@0', 'chain-1@1', StreamVersionConflictError.name, 'chain-2@2', 'other-0@0', 'chain-1@1']);
    expect(settled[5]).toMatchObject({ status: 'fulfilled', value: { alreadyStored: true } });
    // Queued behind the first call, the five went in one transaction.
    const [row] = await db.sql<{ n: number }[]>`select count(distinct transaction_id)::int4 as n from events where event_id in ('chain-1', 'chain-2', 'other-0')`;
    expect(row!.n).toBe(1);
    expect((await verifyChains(store.scanStreams(), store.scanHeads())).ok).toBe(true);
  });

  it('with maxCallsInFlight 0, every append is its own transaction', async () => {
    const store = new PostgresEventStore(db.sql, { maxCallsInFlight: 0 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.append(`cadre-solo${i}`, [grade(`solo-${i}`, 2020)], 'no_stream')));
    expect(await transactionsOf('cadre-solo')).toBe(12);
  });
});
