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

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
