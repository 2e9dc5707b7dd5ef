/**
 * Instants by the database clock, which stamps `recordedAt` (millisecond precision): tests that
 * ask "as known before/after" must not compare it with the test process's own clock.
 */
import type { Sql } from '@ledger/database';

async function databaseMs(sql: Sql): Promise<number> {
  const [row] = await sql`select floor(extract(epoch from clock_timestamp()) * 1000)::int8 as ms`;
  return Number(row!.ms);
}

/**
 * An instant after every recording made so far and before any later one: the database's "now",
 * returned once its clock has moved past that millisecond (so no later recording can share it).
 */
export async function databaseInstantBetween(sql: Sql, timeoutMs = 5_000): Promise<string> {
  const now = await databaseMs(sql);
  for (const deadline = Date.now() + timeoutMs; (await databaseMs(sql)) <= now; ) {
    if (Date.now() > deadline) throw new Error('the database clock did not advance');
  }
  return new Date(now).toISOString();
}

/** The database's current instant (everything recorded so far is known at it). */
export async function databaseNow(sql: Sql): Promise<string> {
  return new Date(await databaseMs(sql)).toISOString();
}
