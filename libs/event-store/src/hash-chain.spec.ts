/**
 * Known answers for the hash chain: the canonical bytes and the SHA-256 of a fixed two-event
 * chain, written down here (computed once with `printf '%s%s' prev json | sha256sum`, not with
 * this code), so any change to what is hashed or how fails. Then: every hashed field, changed
 * alone, changes the hash.
 */
import type { StoredEvent } from './envelope';
import { canonicalJson, chainHash, GENESIS_HASH, hashedBody, type HashedFields } from './hash-chain';
import { KAT_CANONICAL_0, KAT_EVENT_0, KAT_EVENT_1, KAT_HASH_0, KAT_HASH_1 } from './hash-chain.known-answer';

describe('hash chain known answers', () => {
  it('the genesis hash is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('canonicalizes the hashed envelope with sorted keys (RFC 8785), every hashed field present', () => {
    expect(canonicalJson(hashedBody(KAT_EVENT_0))).toBe(KAT_CANONICAL_0);
  });

  it('hashes the fixed first event to the known hex', () => {
    expect(chainHash(GENESIS_HASH, KAT_EVENT_0)).toBe(KAT_HASH_0);
  });

  it('chains the second event to the first: known hex from the first hash', () => {
    expect(chainHash(KAT_HASH_0, KAT_EVENT_1)).toBe(KAT_HASH_1);
    expect(chainHash(GENESIS_HASH, KAT_EVENT_1)).not.toBe(KAT_HASH_1);
  });

  it('ignores what is not hashed: global position, position and the stored hash', () => {
    const stored: StoredEvent = { ...KAT_EVENT_0, globalPosition: 99, position: { commit: 5, prepare: 99 }, hash: 'x' } as StoredEvent;
    expect(chainHash(GENESIS_HASH, stored)).toBe(KAT_HASH_0);
  });

  it('refuses a value that is not JSON', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow('value cannot be canonicalized as JSON');
  });
});

/** Each hashed field and a different value for it. */
const TAMPERS: ReadonlyArray<[keyof HashedFields, unknown]> = [
  ['eventId', 'kat-0x'],
  ['type', 'RemovedFromPost'],
  ['schemaVersion', 2],
  ['streamId', 'cadre-K2'],
  ['revision', 1],
  ['effectiveDate', '2021-03-02'],
  ['recordedAt', '2021-03-02T01:02:03.457Z'],
  ['actor', 'CLERK:别人#tok_9'],
  ['documentRef', null],
  ['correlationId', 'corr-2'],
  ['causationId', null],
  ['data', { role: 'HEAD', orgUnitId: 'T01' }],
  ['metadata', {}],
];

describe('hash chain: every hashed field counts', () => {
  it('lists every field of the hashed body', () => {
    expect(TAMPERS.map(([f]) => f).sort()).toEqual(Object.keys(hashedBody(KAT_EVENT_0)).sort());
  });

  it.each(TAMPERS)('changing %s changes the hash', (field, value) => {
    const tampered = { ...KAT_EVENT_0, [field]: value } as HashedFields;
    expect(chainHash(GENESIS_HASH, tampered)).not.toBe(KAT_HASH_0);
  });

  it('changing the previous hash changes the hash', () => {
    expect(chainHash('1'.repeat(64), KAT_EVENT_0)).not.toBe(KAT_HASH_0);
  });
});
