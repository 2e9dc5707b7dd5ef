import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__LEDGER_TEST_SERVER__;
  await state?.server?.stop();
  if (state?.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}
