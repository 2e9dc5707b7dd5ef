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
    expect(sanc.reasons[0]!.detail).toBe('2021-01-01 至 2025-12-31 期间有处分或组织处理影响期：警告处分（2020-08-01 至 2021-01-31）');
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
        reasons: [expect.objectContaining({ rule: TM10_RULES.townshipWork, detail: '乡镇工作经历 4 年 11 个月（共 1825 天），须满 5 年' })],
      }),
    ]);
  });

  it('requires 5 years of township work: a secretary since the day before the 5th anniversary passes too', () => {
    const l = new SpecLedger();
    secretary(l, 'MORE', 'T01', '2020-12-30', [2022]);
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates.map((c) => c.cadreId)).toEqual(['MORE']);
  });

  describe('party secretary on the reference date (31 December of the cycle’s last year)', () => {
    const listed = (build: (l: SpecLedger) => void): string[] => {
      const l = new SpecLedger();
      build(l);
      const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
      return [...answer.candidates.map((c) => c.cadreId), ...answer.excluded.map((e) => e.cadreId)];
    };
    it.each([
      ['2025-12-30', []],
      ['2025-12-31', []], // the removal's date is no longer held (T2)
      ['2026-01-01', ['X']],
    ])('given a secretary since 2015 removed on %s, then the cycle lists %j', (removed, ids) => {
      expect(listed((l) => {
        secretary(l, 'X', 'T01', '2015-01-01', [2022]);
        l.remove('X', removed, 'T01', 'PARTY_SECRETARY');
      })).toEqual(ids);
    });
    it.each([
      ['2025-12-30', ['X']],
      ['2025-12-31', ['X']],
      ['2026-01-01', []],
    ])('given a secretary appointed on %s, then the cycle lists %j', (since, ids) => {
      expect(listed((l) => secretary(l, 'X', 'T01', since, [2022]))).toEqual(ids);
    });
  });

  it('ranks by completed secretary years (T3) on the reference date: 8 years from 2017-12-31, 7 from 2018-01-01, whatever the scores', () => {
    const l = new SpecLedger();
    secretary(l, 'R', 'T01', '2017-12-30', [2022]);
    secretary(l, 'P', 'T02', '2017-12-31', [2022]);
    secretary(l, 'Q', 'T03', '2018-01-01', [2022]);
    l.score('T01', 2025, 70);
    l.score('T02', 2025, 50);
    l.score('T03', 2025, 90);
    const candidates = excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates;
    expect(candidates.map((c) => [c.cadreId, c.partySecretaryRun?.years, c.rank])).toEqual([
      ['R', 8, 1],
      ['P', 8, 2],
      ['Q', 7, 3],
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

  it.each([
    ['2023-06-29', false],
    ['2023-06-30', true],
    ['2023-07-01', true],
  ])('drawn up on %s, a secretary appointed 2023-06-30 is on the list: %s (T4: posts count from their date)', (asOf, listed) => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2023-06-30', [2021, 2022]);
    l.appoint('X', '2015-01-01', 'T01', 'STAFF');
    const list = excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d(asOf) });
    expect(list.candidates.map((c) => c.cadreId)).toEqual(listed ? ['X'] : []);
    if (listed) expect(list.candidates[0]!.checks.find((c) => c.rule === TM10_RULES.partySecretary)!.detail).toContain(`（按 ${asOf} 生效的记录推算）`);
  });

  it.each([
    ['2025-12-30', true],
    ['2025-12-31', false],
    ['2026-01-01', false],
  ])('drawn up on %s, what the township-work and sanction checks say of the days to come rests on the records then: said so (%s; found by a review of the ten measures)', (asOf, projected) => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', [2021, 2022]);
    const checks = excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d(asOf) }).candidates[0]!.checks;
    for (const rule of [TM10_RULES.townshipWork, TM10_RULES.sanction]) {
      const detail = checks.find((c) => c.rule === rule)!.detail;
      if (projected) expect(detail).toMatch(new RegExp(`（按 ${asOf} 生效的记录推算）$`));
      else expect(detail).not.toContain('生效的记录推算');
    }
  });

  it('drawn up before the reference date, a secretary removed after the drawing-up date is still taken to hold the post then; drawn up after, not', () => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', [2021, 2022]);
    l.remove('X', '2024-03-01', 'T01', 'PARTY_SECRETARY');
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d('2024-02-29') }).candidates.map((c) => c.cadreId)).toEqual(['X']);
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d('2024-03-01') }).candidates).toEqual([]);
    // On or after the reference date: no projection said.
    const after = excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d('2026-03-01') });
    expect(after.candidates).toEqual([]);
  });

  it('counts the last year grades decided after the cycle, unless an earlier drawing-up date cuts them', () => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', [2025]); // the 2025 grade is decided 2026-01-20
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates).toHaveLength(1);
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d('2025-12-31') }).excluded).toHaveLength(1);
  });

  it.each([
    ['2026-01-19', []],
    ['2026-01-20', ['X']],
    ['2026-01-21', ['X']],
  ])('given the cycle’s only EXCELLENT the 2025 grade, decided on 2026-01-20 (after 31 December), when drawn up on %s, then the list holds %j', (asOf, ids) => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', [2025]);
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE, asOf: d(asOf) }).candidates.map((c) => c.cadreId)).toEqual(ids);
  });

  it.each([
    [2020, 'EXCELLENT', []],
    [2021, 'EXCELLENT', ['X']],
    [2025, 'EXCELLENT', ['X']],
    [2026, 'EXCELLENT', []],
    [2020, 'INCOMPETENT', ['X']],
    [2021, 'INCOMPETENT', []],
    [2025, 'INCOMPETENT', []],
    [2026, 'INCOMPETENT', ['X']],
  ] as const)('given the cycle’s years 2021–2025 and a grade of %i %s (the other years COMPETENT, else one EXCELLENT in 2023 when the grade is INCOMPETENT), then the list holds %j', (year, grade, ids) => {
    const l = new SpecLedger();
    secretary(l, 'X', 'T01', '2015-01-01', grade === 'EXCELLENT' ? [] : [2023]);
    l.grade('X', year, grade, { date: `${year + 1}-01-21` }); // a later record of 2021 or 2025 supersedes the helper’s
    expect(excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates.map((c) => c.cadreId)).toEqual(ids);
  });

  describe('no sanction effect period overlapping the cycle [2021-01-01, 2026-01-01): a 警告 (6 months) at either edge', () => {
    const listed = (warningOn: string) => {
      const l = new SpecLedger();
      secretary(l, 'X', 'T01', '2015-01-01', [2022]);
      l.sanction('X', warningOn, 'S1', 'WARNING');
      const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
      return { candidates: answer.candidates.map((c) => c.cadreId), excluded: answer.excluded.map((e) => [e.cadreId, e.reasons.map((r) => r.rule)]) };
    };
    it.each([
      ['2020-06-30', '2020-12-30'],
      ['2020-07-01', '2021-01-01'],
    ])('given a 警告 effective %s (its period ends, exclusive, on %s, on or before the cycle’s first day), then listed', (warningOn) => {
      expect(listed(warningOn)).toEqual({ candidates: ['X'], excluded: [] });
    });
    it.each([['2020-07-02'], ['2025-12-31']])('given a 警告 effective %s (its period covers the cycle’s first or last day), then excluded on TM10.noSanctionPeriod', (warningOn) => {
      expect(listed(warningOn)).toEqual({ candidates: [], excluded: [['X', [TM10_RULES.sanction]]] });
    });
    it('given a 警告 effective 2026-01-01 (the day after the cycle), then listed', () => {
      expect(listed('2026-01-01')).toEqual({ candidates: ['X'], excluded: [] });
    });
  });

  it('rejects a malformed cycle', () => {
    expect(() => excellentSecretaryCandidates([], { cycle: '2021-2024' })).toThrow();
  });
});

