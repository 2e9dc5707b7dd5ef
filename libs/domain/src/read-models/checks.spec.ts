/**
 * The shared checks of TM6b and TM10 (checks.ts), at their boundaries and with the evidence they
 * name: an answer's `evidence` is what an auditor opens, so which event ids it lists is part of
 * the rule's answer, not decoration.
 */
import { DEFAULT_POLICY } from '../policy/policy-settings';
import type { CalendarDate } from '../time/calendar-date';
import type { Grade, SanctionKind } from '../vocabulary';
import { excellentCountCheck, gradeBelow, gradesInYears, noGradeBelowCheck, noSanctionPeriodInCheck, noSanctionPeriodOnCheck } from './checks';
import type { KnownSanction } from './known-view';
import type { GradeFact } from './ledger-facts';

const settings = DEFAULT_POLICY.settings;
const d = (s: string) => s as CalendarDate;

function grade(year: number, g: Grade): GradeFact {
  return { year, grade: g, meta: { eventId: `g${year}`, effectiveDate: d(`${year + 1}-01-15`), recordedAt: `${year + 1}-01-15T02:00:00.000Z`, globalPosition: year } };
}

function sanction(id: string, kind: SanctionKind, effectiveDate: string, rescission?: string): KnownSanction {
  return {
    sanctionId: id,
    eventId: `e-${id}`,
    kind,
    effectiveDate: d(effectiveDate),
    recordedAt: `${effectiveDate}T02:00:00.000Z`,
    appendOrder: 1,
    rescinded: rescission !== undefined,
    retracted: false,
    rescissionEventId: rescission ?? null,
  };
}

describe('gradeBelow: the order EXCELLENT > COMPETENT > BASICALLY_COMPETENT > INCOMPETENT', () => {
  it('given COMPETENT as the lowest acceptable, then only the two lower grades are below it; UNGRADED never is', () => {
    expect(gradeBelow('EXCELLENT', 'COMPETENT')).toBe(false);
    expect(gradeBelow('COMPETENT', 'COMPETENT')).toBe(false);
    expect(gradeBelow('BASICALLY_COMPETENT', 'COMPETENT')).toBe(true);
    expect(gradeBelow('INCOMPETENT', 'COMPETENT')).toBe(true);
    expect(gradeBelow('UNGRADED', 'EXCELLENT')).toBe(false);
  });
});

describe('gradesInYears', () => {
  it('given grades 2019–2023 with 2021 missing, when asked for 2020–2022, then 2020 and 2022, inclusive at both ends', () => {
    const grades = new Map([2019, 2020, 2022, 2023].map((y) => [y, grade(y, 'COMPETENT')] as const));
    expect(gradesInYears(grades, 2020, 2022).map((g) => g.year)).toEqual([2020, 2022]);
    expect(gradesInYears(grades, 2022, 2022).map((g) => g.year)).toEqual([2022]);
    expect(gradesInYears(grades, 2024, 2020)).toEqual([]);
  });
});

describe('noGradeBelowCheck: the evidence is every grade read, or the failing ones', () => {
  it('given passing grades, then it passes and cites each grade’s event, the ungraded year noted as not counted', () => {
    const check = noGradeBelowCheck('TM6b', [grade(2020, 'EXCELLENT'), grade(2021, 'UNGRADED'), grade(2022, 'COMPETENT')], 'COMPETENT', '任职期间');
    expect(check).toMatchObject({ rule: 'TM6b', passed: true, evidence: ['g2020', 'g2021', 'g2022'] });
    expect(check.detail).toContain('2021 年度不确定等次');
  });

  it('given one grade below the lowest, then it fails citing only that grade', () => {
    const check = noGradeBelowCheck('TM6b', [grade(2020, 'EXCELLENT'), grade(2021, 'BASICALLY_COMPETENT')], 'COMPETENT', '任职期间');
    expect(check).toMatchObject({ passed: false, evidence: ['g2021'] });
    expect(check.detail).toContain('2021 年度基本称职');
  });

  it('given no grade at all, then it passes with no evidence', () => {
    expect(noGradeBelowCheck('TM10', [], 'COMPETENT', '周期内')).toMatchObject({ passed: true, evidence: [] });
  });
});

