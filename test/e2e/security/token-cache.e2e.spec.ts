/**
 * The API reuses an authenticated token for TOKEN_CACHE_TTL_MS instead of asking the database on
 * every request: a revocation made elsewhere (the CLI) takes effect within that time, one made
 * through the same repository at once, and a cached token never outlives its own expiry.
 */
import { ApiTokenRepository } from '@ledger/auth';
import { ConfigError, loadConfig } from '@ledger/config';
import { startApi, type ApiHarness } from '../../support/api-harness';

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('token cache: the repository', () => {
  let api: ApiHarness;
  let cli: ApiTokenRepository; // another process's view: no cache
  beforeAll(async () => {
    api = await startApi('token_cache_repo');
    cli = new ApiTokenRepository(api.db.sql);
  });
  afterAll(() => api.close());

  it('keeps answering from the cache after a revocation elsewhere, until its TTL has passed', async () => {
    const cached = new ApiTokenRepository(api.db.sql, { cacheTtlMs: 60_000 });
    const issued = await cli.issue('AUDITOR', '缓存测试', 'test');
    expect(await cached.authenticate(issued.token)).toMatchObject({ ok: true, principal: { tokenId: issued.tokenId } });
    expect(await cli.revoke(issued.tokenId)).toBe(true);
    expect(await cached.authenticate(issued.token)).toMatchObject({ ok: true }); // within the 60 s TTL: not asked again
    expect(await cli.authenticate(issued.token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });

    const short = new ApiTokenRepository(api.db.sql, { cacheTtlMs: 300 });
    const other = await cli.issue('AUDITOR', '短缓存', 'test');
    expect((await short.authenticate(other.token)).ok).toBe(true);
    await cli.revoke(other.tokenId);
    const refused = await until('the revocation to reach the cached repository', () => short.authenticate(other.token), (a) => !a.ok, 10_000);
    expect(refused.value).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('forgets its tokens at once when it revokes one itself', async () => {
    const cached = new ApiTokenRepository(api.db.sql, { cacheTtlMs: 60_000 });
    const issued = await cli.issue('CLERK', '本进程撤销', 'test');
    expect((await cached.authenticate(issued.token)).ok).toBe(true);
    await cached.revoke(issued.tokenId);
    expect(await cached.authenticate(issued.token)).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('never serves a token past its own expiry, however long the TTL', async () => {
    const cached = new ApiTokenRepository(api.db.sql, { cacheTtlMs: 60_000 });
    // Cached while still valid: a loaded machine slower than the token's life to ask gets a longer-lived one.
    let issued = await cli.issue('CLERK', '即将过期', 'test', 1_500);
    for (let lifetimeMs = 3_000; !(await cached.authenticate(issued.token)).ok; lifetimeMs *= 2) {
      if (lifetimeMs > 60_000) throw new Error('no token lived long enough to be authenticated once');
      issued = await cli.issue('CLERK', '即将过期', 'test', lifetimeMs);
    }
    const expired = await until('the token to expire', () => cached.authenticate(issued.token), (a) => !a.ok, 20_000);
    expect(expired.value).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
  });
});

describe('token cache: the API and its setting', () => {
  it('authenticates from the cache for TOKEN_CACHE_TTL_MS', async () => {
    const api = await startApi('token_cache_api', {}, { TOKEN_CACHE_TTL_MS: '60000' });
    try {
      const cli = new ApiTokenRepository(api.db.sql);
      const issued = await cli.issue('AUDITOR', '接口缓存', 'test');
      const get = () => api.request('GET', '/v1/appeals', { role: null, headers: { authorization: `Bearer ${issued.token}` } });
      expect((await get()).status).toBe(200);
      await cli.revoke(issued.tokenId);
      expect((await get()).status).toBe(200); // revoked by another process: effective within the TTL, not yet
    } finally {
      await api.close();
    }
  });

  it('defaults to 5 s and refuses a negative value or one over a minute', () => {
    expect(loadConfig({}).TOKEN_CACHE_TTL_MS).toBe(5_000);
    expect(loadConfig({ TOKEN_CACHE_TTL_MS: '0' }).TOKEN_CACHE_TTL_MS).toBe(0);
    expect(() => loadConfig({ TOKEN_CACHE_TTL_MS: '60001' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOKEN_CACHE_TTL_MS: '-1' })).toThrow(/TOKEN_CACHE_TTL_MS/);
  });
});
