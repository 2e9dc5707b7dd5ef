/**
 * An EventStoreDB server for tests, over the wire: a gRPC server on 127.0.0.1 serving the
 * Streams, ServerFeatures and Gossip services from `@eventstore/db-client`'s own generated
 * definitions, on the in-memory model (libs/event-store-esdb/src/in-memory-esdb.ts). The real
 * client talks to it through a real `esdb://127.0.0.1:PORT?tls=false` connection string, so its
 * connection handling, error unpacking and streaming reads are what the adapter meets.
 *
 * Fault switches (`faults`) model what a real cluster does and the model does not:
 * - `holdAck`: appends to a stream are accepted (they count for expected-revision checks) but
 *   neither readable nor acknowledged for a while, as a write waiting for replication; a twin
 *   of such a write (same event ids) is dropped and answered DEADLINE_EXCEEDED;
 * - `followerLagWrites`: a read without `requires-leader` sees the log as it was N writes ago;
 * - `unavailable`: the next N appends (to one stream, or any) fail UNAVAILABLE, unwritten;
 * - `maxAppendSize`: the server's append limit (1 MiB by default), refused as the server does;
 * - `streamReadPositions`: stream reads without positions (servers before 22.6: unset, or 2^64−1);
 * - `readPaceMs`: a pause between read messages, so a read outlives its consumer's interest.
 * `openReads` counts read calls the server is still serving.
 * The wire codecs are in esdb-wire-messages.ts.
 */
