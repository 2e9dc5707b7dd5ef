import fc from 'fast-check';
import { IDENTIFIER_FULL_WIDTH_MESSAGE, IDENTIFIER_MESSAGE, identifierSchema, isIdentifier } from './vocabulary';
import { schemaMessageZh } from './vocabulary-zh-base';

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

  it('says an id typed in full-width (Ｃ０００１, as a Chinese input method gives it) is to be typed in half-width, and any other refusal as before', () => {
    const messageOf = (text: string) => identifierSchema.safeParse(text).error?.issues[0]?.message;
    expect(messageOf('Ｃ０００１')).toBe(IDENTIFIER_FULL_WIDTH_MESSAGE);
    expect(messageOf('C0001\u3000')).toBe(IDENTIFIER_FULL_WIDTH_MESSAGE);
    expect(messageOf('C 1')).toBe(IDENTIFIER_MESSAGE);
    expect(messageOf('王')).toBe(IDENTIFIER_MESSAGE);
    expect(schemaMessageZh(`cadreId: ${IDENTIFIER_FULL_WIDTH_MESSAGE}`)).toBe('须以半角字母和数字输入（如 C01），不能用全角（如 Ｃ０１）');
  });
});
