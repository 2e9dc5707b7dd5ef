/**
 * The embedded PostgreSQL's lifecycle across processes: the first process starts it in
 * LEDGER_DATA_DIR, a second connects to the running server instead of starting another, and
 * the last live user stops it on exit (SIGTERM included), whoever started it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/run-cli';

function startHolder(dataDir: string) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'test/support/hold-embedded-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready port=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

describe('embedded PostgreSQL across processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lets a second process connect to the running server, and stops it when the owner gets SIGTERM', async () => {
    const holder = startHolder(dataDir);
    const port = await holder.ready;
    const pidFile = join(dataDir, 'pgdata', 'postmaster.pid');
    expect(readFileSync(pidFile, 'utf8').split('\n')[3]).toBe(String(port));

    const second = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'debug' });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`already running for ${dataDir} (port ${port})`);
    expect(existsSync(pidFile)).toBe(true); // the second process did not stop the owner's server

    holder.child.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('keeps the server running while another process uses it, even when its starter exits; the last user stops it', async () => {
    const starter = startHolder(dataDir);
    const port = await starter.ready;
    const user = startHolder(dataDir);
    expect(await user.ready).toBe(port);
    const pidFile = join(dataDir, 'pgdata', 'postmaster.pid');

    starter.child.kill('SIGTERM');
    expect(await starter.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(true);
    const meanwhile = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(meanwhile.code).toBe(0);
    expect(existsSync(pidFile)).toBe(true);

    user.child.kill('SIGTERM');
    expect(await user.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  });
});
