/**
 * A stress run of the import beside clerks writing through the API (`npm run soak:import-beside-clerks
 * -- --townships 20 --clerks 4 --pause-ms 100`: each clerk pauses that long between writes): a generated county is imported while clerks record trainings of
 * cadres the import has already stored, so chunks conflict with them (streams they write, and talk
 * partners they only read) and are decided again. Then the same file is imported alone into a
 * second database, and the run fails unless both imports reached the same outcome for every line,
 * the first store holds exactly those events plus the clerks' acknowledged writes, and its hash
 * chains verify.
 */
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CareerCommandService, importNdjson, type ImportResult } from '@ledger/application';
import { connect } from '@ledger/database';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { train } from '@ledger/domain/testing/commands';
import { verifyStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { generateCounty } from '@ledger/generator';
import { interfered } from '../support/store-interference';
import { migratedDatabase, onFreshServer, runBench } from './harness';

const today = () => '2025-12-31' as CalendarDate;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { townships: { type: 'string', default: '20' }, clerks: { type: 'string', default: '4' }, 'pause-ms': { type: 'string', default: '100' }, chunk: { type: 'string', default: '1000' } } });
  const commands = [...generateCounty({ townships: Number(values.townships), years: 20, seed: 7 })] as CareerCommand[];
  const lines = commands.map((c) => `${JSON.stringify(c)}\n`);
  const registrations = commands.flatMap((c, i) => (c.type === 'CadreRegistered' && c.cadreId ? [{ line: i + 1, cadreId: c.cadreId }] : []));
  await onFreshServer('ledger-clerks', async (server) => {
    const open = async (name: string) => {
      const sql = connect(await migratedDatabase(server.adminUrl, name), 8);
      return { sql, store: new PostgresEventStore(sql) };
    };
    const beside = await open('beside_clerks');
    const api = new CareerCommandService(beside.store, today);
    let progress = 0;
    let importing = true;
    let clerkWrites = 0;
    let clerkRefusals = 0;
    const clerk = async (n: number): Promise<void> => {
      for (let k = 0; importing; k++) {
        // A cadre whose registration is two chunks behind the import: stored already.
        const stored = registrations.filter((r) => r.line < progress - 2 * Number(values.chunk));
        const target = stored[(k * 7919 + n * 104729) % Math.max(stored.length, 1)];
        if (!target) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        try {
          await api.execute(train(target.cadreId, '2025-06-01', { id: `clerk-${n}-${k}` }), { actor: `CLERK:api-${n}` });
          clerkWrites++;
        } catch {
          clerkRefusals++; // e.g. the cadre retired or died by then: refused as the API refuses it
        }
        await new Promise((resolve) => setTimeout(resolve, Number(values['pause-ms'])));
      }
    };
    const counted = interfered(beside.store, {});
    const started = Date.now();
    const clerks = Array.from({ length: Number(values.clerks) }, (_, n) => clerk(n));
    let withClerks: ImportResult;
    try {
      withClerks = await importNdjson(Readable.from(lines), counted, today, { actor: 'CLERK:import', chunkSize: Number(values.chunk), onProgress: (p) => (progress = p.lines) });
    } finally {
      importing = false;
      await Promise.all(clerks);
    }
    const seconds = (Date.now() - started) / 1000;

    const alone = await open('alone');
    const aloneStarted = Date.now();
    const reference = await importNdjson(Readable.from(lines), alone.store, today, { actor: 'CLERK:import', chunkSize: Number(values.chunk) });
    const aloneSeconds = (Date.now() - aloneStarted) / 1000;

    const outcome = (r: ImportResult) => ({ accepted: r.accepted, appended: r.appended, rejectedCount: r.rejectedCount, rejected: r.rejected.map((x) => `${x.line}:${x.code}`).join(',') });
    const problems: string[] = [];
    if (JSON.stringify(outcome(withClerks)) !== JSON.stringify(outcome(reference))) problems.push(`outcomes differ: ${JSON.stringify(outcome(withClerks))} against ${JSON.stringify(outcome(reference))}`);
    const [{ n: besideEvents }] = await beside.sql<{ n: number }[]>`select count(*)::int4 as n from events`;
    const [{ n: aloneEvents }] = await alone.sql<{ n: number }[]>`select count(*)::int4 as n from events`;
    if (besideEvents !== aloneEvents + clerkWrites) problems.push(`events: ${besideEvents} stored beside the clerks, ${aloneEvents} alone + ${clerkWrites} clerk writes`);
    const ids = commands.map((c) => c.id);
    const notStored = (sql: typeof beside.sql) => sql<{ id: string }[]>`select a.id from unnest(${ids}::text[]) as a(id) where not exists (select 1 from events e where e.event_id = a.id)`;
    const missing = await notStored(beside.sql);
    const missingAlone = await notStored(alone.sql);
    const absent = (rows: { id: string }[]) => rows.map((r) => r.id).sort().join(',');
    if (absent(missing) !== absent(missingAlone)) problems.push(`lines not stored differ: ${missing.length} beside the clerks, ${missingAlone.length} alone`);
    const verified = await verifyStore(beside.store);
    if (!verified.ok) problems.push(`hash chains: ${JSON.stringify(verified).slice(0, 300)}`);
    const chunks = Math.ceil(lines.length / Number(values.chunk));
    process.stdout.write(
      `${JSON.stringify({ lines: lines.length, chunks, importAppends: counted.calls, clerkWrites, clerkRefusals, seconds, aloneSeconds, accepted: withClerks.accepted, rejected: withClerks.rejectedCount, events: besideEvents, chainsVerified: verified.ok, problems })}\n`,
    );
    await beside.sql.end({ timeout: 5 });
    await alone.sql.end({ timeout: 5 });
    if (problems.length > 0) process.exitCode = 1;
  });
}
runBench(main);
