/**
 * `npm start`, `npm run projector`, `npm run demo` and `npm run ledger` run node through `sh -c`; a
 * SIGTERM sent to npm alone (a supervisor's stop) reached the shell, which died without passing it
 * on, and node went on serving, orphaned, its PostgreSQL with it (found by an operator's review: the
 * README's backup and upgrade steps, "stop the API", were then done on a live server). The scripts
 * `exec` node, so npm's signal is node's own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { ROOT } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { isAlive } from '../../support/process-alive';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};
const descendantsOf = (pid: number): number[] => childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);

describe('npm scripts pass a stop signal on to node', () => {
  let db: TestDatabase;
  const started: number[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('npm_signal');
  });
  afterAll(async () => {
    for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGKILL');
    await db.drop();
  });

  it('given `npm run projector` running, when npm alone is sent SIGTERM, then node stops too (no orphan left projecting)', async () => {
    const npm = spawn('npm', ['run', '-s', 'projector'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
    // Node has started once it logs.
    await new Promise<void>((resolve) => npm.stdout.once('data', () => resolve()));
    const below = descendantsOf(npm.pid!);
    started.push(...below);
    expect(below.length).toBeGreaterThan(0);
    process.kill(npm.pid!, 'SIGTERM');
    await exited;
    let left = below.filter(isAlive);
    for (let i = 0; i < 150 && left.length > 0; i++) {
      await sleep(100);
      left = below.filter(isAlive);
    }
    expect(left).toEqual([]);
  });
});
