import fc from 'fast-check';
import { addDays, addYears, calendarDate as d, elapsed, type CalendarDate } from '../time/calendar-date';
import { continuesSamePost, continuousRuns, coveredDays, runCovering, runLength, samePostHeldSince, serviceLength, type HoldingInterval } from './continuity';

const i = (from: string, to: string | null, ...eventIds: string[]): HoldingInterval => ({
  from: d(from),
  to: to === null ? null : d(to),
  eventIds,
});

describe('TM4 re-election (换届连任): continuesSamePost', () => {
  const ended = { orgUnitId: 'T1', role: 'PARTY_SECRETARY', from: d('2016-03-01'), to: d('2021-06-01') };
  it('given a holding ended 2021-06-01, then the same post taken 2021-05-31 or 2021-06-02 does not continue it, taken 2021-06-01 does', () => {
    expect(['2021-05-31', '2021-06-01', '2021-06-02'].map((on) => continuesSamePost(ended, { orgUnitId: 'T1', role: 'PARTY_SECRETARY', from: d(on) }))).toEqual([false, true, false]);
  });
  it('given another township or another role taken the day the holding ended, then no continuation; a holding not ended continues nothing', () => {
    expect(continuesSamePost(ended, { orgUnitId: 'T2', role: 'PARTY_SECRETARY', from: d('2021-06-01') })).toBe(false);
    expect(continuesSamePost(ended, { orgUnitId: 'T1', role: 'HEAD', from: d('2021-06-01') })).toBe(false);
    expect(continuesSamePost({ ...ended, to: null }, { orgUnitId: 'T1', role: 'PARTY_SECRETARY', from: d('2021-06-01') })).toBe(false);
  });
  it('given two re-elections in a row, then samePostHeldSince follows both back to the first holding', () => {
    const posts = [ended, { ...ended, from: d('2021-06-01'), to: d('2026-06-01') }, { ...ended, from: d('2026-06-01'), to: null }];
    expect(samePostHeldSince(posts, posts[2]!)).toBe('2016-03-01');
    expect(samePostHeldSince(posts, { ...posts[2]!, from: d('2026-06-02') })).toBe('2026-06-02');
  });
});

