/**
 * Bearer API tokens: 256 random bits, shown once, stored only as SHA-256 (a fast hash is enough
 * for a random secret of this size; there is nothing to brute-force).
 */
import { createHash, randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import type { Role } from './roles';

export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
}

export interface IssuedToken extends Principal {
  /** The secret: printed once, never stored. */
  readonly token: string;
}

export interface TokenRecord extends Principal {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class ApiTokenRepository {
  constructor(private readonly sql: postgres.Sql) {}

  async issue(role: Role, name: string, createdBy: string): Promise<IssuedToken> {
    const tokenId = `tok_${randomBytes(6).toString('hex')}`;
    const token = `ccl_${randomBytes(32).toString('base64url')}`;
    await this.sql`insert into api_tokens (token_id, name, role, token_hash, created_by)
                   values (${tokenId}, ${name}, ${role}, ${hashToken(token)}, ${createdBy})`;
    return { tokenId, name, role, token };
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (!token.startsWith('ccl_') || token.length > 200) return null;
    const [row] = await this.sql`select token_id, name, role from api_tokens where token_hash = ${hashToken(token)} and revoked_at is null`;
    return row ? { tokenId: row.token_id as string, name: row.name as string, role: row.role as Role } : null;
  }

  async list(): Promise<TokenRecord[]> {
    const rows = await this.sql`select token_id, name, role, created_by,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
        to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as revoked_at
      from api_tokens order by created_at`;
    return rows.map((r) => ({
      tokenId: r.token_id as string,
      name: r.name as string,
      role: r.role as Role,
      createdBy: r.created_by as string,
      createdAt: r.created_at as string,
      revokedAt: (r.revoked_at as string | null) ?? null,
    }));
  }

  async revoke(tokenId: string): Promise<boolean> {
    const rows = await this.sql`update api_tokens set revoked_at = clock_timestamp() where token_id = ${tokenId} and revoked_at is null returning token_id`;
    return rows.length > 0;
  }
}
