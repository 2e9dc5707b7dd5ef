/**
 * TM5 township weight (评价权、推荐权、额定权) on write, and TM6a's quota rule. Pure: the decider
 * passes the posts held on the event's date with their org units' kinds.
 */
import { DomainError } from '../errors';
import type { EventData } from '../events/catalogue';
import type { CalendarDate } from '../time/calendar-date';
import type { OrgUnitKind, Role } from '../vocabulary';
import { ORG_UNIT_KIND_NAMES_ZH, PROMOTION_BASIS_NAMES_ZH, QUOTA_NAMES_ZH, ROLE_SET_NAMES_ZH } from '../vocabulary-zh';

/** A post held on the event's date, with the kind of its org unit (undefined: not registered). */
export interface PostWithKind {
  readonly orgUnitId: string;
  readonly role: Role;
  readonly kind: OrgUnitKind | undefined;
}

const isChief = (p: PostWithKind) => p.kind === 'TOWNSHIP' && (p.role === 'PARTY_SECRETARY' || p.role === 'HEAD');

/** TM5(a): ratings of a county department are given by township chiefs (乡镇党政正职) on the rating's date. */
export function tm5RaterNotAChief(raterId: string, posts: readonly PostWithKind[], date: CalendarDate): DomainError | undefined {
  if (posts.some(isChief)) return undefined;
  return new DomainError('RULE_TM5_RATER_NOT_A_CHIEF', `${raterId} is no township party secretary or head on ${date}`, {
    field: 'data.ratedByCadreId',
    cadreIds: [raterId],
    messageZh: `${date} ${raterId} 不是${ROLE_SET_NAMES_ZH.chief}（党委书记或乡镇长）`,
  });
}

/** TM5(a), integrity: rated departments are county departments (县级部门). */
export function iCountyDepartment(orgUnitId: string, kind: OrgUnitKind | undefined): DomainError | undefined {
  if (kind === 'COUNTY_DEPARTMENT') return undefined;
  return new DomainError('RULE_I_NOT_A_COUNTY_DEPARTMENT', `${orgUnitId} is a ${kind ?? 'unregistered unit'}, not a COUNTY_DEPARTMENT`, {
    field: 'orgUnitId',
    orgUnitIds: [orgUnitId],
    messageZh: `${orgUnitId} 是${kind ? ORG_UNIT_KIND_NAMES_ZH[kind] : '未登记的单位'}，不是${ORG_UNIT_KIND_NAMES_ZH.COUNTY_DEPARTMENT}`,
  });
}

/** A correction's two fields and date, as the command carries them. */
interface Correction {
  readonly correctsEventId?: string | undefined;
  readonly correctionReason?: string | undefined;
  readonly effectiveDate: CalendarDate;
}

/** The record a year's correction rule is about, in the words its refusals use. */
interface YearlyRecord {
  readonly alreadyRecorded: 'RULE_I_SCORE_YEAR_ALREADY_RECORDED' | 'RULE_I_RATING_ALREADY_RECORDED';
  readonly mismatch: 'RULE_I_SCORE_CORRECTION_MISMATCH' | 'RULE_I_RATING_CORRECTION_MISMATCH';
  readonly ids: { readonly cadreIds?: string[]; readonly orgUnitIds?: string[] };
  /** What a reason without the event it corrects says ('score' / '得分记录'). */
  readonly noun: { readonly en: string; readonly zh: string };
  readonly nothingToCorrect: (correctsEventId: string) => { en: string; zh: string };
  readonly recorded: (current: string) => { en: string; zh: string };
  readonly notInForce: (correctsEventId: string, current: string) => { en: string; zh: string };
  readonly reasonMissing: { readonly en: string; readonly zh: string };
}

/**
 * I: a yearly record (a township's score, a chief's rating of a department) is recorded once; a later
 * one corrects the one in force, naming it with a reason, dated on or after it. `inForce`: the
 * record in force (the latest), if any.
 */
