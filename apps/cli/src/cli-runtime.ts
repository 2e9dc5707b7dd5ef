/**
 * Runs one CLI command against the ledger: opens it (embedded PostgreSQL or DATABASE_URL),
 * closes it afterwards — also on Ctrl-C — so an embedded server this process started stops cleanly.
 */
import pino from 'pino';
import { loadConfig } from '@ledger/config';
import { openLedger, type LedgerRuntime } from '@ledger/runtime';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { app: 'ledger-cli' } }, pino.destination(2));

export async function withLedger<T>(run: (ledger: LedgerRuntime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ledger = await openLedger(config, { log: (m) => logger.debug(m) });
  const interrupted = () => {
    process.stderr.write('\n已中断 (interrupted); closing the ledger…\n');
    void ledger.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await run(ledger);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await ledger.close();
  }
}

/**
 * The ledger has no stream for the cadre: a sentence for people, or with --json one JSON line on
 * stderr as every other error (the API's 404 code; found by a mutation review: a script asking for
 * JSON got the sentence).
 */
export function reportUnknownCadre(cadreId: string, json: boolean | undefined): void {
  const message = `没有干部 ${cadreId} 的记录。`;
  process.stderr.write(json ? `${JSON.stringify({ error: { code: 'NOT_FOUND', message, id: cadreId } })}\n` : `${message}\n`);
  process.exitCode = 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
