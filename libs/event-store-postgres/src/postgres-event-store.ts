/**
 * PostgreSQL adapter of the event-store port (Postgres.js).
 *
 * Global order. Identity values are handed out before commit, so a transaction can commit late
 * with a lower `global_position` than events already read; a reader that only remembers the last
 * position would skip it. Every event therefore records its transaction (`xid8`), and readers of
 * the global order read only rows of transactions older than the oldest still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), in (transaction, position) order. Once a reader
 * has passed a transaction id, no new row with a smaller one can appear, so nothing is skipped
 * or delivered twice.
 *
 * Only transactions of this database can write its events: a transaction that pg_stat_activity
 * shows connected to another database (a backend never changes database) does not hold readers
 * back, so another database on the same server cannot stall the ledger's projections. A running
 * transaction that cannot be placed (another role's, hidden from pg_stat_activity) still does.
 *
 * Per-stream order inside the global order: an append first takes a transaction-level advisory
 * lock per stream (in sorted order, so multi-stream appends cannot deadlock) and only then makes
 * its first write, which assigns its transaction id. Later writers of the same stream get a
 * larger id, so the (transaction, position) order agrees with every stream's revision order.
 */
import {
  chainHash,
  checkImportedChain,
  EventIdConflictError,
  GENESIS_HASH,
  pollingSubscription,
  resolveAlreadyStored,
  START_POSITION,
  StreamVersionConflictError,
  type AllPosition,
  type AppendResult,
  type BatchHandler,
  type EventSelector,
  type EventStore,
  type ExpectedRevision,
  type ImportStoredResult,
  type JsonObject,
  type MigratableEventStore,
  type NewEvent,
  type PendingEvent,
  type ReadAllBatch,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type StreamHead,
  type StreamScanCursor,
  type StreamScanner,
  type Subscription,
  type SubscriptionOptions,
  validateAppends,
} from '@ledger/event-store';
import type postgres from 'postgres';

type Sql = postgres.Sql;
type Row = Record<string, unknown>;

const EVENT_COLUMNS = `global_position, transaction_id::text as transaction_id_text, event_id, stream_id, revision, type, schema_version,
  to_char(effective_date, 'YYYY-MM-DD') as effective_date,
  to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at,
  actor, document_ref, correlation_id, causation_id, data, metadata, hash`;

function toStoredEvent(row: Row): StoredEvent {
  const globalPosition = Number(row.global_position);
  return {
    eventId: row.event_id as string,
    type: row.type as string,
    schemaVersion: Number(row.schema_version),
    streamId: row.stream_id as string,
    revision: Number(row.revision),
    globalPosition,
    position: { commit: Number(row.transaction_id_text), prepare: globalPosition },
    effectiveDate: row.effective_date as string,
    recordedAt: row.recorded_at as string,
    actor: row.actor as string,
    documentRef: (row.document_ref as string | null) ?? null,
    correlationId: (row.correlation_id as string | null) ?? null,
    causationId: (row.causation_id as string | null) ?? null,
    data: row.data as JsonObject,
    metadata: row.metadata as JsonObject,
    hash: row.hash as string,
  };
}

/**
 * The read horizon of the global order (see the header): the oldest transaction still running in
 * this database, or the snapshot's xmax when none is; rows of transactions at or above it are not
 * read yet. Evaluated in the reading statement's own snapshot. 32-bit `backend_xid` values are
 * compared with the snapshot's xid8 modulo 2^32 (an xid8 is the epoch and the xid).
 */
const READ_HORIZON = `(
  select coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
  from pg_snapshot_xip(pg_current_snapshot()) as x
  where (x::text::int8 % 4294967296) not in (
    select backend_xid::text::int8 from pg_stat_activity where backend_xid is not null and datname is distinct from current_database()))`;

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? String(expected) : expected;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

export interface PostgresEventStoreOptions {
  /**
   * Runs inside the append transaction just before it commits. For tests that hold a write open
   * deliberately (late commits with lower positions); never set in production.
   */
  readonly beforeCommit?: (streamIds: readonly string[]) => Promise<void>;
}

