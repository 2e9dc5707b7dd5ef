/**
 * verifyChains walks every stream (events in stream, revision order; heads in stream order),
 * recomputes each hash chain and reports the first broken link: which stream, which revision,
 * which reason. Chains are built here with the real chainHash from GENESIS_HASH.
 */
import type { StoredEvent, StreamHead } from './envelope';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { headOf, storedChain } from './spec-events';
import { recheckStream, StreamChainChecker, verifyChains, type BrokenLink } from './verify';

/** A correctly chained stream of `count` events. */
const chain = (streamId: string, count: number): StoredEvent[] => storedChain(streamId, count, { recordedAt: (revision) => `2021-03-02T01:02:0${revision % 10}.000Z` });

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

function verify(events: readonly StoredEvent[], heads: readonly StreamHead[], options?: { stopAtFirst?: boolean }) {
  return verifyChains(iterate(events), iterate(heads), options);
}

/** The event with its data changed but the stored hash kept (a tampered row). */
function tampered(event: StoredEvent): StoredEvent {
  return { ...event, data: { ...event.data, grade: 'EXCELLENT' } };
}

describe('verifyChains: intact stores', () => {
  it('an empty store verifies with nothing checked', async () => {
    const result = await verify([], []);
    expect(result).toEqual({ ok: true, checkedEvents: 0, checkedStreams: 0, broken: [] });
    expect('firstBroken' in result).toBe(false);
  });

  it('counts every event and every stream of intact chains', async () => {
    const a = chain('cadre-A', 3);
    const b = chain('cadre-B', 1);
    const c = chain('cadre-C', 2);
    const result = await verify([...a, ...b, ...c], [headOf(a), headOf(b), headOf(c)]);
    expect(result).toEqual({ ok: true, checkedEvents: 6, checkedStreams: 3, broken: [] });
    expect('firstBroken' in result).toBe(false);
  });

  it('also verifies intact chains with stopAtFirst: false', async () => {
    const a = chain('cadre-A', 2);
    expect(await verify(a, [headOf(a)], { stopAtFirst: false })).toEqual({ ok: true, checkedEvents: 2, checkedStreams: 1, broken: [] });
  });
});

