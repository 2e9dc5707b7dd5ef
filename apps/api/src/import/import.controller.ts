/**
 * POST /v1/import: an NDJSON file of command lines (EVENTS.md "Import file"), streamed from the
 * request straight into the importer — the body never sits in memory whole.
 */
import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { importNdjson, type ImportResult } from '@ledger/application';
import type { Principal } from '@ledger/auth';
import type { EventStore } from '@ledger/event-store';
import { actorOf, CurrentPrincipal, Requires } from '../auth/auth.decorators';
import type { Clock } from '../platform/clock';
import { ApiError, badRequest } from '../platform/errors';
import { CLOCK, EVENT_STORE } from '../platform/tokens';

export class ImportNdjsonCommand extends Command<ImportResult> {
  constructor(
    readonly input: Readable,
    readonly actor: string,
    readonly dryRun: boolean,
    readonly correlationId: string,
  ) {
    super();
  }
}

@CommandHandler(ImportNdjsonCommand)
export class ImportNdjsonHandler implements ICommandHandler<ImportNdjsonCommand, ImportResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: ImportNdjsonCommand): Promise<ImportResult> {
    return importNdjson(command.input, this.store, () => this.clock.today(), {
      actor: command.actor,
      correlationId: command.correlationId,
      dryRun: command.dryRun,
    });
  }
}

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain', 'application/octet-stream'];

@ApiTags('import')
@ApiBearerAuth()
@Controller('v1/import')
export class ImportController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Requires('recordCareerEvents')
  @ApiOperation({
    summary: 'Import NDJSON command lines; returns {accepted, rejected:[{line,id,rule,message}]}',
    description: 'Every line goes through the same validation and rules as the API. Re-importing a file is a no-op. Send Content-Type: application/x-ndjson.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', example: '{"id":"imp-0001","type":"AppointedToPost","cadreId":"C0001","effectiveDate":"2016-03-01","data":{"orgUnitId":"T01","role":"PARTY_SECRETARY"}}' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  async import(@Req() req: Request, @CurrentPrincipal() principal: Principal, @Query('dryRun') dryRun?: string): Promise<ImportResult> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the file as Content-Type: application/x-ndjson (got ${type || 'none'})`);
    }
    if (dryRun !== undefined && !['true', 'false', '1', '0'].includes(dryRun)) throw badRequest('dryRun', 'must be true or false');
    return this.commandBus.execute(
      new ImportNdjsonCommand(req, actorOf(principal), dryRun === 'true' || dryRun === '1', String((req as { id?: unknown }).id ?? '')),
    );
  }
}