describe('TM10 township work that ended long before the reference date is measured from its start to its end (T3; found by a review)', () => {
  /** A: township staff from 2009-03-01 until `left`, then a county department head, party secretary of T01 from 2024-12-31. */
  function answer(left: string) {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D01', 'COUNTY_DEPARTMENT', '县农业农村局');
    l.cadre('A');
    l.appoint('A', '2009-03-01', 'T01', 'STAFF');
    l.transfer('A', left, ['T01', 'STAFF'], ['D01', 'HEAD']);
    l.transfer('A', '2024-12-31', ['D01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    for (let y = 2020; y <= 2024; y++) l.grade('A', y, y === 2022 ? 'EXCELLENT' : 'COMPETENT');
    return excellentSecretaryCandidates(l.events, { cycle: '2020-2024' });
  }
  // 2009-03-01 to 2014-03-01 holds one 29 February (2012); the five years before 2024-12-31 hold two
  // (2020, 2024): laid back from the reference date, its 1,826 days came to 4 years 11 months.
  it.each([
    ['2014-02-28', false, '乡镇工作经历 4 年 11 个月（共 1825 天），须满 5 年'],
    ['2014-03-01', true, '乡镇工作经历 5 年 0 个月（共 1826 天），须满 5 年'],
    ['2014-03-02', true, '乡镇工作经历 5 年 0 个月（共 1827 天），须满 5 年'],
  ])('township work until %s: listed %s', (left, listed, detail) => {
    const r = answer(left);
    expect(r.candidates.map((c) => c.cadreId)).toEqual(listed ? ['A'] : []);
    const checks = listed ? r.candidates[0]!.checks : r.excluded[0]!.reasons;
    expect(checks.find((c) => c.rule === TM10_RULES.townshipWork)).toEqual(expect.objectContaining({ passed: listed, detail }));
  });
});

describe('TM10 and N4: an EXCELLENT of a year a sanction forbids it earns no credit (found by a review)', () => {
  it('given the cycle’s only EXCELLENT (2021) and a 2021 demerit recorded later, then the EXCELLENT check fails, naming the year', () => {
    const l = new SpecLedger();
    secretary(l, 'A', 'T01', '2015-01-01', [2021]);
    l.sanction('A', '2021-03-01', 'S1', 'DEMERIT');
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    const excluded = answer.excluded.find((c) => c.cadreId === 'A');
    const check = excluded?.checks.find((c) => c.rule === TM10_RULES.excellent);
    expect(check).toEqual(expect.objectContaining({ passed: false, detail: expect.stringContaining('2021 年度优秀与当年处分不符（N4），不计入') }));
  });

  it('given three EXCELLENT of which a later-recorded 2021 warning voids one, then the ranking counts two: equal to a secretary with two, not ahead', () => {
    // Given a policy under which a warning has no period of effect (so A stays on the list), A with
    // EXCELLENT 2021, 2022, 2023 and a 2021 warning (N4: not EXCELLENT that year); B alike with EXCELLENT 2022, 2023
    const l = new SpecLedger();
    l.policy('2', '2000-01-01', (s) => ({ ...s, sanctionEffectMonths: { ...s.sanctionEffectMonths, WARNING: 0 } }));
    secretary(l, 'A', 'T01', '2015-01-01', [2021, 2022, 2023]);
    secretary(l, 'B', 'T02', '2015-01-01', [2022, 2023]);
    l.sanction('A', '2021-03-01', 'S1', 'WARNING');
    // When the candidates of the cycle are listed
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    // Then A counts two and ranks with B
    expect(answer.candidates.map((c) => [c.rank, c.cadreId, c.excellentCount])).toEqual([
      [1, 'A', 2],
      [1, 'B', 2],
    ]);
  });
});

describe('TM10 ranking of equal merit and the quota line', () => {
  /** Z, Y, X registered in that order (against id order), equal on every criterion: 2 EXCELLENT, runs since 2018, no score. */
  function threeTied(quota: number): SpecLedger {
    const l = new SpecLedger();
    l.policy('q', '2000-01-01', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota } }));
    secretary(l, 'Z', 'T03', '2018-01-01', [2022, 2024]);
    secretary(l, 'Y', 'T02', '2018-01-01', [2022, 2024]);
    secretary(l, 'X', 'T01', '2018-01-01', [2022, 2024]);
    return l;
  }
  const marks = (quota: number) =>
    excellentSecretaryCandidates(threeTied(quota).events, { cycle: CYCLE }).candidates.map((c) => [c.cadreId, c.rank, c.withinQuota, c.tiedAtQuotaLine]);

  it('given three candidates equal on every criterion and none scored, then all share rank 1, listed by id whatever the order they were recorded in', () => {
    expect(marks(3)).toEqual([
      ['X', 1, true, false],
      ['Y', 1, true, false],
      ['Z', 1, true, false],
    ]);
  });

  it('given the quota line through the top of the tie (quota 1), then all three are tied at the line and none is within quota', () => {
    expect(marks(1)).toEqual([
      ['X', 1, false, true],
      ['Y', 1, false, true],
      ['Z', 1, false, true],
    ]);
  });

  it('given the quota line through the bottom of the tie (quota 2), then all three are tied at the line and none is within quota', () => {
    expect(marks(2)).toEqual([
      ['X', 1, false, true],
      ['Y', 1, false, true],
      ['Z', 1, false, true],
    ]);
  });

  it('given a quota larger than the list, then everyone is within quota and nobody is tied', () => {
    expect(marks(4)).toEqual([
      ['X', 1, true, false],
      ['Y', 1, true, false],
      ['Z', 1, true, false],
    ]);
  });

  it('lists the excluded by id whatever the order they were recorded in', () => {
    const l = new SpecLedger();
    secretary(l, 'Z', 'T03', '2018-01-01', []);
    secretary(l, 'X', 'T01', '2018-01-01', []);
    secretary(l, 'Y', 'T02', '2018-01-01', []);
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    expect(answer.excluded.map((e) => e.cadreId)).toEqual(['X', 'Y', 'Z']);
  });
});

