/**
 * The CLI as an operator runs it for years, and authentication (a review, 2026-12-05).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

const HAN = /\p{Script=Han}/u;
let api: ApiHarness;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('cli-operator');

beforeAll(async () => {
  api = await startApi('cli_operator', {}, { TOKEN_CACHE_TTL_MS: '1000' });
  env = { DATABASE_URL: api.db.url };
});
afterAll(() => api?.close());

function withUrl(mutate: (u: URL) => void): string {
  const u = new URL(api.db.url);
  mutate(u);
  return u.toString();
}

describe('DATABASE_URL that cannot be used: a clear Chinese error, no stack, exit 1', () => {
  it('a wrong password is said in Chinese (as ECONNREFUSED / ENOTFOUND are), not PostgreSQL\'s raw English', async () => {
    const r = await runCli(['verify'], { DATABASE_URL: withUrl((u) => (u.password = 'definitely-wrong')) });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.replace(/^错误：/, '')).toMatch(HAN);
  });

  it('--json: a wrong password\'s error message is the Chinese one, like every other CLI error', async () => {
    const r = await runCli(['verify', '--json'], { DATABASE_URL: withUrl((u) => (u.password = 'definitely-wrong')) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!).error.message).toMatch(HAN);
  });

  it('a database that does not exist is said in Chinese, naming it', async () => {
    const r = await runCli(['verify'], { DATABASE_URL: withUrl((u) => (u.pathname = '/no_such_ledger_db')) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no_such_ledger_db');
    expect(r.stderr.replace(/^错误：/, '').replace(/"no_such_ledger_db"/, '')).toMatch(HAN);
  });

  it('a DATABASE_URL that is not a PostgreSQL URL is refused in Chinese', async () => {
    const r = await runCli(['verify'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr.replace(/^错误：/, '')).toMatch(HAN);
  });

  it('a blank LEDGER_DATA_DIR is refused in Chinese (not zod’s "Too small: expected string to have >=1 characters")', async () => {
    const r = await runCli(['verify'], { DATABASE_URL: '', LEDGER_DATA_DIR: ' ' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LEDGER_DATA_DIR');
    expect(r.stderr).toMatch(/^错误：配置无效：\n  LEDGER_DATA_DIR：不能为空/);
  });
});

describe('LEDGER_DATA_DIR naming a file', () => {
  it('says the path is not a directory, not "该路径已存在" (path already exists), which reads as if that were the problem', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await runCli(['verify'], { DATABASE_URL: '', LEDGER_DATA_DIR: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toContain('该路径已存在');
    expect(r.stderr).toMatch(/不是(一个)?目录/);
  });
});

describe('one capability table for every way in: the import', () => {
  const line = JSON.stringify({ id: 'reg-T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });

  it('HTTP: ORG_DEPT may not import at all (importEvents): 403 before any line is read', async () => {
    const r = await api.request('POST', '/v1/import?dryRun=true', { role: 'ORG_DEPT', rawBody: `${line}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(403);
  });

  it('CLI: import --as ORG_DEPT is refused as a whole like the API (importEvents), not run line by line', async () => {
    const file = join(dir, 'one.ndjson');
    writeFileSync(file, `${line}\n`);
    const r = await runCli(['import', file, '--as', 'ORG_DEPT', '--dry-run', '--json'], env);
    // The API answers 403 naming importEvents; the CLI reads the file and rejects each line (exit 4) instead.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('importEvents');
  });
});

describe('token revoke over HTTP within TOKEN_CACHE_TTL_MS', () => {
  it('a token revoked by the CLI is refused by the running API on every way in once the TTL has passed', async () => {
    const created = await runCli(['token', 'create', '--role', 'ADMIN', '--name', '吊销测试', '--json'], env);
    expect(created.code).toBe(0);
    const issued = JSON.parse(created.stdout) as { tokenId: string; token: string };
    const auth = { authorization: `Bearer ${issued.token}` };
    expect((await api.request('GET', '/v1/me', { role: null, headers: auth })).status).toBe(200);
    const revoked = await runCli(['token', 'revoke', issued.tokenId, '--json'], env);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({ tokenId: issued.tokenId, revoked: true });
    await new Promise((r) => setTimeout(r, 1300));
    expect((await api.request('GET', '/v1/me', { role: null, headers: auth })).status).toBe(401);
    expect((await api.request('GET', '/v1/appeals', { role: null, headers: auth })).status).toBe(401);
    const imp = await api.request('POST', '/v1/import?dryRun=true', { role: null, rawBody: '\n', headers: { ...auth, 'content-type': 'application/x-ndjson' } });
    expect(imp.status).toBe(401);
    const again = await runCli(['token', 'revoke', issued.tokenId], env);
    expect(again.code).toBe(1);
    const list = await runCli(['token', 'list', '--json'], env);
    const row = (JSON.parse(list.stdout) as { tokenId: string; revokedAt: string | null }[]).find((t) => t.tokenId === issued.tokenId);
    expect(row?.revokedAt).toMatch(/Z$/);
  });
});

describe('token create --name: a holder\'s name is text, not terminal control', () => {
  it('refuses control characters (ESC, newline) in --name, as the API refuses them in a command\'s text', async () => {
    const r = await runCli(['token', 'create', '--role', 'CLERK', '--name', '张三\u001b[2J\u001b[31m', '--json'], env);
    expect(r.code).toBe(1);
  });

  it('refuses an invisible format character (U+202E, U+200B) in --name, as in any command\'s text: the name is in every event its token writes (a reversed token id there, found by a security review)', async () => {
    for (const name of ['张三\u202e四李', '\u200b']) {
      const r = await runCli(['token', 'create', '--role', 'CLERK', '--name', name, '--json'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--name：');
    }
    const bidi = await runCli(['token', 'create', '--role', 'CLERK', '--name', '张三\u202e四李'], env);
    expect(bidi.stderr).toContain('不得包含不可见的格式字符');
    const joiner = await runCli(['token', 'create', '--role', 'CLERK', '--name', 'ئابدۇ\u200cرېھىم', '--json'], env); // a Uyghur name keeps its joiner
    expect(joiner.code).toBe(0);
  });
});

describe('export: an empty cadre id', () => {
  it('export "" is refused as an invalid cadre id like history "" (not "没有干部  的记录")', async () => {
    const r = await runCli(['export', ''], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('干部编号');
    expect(r.stderr).not.toContain('没有干部  的记录');
  });
});
