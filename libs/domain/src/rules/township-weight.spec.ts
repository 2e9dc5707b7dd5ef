import { given, rejected } from '../testing/given-when-then';
import { appoint, command, department, endSeat, promote, rateDepartment, recommend, registerCadre, removeFromPost, setRank, takeSeat, township } from '../testing/commands';
import { calendarDate } from '../time/calendar-date';
import type { OrgUnitKind, Role } from '../vocabulary';
import { iCountyDepartment, iRatingCorrection, iRecommendable, tm5RaterNotAChief, tm5RecommenderNotASecretary, tm6aCountyPoolBasis, type PostWithKind } from './township-weight';

/** T2 around a post held from 2020-03-01 (inclusive) to 2024-03-01 (exclusive): each date, and whether it is held. */
const IN_POST_2020_03_01_TO_2024_03_01: ReadonlyArray<readonly [string, boolean]> = [
  ['2020-02-29', false],
  ['2020-03-01', true],
  ['2020-03-02', true],
  ['2024-02-29', true],
  ['2024-03-01', false],
  ['2024-03-02', false],
];

describe('TM5(a) 评价权: a township chief rates a county department', () => {
  const facts = [township('T01'), department('D01'), registerCadre('A'), appoint('A', '2020-03-01', 'T01', 'HEAD'), removeFromPost('A', '2024-03-01', 'T01', 'HEAD')];

  it('accepts a rating by a chief in post on its date, on the department’s stream', () => {
    given(...facts)
      .when(rateDepartment('D01', '2024-02-29', 2023, 'A'))
      .then([{ streamId: 'orgunit-D01', events: [{ type: 'CountyDepartmentRated', data: { year: 2023, ratedByCadreId: 'A' } }] }]);
  });

  it('refuses a rater the ledger does not know on data.ratedByCadreId, the field the command has (found by a review: cadreId)', () => {
    given(...facts).when(rateDepartment('D01', '2024-02-29', 2023, 'ZZ')).then(rejected('RULE_I_CADRE_NOT_REGISTERED', { field: 'data.ratedByCadreId' }));
  });

  it('refuses a rating of a year not begun on its date (I; found by a review): 2024 rated on 2023-12-31, not on 2024-01-01', () => {
    given(...facts).when(rateDepartment('D01', '2023-12-31', 2024, 'A')).then(rejected('RULE_I_YEAR_NOT_BEGUN', { field: 'data.year' }));
    given(...facts).when(rateDepartment('D01', '2024-01-01', 2024, 'A')).then([{ streamId: 'orgunit-D01', events: [{ type: 'CountyDepartmentRated' }] }]);
  });

  it('refuses a rating given on the day the chief left (T2: the removal date is no longer held)', () => {
    given(...facts).when(rateDepartment('D01', '2024-03-01', 2023, 'A')).then(rejected('RULE_TM5_RATER_NOT_A_CHIEF', { kind: 'POLICY', ruleId: 'TM5' }));
  });

  it.each(IN_POST_2020_03_01_TO_2024_03_01)('given the head in post from 2020-03-01 to 2024-03-01 (T2), when rating 2019 on %s, then accepted: %s', (date, accepted) => {
    const when = given(...facts).when(rateDepartment('D01', date, 2019, 'A'));
    if (accepted) when.then([{ streamId: 'orgunit-D01', events: [{ type: 'CountyDepartmentRated' }] }]);
    else when.then(rejected('RULE_TM5_RATER_NOT_A_CHIEF', { kind: 'POLICY', ruleId: 'TM5' }));
  });

  it('records an overridden rating with the rule', () => {
    given(...facts)
      .when(rateDepartment('D01', '2024-03-02', 2023, 'A', { override: { reason: '离任前已测评，补录' } }))
      .then([{ streamId: 'orgunit-D01', events: [{ override: { rules: ['TM5'] } }] }]);
  });

  it('refuses a second rating of the same department and year by the same chief', () => {
    given(...facts, rateDepartment('D01', '2024-01-10', 2023, 'A')).when(rateDepartment('D01', '2024-01-11', 2023, 'A')).then(rejected('RULE_I_RATING_ALREADY_RECORDED'));
  });

  it('refuses a rating of a township (integrity)', () => {
    given(...facts).when(rateDepartment('T01', '2024-01-10', 2023, 'A')).then(rejected('RULE_I_NOT_A_COUNTY_DEPARTMENT', { kind: 'INTEGRITY' }));
  });

  it('refuses a rating by an unregistered cadre', () => {
    given(...facts).when(rateDepartment('D01', '2024-01-10', 2023, 'Z')).then(rejected('RULE_I_CADRE_NOT_REGISTERED'));
  });
});

