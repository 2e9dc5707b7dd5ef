import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VerificationResult } from '@ledger/event-store';
import { Requires } from '../auth/auth.decorators';
import { VerifyLedgerQuery } from './verify-ledger.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('verify')
  @Requires('verifyLedger')
  @ApiOperation({ summary: 'Recompute every stream’s hash chain; report the first broken link (stream, revision)' })
  verify(): Promise<VerificationResult> {
    return this.queryBus.execute(new VerifyLedgerQuery());
  }
}