describe('TM10 the checks’ details and evidence', () => {
  it('the party-secretary check names the township, the post’s start and the continuous run', () => {
    const l = new SpecLedger();
    secretary(l, 'A', 'T01', '2015-03-01', [2022]);
    const [candidate] = excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates;
    const check = candidate!.checks.find((c) => c.rule === TM10_RULES.partySecretary)!;
    expect(check).toEqual({
      rule: TM10_RULES.partySecretary,
      passed: true,
      detail: '2025-12-31 任T01镇党委书记（自 2015-03-01），连续任乡镇党委书记 10 年 9 个月 30 天（自 2015-03-01）',
      evidence: [candidate!.partySecretaryRun!.eventIds[0]],
    });
  });

  it('the township-work check cites the township posts only, not a county department post', () => {
    const l = new SpecLedger();
    l.unit('D01', 'COUNTY_DEPARTMENT', '县农业农村局');
    l.unit('T09');
    secretary(l, 'A', 'T01', '2021-01-01', [2022]);
    const staff = l.appoint('A', '2012-01-01', 'T09', 'STAFF');
    const staffEnd = l.remove('A', '2016-01-01', 'T09', 'STAFF');
    const dept = l.appoint('A', '2016-01-01', 'D01', 'STAFF');
    const deptEnd = l.remove('A', '2020-12-31', 'D01', 'STAFF');
    const secretaryPost = l.events.find((e) => e.type === 'AppointedToPost' && e.streamId === 'cadre-A' && (e.data as { orgUnitId: string }).orgUnitId === 'T01')!.eventId;
    const [candidate] = excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates;
    const work = candidate!.checks.find((c) => c.rule === TM10_RULES.townshipWork)!;
    expect(work.passed).toBe(true);
    expect([...work.evidence].sort()).toEqual([secretaryPost, staff, staffEnd].sort());
    expect(work.evidence).not.toContain(dept);
    expect(work.evidence).not.toContain(deptEnd);
  });
});

