/**
 * Event-store append throughput: 100,000 events in batches of 100 (one batch = one atomic
 * append to one stream) over 1,000 streams, on a fresh embedded PostgreSQL with full durability.
 * Usage: npm run bench:append [-- --events 100000 --batch 100 --streams 1000 --writers 4]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { connect } from '@ledger/database';
import { verifyChains, type NewEvent } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { migratedDatabase, onFreshServer, runBench } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '100' },
      streams: { type: 'string', default: '1000' },
      writers: { type: 'string', default: '4' },
    },
  });
  const total = Number(values.events);
  const batch = Number(values.batch);
  const streams = Number(values.streams);
  const writers = Number(values.writers);
  await onFreshServer('ledger-bench', async (server) => {
    const url = await migratedDatabase(server.adminUrl, 'bench');
    const sql = connect(url, writers + 2);
    const store = new PostgresEventStore(sql);
    const batches = Math.ceil(total / batch);
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const events: NewEvent[] = Array.from({ length: batch }, (_, i) => ({
            eventId: `bench-${b}-${i}`,
            type: 'AnnualAssessmentRecorded',
            schemaVersion: 1,
            effectiveDate: '2021-01-15',
            actor: 'bench',
            documentRef: 'X组〔2021〕1号',
            data: { year: 2000 + (i % 25), grade: i % 6 === 0 ? 'EXCELLENT' : 'COMPETENT' },
          }));
          await store.append(`cadre-B${b % streams}`, events, 'any');
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const verifyStart = process.hrtime.bigint();
    const verified = await verifyChains(store.scanStreams(), store.scanHeads());
    const verifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
    const result = {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
      date: new Date().toISOString(),
      events: total,
      batchSize: batch,
      streams,
      writers,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(total / seconds),
      verify: { ok: verified.ok, events: verified.checkedEvents, seconds: Number(verifySeconds.toFixed(2)), eventsPerSecond: Math.round(verified.checkedEvents / verifySeconds) },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    await sql.end();
  });
}

runBench(main);
