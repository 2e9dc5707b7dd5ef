/**
 * The event-store contract: one suite every adapter runs against itself (PostgreSQL, the
 * EventStoreDB adapter over the wire fake and on its in-memory model, a real server when configured). An adapter's spec file calls `describeEventStoreContract`
 * with a factory for a fresh, empty store.
 */
import fc from 'fast-check';
import {
  canScanStreams,
  compareAllPositions,
  EventIdConflictError,
  InvalidEventError,
  StreamVersionConflictError,
  verifyChains,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from '@ledger/event-store';

export interface ContractStore {
  readonly store: EventStore;
  /** Tampering as a superuser would, bypassing the store's guards (when the store allows it). */
  readonly tamper?: {
    alterEventData(streamId: string, revision: number): Promise<void>;
    deleteEvent(streamId: string, revision: number): Promise<void>;
  };
  /**
   * Maps the suite's stream names (`cadre-A`) to fresh ones, for a store that cannot be emptied
   * per test (a shared EventStoreDB server): the result must keep the `cadre-`/`orgunit-`/`appeal-`
   * prefix. Identity by default.
   */
  readonly streamName?: (name: string) => string;
  cleanup(): Promise<void>;
}

/**
 * Guarantees and hooks that some stores do not give, declared next to the adapter's factory so
 * that a test of one the store lacks is defined as a skip (`it.skip`), never run as a pass.
 */
export interface ContractCapabilities {
  /** A write to several streams is stored whole or not at all, even under concurrent writers. */
  readonly atomicMultiStream: boolean;
  /**
   * Positions are handed out before commit, so a write can commit late below positions already
   * visible (PostgreSQL); the suite then holds writes open through `beforeCommit` to check that
   * readers still deliver them. A store that assigns positions at commit cannot have the case.
   */
  readonly lateCommits: boolean;
  /** The factory's stores have `tamper` hooks. */
  readonly tamper: boolean;
  /** The store implements StreamScanner (projection rebuilds stream by stream). */
  readonly streamScanner: boolean;
}

export interface ContractSuiteOptions {
  /** What the adapter guarantees (default: everything). */
  readonly capabilities?: Partial<ContractCapabilities>;
  /**
   * Size of the concurrency test (default 8 writers × 2,000 events). A store behind a network
   * protocol may run a smaller one to keep `npm test` short; the scenario stays the same.
   */
  readonly concurrency?: { readonly writers: number; readonly perWriter: number };
  /** Runs of the interleaving property (default 25). */
  readonly propertyRuns?: number;
}
const namer = (c: ContractStore) => (name: string) => c.streamName?.(name) ?? name;

export interface ContractFactoryOptions {
  /** Called before each append commits: lets the suite hold writes open deliberately. */
  readonly beforeCommit?: (streamIds: readonly string[]) => Promise<void>;
}

export type ContractFactory = (options?: ContractFactoryOptions) => Promise<ContractStore>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

let counter = 0;
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  counter++;
  return {
    eventId: `evt-${process.pid}-${Date.now().toString(36)}-${counter}`,
    type: 'TestEventHappened',
    schemaVersion: 1,
    effectiveDate: '2024-02-29',
    actor: 'contract-test',
    data: { n: counter, text: '乡镇党委书记' },
    ...overrides,
  };
}

/**
 * Reads the global order to its end. A short batch can also mean that an unrelated transaction
 * (autovacuum, another suite) holds the read horizon back for a moment, so when the caller knows
 * how many events to expect, it waits for them (bounded).
 */
async function readEverything(store: EventStore, batchSize = 250, expected?: number): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let after = undefined as StoredEvent['position'] | undefined;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const batch = await store.readAll({ after, batchSize });
    all.push(...batch.events);
    after = batch.lastPosition;
    if (batch.events.length === batchSize) continue;
    if (expected === undefined || all.length >= expected || Date.now() > deadline) return all;
    await sleep(10);
  }
}

/** Every stream's revisions appear in increasing order along the global order. */
function expectGlobalOrderConsistent(events: readonly StoredEvent[]): void {
  const last = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (i > 0) expect(compareAllPositions(events[i - 1]!.position, e.position)).toBeLessThan(0);
    expect(e.revision).toBe((last.get(e.streamId) ?? -1) + 1);
    last.set(e.streamId, e.revision);
  }
}