describe('excellentCountCheck: at least `min` EXCELLENT grades', () => {
  const grades = [grade(2020, 'EXCELLENT'), grade(2021, 'COMPETENT'), grade(2022, 'EXCELLENT')];

  it('given two EXCELLENT grades, then min 2 passes and min 3 fails; the evidence is the EXCELLENT grades only', () => {
    expect(excellentCountCheck('TM6b', grades, 2, '任职期间')).toMatchObject({ passed: true, evidence: ['g2020', 'g2022'] });
    expect(excellentCountCheck('TM6b', grades, 3, '任职期间')).toMatchObject({ passed: false, evidence: ['g2020', 'g2022'] });
  });
});

describe('noSanctionPeriodOnCheck (N3) on a date', () => {
  // 记过 (DEMERIT): 12 months from 2022-03-10, so the period is [2022-03-10, 2023-03-10).
  const demerit = sanction('S1', 'DEMERIT', '2022-03-10');

  it('given a period starting on the date itself, then the date is in it (day of); the day before is not', () => {
    expect(noSanctionPeriodOnCheck('TM6b', [demerit], settings, d('2022-03-09'))).toMatchObject({ passed: true, evidence: [] });
    expect(noSanctionPeriodOnCheck('TM6b', [demerit], settings, d('2022-03-10'))).toMatchObject({ passed: false, evidence: ['e-S1'] });
  });

  it('given the period’s last day and its end (exclusive), then the last day fails and the end passes citing the expired period', () => {
    expect(noSanctionPeriodOnCheck('TM6b', [demerit], settings, d('2023-03-09'))).toMatchObject({ passed: false, evidence: ['e-S1'] });
    const after = noSanctionPeriodOnCheck('TM6b', [demerit], settings, d('2023-03-10'));
    expect(after).toMatchObject({ passed: true, evidence: ['e-S1'] });
  });

  it('given a rescinded sanction, then it passes citing the sanction and its rescission once each, with a note', () => {
    const check = noSanctionPeriodOnCheck('TM6b', [sanction('S2', 'DEMERIT', '2022-03-10', 'r-S2')], settings, d('2022-06-30'));
    expect(check).toMatchObject({ passed: true, evidence: ['e-S2', 'r-S2'] });
    expect(check.detail).toContain('S2');
    expect(check.detail).toContain('已撤销');
  });

  it('given two government sanctions accumulating into one period, then a date in it cites both events once', () => {
    const second = sanction('S3', 'WARNING', '2022-09-01');
    const check = noSanctionPeriodOnCheck('TM6b', [demerit, second], settings, d('2023-03-10'));
    expect(check.passed).toBe(false);
    expect([...check.evidence].sort()).toEqual(['e-S1', 'e-S3']);
  });

  it('given an expired accumulated period, then it passes citing each event once (no duplicates)', () => {
    const second = sanction('S3', 'WARNING', '2022-09-01');
    const check = noSanctionPeriodOnCheck('TM6b', [demerit, second], settings, d('2025-01-01'));
    expect(check.passed).toBe(true);
    expect([...check.evidence].sort()).toEqual(['e-S1', 'e-S3']);
  });
});

