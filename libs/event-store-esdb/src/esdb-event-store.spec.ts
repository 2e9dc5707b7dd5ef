/**
 * What is particular to the EventStoreDB adapter, on the in-memory server model (the contract
 * suite covers the rest): recordedAt from the injected clock, the event-id reservations and their
 * limit, a multi-stream write that stops part-way, `$all` filtering, verbatim import.
 */
import {
  EventIdConflictError,
  InvalidEventError,
  StreamVersionConflictError,
  verifyChains,
  type NewEvent,
  type StoredEvent,
} from '@ledger/event-store';
import { EsdbEventStore, MultiStreamAppendIncompleteError } from './esdb-event-store';
import type { EsdbEventData, EsdbExpectedRevision } from './gateway';
import { InMemoryEsdb, RacedEsdb } from './in-memory-esdb';

let n = 0;
const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `spec-${++n}`,
  type: 'TrainingCompleted',
  schemaVersion: 1,
  effectiveDate: '2024-02-29',
  actor: 'spec',
  data: { programme: '党校培训', level: 'COUNTY', n },
  ...overrides,
});

describe('EventStoreDB adapter (in-memory server model)', () => {
  it('takes recordedAt from the injected clock, never going backwards within a stream', async () => {
    const times = ['2025-01-02T03:04:05.678Z', '2025-01-02T03:00:00.000Z', '2025-01-03T00:00:00.000Z'];
    const store = new EsdbEventStore(new InMemoryEsdb(), { clock: () => new Date(times.shift()!) });
    await store.append('cadre-T', [event()], 'no_stream');
    await store.append('cadre-T', [event()], 0); // this writer's clock is behind
    await store.append('cadre-U', [event()], 'no_stream');
    expect((await store.readStream('cadre-T')).map((e) => e.recordedAt)).toEqual(['2025-01-02T03:04:05.678Z', '2025-01-02T03:04:05.678Z']);
    expect((await store.readStream('cadre-U'))[0]!.recordedAt).toBe('2025-01-03T00:00:00.000Z');
  });

  it('refuses streams outside the ledger\'s prefixes, which $all readers would never see', async () => {
    const store = new EsdbEventStore(new InMemoryEsdb());
    await expect(store.append('ledger-eventid-x', [event()], 'any')).rejects.toBeInstanceOf(InvalidEventError);
    await expect(store.append('$stats', [event()], 'any')).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('reports a multi-stream write that stopped part-way, naming what was and was not written', async () => {
    const server = new RacedEsdb();
    const store = new EsdbEventStore(server);
    await store.append('orgunit-T9', [event()], 'no_stream');
    const other = new EsdbEventStore(server);
    server.raceOn('orgunit-T9', () => other.append('orgunit-T9', [event()], 'any'));
    const cadreEvent = event();
    const error = await store
      .appendToStreams([
        { streamId: 'cadre-P', expectedRevision: 'no_stream', events: [cadreEvent] },
        { streamId: 'orgunit-T9', expectedRevision: 0, events: [event()] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultiStreamAppendIncompleteError);
    expect(error).toMatchObject({ code: 'MULTI_STREAM_APPEND_INCOMPLETE', writtenStreams: ['cadre-P'], unwrittenStreams: ['orgunit-T9'] });
    expect((await store.readStream('cadre-P')).map((e) => e.eventId)).toEqual([cadreEvent.eventId]);
  });

  it('retries an \'any\' write that lost a race, chaining to the new head; an exact one conflicts', async () => {
    const server = new RacedEsdb();
    const store = new EsdbEventStore(server);
    const other = new EsdbEventStore(server);
    await store.append('cadre-R', [event()], 'no_stream');
    server.raceOn('cadre-R', () => other.append('cadre-R', [event()], 'any'));
    const mine = await store.append('cadre-R', [event()], 'any');
    expect(mine.streamRevisions.get('cadre-R')).toBe(2);
    server.raceOn('cadre-R', () => other.append('cadre-R', [event()], 'any'));
    await expect(store.append('cadre-R', [event()], 2)).rejects.toMatchObject({ code: 'STREAM_VERSION_CONFLICT', actual: 3 });
    expect((await store.readStream('cadre-R')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(await verifyChains(store.scanStreams(), store.scanHeads())).toMatchObject({ ok: true, checkedEvents: 4 });
  });

  it('keeps an id whose write failed bound to its fact: the same fact goes through, another is refused', async () => {
    const server = new RacedEsdb();
    const store = new EsdbEventStore(server);
    await store.append('cadre-K', [event()], 'no_stream');
    const e = event();
    const other = new EsdbEventStore(server);
    server.raceOn('cadre-K', () => other.append('cadre-K', [event()], 'any')); // reserved, then the append loses the race
    await expect(store.append('cadre-K', [e], 0)).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect(await store.findEvents([e.eventId])).toEqual([]);
    await expect(store.append('cadre-K', [{ ...e, data: { other: true } }], 'any')).rejects.toThrow(/reserved for a different fact/);
    await expect(store.append('cadre-L', [e], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
    const retried = await store.append('cadre-K', [e], 'any');
    expect(retried.alreadyStored).toBe(false);
    expect(await store.findEvents([e.eventId])).toEqual(retried.events);
  });

  it('reads $all filtered to the ledger, moving its position past the records it skipped', async () => {
    const server = new InMemoryEsdb({ systemRecordEvery: 1 });
    const store = new EsdbEventStore(server);
    const [stored] = (await store.append('cadre-S', [event()], 'no_stream')).events;
    const first = await store.readAll({ batchSize: 10 });
    expect(first.events.map((e) => e.eventId)).toEqual([stored!.eventId]);
    expect(first.lastPosition.prepare).toBeGreaterThan(stored!.position.prepare); // the $stats record after it
    const next = await store.readAll({ after: first.lastPosition });
    expect(next).toEqual({ events: [], lastPosition: first.lastPosition });
    const full = await store.readAll({ batchSize: 1 });
    expect(full.lastPosition).toEqual(stored!.position);
  });

  it('imports stored events verbatim, checking their chain, and finds them by id afterwards', async () => {
    const source = new EsdbEventStore(new InMemoryEsdb());
    await source.append('cadre-V', [event(), event()], 'no_stream');
    await source.append('orgunit-V', [event()], 'no_stream');
    await source.append('cadre-V', [event()], 1);
    const all: StoredEvent[] = [...(await source.readAll()).events];
    const target = new EsdbEventStore(new InMemoryEsdb());

    const tampered = all.map((e, i) => (i === 1 ? { ...e, data: { ...e.data, n: -1 } } : e));
    await expect(target.importStored(tampered)).rejects.toThrow(/cadre-V revision 1: the hash does not recompute/);
    await expect(target.importStored(all.slice(1))).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect((await target.readAll()).events).toEqual([]); // checked before anything is written

    const result = await target.importStored(all);
    expect(result).toMatchObject({ imported: 4 });
    expect(result.streamRevisions).toEqual(new Map([['cadre-V', 2], ['orgunit-V', 0]]));
    const copied = (await target.readAll()).events;
    const strip = (e: StoredEvent) => ({ ...e, globalPosition: 0, position: { commit: 0, prepare: 0 } });
    expect(copied.map(strip)).toEqual(all.map(strip));
    expect((await target.findEvents([all[2]!.eventId]))[0]!.hash).toBe(all[2]!.hash);
    expect(await verifyChains(target.scanStreams(), target.scanHeads())).toMatchObject({ ok: true, checkedEvents: 4, checkedStreams: 2 });
    await expect(target.importStored(all.slice(0, 1))).rejects.toBeInstanceOf(StreamVersionConflictError);
  });

  it('imports a long stream in several appends, each below the server\'s append size limit', async () => {
    const source = new EsdbEventStore(new InMemoryEsdb());
    await source.append('cadre-Long', Array.from({ length: 250 }, () => event()), 'no_stream');
    const events = [...(await source.readAll({ batchSize: 1000 })).events];
    const server = new InMemoryEsdb({ systemRecordEvery: 0 });
    const sizes: number[] = [];
    const spy = Object.assign(Object.create(server) as InMemoryEsdb, {
      append: (streamId: string, batch: readonly EsdbEventData[], expected: EsdbExpectedRevision) => {
        if (streamId === 'cadre-Long') sizes.push(batch.length);
        return server.append(streamId, batch, expected);
      },
    });
    const target = new EsdbEventStore(spy);
    await target.importStored(events);
    expect(sizes).toEqual([100, 100, 50]);
    expect((await target.readStream('cadre-Long')).map((e) => e.hash)).toEqual(events.map((e) => e.hash));
  });
});

const quiet = { onResumedWrite: () => undefined };

describe('idempotency of multi-stream writes (found by a review)', () => {
  /*
   * Port (appendToStreams / idempotency.ts): "an eventId stored ... a write mixing stored and new
   * ids is a conflict" — resolveAlreadyStored throws EventIdConflictError ("is new, but other events
   * of the same write are already stored"). PostgreSQL does exactly that. The ESDB adapter's
   * `resume` takes ANY write whose stored ids make up whole streams for the completion of an
   * earlier write that stopped part-way, and writes the rest — even when no such write ever existed.
   */
  it('refuses a write mixing an already-stored stream with a new stream (EventIdConflictError), as PostgreSQL does', async () => {
    const store = new EsdbEventStore(new InMemoryEsdb(), quiet);
    const e1 = event();
    await store.append('cadre-mix', [e1], 'no_stream'); // a complete single-stream write, long done
    const e2 = event();
    const mixed = store.appendToStreams([
      { streamId: 'cadre-mix', expectedRevision: 'any', events: [e1] },
      { streamId: 'orgunit-mix', expectedRevision: 'no_stream', events: [e2] },
    ]);
    const outcome: unknown = await mixed.then((r) => r, (e: unknown) => e);
    expect(outcome).toBeInstanceOf(EventIdConflictError);
    expect(await store.readStream('orgunit-mix')).toHaveLength(0);
  });

  /*
   * Port: "if every event is already stored with the same body, nothing is written and the stored
   * events are returned" (alreadyStored: true); the contract checks "exactly one of N concurrent
   * retries is not alreadyStored" for a one-stream write only. For a two-stream write, a retry that
   * starts after the first stream landed goes through `resume`, which always answers
   * alreadyStored:false (and reports a "resumed" write that never stopped).
   */
  it('answers exactly one of several concurrent identical two-stream writes as the writer (alreadyStored false)', async () => {
    const resumed: unknown[] = [];
    const server = new InMemoryEsdb();
    const store = new EsdbEventStore(server, { onResumedWrite: (r) => resumed.push(r) });
    const problems: string[] = [];
    for (let round = 0; round < 12; round++) {
      const write = [
        { streamId: `cadre-cc${round}`, expectedRevision: 'any' as const, events: [event(), event()] },
        { streamId: `orgunit-cc${round}`, expectedRevision: 'any' as const, events: [event()] },
      ];
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, async (_, k) => {
          for (let t = 0; t < k * 3; t++) await new Promise((r) => setImmediate(r)); // staggered retries
          return store.appendToStreams(write);
        }),
      );
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      const writers = results.filter((r) => r.status === 'fulfilled' && !r.value.alreadyStored).length;
      if (rejected.length > 0) problems.push(`round ${round}: ${rejected.map((r) => String(r.reason)).join(' | ')}`);
      if (writers !== 1) problems.push(`round ${round}: ${writers} callers told they wrote it`);
      expect(await store.readStream(`cadre-cc${round}`)).toHaveLength(2);
    }
    expect({ problems, resumed }).toEqual({ problems: [], resumed: [] });
  });
});

describe('T1: an answer as known at an instant does not change (settleKnownAt; found by a review)', () => {
  /*
   * Port (settleKnownAt): "A store that stamps recordedAt at commit has nothing to wait for
   * (absent)". The ESDB adapter has no settleKnownAt, yet it stamps recordedAt from the writer's
   * clock BEFORE the id reservations and the server append (esdb-event-store.ts, appendToStreams:
   * `const now = this.clock()...`), and keeps that stamp through 'any' retries and outcome-unknown
   * resends (up to settleTimeoutMs). So an answer "as known at K" given while such a write is in
   * flight lacks it, and the same question asked later includes it — exactly the defect the
   * PostgreSQL adapter's settleKnownAt exists for (apps/api/src/platform/known-at-settled.guard.ts
   * lets every request through when the store has no settleKnownAt).
   */
  it('gives the same answer "as known at K" before and after an in-flight write stamped before K commits', async () => {
    const t0 = new Date('2026-03-01T08:00:00.000Z');
    const K = '2026-03-01T08:00:01.000Z';
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inFlight = new Promise<void>((r) => (entered = r));
    class SlowServer extends InMemoryEsdb {
      override async append(...args: Parameters<InMemoryEsdb['append']>) {
        if (args[0] === 'cadre-late') {
          entered();
          await gate; // the network / replication: the server has not committed it yet
        }
        return super.append(...args);
      }
    }
    const store = new EsdbEventStore(new SlowServer(), { clock: () => t0 });
    const knownAt = async (): Promise<string[]> => {
      const out: string[] = [];
      for await (const batch of store.readAllCommitted()) for (const e of batch) if (e.recordedAt <= K) out.push(e.eventId);
      return out;
    };
    await store.append('cadre-early', [event()], 'no_stream');
    const late = store.append('cadre-late', [event()], 'no_stream');
    await inFlight;
    // The guard's question: may an answer as known at K be given now?
    const settled = store.settleKnownAt ? await store.settleKnownAt(K, 50) : true;
    const first = settled ? await knownAt() : null;
    release();
    const written = await late;
    expect(written.events[0]!.recordedAt <= K).toBe(true); // it IS recorded at or before K
    const later = await knownAt();
    // Either the store said "not settled" (no answer given), or the answer given must not change.
    if (settled) expect(first).toEqual(later);
  });
});
