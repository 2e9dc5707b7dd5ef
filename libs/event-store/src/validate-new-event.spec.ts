/**
 * The store's guard on what it is given (EVENTS.md "Common envelope"): every input a store could not
 * hold faithfully is an InvalidEventError (code INVALID_EVENT, HTTP 400) naming the field that failed,
 * never a database error. Boundaries are tested on both sides (the longest allowed, one more).
 */
import type { NewEvent } from './envelope';
import type { StreamAppend } from './event-store.port';
import type { JsonObject } from './json';
import { expectInvalidEvent, sampleNewEvent } from './spec-events';
import { validateAppends, validateNewEvent } from './validate-new-event';

const newEvent = sampleNewEvent;
const invalid = expectInvalidEvent;

function refusal(overrides: Partial<Record<keyof NewEvent, unknown>>): { field: string; message: string } {
  const e = invalid(() => validateNewEvent(newEvent(overrides)));
  return { field: e.field, message: e.message };
}

const NUL = '\u0000';

/** An object nested `levels` deep: { a: { a: … { a: leaf } } }. */
function nestedObject(levels: number, leaf: unknown = 1): JsonObject {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as JsonObject;
}

/** Arrays nested `levels` deep inside data.list: [[…[leaf]…]]. */
function nestedArray(levels: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('validateNewEvent: a well-formed event', () => {
  it('accepts the full envelope', () => {
    expect(() => validateNewEvent(newEvent())).not.toThrow();
  });

  it('accepts the optional fields absent (undefined) and null', () => {
    expect(() => validateNewEvent(newEvent({ documentRef: undefined, correlationId: undefined, causationId: undefined, metadata: undefined }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ documentRef: null, correlationId: null, causationId: null }))).not.toThrow();
  });

  it('accepts every JSON value in data and metadata: null, booleans, finite numbers, strings, arrays, nested objects', () => {
    const json: JsonObject = { n: null, t: true, f: false, zero: 0, neg: -1.5, s: 'x', empty: '', list: [1, 'a', null, [true]], obj: { inner: { deep: [] } } };
    expect(() => validateNewEvent(newEvent({ data: json, metadata: json }))).not.toThrow();
  });
});

describe('validateNewEvent: required text fields (1 to max characters, no NUL)', () => {
  it.each([
    ['eventId', 200],
    ['type', 100],
    ['actor', 200],
  ] as const)('%s: accepts 1 and %i characters, refuses empty, one more, missing and a non-string', (field, max) => {
    expect(() => validateNewEvent(newEvent({ [field]: 'x' }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ [field]: 'x'.repeat(max) }))).not.toThrow();
    const expected = { field, message: `${field}: must be a string of 1–${max} characters` };
    expect(refusal({ [field]: '' })).toEqual(expected);
    expect(refusal({ [field]: 'x'.repeat(max + 1) })).toEqual(expected);
    expect(refusal({ [field]: undefined })).toEqual(expected);
    expect(refusal({ [field]: null })).toEqual(expected);
    expect(refusal({ [field]: 42 })).toEqual(expected);
    // A String object has a length and includes(), but no store can hold it as text.
    expect(refusal({ [field]: new String('x') })).toEqual(expected);
  });

  it.each(['eventId', 'type', 'actor'] as const)('%s: refuses a NUL character', (field) => {
    expect(refusal({ [field]: `a${NUL}b` })).toEqual({ field, message: `${field}: must not contain NUL characters` });
  });
});

describe('validateNewEvent: optional text fields (absent, null, or 1–200 characters without NUL)', () => {
  it.each(['documentRef', 'correlationId', 'causationId'] as const)('%s: accepts absent, null, 1 and 200 characters', (field) => {
    expect(() => validateNewEvent(newEvent({ [field]: undefined }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ [field]: null }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ [field]: 'x' }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ [field]: 'x'.repeat(200) }))).not.toThrow();
  });

  it.each(['documentRef', 'correlationId', 'causationId'] as const)('%s: refuses an empty string, 201 characters, a number and a NUL', (field) => {
    const length = { field, message: `${field}: must be a string of 1–200 characters` };
    expect(refusal({ [field]: '' })).toEqual(length);
    expect(refusal({ [field]: 'x'.repeat(201) })).toEqual(length);
    expect(refusal({ [field]: 7 })).toEqual(length);
    expect(refusal({ [field]: new String('x') })).toEqual(length);
    expect(refusal({ [field]: `${NUL}` })).toEqual({ field, message: `${field}: must not contain NUL characters` });
  });
});

