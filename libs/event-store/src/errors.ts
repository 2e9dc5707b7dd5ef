/** Typed event-store errors with stable codes; one filter maps them to HTTP (409 / 400). */

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A write whose expected revision no longer matches the stream (optimistic concurrency). */
export class StreamVersionConflictError extends EventStoreError {
  readonly code = 'STREAM_VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number | null,
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual === null ? 'no stream' : actual}`);
  }
}

/** An eventId already stored with a different body (or a batch mixing stored and new ids). */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`event id ${eventId} ${detail}`);
  }
}

/** An event the store cannot hold as given (e.g. a NUL character, a malformed field). */
export class InvalidEventError extends EventStoreError {
  readonly code = 'INVALID_EVENT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * A multi-stream write that stopped after some of its streams were written: only a store without
 * a transaction across streams throws it (EventStoreDB; PostgreSQL writes all or nothing). Each
 * stream is written whole or not at all. Sending the same write again completes it while the
 * unwritten streams are still at their expected revisions (the adapter's header says how).
 */
export class MultiStreamAppendIncompleteError extends EventStoreError {
  readonly code = 'MULTI_STREAM_APPEND_INCOMPLETE';
  constructor(
    readonly writtenStreams: readonly string[],
    readonly unwrittenStreams: readonly string[],
    override readonly cause: unknown,
  ) {
    super(
      `a write to several streams stopped part-way on EventStoreDB: ${writtenStreams.join(', ')} written, ${unwrittenStreams.join(', ')} not (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
}
