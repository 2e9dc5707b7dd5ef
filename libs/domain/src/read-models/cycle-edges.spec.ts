/** Calendar edges: TM10 cycle boundaries, TM7 consecutive years, N3 across the cycle edge. */
import { SpecLedger, d } from './spec-ledger';
import { excellentSecretaryCandidates } from './candidates';
import { ledgerFactsOf } from './ledger-facts';
import { focusLedgerReport } from '../reports/focus-ledger';

function secretary(build: (l: SpecLedger) => void, appointed = '2015-01-01'): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.cadre('S');
  l.appoint('S', appointed, 'T01', 'PARTY_SECRETARY');
  l.grades('S', { 2021: 'EXCELLENT', 2022: 'COMPETENT', 2023: 'COMPETENT', 2024: 'COMPETENT', 2025: 'COMPETENT' });
  build(l);
  return l;
}
const listed = (l: SpecLedger, asOf = '2026-03-01') => excellentSecretaryCandidates(l.events, { cycle: '2021-2025', asOf: d(asOf) }).candidates.map((c) => c.cadreId);

describe('TM10 cycle edges', () => {
  it('a WARNING (6 months) effective 2020-07-01 ends before the cycle (2021-01-01 exclusive): still a candidate', () => {
    expect(listed(secretary((l) => l.sanction('S', '2020-07-01', 'w1', 'WARNING')))).toEqual(['S']);
  });
  it('a WARNING effective 2020-07-02 runs into 2021-01-01: excluded', () => {
    expect(listed(secretary((l) => l.sanction('S', '2020-07-02', 'w1', 'WARNING')))).toEqual([]);
  });
  it('a sanction effective 2026-01-01 (after the cycle) does not exclude', () => {
    expect(listed(secretary((l) => l.sanction('S', '2026-01-01', 'w1', 'DEMERIT')))).toEqual(['S']);
  });
  it('a sanction effective 2025-12-31 (the last day) excludes', () => {
    expect(listed(secretary((l) => l.sanction('S', '2025-12-31', 'w1', 'WARNING')))).toEqual([]);
  });
  it('a secretary appointed on the reference date 2025-12-31 is on the list question (5 years of work needed: not met)', () => {
    const r = excellentSecretaryCandidates(secretary(() => undefined, '2025-12-31').events, { cycle: '2021-2025', asOf: d('2026-03-01') });
    expect(r.excluded.map((e) => e.cadreId)).toEqual(['S']);
  });
  it('a secretary removed on 2025-12-31 is not a secretary on the reference date', () => {
    const l = secretary((l) => l.remove('S', '2025-12-31', 'T01', 'PARTY_SECRETARY'));
    const r = excellentSecretaryCandidates(l.events, { cycle: '2021-2025', asOf: d('2026-03-01') });
    expect([...r.candidates, ...r.excluded].map((e) => e.cadreId)).toEqual([]);
  });
  it('the 2025 grade recorded 2026-01-20 counts when drawn up after it, not before', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('S');
    l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    l.grades('S', { 2021: 'COMPETENT', 2025: 'EXCELLENT' });
    expect(listed(l, '2026-01-19')).toEqual([]);
    expect(listed(l, '2026-01-20')).toEqual(['S']);
    expect(listed(l, '2026-01-21')).toEqual(['S']);
  });
});

describe('TM7 focus ledger across a year boundary', () => {
  it('EXCELLENT 2021-2023 as a chief: enters on the 2023 grade date (2024-01-20); not before', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('S');
    l.appoint('S', '2021-12-31', 'T01', 'HEAD');
    l.grades('S', { 2021: 'EXCELLENT', 2022: 'EXCELLENT', 2023: 'EXCELLENT' });
    const facts = ledgerFactsOf(l.events);
    expect(focusLedgerReport(facts, { asOf: d('2024-01-19') }).entries).toEqual([]);
    expect(focusLedgerReport(facts, { asOf: d('2024-01-20') }).entries.map((e) => [e.since, e.years])).toEqual([['2024-01-20', [2021, 2022, 2023]]]);
  });
});
