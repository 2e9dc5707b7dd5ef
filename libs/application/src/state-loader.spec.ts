/** The state cache keeps the most recently used states and evicts the least recently used ones. */
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { StateLoader, POLICY } from './state-loader';

function countingStore(): { store: EventStore; reads: string[] } {
  const reads: string[] = [];
  const store = {
    readStream: async (streamId: string): Promise<StoredEvent[]> => {
      reads.push(streamId);
      return [];
    },
  } as unknown as EventStore;
  return { store, reads };
}

describe('StateLoader cache', () => {
  it('evicts the least recently used states, however often one of them is read', async () => {
    const { store, reads } = countingStore();
    const loader = new StateLoader(store, 10);
    const streams = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'];
    await loader.load('policy', POLICY);
    for (const id of streams) await loader.load(id, POLICY);
    // A hot stream read again and again stays cached (it is stamped, not re-inserted).
    for (let i = 0; i < 1000; i++) await loader.load('policy', POLICY);
    await loader.load('s1', POLICY);
    await loader.load('x', POLICY); // over capacity: the least recently used (s2, s3: a tenth and one) go
    reads.length = 0;
    for (const id of ['policy', 'x', 's1', 's4', 's9']) await loader.load(id, POLICY);
    expect(reads).toEqual([]); // still cached
    await loader.load('s2', POLICY);
    await loader.load('s3', POLICY);
    expect(reads).toEqual(['s2', 's3']); // evicted, read again
  });

  it('caches nothing with capacity 0', async () => {
    const { store, reads } = countingStore();
    const loader = new StateLoader(store, 0);
    await loader.load('policy', POLICY);
    await loader.load('policy', POLICY);
    expect(reads).toEqual(['policy', 'policy']);
  });
});
