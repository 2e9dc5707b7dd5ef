import { inPostPromotionEligibility, TM6B_RULES, type CadreInPostEligibility } from './eligibility';
import { d, SpecLedger } from './spec-ledger';
import { knownAtInstant } from '../time/instant';

/** Given: T01/T02 townships; C1 party secretary of T01 since 2016-03-01, EXCELLENT in 2018 and 2020. */
function given(build: (l: SpecLedger, ids: Record<string, string>) => void = () => undefined): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
  l.cadre('C1');
  const ids: Record<string, string> = {};
  ids.appointment = l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY');
  for (let y = 2016; y <= 2023; y++) ids[`grade${y}`] = l.grade('C1', y, y === 2018 || y === 2020 ? 'EXCELLENT' : 'COMPETENT');
  build(l, ids);
  return l;
}

function cadre(l: SpecLedger, cadreId: string, asOf: string, knownAt?: string): CadreInPostEligibility | undefined {
  return inPostPromotionEligibility(l.events, { asOf: d(asOf), ...(knownAt ? { knownAt } : {}) }).cadres.find((c) => c.cadreId === cadreId);
}
const check = (c: CadreInPostEligibility | undefined, rule: string) => c?.checks.find((k) => k.rule === rule);

describe('TM6b in-post promotion eligibility', () => {
  it('given a secretary run reaching 8 years exactly on the as-of date, then eligible on the secretary basis', () => {
    const l = given();
    const answer = inPostPromotionEligibility(l.events, { asOf: d('2024-03-01') });
    expect(answer.asOf).toBe('2024-03-01');
    expect(answer.policyVersion).toBe('1');
    const c1 = answer.cadres[0]!;
    expect(c1).toEqual(
      expect.objectContaining({
        cadreId: 'C1',
        eligible: true,
        basis: 'PARTY_SECRETARY_8Y',
        partySecretaryRun: expect.objectContaining({ start: '2016-03-01', years: 8 }),
        chiefRun: expect.objectContaining({ start: '2016-03-01', years: 8 }),
      }),
    );
    expect(check(c1, TM6B_RULES.partySecretaryRun)).toEqual({
      rule: TM6B_RULES.partySecretaryRun,
      passed: true,
      detail: '连续任乡镇党委书记 8 年 0 个月（自 2016-03-01），须满 8 年',
      evidence: [expect.any(String)],
    });
    expect(check(c1, TM6B_RULES.excellent)?.evidence).toHaveLength(2);
    expect(check(c1, TM6B_RULES.grades)?.evidence).toHaveLength(8);
    expect(check(c1, TM6B_RULES.chiefRun)?.passed).toBe(false); // informative: 10 years not reached
  });

  it('given the same run one day short of 8 years, then not eligible', () => {
    const c1 = cadre(given(), 'C1', '2024-02-29');
    expect(c1).toEqual(expect.objectContaining({ eligible: false, basis: null }));
    expect(check(c1, TM6B_RULES.partySecretaryRun)).toEqual(
      expect.objectContaining({ passed: false, detail: '连续任乡镇党委书记 7 年 11 个月 28 天（自 2016-03-01），须满 8 年' }),
    );
  });

  it('given the same run one day past 8 years, then still eligible on the secretary basis', () => {
    expect(cadre(given(), 'C1', '2024-03-02')).toEqual(expect.objectContaining({ eligible: true, basis: 'PARTY_SECRETARY_8Y' }));
  });

  it.each([
    ['2022-02-28', null],
    ['2022-03-01', 'CHIEF_10Y'],
    ['2022-03-02', 'CHIEF_10Y'],
  ])('given a head (never secretary) since 2012-03-01, then on %s the basis is %s (10 years on the 10th anniversary)', (asOf, basis) => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C7', '2012-03-01', 'T01', 'HEAD');
    l.grades('C7', { 2013: 'EXCELLENT', 2015: 'EXCELLENT' });
    expect(cadre(l, 'C7', asOf)).toEqual(expect.objectContaining({ eligible: basis !== null, basis }));
  });

  it('given both an 8-year secretary run and a 10-year chief run, then the basis is the secretary one', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C9', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C9', '2014-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C9', { 2012: 'COMPETENT', 2015: 'EXCELLENT', 2017: 'EXCELLENT', 2020: 'COMPETENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ eligible: true, basis: 'PARTY_SECRETARY_8Y', performanceRun: 'PARTY_SECRETARY' }));
    expect(c?.chiefRun).toEqual(expect.objectContaining({ start: '2012-01-01', years: 10 }));
  });

  it('given head 4 years then secretary 6 years, then eligible on the chief basis', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.appoint('C9', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C9', '2016-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY']);
    l.grades('C9', { 2013: 'EXCELLENT', 2019: 'EXCELLENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y', performanceRun: 'CHIEF' }));
    expect(c?.partySecretaryRun).toEqual(expect.objectContaining({ start: '2016-01-01', years: 6 }));
    // The run kept across head → secretary (C1) reaches its 10 years on the anniversary, not a day before (found by a boundary review: the day of only).
    expect(cadre(l, 'C9', '2021-12-31')).toEqual(expect.objectContaining({ eligible: false, basis: null }));
    expect(cadre(l, 'C9', '2021-12-31')?.chiefRun).toEqual(expect.objectContaining({ start: '2012-01-01', years: 9 }));
    expect(cadre(l, 'C9', '2022-01-02')).toEqual(expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y' }));
  });

  it('given the EXCELLENT grades all fall in the head years, then the 8-year secretary basis fails on performance and the chief basis holds', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C9', '2010-01-01', 'T01', 'HEAD');
    l.transfer('C9', '2013-06-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C9', { 2010: 'EXCELLENT', 2011: 'EXCELLENT', 2015: 'COMPETENT' });
    const c = cadre(l, 'C9', '2021-06-01');
    expect(c?.basis).toBe('CHIEF_10Y');
    expect(check(c, TM6B_RULES.excellent)?.detail).toContain('2010、2011');
  });

  it('given a one-day gap between two secretary posts, then the run restarts and the cadre is not eligible', () => {
    const l = given((l) => {
      l.remove('C1', '2019-05-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', '2019-05-02', 'T02', 'PARTY_SECRETARY');
    });
    const c1 = cadre(l, 'C1', '2024-03-01');
    expect(c1?.partySecretaryRun?.start).toBe('2019-05-02');
    expect(c1?.chiefRun?.start).toBe('2019-05-02');
    expect(c1?.eligible).toBe(false);
  });

  it('given a run starting on 29 February, then 8 years are reached on 29 February and 10 years on 28 February of a common year (T3)', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C8', '2016-02-29', 'T01', 'PARTY_SECRETARY');
    l.grades('C8', { 2017: 'EXCELLENT', 2018: 'EXCELLENT' });
    expect(cadre(l, 'C8', '2024-02-28')?.eligible).toBe(false);
    expect(cadre(l, 'C8', '2024-02-29')).toEqual(expect.objectContaining({ eligible: true, basis: 'PARTY_SECRETARY_8Y' }));
    const l2 = new SpecLedger();
    l2.unit('T01');
    l2.appoint('C7', '2016-02-29', 'T01', 'HEAD');
    l2.grades('C7', { 2017: 'EXCELLENT', 2018: 'EXCELLENT' });
    expect(cadre(l2, 'C7', '2026-02-27')?.eligible).toBe(false);
    expect(cadre(l2, 'C7', '2026-02-28')).toEqual(expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y' }));
  });

  it('given an EXCELLENT grade later retracted, then not eligible; the knownAt view before the retraction still is', () => {
    const l = given((l, ids) => {
      l.retract('C1', '2024-02-01', ids.grade2020!, { recordedAt: '2024-02-01T02:00:00Z' });
      l.grade('C1', 2020, 'COMPETENT', { date: '2024-02-01', recordedAt: '2024-02-01T03:00:00Z' });
    });
    const now = cadre(l, 'C1', '2024-03-01');
    expect(now?.eligible).toBe(false);
    expect(check(now, TM6B_RULES.excellent)).toEqual(expect.objectContaining({ passed: false, detail: expect.stringContaining('优秀等次 1 次') }));
    expect(cadre(l, 'C1', '2024-03-01', '2024-01-31T00:00:00Z')?.eligible).toBe(true);
  });

  describe('given the 2020 grade (EXCELLENT, in force from 2021-01-20) retracted and corrected to BASICALLY_COMPETENT on 2024-02-01', () => {
    // The correction counts from the retracted record's date: the year is never left ungraded in between.
    const l = given((l, ids) => {
      l.retract('C1', '2024-02-01', ids.grade2020!, { recordedAt: '2024-02-01T02:00:00Z' });
      ids.corrected = l.grade('C1', 2020, 'BASICALLY_COMPETENT', { date: '2024-02-01', recordedAt: '2024-02-01T03:00:00Z' });
    });
    const gradesCheck = (asOf: string, knownAt?: string) => check(cadre(l, 'C1', asOf, knownAt), TM6B_RULES.grades);
    it.each([
      ['2021-01-19', true],
      ['2021-01-20', false],
      ['2021-01-21', false],
      ['2024-01-31', false],
      ['2024-03-01', false],
    ])('as of %s, as known now: the grades check passes: %s', (asOf, passed) => {
      expect(gradesCheck(asOf)?.passed).toBe(passed);
      if (!passed) expect(gradesCheck(asOf)?.detail).toContain('2020 年度基本称职');
    });
    it('as known before the correction, the EXCELLENT stands (it was the record then)', () => {
      expect(gradesCheck('2024-01-31', '2024-01-31T00:00:00Z')?.passed).toBe(true);
      expect(check(cadre(l, 'C1', '2024-01-31', '2024-01-31T00:00:00Z'), TM6B_RULES.excellent)?.detail).toContain('2020');
    });
  });

  describe('N4: an EXCELLENT recorded before a sanction of its year that forbids it earns no credit (found by a review)', () => {
    // 2020 EXCELLENT (recorded 2021-01-20); a 2020 sanction recorded after it. Without 2020, one EXCELLENT (2018): fails.
    const withSanction = (date: string, kind: 'WARNING' | 'DEMERIT') => given((l) => l.sanction('C1', date, 'S9', kind));
    it.each([
      ['2019-12-31', 'WARNING', 2],
      ['2020-01-01', 'WARNING', 1],
      ['2020-12-31', 'WARNING', 1],
      ['2021-01-01', 'WARNING', 2],
      ['2020-06-30', 'DEMERIT', 1],
    ] as const)('given a %s dated %s, then %d EXCELLENT counted', (date, kind, counted) => {
      const c1 = cadre(withSanction(date, kind), 'C1', '2026-03-01');
      const excellent = check(c1, TM6B_RULES.excellent);
      expect(excellent?.detail).toContain(`优秀等次 ${counted} 次`);
      if (counted === 1) expect(excellent?.detail).toContain('2020 年度优秀与当年处分不符（N4），不计入');
      expect(c1?.eligible).toBe(counted === 2 && kind === 'WARNING' ? true : false);
    });
    it('a rescinded sanction no longer forbids it (TM9)', () => {
      const l = withSanction('2020-06-30', 'WARNING');
      l.rescind('C1', '2021-06-01', 'S9');
      expect(check(cadre(l, 'C1', '2026-03-01'), TM6B_RULES.excellent)?.detail).toContain('优秀等次 2 次');
    });
  });

  it('given a grade below COMPETENT in the run, then not eligible; one before the run does not matter', () => {
    const inRun = given((l) => l.grade('C1', 2017, 'BASICALLY_COMPETENT', { date: '2024-01-25' }));
    const c1 = cadre(inRun, 'C1', '2024-03-01');
    expect(c1?.eligible).toBe(false);
    expect(check(c1, TM6B_RULES.grades)).toEqual(expect.objectContaining({ passed: false, detail: expect.stringContaining('2017 年度基本称职') }));
    const beforeRun = given((l) => l.grade('C1', 2015, 'INCOMPETENT'));
    expect(cadre(beforeRun, 'C1', '2024-03-01')?.eligible).toBe(true);
  });

  it.each([
    ['2015-12-30', false],
    ['2015-12-31', false],
    ['2016-01-01', true],
  ])('given a secretary run from %s and 2015 graded INCOMPETENT, then on 2024-03-01 eligible: %s (2015 is an assessment year overlapping the run when the run holds a day of it)', (since, eligible) => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C8', since, 'T01', 'PARTY_SECRETARY');
    l.grades('C8', { 2015: 'INCOMPETENT', 2016: 'COMPETENT', 2017: 'COMPETENT', 2018: 'EXCELLENT', 2019: 'COMPETENT', 2020: 'EXCELLENT', 2021: 'COMPETENT', 2022: 'COMPETENT', 2023: 'COMPETENT' });
    const c8 = cadre(l, 'C8', '2024-03-01');
    expect([c8?.eligible, check(c8, TM6B_RULES.grades)?.passed, check(c8, TM6B_RULES.partySecretaryRun)?.passed]).toEqual([eligible, eligible, true]);
  });

  it.each([
    ['2024-03-31', true],
    ['2024-04-01', false],
    ['2024-04-02', false],
  ])('given a WARNING effective 2024-04-01 after the run reached 8 years, then on %s eligible: %s (the period runs from its first day)', (asOf, eligible) => {
    const l = given((l) => l.sanction('C1', '2024-04-01', 'S9', 'WARNING'));
    expect(cadre(l, 'C1', asOf)?.eligible).toBe(eligible);
  });

  describe('N4: a BASICALLY_COMPETENT recorded for 2016 before a 记过 (DEMERIT) that leaves 2016 ungraded counts for neither side (found by a review)', () => {
    // RULES TM6b: "an ungraded year (N4) is neither below COMPETENT nor EXCELLENT".
    const withDemerit = (date: string) =>
      given((l, ids) => {
        l.retract('C1', '2017-03-01', ids.grade2016!);
        l.grade('C1', 2016, 'BASICALLY_COMPETENT', { date: '2017-03-01' });
        l.sanction('C1', date, 'S1', 'DEMERIT', { recordedAt: '2017-06-01T02:00:00Z' });
      });
    it.each([
      ['2016-12-30', true],
      ['2016-12-31', true],
      ['2017-01-01', false], // a 记过 of 2017 leaves 2017 ungraded, not 2016
    ])('a DEMERIT effective %s: the grades check passes: %s', (date, passed) => {
      const grades = check(cadre(withDemerit(date), 'C1', '2024-03-01'), TM6B_RULES.grades);
      expect(grades?.passed).toBe(passed);
      if (passed) expect(grades?.detail).toContain('2016 年度按处分应为不确定等次（N4），所录等次不计入');
    });
  });

  describe('given a WARNING then a MAJOR_DEMERIT, both effective 2023-08-31, imported in one batch (one recordedAt) as imp-9 then imp-10 (found by a review)', () => {
    // T2: same-day events keep their append order. The WARNING runs to 2024-02-29 (month-end, T3)
    // and the MAJOR_DEMERIT adds its 18 months to that remainder (N3): in effect up to 2025-08-29.
    // Ordered by event id instead ("imp-10" < "imp-9") the period ended a day early.
    const both = (l: SpecLedger): void => {
      l.sanction('C1', '2023-08-31', 'S1', 'WARNING', { recordedAt: '2023-09-05T02:00:00.000Z', eventId: 'imp-9' });
      l.sanction('C1', '2023-08-31', 'S2', 'MAJOR_DEMERIT', { recordedAt: '2023-09-05T02:00:00.000Z', eventId: 'imp-10' });
    };

    it.each([
      ['2025-08-27', false],
      ['2025-08-28', false],
      ['2025-08-29', true],
    ])('then on %s the sanction check passes: %s', (asOf, passed) => {
      expect(check(cadre(given(both), 'C1', asOf), TM6B_RULES.sanction)?.passed).toBe(passed);
    });
  });

  describe('given a WARNING (6 months) effective 2023-12-01', () => {
    let sanctionId = '';
    const withSanction = (l: SpecLedger): void => {
      sanctionId = l.sanction('C1', '2023-12-01', 'S1', 'WARNING', { recordedAt: '2023-12-02T02:00:00Z' });
    };

    it('then on a date in its effect period the cadre is not eligible, with the sanction as evidence', () => {
      const c1 = cadre(given(withSanction), 'C1', '2024-03-01');
      expect(c1?.eligible).toBe(false);
      expect(check(c1, TM6B_RULES.sanction)).toEqual({
        rule: TM6B_RULES.sanction,
        passed: false,
        detail: '2024-03-01 处于处分或组织处理影响期：警告处分（2023-12-01 至 2024-05-31）',
        evidence: [sanctionId],
      });
    });

    it('then the day before its 6-month anniversary is in effect and the anniversary is not (N3)', () => {
      const l = given(withSanction);
      expect(cadre(l, 'C1', '2024-05-31')?.eligible).toBe(false);
      expect(cadre(l, 'C1', '2024-06-01')?.eligible).toBe(true);
    });

    it('then the day after its anniversary the cadre is still eligible', () => {
      expect(cadre(given(withSanction), 'C1', '2024-06-02')?.eligible).toBe(true);
    });

    it('and rescinded later, then it is void from its start; the knownAt view before the rescission still shows it', () => {
      let rescission = '';
      const l = given((l) => {
        withSanction(l);
        rescission = l.rescind('C1', '2024-04-10', 'S1', { recordedAt: '2024-04-10T02:00:00Z' });
      });
      const after = cadre(l, 'C1', '2024-03-01');
      expect(after?.eligible).toBe(true);
      expect(check(after, TM6B_RULES.sanction)).toEqual(
        expect.objectContaining({ passed: true, evidence: [sanctionId, rescission], detail: expect.stringContaining('已撤销，自始无效') }),
      );
      expect(cadre(l, 'C1', '2024-03-01', '2024-04-01T00:00:00Z')?.eligible).toBe(false);
    });

    it.each([
      ['2024-04-10T01:59:59.999Z', false],
      ['2024-04-10T02:00:00.000Z', true],
      ['2024-04-10T02:00:00.001Z', true],
    ])('TM9 at its boundary: given the rescission recorded at 2024-04-10T02:00:00Z, when asked with knownAt %s, then eligible on 2024-03-01: %s (the sanction shows only before the rescission’s recordedAt)', (knownAt, eligible) => {
      const l = given((l) => {
        withSanction(l);
        l.rescind('C1', '2024-04-10', 'S1', { recordedAt: '2024-04-10T02:00:00Z' });
      });
      const c1 = cadre(l, 'C1', '2024-03-01', knownAt);
      expect(c1?.eligible).toBe(eligible);
      expect(check(c1, TM6B_RULES.sanction)?.passed).toBe(eligible);
    });

    it.each([
      ['2024-04-09T16:00:00.000Z', true], // 00:00 on 2024-04-10, Beijing time
      ['2024-04-10T15:59:59.999Z', true], // the day’s last millisecond in Beijing
      ['2024-04-10T16:00:00.000Z', false], // 00:00 on 2024-04-11 in Beijing
    ])('T1 and TM9: given knownAt 2024-04-10 (a bare date: the end of that day, Beijing time) and the rescission recorded at %s, then eligible on 2024-03-01: %s', (recordedAt, eligible) => {
      const l = given((l) => {
        withSanction(l);
        l.rescind('C1', '2024-04-10', 'S1', { recordedAt });
      });
      expect(cadre(l, 'C1', '2024-03-01', knownAtInstant('2024-04-10')!)?.eligible).toBe(eligible);
    });

    it.each([
      ['2024-04-09', false],
      ['2024-04-10', true],
      ['2024-04-11', true],
    ])('T1 and TM9: given the rescission recorded at 10:00 Beijing time on 2024-04-10, when asked with knownAt %s as a bare date (the end of that day, Beijing time), then eligible on 2024-03-01: %s', (knownAt, eligible) => {
      const l = given((l) => {
        withSanction(l);
        l.rescind('C1', '2024-04-10', 'S1', { recordedAt: '2024-04-10T02:00:00Z' });
      });
      expect(cadre(l, 'C1', '2024-03-01', knownAt)?.eligible).toBe(eligible);
    });
  });

  describe('given a 记过 (DEMERIT) in 2021 that left 2021 ungraded (N4), rescinded on appeal in 2022 (TM9)', () => {
    /** The grade of 2021 recorded as UNGRADED instead of the default COMPETENT. */
    const withRescindedDemerit = (rescinded: boolean) =>
      given((l) => {
        l.sanction('C1', '2021-05-01', 'S9', 'DEMERIT', { recordedAt: '2021-05-02T02:00:00Z' });
        if (rescinded) l.rescind('C1', '2022-09-01', 'S9', { recordedAt: '2022-09-01T02:00:00Z' });
      }).events.map((e) => (e.type === 'AnnualAssessmentRecorded' && e.data.year === 2021 ? { ...e, data: { ...e.data, grade: 'UNGRADED' as const } } : e));

    it('then the ungraded year counts for neither side: eligible on the day the run reaches 8 years, not the day before', () => {
      const events = withRescindedDemerit(true);
      const on = (asOf: string) => inPostPromotionEligibility(events, { asOf: d(asOf) }).cadres.find((c) => c.cadreId === 'C1');
      expect(on('2024-02-29')?.eligible).toBe(false);
      const c1 = on('2024-03-01');
      expect(c1?.eligible).toBe(true);
      expect(check(c1, TM6B_RULES.grades)).toEqual(expect.objectContaining({ passed: true, detail: expect.stringContaining('2021 年度不确定等次，不计入') }));
      expect(on('2024-03-02')?.eligible).toBe(true);
    });

    it('and not rescinded, then the sanction period no longer runs in 2024 and the ungraded year still does not block', () => {
      const c1 = inPostPromotionEligibility(withRescindedDemerit(false), { asOf: d('2024-03-01') }).cadres.find((c) => c.cadreId === 'C1');
      expect(check(c1, TM6B_RULES.grades)?.passed).toBe(true);
      expect(c1?.eligible).toBe(true);
    });
  });

  it('lists only township chiefs on the date: not one who left before it, not deputies, not department heads, not a future appointee', () => {
    const l = given((l) => {
      l.appoint('C2', '2010-01-01', 'T02', 'HEAD');
      l.remove('C2', '2023-01-01', 'T02', 'HEAD');
      l.appoint('C3', '2010-01-01', 'T01', 'DEPUTY_HEAD');
      l.appoint('C4', '2010-01-01', 'D01', 'HEAD');
      l.appoint('C5', '2024-06-01', 'T02', 'HEAD', { recordedAt: '2024-02-01T02:00:00Z' });
    });
    expect(inPostPromotionEligibility(l.events, { asOf: d('2024-03-01') }).cadres.map((c) => c.cadreId)).toEqual(['C1']);
    expect(inPostPromotionEligibility(l.events, { asOf: d('2022-12-31') }).cadres.map((c) => c.cadreId)).toEqual(['C1', 'C2']);
    expect(inPostPromotionEligibility(l.events, { asOf: d('2024-06-01') }).cadres.map((c) => c.cadreId)).toEqual(['C1', 'C5']);
  });

  it('given a policy version adopted later, then each date uses the version in effect on it', () => {
    const l = given((l) =>
      l.policy('2', '2023-06-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 7 } }), {
        recordedAt: '2023-05-01T00:00:00Z',
      }),
    );
    const before = inPostPromotionEligibility(l.events, { asOf: d('2023-05-31') });
    expect([before.policyVersion, before.cadres[0]?.eligible]).toEqual(['1', false]);
    const after = inPostPromotionEligibility(l.events, { asOf: d('2023-06-01') });
    expect([after.policyVersion, after.cadres[0]?.eligible]).toEqual(['2', true]);
    expect(inPostPromotionEligibility(l.events, { asOf: d('2023-06-01'), knownAt: '2023-04-30T00:00:00Z' }).policyVersion).toBe('1');
  });

  it('answers with the contract fields', () => {
    const answer = inPostPromotionEligibility(given().events, { asOf: d('2024-03-01') });
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['asOf', 'policyVersion', 'cadres']));
    const c = answer.cadres[0]!;
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['cadreId', 'eligible', 'basis', 'partySecretaryRun', 'chiefRun', 'checks']));
    for (const k of c.checks) expect(Object.keys(k).sort()).toEqual(['detail', 'evidence', 'passed', 'rule']);
  });
});

