/**
 * `npm run bench`: the performance suite of issue 7 on a fresh embedded PostgreSQL (temporary
 * directory, full durability) and generator data; writes docs/BENCHMARKS.md.
 *
 *   npm run bench                                   # county (20 townships × 20 years), 3 runs
 *   npm run bench -- --scale province               # 1,500 townships × 20 years (≈ 2 M lines; long)
 *   npm run bench -- --townships 5 --runs 1 --out /tmp/b.md --growth 5,20,100
 *
 * Every figure is the median of `--runs` runs with min and max. Every request loop is bounded in
 * count (and autocannon in time), on loopback only. Steps that need their own peak memory
 * (import, rebuild, the API) run in child processes (test/bench/bench-worker.ts).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { ApiTokenRepository } from '@ledger/auth';
import { connect, createDatabaseIfMissing, ensureEmbeddedServer, runMigrations, withDatabase } from '@ledger/database';
import type { NewEvent } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { generateCounty } from '@ledger/generator';
import { ProjectionRunner } from '@ledger/projections';

const ROOT = resolve(__dirname, '../..');
const SCALES = { county: 20, province: 1500 } as const;
type Scale = keyof typeof SCALES;

// ── small helpers ─────────────────────────────────────────────────────────────

interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}
function stat(values: readonly number[]): Stat {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: mid, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}
function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';
const cell = (s: Stat, digits = 0): string => `**${fmt(s.median, digits)}** (${fmt(s.min, digits)} – ${fmt(s.max, digits)})`;
const now = (): bigint => process.hrtime.bigint();
const msSince = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
const log = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** BENCH_CPU_PROFILE=DIR: every worker writes a V8 CPU profile there (summarise with summarise-cpu-profile.ts). */
function profileFlags(step: string): string[] {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${step}-${Date.now()}.cpuprofile`] : [];
}

function worker(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [...profileFlags(args[0]!), '-r', '@swc-node/register', join(ROOT, 'test/bench/bench-worker.ts'), ...args],
      { cwd: ROOT, maxBuffer: 64 * 2 ** 20, env: { ...process.env, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`bench-worker ${args[0]} failed: ${stderr || error.message}`));
        const last = stdout.trim().split('\n').pop() ?? '{}';
        resolvePromise(JSON.parse(last) as Record<string, unknown>);
      },
    );
  });
}

interface Cannon {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  seconds: number;
}
async function cannon(options: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  maxSeconds: number;
  token: string;
  request: (n: number) => { method: 'GET' | 'POST'; path: string; body?: unknown };
}): Promise<Cannon> {
  let n = 0;
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
    const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
  });
  return {
    requestsPerSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}

async function timeGets(base: string, token: string, path: string, n: number): Promise<{ stat: Stat; bytes: number }> {
  const get = async (): Promise<number> => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text.length;
  };
  await get(); // warm-up
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = now();
    bytes = await get();
    samples.push(msSince(t));
  }
  return { stat: stat(samples), bytes };
}

const EVENT_COLUMNS = 'event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor, document_ref, correlation_id, causation_id, data, metadata, hash';

// ── the suite ─────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'county' },
      townships: { type: 'string' },
      years: { type: 'string', default: '20' },
      runs: { type: 'string', default: '3' },
      chunk: { type: 'string' },
      'http-requests': { type: 'string', default: '2000' },
      'store-appends': { type: 'string', default: '4000' },
      growth: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'docs/BENCHMARKS.md') },
    },
  });
  if (!(values.scale in SCALES)) throw new Error('--scale county|province');
  const scale = values.scale as Scale;
  const townships = Number(values.townships ?? SCALES[scale]);
  const years = Number(values.years);
  const runs = Number(values.runs);
  const httpRequests = Number(values['http-requests']);
  const storeAppends = Number(values['store-appends']);
  const growth = values.growth ? values.growth.split(',').map(Number) : [];
  const scaleLabel = `${scale} (${townships} townships × ${years} years)`;
  const load = [loadavg()[0]!];
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const work = mkdtempSync(join(tmpdir(), 'ledger-bench-files-'));
  log(`embedded PostgreSQL in ${dataDir}`);
  const server = await ensureEmbeddedServer({ dataDir, durability: 'full' });
  const admin = connect(server.adminUrl, 2);
  const databases: postgres[] = [];
  const open = async (name: string, migrate = true): Promise<{ url: string; sql: postgres }> => {
    await createDatabaseIfMissing(server.adminUrl, name);
    const url = withDatabase(server.adminUrl, name);
    if (migrate) await runMigrations(url);
    const sql = connect(url, 10);
    databases.push(sql);
    return { url, sql };
  };
  const md: string[] = [];
  try {
    const [{ version }] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
    const [{ fsync, sync }] = await admin<{ fsync: string; sync: string }[]>`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync`;

    // ── data ──
    const file = join(work, 'county.ndjson');
    const writeLines = async (t: number, target: string): Promise<number> => {
      const out = createWriteStream(target);
      let lines = 0;
      for (const line of generateCounty({ townships: t, years, seed: 1 })) {
        lines++;
        if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
      return lines;
    };
    let t = now();
    const lines = await writeLines(townships, file);
    log(`generated ${lines} lines (${fmt(statSync(file).size / 2 ** 20, 1)} MiB) in ${fmt(msSince(t) / 1000, 1)} s`);

    // ── import ──
    const imports: { events: number; seconds: number; maxRssMb: number; rejected: number; lines: number }[] = [];
    let ledger: { url: string; sql: postgres } | null = null;
    for (let r = 0; r < runs; r++) {
      const db = await open(`import_${r}`);
      const result = (await worker(['import', db.url, file, ...(values.chunk ? [values.chunk] : [])])) as unknown as (typeof imports)[number];
      imports.push(result);
      log(`import run ${r + 1}: ${result.events} events in ${fmt(result.seconds, 1)} s = ${fmt(result.events / result.seconds)} ev/s, peak RSS ${result.maxRssMb} MB`);
      if (ledger) {
        await ledger.sql.end();
        await admin.unsafe(`drop database ${ledger.url.split('/').pop()!.split('?')[0]} with (force)`);
      }
      ledger = db;
    }
    if (!ledger) throw new Error('--runs must be ≥ 1');
    const { sql, url } = ledger;
    const importRate = stat(imports.map((i) => i.events / i.seconds));
    const importRss = stat(imports.map((i) => i.maxRssMb));
    const [{ rows, bytes }] = await sql<{ rows: number; bytes: number }[]>`
      select count(*)::float8 as rows, pg_total_relation_size('events')::float8 as bytes from events`;

    // ── raw COPY of the same rows into a bare table ──
    // A server-side file in the data directory: the reference has no client in the way.
    const [{ dir }] = await sql<{ dir: string }[]>`select current_setting('data_directory') as dir`;
    const copyFile = `${dir}/bench-events.copy`;
    await sql.unsafe(`copy (select ${EVENT_COLUMNS} from events order by global_position) to '${copyFile}'`);
    const copies: number[] = [];
    for (let r = 0; r < runs; r++) {
      const table = `copy_reference_${r}`;
      await sql.unsafe(`create table ${table} (event_id text, stream_id text, revision bigint, type text, schema_version integer, effective_date date,
        recorded_at timestamptz, actor text, document_ref text, correlation_id text, causation_id text, data jsonb, metadata jsonb, hash text)`);
      t = now();
      await sql.unsafe(`copy ${table} (${EVENT_COLUMNS}) from '${copyFile}'`);
      copies.push(rows / (msSince(t) / 1000));
      log(`COPY run ${r + 1}: ${fmt(copies[r]!)} rows/s`);
      await sql.unsafe(`drop table ${table}`);
    }
    const copyRate = stat(copies);

    // ── rebuild ──
    const rebuilds: { events: number; seconds: number; maxRssMb: number; projections: number; perProjectionMs: Record<string, number> }[] = [];
    for (let r = 0; r < runs; r++) {
      const result = (await worker(['rebuild', url])) as unknown as (typeof rebuilds)[number];
      rebuilds.push(result);
      log(`rebuild run ${r + 1}: ${result.events} events × ${result.projections} projections in ${fmt(result.seconds, 1)} s, peak RSS ${result.maxRssMb} MB`);
    }
    const rebuildRate = stat(rebuilds.map((x) => x.events / x.seconds));
    const rebuildRss = stat(rebuilds.map((x) => x.maxRssMb));

    // ── the API (live projections) ──
    const api = spawn(process.execPath, [...profileFlags('serve'), '-r', '@swc-node/register', join(ROOT, 'test/bench/bench-worker.ts'), 'serve', url], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    const apiLines = createInterface({ input: api.stdout });
    const apiOutput: string[] = [];
    const port = await new Promise<number>((r, j) => {
      apiLines.on('line', (line) => {
        apiOutput.push(line);
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) r(parsed.port);
      });
      api.once('exit', (code) => j(new Error(`API exited early (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const token = (await new ApiTokenRepository(sql).issue('ADMIN', 'bench', 'bench')).token;
    let apiRss = NaN;
    try {
      const asOf = '2025-12-31';
      const eligibilityProbe = await fetch(`${base}/v1/eligibility/in-post-promotion?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } });
      const chiefs = ((await eligibilityProbe.json()) as { cadres: { cadreId: string }[] }).cadres.map((c) => c.cadreId);
      if (chiefs.length === 0) throw new Error('no township chiefs in the generated data');
      // Writers: every registered cadre (32 clerks rarely write to the same cadre at the same moment).
      const writers = (await sql<{ id: string }[]>`select substr(stream_id, 7) as id from event_streams where stream_id like 'cadre-%' order by stream_id`).map((r) => r.id);
      let seq = 0;
      const training = (cadreId: string) => ({
        method: 'POST' as const,
        path: `/v1/cadres/${cadreId}/events`,
        body: { id: `bench-${process.pid}-${seq++}`, type: 'TrainingCompleted', effectiveDate: '2025-11-01', data: { programme: '县委党校中青年干部培训班', level: 'COUNTY' } },
      });
      const probe = training(writers[0]!);
      const probeResponse = await fetch(`${base}${probe.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(probe.body),
      });
      if (probeResponse.status !== 201 && probeResponse.status !== 200) throw new Error(`append probe: HTTP ${probeResponse.status} ${await probeResponse.text()}`);

      // queries before the write load (read models freshly rebuilt)
      log('queries');
      const eligibility = await timeGets(base, token, `/v1/eligibility/in-post-promotion?asOf=${asOf}`, 10);
      const candidates = await timeGets(base, token, `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025`, 10);
      const tenureRuns: Cannon[] = [];
      for (let r = 0; r < runs; r++) {
        tenureRuns.push(
          await cannon({
            url: base,
            connections: 8,
            amount: 2000,
            overallRate: 200,
            maxSeconds: 30,
            token,
            request: (n) => ({ method: 'GET', path: `/v1/cadres/${chiefs[n % chiefs.length]}/tenure?asOf=${asOf}` }),
          }),
        );
        log(`tenure @200/s run ${r + 1}: p50 ${tenureRuns[r]!.p50} ms p99 ${tenureRuns[r]!.p99} ms`);
      }

      // online appends over HTTP, 32 clients
      const httpRuns: Cannon[] = [];
      for (let r = 0; r < runs; r++) {
        httpRuns.push(
          await cannon({ url: base, connections: 32, amount: httpRequests, maxSeconds: 60, token, request: (n) => training(writers[n % writers.length]!) }),
        );
        const h = httpRuns[r]!;
        log(`HTTP appends run ${r + 1}: ${fmt(h.requestsPerSecond)}/s p50 ${h.p50} ms p99 ${h.p99} ms (non-2xx ${h.non2xx}, errors ${h.errors})`);
      }

      // projection lag while appending 500 events/s
      const runner = new ProjectionRunner(sql, new PostgresEventStore(sql));
      const lagRuns: { p50: number; max: number; maxEvents: number; rate: number }[] = [];
      for (let r = 0; r < runs; r++) {
        const samples: number[] = [];
        const eventSamples: number[] = [];
        let polling = true;
        const poller = (async () => {
          while (polling) {
            const status = await runner.status();
            samples.push(Math.max(...status.map((s) => s.lagSeconds)));
            eventSamples.push(Math.max(...status.map((s) => s.lagEvents)));
            await new Promise((res) => setTimeout(res, 200));
          }
        })();
        const load500 = await cannon({ url: base, connections: 16, amount: 5000, overallRate: 500, maxSeconds: 20, token, request: (n) => training(writers[n % writers.length]!) });
        polling = false;
        await poller;
        lagRuns.push({ p50: percentile(samples, 0.5), max: Math.max(...samples), maxEvents: Math.max(...eventSamples), rate: load500.requestsPerSecond });
        log(`lag run ${r + 1}: at ${fmt(load500.requestsPerSecond)} appends/s lag p50 ${lagRuns[r]!.p50} s max ${lagRuns[r]!.max} s (${lagRuns[r]!.maxEvents} events)`);
      }

      // the history of a cadre with 100+ events: give one chief 100 more (sequential, bounded)
      for (let i = 0; i < 100; i++) {
        const r = training(chiefs[0]!);
        const response = await fetch(`${base}${r.path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(r.body) });
        await response.text();
      }
      const [busiest] = await sql<{ stream_id: string; revision: number }[]>`
        select stream_id, revision::int4 as revision from event_streams where stream_id like 'cadre-%' order by revision desc limit 1`;
      const historyCadre = busiest!.stream_id.slice('cadre-'.length);
      const history = await timeGets(base, token, `/v1/cadres/${historyCadre}/history`, 10);
      const historyEvents = busiest!.revision + 1;

      // ── store level: ours vs Emmett, same server, same workload ──
      const storeRuns = { ours: [] as { rate: number; p50: number; p99: number }[], emmett: [] as { rate: number; p50: number; p99: number }[] };
      const ours = await open('store_ours');
      const emmettDb = await open('store_emmett', false);
      const ourStore = new PostgresEventStore(ours.sql);
      const emmett = getPostgreSQLEventStore(emmettDb.url);
      const workload = async (append: (stream: string, n: number) => Promise<unknown>) => {
        let next = 0;
        const latencies: number[] = [];
        const started = now();
        await Promise.all(
          Array.from({ length: 32 }, async () => {
            for (let n = next++; n < storeAppends; n = next++) {
              const t0 = now();
              await append(`cadre-S${n % 1000}`, n);
              latencies.push(msSince(t0));
            }
          }),
        );
        return { rate: storeAppends / (msSince(started) / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
      };
      const data = (n: number) => ({ year: 2000 + (n % 25), grade: n % 6 === 0 ? 'EXCELLENT' : 'COMPETENT' });
      let emmettError: string | null = null;
      for (let r = 0; r < runs; r++) {
        storeRuns.ours.push(
          await workload((stream, n) => {
            const event: NewEvent = { eventId: `store-${r}-${n}`, type: 'AnnualAssessmentRecorded', schemaVersion: 1, effectiveDate: '2021-01-15', actor: 'bench', data: data(n) };
            return ourStore.append(stream, [event], 'any');
          }),
        );
        try {
          storeRuns.emmett.push(await workload((stream, n) => emmett.appendToStream(stream, [{ type: 'AnnualAssessmentRecorded', data: data(n) }])));
        } catch (error) {
          emmettError = error instanceof Error ? error.message : String(error);
        }
        log(`store appends run ${r + 1}: ours ${fmt(storeRuns.ours[r]!.rate)}/s, Emmett ${storeRuns.emmett[r] ? fmt(storeRuns.emmett[r]!.rate) : emmettError}/s`);
      }
      await emmett.close();

      // ── growth (one run per size) ──
      const growthRows: { townships: number; lines: number; events: number; seconds: number; maxRssMb: number; rebuildSeconds: number; rebuildRssMb: number }[] = [];
      for (const g of growth) {
        const gFile = join(work, `growth-${g}.ndjson`);
        const gLines = await writeLines(g, gFile);
        const db = await open(`growth_${g}`);
        const imp = (await worker(['import', db.url, gFile, ...(values.chunk ? [values.chunk] : [])])) as { events: number; seconds: number; maxRssMb: number };
        const reb = (await worker(['rebuild', db.url])) as { seconds: number; maxRssMb: number };
        growthRows.push({ townships: g, lines: gLines, events: imp.events, seconds: imp.seconds, maxRssMb: imp.maxRssMb, rebuildSeconds: reb.seconds, rebuildRssMb: reb.maxRssMb });
        log(`growth ${g} townships: ${imp.events} events, import ${fmt(imp.seconds, 1)} s / ${imp.maxRssMb} MB, rebuild ${fmt(reb.seconds, 1)} s / ${reb.maxRssMb} MB`);
        rmSync(gFile, { force: true });
      }

      load.push(loadavg()[0]!);
      api.stdin.end();
      const exited = new Promise<void>((r) => api.once('exit', () => r()));
      await exited;
      for (const line of apiOutput) {
        const parsed = JSON.parse(line) as { maxRssMb?: number };
        if (parsed.maxRssMb) apiRss = parsed.maxRssMb;
      }

      // ── the document ──
      const sha = (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
        } catch {
          return 'unknown';
        }
      })();
      const dirty = (() => {
        try {
          return execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim().length > 0;
        } catch {
          return false;
        }
      })();
      const http = {
        rate: stat(httpRuns.map((h) => h.requestsPerSecond)),
        p50: stat(httpRuns.map((h) => h.p50)),
        p99: stat(httpRuns.map((h) => h.p99)),
        bad: httpRuns.reduce((n, h) => n + h.non2xx + h.errors, 0),
      };
      const tenure = { p50: stat(tenureRuns.map((x) => x.p50)), p99: stat(tenureRuns.map((x) => x.p99)), rate: stat(tenureRuns.map((x) => x.requestsPerSecond)) };
      const lag = { p50: stat(lagRuns.map((x) => x.p50)), max: stat(lagRuns.map((x) => x.max)), rate: stat(lagRuns.map((x) => x.rate)) };
      const oursRate = stat(storeRuns.ours.map((x) => x.rate));
      const emmettRate = storeRuns.emmett.length > 0 ? stat(storeRuns.emmett.map((x) => x.rate)) : null;
      const ok = (met: boolean): string => (met ? 'met' : '**missed**');
      const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
      md.push(
        '# Benchmarks',
        '',
        `Generated by \`${command}\` (test/bench/run.ts); do not edit by hand. Each figure: **median** (min – max) of ${runs} runs unless marked.`,
        '',
        '| | |',
        '|---|---|',
        `| date | ${new Date().toISOString()} |`,
        `| commit | ${sha}${dirty ? ' + uncommitted changes in the working tree' : ''} |`,
        `| machine | ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM |`,
        `| load average (1 min) at start / end | ${fmt(load[0]!, 1)} / ${fmt(load[1]!, 1)} (other processes share these cores: figures are noisy) |`,
        `| Node.js / PostgreSQL | ${process.version} / ${version} (embedded, fsync=${fsync}, synchronous_commit=${sync}) |`,
        `| data | \`generateCounty\` seed 1, **${scaleLabel}**: ${fmt(lines)} import lines → ${fmt(rows)} events, events table + indexes ${fmt(bytes / 2 ** 20)} MiB |`,
        '',
        '## Results',
        '',
        '| figure | scale | result | target |',
        '|---|---|---|---|',
        `| import, events/s (\`importNdjson\`, chunk ${values.chunk ?? 'default'}) | ${scale} | ${cell(importRate)} | ≥ 50,000: ${ok(importRate.median >= 50_000)} |`,
        `| import, peak RSS of the importing process (MB) | ${scale} | ${cell(importRss)} | — |`,
        `| raw \`COPY\` of the same rows into a bare table (no index), rows/s | ${scale} | ${cell(copyRate)} | reference |`,
        `| import / COPY | ${scale} | **${fmt(importRate.median / copyRate.median, 3)}** | ≥ 0.5: ${ok(importRate.median / copyRate.median >= 0.5)} |`,
        `| rebuild of all ${rebuilds[0]?.projections ?? '?'} projections, store events/s | ${scale} | ${cell(rebuildRate)} | ≥ 100,000: ${ok(rebuildRate.median >= 100_000)} |`,
        `| rebuild, peak RSS (MB) | ${scale} | ${cell(rebuildRss)} | < 500: ${ok(rebuildRss.max < 500)} |`,
        `| HTTP single-event appends, 32 clients × ${fmt(httpRequests)} requests, appends/s | ${scale} | ${cell(http.rate)} | ≥ 1,500: ${ok(http.rate.median >= 1500)} |`,
        `| HTTP appends p50 (ms) | ${scale} | ${cell(http.p50, 1)} | — |`,
        `| HTTP appends p99 (ms) | ${scale} | ${cell(http.p99, 1)} | < 50: ${ok(http.p99.median < 50)} |`,
        `| HTTP appends answered non-2xx or failed (all runs) | ${scale} | ${http.bad} | 0 |`,
        `| store-level single-event appends, 32 concurrent, ours (events/s) | bare store | ${cell(oursRate)} | — |`,
        emmettRate
          ? `| same workload through \`@event-driven-io/emmett-postgresql\` (events/s) | bare store | ${cell(emmettRate)} | — |`
          : `| Emmett | — | could not run: ${emmettError ?? 'unknown'} | — |`,
        emmettRate ? `| ours / Emmett | bare store | **${fmt(oursRate.median / emmettRate.median, 2)}** | ≥ 1: ${ok(oursRate.median >= emmettRate.median)} |` : '',
        `| eligibility as of ${asOf}, whole store (${fmt(chiefs.length)} chiefs), ms (10 sequential requests, not runs) | ${scale} | ${cell(eligibility.stat, 1)} | ${scale === 'county' ? '< 50' : '< 1,000'}: ${ok(eligibility.stat.median < (scale === 'county' ? 50 : 1000))} |`,
        `| candidates 2021-2025, ms (10 sequential requests) | ${scale} | ${cell(candidates.stat, 1)} | — |`,
        `| single-cadre tenure at 200 req/s (2,000 requests): achieved req/s | ${scale} | ${cell(tenure.rate)} | 200 |`,
        `| … p50 (ms) | ${scale} | ${cell(tenure.p50, 1)} | — |`,
        `| … p99 (ms) | ${scale} | ${cell(tenure.p99, 1)} | — |`,
        `| history of a cadre with ${historyEvents} events, ms (10 sequential requests) | ${scale} | ${cell(history.stat, 1)} | — |`,
        `| projection lag while appending at ${fmt(lag.rate.median)}/s (target rate 500/s, 5,000 appends): p50 of samples (s) | ${scale} | ${cell(lag.p50, 1)} | < 1: ${ok(lag.p50.median < 1)} |`,
        `| … max of samples (s) | ${scale} | ${cell(lag.max, 1)} | < 1: ${ok(lag.max.median < 1)} |`,
        `| API process peak RSS over the whole HTTP part (MB, one process) | ${scale} | ${fmt(apiRss)} | — |`,
        '',
      );
      md.push(
        '## Notes on method',
        '',
        '- Fresh embedded PostgreSQL in a temporary directory, full durability (fsync on, synchronous commit); client and server on the same 2 cores.',
        '- Import: `bench-worker import` streams the NDJSON file through `importNdjson` (parse, decide against cached states, one atomic multi-stream append per chunk) into a freshly migrated database; each run has its own database. Peak RSS is the worker process\'s `maxRSS`.',
        '- COPY reference: the imported rows exported once with `COPY (select …) TO \'file\'` (server side), then `COPY … FROM \'file\'` into a table with the same columns and no constraint or index; same server, same durability, no client in the way.',
        '- Rebuild: `ProjectionRunner.rebuild` of every projection in turn (batch 5,000), in a fresh process; events/s = store events ÷ wall time for all projections.',
        '- HTTP: the API (`createApp`, live projections on) in its own process; autocannon (32 connections, bounded `amount`) posts `TrainingCompleted` commands, each with a new id, spread over every registered cadre. Latencies are autocannon\'s (ms).',
        '- Lag: `ProjectionRunner.status()` sampled every 200 ms while autocannon holds 500 appends/s for 10 s; lag = age of the oldest event not yet applied by the slowest projection.',
        '- Store level: 32 concurrent loops appending one event each to one of 1,000 streams; ours = `PostgresEventStore.append(…, \'any\')` (hash chain, advisory locks), Emmett = `getPostgreSQLEventStore(url).appendToStream` on another database of the same server.',
        '',
      );
      if (growthRows.length > 0) {
        md.push(
          '## Growth (one run per size)',
          '',
          '| townships | lines | events | import s | import events/s | import peak RSS MB | rebuild s | rebuild events/s | rebuild peak RSS MB |',
          '|---|---|---|---|---|---|---|---|---|',
          ...growthRows.map(
            (g) =>
              `| ${g.townships} | ${fmt(g.lines)} | ${fmt(g.events)} | ${fmt(g.seconds, 1)} | ${fmt(g.events / g.seconds)} | ${g.maxRssMb} | ${fmt(g.rebuildSeconds, 1)} | ${fmt(g.events / g.rebuildSeconds)} | ${g.rebuildRssMb} |`,
          ),
          '',
        );
      }
      md.push('## Raw runs', '', '```json', JSON.stringify({ imports, copies, rebuilds, httpRuns, tenureRuns, lagRuns, storeRuns, growthRows }, null, 1), '```', '');
      writeFileSync(values.out, md.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n'));
      log(`wrote ${values.out}`);
    } finally {
      if (api.exitCode === null) api.kill('SIGTERM');
    }
  } finally {
    for (const db of databases) await db.end({ timeout: 5 }).catch(() => undefined);
    await admin.end({ timeout: 5 }).catch(() => undefined);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

type postgres = ReturnType<typeof connect>;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
