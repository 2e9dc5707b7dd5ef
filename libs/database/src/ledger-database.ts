/**
 * Opens the ledger's database: the server from DATABASE_URL, or the embedded one in
 * LEDGER_DATA_DIR; creates the ledger database if missing and brings its schema up to date.
 */
import postgres from 'postgres';
import type { LedgerConfig } from '@ledger/config';
import { ensureEmbeddedServer, type EmbeddedServer } from './embedded-server';
import { migrateIfBehind } from './migrate';

export type Sql = postgres.Sql;

export interface LedgerDatabase {
  readonly url: string;
  readonly sql: Sql;
  /** The embedded server, when this process uses one. */
  readonly embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function connect(url: string, max = 10, options: { readonly session?: boolean } = {}): Sql {
  return postgres(url, {
    max,
    // A session that holds something (an advisory lock) is never closed by the client on its own:
    // postgres.js ends a connection at its max_lifetime (30–60 min) by default, which released a
    // projector leader's lock on a timer (found by a review).
    ...(options.session ? { max_lifetime: 0, idle_timeout: 0 } : {}),
    onnotice: () => undefined,
    connection: { application_name: 'cadre-ledger' },
    // int8 as JS numbers: positions and revisions stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
    },
  });
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const [found] = await admin`select 1 as found from pg_database where datname = ${database}`;
    if (!found) {
      await admin.unsafe(`create database "${database}"`).catch((error: { code?: string; constraint_name?: string }) => {
        // Created meanwhile by another process: 42P04 once it is there, 23505 on pg_database's
        // unique name when both create at once (found by a review: two processes opening a new
        // data directory together, one died on it).
        const raced = error.code === '42P04' || (error.code === '23505' && error.constraint_name === 'pg_database_datname_index');
        if (!raced) throw error;
      });
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export interface OpenOptions {
  readonly log?: (message: string) => void;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  readonly poolSize?: number;
  readonly durability?: 'full' | 'test';
}

export async function openLedgerDatabase(config: LedgerConfig, options: OpenOptions = {}): Promise<LedgerDatabase> {
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedServer | undefined;
  let url: string;
  if (config.DATABASE_URL) {
    url = config.DATABASE_URL;
  } else {
    embedded = await ensureEmbeddedServer({ dataDir: config.dataDir, log, durability: options.durability ?? 'full' });
    await createDatabaseIfMissing(embedded.adminUrl, config.LEDGER_DATABASE);
    url = withDatabase(embedded.adminUrl, config.LEDGER_DATABASE);
  }
  const sql = connect(url, options.poolSize ?? 10);
  try {
    if (options.migrate ?? true) await migrateIfBehind(sql, url, log);
  } catch (error) {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    sql,
    embedded,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
