/**
 * a ledger stream deleted on the EventStoreDB server (tombstone, as an operator with admin
 * rights can do). test/contract/esdb-contract-store.ts says "deleting a stream shows in verify as a gap".
 * On the in-memory server model (the wire fake hangs on a read of a tombstoned stream: see report).
 */
import { EsdbEventStore, InMemoryEsdb } from '@ledger/event-store-esdb';
import { copyEventStore, verifyChains } from '@ledger/event-store';

const ev = (id: string) => ({ eventId: id, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 'spec', data: { id } });

describe('a tombstoned ledger stream on EventStoreDB (in-memory model)', () => {
  const setup = async () => {
    const server = new InMemoryEsdb();
    const store = new EsdbEventStore(server);
    await store.append('cadre-keep', [ev('k1'), ev('k2')], 'no_stream');
    await store.append('cadre-gone', [ev('g1'), ev('g2')], 'no_stream');
    await server.tombstone('cadre-gone');
    return store;
  };

  it('verifyChains reports the deleted stream as broken instead of throwing', async () => {
    const store = await setup();
    let result: Awaited<ReturnType<typeof verifyChains>> | undefined;
    let thrown: unknown;
    try {
      result = await verifyChains(store.scanStreams(), store.scanHeads());
    } catch (e) {
      thrown = e;
    }
    expect(thrown === undefined ? 'no error' : String(thrown)).toBe('no error');
    expect(result).toMatchObject({ ok: false, firstBroken: { streamId: 'cadre-gone' } });
  });

  it('copyEventStore from it stops as SOURCE_BROKEN naming cadre-gone', async () => {
    const store = await setup();
    const target = new EsdbEventStore(new InMemoryEsdb());
    await expect(copyEventStore(store, target)).rejects.toMatchObject({ code: 'STORE_COPY_FAILED', failure: 'SOURCE_BROKEN', streamId: 'cadre-gone' });
  });
});
