import fc from 'fast-check';
import { identifierSchema, isIdentifier } from './vocabulary';

describe('identifiers', () => {
  it('isIdentifier takes exactly what identifierSchema takes: 1–100 characters, letters, digits, _ . : -, a letter or digit first', () => {
    for (const [text, taken] of [
      ['C000001', true],
      ['T-01.a:b_c', true],
      ['x'.repeat(100), true],
      ['x'.repeat(101), false],
      ['', false],
      ['-C1', false],
      ['C 1', false],
      ['C\u00001', false],
      ['王', false],
    ] as const) {
      expect([text.slice(0, 12), isIdentifier(text)]).toEqual([text.slice(0, 12), taken]);
      expect(identifierSchema.safeParse(text).success).toBe(taken);
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09_.:-/ \u0000王'.split('')), maxLength: 110 }), (text) => isIdentifier(text) === identifierSchema.safeParse(text).success),
    );
  });
});
