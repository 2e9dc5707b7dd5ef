/**
 * One import of a generated county into a fresh embedded PostgreSQL, for profiling the import path
 * (`node --cpu-prof -r @swc-node/register test/bench/profile-import.ts --townships 20 [--dry-run]`).
 */
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importNdjson } from '@ledger/application';
import { connect } from '@ledger/database';
import type { CalendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { generateCounty } from '@ledger/generator';
import { migratedDatabase, onFreshServer, runBench } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { townships: { type: 'string', default: '20' }, years: { type: 'string', default: '20' }, chunk: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  await onFreshServer('ledger-prof', async (server) => {
    const url = await migratedDatabase(server.adminUrl, 'bench');
    const sql = connect(url, 4);
    const lines = [...generateCounty({ townships: Number(values.townships), years: Number(values.years), seed: 1 })].map((l) => `${JSON.stringify(l)}\n`);
    const store = new PostgresEventStore(sql);
    const spent: Record<string, { calls: number; ms: number }> = {};
    for (const name of ['findEvents', 'appendToStreams', 'readStream'] as const) {
      const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
      const slot = (spent[name] = { calls: 0, ms: 0 });
      (store as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        const t = process.hrtime.bigint();
        try {
          return await original(...args);
        } finally {
          slot.calls++;
          slot.ms += Number(process.hrtime.bigint() - t) / 1e6;
        }
      };
    }
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const result = await importNdjson(Readable.from(lines), store, () => '2025-12-31' as CalendarDate, {
      actor: 'bench',
      dryRun: values['dry-run'],
      ...(values.chunk ? { chunkSize: Number(values.chunk) } : {}),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // This process's own CPU (user + system): comparable between runs on a busy machine, where the wall time is not.
    const cpu = process.cpuUsage(cpuBefore);
    process.stdout.write(
      `${JSON.stringify({ lines: result.lines, events: result.eventsWritten, rejected: result.rejected.length, seconds: +seconds.toFixed(2), eventsPerSecond: Math.round(result.eventsWritten / seconds), importerCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), storeCalls: spent })}\n`,
    );
    await sql.end({ timeout: 5 });
  });
}

runBench(main);
