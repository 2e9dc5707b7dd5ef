/**
 * What the benchmarks share: statistics and formatting, the bench workers and the API in child
 * processes, the HTTP load (autocannon bounded in count and time) and the generated import files.
 */
import { execFile, spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { ApiTokenRepository } from '@ledger/auth';
import type { HttpAdapter } from '@ledger/config';
import { connect, createDatabaseIfMissing, ensureEmbeddedServer, runMigrations, withDatabase } from '@ledger/database';
import { generateCounty } from '@ledger/generator';

export const ROOT = resolve(__dirname, '../..');

// ── a fresh server for each benchmark ─────────────────────────────────────────

export interface FreshServer {
  readonly adminUrl: string;
  /** Where the server keeps its data. */
  readonly dataDir: string;
  /** A temporary directory for the benchmark's files (generated imports), removed with the server. */
  readonly work: string;
}

/**
 * A fresh embedded PostgreSQL in a temporary directory, full durability (fsync, synchronous commit), stopped and removed after `body`.
 * `statements`: the server keeps per-statement statistics (`pg_stat_statements`, statements inside
 * functions too), which costs it a little; it must be loaded at start, hence a second start.
 */
export async function onFreshServer<T>(prefix: string, body: (server: FreshServer) => Promise<T>, options: { statements?: boolean } = {}): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const work = mkdtempSync(join(tmpdir(), `${prefix}-files-`));
  let server = await ensureEmbeddedServer({ dataDir, durability: 'full' });
  if (options.statements) {
    const admin = postgres(server.adminUrl, { max: 1, onnotice: () => undefined });
    await admin`alter system set shared_preload_libraries = 'pg_stat_statements'`;
    await admin`alter system set pg_stat_statements.track = 'all'`;
    await admin.end({ timeout: 5 });
    await server.stop();
    server = await ensureEmbeddedServer({ dataDir, durability: 'full' });
  }
  try {
    return await body({ adminUrl: server.adminUrl, dataDir, work });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** The URL of database `name` on the server, created if missing (and left empty). */
export async function createdDatabase(adminUrl: string, name: string): Promise<string> {
  await createDatabaseIfMissing(adminUrl, name);
  return withDatabase(adminUrl, name);
}

/** The URL of database `name` on the server, created and migrated. */
export async function migratedDatabase(adminUrl: string, name: string): Promise<string> {
  const url = await createdDatabase(adminUrl, name);
  await runMigrations(url);
  return url;
}

/** Runs a benchmark's main: a failure is printed and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
/**
 * The workers' V8 heap limit in MB (`--worker-heap-mb`); by default none, i.e. Node's default heap,
 * which the import target names. Runs before 2026-12-01 06:30 UTC used 16,384.
 */
let workerHeapMb: number | undefined;
/** Sets `--max-old-space-size` for every worker and API process started from here on. */
export function setWorkerHeapMb(mb: number | undefined): void {
  workerHeapMb = mb;
}
/** The V8 flags of package.json's `ledger`, `start` and `projector` scripts (README, "Performance"). */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--heap-growing-percent=100'];
/** A fresh array each time: a caller appends its own flags (the profiler's) to it. */
export const heapFlags = (): string[] => [...NODE_FLAGS, ...(workerHeapMb === undefined ? [] : [`--max-old-space-size=${workerHeapMb}`])];

// ── small helpers ─────────────────────────────────────────────────────────────

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}
export function stat(values: readonly number[]): Stat {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: mid, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}
export function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';
export const cell = (s: Stat, digits = 0): string => `**${fmt(s.median, digits)}** (${fmt(s.min, digits)} – ${fmt(s.max, digits)})`;
export const now = (): bigint => process.hrtime.bigint();
export { CLOCK_TICKS, machineBusySeconds } from './machine-cpu';
export const msSince = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
export const log = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
export const ok = (met: boolean): string => (met ? 'met' : '**missed**');

export interface WorkerOptions {
  /** Write a V8 CPU profile to this file. */
  readonly profile?: string;
}

export function worker(args: string[], options: WorkerOptions = {}): Promise<Record<string, unknown>> {
  const flags = heapFlags();
  if (options.profile) {
    const dir = options.profile.slice(0, options.profile.lastIndexOf('/'));
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${options.profile.slice(dir.length + 1)}`);
  }
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [...flags, '-r', '@swc-node/register', join(ROOT, 'test/bench/bench-worker.ts'), ...args],
      { cwd: ROOT, maxBuffer: 64 * 2 ** 20, env: { ...process.env, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`bench-worker ${args[0]} failed: ${stderr || error.message}`));
        const last = stdout.trim().split('\n').pop() ?? '{}';
        resolvePromise(JSON.parse(last) as Record<string, unknown>);
      },
    );
  });
}

export interface Cannon {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  seconds: number;
}
export async function cannon(options: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  maxSeconds: number;
  token: string;
  request: (n: number) => { method: 'GET' | 'POST'; path: string; body?: unknown };
}): Promise<Cannon> {
  let n = 0;
  // The rate is timed from the start to the last answer: autocannon ends a run bounded by `amount`
  // at its next one-second tick, so its own duration is rounded up to whole seconds (2,000 answers
  // in 3.3 s were reported as 2,000 / 4.01 s = 499/s).
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  // Bounded in count (amount) and in time: autocannon lets `amount` override `duration`, so stop it ourselves.
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: options.amount,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const r = options.request(n++);
              return { ...req, method: r.method, path: r.path, ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}) };
            },
          },
        ],
      },
      (error, done) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolvePromise(done);
      },
    );
    instance.on('response', () => (lastAnswer = process.hrtime.bigint()));
    const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
  });
  const seconds = Number(lastAnswer - started) / 1e9;
  return {
    requestsPerSecond: result.requests.total / (seconds || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
  };
}

/** A server's name as the documents write it. */
export const serverName = (adapter: HttpAdapter): string => (adapter === 'fastify' ? 'Fastify' : 'Express');

/** `bench-worker serve` on the HTTP server given (HTTP_ADAPTER), with `env` added; its stdout is one JSON message a line. */
export function spawnApi(url: string, adapter: HttpAdapter, env: Readonly<Record<string, string>> = {}) {
  const api: ChildProcessWithoutNullStreams = spawn(process.execPath, [...heapFlags(), '-r', '@swc-node/register', join(ROOT, 'test/bench/bench-worker.ts'), 'serve', url], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', HTTP_ADAPTER: adapter, ...env },
  });
  api.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  const apiMessages: Record<string, unknown>[] = [];
  const waiters: { test: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  createInterface({ input: api.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    apiMessages.push(message);
    for (const w of waiters.splice(0)) (w.test(message) ? w.resolve(message) : waiters.push(w));
  });
  const apiSays = (test: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> =>
    new Promise((r, j) => {
      const found = apiMessages.find(test);
      if (found) return r(found);
      waiters.push({ test, resolve: r });
      api.once('exit', (code) => j(new Error(`API exited early (${code})`)));
    });
  /** The API's address once it listens, checked to be on the server asked for. */
  const ready = async (): Promise<string> => {
    const m = await apiSays((x) => typeof x.port === 'number');
    if (m.adapter !== adapter) throw new Error(`the API runs on ${String(m.adapter)}, not ${adapter}`);
    return `http://127.0.0.1:${m.port as number}`;
  };
  return { api, apiSays, apiMessages, ready };
}

/** `npm run projector`'s process (every projection, LOG_LEVEL silent) on the database at `url`. */
export function spawnProjector(url: string): ChildProcess {
  return spawn(process.execPath, [...heapFlags(), '-r', '@swc-node/register', join(ROOT, 'apps/projector/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Ends a child process (SIGTERM) and waits for it. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await exited;
}

/** Seconds until every projection's checkpoint is at the store's last event (polled every 20 ms, at most two minutes). */
export async function projectionsCaughtUp(sql: postgres.Sql): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [r] = await sql`select (select max(global_position) from events) as head, (select min(prepare_position) from projection_checkpoints) as done`;
    if (Number(r!.done) >= Number(r!.head)) return (Date.now() - started) / 1000;
    if (Date.now() - started > 120_000) throw new Error('the projections did not catch up within 120 s');
    await new Promise((z) => setTimeout(z, 20));
  }
}

/** Ends the API process; its peak RSS in MB. */
export async function stopApi(api: ChildProcessWithoutNullStreams, messages: readonly Record<string, unknown>[]): Promise<number> {
  api.stdin.end();
  await new Promise<void>((r) => (api.exitCode !== null ? r() : api.once('exit', () => r())));
  return Number(messages.find((m) => typeof m.maxRssMb === 'number')?.maxRssMb ?? NaN);
}

export async function writeLines(townships: number, years: number, target: string): Promise<number> {
  const out = createWriteStream(target);
  let lines = 0;
  for (const line of generateCounty({ townships, years, seed: 1 })) {
    lines++;
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return lines;
}

// ── the HTTP-append benchmarks' common start ──────────────────────────────────

/** Whole-number options of a bench script (`parseArgs` strings), each at least its minimum; a clear error otherwise. */
export function wholeNumbers<K extends string>(values: Readonly<Record<string, unknown>>, minimums: Readonly<Record<K, number>>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.keys(minimums) as K[]) {
    const n = Number(values[k]);
    if (!Number.isInteger(n) || n < minimums[k]) throw new Error(`--${k}: a whole number ≥ ${minimums[k]} (got ${String(values[k])})`);
    out[k] = n;
  }
  return out;
}

/**
 * A generated county of `townships` × `years` imported into database `name` (created and migrated)
 * and its projections rebuilt, with an ADMIN token and the appends the HTTP benchmarks send: the
 * n-th a training of `cadreAt(n)`, so runs that start again at n = 0 write to the same cadres.
 */
export async function countyForAppends(server: FreshServer, name: string, townships: number, years: number) {
  const url = await migratedDatabase(server.adminUrl, name);
  const sql = connect(url, 4);
  const file = join(server.work, `${name}.ndjson`);
  const lines = await writeLines(townships, years, file);
  const events = Number((await worker(['import', url, file])).events);
  await worker(['rebuild', url]);
  log(`${townships} townships: ${fmt(lines)} lines, ${fmt(events)} events imported, projections rebuilt`);
  const token = (await new ApiTokenRepository(sql).issue('ADMIN', 'bench', 'bench')).token;
  const cadres = (await sql<{ id: string }[]>`select substr(stream_id, 7) as id from event_streams where stream_id like 'cadre-%' order by stream_id`).map((r) => r.id);
  const cadreAt = (n: number): string => cadres[(n * 7919) % cadres.length]!;
  let seq = 0;
  const training = (n: number) => ({
    method: 'POST' as const,
    path: `/v1/cadres/${cadreAt(n)}/events`,
    body: { id: `${name}-${process.pid}-${seq++}`, type: 'TrainingCompleted', effectiveDate: '2025-11-01', data: { programme: '县委党校中青年干部培训班', level: 'COUNTY' } },
  });
  return { url, sql, events, token, cadreAt, training };
}
