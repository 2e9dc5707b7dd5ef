import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyLedger } from '@ledger/audit';
import type { EventStore, VerificationResult } from '@ledger/event-store';
import { EVENT_STORE } from '../platform/tokens';

export class VerifyLedgerQuery extends Query<VerificationResult> {
  constructor(
    /** Go on past the first broken link and list every one, each at its own event (the CLI's `verify --all`). */
    readonly listEveryBreak = false,
  ) {
    super();
  }
}

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery, VerificationResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(q: VerifyLedgerQuery): Promise<VerificationResult> {
    return verifyLedger(this.store, { stopAtFirst: !q.listEveryBreak });
  }
}
