/**
 * pollingSubscription: the catch-up subscription shared by the adapters, driven here by a scripted
 * `readAll` over an in-memory log (no adapter). Jest's fake timers hold the poll interval, so a
 * test sees exactly when the loop reads at once and when it waits; `settle()` lets every pending
 * promise run (a real setImmediate) without moving the fake clock.
 */
import { START_POSITION, type AllPosition, type StoredEvent } from './envelope';
import type { ReadAllBatch, ReadAllOptions, SubscriptionOptions } from './event-store.port';
import { pollingSubscription } from './subscription';

const realSetImmediate = setImmediate;
/** Runs every pending promise continuation; the fake clock does not move. */
const settle = async (rounds = 3) => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
};

let nextId = 0;
const stored = (streamId: string, position: number): StoredEvent => ({
  eventId: `sub-${++nextId}`,
  type: 'TalkHeld',
  schemaVersion: 1,
  streamId,
  revision: 0,
  globalPosition: position,
  position: { commit: position, prepare: position },
  effectiveDate: '2023-06-30',
  recordedAt: '2023-06-30T08:00:00.000Z',
  actor: 'spec',
  documentRef: null,
  correlationId: null,
  causationId: null,
  data: {},
  metadata: {},
  hash: '0'.repeat(64),
});

/**
 * A store's store-wide order as `readAll` serves it: events strictly after `after`, at most
 * `batchSize`, `lastPosition` the last delivered one's (or `after`). `skipped` are records the
 * store reads past without delivering them (EventStoreDB's system records).
 */
class ScriptedLog {
  readonly events: StoredEvent[] = [];
  readonly calls: ReadAllOptions[] = [];
  private skippedUpTo = 0;
  failWith: Error | undefined;

  add(...streamIds: string[]): StoredEvent[] {
    const added: StoredEvent[] = [];
    for (const streamId of streamIds) {
      const event = stored(streamId, this.top() + 1); // positions grow by one per record
      this.events.push(event);
      added.push(event);
    }
    return added;
  }

  /** A record the reader passes over without delivering it. */
  skipOne(): void {
    this.skippedUpTo = this.top() + 1;
  }

  private top(): number {
    const last = this.events[this.events.length - 1];
    return Math.max(last ? last.position.commit : 0, this.skippedUpTo);
  }

  readonly readAll = async (options: ReadAllOptions): Promise<ReadAllBatch> => {
    this.calls.push(options);
    if (this.failWith) throw this.failWith;
    const after = options.after ?? START_POSITION;
    const batchSize = options.batchSize ?? 1000;
    const events = this.events.filter((e) => e.position.commit > after.commit).slice(0, batchSize);
    if (events.length > 0) return { events, lastPosition: events[events.length - 1]!.position };
    const end = this.skippedUpTo > after.commit ? { commit: this.skippedUpTo, prepare: this.skippedUpTo } : after;
    return { events: [], lastPosition: end };
  };
}

interface Delivered {
  readonly streamIds: string[];
  readonly lastPosition: AllPosition;
}

function subscribe(log: ScriptedLog, options: SubscriptionOptions = {}, handle?: (batch: ReadAllBatch) => Promise<void>) {
  const delivered: Delivered[] = [];
  const state = { caughtUp: false, deliveredAtCaughtUp: -1, done: 'pending' as 'pending' | 'resolved' | 'rejected', error: undefined as unknown };
  const subscription = pollingSubscription(
    log.readAll,
    async (batch) => {
      delivered.push({ streamIds: batch.events.map((e) => e.streamId), lastPosition: batch.lastPosition });
      if (handle) await handle(batch);
    },
    options,
  );
  void subscription.caughtUp.then(() => {
    state.caughtUp = true;
    state.deliveredAtCaughtUp = delivered.length;
  });
  subscription.done.then(
    () => (state.done = 'resolved'),
    (error: unknown) => {
      state.done = 'rejected';
      state.error = error;
    },
  );
  return { subscription, delivered, state };
}

const at = (n: number): AllPosition => ({ commit: n, prepare: n });