function iYearlyCorrection(record: YearlyRecord, inForce: { readonly eventId: string; readonly effectiveDate: CalendarDate } | undefined, correction: Correction): DomainError | undefined {
  const current = inForce?.eventId;
  const { correctsEventId, correctionReason } = correction;
  const refuse = (code: YearlyRecord['alreadyRecorded'] | YearlyRecord['mismatch'], field: string, said: { en: string; zh: string }) =>
    new DomainError(code, said.en, { field, ...record.ids, messageZh: said.zh });
  if (correctsEventId === undefined && correctionReason !== undefined) {
    return refuse(record.mismatch, 'data.correctsEventId', {
      en: `a correction reason names the ${record.noun.en} it corrects (data.correctsEventId)`,
      zh: `填写了更正理由，须同时在“更正的记录（事件编号）”中注明所更正的${record.noun.zh}`,
    });
  }
  if (current === undefined) return correctsEventId === undefined ? undefined : refuse(record.mismatch, 'data.correctsEventId', record.nothingToCorrect(correctsEventId));
  if (correctsEventId === undefined) return refuse(record.alreadyRecorded, 'data.year', record.recorded(current));
  if (correctsEventId !== current) return refuse(record.mismatch, 'data.correctsEventId', record.notInForce(correctsEventId, current));
  if (correctionReason === undefined) return refuse(record.alreadyRecorded, 'data.correctionReason', record.reasonMissing);
  // A correction dated before the record would be in force while the record it corrects is not yet
  // (found by a diff review): it takes effect on or after it.
  if (correction.effectiveDate < inForce!.effectiveDate) {
    return refuse(record.mismatch, 'effectiveDate', {
      en: `a correction is dated on or after the ${record.noun.en} it corrects (${current}, ${inForce!.effectiveDate})`,
      zh: `更正的日期不得早于所更正的${record.noun.zh}（${current}，${inForce!.effectiveDate}）`,
    });
  }
  return undefined;
}

/**
 * TM5(a), integrity: one rating in force per chief, department and year; a later one corrects it and
 * names it with a reason, as a township's score is corrected (found by a review: a mistyped rating,
 * work 9 for 90, could be neither retracted, EntryRetracted being the cadres', nor rated again).
 */
export function iRatingCorrection(
  orgUnitId: string,
  raterId: string,
  year: number,
  inForce: { readonly eventId: string; readonly effectiveDate: CalendarDate } | undefined,
  correction: Correction,
): DomainError | undefined {
  return iYearlyCorrection(
    {
      alreadyRecorded: 'RULE_I_RATING_ALREADY_RECORDED',
      mismatch: 'RULE_I_RATING_CORRECTION_MISMATCH',
      ids: { cadreIds: [raterId], orgUnitIds: [orgUnitId] },
      noun: { en: 'rating', zh: '测评记录' },
      nothingToCorrect: (id) => ({
        en: `${raterId} has no ${year} rating of ${orgUnitId} to correct (data.correctsEventId ${id})`,
        zh: `${raterId} 没有可更正的对 ${orgUnitId} 的 ${year} 年度测评（更正的记录（事件编号）填写的是 ${id}）`,
      }),
      recorded: (current) => ({
        en: `${raterId} already rated ${orgUnitId} for ${year} (event ${current}); a correction names it in data.correctsEventId with data.correctionReason`,
        zh: `${raterId} 已对 ${orgUnitId} 作出 ${year} 年度测评（事件 ${current}）；如需更正，请在“更正的记录（事件编号）”中注明该记录（${current}），并在“更正理由”中说明理由`,
      }),
      notInForce: (id, current) => ({
        en: `${id} is not ${raterId}'s ${year} rating of ${orgUnitId} in force (event ${current} is)`,
        zh: `${id} 不是 ${raterId} 对 ${orgUnitId} 现行有效的 ${year} 年度测评（现行有效的是事件 ${current}）`,
      }),
      reasonMissing: {
        en: `a correction of ${raterId}'s ${year} rating of ${orgUnitId} says why (data.correctionReason)`,
        zh: `更正 ${raterId} 对 ${orgUnitId} 的 ${year} 年度测评须在“更正理由”中说明理由`,
      },
    },
    inForce,
    correction,
  );
}

/**
 * I: a township's performance score (年度目标绩效考核, read by TM7 and TM10) is recorded once a
 * year; a later one corrects the current one and names it with a reason (found by two reviews: a
 * second score silently replaced the first, with no trace of what was corrected or why).
 */
