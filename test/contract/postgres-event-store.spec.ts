/** The event-store contract against the PostgreSQL adapter, each test on its own database. */
import postgres from 'postgres';
import { compareAllPositions, verifyStore, type JsonObject } from '@ledger/event-store';
import fc from 'fast-check';
import { eventSelectorSql, findEventsByDataSql, isoDateOfDay, PostgresEventStore, scanStreamsSql } from '@ledger/event-store-postgres';
import { complianceProjection } from '@ledger/projections';
import { createTestDatabase } from '../support/test-database';
import { describeEventStoreContract, waitFor } from './event-store.contract';

describeEventStoreContract('PostgreSQL', async (options) => {
  const db = await createTestDatabase('contract', 16);
  const store = new PostgresEventStore(db.sql, { beforeCommit: options?.beforeCommit });
  return {
    store,
    tamper: {
      // As a superuser would: with triggers disabled for the session, bypassing the append-only guard.
      async alterEventData(streamId, revision) {
        await db.sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`update events set data = data || '{"tampered": true}'::jsonb where stream_id = ${streamId} and revision = ${revision}`;
        });
      },
      async deleteEvent(streamId, revision) {
        await db.sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`delete from events where stream_id = ${streamId} and revision = ${revision}`;
        });
      },
    },
    cleanup: () => db.drop(),
  };
});

