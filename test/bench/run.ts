/**
 * `npm run bench`: the performance suite of issue 7 on a fresh embedded PostgreSQL (temporary
 * directory, full durability) and generator data; writes docs/BENCHMARKS.md.
 *
 *   npm run bench                                      # county (20 townships) and province (1,500), 3 runs; about an hour
 *   npm run bench -- --scales county --growth ''       # the county only: a few minutes
 *   npm run bench -- --townships 5 --runs 1 --out /tmp/b.md
 *   npm run bench -- --province-runs 1 --growth ''     # county 3 runs, province 1: about 25 minutes
 *   npm run bench -- --worker-heap-mb 16384            # the workers with a larger V8 heap than Node's default
 *
 * Every figure is the median of `--runs` runs with min and max. Every request loop is bounded in
 * count (and autocannon in time), on loopback only. Steps that need their own peak memory
 * (import, rebuild, the API) run in child processes (test/bench/bench-worker.ts); the first run
 * of each is CPU-profiled and the profile summarised in the document (where the time goes).
 */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { ApiTokenRepository } from '@ledger/auth';
import { DEFAULT_HTTP_ADAPTER, HTTP_ADAPTERS, type HttpAdapter } from '@ledger/config';
import { connect } from '@ledger/database';
import type { NewEvent } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ProjectionRunner, REPORT_NAMES, REPORTS } from '@ledger/projections';
import { cannon, cell, createdDatabase, fmt, log, migratedDatabase, msSince, NODE_FLAGS, now, ok, onFreshServer, percentile, projectionsCaughtUp, ROOT, runBench, serverName, setWorkerHeapMb, spawnApi, spawnProjector, stat, stopApi, stopProcess, worker, writeLines, type Cannon, type Stat } from './harness';
import { summariseByArea, summariseInclusive } from './summarise-cpu-profile';

const SCALES: Record<string, number> = { county: 20, province: 1500 };

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

type Sql = ReturnType<typeof connect>;

/**
 * The database side of a profile: what the ledger's server processes are doing, sampled every
 * 20 ms from pg_stat_activity while `running()` (running on CPU, waiting for the WAL flush, for a
 * lock, for the client…), as shares of all non-idle samples.
 */
async function sampleServer(admin: Sql, database: string, running: () => boolean): Promise<{ samples: number; shares: [string, number][] }> {
  const counts = new Map<string, number>();
  let samples = 0;
  while (running()) {
    const rows = await admin<{ what: string }[]>`
      select state || ': ' || coalesce(wait_event_type || ' ' || wait_event, 'on CPU') as what
      from pg_stat_activity
      where datname = ${database} and backend_type = 'client backend' and state <> 'idle' and pid <> pg_backend_pid()`;
    for (const r of rows) {
      counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      samples++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { samples, shares: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n / Math.max(1, samples)]) };
}

const EVENT_COLUMNS = 'event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor, document_ref, correlation_id, causation_id, data, metadata, hash';

// ── the API in a child process ────────────────────────────────────────────────

interface AdapterRuns {
  /** The process's first 32-client run: it meets the store's cadres, the JIT and its pool cold. Not in the medians. */
  cold: Cannon;
  http: Cannon[];
  unloaded: Cannon[];
  apiRssMb: number;
}

// ── one scale ─────────────────────────────────────────────────────────────────

interface ImportRun {
  events: number;
  seconds: number;
  maxRssMb: number;
  rejected: number;
  lines: number;
  /** The importing process's CPU (user + system) over the import. */
  importerCpuSeconds: number;
  /** The whole machine's busy CPU over the import: the importer, the PostgreSQL server, the rest. */
  machineCpuSeconds: number;
}
interface RebuildRun {
  events: number;
  seconds: number;
  maxRssMb: number;
  projections: number;
  perProjectionMs: Record<string, number>;
}

interface ScaleResult {
  label: string;
  townships: number;
  lines: number;
  events: number;
  storeBytes: number;
  imports: ImportRun[];
  /** The same file imported again into a store that holds it (one run). */
  reimport: ImportRun;
  copies: number[];
  /** The README's CLI asked for eligibility right after the import (one run): it brings the projections up first. */
  firstAnswer: FirstAnswer;
  rebuilds: RebuildRun[];
  chiefs: number;
  eligibility: Stat;
  eligibilityBytes: number;
  candidates: Stat;
  /** Eligibility as known at the instant half the events had been recorded (from the tables, T1). */
  eligibilityKnownAt: Stat;
  knownAt: string;
  /** Each report of the ten measures, as of 2025-12-31 or for 2025, from the tables. */
  reports: Record<string, Stat>;
  /** Compliance findings as of 2025-12-31 (recorded ones and those of the ten measures). */
  findings: Stat;
  single: Cannon[];
  history: Stat;
  historyEvents: number;
  /** The API process's first 32-client run (cold: JIT, connection pool, the cadres' states). Not in the medians. */
  httpCold: Cannon;
  http: Cannon[];
  /** A 32-client run after the measured ones, under the inspector's CPU profiler (its profile below). Not in the medians. */
  httpProfiled: Cannon;
  /** Single appends, one client, one request at a time (on the API's default server, `adapter`). */
  unloaded: Cannon[];
  /** The HTTP server of `http`, `unloaded` and the rest: the API's default (HTTP_ADAPTER). */
  adapter: HttpAdapter;
  /** The same HTTP appends on the other server. */
  other: AdapterRuns & { adapter: HttpAdapter };
  /** The same HTTP appends as deployed: the API without projections beside a projector process. */
  production: { cold: Cannon; http: Cannon[]; caughtUp: number[]; apiRssMb: number };
  lag: { p50: number; max: number; maxEvents: number; rate: number }[];
  apiRssMb: number;
  profiles: { import: string; rebuild: string; httpAppends: string; server: { samples: number; shares: [string, number][] } };
}

interface FirstAnswer {
  seconds: number;
  maxRssMb: number;
  cadres: number;
  /** What the CLI printed about the projections (rebuilt in one pass, or caught up). */
  said: string[];
}

/**
 * `npm run ledger -- eligibility` on the freshly imported store, as an operator would run it next:
 * Node's default heap, the projections still at the start of the order (issue 16, item 8).
 */
