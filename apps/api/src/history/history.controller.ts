/**
 * GET /v1/cadres/{id}/history: every event of a cadre with its envelope and links both ways,
 * optionally as of an effective date and as known at a recorded time (T1).
 */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Query as CqrsQuery, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { loadCadreRecord, toRecordedEvent } from '@ledger/application';
import { cadreHistory, cadreStateAt, calendarDateSchema, type CadreStateAt, type CalendarDate, type HistoryLinks } from '@ledger/domain';
import { compareAllPositions, type EventStore, type StoredEvent } from '@ledger/event-store';
import { Requires } from '../auth/auth.decorators';
import { aggregateIdSchema } from '../career/career-event-body';
import { badRequest, notFound } from '../platform/errors';
import { EVENT_STORE } from '../platform/tokens';

export const instantSchema = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO-8601 date or instant, e.g. 2022-01-10T08:00:00Z',
  });

export interface HistoryAnswer {
  cadreId: string;
  asOf: string | null;
  knownAt: string | null;
  streamRevision: number;
  events: Array<StoredEvent & { links: HistoryLinks; counts: boolean; scheduled: boolean }>;
}

export class CadreHistoryQuery extends CqrsQuery<HistoryAnswer> {
  constructor(
    readonly cadreId: string,
    readonly asOf: string | undefined,
    readonly knownAt: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(CadreHistoryQuery)
export class CadreHistoryHandler implements IQueryHandler<CadreHistoryQuery, HistoryAnswer> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(q: CadreHistoryQuery): Promise<HistoryAnswer> {
    const record = await loadCadreRecord(this.store, q.cadreId);
    if (!record) throw notFound('cadre', q.cadreId);
    // The cadre's stream, the appeals about the cadre and the recommendations of the cadre (TM5), in the order the ledger learned them.
    const stored = [...record.cadre, ...record.appeals, ...record.recommendations].sort((a, b) => compareAllPositions(a.position, b.position));
    const byId = new Map(stored.map((e) => [e.eventId, e]));
    const knownAt = q.knownAt !== undefined ? new Date(Date.parse(q.knownAt)).toISOString() : undefined;
    const entries = cadreHistory(stored.map(toRecordedEvent), {
      ...(q.asOf ? { asOf: q.asOf as CalendarDate } : {}),
      ...(knownAt ? { knownAt } : {}),
      onlyEffective: q.asOf !== undefined,
    });
    return {
      cadreId: q.cadreId,
      asOf: q.asOf ?? null,
      knownAt: knownAt ?? null,
      streamRevision: record.cadre[record.cadre.length - 1]!.revision,
      events: entries.map((e) => ({ ...byId.get(e.event.eventId)!, links: e.links, counts: e.counts, scheduled: e.scheduled })),
    };
  }
}

export class CadreStateQuery extends CqrsQuery<CadreStateAt> {
  constructor(
    readonly cadreId: string,
    readonly asOf: CalendarDate,
    readonly knownAt: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(CadreStateQuery)
export class CadreStateHandler implements IQueryHandler<CadreStateQuery, CadreStateAt> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(q: CadreStateQuery): Promise<CadreStateAt> {
    const record = await loadCadreRecord(this.store, q.cadreId);
    const state = record && cadreStateAt(record.all, q.cadreId, { asOf: q.asOf, ...(q.knownAt ? { knownAt: q.knownAt } : {}) });
    if (!state) throw notFound('cadre', q.cadreId);
    return state;
  }
}

@ApiTags('history')
@ApiBearerAuth()
@Controller('v1/cadres')
export class HistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':cadreId/history')
  @Requires('readHistory')
  @ApiOperation({ summary: 'Every event of a cadre with its envelope, retractions and rescissions linked both ways' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: only events effective on or before' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO instant: only events recorded at or before' })
  history(@Param('cadreId') cadreId: string, @Query('asOf') asOf?: string, @Query('knownAt') knownAt?: string): Promise<HistoryAnswer> {
    if (!aggregateIdSchema.safeParse(cadreId).success) throw badRequest('cadreId', 'letters, digits, _ . : - only');
    if (asOf !== undefined && !calendarDateSchema.safeParse(asOf).success) throw badRequest('asOf', 'must be a calendar date YYYY-MM-DD');
    if (knownAt !== undefined && !instantSchema.safeParse(knownAt).success) throw badRequest('knownAt', 'must be an ISO-8601 instant');
    return this.queryBus.execute(new CadreHistoryQuery(cadreId, asOf, knownAt));
  }

  @Get(':cadreId/state')
  @Requires('readHistory')
  @ApiOperation({
    summary: 'What the ledger said on knownAt about asOf: posts, rank, grades, sanctions in effect, eligibility (replayed from events)',
  })
  @ApiQuery({ name: 'asOf', required: true, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO instant; default: everything recorded' })
  state(@Param('cadreId') cadreId: string, @Query('asOf') asOf?: string, @Query('knownAt') knownAt?: string): Promise<CadreStateAt> {
    if (!aggregateIdSchema.safeParse(cadreId).success) throw badRequest('cadreId', 'letters, digits, _ . : - only');
    const date = calendarDateSchema.safeParse(asOf);
    if (!date.success) throw badRequest('asOf', 'required: a calendar date YYYY-MM-DD');
    if (knownAt !== undefined && !instantSchema.safeParse(knownAt).success) throw badRequest('knownAt', 'must be an ISO-8601 instant');
    return this.queryBus.execute(new CadreStateQuery(cadreId, date.data, knownAt !== undefined ? new Date(Date.parse(knownAt)).toISOString() : undefined));
  }
}
