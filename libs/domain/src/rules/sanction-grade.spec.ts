import { given, rejected } from '../testing/given-when-then';
import { assess, registerCadre, rescind, retract, sanction } from '../testing/commands';

describe('N4 on write: the grade a sanction allows (policy: refused unless overridden)', () => {
  const cadre = registerCadre('A', '1980-01-01');

  it('refuses EXCELLENT in a 警告 year, accepts COMPETENT; the year before and after are free', () => {
    const facts = [cadre, sanction('A', '2021-12-31', 's1', 'WARNING')];
    given(...facts).when(assess('A', 2021, 'EXCELLENT')).then(rejected('RULE_N4_EXCELLENT_IN_WARNING_YEAR', { kind: 'POLICY', ruleId: 'N4', field: 'data.grade' }));
    given(...facts).when(assess('A', 2021, 'COMPETENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
    given(...facts).when(assess('A', 2020, 'EXCELLENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
    given(...facts).when(assess('A', 2022, 'EXCELLENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
  });

  it('a sanction of 1 January constrains that year, not the one before', () => {
    const facts = [cadre, sanction('A', '2022-01-01', 's1', 'WARNING')];
    given(...facts).when(assess('A', 2021, 'EXCELLENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
    given(...facts).when(assess('A', 2022, 'EXCELLENT')).then(rejected('RULE_N4_EXCELLENT_IN_WARNING_YEAR'));
  });

  it('a 记过 year must stay ungraded; the next year is free', () => {
    const facts = [cadre, sanction('A', '2021-06-01', 's1', 'DEMERIT')];
    given(...facts).when(assess('A', 2021, 'COMPETENT')).then(rejected('RULE_N4_YEAR_MUST_STAY_UNGRADED'));
    given(...facts).when(assess('A', 2021, 'UNGRADED')).then([{ streamId: 'cadre-A', events: [{}] }]);
    given(...facts).when(assess('A', 2022, 'COMPETENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
  });

  it('记大过 leaves that year and the next ungraded, not the third', () => {
    const facts = [cadre, sanction('A', '2021-06-01', 's1', 'MAJOR_DEMERIT')];
    given(...facts).when(assess('A', 2022, 'BASICALLY_COMPETENT')).then(rejected('RULE_N4_YEAR_MUST_STAY_UNGRADED'));
    given(...facts).when(assess('A', 2023, 'EXCELLENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
  });

  it('an override records the grade with rule N4', () => {
    given(cadre, sanction('A', '2021-06-01', 's1', 'WARNING'))
      .when(assess('A', 2021, 'EXCELLENT', { override: { reason: '处分决定前已评定' } }))
      .then([{ streamId: 'cadre-A', events: [{ override: { rules: ['N4'] } }] }]);
  });

  it('a rescinded (TM9) or retracted sanction no longer constrains any year', () => {
    given(cadre, sanction('A', '2021-06-01', 's1', 'DEMERIT'), rescind('A', '2022-03-01', 's1'))
      .when(assess('A', 2021, 'EXCELLENT'))
      .then([{ streamId: 'cadre-A', events: [{}] }]);
    given(cadre, sanction('A', '2021-06-01', 's1', 'DEMERIT', { id: 'sx' }), retract('A', '2022-03-01', 'sx'))
      .when(assess('A', 2021, 'EXCELLENT'))
      .then([{ streamId: 'cadre-A', events: [{}] }]);
  });

  it('party sanctions leave the grade alone', () => {
    given(cadre, sanction('A', '2021-06-01', 's1', 'PARTY_WARNING')).when(assess('A', 2021, 'EXCELLENT')).then([{ streamId: 'cadre-A', events: [{}] }]);
  });
});

describe('N4 refusals name the year, the sanction events behind the constraint and the field data.grade', () => {
  const cadre = registerCadre('A', '1980-01-01');

  it('a 警告 year: every WARNING of the year is named, in effective-date order', () => {
    const facts = [cadre, sanction('A', '2021-09-01', 'S2', 'WARNING', { id: 's2' }), sanction('A', '2021-03-01', 'S1', 'WARNING', { id: 's1' })];
    expect(given(...facts).when(assess('A', 2021, 'EXCELLENT')).error().toJSON()).toEqual({
      code: 'RULE_N4_EXCELLENT_IN_WARNING_YEAR',
      ruleId: 'N4',
      kind: 'POLICY',
      field: 'data.grade',
      messageZh: '2021 年为受警告处分年度（处分事件 s1、s2）：不得确定为优秀等次',
      message: '2021 is a 警告 year (sanction event s1, s2): it cannot be graded EXCELLENT',
    });
  });

  it('a year that must stay ungraded names the sanction event and the grade refused', () => {
    const facts = [cadre, sanction('A', '2021-06-01', 'S1', 'DEMERIT', { id: 's1' })];
    expect(given(...facts).when(assess('A', 2021, 'COMPETENT')).error().toJSON()).toEqual({
      code: 'RULE_N4_YEAR_MUST_STAY_UNGRADED',
      ruleId: 'N4',
      kind: 'POLICY',
      field: 'data.grade',
      messageZh: '2021 年度应为不确定等次（处分事件 s1），而非称职',
      message: '2021 must stay UNGRADED (sanction event s1), not COMPETENT',
    });
  });

  it('the year after a 记大过 names the 记大过, not a WARNING of that year', () => {
    const facts = [cadre, sanction('A', '2021-06-01', 'S1', 'MAJOR_DEMERIT', { id: 's1' }), sanction('A', '2022-02-01', 'S2', 'WARNING', { id: 's2' })];
    expect(given(...facts).when(assess('A', 2022, 'EXCELLENT')).error().message).toBe('2022 must stay UNGRADED (sanction event s1), not EXCELLENT');
  });
});
