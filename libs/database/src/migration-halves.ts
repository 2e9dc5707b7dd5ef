import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from './migrate';

/**
 * A plain SQL migration's two halves, for tests that run them as node-pg-migrate does. (node-pg-migrate
 * is an ES module, which jest's CommonJS runtime cannot load; the test template is migrated in full
 * by the global setup, so a test reaches an older layout by running Down halves, newest first.)
 */
export function migrationHalves(migration: string): { up: string; down: string } {
  const text = readFileSync(join(MIGRATIONS_DIR, `${migration}.sql`), 'utf8');
  const [up, down] = text.split('-- Down Migration');
  if (up === undefined || down === undefined) throw new Error(`${migration}.sql has no "-- Down Migration" line`);
  return { up, down };
}
