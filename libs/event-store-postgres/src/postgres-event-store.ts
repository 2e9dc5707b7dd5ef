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
 * The append is one call of the `ledger_append` function (libs/database/migrations), which does
 * exactly that in one autocommitted statement: no round trip, and no idle time, inside the
 * transaction. It also computes the hash chain, from canonical text sent in two parts
 * (canonical-parts.ts), so `recordedAt` stays the database clock's.
 */
import {
  canonicalParts,
  checkImportedChain,
  ClockBehindError,
  EventIdConflictError,
  pollingSubscription,
  resolveAlreadyStored,
  START_POSITION,
  StreamVersionConflictError,
  type AllPosition,
  type AppendOutcome,
  type AppendResult,
  type BatchAppender,
  type BatchHandler,
  type CanonicalParts,
  type EventOutsideTheOrder,
  type OutsideTheOrderSummary,
  type UnfinishedCopy,
  type UnfinishedCopyMark,
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
import DataLoader from 'dataloader';
import type postgres from 'postgres';

type Sql = postgres.Sql;
type Row = Record<string, unknown>;

/*
 * The dates travel as integers and are written out here: `to_char` is slow (the two dates of
 * 469,227 events: 0.70 s with it, 0.46 s as integers, 0.38 s not read), and a date's text form
 * would depend on the session's DateStyle. `effective_day`: days since 1970-01-01; `recorded_ms`:
 * milliseconds since the epoch, truncated as `to_char(…, 'MS')` truncates.
 */
const EVENT_COLUMNS = `global_position, transaction_id::text as transaction_id_text, event_id, stream_id, revision, type, schema_version,
  effective_date - date '1970-01-01' as effective_day, floor(extract(epoch from recorded_at) * 1000)::int8 as recorded_ms, data, metadata,
  actor, document_ref, correlation_id, causation_id, hash`;

const MS_PER_DAY = 86_400_000;
const datesOfDays = new Map<number, string>();

/** YYYY-MM-DD of a day number; the few thousand dates of a store are formatted once each. */
export function isoDateOfDay(day: number): string {
  let date = datesOfDays.get(day);
  if (date === undefined) {
    if (datesOfDays.size >= 100_000) datesOfDays.clear();
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    datesOfDays.set(day, date);
  }
  return date;
}

/** A row of EVENT_COLUMNS. One literal: see section 5 of SCALE.md. */
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
    effectiveDate: isoDateOfDay(Number(row.effective_day)),
    recordedAt: new Date(Number(row.recorded_ms)).toISOString(),
    actor: row.actor as string,
    documentRef: (row.document_ref as string | null) ?? null,
    correlationId: (row.correlation_id as string | null) ?? null,
    causationId: (row.causation_id as string | null) ?? null,
    data: row.data as JsonObject,
    metadata: row.metadata as JsonObject,
    hash: row.hash as string,
  };
}

/*
 * A batch read as one JSON document: an array of arrays, one per event, built by the server and
 * parsed here by one JSON.parse, instead of the driver turning ≈ 11 columns of each row into values
 * one by one. Reading the 421,878 cadre events of 300 townships took this process 3.2 s of CPU as
 * rows and 1.45 s as documents, for ≈ 0.6 s more of the server's (docs/SCALE.md, section 5). Only
 * for bounded batches: a value is at most 1 GB, and an event's fields are bounded by its schema.
 */
const FOLD_VALUES = `global_position, transaction_id::text, event_id, stream_id, revision, type, schema_version,
  effective_date - date '1970-01-01', floor(extract(epoch from recorded_at) * 1000)::int8, data, metadata`;
const EVENT_VALUES = `${FOLD_VALUES}, actor, document_ref, correlation_id, causation_id, hash`;
const FOLD_SOURCE = `global_position, transaction_id, event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, data, metadata`;
const EVENT_SOURCE = `${FOLD_SOURCE}, actor, document_ref, correlation_id, causation_id, hash`;