export function iScoreCorrection(
  orgUnitId: string,
  year: number,
  inForce: { readonly eventId: string; readonly effectiveDate: CalendarDate } | undefined,
  correction: Correction,
): DomainError | undefined {
  return iYearlyCorrection(
    {
      alreadyRecorded: 'RULE_I_SCORE_YEAR_ALREADY_RECORDED',
      mismatch: 'RULE_I_SCORE_CORRECTION_MISMATCH',
      ids: { orgUnitIds: [orgUnitId] },
      noun: { en: 'score', zh: '得分记录' },
      nothingToCorrect: (id) => ({
        en: `${orgUnitId} has no ${year} score to correct (data.correctsEventId ${id})`,
        zh: `${orgUnitId} 没有可更正的 ${year} 年度得分（更正的记录（事件编号）填写的是 ${id}）`,
      }),
      recorded: (current) => ({
        en: `${orgUnitId}'s ${year} score is already recorded (event ${current}); a correction names it in data.correctsEventId with data.correctionReason`,
        zh: `${orgUnitId} 的 ${year} 年度得分已录入（事件 ${current}）；如需更正，请在“更正的记录（事件编号）”中注明该记录（${current}），并在“更正理由”中说明理由`,
      }),
      notInForce: (id, current) => ({
        en: `${id} is not ${orgUnitId}'s ${year} score in force (event ${current} is)`,
        zh: `${id} 不是 ${orgUnitId} 现行有效的 ${year} 年度得分（现行有效的是事件 ${current}）`,
      }),
      reasonMissing: {
        en: `a correction of ${orgUnitId}'s ${year} score says why (data.correctionReason)`,
        zh: `更正 ${orgUnitId} 的 ${year} 年度得分须在“更正理由”中说明理由`,
      },
    },
    inForce,
    correction,
  );
}

/** TM5(b): a recommendation comes from a township party secretary (乡镇党委书记) in post on its date. */
export function tm5RecommenderNotASecretary(cadreId: string, posts: readonly PostWithKind[], date: CalendarDate): DomainError | undefined {
  if (posts.some((p) => p.kind === 'TOWNSHIP' && p.role === 'PARTY_SECRETARY')) return undefined;
  return new DomainError('RULE_TM5_RECOMMENDER_NOT_A_SECRETARY', `${cadreId} is no township party secretary on ${date}`, {
    cadreIds: [cadreId],
    messageZh: `${date} ${cadreId} 不是${ROLE_SET_NAMES_ZH.partySecretary}`,
  });
}

/** TM5(b), integrity: a recommendation names another, registered cadre. */
export function iRecommendable(cadreId: string, recommendedId: string, registered: boolean): DomainError | undefined {
  if (recommendedId === cadreId) {
    return new DomainError('RULE_I_SELF_RECOMMENDATION', `${cadreId} cannot recommend themself`, {
      field: 'data.recommendedCadreId',
      cadreIds: [cadreId],
      messageZh: `${cadreId} 不能推荐本人`,
    });
  }
  if (!registered) return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `cadre ${recommendedId} is not registered`, {
      field: 'data.recommendedCadreId',
      messageZh: `被推荐干部 ${recommendedId} 尚未登记`,
    });
  return undefined;
}

type Basis = EventData<'RankPromoted'>['basis'];

/** TM6a/TM6b: bases that may use the county committee's pooled quota (县委统筹职数). */
export const COUNTY_POOL_BASES: readonly Basis[] = ['PRIORITY_OUTSTANDING', 'IN_POST_CONTINUOUS_SERVICE'];

/** TM6a: the pooled quota is only for priority promotions (TM6a) and in-post promotions (TM6b). */
export function tm6aCountyPoolBasis(data: Pick<EventData<'RankPromoted'>, 'basis' | 'quota'>): DomainError | undefined {
  if (data.quota !== 'COUNTY_POOL' || COUNTY_POOL_BASES.includes(data.basis)) return undefined;
  return new DomainError('RULE_TM6A_COUNTY_POOL_BASIS', `the county pooled quota is for PRIORITY_OUTSTANDING or IN_POST_CONTINUOUS_SERVICE, not ${data.basis}`, {
    field: 'data.quota',
    messageZh: `${QUOTA_NAMES_ZH.COUNTY_POOL}仅用于“${PROMOTION_BASIS_NAMES_ZH.PRIORITY_OUTSTANDING}”或“${PROMOTION_BASIS_NAMES_ZH.IN_POST_CONTINUOUS_SERVICE}”，而非“${PROMOTION_BASIS_NAMES_ZH[data.basis]}”`,
  });
}
