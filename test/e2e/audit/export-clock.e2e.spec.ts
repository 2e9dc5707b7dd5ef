/**
 * verify-export's GENERATED_BEFORE_ITS_EVENTS on a genuine export: the CLI wrote
 * `generatedAt` from the workstation's clock, while every `recordedAt` is the database server's
 * clock (ledger_append: clock_timestamp()). The CLI connects to a database on another machine
 * (DATABASE_URL); a workstation clock 30 s slow makes the ledger's own export, taken right after a
 * write, failed its own check as if its export time had been forged (found by a diff review). An
 * export's generatedAt is now never before the events it carries.
 */
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { importSecretaryOfT01, runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

let db: TestDatabase;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('export-clock');

beforeAll(async () => {
  db = await createTestDatabase('export_clock');
  env = { DATABASE_URL: db.url };
  const imp = await importSecretaryOfT01(dir, env);
  expect(imp.code).toBe(0);
}, 180_000);
afterAll(async () => {
  await db?.drop();
});

describe('verify-export of a genuine CLI export taken from a workstation whose clock is 30 s slow', () => {
  it('passes its own check (the file is the ledger\'s, untouched), not GENERATED_BEFORE_ITS_EVENTS', async () => {
    const out = join(dir, 'c1.json');
    const ex = await runCli(['export', 'C1', '--out', out], { ...env, NODE_OPTIONS: `--require ${join(__dirname, '../../support/slow-clock.js')}` });
    expect(ex.code).toBe(0);
    const r = await runCli(['verify-export', out, '--json'], env);
    // Today: exit 3, firstBroken GENERATED_BEFORE_ITS_EVENTS — "文件的导出时间早于其中事件的录入时间" for the ledger's own, untouched export.
    expect(JSON.parse(r.stdout).firstBroken?.reason).toBeUndefined();
    expect(r.code).toBe(0);
  });
});
