import { knownAtInstant, knownAtMs, knownAtSchema, shanghaiDateOf, shanghaiInstant, shanghaiTime } from './instant';

describe('T1 knownAt: a bare date is the end of that day in Asia/Shanghai', () => {
  it('given 2024-01-31, then everything recorded up to 23:59:59.999 Beijing time that day (15:59:59.999Z)', () => {
    expect(knownAtInstant('2024-01-31')).toBe('2024-01-31T15:59:59.999Z');
  });
  it('then an event recorded at 08:00 Beijing time on that day is known, and one at 00:00 the next day is not', () => {
    const limit = Date.parse(knownAtInstant('2024-01-31')!);
    expect(Date.parse('2024-01-31T00:00:00Z')).toBeLessThanOrEqual(limit); // 08:00 +08:00
    expect(Date.parse('2024-01-31T15:59:59.999Z')).toBeLessThanOrEqual(limit); // the day's last millisecond
    expect(Date.parse('2024-01-31T16:00:00.000Z')).toBeGreaterThan(limit); // 00:00 on 1 February in Beijing
  });
  it('reads a time without an offset as Beijing time, and keeps an explicit offset or Z', () => {
    expect(knownAtInstant('2024-01-31T08:00')).toBe('2024-01-31T00:00:00.000Z');
    expect(knownAtInstant('2024-01-31T08:00:00Z')).toBe('2024-01-31T08:00:00.000Z');
    expect(knownAtInstant('2024-01-31T08:00:00+0100')).toBe('2024-01-31T07:00:00.000Z');
  });
  it('refuses what is not a date or instant, or a date that does not exist', () => {
    for (const bad of ['yesterday', '2023-02-29', '2024-13-01', '2024-01-31T25:00', '2024-01-31  08:00', '2024-01-31 08:00  +08:00']) expect(knownAtInstant(bad)).toBeNull();
    // An unencoded `+` in a query string arrives as a space: without its sign the offset is no offset.
    expect(knownAtInstant('2024-01-31T08:00:00 08:00')).toBeNull();
    expect(knownAtSchema.safeParse('2023-02-29').success).toBe(false);
  });
  it('reads back the form the ledger prints (a space before the time and before the offset), to the millisecond (found by a review)', () => {
    expect(knownAtInstant('2024-01-31 08:00')).toBe('2024-01-31T00:00:00.000Z');
    expect(knownAtInstant('2024-02-01 00:00:00.412 +08:00')).toBe('2024-01-31T16:00:00.412Z');
    for (const instant of ['2024-01-31T15:59:59.999Z', '2024-01-31T16:00:00.000Z', '2024-01-31T16:00:00.001Z', '2024-07-01T03:04:05.060Z']) {
      expect(knownAtInstant(shanghaiInstant(instant))).toBe(instant);
    }
  });
  it('shows the instant an answer was given as known at to the millisecond, when it has any', () => {
    expect(shanghaiInstant('2024-01-31T15:59:59.999Z')).toBe('2024-01-31 23:59:59.999 +08:00');
    expect(shanghaiInstant('2024-01-31T16:00:00.000Z')).toBe('2024-02-01 00:00:00 +08:00');
    expect(shanghaiInstant('2024-01-31T16:00:00.007Z')).toBe('2024-02-01 00:00:00.007 +08:00');
    expect(shanghaiInstant('not an instant')).toBe('not an instant');
  });
  it('shows an instant in Beijing time with its offset', () => {
    expect(shanghaiTime('2024-01-31T15:59:59.999Z')).toBe('2024-01-31 23:59:59 +08:00');
    expect(shanghaiTime('2024-01-31T16:00:00Z')).toBe('2024-02-01 00:00:00 +08:00');
  });
  it.each([
    ['2024-01-31', '2024-01-31T15:59:59.999Z'],
    ['2024-01-31T08:00', '2024-01-31T00:00:00.000Z'],
    ['2024-01-31T08:00:00Z', '2024-01-31T08:00:00.000Z'],
    ['2024-01-31T08:00:00.000z', '2024-01-31T08:00:00.000Z'],
  ])('knownAtMs, what the read models compare with: %s is %s (a bare date the end of that day, a time without an offset Beijing time)', (input, instant) => {
    expect(knownAtMs(input)).toBe(Date.parse(instant));
  });
  it('knownAtMs of what is no instant is NaN', () => {
    expect(knownAtMs('yesterday')).toBeNaN();
  });
});

describe('T1 today: the calendar date in Asia/Shanghai', () => {
  it('given the last millisecond of 2026-12-31 in Beijing (15:59:59.999Z), then 2026-12-31', () => {
    expect(shanghaiDateOf(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
  });
  it('given midnight in Beijing (16:00Z the day before), then the new day, a new year', () => {
    expect(shanghaiDateOf(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });
  it('given the first millisecond after, and 2024-02-29 in the afternoon, then those days', () => {
    expect(shanghaiDateOf(Date.parse('2026-12-31T16:00:00.001Z'))).toBe('2027-01-01');
    expect(shanghaiDateOf(new Date('2024-02-29T07:00:00Z'))).toBe('2024-02-29');
  });
  it('agrees with the time-zone database on every hour of a year', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const disagreeing: string[] = [];
    for (let ms = Date.parse('2025-01-01T00:00:00Z'); ms < Date.parse('2026-01-01T00:00:00Z'); ms += 3600_000) if (shanghaiDateOf(ms) !== zone.format(ms)) disagreeing.push(new Date(ms).toISOString());
    expect(disagreeing).toEqual([]);
  });
});
