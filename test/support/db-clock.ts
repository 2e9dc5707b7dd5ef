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

/** Backend process ids of the current database (take them before starting a client to watch). */
export async function backendPids(sql: Sql): Promise<Set<number>> {
  return new Set((await sql`select pid from pg_stat_activity where datname = current_database()`).map((r) => Number(r.pid)));
}

/**
 * Waits until no backend of the current database outside `known` (and not this query's own) is in
 * a statement or a transaction: after a client is killed, a COMMIT it had already sent has then
 * either landed or been rolled back.
 */
export async function untilOtherBackendsSettle(sql: Sql, known: ReadonlySet<number>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const busy = (
      await sql`select pid from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and state is not null and state <> 'idle'`
    ).filter((r) => !known.has(Number(r.pid)));
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`backends still busy after ${timeoutMs} ms: ${busy.map((r) => r.pid).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // poll interval
  }
}

/**
 * Waits until a backend of the current database (not this query's own) waits on a lock: an append
 * held behind a test's lock has then begun its statement, and stamped its `recordedAt`. A fixed
 * pause was too short on a loaded machine (the write had not reached the store yet).
 */
export async function untilABackendWaitsOnALock(sql: Sql, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const waiting = await sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
    if (waiting.length > 0) return;
    if (Date.now() > deadline) throw new Error(`no backend waited on a lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // poll interval
  }
}
