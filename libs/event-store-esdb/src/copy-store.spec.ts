/**
 * copyEventStore (libs/event-store) into and out of the EventStoreDB adapter, on the in-memory
 * server model: verbatim copy in global order, resume after a failure midway, refusal of a broken
 * source and of a target that differs. (PostgreSQL ⇄ PostgreSQL runs end to end in test/e2e.)
 */
import {
  copyEventStore,
  START_POSITION,
  StoreCopyError,
  verifyChains,
  type CopyProgress,
  type ImportStoredResult,
  type NewEvent,
  type ReadAllBatch,
  type ReadAllOptions,
  type StoredEvent,
  type StreamHead,
} from '@ledger/event-store';
import { EsdbEventStore } from './esdb-event-store';
import type { EsdbAppendOutcome, EsdbEventData, EsdbExpectedRevision } from './gateway';
import { InMemoryEsdb } from './in-memory-esdb';
import { toEsdbEvent } from './mapping';

let n = 0;
const event = (): NewEvent => ({ eventId: `copy-${++n}`, type: 'TalkHeld', schemaVersion: 1, effectiveDate: '2023-06-30', actor: 'spec', data: { kind: 'REMINDER', n } });

/** A server connection that drops after a number of appends, as a killed process would. */
class DroppingServer extends InMemoryEsdb {
  appendsLeft = Number.POSITIVE_INFINITY;
  override async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    if (this.appendsLeft-- <= 0) throw new Error('14 UNAVAILABLE: connection dropped');
    return super.append(streamId, events, expected);
  }
}

async function sourceWithHistory<S extends EsdbEventStore = EsdbEventStore>(
  store: S = new EsdbEventStore(new InMemoryEsdb()) as S,
): Promise<{ store: S; events: StoredEvent[] }> {
  for (let i = 0; i < 40; i++) await store.append(i % 3 === 0 ? `orgunit-O${i % 4}` : `cadre-C${i % 5}`, [event(), event()], 'any');
  return { store, events: [...(await store.readAll()).events] };
}

const fingerprint = (events: readonly StoredEvent[]) => events.map((e) => `${e.eventId}|${e.streamId}|${e.revision}|${e.recordedAt}|${e.hash}`);

const samePosition = (a: StoredEvent['position'], b: StoredEvent['position']) => a.commit === b.commit && a.prepare === b.prepare;

/**
 * A source whose `readAll` is watched and can be scripted: `order` replaces the server's store-wide
 * order, `heldBack` keeps the last events of it unreadable (as PostgreSQL's read horizon does
 * below a transaction still running), and `beforeHeads` runs before each listing of its heads.
 */
class ScriptedSource extends EsdbEventStore {
  readonly reads: ReadAllOptions[] = [];
  order: StoredEvent[] | undefined;
  heldBack = 0;
  beforeHeads: (() => Promise<void>) | undefined;
  mapHeads: ((head: StreamHead) => StreamHead) | undefined;

  constructor() {
    super(new InMemoryEsdb());
  }

  override async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    this.reads.push(options);
    if (!this.order && this.heldBack === 0) return super.readAll(options);
    const order = this.order ?? (await super.readAll({ batchSize: 100_000 })).events;
    const readable = order.slice(0, order.length - this.heldBack);
    const after = options.after;
    const from = after ? order.findIndex((e) => samePosition(e.position, after)) + 1 : 0;
    const events = readable.slice(from, from + (options.batchSize ?? 1000));
    return { events, lastPosition: events.length > 0 ? events[events.length - 1]!.position : (after ?? START_POSITION) };
  }

  override async *scanHeads(): AsyncIterable<StreamHead> {
    if (this.beforeHeads) await this.beforeHeads();
    for await (const head of super.scanHeads()) yield this.mapHeads ? this.mapHeads(head) : head;
  }
}

/** A target whose imports are counted; `lose` names a stream whose events it silently drops. */
class RecordingTarget extends EsdbEventStore {
  readonly imports: number[] = [];
  lose: string | undefined;

  constructor(server = new InMemoryEsdb()) {
    super(server);
  }

  override async importStored(events: readonly StoredEvent[]): Promise<ImportStoredResult> {
    this.imports.push(events.length);
    const kept = events.filter((e) => e.streamId !== this.lose);
    return kept.length > 0 ? super.importStored(kept) : { imported: 0, streamRevisions: new Map() };
  }
}

