/**
 * The ledger digest: a running hash over the store-wide order. Given a digest taken at some point,
 * when events are only appended, the proof holds; when one counted event is deleted, inserted
 * before it, changed or replaced, the proof fails and says which.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { GENESIS_HASH, RECORDED_AT_TOLERANCE_MS, type AllPosition } from '@ledger/event-store';
import {
  computeDigest,
  DigestAccumulator,
  DIGEST_COPIED_WRONG_ZH,
  DIGEST_FAILURE_NAMES_ZH,
  DigestFormatError,
  digestAnswer,
  digestStep,
  EMPTY_DIGEST,
  formatDigest,
  parseDigest,
  proveSinceDigest,
  type LedgerDigest,
} from './digest';
import { KeptLedgerDigest, ledgerDigest, verifySinceDigest } from './ledger-proof';
import { sampleCountyLedger } from './testing/sample-ledger';

interface E {
  eventId: string;
  hash: string;
  position: AllPosition;
  recordedAt: string;
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** Event i recorded i seconds after 2026-01-01 00:00 UTC. */
const recordedAtOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
const ledgerOf = (n: number, from = 0): E[] =>
  Array.from({ length: n }, (_, i) => ({ eventId: `e${from + i}`, hash: sha(`event ${from + i}`), position: { commit: 500 + 2 * (from + i), prepare: from + i + 1 }, recordedAt: recordedAtOf(from + i) }));
async function* iterate<T>(events: readonly T[]): AsyncIterable<T> {
  yield* events;
}
const digestOf = (events: readonly Pick<E, 'hash' | 'position'>[]) => computeDigest(iterate(events));

