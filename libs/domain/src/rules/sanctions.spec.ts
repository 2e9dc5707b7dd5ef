import { DEFAULT_POLICY, type PolicySettings } from '../policy/policy-settings';
import { addDays, calendarDate as d } from '../time/calendar-date';
import type { SanctionKind } from '../vocabulary';
import {
  annualGradeConstraint,
  gradeConstraintOfKind,
  gradeAllowed,
  sanctionEffectPeriods,
  sanctionPeriodOn,
  sanctionPeriodsOverlapping,
  type SanctionRecord,
} from './sanctions';

const settings: PolicySettings = DEFAULT_POLICY.settings;

let seq = 0;
function sanction(kind: SanctionKind, effectiveDate: string, extra: Partial<SanctionRecord> = {}): SanctionRecord {
  seq++;
  return {
    sanctionId: `S${seq}`,
    eventId: `e-S${seq}`,
    kind,
    effectiveDate: d(effectiveDate),
    recordedAt: `${effectiveDate}T08:00:00.000Z`,
    appendOrder: seq, // appended in the order the spec makes them
    rescinded: false,
    retracted: false,
    ...extra,
  };
}

describe('N3 sanction effect periods', () => {
  it('given a WARNING (6 months) on 2023-03-15, then it covers up to, not including, 2023-09-15', () => {
    const periods = sanctionEffectPeriods([sanction('WARNING', '2023-03-15')], settings);
    expect(periods).toEqual([expect.objectContaining({ from: '2023-03-15', to: '2023-09-15', kind: 'WARNING' })]);
    expect(sanctionPeriodOn(periods, d('2023-03-14'))).toBeUndefined();
    expect(sanctionPeriodOn(periods, d('2023-03-15'))).toBeDefined();
    expect(sanctionPeriodOn(periods, d('2023-09-14'))).toBeDefined(); // the day before the anniversary
    expect(sanctionPeriodOn(periods, d('2023-09-15'))).toBeUndefined(); // the anniversary itself
  });

  it.each([
    ['WARNING', 6, '2023-09-15'], // 警告 (政务处分法 §8)
    ['DEMERIT', 12, '2024-03-15'], // 记过
    ['MAJOR_DEMERIT', 18, '2024-09-15'], // 记大过
    ['DEMOTION', 24, '2025-03-15'], // 降级
    ['REMOVAL', 24, '2025-03-15'], // 撤职
    ['PARTY_WARNING', 12, '2024-03-15'], // 党内警告
    ['PARTY_SERIOUS_WARNING', 18, '2024-09-15'], // 严重警告
    ['PARTY_POST_REVOKED', 24, '2025-03-15'], // 撤销党内职务
    ['ADMONISHMENT', 6, '2023-09-15'], // 诫勉 (setting; unverified)
    ['POST_ADJUSTMENT', 12, '2024-03-15'], // 调整职务
    ['ORDERED_RESIGNATION', 12, '2024-03-15'], // 责令辞职
    ['DISMISSAL_FROM_POST', 12, '2024-03-15'], // 免职
    ['DEMOTION_IN_POST', 24, '2025-03-15'], // 降职
  ] as const)('given a %s of 2023-03-15 (RULES N3: %i months), then it runs from that day, covers the day before %s and ends on it', (kind, _months, end) => {
    const periods = sanctionEffectPeriods([sanction(kind, '2023-03-15')], settings);
    expect(periods).toEqual([expect.objectContaining({ from: '2023-03-15', to: end })]);
    const on = (date: string) => sanctionPeriodOn(periods, d(date)) !== undefined;
    expect([on('2023-03-14'), on('2023-03-15'), on(addDays(d(end), -1)), on(end), on(addDays(d(end), 1))]).toEqual([false, true, true, false, false]);
  });

  it('given a period starting on 31 August, then the month-end rule of T3 ends it on 28/29 February', () => {
    const [p] = sanctionEffectPeriods([sanction('WARNING', '2023-08-31')], settings);
    expect(p!.to).toBe('2024-02-29');
    const [q] = sanctionEffectPeriods([sanction('DEMERIT', '2024-02-29')], settings);
    expect(q!.to).toBe('2025-02-28');
  });

  it('given a DEMERIT during a running WARNING, then its period is the remainder plus its own 12 months', () => {
    const warning = sanction('WARNING', '2023-01-10'); // runs to 2023-07-10
    const demerit = sanction('DEMERIT', '2023-04-01');
    const periods = sanctionEffectPeriods([demerit, warning], settings);
    expect(periods).toEqual([
      { sanctionId: warning.sanctionId, eventIds: [warning.eventId], kind: 'WARNING', from: '2023-01-10', to: '2023-07-10' },
      {
        sanctionId: demerit.sanctionId,
        eventIds: [demerit.eventId, warning.eventId],
        kind: 'DEMERIT',
        from: '2023-04-01',
        to: '2024-07-10',
      },
    ]);
    expect(sanctionPeriodOn(periods, d('2024-07-09'))?.sanctionId).toBe(demerit.sanctionId);
    expect(sanctionPeriodOn(periods, d('2024-07-10'))).toBeUndefined();
  });

  it('given accumulated government sanctions, then the period is capped at 48 months from the new decision', () => {
    const removal = sanction('REMOVAL', '2020-01-01'); // to 2022-01-01
    const demotion = sanction('DEMOTION', '2021-12-01'); // remainder 1 month + 24 → 2024-01-01
    const major = sanction('MAJOR_DEMERIT', '2022-01-01'); // 2024-01-01 + 18 = 2025-07-01, cap 2026-01-01
    const another = sanction('DEMOTION', '2022-02-01'); // 2025-07-01 + 24 = 2027-07-01, cap 2026-02-01
    const periods = sanctionEffectPeriods([removal, demotion, major, another], settings);
    expect(periods.map((p) => p.to)).toEqual(['2022-01-01', '2024-01-01', '2025-07-01', '2026-02-01']);
    expect(periods[3]!.eventIds).toEqual([another.eventId, major.eventId, demotion.eventId, removal.eventId]);
  });

  describe('the 48-month cap at its boundary: a REMOVAL and a DEMOTION of 2020-01-01 run to 2024-01-01; a WARNING then accumulates to 2024-07-01', () => {
    const running = () => [
      sanction('REMOVAL', '2020-01-01', { recordedAt: '2020-01-01T08:00:00.000Z' }),
      sanction('DEMOTION', '2020-01-01', { recordedAt: '2020-01-01T09:00:00.000Z' }),
    ];
    it.each([
      ['2020-06-30', '2024-06-30'], // 48 months from the WARNING end a day before the accumulated end: capped
      ['2020-07-01', '2024-07-01'], // exactly 48 months
      ['2020-07-02', '2024-07-01'], // within 48 months: the remainder plus 6 months
    ])('given the WARNING effective %s, then its period ends (exclusive) on %s', (warning, end) => {
      const periods = sanctionEffectPeriods([...running(), sanction('WARNING', warning)], settings);
      expect(periods.map((p) => p.to)).toEqual(['2022-01-01', '2024-01-01', end]);
      expect(sanctionPeriodOn(periods, addDays(d(end), -1))?.kind).toBe('WARNING');
      expect(sanctionPeriodOn(periods, d(end))).toBeUndefined();
    });
  });

  it('given a government sanction the day the running one ends, then it starts afresh (no remainder)', () => {
    const periods = sanctionEffectPeriods([sanction('WARNING', '2023-01-10'), sanction('WARNING', '2023-07-10')], settings);
    expect(periods[1]).toEqual(expect.objectContaining({ from: '2023-07-10', to: '2024-01-10' }));
    expect(periods[1]!.eventIds).toHaveLength(1);
  });

  it('given party and organizational sanctions during a government period, then each runs independently', () => {
    const periods = sanctionEffectPeriods(
      [sanction('WARNING', '2023-01-10'), sanction('PARTY_WARNING', '2023-02-01'), sanction('ADMONISHMENT', '2023-03-01')],
      settings,
    );
    expect(periods.map((p) => [p.kind, p.from, p.to])).toEqual([
      ['WARNING', '2023-01-10', '2023-07-10'],
      ['PARTY_WARNING', '2023-02-01', '2024-02-01'],
      ['ADMONISHMENT', '2023-03-01', '2023-09-01'],
    ]);
  });

  it('given rescinded (void from start) and retracted sanctions, then they give no period and do not accumulate', () => {
    const rescinded = sanction('DEMERIT', '2023-01-10', { rescinded: true });
    const retracted = sanction('WARNING', '2023-01-12', { retracted: true });
    const later = sanction('WARNING', '2023-03-01');
    const periods = sanctionEffectPeriods([rescinded, retracted, later], settings);
    expect(periods).toEqual([{ sanctionId: later.sanctionId, eventIds: [later.eventId], kind: 'WARNING', from: '2023-03-01', to: '2023-09-01' }]);
  });

  it('given 0-month kinds (批评教育, 开除), then there is no period', () => {
    expect(sanctionEffectPeriods([sanction('CRITICISM_EDUCATION', '2023-01-10'), sanction('EXPULSION', '2023-01-10')], settings)).toEqual([]);
  });

  it('finds the periods overlapping a cycle (to is exclusive)', () => {
    const cycle = [d('2021-01-01'), d('2026-01-01')] as const;
    // 2020-07-01 + 6 months = 2021-01-01 (exclusive): the period does not reach 2021.
    expect(sanctionPeriodsOverlapping(sanctionEffectPeriods([sanction('WARNING', '2020-07-01')], settings), ...cycle)).toEqual([]);
    expect(sanctionPeriodsOverlapping(sanctionEffectPeriods([sanction('WARNING', '2020-07-02')], settings), ...cycle)).toHaveLength(1);
    expect(sanctionPeriodsOverlapping(sanctionEffectPeriods([sanction('WARNING', '2025-12-31')], settings), ...cycle)).toHaveLength(1);
    expect(sanctionPeriodsOverlapping(sanctionEffectPeriods([sanction('WARNING', '2026-01-01')], settings), ...cycle)).toEqual([]);
  });
});