describe('pollingSubscription: a catch-up subscription over readAll', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads batch after batch from the start at once, each after the last delivered position, and is caught up after the first short batch', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A', 'cadre-B', 'cadre-C', 'cadre-D', 'cadre-E');
    const { subscription, delivered, state } = subscribe(log, { batchSize: 2 });
    await settle();
    // No poll interval passed: full batches are followed by the next read at once.
    expect(log.calls).toEqual([
      { after: START_POSITION, batchSize: 2 },
      { after: at(2), batchSize: 2 },
      { after: at(4), batchSize: 2 },
    ]);
    expect(delivered).toEqual([
      { streamIds: ['cadre-A', 'cadre-B'], lastPosition: at(2) },
      { streamIds: ['cadre-C', 'cadre-D'], lastPosition: at(4) },
      { streamIds: ['cadre-E'], lastPosition: at(5) },
    ]);
    expect(state.caughtUp).toBe(true);
    expect(state.deliveredAtCaughtUp).toBe(3); // not before the short batch was handled
    await subscription.stop();
    expect(state.done).toBe('resolved');
  });

  it('a full last batch is not caught up yet: the empty read after it is', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A', 'cadre-B');
    const { subscription, delivered, state } = subscribe(log, { batchSize: 2 });
    await settle();
    expect(log.calls).toEqual([
      { after: START_POSITION, batchSize: 2 },
      { after: at(2), batchSize: 2 },
    ]);
    expect(delivered).toEqual([{ streamIds: ['cadre-A', 'cadre-B'], lastPosition: at(2) }]); // the empty read delivers nothing
    expect(state.caughtUp).toBe(true);
    await subscription.stop();
  });

  it('resumes from a checkpoint: only events strictly after `after`; batches of 500 by default', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A', 'cadre-B', 'cadre-C');
    const { subscription, delivered } = subscribe(log, { after: at(1) });
    await settle();
    expect(log.calls[0]).toEqual({ after: at(1), batchSize: 500 });
    expect(delivered).toEqual([{ streamIds: ['cadre-B', 'cadre-C'], lastPosition: at(3) }]);
    await subscription.stop();
  });

  it('once caught up, looks again after the poll interval (100 ms by default), not before, and delivers what was added meanwhile', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    const { subscription, delivered } = subscribe(log);
    await settle();
    expect(log.calls).toHaveLength(1);
    log.add('cadre-B');
    await jest.advanceTimersByTimeAsync(99);
    await settle();
    expect(log.calls).toHaveLength(1);
    expect(delivered).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(log.calls).toEqual([
      { after: START_POSITION, batchSize: 500 },
      { after: at(1), batchSize: 500 },
    ]);
    expect(delivered).toEqual([
      { streamIds: ['cadre-A'], lastPosition: at(1) },
      { streamIds: ['cadre-B'], lastPosition: at(2) },
    ]);
    await subscription.stop();
  });

  it('an idle poll (nothing new, position unchanged) calls no handler; the poll interval is the option given', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    const { subscription, delivered } = subscribe(log, { pollIntervalMs: 30 });
    await settle();
    await jest.advanceTimersByTimeAsync(29);
    await settle();
    expect(log.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    await jest.advanceTimersByTimeAsync(30);
    await settle();
    expect(log.calls).toHaveLength(3);
    expect(log.calls[2]).toEqual({ after: at(1), batchSize: 500 });
    expect(delivered).toEqual([{ streamIds: ['cadre-A'], lastPosition: at(1) }]);
    await subscription.stop();
  });

  it('an empty subscription from the start is caught up with no handler call', async () => {
    const log = new ScriptedLog();
    const { subscription, delivered, state } = subscribe(log);
    await settle();
    expect(state.caughtUp).toBe(true);
    expect(delivered).toEqual([]);
    await subscription.stop();
  });

  it('a store that read past records it filtered out: the handler gets an empty batch so the checkpoint moves on, and the next read starts there', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    log.skipOne(); // position 2: a system record
    const { subscription, delivered } = subscribe(log, { batchSize: 1 });
    await settle();
    expect(delivered).toEqual([
      { streamIds: ['cadre-A'], lastPosition: at(1) },
      { streamIds: [], lastPosition: at(2) },
    ]);
    log.add('cadre-B');
    subscription.poke();
    await settle();
    // After the poke: from the skipped record's position, then an idle read after cadre-B.
    expect(log.calls.map((c) => c.after)).toEqual([START_POSITION, at(1), at(2), at(3)]);
    expect(delivered.slice(2)).toEqual([{ streamIds: ['cadre-B'], lastPosition: at(3) }]);
    await subscription.stop();
  });

  it('streamPrefixes: only events of streams starting with one of the prefixes, with the batch position of all of them', async () => {
    const log = new ScriptedLog();
    log.add('cadre-1', 'orgunit-T01', 'x-cadre-2', 'appeal-9', 'cadre-3', 'audit-cadre-');
    const { subscription, delivered } = subscribe(log, { streamPrefixes: ['cadre-', 'orgunit-'] });
    await settle();
    expect(delivered).toEqual([{ streamIds: ['cadre-1', 'orgunit-T01', 'cadre-3'], lastPosition: at(6) }]);
    await subscription.stop();
  });

  it('streamPrefixes: a batch with no matching event still moves the checkpoint (an empty batch)', async () => {
    const log = new ScriptedLog();
    log.add('orgunit-T01', 'cadre-1');
    const { subscription, delivered } = subscribe(log, { batchSize: 1, streamPrefixes: ['cadre-'] });
    await settle();
    expect(delivered).toEqual([
      { streamIds: [], lastPosition: at(1) },
      { streamIds: ['cadre-1'], lastPosition: at(2) },
    ]);
    await subscription.stop();
  });

  it('poke() looks for new events at once instead of at the end of the poll interval', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    const { subscription, delivered } = subscribe(log, { pollIntervalMs: 60_000 });
    await settle();
    log.add('cadre-B');
    subscription.poke();
    await settle();
    expect(delivered.map((d) => d.streamIds)).toEqual([['cadre-A'], ['cadre-B']]);
    expect(log.calls).toHaveLength(2);
    await subscription.stop();
  });

  it('poke() before the first wait does nothing harmful', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    const { subscription, delivered } = subscribe(log);
    subscription.poke();
    await settle();
    expect(delivered.map((d) => d.streamIds)).toEqual([['cadre-A']]);
    await subscription.stop();
  });

  it('stop() during the poll interval ends the loop at once, and no read follows', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    const { subscription, state } = subscribe(log, { pollIntervalMs: 60_000 });
    await settle();
    let stopped = false;
    void subscription.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(true);
    expect(state.done).toBe('resolved');
    log.add('cadre-B');
    await jest.advanceTimersByTimeAsync(120_000);
    await settle();
    expect(log.calls).toHaveLength(1);
  });

  it('stop() while the handler runs: the loop ends after that batch without waiting for the poll interval', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A');
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    const { subscription, delivered, state } = subscribe(log, { pollIntervalMs: 60_000 }, async () => {
      entered = true;
      await holding;
    });
    await settle();
    expect(entered).toBe(true);
    let stopped = false;
    void subscription.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false); // the batch is still being handled
    release();
    await settle();
    expect(stopped).toBe(true);
    expect(state.done).toBe('resolved');
    expect(delivered).toHaveLength(1);
    expect(log.calls).toHaveLength(1);
  });

  it('a handler failure before catching up rejects `done` with that error and still settles `caughtUp`; stop() then resolves', async () => {
    const log = new ScriptedLog();
    log.add('cadre-A', 'cadre-B');
    const failure = new Error('projection row refused');
    const { subscription, delivered, state } = subscribe(log, { batchSize: 1 }, async () => {
      throw failure;
    });
    await settle();
    expect(state.done).toBe('rejected');
    expect(state.error).toBe(failure);
    expect(state.caughtUp).toBe(true);
    expect(delivered).toHaveLength(1); // nothing after the failed batch
    expect(log.calls).toHaveLength(1);
    await expect(subscription.stop()).resolves.toBeUndefined();
  });

  it('a store failure rejects `done` with that error and settles `caughtUp`', async () => {
    const log = new ScriptedLog();
    log.failWith = new Error('connection refused');
    const { subscription, delivered, state } = subscribe(log);
    await settle();
    expect(state.done).toBe('rejected');
    expect(state.error).toBe(log.failWith);
    expect(state.caughtUp).toBe(true);
    expect(delivered).toEqual([]);
    await subscription.stop();
  });
});
