/**
 * The CLI's empty-ledger notice names "where the demo's county is, when there is one" (README): in
 * LEDGER_DEMO_DIR when that is set (README: "`LEDGER_DEMO_DIR` moves it"), and only a folder the demo
 * has wholly loaded (its marker), not any folder of that name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LOADED_MARKER } from '@ledger/config';
import { runCli } from '../../support/run-cli';

describe('the empty-ledger notice and LEDGER_DEMO_DIR', () => {
  const empty = mkdtempSync('/tmp/ledger-empty-');
  const demoDir = mkdtempSync('/tmp/ledger-demo-elsewhere-');
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
    rmSync(demoDir, { recursive: true, force: true });
  });

  it('names the demo folder LEDGER_DEMO_DIR points to once the demo has loaded its county there, not before', async () => {
    const before = await runCli(['eligibility', '--as-of', '2025-12-31'], { LEDGER_DATA_DIR: empty, LEDGER_DEMO_DIR: demoDir, DATABASE_URL: '' });
    expect(before.stderr).not.toContain(demoDir);
    writeFileSync(join(demoDir, DEMO_LOADED_MARKER), 'loaded\n');
    const r = await runCli(['eligibility', '--as-of', '2025-12-31'], { LEDGER_DATA_DIR: empty, LEDGER_DEMO_DIR: demoDir, DATABASE_URL: '' });
    expect(r.stderr).toContain('没有任何事件');
    expect(r.stderr).toContain(demoDir);
  }, 120_000);
});
