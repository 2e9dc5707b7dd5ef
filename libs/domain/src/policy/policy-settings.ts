/**
 * Policy settings: every threshold of RULES.md as versioned data with an effective date.
 * A county can revise its measures; an answer about 2021 uses the policy in effect then.
 * Versions are recorded as `PolicyVersionAdopted` events in the `policy` stream.
 */
import { z } from 'zod';
import { calendarDateSchema, type CalendarDate } from '../time/calendar-date';
import { gradeSchema, SANCTION_KINDS, type SanctionKind } from '../vocabulary';

const months = z.number().int().min(0).max(600);
const years = z.number().int().min(0).max(60);
/**
 * An appeal deadline in days. The stored schema takes any count it ever took (an event once stored
 * stays readable); a new policy takes at most MAX_DEADLINE_DAYS (commands.ts: checks on new commands).
 */
const deadlineDays = z.number().int().min(0);
/** Ten years: the statutes speak of 15 to 90 days (found by a review: a billion days was adopted). */
export const MAX_DEADLINE_DAYS = 3650;

/** N2: minimum years in the lower rank before each step up (职务与职级并行规定 §18). */
const minimumYearsInRank = z
  .object({
    CLERK_2: years, // 二级科员 → 一级科员
    CLERK_1: years, // 一级科员 → 四级主任科员
    PRINCIPAL_STAFF_4: years,
    PRINCIPAL_STAFF_3: years,
    PRINCIPAL_STAFF_2: years,
    PRINCIPAL_STAFF_1: years, // 一级主任科员 → 四级调研员
    RESEARCHER_4: years,
    RESEARCHER_3: years, // 三级 → 二级调研员
  })
  .strict();

/** Defaults of the settings added with issue 13 (a version adopted before them reads with these). */
const TEN_MEASURES_DEFAULTS = {
  teamAges: { memberMinTownshipWorkYears: 2, youngAgeBelow: 35, juniorAgeBelow: 30, minJuniorMembers: 1 },
  promotionOrientation: { outstandingRecordYears: 3, minExcellentInRecord: 1, lowestAcceptableGrade: 'COMPETENT' as const },
  assessment: { focusConsecutiveExcellentYears: 3, reminderTalkLowestTownships: 3 },
  care: { talksPerYear: 1, healthChecksPerYear: 1 },
};

