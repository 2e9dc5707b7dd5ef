/**
 * `npm run demo` and `npm start` on an occupied port: one line in Chinese and English naming PORT,
 * a non-zero exit, and nothing set up (no database, no token). The demo keeps its two tokens
 * across starts and revokes any other token it issued before.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { ApiTokenRepository } from '@ledger/auth';
import { demoTokens } from '../../../apps/api/src/demo-tokens';
import { runApp } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// Refused at once; a regression that starts the server is killed and fails the spec rather than staying up.
const run = (script: string, env: NodeJS.ProcessEnv) => runApp(script, [], env, { killAfterMs: 60_000 });

describe('an occupied port', () => {
  let blocker: Server;
  let port: number;
  const dir = mkdtempSync('/tmp/ledger-port-');
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['npm run demo', 'apps/api/src/demo.ts', { LEDGER_DEMO_DIR: join(dir, 'demo') }],
    ['npm start', 'apps/api/src/main.ts', { LEDGER_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }],
  ])('%s: one line naming PORT, exit 1, and no database or token set up', async (command, script, env) => {
    const result = await run(script, { ...env, PORT: String(port), HOST: '127.0.0.1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`端口 ${port} 已被占用，请用 PORT=${port + 1} ${command} 另选端口 (port ${port} is in use; set PORT)\n`);
    const dataDir = Object.values(env).find((v) => v.startsWith(dir))!;
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
  });
});

describe('the demo tokens', () => {
  let db: TestDatabase;
  const dir = mkdtempSync('/tmp/ledger-demo-tokens-');
  beforeAll(async () => {
    db = await createTestDatabase('demo_tokens');
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const valid = async () => (await new ApiTokenRepository(db.sql).list()).filter((t) => !t.revokedAt && !t.expired);

  it('are issued once, kept in a 0600 file and reused; an older demo token is revoked; an expired one is replaced', async () => {
    const older = await new ApiTokenRepository(db.sql).issue('ORG_DEPT', '演示·组织部', 'demo');
    const first = await demoTokens(db.sql, dir, 86_400_000);
    expect(first.issued.sort()).toEqual(['AUDITOR', 'ORG_DEPT']);
    expect(statSync(join(dir, 'demo-tokens.json')).mode & 0o777).toBe(0o600);
    expect((await valid()).map((t) => t.tokenId).sort()).toEqual([first.tokens.AUDITOR.tokenId, first.tokens.ORG_DEPT.tokenId].sort());
    expect((await valid()).some((t) => t.tokenId === older.tokenId)).toBe(false);

    const second = await demoTokens(db.sql, dir, 86_400_000);
    expect(second.issued).toEqual([]);
    expect(second.tokens).toEqual(first.tokens);
    expect(await valid()).toHaveLength(2);

    await db.sql`update api_tokens set expires_at = clock_timestamp() - interval '1 second' where token_id = ${first.tokens.AUDITOR.tokenId}`;
    const third = await demoTokens(db.sql, dir, 86_400_000);
    expect(third.issued).toEqual(['AUDITOR']);
    expect(third.tokens.ORG_DEPT).toEqual(first.tokens.ORG_DEPT);
    expect(third.tokens.AUDITOR.tokenId).not.toBe(first.tokens.AUDITOR.tokenId);
    expect((await valid()).map((t) => t.tokenId).sort()).toEqual([third.tokens.AUDITOR.tokenId, third.tokens.ORG_DEPT.tokenId].sort());
  });
});
