import { given, rejected, type ExpectedWrites } from '../testing/given-when-then';
import {
  adoptPolicy,
  appoint,
  assess,
  command,
  decideAppealCommand,
  department,
  endSecondment,
  fileAppeal,
  promote,
  rateDepartment,
  recommend,
  registerCadre,
  registerOrgUnit,
  removeFromPost,
  rescind,
  retract,
  sanction,
  setRank,
  talk,
  township,
  train,
  transfer,
} from '../testing/commands';
import { parseCareerCommand } from '../commands';
import { upcast } from '../events/upcast';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { n5Deadlines } from './appeals';
import type { CareerCommand } from '../commands';
import { calendarDate } from '../time/calendar-date';

const ok = (type: string, streamId = 'cadre-A'): ExpectedWrites => [{ streamId, events: [{ type }] }];

describe('I nothing is dated before birth', () => {
  // Born 1980-05-10.
  const born = [registerCadre('A', '1980-05-10')];

  it('refuses an event dated the day before birth', () => {
    given(...born).when(train('A', '1980-05-09')).then(rejected('RULE_I_BEFORE_BIRTH', { kind: 'INTEGRITY', ruleId: 'I', field: 'effectiveDate' }));
  });
  it('accepts one on the day of birth', () => {
    given(...born).when(train('A', '1980-05-10')).then(ok('TrainingCompleted'));
  });
  it('accepts one the day after', () => {
    given(...born).when(train('A', '1980-05-11')).then(ok('TrainingCompleted'));
  });
  it('an override does not lift an integrity rule', () => {
    given(...born).when(train('A', '1980-05-09', { override: { reason: 'x' } })).then(rejected('RULE_I_BEFORE_BIRTH'));
  });
  it('covers the dates inside the data too', () => {
    // A registration dated before its birth date: the birth date is named, the likelier mistake (found by a web review: "effectiveDate（…）早于…").
    const said = (e: { code: string; field?: string; messageZh?: string }) => [e.code, e.field, e.messageZh];
    expect(said(given().when(registerCadre('A', '1980-05-10', { workStartDate: '1980-05-09' })).error())).toEqual(['RULE_I_BEFORE_BIRTH', 'data.workStartDate', '参加工作日期 1980-05-09 早于干部出生日期 1980-05-10']);
    expect(said(given().when(registerCadre('A', '2030-01-01', { date: '2026-12-01' })).error())).toEqual(['RULE_I_BEFORE_BIRTH', 'data.birthDate', '出生日期 2030-01-01 晚于生效日期 2026-12-01']);
    given().when(registerCadre('A', '2026-12-01', { date: '2026-12-01' })).then(ok('CadreRegistered'));
    expect(said(given(...born).when(train('A', '1980-05-09')).error())).toEqual(['RULE_I_BEFORE_BIRTH', 'effectiveDate', '生效日期 1980-05-09 早于干部出生日期 1980-05-10']);
    given(...born).when(assess('A', 1979, 'COMPETENT', { date: '2000-01-15' })).then(rejected('RULE_I_BEFORE_BIRTH', { field: 'data.year' }));
    // The year of birth is no year before birth; it is one before the cadre was eighteen (below).
    given(...born).when(assess('A', 1980, 'COMPETENT')).then(rejected('RULE_I_UNDER_AGE', { field: 'data.year' }));
  });
});

describe('I a post, a rank or a grade is not given before the eighteenth birthday (公务员法 §13; found by an API review: a cadre born in 2019 appointed township head in 2024)', () => {
  // Born 1980-05-10: eighteen on 1998-05-10 (T3).
  const born = [registerCadre('A', '1980-05-10'), registerOrgUnit('T01', 'TOWNSHIP', {}, '1990-01-01')];
  it.each([
    ['1998-05-09', false],
    ['1998-05-10', true],
    ['1998-05-11', true],
  ])('an appointment effective %s: accepted %s', (date, accepted) => {
    const when = given(...born).when(appoint('A', date, 'T01', 'STAFF'));
    if (accepted) when.then(ok('AppointedToPost'));
    else expect(when.error().toJSON()).toMatchObject({ code: 'RULE_I_UNDER_AGE', ruleId: 'I', kind: 'INTEGRITY', field: 'effectiveDate', messageZh: `生效日期 ${date}，干部未满 18 周岁（出生日期 1980-05-10，1998-05-10 年满）：任职须年满 18 周岁（公务员法第十三条）` });
  });
  it.each([
    [1997, false],
    [1998, true],
  ])('an annual grade of %s (eighteen on 1998-05-10): accepted %s', (year, accepted) => {
    const when = given(...born).when(assess('A', year, 'COMPETENT', { date: '2000-01-15' }));
    if (accepted) when.then(ok('AnnualAssessmentRecorded'));
    else when.then(rejected('RULE_I_UNDER_AGE', { field: 'data.year' }));
  });
  it('a rank set before eighteen is refused; an override does not lift it; a training is not a post', () => {
    given(...born).when(setRank('A', '1998-05-09', 'CLERK_2')).then(rejected('RULE_I_UNDER_AGE', { field: 'effectiveDate' }));
    given(...born).when(setRank('A', '1998-05-09', 'CLERK_2', { override: { reason: '特批' } })).then(rejected('RULE_I_UNDER_AGE'));
    given(...born).when(train('A', '1997-01-01')).then(ok('TrainingCompleted'));
  });
});

describe('I nor before the birth of another cadre it names (found by a review: only the stream’s own cadre was checked)', () => {
  // A (born 1970) is party secretary of T01; Y is born 2000-06-01.
  const base = [township('T01'), department('D01'), registerCadre('A', '1970-01-01'), registerCadre('Y', '2000-06-01', { date: '2020-01-01' }), appoint('A', '2000-01-01', 'T01', 'PARTY_SECRETARY')];
  const refused = rejected('RULE_I_BEFORE_BIRTH', { kind: 'INTEGRITY', field: 'effectiveDate' });

  const namingY: readonly [string, (date: string) => CareerCommand, ExpectedWrites][] = [
    ['a talk with Y', (date) => talk('A', date, 'Y'), ok('TalkHeld')],
    ['a recommendation of Y', (date) => recommend('A', date, 'Y'), ok('LeaderRecommended')],
    // Y is no chief: a TM5 policy refusal, lifted by the override; the integrity rule never is.
    ['a rating by Y, with an override', (date) => rateDepartment('D01', date, 2000, 'Y', { override: { reason: '经县委组织部审定' } }), ok('CountyDepartmentRated', 'orgunit-D01')],
  ];
  it.each(namingY.flatMap(([what, write, accepted]) => [['2000-05-31', false], ['2000-06-01', true], ['2000-06-02', true]].map(([date, passes]) => [what, date, passes, write, accepted] as const)))(
    '%s on %s is accepted: %s',
    (_, date, passes, write, accepted) => {
      given(...base).when(write(date as string)).then(passes ? accepted : refused);
    },
  );
  it('the refusal names the other cadre and their birth date', () => {
    given(...base)
      .when(talk('A', '1999-01-01', 'Y'))
      .then(rejected('RULE_I_BEFORE_BIRTH', { message: 'effectiveDate 1999-01-01 is before the birth date 2000-06-01 of cadre Y (data.withCadreId)' }));
  });
});

