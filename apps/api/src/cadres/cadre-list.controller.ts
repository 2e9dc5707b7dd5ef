/**
 * GET /v1/cadres: the roster (干部名册), paged on the server, for the web app and any other reader.
 * GET /v1/me: who the caller is and what the role may do, so a client offers nothing it may not.
 */
import { Controller, Get, Inject, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiTokenRepository, CAPABILITIES, may, ROLES, type Capability } from '@ledger/auth';
import { ROLES as POST_ROLES, RANKS } from '@ledger/domain';
import { Public, Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { queryIssueError } from '../platform/errors';
import { bearerTokenOf, refusedToken } from '../auth/token-refusals';
import type { HttpRequest } from '../platform/http';
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
  @ApiOkResponse({ type: CadreListAnswerDto })
  @Problems(404)
  async list(@Query() query: Record<string, unknown>): Promise<ReadAnswer<RosterAnswer>> {
    const parsed = cadreListParamsSchema.safeParse(query);
    if (!parsed.success) throw queryIssueError(parsed.error.issues[0]);
    const params = { ...parsed.data, asOf: parsed.data.asOf ?? this.clock.today() };
    return this.queries.careerTables((tx) => listCadres(tx, params));
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