/** `select …` of the events wanted (in any order; with FOLD_SOURCE or EVENT_SOURCE columns), as one JSON text in `order`. */
function eventsAsJsonSql(select: (columns: string) => string, order: string, provenance: boolean): string {
  return `select coalesce(json_agg(json_build_array(${provenance ? EVENT_VALUES : FOLD_VALUES}) order by ${order}), '[]')::text as events
    from (${select(provenance ? EVENT_SOURCE : FOLD_SOURCE)}) e`;
}

/**
 * One event of eventsAsJsonSql's document, in EVENT_VALUES order, or FOLD_VALUES without its
 * provenance (StreamScanner's `provenance: false`: actor and hash empty, the ids null). One
 * literal, as toStoredEvent.
 */
function eventOfValues(v: readonly unknown[], provenance: boolean): StoredEvent {
  const globalPosition = v[0] as number;
  return {
    eventId: v[2] as string,
    type: v[5] as string,
    schemaVersion: v[6] as number,
    streamId: v[3] as string,
    revision: v[4] as number,
    globalPosition,
    position: { commit: Number(v[1]), prepare: globalPosition },
    effectiveDate: isoDateOfDay(v[7] as number),
    recordedAt: new Date(v[8] as number).toISOString(),
    actor: provenance ? (v[11] as string) : '',
    documentRef: provenance ? ((v[12] as string | null) ?? null) : null,
    correlationId: provenance ? ((v[13] as string | null) ?? null) : null,
    causationId: provenance ? ((v[14] as string | null) ?? null) : null,
    data: v[9] as JsonObject,
    metadata: v[10] as JsonObject,
    hash: provenance ? (v[15] as string) : '',
  };
}

function eventsOfJson(rows: readonly Row[], provenance: boolean): StoredEvent[] {
  const text = rows[0]?.events;
  if (typeof text !== 'string') return [];
  return (JSON.parse(text) as unknown[][]).map((v) => eventOfValues(v, provenance));
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

/** A batch of the store-wide order after ($1, $2), below the read horizon, at most $3 events. */
const READ_ALL_SQL = eventsAsJsonSql(
  (columns) => `select ${columns} from events
     where (transaction_id, global_position) > ($1::text::xid8, $2::int8)
       and transaction_id < ${READ_HORIZON}
     order by transaction_id, global_position
     limit $3`,
  'transaction_id, global_position',
  true,
);

/**
 * Statements the store runs again and again are prepared once per connection. postgres.js prepares
 * its tagged templates but not `sql.unsafe` text unless told: unprepared, a stream read was parsed
 * and planned on every call (planning 1.4 ms of a 44-event cadre read's 3 ms on the bench machine).
 */
const PREPARED = { prepare: true } as const;

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? String(expected) : expected;
}

function outcomeOf(outcome: AppendOutcome): AppendResult {
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * The lookup of events by one string field of their data. The type and the field come from code
 * and are written as literals, so the planner can use a partial index for the pair (the lookups a
 * cadre history makes have one: migration 20261130000070); other pairs are a filtered scan.
 * Exact string equality (`@>` would also match ["v"]).
 */
export function findEventsByDataSql(type: string, field: string): string {
  for (const name of [type, field]) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new TypeError(`not an event type or field name: ${JSON.stringify(name)}`);
  return `select ${EVENT_COLUMNS} from events
          where type = '${type}' and jsonb_typeof(data -> '${field}') = 'string' and data ->> '${field}' = $1::text
          order by transaction_id, global_position`;
}

/**
 * A scan's filter on the type or the metadata keys, written as literals (checked names, sorted: one
 * selector, one statement text) so the planner can prove a partial index's predicate from it. The
 * compliance projection's selector has one (migration 20261201000100): its rebuild reads the
 * events it keeps, not every event of the store.
 */
export function eventSelectorSql(only: EventSelector | undefined): string {
  if (only === undefined) return 'true';
  const list = (names: readonly string[]) => {
    for (const name of names) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`not an event type or metadata key: ${JSON.stringify(name)}`);
    return `'{${[...new Set(names)].sort().join(',')}}'::text[]`;
  };
  return `(type = any(${list(only.types)}) or metadata ?| ${list(only.metadataKeys)})`;
}

/**
 * One batch of a stream scan: after ($1 stream, $2 revision), streams in [$3, $4), events after
 * ($8, $9) and at or before ($5, $6) in the global order, at most $7.
 */