describe('noSanctionPeriodInCheck (N3) over a span [from, toExclusive)', () => {
  const demerit = sanction('S1', 'DEMERIT', '2022-03-10');

  it('given a span ending the day the period starts, then no overlap; one day longer overlaps', () => {
    expect(noSanctionPeriodInCheck('TM10', [demerit], settings, d('2021-01-01'), d('2022-03-10'))).toMatchObject({ passed: true, evidence: [] });
    expect(noSanctionPeriodInCheck('TM10', [demerit], settings, d('2021-01-01'), d('2022-03-11'))).toMatchObject({ passed: false, evidence: ['e-S1'] });
  });

  it('given a span starting the day the period ends, then no overlap; one day earlier overlaps', () => {
    expect(noSanctionPeriodInCheck('TM10', [demerit], settings, d('2023-03-10'), d('2024-01-01')).passed).toBe(true);
    expect(noSanctionPeriodInCheck('TM10', [demerit], settings, d('2023-03-09'), d('2024-01-01')).passed).toBe(false);
  });

  it('given a rescinded sanction in the span, then it passes citing the sanction and its rescission', () => {
    const check = noSanctionPeriodInCheck('TM10', [sanction('S2', 'DEMERIT', '2022-03-10', 'r-S2')], settings, d('2021-01-01'), d('2026-01-01'));
    expect(check).toMatchObject({ passed: true, evidence: ['e-S2', 'r-S2'] });
    expect(check.detail).toContain('2021-01-01 至 2025-12-31');
  });
});

describe('the Chinese details of the checks (what the answer tells the reader)', () => {
  it('noGradeBelowCheck: passing grades are listed by year, without a note when no year is ungraded', () => {
    expect(noGradeBelowCheck('TM10', [grade(2021, 'EXCELLENT'), grade(2022, 'COMPETENT')], 'COMPETENT', '2021-2025 周期内').detail).toBe(
      '2021-2025 周期内年度考核（2021、2022 年）均不低于称职',
    );
    expect(noGradeBelowCheck('TM10', [grade(2021, 'EXCELLENT'), grade(2022, 'UNGRADED'), grade(2023, 'UNGRADED')], 'COMPETENT', '2021-2025 周期内').detail).toBe(
      '2021-2025 周期内年度考核（2021、2022、2023 年）均不低于称职（2022、2023 年度不确定等次，不计入）',
    );
  });

  it('noGradeBelowCheck: no grade at all says so; two grades below the lowest are both named', () => {
    expect(noGradeBelowCheck('TM10', [], 'COMPETENT', '任职期间').detail).toBe('任职期间无年度考核记录，无低于称职的等次');
    const failing = noGradeBelowCheck('TM6b', [grade(2020, 'BASICALLY_COMPETENT'), grade(2021, 'COMPETENT'), grade(2022, 'INCOMPETENT')], 'COMPETENT', '任职期间');
    expect(failing).toEqual({ rule: 'TM6b', passed: false, detail: '任职期间有年度考核低于称职：2020 年度基本称职，2022 年度不称职', evidence: ['g2020', 'g2022'] });
  });

  it('excellentCountCheck: the EXCELLENT years are named, or none', () => {
    expect(excellentCountCheck('TM10', [grade(2021, 'EXCELLENT'), grade(2023, 'EXCELLENT')], 1, '周期内').detail).toBe('周期内优秀等次 2 次（2021、2023 年），须至少 1 次');
    expect(excellentCountCheck('TM10', [grade(2021, 'COMPETENT')], 1, '周期内')).toEqual({ rule: 'TM10', passed: false, detail: '周期内优秀等次 0 次，须至少 1 次', evidence: [] });
  });

  it('noSanctionPeriodOnCheck: a date outside every period says so alone, or with a note per rescinded sanction', () => {
    expect(noSanctionPeriodOnCheck('TM6b', [sanction('S1', 'DEMERIT', '2022-03-10')], settings, d('2024-01-01')).detail).toBe('2024-01-01 不在处分或组织处理影响期内');
    expect(noSanctionPeriodOnCheck('TM6b', [], settings, d('2024-01-01')).detail).toBe('2024-01-01 不在处分或组织处理影响期内');
    const cleared = noSanctionPeriodOnCheck('TM6b', [sanction('S2', 'DEMERIT', '2022-03-10', 'r-S2'), sanction('S3', 'ADMONISHMENT', '2022-05-01', 'r-S3')], settings, d('2022-06-30'));
    expect(cleared.detail).toBe('2022-06-30 不在处分或组织处理影响期内；记过处分 S2 已撤销，自始无效；诫勉（组织处理） S3 已撤销，自始无效');
  });

  it('noSanctionPeriodOnCheck: a date in two periods (a government and a party sanction) names both', () => {
    const check = noSanctionPeriodOnCheck('TM6b', [sanction('S1', 'DEMERIT', '2022-03-10'), sanction('P1', 'PARTY_WARNING', '2022-05-01')], settings, d('2022-06-30'));
    expect(check.passed).toBe(false);
    expect(check.detail).toBe('2022-06-30 处于处分或组织处理影响期：记过处分（2022-03-10 至 2023-03-09）；党内警告处分（2022-05-01 至 2023-04-30）');
  });

  it('noSanctionPeriodInCheck: a span with two periods names both; a clear span says so, with a note per rescinded sanction', () => {
    const failing = noSanctionPeriodInCheck('TM10', [sanction('S1', 'DEMERIT', '2022-03-10'), sanction('P1', 'PARTY_WARNING', '2022-05-01')], settings, d('2021-01-01'), d('2026-01-01'));
    expect(failing.detail).toBe('2021-01-01 至 2025-12-31 期间有处分或组织处理影响期：记过处分（2022-03-10 至 2023-03-09）；党内警告处分（2022-05-01 至 2023-04-30）');
    expect(noSanctionPeriodInCheck('TM10', [], settings, d('2021-01-01'), d('2026-01-01')).detail).toBe('2021-01-01 至 2025-12-31 期间无处分或组织处理影响期');
    const cleared = noSanctionPeriodInCheck('TM10', [sanction('S2', 'DEMERIT', '2022-03-10', 'r-S2'), sanction('S3', 'ADMONISHMENT', '2022-05-01', 'r-S3')], settings, d('2021-01-01'), d('2026-01-01'));
    expect(cleared).toEqual({
      rule: 'TM10',
      passed: true,
      detail: '2021-01-01 至 2025-12-31 期间无处分或组织处理影响期；记过处分 S2 已撤销，自始无效；诫勉（组织处理） S3 已撤销，自始无效',
      evidence: ['e-S2', 'r-S2', 'e-S3', 'r-S3'],
    });
  });
});