describe('verifyChains: the first broken link', () => {
  it('HASH_MISMATCH: a changed event is named by its revision, with both hash prefixes', async () => {
    const a = chain('cadre-A', 3);
    const bad = tampered(a[1]);
    const recomputed = chainHash(a[0].hash, bad);
    const result = await verify([a[0], bad, a[2]], [headOf(a)]);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({
      streamId: 'cadre-A',
      revision: 1,
      reason: 'HASH_MISMATCH',
      message: `stored hash ${a[1].hash.slice(0, 12)}… differs from recomputed ${recomputed.slice(0, 12)}…`,
    });
    // Stops at the first break: the broken event is counted, nothing after it, no stream finished.
    expect(result.checkedEvents).toBe(2);
    expect(result.checkedStreams).toBe(0);
  });

  it('HASH_MISMATCH on the first event (recomputed from the genesis hash)', async () => {
    const a = chain('cadre-A', 2);
    const result = await verify([tampered(a[0]), a[1]], [headOf(a)]);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 0, reason: 'HASH_MISMATCH' });
  });

  it('an event that chains to a different previous hash breaks the chain', async () => {
    const a = chain('cadre-A', 2);
    // The second event rehashed from the genesis hash is self-consistent but not linked to the first.
    const relinked = { ...a[1], hash: chainHash(GENESIS_HASH, a[1]) };
    const result = await verify([a[0], relinked], [{ ...headOf(a), lastHash: relinked.hash }]);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 1, reason: 'HASH_MISMATCH' });
  });

  it('REVISION_GAP: a deleted event in the middle is named by the missing revision', async () => {
    const a = chain('cadre-A', 4);
    const result = await verify([a[0], a[1], a[3]], [headOf(a)]);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-A', revision: 2, reason: 'REVISION_GAP', message: 'revision 2 is missing (next stored is 3)' });
    expect(result.checkedEvents).toBe(3);
  });

  it('REVISION_GAP: a stream whose first event is deleted', async () => {
    const a = chain('cadre-A', 2);
    const result = await verify([a[1]], [headOf(a)]);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-A', revision: 0, reason: 'REVISION_GAP', message: 'revision 0 is missing (next stored is 1)' });
  });

  it('MISSING_EVENTS: the last event deleted (the head names one revision more than is stored)', async () => {
    const a = chain('cadre-A', 3);
    const result = await verify(a.slice(0, 2), [headOf(a)]);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-A', revision: 2, reason: 'MISSING_EVENTS', message: 'head says revision 2, events end at 1' });
    expect(result).toMatchObject({ ok: false, checkedEvents: 2, checkedStreams: 1 });
  });

  it('HEAD_MISMATCH: the head hash differs from the last event hash', async () => {
    const a = chain('cadre-A', 2);
    const result = await verify(a, [{ ...headOf(a), lastHash: a[0].hash }]);
    expect(result.firstBroken).toEqual({
      streamId: 'cadre-A',
      revision: 1,
      reason: 'HEAD_MISMATCH',
      message: 'the stream head hash differs from the last event hash',
    });
  });

  it('a head one revision behind the events is not MISSING_EVENTS but still must match the last hash', async () => {
    const a = chain('cadre-A', 3);
    const result = await verify(a, [{ streamId: 'cadre-A', revision: 1, lastHash: a[1].hash }]);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 2, reason: 'HEAD_MISMATCH' });
  });

  it('MISSING_HEAD: events of a stream that has no head', async () => {
    const a = chain('cadre-A', 2);
    const result = await verify(a, []);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-A', revision: 0, reason: 'MISSING_HEAD', message: 'events exist but the stream head is missing' });
    expect(result).toMatchObject({ ok: false, checkedEvents: 2, checkedStreams: 1 });
  });

  it('MISSING_HEAD: the head of another stream does not count for this one', async () => {
    const a = chain('cadre-A', 1);
    const b = chain('cadre-B', 1);
    const result = await verify([...a, ...b], [headOf(b)]);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', reason: 'MISSING_HEAD' });
    // Stopped when cadre-A finished: cadre-B's event is not checked.
    expect(result).toMatchObject({ checkedEvents: 1, checkedStreams: 1 });
  });

  it('MISSING_EVENTS: a head whose stream has no events left, before other streams', async () => {
    const b = chain('cadre-B', 2);
    const result = await verify(b, [{ streamId: 'cadre-A', revision: 4, lastHash: GENESIS_HASH }, headOf(b)]);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-A', revision: 0, reason: 'MISSING_EVENTS', message: 'head says revision 4, no events stored' });
    // Found before cadre-B's first event was checked.
    expect(result).toMatchObject({ ok: false, checkedEvents: 0, checkedStreams: 0 });
  });

  it('MISSING_EVENTS: a head whose stream has no events left, after every stream', async () => {
    const a = chain('cadre-A', 1);
    const result = await verify(a, [headOf(a), { streamId: 'cadre-Z', revision: 0, lastHash: GENESIS_HASH }]);
    expect(result.firstBroken).toEqual({ streamId: 'cadre-Z', revision: 0, reason: 'MISSING_EVENTS', message: 'head says revision 0, no events stored' });
    expect(result).toMatchObject({ ok: false, checkedEvents: 1, checkedStreams: 1 });
  });

  it('MISSING_EVENTS: heads only, no events at all', async () => {
    const result = await verify([], [{ streamId: 'cadre-A', revision: 0, lastHash: GENESIS_HASH }]);
    const missing = { streamId: 'cadre-A', revision: 0, reason: 'MISSING_EVENTS', message: 'head says revision 0, no events stored' };
    expect(result).toEqual({ ok: false, checkedEvents: 0, checkedStreams: 0, firstBroken: missing, broken: [missing] });
  });

  it('a break in the last stream stops before that stream is counted as finished', async () => {
    const a = chain('cadre-A', 1);
    const b = chain('cadre-B', 2);
    const result = await verify([...a, b[0], tampered(b[1])], [headOf(a), headOf(b)]);
    expect(result).toMatchObject({ ok: false, checkedEvents: 3, checkedStreams: 1 });
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-B', revision: 1, reason: 'HASH_MISMATCH' });
  });
});

