/**
 * `npm run bench:http-projections`: where an HTTP append's CPU goes, with the projections in the
 * API (`npm run bench`'s arrangement), in a projector process beside it (production:
 * `PROJECTIONS_IN_API=false` + `npm run projector`), and nowhere (the write path alone, read models
 * left behind: a reference, not a way to run the ledger). On one store, arrangements interleaved.
 *
 *   npm run bench:http-projections                                  # 100 townships, 2 rounds; about 6 minutes
 *   npm run bench:http-projections -- --townships 20 --rounds 1 --requests 2000
 *
 * Each round starts a fresh API process (Fastify, the default) per arrangement, warms it with
 * `--warm-up` appends, then measures `--runs` runs of `--requests` single-event appends from 32
 * clients. For each run: the CPU seconds of the API, the projector, the PostgreSQL server (its
 * postmaster and every backend, ended ones included) and this process (the load generator) from
 * /proc, per append; how long after the last answer the projections had every event; and, from the
 * last round, the server's statements by execution time (`pg_stat_statements`, top level).
 * Prints a Markdown section.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HTTP_ADAPTER } from '@ledger/config';
import { cannon, cell, CLOCK_TICKS, countyForAppends, fmt, log, machineBusySeconds, onFreshServer, projectionsCaughtUp, runBench, spawnApi, spawnProjector, stat, stopApi, stopProcess, wholeNumbers, type Cannon } from './harness';

const ARRANGEMENTS = ['live', 'projector', 'none'] as const;
type Arrangement = (typeof ARRANGEMENTS)[number];
const DESCRIBED: Record<Arrangement, string> = {
  live: 'projections in the API (`npm run bench`)',
  projector: 'API + projector process (production)',
  none: 'API alone, no projections (reference)',
};

/** utime, stime and, with `children`, the reaped children's (a backend that ended is counted in its postmaster). */
function cpuSeconds(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (children ? own + Number(f[13]) + Number(f[14]) : own) / CLOCK_TICKS;
  } catch {
    return 0; // ended meanwhile
  }
}
/** The postmaster and its live children. */
function serverSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster) total += cpuSeconds(Number(d));
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

