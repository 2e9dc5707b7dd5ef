/**
 * The read models on the QueryBus: TM6b eligibility, TM10 candidates, tenure. Handlers only
 * translate; ReadModelQueries (libs/projections) answers from the tables, or by replaying the
 * events when `knownAt` is given.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CalendarDate, ExcellentSecretaryCandidates, InPostPromotionEligibility, Tenure } from '@ledger/domain';
import { ReadModelQueries } from '@ledger/projections';
import { notFound } from '../platform/errors';

export class InPostPromotionEligibilityQuery extends Query<InPostPromotionEligibility> {
  constructor(
    readonly asOf: CalendarDate,
    readonly knownAt?: string,
    readonly cadreId?: string,
  ) {
    super();
  }
}

export class ExcellentSecretaryCandidatesQuery extends Query<ExcellentSecretaryCandidates> {
  constructor(
    readonly cycle: string,
    readonly knownAt?: string,
    readonly asOf?: CalendarDate,
  ) {
    super();
  }
}

export class TenureQuery extends Query<Tenure> {
  constructor(
    readonly cadreId: string,
    readonly asOf: CalendarDate,
    readonly knownAt?: string,
  ) {
    super();
  }
}

@QueryHandler(InPostPromotionEligibilityQuery)
export class InPostPromotionEligibilityHandler implements IQueryHandler<InPostPromotionEligibilityQuery, InPostPromotionEligibility> {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  execute(q: InPostPromotionEligibilityQuery): Promise<InPostPromotionEligibility> {
    return this.queries.eligibility({
      asOf: q.asOf,
      ...(q.knownAt !== undefined ? { knownAt: q.knownAt } : {}),
      ...(q.cadreId !== undefined ? { cadreId: q.cadreId } : {}),
    });
  }
}

@QueryHandler(ExcellentSecretaryCandidatesQuery)
export class ExcellentSecretaryCandidatesHandler implements IQueryHandler<ExcellentSecretaryCandidatesQuery, ExcellentSecretaryCandidates> {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  execute(q: ExcellentSecretaryCandidatesQuery): Promise<ExcellentSecretaryCandidates> {
    return this.queries.candidates({
      cycle: q.cycle,
      ...(q.knownAt !== undefined ? { knownAt: q.knownAt } : {}),
      ...(q.asOf !== undefined ? { asOf: q.asOf } : {}),
    });
  }
}

@QueryHandler(TenureQuery)
export class TenureHandler implements IQueryHandler<TenureQuery, Tenure> {
  constructor(@Inject(ReadModelQueries) private readonly queries: ReadModelQueries) {}

  async execute(q: TenureQuery): Promise<Tenure> {
    const answer = await this.queries.tenure(q.cadreId, { asOf: q.asOf, ...(q.knownAt !== undefined ? { knownAt: q.knownAt } : {}) });
    if (!answer) throw notFound('cadre', q.cadreId);
    return answer;
  }
}
