/**
 * Compliance findings and the appeals list, from the "compliance" projection:
 * GET /v1/findings?orgUnitId=&year=&asOf=  and  GET /v1/appeals?status=open|decided|all&asOf=&knownAt=.
 */
import { Controller, Get, Inject, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { appealsWorkbookZh, findingsWorkbookZh } from '@ledger/tables';
import { createZodDto } from 'nestjs-zod';
import { appealsParamsSchema, findingsParamsSchema, ReadModelQueries, type AppealsAnswer, type FindingsAnswer, type ReadAnswer } from '@ledger/projections';
import { Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { parseQuery } from '../platform/query-params';
import { CLOCK } from '../platform/tokens';
import { appealsSchema } from './appeals-schema';
import { findingsSchema } from './findings-schema';
import { Problems } from '../platform/problem-responses';
import { BehindInterceptor } from '../platform/behind.interceptor';
import type { HttpResponse } from '../platform/http';
import { JsonOrXlsx, takeFormat, workbookAnswer } from '../platform/xlsx-answer';

class AppealsDto extends createZodDto(appealsSchema) {}
class FindingsDto extends createZodDto(findingsSchema) {}

const APPEAL_STATUS_FILTER = { open: 'OPEN', decided: 'DECIDED', all: 'ALL' } as const;

@ApiTags('compliance')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1')
export class ComplianceController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(['findings', 'compliance/findings'])
  @Requires('readFindings')
  @ApiOperation({
    summary:
      'Compliance findings: overrides (who, when, why, which rule), TM4 township findings, upheld appeals whose remedy was never recorded (APPEAL_REMEDY_MISSING), and those of TM1, TM3, TM5, TM6, TM7, TM8, TM10 and N4',
  })
  @ApiQuery({ name: 'rule', type: String, required: false, description: 'a rule id (TM1, TM4, N4…) or a refinement (TM1.chief-experience), in any case; a rule no finding carries is a 400 listing those that do' })
  @ApiQuery({ name: 'township', type: String, required: false, description: 'same as orgUnitId' })
  @ApiQuery({ name: 'orgUnitId', type: String, required: false, description: 'an org unit the ledger knows (a 404 otherwise)' })
  @Problems(404)
  @ApiQuery({ name: 'year', required: false, type: Number })
  @ApiQuery({ name: 'asOf', type: String, required: false, description: 'YYYY-MM-DD; open vacancies are measured to it (default today)' })
  @ApiQuery({ name: 'knownAt', type: String, required: false, description: 'ISO-8601 instant (a bare date: the end of that day, Beijing time): as the ledger knew it then' })
  @JsonOrXlsx(FindingsDto, 'the findings')
  async findings(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<ReadAnswer<FindingsAnswer> | StreamableFile> {
    const { format, rest } = takeFormat(query);
    const { township, orgUnitId, asOf, year, rule, knownAt } = parseQuery(findingsParamsSchema, rest);
    const unit = orgUnitId ?? township;
    const answer = await this.queries.findings({
      asOf: asOf ?? this.clock.today(),
      ...(knownAt !== undefined ? { knownAt } : {}),
      ...(unit !== undefined ? { orgUnitId: unit } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(rule !== undefined ? { rule } : {}),
    });
    if (format === 'json') return answer;
    // The unit's name for the caption when no finding names it, as the CLI finds it.
    const directory = unit === undefined ? null : await this.queries.orgUnits(knownAt !== undefined ? { knownAt } : {});
    const directoryName = directory?.orgUnits.find((u) => u.orgUnitId === unit)?.name ?? null;
    return workbookAnswer(res, findingsWorkbookZh(answer, directoryName), `findings-${answer.asOf}`, answer.behind);
  }

  @Get('appeals')
  @Requires('readHistory')
  @ApiOperation({ summary: 'Appeals (复核/申诉) with their N5 deadlines, late filings and overdue decisions' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'decided', 'all'] })
  @ApiQuery({ name: 'asOf', type: String, required: false, description: 'YYYY-MM-DD; the deadlines are measured to it, decisions dated after it are not yet made (default today)' })
  @ApiQuery({ name: 'knownAt', type: String, required: false, description: 'ISO-8601 instant (a bare date: the end of that day, Beijing time): as the ledger knew it then' })
  @JsonOrXlsx(AppealsDto, 'the appeals')
  async appeals(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<ReadAnswer<AppealsAnswer> | StreamableFile> {
    const { format, rest } = takeFormat(query);
    const { status, asOf, knownAt } = parseQuery(appealsParamsSchema, rest);
    const today = this.clock.today();
    const answer = await this.queries.appeals({ asOf: asOf ?? today, ...(knownAt !== undefined ? { knownAt } : {}) }, APPEAL_STATUS_FILTER[status]);
    if (format === 'json') return answer;
    return workbookAnswer(res, appealsWorkbookZh(answer, status, today), `appeals-${status}-${answer.asOf}`, answer.behind);
  }

}
