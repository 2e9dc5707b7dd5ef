/**
 * Boundary specs (one day before / the day of / one day after) for the national rules N2–N5 and
 * T3 anniversaries, read from RULES.md. Pure: no database.
 */
import { SpecLedger, d } from '../read-models/spec-ledger';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { sanctionEffectPeriods, sanctionPeriodOn, annualGradeConstraint, type SanctionRecord } from '../rules/sanctions';
import { n5Deadlines } from '../rules/appeals';
import { appealsOverview } from '../read-models/compliance';
import { elapsed, addDays, addMonths, addYears } from '../time/calendar-date';
import { given, rejected } from '../testing/given-when-then';
import { assess, promote, registerCadre, sanction, setRank } from '../testing/commands';
import type { SanctionKind } from '../vocabulary';

const settings = DEFAULT_POLICY.settings;
let n = 0;
const rec = (kind: SanctionKind, effectiveDate: string, extra: Partial<SanctionRecord> = {}): SanctionRecord => ({
  sanctionId: `S${++n}`,
  eventId: `e${n}`,
  kind,
  effectiveDate: d(effectiveDate),
  recordedAt: `${effectiveDate}T02:00:00.000Z`,
  appendOrder: n,
  rescinded: false,
  retracted: false,
  ...extra,
});
const coveredOn = (records: SanctionRecord[], date: string) => sanctionPeriodOn(sanctionEffectPeriods(records, settings), d(date)) !== undefined;

describe('T3 anniversaries', () => {
  it('given a start of 2019-03-15, when measured the day before / of / after the 2nd anniversary, then 1, 2, 2 full years', () => {
    expect([elapsed(d('2019-03-15'), d('2021-03-14')).years, elapsed(d('2019-03-15'), d('2021-03-15')).years, elapsed(d('2019-03-15'), d('2021-03-16')).years]).toEqual([1, 2, 2]);
  });
  it('given a start of 2020-02-29, then 1 year is reached on 2021-02-28 (not 03-01), and not on 02-27', () => {
    expect([elapsed(d('2020-02-29'), d('2021-02-27')).years, elapsed(d('2020-02-29'), d('2021-02-28')).years]).toEqual([0, 1]);
    expect(addYears(d('2020-02-29'), 1)).toBe('2021-02-28');
  });
  it('months work the same way: 31 January + 1 month is 28/29 February', () => {
    expect([addMonths(d('2023-01-31'), 1), addMonths(d('2024-01-31'), 1)]).toEqual(['2023-02-28', '2024-02-29']);
    expect([elapsed(d('2023-01-31'), d('2023-02-27')).months, elapsed(d('2023-01-31'), d('2023-02-28')).months]).toEqual([0, 1]);
  });
});

