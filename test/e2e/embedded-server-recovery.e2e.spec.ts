/**
 * The embedded PostgreSQL after a crash: a CLI killed with -9 leaves its server running; the next
 * call adopts it and, being its last user, stops it on exit. A `postmaster.pid` naming a live
 * process that is not this cluster's postmaster is stale and does not block the next call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { nodeEntry, ROOT, runCli } from '../support/run-cli';
import { isAlive } from '../support/process-alive';

const HAS_PROC = existsSync('/proc/self/cwd');
const itWithProc = HAS_PROC ? it : it.skip;
if (!HAS_PROC) process.stderr.write('embedded-server-recovery: skipped, these tests find server processes through /proc (Linux only)\n');

/** PostgreSQL processes (postmaster and children) whose working directory is the cluster. */
function serverProcesses(clusterDir: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && readlinkSync(`/proc/${name}/cwd`) === clusterDir) found.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Events stored so far, through the running server (0 while it is not ready). */
async function importedEvents(dataDir: string): Promise<number> {
  const pidFile = join(dataDir, 'pgdata', 'postmaster.pid');
  const lines = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n') : [];
  // initdb's bootstrap backend writes this file too: only a ready postmaster's port is the server's.
  if (lines[7]?.trim() !== 'ready') return 0;
  const { user, password } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { user: string; password: string };
  const sql = postgres({ host: '127.0.0.1', port: Number(lines[3]), user, password, database: 'ledger', max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    const [row] = await sql`select count(*)::int as n from events`;
    return Number(row?.n ?? 0);
  } catch {
    return 0; // the database or its tables are not there yet
  } finally {
    await sql.end({ timeout: 1 });
  }
}


function spawnNode(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...nodeEntry(script), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('embedded PostgreSQL after a crash', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  /** A process that starts the embedded server (test/support/hold-embedded-server.ts) and holds it: once it is ready, with its postmaster's pid. */
  const holdServer = async (env: NodeJS.ProcessEnv, clusterDir: string) => {
    const holder = spawnNode('test/support/hold-embedded-server.ts', [], env);
    children.push(holder);
    let out = '';
    holder.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor('the holder to start the server', () => out.includes('ready port='), 120_000);
    return { holder, postmaster: Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]) };
  };
  /** Under /tmp and world-enterable, so the `postgres` user (when we run as root) can reach it. */
  const newDataDir = () => {
    const dir = mkdtempSync('/tmp/ledger-recovery-');
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) {
      // Never leave a server behind, even when a test failed half-way.
      for (const pid of serverProcesses(join(dir, 'pgdata'))) process.kill(pid, 'SIGQUIT');
      await waitFor('servers to stop', () => serverProcesses(join(dir, 'pgdata')).length === 0, 20_000).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itWithProc('kill -9 of a CLI mid-import: verify is clean and no PostgreSQL is left once the last call exits', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
    const file = join(dataDir, 'county.ndjson');
    expect((await runCli(['generate', '--townships', '6', '--years', '20', '--seed', '7', '--out', file], env)).code).toBe(0);

    const importer = spawnNode('apps/cli/src/main.ts', ['import', file], env);
    children.push(importer);
    // Kill it once the first chunk has committed: the import is then under way, not done.
    await waitFor('the first imported chunk', () => importedEvents(dataDir).then((n) => n > 0), 120_000);
    importer.kill('SIGKILL');
    await exited(importer);
    expect(serverProcesses(clusterDir).length).toBeGreaterThan(0); // the orphan the issue describes

    const verify = await runCli(['verify'], env);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(serverProcesses(clusterDir)).toEqual([]);
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
  });

  itWithProc('a postmaster.pid naming an unrelated live process is stale: removed, and the next call starts normally', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
    expect((await runCli(['verify'], env)).code).toBe(0); // creates the cluster, then stops its server
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);

    const unrelated = spawn('sleep', ['600'], { stdio: 'ignore' });
    children.push(unrelated);
    const pid = unrelated.pid!;
    // What PostgreSQL leaves after a crash, with its pid since reused by another program.
    writeFileSync(join(clusterDir, 'postmaster.pid'), `${pid}\n${clusterDir}\n1796016189\n54321\n\n127.0.0.1\n  2146999        49\nready   \n`);

    const next = await runCli(['verify'], { ...env, LOG_LEVEL: 'debug' });
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`names pid ${pid}, which is not a PostgreSQL server`);
    expect(isAlive(pid)).toBe(true); // the unrelated process is left alone
    expect(serverProcesses(clusterDir)).toEqual([]);
    unrelated.kill('SIGKILL');
  });

  itWithProc('a server that died under its starter (killed, out of memory) does not keep the starter from closing (found by a review: the CLI hung on it, then exited 0 with its error unsaid)', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const { holder, postmaster } = await holdServer({ LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' }, clusterDir);
    process.kill(postmaster, 'SIGKILL');
    await waitFor('the server to be gone', () => !isAlive(postmaster), 20_000);
    holder.kill('SIGTERM'); // closes the ledger, which stops the server it started
    await waitFor('the holder to exit', () => holder.exitCode !== null || holder.signalCode !== null, 20_000);
    expect(holder.exitCode).toBe(0);
  });

  itWithProc('a server stopped under its starter and started again by a CLI command is stopped by the starter, its last user (found by a review: it ran on with no user)', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
    const { holder, postmaster: first } = await holdServer(env, clusterDir);
    process.kill(first, 'SIGINT'); // stopped by hand (a fast shutdown)
    await waitFor('the server to be gone', () => !isAlive(first), 20_000);
    // A command starts it again, and leaves it to the holder, which still uses it.
    expect((await runCli(['digest'], env)).code).toBe(0);
    const again = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(again)).toBe(true);
    holder.kill('SIGTERM');
    await waitFor('the holder to exit', () => holder.exitCode !== null || holder.signalCode !== null, 20_000);
    expect(holder.exitCode).toBe(0);
    await waitFor('the server to stop with its last user', () => serverProcesses(clusterDir).length === 0, 20_000);
  });

  itWithProc('Ctrl+C on a CLI command while it is still opening the ledger stops the server it was starting, exit 130 (found by a review: killed by the signal, it left the server running with no user)', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const cli = spawnNode('apps/cli/src/main.ts', ['verify'], { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' });
    children.push(cli);
    let err = '';
    cli.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // Registered as the server's user: the server is being made and started (initdb, then the postmaster).
    await waitFor('the command to register', () => existsSync(join(dataDir, 'users', String(cli.pid))), 60_000);
    cli.kill('SIGINT');
    await exited(cli);
    expect({ code: cli.exitCode, signal: cli.signalCode }).toEqual({ code: 130, signal: null });
    expect(err).toContain('已中断（台账尚未打开）');
    await waitFor('no server left for the folder', () => serverProcesses(clusterDir).length === 0, 20_000);
  });

  it('a server that will not start says why, whatever LOG_LEVEL hides (found by a review: a full disk showed only "see its log above", and no log was above)', async () => {
    const dataDir = newDataDir();
    const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
    expect((await runCli(['verify', '--json'], env)).code).toBe(0); // the cluster, created and stopped
    appendFileSync(join(dataDir, 'pgdata', 'postgresql.conf'), "\nshared_buffers = 'plenty'\n");
    const refused = await runCli(['verify'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('the server said:');
    expect(refused.stderr).toContain('shared_buffers');
  });

  itWithProc('an orphaned server (its starter killed with -9) is adopted and stopped by the next CLI call', async () => {
    const dataDir = newDataDir();
    const clusterDir = join(dataDir, 'pgdata');
    const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };
    const { holder, postmaster } = await holdServer(env, clusterDir);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(isAlive(postmaster)).toBe(true);

    const next = await runCli(['verify', '--json'], { ...env, LOG_LEVEL: 'debug' });
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('adopts it and stops it on exit');
    expect(isAlive(postmaster)).toBe(false);
    expect(serverProcesses(clusterDir)).toEqual([]);
  });
});
