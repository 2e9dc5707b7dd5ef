/**
 * Compliance findings and the appeals list, from the "compliance" projection:
 * GET /v1/findings?orgUnitId=&year=&asOf=  and  GET /v1/appeals?status=open|decided|all.
 */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Query as CqrsQuery, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { calendarDateSchema, type CalendarDate } from '@ledger/domain';
import { ReadModelQueries, type AppealsAnswer, type FindingsAnswer, type ReadAnswer } from '@ledger/projections';
import { Requires } from '../auth/auth.decorators';
import { aggregateIdSchema } from '../career/career-event-body';
import type { Clock } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { CLOCK } from '../platform/tokens';

export class FindingsQuery extends CqrsQuery<ReadAnswer<FindingsAnswer>> {
  constructor(
    readonly asOf: CalendarDate,
    readonly orgUnitId: string | undefined,
    readonly year: number | undefined,
    readonly rule: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(FindingsQuery)
export class FindingsHandler implements IQueryHandler<FindingsQuery, ReadAnswer<FindingsAnswer>> {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  execute(q: FindingsQuery): Promise<ReadAnswer<FindingsAnswer>> {
    return this.queries.findings({
      asOf: q.asOf,
      ...(q.orgUnitId !== undefined ? { orgUnitId: q.orgUnitId } : {}),
      ...(q.year !== undefined ? { year: q.year } : {}),
      ...(q.rule !== undefined ? { rule: q.rule } : {}),
    });
  }
}

export class AppealsQuery extends CqrsQuery<ReadAnswer<AppealsAnswer>> {
  constructor(
    readonly today: CalendarDate,
    readonly status: 'OPEN' | 'DECIDED' | 'ALL',
  ) {
    super();
  }
}

@QueryHandler(AppealsQuery)
export class AppealsHandler implements IQueryHandler<AppealsQuery, ReadAnswer<AppealsAnswer>> {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  execute(q: AppealsQuery): Promise<ReadAnswer<AppealsAnswer>> {
    return this.queries.appeals(q.today, q.status);
  }
}

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('v1')
export class ComplianceController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(['findings', 'compliance/findings'])
  @Requires('readFindings')
  @ApiOperation({
    summary:
      'Compliance findings: overrides (who, when, why, which rule), TM4 township findings, upheld appeals whose remedy was never recorded (APPEAL_REMEDY_MISSING), and those of TM1, TM3, TM5, TM6, TM7, TM8, TM10 and N4',
  })
  @ApiQuery({ name: 'rule', required: false, description: 'a rule id (TM1, TM4, N4…) or a refinement (TM1.chief-experience)' })
  @ApiQuery({ name: 'township', required: false, description: 'same as orgUnitId' })
  @ApiQuery({ name: 'orgUnitId', required: false })
  @ApiQuery({ name: 'year', required: false, type: Number })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; open vacancies are measured to it (default today)' })
  findings(
    @Query('orgUnitId') unit?: string,
    @Query('year') year?: string,
    @Query('asOf') asOf?: string,
    @Query('rule') rule?: string,
    @Query('township') township?: string,
  ): Promise<ReadAnswer<FindingsAnswer>> {
    const orgUnitId = unit ?? township;
    if (rule !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,60}$/.test(rule)) throw badRequest('rule', 'a rule id such as TM1 or N4');
    if (orgUnitId !== undefined && !aggregateIdSchema.safeParse(orgUnitId).success) throw badRequest(unit !== undefined ? 'orgUnitId' : 'township', 'letters, digits, _ . : - only');
    const y = year === undefined ? undefined : Number(year);
    if (y !== undefined && !(Number.isInteger(y) && y >= 1900 && y <= 2999)) throw badRequest('year', 'a year such as 2021');
    const date = asOf === undefined ? this.clock.today() : calendarDateSchema.safeParse(asOf);
    if (typeof date !== 'string' && !date.success) throw badRequest('asOf', 'must be a calendar date YYYY-MM-DD');
    return this.queryBus.execute(new FindingsQuery(typeof date === 'string' ? date : date.data, orgUnitId, y, rule));
  }

  @Get('appeals')
  @Requires('readHistory')
  @ApiOperation({ summary: 'Appeals (复核/申诉) with their N5 deadlines, late filings and overdue decisions' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'decided', 'all'] })
  appeals(@Query('status') status?: string): Promise<ReadAnswer<AppealsAnswer>> {
    const s = (status ?? 'open').toUpperCase();
    if (s !== 'OPEN' && s !== 'DECIDED' && s !== 'ALL') throw badRequest('status', 'open, decided or all');
    return this.queryBus.execute(new AppealsQuery(this.clock.today(), s));
  }
}
