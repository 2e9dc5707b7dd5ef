/**
 * Verbatim import (store migration): stored events keep their ids, revisions, recordedAt and hashes;
 * the target checks every field, that each stream continues its own head without a gap, and that
 * every hash recomputes — a broken chain is never copied. Chains here are built with the real
 * chainHash from GENESIS_HASH.
 */
import type { StoredEvent, StreamHead } from './envelope';
import { StreamVersionConflictError } from './errors';
import type { EventStore } from './event-store.port';
import { expectInvalidEvent, headOf, storedChain } from './spec-events';
import { checkImportedChain, isMigratable, validateStoredEvent } from './verbatim-import';

const chain = (streamId: string, count: number, from?: { revision: number; lastHash: string }): StoredEvent[] => storedChain(streamId, count, from ? { from } : {});

function invalid(fn: () => unknown): { field: string; message: string } {
  const e = expectInvalidEvent(fn);
  return { field: e.field, message: e.message };
}

const [sample] = chain('cadre-A', 1);
const withField = (field: keyof StoredEvent, value: unknown): StoredEvent => ({ ...sample, [field]: value }) as StoredEvent;

describe('validateStoredEvent: the fields of an event to import', () => {
  it('accepts a stored event as a store wrote it', () => {
    expect(() => validateStoredEvent(sample)).not.toThrow();
  });

  it('checks the envelope like a new event (schemaVersion, effectiveDate, data …)', () => {
    expect(invalid(() => validateStoredEvent(withField('schemaVersion', 0)))).toEqual({ field: 'schemaVersion', message: 'schemaVersion: must be an integer ≥ 1' });
    expect(invalid(() => validateStoredEvent(withField('effectiveDate', '2021-02-30'))).field).toBe('effectiveDate');
  });

  it('streamId: accepts 1 and 200 characters, refuses empty, 201 and a non-string', () => {
    expect(() => validateStoredEvent(withField('streamId', 's'))).not.toThrow();
    expect(() => validateStoredEvent(withField('streamId', 's'.repeat(200)))).not.toThrow();
    const expected = { field: 'streamId', message: 'streamId: must be 1–200 characters' };
    expect(invalid(() => validateStoredEvent(withField('streamId', '')))).toEqual(expected);
    expect(invalid(() => validateStoredEvent(withField('streamId', 's'.repeat(201))))).toEqual(expected);
    expect(invalid(() => validateStoredEvent(withField('streamId', 3)))).toEqual(expected);
    expect(invalid(() => validateStoredEvent(withField('streamId', new String('cadre-A'))))).toEqual(expected);
    expect(invalid(() => validateStoredEvent(withField('streamId', undefined)))).toEqual(expected);
  });

  it.each([[0], [1], [Number.MAX_SAFE_INTEGER]])('revision: accepts %p', (revision) => {
    expect(() => validateStoredEvent(withField('revision', revision))).not.toThrow();
  });

  it.each([[-1], [0.5], [Number.NaN], [Number.MAX_SAFE_INTEGER + 1], ['0'], [undefined]])('revision: refuses %p', (revision) => {
    expect(invalid(() => validateStoredEvent(withField('revision', revision)))).toEqual({ field: 'revision', message: 'revision: must be an integer ≥ 0' });
  });

  it.each(['2021-03-02T01:02:03.456Z', '2020-02-29T23:59:59.999Z', '1999-12-31T00:00:00.000Z'])('recordedAt: accepts the UTC instant %s', (recordedAt) => {
    expect(() => validateStoredEvent(withField('recordedAt', recordedAt))).not.toThrow();
  });

  it.each([
    ['2021-03-02T01:02:03Z', 'no milliseconds'],
    ['2021-03-02T01:02:03.4Z', 'one millisecond digit'],
    ['2021-03-02T01:02:03.4567Z', 'four fraction digits'],
    ['2021-03-02T01:02:03.456+08:00', 'an offset instead of Z'],
    ['2021-03-02T01:02:03.456', 'no zone'],
    ['+002021-03-02T01:02:03.456Z', 'an expanded year Date accepts'],
    ['2021-13-02T01:02:03.456Z', 'month 13'],
    ['2021-03-02T25:02:03.456Z', 'hour 25'],
    ['2021-03-02', 'a date'],
    ['', 'empty'],
    [1614646923456, 'epoch milliseconds'],
    [new String('2021-03-02T01:02:03.456Z'), 'a String object'],
    [undefined, 'missing'],
  ])('recordedAt: refuses %p (%s)', (recordedAt, _why) => {
    expect(invalid(() => validateStoredEvent(withField('recordedAt', recordedAt)))).toEqual({
      field: 'recordedAt',
      message: 'recordedAt: must be an ISO-8601 UTC instant with milliseconds',
    });
  });

  it('recordedAt: refuses a trailing NUL character, which Date.parse ignores (catches the regex losing its $ anchor)', () => {
    // Given an instant followed by a NUL: V8's Date.parse stops at the NUL and still parses it,
    // so only the end anchor of the pattern refuses it (PostgreSQL could not store the text).
    const recordedAt = '2021-03-02T01:02:03.456Z\u0000';
    expect(Number.isNaN(Date.parse(recordedAt))).toBe(false);
    // When it is validated, then it is refused as recordedAt.
    expect(invalid(() => validateStoredEvent(withField('recordedAt', recordedAt)))).toEqual({
      field: 'recordedAt',
      message: 'recordedAt: must be an ISO-8601 UTC instant with milliseconds',
    });
  });

  it.each([
    ['a'.repeat(63), '63 digits'],
    ['a'.repeat(65), '65 digits'],
    ['A'.repeat(64), 'upper-case hex'],
    ['g'.repeat(64), 'not hex'],
    [`x${'a'.repeat(64)}`, 'a prefix before 64 digits'],
    [`${'a'.repeat(64)}x`, 'a suffix after 64 digits'],
    ['', 'empty'],
    [undefined, 'missing'],
    [42, 'a number'],
    [new String('a'.repeat(64)), 'a String object'],
  ])('hash: refuses %p (%s)', (hash, _why) => {
    expect(invalid(() => validateStoredEvent(withField('hash', hash)))).toEqual({ field: 'hash', message: 'hash: must be 64 hex digits' });
  });

  it('hash: accepts every hex digit, 0–9 and a–f', () => {
    expect(() => validateStoredEvent(withField('hash', '0123456789abcdef'.repeat(4)))).not.toThrow();
  });
});

