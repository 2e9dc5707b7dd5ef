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

/**
 * The database server's clock is more than a minute behind the last recordedAt of a stream the
 * write appends to (PostgreSQL's `ledger_append`, SQLSTATE LD001): the write is refused rather than
 * recorded as made before what it follows (a clock set back, or set right after running fast).
 * Nothing was written; the same write succeeds once the clock has passed `lastRecordedAt`, or is
 * corrected. An operator's problem, not the writer's: the API answers 503.
 */
export class ClockBehindError extends EventStoreError {
  readonly code = 'DATABASE_CLOCK_BEHIND';
  readonly messageZh: string;
  constructor(
    readonly lastRecordedAt: string,
    readonly databaseClock: string,
  ) {
    super(
      `the database server's clock (${databaseClock}) is more than a minute behind the last recordedAt of a stream this write appends to (${lastRecordedAt}): refused, so that a stream's times only go forward; correct the server's clock (nothing was written)`,
    );
    this.messageZh = `数据库服务器的时钟（${databaseClock}）比本次写入所涉记录的最后录入时间（${lastRecordedAt}）早一分钟以上：为免录入时间倒流，已拒绝写入，未写入任何内容；请管理员校正数据库服务器的时钟后重试`;
  }
}
