/**
 * The answers of GET /v1/reports/{name} as zod schemas, for the OpenAPI document (/docs) and the
 * web app's generated client. The domain's report interfaces are the source; the checks at the
 * end fail the type check when a documented field is renamed or removed there (added fields are
 * fine: the schemas are open objects, the contract table says "at least").
 */
import { z } from 'zod';
import {
  countyDepartmentRated,
  orgUnitKindSchema,
  representativeBodySchema,
  roleSchema,
  type DepartmentRatingsReport,
  type FocusLedgerReport,
  type HealthChecksReport,
  type PromotionPoolReport,
  type RecommendationsReport,
  type ReminderTalksReport,
  type SecretarySeatsReport,
  type TalksReport,
  type TeamCompositionReport,
  type TrainingReport,
} from '@ledger/domain';
import { answerCommon, dateSchema, type Documents, evidenceSchema, ruleCheckSchema } from '../platform/answer-schemas';

const date = dateSchema;
const evidence = evidenceSchema;
const cadre = { cadreId: z.string(), cadreName: z.string() };
const orgUnit = { orgUnitId: z.string(), orgUnitName: z.string() };
/** A post anywhere: the kind names the head 镇长, 乡长 or 局长. */
const anyOrgUnit = { ...orgUnit, orgUnitKind: orgUnitKindSchema.nullable() };
const common = answerCommon;
const check = ruleCheckSchema;

export const teamCompositionSchema = z.object({
  asOf: date,
  ...common,
  townships: z.array(
    z.object({
      ...orgUnit,
      members: z.array(
        z.object({ ...cadre, role: roleSchema, age: z.number().int().nullable(), townshipWorkYears: z.number(), townshipLeadershipYears: z.number(), evidence }),
      ),
      checks: z.array(check),
    }),
  ),
  county: z.object({ checks: z.array(check) }),
});

export const promotionPoolSchema = z.object({
  asOf: date,
  ...common,
  secretaryExperienced: z.array(z.object({ ...cadre, serving: z.boolean(), secretaryYears: z.number(), evidence })),
  servingSecretaries: z.number().int(),
  chiefAppointments: z.array(
    z.object({
      ...cadre,
      ...orgUnit,
      role: roleSchema,
      date,
      fromPreferredPool: z.boolean().describe('came from a people’s congress chair or deputy post'),
      previousPosts: z.array(z.object({ ...anyOrgUnit, role: roleSchema })),
      rule: z.string(),
      evidence,
    }),
  ),
  preferredPoolShareByYear: z.array(z.object({ year: z.number().int(), appointments: z.number().int(), fromPreferredPool: z.number().int() })),
  priorityGraduates: z.array(
    z.object({
      ...cadre,
      education: z.string(),
      doubleFirstClass: z.boolean(),
      years: z.array(z.number().int()),
      excellent: z.number().int(),
      outstanding: z.boolean(),
      rule: z.string(),
      evidence,
    }),
  ),
});

/** A year report's flag for a year not begun on its reference date (asked ahead): nothing is owed yet, so nothing is listed missing. */
const yearBegun = z.boolean().describe('false when the year has not begun on the reference date: nothing is owed yet, so nothing is listed as missing');

export const trainingSchema = z.object({
  year: z.number().int(),
  referenceDate: date,
  yearBegun,
  ...common,
  cycles: z.object({ chiefEveryYears: z.number().int(), leaderEveryYears: z.number().int() }).describe('the policy version’s TM3 cycles, in years'),
  missing: z.array(
    z.object({
      ...cadre,
      ...orgUnit,
      rule: z.string().describe('TM3.chief-yearly or TM3.leader-cycle'),
      lastTraining: z.object({ date, eventId: z.string(), level: z.string() }).nullable(),
      fromYear: z.number().int(),
      toYear: z.number().int(),
      evidence,
    }),
  ),
  townships: z.array(z.object({ ...orgUnit, chiefs: z.number().int(), chiefsMissing: z.number().int(), leaders: z.number().int(), leadersMissing: z.number().int() })),
  temporaryPostings: z.object({
    townshipLeaders: z.number().int(),
    others: z.number().int(),
    postings: z.array(z.object({ ...cadre, townshipLeader: z.boolean(), kind: z.string(), host: z.string(), from: date, eventId: z.string() })),
  }),
});

const scores = countyDepartmentRated.shape.scores;
export const departmentRatingsSchema = z.object({
  year: z.number().int(),
  asOf: date.describe('scores, ratings and talks effective by this date count (T4): today when asked over HTTP or the CLI').nullable(),
  ...common,
  departments: z.array(
    z.object({
      ...orgUnit,
      ratings: z.number().int(),
      averages: z.object({ work: z.number(), management: z.number(), service: z.number() }).nullable(),
      raters: z.array(z.object({ ...cadre, scores, eventId: z.string() })),
      evidence,
    }),
  ),
});

