/**
 * Shared by the read-model commands (eligibility, candidates, tenure, projections): bringing the
 * projection tables up to date before answering (no API may be running to do it), the progress
 * bar of a rebuild, and the Chinese labels of rule checks.
 */
import { SingleBar } from 'cli-progress';
import type { z } from 'zod';
import type { RuleCheck } from '@ledger/domain';
import { ProjectionFreshness, projectionRunnerFor, ReadModelQueries, type Behind, type RebuildProgress } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';

/** Chinese names of the checks (检查项) of RULES.md TM6b and TM10. */
export const CHECK_NAMES_ZH: Record<string, string> = {
  'TM6b.chief': '现任乡镇党政正职',
  'TM6b.partySecretaryRun': '连续任乡镇党委书记年限',
  'TM6b.chiefRun': '连续任乡镇党政正职年限',
  'TM6b.grades': '任期内年度考核等次',
  'TM6b.excellentGrades': '任期内优秀等次次数',
  'TM6b.noSanctionPeriod': '不在处分影响期',
  'TM10.partySecretary': '基准日为乡镇党委书记',
  'TM10.townshipWork': '乡镇工作经历',
  'TM10.grades': '周期内年度考核等次',
  'TM10.excellentGrades': '周期内优秀等次',
  'TM10.noSanctionPeriod': '周期内无处分影响期',
};

export const checkName = (c: RuleCheck): string => CHECK_NAMES_ZH[c.rule] ?? c.rule;

export const yesNo = (b: boolean): string => (b ? '是' : '否');

/** A progress bar with events/s, drawn only on a terminal. */
export function rebuildProgressBar(enabled: boolean): { update: (p: RebuildProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '重建 {projection} {bar} {percentage}% | {value}/{total} 事件 | {rate} 事件/秒 | 剩余 {eta_formatted}{phase}',
    stream: process.stdout,
    hideCursor: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update: (p) => {
      const payload = { projection: p.projection, rate: p.eventsPerSecond, phase: p.phase === 'SWAP' ? ' | 切换数据表…' : '' };
      if (!started) {
        bar.start(p.total, p.applied, payload);
        started = true;
        return; // no rate yet: an update now would show an infinite ETA
      }
      bar.setTotal(p.total);
      bar.update(p.applied, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/**
 * The read-model queries for a CLI command. No API may be running, so the command applies what the
 * projections lack itself (rebuilding one whose version was bumped), as the API does continuously:
 * safe while the API runs too, each batch commits with its checkpoint. A write still running
 * elsewhere can keep them short of the last acknowledged write: the answer then carries `behind`.
 */
export function cliReadModelQueries(ledger: LedgerRuntime): ReadModelQueries {
  const runner = projectionRunnerFor(ledger, { batchSize: 2000 });
  const freshness = new ProjectionFreshness(runner, ledger.store, {
    timeoutMs: ledger.config.READ_YOUR_WRITES_TIMEOUT_MS,
    drive: true,
    rebuild: {
      onProgress: (progress) => {
        if (progress.phase === 'DONE') process.stderr.write(`已重建投影 ${progress.projection}（${progress.applied} 个事件）。\n`);
      },
    },
  });
  return new ReadModelQueries(ledger.db.sql, ledger.store, freshness);
}

/** On stderr, so that `--json` output stays one document: the answer may miss the latest writes. */
export function warnIfBehind(answer: { readonly behind?: Behind } | null): void {
  const behind = answer?.behind;
  if (!behind) return;
  process.stderr.write(
    `注意：读模型（${behind.projections.join('、')}）等待 ${(behind.waitedMs / 1000).toFixed(1)} 秒后仍落后 ${behind.events} 个事件` +
      `（另有写入事务尚未结束），以下结果可能未包含最近记录的事件。\n`,
  );
}

/** Validates CLI options with the API's zod schema; the error names the option as typed. */
export function parseOptions<S extends z.ZodType>(schema: S, value: Record<string, unknown>, flags: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new Error(`${flags[key] ?? key}: ${issue?.message ?? 'invalid'}`);
}
