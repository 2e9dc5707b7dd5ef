/**
 * Shared by the read-model commands (eligibility, candidates, tenure, projections): bringing the
 * projection tables up to date before answering (no API may be running to do it), the progress
 * bar of a rebuild, and the Chinese labels of rule checks.
 */
import { SingleBar } from 'cli-progress';
import type { z } from 'zod';
import { schemaMessageZh, zodIssueZh } from '@ledger/domain';
import { NotATownshipError, ProjectionFreshness, projectionRunnerFor, ReadModelQueries, UnknownOrgUnitError, type Behind, type RebuildProgress } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { behindNoticeZh } from '@ledger/tables';

/** Chinese names of the checks (one table in the domain, shared with the web app), and 是/否: as the tables of libs/tables say them. */
export { checkNameZh as checkName, yesNo } from '@ledger/tables';

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
        if (progress.phase === 'DONE') notice('PROJECTION_REBUILT', `已重建投影 ${progress.projection}（${progress.applied} 个事件）。`);
      },
    },
  });
  return new ReadModelQueries(ledger.db.sql, ledger.store, freshness);
}

/** A notice on stderr: under `--json` one JSON line, as the empty ledger's (found by a review: plain text). */
function notice(code: string, message: string): void {
  process.stderr.write(process.argv.includes('--json') ? `${JSON.stringify({ warning: { code, message } })}\n` : `${message}\n`);
}

/** On stderr, so that `--json` output stays one document: the answer may miss the latest writes. */
export function warnIfBehind(answer: { readonly behind?: Behind } | null): void {
  const text = behindNoticeZh(answer?.behind);
  if (text) notice('BEHIND', text);
}

/** Validates CLI options with the API's zod schema; the error names the option as typed. */
export function parseOptions<S extends z.ZodType>(schema: S, value: Record<string, unknown>, flags: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  // A name where a cadre's id was asked (`history 孙志胜`): where to find the id (found by an appeals review).
  const typed = value[key];
  const byName = (key === 'cadreId' || key === 'cadre') && typeof typed === 'string' && /\p{Script=Han}/u.test(typed) ? `；按姓名查找干部编号：npm run ledger -- cadres --search ${typed.slice(0, 20)}` : '';
  // zodIssueZh: zod's own checks (an empty --cadre) in Chinese too, not only the schemas' messages.
  throw new OptionValueError(flags[key] ?? key, issue?.message ?? 'invalid', issue ? `${zodIssueZh(issue)}${byName}` : undefined);
}

/**
 * An option's value refused by the query's own schema: said in Chinese with the schema's English
 * beside it, and with --json as the API's 400 (`INVALID_REQUEST` naming the field; found by a
 * review: `{code: "ERROR"}` without the field, in English).
 */
export class OptionValueError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
    detailZh?: string,
    /** As the API's answer to the same question: INVALID_REQUEST (400), or NOT_FOUND (404) for an id the ledger does not know. */
    readonly code: 'INVALID_REQUEST' | 'NOT_FOUND' = 'INVALID_REQUEST',
  ) {
    const zh = detailZh ?? schemaMessageZh(detail);
    super(zh === detail ? `${field}：${detail}` : `${field}：${zh}（${detail}）`);
  }

  toJSON(): { code: string; field: string; message: string } {
    return { code: this.code, field: this.field, message: this.message };
  }
}

/**
 * A `--township` the ledger does not know, or that is no township, named as the option it came from
 * (found by a review: "台账中没有单位 NOPE 的记录" said nothing of --township); other errors as they are.
 */
export function asTownshipOptionError(error: unknown): unknown {
  if (error instanceof UnknownOrgUnitError && !error.behind) return new OptionValueError('--township', error.message, error.messageZh, 'NOT_FOUND');
  if (error instanceof NotATownshipError) return new OptionValueError('--township', error.message, error.messageZh);
  return error;
}
