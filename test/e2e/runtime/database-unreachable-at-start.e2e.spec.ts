/**
 * A DATABASE_URL whose host cannot be reached: the API, the CLI and the projector give up after
 * DATABASE_CONNECT_TIMEOUT_MS, saying in Chinese which host and port did not answer (never the
 * password), exit 1. Found by an operations review: with a host that drops packets they hung at start
 * for ever. postgres.js's connect_timeout restarts with each attempt, and a connection closed before
 * the server answered is retried at once, for ever, while the first query waits for it.
 */
import { freePort } from '../../support/free-port';
import { runApp } from '../../support/run-cli';
import { silentDatabase, type SilentDatabase } from '../../support/silent-database';

const PASSWORD = 'Sekr3t-pw';

const APPS = [
  { name: 'the CLI', source: 'apps/cli/src/main.ts', args: ['org-units'] },
  { name: 'the API', source: 'apps/api/src/main.ts', args: [] },
  { name: 'the projector', source: 'apps/projector/src/main.ts', args: [] },
] as const;

describe.each(['silent', 'closing'] as const)('a database host that accepts connections and then is %s', (behaviour) => {
  let database: SilentDatabase;
  beforeAll(async () => {
    database = await silentDatabase(behaviour);
  });
  afterAll(() => database.close());

  // The closing host for one app only: the same code opens the ledger for all three.
  const apps = behaviour === 'silent' ? APPS : APPS.filter((app) => app.name === 'the projector');
  it.each(apps)('$name gives up after DATABASE_CONNECT_TIMEOUT_MS, naming the host and port in Chinese, exit 1', async ({ source, args }) => {
    const started = Date.now();
    const result = await runApp(
      source,
      args,
      { DATABASE_URL: database.url(PASSWORD), DATABASE_CONNECT_TIMEOUT_MS: '1000', PORT: String(await freePort()), PROJECTIONS_IN_API: 'false' },
      // A regression that hangs is stopped (SIGINT, then SIGKILL) and fails below, not after minutes.
      { killAfterMs: 8000 },
    );
    const elapsed = Date.now() - started;
    expect(result.stderr).toContain(`错误：无法连接数据库 127.0.0.1:${database.port}（DATABASE_URL）：1 秒内没有应答`);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.code).toBe(1);
    expect(elapsed).toBeLessThan(6000);
  });
});
