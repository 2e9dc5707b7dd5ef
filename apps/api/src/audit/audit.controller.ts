import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { auditExportSchema, DigestFormatError, digestZh, ExportFormatError, parseAuditExport, parseDigest, sinceDigestVerificationZh, verificationZh, type DigestAnswer, type SinceDigestVerification } from '@ledger/audit';
import type { VerificationResult } from '@ledger/event-store';
import { Requires } from '../auth/auth.decorators';
import { badRequest } from '../platform/errors';
import { JsonBody } from '../platform/json-body.guard';
import { Problems } from '../platform/problem-responses';
import { LedgerDigestQuery, VerifyExportQuery, VerifySinceDigestQuery, type ExportCheck } from './ledger-digest.query';
import { VerifyLedgerQuery } from './verify-ledger.query';
import { digestAnswerSchema, exportCheckSchema, verificationSchema, type ZhSummary } from './audit-schemas';
import { BehindInterceptor } from '../platform/behind.interceptor';

class VerificationDto extends createZodDto(verificationSchema) {}
class DigestDto extends createZodDto(digestAnswerSchema) {}
class ExportCheckDto extends createZodDto(exportCheckSchema) {}
class AuditExportDto extends createZodDto(auditExportSchema) {}

/** `?all=`: absent or false stops at the first broken link; anything but true or false is a 400 naming it. */
function everyBreakAsked(all: string | string[] | undefined): boolean {
  if (all === undefined || all === 'false') return false;
  if (all === 'true') return true;
  throw badRequest('all', 'must be true or false, given once', '须为 true 或 false，且只能给一次');
}

@ApiTags('audit')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('verify')
  @Requires('verifyLedger')
  @ApiOperation({ summary: 'Recompute every stream’s hash chain; report the first broken link (stream, revision)' })
  @ApiQuery({ name: 'sinceDigest', required: false, type: String, description: 'a digest from GET /v1/audit/digest: also prove the ledger up to it unchanged and only appended to since' })
  @ApiQuery({ name: 'all', required: false, enum: ['true', 'false'], description: 'true: go on past the first broken link and list every one, each at its own event (the CLI’s verify --all); default false' })
  @ApiOkResponse({ type: VerificationDto })
  async verify(@Query('sinceDigest') sinceDigest?: string | string[], @Query('all') all?: string | string[]): Promise<(VerificationResult | SinceDigestVerification) & ZhSummary> {
    const listEveryBreak = everyBreakAsked(all);
    if (sinceDigest === undefined) {
      const result: VerificationResult = await this.queryBus.execute(new VerifyLedgerQuery(listEveryBreak));
      return { ...result, summaryZh: verificationZh(result, { listsEveryBreak: listEveryBreak }) };
    }
    // `?sinceDigest=a&sinceDigest=b` arrives as an array: a 400 naming it, not a 500 from parseDigest.
    if (typeof sinceDigest !== 'string') throw badRequest('sinceDigest', 'must be one ledger digest, given once', '须为一个台账摘要，且只能给一次');
    const digest = (() => {
      try {
        return parseDigest(sinceDigest);
      } catch (error) {
        if (error instanceof DigestFormatError) throw badRequest('sinceDigest', error.message, error.messageZh);
        throw error;
      }
    })();
    const result: SinceDigestVerification = await this.queryBus.execute(new VerifySinceDigestQuery(digest, listEveryBreak));
    return { ...result, summaryZh: sinceDigestVerificationZh(result) };
  }

  @Get('digest')
  @Requires('verifyLedger')
  @ApiOperation({ summary: 'The ledger digest: a running SHA-256 over every event hash in the store-wide order, with its count and last position' })
  @ApiOkResponse({ type: DigestDto })
  async digest(): Promise<DigestAnswer & ZhSummary> {
    const answer: DigestAnswer = await this.queryBus.execute(new LedgerDigestQuery());
    return { ...answer, summaryZh: digestZh(answer) };
  }

  @Post('verify-export')
  @HttpCode(200)
  @Requires('verifyLedger')
  @JsonBody()
  @Problems(400, 413, 415)
  @ApiOperation({
    summary:
      'Verify an audit export (GET /v1/cadres/{id}/export) from the file, then against this ledger: every chain recomputed, then each stream head and related event compared with the event the ledger holds (a file forged consistently agrees with itself, not with the ledger)',
  })
  @ApiBody({ type: AuditExportDto })
  @ApiOkResponse({ type: ExportCheckDto })
  verifyExport(@Body() body: unknown): Promise<ExportCheck> {
    try {
      return this.queryBus.execute(new VerifyExportQuery(parseAuditExport(body)));
    } catch (error) {
      // Not an export at all: a 400 naming the first field at fault (a tampered export is a 200 with ok false).
      if (error instanceof ExportFormatError) throw badRequest(error.issues[0]?.field ?? '(body)', error.message, error.messageZh);
      throw error;
    }
  }
}