interface Run extends Cannon {
  /** CPU ms per append. */
  api: number;
  projector: number;
  server: number;
  loadGenerator: number;
  machine: number;
  /** Seconds from the last answer until every projection had every event. */
  caughtUp: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      townships: { type: 'string', default: '100' },
      years: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '2' },
      runs: { type: 'string', default: '2' },
      requests: { type: 'string', default: '4000' },
      'warm-up': { type: 'string', default: '1000' },
    },
  });
  const { townships, years, rounds, runs, requests, 'warm-up': warmUp } = wholeNumbers(values, { townships: 1, years: 1, rounds: 1, runs: 1, requests: 1, 'warm-up': 0 });
  await onFreshServer(
    'ledger-bench-http-projections',
    async (server) => {
      const { url, sql, events, token, cadreAt, training } = await countyForAppends(server, 'http_projections', townships, years);
      const postmaster = Number(readFileSync(join(server.dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
      await sql`create extension if not exists pg_stat_statements`;
      const cadresOf = (count: number) => new Set(Array.from({ length: count }, (_, n) => cadreAt(n)));
      const warmed = cadresOf(warmUp);
      const firstRunCadres = cadresOf(requests).size;
      const firstRunNew = [...cadresOf(requests)].filter((c) => !warmed.has(c)).length;
      const caughtUp = () => projectionsCaughtUp(sql);

      const measured: Record<Arrangement, Run[]> = { live: [], projector: [], none: [] };
      const statements: Partial<Record<Arrangement, { calls: number; totalMs: number; query: string }[]>> = {};
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? ARRANGEMENTS : [...ARRANGEMENTS].reverse();
        for (const arrangement of order) {
          const { api, apiMessages, ready } = spawnApi(url, DEFAULT_HTTP_ADAPTER, arrangement === 'live' ? {} : { PROJECTIONS_IN_API: 'false' });
          const base = await ready();
          const projector = arrangement === 'projector' ? spawnProjector(url) : null;
          if (arrangement !== 'none') await caughtUp(); // events left behind by the arrangement before
          if (warmUp > 0) await cannon({ url: base, connections: 32, amount: warmUp, maxSeconds: 90, token, request: training });
          if (arrangement !== 'none') await caughtUp();
          for (let r = 0; r < runs; r++) {
            await sql`select pg_stat_statements_reset()`;
            const before = { api: cpuSeconds(api.pid!), projector: projector ? cpuSeconds(projector.pid!) : 0, server: serverSeconds(postmaster), own: process.cpuUsage(), machine: machineBusySeconds() };
            const h = await cannon({ url: base, connections: 32, amount: requests, maxSeconds: 120, token, request: training });
            if (h.non2xx + h.errors > 0) throw new Error(`${arrangement}: ${h.non2xx} answers not 2xx, ${h.errors} errors`);
            const behind = arrangement === 'none' ? NaN : await caughtUp();
            const own = process.cpuUsage(before.own);
            const per = (seconds: number) => (seconds * 1000) / h.total;
            const run: Run = {
              ...h,
              api: per(cpuSeconds(api.pid!) - before.api),
              projector: projector ? per(cpuSeconds(projector.pid!) - before.projector) : 0,
              server: per(serverSeconds(postmaster) - before.server),
              loadGenerator: per((own.user + own.system) / 1e6),
              machine: per(machineBusySeconds() - before.machine),
              caughtUp: behind,
            };
            measured[arrangement].push(run);
            log(
              `round ${round + 1} ${arrangement} run ${r + 1}: ${fmt(h.requestsPerSecond)}/s p50 ${h.p50} ms p99 ${h.p99} ms; CPU ms an append: API ${run.api.toFixed(3)}, projector ${run.projector.toFixed(3)}, server ${run.server.toFixed(3)}, load ${run.loadGenerator.toFixed(3)}, machine ${run.machine.toFixed(3)}; caught up ${behind.toFixed(2)} s after`,
            );
            if (round === rounds - 1 && r === runs - 1) {
              statements[arrangement] = (
                await sql`select calls, total_exec_time as ms, regexp_replace(query, '\\s+', ' ', 'g') as query from pg_stat_statements
                  where toplevel and dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'
                  order by total_exec_time desc limit 6`
              ).map((s) => ({ calls: Number(s.calls), totalMs: Number(s.ms), query: String(s.query) }));
            }
          }
          if (projector) await stopProcess(projector);
          await stopApi(api, apiMessages);
        }
      }
      await sql.end({ timeout: 5 });

      const ms = (runsOf: readonly Run[], key: 'api' | 'projector' | 'server' | 'loadGenerator' | 'machine') => cell(stat(runsOf.map((r) => r[key])), 3);
      // A process's first run meets most of its cadres for the first time (their states are loaded
      // and checked); the later runs send the same cadres again.
      const row = (a: Arrangement, first: boolean) => {
        const r = measured[a].filter((_, i) => (i % runs === 0) === first);
        if (r.length === 0) return null;
        return `| ${DESCRIBED[a]} | ${first ? 'first' : 'later'} | ${cell(stat(r.map((x) => x.requestsPerSecond)))} | ${cell(stat(r.map((x) => x.p99)))} | ${ms(r, 'api')} | ${a === 'projector' ? ms(r, 'projector') : '—'} | ${ms(r, 'server')} | ${ms(r, 'loadGenerator')} | ${ms(r, 'machine')} | ${a === 'none' ? '—' : cell(stat(r.map((x) => x.caughtUp)), 2)} |`;
      };
      const label = (q: string) => (q.length > 110 ? `${q.slice(0, 110)}…` : q).replace(/\|/g, '\\|');
      process.stdout.write(
        [
          `## Where an HTTP append's CPU goes (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
          '',
          `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load ${fmt(loadavg()[0]!, 2)} at the end. ${fmt(townships)} townships (${fmt(events)} events); ${rounds} round${rounds === 1 ? '' : 's'}, each a fresh API process (${DEFAULT_HTTP_ADAPTER}) per arrangement in alternating order, ${fmt(warmUp)} appends to warm it, then ${runs} × ${fmt(requests)} appends from 32 clients. CPU from /proc, in ms per append; the server with \`pg_stat_statements\` loaded.`,
          '',
          `Runs: a process's first (${fmt(firstRunNew)} of the ${fmt(firstRunCadres)} cadres it writes to new to the process, their states loaded and checked) and its later ones (the same cadres again).`,
          '',
          '| arrangement | runs | appends/s | p99 ms | API | projector | PostgreSQL | load generator | machine | projections caught up after the last answer, s |',
          '|---|---|---|---|---|---|---|---|---|---|',
          ...ARRANGEMENTS.flatMap((a) => [row(a, true), row(a, false)].filter((r): r is string => r !== null)),
          '',
          ...ARRANGEMENTS.flatMap((a) => [
            `The server's statements, ${DESCRIBED[a]}, last run (top level, by execution time):`,
            '',
            '| calls | ms | ms per append | statement |',
            '|---|---|---|---|',
            ...(statements[a] ?? []).map((s) => `| ${fmt(s.calls)} | ${fmt(s.totalMs)} | ${fmt(s.totalMs / requests, 3)} | \`${label(s.query)}\` |`),
            '',
          ]),
        ].join('\n'),
      );
    },
    { statements: true },
  );
}

runBench(main);
