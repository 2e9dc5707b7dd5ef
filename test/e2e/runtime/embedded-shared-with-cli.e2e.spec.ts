/**
 * The embedded PostgreSQL started by a CLI command and then used by the API too (found by an
 * operations review): the command, done, exits and leaves the server to the API (it printed its
 * answer and never exited, its child process holding the event loop); a terminal's Ctrl+C on the
 * command (SIGINT to its whole process group) no longer stops the server under the API (the server
 * shared the command's group); and the API, last user, stops it on its own exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeEntry, ROOT, runCli } from '../../support/run-cli';
import { freePort } from '../../support/free-port';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exitOf = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

describe('the embedded server a CLI command started, used by the API too', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-shared-'));
  const env = { ...process.env, LEDGER_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  const postmasterPid = join(dataDir, 'pgdata', 'postmaster.pid');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** `import -` waiting on its standard input, in a process group of its own as a terminal's job is. */
  const importFromStdin = (): ChildProcess => spawn(process.execPath, [...nodeEntry('apps/cli/src/main.ts'), 'import', '-', '--as', 'ADMIN'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });

  it('given the API joined it, when the command is done it exits, and Ctrl+C on the next one leaves the server to the API, which stops it last', async () => {
    const created = await runCli(['token', 'create', '--role', 'AUDITOR', '--name', '运维', '--json'], { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    expect(existsSync(postmasterPid)).toBe(false);

    const first = importFromStdin();
    const firstExit = exitOf(first);
    await until('the command to start the server', () => existsSync(postmasterPid));
    const port = await freePort();
    const api = spawn(process.execPath, [...nodeEntry('apps/api/src/main.ts')], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const apiExit = exitOf(api);
    let log = '';
    api.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    api.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    await until('the API to listen', () => log.includes('ledger API listening'));
    const status = async () => (await fetch(`http://127.0.0.1:${port}/v1/status`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status()).toBe(200);

    // The command is given its line and ends: it exits though the API still uses the server it started.
    first.stdin!.end(`${JSON.stringify({ id: 'reg-T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } })}\n`);
    const done = await Promise.race([firstExit, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 30_000))]);
    expect(done).toEqual({ code: 0, signal: null });
    expect(await status()).toBe(200);

    // The API now the server's only user; it is stopped and started again by a command, which waits on stdin.
    api.kill('SIGTERM');
    expect(await apiExit).toEqual({ code: 0, signal: null });
    await until('the server to stop with its last user', () => !existsSync(postmasterPid));
    const second = importFromStdin();
    const secondExit = exitOf(second);
    await until('the command to start the server again', () => existsSync(postmasterPid));
    const api2 = spawn(process.execPath, [...nodeEntry('apps/api/src/main.ts')], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const api2Exit = exitOf(api2);
    log = '';
    api2.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    api2.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    await until('the API to listen again', () => log.includes('ledger API listening'));
    expect(await status()).toBe(200);

    // Ctrl+C in the command's terminal: SIGINT to its whole process group.
    const server = Number(readFileSync(postmasterPid, 'utf8').split('\n')[0]);
    process.kill(-second.pid!, 'SIGINT');
    expect((await secondExit).code).toBe(130);
    // A fast shutdown takes a moment: the server is still there a while later, and answers the API.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(() => process.kill(server, 0)).not.toThrow();
    expect(await status()).toBe(200);

    api2.kill('SIGTERM');
    expect(await api2Exit).toEqual({ code: 0, signal: null });
    await until('the server to stop with the API, its last user', () => !existsSync(postmasterPid));
  }, 240_000);
});
