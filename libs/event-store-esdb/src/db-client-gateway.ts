/**
 * The gateway on `@eventstore/db-client` (v6, CommonJS; it loads under Node 20 and jest+SWC).
 * The only file that imports the client: its errors become EsdbWrongExpectedRevision or an empty
 * read here, so nothing above this file knows the client's types.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
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

/**
 * The v6 client parses `esdb://` and `esdb+discover://` only; KurrentDB's schemes name the same
 * protocol, so they are rewritten (the KurrentDB client would take them as they are).
 */
export function clientConnectionString(url: string): string {
  return url.replace(/^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, (_m, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

/** The client's WrongExpectedVersionError → EsdbWrongExpectedRevision; anything else unchanged. */
export function translateClientError(error: unknown, streamId: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const expected: AppendExpectedRevision = error.expectedVersion;
    return new EsdbWrongExpectedRevision(error.streamName || streamId, expected, error.actualVersion);
  }
  return error;
}

function recorded(resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbRecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined; // a link whose target is gone: the ledger writes no links
  return {
    streamId: e.streamId,
    id: e.id,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    isJson: e.isJson,
    created: e.created,
    ...(e.position ? { position: { commit: e.position.commit, prepare: e.position.prepare } } : {}),
  };
}

export class DbClientGateway implements EsdbGateway {
  constructor(private readonly client: EventStoreDBClient) {}

  static connect(url: string): DbClientGateway {
    return new DbClientGateway(EventStoreDBClient.connectionString(clientConnectionString(url)));
  }

  async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: expected },
      );
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        ...(result.position ? { position: { commit: result.position.commit, prepare: result.position.prepare } } : {}),
      };
    } catch (error) {
      throw translateClientError(error, streamId);
    }
  }

  async *readStream(streamId: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbRecordedEvent> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const resolved of read) {
        const e = recorded(resolved);
        if (e) yield e;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async *readAll(from: EsdbPosition | 'start', maxCount: number): AsyncIterable<EsdbRecordedEvent> {
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: from === 'start' ? START : from, maxCount });
    for await (const resolved of read) {
      const e = recorded(resolved);
      if (e) yield e;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