describe('开除 (EXPULSION): no period (N3) but no "no sanction" check passes once it stands (found by an API review)', () => {
  it.each([
    ['2024-06-01', true],
    ['2024-06-02', false],
    ['2024-06-03', false],
  ])('given an expulsion of 2024-06-02, then on %s the TM6b check passes: %s', (date, passed) => {
    const check = noSanctionPeriodOnCheck('TM6b.noSanctionPeriod', [sanction('X1', 'EXPULSION', '2024-06-02')], settings, d(date));
    expect(check.passed).toBe(passed);
    if (!passed) {
      expect(check.detail).toBe(`${date} 已受开除处分（2024-06-02 起，处分编号 X1）`);
      expect(check.evidence).toEqual(['e-X1']);
    }
  });
  it.each([
    ['2025-12-31', false, '2021-01-01 至 2025-12-31 期间受开除处分（2025-12-31 起，处分编号 X1）'],
    ['2026-01-01', true, undefined],
    ['2020-12-31', false, '2021-01-01 前已受开除处分（2020-12-31 起，处分编号 X1）'],
  ])('given an expulsion of %s, then the TM10 check over 2021-2025 passes: %s', (date, passed, detail) => {
    const check = noSanctionPeriodInCheck('TM10.noSanctionPeriod', [sanction('X1', 'EXPULSION', date)], settings, d('2021-01-01'), d('2026-01-01'));
    expect(check.passed).toBe(passed);
    if (detail) expect(check.detail).toBe(detail);
  });
  it('given the expulsion rescinded (TM9), then it counts nowhere', () => {
    const rescinded = [sanction('X1', 'EXPULSION', '2024-06-02', 'e-r1')];
    expect(noSanctionPeriodOnCheck('TM6b.noSanctionPeriod', rescinded, settings, d('2025-01-01')).passed).toBe(true);
    expect(noSanctionPeriodInCheck('TM10.noSanctionPeriod', rescinded, settings, d('2021-01-01'), d('2026-01-01')).passed).toBe(true);
  });
});