describe('I registration', () => {
  it('no second registration of a cadre', () => {
    given(registerCadre('A')).when(registerCadre('A', '1980-01-01', { id: 'again' })).then(rejected('RULE_I_ALREADY_REGISTERED'));
  });
  it('no second registration of an org unit', () => {
    given(township('T01')).when(registerOrgUnit('T01', 'TOWNSHIP', { id: 'again' })).then(rejected('RULE_I_ALREADY_REGISTERED'));
  });
  it('a first registration starts the stream', () => {
    given()
      .when(registerCadre('A'))
      .then([{ streamId: 'cadre-A', expectedRevision: 'no_stream', events: [{ type: 'CadreRegistered', eventId: 'reg-A' }] }]);
  });
  it('every other cadre event needs a registered cadre', () => {
    given().when(train('A', '2020-01-01')).then(rejected('RULE_I_CADRE_NOT_REGISTERED'));
  });
  it('an appointment needs a registered org unit', () => {
    given(registerCadre('A')).when(appoint('A', '2020-01-01', 'T99', 'HEAD')).then(rejected('RULE_I_ORG_UNIT_NOT_REGISTERED', { field: 'data.orgUnitId' }));
  });
  // The unit's registration dates its existence, as every answer reads it (found by a review: an appointment four years before it was stored).
  it.each([
    ['2019-12-31', false],
    ['2020-01-01', true],
    ['2020-01-02', true],
  ])('an appointment, a transfer and a secondment to a unit registered on 2020-01-01, dated %s, are accepted: %s', (date, passes) => {
    const base = [registerCadre('A'), registerOrgUnit('T01', 'TOWNSHIP', {}, '2010-01-01'), registerOrgUnit('T02', 'TOWNSHIP', {}, '2020-01-01'), registerOrgUnit('D02', 'COUNTY_DEPARTMENT', {}, '2020-01-01'), appoint('A', '2015-01-01', 'T01', 'STAFF')];
    const notYet = rejected('RULE_I_ORG_UNIT_NOT_YET_REGISTERED', { firstPassingDate: '2020-01-01' });
    given(...base).when(appoint('A', date, 'T02', 'STAFF')).then(passes ? ok('AppointedToPost') : notYet);
    given(...base).when(transfer('A', date, ['T01', 'STAFF'], ['T02', 'STAFF'])).then(passes ? ok('Transferred') : notYet);
    given(...base).when(command('SecondmentStarted', { cadreId: 'A' }, date, { hostOrgUnitId: 'D02', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: calendarDate('2021-06-01') })).then(passes ? ok('SecondmentStarted') : notYet);
  });
  it.each([
    ['2020-01-01', 2019, false],
    ['2019-12-31', 2019, true],
    ['2020-01-01', 2020, true],
  ])('a township registered on %s: a score of %i is accepted: %s (a unit registered after the year was none of it)', (registeredOn, year, passes) => {
    const score = command('TownshipPerformanceScored', { orgUnitId: 'T02' }, '2021-01-31', { year, score: 80 });
    given(registerOrgUnit('T02', 'TOWNSHIP', {}, registeredOn))
      .when(score)
      .then(passes ? ok('TownshipPerformanceScored', 'orgunit-T02') : rejected('RULE_I_ORG_UNIT_NOT_YET_REGISTERED'));
  });
  it('a score of a year before the township’s registration gives no first passing date (none passes; found by a review), one dated before a registration within its year does', () => {
    const score = (year: number, date: string) => command('TownshipPerformanceScored', { orgUnitId: 'T02' }, date, { year, score: 80 });
    given(registerOrgUnit('T02', 'TOWNSHIP', {}, '2022-06-01')).when(score(2021, '2022-07-01')).then(rejected('RULE_I_ORG_UNIT_NOT_YET_REGISTERED', { firstPassingDate: undefined }));
    given(registerOrgUnit('T02', 'TOWNSHIP', {}, '2022-06-01')).when(score(2022, '2022-05-31')).then(rejected('RULE_I_ORG_UNIT_NOT_YET_REGISTERED', { firstPassingDate: '2022-06-01' }));
  });
  it('performance scores are for registered townships', () => {
    const score = (orgUnitId: string) => command('TownshipPerformanceScored', { orgUnitId }, '2021-01-31', { year: 2020, score: 91.5 });
    given().when(score('T01')).then(rejected('RULE_I_ORG_UNIT_NOT_REGISTERED'));
    given(registerOrgUnit('D01', 'COUNTY_DEPARTMENT')).when(score('D01')).then(rejected('RULE_I_NOT_A_TOWNSHIP'));
    given(township('T01')).when(score('T01')).then(ok('TownshipPerformanceScored', 'orgunit-T01'));
  });
});

