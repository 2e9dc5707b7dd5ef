/**
 * The demo's two tokens are reused across starts instead of piling up: their secrets are kept in
 * the demo data directory (`demo-tokens.json`, mode 0600, like the database credentials beside
 * it). A kept token that no longer authenticates (expired, revoked, or from a deleted database)
 * is replaced, and every other token the demo ever issued is revoked, so at most two demo tokens
 * are valid at any time.
 */
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type postgres from 'postgres';
import { ApiTokenRepository, type Role } from '@ledger/auth';

export const DEMO_TOKEN_FILE = 'demo-tokens.json';
export const DEMO_ISSUER = 'demo';
const DEMO_HOLDERS = { ORG_DEPT: '演示·组织部', AUDITOR: '演示·审计' } as const satisfies Partial<Record<Role, string>>;
type DemoRole = keyof typeof DEMO_HOLDERS;

const keptSchema = z.record(z.enum(['ORG_DEPT', 'AUDITOR']), z.object({ tokenId: z.string(), token: z.string() }));
export type DemoTokens = Record<DemoRole, { tokenId: string; token: string }>;

async function readKept(file: string): Promise<Partial<DemoTokens>> {
  if (!existsSync(file)) return {};
  const parsed = keptSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => '{}')));
  return parsed.success ? parsed.data : {};
}

export async function demoTokens(sql: postgres.Sql, dataDir: string, ttlMs: number): Promise<{ tokens: DemoTokens; issued: DemoRole[] }> {
  const repo = new ApiTokenRepository(sql);
  const file = join(dataDir, DEMO_TOKEN_FILE);
  const kept = await readKept(file);
  const tokens = {} as DemoTokens;
  const issued: DemoRole[] = [];
  for (const role of Object.keys(DEMO_HOLDERS) as DemoRole[]) {
    const candidate = kept[role];
    const check = candidate ? await repo.authenticate(candidate.token) : undefined;
    if (candidate && check?.ok && check.principal.role === role && check.principal.tokenId === candidate.tokenId) {
      tokens[role] = candidate;
    } else {
      const fresh = await repo.issue(role, DEMO_HOLDERS[role], DEMO_ISSUER, ttlMs);
      tokens[role] = { tokenId: fresh.tokenId, token: fresh.token };
      issued.push(role);
    }
  }
  const keep = Object.values(tokens).map((t) => t.tokenId);
  await sql`update api_tokens set revoked_at = clock_timestamp()
    where created_by = ${DEMO_ISSUER} and revoked_at is null and token_id not in ${sql(keep)}`;
  if (issued.length > 0 || !existsSync(file)) {
    await writeFile(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  }
  await chmod(file, 0o600);
  return { tokens, issued };
}
