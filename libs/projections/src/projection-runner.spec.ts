/**
 * The projection runner against a real PostgreSQL: exactly-once application through the
 * checkpoint, concurrent runners, rebuild into shadow tables with the live ones answering until
 * the swap, resuming an interrupted rebuild, version bumps.
 */
import fc from 'fast-check';
import { START_POSITION, type AllPosition, type JsonObject, type StoredEvent } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { expectProjectionsConsistent, waitUntilReadable } from '../../../test/support/projections';
import { historyArb, historyWrites } from '../../../test/support/random-history';
import { cadreCareersProjection, LEDGER_PROJECTIONS, orgUnitsProjection, TABLES, TIMELINE_JSON } from './career-projections';
import { readCheckpoint } from './checkpoints';
import { endAtStreamEnd, ProjectionRunner, ProjectionVersionError, RebuildAbortedError, type RebuildProgress } from './projection-runner';

let db: TestDatabase;
let store: PostgresEventStore;
let total = 0;

/** Every row of the projection tables, in key order: what "identical tables" means. */
async function dump(): Promise<Record<string, unknown>> {
  return {
    timelines: await db.sql`select cadre_id, ${db.sql.unsafe(TIMELINE_JSON)} as timeline, retractions, last_position, registered_event_id from proj_cadre_timelines order by cadre_id`,
    intervals: await db.sql`select cadre_id, seq, org_unit_id, role, from_date::text, to_date::text from proj_post_intervals order by cadre_id, seq`,
    orgUnits: await db.sql`select org_unit_id, facts, last_position from proj_org_units order by org_unit_id`,
    policies: await db.sql`select event_id, global_position, fact from proj_policy_versions order by event_id`,
  };
}

/**
 * Catches up until no event is left. A single pass may stop short: readAll only reads below the
 * oldest running transaction of the whole server, and other suites share the server.
 */
