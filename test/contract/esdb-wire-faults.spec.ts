/**
 * What a real EventStoreDB does that the in-memory model does not, over the wire: one test per
 * defect of issue 18, each switched on in the wire fake (test/support/esdb-wire-fake.ts) and met
 * by the real client and the adapter. Each of these failed on the adapter before its fix.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { InvalidEventError, StreamVersionConflictError, type NewEvent } from '@ledger/event-store';
import { DbClientGateway, EsdbEventStore, InMemoryEsdb, MultiStreamAppendIncompleteError, type EsdbEventStoreOptions } from '@ledger/event-store-esdb';
import { EsdbWireFake } from '../support/esdb-wire-fake';
import { waitFor } from './event-store.contract';

let n = 0;
const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `wire-${process.pid}-${++n}`,
  type: 'TrainingCompleted',
  schemaVersion: 1,
  effectiveDate: '2024-02-29',
  actor: 'wire-spec',
  data: { programme: '党校培训', n },
  ...overrides,
});

let fake: EsdbWireFake;
let gateway: DbClientGateway;
let store: EsdbEventStore;
const open = (query = '', options: EsdbEventStoreOptions = {}) => {
  gateway = DbClientGateway.connect(fake.url(query));
  store = new EsdbEventStore(gateway, options);
  return store;
};
beforeEach(async () => {
  fake = await EsdbWireFake.start();
});
afterEach(async () => {
  await gateway?.close();
  await fake.stop();
});

describe('EventStoreDB adapter over the wire, with a real server\'s behaviour switched on', () => {
  it('1. answers "already stored" to a twin the server drops while the first write replicates (DEADLINE_EXCEEDED)', async () => {
    open();
    fake.faults.holdAck = { streamId: 'cadre-twin', ms: 300 };
    const events = [event(), event()];
    const results = await Promise.all(Array.from({ length: 3 }, () => store.append('cadre-twin', events, 'any')));
    expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
    expect(results.every((r) => r.events.map((e) => e.eventId).join() === events.map((e) => e.eventId).join())).toBe(true);
    expect(await store.readStream('cadre-twin')).toHaveLength(2);
  });

  it('2. cancels a read its consumer stops early, so no read stays open on the server', async () => {
    open();
    for (let i = 0; i < 6; i++) await store.append(`cadre-r${i}`, Array.from({ length: 10 }, () => event()), 'no_stream');
    fake.faults.readPaceMs = 20; // the rest of `$all` takes seconds to send
    const batch = await store.readAll({ batchSize: 2 });
    expect(batch.events).toHaveLength(2);
    await waitFor('the server to stop serving the read', () => fake.openReads === 0, 1_000);
  });

  it('3. completes, when retried, a multi-stream write that stopped after its first stream', async () => {
    const resumed: unknown[] = [];
    open('', { settleTimeoutMs: 300, onResumedWrite: (r) => resumed.push(r) });
    const write = [
      { streamId: 'cadre-m', expectedRevision: 'no_stream' as const, events: [event()] },
      { streamId: 'orgunit-m', expectedRevision: 'no_stream' as const, events: [event()] },
    ];
    fake.faults.unavailable = { streamId: 'orgunit-m', remaining: 1_000 };
    await expect(store.appendToStreams(write)).rejects.toBeInstanceOf(MultiStreamAppendIncompleteError);
    fake.faults.unavailable = undefined;
    const retried = await store.appendToStreams(write);
    expect(retried.alreadyStored).toBe(false);
    expect(retried.events.map((e) => e.eventId)).toEqual(write.flatMap((w) => w.events.map((e) => e.eventId)));
    expect(await store.readStream('orgunit-m')).toHaveLength(1);
    expect(resumed).toEqual([{ stored: ['cadre-m'], completed: ['orgunit-m'] }]);
    expect((await store.appendToStreams(write)).alreadyStored).toBe(true); // and now it is a plain retry
  });

  it('4. reads from the leader, so a lagging follower never hides its own write', async () => {
    open();
    fake.faults.followerLagWrites = 1_000; // a follower that has seen nothing yet
    await store.append('cadre-lead', [event()], 'no_stream');
    await store.append('cadre-lead', [event()], 0);
    expect((await store.readStream('cadre-lead')).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('5. after a conflict, waits for the head the server reported instead of retrying at a stale one', async () => {
    open();
    fake.faults.holdAck = { streamId: 'cadre-slow', ms: 400 }; // accepted at once, readable after 400 ms
    const first = store.append('cadre-slow', [event()], 'any');
    await waitFor('the first append to reach the server', () => fake.appendsTo('cadre-slow') === 1);
    const second = await store.append('cadre-slow', [event()], 'any');
    await first;
    expect(second.events[0]!.revision).toBe(1);
    expect(fake.appendsTo('cadre-slow')).toBeLessThanOrEqual(3); // the first, the refused one, the one at the reported head
  });

  it('6. refuses a write over the 1 MiB append size as an invalid event, and imports big runs in pieces', async () => {
    open();
    await expect(store.append('cadre-big', [event({ data: { text: 'x'.repeat(1_100_000) } })], 'no_stream')).rejects.toBeInstanceOf(InvalidEventError);
    const source = new EsdbEventStore(new InMemoryEsdb());
    for (let i = 0; i < 30; i++) await source.append('cadre-import', [event({ data: { text: 'y'.repeat(50_000), i } })], 'any');
    const stored = await source.readStream('cadre-import');
    expect((await store.importStored(stored)).imported).toBe(30); // 1.5 MB: more than one append
    expect((await store.readStream('cadre-import')).map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  });

  it('7. reports a conflict as a conflict when the client is told not to throw (throwOnAppendFailure=false)', async () => {
    open('&throwOnAppendFailure=false');
    await store.append('orgunit-race', [event()], 'no_stream');
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => store.append('orgunit-race', [event()], 0)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StreamVersionConflictError);
    expect(await store.readStream('orgunit-race')).toHaveLength(2);
  });

  it('8. says the server sent no position instead of inventing one (0 or 2^64−1)', async () => {
    open();
    await store.append('cadre-pos', [event()], 'no_stream');
    fake.faults.streamReadPositions = 'omit';
    await expect(store.readStream('cadre-pos')).rejects.toThrow(/sent no position/);
    fake.faults.streamReadPositions = 'max';
    await expect(store.readStream('cadre-pos')).rejects.toThrow(/sent no position/);
  });

  it('9. reads `$all` past a tombstone and a foreign stream named like `policy…`', async () => {
    open();
    const client = EventStoreDBClient.connectionString(fake.url());
    try {
      const a = await store.append('cadre-a', [event()], 'no_stream');
      await client.appendToStream('policyholders-1', jsonEvent({ type: 'PolicyIssued', data: { holder: 'someone else' } }));
      const gone = await store.append('cadre-gone', [event()], 'no_stream');
      await client.tombstoneStream('cadre-gone');
      const b = await store.append('policy', [event()], 'no_stream');
      const all = await store.readAll();
      expect(all.events.map((e) => e.eventId)).toEqual([a, gone, b].map((r) => r.events[0]!.eventId));
      expect(await store.headPosition()).toEqual(b.events[0]!.position);
    } finally {
      await client.dispose();
    }
  });
});

describe('connecting as a cluster client', () => {
  it('finds the leader through gossip with an `esdb+discover://` connection string', async () => {
    gateway = DbClientGateway.connect(`esdb+discover://127.0.0.1:${fake.port}?tls=false&discoveryInterval=10&maxDiscoverAttempts=3`);
    store = new EsdbEventStore(gateway);
    const written = await store.append('cadre-gossip', [event()], 'no_stream');
    expect(await store.readStream('cadre-gossip')).toEqual(written.events);
  });
});
