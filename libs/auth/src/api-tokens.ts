/**
 * Bearer API tokens: 256 random bits, shown once, stored only as SHA-256 (a fast hash is enough
 * for a random secret of this size; there is nothing to brute-force). Every token expires; the
 * last use is recorded at most once a minute per token, so a busy client costs one small UPDATE
 * a minute rather than one per request. A repository with `cacheTtlMs` (the API) reuses a
 * successful authentication for that long, bounded by the token's own expiry: a revocation made
 * elsewhere (the CLI) takes effect within it, one made through this repository at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import { DEFAULT_TOKEN_TTL, parseDuration } from '@ledger/config';
import type { Role } from './roles';

export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
}

export interface IssuedToken extends Principal {
  /** The secret: printed once, never stored. */
  readonly token: string;
  readonly expiresAt: string;
}

export interface TokenRecord extends Principal {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly expired: boolean;
}

/** Why a bearer token was refused: stable codes with Chinese titles for the 401 body. */
export const TOKEN_REFUSALS = {
  UNAUTHENTICATED: { titleZh: '未提供有效的访问令牌' },
  TOKEN_EXPIRED: { titleZh: '访问令牌已过期，请申请新令牌' },
} as const;

export type Authentication =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly code: keyof typeof TOKEN_REFUSALS; readonly expiredAt?: string };

/** How stale last_used_at may get before a request writes it again. */
const LAST_USE_RESOLUTION = '1 minute';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface ApiTokenRepositoryOptions {
  /** Reuse a successful authentication this long (ms) without asking the database; 0 or absent: never. */
  readonly cacheTtlMs?: number;
  /** The most tokens remembered at once (default 10,000). */
  readonly cacheMax?: number;
}

export class ApiTokenRepository {
  /** Token hash → principal; only tokens that authenticated, so unknown ones cannot crowd it. */
  private readonly cache: LRUCache<string, Principal> | undefined;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly options: ApiTokenRepositoryOptions = {},
  ) {
    const ttl = options.cacheTtlMs ?? 0;
    this.cache = ttl > 0 ? new LRUCache<string, Principal>({ max: options.cacheMax ?? 10_000, ttl }) : undefined;
  }

  /** Issues a token valid for `ttlMs` milliseconds (default TOKEN_DEFAULT_TTL's own default). */
  async issue(role: Role, name: string, createdBy: string, ttlMs: number = parseDuration(DEFAULT_TOKEN_TTL)): Promise<IssuedToken> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`token lifetime must be a positive whole number of ms, got ${ttlMs}`);
    const tokenId = `tok_${randomBytes(6).toString('hex')}`;
    const token = `ccl_${randomBytes(32).toString('base64url')}`;
    const [row] = await this.sql`insert into api_tokens (token_id, name, role, token_hash, created_by, expires_at)
                   values (${tokenId}, ${name}, ${role}, ${hashToken(token)}, ${createdBy}, clock_timestamp() + ${ttlMs}::float8 * interval '1 millisecond')
                   returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at`;
    return { tokenId, name, role, token, expiresAt: row!.expires_at as string };
  }

  async authenticate(token: string): Promise<Authentication> {
    const unknown = { ok: false, code: 'UNAUTHENTICATED' } as const;
    if (!token.startsWith('ccl_') || token.length > 200) return unknown;
    const hash = hashToken(token);
    const cached = this.cache?.get(hash);
    if (cached) return { ok: true, principal: cached };
    const [row] = await this.sql`select token_id, name, role, expires_at <= clock_timestamp() as expired,
        to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at,
        extract(epoch from expires_at - clock_timestamp())::float8 * 1000 as remaining_ms,
        last_used_at is null or last_used_at < clock_timestamp() - ${LAST_USE_RESOLUTION}::interval as stale_use
      from api_tokens where token_hash = ${hash} and revoked_at is null`;
    if (!row) return unknown;
    if (row.expired) return { ok: false, code: 'TOKEN_EXPIRED', expiredAt: row.expires_at as string };
    if (row.stale_use) {
      // The guard in the WHERE keeps concurrent requests (and other API processes) to one write.
      await this.sql`update api_tokens set last_used_at = clock_timestamp()
        where token_id = ${row.token_id as string}
          and (last_used_at is null or last_used_at < clock_timestamp() - ${LAST_USE_RESOLUTION}::interval)`;
    }
    const principal: Principal = { tokenId: row.token_id as string, name: row.name as string, role: row.role as Role };
    // Never past the token's own expiry.
    if (this.cache) this.cache.set(hash, principal, { ttl: Math.max(1, Math.min(this.options.cacheTtlMs!, Math.floor(Number(row.remaining_ms)))) });
    return { ok: true, principal };
  }

  async list(): Promise<TokenRecord[]> {
    const rows = await this.sql`select token_id, name, role, created_by,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
        to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as revoked_at,
        to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at,
        to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_used_at,
        expires_at <= clock_timestamp() as expired
      from api_tokens order by created_at`;
    return rows.map((r) => ({
      tokenId: r.token_id as string,
      name: r.name as string,
      role: r.role as Role,
      createdBy: r.created_by as string,
      createdAt: r.created_at as string,
      revokedAt: (r.revoked_at as string | null) ?? null,
      expiresAt: r.expires_at as string,
      lastUsedAt: (r.last_used_at as string | null) ?? null,
      expired: r.expired as boolean,
    }));
  }

  async revoke(tokenId: string): Promise<boolean> {
    const rows = await this.sql`update api_tokens set revoked_at = clock_timestamp() where token_id = ${tokenId} and revoked_at is null returning token_id`;
    this.cache?.clear(); // revoked here: at once, not within the TTL
    return rows.length > 0;
  }
}

/**
 * Every API token of one ledger database copied into another (`migrate-store` between two
 * PostgreSQL databases: a move, a backup, the recovery of a restored dump), as stored: only their
 * hashes, with their names, roles, expiries and revocations. A token the target holds already
 * keeps its row, but a revocation made since is carried over; a revoked token is never made valid
 * again (found by a backup review: the copy's tokens were all unknown, every user needed a new one).
 */
export async function copyApiTokens(from: postgres.Sql, to: postgres.Sql): Promise<{ readonly copied: number; readonly revoked: number }> {
  const [source] = await from`select coalesce(json_agg(t order by t.created_at), '[]')::text as rows
    from (select token_id, name, role, token_hash, created_at, created_by, revoked_at, expires_at, last_used_at from api_tokens) t`;
  const written = await to`
    insert into api_tokens (token_id, name, role, token_hash, created_at, created_by, revoked_at, expires_at, last_used_at)
    select token_id, name, role, token_hash, created_at, created_by, revoked_at, expires_at, last_used_at
      from json_to_recordset(${source!.rows as string}::text::json) as t(token_id text, name text, role text, token_hash text, created_at timestamptz,
        created_by text, revoked_at timestamptz, expires_at timestamptz, last_used_at timestamptz)
    on conflict (token_id) do update set revoked_at = excluded.revoked_at
      where api_tokens.revoked_at is null and excluded.revoked_at is not null and api_tokens.token_hash = excluded.token_hash
    returning (xmax = 0) as inserted`;
  const copied = written.filter((r) => r.inserted === true).length;
  return { copied, revoked: written.length - copied };
}