describe('verifyChains: stopAtFirst: false walks everything and still reports the first break', () => {
  it('counts every event and stream after a break and keeps the first one', async () => {
    const a = chain('cadre-A', 3);
    const b = chain('cadre-B', 2);
    const c = chain('cadre-C', 1);
    const events = [a[0], tampered(a[1]), a[2], b[0], b[1], ...c];
    const heads = [headOf(a), { ...headOf(b), lastHash: GENESIS_HASH }];
    const result = await verify(events, heads, { stopAtFirst: false });
    expect(result).toMatchObject({ ok: false, checkedEvents: 6, checkedStreams: 3 });
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 1, reason: 'HASH_MISMATCH' });
  });

  it('walks past a stream without head and a head without events', async () => {
    const a = chain('cadre-A', 1);
    const c = chain('cadre-C', 2);
    const heads = [{ streamId: 'cadre-B', revision: 1, lastHash: GENESIS_HASH }, headOf(c), { streamId: 'cadre-D', revision: 0, lastHash: GENESIS_HASH }];
    const result = await verify([...a, ...c], heads, { stopAtFirst: false });
    expect(result).toMatchObject({ ok: false, checkedEvents: 3, checkedStreams: 2 });
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', reason: 'MISSING_HEAD' });
  });

  it('a head without events found on the way is the first break when it comes first', async () => {
    const b = chain('cadre-B', 1);
    const result = await verify(b, [{ streamId: 'cadre-A', revision: 0, lastHash: GENESIS_HASH }, headOf(b)], { stopAtFirst: false });
    expect(result).toMatchObject({ ok: false, checkedEvents: 1, checkedStreams: 1 });
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', reason: 'MISSING_EVENTS' });
  });

  it('the default is to stop at the first break', async () => {
    const a = chain('cadre-A', 2);
    const b = chain('cadre-B', 2);
    const events = [tampered(a[0]), a[1], ...b];
    expect(await verify(events, [headOf(a), headOf(b)], {})).toMatchObject({ checkedEvents: 1, checkedStreams: 0 });
    expect(await verify(events, [headOf(a), headOf(b)])).toMatchObject({ checkedEvents: 1, checkedStreams: 0 });
    expect(await verify(events, [headOf(a), headOf(b)], { stopAtFirst: true })).toMatchObject({ checkedEvents: 1, checkedStreams: 0 });
  });
});

describe('StreamChainChecker: one stream against its head', () => {
  it('accepts a chained stream event by event and its matching head', () => {
    const a = chain('cadre-A', 3);
    const checker = new StreamChainChecker('cadre-A');
    expect(a.map((e) => checker.check(e))).toEqual([undefined, undefined, undefined]);
    expect(checker.finish(headOf(a))).toBeUndefined();
  });

  it('after a break the chain goes on from the stored event, so each edited event is named on its own (found by a review)', () => {
    const a = chain('cadre-A', 4);
    const checker = new StreamChainChecker('cadre-A');
    const first: BrokenLink | undefined = checker.check(tampered(a[0]));
    expect(first).toMatchObject({ revision: 0, reason: 'HASH_MISMATCH' });
    expect(checker.check(a[1])).toBeUndefined(); // its content and stored hash untouched
    expect(checker.check(tampered(a[2]))).toMatchObject({ revision: 2, reason: 'HASH_MISMATCH' });
    expect(checker.check(a[3])).toBeUndefined();
    expect(checker.finish(headOf(a))).toBeUndefined();
  });

  it('a gap is named once, and the chain goes on from the event after it', () => {
    const a = chain('cadre-A', 3);
    const checker = new StreamChainChecker('cadre-A');
    checker.check(a[0]);
    expect(checker.check(a[2])).toMatchObject({ revision: 1, reason: 'REVISION_GAP' });
    expect(checker.finish(headOf(a))).toBeUndefined();
  });

  it('finish without a head is MISSING_HEAD; with a head past the events, MISSING_EVENTS', () => {
    const a = chain('cadre-A', 1);
    const checker = new StreamChainChecker('cadre-A');
    checker.check(a[0]);
    expect(checker.finish(undefined)).toMatchObject({ reason: 'MISSING_HEAD', revision: 0 });
    expect(checker.finish({ streamId: 'cadre-A', revision: 1, lastHash: a[0].hash })).toEqual({
      streamId: 'cadre-A',
      revision: 1,
      reason: 'MISSING_EVENTS',
      message: 'head says revision 1, events end at 0',
    });
    expect(checker.finish({ streamId: 'cadre-A', revision: 0, lastHash: a[0].hash })).toBeUndefined();
  });
});