describe('I no removal from a post not held (T2)', () => {
  // A holds DEPUTY_HEAD of T01 from 2016-03-01.
  const holding = [township('T01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' })];

  it('refuses a removal dated the day before the appointment', () => {
    given(...holding).when(removeFromPost('A', '2016-02-29', 'T01', 'DEPUTY_HEAD')).then(rejected('RULE_I_REMOVAL_OF_POST_NOT_HELD'));
  });
  it('accepts one on the day of the appointment (an empty tenure)', () => {
    given(...holding).when(removeFromPost('A', '2016-03-01', 'T01', 'DEPUTY_HEAD')).then(ok('RemovedFromPost'));
  });
  it('accepts one the day after', () => {
    given(...holding).when(removeFromPost('A', '2016-03-02', 'T01', 'DEPUTY_HEAD')).then(ok('RemovedFromPost'));
  });
  it('refuses a removal from another role or org unit', () => {
    given(...holding).when(removeFromPost('A', '2017-01-01', 'T01', 'HEAD')).then(rejected('RULE_I_REMOVAL_OF_POST_NOT_HELD'));
  });
  it('refuses a second removal', () => {
    given(...holding, removeFromPost('A', '2018-01-01', 'T01', 'DEPUTY_HEAD'))
      .when(removeFromPost('A', '2019-01-01', 'T01', 'DEPUTY_HEAD'))
      .then(rejected('RULE_I_REMOVAL_OF_POST_NOT_HELD'));
  });
  it('refuses a back-dated removal that would leave a later one removing a post not held', () => {
    given(...holding, removeFromPost('A', '2018-01-01', 'T01', 'DEPUTY_HEAD'))
      .when(removeFromPost('A', '2017-01-01', 'T01', 'DEPUTY_HEAD'))
      .then(rejected('RULE_I_EVENT_BREAKS_HISTORY'));
  });
  it('refuses taking a post already held', () => {
    given(...holding).when(appoint('A', '2017-01-01', 'T01', 'DEPUTY_HEAD')).then(rejected('RULE_I_POST_ALREADY_HELD'));
  });
  it('transfers: from a post held, to another post', () => {
    given(...holding)
      .when(transfer('A', '2017-01-01', ['T01', 'HEAD'], ['T01', 'TEAM_MEMBER']))
      .then(rejected('RULE_I_TRANSFER_FROM_POST_NOT_HELD', { field: 'data.from' }));
    given(...holding)
      .when(transfer('A', '2017-01-01', ['T01', 'DEPUTY_HEAD'], ['T01', 'DEPUTY_HEAD']))
      .then(rejected('RULE_I_TRANSFER_TO_SAME_POST'));
    given(...holding)
      .when(transfer('A', '2017-01-01', ['T01', 'DEPUTY_HEAD'], ['T77', 'HEAD']))
      .then(rejected('RULE_I_ORG_UNIT_NOT_REGISTERED', { field: 'data.to.orgUnitId' }));
  });
  it('secondments and temporary postings end only when running', () => {
    given(...holding).when(endSecondment('A', '2017-01-01')).then(rejected('RULE_I_SECONDMENT_NOT_RUNNING'));
  });
});

describe('I retractions (更正)', () => {
  const holding = [
    township('T01'),
    registerCadre('A'),
    registerCadre('B'),
    appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }),
    removeFromPost('A', '2018-01-01', 'T01', 'DEPUTY_HEAD', { id: 'a-out' }),
    appoint('B', '2016-03-01', 'T01', 'TEAM_MEMBER', { id: 'b-in' }),
  ];

  it('retracts an existing event of the same stream', () => {
    given(...holding)
      .when(retract('A', '2018-02-01', 'a-out'))
      .then([{ streamId: 'cadre-A', expectedRevision: 2, events: [{ type: 'EntryRetracted', data: { targetEventId: 'a-out' } }] }]);
  });
  it('refuses an unknown event, or one of another stream', () => {
    given(...holding).when(retract('A', '2018-02-01', 'nope')).then(rejected('RULE_I_RETRACTION_TARGET_NOT_FOUND', { field: 'data.targetEventId' }));
    given(...holding).when(retract('A', '2018-02-01', 'b-in')).then(rejected('RULE_I_RETRACTION_TARGET_NOT_FOUND'));
  });
  it('refuses one already retracted', () => {
    given(...holding, retract('A', '2018-02-01', 'a-out')).when(retract('A', '2018-02-02', 'a-out')).then(rejected('RULE_I_ALREADY_RETRACTED'));
  });
  it('refuses a retraction of a retraction', () => {
    given(...holding, retract('A', '2018-02-01', 'a-out', { id: 'fix' }))
      .when(retract('A', '2018-02-02', 'fix'))
      .then(rejected('RULE_I_RETRACTION_OF_RETRACTION'));
  });
  it('refuses a retraction that would leave the record incoherent (the removal of a retracted appointment)', () => {
    given(...holding).when(retract('A', '2018-02-01', 'a-in')).then(rejected('RULE_I_RETRACTION_BREAKS_HISTORY'));
  });
  it('the target then counts nowhere (evolve honours the retraction)', () => {
    const g = given(...holding, retract('A', '2018-02-01', 'a-out'), retract('A', '2018-02-01', 'a-in'));
    expect(() => g.ledger.decide(removeFromPost('A', '2019-01-01', 'T01', 'DEPUTY_HEAD'))).toThrow(
      expect.objectContaining({ code: 'RULE_I_REMOVAL_OF_POST_NOT_HELD' }),
    );
    expect(() => g.ledger.decide(appoint('A', '2019-01-01', 'T01', 'DEPUTY_HEAD'))).not.toThrow();
  });
  it('a registration retracted on its own can be recorded again', () => {
    const g = given(registerCadre('A', '1980-01-01'), retract('A', '2001-01-01', 'reg-A'));
    expect(() => g.ledger.decide(registerCadre('A', '1981-01-01', { id: 'reg-A-2' }))).not.toThrow();
    // …but not with a birth date after events already in the record.
    expect(() => g.ledger.decide(registerCadre('A', '2005-01-01', { id: 'reg-A-3' }))).toThrow(
      expect.objectContaining({ code: 'RULE_I_BEFORE_BIRTH' }),
    );
    // While no registration stands, nothing else is recorded.
    expect(() => g.ledger.decide(train('A', '2020-01-01'))).toThrow(expect.objectContaining({ code: 'RULE_I_CADRE_NOT_REGISTERED' }));
  });
});

