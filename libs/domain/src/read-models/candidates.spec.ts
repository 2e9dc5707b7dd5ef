import { excellentSecretaryCandidates, TM10_RULES } from './candidates';
import { d, SpecLedger } from './spec-ledger';
import type { Grade } from '../vocabulary';

const CYCLE = '2021-2025';

/** A township party secretary since `since`, with the cycle's grades (EXCELLENT in the years given). */
function secretary(l: SpecLedger, cadreId: string, township: string, since: string, excellentYears: number[], other: Grade = 'COMPETENT'): void {
  l.unit(township);
  l.cadre(cadreId);
  l.appoint(cadreId, since, township, 'PARTY_SECRETARY');
  for (let y = 2021; y <= 2025; y++) l.grade(cadreId, y, excellentYears.includes(y) ? 'EXCELLENT' : other);
}

describe('TM10 Excellent Township Party Secretary candidates', () => {
  /** Ranking ties: E has 3 EXCELLENT; A, B, C, D have 2; A has the longest run; C and D tie on score. */
  function rankingLedger(quota?: number): SpecLedger {
    const l = new SpecLedger();
    if (quota !== undefined) l.policy('2', '2000-01-01', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota } }));
    secretary(l, 'A', 'T01', '2015-01-01', [2021, 2023]);
    secretary(l, 'B', 'T02', '2018-01-01', [2022, 2024]);
    secretary(l, 'C', 'T03', '2018-06-01', [2021, 2025]);
    secretary(l, 'D', 'T04', '2018-03-01', [2023, 2024]);
    secretary(l, 'E', 'T05', '2016-01-01', [2021, 2022, 2025]);
    l.score('T01', 2025, 80);
    l.score('T02', 2025, 95);
    l.score('T03', 2024, 99); // superseded by the later year
    l.score('T03', 2025, 97);
    l.score('T04', 2025, 97);
    l.score('T05', 2025, 60);
    l.score('T02', 2026, 10); // after the cycle: not used
    l.rank('A', '2020-01-01', 'PRINCIPAL_STAFF_1');
    l.rank('E', '2020-01-01', 'RESEARCHER_4');
    l.rank('D', '2020-01-01', 'PRINCIPAL_STAFF_2');
    l.rank('C', '2020-01-01', 'PRINCIPAL_STAFF_2');
    l.add('cadre-D', 'Commended', '2026-03-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: CYCLE, level: 'COUNTY' });
    return l;
  }

  it('ranks by EXCELLENT count, then completed secretary-run years, then the township score of the cycle’s last year; equal merit, equal rank', () => {
    const answer = excellentSecretaryCandidates(rankingLedger().events, { cycle: CYCLE });
    expect(answer).toEqual(expect.objectContaining({ cycle: CYCLE, referenceDate: '2025-12-31', quota: 23, excluded: [] }));
    expect(answer.candidates.map((c) => [c.rank, c.cadreId, c.excellentCount, c.partySecretaryRun?.years, c.latestPerformanceScore?.score])).toEqual([
      [1, 'E', 3, 9, 60],
      [2, 'A', 2, 10, 80],
      [3, 'C', 2, 7, 97], // C and D tie on every criterion: the id only orders the listing
      [3, 'D', 2, 7, 97],
      [5, 'B', 2, 7, 95],
    ]);
    expect(answer.candidates.every((c) => c.withinQuota && !c.tiedAtQuotaLine)).toBe(true);
  });

  it('marks the first `quota` (a policy setting) as within quota, and flags only the commended below 四级调研员 for priority promotion', () => {
    const answer = excellentSecretaryCandidates(rankingLedger(2).events, { cycle: CYCLE });
    expect(answer.quota).toBe(2);
    expect(answer.policyVersion).toBe('2');
    expect(answer.candidates.map((c) => [c.cadreId, c.withinQuota, c.priorityPromotionToResearcher4])).toEqual([
      ['E', true, false], // already 四级调研员
      ['A', true, false], // within quota but not commended
      ['C', false, false],
      ['D', false, true], // commended for the cycle, 二级主任科员
      ['B', false, false], // rank unknown
    ]);
  });

  describe('a tie at the quota line (TM10: reported for the county to settle, never cut by id)', () => {
    const marks = (quota: number) =>
      excellentSecretaryCandidates(rankingLedger(quota).events, { cycle: CYCLE }).candidates.map((c) => [c.cadreId, c.rank, c.withinQuota, c.tiedAtQuotaLine]);
    it('given the line between A (2nd) and the tied C and D, then nobody is tied', () => {
      expect(marks(2)).toEqual([['E', 1, true, false], ['A', 2, true, false], ['C', 3, false, false], ['D', 3, false, false], ['B', 5, false, false]]);
    });
    it('given the line through the tied C and D (quota 3), then both are tied at the line and neither is within quota', () => {
      expect(marks(3)).toEqual([['E', 1, true, false], ['A', 2, true, false], ['C', 3, false, true], ['D', 3, false, true], ['B', 5, false, false]]);
    });
    it('given the line just after the tied C and D (quota 4), then both are within quota', () => {
      expect(marks(4)).toEqual([['E', 1, true, false], ['A', 2, true, false], ['C', 3, true, false], ['D', 3, true, false], ['B', 5, false, false]]);
    });
  });

  it('ranks by the score of the cycle’s last year: a township with only an earlier year’s score ranks after every scored one', () => {
    const l = new SpecLedger();
    secretary(l, 'P', 'T01', '2018-01-01', [2022, 2024]);
    secretary(l, 'Q', 'T02', '2018-01-01', [2022, 2024]);
    l.score('T01', 2024, 99); // not the cycle's last year
    l.score('T02', 2025, 50);
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    expect(answer.candidates.map((c) => [c.cadreId, c.rank, c.latestPerformanceScore?.score ?? null])).toEqual([
      ['Q', 1, 50],
      ['P', 2, null],
    ]);
  });

  it('excludes every secretary on the reference date who fails a check, with rule ids and reasons in Chinese', () => {
    const l = new SpecLedger();
    secretary(l, 'OK', 'T01', '2015-01-01', [2022]);
    secretary(l, 'NOEX', 'T02', '2015-01-01', []);
    secretary(l, 'LOW', 'T03', '2015-01-01', [2021]);
    l.grade('LOW', 2023, 'BASICALLY_COMPETENT', { date: '2024-02-01' }); // supersedes 2023 COMPETENT
    secretary(l, 'SANC', 'T04', '2015-01-01', [2021]);
    l.sanction('SANC', '2020-08-01', 'S1', 'WARNING'); // runs to 2021-01-31: overlaps the cycle
    secretary(l, 'RESC', 'T05', '2015-01-01', [2021]);
    l.sanction('RESC', '2023-08-01', 'S2', 'DEMERIT');
    l.rescind('RESC', '2024-01-10', 'S2');
    secretary(l, 'LEFT', 'T06', '2015-01-01', [2021]);
    l.remove('LEFT', '2025-06-01', 'T06', 'PARTY_SECRETARY');
    l.cadre('HEAD');
    l.appoint('HEAD', '2010-01-01', 'T01', 'HEAD');

    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    expect(answer.candidates.map((c) => c.cadreId)).toEqual(['OK', 'RESC']);
    expect(answer.excluded.map((e) => [e.cadreId, e.reasons.map((r) => r.rule)])).toEqual([
      ['LOW', [TM10_RULES.grades]],
      ['NOEX', [TM10_RULES.excellent]],
      ['SANC', [TM10_RULES.sanction]],
    ]);
    const low = answer.excluded.find((e) => e.cadreId === 'LOW')!;
    expect(low.reasons[0]!.detail).toBe('2021-2025 周期内有年度考核低于称职：2023 年度基本称职');
    const sanc = answer.excluded.find((e) => e.cadreId === 'SANC')!;
    expect(sanc.reasons[0]!.detail).toBe('2021-01-01 至 2025-12-31 期间有处分或组织处理影响期：警告处分 (2020-08-01 至 2021-01-31)');
  });

  it('requires 5 years of township work by the reference date (anniversary rule)', () => {
    const l = new SpecLedger();
    secretary(l, 'FIVE', 'T01', '2020-12-31', [2022]);
    secretary(l, 'SHORT', 'T02', '2021-01-01', [2022]);
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    expect(answer.candidates.map((c) => c.cadreId)).toEqual(['FIVE']);
    expect(answer.excluded).toEqual([
      expect.objectContaining({
        cadreId: 'SHORT',
        reasons: [expect.objectContaining({ rule: TM10_RULES.townshipWork, detail: '乡镇工作经历 4 年 11 个月 (共 1825 天)，须满 5 年' })],
      }),
    ]);
  });

  it('counts township staff and deputy years as township work experience', () => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2023-01-01', [2024]);
    l.unit('T09');
    l.appoint('X', '2015-01-01', 'T09', 'STAFF');
    l.remove('X', '2019-01-01', 'T09', 'STAFF');
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates.map((c) => c.townshipWorkDays)).toEqual([1461 + 1095]);
  });

  it('counts the last year grades decided after the cycle, unless an earlier drawing-up date cuts them', () => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', [2025]); // the 2025 grade is decided 2026-01-20
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates).toHaveLength(1);
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d('2025-12-31') }).excluded).toHaveLength(1);
  });

  it('rejects a malformed cycle', () => {
    expect(() => excellentSecretaryCandidates([], { cycle: '2021-2024' })).toThrow();
  });
});
