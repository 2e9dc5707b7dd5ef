/**
 * Read-model latency over HTTP on a generated county (issue 4's measure): imports
 * `generateCounty({townships, years, seed})` into a fresh embedded PostgreSQL, rebuilds the
 * projections, then times GET eligibility as of a date and the 2021-2025 candidate list (and tenure,
 * eligibility as known at the instant half the events had been recorded, every report of the ten
 * measures and the findings) through the real API.
 * Usage: node -r @swc-node/register test/bench/projections.ts [--townships 20 --years 20 --seed 1 --runs 20]
 */
import { cpus, totalmem } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importNdjson } from '@ledger/application';
import { ApiTokenRepository } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import { connect } from '@ledger/database';
import type { CalendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { generateCounty } from '@ledger/generator';
import { ProjectionRunner, REPORT_NAMES, REPORTS, verifyProjections } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { createApp } from '../../apps/api/src/create-app';
import { migratedDatabase, onFreshServer, runBench } from './harness';

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

function summary(samples: number[]): { min: number; median: number; p90: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { min: at(0), median: at(0.5), p90: at(0.9), max: at(1 - 1e-9) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      townships: { type: 'string', default: '20' },
      years: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '20' },
      'as-of': { type: 'string', default: '2024-06-30' },
      cycle: { type: 'string', default: '2021-2025' },
    },
  });
  const runs = Number(values.runs);
  await onFreshServer('ledger-bench-proj', async (server) => {
    const url = await migratedDatabase(server.adminUrl, 'bench');
    const sql = connect(url, 10);
    const store = new PostgresEventStore(sql);

    let t = process.hrtime.bigint();
    const lines = generateCounty({ townships: Number(values.townships), years: Number(values.years), seed: Number(values.seed) });
    const ndjson = Readable.from((function* () {
      for (const line of lines) yield `${JSON.stringify(line)}\n`;
    })());
    const imported = await importNdjson(ndjson, store, () => '2025-12-31' as CalendarDate, { actor: 'bench' });
    const importMs = ms(t);

    const runner = new ProjectionRunner(sql, store);
    const rebuilds: Record<string, { events: number; ms: number; eventsPerSecond: number }> = {};
    for (const p of runner.projections) {
      t = process.hrtime.bigint();
      const r = await runner.rebuild(p, { batchSize: 5000 });
      const took = ms(t);
      rebuilds[p.name] = { events: r.eventsApplied, ms: Math.round(took), eventsPerSecond: Math.round(r.eventsApplied / (took / 1000)) };
    }
    // Live catch-up from scratch (what the API does on a first start over an imported store).
    await sql`delete from projection_checkpoints`;
    t = process.hrtime.bigint();
    await runner.catchUpAll();
    const catchUpMs = Math.round(ms(t));

    const ledger: LedgerRuntime = {
      config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }),
      db: { url, sql, close: async () => undefined },
      store,
      close: async () => undefined,
    };
    const app = await createApp(ledger, { logLevel: 'silent', projections: { live: false } });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const token = (await new ApiTokenRepository(sql).issue('ORG_DEPT', 'bench', 'bench')).token;
    const get = async (path: string): Promise<{ ms: number; body: unknown }> => {
      const start = process.hrtime.bigint();
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body: unknown = await response.json();
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
      return { ms: ms(start), body };
    };
    const time = async (path: string, n: number) => {
      await get(path); // warm-up: prepared statements, JIT
      const samples: number[] = [];
      let body: unknown;
      for (let i = 0; i < n; i++) {
        const r = await get(path);
        samples.push(r.ms);
        body = r.body;
      }
      return { path, ...summary(samples), body };
    };

    const eligibility = await time(`/v1/eligibility/in-post-promotion?asOf=${values['as-of']}`, runs);
    const candidates = await time(`/v1/commendations/excellent-township-party-secretary/candidates?cycle=${values.cycle}`, runs);
    const chiefs = (eligibility.body as { cadres: { cadreId: string }[] }).cadres;
    const tenure = await time(`/v1/cadres/${chiefs[0]?.cadreId ?? 'C000001'}/tenure?asOf=${values['as-of']}`, runs);
    const [{ half }] = await sql<{ half: string }[]>`
      select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as half from events
      order by global_position offset (select count(*) / 2 from events) limit 1`;
    const knownAt = await time(`/v1/eligibility/in-post-promotion?asOf=${values['as-of']}&knownAt=${encodeURIComponent(half!)}`, runs);
    const reports: Record<string, unknown> = {};
    for (const name of REPORT_NAMES) {
      const params = REPORTS[name].dated === 'year' ? `year=${values['as-of'].slice(0, 4)}` : `asOf=${values['as-of']}`;
      reports[name] = { ...(await time(`/v1/reports/${name}?${params}`, runs)), body: undefined };
    }
    const findings = await time(`/v1/findings?asOf=${values['as-of']}`, runs);
    await app.close();

    t = process.hrtime.bigint();
    const verified = await verifyProjections(sql, store, { today: '2025-12-31' as CalendarDate });
    const verifyMs = Math.round(ms(t));

    const [counts] = await sql`select (select count(*) from proj_cadre_timelines)::int4 as cadres, (select count(*) from proj_post_intervals)::int4 as intervals`;
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
          county: { townships: Number(values.townships), years: Number(values.years), seed: Number(values.seed) },
          import: { lines: imported.lines, events: imported.eventsWritten, rejected: imported.rejected.length, seconds: Math.round(importMs / 100) / 10 },
          rows: counts,
          rebuild: rebuilds,
          liveCatchUpFromScratchMs: catchUpMs,
          http: {
            eligibility: { ...eligibility, body: undefined, chiefs: chiefs.length },
            candidates: {
              ...candidates,
              body: undefined,
              candidates: (candidates.body as { candidates: unknown[] }).candidates.length,
              excluded: (candidates.body as { excluded: unknown[] }).excluded.length,
            },
            tenure: { ...tenure, body: undefined },
            eligibilityKnownAt: { ...knownAt, knownAt: half, body: undefined },
            reports,
            findings: { ...findings, body: undefined },
          },
          verify: { ok: verified.ok, ms: verifyMs, answersChecked: verified.answers.checked, events: verified.checkedEvents },
        },
        null,
        2,
      )}\n`,
    );
    await sql.end({ timeout: 5 });
  });
}

runBench(main);