describe('verifyChains: the readers it was given are closed', () => {
  /** A reader that records whether it was closed (a store's cursor holds a connection until then). */
  function tracked<T>(items: readonly T[]): { iterable: AsyncIterable<T>; closed: () => boolean; read: () => number } {
    let closed = false;
    let read = 0;
    const iterable = (async function* () {
      try {
        for (const item of items) {
          read++;
          yield item;
        }
      } finally {
        closed = true;
      }
    })();
    return { iterable, closed: () => closed, read: () => read };
  }

  it('stopping at the first break closes the heads reader, with heads still unread', async () => {
    const streams = ['cadre-A', 'cadre-B', 'cadre-C'].map((id) => chain(id, 2));
    const events = tracked([tampered(streams[0]![0]!), ...streams[0]!.slice(1), ...streams[1]!, ...streams[2]!]);
    const heads = tracked(streams.map((s) => headOf(s)));
    const result = await verifyChains(events.iterable, heads.iterable);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 0, reason: 'HASH_MISMATCH' });
    expect(heads.read()).toBeLessThan(3);
    expect(heads.closed()).toBe(true);
    expect(events.closed()).toBe(true);
  });

  it('a full walk reads every head to its end', async () => {
    const streams = ['cadre-A', 'cadre-B'].map((id) => chain(id, 2));
    const heads = tracked(streams.map((s) => headOf(s)));
    const result = await verifyChains(tracked(streams.flat()).iterable, heads.iterable);
    expect(result).toMatchObject({ ok: true, checkedStreams: 2 });
    expect(heads.read()).toBe(2);
    expect(heads.closed()).toBe(true);
  });
});

