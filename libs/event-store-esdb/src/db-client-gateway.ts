/**
 * The gateway on `@eventstore/db-client` (v6, CommonJS; it loads under Node 20 and jest+SWC).
 * The only file that imports the client: its errors become the gateway's (gateway.ts) here, so
 * nothing above this file knows the client's types. What the client leaves to its caller:
 * - reads are pinned to the leader (`requiresLeader`): a follower may not have a write the
 *   leader acknowledged yet, and the adapter reads its own writes back;
 * - a read the consumer stops early is cancelled (`finally`): leaving `for await` destroys only
 *   the client's Transform stream, not the gRPC call, which the server would go on serving;
 * - with `throwOnAppendFailure=false` in the connection string a conflict resolves with
 *   `success: false` instead of throwing: both ways become EsdbWrongExpectedRevision;
 * - a position the server did not send reaches us as 0/0 (proto3 default) or 2^64−1 (the
 *   server's "none"): both become "no position", which the mapping refuses by name.
 */
import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  MaxAppendSizeExceededError,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  EsdbAppendTooLarge,
  EsdbOutcomeUnknown,
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

/**
 * The v6 client parses `esdb://` and `esdb+discover://` only; KurrentDB's schemes name the same
 * protocol, so they are rewritten (the KurrentDB client would take them as they are).
 */
export function clientConnectionString(url: string): string {
  return url.replace(/^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, (_m, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

/** gRPC CANCELLED, DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE: the call says nothing about the write. */
const OUTCOME_UNKNOWN_CODES: ReadonlySet<number> = new Set([1, 4, 10, 14]);

/** The client's errors → the gateway's; anything else unchanged. */
export function translateClientError(error: unknown, streamId: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const expected: AppendExpectedRevision = error.expectedVersion;
    return new EsdbWrongExpectedRevision(error.streamName || streamId, expected, error.actualVersion);
  }
  if (error instanceof MaxAppendSizeExceededError) return new EsdbAppendTooLarge(streamId, Number.isFinite(error.maxAppendSize) ? error.maxAppendSize : undefined);
  if (error instanceof DeadlineExceededError || error instanceof UnavailableError || error instanceof CancelledError || error instanceof TimeoutError) {
    return new EsdbOutcomeUnknown(streamId, error);
  }
  // Before any call, the client's connection step (server features) rejects with the raw gRPC error.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && OUTCOME_UNKNOWN_CODES.has(code)) return new EsdbOutcomeUnknown(streamId, error);
  return error;
}

const NO_POSITION = (1n << 64n) - 1n;

/** The client's position, or undefined when the server sent none (see the header). */
export function serverPosition(p: Position | undefined): EsdbPosition | undefined {
  if (!p) return undefined;
  if ((p.commit === 0n && p.prepare === 0n) || p.commit === NO_POSITION || p.prepare === NO_POSITION) return undefined;
  return { commit: p.commit, prepare: p.prepare };
}

function recorded(resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbRecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined; // a link whose target is gone: the ledger writes no links
  const position = serverPosition(e.position);
  return {
    streamId: e.streamId,
    id: e.id,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    isJson: e.isJson,
    created: e.created,
    ...(position ? { position } : {}),
  };
}

type ClientRead = AsyncIterable<ResolvedEvent | AllStreamResolvedEvent> & { cancel(): Promise<void> };

/** Yields a read's events and cancels the call however the consumer leaves. */
async function* drain(read: ClientRead): AsyncGenerator<EsdbRecordedEvent> {
  try {
    for await (const resolved of read) {
      const e = recorded(resolved);
      if (e) yield e;
    }
  } finally {
    await read.cancel(); // a no-op on a finished call
  }
}

export class DbClientGateway implements EsdbGateway {
  constructor(private readonly client: EventStoreDBClient) {}

  static connect(url: string): DbClientGateway {
    return new DbClientGateway(EventStoreDBClient.connectionString(clientConnectionString(url)));
  }

  async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: expected, requiresLeader: true },
      );
    } catch (error) {
      throw translateClientError(error, streamId);
    }
    if (!result.success) {
      // nextExpectedRevision is the stream's current revision here, -1 for no stream.
      throw new EsdbWrongExpectedRevision(streamId, expected, result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision);
    }
    const position = serverPosition(result.position);
    return { nextExpectedRevision: result.nextExpectedRevision, ...(position ? { position } : {}) };
  }

  async *readStream(streamId: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbRecordedEvent> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      requiresLeader: true,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      yield* drain(read);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      if (error instanceof StreamDeletedError) throw new EsdbStreamDeleted(streamId);
      throw error;
    }
  }

  readAll(from: EsdbPosition | 'start', maxCount: number): AsyncIterable<EsdbRecordedEvent> {
    return drain(this.client.readAll({ direction: FORWARDS, fromPosition: from === 'start' ? START : from, maxCount, requiresLeader: true }));
  }

  readAllBackwards(from: EsdbPosition | 'end', maxCount: number): AsyncIterable<EsdbRecordedEvent> {
    return drain(this.client.readAll({ direction: BACKWARDS, fromPosition: from === 'end' ? END : from, maxCount, requiresLeader: true }));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
