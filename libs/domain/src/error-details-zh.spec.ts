/**
 * Every code the write side can raise, by one representative refusal each: its Chinese detail
 * (`messageZh`) reads in Chinese (no English word of the messages, no enum value the vocabulary
 * names) and carries the ids, dates and numbers of its English message. The table is keyed by
 * DomainErrorCode, so a new code fails to compile until it has its case here.
 */
import { parseCareerCommand, type CareerCommand } from './commands';
import { decideCareerCommand } from './decide-career-command';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from './errors';
import { namesBesideIds } from './names-beside-ids';
import { iAppealable, iAppealDatesInOrder, iNotBeforeBirth, iPlannedEndNotBeforeStart, iTransferBetweenDifferentPosts } from './rules/integrity';
import { n1LadderViolations } from './rules/rank-promotion';
import { tm4ChiefMoveViolation, tm4SecondmentViolations } from './rules/stability';
import { tm5RaterNotAChief, tm6aCountyPoolBasis } from './rules/township-weight';
import { n5RemedyViolation } from './rules/appeals';
import { DEFAULT_POLICY } from './policy/policy-settings';
import { chineseDetailProblems, ENUM_VALUES } from './testing/chinese-detail';
import {
  adoptPolicy,
  appoint,
  assess,
  command,
  decideAppealCommand,
  department,
  endSeat,
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
  second,
  setRank,
  takeSeat,
  talk,
  township,
  train,
  transfer,
} from './testing/commands';
import { given } from './testing/given-when-then';
import { calendarDate as d } from './time/calendar-date';

