/**
 * The ledger digest (GET /v1/audit/digest) and the proof that the ledger since a digest was only
 * appended to (GET /v1/audit/verify?sinceDigest=): queries over the store-wide order. An audit
 * export checked against this ledger (POST /v1/audit/verify-export).
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  checkExportAgainstLedger,
  KeptLedgerDigest,
  verifySinceDigest,
  type AuditExport,
  type DigestAnswer,
  type ExportCheck,
  type LedgerDigest,
  type SinceDigestVerification,
} from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../platform/tokens';

export class LedgerDigestQuery extends Query<DigestAnswer> {}

@QueryHandler(LedgerDigestQuery)
export class LedgerDigestHandler implements IQueryHandler<LedgerDigestQuery, DigestAnswer> {
  /** Each ask reads only the events appended since the one before. */
  private readonly digest: KeptLedgerDigest;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.digest = new KeptLedgerDigest(store);
  }

  execute(): Promise<DigestAnswer> {
    return this.digest.current();
  }

  /** A digest computed from every event just now replaces the kept one (KeptLedgerDigest.adopt). */
  adopt(whole: LedgerDigest): Promise<void> {
    return this.digest.adopt(whole);
  }
}

export class VerifySinceDigestQuery extends Query<SinceDigestVerification> {
  constructor(
    readonly digest: LedgerDigest,
    /** Go on past the first broken link and list every one (the CLI's `verify --all`). */
    readonly listEveryBreak = false,
  ) {
    super();
  }
}

@QueryHandler(VerifySinceDigestQuery)
export class VerifySinceDigestHandler implements IQueryHandler<VerifySinceDigestQuery, SinceDigestVerification> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly kept: LedgerDigestHandler,
  ) {}

  async execute(q: VerifySinceDigestQuery): Promise<SinceDigestVerification> {
    const result = await verifySinceDigest(this.store, q.digest, { stopAtFirst: !q.listEveryBreak });
    // It read every event: the page's current digest is this one from now on, not one kept from before an edit.
    await this.kept.adopt(result.sinceDigest.current);
    return result;
  }
}

/** A file's own check, and (when it agrees with itself) its heads and related events compared with this ledger. */
export type { ExportCheck };

export class VerifyExportQuery extends Query<ExportCheck> {
  constructor(readonly document: AuditExport) {
    super();
  }
}

@QueryHandler(VerifyExportQuery)
export class VerifyExportHandler implements IQueryHandler<VerifyExportQuery, ExportCheck> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(q: VerifyExportQuery): Promise<ExportCheck> {
    return checkExportAgainstLedger(q.document, this.store);
  }
}