describe('C1 continuous runs', () => {
  it('given back-to-back holdings (transfer between townships), then one run', () => {
    const runs = continuousRuns([i('2016-03-01', '2020-05-10', 'a'), i('2020-05-10', null, 'b')]);
    expect(runs).toEqual([{ start: '2016-03-01', end: null, eventIds: ['a', 'b'] }]);
  });

  it('given a one-day gap with grace 0, then the run restarts', () => {
    const runs = continuousRuns([i('2016-03-01', '2020-05-10'), i('2020-05-11', null)], 0);
    expect(runs.map((r) => r.start)).toEqual(['2016-03-01', '2020-05-11']);
    expect(runCovering(runs, d('2024-01-01'))?.start).toBe('2020-05-11');
    expect(runCovering(runs, d('2020-05-10'))).toBeUndefined();
  });

  it('given a gap within continuityGraceDays, then the run continues', () => {
    const runs = continuousRuns([i('2016-03-01', '2020-05-10'), i('2020-05-17', null)], 7);
    expect(runs).toHaveLength(1);
    expect(continuousRuns([i('2016-03-01', '2020-05-10'), i('2020-05-18', null)], 7)).toHaveLength(2);
  });

  it('given overlapping and nested holdings, then they merge, and days count once', () => {
    const intervals = [i('2010-01-01', '2012-01-01'), i('2011-01-01', '2011-06-01'), i('2011-12-01', '2013-01-01')];
    expect(continuousRuns(intervals)).toEqual([{ start: '2010-01-01', end: '2013-01-01', eventIds: [] }]);
    expect(coveredDays(intervals, d('2030-01-01'))).toBe(365 + 365 + 366);
    expect(coveredDays(intervals, d('2010-01-11'))).toBe(10);
  });

  it('C2: a secondment that keeps the post is no interval break at all (the holding interval is unchanged)', () => {
    // The post is held 2016-03-01 → open; a secondment 2018-01-01..2018-06-30 does not end it.
    expect(continuousRuns([i('2016-03-01', null)])).toHaveLength(1);
  });

  it('T3: run length by anniversaries, including a 29 February start', () => {
    const [run] = continuousRuns([i('2016-02-29', null)]);
    expect(runLength(run!, d('2024-02-28'))).toEqual({ years: 7, months: 11, days: 30 });
    expect(runLength(run!, d('2024-02-29'))).toEqual({ years: 8, months: 0, days: 0 });
    // 2017-02-28 is the first anniversary of 2016-02-29 (month-end rule).
    expect(runLength(run!, d('2017-02-28')).years).toBe(1);
    expect(runLength(run!, d('2017-02-27')).years).toBe(0);
  });

  it('serviceLength follows the anniversary rule for one span ending on the date', () => {
    const asOf = d('2025-12-31');
    expect(serviceLength([i('2020-12-31', null)], asOf)).toEqual({ years: 5, months: 0, days: 0, totalDays: 1826 });
    expect(serviceLength([i('2021-01-01', null)], asOf)).toEqual({ years: 4, months: 11, days: 30, totalDays: 1825 });
    expect(serviceLength([i('2020-12-30', null)], asOf).years).toBe(5);
  });

  describe('a span that ended before the date is measured from its start to its end (found by a review: laid back from the date, it lost a leap day)', () => {
    // 2021-03-01 to 2023-03-01 holds no 29 February; the two years before 2024-06-01 hold one.
    it.each([
      ['2023-02-28', { years: 1, months: 11, days: 27, totalDays: 729 }],
      ['2023-03-01', { years: 2, months: 0, days: 0, totalDays: 730 }],
      ['2023-03-02', { years: 2, months: 0, days: 1, totalDays: 731 }],
    ])('ended %s, on 2024-06-01: %j', (end, expected) => {
      expect(serviceLength([i('2021-03-01', end)], d('2024-06-01'))).toEqual(expected);
    });
  });

  it('separate spans: their whole months are added, then their odd days laid after them from the first span’s start', () => {
    // 2015-01-01 to 2017-01-01: 2 years; 2023-01-01 to the date: 2 years 11 months and the days of December.
    const spans = [i('2015-01-01', '2017-01-01'), i('2023-01-01', null)];
    // 2015-01-01 + 59 months = 2019-12-01, + 29 days = 2019-12-30: 4 years 11 months 29 days.
    expect(serviceLength(spans, d('2025-12-30'))).toEqual({ years: 4, months: 11, days: 29, totalDays: 731 + 1094 });
    // + 30 days = 2019-12-31.
    expect(serviceLength(spans, d('2025-12-31'))).toEqual({ years: 4, months: 11, days: 30, totalDays: 731 + 1095 });
    // 2023-01-01 to 2026-01-01 is 3 years: 5 in all.
    expect(serviceLength(spans, d('2026-01-01'))).toEqual({ years: 5, months: 0, days: 0, totalDays: 731 + 1096 });
    // Overlapping holdings count once.
    expect(serviceLength([i('2015-01-01', '2017-01-01'), i('2016-01-01', '2017-01-01')], d('2020-01-01'))).toEqual({ years: 2, months: 0, days: 0, totalDays: 731 });
    expect(serviceLength([], d('2020-01-01'))).toEqual({ years: 0, months: 0, days: 0, totalDays: 0 });
  });
});

describe('C1 continuityGraceDays at its boundary (a gap of grace − 1, grace, grace + 1 uncovered days)', () => {
  // The first holding ends (exclusive) on 2020-05-10: a next one from 2020-05-10 + g leaves g uncovered days.
  const after = (gapDays: number) => [i('2016-03-01', '2020-05-10'), i(addDays(d('2020-05-10'), gapDays), null)];
  it.each([
    [7, 6, 1],
    [7, 7, 1],
    [7, 8, 2],
    [0, 0, 1],
    [0, 1, 2],
  ])('given grace %i and a gap of %i days, then %i run(s)', (grace, gap, runs) => {
    expect(continuousRuns(after(gap), grace)).toHaveLength(runs);
  });
});

