/**
 * An in-memory model of the EventStoreDB behaviour the adapter relies on, for tests without a
 * server (none runs on the development machines or in CI). It models:
 * - per-stream appends that are atomic and checked against an expected revision;
 * - the server's deduplication by event UUID: a write whose UUIDs already sit exactly where its
 *   expected revision puts them succeeds without writing (bodies are not compared);
 * - `$all` positions: byte offsets growing with each record, one commit position per write
 *   (its first record's), a prepare position per record; reads from a position are inclusive;
 * - system records interleaved in `$all` (`$stats-…` every few writes), which readers must skip;
 * - JSON serialisation (what is read back is a fresh parse, never the written object);
 * - asynchrony: every call yields to the event loop first, so concurrent callers interleave.
 * - tombstones (a `$streamDeleted` record), and views that lag or hide records (the wire fake's
 *   faults: test/support/esdb-wire-fake.ts serves this model over gRPC).
 * It does not model clusters, leader changes, the bounded size of the server's dedup cache, or
 * 'any' deduplication. The real server is exercised by test/contract/esdb-event-store.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@ledger/event-store';
import {
  EsdbStreamDeleted,
  EsdbWrongExpectedRevision,
  type EsdbAppendOutcome,
  type EsdbEventData,
  type EsdbExpectedRevision,
  type EsdbGateway,
  type EsdbPosition,
  type EsdbReadStreamOptions,
  type EsdbRecordedEvent,
} from './gateway';

export { EsdbStreamDeleted };

interface Row {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  /** JSON text for JSON events, the raw bytes' latin1 text otherwise. */
  readonly data: string;
  readonly metadata: string;
  readonly isJson: boolean;
  readonly created: Date;
  readonly position: EsdbPosition;
}

/**
 * What a reader may see of the log (for the wire fake's faults): only its first `logLength`
 * records (a lagging follower), and none of the `hidden` ones (accepted, not yet committed). A
 * hidden record also hides every later record from `$all` readers, as the server commits in order.
 */
export interface EsdbView {
  readonly logLength?: number;
  readonly hidden?: ReadonlySet<number>;
}


const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const TOMBSTONE_REVISION = (1n << 63n) - 1n; // as the server writes it: Int64.MaxValue

export interface InMemoryEsdbOptions {
  /** Interleave a system record after every N writes (0: never). */
  readonly systemRecordEvery?: number;
}

export class InMemoryEsdb implements EsdbGateway {
  private readonly log: Row[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly tombstoned = new Set<string>();
  private nextPosition = 4096n; // the log does not start at 0 on a real server either
  private writes = 0;
  readonly systemRecordEvery: number;

  constructor(options: InMemoryEsdbOptions = {}) {
    this.systemRecordEvery = options.systemRecordEvery ?? 7;
  }

  /** `written` learns the log indexes [first, end) of the events written (not of a deduplicated retry). */
  async append(
    streamId: string,
    events: readonly EsdbEventData[],
    expected: EsdbExpectedRevision,
    written?: (first: number, end: number) => void,
  ): Promise<EsdbAppendOutcome> {
    await tick();
    if (events.length === 0) throw new Error('nothing to append');
    if (this.tombstoned.has(streamId)) throw new EsdbStreamDeleted(streamId);
    const rows = this.streams.get(streamId) ?? [];
    const current = rows.length - 1;
    const holds = expected === 'any' || (expected === 'no_stream' ? current === -1 : BigInt(current) === expected);
    if (!holds) {
      const start = expected === 'no_stream' ? 0 : Number(expected) + 1; // not 'any' here: it always holds
      const same = start + events.length <= rows.length && events.every((e, k) => this.log[rows[start + k]!]!.id === e.id);
      if (same) {
        const last = this.log[rows[start + events.length - 1]!]!;
        return { nextExpectedRevision: last.revision, position: last.position };
      }
      throw new EsdbWrongExpectedRevision(streamId, expected, current < 0 ? 'no_stream' : BigInt(current));
    }
    const commit = this.nextPosition;
    const first = this.log.length;
    let last: Row | undefined;
    for (const e of events) last = this.write(streamId, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), true, commit);
    written?.(first, this.log.length);
    if (this.systemRecordEvery > 0 && ++this.writes % this.systemRecordEvery === 0) {
      this.write('$stats-127.0.0.1:2113', randomUUID(), '$statsCollected', '{"proc-cpu":1}', '{}', true, this.nextPosition);
    }
    return { nextExpectedRevision: last!.revision, position: last!.position };
  }

  /** Hard-deletes a stream as the server does: a `$streamDeleted` record in it, in `$all` too. */
  async tombstone(streamId: string): Promise<EsdbPosition> {
    await tick();
    if (this.tombstoned.has(streamId)) throw new EsdbStreamDeleted(streamId);
    const row = this.write(streamId, randomUUID(), '$streamDeleted', '', '', false, this.nextPosition, TOMBSTONE_REVISION);
    this.tombstoned.add(streamId);
    return row.position;
  }

