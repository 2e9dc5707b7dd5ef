/**
 * README claims checked against what happens (a newcomer's and an operator's reading; a review, 2026-12-05).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbWireFake } from '../../support/esdb-wire-fake';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { importSecretaryOfT01, ROOT, runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';
import { isAlive } from '../../support/process-alive';


const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('README "Running it": the demo never writes into a real ledger', () => {
  // README: "imports it into its own data directory `.ledger-demo/` (never the real `.ledger-data/`; ...
  // so that a demo never writes into a real ledger)" and the env table: "the demo ignores
  // `LEDGER_DATA_DIR` and `DATABASE_URL`, so it never writes into a real ledger".
  // An operator whose real events live in EventStoreDB has EVENTSTORE_URL in the environment
  // (README, "EventStoreDB"); apps/api/src/demo.ts blanks DATABASE_URL but passes EVENTSTORE_URL on,
  // so the generated county's ~18,000 fake events are appended to the real, append-only store.
  it('with EVENTSTORE_URL set, `npm run demo` imports no generated event into that EventStoreDB (it does not even connect to it)', async () => {
    const fake = await EsdbWireFake.start();
    // Every gRPC call the demo makes to this "real" EventStoreDB (reads and appends alike).
    let calls = 0;
    const spied = fake as unknown as Record<'read' | 'appendParsed', (...a: unknown[]) => unknown>;
    for (const m of ['read', 'appendParsed'] as const) {
      const original = spied[m]!.bind(fake);
      spied[m] = (...a: unknown[]) => {
        calls++;
        return original(...a);
      };
    }
    const demoDir = mkdtempSync(join(tmpdir(), 'readme-demo-esdb-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/demo.ts')], {
      cwd: ROOT,
      env: { ...process.env, LEDGER_DEMO_DIR: demoDir, EVENTSTORE_URL: fake.url(), PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let written = 0;
    try {
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        written = [...(fake as unknown as { appendCounts: Map<string, number> }).appendCounts.values()].reduce((a, b) => a + b, 0);
        if (calls > 0 && out.includes('首次启动')) break; // it went to the EventStoreDB to import the county
        if (written > 0 || out.includes('台账接口已启动') || child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
      // The demo's embedded PostgreSQL in demoDir: stop the postmaster this test caused, by its pid.
      const pidFile = join(demoDir, 'pgdata', 'postmaster.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        if (pid > 0) {
          try {
            process.kill(pid, 'SIGINT');
          } catch {
            /* already gone */
          }
          // Gone before its folder is removed (at most 10 s).
          for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
        }
      }
      rmSync(demoDir, { recursive: true, force: true });
      await fake.stop();
    }
    // Before the fix the demo said 首次启动：生成并导入一个模拟县 and imported the generated county into the
    // EventStoreDB of EVENTSTORE_URL (appends to orgunit-T0001, cadre-C000001, …).
    expect({ callsToTheRealEventStore: calls, appends: written }).toEqual({ callsToTheRealEventStore: 0, appends: 0 });
  }, 150_000);
});

describe('README "Command line": verify --since-digest takes "a file holding" the digest', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const dir = scratchDir('readme-digest');
  beforeAll(async () => {
    db = await createTestDatabase('readme_digest');
    env = { DATABASE_URL: db.url };
    const imp = await importSecretaryOfT01(dir, env);
    expect(imp.code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  // README: "`verify --since-digest` takes the digest (`ledger-digest:v1:…`), the JSON `digest --json`
  // prints, or a file holding either"; `digest` "the ledger digest: ... keep it to prove later that
  // nothing before it changed". The operator's obvious way to keep it is `npm run -s ledger -- digest
  // > digest.txt`; the command's own hint then says `verify --since-digest <摘要>`.
  it('`digest > file` then `verify --since-digest file` proves the ledger unchanged (exit 0)', async () => {
    const d = await runCli(['digest'], env);
    expect(d.code).toBe(0);
    const file = join(dir, 'digest.txt');
    writeFileSync(file, d.stdout);
    const v = await runCli(['verify', '--since-digest', file], env);
    // Today: exit 1, "不是台账摘要：应为 ledger-digest:v1:…" — the human output of `digest` carries a
    // Chinese heading and a hint around the digest line, and a file holding it is refused.
    expect({ code: v.code, stderr: v.stderr }).toEqual({ code: 0, stderr: '' });
  }, 120_000);

  it('`verify --since-digest "$(npm run -s ledger -- digest)"` is accepted too', async () => {
    const d = await runCli(['digest'], env);
    const v = await runCli(['verify', '--since-digest', d.stdout.trim()], env);
    expect(v.code).toBe(0);
  }, 120_000);
});

describe('small things an operator meets', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('readme_small_things');
  });
  afterAll(() => db?.drop());

  it('`appeals --all --status open` is refused, not silently read as --status open', async () => {
    const r = await runCli(['appeals', '--all', '--status', 'open'], { DATABASE_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--all 即列出全部复核或申诉，不能与 --status open 同用');
    expect((await runCli(['appeals', '--all', '--status', 'all'], { DATABASE_URL: db.url })).code).toBe(0);
  });

  it('`npm run projector -- --help` says how it is configured and starts nothing; an argument is refused', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/projector/src/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const help = await run(['--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('PROJECTOR_RETRY_MS')]);
    const bad = await run(['--bogus']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('投影服务不接受参数：--bogus')]);
  });
});
