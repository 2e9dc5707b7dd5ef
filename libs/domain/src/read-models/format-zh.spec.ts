import { calendarDate } from '../time/calendar-date';
import { lengthZh, periodZh } from './format-zh';

describe('lengths and periods in Chinese text', () => {
  it.each([
    [{ years: 8, months: 0 }, '8 年 0 个月'],
    [{ years: 11, months: 5, days: 29 }, '11 年 5 个月 29 天'],
    [{ years: 0, months: 0, days: 1 }, '0 年 0 个月 1 天'],
    // Nothing at all: "0 天", not "0 年 0 个月（共 0 天）" (found by a review).
    [{ years: 0, months: 0, days: 0 }, '0 天'],
    [{ years: 0, months: 0 }, '0 天'],
  ])('%j is written %s', (length, text) => {
    expect(lengthZh(length)).toBe(text);
  });

  it('a period with an exclusive end is shown to its last day', () => {
    expect(periodZh(calendarDate('2015-01-01'), calendarDate('2015-05-02'))).toBe('2015-01-01 至 2015-05-01');
    expect(periodZh(calendarDate('2015-01-01'), calendarDate('2015-01-02'))).toBe('2015-01-01 至 2015-01-01');
    // Ended the day it began: no day covered, not a period ending before it starts (found by a review).
    expect(periodZh(calendarDate('2020-03-02'), calendarDate('2020-03-02'))).toBe('2020-03-02（当日即结束）');
  });
});