describe('N4 sanction and annual grade', () => {
  it('a WARNING year cannot be EXCELLENT; the next year is free', () => {
    const s = [sanction('WARNING', '2022-05-01')];
    expect(annualGradeConstraint(s, 2022)).toEqual({ constraint: 'NOT_EXCELLENT', eventIds: [s[0]!.eventId] });
    expect(annualGradeConstraint(s, 2023).constraint).toBe('NONE');
    expect(gradeAllowed('EXCELLENT', 'NOT_EXCELLENT')).toBe(false);
    expect(gradeAllowed('COMPETENT', 'NOT_EXCELLENT')).toBe(true);
  });

  it('a DEMERIT year is ungraded', () => {
    const s = [sanction('DEMERIT', '2022-05-01')];
    expect(annualGradeConstraint(s, 2022).constraint).toBe('UNGRADED');
    expect(annualGradeConstraint(s, 2023).constraint).toBe('NONE');
    expect(gradeAllowed('COMPETENT', 'UNGRADED')).toBe(false);
    expect(gradeAllowed('UNGRADED', 'UNGRADED')).toBe(true);
  });

  it.each([
    ['WARNING', ['NONE', 'NOT_EXCELLENT', 'NONE', 'NONE']],
    ['DEMERIT', ['NONE', 'UNGRADED', 'NONE', 'NONE']],
    ['MAJOR_DEMERIT', ['NONE', 'UNGRADED', 'UNGRADED', 'NONE']],
    ['DEMOTION', ['NONE', 'UNGRADED', 'UNGRADED', 'NONE']],
    ['REMOVAL', ['NONE', 'UNGRADED', 'UNGRADED', 'NONE']],
    ['EXPULSION', ['NONE', 'UNGRADED', 'UNGRADED', 'NONE']],
  ] as const)('given a %s of 2022-06-01, then the years 2021, 2022, 2023 and 2024 are constrained %j (RULES N4)', (kind, constraints) => {
    const s = [sanction(kind, '2022-06-01')];
    expect([2021, 2022, 2023, 2024].map((y) => annualGradeConstraint(s, y).constraint)).toEqual(constraints);
  });

  it('MAJOR_DEMERIT and above leave that year and the next ungraded; the strictest constraint wins', () => {
    const s = [sanction('WARNING', '2023-02-01'), sanction('MAJOR_DEMERIT', '2022-11-01')];
    expect(annualGradeConstraint(s, 2022).constraint).toBe('UNGRADED');
    expect(annualGradeConstraint(s, 2023)).toEqual({ constraint: 'UNGRADED', eventIds: [s[1]!.eventId] });
    expect(annualGradeConstraint(s, 2024).constraint).toBe('NONE');
  });

  it('rescinded sanctions and party sanctions put no constraint', () => {
    const s = [sanction('DEMOTION', '2022-02-01', { rescinded: true }), sanction('PARTY_SERIOUS_WARNING', '2022-02-01')];
    expect(annualGradeConstraint(s, 2022).constraint).toBe('NONE');
  });
});

