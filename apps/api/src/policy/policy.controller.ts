/**
 * Policy settings (every threshold of RULES.md) as versioned data: read by anyone with a token,
 * adopted by ADMIN as a PolicyVersionAdopted event in the `policy` stream.
 */
import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, Query as CqrsQuery, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { POLICY, StateLoader } from '@ledger/application';
import { EVENT_CAPABILITIES, type Principal } from '@ledger/auth';
import { calendarDateSchema, DEFAULT_POLICY, type CalendarDate, policyInEffect, policyVersionSchema, type PolicyVersion } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { actorOf, CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { assertMayWrite } from '../auth/may-write';
import { RecordCareerEventCommand } from '../career/record-career-event.command';
import { parseIdempotencyKey, parseIfMatch, RequestHeader, sendWriteResult, WriteRoute, type WriteResponse } from '../career/write-response';
import type { Clock } from '../platform/clock';
import { badRequest } from '../platform/errors';
import type { Documents } from '../platform/answer-schemas';
import { requestIdOf, type HttpRequest, type HttpResponse } from '../platform/http';
import { CLOCK, EVENT_STORE } from '../platform/tokens';
import { BehindInterceptor } from '../platform/behind.interceptor';

export interface PolicyAnswer {
  readonly defaults: PolicyVersion;
  readonly versions: readonly PolicyVersion[];
  readonly inEffect: { readonly on: string; readonly version: PolicyVersion };
}

/** PolicyAnswer as /docs/openapi.json documents it (checked against it at compile time). */
const policyAnswerSchema = z.object({
  defaults: policyVersionSchema.describe('the built-in version (the ten measures’ own figures)'),
  versions: z.array(policyVersionSchema).describe('every adopted version, by effective date'),
  inEffect: z.object({ on: z.string().describe('YYYY-MM-DD'), version: policyVersionSchema }),
});
export const POLICY_ANSWER_MATCHES: Documents<PolicyAnswer, typeof policyAnswerSchema> = true;
class PolicyAnswerDto extends createZodDto(policyAnswerSchema) {}

export class GetPolicyQuery extends CqrsQuery<PolicyAnswer> {
  constructor(readonly on: CalendarDate) {
    super();
  }
}

@QueryHandler(GetPolicyQuery)
export class GetPolicyHandler implements IQueryHandler<GetPolicyQuery, PolicyAnswer> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetPolicyQuery): Promise<PolicyAnswer> {
    const state = await new StateLoader(this.store).load('policy', POLICY);
    // By effective date as documented, adoption order among versions of one date (the later adopted wins: policyInEffect).
    const versions = state.versions.map((v, i) => ({ v, i })).sort((a, b) => (a.v.effectiveFrom < b.v.effectiveFrom ? -1 : a.v.effectiveFrom > b.v.effectiveFrom ? 1 : a.i - b.i)).map(({ v }) => v);
    return { defaults: DEFAULT_POLICY, versions, inEffect: { on: query.on, version: policyInEffect(state.versions, query.on) } };
  }
}

const adoptPolicyBody = policyVersionSchema.extend({
  id: z.string().min(1).max(200).optional().describe('event id (idempotency key)'),
});
class AdoptPolicyBody extends createZodDto(adoptPolicyBody) {}

@ApiTags('policy')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1/policy')
export class PolicyController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('readPolicy')
  @ApiOperation({ summary: 'Policy versions and the one in effect on a date (default today)' })
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD' })
  @ApiOkResponse({ type: PolicyAnswerDto })
  get(@Query('on') on?: string): Promise<PolicyAnswer> {
    const date = on === undefined ? this.clock.today() : calendarDateSchema.safeParse(on);
    if (typeof date !== 'string' && !date.success) throw badRequest('on', 'must be a calendar date YYYY-MM-DD', '须为有效日期（YYYY-MM-DD）');
    return this.queryBus.execute(new GetPolicyQuery(typeof date === 'string' ? date : date.data));
  }

  @Post('versions')
  @Requires(EVENT_CAPABILITIES.PolicyVersionAdopted)
  @ApiOperation({ summary: 'Adopt a new policy version from its effective date (ADMIN)' })
  @WriteRoute()
  async adopt(
    @Body() body: AdoptPolicyBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @RequestHeader('if-match') ifMatch?: string,
    @RequestHeader('idempotency-key') idempotencyKey?: string,
  ): Promise<WriteResponse> {
    const { id, ...version } = body;
    const command = { ...(id ? { id } : {}), type: 'PolicyVersionAdopted', effectiveDate: version.effectiveFrom, data: version };
    assertMayWrite(principal, command);
    // The same two headers as every other write route (found 2026-12-02: this one ignored both).
    const expectedRevision = parseIfMatch(ifMatch);
    const key = parseIdempotencyKey(idempotencyKey, id);
    const result = await this.commandBus.execute(
      new RecordCareerEventCommand('policy', undefined, command, {
        actor: actorOf(principal),
        role: principal.role,
        correlationId: requestIdOf(req),
        ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        ...(key ? { idempotencyKey: key } : {}),
      }),
    );
    return sendWriteResult(res, result);
  }
}
