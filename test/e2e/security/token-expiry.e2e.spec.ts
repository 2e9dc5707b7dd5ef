/**
 * API tokens expire: an expired token is a 401 with code TOKEN_EXPIRED and a Chinese title; the
 * last use is recorded at most once a minute; the CLI issues tokens with `--expires-in` (default
 * TOKEN_DEFAULT_TTL) and lists expiry and last use in Beijing time.
 */
import { ApiTokenRepository } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('API token expiry and last use', () => {
  let api: ApiHarness;
  let repo: ApiTokenRepository;
  beforeAll(async () => {
    // These tests change api_tokens behind the API's back: without the token cache, each request sees it at once.
    api = await startApi('token_expiry', {}, { TOKEN_CACHE_TTL_MS: '0' });
    repo = new ApiTokenRepository(api.db.sql);
  });
  afterAll(() => api.close());

  const get = (token: string) => api.request('GET', '/v1/appeals', { role: null, headers: { authorization: `Bearer ${token}` } });
  const row = async (tokenId: string) =>
    (await api.db.sql`select expires_at, last_used_at from api_tokens where token_id = ${tokenId}`)[0] as { expires_at: Date; last_used_at: Date | null };

  it('issues a token valid for its lifetime and refuses it with TOKEN_EXPIRED once that has passed', async () => {
    const issued = await repo.issue('AUDITOR', '到期测试', 'test', 60 * 60_000);
    const lifetime = Date.parse(issued.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    expect((await get(issued.token)).status).toBe(200);

    // Move the expiry into the past rather than waiting for it.
    await api.db.sql`update api_tokens set expires_at = clock_timestamp() - interval '1 second' where token_id = ${issued.tokenId}`;
    const expired = await get(issued.token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED', titleZh: expect.stringMatching(/令牌已过期/) });
    expect(expired.body.expiredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const unknown = await get('ccl_unknown');
    expect(unknown.body).toMatchObject({ code: 'UNAUTHENTICATED', titleZh: expect.any(String) });
  });

  it('records the last use once, then again only after a minute', async () => {
    const issued = await repo.issue('AUDITOR', '使用记录', 'test');
    expect((await row(issued.tokenId)).last_used_at).toBeNull();
    await get(issued.token);
    const first = (await row(issued.tokenId)).last_used_at;
    expect(first).toBeInstanceOf(Date);
    await get(issued.token);
    expect((await row(issued.tokenId)).last_used_at).toEqual(first);

    await api.db.sql`update api_tokens set last_used_at = clock_timestamp() - interval '61 seconds' where token_id = ${issued.tokenId}`;
    const staleAt = (await row(issued.tokenId)).last_used_at!;
    await get(issued.token);
    expect((await row(issued.tokenId)).last_used_at!.getTime()).toBeGreaterThan(staleAt.getTime() + 60_000);
  });

  it('CLI: --expires-in sets the lifetime, the default comes from TOKEN_DEFAULT_TTL, list shows expiry and last use in Beijing time', async () => {
    const env = { DATABASE_URL: api.db.url };
    const short = await runCli(['token', 'create', '--role', 'AUDITOR', '--name', '张三', '--expires-in', '12h', '--json'], env);
    expect(short.code).toBe(0);
    const shortToken = JSON.parse(short.stdout) as { tokenId: string; token: string; expiresAt: string };
    expect(Math.abs(Date.parse(shortToken.expiresAt) - Date.now() - 12 * 3_600_000)).toBeLessThan(120_000);

    const byDefault = await runCli(['token', 'create', '--role', 'CLERK', '--name', '李四', '--json'], { ...env, TOKEN_DEFAULT_TTL: '30m' });
    expect(Math.abs(Date.parse(JSON.parse(byDefault.stdout).expiresAt) - Date.now() - 30 * 60_000)).toBeLessThan(120_000);

    const bad = await runCli(['token', 'create', '--role', 'CLERK', '--name', '王五', '--expires-in', '5 years'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('90d');
    // Said in Chinese, naming the option (it was English only: invalid duration "5 years": …, --name must be 1–100 characters).
    expect(bad.stderr).toMatch(/--expires-in.*\p{Script=Han}/u);
    const tooLong = await runCli(['token', 'create', '--role', 'CLERK', '--name', '王五', '--expires-in', '99999d'], env);
    expect([tooLong.code, tooLong.stderr]).toEqual([1, expect.stringMatching(/--expires-in.*\p{Script=Han}.*3650d/u)]);
    const blank = await runCli(['token', 'create', '--role', 'CLERK', '--name', ' '], env);
    expect([blank.code, blank.stderr]).toEqual([1, expect.stringMatching(/--name.*\p{Script=Han}/u)]);
    // An unknown token to revoke is said on stderr, as every refusal is (it went to stdout).
    const unknown = await runCli(['token', 'revoke', 'tok_nope'], env);
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([1, '', expect.stringContaining('tok_nope')]);

    expect((await get(shortToken.token)).status).toBe(200);
    const list = await runCli(['token', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/到期时间\s+最近使用\s+状态/);
    const line = list.stdout.split('\n').find((l) => l.includes(shortToken.tokenId))!;
    expect(line).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00.*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00.*有效/);
    expect(list.stdout.split('\n').find((l) => l.includes('李四'))).toContain('从未使用');

    const json = JSON.parse((await runCli(['token', 'list', '--json'], env)).stdout) as Array<{ tokenId: string; lastUsedAt: string | null; expired: boolean }>;
    expect(json.find((t) => t.tokenId === shortToken.tokenId)).toMatchObject({ lastUsedAt: expect.stringMatching(/Z$/), expired: false });
  });
});