describe('N3 sanction effect periods', () => {
  it.each([
    ['WARNING', 6, '2023-03-10', '2023-09-10'],
    ['DEMERIT', 12, '2023-03-10', '2024-03-10'],
    ['MAJOR_DEMERIT', 18, '2023-03-10', '2024-09-10'],
    ['DEMOTION', 24, '2023-03-10', '2025-03-10'],
    ['REMOVAL', 24, '2023-03-10', '2025-03-10'],
    ['PARTY_WARNING', 12, '2023-03-10', '2024-03-10'],
    ['PARTY_SERIOUS_WARNING', 18, '2023-03-10', '2024-09-10'],
    ['PARTY_POST_REVOKED', 24, '2023-03-10', '2025-03-10'],
    ['ADMONISHMENT', 6, '2023-03-10', '2023-09-10'],
    ['POST_ADJUSTMENT', 12, '2023-03-10', '2024-03-10'],
    ['ORDERED_RESIGNATION', 12, '2023-03-10', '2024-03-10'],
    ['DISMISSAL_FROM_POST', 12, '2023-03-10', '2024-03-10'],
    ['DEMOTION_IN_POST', 24, '2023-03-10', '2025-03-10'],
  ] as const)('given a %s (%i months) effective %s, then it covers the day before its anniversary %s, not the anniversary nor the day after; nor the day before it starts', (kind, _m, from, anniversary) => {
    const r = [rec(kind, from)];
    const dayBefore = (x: string) => addDays(d(x), -1);
    const dayAfter = (x: string) => addDays(d(x), 1);
    expect([coveredOn(r, dayBefore(from)), coveredOn(r, from), coveredOn(r, dayBefore(anniversary)), coveredOn(r, anniversary), coveredOn(r, dayAfter(anniversary))]).toEqual([false, true, true, false, false]);
  });
  it('given a WARNING effective 2023-08-31, then its period ends (exclusive) on 2024-02-29 by the month-end rule: covered 02-28, not 02-29', () => {
    const r = [rec('WARNING', '2023-08-31')];
    expect([coveredOn(r, '2024-02-28'), coveredOn(r, '2024-02-29')]).toEqual([true, false]);
  });
  it('given a DEMERIT running until 2024-03-10 (excl.), when a WARNING takes effect on its last day 2024-03-09, then it accumulates (ends 2024-09-10); on 2024-03-10 it does not (ends 2024-09-10 too, alone)', () => {
    const on = sanctionEffectPeriods([rec('DEMERIT', '2023-03-10'), rec('WARNING', '2024-03-09')], settings).at(-1)!;
    expect(on.to).toBe('2024-09-10');
    expect(on.eventIds).toHaveLength(2);
    const after = sanctionEffectPeriods([rec('DEMERIT', '2023-03-10'), rec('WARNING', '2024-03-10')], settings).at(-1)!;
    expect(after).toMatchObject({ from: '2024-03-10', to: '2024-09-10' });
    expect(after.eventIds).toHaveLength(1);
  });
  it('given REMOVAL 2023-01-01 (to 2025-01-01) then DEMOTION 2024-12-31: remainder + 24 = 2027-01-01 ≤ cap 2028-12-31; a third REMOVAL on 2026-12-31 is capped at 48 months from its date', () => {
    const periods = sanctionEffectPeriods([rec('REMOVAL', '2023-01-01'), rec('DEMOTION', '2024-12-31'), rec('REMOVAL', '2026-12-31')], settings);
    expect(periods[1]!.to).toBe('2027-01-01');
    // remainder (to 2027-01-01) + 24 months = 2029-01-01; cap = 2026-12-31 + 48 months = 2030-12-31
    expect(periods[2]!.to).toBe('2029-01-01');
    const capped = sanctionEffectPeriods([rec('REMOVAL', '2023-01-01'), rec('REMOVAL', '2023-01-02'), rec('REMOVAL', '2023-01-03'), rec('REMOVAL', '2023-01-04')], settings);
    expect(capped.at(-1)!.to).toBe('2027-01-04');
  });
});

describe('N4 sanction and annual grade', () => {
  it.each([
    ['WARNING', '2023-12-31', { 2023: 'NOT_EXCELLENT', 2024: 'NONE' }],
    ['WARNING', '2024-01-01', { 2023: 'NONE', 2024: 'NOT_EXCELLENT' }],
    ['DEMERIT', '2023-12-31', { 2023: 'UNGRADED', 2024: 'NONE' }],
    ['DEMERIT', '2024-01-01', { 2023: 'NONE', 2024: 'UNGRADED' }],
    ['MAJOR_DEMERIT', '2023-12-31', { 2022: 'NONE', 2023: 'UNGRADED', 2024: 'UNGRADED', 2025: 'NONE' }],
    ['DEMOTION', '2024-01-01', { 2023: 'NONE', 2024: 'UNGRADED', 2025: 'UNGRADED', 2026: 'NONE' }],
  ] as const)('given a %s effective %s, then the constraint per year is %j', (kind, date, expected) => {
    const r = [rec(kind, date)];
    const got = Object.fromEntries(Object.keys(expected).map((y) => [y, annualGradeConstraint(r, Number(y)).constraint]));
    expect(got).toEqual(expected);
  });
  it('given a WARNING effective 2023-12-31, when EXCELLENT is recorded for 2023 it is refused (policy rule); for 2024 it is accepted', () => {
    const facts = [registerCadre('A'), sanction('A', '2023-12-31', 'W1', 'WARNING')];
    given(...facts).when(assess('A', 2023, 'EXCELLENT')).then(rejected('RULE_N4_EXCELLENT_IN_WARNING_YEAR', { kind: 'POLICY' }));
    expect(given(...facts).when(assess('A', 2024, 'EXCELLENT')).decision()).toHaveLength(1);
  });
});

