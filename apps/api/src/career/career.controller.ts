/**
 * Writes: one endpoint per stream kind. The body is an event type's command (the import line
 * without its aggregate id); If-Match pins the stream's revision; the actor is the token's holder.
 * The guard checks the category's capability, then the body's event type is checked against the
 * one table (EVENT_CAPABILITIES), the same check the imports make line by line.
 */
import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { capabilityOfCategory, type Principal } from '@ledger/auth';
import { actorOf, CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { assertMayWrite } from '../auth/may-write';
import { zodIssueZh } from '@ledger/domain';
import { badRequest } from '../platform/errors';
import { requestIdOf, type HttpRequest, type HttpResponse } from '../platform/http';
import { aggregateIdSchema, AppealEventBody, CadreEventBody, OrgUnitEventBody } from './career-event-body';
import { RecordCareerEventCommand, type AddressedBody } from './record-career-event.command';
import { parseIdempotencyKey, parseIfMatch, RequestHeader, sendWriteResult, WriteRoute, type WriteResponse } from './write-response';

const WRITE_RULES =
  'The body’s event type needs its capability (EVENT_CAPABILITIES; 403 FORBIDDEN_EVENT_TYPE naming it otherwise). ' +
  'A body over HTTP_BODY_LIMIT_BYTES (default 1 MiB) is a 413; invalid UTF-8 a 400 INVALID_UTF8; a name given twice in one object a 400 REPEATED_JSON_KEY naming its path; control characters in an id a 400 naming the field. ' +
  'SanctionRescinded: APPEAL_UPHELD names an appeal about that cadre and sanction decided UPHELD or PARTIALLY_UPHELD (422 RULE_TM9_…); other reasons need documentRef.';

function aggregateId(value: string, field: string): string {
  const parsed = aggregateIdSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(field, issue?.message ?? 'invalid', issue ? zodIssueZh(issue) : '无效');
  }
  return parsed.data;
}

@ApiTags('career events')
@ApiBearerAuth()
@Controller('v1')
export class CareerController {
  constructor(private readonly commandBus: CommandBus) {}

  private async record(
    category: 'cadre' | 'orgunit' | 'appeal',
    id: string,
    body: AddressedBody,
    principal: Principal,
    req: HttpRequest,
    res: HttpResponse,
    ifMatch?: string,
    idempotencyKey?: string,
  ): Promise<WriteResponse> {
    assertMayWrite(principal, body);
    const expectedRevision = parseIfMatch(ifMatch);
    const key = parseIdempotencyKey(idempotencyKey, (body as { id?: unknown }).id);
    const result = await this.commandBus.execute(
      new RecordCareerEventCommand(category, id, body, {
        actor: actorOf(principal),
        role: principal.role,
        correlationId: requestIdOf(req),
        ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        ...(key ? { idempotencyKey: key } : {}),
      }),
    );
    return sendWriteResult(res, result);
  }

  @Post('cadres/:cadreId/events')
  @Requires(capabilityOfCategory('cadre'))
  @ApiOperation({
    summary: 'Record a career event of a cadre (CadreRegistered, AppointedToPost, Transferred, …)',
    description: WRITE_RULES,
  })
  @ApiParam({ name: 'cadreId' })
  @WriteRoute()
  recordCadreEvent(
    @Param('cadreId') cadreId: string,
    @Body() body: CadreEventBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @RequestHeader('if-match') ifMatch?: string,
    @RequestHeader('idempotency-key') idempotencyKey?: string,
  ): Promise<WriteResponse> {
    return this.record('cadre', aggregateId(cadreId, 'cadreId'), body, principal, req, res, ifMatch, idempotencyKey);
  }

  @Post('org-units/:orgUnitId/events')
  @Requires(capabilityOfCategory('orgunit'))
  @ApiOperation({ summary: 'Record an org-unit event (OrgUnitRegistered, TownshipPerformanceScored)', description: WRITE_RULES })
  @ApiParam({ name: 'orgUnitId' })
  @WriteRoute()
  recordOrgUnitEvent(
    @Param('orgUnitId') orgUnitId: string,
    @Body() body: OrgUnitEventBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @RequestHeader('if-match') ifMatch?: string,
    @RequestHeader('idempotency-key') idempotencyKey?: string,
  ): Promise<WriteResponse> {
    return this.record('orgunit', aggregateId(orgUnitId, 'orgUnitId'), body, principal, req, res, ifMatch, idempotencyKey);
  }

  @Post('appeals/:appealId/events')
  @Requires(capabilityOfCategory('appeal'))
  @ApiOperation({ summary: 'Record an appeal event (AppealFiled, AppealDecided)', description: WRITE_RULES })
  @ApiParam({ name: 'appealId' })
  @WriteRoute()
  recordAppealEvent(
    @Param('appealId') appealId: string,
    @Body() body: AppealEventBody,
    @CurrentPrincipal() principal: Principal,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @RequestHeader('if-match') ifMatch?: string,
    @RequestHeader('idempotency-key') idempotencyKey?: string,
  ): Promise<WriteResponse> {
    return this.record('appeal', aggregateId(appealId, 'appealId'), body, principal, req, res, ifMatch, idempotencyKey);
  }
}