export class PostgresEventStore implements EventStore, MigratableEventStore, StreamScanner {
  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appendToStreams([{ streamId, events, expectedRevision }]);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    const pending = validateAppends(appends);
    const ids = pending.map((p) => p.event.eventId);
    try {
      return await this.write(appends, pending, ids);
    } catch (error) {
      // Already stored (a retry, found inside the transaction), or a concurrent writer stored the
      // same events first: a retry, not a conflict. Anything else is the caller's answer.
      if (error instanceof AlreadyStored || isUniqueViolation(error) || error instanceof StreamVersionConflictError) {
        const stored = await this.findEvents(ids);
        if (stored.length > 0) return resolveAlreadyStored(pending, stored);
      }
      throw error;
    }
  }

  /**
   * One transaction in two round trips on a reserved connection: (BEGIN, the locks, then heads +
   * clock + "is any id already stored") pipelined — each statement runs after the previous one, so
   * the heads are read after the locks that protect them are held — then (the events and the heads
   * in one statement, COMMIT) pipelined: if the insert fails, PostgreSQL answers that COMMIT with a
   * rollback. With `beforeCommit` (tests) the commit waits for the hook.
   */
  private async write(appends: readonly StreamAppend[], pending: readonly PendingEvent[], ids: readonly string[]): Promise<AppendResult> {
    const streamIds = appends.map((a) => a.streamId).sort();
    const tx = await this.sql.reserve();
    let open = true;
    try {
      // Locks first (no transaction id yet), in sorted order; see the header comment.
      const [, , heads] = await Promise.all([
        tx`begin`,
        tx`select pg_advisory_xact_lock(hashtextextended(s, 0)) from unnest(${streamIds}::text[]) with ordinality as t(s, n)`,
        tx`
          select stream_id, revision, last_hash,
            to_char(date_trunc('milliseconds', clock_timestamp()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now,
            exists (select 1 from events where event_id = any(${[...ids]}::text[])) as any_stored
          from (select 1) one left join event_streams on stream_id = any(${streamIds}::text[])`,
      ]);
      // Idempotency first, as before any revision check: the caller gets the stored events back.
      if (heads[0]!.any_stored === true) throw new AlreadyStored();
      const recordedAt = heads[0]!.now as string;
      const current = new Map<string, { revision: number; hash: string }>();
      for (const h of heads) if (h.stream_id) current.set(h.stream_id as string, { revision: Number(h.revision), hash: h.last_hash as string });

      const rows: Mutable<StoredEvent>[] = [];
      const streamRevisions = new Map<string, number>();
      for (const a of appends) {
        const head = current.get(a.streamId);
        const actual = head ? head.revision : null;
        const ok =
          a.expectedRevision === 'any' || (a.expectedRevision === 'no_stream' ? actual === null : actual === a.expectedRevision);
        if (!ok) throw new StreamVersionConflictError(a.streamId, describeExpected(a.expectedRevision), actual);
        let revision = actual ?? -1;
        let previousHash = head?.hash ?? GENESIS_HASH;
        for (const event of a.events) {
          revision++;
          // The stored event itself, positions filled in after the insert (no spread-copy per event).
          const draft: Mutable<StoredEvent> = {
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            streamId: a.streamId,
            revision,
            effectiveDate: event.effectiveDate,
            recordedAt,
            actor: event.actor,
            documentRef: event.documentRef ?? null,
            correlationId: event.correlationId ?? null,
            causationId: event.causationId ?? null,
            data: event.data,
            metadata: event.metadata ?? {},
            hash: '',
            globalPosition: 0,
            position: START_POSITION,
          };
          draft.hash = chainHash(previousHash, draft);
          previousHash = draft.hash;
          rows.push(draft);
        }
        streamRevisions.set(a.streamId, revision);
        current.set(a.streamId, { revision, hash: previousHash });
      }

      const touched = [...current.entries()].filter(([id]) => streamRevisions.has(id));
      const insert = tx<Row[]>`
        with inserted as (
          insert into events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor,
                              document_ref, correlation_id, causation_id, data, metadata, hash)
          select * from unnest(
            ${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.streamId)}::text[], ${rows.map((r) => r.revision)}::int8[],
            ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.schemaVersion)}::int4[], ${rows.map((r) => r.effectiveDate)}::date[],
            ${rows.map((r) => r.recordedAt)}::timestamptz[], ${rows.map((r) => r.actor)}::text[],
            ${rows.map((r) => r.documentRef)}::text[], ${rows.map((r) => r.correlationId)}::text[], ${rows.map((r) => r.causationId)}::text[],
            ${rows.map((r) => JSON.stringify(r.data))}::text[]::jsonb[], ${rows.map((r) => JSON.stringify(r.metadata))}::text[]::jsonb[],
            ${rows.map((r) => r.hash)}::text[])
          returning event_id, global_position, transaction_id::text as transaction_id
        ), heads as (
          insert into event_streams (stream_id, revision, last_hash)
          select * from unnest(${touched.map(([id]) => id)}::text[], ${touched.map(([, h]) => h.revision)}::int8[], ${touched.map(([, h]) => h.hash)}::text[])
          on conflict (stream_id) do update set revision = excluded.revision, last_hash = excluded.last_hash, updated_at = clock_timestamp()
        )
        select * from inserted`;
      let inserted: postgres.RowList<Row[]>;
      if (this.options.beforeCommit) {
        inserted = await insert;
        await this.options.beforeCommit(streamIds);
        await tx`commit`;
      } else {
        [inserted] = await Promise.all([insert, tx`commit`]);
      }
      open = false;
      const positions = new Map(inserted.map((r) => [r.event_id as string, { gp: Number(r.global_position), tx: Number(r.transaction_id) }]));

      for (const r of rows) {
        const p = positions.get(r.eventId)!;
        r.globalPosition = p.gp;
        r.position = { commit: p.tx, prepare: p.gp };
      }
      return { events: rows, streamRevisions, alreadyStored: false };
    } catch (error) {
      if (open) await tx`rollback`.catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }

  /**
   * Verbatim import for a store migration (VerbatimImporter): one transaction for the whole call,
   * rows inserted in the given order so the copy keeps the source's global order; hashes and
   * recordedAt are checked against the target's heads and stored as given.
   */
  async importStored(events: readonly StoredEvent[]): Promise<ImportStoredResult> {
    const streamIds = [...new Set(events.map((e) => e.streamId))].sort();
    try {
      return await this.sql.begin(async (tx) => {
        // The same per-stream locks as an append, taken before the first write (see the header).
        await tx`select pg_advisory_xact_lock(hashtextextended(s, 0)) from unnest(${streamIds}::text[]) with ordinality as t(s, n)`;
        const found = await tx`select stream_id, revision, last_hash from event_streams where stream_id = any(${streamIds}::text[])`;
        const heads = new Map<string, StreamHead | null>(streamIds.map((id) => [id, null]));
        for (const h of found) heads.set(h.stream_id as string, { streamId: h.stream_id as string, revision: Number(h.revision), lastHash: h.last_hash as string });
        const after = checkImportedChain(events, heads);
        const rows = events;
        await tx`
          insert into events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor,
                              document_ref, correlation_id, causation_id, data, metadata, hash)
          select * from unnest(
            ${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.streamId)}::text[], ${rows.map((r) => r.revision)}::int8[],
            ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.schemaVersion)}::int4[], ${rows.map((r) => r.effectiveDate)}::date[],
            ${rows.map((r) => r.recordedAt)}::timestamptz[], ${rows.map((r) => r.actor)}::text[],
            ${rows.map((r) => r.documentRef ?? null)}::text[], ${rows.map((r) => r.correlationId ?? null)}::text[], ${rows.map((r) => r.causationId ?? null)}::text[],
            ${rows.map((r) => JSON.stringify(r.data))}::text[]::jsonb[], ${rows.map((r) => JSON.stringify(r.metadata ?? {}))}::text[]::jsonb[],
            ${rows.map((r) => r.hash)}::text[])`;
        const touched = [...after.values()];
        await tx`
          insert into event_streams (stream_id, revision, last_hash)
          select * from unnest(${touched.map((h) => h.streamId)}::text[], ${touched.map((h) => h.revision)}::int8[], ${touched.map((h) => h.lastHash)}::text[])
          on conflict (stream_id) do update set revision = excluded.revision, last_hash = excluded.last_hash, updated_at = clock_timestamp()`;
        return { imported: events.length, streamRevisions: new Map(touched.map((h) => [h.streamId, h.revision])) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const detail = String((error as { detail?: unknown }).detail ?? '');
        const id = /\(event_id\)=\((.*)\)/.exec(detail)?.[1] ?? events[0]!.eventId;
        throw new EventIdConflictError(id, 'is already stored in the target under another stream or revision');
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? 1_000_000_000;
    const from = options.fromRevision;
    const rows = backwards
      ? await this.sql.unsafe(
          `select ${EVENT_COLUMNS} from events where stream_id = $1 and revision <= $2 order by revision desc limit $3`,
          [streamId, from ?? Number.MAX_SAFE_INTEGER, limit],
        )
      : await this.sql.unsafe(
          `select ${EVENT_COLUMNS} from events where stream_id = $1 and revision >= $2 order by revision limit $3`,
          [streamId, from ?? 0, limit],
        );
    return rows.map(toStoredEvent);
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const [row] = await this.sql`select stream_id, revision, last_hash from event_streams where stream_id = ${streamId}`;
    return row ? { streamId: row.stream_id as string, revision: Number(row.revision), lastHash: row.last_hash as string } : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after: AllPosition = options.after ?? START_POSITION;
    const batchSize = options.batchSize ?? 1000;
    const rows = await this.sql.unsafe(
      `select ${EVENT_COLUMNS} from events
       where (transaction_id, global_position) > ($1::text::xid8, $2::int8)
         and transaction_id < ${READ_HORIZON}
       order by transaction_id, global_position
       limit $3`,
      [String(after.commit), after.prepare, batchSize],
    );
    const events = rows.map(toStoredEvent);
    return { events, lastPosition: events.length > 0 ? events[events.length - 1]!.position : after };
  }

  /**
   * One REPEATABLE READ, read-only transaction (it takes no transaction id, so it holds back no
   * other reader's horizon) and a cursor: every event committed before it started, none after.
   */
  async *readAllCommitted(options: { readonly batchSize?: number } = {}): AsyncIterable<readonly StoredEvent[]> {
    const tx = await this.sql.reserve();
    let open = false;
    try {
      await tx`begin isolation level repeatable read, read only`;
      open = true;
      const cursor = tx.unsafe(`select ${EVENT_COLUMNS} from events order by transaction_id, global_position`).cursor(options.batchSize ?? 5000);
      for await (const rows of cursor) yield rows.map(toStoredEvent);
      await tx`commit`;
      open = false;
    } finally {
      if (open) await tx`rollback`.catch(() => undefined);
      tx.release();
    }
  }

  async headPosition(): Promise<AllPosition> {
    const [row] = await this.sql`
      select transaction_id::text as commit, global_position from events order by transaction_id desc, global_position desc limit 1`;
    return row ? { commit: Number(row.commit), prepare: Number(row.global_position) } : START_POSITION;
  }

  subscribeToAll(handler: BatchHandler, options: SubscriptionOptions = {}): Subscription {
    return pollingSubscription((o) => this.readAll(o), handler, options);
  }

  async readableHead(): Promise<{ position: AllPosition; events: number }> {
    const [row] = await this.sql.unsafe(`
      with readable as (select * from events where transaction_id < ${READ_HORIZON})
      select (select transaction_id::text from readable order by transaction_id desc, global_position desc limit 1) as commit,
             (select global_position from readable order by transaction_id desc, global_position desc limit 1) as prepare,
             (select count(*) from readable)::int8 as events`);
    if (!row || row.commit === null) return { position: START_POSITION, events: 0 };
    return { position: { commit: Number(row.commit), prepare: Number(row.prepare) }, events: Number(row.events) };
  }

  async scanStreamsUpTo(options: {
    upTo: AllPosition;
    streamPrefix?: string;
    only?: EventSelector;
    after?: StreamScanCursor | null;
    limit: number;
  }): Promise<StoredEvent[]> {
    const prefix = options.streamPrefix ?? '';
    // Byte order (COLLATE "C"): the ids starting with the prefix are [prefix, prefix with its last character + 1).
    const prefixEnd = prefix === '' ? null : prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = await this.sql.unsafe(
      `select ${EVENT_COLUMNS} from events
       where (stream_id, revision) > ($1::text, $2::int8)
         and stream_id >= $3::text and ($4::text is null or stream_id < $4::text)
         and (transaction_id, global_position) <= ($5::text::xid8, $6::int8)
         and (not $8::boolean or type = any($9::text[]) or metadata ?| $10::text[])
       order by stream_id, revision
       limit $7`,
      [
        options.after?.streamId ?? '',
        options.after?.revision ?? -1,
        prefix,
        prefixEnd,
        String(options.upTo.commit),
        options.upTo.prepare,
        options.limit,
        options.only !== undefined,
        [...(options.only?.types ?? [])],
        [...(options.only?.metadataKeys ?? [])],
      ],
    );
    return rows.map(toStoredEvent);
  }

  async *scanStreams(): AsyncIterable<StoredEvent> {
    const cursor = this.sql.unsafe(`select ${EVENT_COLUMNS} from events order by stream_id, revision`).cursor(2000);
    for await (const rows of cursor) for (const row of rows) yield toStoredEvent(row);
  }

  async *scanHeads(): AsyncIterable<StreamHead> {
    const cursor = this.sql`select stream_id, revision, last_hash from event_streams order by stream_id`.cursor(5000);
    for await (const rows of cursor) {
      for (const row of rows) yield { streamId: row.stream_id as string, revision: Number(row.revision), lastHash: row.last_hash as string };
    }
  }

  async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.sql.unsafe(`select ${EVENT_COLUMNS} from events where event_id = any($1::text[]) order by global_position`, [
      [...eventIds],
    ]);
    return rows.map(toStoredEvent);
  }

  async findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]> {
    // A filtered scan, not an index: it serves rare audit reads (exports), and an index on the
    // payload would tax every append for them. Exact string equality (`@>` would also match ["v"]).
    const rows = await this.sql.unsafe(
      `select ${EVENT_COLUMNS} from events
       where type = $1 and jsonb_typeof(data -> $2::text) = 'string' and data ->> $2::text = $3::text
       order by transaction_id, global_position`,
      [type, field, value],
    );
    return rows.map(toStoredEvent);
  }

  async close(): Promise<void> {
    // The connection pool belongs to whoever opened the database.
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Inside `write`: some of the events are already stored; the transaction is rolled back and the caller resolves the retry. */
class AlreadyStored extends Error {}
