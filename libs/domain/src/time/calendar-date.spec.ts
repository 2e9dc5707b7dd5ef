import fc from 'fast-check';
import { addDays, addMonths, addYears, calendarDate as d, daysBetween, elapsed, fromDayNumber, toDayNumber, type CalendarDate } from './calendar-date';

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

describe('T3 anniversaries at their boundary (the day before, the day of, the day after)', () => {
  it('given a start on 29 February, then N full years are reached on 28 February of a common year and on 29 February of a leap year', () => {
    expect(addYears(d('2016-02-29'), 1)).toBe('2017-02-28');
    expect(addYears(d('2016-02-29'), 8)).toBe('2024-02-29');
    expect(elapsed(d('2016-02-29'), d('2017-02-27')).years).toBe(0);
    expect(elapsed(d('2016-02-29'), d('2017-02-28')).years).toBe(1);
    expect(elapsed(d('2016-02-29'), d('2017-03-01')).years).toBe(1);
    expect(elapsed(d('2016-02-29'), d('2024-02-28')).years).toBe(7);
    expect(elapsed(d('2016-02-29'), d('2024-02-29')).years).toBe(8);
    expect(elapsed(d('2016-02-29'), d('2024-03-01')).years).toBe(8);
  });

  it('given a start on 28 February, then its anniversary in a leap year is 28 February, not 29', () => {
    expect(elapsed(d('2023-02-28'), d('2024-02-27')).years).toBe(0);
    expect(elapsed(d('2023-02-28'), d('2024-02-28')).years).toBe(1);
    expect(elapsed(d('2023-02-28'), d('2024-02-29')).years).toBe(1);
  });

  it('months work the same way: 31 August + 1 month is 30 September, 31 January + 1 month is the last day of February', () => {
    expect(addMonths(d('2023-08-31'), 1)).toBe('2023-09-30');
    expect(addMonths(d('2023-01-31'), 1)).toBe('2023-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(elapsed(d('2023-08-31'), d('2023-09-29'))).toEqual({ years: 0, months: 0, days: 29 });
    expect(elapsed(d('2023-08-31'), d('2023-09-30'))).toEqual({ years: 0, months: 1, days: 0 });
    expect(elapsed(d('2023-08-31'), d('2023-10-01'))).toEqual({ years: 0, months: 1, days: 1 });
  });

  it('given an end on or before the start, then nothing has elapsed', () => {
    expect(elapsed(d('2020-05-05'), d('2020-05-05'))).toEqual({ years: 0, months: 0, days: 0 });
    expect(elapsed(d('2020-05-05'), d('2020-05-04'))).toEqual({ years: 0, months: 0, days: 0 });
    expect(elapsed(d('2020-05-05'), d('2020-05-06'))).toEqual({ years: 0, months: 0, days: 1 });
  });
});

describe('T3 anniversaries at their boundary, for any start (properties)', () => {
  const startArb = fc.integer({ min: toDayNumber(d('1950-01-01')), max: toDayNumber(d('2090-12-31')) }).map(fromDayNumber);
  const totalMonths = (start: CalendarDate, end: CalendarDate) => {
    const e = elapsed(start, end);
    return e.years * 12 + e.months;
  };

  it('given any start and N years, then N full years are reached on the N-th anniversary: N − 1 the day before, N on it and the day after', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const anniversary = addYears(start, n);
        expect([elapsed(start, addDays(anniversary, -1)).years, elapsed(start, anniversary).years, elapsed(start, addDays(anniversary, 1)).years]).toEqual([n - 1, n, n]);
      }),
    );
  });

  it('given any start and N months, then N full months are reached on the N-month anniversary: N − 1 the day before, N on it and the day after', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 600 }), (start, n) => {
        const anniversary = addMonths(start, n);
        expect([totalMonths(start, addDays(anniversary, -1)), totalMonths(start, anniversary), totalMonths(start, addDays(anniversary, 1))]).toEqual([n - 1, n, n]);
      }),
    );
  });
});