describe('verifyChains: every break, and breaks a race would show (found by a review)', () => {
  it('with stopAtFirst: false, lists every break in every stream, each at its own event', async () => {
    const a = chain('cadre-A', 4);
    const b = chain('cadre-B', 2);
    const result = await verify([a[0], tampered(a[1]), a[2], tampered(a[3]), b[0], tampered(b[1])], [headOf(a), headOf(b)], { stopAtFirst: false });
    expect(result.broken.map((x) => [x.streamId, x.revision, x.reason])).toEqual([
      ['cadre-A', 1, 'HASH_MISMATCH'],
      ['cadre-A', 3, 'HASH_MISMATCH'],
      ['cadre-B', 1, 'HASH_MISMATCH'],
    ]);
    expect(result.firstBroken).toEqual(result.broken[0]);
  });

  it('a head break the stream read again on its own does not show is no break: an append committed between the two reads', async () => {
    const a = chain('cadre-A', 3);
    // The heads were read before the append of revision 2, the events after it.
    const staleHead = headOf(a.slice(0, 2));
    const recheck = jest.fn(async () => undefined);
    expect(await verifyChains(iterate(a), iterate([staleHead]), { recheck })).toMatchObject({ ok: true, broken: [] });
    expect(recheck).toHaveBeenCalledWith('cadre-A');
    // Content breaks are never read again: a race cannot make them.
    const never = jest.fn(async () => undefined);
    expect(await verifyChains(iterate([a[0], tampered(a[1]), a[2]]), iterate([headOf(a)]), { recheck: never })).toMatchObject({ ok: false });
    expect(never).not.toHaveBeenCalled();
  });

  describe('recheckStream: events, then the head, read in that order', () => {
    const a = chain('cadre-A', 3);
    const store = (reads: StoredEvent[][], head: StreamHead | null) => {
      let read = 0;
      return { readStream: async () => reads[Math.min(read++, reads.length - 1)]!, streamHead: async () => head };
    };
    it('an append between the events and the head: the events are read again up to the head, and pass', async () => {
      expect(await recheckStream(store([a.slice(0, 2), a], headOf(a)), 'cadre-A')).toBeUndefined();
    });
    it('an append after the head was read is left out: the events up to the head pass', async () => {
      expect(await recheckStream(store([a.slice(0, 2), a], headOf(a.slice(0, 2))), 'cadre-A')).toBeUndefined();
    });
    it('a head rewound behind events read before it is a break (the events past it were not appended since)', async () => {
      expect(await recheckStream(store([a], headOf(a.slice(0, 2))), 'cadre-A')).toMatchObject({ reason: 'HEAD_MISMATCH' });
    });
    it('events deleted from the end, with the head left: MISSING_EVENTS', async () => {
      expect(await recheckStream(store([a.slice(0, 2), a.slice(0, 2)], headOf(a)), 'cadre-A')).toMatchObject({ reason: 'MISSING_EVENTS', revision: 2 });
    });
  });
});

describe('verifyChains: positions outside the hashes must follow the revisions (POSITIONS_OUT_OF_ORDER)', () => {
  // Readers, links and projections take a stream's events in the store-wide order; two swapped there
  // made a retracted rescission read as never made, with every hash intact.
  const swapped = (events: StoredEvent[], i: number, j: number): StoredEvent[] =>
    events.map((e, k) => (k === i ? { ...e, globalPosition: events[j]!.globalPosition, position: events[j]!.position } : k === j ? { ...e, globalPosition: events[i]!.globalPosition, position: events[i]!.position } : e));

  it('given revisions 1 and 2 swapped in the store-wide order, then the later revision is named', async () => {
    const a = chain('cadre-A', 3);
    const result = await verify(swapped(a, 1, 2), [headOf(a)]);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-A', revision: 2, reason: 'POSITIONS_OUT_OF_ORDER' });
  });

  it('given only the delivery position (the transaction id) moved behind the previous revision, then it is named too', async () => {
    const a = chain('cadre-A', 2);
    const moved = [a[0]!, { ...a[1]!, position: { commit: a[0]!.position.commit - 1, prepare: a[1]!.position.prepare } }];
    expect((await verify(moved, [headOf(a)])).firstBroken).toMatchObject({ revision: 1, reason: 'POSITIONS_OUT_OF_ORDER' });
  });

  it('given an event both moved in the order and edited, then both are named, the edit first', async () => {
    const a = chain('cadre-A', 3);
    const movedAndEdited = swapped(a, 1, 2).map((e, k) => (k === 2 ? { ...e, data: { ...e.data, edited: true } } : e));
    const all = await verify(movedAndEdited, [headOf(a)], { stopAtFirst: false });
    expect(all.broken.map((b) => [b.revision, b.reason])).toEqual([
      [2, 'HASH_MISMATCH'],
      [2, 'POSITIONS_OUT_OF_ORDER'],
    ]);
    const first = await verify(movedAndEdited, [headOf(a)], { stopAtFirst: true });
    expect(first.broken.map((b) => b.reason)).toEqual(['HASH_MISMATCH']);
  });

  it('given positions in revision order with gaps between them (other streams), then intact', async () => {
    const a = chain('cadre-A', 3).map((e, k) => ({ ...e, globalPosition: e.globalPosition + 10 * k, position: { commit: e.position.commit + k, prepare: e.position.prepare + 10 * k } }));
    expect((await verify(a, [headOf(a)])).ok).toBe(true);
  });
});
