import { userInfo } from 'node:os';
import type { ImportOptions } from '@ledger/application';
import type { Role } from '@ledger/auth';
import { projectionRunnerFor } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';

/** The CLI's import, a file of lines or a workbook: a named local operator with an explicit role, the same capability table as the API. */
export function cliImportOptions(ledger: LedgerRuntime, as: Role, correlationId: string, dryRun: boolean | undefined, stop: AbortSignal): ImportOptions {
  return { actor: `${as}:cli:${userInfo().username}`, role: as, correlationId, maxLineBytes: ledger.config.IMPORT_MAX_LINE_BYTES, dryRun: dryRun ?? false, stop };
}

export const PROJECTIONS_LEFT_ZH = '已中断：导入已全部完成，读模型未更新；接口或投影服务（projector）会补齐，下一次查询命令也会先补齐。';
export const PROJECTIONS_FAILED_ZH = '导入已全部完成（见上），但随后更新读模型失败，读模型未更新；接口或投影服务（projector）会补齐，下一次查询命令也会先补齐。原因：';

/** How the read models were brought up to date after the import (timed apart from the import itself). */
export interface ProjectionsUpdate {
  readonly seconds: number;
  /** Projections rebuilt in one pass (far behind: PROJECTION_REBUILD_BACKLOG); the others caught up. */
  readonly rebuilt: string[];
}

/**
 * The first answer after a bulk import should not wait for the projections to catch up event by
 * event: far behind, the runner rebuilds them in one pass instead (projection-runner.ts).
 */
export async function updateProjections(ledger: LedgerRuntime, say: boolean): Promise<ProjectionsUpdate> {
  const started = Date.now();
  const rebuilt: string[] = [];
  const runner = projectionRunnerFor(ledger);
  if (say) process.stderr.write('正在更新读模型…\n');
  for (const p of runner.projections) {
    await runner.ensureCurrent(p, {
      onProgress: (progress) => {
        if (progress.phase === 'DONE') rebuilt.push(progress.projection);
      },
    });
  }
  const update = { seconds: (Date.now() - started) / 1000, rebuilt };
  if (say) {
    const how = rebuilt.length > 0 ? `一次性重建 ${rebuilt.join('、')}` : '逐批追平';
    process.stderr.write(`读模型已更新（${how}），用时 ${update.seconds.toFixed(1)} 秒。\n`);
  }
  return update;
}