describe('TM10 a secretary of two townships at once: the better township score ranks', () => {
  function twoPosts(first: number, second: number): SpecLedger {
    const l = new SpecLedger();
    secretary(l, 'A', 'T01', '2015-01-01', [2022]);
    l.unit('T02');
    l.appoint('A', '2016-01-01', 'T02', 'PARTY_SECRETARY');
    l.score('T01', 2025, first);
    l.score('T02', 2025, second);
    return l;
  }
  const scoreOf = (l: SpecLedger) => excellentSecretaryCandidates(l.events, { cycle: CYCLE }).candidates[0]!.latestPerformanceScore;

  it('given the first township scored higher, then its score', () => {
    expect(scoreOf(twoPosts(90, 80))).toMatchObject({ orgUnitId: 'T01', orgUnitName: 'T01镇', year: 2025, score: 90 });
  });
  it('given the second township scored higher, then its score', () => {
    expect(scoreOf(twoPosts(80, 90))).toMatchObject({ orgUnitId: 'T02', orgUnitName: 'T02镇', year: 2025, score: 90 });
  });
  it('given equal scores, then the first township’s', () => {
    expect(scoreOf(twoPosts(85, 85))).toMatchObject({ orgUnitId: 'T01', score: 85 });
  });
  it('the party-secretary check names both townships', () => {
    const [candidate] = excellentSecretaryCandidates(twoPosts(85, 85).events, { cycle: CYCLE }).candidates;
    expect(candidate!.checks.find((c) => c.rule === TM10_RULES.partySecretary)!.detail).toMatch(/^2025-12-31 任T01镇党委书记（自 2015-01-01）、T02镇党委书记（自 2016-01-01），连续任乡镇党委书记 /);
  });
});

