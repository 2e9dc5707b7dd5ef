/**
 * Opening the ledger for a process that serves until it is stopped (the API, the projector):
 * SIGTERM, SIGINT and SIGHUP are answered from before the ledger opens. A stop asked while it is
 * still opening ends the opening at once, closing what it had opened, and the process with exit 0:
 * the signal's default killed the API and could leave an embedded server it had started running,
 * and the projector waited for the opening, for ever with a database that never answers (found by
 * an operations review). Once open, the process takes the stops itself (`onStop`).
 */
import type { LedgerConfig } from '@ledger/config';
import { OpeningStoppedError, outputMayBeGone, STOP_SIGNALS } from '@ledger/database';
import { holdsNoEvent, openLedger, type LedgerRuntime } from './open-ledger';
import { redactUrl } from './redact-url';

export interface ServingLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(message: string): void;
}

export interface Served {
  readonly ledger: LedgerRuntime;
  /** A stop asked since the ledger opened and before `onStop` (while the app was being built), if any. */
  stopAsked(): string | undefined;
  /** From now on a stop calls `handler`. */
  onStop(handler: (signal: string) => void): void;
}

/** `whileOpening`: what the process does too when asked to stop while opening (the projector bounds its stop). `name`: how its log names it. */
export async function openLedgerForServing(config: LedgerConfig, log: ServingLog, options: { readonly name?: string; readonly whileOpening?: (signal: string) => void } = {}): Promise<Served> {
  const who = options.name ? `${options.name} ` : '';
  const opening = new AbortController();
  let asked: string | undefined;
  let handler: ((signal: string) => void) | undefined;
  let opened = false;
  for (const signal of STOP_SIGNALS)
    process.once(signal, () => {
      outputMayBeGone();
      if (handler) return handler(signal);
      if (asked !== undefined) return;
      asked = signal;
      if (opened) return; // the process looks at stopAsked() before it takes the stops
      log.info({ signal }, `${who}stopping while opening the ledger`);
      options.whileOpening?.(signal);
      opening.abort();
    });
  let ledger: LedgerRuntime;
  try {
    ledger = await openLedger(config, { log: (m) => log.debug(m), signal: opening.signal });
    opened = true;
    await sayWhichLedger(ledger, log, who);
  } catch (error) {
    if (!(error instanceof OpeningStoppedError)) throw error;
    log.info({ signal: asked }, `${who}stopped before the ledger was open`);
    process.exit(0);
  }
  return {
    ledger,
    stopAsked: () => asked,
    onStop: (h) => {
      handler = h;
    },
  };
}

/**
 * Which ledger the process serves, in its log: the store and where its data lives (a URL without its
 * credentials), and a warning when it holds no event at all (found by an operator's review: a projector
 * with a mistyped data directory led the projections of an empty new ledger, and said nothing of it).
 */
async function sayWhichLedger(ledger: LedgerRuntime, log: ServingLog, who: string): Promise<void> {
  const where = ledger.config.DATABASE_URL ? { database: redactUrl(ledger.config.DATABASE_URL) } : { dataDir: ledger.config.dataDir };
  const store = ledger.config.EVENTSTORE_URL ? { eventStore: redactUrl(ledger.config.EVENTSTORE_URL) } : { eventStore: 'postgres' };
  if (await holdsNoEvent(ledger.store)) log.warn({ ...where, ...store }, `${who}opened a ledger with no event at all: check LEDGER_DATA_DIR / DATABASE_URL if one was expected (台账中没有任何事件：如应有数据，请检查数据目录或数据库地址)`);
  else log.info({ ...where, ...store }, `${who}ledger opened`);
}
