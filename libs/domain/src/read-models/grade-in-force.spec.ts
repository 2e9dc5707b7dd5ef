/**
 * From a review of its change: gradeInForceFrom (libs/domain/src/read-models/known-view.ts) after ea0f6c0.
 * A retracted record passes its date to the year's next counting record only when no counting record came before it.
 */
import { ledgerFactsOf } from './ledger-facts';
import { d, SpecLedger } from './spec-ledger';
import { gradesByYear, knownFilter } from './known-view';
import { inPostPromotionEligibility } from './eligibility';

const gradeOf = (l: SpecLedger, cadre: string, year: number, asOf: string, knownAt?: string) => {
  const facts = ledgerFactsOf(l.events);
  return gradesByYear(facts.cadres.get(cadre)!, knownFilter(facts, knownAt), d(asOf)).get(year)?.grade;
};

/** A secretary of T01 since 2012, graded COMPETENT 2012-2019 with EXCELLENT 2013 and 2015. */
function secretary(l: SpecLedger) {
  l.unit('T01');
  l.cadre('A');
  l.appoint('A', '2012-01-01', 'T01', 'PARTY_SECRETARY');
  l.grades('A', { 2012: 'COMPETENT', 2013: 'EXCELLENT', 2014: 'COMPETENT', 2015: 'EXCELLENT', 2016: 'COMPETENT', 2017: 'COMPETENT', 2018: 'COMPETENT', 2019: 'COMPETENT' });
}

describe('a retracted duplicate of a standing grade passes its date to a later regrade', () => {
  /**
   * 2020 graded BASICALLY_COMPETENT on 2021-01-20. The clerk enters it a second time the next day
   * (a duplicate) and retracts the duplicate. On 2022-06-01 the year is regraded COMPETENT (a new
   * decision, recorded that day). The retraction restored the first record: the year was never
   * ungraded, so nothing needs a date carried back. Without the duplicate, the regrade counts from
   * 2022-06-01 (the module's own rule: "a later record of the year is a new grade from its own date").
   */
  function ledger(withDuplicate: boolean) {
    const l = new SpecLedger();
    secretary(l);
    l.grade('A', 2020, 'BASICALLY_COMPETENT', { date: '2021-01-20' });
    if (withDuplicate) {
      const dup = l.grade('A', 2020, 'BASICALLY_COMPETENT', { date: '2021-01-21' });
      l.retract('A', '2021-01-21', dup);
    }
    l.grade('A', 2020, 'COMPETENT', { date: '2022-06-01' });
    return l;
  }
  it('without the duplicate: 2020 is BASICALLY_COMPETENT as of 2021-12-31 (control)', () => {
    expect(gradeOf(ledger(false), 'A', 2020, '2021-12-31')).toBe('BASICALLY_COMPETENT');
  });
  it('with a retracted duplicate: 2020 is still BASICALLY_COMPETENT as of 2021-12-31', () => {
    expect(gradeOf(ledger(true), 'A', 2020, '2021-12-31')).toBe('BASICALLY_COMPETENT');
  });
  it('TM6b as of 2021-12-31 does not change with a retracted duplicate entry', () => {
    const eligible = (l: SpecLedger) => inPostPromotionEligibility(l.events, { asOf: d('2021-12-31') }).cadres.find((c) => c.cadreId === 'A')!.eligible;
    expect(eligible(ledger(false))).toBe(false);
    expect(eligible(ledger(true))).toBe(eligible(ledger(false)));
  });
});

