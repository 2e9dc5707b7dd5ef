/**
 * TM7 focus-cultivation ledger: the entry date `since` is the day the run of three EXCELLENT years
 * was complete as the ledger reads the grades. A grade retracted as a clerical error and recorded
 * again counts from the retracted record's date (gradesByYear, gradeInForceFrom); `since` took the
 * new record's own date and so fell after the as-of date (found by a review). Boundaries: the day
 * before the run is complete, the day of, and later.
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { focusLedgerReport } from './focus-ledger';

/** A: secretary of T01 from 2018; EXCELLENT 2019 (2020-01-20), 2020 (2021-01-20), 2021 (2022-01-20); the 2020 record retracted on 2022-05-01 and recorded again, dated 2022-06-01. */
function facts() {
  const l = new SpecLedger();
  l.unit('T01');
  l.cadre('A');
  l.appoint('A', '2018-01-01', 'T01', 'PARTY_SECRETARY');
  l.grade('A', 2019, 'EXCELLENT');
  const mistyped = l.grade('A', 2020, 'EXCELLENT');
  l.grade('A', 2021, 'EXCELLENT');
  l.retract('A', '2022-05-01', mistyped, { recordedAt: '2022-05-01T02:00:00.000Z' });
  l.grade('A', 2020, 'EXCELLENT', { date: '2022-06-01', recordedAt: '2022-05-01T03:00:00.000Z' });
  return ledgerFactsOf(l.events);
}

describe('TM7 focus ledger: a re-recorded (retracted) grade and the entry date', () => {
  it.each([
    ['2022-01-19', []],
    ['2022-01-20', [['A', '2022-01-20']]],
    ['2022-03-01', [['A', '2022-01-20']]],
  ])('as of %s (current knowledge) the ledger holds %j — the entry date is never after the as-of date', (asOf, expected) => {
    const r = focusLedgerReport(facts(), { asOf: d(asOf) });
    expect(r.entries.map((e) => [e.cadreId, e.since])).toEqual(expected);
  });
});

/**
 * N is the policy's in effect on each day (RULES.md: an answer for a date uses the policy of that
 * date). Found by a review: the version of the as-of date was applied to the whole history, so an
 * entry made under a 3-year version vanished when a 4-year version took effect, and one only a
 * 2-year version admits was dated back before that version.
 */
describe('TM7 focus ledger across policy versions', () => {
  function chiefWithGrades(grades: Record<number, 'EXCELLENT' | 'COMPETENT'>, yearsUnderVersion2: number) {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2020-01-01', 'T01', 'HEAD');
    l.grades('A', grades);
    l.policy('2', '2025-01-01', (s) => ({ ...s, assessment: { ...s.assessment, focusConsecutiveExcellentYears: yearsUnderVersion2 } }));
    return ledgerFactsOf(l.events);
  }

  it.each([
    ['2024-01-19', []],
    ['2024-01-20', [['A', '2024-01-20', [2021, 2022, 2023]]]],
    ['2024-12-31', [['A', '2024-01-20', [2021, 2022, 2023]]]],
    ['2025-01-01', [['A', '2024-01-20', [2021, 2022, 2023]]]],
    ['2025-06-01', [['A', '2024-01-20', [2021, 2022, 2023]]]],
  ])('an entry made under 3 years stays once 4 are asked: as of %s %j', (asOf, expected) => {
    const facts = chiefWithGrades({ 2021: 'EXCELLENT', 2022: 'EXCELLENT', 2023: 'EXCELLENT', 2024: 'COMPETENT' }, 4);
    expect(focusLedgerReport(facts, { asOf: d(asOf) }).entries.map((e) => [e.cadreId, e.since, e.years])).toEqual(expected);
  });

  it('each entry names the version that admitted it, which may not be the report’s (found by a review: one header named version 2 over an entry of version 1)', () => {
    const facts = chiefWithGrades({ 2021: 'EXCELLENT', 2022: 'EXCELLENT', 2023: 'EXCELLENT', 2024: 'COMPETENT' }, 4);
    const report = focusLedgerReport(facts, { asOf: d('2025-06-01') });
    expect([report.policyVersion, report.entries.map((e) => [e.since, e.policyVersion])]).toEqual(['2', [['2024-01-20', '1']]]);
    const admittedBy2 = focusLedgerReport(chiefWithGrades({ 2022: 'EXCELLENT', 2023: 'EXCELLENT' }, 2), { asOf: d('2025-01-01') });
    expect(admittedBy2.entries.map((e) => [e.since, e.policyVersion])).toEqual([['2025-01-01', '2']]);
  });

  it.each([
    ['2024-12-31', []],
    ['2025-01-01', [['A', '2025-01-01', [2022, 2023]]]],
    ['2025-01-02', [['A', '2025-01-01', [2022, 2023]]]],
  ])('a run only a 2-year version admits enters on that version’s first day, not before: as of %s %j', (asOf, expected) => {
    const facts = chiefWithGrades({ 2022: 'EXCELLENT', 2023: 'EXCELLENT' }, 2);
    expect(focusLedgerReport(facts, { asOf: d(asOf) }).entries.map((e) => [e.cadreId, e.since, e.years])).toEqual(expected);
  });
});

/**
 * A year recorded a second time, not retracted (found by a review): the year's grade in force is
 * the later record's, but when it is the same grade the year was EXCELLENT all along, so the entry
 * date stays the day the run was first complete. Another grade in between starts the year again.
 */
describe('TM7 focus ledger: a year recorded again with the same grade keeps its entry date', () => {
  /** A: secretary of T01 from 2018; EXCELLENT 2019, 2020, 2021 (recorded 2020-01-20, 2021-01-20, 2022-01-20); 2020 recorded again on 2022-06-01 as `again`, perhaps with `between` on 2022-03-01. */
  function facts(again: 'EXCELLENT' | 'COMPETENT', between?: 'COMPETENT') {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    l.grades('A', { 2019: 'EXCELLENT', 2020: 'EXCELLENT', 2021: 'EXCELLENT' });
    if (between) l.grade('A', 2020, between, { date: '2022-03-01' });
    l.grade('A', 2020, again, { date: '2022-06-01' });
    return ledgerFactsOf(l.events);
  }
  const sinceOf = (f: ReturnType<typeof facts>, asOf: string) => focusLedgerReport(f, { asOf: d(asOf) }).entries.map((e) => [e.cadreId, e.since]);

  it.each([
    ['2022-05-31', [['A', '2022-01-20']]],
    ['2022-06-01', [['A', '2022-01-20']]],
    ['2022-06-02', [['A', '2022-01-20']]],
  ])('EXCELLENT recorded twice, as of %s: %j', (asOf, expected) => {
    expect(sinceOf(facts('EXCELLENT'), asOf)).toEqual(expected);
  });

  it.each([
    ['2022-02-28', [['A', '2022-01-20']]],
    ['2022-03-01', []],
    ['2022-05-31', []],
    ['2022-06-01', [['A', '2022-06-01']]],
    ['2022-06-02', [['A', '2022-06-01']]],
  ])('EXCELLENT, then COMPETENT, then EXCELLENT again, as of %s: %j', (asOf, expected) => {
    expect(sinceOf(facts('EXCELLENT', 'COMPETENT'), asOf)).toEqual(expected);
  });

  it('EXCELLENT then COMPETENT: the run is broken from the second record on', () => {
    expect(sinceOf(facts('COMPETENT'), '2022-06-01')).toEqual([]);
    expect(sinceOf(facts('COMPETENT'), '2022-05-31')).toEqual([['A', '2022-01-20']]);
  });
});