export const recommendationsSchema = z.object({
  asOf: date,
  ...common,
  recommendations: z.array(
    z.object({
      eventId: z.string(),
      date,
      recommendedBy: z.object(cadre),
      recommended: z.object(cadre),
      forPost: z.string(),
      outcome: z.object({ appointedOn: date, ...anyOrgUnit, role: roleSchema, eventId: z.string() }).describe('the later appointment, or null').nullable(),
      rule: z.string(),
      evidence,
    }),
  ),
});

export const secretarySeatsSchema = z.object({
  asOf: date,
  ...common,
  secretaries: z.array(
    z.object({ ...cadre, ...orgUnit, seats: z.array(z.object({ body: representativeBodySchema, since: date, eventId: z.string() })), passed: z.boolean(), rule: z.string(), evidence }),
  ),
});

export const focusLedgerSchema = z.object({
  asOf: date,
  ...common,
  entries: z.array(z.object({ ...cadre, since: date, years: z.array(z.number().int()), inPostOnAsOf: z.boolean(), policyVersion: z.string().describe('the version in effect on `since`, whose years admitted the entry'), rule: z.string(), evidence })),
});

export const reminderTalksSchema = z.object({
  year: z.number().int(),
  asOf: date.describe('scores, ratings and talks effective by this date count (T4): today when asked over HTTP or the CLI').nullable(),
  ...common,
  lowest: z.number().int().describe('how many lowest scores are listed (ties included)'),
  townships: z.array(
    z.object({
      ...orgUnit,
      score: z.number(),
      scoreEventId: z.string(),
      chiefs: z.array(
        z.object({
          ...cadre,
          role: z.string(),
          postEventId: z.string().describe('the appointment that makes the cadre a chief of the township at the year end'),
          talkHeld: z.boolean(),
          remindedByCountyLeader: z.boolean().describe('TM7: the talk was held by a county leader; a talk by anyone else (heldBy.countyLeader false) does not meet the measure'),
          talkEventId: z.string().nullable(),
          heldBy: z.object({ ...cadre, countyLeader: z.boolean() }).nullable(),
          heldOn: date.nullable(),
          evidence: z.array(z.string()).describe('the township score, the chief post and the talk found, if any'),
        }),
      ),
    }),
  ),
  unscored: z
    .array(z.object(orgUnit))
    .describe('townships with no score of the year as known: until there are none, the lowest are those of the scores recorded so far, and the findings name the missing scores instead of the chiefs'),
  excellentByClass: z.array(
    z.object({
      assessmentClass: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      townships: z.object({ units: z.number().int(), excellent: z.number().int() }),
      departments: z.object({ units: z.number().int(), excellent: z.number().int() }),
      evidence,
    }),
  ),
});

const talkPair = z.object({ rule: z.string(), ...orgUnit, a: z.object(cadre), b: z.object(cadre), talks: z.number().int(), evidence });
export const talksSchema = z.object({
  year: z.number().int(),
  referenceDate: date,
  yearBegun,
  ...common,
  required: z.number().int().describe('talks a pair needs in the year under the policy version in effect (care.talksPerYear)'),
  missing: z.array(talkPair),
  held: z.array(talkPair),
  notAssessed: z.array(z.string()),
});

const healthLine = z.object({ rule: z.string(), ...cadre, ...orgUnit, checks: z.number().int().describe('health checks effective in the year'), evidence });
export const healthChecksSchema = z.object({
  year: z.number().int(),
  referenceDate: date,
  yearBegun,
  ...common,
  required: z.number().int().describe('health checks a cadre needs in the year under the policy version in effect (care.healthChecksPerYear)'),
  missing: z.array(healthLine),
  held: z.array(healthLine),
  townships: z.array(z.object({ ...orgUnit, cadres: z.number().int(), missing: z.number().int() })),
  cadres: z.number().int().describe('the township cadres, each once (one in posts of two townships counts in both townships, once here)'),
});

/** Compiles only while every domain answer still has every documented field, with its type. */
export const REPORT_SCHEMAS_MATCH_THE_DOMAIN: [
  Documents<TeamCompositionReport, typeof teamCompositionSchema>,
  Documents<PromotionPoolReport, typeof promotionPoolSchema>,
  Documents<TrainingReport, typeof trainingSchema>,
  Documents<DepartmentRatingsReport, typeof departmentRatingsSchema>,
  Documents<RecommendationsReport, typeof recommendationsSchema>,
  Documents<SecretarySeatsReport, typeof secretarySeatsSchema>,
  Documents<FocusLedgerReport, typeof focusLedgerSchema>,
  Documents<ReminderTalksReport, typeof reminderTalksSchema>,
  Documents<TalksReport, typeof talksSchema>,
  Documents<HealthChecksReport, typeof healthChecksSchema>,
] = [true, true, true, true, true, true, true, true, true, true];
