/**
 * GET /v1/cadres/{id}/export: one cadre's audit trail as a self-contained JSON document (or, with
 * `?format=html`, its Chinese rendering), read from the event store itself, for auditors.
 */
import { create as contentDisposition } from 'content-disposition';
import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { Query as CqrsQuery, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@ledger/auth';
import { auditExportSchema, buildCadreExport, renderExportHtml, type AuditExport } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { actorOf, CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { aggregateIdSchema } from '../career/career-event-body';
import type { Clock } from '../platform/clock';
import { IDENTIFIER_MESSAGE, schemaMessageZh } from '@ledger/domain';
import { badRequest, notFound } from '../platform/errors';
import type { HttpResponse } from '../platform/http';
import { CLOCK, EVENT_STORE } from '../platform/tokens';
import { Problems } from '../platform/problem-responses';
import { BehindInterceptor } from '../platform/behind.interceptor';

class AuditExportDto extends createZodDto(auditExportSchema) {}

export class ExportCadreQuery extends CqrsQuery<AuditExport> {
  constructor(
    readonly cadreId: string,
    readonly generatedBy: string,
  ) {
    super();
  }
}

@QueryHandler(ExportCadreQuery)
export class ExportCadreHandler implements IQueryHandler<ExportCadreQuery, AuditExport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(q: ExportCadreQuery): Promise<AuditExport> {
    const document = await buildCadreExport(this.store, q.cadreId, { generatedAt: this.clock.now().toISOString(), generatedBy: q.generatedBy });
    if (!document) throw notFound('cadre', q.cadreId);
    return document;
  }
}

const formatSchema = z.enum(['json', 'html']);

/** The page runs no script and loads nothing: say so to the browser, too. */
const HTML_SECURITY_HEADERS = {
  // frame-ancestors: default-src does not cover it, and a page of personal data is not to be framed (found by a review).
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
} as const;

/**
 * The file's name, as the web app names it (`<id>-审计记录.json`), for a browser opening the link
 * itself; `curl -OJ` reads only the ASCII fallback (`<id>-audit.json`), which swaps the `:` an id
 * may hold, refused by Windows in a file name. The JSON is a file to keep (attachment), the page one to read (inline).
 */
export function exportDisposition(cadreId: string, format: 'json' | 'html'): string {
  const name = `${cadreId}-审计记录.${format}`;
  return contentDisposition(name, { type: format === 'json' ? 'attachment' : 'inline', fallback: `${cadreId.replace(/:/g, '_')}-audit.${format}` });
}

@ApiTags('audit')
@ApiBearerAuth()
@UseInterceptors(BehindInterceptor)
@Controller('v1/cadres')
export class ExportCadreController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':cadreId/export')
  @Requires('exportAuditTrail')
  @Problems(404)
  @ApiOperation({
    summary: 'One cadre’s audit trail: every event of the cadre and of the appeals about the cadre, with hashes, chain verification and links',
    description: 'JSON format `cadre-ledger.audit-export` v1; `npm run ledger -- verify-export FILE` recomputes every chain from the file alone.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'], description: 'html: the readable Chinese rendering (干部履历审计记录)' })
  // Each media type its own schema, on the 200 alone: errors are JSON Problems (found by a review: the
  // HTML page was typed as the export object, and 401/403/404 documented as text/html too).
  @ApiExtraModels(AuditExportDto)
  @ApiOkResponse({
    description: 'the export document (format=json, the default; the schema verify-export reads it with), or its HTML rendering (format=html)',
    headers: { 'Content-Disposition': { description: 'the file name `<cadreId>-审计记录.json` (attachment) or `.html` (inline), with an ASCII fallback', schema: { type: 'string' } } },
    content: { 'application/json': { schema: { $ref: getSchemaPath(AuditExportDto) } }, 'text/html': { schema: { type: 'string', description: '干部履历审计记录, a page of its own' } } },
  })
  async exportCadre(
    @Param('cadreId') cadreId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('format') format?: string,
  ): Promise<AuditExport | string> {
    if (!aggregateIdSchema.safeParse(cadreId).success) throw badRequest('cadreId', IDENTIFIER_MESSAGE, schemaMessageZh(IDENTIFIER_MESSAGE));
    const parsedFormat = formatSchema.safeParse(format ?? 'json');
    if (!parsedFormat.success) throw badRequest('format', 'must be json or html', '须为 json 或 html');
    const document = await this.queryBus.execute(new ExportCadreQuery(cadreId, actorOf(principal)));
    res.header('Content-Disposition', exportDisposition(cadreId, parsedFormat.data));
    if (parsedFormat.data === 'json') return document;
    for (const [name, value] of Object.entries({ 'Content-Type': 'text/html; charset=utf-8', ...HTML_SECURITY_HEADERS })) res.header(name, value);
    return renderExportHtml(document);
  }
}