async function firstCliAnswer(url: string, asOf: string): Promise<FirstAnswer> {
  const started = now();
  const child = spawn('/usr/bin/time', ['-f', 'maxrss-kb %M', process.execPath, ...NODE_FLAGS, '-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), 'eligibility', '--as-of', asOf, '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const seconds = msSince(started) / 1000;
  if (code !== 0) throw new Error(`the CLI's first eligibility failed (${code}): ${err.slice(-2000)}`);
  const rss = /maxrss-kb (\d+)/.exec(err);
  return {
    seconds,
    maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    cadres: ((JSON.parse(out) as { cadres: unknown[] }).cadres ?? []).length,
    // Under --json the CLI's notices are JSON lines ({warning: {code, message}}): their messages.
    said: err
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('maxrss-kb'))
      .map((l) => {
        try {
          return (JSON.parse(l) as { warning?: { message?: string } }).warning?.message ?? l;
        } catch {
          return l;
        }
      }),
  };
}

interface Context {
  readonly runs: number;
  readonly years: number;
  readonly chunk: string | undefined;
  readonly httpRequests: number;
  readonly admin: Sql;
  readonly work: string;
  readonly open: (name: string, migrate?: boolean) => Promise<{ url: string; sql: Sql; name: string }>;
  readonly drop: (db: { sql: Sql; name: string }) => Promise<void>;
}

function profileSummary(file: string): string {
  return [...summariseByArea(file).slice(0, 8).map((l) => `area      ${l}`), ...summariseInclusive(file, 14).map((l) => `function  ${l}`)].join('\n');
}

async function benchScale(ctx: Context, label: string, townships: number): Promise<ScaleResult> {
  const { runs, years } = ctx;
  const slug = label.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  const file = join(ctx.work, `${slug}.ndjson`);
  let t = now();
  const lines = await writeLines(townships, years, file);
  log(`${label}: generated ${fmt(lines)} lines (${fmt(statSync(file).size / 2 ** 20, 1)} MiB) in ${fmt(msSince(t) / 1000, 1)} s`);

  // ── import ──
  const imports: ImportRun[] = [];
  let ledger: Awaited<ReturnType<Context['open']>> | null = null;
  const importProfile = join(ctx.work, `${slug}-import.cpuprofile`);
  for (let r = 0; r < runs; r++) {
    const db = await ctx.open(`${slug}_import_${r}`);
    const result = (await worker(['import', db.url, file, ...(ctx.chunk ? [ctx.chunk] : [])], r === 0 ? { profile: importProfile } : {})) as unknown as ImportRun;
    imports.push(result);
    log(`${label}: import run ${r + 1}: ${fmt(result.events)} events in ${fmt(result.seconds, 1)} s = ${fmt(result.events / result.seconds)} ev/s, importer CPU ${fmt(result.importerCpuSeconds, 1)} s, machine CPU ${fmt(result.machineCpuSeconds, 1)} s, peak RSS ${result.maxRssMb} MB${r === 0 ? ' (profiled)' : ''}`);
    if (ledger) await ctx.drop(ledger);
    ledger = db;
  }
  if (!ledger) throw new Error('--runs must be ≥ 1');
  // The same file imported again into the last store (an interrupted import run again, the README's recovery): every line found stored.
  const reimport = (await worker(['import', ledger.url, file, ...(ctx.chunk ? [ctx.chunk] : [])])) as unknown as ImportRun;
  log(`${label}: re-import of the same file: ${fmt(reimport.lines)} lines in ${fmt(reimport.seconds, 1)} s = ${fmt(reimport.lines / reimport.seconds)} lines/s, ${fmt(reimport.events)} events written, peak RSS ${reimport.maxRssMb} MB`);
  rmSync(file, { force: true });
  const { sql, url } = ledger;
  const [{ rows, bytes }] = await sql<{ rows: number; bytes: number }[]>`
    select count(*)::float8 as rows, pg_total_relation_size('events')::float8 as bytes from events`;

  // ── raw COPY of the same rows into a bare table: a server-side file, no client in the way ──
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
    log(`${label}: COPY run ${r + 1}: ${fmt(copies[r]!)} rows/s`);
    await sql.unsafe(`drop table ${table}`);
  }
  rmSync(copyFile, { force: true });

  // ── the first answer after the import: the projections are at the start of the order ──
  const firstAnswer = await firstCliAnswer(url, '2025-12-31');
  log(`${label}: first CLI eligibility after the import: ${fmt(firstAnswer.seconds, 1)} s, ${fmt(firstAnswer.cadres)} cadres, peak RSS ${firstAnswer.maxRssMb} MB (${firstAnswer.said.join(' ') || 'caught up batch by batch'})`);

  // ── rebuild ──
  const rebuilds: RebuildRun[] = [];
  const rebuildProfile = join(ctx.work, `${slug}-rebuild.cpuprofile`);
  for (let r = 0; r < runs; r++) {
    const result = (await worker(['rebuild', url], r === 0 ? { profile: rebuildProfile } : {})) as unknown as RebuildRun;
    rebuilds.push(result);
    log(`${label}: rebuild run ${r + 1}: ${fmt(result.events)} events × ${result.projections} projections in ${fmt(result.seconds, 1)} s, peak RSS ${result.maxRssMb} MB`);
  }

  // ── the API (live projections) ──
  const httpProfile = join(ctx.work, `${slug}-http-appends.cpuprofile`);
  let { api, apiSays, apiMessages, ready } = spawnApi(url, DEFAULT_HTTP_ADAPTER);
  try {
    let base = await ready();
    const token = (await new ApiTokenRepository(sql).issue('ADMIN', 'bench', 'bench')).token;
    const asOf = '2025-12-31';
    const probe = await fetch(`${base}/v1/eligibility/in-post-promotion?asOf=${asOf}`, { headers: { authorization: `Bearer ${token}` } });
    const chiefs = ((await probe.json()) as { cadres: { cadreId: string }[] }).cadres.map((c) => c.cadreId);
    if (chiefs.length === 0) throw new Error('no township chiefs in the generated data');
    const writers = (await sql<{ id: string }[]>`select substr(stream_id, 7) as id from event_streams where stream_id like 'cadre-%' order by stream_id`).map((r) => r.id);
    let seq = 0;
    const training = (cadreId: string) => ({
      method: 'POST' as const,
      path: `/v1/cadres/${cadreId}/events`,
      body: { id: `bench-${process.pid}-${slug}-${seq++}`, type: 'TrainingCompleted', effectiveDate: '2025-11-01', data: { programme: '县委党校中青年干部培训班', level: 'COUNTY' } },
    });

    // queries, on freshly rebuilt read models
    log(`${label}: queries`);
    const eligibility = await timeGets(base, token, `/v1/eligibility/in-post-promotion?asOf=${asOf}`, 10);
    const candidates = await timeGets(base, token, `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025`, 10);
    // knownAt between recordings: the instant by which half the store had been recorded.
    const [{ knownAt }] = await sql<{ knownAt: string }[]>`
      select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "knownAt" from events
      order by global_position offset (select count(*) / 2 from events) limit 1`;
    const eligibilityKnownAt = await timeGets(base, token, `/v1/eligibility/in-post-promotion?asOf=${asOf}&knownAt=${encodeURIComponent(knownAt!)}`, 10);
    log(`${label}: eligibility known at ${knownAt}: ${fmt(eligibilityKnownAt.stat.median, 1)} ms`);
    const reports: Record<string, Stat> = {};
    for (const name of REPORT_NAMES) {
      const params = REPORTS[name].dated === 'year' ? 'year=2025' : `asOf=${asOf}`;
      reports[name] = (await timeGets(base, token, `/v1/reports/${name}?${params}`, 10)).stat;
      log(`${label}: report ${name}: ${fmt(reports[name]!.median, 1)} ms`);
    }
    const findings = await timeGets(base, token, `/v1/findings?asOf=${asOf}`, 10);
    const single: Cannon[] = [];
    for (let r = 0; r < runs; r++) {
      single.push(
        await cannon({
          url: base,
          connections: 8,
          amount: 2000,
          overallRate: 200,
          maxSeconds: 30,
          token,
          request: (n) => ({ method: 'GET', path: `/v1/eligibility/in-post-promotion?asOf=${asOf}&cadreId=${chiefs[(n * 7919) % chiefs.length]}` }),
        }),
      );
      log(`${label}: single-cadre eligibility @200/s run ${r + 1}: ${fmt(single[r]!.requestsPerSecond)}/s p50 ${single[r]!.p50} ms p99 ${single[r]!.p99} ms`);
    }

    // Online appends over HTTP, 32 clients. The process's first run meets everything cold (the JIT,
    // the connection pool, most cadres' states) and is reported on its own; then the measured runs;
    // then one run under the CPU profiler, sampled in the server too (profiling slows the process).
    const appends = () => cannon({ url: base, connections: 32, amount: ctx.httpRequests, maxSeconds: 90, token, request: (n) => training(writers[(n * 7919) % writers.length]!) });
    const say = (what: string, h: Cannon) => log(`${label}: HTTP appends ${what}: ${fmt(h.requestsPerSecond)}/s p50 ${h.p50} ms p99 ${h.p99} ms (non-2xx ${h.non2xx}, errors ${h.errors})`);
    const httpCold = await appends();
    say('first run (cold)', httpCold);
    const http: Cannon[] = [];
    for (let r = 0; r < runs; r++) {
      http.push(await appends());
      say(`run ${r + 1}`, http[r]!);
    }
    let sampling = true;
    const sampler = sampleServer(ctx.admin, ledger.name, () => sampling);
    api.stdin.write('profile-start\n');
    await apiSays((m) => m.profiling === true);
    const httpProfiled = await appends();
    api.stdin.write(`profile-stop ${httpProfile}\n`);
    await apiSays((m) => m.profiled === httpProfile);
    sampling = false;
    const server = await sampler;
    say('profiled run', httpProfiled);

    // single appends, unloaded: one client, one request at a time
    const unloaded: Cannon[] = [];
    for (let r = 0; r < runs; r++) {
      unloaded.push(await cannon({ url: base, connections: 1, amount: 200, maxSeconds: 60, token, request: (n) => training(writers[(n * 7919) % writers.length]!) }));
      log(`${label}: unloaded single appends run ${r + 1}: p50 ${unloaded[r]!.p50} ms p99 ${unloaded[r]!.p99} ms`);
    }

    // projection lag while appending 500 events/s
    const runner = new ProjectionRunner(sql, new PostgresEventStore(sql));
    const lag: ScaleResult['lag'] = [];
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
      const load500 = await cannon({ url: base, connections: 16, amount: 5000, overallRate: 500, maxSeconds: 20, token, request: (n) => training(writers[(n * 7919) % writers.length]!) });
      polling = false;
      await poller;
      lag.push({ p50: percentile(samples, 0.5), max: Math.max(...samples), maxEvents: Math.max(...eventSamples), rate: load500.requestsPerSecond });
      log(`${label}: lag run ${r + 1}: at ${fmt(load500.requestsPerSecond)} appends/s lag p50 ${lag[r]!.p50} s max ${lag[r]!.max} s (${lag[r]!.maxEvents} events)`);
    }

    // the history of a cadre with 100+ events: give one chief 100 more (sequential, bounded)
    for (let i = 0; i < 100; i++) {
      const r = training(chiefs[0]!);
      const response = await fetch(`${base}${r.path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(r.body) });
      await response.text();
    }
    const [busiest] = await sql<{ stream_id: string; revision: number }[]>`
      select stream_id, revision::int4 as revision from event_streams where stream_id like 'cadre-%' order by revision desc limit 1`;
    const history = await timeGets(base, token, `/v1/cadres/${busiest!.stream_id.slice('cadre-'.length)}/history`, 10);

    const apiRssMb = await stopApi(api, apiMessages);

    // The same appends on the other server (HTTP_ADAPTER), in a fresh API process on the same store.
    const otherAdapter = HTTP_ADAPTERS.find((a) => a !== DEFAULT_HTTP_ADAPTER)!;
    ({ api, apiSays, apiMessages, ready } = spawnApi(url, otherAdapter));
    base = await ready();
    const other: ScaleResult['other'] = { adapter: otherAdapter, cold: await appends(), http: [], unloaded: [], apiRssMb: NaN };
    say(`on ${serverName(otherAdapter)}, first run (cold)`, other.cold);
    for (let r = 0; r < runs; r++) {
      other.http.push(await appends());
      say(`on ${serverName(otherAdapter)} run ${r + 1}`, other.http[r]!);
    }
    for (let r = 0; r < runs; r++) {
      other.unloaded.push(await cannon({ url: base, connections: 1, amount: 200, maxSeconds: 60, token, request: (n) => training(writers[(n * 7919) % writers.length]!) }));
      log(`${label}: unloaded single appends on ${serverName(otherAdapter)} run ${r + 1}: p50 ${other.unloaded[r]!.p50} ms p99 ${other.unloaded[r]!.p99} ms`);
    }
    other.apiRssMb = await stopApi(api, apiMessages);

    // As deployed: the API without projections beside a projector process (PROJECTIONS_IN_API=false
    // + `npm run projector`), a fresh API process on the default server, the same appends.
    ({ api, apiSays, apiMessages, ready } = spawnApi(url, DEFAULT_HTTP_ADAPTER, { PROJECTIONS_IN_API: 'false' }));
    base = await ready();
    const projector = spawnProjector(url);
    let production: ScaleResult['production'];
    try {
      await projectionsCaughtUp(sql);
      production = { cold: await appends(), http: [], caughtUp: [], apiRssMb: NaN };
      say(`beside a projector, first run (cold)`, production.cold);
      await projectionsCaughtUp(sql);
      for (let r = 0; r < runs; r++) {
        production.http.push(await appends());
        production.caughtUp.push(await projectionsCaughtUp(sql));
        const h = production.http[r]!;
        log(`${label}: HTTP appends beside a projector run ${r + 1}: ${fmt(h.requestsPerSecond)}/s p50 ${h.p50} ms p99 ${h.p99} ms (non-2xx ${h.non2xx}, errors ${h.errors}); projections caught up ${fmt(production.caughtUp[r]!, 2)} s after`);
      }
    } finally {
      await stopProcess(projector);
    }
    production.apiRssMb = await stopApi(api, apiMessages);
    const result: ScaleResult = {
      label,
      townships,
      lines,
      events: rows,
      storeBytes: bytes,
      imports,
      reimport,
      copies,
      firstAnswer,
      rebuilds,
      chiefs: chiefs.length,
      eligibility: eligibility.stat,
      eligibilityBytes: eligibility.bytes,
      candidates: candidates.stat,
      eligibilityKnownAt: eligibilityKnownAt.stat,
      knownAt: knownAt!,
      reports,
      findings: findings.stat,
      single,
      history: history.stat,
      historyEvents: busiest!.revision + 1,
      httpCold,
      http,
      httpProfiled,
      unloaded,
      adapter: DEFAULT_HTTP_ADAPTER,
      other,
      production,
      lag,
      apiRssMb,
      profiles: { import: profileSummary(importProfile), rebuild: profileSummary(rebuildProfile), httpAppends: profileSummary(httpProfile), server },
    };
    return result;
  } finally {
    if (api.exitCode === null) api.kill('SIGTERM');
    await ctx.drop(ledger);
    for (const f of [importProfile, rebuildProfile, httpProfile]) rmSync(f, { force: true });
  }
}

// ── the store level: ours vs Emmett, same server, same workload ───────────────

interface StoreRun {
  rate: number;
  p50: number;
  p99: number;
}
async function benchStoreLevel(ctx: Context, appends: number): Promise<{ ours: StoreRun[]; emmett: StoreRun[]; emmettError: string | null }> {
  const ours = await ctx.open('store_ours');
  const emmettDb = await ctx.open('store_emmett', false);
  const ourStore = new PostgresEventStore(ours.sql);
  const emmett = getPostgreSQLEventStore(emmettDb.url);
  const workload = async (append: (stream: string, n: number) => Promise<unknown>): Promise<StoreRun> => {
    let next = 0;
    const latencies: number[] = [];
    const started = now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let n = next++; n < appends; n = next++) {
          const t0 = now();
          await append(`cadre-S${n % 1000}`, n);
          latencies.push(msSince(t0));
        }
      }),
    );
    return { rate: appends / (msSince(started) / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  };
  const data = (n: number) => ({ year: 2000 + (n % 25), grade: n % 6 === 0 ? 'EXCELLENT' : 'COMPETENT' });
  const result = { ours: [] as StoreRun[], emmett: [] as StoreRun[], emmettError: null as string | null };
  try {
    for (let r = 0; r < ctx.runs; r++) {
      result.ours.push(
        await workload((stream, n) => {
          const event: NewEvent = { eventId: `store-${r}-${n}`, type: 'AnnualAssessmentRecorded', schemaVersion: 1, effectiveDate: '2021-01-15', actor: 'bench', data: data(n) };
          return ourStore.append(stream, [event], 'any');
        }),
      );
      try {
        result.emmett.push(await workload((stream, n) => emmett.appendToStream(stream, [{ type: 'AnnualAssessmentRecorded', data: data(n) }])));
      } catch (error) {
        result.emmettError = error instanceof Error ? error.message : String(error);
      }
      log(`store appends run ${r + 1}: ours ${fmt(result.ours[r]!.rate)}/s, Emmett ${result.emmett[r] ? fmt(result.emmett[r]!.rate) : result.emmettError}/s`);
    }
  } finally {
    await emmett.close();
    await ctx.drop(ours);
    await ctx.drop(emmettDb);
  }
  return result;
}

// ── the document ──────────────────────────────────────────────────────────────

/** One run's rate and latencies, as a table cell. */
const once = (h: Cannon): string => `${fmt(h.requestsPerSecond)}; ${fmt(h.p50)} / ${fmt(h.p99)}`;

function scaleSection(s: ScaleResult, runs: number, httpRequests: number): string[] {
  const importRate = stat(s.imports.map((i) => i.events / i.seconds));
  const importRss = stat(s.imports.map((i) => i.maxRssMb));
  const copyRate = stat(s.copies);
  const rebuildRate = stat(s.rebuilds.map((x) => x.events / x.seconds));
  const rebuildRss = stat(s.rebuilds.map((x) => x.maxRssMb));
  const http = { rate: stat(s.http.map((h) => h.requestsPerSecond)), p50: stat(s.http.map((h) => h.p50)), p99: stat(s.http.map((h) => h.p99)) };
  const unloaded = { p50: stat(s.unloaded.map((h) => h.p50)), p99: stat(s.unloaded.map((h) => h.p99)) };
  const production = { rate: stat(s.production.http.map((h) => h.requestsPerSecond)), p99: stat(s.production.http.map((h) => h.p99)) };
  const bad = [s.httpCold, ...s.http, s.httpProfiled, ...s.single, ...s.unloaded, s.other.cold, ...s.other.http, ...s.other.unloaded, s.production.cold, ...s.production.http].reduce((n, h) => n + h.non2xx + h.errors, 0);
  const single = { rate: stat(s.single.map((x) => x.requestsPerSecond)), p50: stat(s.single.map((x) => x.p50)), p99: stat(s.single.map((x) => x.p99)) };
  const lag = { p50: stat(s.lag.map((x) => x.p50)), max: stat(s.lag.map((x) => x.max)), rate: stat(s.lag.map((x) => x.rate)) };
  const county = s.townships <= 40;
  const eligibilityTarget = county ? 50 : 1000;
  const knownAtTarget = county ? 100 : 2000;
  const perProjection = Object.keys(s.rebuilds[0]?.perProjectionMs ?? {})
    .map((p) => `${p} ${fmt(stat(s.rebuilds.map((r) => r.perProjectionMs[p] ?? NaN)).median / 1000, 1)} s`)
    .join(', ');
  return [
    `## ${s.label}: ${fmt(s.townships)} townships × 20 years`,
    '',
    `\`generateCounty\` seed 1: ${fmt(s.lines)} import lines → ${fmt(s.events)} events (events table with its indexes: ${fmt(s.storeBytes / 2 ** 20)} MiB).`,
    '',
    '| figure | result | target |',
    '|---|---|---|',
    `| import, events/s (\`importNdjson\`, 1,000-line chunks) | ${cell(importRate)} | ≥ 50,000: ${ok(importRate.median >= 50_000)} |`,
    `| import, peak RSS of the importing process (MB) | ${cell(importRss)} | — |`,
    `| the same file imported again (every line stored: an interrupted import run again), lines/s (one run) | **${fmt(s.reimport.lines / s.reimport.seconds)}** (${fmt(s.reimport.seconds, 1)} s; import: ${fmt(s.lines / stat(s.imports.map((i) => i.seconds)).median)} lines/s; ${fmt(s.reimport.events)} events written; peak RSS ${fmt(s.reimport.maxRssMb)} MB) | — |`,
    `| raw \`COPY\` of the same rows into a bare table (no index), rows/s | ${cell(copyRate)} | reference |`,
    `| import ÷ COPY | **${fmt(importRate.median / copyRate.median, 3)}** | ≥ 0.5: ${ok(importRate.median / copyRate.median >= 0.5)} |`,
    `| first CLI \`eligibility --as-of 2025-12-31\` after the import, s (Node's default heap; the CLI first brings the projections up: ${s.firstAnswer.said.join(' ') || 'caught up batch by batch, below PROJECTION_REBUILD_BACKLOG'}; one run) | **${fmt(s.firstAnswer.seconds, 1)}** (peak RSS ${fmt(s.firstAnswer.maxRssMb)} MB, ${fmt(s.firstAnswer.cadres)} cadres) | < 60: ${ok(s.firstAnswer.seconds < 60)} |`,
    `| rebuild of all ${s.rebuilds[0]?.projections ?? '?'} projections, store events/s | ${cell(rebuildRate)} | ≥ 100,000: ${ok(rebuildRate.median >= 100_000)} |`,
    `| rebuild, peak RSS (MB) | ${cell(rebuildRss)} | < 500: ${ok(rebuildRss.max < 500)} |`,
    `| … time per projection (median) | ${perProjection} | — |`,
    `| HTTP single-event appends, 32 clients × ${fmt(httpRequests)} requests, appends/s | ${cell(http.rate)} | ≥ 1,500: ${ok(http.rate.median >= 1500)} |`,
    `| HTTP appends p50 (ms) | ${cell(http.p50, 1)} | — |`,
    `| HTTP appends p99 (ms) | ${cell(http.p99, 1)} | < 50: ${ok(http.p99.median < 50)} |`,
    `| … the API process's first run, before the ${runs} above (cold: the JIT, the connection pool, the states of the cadres it writes to new to the process; not in the medians): appends/s, p50 / p99 (ms) | ${once(s.httpCold)} | — |`,
    `| … a run after them under the inspector's CPU profiler (the profile below; not in the medians): appends/s, p50 / p99 (ms) | ${once(s.httpProfiled)} | — |`,
    `| HTTP appends as deployed: the API with \`PROJECTIONS_IN_API=false\` beside a projector process (\`npm run projector\`), a fresh API process, 32 clients × ${fmt(httpRequests)} requests, appends/s | ${cell(production.rate)} | ≥ 1,500: ${ok(production.rate.median >= 1500)} |`,
    `| … p99 (ms) | ${cell(production.p99, 1)} | < 50: ${ok(production.p99.median < 50)} |`,
    `| … the fresh process's first run, before the ${runs} above (cold; not in the medians): appends/s, p50 / p99 (ms) | ${once(s.production.cold)} | — |`,
    `| … projections caught up after the last answer (s) | ${cell(stat(s.production.caughtUp), 2)} | — |`,
    `| HTTP single append, unloaded (1 client × 200 requests, one at a time) p50 (ms) | ${cell(unloaded.p50, 1)} | < 5: ${ok(unloaded.p50.median < 5)} |`,
    `| … p99 (ms) | ${cell(unloaded.p99, 1)} | — |`,
    `| eligibility as of 2025-12-31, whole store (${fmt(s.chiefs)} township chiefs, ${fmt(s.eligibilityBytes / 1024)} KiB), ms (10 sequential requests) | ${cell(s.eligibility, 1)} | < ${fmt(eligibilityTarget)}: ${ok(s.eligibility.median < eligibilityTarget)} |`,
    `| single-cadre eligibility (\`?cadreId=\`) offered at 200 req/s (2,000 requests, 8 connections): served req/s | ${cell(single.rate)} | 200 |`,
    `| … p50 (ms) | ${cell(single.p50, 1)} | — |`,
    `| … p99 (ms) | ${cell(single.p99, 1)} | — |`,
    `| candidates 2021-2025, ms (10 sequential requests) | ${cell(s.candidates, 1)} | — |`,
    `| eligibility as of 2025-12-31 as known at ${s.knownAt} (half the events recorded), from the tables, ms (10 sequential requests) | ${cell(s.eligibilityKnownAt, 1)} | < ${fmt(knownAtTarget)}: ${ok(s.eligibilityKnownAt.median < knownAtTarget)} |`,
    ...Object.entries(s.reports).map(
      ([name, r]) => `| report \`${name}\` (${REPORTS[name as keyof typeof REPORTS].dated === 'year' ? '2025' : 'as of 2025-12-31'}), ms (10 sequential requests) | ${cell(r, 1)} | ${county ? `< 200: ${ok(r.median < 200)}` : '—'} |`,
    ),
    `| findings as of 2025-12-31 (recorded and of the ten measures), ms (10 sequential requests) | ${cell(s.findings, 1)} | — |`,
    `| history of a cadre with ${fmt(s.historyEvents)} events, ms (10 sequential requests) | ${cell(s.history, 1)} | — |`,
    `| projection lag while appending (offered 500/s, served ${fmt(lag.rate.median)}/s, 5,000 appends): p50 of samples (s) | ${cell(lag.p50, 1)} | < 1: ${ok(lag.p50.median < 1)} |`,
    `| … max of samples (s) | ${cell(lag.max, 1)} | < 1: ${ok(lag.max.median < 1)} |`,
    `| requests answered non-2xx or failed (all HTTP runs) | ${bad} | 0 |`,
    `| API process peak RSS over the whole HTTP part (MB, one process) | ${fmt(s.apiRssMb)} | — |`,
    '',
    ...adapterSection(s, runs, httpRequests),
    `### Where the time goes (${s.label})`,
    '',
    `V8 CPU profiles of the first import and rebuild runs and of the HTTP run made under the profiler: time by area, then the functions with the most time, callees included. "idle" is the process waiting (for PostgreSQL, the network). Runs: ${runs}.`,
    '',
    '**Import** (the importing process):',
    '',
    '```',
    s.profiles.import,
    '```',
    '',
    ...importArithmetic(s, importRate, copyRate),
    '**Rebuild** (the rebuilding process):',
    '',
    '```',
    s.profiles.rebuild,
    '```',
    '',
    `**HTTP appends** (the API process, during a 32-client run after the ${runs} measured ones):`,
    '',
    '```',
    s.profiles.httpAppends,
    '```',
    '',
    `**HTTP appends, the database side**: what the ledger database's client backends were doing, sampled every 20 ms from \`pg_stat_activity\` during the same run (${fmt(s.profiles.server.samples)} backend samples; "idle in transaction: Client ClientRead" = waiting for the API's next statement inside a transaction).`,
    '',
    '```',
    ...s.profiles.server.shares.slice(0, 10).map(([what, share]) => `${(100 * share).toFixed(1).padStart(5)}%  ${what}`),
    '```',
    '',
  ];
}

/**
 * When the import misses its target: what the target asks of this machine's CPU, from the run's
 * own figures, and the next step (issue 16: "BENCHMARKS.md shows the profile and names the next step").
 */
function importArithmetic(s: ScaleResult, importRate: Stat, copyRate: Stat): string[] {
  const needed = Math.max(50_000, 0.5 * copyRate.median);
  if (importRate.median >= needed) return [];
  const perEvent = (seconds: (run: ImportRun) => number) => stat(s.imports.map((run) => (1e6 * seconds(run)) / run.events));
  const importer = perEvent((run) => run.importerCpuSeconds);
  const machine = perEvent((run) => run.machineCpuSeconds);
  const cores = cpus().length;
  const allowed = (cores * 1e6) / needed;
  return [
    `**What the import's target asks of this machine** (${s.label}): an event took ${fmt(1e6 / importRate.median, 1)} µs of wall time, ${cell(importer, 1)} µs of the importing process's CPU and ${cell(machine, 1)} µs of the whole machine's (the importer, the PostgreSQL server, the rest). With all ${cores} cores busy on this work the machine would allow ≈ ${fmt((cores * 1e6) / machine.median)} events/s. The target, ≥ 50,000 events/s and ≥ 0.5 × this run's COPY (${fmt(0.5 * copyRate.median)} rows/s), leaves ${fmt(allowed, 1)} µs of the machine's CPU per event: ${fmt(machine.median / allowed, 1)}× less than measured, or ≈ ${fmt(Math.ceil((machine.median * needed) / 1e6))} cores at this cost per event.`,
    '',
    `**Next step for the import** (docs/SCALE.md, "Where the targets are missed"): on more cores, the deciders on worker threads, partitioned by township (a township's org unit and its cadres decided on one thread; the policy, moves between townships and appeals ordered by the importing thread), feeding the one writer; the server's share then needs a core or more of its own. On these ${cores} cores, no arrangement of today's work reaches the target: the work per event must shrink, first the importer's garbage collection (its share in the profile above: what survives a scavenge is the chunk in flight and the cadre states it changed), then the server's insert with its indexes (≈ 25 µs an event, SCALE.md section 5).`,
    '',
  ];
}

/** The default HTTP server and the other one under the same API, the same appends, the same store. */
function adapterSection(s: ScaleResult, runs: number, httpRequests: number): string[] {
  const row = (name: string, http: Cannon[], unloaded: Cannon[], rssMb: number) =>
    `| ${name} | ${cell(stat(http.map((h) => h.requestsPerSecond)))} | ${cell(stat(http.map((h) => h.p50)), 1)} | ${cell(stat(http.map((h) => h.p99)), 1)} | ${cell(stat(unloaded.map((h) => h.p50)), 1)} | ${fmt(rssMb)} |`;
  const byServer = { [s.adapter]: { http: s.http, unloaded: s.unloaded, rss: s.apiRssMb }, [s.other.adapter]: { http: s.other.http, unloaded: s.other.unloaded, rss: s.other.apiRssMb } };
  const rate = (a: HttpAdapter) => stat(byServer[a]!.http.map((h) => h.requestsPerSecond)).median;
  const serverRow = (a: HttpAdapter) => row(`${serverName(a)}${a === s.adapter ? ' (the default)' : ''}`, byServer[a]!.http, byServer[a]!.unloaded, byServer[a]!.rss);
  return [
    `**The HTTP server under Nest** (${s.label}): the 32-client appends (${fmt(httpRequests)} requests) and the unloaded single appends, ${runs} runs each, on ${serverName(s.adapter)} (\`HTTP_ADAPTER=${s.adapter}\`, the default) and then on ${serverName(s.other.adapter)} (\`HTTP_ADAPTER=${s.other.adapter}\`) in a fresh API process on the same store, each process's first 32-client run (cold) left out of the medians as above. One after the other, so the ratio swings with the machine and the store; \`npm run bench:http-adapters\` interleaves them (docs/SCALE.md). Fastify ÷ Express, appends/s: **${fmt(rate('fastify') / rate('express'), 2)}**.`,
    '',
    '| server | appends/s, 32 clients | p50 (ms) | p99 (ms) | unloaded p50 (ms) | API peak RSS (MB) |',
    '|---|---|---|---|---|---|',
    serverRow('express'),
    serverRow('fastify'),
    '',
  ];
}

// ── the suite ─────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: 'county,province' },
      townships: { type: 'string' },
      years: { type: 'string', default: '20' },
      runs: { type: 'string', default: '3' },
      /** Runs at the province scale (default: --runs); one province run takes about 20 minutes here. */
      'province-runs': { type: 'string' },
      chunk: { type: 'string' },
      'http-requests': { type: 'string', default: '2000' },
      'store-appends': { type: 'string', default: '4000' },
      growth: { type: 'string', default: '300' },
      /** The workers' heap limit in MB; Node's default when absent. */
      'worker-heap-mb': { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'docs/BENCHMARKS.md') },
    },
  });
  const scales: [string, number][] = values.townships
    ? [[`${values.townships} townships`, Number(values.townships)]]
    : values.scales.split(',').map((s) => {
        if (!(s in SCALES)) throw new Error(`--scales: county, province (got ${s})`);
        return [s, SCALES[s]!];
      });
  const runs = Number(values.runs);
  const years = Number(values.years);
  const httpRequests = Number(values['http-requests']);
  const growth = values.growth ? values.growth.split(',').filter(Boolean).map(Number) : [];
  const workerHeapMb = values['worker-heap-mb'] ? Number(values['worker-heap-mb']) : undefined;
  setWorkerHeapMb(workerHeapMb);
  const load = [loadavg()[0]!];
  const started = now();
  await onFreshServer('ledger-bench', async (server) => {
    const { work } = server;
    log(`embedded PostgreSQL in ${server.dataDir}`);
    const admin = connect(server.adminUrl, 2);
    const open = async (name: string, migrate = true) => {
      const url = migrate ? await migratedDatabase(server.adminUrl, name) : await createdDatabase(server.adminUrl, name);
      return { url, sql: connect(url, 10), name };
    };
    const drop = async (db: { sql: Sql; name: string }) => {
      await db.sql.end({ timeout: 5 }).catch(() => undefined);
      await admin.unsafe(`drop database if exists "${db.name}" with (force)`);
    };
    const ctx: Context = { runs, years, chunk: values.chunk, httpRequests, admin, work, open, drop };
    try {
      const [{ version, fsync, sync }] = await admin<{ version: string; fsync: string; sync: string }[]>`
        select current_setting('server_version') as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync`;

      const results: ScaleResult[] = [];
      const runsAt = (label: string) => (label === 'province' && values['province-runs'] !== undefined ? Number(values['province-runs']) : runs);
      for (const [label, townships] of scales) results.push(await benchScale({ ...ctx, runs: runsAt(label) }, label, townships));
      const store = await benchStoreLevel(ctx, Number(values['store-appends']));

      // growth: the scales above (medians) and one import + rebuild per extra size
      const growthRows = results.map((r) => ({
        townships: r.townships,
        events: r.events,
        importSeconds: stat(r.imports.map((i) => i.seconds)).median,
        importRssMb: stat(r.imports.map((i) => i.maxRssMb)).median,
        rebuildSeconds: stat(r.rebuilds.map((i) => i.seconds)).median,
        rebuildRssMb: stat(r.rebuilds.map((i) => i.maxRssMb)).median,
      }));
      for (const g of growth.filter((g) => !results.some((r) => r.townships === g))) {
        const gFile = join(work, `growth-${g}.ndjson`);
        await writeLines(g, years, gFile);
        const db = await open(`growth_${g}`);
        const imp = (await worker(['import', db.url, gFile, ...(values.chunk ? [values.chunk] : [])])) as unknown as ImportRun;
        const reb = (await worker(['rebuild', db.url])) as unknown as RebuildRun;
        growthRows.push({ townships: g, events: imp.events, importSeconds: imp.seconds, importRssMb: imp.maxRssMb, rebuildSeconds: reb.seconds, rebuildRssMb: reb.maxRssMb });
        log(`growth ${g} townships: ${fmt(imp.events)} events, import ${fmt(imp.seconds, 1)} s / ${imp.maxRssMb} MB, rebuild ${fmt(reb.seconds, 1)} s / ${reb.maxRssMb} MB`);
        await drop(db);
        rmSync(gFile, { force: true });
      }
      growthRows.sort((a, b) => a.townships - b.townships);
      load.push(loadavg()[0]!);

      const git = (args: string[]): string => {
        try {
          return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
        } catch {
          return '';
        }
      };
      // Tracked files outside docs/ only: a run's own logs and the screenshots a test run regenerates
      // do not change what was measured.
      const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)docs']).length > 0;
      const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
      const oursRate = stat(store.ours.map((x) => x.rate));
      const emmettRate = store.emmett.length > 0 ? stat(store.emmett.map((x) => x.rate)) : null;
      const md: string[] = [
        '# Benchmarks',
        '',
        `Generated by \`${command}\` (test/bench/run.ts) in ${fmt(msSince(started) / 60_000)} minutes; do not edit by hand. Each figure: **median** (min – max) of ${runs} runs unless marked${values['province-runs'] !== undefined && scales.some(([l]) => l === 'province') ? ` (the province: ${values['province-runs']} run${values['province-runs'] === '1' ? ', so min = median = max' : 's'})` : ''}. Why a target is missed, and what would meet it: [SCALE.md](SCALE.md#where-the-targets-are-missed-and-why).`,
        '',
        '| | |',
        '|---|---|',
        `| date | ${new Date().toISOString()} |`,
        `| commit | ${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? ' + uncommitted changes in the working tree' : ''} |`,
        `| machine | ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM |`,
        `| load average (1 min) at start / end | ${fmt(load[0]!, 1)} / ${fmt(load[1]!, 1)} |`,
        `| Node.js / PostgreSQL | ${process.version} / ${version} (embedded, fsync=${fsync}, synchronous_commit=${sync}); client, server and load generator share the cores |`,
        '',
        ...results.flatMap((r) => scaleSection(r, runsAt(r.label), httpRequests)),
        '## Store level: ours and Emmett on the same server',
        '',
        `32 concurrent loops, ${fmt(Number(values['store-appends']))} single-event appends to 1,000 streams, each store in its own database of the same server.`,
        '',
        '| store | events/s | p50 ms | p99 ms |',
        '|---|---|---|---|',
        `| ours: \`PostgresEventStore.append(…, 'any')\` (hash chain, per-stream advisory locks, store-wide idempotency) | ${cell(oursRate)} | ${cell(stat(store.ours.map((x) => x.p50)), 1)} | ${cell(stat(store.ours.map((x) => x.p99)), 1)} |`,
        emmettRate
          ? `| \`@event-driven-io/emmett-postgresql\` \`appendToStream\` | ${cell(emmettRate)} | ${cell(stat(store.emmett.map((x) => x.p50)), 1)} | ${cell(stat(store.emmett.map((x) => x.p99)), 1)} |`
          : `| Emmett | could not run: ${store.emmettError ?? 'unknown'} | — | — |`,
        emmettRate ? `| **ours ÷ Emmett** | **${fmt(oursRate.median / emmettRate.median, 2)}** (target ≥ 1: ${ok(oursRate.median >= emmettRate.median)}) | | |` : '',
        '',
        '## Growth',
        '',
        'Time and peak memory against events, one row per size (the scales above: their medians; other sizes: one run).',
        '',
        '| townships | events | import s | import events/s | import peak RSS MB | rebuild s | rebuild events/s | rebuild peak RSS MB |',
        '|---|---|---|---|---|---|---|---|',
        ...growthRows.map(
          (g) =>
            `| ${fmt(g.townships)} | ${fmt(g.events)} | ${fmt(g.importSeconds, 1)} | ${fmt(g.events / g.importSeconds)} | ${fmt(g.importRssMb)} | ${fmt(g.rebuildSeconds, 1)} | ${fmt(g.events / g.rebuildSeconds)} | ${fmt(g.rebuildRssMb)} |`,
        ),
        '',
        '## Method',
        '',
        '- A fresh embedded PostgreSQL in a temporary directory, full durability (fsync on, synchronous commit). Everything runs on the same machine: the server, the measured process and the load generator share its cores.',
        `- Import: \`bench-worker import\` streams the NDJSON file through \`importNdjson\` (parse, decide against cached states, one atomic multi-stream append per 1,000-line chunk, the next chunk decided while one is written) into a freshly migrated database, one database per run. Peak RSS is the worker's \`maxRSS\`; ${workerHeapMb === undefined ? "it runs with Node's default heap limit, a 32 MB semi-space and the old generation grown 2× at most, as every worker here and the CLI" : `it runs with a 32 MB semi-space, the old generation grown 2× at most and \`--max-old-space-size=${workerHeapMb}\``} (the importer caches every cadre's state, compacted once its chunk is stored: see SCALE.md).`,
        "- COPY reference: the imported rows exported once with `COPY (select …) TO 'file'` (server side), then `COPY … FROM 'file'` into a table with the same columns and no constraint or index: the same server and durability, no client in the way.",
        '- Rebuild: `ProjectionRunner.rebuild` of every projection in turn (batches of 5,000) in a fresh process; each reads its streams one by one up to a fixed point, then the store-wide order from there. Events/s = store events ÷ wall time for all projections.',
        '- HTTP: the API (`createApp`, live projections on) in its own process; autocannon posts `TrainingCompleted` commands with new ids, spread over every registered cadre. The same appends are then measured as deployed: a fresh API process with \`PROJECTIONS_IN_API=false\` beside a projector process (\`npm run projector\`), and how long after the last answer the projections had every event. Each API process first serves one 32-client run that is reported on its own and left out of the medians: it meets the JIT, its connection pool and most cadres\' states cold (at the province every run meets new cadres: 2,000 requests spread over ≈ 47,000 of them, where a county has ≈ 630). BENCHMARKS.md up to the run of 2026-12-04 20:56 counted that run in the medians, and profiled it. Latencies are autocannon\'s; a rate is the answers over the time from the start to the last answer (autocannon rounds its own duration of a run bounded by count up to whole seconds; BENCHMARKS.md before 2026-12-01 14:45 used it, so its HTTP rates were low by up to a quarter).',
        '- Lag: `ProjectionRunner.status()` sampled every 200 ms while autocannon offers 500 appends/s; lag = age of the oldest event not yet applied by the slowest projection.',
        '- Profiles: `--cpu-prof` on the first import and rebuild run (the medians include them), and the inspector\'s profiler in the API around one more HTTP-append run after the measured ones (not in the medians: the profiler slows the process it samples).',
        '',
        '## Raw runs',
        '',
        '```json',
        JSON.stringify(
          {
            scales: results.map(({ profiles: _p, ...r }) => r),
            store,
            growthRows,
          },
          null,
          1,
        ),
        '```',
        '',
      ];
      writeFileSync(values.out, md.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n'));
      log(`wrote ${values.out}`);
    } finally {
      await admin.end({ timeout: 5 }).catch(() => undefined);
    }
  });
}

runBench(main);
