/**
 * The ledger digest (GET /v1/audit/digest) and the proof that the ledger since a digest was only
 * appended to (GET /v1/audit/verify?sinceDigest=): queries over the store-wide order. An audit
 * export checked against this ledger (POST /v1/audit/verify-export).
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  compareExportWithLedger,
  describeBreakZh,
  describeLedgerComparisonZh,
  ledgerDigest,
  verifyExport,
  verifySinceDigest,
  type AuditExport,
  type DigestAnswer,
  type ExportVerification,
  type LedgerComparison,
  type LedgerDigest,
  type SinceDigestVerification,
} from '@ledger/audit';
import { actorZh, shanghaiTime } from '@ledger/domain';
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

/** A file's own check, and (when it agrees with itself) its heads and related events compared with this ledger. */
export interface ExportCheck {
  /** The file agrees with itself and is this ledger's. */
  readonly ok: boolean;
  readonly file: ExportVerification;
  /** Null when the file failed its own check: its heads then anchor nothing. */
  readonly ledger: LedgerComparison | null;
  /** What was found, in Chinese sentences, for the pages. */
  readonly summaryZh: readonly string[];
}

export class VerifyExportQuery extends Query<ExportCheck> {
  constructor(readonly document: AuditExport) {
    super();
  }
}

@QueryHandler(VerifyExportQuery)
export class VerifyExportHandler implements IQueryHandler<VerifyExportQuery, ExportCheck> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(q: VerifyExportQuery): Promise<ExportCheck> {
    const file = verifyExport(q.document);
    const ledger = file.ok ? await compareExportWithLedger(q.document, this.store) : null;
    const fileSaid = file.ok
      ? `文件自身校验通过：干部 ${file.cadreId} 的 ${file.checkedStreams} 条事件流、${file.checkedEvents} 个事件哈希链完整，文档哈希一致（导出于 ${shanghaiTime(file.generatedAt)}，导出人 ${actorZh(file.generatedBy)}）。`
      : `文件自身校验失败：${describeBreakZh(file.firstBroken!)}`;
    return { ok: file.ok && ledger !== null && ledger.ok, file, ledger, summaryZh: [fileSaid, ...(ledger ? describeLedgerComparisonZh(ledger) : [])] };
  }
}
