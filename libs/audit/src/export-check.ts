/**
 * An export checked alone and against the ledger, as POST /v1/audit/verify-export answers and
 * `verify-export --against-ledger --json` prints (one shape for both ways in: found by a review,
 * the CLI printed the file's check flattened beside `ledger`).
 */
import { actorZh, namedZh, shanghaiTime } from '@ledger/domain';
import { compareExportWithLedger, describeLedgerComparisonZh, type LedgerComparison, type LedgerReader } from './compare-with-ledger';
import type { AuditExport } from './export-document';
import { describeBreakZh, verifyExport, type ExportVerification } from './verify-export';

export interface ExportCheck {
  /** The file agrees with itself and is this ledger's. */
  readonly ok: boolean;
  readonly file: ExportVerification;
  /** Null when the file failed its own check: its heads then anchor nothing. */
  readonly ledger: LedgerComparison | null;
  /** What was found, in Chinese sentences (the file's own check first). */
  readonly summaryZh: readonly string[];
}

export async function checkExportAgainstLedger(document: AuditExport, reader: LedgerReader): Promise<ExportCheck> {
  const file = verifyExport(document);
  const ledger = file.ok ? await compareExportWithLedger(document, reader) : null;
  const fileSaid = file.ok
    ? `文件自身校验通过：干部 ${namedZh(document.summary.cadreName ?? null, file.cadreId)}的 ${file.checkedStreams} 条事件流、${file.checkedEvents} 个事件哈希链完整，文档哈希一致（导出于 ${shanghaiTime(file.generatedAt)}，导出人 ${actorZh(file.generatedBy)}）。`
    : `文件自身校验失败：${describeBreakZh(file.firstBroken!)}`;
  return { ok: file.ok && ledger !== null && ledger.ok, file, ledger, summaryZh: [fileSaid, ...(ledger ? describeLedgerComparisonZh(ledger) : [])] };
}
