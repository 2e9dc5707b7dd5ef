import { derivedEventId, MAX_EVENT_ID } from './derived-event-id';

describe('derivedEventId: the ids of the events a command writes beside its own', () => {
  it('given an id with room for the suffix, then the id, a colon and the suffix', () => {
    expect(derivedEventId('dec-1', 'rescind')).toBe('dec-1:rescind');
    expect(derivedEventId('x'.repeat(MAX_EVENT_ID - 8), 'rescind')).toHaveLength(MAX_EVENT_ID); // exactly 200: kept whole
  });

  it('given one character more, then at most 200 characters: the head and a hash of the whole, the same every time, distinct per suffix', () => {
    const id = 'x'.repeat(MAX_EVENT_ID - 7);
    const rescind = derivedEventId(id, 'rescind');
    expect(rescind).toHaveLength(MAX_EVENT_ID);
    expect(rescind).toMatch(/^x{191}#[0-9a-f]{8}$/);
    expect(derivedEventId(id, 'rescind')).toBe(rescind);
    expect(derivedEventId(id, 'retract')).not.toBe(rescind);
  });

  it('never cuts a surrogate pair in half', () => {
    const id = `${'x'.repeat(190)}😀${'y'.repeat(20)}`;
    const derived = derivedEventId(id, 'regrade');
    expect(derived.length).toBeLessThanOrEqual(MAX_EVENT_ID);
    expect(derived).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