export function scanStreamsSql(only: EventSelector | undefined, provenance = true): string {
  return eventsAsJsonSql(
    (columns) => `select ${columns} from events
       where (stream_id, revision) > ($1::text, $2::int8)
         and stream_id >= $3::text and ($4::text is null or stream_id < $4::text)
         and (transaction_id, global_position) <= ($5::text::xid8, $6::int8)
         and (transaction_id, global_position) > ($8::text::xid8, $9::int8)
         and ${eventSelectorSql(only)}
       order by stream_id, revision
       limit $7`,
    'stream_id, revision',
    provenance,
  );
}

export interface PostgresEventStoreOptions {
  /**
   * Runs inside the append transaction just before it commits. For tests that hold a write open
   * deliberately (late commits with lower positions); never set in production.
   */
  readonly beforeCommit?: (streamIds: readonly string[]) => Promise<void>;
  /**
   * Group commit: at most this many `ledger_append` calls in flight from this store; appends
   * arriving meanwhile wait and go together in the next call (0: every append its own call).
   * Default 2: each call costs the server a commit and its WAL flush, so a burst of appends from
   * many callers is stored with a few flushes instead of one each, and a lone append goes at once.
   * 32 callers on 2 cores (a loaded machine): 0 → ≈ 700 appends/s, 2 → ≈ 1,500, 4 → ≈ 1,230, 8 → ≈ 1,380.
   */
  readonly maxCallsInFlight?: number;
}

/** The most appends one group-commit call carries (a call's locks are held until it commits). */
const MAX_GROUP = 64;

interface QueuedAppend {
  readonly appends: readonly StreamAppend[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}


/** The LIKE pattern of an append's statement in pg_stat_activity (the underscore escaped: a literal one). */
const APPEND_STATEMENT = '%ledger\\_append(%';
export class PostgresEventStore implements EventStore, MigratableEventStore, UnfinishedCopyMark, StreamScanner, BatchAppender {
  private readonly queued: QueuedAppend[] = [];
  private callsInFlight = 0;
  /** The last readableHead counted: its horizon (an xid8 as text), its last event and the count. */
  private countedHead: { horizon: string; position: AllPosition; events: number } | null = null;
  private readonly maxCallsInFlight: number;
  /**
   * Stream heads asked for in one tick go in one query: the API's group commit checks the head of
   * every stream a batch of commands reads (each cadre, the policy, org units), which was one
   * statement and one socket write per stream. No cache: every caller gets a head read after it asked.
   */
  private readonly heads = new DataLoader<string, StreamHead | null>((streamIds) => this.readHeads(streamIds), { cache: false, maxBatchSize: 1000 });

  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.maxCallsInFlight = options.maxCallsInFlight ?? 2;
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appendToStreams([{ streamId, events, expectedRevision }]);
  }

  /**
   * One atomic write. Concurrent callers' writes may share a `ledger_append` call (group commit),
   * which answers each on its own, in arrival order: the same outcome as one call each in that
   * order, a conflict or a refusal failing only its own write (appendBatch).
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    if (this.maxCallsInFlight <= 0) return outcomeOf((await this.appendBatch([appends]))[0]!);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queued.push({ appends, resolve, reject });
      this.sendQueued();
    });
  }

  private sendQueued(): void {
    while (this.callsInFlight < this.maxCallsInFlight && this.queued.length > 0) {
      const group = this.queued.splice(0, MAX_GROUP);
      this.callsInFlight++;
      this.appendBatch(group.map((q) => q.appends))
        .then(
          (outcomes) =>
            outcomes.forEach((o, i) => {
              if (o.ok) group[i]!.resolve(o.result);
              else group[i]!.reject(o.error);
            }),
          (error: unknown) => group.forEach((q) => q.reject(error)),
        )
        .finally(() => {
          this.callsInFlight--;
          this.sendQueued();
        });
    }
  }

  /**
   * Every write in one call of `ledger_append` (migrations 20261130000060 and …080): one autocommitted
   * statement that locks, checks, hashes, inserts and moves the heads. Each write is answered on
   * its own; if the call itself fails (an id stored concurrently under another stream), the writes
   * are sent again one by one, in order, so the failure is only the failing write's.
   */
  async appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
    const outcomes: AppendOutcome[] = new Array<AppendOutcome>(writes.length);
    const batch: PreparedWrite[] = [];
    writes.forEach((appends, index) => {
      try {
        const pending = validateAppends(appends);
        batch.push({ index, appends, pending, ids: pending.map((p) => p.event.eventId) });
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    });
    if (batch.length === 0) return outcomes;
    let answers: WriteAnswer[];
    try {
      answers = await this.call(batch);
    } catch (error) {
      if (batch.length > 1) {
        for (const w of batch) outcomes[w.index] = (await this.appendBatch([w.appends]))[0]!;
        return outcomes;
      }
      answers = [{ error }];
    }
    await Promise.all(
      batch.map(async (w, i) => {
        const answer = answers[i]!;
        outcomes[w.index] = 'result' in answer ? { ok: true, result: answer.result } : await this.recover(answer.error, w);
      }),
    );
    return outcomes;
  }