export const policySettingsSchema = z
  .object({
    /** C1: tolerated administrative gap between two holdings, in days. */
    continuityGraceDays: z.number().int().min(0).max(365),
    /** TM4 */
    stability: z
      .object({
        chiefMinYearsInPostBeforeMove: years, // 任现职不满3年调整需报市委组织部审批
        chiefNormalTermYears: years,
      })
      .strict(),
    /** TM6b in-post rank promotion */
    inPostPromotion: z
      .object({
        partySecretaryRunYears: years, // 连续担任乡镇党委书记8年以上
        chiefRunYears: years, // 连续担任乡镇党政正职10年以上
        lowestAcceptableGrade: gradeSchema,
        minExcellentGradesInRun: z.number().int().min(0).max(60),
      })
      .strict(),
    /** TM10 Excellent Township Party Secretary */
    excellentSecretary: z
      .object({
        quota: z.number().int().min(1).max(10_000),
        minTownshipWorkYears: years,
        lowestAcceptableGrade: gradeSchema,
        minExcellentGradesInCycle: z.number().int().min(0).max(5),
      })
      .strict(),
    /** N1/N2 */
    rankPromotion: z
      .object({
        minimumYearsInRank,
        excellentYearCreditMonths: months,
        /** N1: a county or township cadre holds at most this rank (职务与职级并行规定 §10). */
        highestRankForCountyCadres: z.literal('RESEARCHER_2').or(z.string()),
      })
      .strict(),
    /** N3: sanction effect periods in months, by kind; 0 = no effect period. */
    sanctionEffectMonths: z.record(z.enum(SANCTION_KINDS), months),
    /** N3: cap on accumulated government sanction periods (政务处分法 §15). */
    sanctionAccumulationCapMonths: months,
    /** N5 appeal deadlines, in days. */
    appeals: z
      .object({
        reviewFilingDays: deadlineDays, // 复核: within 30 days of learning of the decision
        reviewDecisionDays: deadlineDays,
        appealAfterReviewDays: deadlineDays, // 申诉: within 15 days of the review decision
        directAppealDays: deadlineDays, // or 30 days directly
        appealDecisionDays: deadlineDays,
        appealDecisionExtensionDays: deadlineDays,
      })
      .strict(),
    /** TM3 training cadence. */
    training: z.object({ chiefEveryYears: years, leaderEveryYears: years }).strict(),
    /** TM1 team composition (findings, not write rules). */
    teamComposition: z
      .object({
        minShareWithTwoYearsTownshipWork: z.number().min(0).max(1),
        chiefMinTownshipLeadershipYears: years,
        chiefMinTownshipWorkYears: years,
        minShareOfChiefsUnder35: z.number().min(0).max(1),
        advisoryShareOfMembersUnder35: z.number().min(0).max(1),
      })
      .strict(),
    /**
     * TM1 ages and the member experience threshold (年龄结构: 35岁以下、30岁以下; 2年以上乡镇工作经历), and
     * how many members under `juniorAgeBelow` each team has at least ("每个乡镇至少配备1名30岁以下年轻干部").
     * The default fills a new command that leaves it out; a version stored before it (PolicyVersionAdopted
     * v1) reads 1 by its upcaster (events/upcast.ts), not by this default alone: a v1 payload is read as
     * stored on the trusted paths unless it is upcast.
     */
    teamAges: z
      .object({ memberMinTownshipWorkYears: years, youngAgeBelow: years, juniorAgeBelow: years, minJuniorMembers: z.number().int().min(0).max(100).default(1) })
      .strict()
      .default(TEN_MEASURES_DEFAULTS.teamAges),
    /** TM2 "outstanding record" of a graduate flagged for priority: the last N assessment years. */
    promotionOrientation: z
      .object({ outstandingRecordYears: years, minExcellentInRecord: z.number().int().min(0).max(60), lowestAcceptableGrade: gradeSchema })
      .strict()
      .default(TEN_MEASURES_DEFAULTS.promotionOrientation),
    /** TM7 the focus-cultivation ledger and reminder talks. */
    assessment: z
      .object({ focusConsecutiveExcellentYears: years, reminderTalkLowestTownships: z.number().int().min(1).max(1000) })
      .strict()
      .default(TEN_MEASURES_DEFAULTS.assessment),
    /** TM8 heart-to-heart talks per required pair and health checks, per calendar year. */
    care: z
      .object({ talksPerYear: z.number().int().min(0).max(52), healthChecksPerYear: z.number().int().min(0).max(12) })
      .strict()
      .default(TEN_MEASURES_DEFAULTS.care),
  })
  .strict();
export type PolicySettings = z.infer<typeof policySettingsSchema>;

export const policyVersionSchema = z
  .object({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/),
    effectiveFrom: calendarDateSchema,
    description: z.string().max(2000).optional(),
    settings: policySettingsSchema,
  })
  .strict();
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

const sanctionEffectMonths: Record<SanctionKind, number> = {
  WARNING: 6, // 警告 (政务处分法 §8)
  DEMERIT: 12, // 记过
  MAJOR_DEMERIT: 18, // 记大过
  DEMOTION: 24, // 降级
  REMOVAL: 24, // 撤职
  EXPULSION: 0, // 开除 ends the relationship; no period to count
  PARTY_WARNING: 12, // 警告 (纪律处分条例)
  PARTY_SERIOUS_WARNING: 18, // 严重警告
  PARTY_POST_REVOKED: 24, // 撤销党内职务
  CRITICISM_EDUCATION: 0, // 批评教育: not a sanction with an effect period
  ADMONISHMENT: 6, // 诫勉 (setting; unverified)
  POST_ADJUSTMENT: 12, // 调整职务 (setting; unverified)
  ORDERED_RESIGNATION: 12, // 责令辞职 (setting; unverified)
  DISMISSAL_FROM_POST: 12, // 免职 (setting; unverified)
  DEMOTION_IN_POST: 24, // 降职 (setting; unverified)
};