describe('C1 continuous runs: input order, empty intervals, evidence', () => {
  it('given the holdings in reverse date order, then the runs are the same, earliest first, with evidence in date order', () => {
    const runs = continuousRuns([i('2020-05-11', null, 'c'), i('2016-03-01', '2018-01-01', 'a'), i('2018-01-01', '2020-05-10', 'b')]);
    expect(runs).toEqual([
      { start: '2016-03-01', end: '2020-05-10', eventIds: ['a', 'b'] },
      { start: '2020-05-11', end: null, eventIds: ['c'] },
    ]);
  });

  it('given three separate holdings in mixed order, then three runs by start date', () => {
    const runs = continuousRuns([i('2014-01-01', '2015-01-01', 'b'), i('2016-01-01', null, 'c'), i('2010-01-01', '2011-01-01', 'a')]);
    expect(runs.map((r) => [r.start, r.end, r.eventIds])).toEqual([
      ['2010-01-01', '2011-01-01', ['a']],
      ['2014-01-01', '2015-01-01', ['b']],
      ['2016-01-01', null, ['c']],
    ]);
  });

  it('given two holdings starting the same day, then they keep their given order in the evidence', () => {
    expect(continuousRuns([i('2010-01-01', '2011-01-01', 'a'), i('2010-01-01', '2012-01-01', 'b')])).toEqual([{ start: '2010-01-01', end: '2012-01-01', eventIds: ['a', 'b'] }]);
    expect(continuousRuns([i('2010-01-01', '2012-01-01', 'b'), i('2010-01-01', '2011-01-01', 'a')])).toEqual([{ start: '2010-01-01', end: '2012-01-01', eventIds: ['b', 'a'] }]);
  });

  it('given an empty holding (to = from) or an inverted one (to < from) between two runs, then it is ignored', () => {
    const runs = continuousRuns([i('2010-01-01', '2011-01-01', 'a'), i('2012-06-01', '2012-06-01', 'empty'), i('2012-09-01', '2012-08-01', 'inverted'), i('2014-01-01', null, 'b')]);
    expect(runs).toEqual([
      { start: '2010-01-01', end: '2011-01-01', eventIds: ['a'] },
      { start: '2014-01-01', end: null, eventIds: ['b'] },
    ]);
  });

  it('given a one-day holding (to = from + 1), then it is a run of its own', () => {
    expect(continuousRuns([i('2012-06-01', '2012-06-02', 'x')])).toEqual([{ start: '2012-06-01', end: '2012-06-02', eventIds: ['x'] }]);
  });

  it('given holdings without event ids, then the runs carry no evidence', () => {
    const runs = continuousRuns([{ from: d('2010-01-01'), to: d('2011-01-01') }, { from: d('2011-01-01'), to: null }, { from: d('2015-01-01'), to: null }]);
    expect(runs).toEqual([{ start: '2010-01-01', end: null, eventIds: [] }]);
    expect(continuousRuns([{ from: d('2010-01-01'), to: null }])).toEqual([{ start: '2010-01-01', end: null, eventIds: [] }]);
  });

  it('given a holding inside the run that ends earlier than the run, then the run keeps its later end', () => {
    expect(continuousRuns([i('2010-01-01', '2015-01-01', 'a'), i('2012-01-01', '2013-01-01', 'b')])).toEqual([{ start: '2010-01-01', end: '2015-01-01', eventIds: ['a', 'b'] }]);
  });
});

describe('T3 runLength of a run that ended', () => {
  const [run] = continuousRuns([i('2016-03-01', '2020-05-10')]);

  it('given the as-of date after the end, then measured to the end', () => {
    expect(runLength(run!, d('2024-01-01'))).toEqual({ years: 4, months: 2, days: 9 });
    expect(runLength(run!, d('2020-05-11'))).toEqual({ years: 4, months: 2, days: 9 });
  });

  it('given the as-of date on the end (exclusive), then the same length', () => {
    expect(runLength(run!, d('2020-05-10'))).toEqual({ years: 4, months: 2, days: 9 });
  });

  it('given the as-of date before the end, then measured to the as-of date', () => {
    expect(runLength(run!, d('2020-05-09'))).toEqual({ years: 4, months: 2, days: 8 });
    expect(runLength(run!, d('2019-03-01'))).toEqual({ years: 3, months: 0, days: 0 });
  });
});

describe('coveredDays up to a date', () => {
  it('given a run starting after the as-of date, then it adds nothing (never a negative count)', () => {
    const intervals = [i('2010-01-01', '2011-01-01'), i('2015-01-01', null)];
    expect(coveredDays(intervals, d('2012-01-01'))).toBe(365);
    expect(coveredDays(intervals, d('2015-01-01'))).toBe(365);
    expect(coveredDays(intervals, d('2015-01-02'))).toBe(366);
    expect(coveredDays([i('2015-01-01', '2016-01-01')], d('2014-12-31'))).toBe(0);
  });

  it('given a closed run ending before the as-of date, then counted to its end', () => {
    expect(coveredDays([i('2010-01-01', '2010-01-11')], d('2010-01-10'))).toBe(9);
    expect(coveredDays([i('2010-01-01', '2010-01-11')], d('2010-01-11'))).toBe(10);
    expect(coveredDays([i('2010-01-01', '2010-01-11')], d('2010-01-12'))).toBe(10);
  });
});

