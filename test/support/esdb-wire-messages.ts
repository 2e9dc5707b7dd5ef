/**
 * The wire fake's codecs (esdb-wire-fake.ts): gRPC requests → the model's calls, the model's
 * answers → gRPC responses, shaped as EventStoreDB 24 sends them (what the client reads is in
 * @eventstore/db-client/dist/utils/convertGrpcEvent.js and CommandError.js).
 */
import { Metadata, type ServiceError, type status } from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import type { EsdbWrongExpectedRevision, EsdbAppendOutcome, EsdbEventData, EsdbExpectedRevision, EsdbPosition, EsdbReadStreamOptions, EsdbRecordedEvent } from '@ledger/event-store-esdb';

const NO_POSITION = ((1n << 64n) - 1n).toString();
const TICKS_PER_MS = 10_000n;

export function serviceError(code: status, exception: string | undefined, details: string, extra: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  if (exception) metadata.set('exception', exception);
  for (const [k, v] of Object.entries(extra)) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
}

const streamName = (id: StreamIdentifier | undefined): string => Buffer.from(id?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
const identifier = (streamId: string) => new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));

export type ParsedRead =
  | { readonly kind: 'stream'; readonly streamId: string; readonly options: EsdbReadStreamOptions }
  | { readonly kind: 'all'; readonly direction: 'forwards' | 'backwards'; readonly from: EsdbPosition | 'start' | 'end'; readonly maxCount: number };

export function parseRead(req: ReadReq): ParsedRead {
  const o = req.getOptions();
  if (!o) throw new Error('a read without options');
  const direction = o.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
  const count = Number(BigInt(o.getCount() || '0'));
  const maxCount = Math.min(count, Number.MAX_SAFE_INTEGER);
  const stream = o.getStream();
  if (stream) {
    const c = stream.getRevisionOptionCase();
    const R = ReadReq.Options.StreamOptions.RevisionOptionCase;
    return {
      kind: 'stream',
      streamId: streamName(stream.getStreamIdentifier()),
      options: { direction, maxCount, ...(c === R.REVISION ? { fromRevision: BigInt(stream.getRevision()) } : {}) },
    };
  }
  const all = o.getAll();
  if (!all) throw new Error('a read of neither a stream nor $all');
  const A = ReadReq.Options.AllOptions.AllOptionCase;
  const position = all.getPosition();
  const from: EsdbPosition | 'start' | 'end' =
    all.getAllOptionCase() === A.POSITION && position
      ? { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) }
      : all.getAllOptionCase() === A.END
        ? 'end'
        : 'start';
  return { kind: 'all', direction, from, maxCount };
}

export function readEvent(e: EsdbRecordedEvent, positions: 'send' | 'omit' | 'max'): ReadResp {
  const r = new ReadResp.ReadEvent.RecordedEvent();
  r.setId(new UUID().setString(e.id));
  r.setStreamIdentifier(identifier(e.streamId));
  r.setStreamRevision(e.revision.toString());
  if (positions === 'send' && e.position) {
    r.setCommitPosition(e.position.commit.toString());
    r.setPreparePosition(e.position.prepare.toString());
  } else if (positions === 'max') {
    r.setCommitPosition(NO_POSITION);
    r.setPreparePosition(NO_POSITION);
  }
  const m = r.getMetadataMap();
  m.set('type', e.type);
  m.set('content-type', e.isJson ? 'application/json' : 'application/octet-stream');
  m.set('created', (BigInt(e.created.getTime()) * TICKS_PER_MS).toString());
  r.setData(e.isJson ? Buffer.from(JSON.stringify(e.data), 'utf8') : (e.data as Uint8Array));
  const meta = e.metadata as Record<string, unknown>;
  r.setCustomMetadata(Object.keys(meta).length === 0 ? new Uint8Array() : Buffer.from(JSON.stringify(meta), 'utf8'));
  const read = new ReadResp.ReadEvent().setEvent(r);
  if (e.position && positions === 'send') read.setCommitPosition(e.position.commit.toString());
  else read.setNoPosition(new Empty());
  return new ReadResp().setEvent(read);
}

