/**
 * Group commit for a process with many concurrent writers (the API): a write that arrives while
 * a store call is in flight waits for it and goes in the next call together with every other
 * write that arrived meanwhile — one round trip and one commit for all of them instead of one
 * each. Each write still gets its own answer (BatchAppender): a conflict or a refused id fails
 * only that write, and writes to one stream are applied in arrival order, each checked against
 * the ones before it. A lone write goes out at once, so an unloaded write waits for nothing.
 * Every other method is the wrapped store's.
 */
import type { AllPosition, NewEvent, StoredEvent, StreamHead } from './envelope';
import { appendEach, canAppendBatches, type AppendOutcome } from './batch-append';
import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedRevision,
  ReadAllBatch,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  Subscription,
  SubscriptionOptions,
} from './event-store.port';

interface Waiting {
  readonly appends: readonly StreamAppend[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** The most writes one call carries (default 200); more wait for the next call. */
  readonly maxBatch?: number;
}

export class GroupCommitEventStore implements EventStore {
  private readonly queue: Waiting[] = [];
  private inFlight = false;
  private readonly maxBatch: number;

  constructor(
    private readonly store: EventStore,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appendToStreams([{ streamId, events, expectedRevision }]);
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    const batch = this.queue.splice(0, this.maxBatch);
    void this.send(batch).finally(() => {
      this.inFlight = false;
      this.next();
    });
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [w] = batch;
      await this.store.appendToStreams(w!.appends).then(w!.resolve, w!.reject);
      return;
    }
    let outcomes: AppendOutcome[];
    try {
      const writes = batch.map((w) => w.appends);
      outcomes = canAppendBatches(this.store) ? await this.store.appendBatch(writes) : await appendEach(this.store, writes);
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(outcome.error);
    });
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.store.readStream(streamId, options);
  }
  streamHead(streamId: string): Promise<StreamHead | null> {
    return this.store.streamHead(streamId);
  }
  readAll(options?: ReadAllOptions): Promise<ReadAllBatch> {
    return this.store.readAll(options);
  }
  readAllCommitted(options?: { readonly batchSize?: number }): AsyncIterable<readonly StoredEvent[]> {
    return this.store.readAllCommitted(options);
  }
  headPosition(): Promise<AllPosition> {
    return this.store.headPosition();
  }
  subscribeToAll(handler: BatchHandler, options?: SubscriptionOptions): Subscription {
    return this.store.subscribeToAll(handler, options);
  }
  scanStreams(): AsyncIterable<StoredEvent> {
    return this.store.scanStreams();
  }
  scanHeads(): AsyncIterable<StreamHead> {
    return this.store.scanHeads();
  }
  findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.store.findEvents(eventIds);
  }
  findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]> {
    return this.store.findEventsByData(type, field, value);
  }
  close(): Promise<void> {
    return this.store.close();
  }
}
