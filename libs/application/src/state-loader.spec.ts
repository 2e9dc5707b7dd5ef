/**
 * The state cache keeps the most recently used states and evicts the least recently used ones; a
 * bulk import's compacted cadre states get their history back from the store.
 */
import { CadreHistoryNeeded, cadreFacts, cadreView, findCadreEvent } from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { toTrustedRecordedEvent } from './event-mapping';
import { CADRE, StateLoader, POLICY } from './state-loader';

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

  it('puts back states taken by peek, and drops those that were not cached, so only what was dropped is read again', async () => {
    const { store, reads } = countingStore();
    const loader = new StateLoader(store, 10);
    await loader.load('a', POLICY);
    const before = new Map([
      ['a', loader.peek('a')],
      ['b', loader.peek('b')],
    ]);
    expect(before.get('b')).toBeUndefined();
    await loader.load('b', POLICY);
    loader.invalidate(['a']);
    loader.restore(before);
    reads.length = 0;
    expect(await loader.load('a', POLICY)).toBe(before.get('a'));
    await loader.load('b', POLICY);
    expect(reads).toEqual(['b']);
  });

  it('caches nothing with capacity 0', async () => {
    const { store, reads } = countingStore();
    const loader = new StateLoader(store, 0);
    await loader.load('policy', POLICY);
    await loader.load('policy', POLICY);
    expect(reads).toEqual(['policy', 'policy']);
  });
});

describe('StateLoader: compacted cadre states (bulk import)', () => {
  const event = (revision: number, type: string, effectiveDate: string, data: Record<string, unknown>): StoredEvent =>
    ({
      eventId: `e${revision}`,
      type,
      schemaVersion: 1,
      streamId: 'cadre-C1',
      revision,
      globalPosition: revision + 1,
      position: { commit: revision + 1, prepare: revision + 1 },
      effectiveDate,
      recordedAt: `2030-01-01T00:00:0${revision}.000Z`,
      actor: 'spec',
      documentRef: null,
      correlationId: null,
      causationId: null,
      data,
      metadata: {},
      hash: '0'.repeat(64),
    }) as StoredEvent;
  const stored = [
    event(0, 'CadreRegistered', '2009-01-01', { name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }),
    event(1, 'AppointedToPost', '2015-01-01', { orgUnitId: 'T1', role: 'STAFF' }),
  ];
  const backDated = toTrustedRecordedEvent(event(2, 'AppointedToPost', '2012-01-01', { orgUnitId: 'T2', role: 'STAFF' }));

  function storeOf(events: StoredEvent[]): { store: EventStore; reads: string[] } {
    const reads: string[] = [];
    const store = {
      readStream: async (streamId: string, options?: { maxCount?: number }) => {
        reads.push(streamId);
        return events.slice(0, options?.maxCount ?? events.length);
      },
    } as unknown as EventStore;
    return { store, reads };
  }

  it('given a compacted state, when its history is restored, then it is the state never compacted, kept in the cache', async () => {
    const { store, reads } = storeOf(stored);
    const loader = new StateLoader(store, 10);
    const full = await loader.load('cadre-C1', CADRE);
    loader.compact(['cadre-C1']);
    const compacted = await loader.load('cadre-C1', CADRE);
    expect(compacted.compacted).toEqual(expect.objectContaining({ upTo: 1 }));
    expect(() => findCadreEvent(compacted, 'e0')).toThrow(CadreHistoryNeeded);
    expect(findCadreEvent(compacted, 'not-there')).toBeUndefined(); // no read for an id it never held
    await loader.restoreHistory('cadre-C1');
    const restored = await loader.load('cadre-C1', CADRE);
    expect(restored.compacted).toBeUndefined();
    expect(cadreFacts(restored)).toEqual(cadreFacts(full));
    expect(cadreView(restored)).toEqual(cadreView(full));
    expect(reads).toEqual(['cadre-C1', 'cadre-C1']); // the first load, then the restore
  });

  it('given a compacted state, when a back-dated event it was not decided on is applied, then the state is dropped and read again', async () => {
    const { store, reads } = storeOf([...stored, event(2, 'AppointedToPost', '2012-01-01', { orgUnitId: 'T2', role: 'STAFF' })]);
    const loader = new StateLoader(store, 10);
    await loader.load('cadre-C1', CADRE);
    reads.length = 0;
    loader.compact(['cadre-C1']);
    loader.apply([backDated]);
    const again = await loader.load('cadre-C1', CADRE);
    expect(reads).toEqual(['cadre-C1']);
    expect(again.revision).toBe(2);
    expect(cadreView(again).posts.map((p) => p.orgUnitId)).toEqual(['T2', 'T1']);
  });
});
