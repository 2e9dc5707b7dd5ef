/**
 * The answers the department decides on (EVENTS.md contract table: TM6b eligibility, the TM10
 * candidate list, tenure) and a cadre's replayed state as zod schemas, for the OpenAPI document and the web app's generated
 * client. The domain's interfaces are the source; the check at the end fails the type check when a
 * documented field is renamed, removed or retyped there (the schemas are open objects: added
 * fields are fine, the contract says "at least").
 */
import { z } from 'zod';
import {
  gradeSchema,
  orgUnitKindSchema,
  rankSchema,
  roleSchema,
  sanctionKindSchema,
  type CadreStateAt,
  type ExcellentSecretaryCandidates,
  type InPostPromotionEligibility,
  type Tenure,
} from '@ledger/domain';
import { answerCommon, dateSchema, type Documents, ruleCheckSchema } from '../platform/answer-schemas';

const nameOrNull = (what: string) => z.string().nullable().describe(`${what}; null when no registration is known`);

/** T3: years, months and days by the anniversary rule. */
const serviceLength = { years: z.number().int(), months: z.number().int(), days: z.number().int() };

/** T3: (possibly interrupted) service, and the days it covers. */
const serviceTotalSchema = z.object({ ...serviceLength, totalDays: z.number().int().describe('days covered, overlaps once') });

/** C1: a continuous run in progress on the date, with the post events behind it. */
const runSummarySchema = z.object({ start: dateSchema, ...serviceLength, eventIds: z.array(z.string()) }).describe('a continuous run (C1) in progress on the date');

/** One township chief's TM6b answer. */
export const cadreInPostEligibilitySchema = z.object({
  cadreId: z.string(),
  cadreName: nameOrNull('姓名'),
  eligible: z.boolean(),
  basis: z.enum(['PARTY_SECRETARY_8Y', 'CHIEF_10Y']).nullable(),
  partySecretaryRun: runSummarySchema.nullable().describe('the run as township party secretary (乡镇党委书记) on the date'),
  chiefRun: runSummarySchema.nullable().describe('the run as township chief (乡镇党政正职) on the date'),
  checks: z.array(ruleCheckSchema),
  performanceRun: z.enum(['PARTY_SECRETARY', 'CHIEF']).describe('which run the grade and EXCELLENT checks shown are about'),
  chiefPosts: z.array(z.object({ orgUnitId: z.string(), orgUnitName: nameOrNull('单位名称'), role: roleSchema, from: dateSchema })),
  currentRank: rankSchema.nullable().describe('职级 held on the date (null: none recorded); information beside TM6b, not one of its checks'),
  rankSince: dateSchema.nullable().describe('the effective date of the rank held'),
  atCountyRankCeiling: z.boolean().describe('the rank held is N1’s ceiling for county and township cadres (二级调研员) or above: the ledger refuses any promotion from it'),
});

export const inPostPromotionEligibilitySchema = z.object({
  asOf: dateSchema,
  ...answerCommon,
  runYears: z
    .object({ partySecretary: z.number().int(), chief: z.number().int() })
    .describe('the run lengths (years) the policy version sets for each basis: RULES.md’s 8 as party secretary, 10 as chief, unless a version sets others'),
  cadres: z.array(cadreInPostEligibilitySchema),
  township: z.string().nullable().optional().describe('the township asked for (`township`): only its chiefs are listed; null: every township'),
  eligibleOnly: z.boolean().nullable().optional().describe('`eligible` asked for: only those who are (true) or are not (false) eligible are listed; null: all'),
  integrityWarningsZh: z
    .array(z.string())
    .optional()
    .describe('asked of one cadre (`cadreId`): present when that cadre’s record fails its hash chain (an event changed past the ledger), in Chinese: not to decide on this answer, and each break'),
});

export const excellentSecretaryCandidatesSchema = z.object({
  cycle: z.string().describe('five calendar years, e.g. 2021-2025'),
  referenceDate: dateSchema,
  asOf: dateSchema.nullable().describe('the drawing-up date asked for: facts effective after it are not counted (null: none given)'),
  quota: z.number().int(),
  ...answerCommon,
  candidates: z.array(
    z.object({
      rank: z.number().int(),
      cadreId: z.string(),
      cadreName: nameOrNull('姓名'),
      withinQuota: z.boolean(),
      excellentCount: z.number().int(),
      checks: z.array(ruleCheckSchema),
      partySecretaryRun: runSummarySchema.nullable(),
      latestPerformanceScore: z
        .object({ orgUnitId: z.string(), orgUnitName: z.string().nullable(), year: z.number().int(), score: z.number(), eventId: z.string() })
        .nullable()
        .describe("the township's score of the cycle's last year (null: none recorded; ranks after every score)"),
      townshipWorkDays: z.number().int(),
      currentRank: rankSchema.nullable(),
      commended: z.boolean(),
      priorityPromotionToResearcher4: z.boolean(),
      recommendForCountyLevelPost: z.boolean(),
      tiedAtQuotaLine: z.boolean().describe('equal on every ranking criterion with candidates on the other side of the quota line: the county decides'),
    }),
  ),
  excluded: z.array(
    z.object({
      cadreId: z.string(),
      cadreName: nameOrNull('姓名'),
      reasons: z.array(ruleCheckSchema),
      checks: z.array(ruleCheckSchema),
      currentRank: rankSchema.nullable(),
      commended: z.boolean().describe('a commendation for the cycle is recorded: its consequences hold whether or not the secretary is on the list'),
      priorityPromotionToResearcher4: z.boolean(),
      recommendForCountyLevelPost: z.boolean(),
    }),
  ),
});

