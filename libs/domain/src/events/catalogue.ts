/**
 * The event catalogue (EVENTS.md): every event type's payload as a zod schema, with its
 * current schema version and the stream category it belongs to. Payloads are validated
 * on write and on read; older versions are upcast on read (see `upcast`).
 */
import { z } from 'zod';
import { eventIdSchema } from '../input-text';
import { calendarDateSchema } from '../time/calendar-date';
import { policyVersionSchema } from '../policy/policy-settings';
import {
  approvalSchema,
  cycleSchema,
  storedCycleSchema,
  gradeSchema,
  identifierSchema,
  orgUnitKindSchema,
  rankSchema,
  roleSchema,
  sanctionKindSchema,
} from '../vocabulary';

const text = (max = 500) => z.string().trim().min(1).max(max);
const post = z.object({ orgUnitId: identifierSchema, role: roleSchema }).strict();

// ── org units (stream orgunit-{orgUnitId}) ─────────────────────────────────────
export const orgUnitRegistered = z
  .object({
    name: text(200),
    kind: orgUnitKindSchema,
    assessmentClass: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  })
  .strict();
/** 年度目标绩效考核得分 */
export const townshipPerformanceScored = z
  .object({
    year: z.number().int().min(1900).max(2999),
    score: z.number().finite().min(0).max(1000),
    /** The score of the same year this one corrects (RULE_I_SCORE_YEAR_ALREADY_RECORDED): a correction names what it corrects and why. */
    correctsEventId: identifierSchema.optional(),
    correctionReason: text(2000).optional(),
  })
  .strict();

/** TM5 评价权: a township chief's rating of a county department's work, management and service. */
const ratingScore = z.number().finite().min(0).max(100);
export const countyDepartmentRated = z
  .object({
    year: z.number().int().min(1900).max(2999),
    ratedByCadreId: identifierSchema.describe('the township chief (乡镇党政正职) who rates'),
    scores: z.object({ work: ratingScore, management: ratingScore, service: ratingScore }).strict(),
    /** The same chief's rating of the same year this one corrects (RULE_I_RATING_ALREADY_RECORDED): a correction names what it corrects and why. */
    correctsEventId: identifierSchema.optional(),
    correctionReason: text(2000).optional(),
  })
  .strict();

/**
 * Internal marker (not part of the import vocabulary): a change of holder of a single-holder post
 * (P2) of a township, appended to the org-unit stream in the same atomic write as the cadre's event.
 * Why: two concurrent appointments to one post then both append to this stream with its expected
 * revision, so exactly one succeeds; and the P2 decision is a pure function of this stream's state.
 * For `RETRACTED`, `sourceEventId` is the retracted cadre event whose TAKEN/LEFT no longer counts.
 */
export const postHolderChanged = z
  .object({
    role: roleSchema,
    cadreId: identifierSchema,
    change: z.enum(['TAKEN', 'LEFT', 'RETRACTED']),
    sourceEventId: z.string().min(1).max(200),
  })
  .strict();

// ── cadres (stream cadre-{cadreId}) ────────────────────────────────────────────
export const cadreRegistered = z
  .object({
    name: text(100),
    gender: z.enum(['M', 'F']),
    birthDate: calendarDateSchema,
    education: z
      .object({
        level: z.enum(['DOCTORATE', 'MASTER', 'BACHELOR', 'COLLEGE', 'SECONDARY']),
        fullTime: z.boolean(),
        doubleFirstClass: z.boolean(),
      })
      .strict(),
    workStartDate: calendarDateSchema.optional(),
  })
  .strict();
export const appointedToPost = z.object({ orgUnitId: identifierSchema, role: roleSchema, approval: approvalSchema.optional() }).strict();
export const removedFromPost = z
  .object({
    orgUnitId: identifierSchema,
    role: roleSchema,
    reason: z.enum(['TRANSFER', 'END_OF_TERM', 'RETIREMENT', 'RESIGNATION', 'DISMISSAL', 'ADJUSTMENT', 'OTHER']),
    approval: approvalSchema.optional(),
  })
  .strict();
/** 交流: leaving one post and taking another as one atomic move. */
export const transferred = z.object({ from: post, to: post, approval: approvalSchema.optional() }).strict();
/** 借调 */
export const secondmentStarted = z
  .object({
    hostOrgUnitId: identifierSchema,
    purpose: z.enum(['COUNTY_CENTRAL_WORK', 'OTHER']),
    plannedEndDate: calendarDateSchema,
    approval: approvalSchema.optional(),
  })
  .strict();
export const secondmentEnded = z.object({}).strict();
/** 挂职锻炼 */
export const temporaryPostingStarted = z
  .object({
    host: text(200),
    kind: z.enum(['HIGHER_ORGAN', 'DEVELOPED_AREA', 'REMOTE_AREA', 'KEY_PROJECT']),
    plannedEndDate: calendarDateSchema,
  })
  .strict();
