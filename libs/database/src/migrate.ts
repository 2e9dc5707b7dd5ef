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
 * A database that has applied migrations this code does not know: a newer release migrated it.
 * This release refuses to work on it rather than write by older rules into a newer schema (a column
 * it would leave empty, a stored function it would call with the old arguments); the department
 * runs the newer release, or restores the database from before the upgrade. node-pg-migrate alone
 * would let it through: it compares only the names both sides have.
 */
export class SchemaNewerThanCodeError extends Error {
  readonly code = 'SCHEMA_NEWER_THAN_CODE';
  readonly messageZh: string;
  constructor(readonly unknownMigrations: readonly string[]) {
    super(`the database has applied ${unknownMigrations.length} migration(s) this release does not know (from a newer release): ${unknownMigrations.join(', ')}; run that release, or one newer`);
    this.name = 'SchemaNewerThanCodeError';
    this.messageZh = `数据库已由更新的版本迁移，本版本不认识其中 ${unknownMigrations.length} 个迁移：${unknownMigrations.join('、')}。为免按旧规则写入新结构，本版本不予运行；请使用迁移它的版本或更新的版本`;
  }
}

/** The names of the migrations the database has applied, in the order applied; undefined before its first migration. */
async function appliedMigrations(sql: postgres.Sql | postgres.TransactionSql): Promise<string[] | undefined> {
  const [table] = await sql<{ present: boolean }[]>`select to_regclass(${`public.${MIGRATIONS_TABLE}`}) is not null as present`;
  if (!table?.present) return undefined;
  return (await sql<{ name: string }[]>`select name from ${sql(`public.${MIGRATIONS_TABLE}`)} order by run_on, id`).map((row) => row.name);
}

const sameMigrations = (applied: readonly string[] | undefined, expected: readonly string[]): boolean =>
  applied !== undefined && applied.length === expected.length && applied.every((name, i) => name === expected[i]);

/**
 * Whether the database has applied exactly this code's migrations, in this order: one query on a
 * connection the process opens anyway. Loading node-pg-migrate and its own `pg` connection, only to
 * find nothing to do, cost every CLI command ≈ 110 ms of CPU before its first line (AMD EPYC,
 * 2026-12-06). Anything else (a migration pending, one applied that this code does not know, another
 * order, no table yet) is not up to date.
 */
export async function migrationsUpToDate(sql: postgres.Sql | postgres.TransactionSql): Promise<boolean> {
  return sameMigrations(await appliedMigrations(sql), migrationNames());
}

/**
 * Brings the schema up to date, checking first on `sql` whether there is anything to do: the names
 * of the migrations applied now. A database a newer release migrated is refused
 * (`SchemaNewerThanCodeError`); one behind, or recorded out of order, goes to node-pg-migrate, which
 * applies what is pending or refuses the order.
 */
export async function migrateIfBehind(
  sql: postgres.Sql | postgres.TransactionSql,
  databaseUrl: string,
  log: (message: string) => void = () => undefined,
  /** Bounds the first query, on a pool not yet known to reach its server (openLedgerDatabase's firstContact). */
  firstQuery: <T>(query: Promise<T>) => Promise<T> = (query) => query,
): Promise<string[]> {
  const expected = migrationNames();
  const applied = await firstQuery(appliedMigrations(sql));
  if (sameMigrations(applied, expected)) return [];
  const known = new Set(expected);
  const unknown = (applied ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new SchemaNewerThanCodeError(unknown);
  return runMigrations(databaseUrl, log);
}
