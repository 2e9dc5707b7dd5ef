/**
 * The PostgreSQL adapter's one-statement append (`ledger_append`): the hash computed in the
 * database is chainHash's, byte for byte, on awkward text; `recordedAt` is the database clock's;
 * a batch of writes answers each on its own (group commit), in order (a read check sees the
 * writes before it), and a write that breaks the whole statement fails only itself.
 */
import {
  chainHash,
  EventIdConflictError,
  GENESIS_HASH,
  StreamVersionConflictError,
  verifyChains,
  type AppendOutcome,
  type NewEvent,
} from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let store: PostgresEventStore;
beforeEach(async () => {
  db = await createTestDatabase('batch_append', 4);
  store = new PostgresEventStore(db.sql);
});
afterEach(async () => {
  await db.drop();
});

let n = 0;
const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `b-${++n}`,
  type: 'TestEventHappened',
  schemaVersion: 1,
  effectiveDate: '2024-02-29',
  actor: 'CLERK:王录入#tok_1',
  data: { n },
  ...overrides,
});
const errorOf = (o: AppendOutcome | undefined): unknown => (o && !o.ok ? o.error : undefined);

describe('PostgreSQL append function: the hash chain', () => {
  it('stores chainHash’s hash for text that needs escaping, astral characters and nested data, on the database clock', async () => {
    const [{ before }] = await db.sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as before`;
    const awkward = event({
      documentRef: '青委〔2021〕7号 "引号" \\ 反斜杠',
      correlationId: 'tab\there',
      causationId: null,
      data: { 'z键': ['𠀀𝄞', { '': null, e: 1e21, f: 0.1, g: -0 }], a: 'line\nbreak\u2028\u001f', b: true },
      metadata: { override: { reason: '补录 😀', rules: ['TM4'] } },
    });
    const written = await store.append('cadre-X', [awkward, event()], 'no_stream');
    const stored = await store.readStream('cadre-X');
    expect(stored.map((e) => e.hash)).toEqual(written.events.map((e) => e.hash));
    expect(stored[0]!.hash).toBe(chainHash(GENESIS_HASH, stored[0]!));
    expect(stored[1]!.hash).toBe(chainHash(stored[0]!.hash, stored[1]!));
    expect(written.events.map((e) => e.recordedAt)).toEqual(stored.map((e) => e.recordedAt));
    expect(stored[0]!.recordedAt >= (before as string)).toBe(true);
    expect((await verifyChains(store.scanStreams(), store.scanHeads())).ok).toBe(true);
  });
});

describe('PostgreSQL append function: a batch of writes (group commit)', () => {
  it('answers each write on its own, applying them in order', async () => {
    const stored = event();
    await store.append('cadre-A', [stored], 'no_stream');
    const twice = event();
    const outcomes = await store.appendBatch([
      [{ streamId: 'cadre-B', expectedRevision: 'no_stream', events: [event()] }], // ok
      [{ streamId: 'cadre-B', expectedRevision: 0, events: [event(), event()] }], // ok: chained after the first
      [{ streamId: 'cadre-B', expectedRevision: 0, events: [event()] }], // stale: the write before moved the head
      [{ streamId: 'cadre-A', expectedRevision: 5, events: [stored] }], // a retry of a stored event: its stored answer
      [{ streamId: 'cadre-C', expectedRevision: 'any', events: [{ ...stored, data: { other: true } }] }], // same id, other fact
      [
        { streamId: 'orgunit-T1', expectedRevision: 'no_stream', events: [twice] },
        { streamId: 'cadre-A', expectedRevision: 0, events: [event()] },
      ], // ok: two streams
      [{ streamId: 'cadre-D', expectedRevision: 'any', events: [twice] }], // the id an earlier write of the batch took
      [{ streamId: 'cadre-E', expectedRevision: 'no_stream', events: [] }], // invalid: refused before the call
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, false, true, false, false]);
    const ok = outcomes.map((o) => (o.ok ? o.result : undefined));
    expect(ok[0]!.events.map((e) => e.revision)).toEqual([0]);
    expect(ok[1]!.events.map((e) => e.revision)).toEqual([1, 2]);
    expect(ok[1]!.events[0]!.hash).toBe(chainHash(ok[0]!.events[0]!.hash, ok[1]!.events[0]!));
    expect(errorOf(outcomes[2])).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'cadre-B', actual: 2 });
    expect(ok[3]).toMatchObject({ alreadyStored: true });
    expect(errorOf(outcomes[4])).toBeInstanceOf(EventIdConflictError);
    expect(ok[5]!.streamRevisions).toEqual(new Map([['orgunit-T1', 0], ['cadre-A', 1]]));
    expect(errorOf(outcomes[6])).toBeInstanceOf(EventIdConflictError);
    expect(errorOf(outcomes[7])).toMatchObject({ code: 'INVALID_EVENT' });
    expect((await store.readStream('cadre-B')).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await store.readStream('cadre-C')).toEqual([]);
    expect(await store.readStream('cadre-D')).toEqual([]);
    expect((await verifyChains(store.scanStreams(), store.scanHeads())).ok).toBe(true);
  });

  it('checks a read check against the writes before it in the batch: it holds after one that was stored, and fails after one that was not', async () => {
    await store.append('appeal-A', [event()], 'no_stream');
    const outcomes = await store.appendBatch([
      [{ streamId: 'appeal-A', expectedRevision: 0, events: [event()] }], // ok: appeal-A at 1
      [
        { streamId: 'appeal-A', expectedRevision: 1, events: [] }, // read after the write before it
        { streamId: 'cadre-R', expectedRevision: 'no_stream', events: [event()] },
      ], // ok
      [{ streamId: 'appeal-A', expectedRevision: 5, events: [event()] }], // stale: not stored
      [
        { streamId: 'appeal-A', expectedRevision: 2, events: [] }, // read after the one that failed
        { streamId: 'cadre-S', expectedRevision: 'no_stream', events: [event()] },
      ], // conflict on the stream it read
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, false]);
    expect(errorOf(outcomes[3])).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'appeal-A', actual: 1 });
    expect((await store.readStream('appeal-A')).map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.readStream('cadre-R')).toHaveLength(1);
    expect(await store.readStream('cadre-S')).toEqual([]);
  });

  it('sends the writes again one by one when one breaks the statement, so only that one fails', async () => {
    const outcomes = await store.appendBatch([
      [{ streamId: 'cadre-F', expectedRevision: 'no_stream', events: [event()] }],
      // Valid for the port, out of range for the column: the whole statement fails.
      [{ streamId: 'cadre-G', expectedRevision: 'no_stream', events: [event({ schemaVersion: 2 ** 40 })] }],
      [{ streamId: 'cadre-F', expectedRevision: 0, events: [event()] }],
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(errorOf(outcomes[1])).not.toBeInstanceOf(StreamVersionConflictError);
    expect((await store.readStream('cadre-F')).map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.readStream('cadre-G')).toEqual([]);
  });
});

describe('PostgreSQL append function: the events sent as text columns', () => {
  const stored = async (streamId: string) =>
    (await store.readStream(streamId)).map(({ eventId, type, actor, documentRef, correlationId, causationId, effectiveDate, schemaVersion, data, metadata, revision }) => ({
      eventId, type, actor, documentRef, correlationId, causationId, effectiveDate, schemaVersion, data, metadata, revision,
    }));

  it('stores what the JSON document stores: nulls beside values, a single null, escaped control characters in the data', async () => {
    const batch = (prefix: string): NewEvent[] => [
      event({ eventId: `${prefix}-1`, documentRef: '青委〔2021〕7号', correlationId: null, causationId: null, data: { s: 'a\u001eb\nc' } }),
      event({ eventId: `${prefix}-2`, documentRef: null, correlationId: 'corr-1', causationId: null, data: { n: 2 }, metadata: { note: '\u001e' } }),
      event({ eventId: `${prefix}-3`, documentRef: null, correlationId: null, causationId: null, data: { n: 3 } }),
    ];
    const asColumns = batch('col');
    // The same events with an actor that holds the separator go as a JSON document instead.
    const asDocument = batch('doc').map((e) => ({ ...e, actor: 'CLERK:\u001e#tok_1' }));
    await store.append('cadre-C', asColumns, 'no_stream');
    await store.append('cadre-D', asDocument, 'no_stream');
    await store.append('cadre-E', [event({ eventId: 'single', documentRef: null })], 'no_stream');
    const columns = await stored('cadre-C');
    const document = await stored('cadre-D');
    expect(columns.map((e) => ({ ...e, eventId: e.eventId.slice(4) }))).toEqual(document.map((e) => ({ ...e, eventId: e.eventId.slice(4), actor: 'CLERK:王录入#tok_1' })));
    expect(document[0]!.actor).toBe('CLERK:\u001e#tok_1');
    expect(columns.map((e) => [e.documentRef, e.correlationId, e.causationId])).toEqual([
      ['青委〔2021〕7号', null, null],
      [null, 'corr-1', null],
      [null, null, null],
    ]);
    expect(columns[0]!.data).toEqual({ s: 'a\u001eb\nc' });
    expect((await stored('cadre-E'))[0]!.documentRef).toBeNull();
    expect((await verifyChains(store.scanStreams(), store.scanHeads())).ok).toBe(true);
  });

  it('refuses columns of different lengths (a value holding the separator) and stores nothing', async () => {
    const call = db.sql`
      select * from ledger_append(array['cadre-S'], array[0]::int4[], array[1]::int4[], array[-1]::int8[],
        ${['1', '1'].join('\u001e')}::text, ${['s-1', 's-2'].join('\u001e')}::text, ${'T\u001eT'}::text, ${'1\u001e1'}::text,
        ${'2024-01-01\u001e2024-01-01'}::text, ${'actor\u001eextra\u001eshifted'}::text, null::text, null::text, null::text,
        ${'{}\u001e{}'}::text, ${'{}\u001e{}'}::text, ${'{\u001e{'}::text, ${'}\u001e}'}::text)`;
    await expect(call).rejects.toThrow(/different numbers of values/);
    expect(await store.readStream('cadre-S')).toEqual([]);
  });
});

describe('PostgreSQL append function: read checks lock their stream shared', () => {
  const within = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => 'done'), new Promise((r) => setTimeout(() => r('waiting'), ms))]);

  it('given a write holding a read check of the policy open, then another write reading the policy goes through, and a write to the policy waits for it (found by a review: every write of the ledger waited for every other)', async () => {
    await store.append('policy', [event()], 'no_stream');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const slow = new PostgresEventStore(db.sql, {
      beforeCommit: async () => {
        entered();
        await held;
      },
    });
    const first = slow.appendToStreams([
      { streamId: 'cadre-L1', expectedRevision: 'no_stream', events: [event()] },
      { streamId: 'policy', expectedRevision: 0, events: [] },
    ]);
    await inside;
    const reader = store.appendToStreams([
      { streamId: 'cadre-L2', expectedRevision: 'no_stream', events: [event()] },
      { streamId: 'policy', expectedRevision: 0, events: [] },
    ]);
    expect(await within(reader, 3_000)).toBe('done');
    const writer = store.append('policy', [event()], 0);
    expect(await within(writer, 500)).toBe('waiting');
    release();
    await first;
    await writer;
    expect((await store.readStream('policy')).map((e) => e.revision)).toEqual([0, 1]);
  });
});
