import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { reportView } from './report-view';

describe('report views of one facts value share who held which post, per knowledge', () => {
  function ledger() {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.cadre('B');
    l.appoint('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2020-01-02T00:00:00.000Z' });
    l.appoint('B', '2020-01-01', 'T01', 'HEAD', { recordedAt: '2020-01-02T00:00:00.000Z' });
    // Recorded late: known on 2024-03-01, not on 2024-01-01.
    l.remove('B', '2023-06-30', 'T01', 'HEAD', { recordedAt: '2024-02-01T00:00:00.000Z' });
    return l;
  }
  const held = (posts: readonly { cadreId: string; role: string }[]) => posts.map((p) => `${p.cadreId}:${p.role}`).sort();

  it('given views under two knowledges of the same facts, when each asks who held posts on a date, then each answers as on facts of its own', () => {
    // Given
    const shared = ledgerFactsOf(ledger().events);
    const date = d('2023-12-31');

    // When: the earlier knowledge first, the later one second, then the earlier one again, on one facts value
    const before = reportView(shared, d('2025-01-01'), '2024-01-01T00:00:00.000Z').postsIn('T01', date);
    const after = reportView(shared, d('2025-01-01'), '2024-03-01T00:00:00.000Z').postsIn('T01', date);
    const everything = reportView(shared, d('2025-01-01')).postsOn(date);
    const beforeAgain = reportView(shared, d('2024-06-30'), '2024-01-01T00:00:00.000Z').postsOn(date);

    // Then: the same as views of facts built afresh for each
    expect(held(before)).toEqual(['A:PARTY_SECRETARY', 'B:HEAD']);
    expect(held(before)).toEqual(held(reportView(ledgerFactsOf(ledger().events), d('2025-01-01'), '2024-01-01T00:00:00.000Z').postsIn('T01', date)));
    expect(held(after)).toEqual(['A:PARTY_SECRETARY']);
    expect(held(after)).toEqual(held(reportView(ledgerFactsOf(ledger().events), d('2025-01-01'), '2024-03-01T00:00:00.000Z').postsIn('T01', date)));
    expect(held(everything)).toEqual(['A:PARTY_SECRETARY']);
    expect(held(beforeAgain)).toEqual(['A:PARTY_SECRETARY', 'B:HEAD']);
  });

  it('given a facts value built anew (another query), then nothing of an earlier value is reused', () => {
    const l = ledger();
    const first = ledgerFactsOf(l.events);
    expect(held(reportView(first, d('2025-01-01')).postsOn(d('2023-12-31')))).toEqual(['A:PARTY_SECRETARY']);
    l.appoint('B', '2023-10-01', 'T01', 'HEAD');
    expect(held(reportView(ledgerFactsOf(l.events), d('2025-01-01')).postsOn(d('2023-12-31')))).toEqual(['A:PARTY_SECRETARY', 'B:HEAD']);
  });
});
