import { given, rejected } from '../testing/given-when-then';
import { appoint, department, endSeat, promote, rateDepartment, recommend, registerCadre, removeFromPost, setRank, takeSeat, township } from '../testing/commands';

describe('TM5(a) 评价权: a township chief rates a county department', () => {
  const facts = [township('T01'), department('D01'), registerCadre('A'), appoint('A', '2020-03-01', 'T01', 'HEAD'), removeFromPost('A', '2024-03-01', 'T01', 'HEAD')];

  it('accepts a rating by a chief in post on its date, on the department’s stream', () => {
    given(...facts)
      .when(rateDepartment('D01', '2024-02-29', 2023, 'A'))
      .then([{ streamId: 'orgunit-D01', events: [{ type: 'CountyDepartmentRated', data: { year: 2023, ratedByCadreId: 'A' } }] }]);
  });

  it('refuses a rating given on the day the chief left (T2: the removal date is no longer held)', () => {
    given(...facts).when(rateDepartment('D01', '2024-03-01', 2023, 'A')).then(rejected('RULE_TM5_RATER_NOT_A_CHIEF', { kind: 'POLICY', ruleId: 'TM5' }));
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
