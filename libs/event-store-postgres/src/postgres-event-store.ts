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
 * Per-stream order inside the global order: an append first takes a transaction-level advisory
 * lock per stream (in sorted order, so multi-stream appends cannot deadlock) and only then makes
 * its first write, which assigns its transaction id. Later writers of the same stream get a
 * larger id, so the (transaction, position) order agrees with every stream's revision order.
 */
import {
  chainHash,
  canonicalJson,
  EventIdConflictError,
  GENESIS_HASH,
  InvalidEventError,
  pollingSubscription,
  START_POSITION,
  StreamVersionConflictError,
  type AllPosition,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type ReadAllBatch,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type StreamHead,
  type Subscription,
  type SubscriptionOptions,
} from '@ledger/event-store';
import type postgres from 'postgres';
import { validateNewEvent } from './validate-new-event';

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

/** What makes two writes "the same event" for idempotency: the fact, not who sent it or how. */
function identityBody(e: { streamId: string; type: string; schemaVersion: number; effectiveDate: string; documentRef?: string | null; data: JsonObject; metadata?: JsonObject }): string {
  return canonicalJson({
    streamId: e.streamId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    effectiveDate: e.effectiveDate,
    documentRef: e.documentRef ?? null,
    data: e.data,
    metadata: e.metadata ?? {},
  });
}

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

