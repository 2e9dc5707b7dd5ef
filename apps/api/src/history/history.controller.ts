/**
 * GET /v1/cadres/{id}/history: every event of a cadre and of the appeals about the cadre, with
 * links both ways, optionally as of an effective date and as known at a recorded time (T1);
 * GET /v1/cadres/{id}/state: what the ledger said on knownAt about asOf. Answered by the read side
 * (libs/projections, cadre-history.ts), as the CLI's `history` is.
 */
import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { CadreStateAt } from '@ledger/domain';
import { historyParamsSchema, ReadModelQueries, stateParamsSchema, type HistoryAnswer } from '@ledger/projections';
import { may, type Principal } from '@ledger/auth';
import { CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { notFound } from '../platform/errors';
import type { HttpResponse } from '../platform/http';
import { parseQuery } from '../platform/query-params';
import type { Clock } from '../platform/clock';
import { CLOCK } from '../platform/tokens';
import { Problems } from '../platform/problem-responses';
import { cadreStateSchema } from '../projections/decision-schemas';
import { historySchema } from './history-schema';
import { BehindInterceptor } from '../platform/behind.interceptor';

class HistoryDto extends createZodDto(historySchema) {}
class CadreStateDto extends createZodDto(cadreStateSchema) {}

const KNOWN_AT_DESCRIPTION = 'ISO-8601 instant (a bare date: the end of that day in Asia/Shanghai; no offset: Beijing time)';

@ApiTags('history')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1/cadres')
export class HistoryController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':cadreId/history')
  @Requires('readHistory')
  @Problems(404)
  @ApiOkResponse({ type: HistoryDto, description: 'ETag: the cadre stream’s revision (streamRevision), the If-Match of the next write' })
  @ApiOperation({ summary: 'Every event of a cadre and of the appeals about the cadre, with its envelope; retractions, rescissions, appeals and causes linked both ways' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: only events effective on or before' })
  @ApiQuery({ name: 'knownAt', required: false, description: `${KNOWN_AT_DESCRIPTION}: only events recorded at or before` })
  async history(@Param('cadreId') cadreId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<HistoryAnswer> {
    const params = parseQuery(historyParamsSchema, { ...query, cadreId });
    const answer = await this.queries.history({ ...params, today: this.clock.today() });
    if (!answer) throw notFound('cadre', cadreId);
    // The cadre stream's revision, as a write answers it: what a conditional write sends back as If-Match.
    res.header('ETag', `"${answer.streamRevision}"`);
    return answer;
  }

  @Get(':cadreId/state')
  @Requires('readHistory')
  @Problems(404)
  @ApiOperation({
    summary: 'What the ledger said on knownAt about asOf: posts, rank, grades, sanctions in effect, tenure and eligibility (replayed from events; tenure and eligibility only for roles that may query decisions)',
  })
  @ApiQuery({ name: 'asOf', required: true, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'knownAt', required: false, description: `${KNOWN_AT_DESCRIPTION}; default: everything recorded` })
  @ApiOkResponse({ type: CadreStateDto })
  async state(@Param('cadreId') cadreId: string, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<CadreStateAt> {
    const params = parseQuery(stateParamsSchema, { ...query, cadreId });
    const answer = await this.queries.state(params);
    if (!answer) throw notFound('cadre', cadreId);
    // One capability per answer, whichever route gives it (found by a review: an appeals officer,
    // refused by /tenure and the eligibility route, read both here).
    if (!may(principal.role, 'queryDecisions')) return { ...answer, tenure: null, eligibility: null, withheld: ['tenure', 'eligibility'] };
    return answer;
  }
}
