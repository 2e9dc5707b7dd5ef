/**
 * The ten measures' reports (EVENTS.md contract table): GET /v1/reports/{name}. The handler only
 * parses and calls; ReadModelQueries (libs/projections) loads the facts and the pure report decides.
 */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseReportParams, ReadModelQueries, REPORT_NAMES, reportNameSchema } from '@ledger/projections';
import { Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { CLOCK } from '../platform/tokens';

const DESCRIPTION = [
  'team-composition (TM1, asOf, township): members, ages, township experience, team and county checks',
  'promotion-pool (TM2, asOf): secretary-experienced cadres, chief appointments from the preferred pool, priority graduates',
  'training (TM3, year, township): chiefs and leaders without training, per township; temporary postings',
  'department-ratings (TM5, year): township chiefs’ ratings per county department',
  'recommendations (TM5, asOf): recommendations with their outcome',
  'secretary-seats (TM5, asOf, township): secretaries with and without a county-level seat',
  'focus-ledger (TM7, asOf): the focus-cultivation ledger',
  'reminder-talks (TM7, year): the lowest-scoring townships, ties included, and their reminder talks; EXCELLENT counts per class',
  'talks (TM8, year, township): heart-to-heart talk pairs held and missing',
  'health-checks (TM8, year, township): health checks missing per township',
].join('; ');

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':name')
  @Requires('readReports')
  @ApiOperation({ summary: 'A report of the ten measures, naming the policy version and the evidence (event ids) of every line', description: DESCRIPTION })
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (reports dated by a day; default today, Asia/Shanghai)' })
  @ApiQuery({ name: 'year', required: false, type: Number, description: 'calendar year (training, department-ratings, reminder-talks, talks, health-checks: required)' })
  @ApiQuery({ name: 'township', required: false, description: 'only this township (where the report lists townships)' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO-8601 instant: answer as the ledger stood then' })
  report(@Param('name') name: string, @Query() query: Record<string, unknown>): Promise<unknown> {
    const parsed = reportNameSchema.safeParse(name);
    if (!parsed.success) throw badRequest('name', `one of ${REPORT_NAMES.join(', ')}`);
    try {
      return this.queries.report(parsed.data, parseReportParams(parsed.data, query, this.clock.today()));
    } catch (error) {
      if (error instanceof z.ZodError) {
        const issue = error.issues[0];
        if (issue?.code === 'unrecognized_keys') throw badRequest(issue.keys[0] ?? '(query)', 'unknown query parameter');
        throw badRequest(String(issue?.path[0] ?? '(query)'), issue?.message ?? 'invalid');
      }
      throw error;
    }
  }
}