const awayPeriodSchema = z.object({
  kind: z.enum(['SECONDMENT', 'TEMPORARY_POSTING']),
  host: z.string().describe('host org unit id (secondment) or host description (temporary posting)'),
  hostName: z.string().nullable(),
  detail: z.string(),
  from: dateSchema,
  to: dateSchema.nullable().describe('exclusive; null while it lasts on the date'),
  plannedEndDate: dateSchema,
  eventIds: z.array(z.string()),
});

export const tenureSchema = z.object({
  cadreId: z.string(),
  cadreName: nameOrNull('姓名'),
  asOf: dateSchema,
  ...answerCommon,
  registered: z.boolean(),
  posts: z.array(
    z.object({
      orgUnitId: z.string(),
      orgUnitName: nameOrNull('单位名称'),
      role: roleSchema,
      from: dateSchema,
      to: dateSchema.nullable().describe('exclusive; null while held on the date'),
      orgUnitKind: orgUnitKindSchema.nullable(),
      eventIds: z.array(z.string()),
    }),
  ),
  townshipWorkDays: z.number().int().describe('P3: days in any township post, overlaps once'),
  townshipLeadershipDays: z.number().int().describe('P3: days in a township leadership-team post'),
  townshipWork: serviceTotalSchema.describe('P3 township work in years, months and days (T3: each span by anniversaries, spans added)'),
  townshipLeadership: serviceTotalSchema.describe('P3 township leadership in years, months and days (T3)'),
  partySecretaryRun: runSummarySchema.nullable(),
  chiefRun: runSummarySchema.nullable(),
  currentPosts: z.array(
    z.object({
      orgUnitId: z.string(),
      orgUnitName: z.string().nullable(),
      role: roleSchema,
      from: dateSchema.describe('where the holding of this post began: a re-election to it (换届连任) continues the holding, as TM4 counts; the length is counted from it'),
      termFrom: dateSchema.describe('the latest appointment to the post (本届任期起): `from` unless re-elected since'),
      ...serviceLength,
    }),
  ),
  secondments: z.array(awayPeriodSchema),
  temporaryPostings: z.array(awayPeriodSchema),
  scheduled: z.array(z.object({ eventId: z.string(), kind: z.string(), effectiveDate: dateSchema })).describe('T4: known future-dated post and away events, not counted yet'),
});

const sanctionPeriodSchema = z.object({
  sanctionId: z.string(),
  eventIds: z.array(z.string()),
  kind: sanctionKindSchema,
  from: dateSchema,
  to: dateSchema.describe('exclusive: the first day no longer covered'),
});

/** GET /v1/cadres/{id}/state: what the ledger said on knownAt about asOf, replayed from the events. */
export const cadreStateSchema = z.object({
  cadreId: z.string(),
  asOf: dateSchema,
  knownAt: answerCommon.knownAt,
  policyVersion: answerCommon.policyVersion,
  posts: tenureSchema.shape.posts.describe('the posts held up to asOf (as tenure.posts), for every role that reads histories'),
  tenure: tenureSchema.nullable().describe('null for a role that may not query decisions (see withheld)'),
  rank: z.object({ rank: rankSchema, since: dateSchema, eventId: z.string() }).nullable(),
  grades: z.array(z.object({ year: z.number().int(), grade: gradeSchema, eventId: z.string() })),
  sanctions: z.array(
    z.object({
      sanctionId: z.string(),
      eventId: z.string(),
      kind: sanctionKindSchema,
      effectiveDate: dateSchema,
      recordedAt: z.string(),
      rescinded: z.boolean().describe('TM9: void from its start'),
      retracted: z.boolean(),
      rescissionEventId: z.string().nullable(),
    }),
  ),
  sanctionPeriods: z.array(sanctionPeriodSchema).describe('N3 effect periods of the sanctions that count'),
  sanctionPeriodOnAsOf: sanctionPeriodSchema.nullable(),
  eligibility: cadreInPostEligibilitySchema.nullable().describe('this cadre’s TM6b entry, or null when not a township chief on asOf (or withheld)'),
  withheld: z
    .array(z.enum(['tenure', 'eligibility']))
    .describe('fields answered null because the caller’s role lacks the queryDecisions capability, which the tenure and eligibility routes require (an APPEALS_OFFICER reads histories, not decisions)'),
});

/** Compiles only while every domain answer still has every documented field, with its type. */
export const DECISION_SCHEMAS_MATCH_THE_DOMAIN: [
  Documents<InPostPromotionEligibility, typeof inPostPromotionEligibilitySchema>,
  Documents<ExcellentSecretaryCandidates, typeof excellentSecretaryCandidatesSchema>,
  Documents<Tenure, typeof tenureSchema>,
  Documents<CadreStateAt, typeof cadreStateSchema>,
] = [true, true, true, true];