describe('validateNewEvent: schemaVersion (a safe integer ≥ 1)', () => {
  it('accepts 1 and the largest safe integer', () => {
    expect(() => validateNewEvent(newEvent({ schemaVersion: 1 }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ schemaVersion: 2 }))).not.toThrow();
    expect(() => validateNewEvent(newEvent({ schemaVersion: Number.MAX_SAFE_INTEGER }))).not.toThrow();
  });

  it.each([[0], [-1], [1.5], [Number.NaN], [Number.MAX_SAFE_INTEGER + 1], [Infinity], ['1'], [undefined]])('refuses %p', (schemaVersion) => {
    expect(refusal({ schemaVersion })).toEqual({ field: 'schemaVersion', message: 'schemaVersion: must be an integer ≥ 1' });
  });
});

describe('validateNewEvent: effectiveDate (a real calendar date YYYY-MM-DD)', () => {
  it.each(['2021-03-01', '2020-02-29', '2000-02-29', '2021-12-31', '0001-01-01'])('accepts %s', (effectiveDate) => {
    expect(() => validateNewEvent(newEvent({ effectiveDate }))).not.toThrow();
  });

  it.each([
    ['2021-02-29', 'the day after Feb 28 in a common year'],
    ['1900-02-29', 'Feb 29 of a century year not divisible by 400'],
    ['2021-06-31', 'the day after the last of a 30-day month'],
    ['2021-02-30', 'a day the month does not have'],
    ['2021-04-31', 'the 31st of a 30-day month'],
    ['2021-13-01', 'month 13'],
    ['2021-00-10', 'month 0'],
    ['2021-03-00', 'day 0'],
    ['2021-3-01', 'a one-digit month'],
    ['2021-03-1', 'a one-digit day'],
    ['21-03-01', 'a two-digit year'],
    ['-000001-01', 'an expanded year that Date accepts'],
    ['+010000-01', 'an expanded year that Date accepts'],
    ['2021-03-01T00:00:00Z', 'an instant'],
    [' 2021-03-01', 'a leading space'],
    ['2021-03-01 ', 'a trailing space'],
    ['', 'empty'],
    [20210301, 'a number'],
    [new String('2021-03-01'), 'a String object'],
    [undefined, 'missing'],
  ])('refuses %p (%s)', (effectiveDate, _why) => {
    expect(refusal({ effectiveDate })).toEqual({ field: 'effectiveDate', message: 'effectiveDate: must be a calendar date YYYY-MM-DD' });
  });
});

