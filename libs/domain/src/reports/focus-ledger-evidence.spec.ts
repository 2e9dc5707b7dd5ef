/**
 * From a review of its change: the TM7 entry "cites every record that dates it" (focus-ledger.ts after ea0f6c0).
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { focusLedgerReport } from './focus-ledger';

describe('TM7 focus ledger: an entry dated by a correction that inherits a retracted record’s date', () => {
  /**
   * 2019 and 2021 EXCELLENT; 2020 recorded COMPETENT on 2022-03-01 by mistake, retracted and corrected
   * to EXCELLENT on 2022-04-01. The correction counts from 2022-03-01 (gradeInForceFrom), so the entry
   * is dated 2022-03-01; the evidence should name an event that dates it (the retracted record or its
   * retraction), as the change's own spec asks of a kept first record.
   */
  it('the entry dated 2022-03-01 cites an event dated 2022-03-01', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    l.grade('A', 2019, 'EXCELLENT');
    l.grade('A', 2021, 'EXCELLENT');
    const wrong = l.grade('A', 2020, 'COMPETENT', { date: '2022-03-01' });
    const retraction = l.retract('A', '2022-04-01', wrong);
    l.grade('A', 2020, 'EXCELLENT', { date: '2022-04-01' });
    const [e] = focusLedgerReport(ledgerFactsOf(l.events), { asOf: d('2022-07-01') }).entries;
    expect(e!.since).toBe('2022-03-01');
    expect(e!.evidence.some((id) => id === wrong || id === retraction)).toBe(true);
  });
});
