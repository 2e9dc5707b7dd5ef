/**
 * The decisions the organization department reads (EVENTS.md contract table): TM6b in-post
 * promotion eligibility, TM10 candidate list, a cadre's tenure. `asOf` defaults to today
 * (Asia/Shanghai); `knownAt` answers as the ledger stood then (T1).
 */
import { Controller, Get, Inject, Param, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { candidatesWorkbookZh, eligibilityWorkbookZh } from '@ledger/tables';
import { createZodDto } from 'nestjs-zod';
import type { ExcellentSecretaryCandidates, InPostPromotionEligibility, Tenure } from '@ledger/domain';
import { Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { CLOCK } from '../platform/tokens';
import { candidatesParamsSchema, eligibilityParamsSchema, ReadModelQueries, tenureParamsSchema, type ReadAnswer } from '@ledger/projections';
import { notFound } from '../platform/errors';
import { parseQuery } from '../platform/query-params';
import { Problems } from '../platform/problem-responses';
import { excellentSecretaryCandidatesSchema, inPostPromotionEligibilitySchema, tenureSchema } from './decision-schemas';
import { BehindInterceptor } from '../platform/behind.interceptor';
import type { HttpResponse } from '../platform/http';
import { JsonOrXlsx, takeFormat, workbookAnswer } from '../platform/xlsx-answer';

class InPostPromotionEligibilityDto extends createZodDto(inPostPromotionEligibilitySchema) {}
class ExcellentSecretaryCandidatesDto extends createZodDto(excellentSecretaryCandidatesSchema) {}
class TenureDto extends createZodDto(tenureSchema) {}

const AS_OF = { name: 'asOf', type: String, required: false, description: 'YYYY-MM-DD, past or future (default: today, Asia/Shanghai)' };
const KNOWN_AT = { name: 'knownAt', type: String, required: false, description: 'ISO-8601 instant (a bare date: the end of that day in Asia/Shanghai): answer as the ledger stood then' };

@ApiTags('read models')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1')
export class ReadModelsController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('eligibility/in-post-promotion')
  @Requires('queryDecisions')
  @ApiOperation({ summary: 'TM6b: every township chief on the date, eligible or not for in-post rank promotion, with each check and its evidence' })
  @ApiQuery(AS_OF)
  @ApiQuery(KNOWN_AT)
  @ApiQuery({ name: 'cadreId', type: String, required: false, description: 'only this cadre (listed only if a township chief on the date; 404 if the ledger knows no such cadre)' })
  @ApiQuery({ name: 'township', type: String, required: false, description: 'only the chiefs of this township on the date (404 if the ledger knows no such unit; 400 for a unit that is not a township)' })
  @ApiQuery({ name: 'eligible', required: false, enum: ['true', 'false'], description: 'only those who are (true) or are not (false) eligible' })
  @JsonOrXlsx(InPostPromotionEligibilityDto, 'the answer')
  @Problems(404)
  async eligibility(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<ReadAnswer<InPostPromotionEligibility> | StreamableFile> {
    const { format, rest } = takeFormat(query);
    const p = parseQuery(eligibilityParamsSchema, rest);
    const answer = await this.queries.eligibility({
      asOf: p.asOf ?? this.clock.today(),
      ...(p.knownAt ? { knownAt: p.knownAt } : {}),
      ...(p.cadreId ? { cadreId: p.cadreId } : {}),
      ...(p.township !== undefined ? { township: p.township } : {}),
      ...(p.eligible !== undefined ? { eligible: p.eligible } : {}),
    });
    if (!answer) throw notFound('cadre', p.cadreId ?? '');
    if (format === 'xlsx') return workbookAnswer(res, eligibilityWorkbookZh(answer, p.cadreId), `in-post-promotion-${answer.asOf}`, answer.behind);
    return answer;
  }

  @Get('commendations/excellent-township-party-secretary/candidates')
  @Requires('queryDecisions')
  @ApiOperation({ summary: 'TM10: candidate list of an Excellent Township Party Secretary cycle, ranked, with the excluded and their reasons' })
  @ApiQuery({ name: 'cycle', type: String, required: true, description: 'five calendar years, e.g. 2021-2025' })
  @ApiQuery(KNOWN_AT)
  @ApiQuery({ name: 'asOf', type: String, required: false, description: 'YYYY-MM-DD: count grades, sanctions, scores, ranks and commendations effective by then only (the drawing-up date; before the cycle reference date, the posts too: a secretary in post then is taken to hold it to the reference date unless a departure effective by then is recorded; default: today, Asia/Shanghai, so a scheduled entry counts only from its date, T4)' })
  @JsonOrXlsx(ExcellentSecretaryCandidatesDto, 'the answer')
  async candidates(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<ReadAnswer<ExcellentSecretaryCandidates> | StreamableFile> {
    const { format, rest } = takeFormat(query);
    const p = parseQuery(candidatesParamsSchema, rest);
    // T4: without a drawing-up date, today's: a scheduled promotion or commendation counts only from its date (found by a review).
    const answer = await this.queries.candidates({ cycle: p.cycle, ...(p.knownAt ? { knownAt: p.knownAt } : {}), asOf: p.asOf ?? this.clock.today() });
    if (format === 'xlsx') return workbookAnswer(res, candidatesWorkbookZh(answer), `excellent-secretary-candidates-${answer.cycle}`, answer.behind);
    return answer;
  }

  @Get('cadres/:cadreId/tenure')
  @Requires('queryDecisions')
  @ApiOperation({ summary: 'Tenure: posts with their intervals, township work and leadership days, the secretary and chief runs (T3)' })
  @ApiParam({ name: 'cadreId' })
  @ApiQuery(AS_OF)
  @ApiQuery(KNOWN_AT)
  @ApiOkResponse({ type: TenureDto })
  @Problems(404)
  async tenure(@Param('cadreId') cadreId: string, @Query() query: Record<string, unknown>): Promise<ReadAnswer<Tenure>> {
    const p = parseQuery(tenureParamsSchema, { ...query, cadreId });
    const answer = await this.queries.tenure(p.cadreId, { asOf: p.asOf ?? this.clock.today(), ...(p.knownAt ? { knownAt: p.knownAt } : {}) });
    if (!answer) throw notFound('cadre', p.cadreId);
    return answer;
  }
}
