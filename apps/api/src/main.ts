/**
 * `npm start`: the HTTP API on the embedded PostgreSQL (or DATABASE_URL).
 */
import pino from 'pino';
import { loadConfig } from '@ledger/config';
import { openLedgerForServing, startFailureText } from '@ledger/runtime';
import { ERROR_PREFIX_ZH } from '@ledger/domain';
import { createApp } from './create-app';
import { stopServing } from './platform/graceful-close';
import { assertPortFree, isAddressInUse, PortInUseError } from './platform/port';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'ledger-api' } });
  // Before the database is opened: an occupied port is reported at once, not after the start-up.
  await assertPortFree(config.HOST, config.PORT, 'npm start');
  const { ledger, stopAsked, onStop } = await openLedgerForServing(config, log);
  const app = await createApp(ledger);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopServing(app, ledger);
  };
  // A stop asked while the app was being created: honoured now, before it listens.
  if (stopAsked() !== undefined) {
    await app.close().then(() => ledger.close(), () => ledger.close()).catch(() => undefined);
    process.exit(0);
  }
  onStop(stop);
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    closing = true;
    await app.close().then(() => ledger.close(), () => ledger.close()).catch(() => undefined);
    throw isAddressInUse(error) ? new PortInUseError(config.PORT, 'npm start') : error;
  }
  const base = `http://${config.HOST}:${config.PORT}`;
  log.info({ url: base, docs: `${base}/docs`, database: config.DATABASE_URL ? 'DATABASE_URL' : config.dataDir }, 'ledger API listening');
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${ERROR_PREFIX_ZH}${startFailureText(error)}\n`);
  process.exit(1);
});