describe('I: a township’s performance score is recorded once a year; a later one corrects the one in force and says why (found by two reviews)', () => {
  const score = (id: string, year: number, value: number, correction: { correctsEventId?: string; correctionReason?: string } = {}) =>
    command('TownshipPerformanceScored', { orgUnitId: 'T01' }, '2025-01-20', { year, score: value, ...correction }, { id });
  const first = [township('T01'), score('s-2024', 2024, 88.5)];

  it('given a 2024 score, then a second 2024 score without naming it is refused on data.year, naming the score in force', () => {
    given(...first).when(score('s-2024b', 2024, 90)).then(rejected('RULE_I_SCORE_YEAR_ALREADY_RECORDED', { field: 'data.year', message: expect.stringContaining('event s-2024') }));
  });

  it('says in Chinese which form fields a correction fills, by their names (更正的记录（事件编号）, 更正理由), not as data.correctsEventId / data.correctionReason (found by a review)', () => {
    const refusals = [
      given(...first).when(score('s-2024b', 2024, 90)).error(),
      given(...first).when(score('x1', 2024, 90, { correctsEventId: 's-2024' })).error(),
      given(...first).when(score('x4', 2023, 70, { correctsEventId: 's-2024', correctionReason: '更正' })).error(),
      given(...first).when(score('x5', 2025, 70, { correctionReason: '更正' })).error(),
    ].map((e) => e.messageZh);
    expect(refusals.filter((m) => /data\.\w+/.test(m))).toEqual([]);
    expect(refusals[0]).toBe('T01 的 2024 年度得分已录入（事件 s-2024）；如需更正，请在“更正的记录（事件编号）”中注明该记录（s-2024），并在“更正理由”中说明理由');
    expect(refusals[1]).toContain('“更正理由”');
    expect(refusals[3]).toContain('“更正的记录（事件编号）”');
  });

  it('given a 2024 score, then a 2023 or a 2025 score is a first score of its year', () => {
    given(...first).when(score('s-2023', 2023, 70)).then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored' }] }]);
    given(...first).when(score('s-2025', 2025, 70)).then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored' }] }]);
  });

  it('given a 2024 score, then a correction naming it with a reason is recorded with both', () => {
    given(...first)
      .when(score('s-2024b', 2024, 90, { correctsEventId: 's-2024', correctionReason: '复核后更正' }))
      .then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored', data: { year: 2024, score: 90, correctsEventId: 's-2024', correctionReason: '复核后更正' } }] }]);
  });

  it('takes a correction dated on or after the score it corrects: the day before is refused on effectiveDate, the day of and the day after are taken (found by a diff review)', () => {
    const dated = (id: string, date: string) =>
      command('TownshipPerformanceScored', { orgUnitId: 'T01' }, date, { year: 2024, score: 90, correctsEventId: 's-2024', correctionReason: '复核后更正' }, { id });
    given(...first).when(dated('c1', '2025-01-19')).then(rejected('RULE_I_SCORE_CORRECTION_MISMATCH', { field: 'effectiveDate' }));
    given(...first).when(dated('c2', '2025-01-20')).then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored' }] }]);
    given(...first).when(dated('c3', '2025-01-21')).then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored' }] }]);
  });

  it('refuses a correction without a reason, of a score no longer in force, of another year’s score, or of a year with no score', () => {
    given(...first).when(score('x1', 2024, 90, { correctsEventId: 's-2024' })).then(rejected('RULE_I_SCORE_YEAR_ALREADY_RECORDED', { field: 'data.correctionReason' }));
    const corrected = [...first, score('s-2024b', 2024, 90, { correctsEventId: 's-2024', correctionReason: '复核后更正' })];
    given(...corrected).when(score('x2', 2024, 91, { correctsEventId: 's-2024', correctionReason: '再次更正' })).then(rejected('RULE_I_SCORE_CORRECTION_MISMATCH', { field: 'data.correctsEventId', message: expect.stringContaining('s-2024b') }));
    given(...corrected).when(score('x3', 2024, 91, { correctsEventId: 's-2024b', correctionReason: '再次更正' })).then([{ streamId: 'orgunit-T01', events: [{ type: 'TownshipPerformanceScored' }] }]);
    given(...first).when(score('x4', 2023, 70, { correctsEventId: 's-2024', correctionReason: '更正' })).then(rejected('RULE_I_SCORE_CORRECTION_MISMATCH', { field: 'data.correctsEventId' }));
    given(...first).when(score('x5', 2025, 70, { correctionReason: '更正' })).then(rejected('RULE_I_SCORE_CORRECTION_MISMATCH', { field: 'data.correctsEventId' }));
  });
});