describe('C1 properties', () => {
  const dayArb = fc.integer({ min: 0, max: 4000 });
  const intervalArb = fc
    .tuple(dayArb, fc.integer({ min: 1, max: 800 }), fc.boolean())
    .map(([start, len, open]): HoldingInterval => {
      const from = addDays(d('2010-01-01'), start);
      return { from, to: open ? null : addDays(from, len) };
    });

  it('runs are disjoint, ordered, separated by more than the grace, and cover every holding', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 8 }), fc.integer({ min: 0, max: 30 }), (intervals, grace) => {
        const runs = continuousRuns(intervals, grace);
        for (let k = 1; k < runs.length; k++) {
          const prev = runs[k - 1]!;
          expect(prev.end).not.toBeNull();
          expect(runs[k]!.start > addDays(prev.end as CalendarDate, grace)).toBe(true);
        }
        for (const h of intervals) expect(runCovering(runs, h.from)).toBeDefined();
      }),
    );
  });

  it('T3: one uninterrupted span from any start amounts to N years the day its N-th anniversary is reached, not the day before (TM1, TM10 township work)', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const from = addDays(d('1990-01-01'), start * 5);
        const on = addYears(from, n);
        const amounts = (asOf: CalendarDate) => serviceLength([{ from, to: null }], asOf).years >= n;
        expect([amounts(addDays(on, -1)), amounts(on), amounts(addDays(on, 1))]).toEqual([false, true, true]);
      }),
    );
  });

  it('T3: one span that ended, measured on any later date, is the anniversary rule from its start to its end', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 0, max: 3000 }), (start, length, after) => {
        const from = addDays(d('1990-01-01'), start * 3);
        const to = addDays(from, length);
        expect(serviceLength([{ from, to }], addDays(to, after))).toEqual({ ...elapsed(from, to), totalDays: length });
      }),
    );
  });

  it('T3: separate spans of whole years add up to the sum of their years, whatever leap days lie between', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 10 }), (start, n, gap, m) => {
        const first = addDays(d('1990-01-01'), start * 3);
        const second = addDays(addYears(first, n), gap + 1);
        const spans = [
          { from: first, to: addYears(first, n) },
          { from: second, to: addYears(second, m) },
        ];
        expect(serviceLength(spans, addYears(second, m + 2)).years).toBe(n + m);
      }),
    );
  });

  it('covered days are monotone in asOf and independent of input order', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 8 }), dayArb, dayArb, (intervals, a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        const early = addDays(d('2010-01-01'), x);
        const late = addDays(d('2010-01-01'), y);
        expect(coveredDays(intervals, early)).toBeLessThanOrEqual(coveredDays(intervals, late));
        expect(coveredDays([...intervals].reverse(), late)).toBe(coveredDays(intervals, late));
      }),
    );
  });
});

describe('C1: the grace bridges a gap in no post, never a day spent in another post (found by a review)', () => {
  // Secretary until 2020-01-01, secretary again from 2020-01-21; a grace of 30 days.
  const secretary = [i('2016-03-01', '2020-01-01', 'a'), i('2020-01-21', null, 'b')];
  it('given the 20 days in no post, then one run from 2016-03-01', () => {
    expect(continuousRuns(secretary, 30).map((r) => r.start)).toEqual([d('2016-03-01')]);
  });
  it.each([
    ['2019-12-01', '2020-01-01', ['2016-03-01']], // the other post ends the day the gap starts: still no day in it
    ['2020-01-01', '2020-01-02', ['2016-03-01', '2020-01-21']], // its first day in the gap
    ['2020-01-20', '2020-01-21', ['2016-03-01', '2020-01-21']], // its last day
    ['2020-01-21', '2020-02-01', ['2016-03-01']], // the day the run resumes: no day of the gap
    // A post held beside the holding since it began (人大主席 beside 党委书记) and kept into the gap: no move.
    ['2016-03-01', null, ['2016-03-01']], // held through the gap, from the holding's first day
    ['2015-01-01', '2020-01-10', ['2016-03-01']], // held since before the holding, left within the gap
    // One taken up after the holding began and held into the gap: a move, even a day's overlap (head appointed before leaving).
    ['2016-03-02', null, ['2016-03-01', '2020-01-21']], // taken up the day after the holding began
    ['2019-12-31', '2020-01-21', ['2016-03-01', '2020-01-21']], // taken up the day before the gap
  ])('given another post from %s to %s, then runs from %j', (from, to, starts) => {
    expect(continuousRuns(secretary, 30, [i(from, to)]).map((r) => r.start)).toEqual(starts.map(d));
  });
});
