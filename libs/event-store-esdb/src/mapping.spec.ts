/** The adapter's mapping, without a server: envelope ↔ EventStoreDB event, revisions, positions, errors. */
import { chainHash, GENESIS_HASH, START_POSITION, StreamVersionConflictError } from '@ledger/event-store';
import { EsdbWrongExpectedRevision, type EsdbRecordedEvent } from './gateway';
import {
  compareEsdbPositions,
  compareStreamIds,
  expectationHolds,
  fromEsdbEvent,
  isLedgerStream,
  LEDGER_STREAM_PREFIXES,
  MalformedLedgerEventError,
  toAllPosition,
  toEsdbEvent,
  toEsdbExpected,
  toEsdbPosition,
  toStreamVersionConflict,
  type StoredEventDraft,
} from './mapping';
import { esdbEventId } from './uuid-v5';

const body: Omit<StoredEventDraft, 'hash'> = {
  eventId: 'imp-0001',
  type: 'AppointedToPost',
  schemaVersion: 1,
  streamId: 'cadre-C0001',
  revision: 0,
  effectiveDate: '2016-03-01',
  recordedAt: '2024-05-06T07:08:09.123Z',
  actor: 'cli:clerk',
  documentRef: 'X委〔2016〕12号',
  correlationId: 'corr-1',
  causationId: null,
  data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' },
  metadata: { override: { reason: '特殊情况' } },
};
const draft: StoredEventDraft = { ...body, hash: chainHash(GENESIS_HASH, body) };

/** What the server gives back for what was written: JSON round trip, its own revision and position. */
function asRecorded(d: StoredEventDraft, position = { commit: 5000n, prepare: 5120n }): EsdbRecordedEvent {
  const e = toEsdbEvent(d, 'write-1');
  return {
    streamId: d.streamId,
    id: e.id,
    revision: BigInt(d.revision),
    type: e.type,
    data: JSON.parse(JSON.stringify(e.data)),
    metadata: JSON.parse(JSON.stringify(e.metadata)),
    isJson: true,
    created: new Date('2030-01-01T00:00:00Z'),
    position,
  };
}

describe('envelope ↔ EventStoreDB event', () => {
  it('puts the payload in data and the rest of the envelope in metadata, with the server conventions', () => {
    const e = toEsdbEvent(draft, 'write-1');
    expect(e.id).toBe(esdbEventId('imp-0001'));
    expect(e.type).toBe('AppointedToPost');
    expect(e.data).toEqual(draft.data);
    expect(e.metadata).toEqual({
      envelope: 1,
      eventId: 'imp-0001',
      schemaVersion: 1,
      effectiveDate: '2016-03-01',
      recordedAt: '2024-05-06T07:08:09.123Z',
      actor: 'cli:clerk',
      documentRef: 'X委〔2016〕12号',
      correlationId: 'corr-1',
      causationId: null,
      hash: draft.hash,
      ledgerMetadata: { override: { reason: '特殊情况' } },
      writeId: 'write-1',
      $correlationId: 'corr-1',
    });
    expect(e.metadata).not.toHaveProperty('$causationId'); // only ids that exist
  });

  it('reads back the same envelope, so the hash chain recomputes (recordedAt is ours, not the server\'s created)', () => {
    const { event, writeId } = fromEsdbEvent(asRecorded(draft));
    expect(writeId).toBe('write-1');
    expect(event).toEqual({ ...draft, globalPosition: 5120, position: { commit: 5000, prepare: 5120 } });
    expect(chainHash(GENESIS_HASH, event)).toBe(event.hash);
  });

  it('refuses what is not a ledger event, naming stream and revision', () => {
    const good = asRecorded(draft);
    expect(() => fromEsdbEvent({ ...good, metadata: {} })).toThrow(MalformedLedgerEventError);
    expect(() => fromEsdbEvent({ ...good, metadata: { ...(good.metadata as object), hash: 'nope' } })).toThrow(/cadre-C0001 revision 0.*hash/);
    expect(() => fromEsdbEvent({ ...good, isJson: false, data: new Uint8Array([1]) })).toThrow(/data is not a JSON object/);
    expect(() => fromEsdbEvent({ ...good, id: esdbEventId('other') })).toThrow(/is not the UUID of imp-0001/);
    const { position: _omitted, ...withoutPosition } = good;
    expect(() => fromEsdbEvent(withoutPosition)).toThrow(/22\.6/);
  });
});

