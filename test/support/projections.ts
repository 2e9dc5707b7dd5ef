/**
 * The read side's consistency check, for every end-to-end scenario to end with:
 * `await expectProjectionsConsistent(db)` waits until each projection has caught up with the store
 * (the API's live runner does the work), then recomputes every read model by a pure in-memory fold
 * of the events and expects the tables, and the answers given from them, to be identical.
 */
import type { Sql } from '@ledger/database';
import { START_POSITION, type EventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { LEDGER_PROJECTIONS, ProjectionRunner, verifyProjections, type ProjectionStatus, type VerifyProjectionsOptions, type VerifyProjectionsResult } from '@ledger/projections';

export interface ConsistencyOptions {
  /**
   * 'wait' (default): a runner elsewhere (the API) must bring the projections up to date within `timeoutMs`.
   * 'catch-up': this helper applies the pending events itself (suites without a live runner).
   */
  readonly mode?: 'wait' | 'catch-up';
  readonly timeoutMs?: number;
  /** How many dates and cadres the answer comparison samples (rows are always compared in full). */
  readonly verify?: Pick<VerifyProjectionsOptions, 'maxEligibilityDates' | 'maxTenureCadres'>;
}

/** Resolves when every projection's checkpoint has reached the store's last event (and its version is current). */
export async function waitForProjections(db: { sql: Sql }, timeoutMs = 15_000): Promise<ProjectionStatus[]> {
  const runner = new ProjectionRunner(db.sql, new PostgresEventStore(db.sql));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await runner.status();
    // Never run (null) is fine with nothing to apply: the tables are then empty.
    if (status.every((s) => s.lagEvents === 0 && (s.storedVersion === s.version || s.storedVersion === null))) return status;
    if (Date.now() > deadline) {
      throw new Error(`projections did not catch up within ${timeoutMs} ms: ${JSON.stringify(status.map((s) => ({ name: s.name, lag: s.lagEvents, version: s.storedVersion, live: s.live })))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function expectProjectionsConsistent(db: { sql: Sql }, options: ConsistencyOptions = {}): Promise<VerifyProjectionsResult> {
  const store = new PostgresEventStore(db.sql);
  if (options.mode === 'catch-up') await new ProjectionRunner(db.sql, store).catchUpAll();
  else await waitForProjections(db, options.timeoutMs);
  const result = await verifyProjections(db.sql, store, { maxEligibilityDates: 25, maxTenureCadres: 40, ...options.verify });
  expect(result.differences).toEqual([]);
  expect(result.answers.differences).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

/**
 * Waits until the store-wide order delivers `count` events. readAll reads only below the oldest
 * running transaction of the whole server, so another suite's open transaction can hide events
 * that are already committed here for a moment.
 */
export async function waitUntilReadable(store: EventStore, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let seen = 0;
    let after = START_POSITION;
    for (;;) {
      const batch = await store.readAll({ after, batchSize: 5000 });
      if (batch.events.length === 0) break;
      seen += batch.events.length;
      after = batch.lastPosition;
    }
    if (seen >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${seen} of ${count} events readable after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every row of every projection table, as sorted JSON texts per table: two ways of building the read side compared whole. */
export async function dumpProjectionTables(sql: Sql): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const p of LEDGER_PROJECTIONS) {
    for (const t of p.tables) {
      const rows = await sql`select to_jsonb(x) as row from ${sql(t)} x`;
      out[t] = rows.map((r) => JSON.stringify(r.row)).sort();
    }
  }
  return out;
}
