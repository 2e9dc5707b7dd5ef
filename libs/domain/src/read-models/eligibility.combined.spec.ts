/**
 * TM6b joins conditions: (secretary run ≥ 8 y OR chief run ≥ 10 y) AND grades AND EXCELLENT count
 * AND no sanction period running. Each basis is combined with each sanction state and each grade
 * state, and every setting that feeds the answer is changed through a non-default policy version.
 */
import type { Grade } from '../vocabulary';
import { inPostPromotionEligibility, TM6B_RULES, type CadreInPostEligibility, type InPostPromotionBasis } from './eligibility';
import { d, SpecLedger } from './spec-ledger';

const AS_OF = '2022-06-01';

type BasisCase = 'PARTY_SECRETARY_8Y' | 'CHIEF_10Y' | 'BOTH' | 'NEITHER';
type SanctionCase = 'none' | 'running' | 'expired' | 'rescinded' | 'starts tomorrow';
type GradeCase = 'two EXCELLENT' | 'one EXCELLENT' | 'one BASICALLY_COMPETENT' | 'ungraded years';

/**
 * Given C1's career by basis (on 2022-06-01):
 * - PARTY_SECRETARY_8Y: secretary of T01 since 2014-01-01 (8 y 5 m; the chief run is the same 8 y);
 * - CHIEF_10Y: head of T01 since 2012-01-01, secretary of T02 since 2018-01-01 (chief 10 y 5 m, secretary 4 y);
 * - BOTH: head since 2012-01-01, secretary of T01 since 2014-01-01 (chief 10 y, secretary 8 y);
 * - NEITHER: secretary since 2016-01-01 (6 y).
 * Grades are given for the years 2014–2021 (inside every run but NEITHER's first two).
 */
function ledger(basis: BasisCase, sanction: SanctionCase, grades: GradeCase): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.cadre('C1');
  if (basis === 'PARTY_SECRETARY_8Y') l.appoint('C1', '2014-01-01', 'T01', 'PARTY_SECRETARY');
  if (basis === 'NEITHER') l.appoint('C1', '2016-01-01', 'T01', 'PARTY_SECRETARY');
  if (basis === 'CHIEF_10Y') {
    l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C1', '2018-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY']);
  }
  if (basis === 'BOTH') {
    l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C1', '2014-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
  }
  const byYear: Record<number, Grade> = {};
  for (let y = 2014; y <= 2021; y++) byYear[y] = 'COMPETENT';
  if (grades !== 'one EXCELLENT') byYear[2019] = 'EXCELLENT';
  byYear[2020] = 'EXCELLENT';
  if (grades === 'one BASICALLY_COMPETENT') byYear[2021] = 'BASICALLY_COMPETENT';
  if (grades === 'ungraded years') byYear[2017] = byYear[2018] = 'UNGRADED';
  l.grades('C1', byYear);
  if (sanction === 'running') l.sanction('C1', '2022-03-01', 'S1', 'WARNING'); // to 2022-08-31
  if (sanction === 'expired') l.sanction('C1', '2021-06-01', 'S1', 'WARNING'); // to 2021-11-30
  if (sanction === 'starts tomorrow') l.sanction('C1', '2022-06-02', 'S1', 'WARNING');
  if (sanction === 'rescinded') {
    l.sanction('C1', '2022-03-01', 'S1', 'WARNING');
    l.rescind('C1', '2022-04-01', 'S1');
  }
  return l;
}

function answer(l: SpecLedger, asOf = AS_OF): CadreInPostEligibility {
  const c = inPostPromotionEligibility(l.events, { asOf: d(asOf) }).cadres.find((x) => x.cadreId === 'C1');
  if (!c) throw new Error('C1 is not listed as a township chief');
  return c;
}
const passed = (c: CadreInPostEligibility, rule: string) => c.checks.find((k) => k.rule === rule)?.passed;

const BASES: BasisCase[] = ['PARTY_SECRETARY_8Y', 'CHIEF_10Y', 'BOTH', 'NEITHER'];
const SANCTIONS: SanctionCase[] = ['none', 'running', 'expired', 'rescinded', 'starts tomorrow'];
const GRADES: GradeCase[] = ['two EXCELLENT', 'one EXCELLENT', 'one BASICALLY_COMPETENT', 'ungraded years'];

