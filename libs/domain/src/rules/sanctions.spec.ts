import { DEFAULT_POLICY, type PolicySettings } from '../policy/policy-settings';
import { calendarDate as d } from '../time/calendar-date';
import type { SanctionKind } from '../vocabulary';
import {
  annualGradeConstraint,
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
