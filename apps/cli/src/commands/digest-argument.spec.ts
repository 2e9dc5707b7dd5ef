/** `digest`'s human output as `verify --since-digest`'s argument (a review, 2026-12-05). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestAnswer, DigestFormatError, digestZh, EMPTY_DIGEST, parseDigest, type LedgerDigest } from '@ledger/audit';
import { readDigestArgument } from './digest.command';
import { scratchDir } from '../../../../test/support/scratch-dir';

const D: LedgerDigest = { count: 5, position: { commit: 508, prepare: 5 }, hash: 'a'.repeat(64) };
const humanOutput = (d: LedgerDigest) => `${digestZh(digestAnswer(d)).join('\n')}\n`;

function errorOf(run: () => unknown): DigestFormatError {
  try {
    run();
  } catch (e) {
    if (e instanceof DigestFormatError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('digest text holding the digest line', () => {
  it('pins: the whole human output, given directly or in a file, is read as its digest', () => {
    expect(readDigestArgument(humanOutput(D))).toEqual(D);
    const dir = scratchDir('digest');
    writeFileSync(join(dir, 'd.txt'), humanOutput(D));
    expect(readDigestArgument(join(dir, 'd.txt'))).toEqual(D);
  });

  it('text holding two digest lines is refused saying it holds two digests, not "not a ledger digest"', () => {
    // Two saved outputs in one file (digest >> file): both lines are valid digests; the message must say why it is refused.
    const e = errorOf(() => parseDigest(`${humanOutput(D)}${humanOutput(EMPTY_DIGEST)}`));
    expect(e.message).not.toMatch(/^not a ledger digest/);
    expect(e.messageZh).not.toMatch(/^不是台账摘要/);
    expect(e.messageZh).toMatch(/两|多|2 /);
  });

  it('the same text is read alike whether passed directly or from a file (an indented digest line)', () => {
    // e.g. the output pasted from a notes file or an e-mail with its lines indented.
    const indented = humanOutput(D)
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n');
    const dir = scratchDir('digest');
    writeFileSync(join(dir, 'd.txt'), indented);
    expect(readDigestArgument(join(dir, 'd.txt'))).toEqual(D); // parseDigest trims each line
    expect(readDigestArgument(indented)).toEqual(D); // refused: "neither a ledger digest nor a file: …"
  });
});