describe('N5 appeal deadlines', () => {
  const filed = (stage: 'REVIEW' | 'APPEAL', learned: string, on: string) =>
    ({ effectiveDate: d(on), data: { appealId: 'A1', cadreId: 'C', targetEventId: 'e', stage, grounds: 'x', learnedOfDecisionDate: d(learned) } }) as Parameters<typeof n5Deadlines>[0];
  it('given learning of the decision on 2024-03-01, when a review is filed on day 29 / 30 / 31 (03-30, 03-31, 04-01), then only the 31st day is late', () => {
    expect(['2024-03-30', '2024-03-31', '2024-04-01'].map((on) => n5Deadlines(filed('REVIEW', '2024-03-01', on), settings).filedLate)).toEqual([false, false, true]);
  });
  it('given a direct appeal, then 30 days likewise; after a review decided 2024-04-10, 15 days: 04-25 in time, 04-26 late', () => {
    expect(['2024-03-31', '2024-04-01'].map((on) => n5Deadlines(filed('APPEAL', '2024-03-01', on), settings).filedLate)).toEqual([false, true]);
    const review = { appealId: 'R', decidedOn: d('2024-04-10') };
    expect(['2024-04-24', '2024-04-25', '2024-04-26'].map((on) => n5Deadlines(filed('APPEAL', '2024-03-01', on), settings, review).filedLate)).toEqual([false, false, true]);
  });
  it('given a review filed 2024-03-10, then it is to be decided by 2024-04-09; an appeal filed 2024-03-10 by 2024-05-09, extended 2024-06-08', () => {
    expect(n5Deadlines(filed('REVIEW', '2024-03-01', '2024-03-10'), settings)).toMatchObject({ decisionDue: '2024-04-09', decisionDueExtended: null });
    expect(n5Deadlines(filed('APPEAL', '2024-03-01', '2024-03-10'), settings)).toMatchObject({ decisionDue: '2024-05-09', decisionDueExtended: '2024-06-08' });
  });
  it('given an open review filed 2024-03-10 (due 2024-04-09), when the overview is read on 04-08 / 04-09 / 04-10, then it is overdue only on 04-10', () => {
    const l = new SpecLedger();
    l.cadre('C');
    const target = l.sanction('C', '2024-03-01', 'S1', 'WARNING');
    l.add('appeal-A1', 'AppealFiled', '2024-03-10', { appealId: 'A1', cadreId: 'C', targetEventId: target, stage: 'REVIEW', grounds: 'x', learnedOfDecisionDate: d('2024-03-01') } as never);
    const standing = (today: string) => appealsOverview(l.events, d(today))[0]!;
    expect(['2024-04-08', '2024-04-09', '2024-04-10'].map((t) => standing(t).overdue)).toEqual([false, false, true]);
  });
});

describe('N2 minimum years in the lower rank', () => {
  const base = [registerCadre('R'), setRank('R', '2020-03-15', 'CLERK_2')];
  it('given CLERK_2 since 2020-03-15 and no grades, when promoted on 2022-03-14 it is refused; on 2022-03-15 accepted', () => {
    given(...base).when(promote('R', '2022-03-14', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2022-03-15' }));
    expect(given(...base).when(promote('R', '2022-03-15', 'CLERK_2', 'CLERK_1')).decision()).toHaveLength(1);
  });
  it('given CLERK_2 since 2020-03-15 and EXCELLENT for 2020, when promoted 2021-09-14 refused, 2021-09-15 accepted (24 − 6 months)', () => {
    const facts = [...base, assess('R', 2020, 'EXCELLENT')];
    given(...facts).when(promote('R', '2021-09-14', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS'));
    expect(given(...facts).when(promote('R', '2021-09-15', 'CLERK_2', 'CLERK_1')).decision()).toHaveLength(1);
  });
  it('given a WARNING effective 2022-01-01 (to 2022-07-01), when promoted on 2022-06-30 refused (sanction period); on 2022-07-01 accepted', () => {
    const facts = [...base, sanction('R', '2022-01-01', 'W', 'WARNING')];
    const e = given(...facts).when(promote('R', '2022-06-30', 'CLERK_2', 'CLERK_1')).error();
    expect(e.code).toBe('RULE_N2_SANCTION_EFFECT_PERIOD');
    expect(given(...facts).when(promote('R', '2022-07-01', 'CLERK_2', 'CLERK_1')).decision()).toHaveLength(1);
  });
});
