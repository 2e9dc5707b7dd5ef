/**
 * One measured step of `npm run bench`, in its own process so its peak memory (maxRSS) is its own.
 *   import URL FILE [CHUNK]   streamed NDJSON import through the application's importer
 *   rebuild URL               rebuilds every projection from the whole store
 *   serve URL                 the HTTP API (live projections) on an ephemeral loopback port; prints {"port":N}.
 *                             On stdin it takes `profile-start` and `profile-stop FILE` (a V8 CPU profile
 *                             of just the part in between, e.g. the HTTP appends); stdin closed = stop.
 * Every step prints one JSON line on stdout.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createInterface } from 'node:readline';
import { importNdjson } from '@ledger/application';
import { loadConfig } from '@ledger/config';
import { connect } from '@ledger/database';
import type { CalendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ProjectionRunner } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { createApp } from '../../apps/api/src/create-app';
import { machineBusySeconds } from './machine-cpu';

const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

async function main(): Promise<void> {
  const [step, url, file, chunk] = process.argv.slice(2);
  if (!step || !url) throw new Error('usage: bench-worker import|rebuild|serve URL [FILE CHUNK]');
  const sql = connect(url, 10);
  const store = new PostgresEventStore(sql);
  switch (step) {
    case 'import': {
      if (!file) throw new Error('import needs FILE');
      const started = process.hrtime.bigint();
      // Where the CPU goes: this process's own, and the whole machine's (the server's and the rest beside it).
      const [cpuBefore, machineBefore] = [process.cpuUsage(), machineBusySeconds()];
      const result = await importNdjson(createReadStream(file), store, () => '2025-12-31' as CalendarDate, {
        actor: 'bench',
        ...(chunk ? { chunkSize: Number(chunk) } : {}),
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      print({
        lines: result.lines,
        events: result.eventsWritten,
        rejected: result.rejected.length,
        seconds,
        maxRssMb: maxRssMb(),
        importerCpuSeconds: (cpu.user + cpu.system) / 1e6,
        machineCpuSeconds: machineBusySeconds() - machineBefore,
      });
      break;
    }
    case 'rebuild': {
      const runner = new ProjectionRunner(sql, store);
      const [{ events }] = await sql<{ events: number }[]>`select count(*)::int8::float8 as events from events`;
      const started = process.hrtime.bigint();
      const perProjection: Record<string, number> = {};
      for (const p of runner.projections) perProjection[p.name] = (await runner.rebuild(p, { batchSize: 5000 })).durationMs;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      print({ events, projections: runner.projections.length, seconds, perProjectionMs: perProjection, maxRssMb: maxRssMb() });
      break;
    }
    case 'serve': {
      const ledger: LedgerRuntime = {
        config: loadConfig({
          DATABASE_URL: url,
          LOG_LEVEL: 'silent',
          ...(process.env.HTTP_ADAPTER ? { HTTP_ADAPTER: process.env.HTTP_ADAPTER } : {}),
          ...(process.env.PROJECTIONS_IN_API ? { PROJECTIONS_IN_API: process.env.PROJECTIONS_IN_API } : {}),
        }),
        db: { url, sql, close: async () => undefined },
        store,
        close: async () => undefined,
      };
      const app = await createApp(ledger, { logLevel: 'silent' });
      await app.listen(0, '127.0.0.1');
      print({ port: (app.getHttpServer().address() as { port: number }).port, adapter: ledger.config.HTTP_ADAPTER });
      const session = new Session();
      session.connect();
      const post = <T>(method: string): Promise<T> =>
        new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
      await post('Profiler.enable');
      await new Promise<void>((resolve) => {
        createInterface({ input: process.stdin }).on('line', (line) => {
          const [command, target] = line.trim().split(' ');
          if (command === 'profile-start') void post('Profiler.start').then(() => print({ profiling: true }));
          if (command === 'profile-stop' && target) {
            void post<{ profile: unknown }>('Profiler.stop').then(({ profile }) => {
              writeFileSync(target, JSON.stringify(profile));
              print({ profiled: target });
            });
          }
        });
        process.stdin.on('end', resolve);
        process.stdin.on('close', resolve);
        process.on('SIGTERM', resolve);
      });
      session.disconnect();
      await app.close();
      print({ maxRssMb: maxRssMb() });
      break;
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
  await sql.end({ timeout: 5 });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
