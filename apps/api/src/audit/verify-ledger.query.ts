import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyStore, type EventStore, type VerificationResult } from '@ledger/event-store';
import { EVENT_STORE } from '../platform/tokens';

export class VerifyLedgerQuery extends Query<VerificationResult> {}

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery, VerificationResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<VerificationResult> {
    return verifyStore(this.store);
  }
}
