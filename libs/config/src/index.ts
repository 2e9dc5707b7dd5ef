/**
 * Configuration from the environment, validated by zod once at start-up. A bad value stops the
 * process with the variable's name, never a surprise later.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TOKEN_TTL, durationSchema } from './duration';

export * from './duration';

const optionalUrl = (prefixes: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || prefixes.some((p) => v.startsWith(p)), {
      message: `must start with ${prefixes.join(' or ')}`,
    });

/** The HTTP servers Nest can run the API on (HTTP_ADAPTER). */
/** Where `npm run demo` keeps its sample county: LEDGER_DEMO_DIR, else `.ledger-demo/` (never the real `.ledger-data/`). */
export function demoDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LEDGER_DEMO_DIR || '.ledger-demo';
}

/** Written into the demo's folder once its county is wholly imported. */
export const DEMO_LOADED_MARKER = 'demo-county-loaded';

export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapter = (typeof HTTP_ADAPTERS)[number];
export const DEFAULT_HTTP_ADAPTER: HttpAdapter = 'fastify';

/**
 * A whole number read from the environment, in [min, max]: set but empty (`PORT=`) is refused, not
 * read as 0, which z.coerce.number makes of '' (found by an operations review: PORT= listened on a
 * random port, READ_YOUR_WRITES_TIMEOUT_MS= and PROJECTION_REBUILD_BACKLOG= turned their features
 * off unsaid). Any other refusal (no number, a fraction, out of range) names the allowed range:
 * zod's own words named one bound at most, and for `abc` none ("expected number, received NaN").
 */
export function numberSetting(min: number, max?: number) {
  const message = max === undefined ? `must be a whole number, at least ${min}` : `must be a whole number from ${min} to ${max}`;
  const number = z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message });
  // The coerced number takes any input; here it gets the trimmed string.
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .pipe((max === undefined ? number : number.max(max, { error: message })) as unknown as z.ZodType<number, string>);
}

