/**
 * GET /v1/import/template: the workbook a clerk fills for 批量录入 (the year's assessment grades, the
 * townships' scores, health checks, trainings, talks; libs/tables entry-sheets-zh.ts), pre-filled from
 * the roster so that no id is typed by hand. Filled, it is read by the web app's 批量录入 page or the
 * CLI's `import FILE.xlsx` and sent to POST /v1/import: this route writes nothing.
 */
import { Controller, Get, Inject, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { may, type Principal } from '@ledger/auth';
import { calendarDateSchema } from '@ledger/domain';
import { ReadModelQueries, yearParamSchema } from '@ledger/projections';
import { entryTemplateInputZh, entryTemplateWorkbookZh, onboardingTemplateWorkbookZh, XLSX_MEDIA_TYPE } from '@ledger/tables';
import { CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { listCadres } from '../cadres/cadre-list.query';
import { BehindInterceptor } from '../platform/behind.interceptor';
import type { Clock } from '../platform/clock';
import { badRequest, queryIssueError } from '../platform/errors';
import type { HttpResponse } from '../platform/http';
import { Problems } from '../platform/problem-responses';
import { CLOCK } from '../platform/tokens';
import { workbookAnswer, XLSX_DISPOSITION_HEADER } from '../platform/xlsx-answer';

const templateParamsSchema = z
  .object({
    kind: z.enum(['annual', 'onboarding']).optional(),
    asOf: calendarDateSchema.optional(),
    year: yearParamSchema.optional(),
  })
  .strict();

@ApiTags('import')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1/import')
export class ImportTemplateController {
  constructor(
    @Inject(ReadModelQueries) private readonly queries: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('template')
  @Requires('importEvents')
  @ApiOperation({
    summary: 'The Excel workbook to fill for a bulk entry (批量录入模板): the year\'s assessment grades, township scores, health checks, trainings, talks; or 建档: units, cadres and their posts',
    description:
      'kind=annual (the default): one sheet a kind of entry and a sheet of notes. The cadre sheets list every cadre holding a township post on asOf (id, name, post) when the caller may readHistory; ' +
      'for a role that may not (CLERK), they come empty and the notes say why. The township score sheet lists every township. ' +
      'kind=onboarding (建档模板): empty sheets for new units (单位), cadres (干部基本信息, with the rank held) and their posts (任职经历, each post a row with its appointment and removal), ' +
      'and the units the ledger already has (every role may read the unit directory); the rows are imported units first, then cadres, then the posts by date. ' +
      'Filled, the workbook is read by the web app (批量录入) or `npm run ledger -- import FILE.xlsx` and its rows sent as import lines to POST /v1/import.',
  })
  @ApiQuery({ name: 'kind', required: false, enum: ['annual', 'onboarding'], description: 'annual (default): the year\'s entries; onboarding: 建档 (units, cadres, posts)' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: the cadres holding a township post on this day (default today, Asia/Shanghai)' })
  @ApiQuery({ name: 'year', required: false, type: Number, description: 'kind=annual: the year the assessment and score sheets are pre-filled for (default: the latest year over on asOf); refused with kind=onboarding' })
  @ApiOkResponse({ description: 'the workbook', headers: XLSX_DISPOSITION_HEADER, content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  // A province's template is a large workbook, written on the export worker as every large one is (EXPORT_BUSY when 3 wait).
  @Problems(400, 429)
  async template(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const parsed = templateParamsSchema.safeParse(query);
    if (!parsed.success) throw queryIssueError(parsed.error.issues[0]);
    const asOf = parsed.data.asOf ?? this.clock.today();
    if (parsed.data.kind === 'onboarding') {
      if (parsed.data.year !== undefined) throw badRequest('year', 'year is for the annual template only (kind=annual)', '年度只用于年度录入模板（kind=annual）；建档模板不分年度，请去掉该参数');
      const directory = await this.queries.orgUnits({});
      return workbookAnswer(res, onboardingTemplateWorkbookZh({ asOf, orgUnits: directory.orgUnits }), `onboarding-template-${asOf}`, directory.behind);
    }
    // Names and posts are the roster's (readHistory): a clerk's template lists the townships only.
    const withCadres = may(principal.role, 'readHistory');
    const roster = await this.queries.careerTables((tx) => listCadres(tx, { asOf, page: 1, pageSize: withCadres ? Number.MAX_SAFE_INTEGER : 1 }));
    const workbook = entryTemplateWorkbookZh(entryTemplateInputZh(roster, { asOf, year: parsed.data.year, withCadres }));
    return workbookAnswer(res, workbook, `entry-template-${asOf}`, roster.behind);
  }
}
