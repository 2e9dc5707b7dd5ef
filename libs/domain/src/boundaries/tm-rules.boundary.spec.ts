/**
 * Boundary specs (day before / day of / day after) for P2, C1, TM1, TM4, TM6b, TM10 as RULES.md states them.
 */
import { SpecLedger, d } from '../read-models/spec-ledger';
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { inPostPromotionEligibility } from '../read-models/eligibility';
import { complianceFindings } from '../read-models/compliance';
import { tenure } from '../read-models/tenure';
import { teamCompositionReport } from '../reports/team-composition';
import { given, rejected } from '../testing/given-when-then';
import { appoint, registerCadre, removeFromPost, township, transfer } from '../testing/commands';

describe('P2 single-holder posts', () => {
  const facts = (removalOn: string) => [township('T1'), registerCadre('A'), registerCadre('B'), appoint('A', '2015-01-01', 'T1', 'HEAD'), removeFromPost('A', removalOn, 'T1', 'HEAD', { reason: 'TRANSFER' })];
  it('given the incumbent removed effective 2020-05-10, when a successor is appointed on 2020-05-10 (the day of), then accepted', () => {
    expect(given(...facts('2020-05-10')).when(appoint('B', '2020-05-10', 'T1', 'HEAD')).decision().length).toBeGreaterThan(0);
  });
  it('given the incumbent removed effective 2020-05-10, when a successor is appointed on 2020-05-09 (the day before), then refused', () => {
    given(...facts('2020-05-10')).when(appoint('B', '2020-05-09', 'T1', 'HEAD')).then(rejected('RULE_P2_POST_OCCUPIED'));
  });
});