  /**
   * Already stored (a retry), or a concurrent writer stored the same events first: a retry, not a
   * conflict, answered with the stored events. Anything else is the caller's answer.
   */
  private async recover(error: unknown, w: PreparedWrite): Promise<AppendOutcome> {
    if (error instanceof AlreadyStored || isUniqueViolation(error) || error instanceof StreamVersionConflictError) {
      try {
        const stored = await this.findEvents(w.ids);
        if (stored.length > 0) return { ok: true, result: resolveAlreadyStored(w.pending, stored) };
      } catch (resolved) {
        return { ok: false, error: resolved };
      }
    }
    return { ok: false, error };
  }

  /** One statement for the whole batch; with `beforeCommit` (tests) inside a transaction that waits for the hook. */
  private async call(batch: readonly PreparedWrite[]): Promise<WriteAnswer[]> {
    const slots = [...new Set(batch.flatMap((w) => w.appends.map((a) => a.streamId)))].sort();
    const slotOf = new Map(slots.map((id, i) => [id, i + 1]));
    const writeNo: number[] = [];
    const slot: number[] = [];
    const expected: number[] = [];
    const append: number[] = [];
    const drafts: Mutable<StoredEvent>[] = [];
    const parts: CanonicalParts[] = [];
    batch.forEach((w, n) => {
      for (const a of w.appends) {
        writeNo.push(n);
        slot.push(slotOf.get(a.streamId)!);
        expected.push(a.expectedRevision === 'any' ? -2 : a.expectedRevision === 'no_stream' ? -1 : a.expectedRevision);
        for (const event of a.events) {
          append.push(writeNo.length);
          // The stored event itself; revision, time, hash and positions filled in from the answer.
          const draft: Mutable<StoredEvent> = {
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            streamId: a.streamId,
            revision: 0,
            effectiveDate: event.effectiveDate,
            recordedAt: '',
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
          drafts.push(draft);
          parts.push(canonicalParts(draft));
        }
      }
    });
    const columns = eventColumns(drafts, parts, append);
    const statement = columns
      ? (q: Sql | postgres.ReservedSql) => q<Row[]>`
      select * from ledger_append(${slots}::text[], ${writeNo}::int4[], ${slot}::int4[], ${expected}::int8[],
        ${columns.append}::text, ${columns.eventId}::text, ${columns.type}::text, ${columns.schemaVersion}::text, ${columns.effectiveDate}::text,
        ${columns.actor}::text, ${columns.documentRef}::text, ${columns.correlationId}::text, ${columns.causationId}::text,
        ${columns.data}::text, ${columns.metadata}::text, ${columns.before}::text, ${columns.after}::text)`
      : // Some text holds the separator: the events as one JSON document (migration 20261130000080).
        // `::text::json`: a parameter typed json would be JSON-encoded again.
        (q: Sql | postgres.ReservedSql) => q<Row[]>`
      select * from ledger_append(${slots}::text[], ${writeNo}::int4[], ${slot}::int4[], ${expected}::int8[],
        ${`[${drafts.map((d, i) => eventJson(d, parts[i]!, append[i]!)).join(',')}]`}::text::json)`;
    const rows = await (this.options.beforeCommit ? this.inTransaction(slots, statement) : statement(this.sql)).catch((error: unknown) => {
      throw clockBehind(error) ?? error;
    });

    const events: [number, StoredEvent][][] = batch.map(() => []);
    const refusals: unknown[] = batch.map(() => undefined);
    for (const row of rows) {
      const n = Number(row.write_no);
      if (row.status === 'already_stored') refusals[n] = new AlreadyStored();
      else if (row.status === 'conflict') {
        const streamId = row.stream_id as string;
        const a = batch[n]!.appends.find((x) => x.streamId === streamId)!;
        refusals[n] = new StreamVersionConflictError(streamId, describeExpected(a.expectedRevision), row.actual === null ? null : Number(row.actual));
      } else {
        const index = Number(row.event_index) - 1;
        const d = drafts[index]!;
        const globalPosition = Number(row.global_position);
        d.revision = Number(row.revision);
        d.recordedAt = row.recorded_at as string;
        d.hash = row.hash as string;
        d.globalPosition = globalPosition;
        d.position = { commit: Number(row.transaction_id), prepare: globalPosition };
        events[n]!.push([index, d]);
      }
    }
    return batch.map((_, n) => {
      if (refusals[n] !== undefined) return { error: refusals[n] };
      // In append order, whatever order the rows came in.
      const stored = events[n]!.sort((x, y) => x[0] - y[0]).map(([, e]) => e);
      const streamRevisions = new Map<string, number>();
      for (const e of stored) streamRevisions.set(e.streamId, e.revision);
      return { result: { events: stored, streamRevisions, alreadyStored: false } };
    });
  }

  private async inTransaction(streamIds: readonly string[], statement: (q: postgres.ReservedSql) => Promise<Row[]>): Promise<Row[]> {
    const tx = await this.sql.reserve();
    let open = true;
    try {
      await tx`begin`;
      const rows = await statement(tx);
      await this.options.beforeCommit!(streamIds);
      await tx`commit`;
      open = false;
      return rows;
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
        // Each head with its last event's recordedAt, which ledger_append keeps a stream's times from going back before (migration 20261207000160).
        const lastRecordedAt = new Map(events.map((e) => [e.streamId, e.recordedAt]));
        await tx`
          insert into event_streams (stream_id, revision, last_hash, last_recorded_at)
          select * from unnest(${touched.map((h) => h.streamId)}::text[], ${touched.map((h) => h.revision)}::int8[], ${touched.map((h) => h.lastHash)}::text[],
                               ${touched.map((h) => lastRecordedAt.get(h.streamId)!)}::timestamptz[])
          on conflict (stream_id) do update set revision = excluded.revision, last_hash = excluded.last_hash, last_recorded_at = excluded.last_recorded_at, updated_at = clock_timestamp()`;
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
          PREPARED,
        )
      : await this.sql.unsafe(
          `select ${EVENT_COLUMNS} from events where stream_id = $1 and revision >= $2 order by revision limit $3`,
          [streamId, from ?? 0, limit],
          PREPARED,
        );
    return rows.map(toStoredEvent);
  }

  streamHead(streamId: string): Promise<StreamHead | null> {
    return this.heads.load(streamId);
  }

  private async readHeads(streamIds: readonly string[]): Promise<(StreamHead | null)[]> {
    const rows = await this.sql`select stream_id, revision, last_hash from event_streams where stream_id = any(${streamIds as string[]}::text[])`;
    const byId = new Map(rows.map((row) => [row.stream_id as string, { streamId: row.stream_id as string, revision: Number(row.revision), lastHash: row.last_hash as string }]));
    return streamIds.map((id) => byId.get(id) ?? null);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after: AllPosition = options.after ?? START_POSITION;
    const batchSize = options.batchSize ?? 1000;
    const rows = await this.sql.unsafe(READ_ALL_SQL, [String(after.commit), after.prepare, batchSize], PREPARED);
    const events = eventsOfJson(rows, true);
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

  /**
   * `ledger_append` stamps recordedAt when it has its locks, before it inserts and commits: an append
   * still committing can carry a recordedAt at or before an instant already asked about, and an
   * answer "as known at" that instant would change once it commits (found by a review: a write held
   * up a second was missing from the answer given at K and present in the same question asked later).
   * Such an append began its transaction at or before its recordedAt, so once no backend of this
   * database is inside `ledger_append` in a transaction begun at or before the instant, the answer is fixed.
   */
  async settleKnownAt(instant: string, timeoutMs: number): Promise<boolean> {
    // A parameter, so this statement's own text (another request's, on another connection) never matches it.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.sql<{ unsettled: boolean }[]>`
        select exists (
          select 1 from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
             and xact_start <= ${instant}::timestamptz and query like ${APPEND_STATEMENT}
        ) as unsettled`;
      if (!row!.unsettled) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
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
    // The horizon once, then two index reads: never a materialised copy of the table. Every
    // transaction below a horizon has ended, so the events below the last horizon counted are a
    // fixed set: only those from it up to the new horizon are counted (a rebuild asks twice per
    // projection; a full count is 0.2–0.5 s at a province). The count starts again from nothing
    // if that horizon's last event is gone (a test that emptied the table).
    const known = this.countedHead;
    const [row] = await this.sql.unsafe(
      `with horizon as materialized (select ${READ_HORIZON} as x)
      select horizon.x::text as horizon, last.commit, last.prepare,
             ${
               known
                 ? `(select count(*) from events where transaction_id >= $1::text::xid8 and transaction_id < horizon.x)::int8 as events,
                    exists (select 1 from events where transaction_id = $2::text::xid8 and global_position = $3::int8) as known`
                 : `(select count(*) from events where transaction_id < horizon.x)::int8 as events, true as known`
             }
      from horizon left join lateral (
        select transaction_id::text as commit, global_position as prepare from events
        where transaction_id < horizon.x order by transaction_id desc, global_position desc limit 1) last on true`,
      known ? [known.horizon, String(known.position.commit), known.position.prepare] : [],
      PREPARED,
    );
    if (known && row?.known !== true) {
      this.countedHead = null;
      return this.readableHead();
    }
    if (!row || row.commit === null) return { position: START_POSITION, events: 0 };
    const head = {
      position: { commit: Number(row.commit), prepare: Number(row.prepare) },
      events: (known?.events ?? 0) + Number(row.events),
    };
    this.countedHead = { horizon: String(row.horizon), ...head };
    return head;
  }

  /**
   * Brings the planner's statistics of the events table up to date when they are missing or far
   * behind, as autovacuum would at its next turn (analyse when more than a tenth of the rows
   * changed). A bulk import into a new database ends before autovacuum has looked at the table,
   * and without statistics PostgreSQL plans each batch of a stream scan as a bitmap scan of the
   * whole prefix and a sort: a rebuild of 469,227 events took 58 s instead of 8 s.
   * Returns whether it analysed.
   */
  async refreshStatistics(): Promise<boolean> {
    const [row] = await this.sql`
      select c.reltuples::float8 as tuples, coalesce(s.n_mod_since_analyze, 0)::float8 as modified
      from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
      where c.oid = to_regclass('events')`;
    if (!row) return false;
    const tuples = Number(row.tuples);
    if (tuples >= 0 && Number(row.modified) <= 1000 + tuples / 10) return false;
    await this.sql`analyze events`;
    return true;
  }

  async scanStreamsUpTo(options: {
    from?: AllPosition;
    upTo: AllPosition;
    streamPrefix?: string;
    only?: EventSelector;
    provenance?: boolean;
    after?: StreamScanCursor | null;
    limit: number;
  }): Promise<StoredEvent[]> {
    const prefix = options.streamPrefix ?? '';
    // Byte order (COLLATE "C"): the ids starting with the prefix are [prefix, prefix with its last character + 1).
    const prefixEnd = prefix === '' ? null : prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const from = options.from ?? START_POSITION;
    // The first batch starts at the prefix itself: a row comparison and a bound on its first column
    // are not merged into one start, and the scan would walk the index from the first stream.
    const after = options.after ?? { streamId: prefix, revision: -1 };
    const rows = await this.sql.unsafe(
      scanStreamsSql(options.only, options.provenance !== false),
      [after.streamId, after.revision, prefix, prefixEnd, String(options.upTo.commit), options.upTo.prepare, options.limit, String(from.commit), from.prepare],
      PREPARED,
    );
    return eventsOfJson(rows, options.provenance !== false);
  }

  async *scanStreams(): AsyncIterable<StoredEvent> {
    const cursor = this.sql.unsafe(`select ${EVENT_COLUMNS} from events order by stream_id, revision`).cursor(2000);
    for await (const rows of cursor) for (const row of rows) yield toStoredEvent(row);
  }

  /**
   * Events whose transaction id PostgreSQL has not issued yet (at or above the statement's own
   * snapshot's xmax, so an append running meanwhile is never one): the read horizon never passes
   * them. Only an edit of the events table makes one, or a copy of the table restored into another
   * cluster whose transaction ids are behind (move a store with `migrate-store`, which keeps the order).
   */
  async eventsOutsideTheOrder(): Promise<EventOutsideTheOrder[]> {
    const rows = await this.sql`select stream_id, revision, event_id, transaction_id::text as tx, pg_snapshot_xmax(pg_current_snapshot())::text as next
      from events where transaction_id >= pg_snapshot_xmax(pg_current_snapshot()) order by stream_id, revision limit 1000`;
    return rows.map((r) => ({
      streamId: r.stream_id as string,
      revision: Number(r.revision),
      eventId: r.event_id as string,
      message: `its transaction id ${String(r.tx)} has not been issued by this server (the next is ${String(r.next)}): the store-wide order, the digest and the projections never reach it; the events table was edited, or restored into another cluster`,
    }));
  }

  /** One range read of the store-wide order's index above the ids issued: nothing to count on a store never restored elsewhere. */
  async outsideTheOrder(): Promise<OutsideTheOrderSummary> {
    const [row] = await this.sql`
      select count(*)::int8 as events, max(transaction_id)::text as highest, pg_snapshot_xmax(pg_current_snapshot())::text as next
        from events where transaction_id >= pg_snapshot_xmax(pg_current_snapshot())`;
    return { events: Number(row!.events), highestTransactionId: (row!.highest as string | null) ?? null, nextTransactionId: String(row!.next) };
  }

  async markCopyUnderWay(mark: { readonly source: string; readonly sourceEvents: number }): Promise<void> {
    await this.sql`
      insert into ledger_unfinished_copy (source, source_events) values (${mark.source}, ${mark.sourceEvents})
      on conflict (id) do update set source = excluded.source, source_events = excluded.source_events, started_at = clock_timestamp(),
        accepted_at = null, accepted_reason = null, accepted_by = null`;
  }

  async clearCopyUnderWay(): Promise<void> {
    await this.sql`delete from ledger_unfinished_copy`;
  }

  async acceptUnfinishedCopy(reason: string, by: string): Promise<UnfinishedCopy | null> {
    await this.sql`update ledger_unfinished_copy set accepted_at = clock_timestamp(), accepted_reason = ${reason}, accepted_by = ${by}`;
    return this.unfinishedCopy();
  }

  async unfinishedCopy(): Promise<UnfinishedCopy | null> {
    const [row] = await this.sql`select source, source_events, started_at, accepted_at, accepted_reason, accepted_by from ledger_unfinished_copy`;
    if (!row) return null;
    const instant = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
    return {
      source: row.source as string,
      sourceEvents: Number(row.source_events),
      startedAt: instant(row.started_at)!,
      acceptedAt: instant(row.accepted_at),
      acceptedReason: (row.accepted_reason as string | null) ?? null,
      acceptedBy: (row.accepted_by as string | null) ?? null,
    };
  }

  async *scanHeads(): AsyncIterable<StreamHead> {
    const cursor = this.sql`select stream_id, revision, last_hash from event_streams order by stream_id`.cursor(5000);
    for await (const rows of cursor) {
      for (const row of rows) yield { streamId: row.stream_id as string, revision: Number(row.revision), lastHash: row.last_hash as string };
    }
  }

  async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.sql.unsafe(`select ${EVENT_COLUMNS} from events where event_id = any($1::text[]) order by global_position`, [[...eventIds]], PREPARED);
    return rows.map(toStoredEvent);
  }

  async findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]> {
    const rows = await this.sql.unsafe(findEventsByDataSql(type, field), [value], PREPARED);
    return rows.map(toStoredEvent);
  }

  async close(): Promise<void> {
    // The connection pool belongs to whoever opened the database.
  }
}

/** `ledger_append` refused a write its server's clock would have stamped before the stream's last event (migration 20261207000160). */
function clockBehind(error: unknown): ClockBehindError | undefined {
  const e = error as { code?: unknown; detail?: unknown; hint?: unknown };
  return e?.code === 'LD001' ? new ClockBehindError(String(e.detail ?? ''), String(e.hint ?? '')) : undefined;
}

/** The separator of `ledger_append`'s text columns (migration 20261201000110): U+001E RECORD SEPARATOR. */
const COLUMN_SEPARATOR = '\u001e';

type EventColumns = Record<
  'append' | 'eventId' | 'type' | 'schemaVersion' | 'effectiveDate' | 'actor' | 'data' | 'metadata' | 'before' | 'after',
  string
> &
  Record<'documentRef' | 'correlationId' | 'causationId', string | null>;

/**
 * The events as one text per column, values separated by COLUMN_SEPARATOR (migration
 * 20261201000110): the server splits them with string_to_array instead of parsing a JSON document
 * (a fifth of `ledger_append`'s time in an import, docs/SCALE.md section 5). JSON (data, metadata,
 * the canonical parts) never holds the separator raw; an id, type, actor or reference might, and
 * then this is null and the JSON document is sent instead. NULL is an empty value (the store
 * refuses empty strings), and a column with no value at all is sent as NULL.
 */
function eventColumns(drafts: readonly StoredEvent[], parts: readonly CanonicalParts[], append: readonly number[]): EventColumns | null {
  if (drafts.length === 0) return null;
  const texts = (value: (d: StoredEvent, i: number) => string): string => drafts.map(value).join(COLUMN_SEPARATOR);
  const nullable = (value: (d: StoredEvent) => string | null): string | null =>
    drafts.some((d) => value(d) !== null) ? drafts.map((d) => value(d) ?? '').join(COLUMN_SEPARATOR) : null;
  for (const d of drafts) {
    for (const text of [d.eventId, d.type, d.actor, d.documentRef, d.correlationId, d.causationId]) {
      if (text !== null && text.includes(COLUMN_SEPARATOR)) return null;
    }
  }
  return {
    append: append.join(COLUMN_SEPARATOR),
    eventId: texts((d) => d.eventId),
    type: texts((d) => d.type),
    schemaVersion: texts((d) => String(d.schemaVersion)),
    effectiveDate: texts((d) => d.effectiveDate),
    actor: texts((d) => d.actor),
    documentRef: nullable((d) => d.documentRef),
    correlationId: nullable((d) => d.correlationId),
    causationId: nullable((d) => d.causationId),
    data: texts((_, i) => parts[i]!.data),
    metadata: texts((_, i) => parts[i]!.metadata),
    before: texts((_, i) => parts[i]!.before),
    after: texts((_, i) => parts[i]!.after),
  };
}

/** One event of the `ledger_append` JSON document; `data` and `meta` are canonical JSON already. */
function eventJson(d: StoredEvent, p: CanonicalParts, appendIndex: number): string {
  const text = JSON.stringify;
  return (
    `{"a":${appendIndex},"id":${text(d.eventId)},"type":${text(d.type)},"sv":${d.schemaVersion},"ed":${text(d.effectiveDate)},` +
    `"actor":${text(d.actor)},"doc":${text(d.documentRef)},"corr":${text(d.correlationId)},"caus":${text(d.causationId)},` +
    `"data":${p.data},"meta":${p.metadata},"before":${text(p.before)},"after":${text(p.after)}}`
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Some of a write's events are already stored: nothing of it was written, and the caller resolves the retry. */
class AlreadyStored extends Error {}

interface PreparedWrite {
  readonly index: number;
  readonly appends: readonly StreamAppend[];
  readonly pending: readonly PendingEvent[];
  readonly ids: readonly string[];
}

type WriteAnswer = { readonly result: AppendResult } | { readonly error: unknown };