/** The rejection of a copy, checked to be a StoreCopyError. */
async function copyFailure(copy: Promise<unknown>): Promise<StoreCopyError> {
  const error = await copy.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreCopyError);
  const e = error as StoreCopyError;
  expect(e.code).toBe('STORE_COPY_FAILED');
  expect(e.name).toBe('StoreCopyError');
  return e;
}

const realSetImmediate = setImmediate;
const turn = () => new Promise<void>((resolve) => realSetImmediate(resolve));

/** Lets the copy run on the (real) event loop until `condition` holds; fails if it never does. */
async function until(what: string, condition: () => boolean, maxTurns = 200_000): Promise<void> {
  for (let i = 0; i < maxTurns && !condition(); i++) await turn();
  if (!condition()) throw new Error(`never happened: ${what}`);
}

function track<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { promise, settled: () => settled };
}

describe('copying an event store (EventStoreDB adapter)', () => {
  it('copies verbatim in global order, and resumes after the connection dropped midway', async () => {
    const { store: source, events } = await sourceWithHistory();
    const server = new DroppingServer();
    const target = new EsdbEventStore(server);
    server.appendsLeft = 90; // reservations and appends: the drop lands mid-copy
    await expect(copyEventStore(source, target, { batchSize: 7 })).rejects.toThrow(/connection dropped/);
    const partial = (await target.readAll()).events.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(events.length);

    server.appendsLeft = Number.POSITIVE_INFINITY;
    const phases: string[] = [];
    const report = await copyEventStore(source, target, { batchSize: 7, onProgress: (p) => phases.push(p.phase) });
    expect(report).toMatchObject({ sourceEvents: 80, copied: 80 - partial, alreadyPresent: partial, targetEvents: 80 });
    expect(new Set(phases)).toEqual(new Set(['verify-source', 'copy', 'verify-target']));
    expect(fingerprint((await target.readAll()).events)).toEqual(fingerprint(events));
    expect(await verifyChains(target.scanStreams(), target.scanHeads())).toMatchObject({ ok: true, checkedEvents: 80 });
    expect(await copyEventStore(source, target)).toMatchObject({ copied: 0, alreadyPresent: 80 });
  });

  it('refuses a source whose chain is broken, before writing anything', async () => {
    const server = new InMemoryEsdb();
    const source = new EsdbEventStore(server);
    const [first] = (await source.append('cadre-X', [event()], 'no_stream')).events;
    // Stored behind the adapter's back, with a hash that does not recompute.
    await server.append('cadre-X', [toEsdbEvent({ ...first!, eventId: 'forged', revision: 1, hash: 'f'.repeat(64) }, 'forger')], 0n);
    const target = new EsdbEventStore(new InMemoryEsdb());
    const error = await copyEventStore(source, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCopyError);
    expect(error).toMatchObject({ code: 'STORE_COPY_FAILED', name: 'StoreCopyError', failure: 'SOURCE_BROKEN', streamId: 'cadre-X', revision: 1 });
    expect((error as StoreCopyError).message).toMatch(
      /^the source fails verification: stream cadre-X, revision 1: HASH_MISMATCH \(stored hash f{12}… differs from recomputed [0-9a-f]{12}…\)$/,
    );
    expect((await target.readAll()).events).toEqual([]);
  });

  it('stops at the first event where the target differs, naming stream and revision', async () => {
    const { store: source, events } = await sourceWithHistory();
    const target = new EsdbEventStore(new InMemoryEsdb());
    const stream = events[5]!.streamId;
    const [own] = await source.readStream(stream, { maxCount: 1 });
    await target.importStored([own!]);
    const [theirs] = (await target.append(stream, [event()], 0)).events; // revision 1: not the source's
    const [, ours] = await source.readStream(stream, { maxCount: 2 });
    const error = await copyFailure(copyEventStore(source, target));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: 1 });
    expect(error.message).toBe(
      `the target differs from the source at stream ${stream}, revision 1 (hash ${theirs!.hash.slice(0, 12)}… instead of ${ours!.hash.slice(0, 12)}…)`,
    );
  });
});

