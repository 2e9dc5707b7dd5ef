/**
 * The ten measures' reports (EVENTS.md contract table): GET /v1/reports/{name}, one documented
 * route per name (its parameters and its answer's schema in /docs), and the generic `{name}` route
 * behind them that names the valid reports on a typo. The handlers only parse and call;
 * ReadModelQueries (libs/projections) loads the facts and the pure report decides.
 */
import { applyDecorators, Controller, Get, Inject, Param, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { COUNTY_WIDE_REFUSAL, parseReportParams, ReadModelQueries, REPORT_NAMES, REPORTS, reportNameSchema, type Behind, type ReportName } from '@ledger/projections';
import { Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { badRequest, queryIssueError } from '../platform/errors';
import { QueryRefusals } from '../platform/known-query.guard';
import { CLOCK } from '../platform/tokens';
import * as schemas from './report-schemas';
import { PROBLEM_REF, Problems } from '../platform/problem-responses';
import { BehindInterceptor } from '../platform/behind.interceptor';
import type { HttpResponse } from '../platform/http';
import { EXPORT_BUSY_MEANING, FORMAT_QUERY, JsonOrXlsx, takeFormat, workbookAnswer, XLSX_DISPOSITION_HEADER } from '../platform/xlsx-answer';
import { namedZh } from '@ledger/domain';
import { behindNoticeZh, reportDocumentZh, reportWorkbookZh, XLSX_MEDIA_TYPE } from '@ledger/tables';

class TeamCompositionReportDto extends createZodDto(schemas.teamCompositionSchema) {}
class PromotionPoolReportDto extends createZodDto(schemas.promotionPoolSchema) {}
class TrainingReportDto extends createZodDto(schemas.trainingSchema) {}
class DepartmentRatingsReportDto extends createZodDto(schemas.departmentRatingsSchema) {}
class RecommendationsReportDto extends createZodDto(schemas.recommendationsSchema) {}
class SecretarySeatsReportDto extends createZodDto(schemas.secretarySeatsSchema) {}
class FocusLedgerReportDto extends createZodDto(schemas.focusLedgerSchema) {}
class ReminderTalksReportDto extends createZodDto(schemas.reminderTalksSchema) {}
class TalksReportDto extends createZodDto(schemas.talksSchema) {}
class HealthChecksReportDto extends createZodDto(schemas.healthChecksSchema) {}

/** Each report: what it answers and its answer's schema (whether it takes `township`: REPORTS). */
const DOCS: Record<ReportName, { summary: string; dto: new () => unknown }> = {
  'team-composition': { summary: 'TM1: each township team on asOf (members, ages, township work and leadership years) with its checks; county shares under 35', dto: TeamCompositionReportDto },
  'promotion-pool': { summary: 'TM2: cadres with party-secretary experience, chief appointments from the preferred pool with the share per year, priority graduates', dto: PromotionPoolReportDto },
  training: { summary: 'TM3: chiefs without training in the year, leaders without one in the three years ending with it, counts per township, temporary postings', dto: TrainingReportDto },
  'department-ratings': { summary: 'TM5(a): township chiefs’ ratings of each county department (work, management, service) in the year', dto: DepartmentRatingsReportDto },
  recommendations: { summary: 'TM5(b): recommendations by township party secretaries with their outcome (the later appointment)', dto: RecommendationsReportDto },
  'secretary-seats': { summary: 'TM5(c): township party secretaries with and without a county-level seat', dto: SecretarySeatsReportDto },
  'focus-ledger': { summary: 'TM7: the focus-cultivation ledger (chiefs EXCELLENT three consecutive years in post) with entry dates', dto: FocusLedgerReportDto },
  'reminder-talks': { summary: 'TM7: the townships with the three lowest scores of the year (ties included), their chiefs’ reminder talks; EXCELLENT counts per class', dto: ReminderTalksReportDto },
  talks: { summary: 'TM8: heart-to-heart talk pairs held and missing in the year', dto: TalksReportDto },
  'health-checks': { summary: 'TM8: health checks held and missing in the year, per township', dto: HealthChecksReportDto },
};

const KNOWN_AT = { name: 'knownAt', required: false, description: 'ISO-8601 instant (a bare date: the end of that day in Asia/Shanghai): answer as the ledger stood then' };

/** The decorators of one report's route: its path, capability, parameters and answer. */
function ReportRoute(name: ReportName) {
  const doc = DOCS[name];
  const dated =
    REPORTS[name].dated === 'year'
      ? ApiQuery({ name: 'year', required: true, type: Number, description: 'calendar year, e.g. 2025' })
      : ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (default: today, Asia/Shanghai)' });
  return applyDecorators(
    Get(name),
    Requires('readReports'),
    ApiOperation({ summary: doc.summary, description: `CLI: \`report ${name}\`. Every line names its rule and the evidence (event ids); the answer names the policy version.` }),
    dated,
    ...(REPORTS[name].township ? [ApiQuery({ name: 'township', required: false, description: 'only this township (org unit id; one the ledger does not know is a 404)' }), Problems(404)] : [QueryRefusals({ township: COUNTY_WIDE_REFUSAL })]),
    ApiQuery(KNOWN_AT),
    JsonOrXlsx(doc.dto, 'the report', '; one sheet a kind of table'),
  );
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(...Object.values(DOCS).map((d) => d.dto))
@UseInterceptors(BehindInterceptor)
@Controller('v1/reports')
export class ReportsController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportRoute('team-composition')
  teamComposition(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('team-composition', q, res);
  }

  @ReportRoute('promotion-pool')
  promotionPool(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('promotion-pool', q, res);
  }

  @ReportRoute('training')
  training(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('training', q, res);
  }

  @ReportRoute('department-ratings')
  departmentRatings(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('department-ratings', q, res);
  }

  @ReportRoute('recommendations')
  recommendations(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('recommendations', q, res);
  }

  @ReportRoute('secretary-seats')
  secretarySeats(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('secretary-seats', q, res);
  }

  @ReportRoute('focus-ledger')
  focusLedger(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('focus-ledger', q, res);
  }

  @ReportRoute('reminder-talks')
  reminderTalks(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('reminder-talks', q, res);
  }

  @ReportRoute('talks')
  talks(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('talks', q, res);
  }

  @ReportRoute('health-checks')
  healthChecks(@Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse) {
    return this.answer('health-checks', q, res);
  }

  // Declared last: the named routes above answer first; this one names the valid reports on a typo.
  @Get(':name')
  @Requires('readReports')
  @ApiOperation({
    summary: 'Any report of the ten measures by name (each also has its own route, with its parameters and answer)',
    description: REPORT_NAMES.map((n) => `${n} (${REPORTS[n].dated}${REPORTS[n].township ? ', township' : ''}; also GET /v1/reports/${n}): ${DOCS[n].summary}`).join('; '),
  })
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (reports dated by a day; default today, Asia/Shanghai)' })
  @ApiQuery({ name: 'year', required: false, type: Number, description: 'calendar year (training, department-ratings, reminder-talks, talks, health-checks: required)' })
  @ApiQuery({ name: 'township', required: false, description: `only this township: ${REPORT_NAMES.filter((n) => REPORTS[n].township).join(', ')}; the others are county-wide and refuse it` })
  @ApiQuery(KNOWN_AT)
  @ApiQuery(FORMAT_QUERY)
  @ApiResponse({ status: 429, description: EXPORT_BUSY_MEANING, schema: PROBLEM_REF })
  @Problems(404)
  @ApiOkResponse({
    description: 'the named report’s answer (format=json, the default), or the same as an Excel workbook (format=xlsx)',
    headers: XLSX_DISPOSITION_HEADER,
    content: {
      'application/json': { schema: { oneOf: Object.values(DOCS).map((d) => ({ $ref: getSchemaPath(d.dto) })) } },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary', description: 'the report as an Excel workbook (format=xlsx)' } },
    },
  })
  report(@Param('name') name: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const parsed = reportNameSchema.safeParse(name);
    if (!parsed.success) throw badRequest('name', `one of ${REPORT_NAMES.join(', ')}`, `须为以下报表之一：${REPORT_NAMES.join('、')}`);
    return this.answer(parsed.data, query, res);
  }

  private async answer(name: ReportName, query: Record<string, unknown>, res: HttpResponse): Promise<unknown> {
    const { format, rest } = takeFormat(query);
    let params: ReturnType<typeof parseReportParams>;
    try {
      params = parseReportParams(name, rest, this.clock.today());
    } catch (error) {
      if (error instanceof z.ZodError) throw queryIssueError(error.issues[0]);
      throw error;
    }
    const answer = (await this.queries.report(name, params)) as { behind?: Behind };
    if (format === 'json') return answer;
    return this.workbook(name, answer, params, res);
  }

  /** The report as the CLI prints it, as a workbook: its township named as the CLI names it in the title. */
  private async workbook(name: ReportName, answer: { behind?: Behind }, params: ReturnType<typeof parseReportParams>, res: HttpResponse): Promise<StreamableFile> {
    const directory = params.township === undefined ? null : await this.queries.orgUnits(params.knownAt !== undefined ? { knownAt: params.knownAt } : {});
    const township = params.township === undefined ? undefined : namedZh(directory?.orgUnits.find((u) => u.orgUnitId === params.township)?.name ?? null, params.township);
    const notices = [behindNoticeZh(answer.behind)].filter((l): l is string => l !== null);
    return workbookAnswer(res, reportWorkbookZh(reportDocumentZh(name, answer, township), notices), `report-${name}`, answer.behind);
  }
}
