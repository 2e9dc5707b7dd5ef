import { given, rejected, type ExpectedWrites } from '../testing/given-when-then';
import { assess, promote, registerCadre, rescind, retract, sanction, setRank } from '../testing/commands';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { calendarDate } from '../time/calendar-date';
import { n1LadderViolations, n2Requirement, n2WindowYears } from './rank-promotion';

const d = calendarDate;
const settings = DEFAULT_POLICY.settings;
const promoted: ExpectedWrites = [{ streamId: 'cadre-A', events: [{ type: 'RankPromoted' }] }];

describe('N1 rank ladder (公务员法 §19; 职务与职级并行规定 §10)', () => {
  const clerk = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_2')];

  it('a promotion goes exactly one step up', () => {
    given(...clerk)
      .when(promote('A', '2015-01-01', 'CLERK_2', 'CLERK_1'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RankPromoted', data: { fromRank: 'CLERK_2', toRank: 'CLERK_1' } }] }]);
  });

  it('skipping a step is a policy violation', () => {
    given(...clerk)
      .when(promote('A', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4'))
      .then(rejected('RULE_N1_SKIPS_RANKS', { kind: 'POLICY', ruleId: 'N1', field: 'data.toRank' }));
  });

  it('…that an override can lift, and is then recorded', () => {
    given(...clerk)
      .when(promote('A', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { override: { reason: '破格' } }))
      .then([{ streamId: 'cadre-A', events: [{ override: { reason: '破格', rules: ['N1'] } }] }]);
  });

  it('a county or township cadre holds at most 二级调研员', () => {
    const researcher = [registerCadre('A'), setRank('A', '2010-01-01', 'RESEARCHER_3')];
    given(...researcher).when(promote('A', '2015-01-01', 'RESEARCHER_3', 'RESEARCHER_2')).then(promoted);
    const second = [registerCadre('A'), setRank('A', '2010-01-01', 'RESEARCHER_2')];
    given(...second).when(promote('A', '2015-01-01', 'RESEARCHER_2', 'RESEARCHER_1')).then(rejected('RULE_N1_ABOVE_COUNTY_CEILING'));
  });

  it('as a pure rule', () => {
    expect(n1LadderViolations({ fromRank: 'CLERK_2', toRank: 'CLERK_1', settings })).toEqual([]);
    expect(n1LadderViolations({ fromRank: 'CLERK_2', toRank: 'PRINCIPAL_STAFF_3', settings }).map((e) => e.code)).toEqual(['RULE_N1_SKIPS_RANKS']);
    // Not upward at all is the integrity rule's business.
    expect(n1LadderViolations({ fromRank: 'CLERK_1', toRank: 'CLERK_2', settings })).toEqual([]);
  });
});

describe('N2 minimum years in the lower rank (§18–§21)', () => {
  describe('plain: 2 years from taking the rank (T3)', () => {
    const facts = [registerCadre('A'), setRank('A', '2018-03-01', 'CLERK_2')];

    it('refuses the day before the 2nd anniversary, with the anniversary as first passing date', () => {
      given(...facts)
        .when(promote('A', '2020-02-29', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { kind: 'POLICY', ruleId: 'N2', firstPassingDate: '2020-03-01' }));
    });
    it('accepts on the anniversary', () => {
      given(...facts).when(promote('A', '2020-03-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('accepts the day after', () => {
      given(...facts).when(promote('A', '2020-03-02', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('an override records N2', () => {
      given(...facts)
        .when(promote('A', '2019-03-01', 'CLERK_2', 'CLERK_1', { override: { reason: '急需' } }))
        .then([{ streamId: 'cadre-A', events: [{ override: { reason: '急需', rules: ['N2'] } }] }]);
    });
    it('counts from the previous promotion', () => {
      given(...facts, promote('A', '2020-03-01', 'CLERK_2', 'CLERK_1'))
        .when(promote('A', '2022-02-28', 'CLERK_1', 'PRINCIPAL_STAFF_4'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2022-03-01' }));
    });
    it('one override lists every rule it departs from', () => {
      given(...facts)
        .when(promote('A', '2019-03-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { override: { reason: '破格' } }))
        .then([{ streamId: 'cadre-A', events: [{ override: { rules: ['N1', 'N2'] } }] }]);
    });
  });

  it('T3: a rank taken on 29 February reaches 2 years on 28 February', () => {
    const leap = [registerCadre('A'), setRank('A', '2016-02-29', 'CLERK_2')];
    given(...leap).when(promote('A', '2018-02-27', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2018-02-28' }));
    given(...leap).when(promote('A', '2018-02-28', 'CLERK_2', 'CLERK_1')).then(promoted);
  });

  describe('each EXCELLENT year in the window shortens it by 6 months', () => {
    // Rank from 2017-03-01; 2017 graded EXCELLENT: 18 months, reached 2018-09-01.
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2017, 'EXCELLENT')];
    it('refuses the day before', () => {
      given(...facts).when(promote('A', '2018-08-31', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2018-09-01' }));
    });
    it('accepts on the day', () => {
      given(...facts).when(promote('A', '2018-09-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('accepts the day after', () => {
      given(...facts).when(promote('A', '2018-09-02', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
  });

  describe('a BASICALLY_COMPETENT or UNGRADED year does not count: it adds 12 months', () => {
    // Rank from 2017-03-01; 2017 graded BASICALLY_COMPETENT: 36 months, reached 2020-03-01.
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2017, 'BASICALLY_COMPETENT')];
    it('refuses the day before', () => {
      given(...facts).when(promote('A', '2020-02-29', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2020-03-01' }));
    });
    it('accepts on the day', () => {
      given(...facts).when(promote('A', '2020-03-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('accepts the day after', () => {
      given(...facts).when(promote('A', '2020-03-02', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('UNGRADED (不定等次) counts the same way', () => {
      given(registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2017, 'UNGRADED'))
        .when(promote('A', '2020-02-29', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2020-03-01' }));
    });
    it('a year before the rank was taken is outside the window', () => {
      given(registerCadre('A'), assess('A', 2016, 'BASICALLY_COMPETENT'), setRank('A', '2017-03-01', 'CLERK_2'))
        .when(promote('A', '2019-03-01', 'CLERK_2', 'CLERK_1'))
        .then(promoted);
    });
    it('the year of the promotion is outside the window until it has ended', () => {
      const facts2019 = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2019, 'BASICALLY_COMPETENT')];
      given(...facts2019).when(promote('A', '2019-12-31', 'CLERK_2', 'CLERK_1')).then(promoted);
      given(...facts2019)
        .when(promote('A', '2020-01-01', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2020-03-01' }));
    });
  });

  describe('any INCOMPETENT year in the window blocks', () => {
    it('refuses, with no first passing date (the window only grows)', () => {
      given(registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2018, 'INCOMPETENT'))
        .when(promote('A', '2022-03-01', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_INCOMPETENT_YEAR', { kind: 'POLICY', firstPassingDate: undefined }));
    });
    it('an INCOMPETENT year in an earlier rank does not', () => {
      given(registerCadre('A'), setRank('A', '2014-01-01', 'CLERK_2'), assess('A', 2015, 'INCOMPETENT'), promote('A', '2016-01-01', 'CLERK_2', 'CLERK_1', { override: { reason: 'x' } }))
        .when(promote('A', '2018-01-01', 'CLERK_1', 'PRINCIPAL_STAFF_4'))
        .then(promoted);
    });
  });

  describe('no promotion while a sanction effect period (N3) runs', () => {
    // DEMERIT (记过): 12 months from 2019-05-10, i.e. until 2020-05-10 (exclusive).
    const facts = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_2'), sanction('A', '2019-05-10', 'S1', 'DEMERIT', { id: 's1' })];
    it('refuses on the period’s last day, with its end as first passing date', () => {
      given(...facts)
        .when(promote('A', '2020-05-09', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_SANCTION_EFFECT_PERIOD', { ruleId: 'N2', firstPassingDate: '2020-05-10' }));
    });
    it('accepts the day it ends', () => {
      given(...facts).when(promote('A', '2020-05-10', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('accepts the day after', () => {
      given(...facts).when(promote('A', '2020-05-11', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('refuses on the day the sanction takes effect, accepts the day before', () => {
      given(...facts).when(promote('A', '2019-05-10', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_SANCTION_EFFECT_PERIOD'));
      given(...facts).when(promote('A', '2019-05-09', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('a rescinded sanction is void from its start (TM9)', () => {
      given(...facts, rescind('A', '2019-08-01', 'S1')).when(promote('A', '2019-09-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('a retracted sanction counts nowhere', () => {
      given(...facts, retract('A', '2019-08-01', 's1')).when(promote('A', '2019-09-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    });
    it('the first passing date satisfies every N2 condition at once', () => {
      // Rank from 2019-01-01 (reached 2021-01-01); WARNING (警告) 6 months from 2020-10-01, until 2021-04-01.
      given(registerCadre('A'), setRank('A', '2019-01-01', 'CLERK_2'), sanction('A', '2020-10-01', 'S2', 'WARNING'))
        .when(promote('A', '2020-06-01', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2021-04-01' }));
    });
  });

  describe('the window (defined for N2)', () => {
    it('is the years from the one the rank was taken in to the one before the promotion', () => {
      expect(n2WindowYears(d('2017-03-01'), d('2020-03-01'))).toEqual({ firstYear: 2017, lastYear: 2019 });
      expect(n2WindowYears(d('2017-03-01'), d('2017-12-31'))).toEqual({ firstYear: 2017, lastYear: 2016 }); // empty
    });
    it('credits, extensions and the floor at zero', () => {
      const base = { fromRank: 'CLERK_2' as const, heldSince: d('2015-01-01'), date: d('2021-01-01'), settings };
      expect(n2Requirement({ ...base, assessments: [] }).requiredMonths).toBe(24);
      expect(
        n2Requirement({
          ...base,
          assessments: [
            { year: 2015, grade: 'EXCELLENT' },
            { year: 2016, grade: 'EXCELLENT' },
          ],
        }).requiredMonths,
      ).toBe(12);
      expect(
        n2Requirement({
          ...base,
          assessments: [
            { year: 2015, grade: 'BASICALLY_COMPETENT' },
            { year: 2016, grade: 'EXCELLENT' },
          ],
        }).requiredMonths,
      ).toBe(30);
      const allExcellent = [2015, 2016, 2017, 2018, 2019, 2020].map((year) => ({ year, grade: 'EXCELLENT' as const }));
      expect(n2Requirement({ ...base, assessments: allExcellent }).requiredMonths).toBe(0);
    });
    it('ranks without a minimum in the settings have none', () => {
      expect(n2Requirement({ fromRank: 'RESEARCHER_2', heldSince: d('2020-01-01'), date: d('2020-02-01'), assessments: [], settings }).requiredMonths).toBeUndefined();
    });
  });
});
