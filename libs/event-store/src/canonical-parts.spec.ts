/**
 * The two-part canonical text the PostgreSQL append function completes must be, byte for byte,
 * the canonical JSON chainHash hashes: on the known-answer event of hash-chain.spec.ts and on
 * random events (any Unicode, escapes, nulls, nested data).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { fcRuns } from '../../../test/support/fc-seed';
import { canonicalFromParts, canonicalParts } from './canonical-parts';
import { canonicalJson, chainHash, GENESIS_HASH, hashedBody, type HashedFields } from './hash-chain';
import { KAT_EVENT_0, KAT_HASH_0 } from './hash-chain.known-answer';
import type { JsonObject } from './json';


/** What the SQL function computes: SHA-256 over the previous hash and the completed text. */
function hashFromParts(previous: string, e: HashedFields): string {
  return createHash('sha256').update(previous).update(canonicalFromParts(canonicalParts(e), e.recordedAt, e.revision)).digest('hex');
}

const text = fc.string({ unit: 'binary', maxLength: 12 });
const json: fc.Arbitrary<JsonObject> = fc.dictionary(
  text,
  fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 })),
  { maxKeys: 5 },
) as fc.Arbitrary<JsonObject>;
const event: fc.Arbitrary<HashedFields> = fc.record({
  eventId: text,
  type: text,
  schemaVersion: fc.integer({ min: 1, max: 1000 }),
  streamId: text,
  revision: fc.integer({ min: 0, max: 2 ** 40 }),
  effectiveDate: fc.constantFrom('2021-03-01', '2000-02-29'),
  recordedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  actor: text,
  documentRef: fc.option(text, { nil: null }),
  correlationId: fc.option(text, { nil: null }),
  causationId: fc.option(text, { nil: null }),
  data: json,
  metadata: json,
});

describe('canonical parts (the PostgreSQL append function hashes them)', () => {
  it('complete to the known-answer canonical text and hash', () => {
    const parts = canonicalParts(KAT_EVENT_0);
    expect(parts.before.endsWith('"metadata":{"override":{"reason":"补录","rules":["TM4"]}},')).toBe(true);
    expect(parts.after).toBe(',"schemaVersion":1,"streamId":"cadre-K1","type":"AppointedToPost"}');
    expect(canonicalFromParts(parts, KAT_EVENT_0.recordedAt, 0)).toBe(canonicalJson(hashedBody(KAT_EVENT_0)));
    expect(hashFromParts(GENESIS_HASH, KAT_EVENT_0)).toBe(KAT_HASH_0);
  });

  it('complete to chainHash’s canonical text for random events', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(canonicalFromParts(canonicalParts(e), e.recordedAt, e.revision)).toBe(canonicalJson(hashedBody(e)));
        expect(hashFromParts(GENESIS_HASH, e)).toBe(chainHash(GENESIS_HASH, e));
      }),
      { numRuns: fcRuns(500) },
    );
  });

  it('carry data and metadata as their canonical text', () => {
    const parts = canonicalParts({ ...KAT_EVENT_0, data: { b: 1, a: [true, null] }, metadata: {} });
    expect(parts.data).toBe('{"a":[true,null],"b":1}');
    expect(parts.metadata).toBe('{}');
  });

  it('leave out members whose value is absent (undefined), as canonicalize does, before and after the placed fields', () => {
    const sparse = { ...KAT_EVENT_0, actor: undefined, documentRef: undefined, causationId: undefined, streamId: undefined } as unknown as HashedFields;
    const parts = canonicalParts(sparse);
    expect(parts.before).toBe(
      '{"correlationId":"corr-1","data":{"orgUnitId":"T01","role":"PARTY_SECRETARY"},"effectiveDate":"2021-03-01","eventId":"kat-0",' +
        '"metadata":{"override":{"reason":"补录","rules":["TM4"]}},',
    );
    expect(parts.after).toBe(',"schemaVersion":1,"type":"AppointedToPost"}');
    expect(canonicalFromParts(parts, sparse.recordedAt, sparse.revision)).toBe(canonicalJson(hashedBody(sparse)));
  });
});