export function streamNotFound(streamId: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier(streamId)));
}

export interface ParsedAppend {
  readonly streamId: string;
  readonly expected: EsdbExpectedRevision;
  readonly events: EsdbEventData[];
  /** Data and metadata bytes, as the server counts an append's size. */
  readonly bytes: number;
}

export function parseAppend(messages: readonly AppendReq[]): ParsedAppend {
  const options = messages[0]?.getOptions();
  if (!options) throw serviceError(3, undefined, 'an append must start with its options');
  const C = AppendReq.Options.ExpectedStreamRevisionCase;
  const c = options.getExpectedStreamRevisionCase();
  if (c === C.STREAM_EXISTS) throw serviceError(12, undefined, 'stream_exists is not modelled');
  const expected: EsdbExpectedRevision = c === C.REVISION ? BigInt(options.getRevision()) : c === C.NO_STREAM ? 'no_stream' : 'any';
  let bytes = 0;
  const events = messages.slice(1).map((m) => {
    const p = m.getProposedMessage();
    if (!p) throw serviceError(3, undefined, 'an append message without an event');
    const data = p.getData_asU8();
    const metadata = p.getCustomMetadata_asU8();
    bytes += data.length + metadata.length;
    const md = p.getMetadataMap();
    if (md.get('content-type') !== 'application/json') throw serviceError(12, undefined, 'only JSON events are modelled');
    const parse = (b: Uint8Array) => (b.length === 0 ? {} : JSON.parse(Buffer.from(b).toString('utf8')));
    return { id: p.getId()?.getString() ?? '', type: md.get('type') ?? '', data: parse(data), metadata: parse(metadata) };
  });
  return { streamId: streamName(options.getStreamIdentifier()), expected, events, bytes };
}

export function appendSuccess(outcome: EsdbAppendOutcome): AppendResp {
  const s = new AppendResp.Success().setCurrentRevision(outcome.nextExpectedRevision.toString());
  if (outcome.position) s.setPosition(new AppendResp.Position().setCommitPosition(outcome.position.commit.toString()).setPreparePosition(outcome.position.prepare.toString()));
  else s.setNoPosition(new Empty());
  return new AppendResp().setSuccess(s);
}

export function appendWrongExpectedVersion(error: EsdbWrongExpectedRevision): AppendResp {
  const w = new AppendResp.WrongExpectedVersion();
  if (error.actual === 'no_stream') w.setCurrentNoStream(new Empty());
  else w.setCurrentRevision(error.actual.toString());
  if (error.expected === 'no_stream') w.setExpectedNoStream(new Empty());
  else if (error.expected === 'any') w.setExpectedAny(new Empty());
  else if (error.expected === 'stream_exists') w.setExpectedStreamExists(new Empty());
  else w.setExpectedRevision(error.expected.toString());
  return new AppendResp().setWrongExpectedVersion(w);
}

export const tombstoneStream = (req: TombstoneReq): string => streamName(req.getOptions()?.getStreamIdentifier());

export function tombstoneResp(position: EsdbPosition): TombstoneResp {
  return new TombstoneResp().setPosition(new TombstoneResp.Position().setCommitPosition(position.commit.toString()).setPreparePosition(position.prepare.toString()));
}

const STREAMS = 'event_store.client.streams.streams';

export function supportedMethods(): SupportedMethods {
  const methods = ['read', 'append', 'tombstone'].map((name) => new SupportedMethod().setServiceName(STREAMS).setMethodName(name));
  methods.push(new SupportedMethod().setServiceName('event_store.client.gossip.gossip').setMethodName('read'));
  return new SupportedMethods().setEventStoreServerVersion('24.10.0 (wire fake)').setMethodsList(methods);
}

export function clusterInfo(port: number): ClusterInfo {
  const leader = new MemberInfo()
    .setInstanceId(new UUID().setString('00000000-0000-4000-8000-000000000001'))
    .setTimeStamp(String(BigInt(Date.now()) * TICKS_PER_MS))
    .setState(MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new EndPoint().setAddress('127.0.0.1').setPort(port));
  return new ClusterInfo().setMembersList([leader]);
}