export const temporaryPostingEnded = z.object({}).strict();
export const rankSet = z.object({ rank: rankSchema }).strict();
export const rankPromoted = z
  .object({
    fromRank: rankSchema,
    toRank: rankSchema,
    basis: z.enum(['REGULAR', 'PRIORITY_OUTSTANDING', 'IN_POST_CONTINUOUS_SERVICE', 'EXCELLENT_SECRETARY']),
    quota: z.enum(['VACANCY', 'COUNTY_POOL']).describe('COUNTY_POOL = 县委统筹职数 (TM6a)'),
  })
  .strict();
export const annualAssessmentRecorded = z
  .object({ year: z.number().int().min(1900).max(2999), grade: gradeSchema })
  .strict();
export const sanctionImposed = z.object({ sanctionId: identifierSchema, kind: sanctionKindSchema, grounds: text(2000) }).strict();
export const sanctionRescinded = z
  .object({
    sanctionId: identifierSchema,
    reason: z.enum(['APPEAL_UPHELD', 'FALSE_ACCUSATION', 'TOLERANCE', 'CORRECTION']),
    appealId: identifierSchema.optional(),
  })
  .strict();
export const commended = z
  .object({
    award: z.enum(['EXCELLENT_TOWNSHIP_PARTY_SECRETARY', 'OTHER']),
    title: text(200).optional(),
    cycle: storedCycleSchema.optional(),
    level: z.enum(['COUNTY', 'MUNICIPAL', 'PROVINCIAL', 'NATIONAL']),
    // TM10: 特别优秀的 — the commendation itself says the secretary is especially outstanding.
    especiallyOutstanding: z
      .boolean()
      .optional()
      .describe('TM10 特别优秀: an Excellent Township Party Secretary to recommend for a county-level leading post'),
  })
  .strict();
/** A commendation of an Excellent Township Party Secretary left without its cycle: TM10 reads it by its cycle, so it would never count. */
export const COMMENDED_CYCLE_REQUIRED_MESSAGE = 'an Excellent Township Party Secretary commendation (EXCELLENT_TOWNSHIP_PARTY_SECRETARY) names its cycle, e.g. 2021-2025';
/** A cycle on any other commendation: only the Excellent Township Party Secretary is chosen by cycle. */
export const COMMENDED_CYCLE_NOT_TAKEN_MESSAGE = 'only an Excellent Township Party Secretary commendation has a cycle: leave it out for award OTHER';

/**
 * A new Commended command, besides `commended` (which keeps reading every stored event, and the
 * HTTP body's documented shape): an EXCELLENT_TOWNSHIP_PARTY_SECRETARY commendation names its cycle
 * (TM10's candidates count only the commendations of the cycle asked for, so one without a cycle
 * was accepted and then never counted), award OTHER names none (found by an API review). A cycle
 * given is within the calendar (cycleSchema). Checked on new writes only (commands.ts,
 * NEW_COMMAND_CHECKS), as `data.cycle`: an event stored before still reads.
 */
