import { BEHIND_ZH } from '@ledger/domain';
import type { Behind } from '@ledger/projections';

/** An answer whose read models had not caught up with every acknowledged write: said above it, wherever it is shown. */
export function behindNoticeZh(behind: Behind | undefined): string | null {
  if (!behind) return null;
  return `注意：${BEHIND_ZH}：等待 ${(behind.waitedMs / 1000).toFixed(1)} 秒后仍差 ${behind.events} 个事件（另有写入事务尚未结束），以下结果可能未包含最近录入的事件。`;
}