describe('checkImportedChain: events must continue each stream’s head in the target', () => {
  it('refuses an empty import', () => {
    expect(invalid(() => checkImportedChain([], new Map()))).toEqual({ field: 'events', message: 'events: nothing to import' });
  });

  it('a new stream (no head yet) starts at revision 0 from the genesis hash; returns its head after the import', () => {
    const a = chain('cadre-A', 3);
    const after = checkImportedChain(a, new Map([['cadre-A', null]]));
    expect([...after.entries()]).toEqual([['cadre-A', { streamId: 'cadre-A', revision: 2, lastHash: a[2].hash }]]);
  });

  it('a single event at revision 0 gives a head at revision 0', () => {
    const a = chain('cadre-A', 1);
    expect(checkImportedChain(a, new Map([['cadre-A', null]])).get('cadre-A')).toEqual({ streamId: 'cadre-A', revision: 0, lastHash: a[0].hash });
  });

  it('an existing stream continues from its head (revision + 1, chained to its last hash)', () => {
    const existing = chain('cadre-A', 2);
    const more = chain('cadre-A', 2, headOf(existing));
    const after = checkImportedChain(more, new Map([['cadre-A', headOf(existing)]]));
    expect(after.get('cadre-A')).toEqual({ streamId: 'cadre-A', revision: 3, lastHash: more[1].hash });
  });

  it('interleaved streams are each checked against their own chain; untouched heads are kept, streams still empty are left out', () => {
    const a = chain('cadre-A', 2);
    const b = chain('cadre-B', 2);
    const kept: StreamHead = { streamId: 'cadre-K', revision: 5, lastHash: 'f'.repeat(64) };
    const heads = new Map<string, StreamHead | null>([
      ['cadre-A', null],
      ['cadre-B', null],
      ['cadre-K', kept],
      ['cadre-E', null],
    ]);
    const after = checkImportedChain([a[0], b[0], a[1], b[1]], heads);
    expect(Object.fromEntries(after)).toEqual({
      'cadre-A': { streamId: 'cadre-A', revision: 1, lastHash: a[1].hash },
      'cadre-B': { streamId: 'cadre-B', revision: 1, lastHash: b[1].hash },
      'cadre-K': kept,
    });
  });

  it('checks each event’s fields before its chain', () => {
    const a = chain('cadre-A', 1);
    expect(invalid(() => checkImportedChain([{ ...a[0], hash: 'nope' }], new Map([['cadre-A', null]])))).toEqual({ field: 'hash', message: 'hash: must be 64 hex digits' });
  });

  it('refuses the same event id twice in one import', () => {
    const a = chain('cadre-A', 2);
    const again = { ...a[1], eventId: a[0].eventId };
    expect(invalid(() => checkImportedChain([a[0], again], new Map([['cadre-A', null]])))).toEqual({
      field: 'eventId',
      message: 'eventId: cadre-A-e0 appears twice in one import',
    });
  });

  it('refuses an event of a stream whose head was not read', () => {
    const a = chain('cadre-A', 1);
    expect(invalid(() => checkImportedChain(a, new Map([['cadre-B', null]])))).toEqual({ field: 'streamId', message: 'streamId: no head was read for stream cadre-A' });
  });

  it('a gap after a missing stream is a version conflict: expected the revision before, actual no stream', () => {
    const a = chain('cadre-A', 2);
    let error: unknown;
    try {
      checkImportedChain([a[1]], new Map([['cadre-A', null]]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StreamVersionConflictError);
    expect(error).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'cadre-A', expected: '0', actual: null, message: 'stream cadre-A: expected revision 0, actual no stream' });
  });

  it('events the target already holds (revision not after its head) are a version conflict naming the head', () => {
    const a = chain('cadre-A', 2);
    let error: unknown;
    try {
      checkImportedChain([a[1]], new Map([['cadre-A', headOf(a)]]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StreamVersionConflictError);
    expect(error).toMatchObject({ streamId: 'cadre-A', expected: '0', actual: 1, message: 'stream cadre-A: expected revision 0, actual 1' });
  });

  it('a gap inside the import is a version conflict at the event after the gap', () => {
    const a = chain('cadre-A', 3);
    expect(() => checkImportedChain([a[0], a[2]], new Map([['cadre-A', null]]))).toThrow(
      expect.objectContaining({ code: 'STREAM_VERSION_CONFLICT', expected: '1', actual: 0 }),
    );
  });

  it('a stream head at revision 0 is continued from revision 1 (a head at 0 is a stream, not "no stream")', () => {
    const first = chain('cadre-A', 1);
    const wrong = chain('cadre-A', 1); // revision 0 again
    expect(() => checkImportedChain(wrong, new Map([['cadre-A', headOf(first)]]))).toThrow(
      expect.objectContaining({ code: 'STREAM_VERSION_CONFLICT', expected: '-1', actual: 0, message: 'stream cadre-A: expected revision -1, actual 0' }),
    );
  });

  it('a hash that does not recompute is refused, naming stream and revision', () => {
    const a = chain('cadre-A', 2);
    const changed = { ...a[1], data: { year: 1999, grade: 'EXCELLENT' } };
    expect(invalid(() => checkImportedChain([a[0], changed], new Map([['cadre-A', null]])))).toEqual({
      field: 'hash',
      message: 'hash: stream cadre-A revision 1: the hash does not recompute from the previous event (a broken chain is never copied)',
    });
  });

  it('a chain that does not continue the target head’s last hash is refused', () => {
    const elsewhere = chain('cadre-A', 3); // a different history of the same stream
    const targetHead: StreamHead = { streamId: 'cadre-A', revision: 1, lastHash: 'e'.repeat(64) };
    expect(invalid(() => checkImportedChain([elsewhere[2]], new Map([['cadre-A', targetHead]]))).field).toBe('hash');
  });
});

describe('isMigratable: the verbatim-import capability', () => {
  it('is true for a store with importStored, false without it or when it is not a function', () => {
    const store = {} as EventStore;
    expect(isMigratable(store)).toBe(false);
    expect(isMigratable({ importStored: async () => ({ imported: 0, streamRevisions: new Map() }) } as unknown as EventStore)).toBe(true);
    expect(isMigratable({ importStored: true } as unknown as EventStore)).toBe(false);
  });
});