describe('copying an event store: batches, progress and the read horizon', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the source in one batch of 500 by default (80 events: one read, one import)', async () => {
    const { store: source } = await sourceWithHistory(new ScriptedSource());
    source.reads.length = 0;
    const target = new RecordingTarget();
    const report = await copyEventStore(source, target);
    expect(source.reads).toEqual([{ batchSize: 500 }]);
    expect(target.imports).toEqual([80]);
    expect(report).toEqual({ sourceEvents: 80, sourceStreams: 9, copied: 80, alreadyPresent: 0, targetEvents: 80, targetStreams: 9, sourceOutsideTheOrder: 0, sourceUnfinishedCopy: null, targetMarked: false });
  });

  it('batchSize 8: each read starts after the last position read, each batch is one import, progress is reported per batch and phase', async () => {
    const { store: source, events } = await sourceWithHistory(new ScriptedSource());
    source.reads.length = 0;
    const target = new RecordingTarget();
    const progress: CopyProgress[] = [];
    // Fake timers: the copy must finish without ever waiting (full batches are read on at once).
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'Date'] });
    const copy = track(copyEventStore(source, target, { batchSize: 8, onProgress: (p) => progress.push(p) }));
    await until('the copy ends without a pause', copy.settled);
    const report = await copy.promise;
    expect(report).toMatchObject({ sourceEvents: 80, copied: 80, alreadyPresent: 0, targetEvents: 80 });
    // 10 full batches, then an empty read at the end.
    expect(source.reads).toEqual([{ batchSize: 8 }, ...[7, 15, 23, 31, 39, 47, 55, 63, 71, 79].map((i) => ({ after: events[i]!.position, batchSize: 8 }))]);
    expect(target.imports).toEqual(Array(10).fill(8));
    expect(progress).toEqual([
      { phase: 'verify-source', done: 0, total: null },
      { phase: 'copy', done: 0, total: 80 },
      ...[8, 16, 24, 32, 40, 48, 56, 64, 72, 80].map((done) => ({ phase: 'copy', done, total: 80 })),
      { phase: 'verify-target', done: 0, total: 80 },
    ]);
    expect(fingerprint((await target.readAll()).events)).toEqual(fingerprint(events));
  });

  it('a rerun over a complete target imports nothing and counts every event as already present', async () => {
    const { store: source } = await sourceWithHistory();
    const target = new RecordingTarget();
    await copyEventStore(source, target, { batchSize: 30 });
    target.imports.length = 0;
    const progress: CopyProgress[] = [];
    const report = await copyEventStore(source, target, { batchSize: 30, onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ sourceEvents: 80, sourceStreams: 9, copied: 0, alreadyPresent: 80, targetEvents: 80, targetStreams: 9, sourceOutsideTheOrder: 0, sourceUnfinishedCopy: null, targetMarked: false });
    expect(target.imports).toEqual([]);
    expect(progress.filter((p) => p.phase === 'copy').map((p) => p.done)).toEqual([0, 30, 60, 80]);
  });

  it('resuming over a target that holds a prefix of a stream: the held events are skipped, the rest of that stream is imported', async () => {
    const { store: source } = await sourceWithHistory();
    const stream = 'cadre-C1';
    const own = await source.readStream(stream);
    expect(own.length).toBeGreaterThan(4);
    const target = new RecordingTarget();
    await target.importStored(own.slice(0, 3));
    target.imports.length = 0;
    const report = await copyEventStore(source, target, { batchSize: 500 });
    expect(report).toMatchObject({ copied: 77, alreadyPresent: 3, targetEvents: 80 });
    expect(target.imports).toEqual([77]);
    expect(fingerprint(await target.readStream(stream))).toEqual(fingerprint(own));
  });

  it('waits for events held back by a running transaction, in steps of 50 ms, and copies them once it commits', async () => {
    const { store: source, events } = await sourceWithHistory(new ScriptedSource());
    source.reads.length = 0;
    source.heldBack = 3;
    const target = new RecordingTarget();
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'Date'] });
    const copy = track(copyEventStore(source, target, { batchSize: 8 }));
    // 9 full batches (72), then a short one of 5: 77 of 80 readable.
    await until('the short read below the horizon, then a pause', () => source.reads.length === 10 && jest.getTimerCount() === 1);
    for (let i = 0; i < 200; i++) await turn();
    expect(source.reads).toHaveLength(10); // waiting, not reading again
    expect(copy.settled()).toBe(false);
    expect((await target.readAll()).events).toHaveLength(77);
    source.heldBack = 0; // the transaction commits
    await jest.advanceTimersByTimeAsync(49);
    for (let i = 0; i < 200; i++) await turn();
    expect(source.reads).toHaveLength(10);
    await jest.advanceTimersByTimeAsync(1);
    await until('the copy ends', copy.settled);
    expect(await copy.promise).toMatchObject({ sourceEvents: 80, copied: 80, targetEvents: 80 });
    expect(source.reads.slice(9)).toEqual([
      { after: events[71]!.position, batchSize: 8 },
      { after: events[76]!.position, batchSize: 8 },
    ]);
    expect(target.imports).toEqual([...Array(9).fill(8), 5, 3]);
    expect(fingerprint((await target.readAll()).events)).toEqual(fingerprint(events));
  });

  it('SOURCE_INCOMPLETE: events still held back after horizonWaitMs stop the copy, naming how many were listed and read', async () => {
    const { store: source } = await sourceWithHistory(new ScriptedSource());
    source.reads.length = 0;
    source.heldBack = 3;
    const target = new RecordingTarget();
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'Date'] });
    const copy = track(copyEventStore(source, target, { horizonWaitMs: 100 }));
    await until('the first short read, then a pause', () => source.reads.length === 1 && jest.getTimerCount() === 1);
    await jest.advanceTimersByTimeAsync(50);
    await until('the second short read, then a pause', () => source.reads.length === 2 && jest.getTimerCount() === 1);
    await jest.advanceTimersByTimeAsync(49);
    for (let i = 0; i < 200; i++) await turn();
    expect(copy.settled()).toBe(false); // 99 ms: still waiting
    expect(source.reads).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    await until('the copy gives up', copy.settled);
    const error = await copyFailure(copy.promise);
    expect(source.reads).toHaveLength(3); // at 0, 50 and 100 ms
    expect(error).toMatchObject({ failure: 'SOURCE_INCOMPLETE', streamId: undefined, revision: undefined });
    expect(error.message).toBe('the source listed 80 events but only 77 could be read in its global order within 100 ms');
    expect((await target.readAll()).events).toHaveLength(77); // what was read is copied: a rerun resumes
  });

  it("SOURCE_BROKEN: a store-wide order that gives a stream's revision 1 before its revision 0 is refused before that batch is written", async () => {
    const { store: source, events } = await sourceWithHistory(new ScriptedSource());
    const stream = 'cadre-C3';
    const i0 = events.findIndex((e) => e.streamId === stream && e.revision === 0);
    const i1 = events.findIndex((e) => e.streamId === stream && e.revision === 1);
    const swapped = [...events];
    [swapped[i0], swapped[i1]] = [events[i1]!, events[i0]!];
    source.order = swapped;
    const target = new RecordingTarget();
    const error = await copyFailure(copyEventStore(source, target));
    expect(error).toMatchObject({ failure: 'SOURCE_BROKEN', streamId: stream, revision: 1 });
    expect(error.message).toBe(`stream ${stream}: the source's global order gave revision 1, 0 was expected`);
    expect(target.imports).toEqual([]);
  });

  it('TARGET_BROKEN: a target event whose stored hash is the source’s but whose content was changed fails the verification after the copy', async () => {
    const { store: source } = await sourceWithHistory();
    const server = new InMemoryEsdb();
    const target = new RecordingTarget(server);
    const stream = 'cadre-C4';
    const own = await source.readStream(stream);
    await server.append(stream, [toEsdbEvent(own[0]!, 'copier')], 'no_stream');
    await server.append(stream, [toEsdbEvent({ ...own[1]!, data: { ...own[1]!.data, forged: true } }, 'forger')], 0n);
    const progress: CopyProgress[] = [];
    const error = await copyFailure(copyEventStore(source, target, { onProgress: (p) => progress.push(p) }));
    expect(error).toMatchObject({ failure: 'TARGET_BROKEN', streamId: stream, revision: 1 });
    expect(error.message).toMatch(new RegExp(`^the target fails verification after the copy: stream ${stream}, revision 1: HASH_MISMATCH \\(stored hash [0-9a-f]{12}… differs from recomputed [0-9a-f]{12}…\\)$`));
    expect(target.imports).toEqual([78]);
    expect(progress[progress.length - 1]).toEqual({ phase: 'verify-target', done: 0, total: 80 });
  });
});

