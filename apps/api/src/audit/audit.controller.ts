import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { DigestFormatError, parseDigest, type DigestAnswer, type SinceDigestVerification } from '@ledger/audit';
import type { VerificationResult } from '@ledger/event-store';
import { Requires } from '../auth/auth.decorators';
import { badRequest } from '../platform/errors';
import { LedgerDigestQuery, VerifySinceDigestQuery } from './ledger-digest.query';
import { VerifyLedgerQuery } from './verify-ledger.query';
import { digestSchema, verificationSchema } from './audit-schemas';

class VerificationDto extends createZodDto(verificationSchema) {}
class DigestDto extends createZodDto(digestSchema) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('verify')
  @Requires('verifyLedger')
  @ApiOperation({ summary: 'Recompute every stream’s hash chain; report the first broken link (stream, revision)' })
  @ApiQuery({ name: 'sinceDigest', required: false, description: 'a digest from GET /v1/audit/digest: also prove the ledger up to it unchanged and only appended to since' })
  @ApiOkResponse({ type: VerificationDto })
  verify(@Query('sinceDigest') sinceDigest?: string): Promise<VerificationResult | SinceDigestVerification> {
    if (sinceDigest === undefined) return this.queryBus.execute(new VerifyLedgerQuery());
    try {
      return this.queryBus.execute(new VerifySinceDigestQuery(parseDigest(sinceDigest)));
    } catch (error) {
      if (error instanceof DigestFormatError) throw badRequest('sinceDigest', error.message);
      throw error;
    }
  }

  @Get('digest')
  @Requires('verifyLedger')
  @ApiOperation({ summary: 'The ledger digest: a running SHA-256 over every event hash in the store-wide order, with its count and last position' })
  @ApiOkResponse({ type: DigestDto })
  digest(): Promise<DigestAnswer> {
    return this.queryBus.execute(new LedgerDigestQuery());
  }
}
