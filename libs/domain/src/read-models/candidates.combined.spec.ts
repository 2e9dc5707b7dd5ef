/**
 * TM10 joins four exclusions (township work, a grade below the lowest, too few EXCELLENT, a
 * sanction period overlapping the cycle): each alone, each pair, and all together, exclude with
 * exactly those reasons; and every setting that feeds the list comes from the policy version.
 */
import { excellentSecretaryCandidates, TM10_RULES, type ExcellentSecretaryCandidates } from './candidates';
import { SpecLedger } from './spec-ledger';

const CYCLE = '2021-2025';
type Exclusion = 'work' | 'grade' | 'excellent' | 'sanction';
const RULE_OF: Record<Exclusion, string> = {
  work: TM10_RULES.townshipWork,
  grade: TM10_RULES.grades,
  excellent: TM10_RULES.excellent,
  sanction: TM10_RULES.sanction,
};
const ALL: Exclusion[] = ['work', 'grade', 'excellent', 'sanction'];

/** Given a secretary of T01 on 2025-12-31 failing exactly the exclusions named. */
function secretaryFailing(l: SpecLedger, cadreId: string, township: string, failing: readonly Exclusion[], sanctioned = true): void {
  l.unit(township);
  l.cadre(cadreId);
  // 5 years of township work reached on 2025-12-31 exactly, or one day short.
  l.appoint(cadreId, failing.includes('work') ? '2021-01-01' : '2020-12-31', township, 'PARTY_SECRETARY');
  l.grades(cadreId, {
    2021: failing.includes('excellent') ? 'COMPETENT' : 'EXCELLENT',
    2022: 'COMPETENT',
    2023: failing.includes('grade') ? 'BASICALLY_COMPETENT' : 'COMPETENT',
    2024: 'UNGRADED', // neutral either way
    2025: 'COMPETENT',
  });
  // A WARNING from 2020-07-01 runs to 2020-12-31 (no overlap); from 2020-07-02 to 2021-01-01 (overlap).
  if (sanctioned) l.sanction(cadreId, failing.includes('sanction') ? '2020-07-02' : '2020-07-01', `S-${cadreId}`, 'WARNING');
}

const subsets = (xs: readonly Exclusion[]): Exclusion[][] =>
  xs.reduce<Exclusion[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

const list = (l: SpecLedger): ExcellentSecretaryCandidates => excellentSecretaryCandidates(l.events, { cycle: CYCLE });

describe('TM10 combined exclusions', () => {
  it.each(subsets(ALL).map((s) => [s.join('+') || 'none', s] as const))('given a secretary failing %s, then excluded with exactly those reasons', (_name, failing) => {
    const l = new SpecLedger();
    secretaryFailing(l, 'X', 'T01', failing);
    const answer = list(l);
    if (failing.length === 0) {
      expect(answer.candidates.map((c) => c.cadreId)).toEqual(['X']);
      expect(answer.excluded).toEqual([]);
    } else {
      expect(answer.candidates).toEqual([]);
      expect(answer.excluded.map((e) => [e.cadreId, e.reasons.map((r) => r.rule).sort()])).toEqual([['X', failing.map((f) => RULE_OF[f]).sort()]]);
    }
  });

  it('given a rescinded sanction overlapping the cycle, then it does not exclude', () => {
    const l = new SpecLedger();
    secretaryFailing(l, 'X', 'T01', ['sanction']);
    l.rescind('X', '2021-03-01', 'S-X');
    expect(list(l).candidates.map((c) => c.cadreId)).toEqual(['X']);
  });
});

describe('TM10 settings come from the policy version in effect on the reference date', () => {
  it('continuityGraceDays: a tolerated gap keeps the secretary run, which ranks the cadre first', () => {
    const build = (grace: number) => {
      const l = new SpecLedger();
      l.policy('grace', '2000-01-01', (s) => ({ ...s, continuityGraceDays: grace }));
      for (const t of ['T01', 'T02', 'T03']) l.unit(t);
      // A: secretary since 2010 with a 2-day gap in 2019; B: secretary since 2016 without a gap.
      l.appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('A', '2019-01-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('A', '2019-01-03', 'T02', 'PARTY_SECRETARY');
      l.appoint('B', '2016-01-01', 'T03', 'PARTY_SECRETARY');
      for (const c of ['A', 'B']) l.grades(c, { 2021: 'EXCELLENT', 2022: 'COMPETENT' });
      return list(l).candidates.map((c) => [c.cadreId, c.partySecretaryRun?.start, c.partySecretaryRun?.years]);
    };
    expect(build(0)).toEqual([
      ['B', '2016-01-01', 9],
      ['A', '2019-01-03', 6],
    ]);
    expect(build(2)).toEqual([
      ['A', '2010-01-01', 15],
      ['B', '2016-01-01', 9],
    ]);
  });

  it('thresholds: work years, lowest grade, EXCELLENT count and quota are read from a non-default version', () => {
    const l = new SpecLedger();
    secretaryFailing(l, 'W', 'T01', ['work']);
    secretaryFailing(l, 'G', 'T02', ['grade']);
    secretaryFailing(l, 'E', 'T03', ['excellent']);
    expect(list(l)).toMatchObject({ quota: 23, policyVersion: '1', candidates: [] });
    l.policy('county-2025', '2025-01-01', (s) => ({
      ...s,
      excellentSecretary: { quota: 2, minTownshipWorkYears: 4, lowestAcceptableGrade: 'BASICALLY_COMPETENT', minExcellentGradesInCycle: 0 },
    }));
    const answer = list(l);
    expect(answer).toMatchObject({ quota: 2, policyVersion: 'county-2025', excluded: [] });
    expect(answer.candidates.map((c) => [c.cadreId, c.withinQuota])).toEqual([
      ['G', true],
      ['W', true],
      ['E', false],
    ]);
  });

  it('sanction effect months are read from the policy version: a 12-month WARNING from 2020-03-01 overlaps the cycle', () => {
    const l = new SpecLedger();
    secretaryFailing(l, 'X', 'T01', [], false);
    l.sanction('X', '2020-03-01', 'S-2', 'WARNING');
    expect(list(l).candidates.map((c) => c.cadreId)).toEqual(['X']);
    l.policy('long-warning', '2000-01-01', (s) => ({ ...s, sanctionEffectMonths: { ...s.sanctionEffectMonths, WARNING: 12 } }));
    expect(list(l).excluded.map((e) => [e.cadreId, e.reasons.map((r) => r.rule)])).toEqual([['X', [TM10_RULES.sanction]]]);
  });
});