/** The county's measures as first adopted: the defaults of RULES.md. */
export const DEFAULT_POLICY: PolicyVersion = {
  version: '1',
  effectiveFrom: '1900-01-01' as CalendarDate,
  description: 'RULES.md defaults (X县十项措施; national rules as cited)',
  settings: {
    continuityGraceDays: 0,
    stability: { chiefMinYearsInPostBeforeMove: 3, chiefNormalTermYears: 5 },
    inPostPromotion: {
      partySecretaryRunYears: 8,
      chiefRunYears: 10,
      lowestAcceptableGrade: 'COMPETENT',
      minExcellentGradesInRun: 2,
    },
    excellentSecretary: { quota: 23, minTownshipWorkYears: 5, lowestAcceptableGrade: 'COMPETENT', minExcellentGradesInCycle: 1 },
    rankPromotion: {
      minimumYearsInRank: {
        CLERK_2: 2,
        CLERK_1: 2,
        PRINCIPAL_STAFF_4: 2,
        PRINCIPAL_STAFF_3: 2,
        PRINCIPAL_STAFF_2: 2,
        PRINCIPAL_STAFF_1: 2,
        RESEARCHER_4: 2,
        RESEARCHER_3: 2,
      },
      excellentYearCreditMonths: 6,
      highestRankForCountyCadres: 'RESEARCHER_2',
    },
    sanctionEffectMonths,
    sanctionAccumulationCapMonths: 48,
    appeals: {
      reviewFilingDays: 30,
      reviewDecisionDays: 30,
      appealAfterReviewDays: 15,
      directAppealDays: 30,
      appealDecisionDays: 60,
      appealDecisionExtensionDays: 30,
    },
    training: { chiefEveryYears: 1, leaderEveryYears: 3 },
    teamComposition: {
      minShareWithTwoYearsTownshipWork: 2 / 3,
      chiefMinTownshipLeadershipYears: 2,
      chiefMinTownshipWorkYears: 3,
      minShareOfChiefsUnder35: 0.15,
      advisoryShareOfMembersUnder35: 0.3,
    },
    ...TEN_MEASURES_DEFAULTS,
  },
};

/** The version in effect on a date: the latest whose effectiveFrom is on or before it. */
export function policyInEffect(versions: readonly PolicyVersion[], on: CalendarDate): PolicyVersion {
  let chosen: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= on && (!chosen || v.effectiveFrom >= chosen.effectiveFrom)) chosen = v;
  }
  return chosen ?? DEFAULT_POLICY;
}

/**
 * The first date on or after `from` on which a rule passes, the rule read on each date under the
 * policy version in effect then (RULES: "a policy is versioned data with an effective date").
 * `firstUnder(settings, start)` is the first passing date on or after `start` under one version's
 * settings (undefined: never under it). A refusal's `firstPassingDate` said the date under the
 * refused date's version only, which a later version could move either way (found by a review:
 * the date given was refused again, or came after a version under which the write already passed).
 */
export function firstPassingAcrossVersions(
  versions: readonly PolicyVersion[],
  from: CalendarDate,
  firstUnder: (settings: PolicySettings, start: CalendarDate) => CalendarDate | undefined,
): CalendarDate | undefined {
  const starts = [...new Set(versions.map((v) => v.effectiveFrom).filter((d) => d > from))].sort();
  const bounds = [from, ...starts];
  for (let i = 0; i < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1];
    const first = firstUnder(policyInEffect(versions, start).settings, start);
    if (first !== undefined && (end === undefined || first < end)) return first;
  }
  return undefined;
}
