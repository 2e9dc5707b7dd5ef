/**
 * Runs one CLI command against the ledger: opens it (embedded PostgreSQL or DATABASE_URL),
 * closes it afterwards — also on Ctrl-C — so an embedded server this process started stops cleanly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { DEMO_LOADED_MARKER, demoDataDir, loadConfig } from '@ledger/config';
import { OpeningStoppedError, outputMayBeGone, STOP_SIGNALS } from '@ledger/database';
import { knownAtInstant, shanghaiInstant } from '@ledger/domain';
import { noLaterThanNow } from '@ledger/projections';
import { holdsNoEvent, openLedger, type LedgerRuntime } from '@ledger/runtime';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { app: 'ledger-cli' } }, pino.destination(2));

export interface LedgerUse {
  /**
   * A question about the ledger (not a write, a token or the read models' upkeep): a ledger with no
   * event at all is said on stderr, with where it was looked for (found by a review: a mistyped
   * LEDGER_DATA_DIR made a new empty ledger and answered "0 人", exit 0, as if it had looked).
   */
  readonly asks?: boolean;
  /**
   * The question's `--known-at`: answered once no append recorded by then is still committing, or
   * refused as the API's 503 KNOWN_AT_UNSETTLED (T1: an answer as known at an instant does not change once given).
   */
  readonly knownAt?: string | undefined;
  /**
   * A command that can stop part-way with a whole answer (an import): the first Ctrl+C (SIGTERM,
   * SIGHUP) asks it to stop through this, and it says what is final; the next one closes the
   * ledger and exits 130 at once, as for any other command.
   */
  readonly stop?: AbortController;
  /**
   * The ledger is opened though events lie outside its order (EventsOutsideTheOrderError): by
   * `verify`, to name each of them, and by `migrate-store` copying this ledger, which copies them in
   * their stored order.
   */
  readonly opensEventsOutsideTheOrder?: boolean;
}

export async function withLedger<T>(run: (ledger: LedgerRuntime) => Promise<T>, use: LedgerUse = {}): Promise<T> {
  const config = loadConfig();
  // Ctrl+C while the ledger is still opening ends the opening, closing what it opened (an embedded
  // server this process started, in a process group of its own that the terminal's Ctrl+C does not
  // reach): the signal's default killed the process and left that server running with no user
  // (found by a review of this session's diff).
  const opening = new AbortController();
  let ledger: LedgerRuntime | undefined;
  let closing = false;
  const interrupted = () => {
    outputMayBeGone();
    if (ledger === undefined) {
      opening.abort();
      return;
    }
    if (use.stop && !use.stop.signal.aborted) {
      process.stderr.write('\n正在中断：不再读取后续各行，已处理的行保留（再按一次 Ctrl+C 立即退出）…\n');
      use.stop.abort();
      return;
    }
    if (closing) return;
    closing = true;
    process.stderr.write('\n已中断，正在关闭台账…\n');
    void ledger.close().finally(() => process.exit(130));
  };
  for (const signal of STOP_SIGNALS) process.on(signal, interrupted);
  try {
    ledger = await openLedger(config, { log: (m) => logger.debug(m), signal: opening.signal, allowEventsOutsideTheOrder: use.opensEventsOutsideTheOrder === true });
  } catch (error) {
    for (const signal of STOP_SIGNALS) process.off(signal, interrupted);
    if (!(error instanceof OpeningStoppedError)) throw error;
    process.stderr.write('\n已中断（台账尚未打开）。\n');
    process.exit(130);
  }
  if (use.asks && (await holdsNoEvent(ledger.store))) {
    const where = config.DATABASE_URL ? '数据库（DATABASE_URL）' : `数据目录 ${config.dataDir} `;
    // The demo's county is in its own folder: a newcomer who ran `npm run demo` first is told where (found by a review).
    const demoDir = demoDataDir();
    const demo = !config.DATABASE_URL && resolve(config.dataDir) !== resolve(demoDir) && existsSync(join(demoDir, DEMO_LOADED_MARKER)) ? `；演示数据（npm run demo）在 ${demoDir}：LEDGER_DATA_DIR=${demoDir}` : '';
    const notice = `注意：${where}中的台账没有任何事件。如数据在别处，请设置 LEDGER_DATA_DIR 或 DATABASE_URL${demo}；导入数据：npm run ledger -- import 文件.ndjson`;
    // With --json, stderr stays JSON lines (an error, if any, is the last one).
    process.stderr.write(process.argv.includes('--json') ? `${JSON.stringify({ warning: { code: 'EMPTY_LEDGER', message: notice } })}\n` : `${notice}\n`);
  }
  try {
    const given = use.knownAt !== undefined ? knownAtInstant(use.knownAt) : null;
    // A later instant is answered as known at the instant the command parsed it (noLaterThanNow), before this: settled up to now, past it.
    const instant = given === null ? null : noLaterThanNow(given);
    if (instant !== null && ledger.store.settleKnownAt && !(await ledger.store.settleKnownAt(instant, config.READ_YOUR_WRITES_TIMEOUT_MS))) {
      throw Object.assign(new Error(`a write recorded at or before --known-at ${instant} is still being committed after ${config.READ_YOUR_WRITES_TIMEOUT_MS} ms; ask again`), {
        code: 'KNOWN_AT_UNSETTLED',
        messageZh: `--known-at 所选时刻 ${instant} 之前开始的一项录入在 ${config.READ_YOUR_WRITES_TIMEOUT_MS} 毫秒后仍未完成，此时作答，答案日后可能改变；请稍后重试`,
      });
    }
    return await run(ledger);
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, interrupted);
    await ledger.close();
  }
}

/**
 * The ledger has no stream for the cadre: a sentence for people, or with --json one JSON line on
 * stderr as every other error (the API's 404 code; found by a mutation review: a script asking for
 * JSON got the sentence).
 */
export function reportUnknownCadre(cadreId: string, json: boolean | undefined, knownAt?: string): void {
  // As known at an instant, a cadre recorded later has no record yet: said so, not that there is none (found by a review).
  const instant = knownAt === undefined ? null : knownAtInstant(knownAt);
  const message = instant === null ? `没有干部 ${cadreId} 的记录。` : `按 ${shanghaiInstant(noLaterThanNow(instant))} 所知，台账中尚无干部 ${cadreId} 的记录（--known-at）。`;
  process.stderr.write(json ? `${JSON.stringify({ error: { code: 'NOT_FOUND', message, id: cadreId } })}\n` : `${message}\n`);
  process.exitCode = 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