describe('N3 order of the sanctions: effective date, then append order (T2)', () => {
  it('given a WARNING recorded late (back-dated), then a DEMERIT effective during it still carries its remainder', () => {
    // The WARNING takes effect first (2023-01-10 → 2023-07-10) but was recorded after the DEMERIT.
    const warning = sanction('WARNING', '2023-01-10', { recordedAt: '2023-05-01T08:00:00.000Z' });
    const demerit = sanction('DEMERIT', '2023-04-01', { recordedAt: '2023-04-02T08:00:00.000Z' });
    for (const input of [
      [demerit, warning],
      [warning, demerit],
    ]) {
      expect(sanctionEffectPeriods(input, settings)).toEqual([
        { sanctionId: warning.sanctionId, eventIds: [warning.eventId], kind: 'WARNING', from: '2023-01-10', to: '2023-07-10' },
        { sanctionId: demerit.sanctionId, eventIds: [demerit.eventId, warning.eventId], kind: 'DEMERIT', from: '2023-04-01', to: '2024-07-10' },
      ]);
    }
  });

  it('given two government sanctions of the same day, then the one recorded first runs first and the other accumulates on it', () => {
    const first = sanction('WARNING', '2023-03-01', { eventId: 'e-z', recordedAt: '2023-03-02T08:00:00.000Z' });
    const second = sanction('DEMERIT', '2023-03-01', { eventId: 'e-a', recordedAt: '2023-03-03T08:00:00.000Z' });
    for (const input of [
      [second, first],
      [first, second],
    ]) {
      expect(sanctionEffectPeriods(input, settings)).toEqual([
        { sanctionId: first.sanctionId, eventIds: ['e-z'], kind: 'WARNING', from: '2023-03-01', to: '2023-09-01' },
        // remainder to 2023-09-01 plus 12 months
        { sanctionId: second.sanctionId, eventIds: ['e-a', 'e-z'], kind: 'DEMERIT', from: '2023-03-01', to: '2024-09-01' },
      ]);
    }
  });

  it('given two of the same day recorded at the same instant, then the one appended first runs first (T2), whatever the ids', () => {
    // A WARNING then a MAJOR_DEMERIT of 2023-08-31, imported in one batch (one recordedAt), ids
    // whose text order is the reverse of their append order (found by a review: "imp-10" < "imp-9").
    const at = { recordedAt: '2023-09-02T08:00:00.000Z' };
    const warning = sanction('WARNING', '2023-08-31', { eventId: 'imp-9', ...at });
    const major = sanction('MAJOR_DEMERIT', '2023-08-31', { eventId: 'imp-10', ...at });
    for (const input of [
      [warning, major],
      [major, warning],
    ]) {
      // The WARNING runs to 2024-02-29 (31 August + 6 months, month-end: T3); the MAJOR_DEMERIT
      // adds 18 months to that remainder: 2025-08-29. Taken the other way round it would end on
      // 2025-08-28 (2025-02-28 + 6 months).
      expect(sanctionEffectPeriods(input, settings)).toEqual([
        { sanctionId: warning.sanctionId, eventIds: ['imp-9'], kind: 'WARNING', from: '2023-08-31', to: '2024-02-29' },
        { sanctionId: major.sanctionId, eventIds: ['imp-10', 'imp-9'], kind: 'MAJOR_DEMERIT', from: '2023-08-31', to: '2025-08-29' },
      ]);
      expect(sanctionPeriodOn(sanctionEffectPeriods(input, settings), d('2025-08-28'))).toBeDefined();
      expect(sanctionPeriodOn(sanctionEffectPeriods(input, settings), d('2025-08-29'))).toBeUndefined();
    }
  });

  it('given same-day WARNINGs, then the N4 constraint lists their events by date, then in append order (T2)', () => {
    const at = { recordedAt: '2022-05-02T08:00:00.000Z' };
    const z = sanction('WARNING', '2022-05-01', { eventId: 'e-z', recordedAt: '2022-05-01T08:00:00.000Z' });
    const y = sanction('WARNING', '2022-05-01', { eventId: 'e-y', ...at });
    const x = sanction('WARNING', '2022-05-01', { eventId: 'e-x', ...at });
    const backDated = sanction('WARNING', '2022-04-01', { eventId: 'e-zz', recordedAt: '2022-06-01T08:00:00.000Z' });
    expect(annualGradeConstraint([x, backDated, y, z], 2022)).toEqual({ constraint: 'NOT_EXCELLENT', eventIds: ['e-zz', 'e-z', 'e-y', 'e-x'] });
  });
});

