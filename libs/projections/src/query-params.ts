/**
 * Query parameters of the read-model routes (apps/api) and CLI commands (apps/cli), validated with zod: a bad value is
 * a 400 naming the field (the error filter maps ZodError), never a 500 or a silent default.
 */
import { z } from 'zod';
import { calendarDateSchema, canonicalFindingRule, orgUnitKindSchema, cycleSchema, FINDING_RULE_FILTERS, FINDING_RULE_MESSAGE, identifierSchema, knownAtSchema, TOWNSHIP_FILTER_MESSAGE, YEAR_PARAM_MESSAGE } from '@ledger/domain';

/**
 * T1: an answer as known at an instant never changes once given, which only an instant already past
 * allows. A later one (a bare date of today stands for its end; 2099 for "everything") is answered
 * as known now, and the answer's `knownAt` says which instant that was (found by a review: an
 * answer as known at 2099 changed with the next write). Every write acknowledged before the
 * question is in it (read your writes). Over HTTP, KnownAtSettledGuard settles the appends in
 * flight up to that instant and hands the route the very instant it settled; the CLI settles
 * after parsing, up to a later instant still. The process's clock; recordedAt is the database's,
 * the same machine's or one kept in step by NTP.
 */
export function noLaterThanNow(instant: string, now: number = Date.now()): string {
  return Date.parse(instant) > now ? new Date(now).toISOString() : instant;
}


/** `knownAt` as every read asks it, over HTTP and in the CLI: knownAtSchema, no later than now. */
export const knownAtParamSchema = knownAtSchema.transform((instant) => noLaterThanNow(instant));

export const eligibilityParamsSchema = z
  .object({
    asOf: calendarDateSchema.optional(),
    knownAt: knownAtParamSchema.optional(),
    /** Only this cadre (still only if a township chief on the date): one officer's question, answered without the others. */
    cadreId: identifierSchema.optional(),
    /** Only the chiefs of this township on the date. */
    township: identifierSchema.optional(),
    /** Only those who are (true) or are not (false) eligible. */
    eligible: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();

export const candidatesParamsSchema = z
  .object({ cycle: cycleSchema, knownAt: knownAtParamSchema.optional(), asOf: calendarDateSchema.optional() })
  .strict();

export const tenureParamsSchema = z
  .object({ cadreId: identifierSchema, asOf: calendarDateSchema.optional(), knownAt: knownAtParamSchema.optional() })
  .strict();

/** A cadre's history (and the CLI's `history`): both dates optional. */
export const historyParamsSchema = z
  .object({ cadreId: identifierSchema, asOf: calendarDateSchema.optional(), knownAt: knownAtParamSchema.optional() })
  .strict();

/** What the ledger said on knownAt about asOf (asOf required). */
export const stateParamsSchema = z.object({ cadreId: identifierSchema, asOf: calendarDateSchema, knownAt: knownAtParamSchema.optional() }).strict();

const YEAR = YEAR_PARAM_MESSAGE;

/** A calendar year, from a query string or a CLI option: anything else (`abc`, 1066, 2021.5) is refused with one message. */
// Four digits as written, not whatever Number() reads (found by a review: 0x7E9 and " 2025" were 2025).
const yearValueSchema = z
  .union([z.number(), z.string().regex(/^\d{4}$/).transform(Number)], { error: YEAR })
  .pipe(z.number({ error: YEAR }).int(YEAR).min(1900, YEAR).max(2999, YEAR));

/**
 * A year a report needs: one left out is said to be required (`year：必须填写`), by the same issue
 * a `cycle` left out of the candidates gets (zod's invalid_type, received undefined, which
 * zodIssueZh says as 必须填写), not as a year written wrong (found by an API review: `GET
 * /v1/reports/training` without a year answered “year：须为四位年份，如 2021”). `.optional()` still
 * takes it out (findings).
 */
export const yearParamSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'string', input: value });
  })
  .pipe(yearValueSchema);

/** A rule id (TM1, N4) or one of its refinements (TM1.chief-experience), in any case; one the findings never carry is refused. */
const ruleIdSchema = z
  .string()
  .transform((value, ctx) => {
    const rule = canonicalFindingRule(value);
    if (rule === undefined) ctx.addIssue({ code: 'custom', message: `${FINDING_RULE_MESSAGE}: ${FINDING_RULE_FILTERS.join(', ')}` });
    return rule ?? value;
  });

/** Compliance findings: `asOf` defaults to today (the caller's clock), `township` is the contract's name for `orgUnitId`. */
export const findingsParamsSchema = z
  .object({
    asOf: calendarDateSchema.optional(),
    knownAt: knownAtParamSchema.optional(),
    rule: ruleIdSchema.optional(),
    orgUnitId: identifierSchema.optional(),
    township: identifierSchema.optional(),
    year: yearParamSchema.optional(),
  })
  .strict()
  // `township` is `orgUnitId` by its contract name: two different values are one question too many.
  .refine((p) => p.orgUnitId === undefined || p.township === undefined || p.orgUnitId === p.township, {
    message: TOWNSHIP_FILTER_MESSAGE,
    path: ['township'],
  });

/** The appeals list: open ones unless asked otherwise (the CLI's `--all` is `status: all`). */
export const appealsParamsSchema = z
  .object({
    status: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(['open', 'decided', 'all'])).default('open'),
    asOf: calendarDateSchema.optional(),
    knownAt: knownAtParamSchema.optional(),
  })
  .strict();

/** The org-unit directory (单位名录): all kinds unless one is asked for, as known at `knownAt`. */
// A kind in any case, as the findings' rule and the appeals' status are taken (found by a CLI review: --kind township refused, --rule tm4 taken).
export const orgUnitDirectoryParamsSchema = z
  .object({ kind: z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), orgUnitKindSchema).optional(), knownAt: knownAtParamSchema.optional() })
  .strict();
export type OrgUnitDirectoryParams = z.output<typeof orgUnitDirectoryParamsSchema>;
