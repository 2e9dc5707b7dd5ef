/**
 * A projector killed with SIGKILL in the middle of `projections rebuild` and run again ends with
 * tables identical to an uninterrupted rebuild, no row twice; meanwhile the live tables keep
 * answering. The CLI runs as a child process, as an operator would run it.
 */
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { inPostPromotionEligibility } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ALWAYS_FRESH, cadreCareersProjection, ProjectionRunner, readLedgerEvents, ReadModelQueries, TIMELINE_JSON } from '@ledger/projections';
import { expectProjectionsConsistent, waitUntilReadable } from '../../support/projections';
import { backendPids, untilOtherBackendsSettle } from '../../support/db-clock';
import { historyArb, historyWrites, mergedWrites } from '../../support/random-history';
import { nodeEntry, ROOT, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let db: TestDatabase;
let store: PostgresEventStore;
let total = 0;

async function dump(): Promise<unknown> {
  return {
    timelines: await db.sql`select cadre_id, ${db.sql.unsafe(TIMELINE_JSON)} as timeline, retractions, last_position, registered_event_id from proj_cadre_timelines order by cadre_id`,
    intervals: await db.sql`select cadre_id, seq, org_unit_id, role, from_date::text, to_date::text from proj_post_intervals order by cadre_id, seq`,
  };
}

beforeAll(async () => {
  db = await createTestDatabase('rebuild_kill');
  store = new PostgresEventStore(db.sql);
  for (const [i, plan] of fc.sample(historyArb, { numRuns: 20, seed: 2026 }).entries()) {
    const writes = mergedWrites(historyWrites(plan, `k${i}`));
    await store.appendToStreams(writes.map((w) => ({ streamId: w.streamId, expectedRevision: 'any' as const, events: w.events })));
    total += writes.reduce((n, w) => n + w.events.length, 0);
  }
  await waitUntilReadable(store, total);
});
afterAll(() => db?.drop());

it('a rebuild killed with SIGKILL and restarted ends with the tables of an uninterrupted run, no row twice', async () => {
  const env = { DATABASE_URL: db.url };
  const runner = new ProjectionRunner(db.sql, store);
  await runner.catchUpAll();
  // The uninterrupted run: the reference.
  expect(await runner.rebuild(cadreCareersProjection)).toEqual(expect.objectContaining({ eventsApplied: total, resumed: false }));
  const reference = await dump();

  // Killed mid-rebuild.
  const before = await backendPids(db.sql);
  const child = spawn(
    process.execPath,
    [...nodeEntry('apps/cli/src/main.ts'), 'projections', 'rebuild', 'cadre-careers', '--batch-size', '30', '--pause-ms', '30'],
    { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let applied = 0;
  for (const deadline = Date.now() + 60_000; applied < total / 3; ) {
    if (Date.now() > deadline) throw new Error('the rebuild did not progress');
    await new Promise((resolve) => setTimeout(resolve, 25));
    const [row] = await db.sql`select events_applied from projection_rebuilds where projection = 'cadre-careers'`;
    applied = Number(row?.events_applied ?? 0);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  // A COMMIT the killed client had already sent may still land on the server: read once it is settled.
  const appliedNow = async () => Number((await db.sql`select events_applied from projection_rebuilds where projection = 'cadre-careers'`)[0]?.events_applied);
  await untilOtherBackendsSettle(db.sql, before);
  const killedAt = await appliedNow();
  expect(killedAt).toBeGreaterThan(0);
  expect(killedAt).toBeLessThan(total);
  const [shadow] = await db.sql`select count(*)::int4 as n from proj_cadre_timelines__rebuild`;
  expect(shadow?.n).toBeGreaterThan(0);
  // Meanwhile the live tables are untouched and answer as before.
  expect(await dump()).toEqual(reference);
  const events = await readLedgerEvents(store);
  const asOf = '2015-06-30' as Parameters<typeof inPostPromotionEligibility>[1]['asOf'];
  expect(JSON.parse(JSON.stringify(await new ReadModelQueries(db.sql, store, ALWAYS_FRESH).eligibility({ asOf })))).toEqual(
    JSON.parse(JSON.stringify(inPostPromotionEligibility(events, { asOf }))),
  );

  // Restarted: resumes from the committed position and swaps in the same tables.
  const again = await runCli(['projections', 'rebuild', 'cadre-careers'], env);
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(again.stdout).toContain(`从断点续建（此前已处理 ${killedAt} 个事件）`);
  expect(again.stdout).not.toMatch(/[\r█░]/); // no progress bar when stdout is not a terminal
  expect(await dump()).toEqual(reference);
  const twice = await db.sql`
    select cadre_id from proj_cadre_timelines group by cadre_id having count(*) > 1
    union all select cadre_id from proj_post_intervals group by cadre_id, seq having count(*) > 1`;
  expect(twice).toEqual([]);
  expect(await db.sql`select 1 from projection_rebuilds`).toEqual([]);

  await expectProjectionsConsistent(db, { mode: 'catch-up' });
}, 300_000); // three full rebuilds of 20 histories; minutes on a loaded machine
