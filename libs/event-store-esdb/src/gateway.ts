/**
 * The narrow slice of an EventStoreDB client the adapter uses. Only db-client-gateway.ts knows
 * `@eventstore/db-client`; moving to `@kurrent/kurrentdb-client` means one new gateway file. An
 * in-memory gateway (in-memory-esdb.ts) lets the adapter's logic run in tests without a server.
 * Every read stops when its consumer stops: an implementation must end (cancel) the underlying
 * call in a `finally`, or a `break` leaves a server-side read running.
 */
import type { JsonObject } from '@ledger/event-store';

/** A `$all` position as the server gives it (64-bit). */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Expected revision as the server checks it; the adapter never sends 'any' for a ledger stream. */
export type EsdbExpectedRevision = 'any' | 'no_stream' | bigint;

export interface EsdbEventData {
  /** A UUID (see uuid-v5.ts). */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** The server refuses writes to, and reads of, a tombstoned stream: every gateway says so with this error. */
export class EsdbStreamDeleted extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} is deleted`);
    this.name = 'EsdbStreamDeleted';
  }
}

export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  /** Parsed JSON for JSON events; bytes for binary (system) events. */
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: boolean;
  /** The server's time of the write: not hashed, see recordedAt in esdb-event-store.ts. */
  readonly created: Date;
  /** Present on `$all` reads and, from server 22.6 on, on stream reads. */
  readonly position?: EsdbPosition;
}

export interface EsdbAppendOutcome {
  readonly nextExpectedRevision: bigint;
  readonly position?: EsdbPosition;
}

/** The server refused a write because the stream is not at the expected revision. */
export class EsdbWrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: EsdbExpectedRevision | 'stream_exists',
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: wrong expected revision (expected ${String(expected)}, actual ${String(actual)})`);
    this.name = 'EsdbWrongExpectedRevision';
  }
}

/**
 * The call ended without saying whether the write happened: a deadline, an unavailable or
 * restarting node, a cancelled call. A twin of a write still being replicated is answered this
 * way too. The caller resolves it by reading back (esdb-event-store.ts, "Outcome unknown").
 */
export class EsdbOutcomeUnknown extends Error {
  constructor(
    readonly streamId: string,
    override readonly cause: unknown,
  ) {
    super(`stream ${streamId}: the write's outcome is unknown (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'EsdbOutcomeUnknown';
  }
}

/** The server refused an append larger than its maximum append size (1 MiB by default). */
export class EsdbAppendTooLarge extends Error {
  constructor(
    readonly streamId: string,
    readonly maxAppendSize: number | undefined,
  ) {
    super(`stream ${streamId}: the append exceeds the server's maximum append size${maxAppendSize ? ` (${maxAppendSize} bytes)` : ''}`);
    this.name = 'EsdbAppendTooLarge';
  }
}

export interface EsdbReadStreamOptions {
  readonly direction: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface EsdbGateway {
  /**
   * One stream's append: atomic, all events or none. Throws EsdbWrongExpectedRevision,
   * EsdbAppendTooLarge, or EsdbOutcomeUnknown when the write may or may not have happened.
   */
  append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome>;
  /** A stream's events; none when the stream does not exist. */
  readStream(streamId: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbRecordedEvent>;
  /** `$all` forwards from a position (inclusive, as the server reads it), every stream, system ones too. */
  readAll(from: EsdbPosition | 'start', maxCount: number): AsyncIterable<EsdbRecordedEvent>;
  /** `$all` backwards from the end or from a position (which the caller treats as inclusive or not). */
  readAllBackwards(from: EsdbPosition | 'end', maxCount: number): AsyncIterable<EsdbRecordedEvent>;
  close(): Promise<void>;
}