export const commendedNewWrite = z
  .object({ award: commended.shape.award, cycle: cycleSchema.optional() })
  .superRefine((d, ctx) => {
    if (d.award === 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' && d.cycle === undefined) ctx.addIssue({ code: 'custom', path: ['cycle'], message: COMMENDED_CYCLE_REQUIRED_MESSAGE });
    if (d.award === 'OTHER' && d.cycle !== undefined) ctx.addIssue({ code: 'custom', path: ['cycle'], message: COMMENDED_CYCLE_NOT_TAKEN_MESSAGE });
  });

export const trainingCompleted = z
  .object({ programme: text(200), level: z.enum(['COUNTY', 'MUNICIPAL', 'PROVINCIAL', 'NATIONAL']) })
  .strict();
export const talkHeld = z.object({ kind: z.enum(['HEART_TO_HEART', 'REMINDER']), withCadreId: identifierSchema }).strict();
export const healthCheckCompleted = z.object({}).strict();
/** TM5 推荐权: a township party secretary recommends, by name and alone, a cadre for a deputy section-level (副科) leading post. */
export const leaderRecommended = z
  .object({
    recommendedCadreId: identifierSchema,
    forPost: text(200).describe('the deputy section-level leading post (free text)'),
    reason: text(2000),
  })
  .strict();
export const representativeBodySchema = z
  .enum(['PARTY_CONGRESS', 'PEOPLES_CONGRESS', 'CPPCC'])
  .describe('PARTY_CONGRESS = 党代表; PEOPLES_CONGRESS = 人大代表; CPPCC = 政协委员');
export const seatLevelSchema = z.enum(['COUNTY', 'MUNICIPAL', 'PROVINCIAL', 'NATIONAL']);
/** TM5 额定权: a seat among the "two representatives and one member" (两代表一委员). */
export const representativeSeatTaken = z
  .object({
    body: representativeBodySchema,
    level: seatLevelSchema,
    committeeMember: z.boolean().optional().describe('县委委员'),
  })
  .strict();
export const representativeSeatEnded = z.object({ body: representativeBodySchema, level: seatLevelSchema }).strict();
/** A clerical error: the target no longer counts anywhere, but stays in the history. */
export const entryRetracted = z.object({ targetEventId: eventIdSchema, reason: text(2000) }).strict();

// ── appeals (stream appeal-{appealId}) ─────────────────────────────────────────
export const appealFiled = z
  .object({
    appealId: identifierSchema,
    cadreId: identifierSchema,
    targetEventId: eventIdSchema,
    stage: z.enum(['REVIEW', 'APPEAL']).describe('REVIEW = 复核; APPEAL = 申诉'),
    grounds: text(2000),
    learnedOfDecisionDate: calendarDateSchema,
  })
  .strict();
export const appealDecided = z
  .object({
    appealId: identifierSchema,
    outcome: z.enum(['UPHELD', 'PARTIALLY_UPHELD', 'DISMISSED']),
    reasoning: text(4000),
  })
  .strict();

// ── policy (stream policy) ─────────────────────────────────────────────────────
/** A new policy version (thresholds of RULES.md) adopted from its effective date. */
export const policyVersionAdopted = policyVersionSchema;

export const STREAM_CATEGORIES = ['cadre', 'orgunit', 'appeal', 'policy'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/** Each event type: its stream category, current schema version and payload schema. */
export const EVENT_CATALOGUE = {
  OrgUnitRegistered: { category: 'orgunit', schemaVersion: 1, schema: orgUnitRegistered },
  TownshipPerformanceScored: { category: 'orgunit', schemaVersion: 1, schema: townshipPerformanceScored },
  CountyDepartmentRated: { category: 'orgunit', schemaVersion: 1, schema: countyDepartmentRated },
  PostHolderChanged: { category: 'orgunit', schemaVersion: 1, schema: postHolderChanged },
  CadreRegistered: { category: 'cadre', schemaVersion: 1, schema: cadreRegistered },
  AppointedToPost: { category: 'cadre', schemaVersion: 1, schema: appointedToPost },
  RemovedFromPost: { category: 'cadre', schemaVersion: 1, schema: removedFromPost },
  Transferred: { category: 'cadre', schemaVersion: 1, schema: transferred },
  SecondmentStarted: { category: 'cadre', schemaVersion: 1, schema: secondmentStarted },
  SecondmentEnded: { category: 'cadre', schemaVersion: 1, schema: secondmentEnded },
  TemporaryPostingStarted: { category: 'cadre', schemaVersion: 1, schema: temporaryPostingStarted },
  TemporaryPostingEnded: { category: 'cadre', schemaVersion: 1, schema: temporaryPostingEnded },
  RankSet: { category: 'cadre', schemaVersion: 1, schema: rankSet },
  RankPromoted: { category: 'cadre', schemaVersion: 1, schema: rankPromoted },
  AnnualAssessmentRecorded: { category: 'cadre', schemaVersion: 1, schema: annualAssessmentRecorded },
  SanctionImposed: { category: 'cadre', schemaVersion: 1, schema: sanctionImposed },
  SanctionRescinded: { category: 'cadre', schemaVersion: 1, schema: sanctionRescinded },
  Commended: { category: 'cadre', schemaVersion: 1, schema: commended },
  TrainingCompleted: { category: 'cadre', schemaVersion: 1, schema: trainingCompleted },
  TalkHeld: { category: 'cadre', schemaVersion: 1, schema: talkHeld },
  HealthCheckCompleted: { category: 'cadre', schemaVersion: 1, schema: healthCheckCompleted },
  LeaderRecommended: { category: 'cadre', schemaVersion: 1, schema: leaderRecommended },
  RepresentativeSeatTaken: { category: 'cadre', schemaVersion: 1, schema: representativeSeatTaken },
  RepresentativeSeatEnded: { category: 'cadre', schemaVersion: 1, schema: representativeSeatEnded },
  EntryRetracted: { category: 'cadre', schemaVersion: 1, schema: entryRetracted },
  AppealFiled: { category: 'appeal', schemaVersion: 1, schema: appealFiled },
  AppealDecided: { category: 'appeal', schemaVersion: 1, schema: appealDecided },
  // 2: teamAges.minJuniorMembers (TM1); a v1 version reads 1 (upcast.ts: policyVersionAdoptedV1ToV2).
  PolicyVersionAdopted: { category: 'policy', schemaVersion: 2, schema: policyVersionAdopted },
} as const satisfies Record<string, { category: StreamCategory; schemaVersion: number; schema: z.ZodType }>;

export type CareerEventType = keyof typeof EVENT_CATALOGUE;
export const CAREER_EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as CareerEventType[];

/** The payload type of each event type. */
export type EventData<T extends CareerEventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['schema']>;

export function isCareerEventType(type: string): type is CareerEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}

/** Stream id of an aggregate, e.g. `cadre-C0001`. */
export function streamIdOf(category: StreamCategory, id?: string): string {
  return category === 'policy' ? 'policy' : `${category}-${id}`;
}
