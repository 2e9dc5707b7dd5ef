/**
 * The ledger digest (GET /v1/audit/digest) and the proof that the ledger since a digest was only
 * appended to (GET /v1/audit/verify?sinceDigest=): queries over the store-wide order.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ledgerDigest, verifySinceDigest, type DigestAnswer, type LedgerDigest, type SinceDigestVerification } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../platform/tokens';

export class LedgerDigestQuery extends Query<DigestAnswer> {}

@QueryHandler(LedgerDigestQuery)
export class LedgerDigestHandler implements IQueryHandler<LedgerDigestQuery, DigestAnswer> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<DigestAnswer> {
    return ledgerDigest(this.store);
  }
}

export class VerifySinceDigestQuery extends Query<SinceDigestVerification> {
  constructor(readonly digest: LedgerDigest) {
    super();
  }
}

@QueryHandler(VerifySinceDigestQuery)
export class VerifySinceDigestHandler implements IQueryHandler<VerifySinceDigestQuery, SinceDigestVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(q: VerifySinceDigestQuery): Promise<SinceDigestVerification> {
    return verifySinceDigest(this.store, q.digest);
  }
}