/** The expected basis, stated per case (RULES TM6b), not computed by the code under test. */
const EXPECTED_BASIS: Record<BasisCase, InPostPromotionBasis | null> = {
  PARTY_SECRETARY_8Y: 'PARTY_SECRETARY_8Y',
  CHIEF_10Y: 'CHIEF_10Y',
  BOTH: 'PARTY_SECRETARY_8Y', // the measure names the secretary basis first
  NEITHER: null,
};
const SANCTION_BLOCKS: Record<SanctionCase, boolean> = { none: false, running: true, expired: false, rescinded: false, 'starts tomorrow': false };
const GRADES_PASS: Record<GradeCase, boolean> = {
  'two EXCELLENT': true,
  'one EXCELLENT': false,
  'one BASICALLY_COMPETENT': false,
  'ungraded years': true, // N4: ungraded is neither below COMPETENT nor EXCELLENT
};

const CASES = BASES.flatMap((b) => SANCTIONS.flatMap((s) => GRADES.map((g) => [b, s, g] as const)));

describe('TM6b combined conditions: basis × sanction × grades', () => {
  it.each(CASES)('given basis %s, sanction %s and %s, then eligible exactly when every condition holds', (basis, sanction, grades) => {
    const c = answer(ledger(basis, sanction, grades));
    const expectedBasis = SANCTION_BLOCKS[sanction] || !GRADES_PASS[grades] ? null : EXPECTED_BASIS[basis];
    expect({ eligible: c.eligible, basis: c.basis }).toEqual({ eligible: expectedBasis !== null, basis: expectedBasis });
    expect(passed(c, TM6B_RULES.sanction)).toBe(!SANCTION_BLOCKS[sanction]);
    expect(passed(c, TM6B_RULES.chief)).toBe(true);
    expect(passed(c, TM6B_RULES.partySecretaryRun)).toBe(basis === 'PARTY_SECRETARY_8Y' || basis === 'BOTH');
    expect(passed(c, TM6B_RULES.chiefRun)).toBe(basis === 'CHIEF_10Y' || basis === 'BOTH');
  });

  it('given the chief basis and a sanction running, then the failed check is the sanction, with its event as evidence', () => {
    const l = ledger('CHIEF_10Y', 'running', 'two EXCELLENT');
    const c = answer(l);
    expect(c).toMatchObject({ eligible: false, basis: null, performanceRun: 'CHIEF' });
    expect(c.checks.filter((k) => !k.passed).map((k) => k.rule)).toEqual([TM6B_RULES.partySecretaryRun, TM6B_RULES.sanction]);
    expect(c.checks.find((k) => k.rule === TM6B_RULES.sanction)?.evidence).toEqual([l.events.find((e) => e.type === 'SanctionImposed')!.eventId]);
  });

  it('given the chief basis, then the sanction blocks on its last day and not on the day it ends', () => {
    const l = ledger('CHIEF_10Y', 'running', 'two EXCELLENT');
    expect(answer(l, '2022-08-31').eligible).toBe(false);
    expect(answer(l, '2022-09-01')).toMatchObject({ eligible: true, basis: 'CHIEF_10Y' });
  });

  it('given a sanction taking effect on the as-of date itself, then it already blocks (N3: from its effective date)', () => {
    for (const basis of ['PARTY_SECRETARY_8Y', 'CHIEF_10Y'] as const) {
      const l = ledger(basis, 'none', 'two EXCELLENT');
      expect(answer(l).eligible).toBe(true);
      l.sanction('C1', AS_OF, 'S-today', 'WARNING');
      expect(answer(l)).toMatchObject({ eligible: false, basis: null });
      expect(answer(l, '2022-05-31')).toMatchObject({ eligible: true, basis }); // the day before
    }
  });

  it('given both bases with the secretary run failing on grades, then the chief basis holds only when its own grades do', () => {
    // EXCELLENT only in the head years: the secretary run has none, the chief run two.
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C1', '2014-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C1', { 2012: 'EXCELLENT', 2013: 'EXCELLENT', 2016: 'COMPETENT' });
    expect(answer(l)).toMatchObject({ eligible: true, basis: 'CHIEF_10Y', performanceRun: 'CHIEF' });
    l.sanction('C1', '2022-05-01', 'S1', 'ADMONISHMENT');
    expect(answer(l)).toMatchObject({ eligible: false, basis: null });
  });
});