async function catchUpFully(runner: ProjectionRunner): Promise<void> {
  for (const deadline = Date.now() + 15_000; ; ) {
    await runner.catchUpAll();
    if ((await runner.status()).every((s) => s.lagEvents === 0)) return;
    if (Date.now() > deadline) throw new Error('projections did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  db = await createTestDatabase('projection_runner');
  store = new PostgresEventStore(db.sql);
  // A few random histories, fixed by the seed.
  for (const [i, plan] of fc.sample(historyArb, { numRuns: 4, seed: 42 }).entries()) {
    for (const w of historyWrites(plan, `r${i}`)) {
      await store.append(w.streamId, w.events, 'any');
      total += w.events.length;
    }
  }
  await waitUntilReadable(store, total);
});
afterAll(() => db?.drop());

describe('ProjectionRunner', () => {
  it('applies a batch once: a redelivered batch, or one partly at or below the checkpoint, applies only what is new', async () => {
    const runner = new ProjectionRunner(db.sql, store, { batchSize: 50 });
    const p = cadreCareersProjection;
    await runner.ensureCheckpoint(p);
    const first = await store.readAll({ batchSize: 40 });
    expect(await runner.applyBatch(p, first)).toBe(40);
    const rows = await dump();
    expect(await runner.applyBatch(p, first)).toBe(0); // redelivered
    expect(await dump()).toEqual(rows);
    expect((await readCheckpoint(db.sql, p.name))?.eventsApplied).toBe(40);

    const overlapping = await store.readAll({ batchSize: 80 }); // 40 old + 40 new
    expect(await runner.applyBatch(p, overlapping)).toBe(40);
    expect((await readCheckpoint(db.sql, p.name))?.position).toEqual(overlapping.lastPosition);
    expect((await readCheckpoint(db.sql, p.name))?.eventsApplied).toBe(80);
  });

  it('lets two runners catch up at once, each event applied once', async () => {
    const a = new ProjectionRunner(db.sql, store, { batchSize: 7 });
    const b = new ProjectionRunner(db.sql, store, { batchSize: 11 });
    await Promise.all([a.catchUpAll(), b.catchUpAll(), a.catchUpAll()]);
    await catchUpFully(b);
    for (const p of LEDGER_PROJECTIONS) expect((await readCheckpoint(db.sql, p.name))?.eventsApplied).toBe(total);
    const status = await a.status();
    expect(status.map((s) => [s.name, s.lagEvents, s.storedVersion])).toEqual(LEDGER_PROJECTIONS.map((p) => [p.name, 0, p.version]));
    await expectProjectionsConsistent(db);
  });

  it('rebuilds into shadow tables and swaps them in one transaction, leaving the same tables and clean names', async () => {
    const before = await dump();
    const runner = new ProjectionRunner(db.sql, store);
    const seen: RebuildProgress[] = [];
    await runner.rebuild(cadreCareersProjection, { batchSize: 60, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['FILL', 'SWAP', 'DONE']));
    expect(seen[seen.length - 1]).toEqual(expect.objectContaining({ phase: 'DONE', applied: total, total }));
    expect(await dump()).toEqual(before);
    // The shadows are gone and the indexes have their own names back, ready for the next rebuild.
    const leftovers = await db.sql`select relname from pg_class where position('__rebuild' in relname) > 0`;
    expect(leftovers).toEqual([]);
    const indexes = await db.sql`select indexname from pg_indexes where tablename = any(${[TABLES.cadreTimelines, TABLES.postIntervals]}::text[]) order by indexname`;
    expect(indexes.map((r) => r.indexname)).toEqual(['proj_cadre_timelines_pkey', 'proj_post_intervals_pkey', 'proj_post_intervals_role_from_date_idx']);
    expect((await readCheckpoint(db.sql, cadreCareersProjection.name))?.rebuiltAt).not.toBeNull();
  });

  it('given a long reader of the live tables, when a rebuild is ready to swap, then it waits for the reader without holding other queries behind its lock', async () => {
    // Given: a transaction that has read the live timelines and stays open (a `projections verify`)
    await catchUpFully(new ProjectionRunner(db.sql, store));
    const before = await dump();
    const warnings: string[] = [];
    const runner = new ProjectionRunner(db.sql, store, { swapLockWaitMs: 100, swapRetryMs: 100, log: (level, message) => level === 'warn' && warnings.push(message) });
    const reader = await db.sql.reserve();
    await reader`begin isolation level repeatable read`;
    await reader`select count(*) from proj_cadre_timelines`;
    let swapped = false;
    try {
      // When
      const rebuilding = runner.rebuild(cadreCareersProjection, { batchSize: 60 }).then((r) => ((swapped = true), r));
      for (const deadline = Date.now() + 15_000; warnings.length === 0; await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > deadline) throw new Error('the swap never gave up waiting for the reader');
      }

      // Then: another query of the live table is answered meanwhile, and the swap has not happened
      const answered = await Promise.race([
        db.sql`select count(*) as n from proj_cadre_timelines`.then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('held behind the swap'), 5_000)),
      ]);
      expect(answered).toBe('answered');
      expect(swapped).toBe(false);
      expect(warnings[0]).toContain('cadre-careers');

      // And once the reader ends, the rebuild is swapped in
      await reader`commit`;
      await rebuilding;
      expect(swapped).toBe(true);
      expect(await dump()).toEqual(before);
    } finally {
      await reader`rollback`.catch(() => undefined);
      reader.release();
    }
  });

  it('resumes an interrupted rebuild where it stopped and ends with the same tables', async () => {
    const reference = await dump();
    const runner = new ProjectionRunner(db.sql, store);
    const stop = new AbortController();
    let stoppedAt = 0;
    const stopAfter50 = (p: RebuildProgress) => {
      if (p.applied < 50 || stop.signal.aborted) return;
      stoppedAt = p.applied;
      stop.abort();
    };
    await expect(runner.rebuild(cadreCareersProjection, { batchSize: 25, signal: stop.signal, onProgress: stopAfter50 })).rejects.toBeInstanceOf(RebuildAbortedError);
    // Batches end at a stream's end, so the count is not a multiple of 25; every batch reported is committed.
    const [state] = await db.sql`select events_applied, scan_stream_id, scan_revision, scan_upto_events from projection_rebuilds where projection = 'cadre-careers'`;
    expect(stoppedAt).toBeGreaterThanOrEqual(50);
    expect(Number(state?.events_applied)).toBe(stoppedAt);
    // Stopped in the stream-by-stream phase (cadre streams only), at a cursor it resumes after.
    expect(state?.scan_stream_id).toMatch(/^cadre-/);
    expect(Number(state?.scan_upto_events)).toBe(total);
    const [shadow] = await db.sql`select count(*)::int4 as n from proj_cadre_timelines__rebuild`;
    expect(shadow?.n).toBeGreaterThan(0);
    expect(await dump()).toEqual(reference); // the live tables keep answering, untouched

    const resumed = await runner.rebuild(cadreCareersProjection, { batchSize: 25 });
    expect(resumed).toEqual(expect.objectContaining({ resumed: true, resumedFrom: stoppedAt, eventsApplied: total }));
    expect(await dump()).toEqual(reference);
    await expectProjectionsConsistent(db, { mode: 'catch-up' });
  });

  it('rebuilds a projection whose version was bumped; code older than the tables refuses to write them', async () => {
    const v2 = { ...cadreCareersProjection, version: cadreCareersProjection.version + 1 };
    const newer = new ProjectionRunner(db.sql, store, { projections: [v2] });
    await newer.ensureCurrent(v2);
    expect((await readCheckpoint(db.sql, v2.name))?.version).toBe(v2.version);
    expect((await newer.status())[0]).toEqual(expect.objectContaining({ storedVersion: v2.version, needsRebuild: false, lagEvents: 0 }));

    const older = new ProjectionRunner(db.sql, store);
    await expect(older.ensureCurrent(cadreCareersProjection)).rejects.toBeInstanceOf(ProjectionVersionError);
    const batch = await store.readAll({ batchSize: 5 });
    await expect(older.applyBatch(cadreCareersProjection, batch)).rejects.toBeInstanceOf(ProjectionVersionError);
    // Back to this code's version (as a downgrade would, by rebuilding).
    await db.sql`update projection_checkpoints set version = ${cadreCareersProjection.version} where projection = 'cadre-careers'`;
    await older.rebuild(cadreCareersProjection);
    await expectProjectionsConsistent(db, { mode: 'catch-up' });
  });

  it('swaps a rebuild in while a live runner keeps applying new events: nothing lost, nothing twice', async () => {
    const live = new ProjectionRunner(db.sql, store, { pollIntervalMs: 5, batchSize: 9 });
    live.startLive();
    const writing = (async () => {
      for (const [i, plan] of fc.sample(historyArb, { numRuns: 3, seed: 7 }).entries()) {
        for (const w of historyWrites(plan, `live${i}`)) await store.append(w.streamId, w.events, 'any');
      }
    })();
    const rebuilder = new ProjectionRunner(db.sql, store);
    await rebuilder.rebuild(cadreCareersProjection, { batchSize: 20, pauseMs: 2 });
    await writing;
    await rebuilder.rebuild(orgUnitsProjection, { batchSize: 20 });
    await expectProjectionsConsistent(db); // waits for the live runner
    await live.stopLive();
    expect(live.liveState('cadre-careers')?.state).toBe('STOPPED');
  });

  it('stops even when stopLive comes while a live loop is between its checkpoint and its subscription', async () => {
    // The window where a shutdown once hung for good: the loop had read its checkpoint, stopLive
    // stopped the subscriptions it could see, then the loop subscribed and waited forever.
    let stopping: Promise<void> | undefined;
    const racing = Object.create(store) as PostgresEventStore;
    racing.subscribeToAll = (...args: Parameters<PostgresEventStore['subscribeToAll']>) => {
      stopping ??= live.stopLive();
      return store.subscribeToAll(...args);
    };
    const live = new ProjectionRunner(db.sql, racing, { projections: [orgUnitsProjection], pollIntervalMs: 5 });
    live.startLive();
    const deadline = Date.now() + 20_000;
    while (!stopping && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stopping).toBeDefined();
    const outcome = await Promise.race([
      stopping!.then(() => 'stopped'),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000).unref()),
    ]);
    expect(outcome).toBe('stopped');
    expect(live.liveState(orgUnitsProjection.name)?.state).toBe('STOPPED');
  });

  it('rebuilds in the store-wide order when the projection does not fold stream by stream', async () => {
    const reference = await dump();
    const { rebuildByStream: _, ...interleaved } = cadreCareersProjection;
    const runner = new ProjectionRunner(db.sql, store, { projections: [interleaved] });
    const stop = new AbortController();
    await expect(
      runner.rebuild(interleaved, { batchSize: 30, signal: stop.signal, onProgress: (p) => p.applied >= 60 && stop.abort() }),
    ).rejects.toBeInstanceOf(RebuildAbortedError);
    const [state] = await db.sql`select events_applied, scan_upto_commit from projection_rebuilds where projection = 'cadre-careers'`;
    expect([Number(state?.events_applied), state?.scan_upto_commit]).toEqual([60, null]);
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int4 as n from events`;
    expect(await runner.rebuild(interleaved, { batchSize: 30 })).toEqual(expect.objectContaining({ resumed: true, eventsApplied: n }));
    expect(await dump()).toEqual(reference);
  });

  it('catching up far behind (rebuildBacklog) rebuilds in one pass; a smaller backlog catches up batch by batch', async () => {
    const reference = await dump();
    const p = cadreCareersProjection;
    // Back to the start of the order, tables emptied: every event behind, as after a bulk import.
    const restart = async () => {
      await db.sql`delete from projection_checkpoints where projection = ${p.name}`;
      await new ProjectionRunner(db.sql, store).ensureCheckpoint(p);
    };
    const logged: string[] = [];
    const log = (_: string, message: string) => void logged.push(message);
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int4 as n from events`;

    await restart();
    const far = new ProjectionRunner(db.sql, store, { rebuildBacklog: n, log });
    await far.catchUp(p);
    expect(logged.some((m) => m.includes(`${p.name}: ${n} events behind`))).toBe(true);
    expect((await readCheckpoint(db.sql, p.name))?.rebuiltAt).not.toBeNull();
    expect(await dump()).toEqual(reference);

    await restart();
    logged.length = 0;
    const near = new ProjectionRunner(db.sql, store, { rebuildBacklog: n + 1, log });
    await near.catchUp(p);
    expect(logged).toEqual([]);
    expect((await readCheckpoint(db.sql, p.name))?.rebuiltAt).toBeNull();
    expect(await dump()).toEqual(reference);
  });

  it('given batches that end inside a stream or hold part of one only, when the batches overlap, then the rebuild equals catching up', async () => {
    // The batch after a cut is folded while the one before it commits: a stream split between them
    // would be folded from a row not committed yet, and lose its first part.
    await catchUpFully(new ProjectionRunner(db.sql, store));
    const reference = await dump();
    const [{ longest }] = await db.sql<{ longest: number }[]>`select max(revision)::int4 + 1 as longest from events where stream_id like 'cadre-%'`;
    expect(longest).toBeGreaterThan(7); // some streams are longer than the smaller batches
    for (const batchSize of [1, 2, 3, 7, 64]) {
      const runner = new ProjectionRunner(db.sql, store);
      await runner.rebuild(cadreCareersProjection, { batchSize });
      await runner.rebuild(orgUnitsProjection, { batchSize });
      expect({ batchSize, tables: await dump() }).toEqual({ batchSize, tables: reference });
    }
  });

  describe('a rebuild whose first fixed point is far behind the store (an import still committing when it began)', () => {
    /** The store, except that its first readable head is the k-th event of the order; counts what the runner reads. */
    async function staleAtFirst(k: number) {
      const order = await store.readAll({ after: START_POSITION, batchSize: 100_000 });
      const stale = { position: order.events[k - 1]!.position, events: k };
      const seen = { heads: 0, rounds: [] as AllPosition[], storeWide: 0 };
      const wrapped = new Proxy(store, {
        get(target, prop) {
          if (prop === 'readableHead') return async () => (seen.heads++ === 0 ? stale : target.readableHead());
          if (prop === 'scanStreamsUpTo')
            return (o: Parameters<PostgresEventStore['scanStreamsUpTo']>[0]) => {
              if (!o.after) seen.rounds.push(o.from ?? START_POSITION);
              return target.scanStreamsUpTo(o);
            };
          if (prop === 'readAll')
            return async (o: Parameters<PostgresEventStore['readAll']>[0]) => {
              const batch = await target.readAll(o);
              seen.storeWide += batch.events.length;
              return batch;
            };
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return { wrapped, stale, seen };
    }

    /** Every event of the store, and the live tables with all of them applied. */
    async function caughtUp() {
      await catchUpFully(new ProjectionRunner(db.sql, store));
      const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int4 as n from events`;
      return { n, reference: await dump() };
    }

    it('given many events past the fixed point, when the first round ends, then a second round scans them stream by stream', async () => {
      const { n, reference } = await caughtUp();
      const k = Math.floor(n / 3);
      const { wrapped, stale, seen } = await staleAtFirst(k);
      const runner = new ProjectionRunner(db.sql, wrapped, { rescanBacklog: n - k });
      const result = await runner.rebuild(cadreCareersProjection, { batchSize: 40 });
      expect(seen.rounds).toEqual([START_POSITION, stale.position]);
      expect(seen.storeWide).toBe(0); // nothing left for the store-wide order
      expect(result.eventsApplied).toBe(n);
      expect(await dump()).toEqual(reference);
    });

    it('given fewer events past it than rescanBacklog, then they are applied in the store-wide order', async () => {
      const { n, reference } = await caughtUp();
      const k = Math.floor(n / 3);
      const { wrapped, seen } = await staleAtFirst(k);
      const runner = new ProjectionRunner(db.sql, wrapped, { rescanBacklog: n - k + 1 });
      const result = await runner.rebuild(cadreCareersProjection, { batchSize: 40 });
      expect(seen.rounds).toEqual([START_POSITION]);
      expect(seen.storeWide).toBe(n - k);
      expect(result.eventsApplied).toBe(n);
      expect(await dump()).toEqual(reference);
    });
  });

  it('refreshes the store\'s planner statistics before a stream scan, and leaves the same tables', async () => {
    // A bulk import into a new database ends before autovacuum analyses it; without statistics each
    // batch of the scan was a bitmap scan of the whole prefix and a sort (58 s instead of 8 s).
    const before = await dump();
    const calls: string[] = [];
    const wrapped = new Proxy(store, {
      get(target, prop) {
        if (prop === 'refreshStatistics' || prop === 'scanStreamsUpTo') {
          const method = Reflect.get(target, prop, target) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            calls.push(prop);
            return method.apply(target, args);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await new ProjectionRunner(db.sql, wrapped).rebuild(cadreCareersProjection, { batchSize: 60 });
    expect(calls[0]).toBe('refreshStatistics');
    expect(calls.filter((c) => c === 'scanStreamsUpTo').length).toBeGreaterThan(1); // several batches
    expect(await dump()).toEqual(before);
  });

  it('skips events outside the career vocabulary, moving the checkpoint past them', async () => {
    await store.append('audit-x', [{ eventId: 'foreign-1', type: 'SomethingElse', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 'test', data: {} }], 'any');
    const runner = new ProjectionRunner(db.sql, store);
    await catchUpFully(runner);
    await expectProjectionsConsistent(db, { mode: 'catch-up' });
  });

  it('given a cadre holding a post, when a training is applied, then its interval and window rows stay as stored; a transfer or a retraction rewrites them', async () => {
    const runner = new ProjectionRunner(db.sql, store);
    await catchUpFully(runner);
    const stream = 'cadre-rowsC1';
    const at = (n: number, type: string, effectiveDate: string, data: JsonObject) =>
      ({ eventId: `rows-${n}`, type, schemaVersion: 1, effectiveDate, actor: 'test', data }) as const;
    const unit = (id: string) => at(0, 'OrgUnitRegistered', '2010-01-01', { name: id, kind: 'TOWNSHIP' });
    await store.append('orgunit-rowsT1', [{ ...unit('rowsT1'), eventId: 'rows-t1' }], 'any');
    await store.append('orgunit-rowsT2', [{ ...unit('rowsT2'), eventId: 'rows-t2' }], 'any');
    await store.append(
      stream,
      [
        at(1, 'CadreRegistered', '2010-01-01', { name: '行一', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }),
        at(2, 'AppointedToPost', '2012-03-01', { orgUnitId: 'rowsT1', role: 'HEAD' }),
      ],
      'any',
    );
    // Versions of the rows: xmin changes whenever a row is written again (deleted and inserted).
    const versions = async () => ({
      intervals: await db.sql`select seq, xmin::text from proj_post_intervals where cadre_id = 'rowsC1' order by seq`,
      windows: await db.sql`select seq, xmin::text from proj_post_windows where cadre_id = 'rowsC1' order by seq`,
      timeline: (await db.sql`select xmin::text from proj_cadre_timelines where cadre_id = 'rowsC1'`)[0]?.xmin as string,
    });
    const step = async (event: ReturnType<typeof at>) => {
      const before = await versions();
      await store.append(stream, [event], 'any');
      await catchUpFully(runner);
      await expectProjectionsConsistent(db, { mode: 'catch-up' });
      return { before, after: await versions() };
    };
    await catchUpFully(runner);
    const initial = await versions();
    expect(initial.intervals).toHaveLength(1);
    expect(initial.windows).toHaveLength(1);

    const training = await step(at(3, 'TrainingCompleted', '2013-05-01', { programme: '县委党校培训班', level: 'COUNTY' }));
    expect(training.after.timeline).not.toBe(training.before.timeline);
    expect(training.after.intervals).toEqual(training.before.intervals);
    expect(training.after.windows).toEqual(training.before.windows);

    const transfer = await step(at(4, 'Transferred', '2015-01-01', { from: { orgUnitId: 'rowsT1', role: 'HEAD' }, to: { orgUnitId: 'rowsT2', role: 'HEAD' } }));
    expect(transfer.after.intervals).toHaveLength(2);
    expect(transfer.after.intervals[0]!.xmin).not.toBe(transfer.before.intervals[0]!.xmin);
    expect(transfer.after.windows).toHaveLength(2);

    const retraction = await step(at(5, 'EntryRetracted', '2016-01-01', { targetEventId: 'rows-4', reason: '录入错误' }));
    expect(retraction.after.intervals).toHaveLength(1);
    expect(retraction.after.intervals[0]!.xmin).not.toBe(retraction.before.intervals[0]!.xmin);
  });
});

describe('endAtStreamEnd (a scanned batch cut after its last complete stream)', () => {
  const e = (streamId: string, revision: number) => ({ streamId, revision }) as StoredEvent;
  const ids = (events: readonly StoredEvent[]) => events.map((x) => `${x.streamId}@${x.revision}`);

  it('given more may follow, then the last stream goes in front of the next batch', () => {
    const { batch, rest } = endAtStreamEnd([e('a', 0), e('a', 1), e('b', 0), e('b', 1)], true);
    expect([ids(batch), ids(rest)]).toEqual([['a@0', 'a@1'], ['b@0', 'b@1']]);
  });
  it('given nothing follows, then the batch is kept whole', () => {
    const { batch, rest } = endAtStreamEnd([e('a', 0), e('b', 0)], false);
    expect([ids(batch), ids(rest)]).toEqual([['a@0', 'b@0'], []]);
  });
  it('given one stream only, then it is kept whole even if more follows (a stream longer than a batch)', () => {
    const { batch, rest } = endAtStreamEnd([e('a', 3), e('a', 4)], true);
    expect([ids(batch), ids(rest)]).toEqual([['a@3', 'a@4'], []]);
  });
});