describe('checks expected to hold', () => {
  it('two retractions in a row: the correction takes the earliest retracted date', () => {
    const l = new SpecLedger();
    secretary(l);
    const a = l.grade('A', 2020, 'INCOMPETENT', { date: '2021-01-20' });
    l.retract('A', '2021-02-01', a);
    const b = l.grade('A', 2020, 'INCOMPETENT', { date: '2021-02-01' });
    l.retract('A', '2021-03-01', b);
    l.grade('A', 2020, 'COMPETENT', { date: '2021-03-01' });
    expect(gradeOf(l, 'A', 2020, '2021-01-25')).toBe('COMPETENT');
    expect(gradeOf(l, 'A', 2020, '2021-01-25', '2021-02-15')).toBe('INCOMPETENT'); // b corrects a then
    expect(gradeOf(l, 'A', 2020, '2021-01-25', '2021-01-21')).toBe('INCOMPETENT');
    expect(gradeOf(l, 'A', 2020, '2021-02-15', '2021-02-15')).toBe('INCOMPETENT');
  });
  it('a retraction recorded after the correction, knownAt before and after', () => {
    const l = new SpecLedger();
    secretary(l);
    const a = l.grade('A', 2020, 'INCOMPETENT', { date: '2021-01-20' });
    l.grade('A', 2020, 'COMPETENT', { date: '2021-03-01' });
    l.grade('A', 2019, 'EXCELLENT', { date: '2021-03-02' });
    l.retract('A', '2021-04-01', a);
    expect(gradeOf(l, 'A', 2020, '2021-02-01', '2021-03-15')).toBe('INCOMPETENT');
    expect(gradeOf(l, 'A', 2020, '2021-02-01')).toBe('COMPETENT');
  });
  it('a correction retracted itself, knownAt before and after its retraction; a record of another year in between', () => {
    const l = new SpecLedger();
    secretary(l);
    const x = l.grade('A', 2020, 'INCOMPETENT', { date: '2021-01-20', recordedAt: '2021-01-20T02:00:00Z' });
    l.retract('A', '2021-02-01', x, { recordedAt: '2021-02-01T02:00:00Z' });
    const y = l.grade('A', 2020, 'EXCELLENT', { date: '2021-02-01', recordedAt: '2021-02-01T03:00:00Z' });
    l.grade('A', 2019, 'EXCELLENT', { date: '2021-02-05', recordedAt: '2021-02-05T02:00:00Z' });
    l.retract('A', '2021-03-01', y, { recordedAt: '2021-03-01T02:00:00Z' });
    l.grade('A', 2020, 'COMPETENT', { date: '2021-03-01', recordedAt: '2021-03-01T03:00:00Z' });
    expect(gradeOf(l, 'A', 2020, '2021-01-25', '2021-02-10T00:00:00Z')).toBe('EXCELLENT');
    expect(gradeOf(l, 'A', 2020, '2021-01-25', '2021-03-01T02:30:00Z')).toBeUndefined();
    expect(gradeOf(l, 'A', 2020, '2021-01-25')).toBe('COMPETENT');
  });
});

import { excellentSecretaryCandidates } from './candidates';

describe('TM10: the list drawn up before a regrade, with a retracted duplicate of the first record', () => {
  function ledger(withDuplicate: boolean) {
    const l = new SpecLedger();
    secretary(l);
    l.grade('A', 2018, 'EXCELLENT', { date: '2019-02-01' }); // 2018 regraded EXCELLENT: one EXCELLENT in the cycle
    l.grade('A', 2020, 'BASICALLY_COMPETENT', { date: '2021-01-20' });
    if (withDuplicate) {
      const dup = l.grade('A', 2020, 'BASICALLY_COMPETENT', { date: '2021-01-21' });
      l.retract('A', '2021-01-21', dup);
    }
    l.grade('A', 2020, 'COMPETENT', { date: '2021-06-01' });
    return l;
  }
  const listed = (l: SpecLedger) => excellentSecretaryCandidates(l.events, { cycle: '2016-2020', asOf: d('2021-03-01') }).candidates.map((c) => c.cadreId);
  it('drawn up on 2021-03-01: A is excluded (2020 BASICALLY_COMPETENT), with or without the retracted duplicate', () => {
    expect(listed(ledger(false))).toEqual([]);
    expect(listed(ledger(true))).toEqual([]);
  });
});