describe('N3 accumulation never shortens a sanction’s own period', () => {
  it('given a cap shorter than the new sanction’s own months, then its period still runs its own N months', () => {
    const shortCap: PolicySettings = { ...settings, sanctionAccumulationCapMonths: 3 };
    const warning = sanction('WARNING', '2023-01-10'); // → 2023-07-10
    const demerit = sanction('DEMERIT', '2023-04-01'); // own 12 months → 2024-04-01; cap 3 months → 2023-07-01
    expect(sanctionEffectPeriods([warning, demerit], shortCap)[1]).toEqual({
      sanctionId: demerit.sanctionId,
      eventIds: [demerit.eventId, warning.eventId],
      kind: 'DEMERIT',
      from: '2023-04-01',
      to: '2024-04-01',
    });
  });
  it('given a cap ending before the running period, then the new period runs at least to the running one’s end', () => {
    const noCap: PolicySettings = { ...settings, sanctionAccumulationCapMonths: 0 };
    const removal = sanction('REMOVAL', '2020-01-01'); // → 2022-01-01
    const warning = sanction('WARNING', '2020-02-01'); // own → 2020-08-01; cap 0 → 2020-02-01
    expect(sanctionEffectPeriods([removal, warning], noCap)[1]).toEqual(expect.objectContaining({ from: '2020-02-01', to: '2022-01-01' }));
  });
});

