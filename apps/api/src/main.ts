/**
 * `npm start`: the HTTP API on the embedded PostgreSQL (or DATABASE_URL).
 */
import pino from 'pino';
import { loadConfig } from '@ledger/config';
import { OpeningStoppedError, outputMayBeGone, STOP_SIGNALS } from '@ledger/database';
import { openLedger, startFailureText } from '@ledger/runtime';
import { ERROR_PREFIX_ZH } from '@ledger/domain';
import { createApp } from './create-app';
import { stopServing } from './platform/graceful-close';
import { assertPortFree, isAddressInUse, PortInUseError } from './platform/port';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'ledger-api' } });
  // Before the database is opened: an occupied port is reported at once, not after the start-up.
  await assertPortFree(config.HOST, config.PORT, 'npm start');
  // A stop asked while the ledger is still opening ends the opening at once, closing what it had
  // opened (an embedded server it started), and the process with exit 0, as a stop once listening
  // does: the signal's default killed it and left such a server running (found by an operations review).
  const opening = new AbortController();
  let stopAsked: string | undefined;
  let shutdown = (signal: string) => {
    if (stopAsked !== undefined) return;
    stopAsked = signal;
    log.info({ signal }, 'stopping while opening the ledger');
    opening.abort();
  };
  for (const signal of STOP_SIGNALS)
    process.once(signal, () => {
      outputMayBeGone();
      shutdown(signal);
    });
  let ledger: Awaited<ReturnType<typeof openLedger>>;
  try {
    ledger = await openLedger(config, { log: (m) => log.debug(m), signal: opening.signal });
  } catch (error) {
    if (!(error instanceof OpeningStoppedError)) throw error;
    log.info({ signal: stopAsked }, 'stopped before the ledger was open');
    process.exit(0);
  }
  const app = await createApp(ledger);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopServing(app, ledger);
  };
  // A stop asked while the app was being created: honoured now, before it listens.
  if (stopAsked !== undefined) {
    await app.close().then(() => ledger.close(), () => ledger.close()).catch(() => undefined);
    process.exit(0);
  }
  shutdown = stop;
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