describe('TM10 commended for the cycle and priority promotion toward 四级调研员', () => {
  type Commendation = { award?: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' | 'OTHER'; cycle?: string; date?: string; recordedAt?: string };
  function commendedLedger(c: Commendation, rank: string | null = 'PRINCIPAL_STAFF_1'): { l: SpecLedger; id: string } {
    const l = new SpecLedger();
    secretary(l, 'A', 'T01', '2015-01-01', [2022]);
    if (rank !== null) l.rank('A', '2020-01-01', rank as never);
    const id = l.add(
      'cadre-A',
      'Commended',
      c.date ?? '2026-03-01',
      { award: c.award ?? 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: c.cycle ?? CYCLE, level: 'COUNTY' },
      c.recordedAt ? { recordedAt: c.recordedAt } : {},
    );
    return { l, id };
  }
  const flags = (l: SpecLedger, o: { asOf?: string; knownAt?: string } = {}) => {
    const c = excellentSecretaryCandidates(l.events, { cycle: CYCLE, ...(o.asOf ? { asOf: d(o.asOf) } : {}), ...(o.knownAt ? { knownAt: o.knownAt } : {}) }).candidates[0]!;
    return [c.commended, c.priorityPromotionToResearcher4];
  };

  it('given the commendation for this cycle and a rank below 四级调研员, then commended and flagged', () => {
    expect(flags(commendedLedger({}).l)).toEqual([true, true]);
  });
  it('given a commendation for another cycle, or another award, then not commended', () => {
    expect(flags(commendedLedger({ cycle: '2016-2020' }).l)).toEqual([false, false]);
    expect(flags(commendedLedger({ award: 'OTHER' }).l)).toEqual([false, false]);
  });
  it('given a drawing-up date: the commendation counts on its own date (day of), not the day before', () => {
    const { l } = commendedLedger({ date: '2026-03-01' });
    expect(flags(l, { asOf: '2026-02-28' })).toEqual([false, false]);
    expect(flags(l, { asOf: '2026-03-01' })).toEqual([true, true]);
    expect(flags(l, { asOf: '2026-03-02' })).toEqual([true, true]);
  });
  it('given the list as known before the commendation was recorded, or the commendation retracted, then not commended', () => {
    const { l, id } = commendedLedger({ recordedAt: '2026-03-05T02:00:00.000Z' });
    expect(flags(l, { knownAt: '2026-03-05T01:59:59.999Z' })).toEqual([false, false]);
    expect(flags(l, { knownAt: '2026-03-05T02:00:00.000Z' })).toEqual([true, true]);
    l.retract('A', '2026-04-01', id);
    expect(flags(l)).toEqual([false, false]);
  });
  it('given the commended already 四级调研员, or of no known rank, then commended but not flagged', () => {
    expect(flags(commendedLedger({}, 'RESEARCHER_4').l)).toEqual([true, false]);
    expect(flags(commendedLedger({}, null).l)).toEqual([true, false]);
  });
  it('given the commended secretary off the list (a sanction in the cycle recorded later), then still commended and flagged among the excluded', () => {
    const { l } = commendedLedger({});
    l.sanction('A', '2024-06-01', 'S1', 'WARNING');
    const answer = excellentSecretaryCandidates(l.events, { cycle: CYCLE });
    expect(answer.candidates).toEqual([]);
    const [excluded] = answer.excluded;
    expect([excluded!.cadreId, excluded!.commended, excluded!.priorityPromotionToResearcher4, excluded!.recommendForCountyLevelPost]).toEqual(['A', true, true, false]);
    expect(excluded!.currentRank).toBe('PRINCIPAL_STAFF_1');
  });
});

describe('TM10 especially outstanding (特别优秀): recommended for a county-level leading post', () => {
  function ledger(commendations: { especiallyOutstanding?: boolean; cycle?: string; award?: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' | 'OTHER'; date?: string }[]): SpecLedger {
    const l = new SpecLedger();
    secretary(l, 'A', 'T01', '2015-01-01', [2022]);
    l.rank('A', '2020-01-01', 'PRINCIPAL_STAFF_1');
    for (const c of commendations) {
      l.add('cadre-A', 'Commended', c.date ?? '2026-03-01', {
        award: c.award ?? 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY',
        cycle: c.cycle ?? CYCLE,
        level: 'COUNTY',
        ...(c.especiallyOutstanding !== undefined ? { especiallyOutstanding: c.especiallyOutstanding } : {}),
      });
    }
    return l;
  }
  const flag = (l: SpecLedger, asOf?: string) => {
    const c = excellentSecretaryCandidates(l.events, { cycle: CYCLE, ...(asOf ? { asOf: d(asOf) } : {}) }).candidates[0]!;
    return [c.commended, c.recommendForCountyLevelPost];
  };

  it('given the cycle commendation says especially outstanding, then commended and recommended for a county-level post', () => {
    expect(flag(ledger([{ especiallyOutstanding: true }]))).toEqual([true, true]);
  });
  it('given a commendation without the mark, or marked false, then commended but not recommended', () => {
    expect(flag(ledger([{}]))).toEqual([true, false]);
    expect(flag(ledger([{ especiallyOutstanding: false }]))).toEqual([true, false]);
  });
  it('given the mark on a commendation of another cycle or another award, then not recommended', () => {
    expect(flag(ledger([{ especiallyOutstanding: true, cycle: '2016-2020' }]))).toEqual([false, false]);
    expect(flag(ledger([{ especiallyOutstanding: true, award: 'OTHER' }]))).toEqual([false, false]);
  });
  it('given a plain commendation and a later especially outstanding one: recommended from the later one’s date (day before, day of)', () => {
    const l = ledger([{ date: '2026-03-01' }, { especiallyOutstanding: true, date: '2026-06-01' }]);
    expect(flag(l, '2026-05-31')).toEqual([true, false]);
    expect(flag(l, '2026-06-01')).toEqual([true, true]);
  });
});
