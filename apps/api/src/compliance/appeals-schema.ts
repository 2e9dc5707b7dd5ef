/**
 * GET /v1/appeals as /docs/openapi.json documents it: each appeal (复核/申诉) with its N5 deadlines.
 * Checked against AppealsAnswer at compile time.
 */
import { z } from 'zod';
import { gradeSchema, sanctionKindSchema } from '@ledger/domain';
import type { AppealsAnswer } from '@ledger/projections';
import { answerCommon, dateSchema, type Documents } from '../platform/answer-schemas';

export const appealsSchema = z.object({
  today: dateSchema.describe('the day the deadlines are measured to (Asia/Shanghai): asOf'),
  asOf: dateSchema.describe('the day asked about (default today, Asia/Shanghai)'),
  knownAt: z.string().nullable().describe('as known at this instant, when asked'),
  behind: answerCommon.behind,
  appeals: z.array(
    z.object({
      appealId: z.string(),
      cadreId: z.string(),
      cadreName: z.string().nullable(),
      targetEventId: z.string().describe('the decision appealed'),
      target: z
        .union([
          z.object({
            type: z.literal('SanctionImposed'),
            effectiveDate: dateSchema,
            sanctionId: z.string(),
            sanctionKind: sanctionKindSchema,
            retracted: z.boolean(),
            correctedByDecision: z.boolean(),
            rescinded: z.boolean().describe('a rescission that stands (TM9) has lifted the sanction since'),
            rescindedByDecision: z.boolean().describe('that rescission is this appeal’s own decision’s remedy (RESCIND_SANCTION)'),
          }),
          z.object({ type: z.literal('AnnualAssessmentRecorded'), effectiveDate: dateSchema, year: z.number().int(), grade: gradeSchema, retracted: z.boolean(), correctedByDecision: z.boolean() }),
          z.null(),
        ])
        .describe('the decision appealed as the cadre\'s record holds it (a sanction or an annual assessment); retracted: struck out since by a clerical correction; correctedByDecision: struck out by this appeal’s own decision, its remedy recording the grade in its place; null when the read models hold no such event of the cadre'),
      stage: z.enum(['REVIEW', 'APPEAL']).describe('复核 or 申诉'),
      filedOn: dateSchema,
      filedBy: z.string(),
      status: z.enum(['OPEN', 'DECIDED']),
      outcome: z.enum(['UPHELD', 'PARTIALLY_UPHELD', 'DISMISSED']).nullable(),
      decidedOn: dateSchema.nullable(),
      decidedBy: z.string().nullable(),
      decisionEventId: z.string().nullable().describe('the AppealDecided event, once decided'),
      decidedAfterDue: z.boolean().describe('decided after the ordinary period (decisionDue); for an appeal (申诉), in the extension or later'),
      decidedLate: z.boolean().describe('decided after the last day allowed, the extension included (N5 not kept)'),
      pastDecisionDue: z.boolean().describe('open after the ordinary decision period (decisionDue); for an appeal (申诉) the 30-day extension, allowed in complex cases, then runs'),
      overdue: z.boolean().describe('open after its decision was due, the extension included (decisionDueExtended)'),
      policyVersion: z.string(),
      scheduled: z.boolean().describe('filed with an effective date after asOf (T4): listed, its periods not yet running'),
      decisionScheduled: z
        .object({ decidedOn: dateSchema, outcome: z.enum(['UPHELD', 'PARTIALLY_UPHELD', 'DISMISSED']), decisionEventId: z.string() })
        .nullable()
        .describe('a decision recorded but dated after asOf (T4): the appeal is open on asOf, while a rescission or retraction its remedy wrote is void from its start once known (TM9); see OPEN-QUESTIONS §24'),
      filingDeadline: dateSchema,
      filingDeadlineFrom: z.union([
        z.object({ basis: z.literal('LEARNED_OF_DECISION'), date: dateSchema }),
        z.object({ basis: z.literal('REVIEW_DECIDED'), date: dateSchema, reviewAppealId: z.string() }),
      ]),
      filedLate: z.boolean().describe('filed after the deadline: recorded, flagged (N5)'),
      decisionDue: dateSchema,
      decisionDueExtended: dateSchema.nullable(),
    }),
  ),
});

export const APPEALS_SCHEMA_MATCHES: Documents<AppealsAnswer, typeof appealsSchema> = true;