describe('TM6b settings come from the policy version in effect', () => {
  it('continuityGraceDays: a one-day gap ends the secretary run under the default policy and not under a version tolerating 1 day', () => {
    const build = (grace: number | null) => {
      const l = new SpecLedger();
      l.unit('T01');
      l.unit('T02');
      if (grace !== null) l.policy('grace-1', '2000-01-01', (s) => ({ ...s, continuityGraceDays: grace }));
      l.appoint('C1', '2014-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('C1', '2018-05-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', '2018-05-02', 'T02', 'PARTY_SECRETARY');
      l.grades('C1', { 2015: 'EXCELLENT', 2016: 'EXCELLENT' });
      return answer(l);
    };
    expect(build(null)).toMatchObject({ eligible: false, partySecretaryRun: { start: '2018-05-02' } });
    expect(build(1)).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y', partySecretaryRun: { start: '2014-01-01', years: 8 } });
  });

  it('continuityGraceDays bridges no day spent in another post: 20 days as head between two secretary posts end the secretary run, not the chief one (C1; found by a review)', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.policy('grace', '2000-01-01', (s) => ({ ...s, continuityGraceDays: 30 }));
    l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY');
    l.transfer('C1', '2020-01-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'HEAD']);
    l.transfer('C1', '2020-01-21', ['T02', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C1', { 2017: 'EXCELLENT', 2018: 'EXCELLENT' });
    // Before: one secretary run from 2016-03-01 (8 years on 2024-03-01) and eligible on that basis.
    expect(answer(l, '2024-03-01')).toMatchObject({ eligible: false, basis: null, partySecretaryRun: { start: '2020-01-21' }, chiefRun: { start: '2016-03-01', years: 8 } });
  });

  it('continuityGraceDays: the chief run keeps going through a tolerated gap, and the basis becomes the chief one', () => {
    const build = (grace: number) => {
      const l = new SpecLedger();
      l.unit('T01');
      l.unit('T02');
      l.policy('grace', '2000-01-01', (s) => ({ ...s, continuityGraceDays: grace }));
      l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
      l.remove('C1', '2016-01-01', 'T01', 'HEAD');
      l.appoint('C1', '2016-01-04', 'T02', 'PARTY_SECRETARY'); // 3 uncovered days
      l.grades('C1', { 2013: 'EXCELLENT', 2017: 'EXCELLENT' });
      return answer(l);
    };
    expect(build(2)).toMatchObject({ eligible: false, chiefRun: { start: '2016-01-04' } });
    expect(build(3)).toMatchObject({ eligible: true, basis: 'CHIEF_10Y', chiefRun: { start: '2012-01-01', years: 10 } });
  });

  it('thresholds: run years, lowest grade and EXCELLENT count are read from a non-default version', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C1', '2016-01-01', 'T01', 'HEAD'); // chief 6 y 5 m on the date
    l.unit('T02');
    l.appoint('C2', '2015-01-01', 'T02', 'PARTY_SECRETARY');
    l.grades('C1', { 2017: 'EXCELLENT', 2018: 'BASICALLY_COMPETENT' });
    l.grades('C2', { 2016: 'EXCELLENT', 2017: 'BASICALLY_COMPETENT' });
    const cadres = (events = l.events) => inPostPromotionEligibility(events, { asOf: d(AS_OF) }).cadres.map((c) => [c.cadreId, c.basis]);
    expect(cadres()).toEqual([
      ['C1', null],
      ['C2', null],
    ]);
    l.policy('county-2022', '2022-01-01', (s) => ({
      ...s,
      inPostPromotion: { partySecretaryRunYears: 7, chiefRunYears: 6, lowestAcceptableGrade: 'BASICALLY_COMPETENT', minExcellentGradesInRun: 1 },
    }));
    const after = inPostPromotionEligibility(l.events, { asOf: d(AS_OF) });
    expect(after.policyVersion).toBe('county-2022');
    expect(cadres()).toEqual([
      ['C1', 'CHIEF_10Y'],
      ['C2', 'PARTY_SECRETARY_8Y'],
    ]);
    expect(inPostPromotionEligibility(l.events, { asOf: d('2021-12-31') }).policyVersion).toBe('1');
  });

  it('sanction effect months are read from the policy version: a WARNING of 12 months still runs after 6', () => {
    const l = ledger('CHIEF_10Y', 'none', 'two EXCELLENT');
    l.sanction('C1', '2021-09-01', 'S9', 'WARNING');
    expect(answer(l).eligible).toBe(true); // 6 months: ended 2022-03-01
    l.policy('long-warning', '2000-01-01', (s) => ({ ...s, sanctionEffectMonths: { ...s.sanctionEffectMonths, WARNING: 12 } }));
    expect(answer(l)).toMatchObject({ eligible: false, basis: null });
  });
});