describe('TM5(b) 推荐权: a township party secretary recommends a cadre by name', () => {
  const facts = [township('T01'), registerCadre('S'), registerCadre('R'), appoint('S', '2020-03-01', 'T01', 'PARTY_SECRETARY')];

  it('accepts a recommendation by the secretary in post, on the secretary’s stream', () => {
    given(...facts)
      .when(recommend('S', '2020-03-01', 'R'))
      .then([{ streamId: 'cadre-S', events: [{ type: 'LeaderRecommended', data: { recommendedCadreId: 'R' } }] }]);
  });

  it('refuses one dated the day before the secretary took the post', () => {
    given(...facts).when(recommend('S', '2020-02-29', 'R')).then(rejected('RULE_TM5_RECOMMENDER_NOT_A_SECRETARY', { kind: 'POLICY' }));
  });

  it.each(IN_POST_2020_03_01_TO_2024_03_01)('given the secretary in post from 2020-03-01 to 2024-03-01 (T2), when recommending on %s, then accepted: %s', (date, accepted) => {
    const when = given(...facts, removeFromPost('S', '2024-03-01', 'T01', 'PARTY_SECRETARY')).when(recommend('S', date, 'R'));
    if (accepted) when.then([{ streamId: 'cadre-S', events: [{ type: 'LeaderRecommended' }] }]);
    else when.then(rejected('RULE_TM5_RECOMMENDER_NOT_A_SECRETARY', { kind: 'POLICY', ruleId: 'TM5' }));
  });

  it('a head may not recommend (the measure names the party secretary)', () => {
    given(township('T01'), registerCadre('H'), registerCadre('R'), appoint('H', '2020-03-01', 'T01', 'HEAD'))
      .when(recommend('H', '2021-01-01', 'R'))
      .then(rejected('RULE_TM5_RECOMMENDER_NOT_A_SECRETARY'));
  });

  it('refuses recommending an unregistered cadre or oneself (integrity, not overridable)', () => {
    given(...facts).when(recommend('S', '2021-01-01', 'Z', { override: { reason: 'x' } })).then(rejected('RULE_I_CADRE_NOT_REGISTERED', { field: 'data.recommendedCadreId' }));
    given(...facts).when(recommend('S', '2021-01-01', 'S')).then(rejected('RULE_I_SELF_RECOMMENDATION'));
  });
});

describe('TM5(c) 额定权: representative seats', () => {
  const facts = [registerCadre('S'), takeSeat('S', '2021-01-01')];

  it('refuses a second seat of the same body and level while the first runs, accepts another body', () => {
    given(...facts).when(takeSeat('S', '2022-01-01')).then(rejected('RULE_I_SEAT_ALREADY_HELD'));
    given(...facts).when(takeSeat('S', '2022-01-01', 'CPPCC')).then([{ streamId: 'cadre-S', events: [{ type: 'RepresentativeSeatTaken' }] }]);
  });

  it('ends a seat held, refuses to end one not held', () => {
    given(...facts).when(endSeat('S', '2026-01-01')).then([{ streamId: 'cadre-S', events: [{ type: 'RepresentativeSeatEnded' }] }]);
    given(...facts).when(endSeat('S', '2026-01-01', 'PARTY_CONGRESS')).then(rejected('RULE_I_SEAT_NOT_HELD'));
  });
});