describe('validateNewEvent: data and metadata (JSON objects a store can hold)', () => {
  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['{}', 'a string'],
    [1, 'a number'],
    [undefined, 'missing'],
  ])('data refuses %p (%s)', (data, _why) => {
    expect(refusal({ data })).toEqual({ field: 'data', message: 'data: must be a JSON object' });
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['{}', 'a string'],
    [true, 'a boolean'],
  ])('metadata refuses %p (%s); absent metadata is fine', (metadata, _why) => {
    expect(refusal({ metadata })).toEqual({ field: 'metadata', message: 'metadata: must be a JSON object' });
  });

  it('refuses a lone UTF-16 surrogate in a value, a key or an envelope text, as it refuses NUL: every store refuses it alike (found by a review: EventStoreDB stored it, PostgreSQL threw 22P02)', () => {
    expect(refusal({ data: { name: '王\ud800五' } })).toEqual({ field: 'data.name', message: 'data.name: must not contain a lone UTF-16 surrogate' });
    expect(refusal({ data: { ['k\udc00']: 1 } })).toEqual({ field: 'data', message: 'data: keys must not contain a lone UTF-16 surrogate' });
    expect(refusal({ documentRef: '文\udbff' })).toEqual({ field: 'documentRef', message: 'documentRef: must not contain a lone UTF-16 surrogate' });
    // A surrogate pair is one character (𠀀, outside the BMP): fine.
    expect(() => validateNewEvent(newEvent({ data: { name: '王\ud840\udc00五' } }))).not.toThrow();
  });

  it('names the path of a NUL character inside a string value', () => {
    expect(refusal({ data: { name: `王${NUL}` } })).toEqual({ field: 'data.name', message: 'data.name: must not contain NUL characters' });
    expect(refusal({ metadata: { override: { reason: `a${NUL}` } } })).toEqual({
      field: 'metadata.override.reason',
      message: 'metadata.override.reason: must not contain NUL characters',
    });
  });

  it('names the array index on the path', () => {
    expect(refusal({ data: { list: ['ok', `bad${NUL}`] } })).toEqual({ field: 'data.list[1]', message: 'data.list[1]: must not contain NUL characters' });
    expect(refusal({ data: { list: [[1, Infinity]] } })).toEqual({ field: 'data.list[0][1]', message: 'data.list[0][1]: must be a finite number' });
    // A hole in an array (JSON writes it as null) passes; an undefined element does not.
    const sparse: unknown[] = [1, 2, 3];
    delete sparse[1];
    expect(() => validateNewEvent(newEvent({ data: { list: sparse } as JsonObject }))).not.toThrow();
    expect(refusal({ data: { list: [1, undefined] } })).toEqual({ field: 'data.list[1]', message: 'data.list[1]: is not JSON (undefined)' });
    // After a sibling's subtree was walked, the path names none of its keys.
    expect(refusal({ data: { a: { b: [1, { c: 'ok' }] }, d: ['ok', -Infinity] } })).toEqual({ field: 'data.d[1]', message: 'data.d[1]: must be a finite number' });
  });

  it('refuses a NUL character in a key, naming the object that holds it', () => {
    expect(refusal({ data: { ok: { [`k${NUL}`]: 1 } } })).toEqual({ field: 'data.ok', message: 'data.ok: keys must not contain NUL characters' });
    expect(refusal({ metadata: { [`${NUL}`]: 1 } })).toEqual({ field: 'metadata', message: 'metadata: keys must not contain NUL characters' });
  });

  it.each([[Infinity], [-Infinity], [Number.NaN]])('refuses the non-finite number %p', (n) => {
    expect(refusal({ data: { x: n } })).toEqual({ field: 'data.x', message: 'data.x: must be a finite number' });
  });

  it('refuses values that are not JSON: undefined, a function, a bigint', () => {
    expect(refusal({ data: { u: undefined } })).toEqual({ field: 'data.u', message: 'data.u: is not JSON (undefined)' });
    expect(refusal({ data: { f: () => 1 } })).toEqual({ field: 'data.f', message: 'data.f: is not JSON (function)' });
    expect(refusal({ metadata: { b: BigInt(1) } })).toEqual({ field: 'metadata.b', message: 'metadata.b: is not JSON (bigint)' });
  });

  it('accepts objects nested 32 levels below data, refuses 33 (objects)', () => {
    // data itself is level 0; the leaf of nestedObject(32) sits at level 32.
    expect(() => validateNewEvent(newEvent({ data: nestedObject(32) }))).not.toThrow();
    const e = refusal({ data: nestedObject(33) });
    expect(e.field).toBe(`data${'.a'.repeat(33)}`);
    expect(e.message).toBe(`data${'.a'.repeat(33)}: nested too deeply`);
  });

  it('accepts arrays nested 32 levels below data, refuses 33 (arrays)', () => {
    // data.list is level 1, so 31 arrays put the leaf at level 32.
    expect(() => validateNewEvent(newEvent({ data: { list: nestedArray(31) } as JsonObject }))).not.toThrow();
    const e = refusal({ data: { list: nestedArray(32) } });
    expect(e.field).toBe(`data.list${'[0]'.repeat(32)}`);
    expect(e.message).toBe(`data.list${'[0]'.repeat(32)}: nested too deeply`);
  });

  it('refuses deep nesting in metadata too', () => {
    expect(refusal({ metadata: nestedObject(33) }).message).toBe(`metadata${'.a'.repeat(33)}: nested too deeply`);
  });
});

