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
 * It does not model clusters, leader changes, the bounded size of the server's dedup cache, or
 * 'any' deduplication. The real server is exercised by test/contract/esdb-event-store.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@ledger/event-store';
import {
  EsdbWrongExpectedRevision,
  type EsdbAppendOutcome,
  type EsdbEventData,
  type EsdbExpectedRevision,
  type EsdbGateway,
  type EsdbPosition,
  type EsdbReadStreamOptions,
  type EsdbRecordedEvent,
} from './gateway';

interface Row {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly isJson: boolean;
  readonly created: Date;
  readonly position: EsdbPosition;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface InMemoryEsdbOptions {
  /** Interleave a system record after every N writes (0: never). */
  readonly systemRecordEvery?: number;
}

export class InMemoryEsdb implements EsdbGateway {
  private readonly log: Row[] = [];
  private readonly streams = new Map<string, number[]>();
  private nextPosition = 4096n; // the log does not start at 0 on a real server either
  private writes = 0;
  readonly systemRecordEvery: number;

  constructor(options: InMemoryEsdbOptions = {}) {
    this.systemRecordEvery = options.systemRecordEvery ?? 7;
  }

  async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    await tick();
    if (events.length === 0) throw new Error('nothing to append');
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
    let last: Row | undefined;
    for (const e of events) last = this.write(streamId, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), true, commit);
    if (this.systemRecordEvery > 0 && ++this.writes % this.systemRecordEvery === 0) {
      this.write('$stats-127.0.0.1:2113', randomUUID(), '$statsCollected', '{"proc-cpu":1}', '{}', true, this.nextPosition);
    }
    return { nextExpectedRevision: last!.revision, position: last!.position };
  }

  private write(streamId: string, id: string, type: string, data: string, metadata: string, isJson: boolean, commit: bigint): Row {
    const rows = this.streams.get(streamId) ?? [];
    const row: Row = {
      streamId,
      id,
      revision: BigInt(rows.length),
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
      data: JSON.parse(row.data) as JsonObject,
      metadata: JSON.parse(row.metadata) as JsonObject,
      isJson: row.isJson,
      created: row.created,
      position: row.position,
    };
  }

  async *readStream(streamId: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbRecordedEvent> {
    await tick();
    const rows = this.streams.get(streamId) ?? [];
    const length = rows.length; // a snapshot, as one server read is: rows only grow
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

  async *readAll(from: EsdbPosition | 'start', maxCount: number): AsyncIterable<EsdbRecordedEvent> {
    await tick();
    const end = this.log.length;
    let lo = 0;
    if (from !== 'start') {
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const p = this.log[mid]!.position;
        const before = p.commit < from.commit || (p.commit === from.commit && p.prepare < from.prepare);
        if (before) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo, n = 0; i < end && n < maxCount; i++, n++) yield this.recorded(this.log[i]!);
  }

  /** Records in `$all`, system ones included (for tests). */
  get size(): number {
    return this.log.length;
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