describe('PostgreSQL adapter: the read horizon is this database’s', () => {
  it('is not held back by a transaction of another database on the same server, only by one of its own', async () => {
    const ours = await createTestDatabase('horizon_ours');
    const other = await createTestDatabase('horizon_other');
    const store = new PostgresEventStore(ours.sql);
    const holdOpen = async (sql: typeof ours.sql) => {
      const held = await sql.reserve();
      await held`begin`;
      await held`select pg_current_xact_id()`; // takes a transaction id, older than the write to come
      return async () => {
        await held`commit`;
        held.release();
      };
    };
    try {
      const releaseOther = await holdOpen(other.sql);
      const written = await store.append('cadre-H1', [{ eventId: 'h1', type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
      expect((await store.readAll()).events.map((e) => e.eventId)).toEqual(['h1']);
      expect((await store.readableHead()).position).toEqual(written.events[0]!.position);
      await releaseOther();

      const releaseOurs = await holdOpen(ours.sql);
      await store.append('cadre-H2', [{ eventId: 'h2', type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
      expect((await store.readAll({ after: written.events[0]!.position })).events).toEqual([]); // may still commit below: wait
      await releaseOurs();
      expect((await store.readAll({ after: written.events[0]!.position })).events.map((e) => e.eventId)).toEqual(['h2']);
    } finally {
      await ours.drop();
      await other.drop();
    }
  });
});

describe('PostgreSQL adapter: transaction ids compare as numbers, never as text', () => {
  /**
   * Advances the server's transaction counter to `target` in one statement: each subtransaction
   * that writes takes its own id.
   */
  async function burnTransactionIdsTo(sql: postgres.Sql, target: bigint): Promise<void> {
    const [row] = await sql`select pg_current_xact_id()::text as x`;
    const n = Number(target - BigInt(row!.x as string));
    if (n <= 0) return;
    await sql.unsafe(`do $$
      begin
        create temp table if not exists xid_burn (i int) on commit delete rows;
        for i in 1..${n} loop
          begin insert into xid_burn values (i); exception when others then null; end;
        end loop;
      end $$`);
  }

  it('given events on both sides of a power of ten (…999 | 1000…), readableHead and headPosition are the last event', async () => {
    // Found on a province: readableHead sorted by the id's text, so '999' came after '3119' and a
    // rebuild after an import took a fixed point far back, then applied the rest one batch at a time.
    const db = await createTestDatabase('xid_digits');
    const store = new PostgresEventStore(db.sql);
    const append = (id: string) =>
      store.append(`cadre-${id}`, [{ eventId: id, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
    try {
      // Other suites on the server take ids too: retry at the next power of ten if one slipped past.
      for (let attempt = 0; ; attempt++) {
        const [row] = await db.sql`select pg_current_xact_id()::text as x`;
        const digits = String(row!.x).length + attempt;
        const boundary = 10n ** BigInt(digits);
        await burnTransactionIdsTo(db.sql, boundary - 200n);
        const before = await append(`d${attempt}a`);
        if (BigInt(before.events[0]!.position.commit) >= boundary) continue;
        await burnTransactionIdsTo(db.sql, boundary);
        const after = await append(`d${attempt}b`);
        expect(String(after.events[0]!.position.commit).length).toBeGreaterThan(String(before.events[0]!.position.commit).length);
        await waitFor('the last append readable', async () => compareAllPositions((await store.readableHead()).position, after.events[0]!.position) >= 0);
        expect((await store.readableHead()).position).toEqual(after.events[0]!.position);
        expect(await store.headPosition()).toEqual(after.events[0]!.position);
        return;
      }
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter: an event the store-wide order cannot reach', () => {
  it('is reported by verify when its transaction id was moved past the ids issued, and not before (found by a review: the digest left it out, so it could be deleted unnoticed)', async () => {
    const db = await createTestDatabase('outside_order');
    const store = new PostgresEventStore(db.sql);
    const append = (id: string) => store.append(`cadre-${id}`, [{ eventId: id, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
    try {
      // Given two events, the store untouched
      await append('o1');
      await append('o2');
      await waitFor('both readable', async () => (await store.readAll()).events.length === 2);
      expect(await store.eventsOutsideTheOrder()).toEqual([]);
      expect(await verifyStore(store)).toMatchObject({ ok: true, broken: [] });
      // When a superuser moves o2's transaction id far past the ids the server has issued
      await db.sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`update events set transaction_id = (pg_current_xact_id()::text::int8 + 1000000)::text::xid8 where event_id = 'o2'`;
      });
      // Then the store-wide order no longer reaches it, and verify names it, its chain intact
      expect((await store.readAll()).events.map((e) => e.eventId)).toEqual(['o1']);
      const result = await verifyStore(store, { stopAtFirst: false });
      expect(result).toMatchObject({ ok: false, firstBroken: { streamId: 'cadre-o2', revision: 0, reason: 'OUTSIDE_THE_ORDER' } });
      expect(result.broken).toHaveLength(1);
      expect(result.firstBroken!.message).toMatch(/^event o2: its transaction id \d+ has not been issued by this server/);
    } finally {
      await db.drop();
    }
  });
});

/** The plan of a statement, sequential scans forbidden: on a near-empty table a scan is cheaper, and the question is whether an index can serve. */
async function planWithoutSeqScan(sql: postgres.Sql, statement: string, parameters: unknown[]): Promise<string> {
  const reserved = await sql.reserve();
  try {
    await reserved`set enable_seqscan = off`;
    const rows = await reserved.unsafe(`explain ${statement}`, parameters as never[]);
    return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
  } finally {
    await reserved`reset enable_seqscan`;
    reserved.release();
  }
}

describe('PostgreSQL adapter: looking events up by a field of their data', () => {
  it('reaches the appeals and recommendations of a cadre through their partial indexes, not a scan of the store', async () => {
    const db = await createTestDatabase('by_data');
    try {
      const plan = (type: string, field: string) => planWithoutSeqScan(db.sql, findEventsByDataSql(type, field), ['C000001']);
      // The value is looked up in the index (an Index Cond), not filtered from every row of the type.
      expect(await plan('AppealFiled', 'cadreId')).toMatch(/Index Scan using events_appeal_filed_cadre[^\n]*\n\s+Index Cond: \(\(data ->> 'cadreId'/);
      expect(await plan('LeaderRecommended', 'recommendedCadreId')).toMatch(/Index Scan using events_leader_recommended_cadre[^\n]*\n\s+Index Cond: \(\(data ->> 'recommendedCadreId'/);
    } finally {
      await db.drop();
    }
  });

  it('refuses a type or field that is not a plain name (they are written into the SQL)', () => {
    expect(() => findEventsByDataSql("AppealFiled' or 'a' = 'a", 'cadreId')).toThrow(TypeError);
    expect(() => findEventsByDataSql('AppealFiled', "cadreId') is not null --")).toThrow(TypeError);
  });
});

describe('PostgreSQL adapter: the compliance projection scans only the events it keeps', () => {
  it('reads them through the partial index whose predicate is its selector (migrations 20261201000100, 20261203000120)', async () => {
    const db = await createTestDatabase('compliance_scan');
    try {
      const only = complianceProjection.rebuildByStream?.only;
      expect(only).toBeDefined();
      const plan = (selector: typeof only) => planWithoutSeqScan(db.sql, scanStreamsSql(selector), ['', -1, '', null, '100', 100, 5000, '0', 0]);
      expect(await plan(only)).toMatch(/Index Scan using events_compliance_scan/);
      // The same selector in another order is the same statement; another selector cannot use the index.
      expect(await plan({ types: [...only!.types].reverse(), metadataKeys: only!.metadataKeys })).toMatch(/Index Scan using events_compliance_scan/);
      expect(await plan({ types: ['AppealFiled'], metadataKeys: [] })).not.toMatch(/events_compliance_scan/);
    } finally {
      await db.drop();
    }
  });

  it('refuses a selector name that is not a plain name (they are written into the SQL)', () => {
    expect(() => eventSelectorSql({ types: ["AppealFiled'] or true --"], metadataKeys: [] })).toThrow(TypeError);
    expect(() => eventSelectorSql({ types: [], metadataKeys: ['a b'] })).toThrow(TypeError);
    expect(eventSelectorSql(undefined)).toBe('true');
  });
});

describe('PostgreSQL adapter: its hot reads are prepared statements', () => {
  it('parses and plans a stream read, an id lookup, a store-wide batch and a payload lookup once per connection, not on every call', async () => {
    const db = await createTestDatabase('prepared', 1); // one connection: the session whose statements are listed
    try {
      const store = new PostgresEventStore(db.sql);
      await store.append('cadre-P1', [{ eventId: 'p-1', type: 'AppealFiled', schemaVersion: 1, effectiveDate: '2024-01-02', actor: 'CLERK:t', data: { cadreId: 'C-1' } }], 'no_stream');
      for (let i = 0; i < 2; i++) {
        await store.readStream('cadre-P1');
        await store.readStream('cadre-P1', { direction: 'backwards' });
        await store.findEvents(['p-1']);
        await store.readAll({ batchSize: 10 });
        await store.findEventsByData('AppealFiled', 'cadreId', 'C-1');
      }
      const prepared = await db.sql<{ statement: string }[]>`select statement from pg_prepared_statements where statement like '%from events%'`;
      const has = (fragment: string) => prepared.filter((p) => p.statement.replace(/\s+/g, ' ').includes(fragment)).length;
      expect(has('where stream_id = $1 and revision >= $2')).toBe(1);
      expect(has('where stream_id = $1 and revision <= $2')).toBe(1);
      expect(has('where event_id = any($1::text[])')).toBe(1);
      expect(has('where (transaction_id, global_position) > ($1::text::xid8, $2::int8)')).toBe(1);
      expect(has("where type = 'AppealFiled'")).toBe(1);
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter: stream heads asked for at once', () => {
  it('go to the server in one statement, each caller answered with its own stream’s head, and a later ask reads again', async () => {
    const db = await createTestDatabase('heads_batched');
    const statements: string[] = [];
    const sql = postgres(db.url, {
      max: 4,
      onnotice: () => undefined,
      debug: (_connection, query) => statements.push(query),
      types: { bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) } },
    });
    try {
      const store = new PostgresEventStore(sql);
      const event = (id: string) => ({ eventId: id, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} });
      await store.append('cadre-H1', [event('h-1'), event('h-2')], 'no_stream');
      await store.append('cadre-H2', [event('h-3')], 'no_stream');
      statements.length = 0;
      const heads = await Promise.all([store.streamHead('cadre-H1'), store.streamHead('cadre-H2'), store.streamHead('cadre-none'), store.streamHead('cadre-H1')]);
      expect(heads.map((h) => h?.revision ?? null)).toEqual([1, 0, null, 1]);
      expect(heads[0]!.lastHash).toMatch(/^[0-9a-f]{64}$/);
      expect(statements.filter((q) => q.includes('from event_streams'))).toHaveLength(1);

      await store.append('cadre-H2', [event('h-4')], 0);
      expect((await store.streamHead('cadre-H2'))?.revision).toBe(1); // no cache between asks
    } finally {
      await sql.end({ timeout: 5 });
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter: what a rebuild asks before it scans', () => {
  const event = (id: string) => ({ eventId: id, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} });

  it('readableHead counts every readable event, counting only the new ones after its first call, and starts again when the table lost its events', async () => {
    const db = await createTestDatabase('head_count');
    try {
      const store = new PostgresEventStore(db.sql);
      const count = async () => Number((await db.sql`select count(*)::int8 as n from events`)[0]!.n);
      expect((await store.readableHead()).events).toBe(0);
      for (let round = 1; round <= 4; round++) {
        await store.appendToStreams(Array.from({ length: round }, (_, i) => ({ streamId: `cadre-R${round}-${i}`, events: [event(`r${round}-${i}`), event(`r${round}-${i}b`)], expectedRevision: 'no_stream' as const })));
        const head = await store.readableHead();
        expect(head.events).toBe(await count());
        expect(head.position).toEqual(await store.headPosition());
      }
      // As a superuser emptying the table would (tests do): the count is taken again from nothing.
      await db.sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from events`;
      });
      await store.append('cadre-after', [event('after-1')], 'no_stream');
      expect((await store.readableHead()).events).toBe(1);
    } finally {
      await db.drop();
    }
  });

  it('refreshStatistics analyses the events table once a bulk load left it without statistics, then not again until much of it changed', async () => {
    const db = await createTestDatabase('statistics');
    try {
      await db.sql`alter table events set (autovacuum_enabled = off)`; // no race with autovacuum
      const store = new PostgresEventStore(db.sql);
      const tuples = async () => Number((await db.sql`select reltuples::float8 as n from pg_class where oid = 'events'::regclass`)[0]!.n);
      await store.appendToStreams(Array.from({ length: 60 }, (_, s) => ({ streamId: `cadre-S${s}`, events: Array.from({ length: 25 }, (_, i) => event(`s${s}-${i}`)), expectedRevision: 'no_stream' as const })));
      expect(await tuples()).toBe(-1); // never analysed
      expect(await store.refreshStatistics()).toBe(true);
      expect(await tuples()).toBe(1500);
      // The cumulative statistics reach the server's counters asynchronously: wait until they have.
      await waitFor('the analysis counted', async () => !(await store.refreshStatistics()));
      await store.append('cadre-one-more', [event('one-more')], 'no_stream');
      expect(await store.refreshStatistics()).toBe(false);
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter: dates read as integers', () => {
  it('writes effective dates and recording instants as to_char wrote them (the hash chain covers both)', async () => {
    const db = await createTestDatabase('dates');
    try {
      // Instants to the microsecond between 1970 and 2999 (to_char truncates to the millisecond), and calendar dates from 1900.
      const micros = fc.sample(fc.bigInt({ min: 0n, max: 32_503_680_000_000_000n }), { numRuns: 300, seed: 7 }).map(String);
      const days = fc.sample(fc.integer({ min: -25_567, max: 376_199 }), { numRuns: 300, seed: 7 });
      const edges = ['1970-01-01 00:00:00', '2000-02-29 23:59:59.999999', '2026-12-31 23:59:59.9995', '2999-12-31 23:59:59.000001'];
      const rows = await db.sql<{ at: string; ms: string }[]>`
        select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, floor(extract(epoch from t) * 1000)::int8::text as ms
        from (select to_timestamp(m::numeric / 1000000) as t from unnest(${micros}::text[]) as m
              union all select e::timestamp at time zone 'UTC' from unnest(${edges}::text[]) as e) instants`;
      for (const r of rows) expect(new Date(Number(r.ms)).toISOString()).toBe(r.at);
      const dates = await db.sql<{ text: string; day: number }[]>`
        select to_char(date '1970-01-01' + d, 'YYYY-MM-DD') as text, d as day from unnest(${days}::int4[]) as d
        union all select to_char(e::date, 'YYYY-MM-DD'), e::date - date '1970-01-01' from unnest(${['1900-01-01', '1969-12-31', '2000-02-29', '2999-12-31']}::text[]) as e`;
      for (const d of dates) expect(isoDateOfDay(Number(d.day))).toBe(d.text);
      expect(rows.length + dates.length).toBe(608);
    } finally {
      await db.drop();
    }
  });
});

/**
 * The running transactions that hold this database's read horizon (what READ_HORIZON does not set
 * aside): for the message of a spec that waited in vain for its events to become readable.
 */
async function horizonHolders(sql: postgres.Sql) {
  return sql`
    select x::text as xid, a.pid, a.datname, a.backend_type, a.state, a.xact_start::text, left(a.query, 200) as query
    from pg_snapshot_xip(pg_current_snapshot()) as x
    left join pg_stat_activity a on a.backend_xid::text::int8 = x::text::int8 % 4294967296
    where a.pid is null or a.datname is not distinct from current_database()`;
}

describe('PostgreSQL adapter: batches read as one JSON document', () => {
  // The scans and the store-wide batches travel as one json_agg text (parsed by one JSON.parse), the
  // stream reads as rows (parsed by the driver): both must give the same envelopes, whatever an event holds.
  const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((t) => !t.includes('\u0000'));
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      tie('object'),
    ),
    object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  }));
  const draft = fc.record({
    effectiveDate: fc.integer({ min: -25_567, max: 376_199 }).map(isoDateOfDay),
    actor: text.filter((t) => t.length > 0),
    documentRef: fc.option(text.filter((t) => t.length > 0)),
    correlationId: fc.option(text.filter((t) => t.length > 0)),
    data: json.object,
    metadata: json.object,
  });

  it('gives the envelopes a row read gives, provenance and all, for any data, text and dates', async () => {
    const db = await createTestDatabase('json_batches');
    try {
      const store = new PostgresEventStore(db.sql);
      let round = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(draft, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), async (streams) => {
          round++;
          const after = (await store.readableHead()).position;
          const prefix = `cadre-json${round}-`;
          for (const [i, drafts] of streams.entries()) {
            const events = drafts.map((d, j) => ({ ...d, data: d.data as JsonObject, metadata: d.metadata as JsonObject, eventId: `json-${round}-${i}-${j}`, type: 'TestEventHappened', schemaVersion: 1 }));
            await store.append(`${prefix}${i}`, events, 'no_stream');
          }
          const rowRead = (await Promise.all(streams.map((_, i) => store.readStream(`${prefix}${i}`)))).flat();
          // Readable once no older transaction of this database is open: an autovacuum's ANALYZE of
          // the events table, which takes a transaction id, holds the horizon back for a moment
          // (seen on a loaded machine: the scan then ended before the events just appended).
          const last = rowRead.map((e) => e.position).reduce((a, b) => (compareAllPositions(a, b) >= 0 ? a : b));
          let head = last;
          await waitFor('the events appended to be readable', async () => compareAllPositions((head = (await store.readableHead()).position), last) >= 0, 60_000).catch(
            async (e: Error) => {
              // The diagnosis must not replace the failure it explains: a query that fails says so instead.
              const holders = await horizonHolders(db.sql).then(JSON.stringify, (q: Error) => `unavailable (${q.message})`);
              throw new Error(`${e.message}; the transactions holding the horizon: ${holders}`);
            },
          );
          const scanned = await store.scanStreamsUpTo({ upTo: head, from: after, streamPrefix: prefix, limit: 100 });
          expect(scanned).toEqual(rowRead);
          const folded = await store.scanStreamsUpTo({ upTo: head, from: after, streamPrefix: prefix, provenance: false, limit: 100 });
          expect(folded).toEqual(rowRead.map((e) => ({ ...e, actor: '', documentRef: null, correlationId: null, causationId: null, hash: '' })));
          const batch = await store.readAll({ after, batchSize: 100 });
          const byPosition = (a: { globalPosition: number }, b: { globalPosition: number }) => a.globalPosition - b.globalPosition;
          expect(batch.events).toEqual([...rowRead].sort(byPosition));
        }),
        // No shrinking: the runs are fixed by the seed, so a failure here is reproduced (and can be shrunk)
        // by running this spec alone; shrinking a stall of the read horizon would outlast jest's timeout.
        { numRuns: 40, seed: 26, endOnFailure: true },
      );
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter: a stream’s recordedAt only goes forward, whatever the server’s clock does', () => {
  // A clock set back (or set right after running fast) is what a last event recorded ahead of the
  // clock looks like to the next append: simulated by moving that event's recordedAt forward (found
  // by an operator's review with libfaketime: such writes were stamped before the stream's last event,
  // and verify then failed for good, naming the honest writes as backdated).
  const event = (eventId: string) => ({ eventId, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} });
  const aheadBy = async (db: Awaited<ReturnType<typeof createTestDatabase>>, streamId: string, seconds: number): Promise<string> => {
    const [row] = await db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      const [moved] = await tx`update events set recorded_at = date_trunc('milliseconds', clock_timestamp()) + make_interval(secs => ${seconds})
                 where stream_id = ${streamId} and revision = (select max(revision) from events where stream_id = ${streamId})
                 returning recorded_at`;
      // The head keeps its last recordedAt (migration 20261207000160), as the append would have set it.
      return tx`update event_streams set last_recorded_at = ${moved!.recorded_at as Date} where stream_id = ${streamId}
                 returning to_char(last_recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`;
    });
    return row!.at as string;
  };

  it('given the stream’s last event recorded 59 s ahead of the clock (within verify’s minute), when appended to, then stamped at that instant, not before it', async () => {
    const db = await createTestDatabase('clock_within');
    const store = new PostgresEventStore(db.sql);
    try {
      await store.append('cadre-K1', [event('k1-0')], 'no_stream');
      const last = await aheadBy(db, 'cadre-K1', 59);
      const written = await store.append('cadre-K1', [event('k1-1')], 0);
      expect(written.events[0]!.recordedAt).toBe(last);
      expect((await store.readStream('cadre-K1')).map((e) => e.recordedAt)).toEqual([last, last]);
    } finally {
      await db.drop();
    }
  });

  it('given the stream’s last event recorded 61 s ahead of the clock, when appended to (alone or with another stream), then refused whole with DATABASE_CLOCK_BEHIND and nothing written; another stream is written', async () => {
    const db = await createTestDatabase('clock_behind');
    const store = new PostgresEventStore(db.sql);
    try {
      await store.append('cadre-K2', [event('k2-0')], 'no_stream');
      const last = await aheadBy(db, 'cadre-K2', 61);
      const refused = await store.append('cadre-K2', [event('k2-1')], 0).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'DATABASE_CLOCK_BEHIND', lastRecordedAt: last, messageZh: expect.stringContaining('为免录入时间倒流，已拒绝写入') });
      const both = await store
        .appendToStreams([
          { streamId: 'cadre-K2', expectedRevision: 0, events: [event('k2-2')] },
          { streamId: 'cadre-K3', expectedRevision: 'no_stream', events: [event('k3-0')] },
        ])
        .catch((e: unknown) => e);
      expect(both).toMatchObject({ code: 'DATABASE_CLOCK_BEHIND' });
      expect((await store.readStream('cadre-K2')).map((e) => e.eventId)).toEqual(['k2-0']);
      expect(await store.streamHead('cadre-K3')).toBeNull();
      await store.append('cadre-K4', [event('k4-0')], 'no_stream');
      expect((await store.readStream('cadre-K4')).map((e) => e.eventId)).toEqual(['k4-0']);
    } finally {
      await db.drop();
    }
  });
});