describe('N3 party and organizational periods rest on their own event', () => {
  it('given a party sanction, then its period names its own SanctionImposed event', () => {
    const party = sanction('PARTY_WARNING', '2023-02-01');
    expect(sanctionEffectPeriods([party], settings)).toEqual([
      { sanctionId: party.sanctionId, eventIds: [party.eventId], kind: 'PARTY_WARNING', from: '2023-02-01', to: '2024-02-01' },
    ]);
  });
});

describe('N3 the binding period on a date: the one lasting longest, then the latest started', () => {
  const period = (sanctionId: string, from: string, to: string) => ({ sanctionId, eventIds: [`e-${sanctionId}`], kind: 'WARNING' as const, from: d(from), to: d(to) });
  const short = period('SHORT', '2023-02-01', '2023-07-01');
  const long = period('LONG', '2023-01-01', '2024-01-01');
  const sameEndLater = period('SAME_END_LATER', '2023-03-01', '2024-01-01');

  it('given a longer and a shorter period, then the longer binds whatever their order', () => {
    expect(sanctionPeriodOn([short, long], d('2023-04-01'))?.sanctionId).toBe('LONG');
    expect(sanctionPeriodOn([long, short], d('2023-04-01'))?.sanctionId).toBe('LONG');
  });
  it('given two ending the same day, then the one started later binds whatever their order', () => {
    expect(sanctionPeriodOn([long, sameEndLater], d('2023-04-01'))?.sanctionId).toBe('SAME_END_LATER');
    expect(sanctionPeriodOn([sameEndLater, long], d('2023-04-01'))?.sanctionId).toBe('SAME_END_LATER');
  });
  it('given a date only one covers, then that one, even if shorter than another not running yet or ended', () => {
    expect(sanctionPeriodOn([long, short, sameEndLater], d('2023-02-15'))?.sanctionId).toBe('LONG');
    expect(sanctionPeriodOn([short, sameEndLater], d('2023-02-15'))?.sanctionId).toBe('SHORT');
  });
  it('given a government and a party sanction of the same day and length (双处分), then the one recorded first binds whatever the input order', () => {
    // DEMERIT (记过) and PARTY_WARNING (党内警告) both run 12 months: two periods with the same from and to.
    const government = sanction('DEMERIT', '2023-03-01', { sanctionId: 'GOV', recordedAt: '2023-03-02T08:00:00.000Z' });
    const party = sanction('PARTY_WARNING', '2023-03-01', { sanctionId: 'PARTY', recordedAt: '2023-03-03T08:00:00.000Z' });
    for (const input of [
      [government, party],
      [party, government],
    ]) {
      const periods = sanctionEffectPeriods(input, settings);
      expect(periods.map((p) => [p.sanctionId, p.from, p.to])).toEqual([
        ['GOV', '2023-03-01', '2024-03-01'],
        ['PARTY', '2023-03-01', '2024-03-01'],
      ]);
      expect(sanctionPeriodOn(periods, d('2023-06-01'))?.sanctionId).toBe('GOV');
    }
  });
  it('given a party period outlasting a running government one, then the party period binds', () => {
    const periods = sanctionEffectPeriods([sanction('WARNING', '2023-01-10', { sanctionId: 'GOV' }), sanction('PARTY_WARNING', '2023-02-01', { sanctionId: 'PARTY' })], settings);
    expect(sanctionPeriodOn(periods, d('2023-03-01'))).toEqual(expect.objectContaining({ sanctionId: 'PARTY', to: '2024-02-01' }));
  });
});

