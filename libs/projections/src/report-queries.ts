/**
 * The ten measures' reports (issue 13), answered like the read models: without `knownAt` from the
 * projection tables (every cadre's facts, one consistent snapshot); with `knownAt` by a pure fold
 * over the events recorded by then (T1). The reports themselves are the pure functions of
 * libs/domain/src/reports; this file only names them, validates their parameters and loads facts.
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  departmentRatingsReport,
  focusLedgerReport,
  healthChecksReport,
  identifierSchema,
  ledgerFactsOf,
  promotionPoolReport,
  recommendationsReport,
  reminderTalksReport,
  secretarySeatsReport,
  talksReport,
  teamCompositionReport,
  trainingReport,
  measureFindings,
  ruleMatches,
  type CalendarDate,
  type ComplianceFinding,
  type LedgerFacts,
  type MeasureFinding,
  type MeasureFindingsFilter,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import type postgres from 'postgres';
import { knownAtSchema } from './query-params';
import { loadFacts, readLedgerEvents } from './read-model-queries';

const yearSchema = z.coerce.number().int().min(1900).max(2999);

/** Parameters of a report dated by `asOf` (default: today). */
export const asOfReportParamsSchema = z
  .object({ asOf: calendarDateSchema.optional(), township: identifierSchema.optional(), knownAt: knownAtSchema.optional() })
  .strict();
/** Parameters of a report of a calendar year. */
export const yearReportParamsSchema = z.object({ year: yearSchema, township: identifierSchema.optional(), knownAt: knownAtSchema.optional() }).strict();

type AsOfParams = z.output<typeof asOfReportParamsSchema> & { asOf: CalendarDate };
type YearParams = z.output<typeof yearReportParamsSchema>;

const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Every report: its rule, whether it is dated by a day or a year, and the pure function behind it. */
export const REPORTS = {
  'team-composition': { rule: 'TM1', dated: 'asOf', run: (f: LedgerFacts, p: AsOfParams) => teamCompositionReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'promotion-pool': { rule: 'TM2', dated: 'asOf', run: (f: LedgerFacts, p: AsOfParams) => promotionPoolReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt) }) },
  training: { rule: 'TM3', dated: 'year', run: (f: LedgerFacts, p: YearParams) => trainingReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'department-ratings': { rule: 'TM5', dated: 'year', run: (f: LedgerFacts, p: YearParams) => departmentRatingsReport(f, { year: p.year, ...opt('knownAt', p.knownAt) }) },
  recommendations: { rule: 'TM5', dated: 'asOf', run: (f: LedgerFacts, p: AsOfParams) => recommendationsReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt) }) },
  'secretary-seats': {
    rule: 'TM5',
    dated: 'asOf',
    run: (f: LedgerFacts, p: AsOfParams) => secretarySeatsReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }),
  },
  'focus-ledger': { rule: 'TM7', dated: 'asOf', run: (f: LedgerFacts, p: AsOfParams) => focusLedgerReport(f, { asOf: p.asOf, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'reminder-talks': { rule: 'TM7', dated: 'year', run: (f: LedgerFacts, p: YearParams) => reminderTalksReport(f, { year: p.year, ...opt('knownAt', p.knownAt) }) },
  talks: { rule: 'TM8', dated: 'year', run: (f: LedgerFacts, p: YearParams) => talksReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
  'health-checks': { rule: 'TM8', dated: 'year', run: (f: LedgerFacts, p: YearParams) => healthChecksReport(f, { year: p.year, ...opt('knownAt', p.knownAt), ...opt('township', p.township) }) },
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export const reportNameSchema = z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]);

/** Validates a report's parameters (a ZodError names the field); `today` fills a missing `asOf`. */
export function parseReportParams(name: ReportName, input: Record<string, unknown>, today: CalendarDate): AsOfParams | YearParams {
  if (REPORTS[name].dated === 'year') return yearReportParamsSchema.parse(input);
  const p = asOfReportParamsSchema.parse(input);
  return { ...p, asOf: p.asOf ?? today };
}

/** The report from a set of facts (the pure answer; the property test compares against a fold of the store). */
export function reportFromFacts(name: ReportName, facts: LedgerFacts, params: AsOfParams | YearParams): unknown {
  const report = REPORTS[name];
  return report.dated === 'year' ? (report.run as (f: LedgerFacts, p: YearParams) => unknown)(facts, params as YearParams) : (report.run as (f: LedgerFacts, p: AsOfParams) => unknown)(facts, params as AsOfParams);
}

export class ReportQueries {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly store: EventStore,
  ) {}

  async run(name: ReportName, params: AsOfParams | YearParams): Promise<unknown> {
    const facts =
      params.knownAt !== undefined
        ? ledgerFactsOf(await readLedgerEvents(this.store, params.knownAt))
        : await (this.sql.begin('isolation level repeatable read, read only', (tx) => loadFacts(tx, 'all')) as Promise<LedgerFacts>);
    return reportFromFacts(name, facts, params);
  }
}

/** Compliance findings of the ten measures and N4 (the report-based ones), from the tables' facts. */
export async function queryMeasureFindings(sql: postgres.Sql, filter: MeasureFindingsFilter): Promise<MeasureFinding[]> {
  const facts = await (sql.begin('isolation level repeatable read, read only', (tx) => loadFacts(tx, 'all')) as Promise<LedgerFacts>);
  return measureFindings(facts, filter);
}

/** Whether a listed finding (override, TM4 or measure) concerns the rule asked for. */
export function findingConcerns(f: ComplianceFinding | MeasureFinding, rule: string | undefined): boolean {
  if (rule === undefined) return true;
  return f.kind === 'OVERRIDE' ? f.rules.some((r) => ruleMatches(r, rule)) : ruleMatches(f.rule, rule);
}