import { Server, ServerCredentials, status, Metadata, type ServerWritableStream, type ServerReadableStream, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { AppendReq, AppendResp, ReadReq, ReadResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import { EsdbStreamDeleted, EsdbWrongExpectedRevision, InMemoryEsdb, type EsdbView } from '@ledger/event-store-esdb';
import * as wire from './esdb-wire-messages';

export interface WireFaults {
  holdAck?: { readonly streamId: string; readonly ms: number };
  followerLagWrites: number;
  unavailable?: { readonly streamId?: string; remaining: number };
  maxAppendSize: number;
  streamReadPositions: 'send' | 'omit' | 'max';
  readPaceMs: number;
}

const defaultFaults = (): WireFaults => ({ followerLagWrites: 0, maxAppendSize: 1024 * 1024, streamReadPositions: 'send', readPaceMs: 0 });
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class EsdbWireFake {
  readonly model = new InMemoryEsdb();
  faults: WireFaults = defaultFaults();
  private readonly hidden = new Set<number>();
  /** Log length after each write, oldest first (for lagging followers). */
  private readonly logAfterWrite: number[] = [];
  private readonly inFlight = new Set<string>();
  private readonly appendCounts = new Map<string, number>();
  private open = 0;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<EsdbWireFake> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
    );
    const fake = new EsdbWireFake(server, port);
    server.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => void fake.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>) => fake.append(call, done),
      tombstone: (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, done: sendUnaryData<TombstoneResp>) => void fake.tombstone(call, done),
    });
    server.addService(ServerFeaturesService, { getSupportedMethods: (_call: unknown, done: sendUnaryData<unknown>) => done(null, wire.supportedMethods()) });
    server.addService(GossipService, { read: (_call: unknown, done: sendUnaryData<unknown>) => done(null, wire.clusterInfo(port)) });
    return fake;
  }

  /** A connection string for the real client; `extra` adds query parameters. */
  url(extra = ''): string {
    return `esdb://127.0.0.1:${this.port}?tls=false${extra}`;
  }

  get openReads(): number {
    return this.open;
  }

  appendsTo(streamId: string): number {
    return this.appendCounts.get(streamId) ?? 0;
  }

  resetFaults(): void {
    this.faults = defaultFaults();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    this.server.forceShutdown();
  }

  private view(metadata: Metadata): EsdbView {
    const leader = metadata.get('requires-leader').some((v) => String(v) === 'true');
    const lag = this.faults.followerLagWrites;
    if (leader || lag === 0) return { hidden: this.hidden };
    return { hidden: this.hidden, logLength: this.logAfterWrite[this.logAfterWrite.length - 1 - lag] ?? 0 };
  }

  private async read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    this.open++;
    let cancelled = false;
    call.on('cancelled', () => (cancelled = true));
    try {
      const request = wire.parseRead(call.request);
      const view = this.view(call.metadata);
      const source =
        request.kind === 'stream'
          ? this.model.readStream(request.streamId, request.options, view)
          : request.direction === 'forwards'
            ? this.model.readAll(request.from === 'end' ? { commit: 1n << 62n, prepare: 1n << 62n } : request.from, request.maxCount, view)
            : this.model.readAllBackwards(request.from === 'start' ? { commit: 0n, prepare: 0n } : request.from, request.maxCount, view);
      let any = false;
      for await (const event of source) {
        if (cancelled) return;
        any = true;
        if (this.faults.readPaceMs > 0) await delay(this.faults.readPaceMs);
        const positions = request.kind === 'stream' ? this.faults.streamReadPositions : 'send';
        if (!call.write(wire.readEvent(event, positions)) && !cancelled) {
          await new Promise<void>((resolve) => {
            const done = () => {
              call.off('drain', done);
              call.off('cancelled', done);
              resolve();
            };
            call.on('drain', done);
            call.on('cancelled', done);
          });
        }
      }
      if (!any && request.kind === 'stream') call.write(wire.streamNotFound(request.streamId));
      call.end();
    } catch (error) {
      if (error instanceof EsdbStreamDeleted) call.destroy(wire.serviceError(status.FAILED_PRECONDITION, 'stream-deleted', error.message, { 'stream-name': error.streamId }));
      else call.destroy(wire.serviceError(status.UNKNOWN, undefined, String(error)));
    } finally {
      this.open--;
    }
  }

  private append(call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>): void {
    const messages: AppendReq[] = [];
    call.on('data', (m: AppendReq) => messages.push(m));
    call.on('end', () => {
      this.appendParsed(wire.parseAppend(messages)).then(
        (resp) => done(null, resp),
        (error: unknown) => done(error as Parameters<typeof done>[0]),
      );
    });
  }

  private async appendParsed(request: wire.ParsedAppend): Promise<AppendResp> {
    const { streamId, events, expected, bytes } = request;
    this.appendCounts.set(streamId, (this.appendCounts.get(streamId) ?? 0) + 1);
    const unavailable = this.faults.unavailable;
    if (unavailable && unavailable.remaining > 0 && (unavailable.streamId === undefined || unavailable.streamId === streamId)) {
      unavailable.remaining--;
      throw wire.serviceError(status.UNAVAILABLE, undefined, 'the node is unavailable (fault switch)');
    }
    if (bytes > this.faults.maxAppendSize) {
      throw wire.serviceError(status.INVALID_ARGUMENT, 'maximum-append-size-exceeded', 'Maximum Append Size of 1048576 Exceeded.', {
        'maximum-append-size': String(this.faults.maxAppendSize),
      });
    }
    const key = `${streamId}\u0000${events.map((e) => e.id).join(',')}`;
    const hold = this.faults.holdAck?.streamId === streamId ? this.faults.holdAck.ms : 0;
    if (this.inFlight.has(key)) throw wire.serviceError(status.DEADLINE_EXCEEDED, undefined, 'Deadline Exceeded (the twin of a write not yet replicated)');
    let written: number[] = [];
    try {
      const outcome = await this.model.append(streamId, events, expected, (first, end) => {
        written = Array.from({ length: end - first }, (_, k) => first + k);
        this.logAfterWrite.push(end);
      });
      if (hold > 0 && written.length > 0) {
        for (const i of written) this.hidden.add(i);
        this.inFlight.add(key);
        await delay(hold);
        this.inFlight.delete(key);
        for (const i of written) this.hidden.delete(i);
      }
      return wire.appendSuccess(outcome);
    } catch (error) {
      if (error instanceof EsdbWrongExpectedRevision) return wire.appendWrongExpectedVersion(error);
      if (error instanceof EsdbStreamDeleted) throw wire.serviceError(status.FAILED_PRECONDITION, 'stream-deleted', error.message, { 'stream-name': error.streamId });
      throw error;
    }
  }

  private async tombstone(call: ServerUnaryCall<TombstoneReq, TombstoneResp>, done: sendUnaryData<TombstoneResp>): Promise<void> {
    const streamId = wire.tombstoneStream(call.request);
    try {
      done(null, wire.tombstoneResp(await this.model.tombstone(streamId)));
    } catch (error) {
      done(wire.serviceError(status.FAILED_PRECONDITION, 'stream-deleted', String(error), { 'stream-name': streamId }));
    }
  }
}
