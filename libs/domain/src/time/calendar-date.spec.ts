import { addDays, calendarDate as d, daysBetween, fromDayNumber, toDayNumber } from './calendar-date';

describe('calendar dates (T1–T3)', () => {
  it('adds days across a leap day and a year end', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-02-29'), 1)).toBe('2024-03-01');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
  });
  it('round-trips a day number', () => {
    expect(fromDayNumber(toDayNumber(d('1900-01-01')))).toBe('1900-01-01');
  });
  it('refuses a day number no Date can hold, instead of answering 0NaN-NaN-NaN (found by a review)', () => {
    expect(() => fromDayNumber(100_000_001)).toThrow(RangeError);
    expect(() => addDays(d('2026-01-01'), 1_000_000_000)).toThrow(RangeError);
    expect(fromDayNumber(100_000_000)).toMatch(/^\+?\d+-09-13$/);
  });
});