describe('expected revisions', () => {
  it('always sends an exact revision: no stream, or the head read', () => {
    expect(toEsdbExpected(null)).toBe('no_stream');
    expect(toEsdbExpected(0)).toBe(0n);
    expect(toEsdbExpected(41)).toBe(41n);
  });

  it('checks the caller\'s expectation against a head', () => {
    expect(expectationHolds('any', null)).toBe(true);
    expect(expectationHolds('any', 3)).toBe(true);
    expect(expectationHolds('no_stream', null)).toBe(true);
    expect(expectationHolds('no_stream', 0)).toBe(false);
    expect(expectationHolds(3, 3)).toBe(true);
    expect(expectationHolds(3, 4)).toBe(false);
    expect(expectationHolds(0, null)).toBe(false);
  });

  it('translates the server\'s refusal into the port\'s typed conflict, as the caller expressed it', () => {
    const exists = toStreamVersionConflict(new EsdbWrongExpectedRevision('cadre-A', 3n, 5n), 3);
    expect(exists).toBeInstanceOf(StreamVersionConflictError);
    expect(exists).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'cadre-A', expected: '3', actual: 5 });
    expect(toStreamVersionConflict(new EsdbWrongExpectedRevision('cadre-A', 'no_stream', 0n), 'no_stream')).toMatchObject({ expected: 'no_stream', actual: 0 });
    expect(toStreamVersionConflict(new EsdbWrongExpectedRevision('cadre-A', 2n, 'no_stream'), 'any')).toMatchObject({ expected: 'any', actual: null });
  });
});

describe('positions ↔ checkpoints', () => {
  it('converts both ways and keeps the order', () => {
    const p = { commit: 123_456_789_012n, prepare: 123_456_789_100n };
    expect(toAllPosition(p)).toEqual({ commit: 123456789012, prepare: 123456789100 });
    expect(toEsdbPosition(toAllPosition(p))).toEqual(p);
    expect(toEsdbPosition(START_POSITION)).toBe('start');
    expect(compareEsdbPositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(compareEsdbPositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 1n })).toBe(1);
    expect(compareEsdbPositions(p, { ...p })).toBe(0);
  });

  it('refuses positions a checkpoint could not hold exactly', () => {
    expect(() => toAllPosition({ commit: 2n ** 53n, prepare: 0n })).toThrow(RangeError);
    expect(() => toEsdbPosition({ commit: -1, prepare: 0 })).toThrow(RangeError);
    expect(() => toEsdbPosition({ commit: 1.5, prepare: 2 })).toThrow(RangeError);
  });
});

describe('streams', () => {
  it('knows the ledger\'s streams and sorts ids in byte order, as PostgreSQL\'s COLLATE "C" does', () => {
    expect(isLedgerStream('cadre-C1', LEDGER_STREAM_PREFIXES)).toBe(true);
    expect(isLedgerStream('policy', LEDGER_STREAM_PREFIXES)).toBe(true);
    expect(isLedgerStream('policyholders-7', LEDGER_STREAM_PREFIXES)).toBe(false); // 'policy' is one stream, not a prefix
    expect(isLedgerStream('policy-archive', LEDGER_STREAM_PREFIXES)).toBe(false);
    expect(isLedgerStream('$stats-127.0.0.1:2113', LEDGER_STREAM_PREFIXES)).toBe(false);
    expect(isLedgerStream('ledger-eventid-x', LEDGER_STREAM_PREFIXES)).toBe(false);
    // UTF-16 order would put U+FF5E before U+1F600; UTF-8 byte order puts it after.
    expect(['cadre-😀', 'cadre-～', 'cadre-B', 'cadre-a'].sort(compareStreamIds)).toEqual(['cadre-B', 'cadre-a', 'cadre-～', 'cadre-😀']);
  });
});
