import { given, rejected, type ExpectedWrites } from '../testing/given-when-then';
import { appoint, assess, department, promote, registerCadre, registerOrgUnit, removeFromPost, rescind, retract, sanction, setRank, township, transfer } from '../testing/commands';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { addDays, calendarDate } from '../time/calendar-date';
import {
  n1CeilingViolation,
  n1LadderViolations,
  n2FirstPassingDate,
  n2LeadingPostPath,
  n2Requirement,
  n2Violations,
  n2WindowYears,
  nextRankUp,
  sectionLeadingLevel,
  type N2Input,
} from './rank-promotion';
import type { SanctionRecord } from './sanctions';

const d = calendarDate;
const addDaysIso = (date: string, days: number): string => addDays(calendarDate(date), days);
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

  // Found by a review: a RankSet put a cadre above the ceiling with no refusal, override or finding.
  it('the ceiling binds the rank recorded on entry (RankSet) too: 三级 and 二级调研员 are recorded, 一级调研员 and above refused unless overridden', () => {
    for (const rank of ['RESEARCHER_3', 'RESEARCHER_2'] as const) {
      given(registerCadre('A')).when(setRank('A', '2016-01-01', rank)).then([{ streamId: 'cadre-A', events: [{ type: 'RankSet', data: { rank } }] }]);
    }
    for (const rank of ['RESEARCHER_1', 'INSPECTOR_2', 'INSPECTOR_1'] as const) {
      given(registerCadre('A')).when(setRank('A', '2016-01-01', rank)).then(rejected('RULE_N1_ABOVE_COUNTY_CEILING', { kind: 'POLICY', ruleId: 'N1', field: 'data.rank' }));
    }
    given(registerCadre('A'))
      .when(setRank('A', '2016-01-01', 'RESEARCHER_1', { override: { reason: '市管干部交流任职，职级随转' } }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RankSet', override: { reason: '市管干部交流任职，职级随转', rules: ['N1'] } }] }]);
  });

  it('as a pure rule', () => {
    expect(n1CeilingViolation('RESEARCHER_2', settings, 'data.rank')).toBeUndefined();
    expect(n1CeilingViolation('RESEARCHER_1', settings, 'data.rank')).toMatchObject({ code: 'RULE_N1_ABOVE_COUNTY_CEILING', field: 'data.rank' });
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

  describe('every step of RULES N2 takes 2 years: refused the day before the 2nd anniversary, accepted on it and the day after', () => {
    it.each([
      ['CLERK_2', 'CLERK_1'],
      ['CLERK_1', 'PRINCIPAL_STAFF_4'],
      ['PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3'],
      ['PRINCIPAL_STAFF_3', 'PRINCIPAL_STAFF_2'],
      ['PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1'],
      ['PRINCIPAL_STAFF_1', 'RESEARCHER_4'],
      ['RESEARCHER_4', 'RESEARCHER_3'],
      ['RESEARCHER_3', 'RESEARCHER_2'],
    ] as const)('given %s since 2018-03-01 (no leading post), when promoted to %s', (fromRank, toRank) => {
      const facts = [registerCadre('A'), setRank('A', '2018-03-01', fromRank)];
      given(...facts).when(promote('A', '2020-02-29', fromRank, toRank)).then(rejected('RULE_N2_MINIMUM_YEARS', { ruleId: 'N2', firstPassingDate: '2020-03-01' }));
      given(...facts).when(promote('A', '2020-03-01', fromRank, toRank)).then(promoted);
      given(...facts).when(promote('A', '2020-03-02', fromRank, toRank)).then(promoted);
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

  describe('…but not an EXCELLENT of a year a sanction forbids it (N4, as the read side counts; found by a review)', () => {
    // The 2017 EXCELLENT was recorded before a 警告 of 2017 (its 6-month period ends 2017-12-01): plain time, 24 months.
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2017, 'EXCELLENT'), sanction('A', '2017-06-01', 'S1', 'WARNING')];
    it('refuses on the day the credit would have reached (2018-09-01) and the day before the 2 years', () => {
      given(...facts).when(promote('A', '2018-09-01', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-03-01' }));
      given(...facts).when(promote('A', '2019-02-28', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-03-01' }));
    });
    it('accepts on the day and the day after', () => {
      given(...facts).when(promote('A', '2019-03-01', 'CLERK_2', 'CLERK_1')).then(promoted);
      given(...facts).when(promote('A', '2019-03-02', 'CLERK_2', 'CLERK_1')).then(promoted);
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
    it('UNGRADED (不确定等次) counts the same way', () => {
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
      // Decided on 2019-12-20, before the year ended (a grade decided later counts from its date: T4, below).
      const facts2019 = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2019, 'BASICALLY_COMPETENT', { date: '2019-12-20' })];
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

  describe('no promotion after 开除 (EXPULSION), which has no effect period but ends the service (found by a diff review)', () => {
    const expelled = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_2'), sanction('A', '2024-06-02', 'X1', 'EXPULSION', { id: 'x1' })];
    it.each([
      ['2024-06-01', true],
      ['2024-06-02', false],
      ['2024-06-03', false],
    ])('promoted on %s (expelled 2024-06-02): accepted %s; refused with no first passing date', (date, accepted) => {
      const when = given(...expelled).when(promote('A', date, 'CLERK_2', 'CLERK_1'));
      if (accepted) when.then(promoted);
      else expect(when.error().toJSON()).toMatchObject({ code: 'RULE_N2_SANCTION_EFFECT_PERIOD', field: 'effectiveDate', messageZh: expect.stringMatching(/后不得晋升：.*（编号 X1）自 2024-06-02 起$/) });
      if (!accepted) expect(when.error().toJSON().firstPassingDate).toBeUndefined();
    });
    it('rescinded (TM9), it bars nothing', () => {
      given(...expelled, rescind('A', '2024-08-01', 'X1')).when(promote('A', '2024-09-01', 'CLERK_2', 'CLERK_1')).then(promoted);
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
    it.each([['2019-07-31'], ['2019-08-01'], ['2019-08-02']])('TM9: given the sanction rescinded by an event effective 2019-08-01, when promoted on %s (the day before, of, after the rescission), then accepted: void from its start, whatever the date', (date) => {
      given(...facts, rescind('A', '2019-08-01', 'S1')).when(promote('A', date, 'CLERK_2', 'CLERK_1')).then(promoted);
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

  describe('N4: a year a sanction leaves ungraded is not counted, with no grade recorded for it (found by a review)', () => {
    // CLERK_2 since 2019-01-01: 24 months to CLERK_1, reached 2021-01-01. A 记过 (DEMERIT) of
    // 2019-03-01 (its effect period to 2020-03-01) leaves 2019 ungraded (N4), which does not count
    // (§19): 12 months more, 2022-01-01.
    const history = [registerCadre('A'), setRank('A', '2019-01-01', 'CLERK_2'), sanction('A', '2019-03-01', 'S1', 'DEMERIT')];
    it('the day before: refused, with the first passing date', () => {
      given(...history)
        .when(promote('A', '2021-12-31', 'CLERK_2', 'CLERK_1'))
        .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2022-01-01' }));
    });
    it('the day of: accepted', () => {
      given(...history).when(promote('A', '2022-01-01', 'CLERK_2', 'CLERK_1')).then([{ streamId: 'cadre-A', events: [{ type: 'RankPromoted' }] }]);
    });
    it('a grade recorded for that year before the sanction neither adds another year nor blocks (INCOMPETENT) nor credits', () => {
      const base = { fromRank: 'CLERK_2' as const, heldSince: d('2019-01-01'), date: d('2022-06-01'), settings };
      const demerit = [{ sanctionId: 'S1', eventId: 's1', kind: 'DEMERIT' as const, effectiveDate: d('2019-03-01'), recordedAt: '2019-03-02T02:00:00Z', appendOrder: 2, rescinded: false, retracted: false }];
      for (const grade of ['BASICALLY_COMPETENT', 'INCOMPETENT', 'EXCELLENT', 'COMPETENT'] as const) {
        expect([grade, n2Requirement({ ...base, assessments: [{ year: 2019, grade }], sanctions: demerit })]).toEqual([
          grade,
          expect.objectContaining({ requiredMonths: 36, notCountedYears: [2019], incompetentYears: [], excellentYears: [] }),
        ]);
      }
      // Rescinded (TM9): the sanction constrains no year, and the recorded grade counts again.
      expect(n2Requirement({ ...base, assessments: [{ year: 2019, grade: 'INCOMPETENT' }], sanctions: [{ ...demerit[0]!, rescinded: true }] })).toEqual(
        expect.objectContaining({ requiredMonths: 24, notCountedYears: [], incompetentYears: [2019] }),
      );
    });
  });

  describe('the window (defined for N2)', () => {
    it('is the years from the one the rank was taken in to the one before the promotion', () => {
      expect(n2WindowYears(d('2017-03-01'), d('2020-03-01'))).toEqual({ firstYear: 2017, lastYear: 2019 });
      expect(n2WindowYears(d('2017-03-01'), d('2017-12-31'))).toEqual({ firstYear: 2017, lastYear: 2016 }); // empty
    });
    it('credits, extensions and the floor at zero', () => {
      const base = { fromRank: 'CLERK_2' as const, heldSince: d('2015-01-01'), date: d('2021-01-01'), sanctions: [], settings };
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
      expect(n2Requirement({ fromRank: 'RESEARCHER_2', heldSince: d('2020-01-01'), date: d('2020-02-01'), assessments: [], sanctions: [], settings }).requiredMonths).toBeUndefined();
    });
  });
});

describe('N2 §18: or the years in a section-level leading post (乡科级领导职务)', () => {
  // 四级主任科員 since 2019-09-01 (the rank alone reaches 2 years on 2021-09-01); a deputy post
  // (副乡长) since 2018-03-01 reaches 2 years on 2020-03-01.
  const promotedTo = (toRank: string): ExpectedWrites => [{ streamId: 'cadre-A', events: [{ type: 'RankPromoted', data: { toRank } }] }];
  const deputy = [township('T1'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'DEPUTY_HEAD'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];

  describe('四级→三级主任科员: or 乡科级副职', () => {
    it('refuses the day before the deputy post’s 2nd anniversary, with it as first passing date', () => {
      const e = given(...deputy).when(promote('A', '2020-02-29', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).error();
      expect(e.code).toBe('RULE_N2_MINIMUM_YEARS');
      expect(e.firstPassingDate).toBe('2020-03-01');
      expect(e.message).toContain('reached 2021-09-01; nor held in 乡科级副职 (a section-level deputy or chief leading post): held since 2018-03-01, 24 months required, reached 2020-03-01');
      expect(e.messageZh).toContain('；亦未满足任乡科级副职以上领导职务满 24 个月的条件：自 2018-03-01 起担任，2020-03-01 方满');
    });
    it('accepts on the anniversary', () => {
      given(...deputy).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('accepts the day after', () => {
      given(...deputy).when(promote('A', '2020-03-02', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('a chief post serves too (the higher post), and a county department’s deputy head (副局长)', () => {
      const chief = [township('T1'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'HEAD'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
      given(...chief).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
      const bureau = [department('D1'), registerCadre('A'), appoint('A', '2018-03-01', 'D1', 'DEPUTY_HEAD'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
      given(...bureau).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('a post that is no section-level leading post does not: STAFF, or an org unit of another kind', () => {
      for (const [kind, role] of [
        ['TOWNSHIP', 'STAFF'],
        ['COUNTY_LEADERSHIP', 'DEPUTY_HEAD'],
        ['OTHER', 'DEPUTY_HEAD'],
      ] as const) {
        const facts = [registerOrgUnit('U1', kind), registerCadre('A'), appoint('A', '2018-03-01', 'U1', role), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
        given(...facts)
          .when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3'))
          .then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2021-09-01' }));
      }
    });
    it('posts held back to back (a transfer) are one continuous run (C1)', () => {
      const moved = [township('T1'), township('T2'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'DEPUTY_HEAD'), transfer('A', '2019-03-01', ['T1', 'DEPUTY_HEAD'], ['T2', 'DEPUTY_PARTY_SECRETARY']), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
      given(...moved).when(promote('A', '2020-02-29', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2020-03-01' }));
      given(...moved).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('a run that ended counts when it lasted the minimum: the day before, of and after its anniversary', () => {
      const ended = (until: string) => [township('T1'), registerCadre('A'), appoint('A', '2015-01-01', 'T1', 'TEAM_MEMBER'), removeFromPost('A', until, 'T1', 'TEAM_MEMBER'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
      const e = given(...ended('2016-12-31')).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).error();
      expect(e.code).toBe('RULE_N2_MINIMUM_YEARS');
      expect(e.firstPassingDate).toBe('2021-09-01');
      expect(e.message).toContain('held 2015-01-01 until 2016-12-31, 24 months required, not reached');
      given(...ended('2017-01-01')).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
      given(...ended('2017-01-02')).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('given a deputy run that ended short of the minimum, then the Chinese refusal names its span and 未满 (not 方满)', () => {
      const facts = [township('T1'), registerCadre('A'), appoint('A', '2015-01-01', 'T1', 'TEAM_MEMBER'), removeFromPost('A', '2016-12-31', 'T1', 'TEAM_MEMBER'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4')];
      const e = given(...facts).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).error();
      expect(e.messageZh).toMatch(/2021-09-01 方满；亦未满足任乡科级副职以上领导职务满 24 个月的条件：2015-01-01 至 2016-12-31 担任，未满$/);
    });
    it('a run that ended counts a grade of its window decided after its end, once in force by the promotion (T4; found by a mutation review)', () => {
      const facts = (decided: string) => [
        township('T1'),
        registerCadre('A'),
        appoint('A', '2016-03-01', 'T1', 'DEPUTY_HEAD'),
        removeFromPost('A', '2018-01-10', 'T1', 'DEPUTY_HEAD'),
        assess('A', 2017, 'EXCELLENT', { date: decided }),
        setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_4'),
      ];
      for (const decided of ['2018-01-05', '2018-01-15']) given(...facts(decided)).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('an EXCELLENT year in the post’s window shortens it by 6 months (to 2019-09-01)', () => {
      const facts = [township('T1'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'DEPUTY_HEAD'), setRank('A', '2019-01-01', 'PRINCIPAL_STAFF_4'), assess('A', 2018, 'EXCELLENT')];
      given(...facts).when(promote('A', '2019-08-31', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-09-01' }));
      given(...facts).when(promote('A', '2019-09-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3')).then(promotedTo('PRINCIPAL_STAFF_3'));
    });
    it('lifts only the minimum years: an INCOMPETENT year in the rank still blocks, a sanction period still holds', () => {
      given(...deputy, assess('A', 2019, 'INCOMPETENT'))
        .when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3'))
        .then(rejected('RULE_N2_INCOMPETENT_YEAR'));
      given(...deputy, sanction('A', '2020-01-01', 'S1', 'WARNING'))
        .when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3'))
        .then(rejected('RULE_N2_SANCTION_EFFECT_PERIOD', { firstPassingDate: '2020-07-01' }));
    });
  });

  describe('二级→一级主任科员: or 乡科级正职', () => {
    const chief = [township('T1'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'PARTY_SECRETARY'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_2')];
    it('refuses the day before, accepts on and after the chief post’s 2nd anniversary', () => {
      given(...chief).when(promote('A', '2020-02-29', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2020-03-01' }));
      given(...chief).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1')).then(promotedTo('PRINCIPAL_STAFF_1'));
      given(...chief).when(promote('A', '2020-03-02', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1')).then(promotedTo('PRINCIPAL_STAFF_1'));
    });
    it('a deputy post does not serve for a chief one', () => {
      const facts = [township('T1'), registerCadre('A'), appoint('A', '2018-03-01', 'T1', 'DEPUTY_PARTY_SECRETARY'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_2')];
      const e = given(...facts).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1')).error();
      expect(e.firstPassingDate).toBe('2021-09-01');
      expect(e.message).toContain('nor held in 乡科级正职 (a section-level chief leading post): none held before the date');
      expect(e.messageZh).toContain('；亦未满足任乡科级正职领导职务满规定年限的条件：该日前未担任');
    });
  });

  it('the other ranks have no such alternative', () => {
    const facts = [township('T1'), registerCadre('A'), appoint('A', '2015-03-01', 'T1', 'PARTY_SECRETARY'), setRank('A', '2019-09-01', 'PRINCIPAL_STAFF_3')];
    const e = given(...facts).when(promote('A', '2020-03-01', 'PRINCIPAL_STAFF_3', 'PRINCIPAL_STAFF_2')).error();
    expect(e.code).toBe('RULE_N2_MINIMUM_YEARS');
    expect(e.message).not.toContain('乡科级');
  });

  describe('as pure rules', () => {
    it('the section-level leading posts: chiefs and deputies of townships and county departments', () => {
      expect(sectionLeadingLevel('TOWNSHIP', 'PARTY_SECRETARY')).toBe('CHIEF');
      expect(sectionLeadingLevel('TOWNSHIP', 'PEOPLES_CONGRESS_CHAIR')).toBe('CHIEF');
      expect(sectionLeadingLevel('COUNTY_DEPARTMENT', 'HEAD')).toBe('CHIEF');
      expect(sectionLeadingLevel('TOWNSHIP', 'DEPUTY_PARTY_SECRETARY')).toBe('DEPUTY');
      expect(sectionLeadingLevel('TOWNSHIP', 'TEAM_MEMBER')).toBe('DEPUTY');
      expect(sectionLeadingLevel('TOWNSHIP', 'STAFF')).toBeUndefined();
      expect(sectionLeadingLevel('COUNTY_LEADERSHIP', 'PARTY_SECRETARY')).toBeUndefined();
      expect(sectionLeadingLevel(undefined, 'HEAD')).toBeUndefined();
    });
    const base: N2Input = { fromRank: 'PRINCIPAL_STAFF_4', heldSince: d('2019-09-01'), date: d('2020-03-01'), assessments: [], sanctions: [], settings };
    it('a post taken on the date is not counted; one taken the day before is', () => {
      expect(n2LeadingPostPath({ ...base, leadingPosts: [{ from: d('2020-03-01'), level: 'DEPUTY' }] })).toBeUndefined();
      expect(n2LeadingPostPath({ ...base, leadingPosts: [{ from: d('2020-02-29'), level: 'DEPUTY' }] })).toMatchObject({ runStart: '2020-02-29', met: false, reachedOn: '2022-02-28' });
    });
    it('a gap within continuityGraceDays keeps one run; a longer gap starts another', () => {
      const grace = settings.continuityGraceDays;
      const posts = (gapDays: number) => [
        { from: d('2017-03-01'), to: d('2018-03-01'), level: 'DEPUTY' as const },
        { from: d(addDaysIso('2018-03-01', gapDays)), level: 'DEPUTY' as const },
      ];
      expect(n2LeadingPostPath({ ...base, leadingPosts: posts(grace) })).toMatchObject({ runStart: '2017-03-01', met: true });
      expect(n2LeadingPostPath({ ...base, leadingPosts: posts(grace + 1) })).toMatchObject({ runStart: addDaysIso('2018-03-01', grace + 1), met: false });
    });
    it('a grace gap in which another post was taken up is a move that ends the run (C1), as in TM6b; one taken up beside the run is not (found by a rules review)', () => {
      const graced = { ...settings, continuityGraceDays: 30 };
      const deputyPosts = [
        { from: d('2017-03-01'), to: d('2018-03-01'), level: 'DEPUTY' as const },
        { from: d('2018-03-20'), level: 'DEPUTY' as const },
      ];
      const input: N2Input = { ...base, settings: graced, leadingPosts: deputyPosts };
      // 19 days in no post: bridged.
      expect(n2LeadingPostPath(input)).toMatchObject({ runStart: '2017-03-01', met: true });
      // 19 days as staff of a county department: a move, the run starts again.
      const moved = { ...input, otherPosts: [{ from: d('2018-03-01'), to: d('2018-03-20') }] };
      expect(n2LeadingPostPath(moved)).toMatchObject({ runStart: '2018-03-20', met: false });
      // A chief path: a deputy post between two chief posts is a move as well.
      const chief: N2Input = { ...input, fromRank: 'PRINCIPAL_STAFF_2', leadingPosts: deputyPosts.map((p) => ({ ...p, level: 'CHIEF' as const })) };
      expect(n2LeadingPostPath(chief)).toMatchObject({ runStart: '2017-03-01' });
      expect(n2LeadingPostPath({ ...chief, leadingPosts: [...chief.leadingPosts!, { from: d('2018-03-01'), to: d('2018-03-20'), level: 'DEPUTY' }] })).toMatchObject({ runStart: '2018-03-20' });
      // Held beside the first post since before it began (a staff post kept throughout): no move.
      expect(n2LeadingPostPath({ ...input, otherPosts: [{ from: d('2016-01-01') }] })).toMatchObject({ runStart: '2017-03-01', met: true });
    });
    it('the first passing date finds a qualifying post taken after the date (future-dated)', () => {
      // The rank from 2019-12-01 with 2019 not counted and 2020 EXCELLENT: 30 months, 2022-06-01.
      // The post from 2020-02-01 with 2020 EXCELLENT in its window: 18 months, 2021-08-01.
      const input: N2Input = {
        ...base,
        heldSince: d('2019-12-01'),
        date: d('2020-01-01'),
        assessments: [
          { year: 2019, grade: 'BASICALLY_COMPETENT' },
          { year: 2020, grade: 'EXCELLENT' },
        ],
        leadingPosts: [{ from: d('2020-02-01'), level: 'DEPUTY' }],
      };
      expect(n2FirstPassingDate(input)).toBe('2021-08-01');
      expect(n2FirstPassingDate({ ...input, leadingPosts: [] })).toBe('2022-06-01');
    });
  });
});

describe('N1 refusals name the ranks and the field at fault', () => {
  it('a skip names both ranks, how many are skipped and the next rank up (field data.toRank)', () => {
    const e = given(registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_2')).when(promote('A', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N1_SKIPS_RANKS',
      ruleId: 'N1',
      kind: 'POLICY',
      field: 'data.toRank',
      messageZh: '由二级科员晋升为四级主任科员跨越了 1 个职级；上一级职级是一级科员',
      message: 'CLERK_2 (二级科员) → PRINCIPAL_STAFF_4 (四级主任科员) skips 1 rank(s); the next rank up is CLERK_1',
    });
  });
  it('a skip of two ranks says 2', () => {
    expect(n1LadderViolations({ fromRank: 'CLERK_2', toRank: 'PRINCIPAL_STAFF_3', settings })[0]!.message).toBe(
      'CLERK_2 (二级科员) → PRINCIPAL_STAFF_3 (三级主任科员) skips 2 rank(s); the next rank up is CLERK_1',
    );
  });
  it('the next rank up is one step up the ladder; there is none above the top', () => {
    expect(nextRankUp('CLERK_2')).toBe('CLERK_1');
    expect(nextRankUp('INSPECTOR_2')).toBe('INSPECTOR_1');
    expect(nextRankUp('INSPECTOR_1')).toBeUndefined();
  });
  it('above the county ceiling names the ceiling and the rank (field data.toRank)', () => {
    const e = given(registerCadre('A'), setRank('A', '2010-01-01', 'RESEARCHER_2')).when(promote('A', '2015-01-01', 'RESEARCHER_2', 'RESEARCHER_1')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N1_ABOVE_COUNTY_CEILING',
      ruleId: 'N1',
      kind: 'POLICY',
      field: 'data.toRank',
      messageZh: '县乡干部职级最高为二级调研员；一级调研员高于此限',
      message: 'a county or township cadre holds at most RESEARCHER_2 (二级调研员); RESEARCHER_1 is above it',
    });
  });
  it('a promotion that is not upward raises no N1 violation, even above the ceiling (the integrity rule refuses it)', () => {
    expect(n1LadderViolations({ fromRank: 'RESEARCHER_1', toRank: 'RESEARCHER_1', settings })).toEqual([]);
    expect(n1LadderViolations({ fromRank: 'INSPECTOR_1', toRank: 'RESEARCHER_1', settings })).toEqual([]);
  });
});

describe('N2 refusals name what is missing, with the first passing date', () => {
  it('minimum years: the rank, since when, the months required and when they are reached', () => {
    const e = given(registerCadre('A'), setRank('A', '2018-03-01', 'CLERK_2')).when(promote('A', '2020-02-29', 'CLERK_2', 'CLERK_1')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N2_MINIMUM_YEARS',
      ruleId: 'N2',
      kind: 'POLICY',
      field: 'effectiveDate',
      firstPassingDate: '2020-03-01',
      messageZh: '自 2018-03-01 起任二级科员：须满 24 个月（优秀年度：无；不计算任职年限的年度：无），2020-03-01 方满',
      message: 'CLERK_2 (二级科员) held since 2018-03-01: 24 months required (EXCELLENT years none, not-counted years none), reached 2020-03-01',
    });
  });
  it('minimum years: the EXCELLENT and not-counted years are listed in year order', () => {
    // Rank from 2016-03-01; 2016 EXCELLENT (−6), 2017 UNGRADED and 2018 BASICALLY_COMPETENT (+12 each): 42 months, reached 2019-09-01.
    const facts = [
      registerCadre('A'),
      setRank('A', '2016-03-01', 'CLERK_2'),
      assess('A', 2018, 'BASICALLY_COMPETENT'),
      assess('A', 2016, 'EXCELLENT'),
      assess('A', 2017, 'UNGRADED'),
    ];
    const e = given(...facts).when(promote('A', '2019-06-01', 'CLERK_2', 'CLERK_1')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N2_MINIMUM_YEARS',
      ruleId: 'N2',
      kind: 'POLICY',
      field: 'effectiveDate',
      firstPassingDate: '2019-09-01',
      messageZh: '自 2016-03-01 起任二级科员：须满 42 个月（优秀年度：2016；不计算任职年限的年度：2017、2018），2019-09-01 方满',
      message: 'CLERK_2 (二级科员) held since 2016-03-01: 42 months required (EXCELLENT years 2016, not-counted years 2017, 2018), reached 2019-09-01',
    });
  });
  it('the years of each kind come out in year order whatever order they were recorded in', () => {
    const base = { fromRank: 'CLERK_2' as const, heldSince: d('2015-01-01'), date: d('2021-01-01'), sanctions: [], settings };
    const req = n2Requirement({
      ...base,
      assessments: [
        { year: 2019, grade: 'EXCELLENT' },
        { year: 2018, grade: 'UNGRADED' },
        { year: 2015, grade: 'EXCELLENT' },
        { year: 2020, grade: 'INCOMPETENT' },
        { year: 2016, grade: 'BASICALLY_COMPETENT' },
        { year: 2017, grade: 'INCOMPETENT' },
      ],
    });
    expect(req.excellentYears).toEqual([2015, 2019]);
    expect(req.notCountedYears).toEqual([2016, 2018]);
    expect(req.incompetentYears).toEqual([2017, 2020]);
  });
  it('an INCOMPETENT year: the years, the rank and since when (field effectiveDate, no first passing date)', () => {
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2019, 'INCOMPETENT'), assess('A', 2018, 'INCOMPETENT')];
    const e = given(...facts).when(promote('A', '2022-03-01', 'CLERK_2', 'CLERK_1')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N2_INCOMPETENT_YEAR',
      ruleId: 'N2',
      kind: 'POLICY',
      field: 'effectiveDate',
      messageZh: '自 2017-03-01 起任二级科员期间，2018、2019 年度考核为不称职，不得晋升',
      message: 'INCOMPETENT (不称职) in 2018, 2019 while holding CLERK_2 (since 2017-03-01) blocks promotion',
    });
  });
  it('a sanction effect period: its kind, sanction id and dates (field effectiveDate, first passing date its end)', () => {
    const facts = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_2'), sanction('A', '2019-05-10', 'S1', 'DEMERIT')];
    const e = given(...facts).when(promote('A', '2020-05-09', 'CLERK_2', 'CLERK_1')).error();
    expect(e.toJSON()).toEqual({
      code: 'RULE_N2_SANCTION_EFFECT_PERIOD',
      ruleId: 'N2',
      kind: 'POLICY',
      field: 'effectiveDate',
      firstPassingDate: '2020-05-10',
      messageZh: '处分或组织处理影响期内不得晋升（N3）：记过处分（编号 S1）影响期自 2019-05-10 起至 2020-05-10 前',
      message: 'no promotion during a sanction effect period (N3): DEMERIT (S1) runs 2019-05-10 until 2020-05-10',
    });
  });
});

describe('N2 first passing date: the search over candidate dates', () => {
  const warning = (effectiveDate: string): SanctionRecord => ({
    sanctionId: 'S1',
    eventId: 'e-S1',
    kind: 'WARNING',
    effectiveDate: d(effectiveDate),
    recordedAt: `${effectiveDate}T08:00:00.000Z`,
    appendOrder: 1,
    rescinded: false,
    retracted: false,
  });
  const input = (over: Partial<N2Input>): N2Input => ({
    fromRank: 'CLERK_2',
    heldSince: d('2015-01-01'),
    date: d('2020-06-01'),
    assessments: [],
    sanctions: [],
    settings,
    ...over,
  });

  it('an INCOMPETENT year in the window blocks for good, even with the years met and no sanction', () => {
    const blocked = input({ assessments: [{ year: 2016, grade: 'INCOMPETENT' }] });
    expect(n2FirstPassingDate(blocked)).toBeUndefined();
    expect(n2FirstPassingDate(input({ assessments: [{ year: 2016, grade: 'COMPETENT' }] }))).toBe('2020-06-01');
  });
  it('with an INCOMPETENT year the minimum-years violation carries no first passing date either', () => {
    const violations = n2Violations(input({ heldSince: d('2019-03-01'), assessments: [{ year: 2019, grade: 'INCOMPETENT' }] }));
    expect(violations.map((v) => v.code)).toEqual(['RULE_N2_INCOMPETENT_YEAR', 'RULE_N2_MINIMUM_YEARS']);
    expect(violations[1]!.firstPassingDate).toBeUndefined();
  });
  it('a rank with no minimum under a sanction passes the day the period ends, not at the new year', () => {
    // RESEARCHER_2 has no minimum; WARNING from 2023-03-15 runs until 2023-09-15.
    const researcher = input({ fromRank: 'RESEARCHER_2', heldSince: d('2020-01-01'), date: d('2023-04-01'), sanctions: [warning('2023-03-15')] });
    expect(n2FirstPassingDate(researcher)).toBe('2023-09-15');
    expect(n2Violations(researcher).map((v) => [v.code, v.firstPassingDate])).toEqual([['RULE_N2_SANCTION_EFFECT_PERIOD', '2023-09-15']]);
  });
  it('a grade entering the window on 1 January can bring the date forward: the search stops at the new year', () => {
    // Rank from 2017-03-01; on 2018-06-01 the window is 2017 only: 24 months, reached 2019-03-01.
    // On 2019-01-01 the 2018 EXCELLENT (in force since 2018-12-20) joins it: 18 months, reached 2018-09-01 — met that very day.
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2018, 'EXCELLENT', { date: '2018-12-20' })];
    given(...facts).when(promote('A', '2018-06-01', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-01-01' }));
    given(...facts).when(promote('A', '2018-12-31', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-01-01' }));
    given(...facts).when(promote('A', '2019-01-01', 'CLERK_2', 'CLERK_1')).then(promoted);
  });
  it('T4: a grade credits from its effective date, not from the new year of its window (found by a review: a promotion dated before the grade was decided took its credit)', () => {
    // The 2018 EXCELLENT is decided on 2019-01-15: until then 24 months (reached 2019-03-01); from then 18, already met.
    const facts = [registerCadre('A'), setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2018, 'EXCELLENT', { date: '2019-01-15' })];
    given(...facts).when(promote('A', '2019-01-01', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-01-15' }));
    given(...facts).when(promote('A', '2019-01-14', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-01-15' }));
    given(...facts).when(promote('A', '2019-01-15', 'CLERK_2', 'CLERK_1')).then(promoted);
    given(...facts).when(promote('A', '2019-01-16', 'CLERK_2', 'CLERK_1')).then(promoted);
  });
  it('T4: a not-counted grade lengthens the minimum only from its effective date; a correction of a retracted grade counts from the retracted one\'s date', () => {
    // Rank from 2016-03-01; window 2016–2017 on 2018-03-01: 24 months, met. The 2017 BASICALLY_COMPETENT, decided 2018-03-02, adds 12.
    const base = [registerCadre('A'), setRank('A', '2016-03-01', 'CLERK_2')];
    const lateGrade = [...base, assess('A', 2017, 'BASICALLY_COMPETENT', { date: '2018-03-02' })];
    given(...lateGrade).when(promote('A', '2018-03-01', 'CLERK_2', 'CLERK_1')).then(promoted);
    given(...lateGrade).when(promote('A', '2018-03-02', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS'));
    // Rank from 2017-03-01. The 2018 EXCELLENT recorded 2019-01-15 by mistake as COMPETENT, retracted and recorded again on 2019-06-01:
    // the year was graded from 2019-01-15 (as the read side dates it), so the credit holds from then.
    const corrected = [
      registerCadre('A'),
      setRank('A', '2017-03-01', 'CLERK_2'),
      assess('A', 2018, 'COMPETENT', { id: 'g-2018', date: '2019-01-15' }),
      retract('A', '2019-06-01', 'g-2018'),
      assess('A', 2018, 'EXCELLENT', { date: '2019-06-01' }),
    ];
    given(...corrected).when(promote('A', '2019-01-14', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_N2_MINIMUM_YEARS', { firstPassingDate: '2019-01-15' }));
    given(...corrected).when(promote('A', '2019-01-15', 'CLERK_2', 'CLERK_1')).then(promoted);
  });
  it('the search gives up after 1,000 candidate dates (one per year): a minimum 999 years away is not searched to its end', () => {
    const far = (years: number) =>
      n2FirstPassingDate(
        input({
          heldSince: d('2000-03-01'),
          date: d('2000-03-01'),
          settings: { ...settings, rankPromotion: { ...settings.rankPromotion, minimumYearsInRank: { ...settings.rankPromotion.minimumYearsInRank, CLERK_2: years } } },
        }),
      );
    expect(far(998)).toBe('2998-03-01');
    expect(far(999)).toBeUndefined();
  });
});
