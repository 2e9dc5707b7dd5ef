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