export class PostgresEventStore implements EventStore {
  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appendToStreams([{ streamId, events, expectedRevision }]);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    const pending = this.validate(appends);
    const ids = pending.map((p) => p.event.eventId);
    const stored = await this.findEvents(ids);
    if (stored.length > 0) return this.alreadyStored(pending, stored);
    try {
      return await this.write(appends, pending);
    } catch (error) {
      // A concurrent writer may have stored the same events first: a retry, not a conflict.
      if (isUniqueViolation(error) || error instanceof StreamVersionConflictError) {
        const raced = await this.findEvents(ids);
        if (raced.length > 0) return this.alreadyStored(pending, raced);
      }
      throw error;
    }
  }

  private validate(appends: readonly StreamAppend[]): Array<{ streamId: string; event: NewEvent }> {
    if (appends.length === 0) throw new InvalidEventError('appends', 'nothing to append');
    const streams = new Set<string>();
    const ids = new Set<string>();
    const pending: Array<{ streamId: string; event: NewEvent }> = [];
    for (const a of appends) {
      if (typeof a.streamId !== 'string' || a.streamId.length === 0 || a.streamId.length > 200) {
        throw new InvalidEventError('streamId', 'must be 1–200 characters');
      }
      if (streams.has(a.streamId)) throw new InvalidEventError('streamId', `stream ${a.streamId} appears twice in one write`);
      streams.add(a.streamId);
      if (a.events.length === 0) throw new InvalidEventError('events', `no events for stream ${a.streamId}`);
      const e = a.expectedRevision;
      if (!(e === 'any' || e === 'no_stream' || (typeof e === 'number' && Number.isSafeInteger(e) && e >= 0))) {
        throw new InvalidEventError('expectedRevision', `must be 'any', 'no_stream' or a revision ≥ 0`);
      }
      for (const event of a.events) {
        validateNewEvent(event);
        if (ids.has(event.eventId)) throw new InvalidEventError('eventId', `${event.eventId} appears twice in one write`);
        ids.add(event.eventId);
        pending.push({ streamId: a.streamId, event });
      }
    }
    return pending;
  }

  private alreadyStored(pending: ReadonlyArray<{ streamId: string; event: NewEvent }>, stored: readonly StoredEvent[]): AppendResult {
    const byId = new Map(stored.map((e) => [e.eventId, e]));
    const result: StoredEvent[] = [];
    for (const { streamId, event } of pending) {
      const existing = byId.get(event.eventId);
      if (!existing) {
        throw new EventIdConflictError(
          event.eventId,
          'is new, but other events of the same write are already stored: a write is stored whole or not at all, so this is not a retry',
        );
      }
      if (identityBody({ ...event, streamId }) !== identityBody(existing)) {
        throw new EventIdConflictError(event.eventId, `is already stored (stream ${existing.streamId}, revision ${existing.revision}) with a different body`);
      }
      result.push(existing);
    }
    const streamRevisions = new Map<string, number>();
    for (const e of result) streamRevisions.set(e.streamId, Math.max(streamRevisions.get(e.streamId) ?? -1, e.revision));
    return { events: result, streamRevisions, alreadyStored: true };
  }

  private async write(appends: readonly StreamAppend[], pending: ReadonlyArray<{ streamId: string; event: NewEvent }>): Promise<AppendResult> {
    const streamIds = appends.map((a) => a.streamId).sort();
    return this.sql.begin(async (tx) => {
      // Locks first (no transaction id yet), in sorted order; see the header comment.
      await tx`select pg_advisory_xact_lock(hashtextextended(s, 0)) from unnest(${streamIds}::text[]) with ordinality as t(s, n)`;
      const heads = await tx`
        select stream_id, revision, last_hash,
          to_char(date_trunc('milliseconds', clock_timestamp()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now
        from (select 1) one left join event_streams on stream_id = any(${streamIds}::text[])`;
      const recordedAt = heads[0]!.now as string;
      const current = new Map<string, { revision: number; hash: string }>();
      for (const h of heads) if (h.stream_id) current.set(h.stream_id as string, { revision: Number(h.revision), hash: h.last_hash as string });

      const rows: StoredEventDraft[] = [];
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
          const draft: StoredEventDraft = {
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
          };
          draft.hash = chainHash(previousHash, draft);
          previousHash = draft.hash;
          rows.push(draft);
        }
        streamRevisions.set(a.streamId, revision);
        current.set(a.streamId, { revision, hash: previousHash });
      }

      const inserted = await tx`
        insert into events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor,
                            document_ref, correlation_id, causation_id, data, metadata, hash)
        select * from unnest(
          ${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.streamId)}::text[], ${rows.map((r) => r.revision)}::int8[],
          ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.schemaVersion)}::int4[], ${rows.map((r) => r.effectiveDate)}::date[],
          ${rows.map((r) => r.recordedAt)}::timestamptz[], ${rows.map((r) => r.actor)}::text[],
          ${rows.map((r) => r.documentRef)}::text[], ${rows.map((r) => r.correlationId)}::text[], ${rows.map((r) => r.causationId)}::text[],
          ${rows.map((r) => JSON.stringify(r.data))}::text[]::jsonb[], ${rows.map((r) => JSON.stringify(r.metadata))}::text[]::jsonb[],
          ${rows.map((r) => r.hash)}::text[])
        returning event_id, global_position, transaction_id::text as transaction_id`;
      const positions = new Map(inserted.map((r) => [r.event_id as string, { gp: Number(r.global_position), tx: Number(r.transaction_id) }]));

      const touched = [...current.entries()].filter(([id]) => streamRevisions.has(id));
      await tx`
        insert into event_streams (stream_id, revision, last_hash)
        select * from unnest(${touched.map(([id]) => id)}::text[], ${touched.map(([, h]) => h.revision)}::int8[], ${touched.map(([, h]) => h.hash)}::text[])
        on conflict (stream_id) do update set revision = excluded.revision, last_hash = excluded.last_hash, updated_at = clock_timestamp()`;

      if (this.options.beforeCommit) await this.options.beforeCommit(streamIds);
      const events: StoredEvent[] = rows.map((r) => {
        const p = positions.get(r.eventId)!;
        return { ...r, globalPosition: p.gp, position: { commit: p.tx, prepare: p.gp } };
      });
      return { events, streamRevisions, alreadyStored: false };
    });
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
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by transaction_id, global_position
       limit $3`,
      [String(after.commit), after.prepare, batchSize],
    );
    const events = rows.map(toStoredEvent);
    return { events, lastPosition: events.length > 0 ? events[events.length - 1]!.position : after };
  }

  subscribeToAll(handler: BatchHandler, options: SubscriptionOptions = {}): Subscription {
    return pollingSubscription((o) => this.readAll(o), handler, options);
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

  async close(): Promise<void> {
    // The connection pool belongs to whoever opened the database.
  }
}

type StoredEventDraft = Omit<StoredEvent, 'globalPosition' | 'position'> & { hash: string };
