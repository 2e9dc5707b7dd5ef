/**
 * Schema migrations with node-pg-migrate: plain SQL files in libs/database/migrations, versioned
 * in the repository, applied in order under the library's advisory lock (safe when several
 * processes start at once).
 */
import { join } from 'node:path';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

export async function runMigrations(databaseUrl: string, log: (message: string) => void = () => undefined): Promise<string[]> {
  // node-pg-migrate is an ES module; Node 20.19+ loads it with require().
  const { runner } = require('node-pg-migrate') as typeof import('node-pg-migrate', { with: { 'resolution-mode': 'import' } });
  const run = () =>
    runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'schema_migrations',
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
