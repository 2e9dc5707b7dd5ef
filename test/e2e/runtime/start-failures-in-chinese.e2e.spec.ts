/**
 * The API's and the projector's start-up failures said in Chinese after `错误：`, as the CLI says
 * them (one text for the three: startFailureText), the English code beside them. Found by an
 * operations review: a database that refused the connection or the password, and a data folder that
 * could not be used, were English after `错误：` (`错误：password authentication failed for user …`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { runApp } from '../../support/run-cli';

const APPS = [
  ['the API', 'apps/api/src/main.ts'],
  ['the projector', 'apps/projector/src/main.ts'],
] as const;

describe.each(APPS)('%s failing to start', (_name, source) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-start-failure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const start = async (env: NodeJS.ProcessEnv) => runApp(source, [], { PORT: String(await freePort()), PROJECTIONS_IN_API: 'false', DATABASE_URL: '', ...env }, { killAfterMs: 20_000 });

  it('given a wrong password in DATABASE_URL, then says so in Chinese (28P01 beside it), exit 1', async () => {
    const url = new URL(process.env.LEDGER_TEST_ADMIN_URL!);
    url.password = 'not-the-password';
    const result = await start({ DATABASE_URL: url.toString() });
    expect(result.stderr).toMatch(/^错误：无法登录数据库：DATABASE_URL 中的用户名或密码不对（28P01：/m);
    expect(result.stderr).not.toContain('not-the-password');
    expect(result.code).toBe(1);
  });

  it('given DATABASE_URL at a port where nothing listens, then says the connection was refused, with where, exit 1', async () => {
    const port = await freePort();
    const result = await start({ DATABASE_URL: `postgres://ledger:pw@127.0.0.1:${port}/ledger` });
    expect(result.stderr).toContain(`错误：无法连接到数据库或事件存储：对方拒绝连接：127.0.0.1:${port}（ECONNREFUSED）`);
    expect(result.code).toBe(1);
  });

  it('given a LEDGER_DATA_DIR that cannot be made (a file on its path), then says so with the path, exit 1', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const dataDir = join(dir, 'a-file', 'ledger');
    const result = await start({ LEDGER_DATA_DIR: dataDir });
    expect(result.stderr).toContain(`错误：路径中有一段不是目录：${dataDir}（ENOTDIR）`);
    expect(result.code).toBe(1);
  });
});
