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

export function connect(url: string, max = 10, options: { readonly session?: boolean; readonly connectTimeoutMs?: number } = {}): Sql {
  return postgres(url, {
    max,
    // postgres.js's own bound on one connection attempt (30 s by default); in seconds.
    ...(options.connectTimeoutMs !== undefined ? { connect_timeout: options.connectTimeoutMs / 1000 } : {}),
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

/** `host:port` of a PostgreSQL URL, never its user or password (`host1:5432,host2:5433` for several hosts). */
export function databaseAddress(url: string): string {
  const authority = (/^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '').replace(/^.*@/, '');
  const hosts = authority.split(',').filter(Boolean);
  if (hosts.length === 0) return 'localhost:5432';
  return hosts.map((h) => (/:\d+$/.test(h) ? h : `${h}:5432`)).join(',');
}

/**
 * The database did not answer the process's first query within DATABASE_CONNECT_TIMEOUT_MS: a host
 * that drops packets, or a server that accepts the connection and never answers, or closes it at
 * once. postgres.js alone does not bound this: its connect_timeout restarts with each attempt, and a
 * connection the server closes before answering is retried at once, for ever, while a query waits
 * for it (found by an operations review: the API, the CLI and the projector hung at start).
 */
export class DatabaseUnreachableError extends Error {
  readonly code = 'DATABASE_UNREACHABLE';
  readonly messageZh: string;
  constructor(
    readonly address: string,
    readonly timeoutMs: number,
    /** Where the address comes from: DATABASE_URL, or the embedded server. */
    embedded: boolean,
  ) {
    const seconds = Number((timeoutMs / 1000).toFixed(1));
    super(
      embedded
        ? `the embedded PostgreSQL at ${address} did not answer within ${seconds} s`
        : `the database at ${address} (DATABASE_URL) did not answer within ${seconds} s (DATABASE_CONNECT_TIMEOUT_MS)`,
    );
    this.name = 'DatabaseUnreachableError';
    this.messageZh = embedded
      ? `内置数据库（${address}）在 ${seconds} 秒内没有应答`
      : `无法连接数据库 ${address}（DATABASE_URL）：${seconds} 秒内没有应答。请确认数据库已启动，主机、端口填写无误且网络可达（等待时长由 DATABASE_CONNECT_TIMEOUT_MS 设置）`;
  }
}

/** The process was asked to stop (SIGTERM, Ctrl+C) while it was still opening the ledger. */
export class OpeningStoppedError extends Error {
  readonly code = 'OPENING_STOPPED';
  readonly messageZh = '启动尚未完成即被要求停止';
  constructor() {
    super('asked to stop while opening the ledger');
    this.name = 'OpeningStoppedError';
  }
}

/**
 * `first`, the first query on a new pool, or DatabaseUnreachableError once `timeoutMs` have passed
 * without its answer, or OpeningStoppedError as soon as `signal` aborts: the pool is then ended at
 * once (its queued query rejected, its sockets closed), and `first`'s own rejection left unheard.
 */
export async function firstContact<T>(sql: Sql, first: Promise<T>, unreachable: () => Error, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const given = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable()), timeoutMs);
    onAbort = () => reject(new OpeningStoppedError());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([first, given]);
  } catch (error) {
    if (error instanceof DatabaseUnreachableError || error instanceof OpeningStoppedError) {
      first.catch(() => undefined);
      await sql.end({ timeout: 0 });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export interface OpenOptions {
  readonly log?: (message: string) => void;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  readonly poolSize?: number;
  readonly durability?: 'full' | 'test';
  /** Aborted when the process is asked to stop while opening: the opening then ends with OpeningStoppedError, having closed what it opened. */
  readonly signal?: AbortSignal;
}

export async function openLedgerDatabase(config: LedgerConfig, options: OpenOptions = {}): Promise<LedgerDatabase> {
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedServer | undefined;
  let url: string;
  if (config.DATABASE_URL) {
    url = config.DATABASE_URL;
  } else {
    embedded = await ensureEmbeddedServer({ dataDir: config.dataDir, log, durability: options.durability ?? 'full' });
    try {
      if (options.signal?.aborted) throw new OpeningStoppedError();
      await createDatabaseIfMissing(embedded.adminUrl, config.LEDGER_DATABASE);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    url = withDatabase(embedded.adminUrl, config.LEDGER_DATABASE);
  }
  const timeoutMs = config.DATABASE_CONNECT_TIMEOUT_MS;
  const sql = connect(url, options.poolSize ?? 10, { connectTimeoutMs: timeoutMs });
  // The first query (the schema's migrations, read anyway) is the one bounded: a migration run may take longer.
  const reach = <T>(first: Promise<T>) => firstContact(sql, first, () => new DatabaseUnreachableError(databaseAddress(url), timeoutMs, embedded !== undefined), timeoutMs, options.signal);
  try {
    if (options.migrate ?? true) await migrateIfBehind(sql, url, log, reach);
    if (options.signal?.aborted) throw new OpeningStoppedError();
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
