/**
 * Schema migrations with node-pg-migrate: plain SQL files in libs/database/migrations, versioned
 * in the repository, applied in order under the library's advisory lock (safe when several
 * processes start at once).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
/** node-pg-migrate's table of applied migrations (`migrationsTable` below), in its default schema. */
const MIGRATIONS_TABLE = 'schema_migrations';

export async function runMigrations(databaseUrl: string, log: (message: string) => void = () => undefined): Promise<string[]> {
  // node-pg-migrate is an ES module; Node 20.19+ loads it with require().
  const { runner } = require('node-pg-migrate') as typeof import('node-pg-migrate', { with: { 'resolution-mode': 'import' } });
  const run = () =>
    runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      log: () => undefined,
      verbose: false,
    });
  // node-pg-migrate refuses, rather than waits, while another process holds its lock (two CLI
  // commands starting together): wait for that run to finish, then find nothing left to do.
  let applied: Awaited<ReturnType<typeof run>> | undefined;
  for (let attempt = 1; applied === undefined; attempt++) {
    try {
      applied = await run();
    } catch (error) {
      const busy = error instanceof Error && /another migration is already running/i.test(error.message);
      if (!busy || attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  for (const migration of applied) log(`migration applied: ${migration.name}`);
  return applied.map((m) => m.name);
}

/**
 * The migrations' names in the order node-pg-migrate applies them: its file name without the
 * extension, by the numeric prefix (ours are timestamps, all distinct), dot files skipped.
 */
export function migrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map((entry) => entry.name.replace(/\.[^.]*$/, ''))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
}

/**
 * Whether the database has applied exactly this code's migrations, in this order: one query on a
 * connection the process opens anyway. Loading node-pg-migrate and its own `pg` connection, only to
 * find nothing to do, cost every CLI command ≈ 110 ms of CPU before its first line (AMD EPYC,
 * 2026-12-06). Anything else (a migration pending, one applied that this code does not know, another
 * order, no table yet) is left to `runMigrations`, which applies it or refuses as it always did.
 */
export async function migrationsUpToDate(sql: postgres.Sql | postgres.TransactionSql): Promise<boolean> {
  const [table] = await sql<{ present: boolean }[]>`select to_regclass(${`public.${MIGRATIONS_TABLE}`}) is not null as present`;
  if (!table?.present) return false;
  const applied = await sql<{ name: string }[]>`select name from ${sql(`public.${MIGRATIONS_TABLE}`)} order by run_on, id`;
  const expected = migrationNames();
  return applied.length === expected.length && applied.every((row, i) => row.name === expected[i]);
}

/** Brings the schema up to date, checking first on `sql` whether there is anything to do: the names of the migrations applied now. */
export async function migrateIfBehind(sql: postgres.Sql, databaseUrl: string, log: (message: string) => void = () => undefined): Promise<string[]> {
  return (await migrationsUpToDate(sql)) ? [] : runMigrations(databaseUrl, log);
}
