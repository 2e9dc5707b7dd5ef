import { clampQuotedInput, eventIdSchema, firstMalformedString, quoteInput } from './input-text';

describe('input text at the boundary', () => {
  it('quotes at most 80 characters: 80 as is, 81 cut with the length', () => {
    expect(quoteInput('x'.repeat(80))).toBe('x'.repeat(80));
    expect(quoteInput('x'.repeat(81))).toBe(`${'x'.repeat(80)}…(81 chars)`);
    expect(quoteInput(`${'x'.repeat(79)}😀`)).toBe(`${'x'.repeat(79)}…(81 chars)`);
  });

  it('clamps every long quoted run of a message, leaving ordinary words alone', () => {
    const message = `event id ${'I'.repeat(200)} is already recorded`;
    expect(clampQuotedInput(message)).toBe(`event id ${'I'.repeat(80)}…(200 chars) is already recorded`);
    expect(clampQuotedInput('cadre C1 is not registered')).toBe('cadre C1 is not registered');
  });

  it('refuses control characters and lone surrogates in an event id, and finds a lone surrogate anywhere', () => {
    expect(eventIdSchema.safeParse('evt-1').success).toBe(true);
    expect(eventIdSchema.safeParse('事件-1').success).toBe(true);
    expect(eventIdSchema.safeParse('evt\u0007').success).toBe(false);
    expect(eventIdSchema.safeParse('evt\u0085').success).toBe(false);
    expect(eventIdSchema.safeParse('evt\ud800').success).toBe(false);
    expect(firstMalformedString({ data: { name: 'ok', list: ['\udc00'] } })).toEqual(['data', 'list', '0']);
    expect(firstMalformedString({ data: { name: '王😀' } })).toBeUndefined();
  });
});