export function describeEventStoreContract(adapterName: string, factory: ContractFactory, suite: ContractSuiteOptions = {}): void {
  const supports = (capability: keyof ContractCapabilities): boolean => suite.capabilities?.[capability] ?? true;
  /** A test of a guarantee the store lacks is a skip whose name says why. */
  const itIf = (capability: keyof ContractCapabilities, name: string, reason: string) => (fn: () => Promise<void>) =>
    supports(capability) ? it(name, fn) : it.skip(`${name} — not applicable: ${reason}`, fn);
  const concurrency = suite.concurrency ?? { writers: 8, perWriter: 2000 };
  describe(`event-store contract: ${adapterName}`, () => {
    let ctx: ContractStore;
    let store: EventStore;
    let s: (name: string) => string;
    beforeEach(async () => {
      ctx = await factory();
      store = ctx.store;
      s = namer(ctx);
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    describe('appending and reading a stream', () => {
      it('stores the envelope and reads it back forwards and backwards from a revision', async () => {
        const events = [newEvent({ documentRef: 'X委〔2016〕12号', correlationId: 'corr-1' }), newEvent({ causationId: 'cause-1' }), newEvent()];
        const result = await store.append(s('cadre-A'), events, 'no_stream');
        expect(result.alreadyStored).toBe(false);
        expect(result.streamRevisions.get(s('cadre-A'))).toBe(2);
        const forwards = await store.readStream(s('cadre-A'));
        expect(forwards.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(forwards[0]).toMatchObject({
          eventId: events[0]!.eventId,
          type: 'TestEventHappened',
          schemaVersion: 1,
          streamId: s('cadre-A'),
          effectiveDate: '2024-02-29',
          actor: 'contract-test',
          documentRef: 'X委〔2016〕12号',
          correlationId: 'corr-1',
          causationId: null,
          data: events[0]!.data,
          metadata: {},
        });
        expect(forwards[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(forwards[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(forwards[1]!.causationId).toBe('cause-1');
        expect((await store.readStream(s('cadre-A'), { fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 2]);
        expect((await store.readStream(s('cadre-A'), { direction: 'backwards' })).map((e) => e.revision)).toEqual([2, 1, 0]);
        expect((await store.readStream(s('cadre-A'), { direction: 'backwards', fromRevision: 1, maxCount: 1 })).map((e) => e.revision)).toEqual([1]);
        expect(await store.readStream(s('cadre-none'))).toEqual([]);
        expect(await store.streamHead(s('cadre-A'))).toEqual({ streamId: s('cadre-A'), revision: 2, lastHash: forwards[2]!.hash });
        expect(await store.streamHead(s('cadre-none'))).toBeNull();
      });

      it('keeps text that array, JSON and CSV encodings treat specially exactly as given, and the chain verifies', async () => {
        // Quotes, backslashes, braces and commas (array literals), the word NULL, escapes, astral
        // characters, U+2028, tabs and new lines: whatever way the adapter sends events, they
        // come back byte for byte and hash as the client computed.
        const awkward = ['', 'NULL', '"', '\\', '{a,b}', '\\"}', '𠀀乡镇\u2028', 'tab\tline\nend', '\u00e9\u0301', '\\u0041'];
        const events = awkward.map((text, i) =>
          newEvent({ actor: `actor ${text}`, documentRef: text === '' ? null : text, correlationId: `c${i}${text}`, causationId: text || null, data: { text, list: [text, i], nested: { [text || 'k']: text } }, metadata: { note: text } }),
        );
        await store.append(s('cadre-awkward'), events, 'no_stream');
        const stored = await store.readStream(s('cadre-awkward'));
        expect(stored.map((e) => ({ actor: e.actor, documentRef: e.documentRef, correlationId: e.correlationId, causationId: e.causationId, data: e.data, metadata: e.metadata }))).toEqual(
          events.map((e) => ({ actor: e.actor, documentRef: e.documentRef ?? null, correlationId: e.correlationId ?? null, causationId: e.causationId ?? null, data: e.data, metadata: e.metadata ?? {} })),
        );
        const verified = await verifyChains(
          (async function* () {
            for await (const e of store.scanStreams()) if (e.streamId === s('cadre-awkward')) yield e;
          })(),
          (async function* () {
            for await (const h of store.scanHeads()) if (h.streamId === s('cadre-awkward')) yield h;
          })(),
        );
        expect(verified).toMatchObject({ ok: true, checkedEvents: awkward.length, checkedStreams: 1 });
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses a stale expected revision with a typed conflict and writes nothing', async () => {
        await store.append(s('cadre-B'), [newEvent(), newEvent()], 'no_stream');
        await expect(store.append(s('cadre-B'), [newEvent()], 0)).rejects.toBeInstanceOf(StreamVersionConflictError);
        await expect(store.append(s('cadre-B'), [newEvent()], 'no_stream')).rejects.toMatchObject({ code: 'STREAM_VERSION_CONFLICT', actual: 1 });
        await expect(store.append(s('cadre-new'), [newEvent()], 5)).rejects.toMatchObject({ code: 'STREAM_VERSION_CONFLICT', actual: null });
        expect(await store.readStream(s('cadre-B'))).toHaveLength(2);
        expect(await store.readStream(s('cadre-new'))).toHaveLength(0);
        await store.append(s('cadre-B'), [newEvent()], 1);
        await store.append(s('cadre-B'), [newEvent()], 'any');
        await store.append(s('cadre-C'), [newEvent()], 'any');
        expect((await store.readStream(s('cadre-B'))).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('lets exactly one of two concurrent writers with the same expected revision win', async () => {
        await store.append(s('orgunit-T01'), [newEvent()], 'no_stream');
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, () => store.append(s('orgunit-T01'), [newEvent()], 0)),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
          expect(r.reason).toBeInstanceOf(StreamVersionConflictError);
        }
        expect(await store.readStream(s('orgunit-T01'))).toHaveLength(2);
      });
    });

    describe('idempotency by event id', () => {
      it('returns the stored events and writes nothing when the same events are appended again', async () => {
        const events = [newEvent(), newEvent()];
        const first = await store.append(s('cadre-D'), events, 'no_stream');
        const again = await store.append(s('cadre-D'), events, 'no_stream');
        expect(again.alreadyStored).toBe(true);
        expect(again.events.map((e) => [e.globalPosition, e.hash])).toEqual(first.events.map((e) => [e.globalPosition, e.hash]));
        // Another actor re-sending the same fact is still the same fact.
        const byOther = await store.append(s('cadre-D'), events.map((e) => ({ ...e, actor: 'someone-else' })), 'any');
        expect(byOther.alreadyStored).toBe(true);
        expect(await store.readStream(s('cadre-D'))).toHaveLength(2);
        expect(await readEverything(store, 250, 2)).toHaveLength(2);
      });

      it('refuses a stored event id with a different body, in any stream', async () => {
        const event = newEvent();
        await store.append(s('cadre-E'), [event], 'no_stream');
        await expect(store.append(s('cadre-E'), [{ ...event, data: { changed: true } }], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(store.append(s('cadre-F'), [event], 'any')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT' });
        await expect(store.append(s('cadre-E'), [event, newEvent()], 'any')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT' });
        expect(await readEverything(store, 250, 1)).toHaveLength(1);
      });

      it('is idempotent under concurrent retries of the same write', async () => {
        const events = [newEvent(), newEvent()];
        const results = await Promise.all(Array.from({ length: 5 }, () => store.append(s('cadre-G'), events, 'any')));
        expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
        expect(await store.readStream(s('cadre-G'))).toHaveLength(2);
      });
    });

    describe('atomicity', () => {
      it('stores a multi-event append whole or not at all', async () => {
        await expect(
          store.append(s('cadre-H'), [newEvent(), newEvent({ data: { bad: 'nul\u0000char' } }), newEvent()], 'no_stream'),
        ).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(s('cadre-H'))).toHaveLength(0);
        const duplicateId = newEvent();
        await expect(store.append(s('cadre-H'), [duplicateId, duplicateId], 'no_stream')).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(s('cadre-H'))).toHaveLength(0);
      });

      it('appends to several streams atomically, checking each expected revision', async () => {
        await store.append(s('orgunit-T02'), [newEvent()], 'no_stream');
        await expect(
          store.appendToStreams([
            { streamId: s('cadre-I'), expectedRevision: 'no_stream', events: [newEvent()] },
            { streamId: s('orgunit-T02'), expectedRevision: 5, events: [newEvent()] },
          ]),
        ).rejects.toBeInstanceOf(StreamVersionConflictError);
        expect(await store.readStream(s('cadre-I'))).toHaveLength(0);
        expect(await store.readStream(s('orgunit-T02'))).toHaveLength(1);
        const ok = await store.appendToStreams([
          { streamId: s('cadre-I'), expectedRevision: 'no_stream', events: [newEvent(), newEvent()] },
          { streamId: s('orgunit-T02'), expectedRevision: 0, events: [newEvent()] },
        ]);
        expect(ok.streamRevisions.get(s('cadre-I'))).toBe(1);
        expect(ok.streamRevisions.get(s('orgunit-T02'))).toBe(1);
      });

      itIf('atomicMultiStream', 'never leaves a multi-stream write half-stored when concurrent writes conflict', 'no transaction spans streams on this store')(async () => {
        for (let round = 0; round < 10; round++) {
          const [a, b] = [s(`cadre-m${round}`), s(`orgunit-m${round}`)];
          await store.append(a, [newEvent()], 'no_stream');
          await store.append(b, [newEvent()], 'no_stream');
          // Two writes over the same two streams in opposite orders: each can only win both or neither.
          const writes = [
            [{ streamId: a, expectedRevision: 0, events: [newEvent()] }, { streamId: b, expectedRevision: 0, events: [newEvent()] }],
            [{ streamId: b, expectedRevision: 0, events: [newEvent()] }, { streamId: a, expectedRevision: 0, events: [newEvent()] }],
          ];
          await Promise.allSettled(writes.map((w) => store.appendToStreams(w)));
          for (const w of writes) {
            const stored = await store.findEvents(w.flatMap((x) => x.events.map((e) => e.eventId)));
            expect([0, 2]).toContain(stored.length);
          }
        }
      });
    });

    describe('read checks: a stream the write read but does not append to', () => {
      it('stores the write while the stream read is at the revision read, and appends nothing to that stream', async () => {
        await store.append(s('appeal-R1'), [newEvent(), newEvent()], 'no_stream');
        const ok = await store.appendToStreams([
          { streamId: s('appeal-R1'), expectedRevision: 1, events: [] },
          { streamId: s('cadre-R1'), expectedRevision: 'no_stream', events: [newEvent()] },
        ]);
        expect(ok.events.map((e) => e.streamId)).toEqual([s('cadre-R1')]);
        expect(ok.streamRevisions.has(s('appeal-R1'))).toBe(false);
        expect(await store.readStream(s('appeal-R1'))).toHaveLength(2);
        expect((await store.streamHead(s('appeal-R1')))?.revision).toBe(1);
      });

      it('refuses the write with a conflict naming the stream read, storing nothing, once that stream has moved', async () => {
        await store.append(s('appeal-R2'), [newEvent()], 'no_stream');
        const read = 0;
        await store.append(s('appeal-R2'), [newEvent()], 0); // another writer, after the decision read it
        const refused = store.appendToStreams([
          { streamId: s('cadre-R2'), expectedRevision: 'no_stream', events: [newEvent()] },
          { streamId: s('appeal-R2'), expectedRevision: read, events: [] },
        ]);
        await expect(refused).rejects.toBeInstanceOf(StreamVersionConflictError);
        await expect(refused).rejects.toMatchObject({ streamId: s('appeal-R2') });
        expect(await store.readStream(s('cadre-R2'))).toHaveLength(0);
      });

      it('checks a stream read as absent: no_stream holds until the stream is created', async () => {
        const write = () => [
          { streamId: s('policy-R3'), expectedRevision: 'no_stream' as const, events: [] },
          { streamId: s('cadre-R3'), expectedRevision: 'any' as const, events: [newEvent()] },
        ];
        await store.appendToStreams(write());
        await store.append(s('policy-R3'), [newEvent()], 'no_stream');
        await expect(store.appendToStreams(write())).rejects.toBeInstanceOf(StreamVersionConflictError);
        expect(await store.readStream(s('cadre-R3'))).toHaveLength(1);
      });

      it('refuses a write of read checks alone, and a read check that expects any revision', async () => {
        await expect(store.appendToStreams([{ streamId: s('cadre-R4'), expectedRevision: 'no_stream', events: [] }])).rejects.toBeInstanceOf(InvalidEventError);
        await expect(
          store.appendToStreams([
            { streamId: s('appeal-R4'), expectedRevision: 'any', events: [] },
            { streamId: s('cadre-R4'), expectedRevision: 'no_stream', events: [newEvent()] },
          ]),
        ).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(s('cadre-R4'))).toHaveLength(0);
      });

      itIf('atomicMultiStream', 'never stores a write whose read check a concurrent writer of that stream made stale', 'the read check is not taken under the writers’ lock on this store')(async () => {
        for (let round = 0; round < 10; round++) {
          const [read, written] = [s(`appeal-rc${round}`), s(`cadre-rc${round}`)];
          await store.append(read, [newEvent()], 'no_stream');
          // The reader decided on revision 0; the writer moves the stream it read, at the same time.
          const [reader, writer] = await Promise.allSettled([
            store.appendToStreams([
              { streamId: read, expectedRevision: 0, events: [] },
              { streamId: written, expectedRevision: 'no_stream', events: [newEvent()] },
            ]),
            store.append(read, [newEvent()], 0),
          ]);
          expect(writer.status).toBe('fulfilled');
          // Stored only if it was checked before the writer's event: then it precedes that event in the store-wide order.
          if (reader.status === 'fulfilled') {
            const writerEvent = (writer as PromiseFulfilledResult<{ events: readonly StoredEvent[] }>).value.events[0]!;
            expect(compareAllPositions(reader.value.events[0]!.position, writerEvent.position)).toBeLessThan(0);
          } else expect(reader.reason).toBeInstanceOf(StreamVersionConflictError);
        }
      });
    });

    describe('the global order', () => {
      it('reads all events in batches, consistent with every stream', async () => {
        for (let i = 0; i < 30; i++) await store.append(s(`cadre-${i % 7}`), [newEvent(), newEvent()], 'any');
        const all = await readEverything(store, 8, 60);
        expect(all).toHaveLength(60);
        expect(new Set(all.map((e) => e.eventId)).size).toBe(60);
        expectGlobalOrderConsistent(all);
      });

      itIf('lateCommits', 'delivers an event that commits late with a lower position, exactly once', 'positions are assigned at commit, so no event can commit late below one already read')(async () => {
        let entered!: () => void;
        const holdingOpen = new Promise<void>((r) => (entered = r));
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let holding = true;
        const slow = await factory({
          beforeCommit: async (streams) => {
            if (!holding || !streams.includes(sl('cadre-slow'))) return;
            entered();
            await held;
          },
        });
        const sl = namer(slow);
        try {
          const seen: StoredEvent[] = [];
          const sub = slow.store.subscribeToAll(async (b) => void seen.push(...b.events), { pollIntervalMs: 10 });
          const late = slow.store.append(sl('cadre-slow'), [newEvent()], 'any'); // takes its position, then waits
          await holdingOpen;
          await slow.store.append(sl('cadre-fast'), [newEvent()], 'any'); // higher position, commits first
          // What the subscription polls stops below the open transaction…
          expect((await slow.store.readAll()).events).toHaveLength(0);
          expect(seen).toHaveLength(0); // …so nothing was delivered past it
          holding = false;
          release();
          const lateResult = await late;
          await waitFor('both events delivered', () => seen.length >= 2);
          await sub.stop();
          expect(seen.map((e) => e.streamId)).toEqual([sl('cadre-slow'), sl('cadre-fast')]);
          expect(lateResult.events[0]!.globalPosition).toBeLessThan(seen[1]!.globalPosition);
        } finally {
          holding = false;
          release();
          await slow.cleanup();
        }
      });

      it('knows its head: the position of the last committed event', async () => {
        expect(await store.headPosition()).toEqual({ commit: 0, prepare: 0 });
        for (let i = 0; i < 5; i++) await store.append(s(`cadre-h${i % 2}`), [newEvent(), newEvent()], 'any');
        const all = await readEverything(store, 4, 10);
        expect(await store.headPosition()).toEqual(all[all.length - 1]!.position);
        const committed: StoredEvent[] = [];
        for await (const batch of store.readAllCommitted({ batchSize: 3 })) committed.push(...batch);
        expect(committed.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      });

      itIf('lateCommits', 'answers a one-shot read with every committed event while an older write is still open', 'positions are assigned at commit: no open write can hold a reader back')(async () => {
        let entered!: () => void;
        const holdingOpen = new Promise<void>((r) => (entered = r));
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        const slow = await factory({
          beforeCommit: async (streams) => {
            if (!streams.includes(sl('cadre-open'))) return;
            entered();
            await held;
          },
        });
        const sl = namer(slow);
        try {
          const open = slow.store.append(sl('cadre-open'), [newEvent()], 'any'); // inserted, not committed
          await holdingOpen;
          const acknowledged = await slow.store.append(sl('cadre-done'), [newEvent()], 'any');
          // A catch-up reader may not pass the open write (it could commit below what it read)…
          expect((await slow.store.readAll()).events).toHaveLength(0);
          // …but a one-shot read and the head reflect the acknowledged write at once.
          const committed: StoredEvent[] = [];
          for await (const batch of slow.store.readAllCommitted()) committed.push(...batch);
          expect(committed.map((e) => e.eventId)).toEqual([acknowledged.events[0]!.eventId]);
          expect(await slow.store.headPosition()).toEqual(acknowledged.events[0]!.position);
          release();
          const late = await open;
          const after: StoredEvent[] = [];
          for await (const batch of slow.store.readAllCommitted()) after.push(...batch);
          expect(after.map((e) => e.eventId)).toEqual([late.events[0]!.eventId, acknowledged.events[0]!.eventId]);
        } finally {
          release();
          await slow.cleanup();
        }
      });

      it('resumes a catch-up subscription from its checkpoint without redelivery', async () => {
        for (let i = 0; i < 10; i++) await store.append(s('cadre-sub'), [newEvent()], 'any');
        const first: StoredEvent[] = [];
        let checkpoint = undefined as StoredEvent['position'] | undefined;
        const sub1 = store.subscribeToAll(
          async (b) => {
            first.push(...b.events);
            checkpoint = b.lastPosition;
          },
          { batchSize: 4, pollIntervalMs: 10 },
        );
        await sub1.caughtUp;
        await sub1.stop();
        expect(first).toHaveLength(10);
        for (let i = 0; i < 5; i++) await store.append(s('cadre-sub'), [newEvent()], 'any');
        await store.append(s('orgunit-other'), [newEvent()], 'any');
        const second: StoredEvent[] = [];
        const sub2 = store.subscribeToAll(async (b) => void second.push(...b.events), {
          after: checkpoint,
          pollIntervalMs: 10,
          streamPrefixes: ['cadre-'],
        });
        await sub2.caughtUp;
        await sub2.stop();
        expect(second.map((e) => e.revision)).toEqual([10, 11, 12, 13, 14]);
      });
    });

    describe('property: random interleavings of appends, conflicts and reads', () => {
      type Op = { stream: number; count: number; mode: 'exact' | 'stale' | 'any' | 'no_stream' };
      const op = fc.record({
        stream: fc.integer({ min: 0, max: 3 }),
        count: fc.integer({ min: 1, max: 3 }),
        mode: fc.constantFrom<Op['mode']>('exact', 'stale', 'any', 'no_stream'),
      });

      it('keeps every stream gapless and the global order consistent with each stream', async () => {
        let run = 0;
        let everStored = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rounds) => {
            run++;
            const name = (k: number) => s(`cadre-p${run}x${k}`);
            const accepted = new Map<string, number>();
            for (const round of rounds) {
              // Each round's writes run concurrently: real interleavings, real conflicts.
              const heads = await Promise.all(round.map((o) => store.streamHead(name(o.stream))));
              const outcomes = await Promise.allSettled(
                round.map((o, i) => {
                  const head = heads[i];
                  const expected: ExpectedRevision =
                    o.mode === 'any' ? 'any' : o.mode === 'no_stream' ? 'no_stream' : o.mode === 'exact' ? (head ? head.revision : 'no_stream') : head ? (head.revision === 0 ? 'no_stream' : head.revision - 1) : 0;
                  return store.append(name(o.stream), Array.from({ length: o.count }, () => newEvent()), expected);
                }),
              );
              outcomes.forEach((r, i) => {
                const o = round[i]!;
                if (r.status === 'fulfilled') accepted.set(name(o.stream), (accepted.get(name(o.stream)) ?? 0) + o.count);
                else expect(r.reason).toBeInstanceOf(StreamVersionConflictError);
              });
              const mid = await store.readStream(name(round[0]!.stream));
              expect(mid.map((e) => e.revision)).toEqual(mid.map((_, i) => i));
            }
            const total = [...accepted.values()].reduce((a, b) => a + b, 0);
            const all = (await readEverything(store, 250, everStored + total)).filter((e) => e.streamId.startsWith(s(`cadre-p${run}x`)));
            everStored += total;
            expectGlobalOrderConsistent(all);
            for (const [stream, count] of accepted) {
              const events = await store.readStream(stream);
              expect(events.map((e) => e.revision)).toEqual(Array.from({ length: count }, (_, i) => i));
            }
            expect(all).toHaveLength(total);
          }),
          { numRuns: suite.propertyRuns ?? 25 },
        );
      }, 600_000); // many small writes: generous for a loaded 2-core machine
    });

    describe(`concurrency: ${concurrency.writers} writers × ${concurrency.perWriter.toLocaleString('en')} events with a catch-up subscriber`, () => {
      it('delivers every event exactly once, in global order, despite transactions held open', async () => {
        let appends = 0;
        let completed = 0;
        let lateCommits = 0;
        const busy = await factory({
          // Every 97th write holds its transaction open after taking its position until another
          // write completes (bounded): that one took a higher position and committed first, so this
          // one commits late with a lower position, the case a naive reader skips.
          beforeCommit: async () => {
            if (++appends % 97 !== 0) return;
            const before = completed;
            await waitFor('another write to complete', () => completed > before, 2_000).catch(() => undefined);
            if (completed > before) lateCommits++;
          },
        });
        const bs = namer(busy);
        try {
          const { writers, perWriter } = concurrency;
          const seen: StoredEvent[] = [];
          const sub = busy.store.subscribeToAll(async (b) => void seen.push(...b.events), { batchSize: 500, pollIntervalMs: 5 });
          await Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              for (let i = 0; i < perWriter; i++) {
                // Writers share some streams, so stream order and global order must agree under contention.
                await busy.store.append(bs(`cadre-w${(w * 7 + i) % 24}`), [newEvent({ data: { writer: w, i } })], 'any');
                completed++;
              }
            }),
          );
          const total = writers * perWriter;
          await waitFor(`${total} events delivered`, () => seen.length >= total, 30_000).catch(() => undefined); // the expectations say what is missing
          await sub.stop();
          if (supports('lateCommits')) expect(lateCommits).toBeGreaterThan(0); // the scenario under test did happen
          expect(seen).toHaveLength(total);
          expect(new Set(seen.map((e) => e.eventId)).size).toBe(total);
          expectGlobalOrderConsistent(seen);
        } finally {
          await busy.cleanup();
        }
      }, 600_000); // 16,000 transactions: generous for a loaded 2-core machine
    });

    describe('finding events by a payload field', () => {
      it('returns the events of that type whose top-level field equals the value, in store-wide order', async () => {
        const filed = (cadreId: unknown) => newEvent({ type: 'AppealFiled', data: { cadreId } as NewEvent['data'] });
        await store.append(s('appeal-f1'), [filed('C-F1')], 'no_stream');
        await store.append(s('appeal-f2'), [filed('C-F2')], 'no_stream');
        await store.append(s('appeal-f3'), [filed('C-F1'), newEvent({ type: 'AppealDecided', data: { cadreId: 'C-F1' } })], 'no_stream');
        await store.append(s('appeal-f4'), [filed(7), filed(['C-F1']), filed({ cadreId: 'C-F1' })], 'no_stream');
        const found = await store.findEventsByData('AppealFiled', 'cadreId', 'C-F1');
        expect(found.map((e) => e.streamId)).toEqual([s('appeal-f1'), s('appeal-f3')]);
        expect(await store.findEventsByData('AppealFiled', 'cadreId', "C-F1' or 1=1 --")).toEqual([]);
      });
    });

    describe('scanning streams up to a fixed point (optional capability, for projection rebuilds)', () => {
      itIf('streamScanner', 'reads the streams of a prefix in (stream, revision) order, after a cursor, never past the fixed point', 'no StreamScanner (projection rebuilds read the store-wide order)')(async () => {
        if (!canScanStreams(store)) throw new Error('the suite was told this store is a StreamScanner');
        const scanner = store;
        await store.append(s('scanb-1'), [newEvent(), newEvent()], 'no_stream');
        await store.append(s('scana-1'), [newEvent()], 'no_stream');
        await store.append(s('other-1'), [newEvent()], 'no_stream');
        // The readable end may lag behind a transaction of another suite for a moment.
        let head = await scanner.readableHead();
        await waitFor('4 readable events', async () => (head = await scanner.readableHead()).events >= 4);
        expect(head.events).toBe(4);
        await store.append(s('scana-1'), [newEvent()], 0); // after the fixed point: not scanned
        const prefix = s('scan');
        const first = await scanner.scanStreamsUpTo({ upTo: head.position, streamPrefix: prefix, limit: 2 });
        expect(first.map((e) => [e.streamId, e.revision])).toEqual([
          [s('scana-1'), 0],
          [s('scanb-1'), 0],
        ]);
        const rest = await scanner.scanStreamsUpTo({ upTo: head.position, streamPrefix: prefix, after: { streamId: s('scanb-1'), revision: 0 }, limit: 2 });
        expect(rest.map((e) => [e.streamId, e.revision])).toEqual([[s('scanb-1'), 1]]);
        const everything = await scanner.scanStreamsUpTo({ upTo: head.position, limit: 100 });
        expect(everything).toHaveLength(4);
        expect(everything.every((e) => compareAllPositions(e.position, head.position) <= 0)).toBe(true);
        // As read: the same envelopes readStream gives.
        expect(first[1]).toEqual((await store.readStream(s('scanb-1')))[0]);
        // Only some events (by type, or by a metadata key), still in (stream, revision) order.
        await store.append(s('scanc-1'), [newEvent({ type: 'Wanted' }), newEvent(), newEvent({ metadata: { flag: true } }), newEvent({ metadata: { other: 1 } })], 'no_stream');
        let later = await scanner.readableHead();
        await waitFor('9 readable events', async () => (later = await scanner.readableHead()).events >= 9);
        const only = await scanner.scanStreamsUpTo({ upTo: later.position, only: { types: ['Wanted'], metadataKeys: ['flag'] }, limit: 100 });
        expect(only.map((e) => [e.streamId, e.revision])).toEqual([
          [s('scanc-1'), 0],
          [s('scanc-1'), 2],
        ]);
        // A later round: only the events after the earlier fixed point (the scana-1 append after it, and scanc-1).
        const round = await scanner.scanStreamsUpTo({ from: head.position, upTo: later.position, limit: 100 });
        expect(round.map((e) => [e.streamId, e.revision])).toEqual([
          [s('scana-1'), 1],
          [s('scanc-1'), 0],
          [s('scanc-1'), 1],
          [s('scanc-1'), 2],
          [s('scanc-1'), 3],
        ]);
        expect(round.every((e) => compareAllPositions(e.position, head.position) > 0)).toBe(true);
      });
    });

    describe('tamper evidence', () => {
      it('verifies an intact store', async () => {
        for (let i = 0; i < 5; i++) await store.append(s(`cadre-v${i}`), [newEvent(), newEvent(), newEvent()], 'any');
        const result = await verifyChains(store.scanStreams(), store.scanHeads());
        expect(result).toMatchObject({ ok: true, checkedEvents: 15, checkedStreams: 5 });
      });

      itIf('tamper', 'reports a changed event and a deleted event by stream and revision', 'the store offers no way to tamper with it')(async () => {
        if (!ctx.tamper) throw new Error('the suite was told this store has tamper hooks');
        for (let i = 0; i < 3; i++) await store.append(s(`cadre-t${i}`), [newEvent(), newEvent(), newEvent()], 'any');
        await ctx.tamper.alterEventData(s('cadre-t1'), 1);
        const changed = await verifyChains(store.scanStreams(), store.scanHeads());
        expect(changed).toMatchObject({ ok: false, firstBroken: { streamId: s('cadre-t1'), revision: 1, reason: 'HASH_MISMATCH' } });

        await ctx.tamper.deleteEvent(s('cadre-t0'), 1);
        const all = await verifyChains(store.scanStreams(), store.scanHeads(), { stopAtFirst: false });
        expect(all.firstBroken).toMatchObject({ streamId: s('cadre-t0'), revision: 1, reason: 'REVISION_GAP' });

        await ctx.tamper.deleteEvent(s('cadre-t2'), 2); // the last one: only the head remembers it
        const last = await verifyChains(
          (async function* () {
            for await (const e of store.scanStreams()) if (e.streamId === s('cadre-t2')) yield e;
          })(),
          (async function* () {
            for await (const h of store.scanHeads()) if (h.streamId === s('cadre-t2')) yield h;
          })(),
        );
        expect(last.firstBroken).toMatchObject({ streamId: s('cadre-t2'), revision: 2, reason: 'MISSING_EVENTS' });
      });
    });
  });
}