describe('TM4 chief moved before 3 years in the current post', () => {
  const base = [township('T1'), township('T2'), registerCadre('S'), appoint('S', '2020-03-15', 'T1', 'PARTY_SECRETARY')];
  it('given a secretary since 2020-03-15, when removed 2023-03-14 (day before the 3rd anniversary) without approval, then refused, first passing 2023-03-15', () => {
    given(...base).when(removeFromPost('S', '2023-03-14', 'T1', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { kind: 'POLICY', firstPassingDate: '2023-03-15' }));
  });
  it('given a secretary since 2020-03-15, when transferred on 2023-03-15 / 2023-03-16, then accepted without approval', () => {
    for (const on of ['2023-03-15', '2023-03-16']) expect(given(...base).when(transfer('S', on, ['T1', 'PARTY_SECRETARY'], ['T2', 'PARTY_SECRETARY'])).decision().length).toBeGreaterThan(0);
  });
  const reElected = (reappointOn: string) => [
    ...base,
    removeFromPost('S', '2021-06-01', 'T1', 'PARTY_SECRETARY', { reason: 'END_OF_TERM', override: { reason: '换届' } }),
    appoint('S', reappointOn, 'T1', 'PARTY_SECRETARY'),
  ];
  it('given a re-election reappointment on the day of the end-of-term removal, when moved 2023-03-14, then refused (counted from 2020-03-15); 2023-03-15 accepted', () => {
    given(...reElected('2021-06-01')).when(removeFromPost('S', '2023-03-14', 'T1', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2023-03-15' }));
    expect(given(...reElected('2021-06-01')).when(removeFromPost('S', '2023-03-15', 'T1', 'PARTY_SECRETARY')).decision().length).toBeGreaterThan(0);
  });
  it('given the reappointment a day after the removal (2021-06-02), then the holding restarts: moved 2024-06-01 refused, 2024-06-02 accepted', () => {
    given(...reElected('2021-06-02')).when(removeFromPost('S', '2024-06-01', 'T1', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2024-06-02' }));
    expect(given(...reElected('2021-06-02')).when(removeFromPost('S', '2024-06-02', 'T1', 'PARTY_SECRETARY')).decision().length).toBeGreaterThan(0);
  });
  // One reading of re-election (continuesSamePost) for the time counted in the post and for the
  // both-chiefs finding: the secretary taken again the day of the end of term continues the holding
  // and is no adjustment; a day later, a new holding and (the head replaced that day) both chiefs adjusted.
  const reElectedWithHeadReplaced = (reappointOn: string) => {
    const endOfTerm = { reason: 'END_OF_TERM', override: { reason: '换届' } } as const;
    const { ledger } = given(
      township('T1'),
      ...['S', 'H', 'H2'].map((c) => registerCadre(c)),
      appoint('S', '2016-03-01', 'T1', 'PARTY_SECRETARY'),
      appoint('H', '2016-03-01', 'T1', 'HEAD'),
      removeFromPost('S', '2021-06-01', 'T1', 'PARTY_SECRETARY', endOfTerm),
      removeFromPost('H', '2021-06-01', 'T1', 'HEAD', endOfTerm),
      appoint('H2', '2021-06-01', 'T1', 'HEAD'),
      appoint('S', reappointOn, 'T1', 'PARTY_SECRETARY'),
    );
    const events = ['orgunit-T1', 'cadre-S', 'cadre-H', 'cadre-H2'].flatMap((s) => ledger.events(s)).sort((a, b) => a.globalPosition - b.globalPosition);
    const asOf = d('2022-06-01');
    return {
      heldSince: tenure(events, 'S', { asOf }).currentPosts[0]!.from,
      bothChiefs: complianceFindings(events, { asOf }).flatMap((f) => (f.kind === 'TM4_BOTH_CHIEFS_ADJUSTED' ? [f.date] : [])),
    };
  };
  it('re-election read once: taken again the day of the end of term, held since 2016 and no both-chiefs finding; the day after, held since then and a finding dated the end of term', () => {
    expect(reElectedWithHeadReplaced('2021-06-01')).toEqual({ heldSince: '2016-03-01', bothChiefs: [] });
    expect(reElectedWithHeadReplaced('2021-06-02')).toEqual({ heldSince: '2021-06-02', bothChiefs: ['2021-06-01'] });
  });
  const vacancies = (successorOn: string | null, asOf: string) => {
    const facts = [township('T1'), registerCadre('A'), registerCadre('B'), appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY'), removeFromPost('A', '2020-05-10', 'T1', 'PARTY_SECRETARY', { reason: 'TRANSFER' })];
    const { ledger } = given(...facts, ...(successorOn ? [appoint('B', successorOn, 'T1', 'PARTY_SECRETARY')] : []));
    const events = ['orgunit-T1', 'cadre-A', 'cadre-B'].flatMap((s) => ledger.events(s)).sort((a, b) => a.globalPosition - b.globalPosition);
    return complianceFindings(events, { asOf: d(asOf) }).filter((f) => f.kind === 'TM4_SECRETARY_VACANCY');
  };
  it('finding (secretary vacancy): successor on the day of departure: none; the day after: one of 1 day; two days after: one of 2 days', () => {
    expect(vacancies('2020-05-10', '2021-01-01')).toHaveLength(0);
    expect(vacancies('2020-05-11', '2021-01-01')).toEqual([expect.objectContaining({ from: '2020-05-10', to: '2020-05-11', days: 1 })]);
    expect(vacancies('2020-05-12', '2021-01-01')).toEqual([expect.objectContaining({ days: 2 })]);
  });
  it('finding (secretary vacancy) still open: none read on the day of departure, one of 1 day read the day after', () => {
    expect(vacancies(null, '2020-05-10')).toHaveLength(0);
    expect(vacancies(null, '2020-05-11')).toEqual([expect.objectContaining({ from: '2020-05-10', to: null, days: 1 })]);
  });
});

describe('C1 continuity (continuityGraceDays)', () => {
  const runStart = (secondFrom: string, grace: number) => {
    const l = new SpecLedger();
    l.unit('T1');
    l.unit('T2');
    if (grace > 0) l.policy('2', '2000-01-01', (s) => ({ ...s, continuityGraceDays: grace }));
    l.appoint('A', '2010-01-01', 'T1', 'PARTY_SECRETARY');
    l.remove('A', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('A', secondFrom, 'T2', 'PARTY_SECRETARY');
    return inPostPromotionEligibility(l.events, { asOf: d('2020-06-01') }).cadres[0]!.partySecretaryRun!.start;
  };
  it('grace 0: next post the day of the removal keeps the run; one uncovered day breaks it', () => {
    expect([runStart('2015-01-01', 0), runStart('2015-01-02', 0)]).toEqual(['2010-01-01', '2015-01-02']);
  });
  it('grace 10: 10 uncovered days are bridged, 11 are not', () => {
    expect([runStart('2015-01-11', 10), runStart('2015-01-12', 10)]).toEqual(['2010-01-01', '2015-01-12']);
  });
});

describe('TM6b in-post rank promotion run lengths', () => {
  const answer = (role: 'PARTY_SECRETARY' | 'HEAD', asOf: string) => {
    const l = new SpecLedger();
    l.unit('T1');
    l.cadre('A');
    l.appoint('A', '2012-03-15', 'T1', role);
    l.grades('A', { 2012: 'EXCELLENT', 2013: 'EXCELLENT', 2014: 'COMPETENT', 2015: 'COMPETENT', 2016: 'COMPETENT', 2017: 'COMPETENT', 2018: 'COMPETENT', 2019: 'COMPETENT', 2020: 'COMPETENT', 2021: 'COMPETENT' });
    return inPostPromotionEligibility(l.events, { asOf: d(asOf) }).cadres[0]!;
  };
  it('secretary since 2012-03-15: not eligible 2020-03-14; eligible (PARTY_SECRETARY_8Y) 2020-03-15 and 2020-03-16', () => {
    expect(['2020-03-14', '2020-03-15', '2020-03-16'].map((x) => answer('PARTY_SECRETARY', x).basis)).toEqual([null, 'PARTY_SECRETARY_8Y', 'PARTY_SECRETARY_8Y']);
  });
  it('head since 2012-03-15: not eligible 2022-03-14; eligible (CHIEF_10Y) 2022-03-15 and 2022-03-16', () => {
    expect(['2022-03-14', '2022-03-15', '2022-03-16'].map((x) => answer('HEAD', x).basis)).toEqual([null, 'CHIEF_10Y', 'CHIEF_10Y']);
  });
});

describe('TM1 team composition ages and experience', () => {
  const report = (asOf: string, birth = '1995-06-15') => {
    const l = new SpecLedger();
    l.unit('T1');
    l.add('cadre-Y', 'CadreRegistered', '2000-01-01', { name: '干部Y', gender: 'F', birthDate: d(birth), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } as never, { recordedAt: '2000-01-01T00:00:00.000Z' });
    l.appoint('Y', '2018-06-15', 'T1', 'HEAD');
    return teamCompositionReport(ledgerFactsOf(l.events), { asOf: d(asOf) });
  };
  const check = (r: ReturnType<typeof report>, rule: string) => [...r.townships[0]!.checks, ...r.county.checks].find((c) => c.rule === rule)!.passed;
  it('member under 30: born 1995-06-15 is under 30 on 2025-06-14, not on 2025-06-15 / 06-16', () => {
    expect(['2025-06-14', '2025-06-15', '2025-06-16'].map((x) => check(report(x), 'TM1.member-under-30'))).toEqual([true, false, false]);
  });
  it('chiefs under 35: born 1990-06-15 counts on 2025-06-14, not on 2025-06-15', () => {
    expect(['2025-06-14', '2025-06-15'].map((x) => check(report(x, '1990-06-15'), 'TM1.chiefs-under-35'))).toEqual([true, false]);
  });
  it('chief experience: head since 2018-06-15 (leadership 2 years) fails on 2020-06-14, passes on 2020-06-15', () => {
    expect(['2020-06-14', '2020-06-15', '2020-06-16'].map((x) => check(report(x), 'TM1.chief-experience'))).toEqual([false, true, true]);
  });
  it('member 2 years township work: share check fails on 2020-06-14, passes 2020-06-15', () => {
    expect(['2020-06-14', '2020-06-15'].map((x) => check(report(x), 'TM1.experienced-share'))).toEqual([false, true]);
  });
});