export const configSchema = z.object({
  /** Any PostgreSQL; without it an embedded server runs in LEDGER_DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  LEDGER_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.ledger-data'),
  /**
   * How long a process waits, at start, for the database to answer its first query before it gives
   * up naming the host and port (ms); also postgres.js's connect_timeout for every later connection.
   * A host that drops packets, or a server that accepts and never answers or closes at once, held
   * the API, the CLI and the projector at start for ever (found by an operations review).
   */
  DATABASE_CONNECT_TIMEOUT_MS: numberSetting(500, 300_000).default(10_000),
  /** EventStoreDB/KurrentDB for events (read models stay in PostgreSQL). */
  EVENTSTORE_URL: optionalUrl(['esdb://', 'esdb+discover://', 'kurrentdb://', 'kdb://']),
  PORT: numberSetting(0, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Name of the database the ledger uses on the server. */
  LEDGER_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case identifier')
    .default('ledger'),
  /** An import line longer than this (bytes, newline excluded) is rejected without being held whole. */
  IMPORT_MAX_LINE_BYTES: numberSetting(1024, 64 * 1024 * 1024).default(64 * 1024),
  /**
   * The most lines an HTTP dry run (`POST /v1/import?dryRun=true`) checks: storing nothing, it keeps
   * every state it changed until its end (≈ 2 KB a line), so one large file could exhaust the API
   * shared by every user (found by a security review: 300,000 lines from a clerk, +700 MB). The
   * CLI's `import --dry-run` runs in the operator's own process and has no such limit.
   */
  IMPORT_DRY_RUN_MAX_LINES: numberSetting(1000, 10_000_000).default(100_000),
  /** The largest JSON request body the API reads (bytes); a larger one is a 413. Imports stream and are bounded per line. */
  HTTP_BODY_LIMIT_BYTES: numberSetting(1024, 256 * 1024 * 1024).default(1024 * 1024),
  /**
   * How long a request may take to arrive whole (ms; 0: no limit, the default, as Fastify's). An
   * import streams its body as fast as it imports it, so a province-sized file takes minutes; Node's
   * own default (300 s, under Express) cut such an import off mid-file (found 2026-12-02).
   */
  HTTP_REQUEST_TIMEOUT_MS: numberSetting(0, 24 * 3600 * 1000).default(0),
  /**
   * The HTTP server under Nest: Fastify (the default since 2026-12-04) or Express. Both pass the
   * same end-to-end tests; Fastify served 1.04 – 1.51× Express's appends in every interleaved pair
   * (`npm run bench:http-adapters`, docs/SCALE.md), and docs/BENCHMARKS.md measures both each run.
   */
  HTTP_ADAPTER: z.enum(HTTP_ADAPTERS).default(DEFAULT_HTTP_ADAPTER),
  PROJECTION_POLL_INTERVAL_MS: numberSetting(5, 60_000).default(100),
  /** A projection catching up at least this many events behind rebuilds in one pass instead (0: never). */
  PROJECTION_REBUILD_BACKLOG: numberSetting(0).default(50_000),
  /**
   * Read your writes: how long a read-model answer waits for its projections to pass every write
   * acknowledged before it was asked; past it the answer says how far behind it is (`behind`).
   */
  READ_YOUR_WRITES_TIMEOUT_MS: numberSetting(0, 60_000).default(2000),
  /** false when separate projector processes (`npm run projector`) keep the read models. */
  PROJECTIONS_IN_API: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Lifetime of a new API token (`90d`, `12h`, `30m`), in milliseconds once parsed. */
  TOKEN_DEFAULT_TTL: durationSchema.prefault(DEFAULT_TOKEN_TTL),
  /**
   * How long the API reuses a token it has authenticated without asking the database (ms; 0: it
   * asks every time). A revocation or an expiry-date change made by another process (the CLI)
   * takes effect within it; at most a minute, so revocation stays prompt.
   */
  TOKEN_CACHE_TTL_MS: numberSetting(0, 60_000).default(5_000),
});

export type LedgerConfig = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    message: string,
    /** The same, said in Chinese (the CLI prints it first). */
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** The schema's own messages in Chinese; zod's built-in ones come from its zh-CN locale. */
const MESSAGES_ZH: Record<string, string> = {
  'must start with postgres:// or postgresql://': '须以 postgres:// 或 postgresql:// 开头',
  'must start with esdb:// or esdb+discover:// or kurrentdb:// or kdb://': '须以 esdb://、esdb+discover://、kurrentdb:// 或 kdb:// 开头',
  'must not be empty': '不能为空',
  'lower-case identifier': '须为小写标识符（小写字母、数字、下划线，不以数字开头，至多 63 个字符）',
};

function messageZh(message: string, more?: (message: string) => string | undefined): string {
  const range = /^must be a whole number from (-?\d+) to (-?\d+)$/.exec(message);
  if (range) return `须为 ${range[1]} 到 ${range[2]} 之间的整数`;
  const least = /^must be a whole number, at least (-?\d+)$/.exec(message);
  if (least) return `须为不小于 ${least[1]} 的整数`;
  return MESSAGES_ZH[message] ?? more?.(message) ?? message;
}

/**
 * Settings read from `env` by `schema`; a bad one is refused with a ConfigError naming each setting
 * and why, in English and Chinese (`messagesZh`: Chinese for the schema's own messages beyond
 * these). For the ledger's settings (loadConfig) and a process's own (the projector's).
 */
export function parseSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, messagesZh?: (message: string) => string | undefined): z.output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  // Found by a review: a blank LEDGER_DATA_DIR or a mistyped DATABASE_URL was refused in English only.
  const zh = schema.safeParse(env, { error: z.locales.zhCN().localeError }).error?.issues ?? parsed.error.issues;
  const linesZh = zh.map((i) => `  ${i.path.join('.')}：${messageZh(i.message, messagesZh)}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`, `配置无效：\n${linesZh.join('\n')}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const data = parseSettings(configSchema, env);
  return { ...data, dataDir: resolve(data.LEDGER_DATA_DIR) };
}