describe('copying an event store: the head comparison after the copy', () => {
  it.each([
    ['sorting before every source stream', 'cadre-A0'],
    ['sorting after every source stream', 'orgunit-Z9'],
    ['sorting between source streams', 'cadre-C2a'],
  ])('TARGET_DIFFERS: the target holds a stream the source does not (%s)', async (_, extra) => {
    const { store: source } = await sourceWithHistory();
    const target = new RecordingTarget();
    await target.append(extra, [event(), event()], 'no_stream');
    const error = await copyFailure(copyEventStore(source, target));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: extra, revision: 0 });
    expect(error.message).toBe(`the target holds stream ${extra} (up to revision 1), which the source does not`);
    // Refused before anything is written: the store deletes nothing, so two ledgers would stay mixed (found by a review).
    expect(target.imports).toEqual([]);
  });

  it.each([
    ['the last in byte order', 'orgunit-O3'],
    ['one in the middle', 'cadre-C2'],
    ['the first in byte order', 'cadre-C0'],
  ])('TARGET_DIFFERS: the target lacks a source stream after the copy (%s)', async (_, lost) => {
    const { store: source } = await sourceWithHistory();
    const head = await source.streamHead(lost);
    expect(head!.revision).toBeGreaterThan(0);
    const target = new RecordingTarget();
    target.lose = lost;
    const error = await copyFailure(copyEventStore(source, target));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: lost, revision: 0 });
    expect(error.message).toBe(`the target lacks stream ${lost} (the source has it up to revision ${head!.revision})`);
  });

  it('TARGET_DIFFERS: a target stream longer than the source one is named with the revision both share', async () => {
    const { store: source } = await sourceWithHistory();
    const stream = 'cadre-C4';
    const own = await source.readStream(stream);
    const k = own.length - 1;
    const target = new RecordingTarget();
    await target.importStored(own);
    await target.append(stream, [event()], k); // revision k + 1, only in the target
    const error = await copyFailure(copyEventStore(source, target));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: k });
    expect(error.message).toBe(`stream ${stream}: the target ends at revision ${k + 1}, the source at ${k}`);
    expect(target.imports).toEqual([own.length]); // the test's own import: the copy wrote nothing
  });

  it('TARGET_DIFFERS: an event written to the source after its events were copied is found by the head comparison, and a rerun copies it', async () => {
    const { store: source } = await sourceWithHistory(new ScriptedSource());
    const stream = 'orgunit-O1';
    const k = (await source.streamHead(stream))!.revision;
    let phase = '';
    source.beforeHeads = async () => {
      if (phase !== 'verify-target') return;
      source.beforeHeads = undefined;
      await source.append(stream, [event()], k); // a writer that was not stopped
    };
    const target = new RecordingTarget();
    const error = await copyFailure(copyEventStore(source, target, { onProgress: (p) => (phase = p.phase) }));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: k });
    expect(error.message).toBe(`stream ${stream}: the target ends at revision ${k}, the source at ${k + 1}`);
    expect(await copyEventStore(source, target)).toMatchObject({ sourceEvents: 81, copied: 1, alreadyPresent: 80, targetEvents: 81 });
  });

  it('TARGET_DIFFERS: the same last revision with another last hash (both written to after the copy) is named as such', async () => {
    const { store: source } = await sourceWithHistory(new ScriptedSource());
    const stream = 'cadre-C0';
    const k = (await source.streamHead(stream))!.revision;
    const target = new RecordingTarget();
    let phase = '';
    source.beforeHeads = async () => {
      if (phase !== 'verify-target') return;
      source.beforeHeads = undefined;
      await source.append(stream, [event()], k);
      await target.append(stream, [event()], k);
    };
    const error = await copyFailure(copyEventStore(source, target, { onProgress: (p) => (phase = p.phase) }));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: k + 1 });
    expect(error.message).toBe(`stream ${stream}: the target ends at revision ${k + 1}, the source at ${k + 1}, with another last hash`);
  });

  it('TARGET_DIFFERS: a source head naming another revision with the same last hash (its head changed during the copy) is a difference too', async () => {
    const { store: source } = await sourceWithHistory(new ScriptedSource());
    const stream = 'cadre-C1';
    const k = (await source.streamHead(stream))!.revision;
    let phase = '';
    source.beforeHeads = async () => {
      if (phase === 'verify-target') source.mapHeads = (h) => (h.streamId === stream ? { ...h, revision: h.revision + 1 } : h);
    };
    const error = await copyFailure(copyEventStore(source, new RecordingTarget(), { onProgress: (p) => (phase = p.phase) }));
    expect(error).toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: k });
    expect(error.message).toBe(`stream ${stream}: the target ends at revision ${k}, the source at ${k + 1}`);
  });
});