describe('validateAppends: a whole write', () => {
  const write = (overrides: Partial<Record<keyof StreamAppend, unknown>> = {}, events: NewEvent[] = [newEvent()]): StreamAppend =>
    ({ streamId: 'cadre-C1', expectedRevision: 'any', events, ...overrides }) as StreamAppend;
  const refuse = (appends: StreamAppend[]) => {
    const e = invalid(() => validateAppends(appends));
    return { field: e.field, message: e.message };
  };

  it('returns every event with its stream, in append order', () => {
    const a = newEvent({ eventId: 'a' });
    const b = newEvent({ eventId: 'b' });
    const c = newEvent({ eventId: 'c' });
    expect(validateAppends([write({ streamId: 'cadre-C1' }, [a, b]), write({ streamId: 'org-T01', expectedRevision: 3 }, [c])])).toEqual([
      { streamId: 'cadre-C1', event: a },
      { streamId: 'cadre-C1', event: b },
      { streamId: 'org-T01', event: c },
    ]);
  });

  it('refuses an empty write', () => {
    expect(refuse([])).toEqual({ field: 'appends', message: 'appends: nothing to append' });
  });

  it('streamId: accepts 1 and 200 characters, refuses empty, 201 and a non-string', () => {
    expect(validateAppends([write({ streamId: 's' })])).toHaveLength(1);
    expect(validateAppends([write({ streamId: 's'.repeat(200) })])).toHaveLength(1);
    const expected = { field: 'streamId', message: 'streamId: must be 1–200 characters' };
    expect(refuse([write({ streamId: '' })])).toEqual(expected);
    expect(refuse([write({ streamId: 's'.repeat(201) })])).toEqual(expected);
    expect(refuse([write({ streamId: 5 })])).toEqual(expected);
    expect(refuse([write({ streamId: new String('s') })])).toEqual(expected);
  });

  it('refuses the same stream twice in one write', () => {
    expect(refuse([write({}, [newEvent({ eventId: 'a' })]), write({}, [newEvent({ eventId: 'b' })])])).toEqual({
      field: 'streamId',
      message: 'streamId: stream cadre-C1 appears twice in one write',
    });
  });

  it('takes a stream with no events as a read check when it expects a revision or no stream, beside a stream written', () => {
    const a = newEvent({ eventId: 'a' });
    expect(validateAppends([write({ streamId: 'appeal-A1', expectedRevision: 1 }, []), write({ streamId: 'cadre-C1' }, [a])])).toEqual([{ streamId: 'cadre-C1', event: a }]);
    expect(validateAppends([write({ streamId: 'policy', expectedRevision: 'no_stream' }, []), write({ streamId: 'cadre-C1' }, [a])])).toHaveLength(1);
  });

  it('refuses a read check that expects any revision, and a write of read checks alone', () => {
    const a = newEvent({ eventId: 'a' });
    expect(refuse([write({ streamId: 'cadre-C9', expectedRevision: 'any' }, []), write({ streamId: 'cadre-C1' }, [a])])).toEqual({
      field: 'events',
      message: "events: no events for stream cadre-C9, and a read check of it must expect a revision or 'no_stream'",
    });
    expect(refuse([write({ streamId: 'cadre-C9', expectedRevision: 0 }, [])])).toEqual({ field: 'events', message: 'events: nothing to append: a write of read checks alone' });
  });

  it.each([['any'], ['no_stream'], [0], [1], [Number.MAX_SAFE_INTEGER]])('expectedRevision: accepts %p', (expectedRevision) => {
    expect(validateAppends([write({ expectedRevision })])).toHaveLength(1);
  });

  it.each([[-1], [0.5], [Number.NaN], [Infinity], [Number.MAX_SAFE_INTEGER + 1], ['0'], ['5'], ['ANY'], ['stream_exists'], [null], [undefined]])(
    'expectedRevision: refuses %p',
    (expectedRevision) => {
      expect(refuse([write({ expectedRevision })])).toEqual({
        field: 'expectedRevision',
        message: `expectedRevision: must be 'any', 'no_stream' or a revision ≥ 0`,
      });
    },
  );

  it('checks every event of every stream (the second stream’s bad event is found)', () => {
    expect(refuse([write({ streamId: 'a' }), write({ streamId: 'b' }, [newEvent({ eventId: 'x', schemaVersion: 0 })])])).toEqual({
      field: 'schemaVersion',
      message: 'schemaVersion: must be an integer ≥ 1',
    });
  });

  it('refuses the same event id twice, within a stream and across streams', () => {
    const expected = { field: 'eventId', message: 'eventId: dup appears twice in one write' };
    expect(refuse([write({}, [newEvent({ eventId: 'dup' }), newEvent({ eventId: 'dup' })])])).toEqual(expected);
    expect(refuse([write({ streamId: 'a' }, [newEvent({ eventId: 'dup' })]), write({ streamId: 'b' }, [newEvent({ eventId: 'dup' })])])).toEqual(expected);
  });
});
