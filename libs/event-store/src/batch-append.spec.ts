/**
 * Several independent writes in one call: one outcome per write, in order; a refused write fails
 * only itself. `appendEach` gives these answers on a store without the batch capability.
 */
import { appendEach, canAppendBatches } from './batch-append';
import { StreamVersionConflictError } from './errors';
import type { AppendResult, EventStore, StreamAppend } from './event-store.port';

const write = (streamId: string): StreamAppend[] => [
  {
    streamId,
    expectedRevision: 'any',
    events: [{ eventId: `${streamId}-e`, type: 'T', schemaVersion: 1, effectiveDate: '2021-03-01', actor: 'a', data: {} }],
  },
];

/** A store whose appendToStreams answers each stream id from `answers`, recording the calls in order. */
function fakeStore(answers: Record<string, AppendResult | Error>) {
  const calls: string[] = [];
  const store = {
    async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
      const id = appends[0].streamId;
      calls.push(`start ${id}`);
      await new Promise((resolve) => setImmediate(resolve));
      calls.push(`end ${id}`);
      const answer = answers[id];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as EventStore;
  return { store, calls };
}

const result = (revision: number): AppendResult => ({ events: [], streamRevisions: new Map([['s', revision]]), alreadyStored: false });

describe('appendEach', () => {
  it('answers one outcome per write, in order; a refused write fails only itself', async () => {
    const conflict = new StreamVersionConflictError('cadre-B', '0', 3);
    const { store } = fakeStore({ 'cadre-A': result(0), 'cadre-B': conflict, 'cadre-C': result(4) });
    const outcomes = await appendEach(store, [write('cadre-A'), write('cadre-B'), write('cadre-C')]);
    expect(outcomes).toEqual([
      { ok: true, result: result(0) },
      { ok: false, error: conflict },
      { ok: true, result: result(4) },
    ]);
    expect((outcomes[1] as { error: unknown }).error).toBe(conflict);
  });

  it('applies the writes one after another, never overlapping', async () => {
    const { store, calls } = fakeStore({ 'cadre-A': result(0), 'cadre-B': result(1) });
    await appendEach(store, [write('cadre-A'), write('cadre-B')]);
    expect(calls).toEqual(['start cadre-A', 'end cadre-A', 'start cadre-B', 'end cadre-B']);
  });

  it('no writes, no outcomes', async () => {
    const { store, calls } = fakeStore({});
    expect(await appendEach(store, [])).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('canAppendBatches', () => {
  it('is true only for a store with an appendBatch function', () => {
    expect(canAppendBatches({ appendBatch: async () => [] } as unknown as EventStore)).toBe(true);
    expect(canAppendBatches({} as EventStore)).toBe(false);
    expect(canAppendBatches({ appendBatch: [] } as unknown as EventStore)).toBe(false);
  });
});