  private write(streamId: string, id: string, type: string, data: string, metadata: string, isJson: boolean, commit: bigint, revision?: bigint): Row {
    const rows = this.streams.get(streamId) ?? [];
    const row: Row = {
      streamId,
      id,
      revision: revision ?? BigInt(rows.length),
      type,
      data,
      metadata,
      isJson,
      created: new Date(),
      position: { commit, prepare: this.nextPosition },
    };
    this.nextPosition += BigInt(100 + data.length + metadata.length);
    rows.push(this.log.length);
    this.log.push(row);
    this.streams.set(streamId, rows);
    return row;
  }

  private recorded(row: Row): EsdbRecordedEvent {
    return {
      streamId: row.streamId,
      id: row.id,
      revision: row.revision,
      type: row.type,
      data: row.isJson ? (JSON.parse(row.data) as JsonObject) : Buffer.from(row.data, 'latin1'),
      metadata: row.metadata === '' ? {} : (JSON.parse(row.metadata) as JsonObject),
      isJson: row.isJson,
      created: row.created,
      position: row.position,
    };
  }

  /** Where `$all` readers stop in this view. */
  private visibleEnd(view: EsdbView): number {
    let end = Math.min(this.log.length, view.logLength ?? Number.MAX_SAFE_INTEGER);
    for (const h of view.hidden ?? []) end = Math.min(end, h);
    return end;
  }

  /** Throws EsdbStreamDeleted for a tombstoned stream (when the view sees the tombstone). */
  async *readStream(streamId: string, options: EsdbReadStreamOptions, view: EsdbView = {}): AsyncIterable<EsdbRecordedEvent> {
    await tick();
    const limit = Math.min(this.log.length, view.logLength ?? Number.MAX_SAFE_INTEGER); // a snapshot, as one server read is
    const rows = (this.streams.get(streamId) ?? []).filter((i) => i < limit && !view.hidden?.has(i));
    if (rows.some((i) => this.log[i]!.type === '$streamDeleted')) throw new EsdbStreamDeleted(streamId);
    const length = rows.length;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let n = 0;
    if (options.direction === 'forwards') {
      for (let r = Number(options.fromRevision ?? 0n); r < length && n < max; r++, n++) yield this.recorded(this.log[rows[r]!]!);
    } else {
      for (let r = Math.min(length - 1, Number(options.fromRevision ?? BigInt(length - 1))); r >= 0 && n < max; r--, n++) {
        yield this.recorded(this.log[rows[r]!]!);
      }
    }
  }

  /** Index of the first record at or after `from`. */
  private seek(from: EsdbPosition): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = this.log[mid]!.position;
      const before = p.commit < from.commit || (p.commit === from.commit && p.prepare < from.prepare);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  async *readAll(from: EsdbPosition | 'start', maxCount: number, view: EsdbView = {}): AsyncIterable<EsdbRecordedEvent> {
    await tick();
    const end = this.visibleEnd(view);
    const lo = from === 'start' ? 0 : this.seek(from);
    for (let i = lo, n = 0; i < end && n < maxCount; i++, n++) yield this.recorded(this.log[i]!);
  }

  /** `$all` backwards from a position (inclusive) or from the end. */
  async *readAllBackwards(from: EsdbPosition | 'end', maxCount: number, view: EsdbView = {}): AsyncIterable<EsdbRecordedEvent> {
    await tick();
    const end = this.visibleEnd(view);
    let hi = end - 1;
    if (from !== 'end') {
      const at = this.seek(from);
      const p = this.log[at]?.position;
      hi = Math.min(hi, p && p.commit === from.commit && p.prepare === from.prepare ? at : at - 1);
    }
    for (let i = hi, n = 0; i >= 0 && n < maxCount; i--, n++) yield this.recorded(this.log[i]!);
  }

  /** Records in `$all`, system ones included (for tests). */
  get size(): number {
    return this.log.length;
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

/** For tests: a server on which, just before the next append to a stream, another writer's work lands, or the append fails. */
export class RacedEsdb extends InMemoryEsdb {
  private race: { streamId: string; run: () => Promise<unknown> } | undefined;
  private readonly failures = new Map<string, number>();
  raceOn(streamId: string, run: () => Promise<unknown>): void {
    this.race = { streamId, run };
  }
  /** The next `times` appends to the stream fail as a lost connection does (not an outcome-unknown: the adapter does not resend it). */
  failOn(streamId: string, times = 1): void {
    this.failures.set(streamId, times);
  }
  override async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    const race = this.race;
    if (race && race.streamId === streamId) {
      this.race = undefined;
      await race.run();
    }
    const failures = this.failures.get(streamId) ?? 0;
    if (failures > 0) {
      this.failures.set(streamId, failures - 1);
      throw new Error(`connection to the leader lost while appending to ${streamId}`);
    }
    return super.append(streamId, events, expected);
  }
}