describe('TM6a the county pooled quota (县委统筹职数) only for TM6a or TM6b bases', () => {
  const facts = [registerCadre('A', '1980-01-01'), setRank('A', '2010-01-01', 'PRINCIPAL_STAFF_2')];

  it.each(['PRIORITY_OUTSTANDING', 'IN_POST_CONTINUOUS_SERVICE'] as const)('accepts COUNTY_POOL for %s', (basis) => {
    given(...facts)
      .when(promote('A', '2020-01-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1', { basis, quota: 'COUNTY_POOL' }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RankPromoted', data: { quota: 'COUNTY_POOL' } }] }]);
  });

  it.each(['REGULAR', 'EXCELLENT_SECRETARY'] as const)('refuses COUNTY_POOL for %s unless overridden', (basis) => {
    given(...facts)
      .when(promote('A', '2020-01-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1', { basis, quota: 'COUNTY_POOL' }))
      .then(rejected('RULE_TM6A_COUNTY_POOL_BASIS', { kind: 'POLICY', ruleId: 'TM6a', field: 'data.quota' }));
  });

  it('accepts any basis with a free rank quota (VACANCY)', () => {
    given(...facts).when(promote('A', '2020-01-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1', { basis: 'REGULAR' })).then([{ streamId: 'cadre-A', events: [{}] }]);
  });
});

describe('TM5 the rules on the posts held on the date (pure functions)', () => {
  const on = calendarDate('2024-01-10');
  const post = (role: Role, kind: OrgUnitKind | undefined, orgUnitId = 'U1'): PostWithKind => ({ orgUnitId, role, kind });

  describe('TM5(a) tm5RaterNotAChief: only a township PARTY_SECRETARY or HEAD rates', () => {
    it.each(['PARTY_SECRETARY', 'HEAD'] as const)('given a township %s, then no violation', (role) => {
      expect(tm5RaterNotAChief('A', [post(role, 'TOWNSHIP')], on)).toBeUndefined();
    });

    it('given a chief post among non-chief posts, then no violation', () => {
      expect(tm5RaterNotAChief('A', [post('STAFF', 'COUNTY_DEPARTMENT'), post('HEAD', 'TOWNSHIP', 'T01')], on)).toBeUndefined();
    });

    it.each<[Role, OrgUnitKind | undefined]>([
      ['HEAD', 'COUNTY_DEPARTMENT'],
      ['PARTY_SECRETARY', 'COUNTY_DEPARTMENT'],
      ['PARTY_SECRETARY', 'OTHER'],
      ['HEAD', undefined],
      ['DEPUTY_PARTY_SECRETARY', 'TOWNSHIP'],
      ['DEPUTY_HEAD', 'TOWNSHIP'],
      ['PEOPLES_CONGRESS_CHAIR', 'TOWNSHIP'],
      ['STAFF', 'TOWNSHIP'],
    ])('given only a %s post of a %s unit, then RULE_TM5_RATER_NOT_A_CHIEF on data.ratedByCadreId naming rater and date', (role, kind) => {
      const e = tm5RaterNotAChief('A', [post(role, kind)], on);
      expect(e?.toJSON()).toEqual({
        code: 'RULE_TM5_RATER_NOT_A_CHIEF',
        ruleId: 'TM5',
        kind: 'POLICY',
        field: 'data.ratedByCadreId',
        messageZh: '2024-01-10 A 不是乡镇党政正职（党委书记或乡镇长）',
        message: 'A is no township party secretary or head on 2024-01-10',
      });
    });

    it('given no post at all, then refused', () => {
      expect(tm5RaterNotAChief('A', [], on)?.code).toBe('RULE_TM5_RATER_NOT_A_CHIEF');
    });
  });

  describe('TM5(a) iCountyDepartment: only a COUNTY_DEPARTMENT is rated', () => {
    it('given a COUNTY_DEPARTMENT, then no violation', () => {
      expect(iCountyDepartment('D01', 'COUNTY_DEPARTMENT')).toBeUndefined();
    });

    it('given a TOWNSHIP, then RULE_I_NOT_A_COUNTY_DEPARTMENT on orgUnitId naming the kind', () => {
      expect(iCountyDepartment('T01', 'TOWNSHIP')?.toJSON()).toEqual({
        code: 'RULE_I_NOT_A_COUNTY_DEPARTMENT',
        ruleId: 'I',
        kind: 'INTEGRITY',
        field: 'orgUnitId',
        messageZh: 'T01 是乡镇，不是县级部门',
        message: 'T01 is a TOWNSHIP, not a COUNTY_DEPARTMENT',
      });
    });

    it('given an unregistered unit, then refused naming it an unregistered unit', () => {
      const e = iCountyDepartment('X9', undefined);
      expect(e?.code).toBe('RULE_I_NOT_A_COUNTY_DEPARTMENT');
      expect(e?.field).toBe('orgUnitId');
      expect(e?.message).toBe('X9 is a unregistered unit, not a COUNTY_DEPARTMENT');
    });
  });

  describe('TM5(a) iRatingCorrection: one rating in force per chief, department and year; a later one corrects it, naming it and why', () => {
    const inForce = { eventId: 'evt-7', effectiveDate: calendarDate('2024-01-10') };
    const correcting = (effectiveDate: string, extra: { correctsEventId?: string; correctionReason?: string } = { correctsEventId: 'evt-7', correctionReason: '工作得分误录为 9，应为 90' }) =>
      iRatingCorrection('D01', 'A', 2023, inForce, { ...extra, effectiveDate: calendarDate(effectiveDate) });

    it('given no earlier rating, then no violation; a correction of nothing is a mismatch', () => {
      expect(iRatingCorrection('D01', 'A', 2023, undefined, { effectiveDate: calendarDate('2024-01-10') })).toBeUndefined();
      expect(iRatingCorrection('D01', 'A', 2023, undefined, { correctsEventId: 'evt-1', correctionReason: '录入有误', effectiveDate: calendarDate('2024-01-10') })?.code).toBe('RULE_I_RATING_CORRECTION_MISMATCH');
    });

    it('given an earlier rating, then RULE_I_RATING_ALREADY_RECORDED on data.year naming the earlier event and how to correct it', () => {
      expect(correcting('2024-01-11', {})?.toJSON()).toEqual({
        code: 'RULE_I_RATING_ALREADY_RECORDED',
        ruleId: 'I',
        kind: 'INTEGRITY',
        field: 'data.year',
        messageZh: 'A 已对 D01 作出 2023 年度测评（事件 evt-7）；如需更正，请在“更正的记录（事件编号）”中注明该记录（evt-7），并在“更正理由”中说明理由',
        message: 'A already rated D01 for 2023 (event evt-7); a correction names it in data.correctsEventId with data.correctionReason',
      });
    });

    it('a correction naming the rating in force with a reason: refused the day before that rating, accepted the day of and the day after', () => {
      expect([correcting('2024-01-09')?.code, correcting('2024-01-10'), correcting('2024-01-11')]).toEqual(['RULE_I_RATING_CORRECTION_MISMATCH', undefined, undefined]);
    });

    it('a correction naming another event, or without its reason, or a reason without the event it corrects, is refused naming the field', () => {
      expect([
        correcting('2024-01-11', { correctsEventId: 'evt-1', correctionReason: '录入有误' })?.field,
        correcting('2024-01-11', { correctsEventId: 'evt-7' })?.field,
        correcting('2024-01-11', { correctionReason: '录入有误' })?.field,
      ]).toEqual(['data.correctsEventId', 'data.correctionReason', 'data.correctsEventId']);
    });
  });

  describe('TM5(b) tm5RecommenderNotASecretary: only a township PARTY_SECRETARY recommends', () => {
    it('given a township PARTY_SECRETARY, then no violation', () => {
      expect(tm5RecommenderNotASecretary('S', [post('PARTY_SECRETARY', 'TOWNSHIP')], on)).toBeUndefined();
    });

    it.each<[Role, OrgUnitKind | undefined]>([
      ['PARTY_SECRETARY', 'COUNTY_DEPARTMENT'],
      ['PARTY_SECRETARY', undefined],
      ['HEAD', 'TOWNSHIP'],
      ['DEPUTY_PARTY_SECRETARY', 'TOWNSHIP'],
    ])('given only a %s post of a %s unit, then RULE_TM5_RECOMMENDER_NOT_A_SECRETARY naming cadre and date', (role, kind) => {
      const e = tm5RecommenderNotASecretary('S', [post(role, kind)], on);
      expect(e?.code).toBe('RULE_TM5_RECOMMENDER_NOT_A_SECRETARY');
      expect(e?.ruleId).toBe('TM5');
      expect(e?.message).toBe('S is no township party secretary on 2024-01-10');
    });
  });

  describe('TM5(b) iRecommendable: another, registered cadre', () => {
    it('given oneself, then RULE_I_SELF_RECOMMENDATION on data.recommendedCadreId (even when registered)', () => {
      expect(iRecommendable('S', 'S', true)?.toJSON()).toEqual({
        code: 'RULE_I_SELF_RECOMMENDATION',
        ruleId: 'I',
        kind: 'INTEGRITY',
        field: 'data.recommendedCadreId',
        messageZh: 'S 不能推荐本人',
        message: 'S cannot recommend themself',
      });
    });

    it('given another cadre not registered, then RULE_I_CADRE_NOT_REGISTERED naming that cadre', () => {
      const e = iRecommendable('S', 'Z', false);
      expect(e?.code).toBe('RULE_I_CADRE_NOT_REGISTERED');
      expect(e?.field).toBe('data.recommendedCadreId');
      expect(e?.message).toBe('cadre Z is not registered');
    });

    it('given another, registered cadre, then no violation', () => {
      expect(iRecommendable('S', 'R', true)).toBeUndefined();
    });
  });

  describe('TM6a tm6aCountyPoolBasis', () => {
    it('given COUNTY_POOL for REGULAR, then the message names the allowed bases and the one given', () => {
      const e = tm6aCountyPoolBasis({ basis: 'REGULAR', quota: 'COUNTY_POOL' });
      expect(e?.field).toBe('data.quota');
      expect(e?.message).toBe('the county pooled quota is for PRIORITY_OUTSTANDING or IN_POST_CONTINUOUS_SERVICE, not REGULAR');
    });
  });
});