/** The refusal of `cmd` after `facts` (a decider's, a fold's or the parser's). */
const refused = (facts: readonly CareerCommand[], cmd: CareerCommand): DomainError => given(...facts).when(cmd).error();
const parseRefusal = (input: unknown): DomainError => {
  try {
    parseCareerCommand(input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the parser to refuse');
};
const first = (errors: readonly DomainError[] | DomainError | undefined): DomainError => {
  const e = Array.isArray(errors) ? errors[0] : errors;
  if (!(e instanceof DomainError)) throw new Error('expected a refusal');
  return e;
};
const withRemedy = (cmd: CareerCommand, remedy: object) => ({ ...cmd, remedy }) as CareerCommand;
/** Decides an appeal's decision with the appealed cadre's record loaded, as the application does for a remedy. */
const decideWithCadre = (facts: readonly CareerCommand[], cmd: CareerCommand): DomainError => {
  const { ledger } = given(...facts);
  const parsed = parseCareerCommand(cmd);
  try {
    decideCareerCommand(parsed, { ...ledger.context(parsed), cadre: ledger.cadre('A') });
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const A = registerCadre('A', '1980-05-10');
const holding = [township('T01'), A, appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }), removeFromPost('A', '2018-01-01', 'T01', 'DEPUTY_HEAD', { id: 'a-out' })];
const appealed = [A, sanction('A', '2020-01-10', 'S1', 'WARNING', { id: 's1' }), fileAppeal('AP1', '2020-01-20', 'A', 's1')];
const rescission = (date: string, data: object, documentRef?: string) => command('SanctionRescinded', { cadreId: 'A' }, date, { sanctionId: 'S1', ...data } as never, documentRef ? { documentRef } : {});
const score = (id: string, orgUnitId: string, data: object, date = '2024-12-31') => command('TownshipPerformanceScored', { orgUnitId }, date, { year: 2024, score: 88, ...data } as never, { id });
const temporaryPosting = (date: string) => command('TemporaryPostingStarted', { cadreId: 'A' }, date, { host: '省发改委', kind: 'HIGHER_ORGAN', plannedEndDate: d('2030-01-01') });

const REFUSALS: Record<DomainErrorCode, () => DomainError> = {
  RULE_I_SCHEMA: () => parseRefusal({ id: 'x1', type: 'TrainingCompleted', cadreId: 'A', effectiveDate: '2020-01-01', data: { programme: '培训班', level: 'TOWN' } }),
  RULE_I_NOT_A_COMMAND: () => parseRefusal({ id: 'x1', type: 'PostHolderChanged', orgUnitId: 'T01', effectiveDate: '2020-01-01', data: {} }),
  RULE_I_TARGET_MISMATCH: () =>
    refused(appealed, command('AppealFiled', { appealId: 'AP2' }, '2020-01-21', { appealId: 'AP9', cadreId: 'A', targetEventId: 's1', stage: 'REVIEW', grounds: '理由', learnedOfDecisionDate: d('2020-01-21') })),
  RULE_I_DUPLICATE_EVENT_ID: () => refused([A, train('A', '2020-01-01', { id: 't1' })], train('A', '2020-01-02', { id: 't1' })),
  RULE_I_ALREADY_REGISTERED: () => refused([township('T01')], registerOrgUnit('T01', 'TOWNSHIP', { id: 'again' })),
  RULE_I_CADRE_NOT_REGISTERED: () => refused([], train('C9', '2020-01-01')),
  RULE_I_ORG_UNIT_NOT_REGISTERED: () => refused([A], appoint('A', '2020-01-01', 'T99', 'HEAD')),
  RULE_I_ORG_UNIT_NOT_YET_REGISTERED: () => refused([A, township('T01')], appoint('A', '1999-12-31', 'T01', 'HEAD')),
  RULE_I_NOT_A_TOWNSHIP: () => refused([department('D01')], score('s1', 'D01', {})),
  RULE_I_BEFORE_BIRTH: () => first(iNotBeforeBirth(d('1980-05-10'), [{ field: 'data.workStartDate', date: d('1980-05-09') }])),
  RULE_I_UNDER_AGE: () => refused([registerCadre('Y', '2005-03-01', { date: '2023-01-01' }), township('T01')], appoint('Y', '2023-02-28', 'T01', 'STAFF')),
  RULE_I_POST_ALREADY_HELD: () => refused(holding, appoint('A', '2017-01-01', 'T01', 'DEPUTY_HEAD')),
  RULE_I_REMOVAL_OF_POST_NOT_HELD: () => refused(holding, removeFromPost('A', '2017-01-01', 'T01', 'HEAD')),
  RULE_I_TRANSFER_FROM_POST_NOT_HELD: () => refused([...holding, township('T02')], transfer('A', '2017-01-01', ['T01', 'HEAD'], ['T02', 'STAFF'])),
  RULE_I_TRANSFER_TO_SAME_POST: () => first(iTransferBetweenDifferentPosts({ orgUnitId: 'T01', role: 'HEAD' }, { orgUnitId: 'T01', role: 'HEAD' })),
  RULE_I_SECONDMENT_ALREADY_RUNNING: () => refused([A, department('D01'), second('A', '2020-01-01')], second('A', '2020-06-01')),
  RULE_I_SECONDMENT_NOT_RUNNING: () => refused([A], endSecondment('A', '2020-01-01')),
  RULE_I_TEMPORARY_POSTING_ALREADY_RUNNING: () => refused([A, temporaryPosting('2020-01-01')], temporaryPosting('2020-06-01')),
  RULE_I_TEMPORARY_POSTING_NOT_RUNNING: () => refused([A], command('TemporaryPostingEnded', { cadreId: 'A' }, '2020-01-01', {})),
  RULE_I_PROMOTION_NOT_UPWARD: () => refused([A, setRank('A', '2010-01-01', 'CLERK_1')], promote('A', '2015-01-01', 'CLERK_1', 'CLERK_2')),
  RULE_I_PROMOTION_FROM_RANK_NOT_HELD: () => refused([A, setRank('A', '2010-01-01', 'CLERK_1')], promote('A', '2015-01-01', 'CLERK_2', 'CLERK_1')),
  RULE_I_RANK_SET_NOT_A_PROMOTION: () => refused([A, setRank('A', '2010-01-01', 'CLERK_2')], setRank('A', '2015-01-01', 'CLERK_1')),
  RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED: () => refused([A, assess('A', 2020, 'COMPETENT', { id: 'g2020' })], assess('A', 2020, 'EXCELLENT')),
  RULE_I_YEAR_NOT_BEGUN: () => refused([A], assess('A', 2030, 'COMPETENT', { date: '2025-01-15' })),
  RULE_I_DUPLICATE_SANCTION_ID: () => refused([A, sanction('A', '2020-01-10', 'S1', 'WARNING', { id: 's1' })], sanction('A', '2021-01-10', 'S1', 'DEMERIT')),
  RULE_I_RESCISSION_OF_UNKNOWN_SANCTION: () => refused([A], rescind('A', '2020-01-01', 'S9')),
  RULE_I_RESCISSION_BEFORE_SANCTION: () => refused([A, sanction('A', '2020-01-10', 'S1', 'WARNING')], rescind('A', '2020-01-09', 'S1')),
  RULE_I_PLANNED_END_BEFORE_START: () => first(iPlannedEndNotBeforeStart(d('2020-05-01'), d('2020-04-30'))),
  RULE_I_SANCTION_ALREADY_RESCINDED: () => refused([A, sanction('A', '2020-01-10', 'S1', 'WARNING'), rescind('A', '2020-02-01', 'S1', { id: 'r1' })], rescind('A', '2020-03-01', 'S1')),
  RULE_I_RETRACTION_TARGET_NOT_FOUND: () => refused(holding, retract('A', '2018-02-01', 'nope')),
  RULE_I_ALREADY_RETRACTED: () => refused([...holding, retract('A', '2018-02-01', 'a-out', { id: 'fix' })], retract('A', '2018-02-02', 'a-out')),
  RULE_I_RETRACTION_OF_RETRACTION: () => refused([...holding, retract('A', '2018-02-01', 'a-out', { id: 'fix' })], retract('A', '2018-02-02', 'fix')),
  RULE_I_RETRACTION_BREAKS_HISTORY: () => refused(holding, retract('A', '2018-02-01', 'a-in')),
  RULE_I_EVENT_BREAKS_HISTORY: () => refused(holding, removeFromPost('A', '2017-01-01', 'T01', 'DEPUTY_HEAD')),
  RULE_I_APPEAL_TARGET_NOT_FOUND: () => first(iAppealable('A', 's1', { type: 'SanctionImposed' }, true)),
  RULE_I_APPEAL_TARGET_NOT_APPEALABLE: () => first(iAppealable('A', 'a-in', { type: 'AppointedToPost' }, false)),
  RULE_I_APPEAL_LEARNED_BEFORE_DECISION: () => first(iAppealDatesInOrder({ decisionDate: d('2020-01-10'), learnedOn: d('2020-01-09'), filedOn: d('2020-01-20') })),
  RULE_I_APPEAL_FILED_BEFORE_LEARNED: () => first(iAppealDatesInOrder({ decisionDate: d('2020-01-10'), learnedOn: d('2020-01-21'), filedOn: d('2020-01-20') })),
  RULE_I_APPEAL_ALREADY_FILED: () => refused(appealed, fileAppeal('AP1', '2020-01-21', 'A', 's1')),
  RULE_I_APPEAL_NOT_FILED: () => refused([A], decideAppealCommand('AP7', '2020-02-01')),
  RULE_I_APPEAL_ALREADY_DECIDED: () => refused([...appealed, decideAppealCommand('AP1', '2020-02-01', 'DISMISSED', { id: 'dec' })], decideAppealCommand('AP1', '2020-02-02')),
  RULE_I_APPEAL_DECIDED_BEFORE_FILED: () => refused(appealed, decideAppealCommand('AP1', '2020-01-19')),
  RULE_I_POLICY_VERSION_EXISTS: () => refused([adoptPolicy('2021', '2021-01-01')], adoptPolicy('2021', '2022-01-01')),
  RULE_I_POLICY_EFFECTIVE_DATE: () => refused([], { ...adoptPolicy('2021', '2021-01-01'), effectiveDate: '2020-01-01' } as CareerCommand),
  RULE_I_POLICY_CYCLE_YEARS: () => refused([], adoptPolicy('2021', '2021-01-01', (s) => ({ ...s, training: { ...s.training, leaderEveryYears: 0 } }))),
  RULE_I_POLICY_LOWEST_GRADE: () => refused([], adoptPolicy('2021', '2021-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, lowestAcceptableGrade: 'UNGRADED' } }))),
  RULE_I_POLICY_TEAM_AGES: () => refused([], adoptPolicy('2021', '2021-01-01', (s) => ({ ...s, teamAges: { ...s.teamAges, juniorAgeBelow: 40 } }))),
  RULE_TM9_RESCISSION_DOCUMENT_REQUIRED: () => refused(appealed, rescission('2020-03-01', { reason: 'TOLERANCE' })),
  RULE_TM9_RESCISSION_APPEAL_REQUIRED: () => refused(appealed, rescission('2020-03-01', { reason: 'APPEAL_UPHELD' })),
  RULE_TM9_RESCISSION_APPEAL_REASON: () => refused(appealed, rescission('2020-03-01', { reason: 'CORRECTION', appealId: 'AP1' }, '县纪〔2020〕3号')),
  RULE_TM9_RESCISSION_APPEAL_NOT_FOUND: () => refused(appealed, rescission('2020-03-01', { reason: 'APPEAL_UPHELD', appealId: 'AP9' })),
  RULE_TM9_RESCISSION_APPEAL_MISMATCH: () =>
    refused([...appealed, sanction('A', '2020-01-11', 'S2', 'WARNING', { id: 's2' }), decideAppealCommand('AP1', '2020-02-01')], command('SanctionRescinded', { cadreId: 'A' }, '2020-03-01', { sanctionId: 'S2', reason: 'APPEAL_UPHELD', appealId: 'AP1' })),
  RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD: () => refused(appealed, rescission('2020-03-01', { reason: 'APPEAL_UPHELD', appealId: 'AP1' })),
  RULE_TM9_RESCISSION_BEFORE_APPEAL_DECIDED: () => refused([...appealed, decideAppealCommand('AP1', '2020-02-01')], rescission('2020-01-31', { reason: 'APPEAL_UPHELD', appealId: 'AP1' })),
  RULE_I_NOT_A_COUNTY_DEPARTMENT: () => refused([township('T01'), A], rateDepartment('T01', '2024-01-10', 2023, 'A')),
  RULE_I_RATING_ALREADY_RECORDED: () =>
    refused([department('D01'), township('T01'), A, appoint('A', '2020-01-01', 'T01', 'HEAD'), rateDepartment('D01', '2024-01-10', 2023, 'A', { id: 'rate-1' })], rateDepartment('D01', '2024-01-11', 2023, 'A')),
  RULE_I_RATING_CORRECTION_MISMATCH: () =>
    refused(
      [department('D01'), township('T01'), A, appoint('A', '2020-01-01', 'T01', 'HEAD'), rateDepartment('D01', '2024-01-10', 2023, 'A', { id: 'rate-1' })],
      command('CountyDepartmentRated', { orgUnitId: 'D01' }, '2024-01-11', { year: 2023, ratedByCadreId: 'A', scores: { work: 90, management: 85, service: 88 }, correctsEventId: 'nope', correctionReason: '录入有误' }),
    ),
  RULE_I_SCORE_YEAR_ALREADY_RECORDED: () => refused([township('T01'), score('s-2024', 'T01', {})], score('s-2024b', 'T01', {})),
  RULE_I_SCORE_CORRECTION_MISMATCH: () => refused([township('T01'), score('s-2024', 'T01', {})], score('c1', 'T01', { correctsEventId: 'nope', correctionReason: '录入有误' })),
  RULE_I_SELF_RECOMMENDATION: () => refused([A], recommend('A', '2020-01-01', 'A')),
  RULE_I_SELF_TALK: () => refused([A], talk('A', '2020-01-01', 'A')),
  RULE_I_SEAT_ALREADY_HELD: () => refused([A, takeSeat('A', '2021-01-01')], takeSeat('A', '2022-01-01')),
  RULE_I_SEAT_NOT_HELD: () => refused([A], endSeat('A', '2026-01-01', 'PARTY_CONGRESS')),
  RULE_N5_REMEDY_WITHOUT_UPHOLDING: () => refused(appealed, withRemedy(decideAppealCommand('AP1', '2020-02-01', 'DISMISSED'), { kind: 'RESCIND_SANCTION' })),
  RULE_N5_REMEDY_DOES_NOT_FIT_TARGET: () => first(n5RemedyViolation('UPHELD', { kind: 'CORRECT_GRADE', grade: 'COMPETENT' }, { type: 'SanctionImposed' })),
  RULE_N5_REMEDY_HEAVIER: () => first(n5RemedyViolation('UPHELD', { kind: 'CORRECT_GRADE', grade: 'INCOMPETENT' }, { type: 'AnnualAssessmentRecorded', grade: 'BASICALLY_COMPETENT' })),
  RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED: () => decideWithCadre([...appealed, rescind('A', '2020-01-25', 'S1', { id: 'x1' })], withRemedy(decideAppealCommand('AP1', '2020-02-01', 'UPHELD'), { kind: 'RESCIND_SANCTION' })),
  RULE_P2_POST_OCCUPIED: () => refused([township('T01'), A, registerCadre('B'), appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-sec' })], appoint('B', '2019-12-31', 'T01', 'PARTY_SECRETARY')),
  RULE_P2_RETRACTION_CREATES_OVERLAP: () =>
    refused(
      [
        township('T01'),
        A,
        registerCadre('B'),
        appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-sec' }),
        removeFromPost('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'a-out' }),
        appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'b-in' }),
      ],
      retract('A', '2020-02-01', 'a-out'),
    ),
  RULE_TM4_APPROVAL_REQUIRED: () =>
    first(tm4ChiefMoveViolation({ orgUnitId: 'T01', kind: 'TOWNSHIP', role: 'HEAD', postTakenOn: d('2020-01-31'), moveDate: d('2023-01-30'), settings: DEFAULT_POLICY.settings })),
  RULE_TM4_SECONDMENT_PURPOSE: () => first(tm4SecondmentViolations({ hostKind: 'COUNTY_DEPARTMENT', townshipLeaderPosts: [{ orgUnitId: 'T01', role: 'DEPUTY_HEAD' }], purpose: 'OTHER' })),
  RULE_TM4_SECONDMENT_APPROVAL_REQUIRED: () =>
    first(tm4SecondmentViolations({ hostKind: 'COUNTY_DEPARTMENT', townshipLeaderPosts: [{ orgUnitId: 'T01', role: 'PARTY_SECRETARY' }], purpose: 'COUNTY_CENTRAL_WORK' })),
  RULE_TM5_RATER_NOT_A_CHIEF: () => first(tm5RaterNotAChief('A', [{ orgUnitId: 'T01', role: 'DEPUTY_HEAD', kind: 'TOWNSHIP' }], d('2024-01-10'))),
  RULE_TM5_RECOMMENDER_NOT_A_SECRETARY: () => refused([A, registerCadre('R')], recommend('A', '2020-02-29', 'R')),
  RULE_TM6A_COUNTY_POOL_BASIS: () => first(tm6aCountyPoolBasis({ basis: 'REGULAR', quota: 'COUNTY_POOL' })),
  RULE_N4_EXCELLENT_IN_WARNING_YEAR: () => refused([A, sanction('A', '2021-06-01', 'S1', 'WARNING', { id: 's1' })], assess('A', 2021, 'EXCELLENT')),
  RULE_N4_YEAR_MUST_STAY_UNGRADED: () => refused([A, sanction('A', '2021-06-01', 'S1', 'DEMERIT', { id: 's1' })], assess('A', 2021, 'COMPETENT')),
  RULE_N1_SKIPS_RANKS: () => first(n1LadderViolations({ fromRank: 'CLERK_2', toRank: 'PRINCIPAL_STAFF_4', settings: DEFAULT_POLICY.settings })),
  RULE_N1_ABOVE_COUNTY_CEILING: () => first(n1LadderViolations({ fromRank: 'RESEARCHER_2', toRank: 'RESEARCHER_1', settings: DEFAULT_POLICY.settings })),
  RULE_N2_MINIMUM_YEARS: () => refused([A, setRank('A', '2018-03-01', 'CLERK_2')], promote('A', '2020-02-29', 'CLERK_2', 'CLERK_1')),
  RULE_N2_INCOMPETENT_YEAR: () => refused([A, setRank('A', '2017-03-01', 'CLERK_2'), assess('A', 2018, 'INCOMPETENT')], promote('A', '2022-03-01', 'CLERK_2', 'CLERK_1')),
  RULE_N2_SANCTION_EFFECT_PERIOD: () => refused([A, setRank('A', '2010-01-01', 'CLERK_2'), sanction('A', '2019-05-10', 'S1', 'DEMERIT')], promote('A', '2020-05-09', 'CLERK_2', 'CLERK_1')),
};

/** The registered cadres and org units of the table's cases, which a refusal's names (cadreNames, orgUnitNames) could name. */
const REGISTERED = { cadres: ['A', 'B', 'R'], orgUnits: ['T01', 'T02', 'D01'] } as const;

/**
 * The ids of `ids` a text names whole (as namesBesideIds would name them), where the name does not
 * stand beside them already (RULE_I_NOT_A_TOWNSHIP's `D01 乡（D01）`: testing/commands names a unit `${id} 乡`).
 */
function namedByIdAlone(text: string, ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const alone = text.replaceAll(`${id} 乡（${id}）`, '');
    return namesBesideIds(alone, { [id]: '·' }) !== alone;
  });
}

/** Ids, dates and numbers of the English message (words with a digit; a rank is said by its Chinese name); a clamp's `…(N chars)` count aside. */
function valuesOf(message: string): string[] {
  return (message.replace(/…\(\d+ chars\)/g, '').match(/[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*/g) ?? []).filter((v) => !ENUM_VALUES.has(v));
}

describe('the Chinese-detail check itself (chineseDetailProblems)', () => {
  it('lets a refusal of spelling list the codes to type after 可选：, and flags an enum value anywhere else', () => {
    const schema = (messageZh: string) => new DomainError('RULE_I_SCHEMA', 'data.role: Invalid option: expected one of "PARTY_SECRETARY"|"HEAD"|…(110 chars)', { messageZh });
    expect(chineseDetailProblems(schema('data.role：取值无效，可选：PARTY_SECRETARY、HEAD、DEPUTY_HEAD、STAFF'))).toEqual([]);
    expect(chineseDetailProblems(schema('data.role 为 DEPUTY_HEAD 时取值无效'))).toHaveLength(1);
    expect(chineseDetailProblems(new DomainError('RULE_TM4_APPROVAL_REQUIRED', 'x', { messageZh: '调整须审批，可选：DEPUTY_HEAD' }))).toHaveLength(1);
  });
});

describe('every refusal the write side can raise has a Chinese detail', () => {
  it('the table has one case per code (a new code fails to compile until it has one)', () => {
    expect(Object.keys(REFUSALS).sort()).toEqual(Object.keys(DOMAIN_ERROR_CODES).sort());
  });

  it.each(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[])('given a representative %s, then its detail reads in Chinese with the values of the English', (code) => {
    const error = REFUSALS[code]();
    expect(error.code).toBe(code);
    expect(chineseDetailProblems(error)).toEqual([]);
    expect(error.toJSON().messageZh).toBe(error.messageZh);
    const missing = valuesOf(error.message).filter((v) => !error.messageZh.includes(v));
    expect([error.message, error.messageZh, missing]).toEqual([error.message, error.messageZh, []]);
  });

  it.each(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[])('given a representative %s, then every registered cadre and org unit its detail names by id alone is listed, for the application layer to name', (code) => {
    const error = REFUSALS[code]();
    // The command's own cadre may be listed too (P2: the one refused the post), named or not.
    expect(namedByIdAlone(error.messageZh, REGISTERED.cadres).filter((id) => !error.cadreIds?.includes(id))).toEqual([]);
    expect(namedByIdAlone(error.messageZh, REGISTERED.orgUnits).filter((id) => !error.orgUnitIds?.includes(id))).toEqual([]);
    expect([error.cadreNames, error.orgUnitNames]).toEqual([undefined, undefined]); // the domain reads no names
  });
});
