/**
 * GET /v1/cadres: the roster (干部名册), paged on the server, for the web app and any other reader.
 * GET /v1/me: who the caller is and what the role may do, so a client offers nothing it may not.
 */
import { Controller, Get, Inject, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { rosterQuestionZh, rosterWorkbookZh } from '@ledger/tables';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiTokenRepository, CAPABILITIES, may, ROLES, type Capability } from '@ledger/auth';
import { ROLES as POST_ROLES, RANKS } from '@ledger/domain';
import { Public, Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { badRequest, queryIssueError } from '../platform/errors';
import { bearerTokenOf, refusedToken } from '../auth/token-refusals';
import type { HttpRequest, HttpResponse } from '../platform/http';
import { JsonOrXlsx, takeFormat, workbookAnswer } from '../platform/xlsx-answer';
import { CLOCK } from '../platform/tokens';
import { ReadModelQueries, type ReadAnswer, type RosterAnswer } from '@ledger/projections';
import { cadreListAnswerSchema, cadreListParamsSchema, listCadres } from './cadre-list.query';
import { Problems } from '../platform/problem-responses';
import { BehindInterceptor } from '../platform/behind.interceptor';

class CadreListAnswerDto extends createZodDto(cadreListAnswerSchema) {}

const meAnswerSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  capabilities: z.array(z.enum(Object.keys(CAPABILITIES) as [Capability, ...Capability[]])),
});
class MeAnswerDto extends createZodDto(meAnswerSchema) {}
export type MeAnswer = z.infer<typeof meAnswerSchema>;

@ApiTags('cadres')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1')
export class CadreListController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
  ) {}

  @Get('cadres')
  @Requires('readHistory')
  @ApiOperation({ summary: 'The roster: every registered cadre with name, post and township on asOf, and rank; searched, filtered and paged' })
  @ApiQuery({ name: 'search', required: false, description: 'part of the name or of the id' })
  @ApiQuery({ name: 'ids', required: false, description: 'only these cadre ids, comma-separated (at most 500)' })
  @ApiQuery({ name: 'township', required: false, description: 'org unit id of the post held on asOf (one the ledger does not know is a 404)' })
  @ApiQuery({ name: 'role', required: false, enum: POST_ROLES, description: 'the post held on asOf' })
  @ApiQuery({ name: 'rank', required: false, enum: RANKS, description: 'the rank held on asOf' })
  @ApiQuery({ name: 'page', required: false, type: Number, description: 'from 1 (default 1)' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1–500 (default 50)' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (default today, Asia/Shanghai)' })
  @JsonOrXlsx(CadreListAnswerDto, 'one page of the roster', '. The workbook holds every matching cadre: page and pageSize do not apply (a 400 if given)')
  @Problems(404)
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HttpResponse): Promise<ReadAnswer<RosterAnswer> | StreamableFile> {
    const { format, rest } = takeFormat(query);
    // The workbook holds every match: a page asked for beside it would be silently ignored.
    const paged = format === 'xlsx' ? (['page', 'pageSize'] as const).find((k) => rest[k] !== undefined) : undefined;
    if (paged) throw badRequest(paged, 'does not apply to format=xlsx, which holds every matching cadre', '不适用于 format=xlsx：工作簿包含全部符合条件的干部');
    const parsed = cadreListParamsSchema.safeParse(rest);
    if (!parsed.success) throw queryIssueError(parsed.error.issues[0]);
    const params = { ...parsed.data, asOf: parsed.data.asOf ?? this.clock.today(), ...(format === 'xlsx' ? { page: 1, pageSize: Number.MAX_SAFE_INTEGER } : {}) };
    const answer = await this.queries.careerTables((tx) => listCadres(tx, params));
    if (format === 'xlsx') return workbookAnswer(res, rosterWorkbookZh(answer, rosterQuestionZh(params, answer)), `roster-${answer.asOf}`, answer.behind);
    return answer;
  }

  // Public for the guard, which would demand a capability: any valid token may ask who it is.
  @Get('me')
  @Public()
  @ApiOperation({ summary: "The caller's token: name, role and the capabilities the role holds" })
  @ApiOkResponse({ type: MeAnswerDto })
  @Problems(401)
  async me(@Req() req: HttpRequest): Promise<MeAnswer> {
    const authentication = await this.tokens.authenticate(bearerTokenOf(req));
    if (!authentication.ok) throw refusedToken(authentication);
    const principal = authentication.principal;
    const capabilities = (Object.keys(CAPABILITIES) as Capability[]).filter((c) => may(principal.role, c));
    return { tokenId: principal.tokenId, name: principal.name, role: principal.role, capabilities };
  }
}
