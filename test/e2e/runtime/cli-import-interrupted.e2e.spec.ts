/**
 * `npm run ledger -- import` stopped by Ctrl+C: it reads no further line and says which lines are
 * final — accepted, new, present, rejected — and that importing the file again goes on from there;
 * exit 130. A second Ctrl+C would close at once. Found by an operations review: it said only
 * "已中断，正在关闭台账…", and the operator could not tell what the ledger now held.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNTY_LINES as LINES, importedAgain } from '../../support/interrupted-import';
import { nodeEntry, ROOT, runCli } from '../../support/run-cli';

/** Written to the command's standard input before Ctrl+C: two chunks of 1,000 lines and half of a third, the input kept open. */
const SENT = 2500;

describe('npm run ledger -- import, interrupted by Ctrl+C', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-import-stop-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
  // The data folder made (initdb) before: the imports below open the ledger in about a second.
  beforeAll(async () => expect((await runCli(['digest'], env)).code).toBe(0), 60_000);

  /** The import of standard input, sent SENT lines, then SIGINT once they are decided and written. */
  async function interruptedImport(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [...nodeEntry('apps/cli/src/main.ts'), 'import', '-', '--as', 'ADMIN', '--no-projections', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdin.write(LINES.slice(0, SENT).join(''));
    // The ledger opened (the embedded server started) and two chunks written; the third waits for input.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    child.kill('SIGINT');
    const code = await closed;
    clearTimeout(killer);
    child.stdin.destroy();
    return { code, stdout, stderr };
  }

  it('--json: the report with the final lines and IMPORT_STOPPED, exit 130; a re-import stores exactly the rest', async () => {
    const { code, stdout, stderr } = await interruptedImport(['--json']);
    expect({ code, stderr: stderr.split('\n').filter(Boolean).at(-1) }).toEqual({ code: 130, stderr: expect.stringContaining('"code":"IMPORT_STOPPED"') });
    expect(JSON.parse(stdout)).toMatchObject({ lines: 2000, accepted: 2000, appended: 2000, rejectedCount: 0, error: { code: 'IMPORT_STOPPED' } });

    expect(await importedAgain(dataDir, env)).toMatchObject({ alreadyPresent: 2000, appended: LINES.length - 2000, rejectedCount: 0 });
  }, 120_000);

  it('a person reads, in Chinese, how many lines are final and that importing again goes on', async () => {
    const { code, stdout, stderr } = await interruptedImport([]);
    expect(code).toBe(130);
    expect(stderr).toContain('导入已按要求中断');
    // The ledger holds the whole file now (the test above): every line sent was present.
    expect(stdout).toContain('导入中止：前 2000 行的处理结果已确定，接受 2000 行（新写入 0，已存在 2000），拒绝 0 行；其后各行未写入，再次导入同一文件即可继续');
  }, 120_000);
});