describe('digest', () => {
  it('known answer: the digest of the two-event known-answer chain (hash-chain.spec.ts) is written down', async () => {
    // Computed with `printf '%s%s' previous eventHash | sha256sum`, not with this code.
    const chain = [
      { hash: '4a721c007180bd03bd896ff612cbc2dcdd5ccaf8ea21880fd0ab623f830a7bba', position: { commit: 701, prepare: 1 } },
      { hash: '8c42b0ce57431d86b0321cf22f5d8e8676ba4e356a1977ac8130073dba70ee0e', position: { commit: 702, prepare: 2 } },
    ];
    const one = await digestOf(chain.slice(0, 1));
    expect(one.hash).toBe('a00ecceaf80c457521618372dfe74d7b7119994c08949a26a24d6fb06538f6e3');
    const two = await digestOf(chain);
    expect(formatDigest(two)).toBe('ledger-digest:v1:2:702.2:ec93aaad1164cdb01a35bebba5671b4c4ba54eb8bbe62dc721bd82fc8421bba5');
    expect(parseDigest(formatDigest(two))).toEqual(two);
  });

  it('is H0 = genesis, Hn = SHA-256(Hn-1 ‖ hash of the n-th event), with the last position', async () => {
    const events = ledgerOf(3);
    const expected = events.reduce((h, e) => sha(h + e.hash), GENESIS_HASH);
    expect(await digestOf(events)).toEqual({ count: 3, position: events[2]!.position, hash: expected });
    expect(await digestOf([])).toEqual(EMPTY_DIGEST);
    expect(digestStep(GENESIS_HASH, events[0]!.hash)).toBe(sha(GENESIS_HASH + events[0]!.hash));
  });

  it('resumes from a digest: folding the rest gives the digest of the whole', async () => {
    const events = ledgerOf(10);
    const acc = new DigestAccumulator(await digestOf(events.slice(0, 4)));
    for (const e of events.slice(4)) acc.add(e);
    expect(acc.digest).toEqual(await digestOf(events));
  });

  describe('string and JSON forms', () => {
    it('round-trips the compact string and the JSON the CLI and API print', async () => {
      const d = await digestOf(ledgerOf(5));
      const text = formatDigest(d);
      expect(text).toBe(`ledger-digest:v1:5:508.5:${d.hash}`);
      expect(parseDigest(text)).toEqual(d);
      expect(parseDigest(`  ${text}\n`)).toEqual(d);
      expect(parseDigest(JSON.stringify(digestAnswer(d), null, 2))).toEqual(d);
      expect(parseDigest(JSON.stringify({ count: d.count, position: d.position, hash: d.hash }))).toEqual(d);
      expect(parseDigest(formatDigest(EMPTY_DIGEST))).toEqual(EMPTY_DIGEST);
    });

    it('takes the digest line out of `digest`\'s human output (digest > file), and refuses text holding two', async () => {
      const d = await digestOf(ledgerOf(5));
      const human = `台账摘要：共 5 个事件，末位 508.5，累积哈希 ${d.hash}\n${formatDigest(d)}\n请妥善保存上行摘要。\n`;
      expect(parseDigest(human)).toEqual(d);
      expect(() => parseDigest(`${human}${formatDigest(EMPTY_DIGEST)}\n`)).toThrow(/2 digest lines/);
    });

    it.each([
      ['garbage', 'hello'],
      ['a wrong prefix', `ledger-digest:v2:1:1.1:${'a'.repeat(64)}`],
      ['a short hash', 'ledger-digest:v1:1:1.1:abc'],
      ['upper-case hex', `ledger-digest:v1:1:1.1:${'A'.repeat(64)}`],
      ['an empty digest with a hash', `ledger-digest:v1:0:0.0:${'a'.repeat(64)}`],
      ['a non-empty digest with the genesis hash', `ledger-digest:v1:3:1.1:${GENESIS_HASH}`],
      ['bad JSON', '{"count": '],
      ['JSON without a hash', '{"count": 1, "position": {"commit": 1, "prepare": 1}}'],
      ['JSON giving a name twice', '{"count": 1, "count": 2, "position": {"commit": 1, "prepare": 1}, "hash": "' + 'a'.repeat(64) + '"}'],
      ['JSON whose string disagrees', JSON.stringify({ count: 1, position: { commit: 1, prepare: 1 }, hash: 'a'.repeat(64), digest: `ledger-digest:v1:2:1.1:${'a'.repeat(64)}` })],
    ])('refuses %s with a DigestFormatError', (_what, text) => {
      expect(() => parseDigest(text)).toThrow(DigestFormatError);
    });

    it('says why in Chinese too, with the same shape, field and limit', () => {
      const zh = (text: string) => {
        try {
          parseDigest(text);
        } catch (error) {
          return (error as DigestFormatError).messageZh;
        }
        throw new Error('expected a DigestFormatError');
      };
      expect(zh('hello')).toBe('不是台账摘要：应为 ledger-digest:v1:<count>:<commit>.<prepare>:<sha256 hex> 或其 JSON 形式');
      expect(zh('{"count": ')).toBe('摘要 JSON 不是有效的 JSON');
      expect(zh(`{"count": 2, "position": {"commit": 1, "prepare": 1}, "hash": "${'a'.repeat(64)}", "hash": "${'b'.repeat(64)}"}`)).toBe(
        '摘要 JSON：字段名“hash”在同一对象中出现两次（位置 hash）：一个字段只能有一个值，台账不猜测取哪一个，请删去多余的一个',
      );
      expect(zh('{"count": 1, "position": {"commit": 1, "prepare": 1}, "hash": "abc"}')).toBe('摘要 JSON：hash：须为 64 位小写十六进制数字');
      expect(zh('{"count": -1, "position": {"commit": 1, "prepare": 1}, "hash": "abc"}')).toBe('摘要 JSON：count：不能小于 0');
    });
  });

  describe('proving the ledger since a digest was only appended to', () => {
    it('holds when events were appended, and reports how many', async () => {
      const before = ledgerOf(6);
      const d = await digestOf(before);
      const proof = await proveSinceDigest(iterate([...before, ...ledgerOf(3, 6)]), d);
      expect(proof).toMatchObject({ ok: true, recountedEvents: 6, appendedSince: 3, current: { count: 9 } });
      expect(proof.failure).toBeUndefined();
      expect((await proveSinceDigest(iterate(before), EMPTY_DIGEST)).ok).toBe(true);
    });

    it('fails when an event appended since says it was recorded more than RECORDED_AT_TOLERANCE_MS before the newest covered event: a day before the tolerance, at it, a millisecond past it', async () => {
      const before = ledgerOf(6);
      const d = await digestOf(before);
      const newest = Date.parse(before.at(-1)!.recordedAt);
      const appendedRecordedAt = async (offsetMs: number) => {
        const [next] = ledgerOf(1, 6);
        return proveSinceDigest(iterate([...before, { ...next!, recordedAt: new Date(newest - offsetMs).toISOString() }]), d);
      };
      expect((await appendedRecordedAt(RECORDED_AT_TOLERANCE_MS - 1)).ok).toBe(true);
      expect((await appendedRecordedAt(RECORDED_AT_TOLERANCE_MS)).ok).toBe(true);
      const backdated = await appendedRecordedAt(RECORDED_AT_TOLERANCE_MS + 1);
      expect(backdated).toMatchObject({ ok: false, failure: { reason: 'RECORDED_BEFORE_THE_DIGEST' } });
      expect(backdated.failure!.message).toContain('e6');
      expect(DIGEST_FAILURE_NAMES_ZH.RECORDED_BEFORE_THE_DIGEST).toContain('倒填');
    });

    it('holds on a store whose positions were renumbered (migrate-store), the same events in the same order, and says so (found by a review: "732 deleted")', async () => {
      const before = ledgerOf(6);
      const d = await digestOf(before);
      const migrated = [...before, ...ledgerOf(2, 6)].map((e, i) => ({ ...e, position: { commit: 9000 + i, prepare: 40 + i } }));
      expect(await proveSinceDigest(iterate(migrated), d)).toMatchObject({ ok: true, positionsRenumbered: true, recountedEvents: 6, appendedSince: 2 });
      // On the source itself, no renumbering is said.
      expect((await proveSinceDigest(iterate(before), d)).positionsRenumbered).toBeUndefined();
      // Renumbered and one covered event deleted, changed or moved within the prefix: not proven.
      expect((await proveSinceDigest(iterate(migrated.filter((_, i) => i !== 2)), d)).ok).toBe(false);
      expect((await proveSinceDigest(iterate(migrated.map((e, i) => (i === 2 ? { ...e, hash: sha('x') } : e))), d)).ok).toBe(false);
      expect((await proveSinceDigest(iterate([migrated[1]!, migrated[0]!, ...migrated.slice(2)]), d)).ok).toBe(false);
    });

    it('fails when a counted event was deleted', async () => {
      const events = ledgerOf(6);
      const d = await digestOf(events);
      const proof = await proveSinceDigest(iterate([...events.slice(0, 2), ...events.slice(3)]), d);
      expect(proof).toMatchObject({ ok: false, recountedEvents: 5, failure: { reason: 'EVENTS_MISSING' } });
      expect(proof.failure!.message).toContain('1 deleted');
      // With what else it may mean: the digest itself copied wrongly (found by a review of the web app).
      expect(proof.failure!.detailZh).toBe(`摘要覆盖至位置 ${d.position.commit}.${d.position.prepare} 的 6 个事件，现仅余 5 个：1 个被删除。${DIGEST_COPIED_WRONG_ZH}`);
    });

    it('fails when the event at the digest position was deleted, even if more were appended', async () => {
      const events = ledgerOf(6);
      const d = await digestOf(events);
      const proof = await proveSinceDigest(iterate([...events.slice(0, 5), ...ledgerOf(2, 6)]), d);
      expect(proof.failure?.reason).toBe('EVENTS_MISSING');
    });

    it('fails when an event was inserted before the digest position', async () => {
      const events = ledgerOf(6);
      const d = await digestOf(events);
      const forged = { eventId: 'forged', hash: sha('forged'), position: { commit: events[1]!.position.commit + 1, prepare: 99 }, recordedAt: events[1]!.recordedAt };
      const proof = await proveSinceDigest(iterate([...events.slice(0, 2), forged, ...events.slice(2)]), d);
      expect(proof.failure?.reason).toBe('EVENTS_INSERTED');
    });

    it('fails when a counted event’s hash changed (its content was re-hashed or replaced)', async () => {
      const events = ledgerOf(6);
      const d = await digestOf(events);
      const changed = events.map((e, i) => (i === 3 ? { ...e, hash: sha('changed') } : e));
      const failure = (await proveSinceDigest(iterate(changed), d)).failure;
      expect(failure?.reason).toBe('HASH_MISMATCH');
      // Both running hashes whole: a digest edited past a shown prefix must not read as two equal values (found by a review).
      expect(failure?.message).toContain(`the digest says ${d.hash}:`);
      expect(failure?.message).toMatch(/ is [0-9a-f]{64}, the digest says /);
    });

    it('property: any prefix proves against its ledger plus appends; any one deletion or change inside it fails', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), fc.nat(), fc.boolean(), async (n, appended, pick, deleteIt) => {
          const events = ledgerOf(n + appended);
          const d: LedgerDigest = await digestOf(events.slice(0, n));
          expect((await proveSinceDigest(iterate(events), d)).ok).toBe(true);
          const i = pick % n;
          const tampered = deleteIt ? events.filter((_, j) => j !== i) : events.map((e, j) => (j === i ? { ...e, hash: sha(`x${j}`) } : e));
          expect((await proveSinceDigest(iterate(tampered), d)).ok).toBe(false);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('against a store', () => {
    it('digests the store-wide order and proves it together with the chains', async () => {
      const ledger = sampleCountyLedger();
      const d = await ledgerDigest(ledger);
      expect(d).toMatchObject({ count: ledger.events.length, position: ledger.events[ledger.events.length - 1]!.position });
      expect(d.digest).toBe(formatDigest(d));
      expect(await verifySinceDigest(ledger, parseDigest(d.digest))).toMatchObject({ ok: true, checkedEvents: ledger.events.length, sinceDigest: { ok: true } });
      ledger.events.splice(2, 1);
      expect(await verifySinceDigest(ledger, parseDigest(d.digest))).toMatchObject({
        ok: false,
        firstBroken: { streamId: 'cadre-C1', revision: 1, reason: 'REVISION_GAP' },
        sinceDigest: { ok: false, failure: { reason: 'EVENTS_MISSING' } },
      });
    });

    it('kept by a long-running process: each ask equals the digest computed from the start, and reads only the events appended since the one before', async () => {
      const ledger = sampleCountyLedger();
      const kept = new KeptLedgerDigest(ledger);
      const read = jest.spyOn(ledger, 'readAll');
      expect(await kept.current()).toEqual(await ledgerDigest(ledger));
      read.mockClear();
      // Given two more events appended, when asked twice at once, then both answers cover them, and the events before are not read again.
      ledger.append(
        { eventId: 'c1-train-kept', type: 'TrainingCompleted', streamId: 'cadre-C1', effectiveDate: '2024-04-01', data: { programme: '乡镇党委书记专题培训', hours: 40 } },
        { eventId: 'c1-train-kept-2', type: 'TrainingCompleted', streamId: 'cadre-C1', effectiveDate: '2024-05-01', data: { programme: '乡镇党委书记专题培训', hours: 40 } },
      );
      const [a, b] = await Promise.all([kept.current(), kept.current()]);
      const readFrom = read.mock.calls.map(([options]) => Number(options?.after?.prepare ?? 0));
      expect(Math.min(...readFrom)).toBe(ledger.events.length - 2);
      const fromStart = await ledgerDigest(ledger);
      expect(a).toEqual(fromStart);
      expect(b).toEqual(fromStart);
    });

    it('kept: an event resealed in place since is folded again once the last whole computation is wholeEveryMs old, or at once when a check that read every event hands its digest over', async () => {
      const ledger = sampleCountyLedger();
      let now = 1_000_000;
      const kept = new KeptLedgerDigest(ledger, { wholeEveryMs: 60_000, now: () => now });
      const before = await kept.current();
      // Given an insider who rewrote an event with its hash recomputed (the stored hashes change, the chains still hold)
      const i = 3;
      ledger.events[i] = { ...ledger.events[i]!, hash: sha('resealed') };
      const fromStart = await ledgerDigest(ledger);
      expect(fromStart.digest).not.toBe(before.digest);
      // When asked a minute less a millisecond after the whole computation: the kept digest (what it had folded)
      now += 59_999;
      expect(await kept.current()).toEqual(before);
      // When asked a minute after: folded again from the first event, the resealed one included
      now += 1;
      expect(await kept.current()).toEqual(fromStart);
      // And a digest read whole by a check (verify --since-digest's current) replaces the kept one at once
      ledger.events[i] = { ...ledger.events[i]!, hash: sha('resealed again') };
      const again = await ledgerDigest(ledger);
      await kept.adopt(again);
      expect(await kept.current()).toEqual(again);
    });

    it('fails when the store names an event its store-wide order cannot reach, though the digest and the chains agree', async () => {
      // Given a store whose order left one event out (PostgreSQL: a transaction id moved past those issued)
      const ledger = Object.assign(sampleCountyLedger(), {
        eventsOutsideTheOrder: async () => [{ streamId: 'cadre-C2', revision: 0, eventId: 'reg-C2', message: 'its transaction id has not been issued' }],
      });
      const d = await ledgerDigest(ledger);
      // When the ledger is verified since that digest
      const result = await verifySinceDigest(ledger, parseDigest(d.digest));
      // Then the proof holds but the verification names the event
      expect(result).toMatchObject({ ok: false, sinceDigest: { ok: true }, firstBroken: { streamId: 'cadre-C2', revision: 0, reason: 'OUTSIDE_THE_ORDER' } });
    });
  });
});