describe('I rank promotions: upward, from the rank held', () => {
  const clerk = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_1')];
  it('refuses a promotion to an equal rank', () => {
    given(...clerk).when(promote('A', '2015-01-01', 'CLERK_1', 'CLERK_1')).then(rejected('RULE_I_PROMOTION_NOT_UPWARD', { kind: 'INTEGRITY' }));
  });
  it('refuses a promotion to a lower rank, even with an override', () => {
    given(...clerk)
      .when(promote('A', '2015-01-01', 'CLERK_1', 'CLERK_2', { override: { reason: 'x' } }))
      .then(rejected('RULE_I_PROMOTION_NOT_UPWARD'));
  });
  it('refuses a promotion from a rank not held', () => {
    given(...clerk).when(promote('A', '2015-01-01', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_I_PROMOTION_FROM_RANK_NOT_HELD', { field: 'data.fromRank' }));
    given(registerCadre('A')).when(promote('A', '2015-01-01', 'CLERK_2', 'CLERK_1')).then(rejected('RULE_I_PROMOTION_FROM_RANK_NOT_HELD'));
  });
  it('the rank held is the one on the promotion’s date: the day before the rank was set there is none', () => {
    given(...clerk).when(promote('A', '2009-12-31', 'CLERK_1', 'PRINCIPAL_STAFF_4')).then(rejected('RULE_I_PROMOTION_FROM_RANK_NOT_HELD'));
  });
});

describe('I a talk is held with another registered cadre (found by a review)', () => {
  const two = [township('T01'), registerCadre('A'), registerCadre('B')];
  it('accepts a talk with a registered cadre', () => {
    given(...two).when(talk('A', '2020-01-01', 'B')).then(ok('TalkHeld'));
  });
  it('refuses a talk with oneself, an unknown id or an org unit’s id', () => {
    given(...two).when(talk('A', '2020-01-01', 'A')).then(rejected('RULE_I_SELF_TALK', { field: 'data.withCadreId' }));
    given(...two).when(talk('A', '2020-01-01', 'C9')).then(rejected('RULE_I_CADRE_NOT_REGISTERED', { field: 'data.withCadreId' }));
    given(...two).when(talk('A', '2020-01-01', 'T01')).then(rejected('RULE_I_CADRE_NOT_REGISTERED', { field: 'data.withCadreId' }));
  });
});

describe('I an annual result is recorded in or after its year, never before it begins (found by a review)', () => {
  it.each([
    ['2020-12-31', 'RULE_I_YEAR_NOT_BEGUN'],
    ['2021-01-01', null],
    ['2021-01-02', null],
  ] as const)('a grade of 2021 dated %s: %s', (date, code) => {
    const when = given(registerCadre('A')).when(assess('A', 2021, 'COMPETENT', { date }));
    if (code) when.then(rejected(code, { field: 'data.year' }));
    else when.then(ok('AnnualAssessmentRecorded'));
  });
  it.each([
    ['2020-12-31', 'RULE_I_YEAR_NOT_BEGUN'],
    ['2021-01-01', null],
  ] as const)('a township’s score of 2021 dated %s: %s', (date, code) => {
    const when = given(township('T01')).when(command('TownshipPerformanceScored', { orgUnitId: 'T01' }, date, { year: 2021, score: 80 }));
    if (code) when.then(rejected(code, { field: 'data.year' }));
    else when.then(ok('TownshipPerformanceScored', 'orgunit-T01'));
  });
});

describe('I RankSet records the rank on entry, or a lower one; a rise is a promotion (found by a review)', () => {
  const clerk = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_1')];
  it('refuses a RankSet to a higher rank once a rank is held, even with an override: N1 and N2 judge a rise', () => {
    given(...clerk)
      .when(setRank('A', '2015-01-01', 'PRINCIPAL_STAFF_1', { override: { reason: 'x' } }))
      .then(rejected('RULE_I_RANK_SET_NOT_A_PROMOTION', { kind: 'INTEGRITY', field: 'data.rank' }));
  });
  it('refuses a RankSet to the rank already held', () => {
    given(...clerk).when(setRank('A', '2015-01-01', 'CLERK_1')).then(rejected('RULE_I_RANK_SET_NOT_A_PROMOTION'));
  });
  it('accepts a RankSet to a lower rank (降级), after a promotion too', () => {
    given(...clerk).when(setRank('A', '2015-01-01', 'CLERK_2')).then(ok('RankSet'));
    given(...clerk, promote('A', '2013-01-01', 'CLERK_1', 'PRINCIPAL_STAFF_4')).when(setRank('A', '2015-01-01', 'CLERK_1')).then(ok('RankSet'));
  });
  it.each([
    ['2009-12-31', 'RULE_I_EVENT_BREAKS_HISTORY'],
    ['2010-01-01', 'RULE_I_RANK_SET_NOT_A_PROMOTION'],
    ['2010-01-02', 'RULE_I_RANK_SET_NOT_A_PROMOTION'],
  ] as const)('a second RankSet of the same rank dated %s, beside the one of 2010-01-01, is refused with %s', (date, code) => {
    // The day before, the new one is the entry and the stored one would become the incoherent second.
    given(...clerk).when(setRank('A', date, 'CLERK_1')).then(rejected(code));
  });
});

describe('I one annual grade per year; sanctions and rescissions', () => {
  it('refuses a second grade for the same year', () => {
    given(registerCadre('A'), assess('A', 2020, 'COMPETENT')).when(assess('A', 2020, 'EXCELLENT')).then(rejected('RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED'));
  });
  it('refuses a duplicate sanction id', () => {
    given(registerCadre('A'), sanction('A', '2020-01-01', 'S1', 'WARNING'))
      .when(sanction('A', '2020-02-01', 'S1', 'DEMERIT'))
      .then(rejected('RULE_I_DUPLICATE_SANCTION_ID'));
  });
  it('rescinds only an existing sanction, once', () => {
    const facts = [registerCadre('A'), sanction('A', '2020-01-01', 'S1', 'WARNING')];
    given(...facts).when(rescind('A', '2020-03-01', 'S9')).then(rejected('RULE_I_RESCISSION_OF_UNKNOWN_SANCTION'));
    given(...facts).when(rescind('A', '2020-03-01', 'S1')).then(ok('SanctionRescinded'));
    given(...facts, rescind('A', '2020-03-01', 'S1')).when(rescind('A', '2020-04-01', 'S1')).then(rejected('RULE_I_SANCTION_ALREADY_RESCINDED'));
  });
});

describe('I appeals (复核/申诉) target an existing sanction or annual grade', () => {
  const record = [
    township('T01'),
    registerCadre('A', '1980-01-01'),
    sanction('A', '2020-01-01', 'S1', 'DEMERIT', { id: 's1' }),
    // N4: a 记过 year stays ungraded; the grade is recorded as the rule has it.
    assess('A', 2020, 'UNGRADED', { id: 'g2020' }),
    appoint('A', '2019-01-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }),
  ];
  it('files an appeal against a sanction or a grade', () => {
    given(...record).when(fileAppeal('AP1', '2020-01-20', 'A', 's1')).then(ok('AppealFiled', 'appeal-AP1'));
    given(...record).when(fileAppeal('AP1', '2021-01-20', 'A', 'g2020')).then(ok('AppealFiled', 'appeal-AP1'));
  });
  it('refuses a target that does not exist, or is retracted', () => {
    given(...record).when(fileAppeal('AP1', '2020-01-20', 'A', 'nope')).then(rejected('RULE_I_APPEAL_TARGET_NOT_FOUND'));
    given(...record, retract('A', '2020-01-10', 's1')).when(fileAppeal('AP1', '2020-01-20', 'A', 's1')).then(rejected('RULE_I_APPEAL_TARGET_NOT_FOUND'));
  });
  it('refuses other kinds of event', () => {
    given(...record).when(fileAppeal('AP1', '2020-01-20', 'A', 'a-in')).then(rejected('RULE_I_APPEAL_TARGET_NOT_APPEALABLE'));
  });
  /** A review of s1 filed on 2020-01-20, learned of on `date`. */
  const learned = (date: string) =>
    command('AppealFiled', { appealId: 'AP1' }, '2020-01-20', { appealId: 'AP1', cadreId: 'A', targetEventId: 's1', stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: calendarDate(date) });
  it('boundary: learning of the sanction (2020-01-01) the day before it is refused, the day of it and after accepted', () => {
    given(...record).when(learned('2019-12-31')).then(rejected('RULE_I_APPEAL_LEARNED_BEFORE_DECISION', { field: 'data.learnedOfDecisionDate' }));
    given(...record).when(learned('2020-01-01')).then(ok('AppealFiled', 'appeal-AP1'));
    given(...record).when(learned('2020-01-02')).then(ok('AppealFiled', 'appeal-AP1'));
  });
  it('boundary: filing (2020-01-20) the day before learning is refused; on the day of learning accepted', () => {
    given(...record).when(learned('2020-01-21')).then(rejected('RULE_I_APPEAL_FILED_BEFORE_LEARNED', { field: 'data.learnedOfDecisionDate' }));
    given(...record).when(learned('2020-01-20')).then(ok('AppealFiled', 'appeal-AP1'));
    given(...record).when(learned('2020-01-19')).then(ok('AppealFiled', 'appeal-AP1'));
  });
  it('refuses an unregistered cadre, a second filing, a mismatched id', () => {
    given(...record).when(fileAppeal('AP1', '2020-01-20', 'Z', 's1')).then(rejected('RULE_I_CADRE_NOT_REGISTERED'));
    given(...record, fileAppeal('AP1', '2020-01-20', 'A', 's1')).when(fileAppeal('AP1', '2020-01-21', 'A', 's1')).then(rejected('RULE_I_APPEAL_ALREADY_FILED'));
    const mismatched: CareerCommand = command(
      'AppealFiled',
      { appealId: 'AP1' },
      '2020-01-20',
      { appealId: 'AP2', cadreId: 'A', targetEventId: 's1', stage: 'APPEAL', grounds: 'g', learnedOfDecisionDate: '2020-01-02' as never },
    );
    given(...record).when(mismatched).then(rejected('RULE_I_TARGET_MISMATCH'));
  });
  it('decides only a filed appeal, once, not before it was filed', () => {
    const filed = [...record, fileAppeal('AP1', '2020-01-20', 'A', 's1')];
    given(...record).when(decideAppealCommand('AP1', '2020-02-01')).then(rejected('RULE_I_APPEAL_NOT_FILED'));
    given(...filed).when(decideAppealCommand('AP1', '2020-01-19')).then(rejected('RULE_I_APPEAL_DECIDED_BEFORE_FILED'));
    given(...filed).when(decideAppealCommand('AP1', '2020-01-20')).then(ok('AppealDecided', 'appeal-AP1'));
    given(...filed, decideAppealCommand('AP1', '2020-02-01')).when(decideAppealCommand('AP1', '2020-02-02')).then(rejected('RULE_I_APPEAL_ALREADY_DECIDED'));
  });
});

describe('I policy versions', () => {
  it('adopts a new version; refuses a version id already adopted', () => {
    given().when(adoptPolicy('2021', '2021-01-01')).then(ok('PolicyVersionAdopted', 'policy'));
    given(adoptPolicy('2021', '2021-01-01')).when(adoptPolicy('2021', '2022-01-01')).then(rejected('RULE_I_POLICY_VERSION_EXISTS'));
  });
  it('validates the settings with the schema', () => {
    given()
      .when(adoptPolicy('bad', '2021-01-01', (s) => ({ ...s, continuityGraceDays: -1 })))
      .then(rejected('RULE_I_SCHEMA', { field: 'data.settings.continuityGraceDays' }));
  });
  it('a stored policy or commendation keeps reading under the bounds added since: they apply to new commands only (found by a review)', () => {
    const settings = { ...DEFAULT_POLICY.settings, appeals: { ...DEFAULT_POLICY.settings.appeals, reviewFilingDays: 1_000_000_000 } };
    expect(() => upcast('PolicyVersionAdopted', 1, { version: 'old', effectiveFrom: '2020-01-01', settings })).not.toThrow();
    expect(() => upcast('Commended', 1, { award: 'OTHER', cycle: '1896-1900', level: 'COUNTY' })).not.toThrow();
    // Its deadlines are dates still: a century at most.
    const filed = { effectiveDate: calendarDate('2020-01-10'), data: { appealId: 'AP', cadreId: 'A', targetEventId: 'x', stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: calendarDate('2020-01-01') } } as const;
    expect(n5Deadlines(filed, settings).filingDeadline).toBe('2119-12-08');
  });
  it.each([
    ['1899-1903', false],
    ['1900-1904', true],
    ['2995-2999', true],
    ['2996-3000', false],
  ] as const)('a commendation’s cycle %s is taken: %s (the calendar is 1900–2999)', (cycle, taken) => {
    // Commended within the cycle's calendar, of a cadre born in its first year: only the schema's range is at stake.
    const commend = command('Commended', { cadreId: 'A' }, cycle.startsWith('29') ? '2999-12-31' : '1904-12-31', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle, level: 'COUNTY' });
    if (taken) given(registerCadre('A', '1900-01-01')).when(commend).then(ok('Commended'));
    else given(registerCadre('A', '1900-01-01')).when(commend).then(rejected('RULE_I_SCHEMA', { field: 'data.cycle' }));
  });
  describe('a commendation of a cycle: made once the cycle has begun, of a cycle not ended before the cadre’s birth (found by a review)', () => {
    it.each([
      ['2025-12-31', 'RULE_I_YEAR_NOT_BEGUN'],
      ['2026-01-01', null],
      ['2026-01-02', null],
    ] as const)('cycle 2026-2030 commended on %s: %s', (date, refusal) => {
      const commend = command('Commended', { cadreId: 'A' }, date, { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2026-2030', level: 'COUNTY' });
      if (refusal) given(registerCadre('A', '1980-05-10')).when(commend).then(rejected(refusal, { field: 'data.cycle' }));
      else given(registerCadre('A', '1980-05-10')).when(commend).then(ok('Commended'));
    });
    it.each([
      ['1975-1979', 'RULE_I_BEFORE_BIRTH'],
      ['1976-1980', null],
    ] as const)('of a cadre born 1980-05-10, cycle %s commended in 2021: %s', (cycle, refusal) => {
      const commend = command('Commended', { cadreId: 'A' }, '2021-01-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle, level: 'COUNTY' });
      if (refusal) given(registerCadre('A', '1980-05-10')).when(commend).then(rejected(refusal, { field: 'data.cycle' }));
      else given(registerCadre('A', '1980-05-10')).when(commend).then(ok('Commended'));
    });
  });
  describe('a secondment or temporary posting ends no earlier than it starts; a rescission is dated no earlier than its sanction (found by a review)', () => {
    it.each([
      ['2024-04-30', 'RULE_I_PLANNED_END_BEFORE_START'],
      ['2024-05-01', null],
      ['2024-05-02', null],
    ] as const)('a temporary posting from 2024-05-01 planned to end %s: %s', (end, refusal) => {
      const posting = command('TemporaryPostingStarted', { cadreId: 'A' }, '2024-05-01', { host: '省发改委', kind: 'HIGHER_ORGAN', plannedEndDate: calendarDate(end) });
      if (refusal) given(registerCadre('A', '1980-05-10')).when(posting).then(rejected(refusal, { field: 'data.plannedEndDate' }));
      else given(registerCadre('A', '1980-05-10')).when(posting).then(ok('TemporaryPostingStarted'));
    });
    it.each([
      ['2024-04-30', 'RULE_I_RESCISSION_BEFORE_SANCTION'],
      ['2024-05-01', null],
      ['2024-05-02', null],
    ] as const)('a CORRECTION rescission of a sanction of 2024-05-01, dated %s: %s', (date, refusal) => {
      const facts = [registerCadre('A', '1980-05-10'), sanction('A', '2024-05-01', 'S1', 'DEMERIT')];
      const rescission = rescind('A', date, 'S1', { documentRef: '县纪〔2024〕9号' });
      if (refusal) given(...facts).when(rescission).then(rejected(refusal, { field: 'effectiveDate' }));
      else given(...facts).when(rescission).then(ok('SanctionRescinded'));
    });
  });
  it('refuses the built-in defaults’ version id "1" (found by a review: two policies answered under one name)', () => {
    given().when(adoptPolicy('1', '2990-01-01')).then(rejected('RULE_I_POLICY_VERSION_EXISTS', { field: 'data.version' }));
  });
  it.each([
    [3649, true],
    [3650, true],
    [3651, false],
  ])('an appeal deadline of %d days: accepted %s (found by a review: a billion days answered a deadline of 0NaN-NaN-NaN)', (days, valid) => {
    const command = adoptPolicy('long', '2021-01-01', (s) => ({ ...s, appeals: { ...s.appeals, reviewFilingDays: days } }));
    if (valid) given().when(command).then(ok('PolicyVersionAdopted', 'policy'));
    else given().when(command).then(rejected('RULE_I_SCHEMA', { field: 'data.settings.appeals.reviewFilingDays' }));
  });
});

describe('I schema: every command is validated against the catalogue', () => {
  it('refuses data: null as it refuses absent data, as the HTTP routes do (found by a review: an import took null as {})', () => {
    const health = { id: 'h1', type: 'HealthCheckCompleted', cadreId: 'A', effectiveDate: '2020-01-01' };
    expect(parseCareerCommand({ ...health, data: {} }).data).toEqual({});
    expect(() => parseCareerCommand(health)).toThrow(expect.objectContaining({ code: 'RULE_I_SCHEMA', field: 'data' }));
    expect(() => parseCareerCommand({ ...health, data: null })).toThrow(expect.objectContaining({ code: 'RULE_I_SCHEMA', field: 'data' }));
  });
  it('refuses an impossible date', () => {
    const bad = { ...train('A', '2020-01-01'), effectiveDate: '2019-02-29' } as unknown as CareerCommand;
    given(registerCadre('A')).when(bad).then(rejected('RULE_I_SCHEMA', { field: 'effectiveDate' }));
  });
  it('refuses an unknown role', () => {
    const bad = { ...appoint('A', '2020-01-01', 'T01', 'HEAD'), data: { orgUnitId: 'T01', role: 'MAYOR' } } as unknown as CareerCommand;
    given(township('T01'), registerCadre('A')).when(bad).then(rejected('RULE_I_SCHEMA', { field: 'data.role' }));
  });
  it('refuses the internal marker type as a command', () => {
    const marker = {
      id: 'x',
      type: 'PostHolderChanged',
      orgUnitId: 'T01',
      effectiveDate: '2020-01-01',
      data: { role: 'HEAD', cadreId: 'A', change: 'TAKEN', sourceEventId: 'y' },
    } as unknown as CareerCommand;
    given(township('T01')).when(marker).then(rejected('RULE_I_NOT_A_COMMAND', { field: 'type' }));
  });
});

describe('I event ids', () => {
  it('refuses a command whose id is already an event of the stream (re-sends are the store’s idempotency)', () => {
    given(registerCadre('A'), train('A', '2020-01-01', { id: 't1' })).when(train('A', '2020-01-01', { id: 't1' })).then(rejected('RULE_I_DUPLICATE_EVENT_ID', { field: 'id' }));
    given(township('T01')).when(township('T01')).then(rejected('RULE_I_DUPLICATE_EVENT_ID'));
  });
});

describe('T4 future-dated events are allowed', () => {
  it('accepts an appointment dated years after today', () => {
    given(township('T01'), registerCadre('A'))
      .when(appoint('A', '2099-01-01', 'T01', 'HEAD'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'AppointedToPost', effectiveDate: '2099-01-01' }] }, { streamId: 'orgunit-T01', events: [{}] }]);
  });
});

/**
 * The refusal a caller reads (import results, HTTP 422 bodies): the code, the field at fault and a
 * message naming the values that broke the rule. Each case pins the whole error.
 */
describe('I refusals name the rule, the field at fault and the values involved', () => {
  // The Chinese detail is checked by `error()` (it reads in Chinese, with the same values); the English is pinned here.
  const refusal = (facts: readonly CareerCommand[], cmd: CareerCommand) => {
    const { messageZh, ...rest } = given(...facts).when(cmd).error().toJSON();
    expect(messageZh).toMatch(/\p{Script=Han}/u);
    return rest;
  };
  const integrity = (code: string, message: string, field?: string) => ({
    code,
    ruleId: 'I',
    kind: 'INTEGRITY',
    message,
    ...(field !== undefined ? { field } : {}),
  });

  it('a duplicate event id names the id (field id)', () => {
    expect(refusal([registerCadre('A'), train('A', '2020-01-01', { id: 't1' })], train('A', '2020-01-02', { id: 't1' }))).toEqual(
      integrity('RULE_I_DUPLICATE_EVENT_ID', 'event id t1 is already recorded in this stream', 'id'),
    );
  });

  it('a date before birth names the field, the date and the birth date', () => {
    expect(refusal([registerCadre('A', '1980-05-10')], train('A', '1980-05-09'))).toEqual(
      integrity('RULE_I_BEFORE_BIRTH', "effectiveDate 1980-05-09 is before the cadre's birth date 1980-05-10", 'effectiveDate'),
    );
    expect(refusal([], registerCadre('A', '1980-05-10', { workStartDate: '1980-05-09' }))).toEqual(
      integrity('RULE_I_BEFORE_BIRTH', "data.workStartDate 1980-05-09 is before the cadre's birth date 1980-05-10", 'data.workStartDate'),
    );
  });

  it('an assessment year before the year of birth names the year (field data.year)', () => {
    expect(refusal([registerCadre('A', '1980-05-10')], assess('A', 1979, 'COMPETENT', { date: '2000-01-15' }))).toEqual(
      integrity('RULE_I_BEFORE_BIRTH', "assessment year 1979 is before the cadre's birth date 1980-05-10", 'data.year'),
    );
  });

  it('a second registration names what, the id and the registering event (no field)', () => {
    expect(refusal([registerCadre('A')], registerCadre('A', '1980-01-01', { id: 'again' }))).toEqual(
      integrity('RULE_I_ALREADY_REGISTERED', 'cadre A is already registered (event reg-A)'),
    );
    expect(refusal([township('T01')], registerOrgUnit('T01', 'TOWNSHIP', { id: 'again' }))).toEqual(
      integrity('RULE_I_ALREADY_REGISTERED', 'org unit T01 is already registered (event reg-T01)'),
    );
  });

  it('an unregistered cadre is named (field cadreId)', () => {
    expect(refusal([], train('A', '2020-01-01'))).toEqual(integrity('RULE_I_CADRE_NOT_REGISTERED', 'cadre A is not registered', 'cadreId'));
  });

  it('an unregistered org unit is named (the field the command named it in)', () => {
    expect(refusal([registerCadre('A')], appoint('A', '2020-01-01', 'T99', 'HEAD'))).toEqual(
      integrity('RULE_I_ORG_UNIT_NOT_REGISTERED', 'org unit T99 is not registered', 'data.orgUnitId'),
    );
  });

  describe('posts (T2)', () => {
    const holding = [township('T01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' })];

    it('a post already held names role, org unit, date and since when (field data.role)', () => {
      expect(refusal(holding, appoint('A', '2017-01-01', 'T01', 'DEPUTY_HEAD'))).toEqual(
        integrity('RULE_I_POST_ALREADY_HELD', 'already holds DEPUTY_HEAD of T01 on 2017-01-01 (since 2016-03-01)', 'data.role'),
      );
    });
    it('a transfer into a post already held is refused on data.to', () => {
      const two = [...holding, appoint('A', '2016-04-01', 'T01', 'TEAM_MEMBER')];
      expect(refusal(two, transfer('A', '2017-01-01', ['T01', 'DEPUTY_HEAD'], ['T01', 'TEAM_MEMBER']))).toEqual(
        integrity('RULE_I_POST_ALREADY_HELD', 'already holds TEAM_MEMBER of T01 on 2017-01-01 (since 2016-04-01)', 'data.to'),
      );
    });
    it('a removal from a post not held names role, org unit and date (field data.role)', () => {
      expect(refusal(holding, removeFromPost('A', '2016-02-29', 'T01', 'DEPUTY_HEAD'))).toEqual(
        integrity('RULE_I_REMOVAL_OF_POST_NOT_HELD', 'does not hold DEPUTY_HEAD of T01 on 2016-02-29', 'data.role'),
      );
    });
    it('a transfer from a post not held names it (field data.from)', () => {
      expect(refusal(holding, transfer('A', '2017-01-01', ['T01', 'HEAD'], ['T01', 'TEAM_MEMBER']))).toEqual(
        integrity('RULE_I_TRANSFER_FROM_POST_NOT_HELD', 'does not hold HEAD of T01 on 2017-01-01', 'data.from'),
      );
    });
    it('a transfer to the same post names it (field data.to)', () => {
      expect(refusal(holding, transfer('A', '2017-01-01', ['T01', 'DEPUTY_HEAD'], ['T01', 'DEPUTY_HEAD']))).toEqual(
        integrity('RULE_I_TRANSFER_TO_SAME_POST', 'a transfer from DEPUTY_HEAD of T01 to the same post', 'data.to'),
      );
    });
  });

  describe('rank promotions', () => {
    const clerk = [registerCadre('A'), setRank('A', '2010-01-01', 'CLERK_1')];

    it('a promotion not upward names both ranks with their Chinese names (field data.toRank)', () => {
      expect(refusal(clerk, promote('A', '2015-01-01', 'CLERK_1', 'CLERK_2'))).toEqual(
        integrity('RULE_I_PROMOTION_NOT_UPWARD', 'a promotion from CLERK_1 (一级科员) to CLERK_2 (二级科员) is not upward', 'data.toRank'),
      );
    });
    it('a promotion from a rank not held names the rank held and the date (field data.fromRank)', () => {
      expect(refusal(clerk, promote('A', '2015-01-01', 'CLERK_2', 'CLERK_1'))).toEqual(
        integrity('RULE_I_PROMOTION_FROM_RANK_NOT_HELD', 'holds CLERK_1 (一级科员) on 2015-01-01, not CLERK_2', 'data.fromRank'),
      );
    });
    it('with no rank recorded on the date it says to record RankSet first', () => {
      expect(refusal(clerk, promote('A', '2009-12-31', 'CLERK_1', 'PRINCIPAL_STAFF_4'))).toEqual(
        integrity(
          'RULE_I_PROMOTION_FROM_RANK_NOT_HELD',
          'no rank is recorded on 2009-12-31 (record RankSet first); cannot promote from CLERK_1',
          'data.fromRank',
        ),
      );
    });
  });

  describe('grades, sanctions, rescissions', () => {
    it('a second grade for a year names the year and the event holding it (field data.year)', () => {
      expect(refusal([registerCadre('A'), assess('A', 2020, 'COMPETENT', { id: 'g2020' })], assess('A', 2020, 'EXCELLENT'))).toEqual(
        integrity('RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED', 'the 2020 assessment is already recorded (event g2020)', 'data.year'),
      );
    });
    it('a duplicate sanction id names the sanction and its event (field data.sanctionId)', () => {
      expect(refusal([registerCadre('A'), sanction('A', '2020-01-01', 'S1', 'WARNING', { id: 's1' })], sanction('A', '2020-02-01', 'S1', 'DEMERIT'))).toEqual(
        integrity('RULE_I_DUPLICATE_SANCTION_ID', 'sanction S1 is already recorded (event s1)', 'data.sanctionId'),
      );
    });
    it('a rescission of an unknown sanction, or of one already rescinded, names it (field data.sanctionId)', () => {
      const facts = [registerCadre('A'), sanction('A', '2020-01-01', 'S1', 'WARNING')];
      expect(refusal(facts, rescind('A', '2020-03-01', 'S9'))).toEqual(
        integrity('RULE_I_RESCISSION_OF_UNKNOWN_SANCTION', 'no sanction S9 is recorded for this cadre', 'data.sanctionId'),
      );
      expect(refusal([...facts, rescind('A', '2020-03-01', 'S1', { id: 'r1' })], rescind('A', '2020-04-01', 'S1'))).toEqual(
        integrity('RULE_I_SANCTION_ALREADY_RESCINDED', 'sanction S1 is already rescinded (event r1)', 'data.sanctionId'),
      );
    });
  });

  describe('retractions (更正)', () => {
    const holding = [
      township('T01'),
      registerCadre('A'),
      appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }),
      removeFromPost('A', '2018-01-01', 'T01', 'DEPUTY_HEAD', { id: 'a-out' }),
    ];
    it('an unknown target is named (field data.targetEventId)', () => {
      expect(refusal(holding, retract('A', '2018-02-01', 'nope'))).toEqual(
        integrity('RULE_I_RETRACTION_TARGET_NOT_FOUND', "no event nope in this cadre's own record (a retraction names an event of it; an appeal's filing or decision is on the appeal's stream and is not retracted)", 'data.targetEventId'),
      );
    });
    it('a retraction of a retraction names the target (field data.targetEventId)', () => {
      expect(refusal([...holding, retract('A', '2018-02-01', 'a-out', { id: 'fix' })], retract('A', '2018-02-02', 'fix'))).toEqual(
        integrity('RULE_I_RETRACTION_OF_RETRACTION', 'event fix is itself a retraction', 'data.targetEventId'),
      );
    });
    it('a target already retracted names the retraction (field data.targetEventId)', () => {
      expect(refusal([...holding, retract('A', '2018-02-01', 'a-out', { id: 'fix' })], retract('A', '2018-02-02', 'a-out'))).toEqual(
        integrity('RULE_I_ALREADY_RETRACTED', 'event a-out is already retracted (event fix)', 'data.targetEventId'),
      );
    });
  });

  describe('appeals (N5 targets)', () => {
    const record = [
      township('T01'),
      registerCadre('A', '1980-01-01'),
      sanction('A', '2020-01-01', 'S1', 'DEMERIT', { id: 's1' }),
      appoint('A', '2019-01-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }),
    ];
    it('a target not in the record is named, and whose record it is not in: the appellant by id, listed for a name beside it (field data.targetEventId)', () => {
      expect(refusal(record, fileAppeal('AP1', '2020-01-20', 'A', 'nope'))).toEqual(
        integrity('RULE_I_APPEAL_TARGET_NOT_FOUND', "no event nope in the record of cadre A; an appeal after a review names the decision reviewed (the sanction or the annual grade), not the review's own events", 'data.targetEventId'),
      );
      const error = given(...record).when(fileAppeal('AP1', '2020-01-20', 'A', 'nope')).error();
      expect([error.messageZh, error.cadreIds]).toEqual(['提出人 A 的记录中没有事件 nope；对复核决定不服提出申诉时，应填写原处分或组织处理、年度考核事件，而非复核本身的事件', ['A']]);
    });
    it('an appeal naming the decision of the review before it is told to name the decision reviewed (found by a review of the appeals workflow: “no event” of an event the ledger holds)', () => {
      const reviewed = [...record, fileAppeal('R1', '2020-01-10', 'A', 's1', { id: 'f1' }), decideAppealCommand('R1', '2020-01-15', 'DISMISSED', { id: 'd1' })];
      const error = given(...reviewed).when(fileAppeal('A1', '2020-01-20', 'A', 'd1')).error();
      expect([error.code, error.messageZh]).toEqual(['RULE_I_APPEAL_TARGET_NOT_FOUND', '提出人 A 的记录中没有事件 d1；对复核决定不服提出申诉时，应填写原处分或组织处理、年度考核事件，而非复核本身的事件']);
    });
    it('a retracted target is called not standing, and retracted', () => {
      expect(refusal([...record, retract('A', '2020-01-10', 's1')], fileAppeal('AP1', '2020-01-20', 'A', 's1'))).toEqual(
        integrity('RULE_I_APPEAL_TARGET_NOT_FOUND', 'no standing event s1 in the record of cadre A (it is retracted)', 'data.targetEventId'),
      );
      const error = given(...record, retract('A', '2020-01-10', 's1')).when(fileAppeal('AP1', '2020-01-20', 'A', 's1')).error();
      expect([error.messageZh, error.cadreIds]).toEqual(['提出人 A 的事件 s1 已被撤回，不再有效', ['A']]);
    });
    it('an appellant with no record at all is said to be unregistered, by id at the appellant’s field (no name can be known)', () => {
      expect(refusal(record, fileAppeal('AP1', '2020-01-20', 'C9', 's1'))).toEqual(
        integrity('RULE_I_CADRE_NOT_REGISTERED', 'appellant C9 is not registered: the ledger holds no record of them, so no event s1 either', 'data.cadreId'),
      );
      expect(given(...record).when(fileAppeal('AP1', '2020-01-20', 'C9', 's1')).error().messageZh).toBe('提出人 C9 尚未登记：台账中没有该编号干部的任何记录，无从查找事件 s1');
    });
    it('a target of another type names its type and the appealable types (field data.targetEventId)', () => {
      expect(refusal(record, fileAppeal('AP1', '2020-01-20', 'A', 'a-in'))).toEqual(
        integrity(
          'RULE_I_APPEAL_TARGET_NOT_APPEALABLE',
          'event a-in is a AppointedToPost; only SanctionImposed or AnnualAssessmentRecorded can be appealed',
          'data.targetEventId',
        ),
      );
    });
  });
});
