/**
 * Shared by the read-model commands (eligibility, candidates, tenure, projections): bringing the
 * projection tables up to date before answering (no API may be running to do it), the progress
 * bar of a rebuild, and the Chinese labels of rule checks.
 */
import { SingleBar } from 'cli-progress';
import type { z } from 'zod';
import { CHECK_NAMES_ZH, type RuleCheck } from '@ledger/domain';
import { projectionRunnerFor, type ProjectionRunner, type RebuildProgress } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';

/** Chinese names of the checks: one table in the domain, shared with the web app. */
export { CHECK_NAMES_ZH };

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
 * Brings every projection up to date in this process (rebuilding one whose version was bumped),
 * as the API does continuously: safe while the API runs too, each batch commits with its checkpoint.
 */
export async function bringProjectionsUpToDate(ledger: LedgerRuntime): Promise<ProjectionRunner> {
  const runner = projectionRunnerFor(ledger, { batchSize: 2000 });
  for (const p of runner.projections) {
    await runner.ensureCurrent(p, {
      onProgress: (progress) => {
        if (progress.phase === 'DONE') process.stderr.write(`已重建投影 ${progress.projection}（${progress.applied} 个事件）。\n`);
      },
    });
  }
  return runner;
}

/** Validates CLI options with the API's zod schema; the error names the option as typed. */
export function parseOptions<S extends z.ZodType>(schema: S, value: Record<string, unknown>, flags: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new Error(`${flags[key] ?? key}: ${issue?.message ?? 'invalid'}`);
}
