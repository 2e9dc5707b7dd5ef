/** Test helper process: opens the ledger on the embedded server and holds it until SIGTERM. */
import { loadConfig } from '@ledger/config';
import { openLedger } from '@ledger/runtime';

async function main(): Promise<void> {
  const ledger = await openLedger(loadConfig());
  process.stdout.write(`ready port=${ledger.db.embedded?.port}\n`);
  const stop = () => void ledger.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  setInterval(() => undefined, 1 << 30);
}
void main();
