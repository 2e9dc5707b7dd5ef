/**
 * GET /v1/org-units: the org-unit directory (单位名录), every role. The record form offers
 * 福店镇（T0001） to pick instead of an id typed blind, and pages name county departments as well
 * as townships.
 */
import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ORG_UNIT_KINDS } from '@ledger/domain';
import { orgUnitDirectoryParamsSchema, ReadModelQueries, type OrgUnitDirectoryAnswer, type ReadAnswer } from '@ledger/projections';
import { Requires } from '../auth/auth.decorators';
import { answerCommon, dateSchema, type Documents } from '../platform/answer-schemas';
import { parseQuery } from '../platform/query-params';
import { BehindInterceptor } from '../platform/behind.interceptor';

export const orgUnitDirectorySchema = z.object({
  knownAt: answerCommon.knownAt,
  behind: answerCommon.behind,
  orgUnits: z.array(
    z.object({
      orgUnitId: z.string(),
      name: z.string().describe('单位名称, from the latest registration known'),
      kind: z.enum(ORG_UNIT_KINDS),
      assessmentClass: z.number().int().min(1).max(3).nullable().describe('考核类别 (TM7), null when not given'),
      registeredOn: dateSchema.describe('effective date of that registration'),
    }),
  ),
});
export const ORG_UNIT_DIRECTORY_SCHEMA_MATCHES: Documents<OrgUnitDirectoryAnswer, typeof orgUnitDirectorySchema> = true;
class OrgUnitDirectoryDto extends createZodDto(orgUnitDirectorySchema) {}

@ApiTags('org-units')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1')
export class OrgUnitsController {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  @Get('org-units')
  @Requires('readOrgUnits')
  @ApiOperation({ summary: 'The org-unit directory (单位名录): every registered org unit with its name, kind and assessment class, in id order' })
  @ApiQuery({ name: 'kind', required: false, enum: ORG_UNIT_KINDS })
  @ApiQuery({ name: 'knownAt', type: String, required: false, description: 'ISO-8601 instant (a bare date: the end of that day, Beijing time): as the ledger knew it then' })
  @ApiOkResponse({ type: OrgUnitDirectoryDto })
  list(@Query() query: Record<string, unknown>): Promise<ReadAnswer<OrgUnitDirectoryAnswer>> {
    return this.queries.orgUnits(parseQuery(orgUnitDirectoryParamsSchema, query));
  }
}