describe('N4 the constraint lists exactly the events behind it', () => {
  it('given no sanction, or only sanctions that leave the year alone, then NONE with no events', () => {
    expect(annualGradeConstraint([], 2022)).toEqual({ constraint: 'NONE', eventIds: [] });
    expect(annualGradeConstraint([sanction('PARTY_WARNING', '2022-03-01'), sanction('WARNING', '2021-03-01')], 2022)).toEqual({ constraint: 'NONE', eventIds: [] });
  });
  it('given two sanctions putting the same constraint, then both events are listed', () => {
    const a = sanction('DEMERIT', '2022-02-01');
    const b = sanction('MAJOR_DEMERIT', '2021-06-01'); // ungraded 2021 and 2022
    expect(annualGradeConstraint([a, b], 2022)).toEqual({ constraint: 'UNGRADED', eventIds: [b.eventId, a.eventId] });
  });
  it('given a weaker constraint after a stricter one, then only the stricter one’s events are listed', () => {
    const demerit = sanction('DEMERIT', '2022-02-01');
    const warning = sanction('WARNING', '2022-06-01');
    const party = sanction('PARTY_WARNING', '2022-07-01');
    expect(annualGradeConstraint([warning, party, demerit], 2022)).toEqual({ constraint: 'UNGRADED', eventIds: [demerit.eventId] });
  });
  it('given a stricter constraint after a weaker one, then it replaces the weaker one’s events', () => {
    const warning = sanction('WARNING', '2022-02-01');
    const demerit = sanction('DEMERIT', '2022-06-01');
    expect(annualGradeConstraint([demerit, warning], 2022)).toEqual({ constraint: 'UNGRADED', eventIds: [demerit.eventId] });
  });
});

describe('N3/N4 an unknown kind or constraint fails loudly (a gap between the vocabulary and the rules)', () => {
  it('given a sanction kind the rules do not know, then the N4 constraint throws naming it', () => {
    expect(() => gradeConstraintOfKind('BOGUS' as never, 2022, 2022)).toThrow('unhandled sanction kind: "BOGUS"');
  });
  it('given a constraint the rules do not know, then gradeAllowed throws naming it', () => {
    expect(() => gradeAllowed('EXCELLENT', 'BOGUS' as never)).toThrow('unhandled grade constraint: "BOGUS"');
  });
});
