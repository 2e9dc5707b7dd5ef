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