describe('TM6b the checks an answer shows', () => {
  it('given C1 party secretary of T01 (T01镇), then the chief check names the township by name, the role and the start, with the appointment as evidence', () => {
    let appointment = '';
    const c1 = cadre(given((_, ids) => (appointment = ids.appointment!)), 'C1', '2024-03-01');
    expect(check(c1, TM6B_RULES.chief)).toEqual({ rule: TM6B_RULES.chief, passed: true, detail: '2024-03-01 现任T01镇党委书记（自 2016-03-01）', evidence: [appointment] });
    expect(c1?.chiefPosts).toEqual([{ orgUnitId: 'T01', orgUnitName: 'T01镇', role: 'PARTY_SECRETARY', from: '2016-03-01' }]);
  });

  it('given a chief holding two township chief posts, then the chief check lists both, joined by 、', () => {
    const l = new SpecLedger();
    l.unit('T01', 'TOWNSHIP', '福店镇');
    l.unit('T02', 'TOWNSHIP', '城关镇');
    const a = l.appoint('C9', '2020-01-01', 'T01', 'PARTY_SECRETARY');
    const b = l.appoint('C9', '2021-05-01', 'T02', 'HEAD');
    expect(check(cadre(l, 'C9', '2022-01-01'), TM6B_RULES.chief)).toEqual(
      expect.objectContaining({ detail: '2022-01-01 现任福店镇党委书记（自 2020-01-01）、城关镇镇长（自 2021-05-01）', evidence: [a, b] }),
    );
  });

  it('given a head who never was party secretary, then the secretary run check fails saying so, with no evidence, and the chief run is the one shown', () => {
    const l = new SpecLedger();
    l.unit('T01');
    const a = l.appoint('C9', '2012-01-01', 'T01', 'HEAD');
    l.grades('C9', { 2013: 'EXCELLENT', 2019: 'EXCELLENT', 2020: 'COMPETENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y', partySecretaryRun: null, performanceRun: 'CHIEF' }));
    expect(check(c, TM6B_RULES.partySecretaryRun)).toEqual({ rule: TM6B_RULES.partySecretaryRun, passed: false, detail: '2022-01-01 未任乡镇党委书记', evidence: [] });
    expect(check(c, TM6B_RULES.chiefRun)).toEqual({
      rule: TM6B_RULES.chiefRun,
      passed: true,
      detail: '连续任乡镇党政正职 10 年 0 个月（自 2012-01-01），须满 10 年',
      evidence: [a],
    });
    expect(check(c, TM6B_RULES.grades)?.detail).toBe('实绩突出：连续任乡镇党政正职期间（2012—2022 年）年度考核（2013、2019、2020 年）均不低于称职');
    expect(check(c, TM6B_RULES.excellent)?.detail).toBe('实绩突出：连续任乡镇党政正职期间（2012—2022 年）优秀等次 2 次（2013、2019 年），须至少 2 次');
  });

  it('given both bases holding (head 2012, secretary 2014), then the checks shown are those of the secretary run, not the longer chief run', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C9', '2012-01-01', 'T01', 'HEAD');
    l.transfer('C9', '2014-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C9', { 2012: 'EXCELLENT', 2013: 'BASICALLY_COMPETENT', 2015: 'EXCELLENT', 2017: 'EXCELLENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ basis: 'PARTY_SECRETARY_8Y', performanceRun: 'PARTY_SECRETARY' }));
    expect(check(c, TM6B_RULES.grades)).toEqual(
      expect.objectContaining({ passed: true, detail: '实绩突出：连续任乡镇党委书记期间（2014—2022 年）年度考核（2015、2017 年）均不低于称职' }),
    );
    expect(check(c, TM6B_RULES.excellent)?.detail).toBe('实绩突出：连续任乡镇党委书记期间（2014—2022 年）优秀等次 2 次（2015、2017 年），须至少 2 次');
  });

  it('given an 8-year secretary run short of EXCELLENT grades and a chief run too short, then not eligible and the secretary run performance is the one shown', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C9', '2014-01-01', 'T01', 'PARTY_SECRETARY');
    l.grades('C9', { 2015: 'EXCELLENT', 2016: 'COMPETENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ eligible: false, basis: null, performanceRun: 'PARTY_SECRETARY' }));
    expect(check(c, TM6B_RULES.excellent)).toEqual(
      expect.objectContaining({ passed: false, detail: '实绩突出：连续任乡镇党委书记期间（2014—2022 年）优秀等次 1 次（2015 年），须至少 2 次' }),
    );
  });

  it('given a secretary run too short and a chief run too short, then not eligible and the chief run performance is the one shown', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.appoint('C9', '2018-01-01', 'T01', 'HEAD');
    l.transfer('C9', '2020-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    l.grades('C9', { 2018: 'EXCELLENT', 2020: 'EXCELLENT' });
    const c = cadre(l, 'C9', '2022-01-01');
    expect(c).toEqual(expect.objectContaining({ eligible: false, basis: null, performanceRun: 'CHIEF' }));
    expect(check(c, TM6B_RULES.excellent)?.detail).toBe('实绩突出：连续任乡镇党政正职期间（2018—2022 年）优秀等次 2 次（2018、2020 年），须至少 2 次');
  });

  it('lists the township chiefs ordered by cadre id, whatever order their events came in', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.unit('T03');
    l.appoint('C3', '2015-01-01', 'T03', 'HEAD');
    l.appoint('C1', '2016-01-01', 'T01', 'HEAD');
    l.appoint('C4', '2016-06-01', 'T02', 'PARTY_SECRETARY');
    l.appoint('C2', '2017-01-01', 'T02', 'HEAD');
    expect(inPostPromotionEligibility(l.events, { asOf: d('2022-01-01') }).cadres.map((c) => c.cadreId)).toEqual(['C1', 'C2', 'C3', 'C4']);
  });
});
