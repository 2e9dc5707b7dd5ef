/**
 * The ten measures' reports (issue 13): their names, parameters and the pure functions of
 * libs/domain/src/reports behind them. ReadModelQueries.report answers them like the read models:
 * from every cadre's facts in the projection tables (cached between requests), with `knownAt`
 * filtered by `recordedAt` (T1, `factsKnownAt`).
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  COUNTY_WIDE_REFUSAL,
  departmentRatingsReport,
  focusLedgerReport,
  healthChecksReport,
  identifierSchema,
  promotionPoolReport,
  recommendationsReport,
  reminderTalksReport,
  secretarySeatsReport,
  talksReport,
  teamCompositionReport,
  trainingReport,
  type CalendarDate,
  type LedgerFacts,
} from '@ledger/domain';
import { knownAtParamSchema, yearParamSchema } from './query-params';

/** Parameters of a report dated by `asOf` (default: today). */
export const asOfReportParamsSchema = z
  .object({ asOf: calendarDateSchema.optional(), township: identifierSchema.optional(), knownAt: knownAtParamSchema.optional() })
  .strict();
/** Parameters of a report of a calendar year. */
export const yearReportParamsSchema = z.object({ year: yearParamSchema, township: identifierSchema.optional(), knownAt: knownAtParamSchema.optional() }).strict();

/** Why a county-wide report refuses `township` (here and in the API's refusal of the parameter; its Chinese: SCHEMA_MESSAGES_ZH). */
export { COUNTY_WIDE_REFUSAL };
/** A county-wide report refuses `township` by name, rather than answer for the whole county as if it had filtered. */
const noTownship = { township: z.never({ error: COUNTY_WIDE_REFUSAL }).optional() };
const countyWideAsOfSchema = asOfReportParamsSchema.extend(noTownship);
const countyWideYearSchema = yearReportParamsSchema.extend(noTownship);

export type AsOfReportParams = z.output<typeof asOfReportParamsSchema> & { asOf: CalendarDate };
/**
 * `today`: a year's report counts what is effective by it (T4). Scores, ratings and reminder talks
 * of year Y come after Y; one dated after today is scheduled, not yet held (found by a review).
 */
export type YearReportParams = z.output<typeof yearReportParamsSchema> & { today?: CalendarDate };

const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Every report: its rule, whether it is dated by a day or a year, whether it lists townships (and so takes `township`), and the pure function behind it. */
export const REPORTS = {
  'team-composition': { township: true, rule: 'TM1', dated: 'asOf', run: (f: LedgerFacts, p: AsOfReportParams) => teamCompositionReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'promotion-pool': { township: false, rule: 'TM2', dated: 'asOf', run: (f: LedgerFacts, p: AsOfReportParams) => promotionPoolReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt) }) },
  training: { township: true, rule: 'TM3', dated: 'year', run: (f: LedgerFacts, p: YearReportParams) => trainingReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township), ...opt('asOf', p.today) }) },
  'department-ratings': { township: false, rule: 'TM5', dated: 'year', run: (f: LedgerFacts, p: YearReportParams) => departmentRatingsReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('asOf', p.today) }) },
  recommendations: { township: false, rule: 'TM5', dated: 'asOf', run: (f: LedgerFacts, p: AsOfReportParams) => recommendationsReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt) }) },
  'secretary-seats': {
    township: true,
    rule: 'TM5',
    dated: 'asOf',
    run: (f: LedgerFacts, p: AsOfReportParams) => secretarySeatsReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }),
  },
  'focus-ledger': { township: true, rule: 'TM7', dated: 'asOf', run: (f: LedgerFacts, p: AsOfReportParams) => focusLedgerReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'reminder-talks': { township: false, rule: 'TM7', dated: 'year', run: (f: LedgerFacts, p: YearReportParams) => reminderTalksReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('asOf', p.today) }) },
  talks: { township: true, rule: 'TM8', dated: 'year', run: (f: LedgerFacts, p: YearReportParams) => talksReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township), ...opt('asOf', p.today) }) },
  'health-checks': { township: true, rule: 'TM8', dated: 'year', run: (f: LedgerFacts, p: YearReportParams) => healthChecksReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township), ...opt('asOf', p.today) }) },
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export const reportNameSchema = z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]);

/** The parameters a report takes: `asOf` or `year`, `knownAt`, and `township` where it lists townships. */
export function reportParamsSchema(name: ReportName): z.ZodType<Partial<AsOfReportParams> | YearReportParams, Record<string, unknown>> {
  const report = REPORTS[name];
  if (report.dated === 'year') return report.township ? yearReportParamsSchema : countyWideYearSchema;
  return report.township ? asOfReportParamsSchema : countyWideAsOfSchema;
}

/** Validates a report's parameters (a ZodError names the field); `today` fills a missing `asOf`, and dates a year's report (T4). */
export function parseReportParams(name: ReportName, input: Record<string, unknown>, today: CalendarDate): AsOfReportParams | YearReportParams {
  const p = reportParamsSchema(name).parse(input);
  return REPORTS[name].dated === 'year' ? { ...(p as YearReportParams), today } : { ...(p as Partial<AsOfReportParams>), asOf: (p as Partial<AsOfReportParams>).asOf ?? today };
}

/** The report from a set of facts (the pure answer; the property test compares against a fold of the store). */
export function reportFromFacts(name: ReportName, facts: LedgerFacts, params: AsOfReportParams | YearReportParams): unknown {
  const report = REPORTS[name];
  return report.dated === 'year' ? (report.run as (f: LedgerFacts, p: YearReportParams) => unknown)(facts, params as YearReportParams) : (report.run as (f: LedgerFacts, p: AsOfReportParams) => unknown)(facts, params as AsOfReportParams);
}


