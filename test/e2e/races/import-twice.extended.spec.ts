/**
 * The same file imported twice at once (HTTP + HTTP, CLI + HTTP), and a CLI import killed
 * with SIGKILL then run again.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCounty } from '@ledger/generator';
import { raceClient } from '../races/race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { ROOT, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { scratchDir } from '../../support/scratch-dir';

jest.setTimeout(300_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one file imported twice at once', () => {
  let api: ApiHarness;
  const { send } = raceClient(() => api);
  const lines = [...generateCounty({ townships: 6, years: 8, seed: 11 })].map((l) => JSON.stringify(l));
  const text = lines.join('\n') + '\n';
  const dir = scratchDir('rev-imp-race');
  const file = join(dir, 'county.ndjson');
  writeFileSync(file, text);
  beforeAll(async () => {
    api = await startApi('import_race_twice');
  });
  afterAll(() => api?.close());

  const dupes = async () => (await api.db.sql`select event_id from events group by event_id having count(*) > 1`).length;
  const gaps = async () => (await api.db.sql`select stream_id from events group by stream_id having max(revision) + 1 <> count(*)`).length;

  it('two HTTP imports of the same file at once: both accept every line, appended adds up to the file once, nothing duplicated', async () => {
    const [a, b] = await Promise.all([send('/v1/import', text, 'ADMIN', 'application/x-ndjson'), (async () => (await sleep(5), send('/v1/import', text, 'ADMIN', 'application/x-ndjson')))()]);
    const pick = (r: any) => ({ status: r.status, error: r.body.error, accepted: r.body.accepted, rejectedCount: r.body.rejectedCount, lines: r.body.lines, sum: r.body.appended + r.body.alreadyPresent });
    const n = lines.length;
    expect([pick(a), pick(b)]).toEqual([
      { status: 200, error: undefined, accepted: n, rejectedCount: 0, lines: n, sum: n },
      { status: 200, error: undefined, accepted: n, rejectedCount: 0, lines: n, sum: n },
    ]);
    expect(a.body.appended + b.body.appended).toBe(n);
    expect({ dupes: await dupes(), gaps: await gaps() }).toEqual({ dupes: 0, gaps: 0 });
    const again = await send('/v1/import', text, 'ADMIN', 'application/x-ndjson');
    expect([again.body.accepted, again.body.alreadyPresent, again.body.appended, again.body.eventsWritten]).toEqual([n, n, 0, 0]);
  });

  it('CLI and HTTP importing the same fresh file at once into one ledger: both accept every line, nothing duplicated', async () => {
    const api2 = await startApi('import_race_twice2');
    try {
      const [cli, http] = await Promise.all([
        runCli(['import', file, '--json', '--as', 'ADMIN', '--no-projections'], { DATABASE_URL: api2.db.url }),
        (async () => {
          for (let i = 0; i < 400; i++) {
            await sleep(20);
            if ((await api2.db.sql`select count(*)::int as n from events`)[0]!.n > 0) break;
          }
          const r = await fetch(`${api2.baseUrl}/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${api2.tokens.ADMIN}`, 'content-type': 'application/x-ndjson' }, body: text });
          return r.json() as Promise<any>;
        })(),
      ]);
      const n = lines.length;
      const c = JSON.parse(cli.stdout || '{}');
      const brief = (r: any) => ({ accepted: r.accepted, rejectedCount: r.rejectedCount, error: r.error, appended: r.appended, alreadyPresent: r.alreadyPresent, rejected: (r.rejected ?? []).map((x: any) => `${x.line} ${x.id} ${x.code} ${x.message}`) });
      expect({ code: cli.code, cli: brief(c), http: brief(http) }).toEqual({ code: 0, cli: expect.objectContaining({ accepted: n, rejectedCount: 0 }), http: expect.objectContaining({ accepted: n, rejectedCount: 0 }) });
      expect(c.appended + http.appended).toBe(n);
      const d = (await api2.db.sql`select event_id from events group by event_id having count(*) > 1`).length;
      expect(d).toBe(0);
    } finally {
      await api2.close();
    }
  });

  it('a CLI import killed with SIGKILL mid-file, then run again: the rest is imported, what was written is alreadyPresent, verify passes', async () => {
    const db: TestDatabase = await createTestDatabase('import_race_kill');
    try {
      const big = [...generateCounty({ townships: 8, years: 10, seed: 3 })].map((l) => JSON.stringify(l));
      const f3 = join(dir, 'big.ndjson');
      writeFileSync(f3, big.join('\n') + '\n');
      const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), 'import', f3, '--json', '--as', 'ADMIN', '--no-projections'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: db.url }, stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      let before = 0;
      for (let i = 0; i < 600; i++) {
        await sleep(50);
        before = (await db.sql`select count(*)::int as n from events`)[0]!.n;
        if (before > 3000) break;
      }
      child.kill('SIGKILL');
      await closed;
      const written = (await db.sql`select count(*)::int as n from events where event_id = any(${big.map((l) => JSON.parse(l).id)})`)[0]!.n;
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(big.length);
      const rerun = await runCli(['import', f3, '--json', '--as', 'ADMIN', '--no-projections'], { DATABASE_URL: db.url });
      const r = JSON.parse(rerun.stdout);
      expect({ code: rerun.code, accepted: r.accepted, alreadyPresent: r.alreadyPresent, appended: r.appended, rejected: r.rejectedCount }).toEqual({ code: 0, accepted: big.length, alreadyPresent: written, appended: big.length - written, rejected: 0 });
      const verify = await runCli(['verify', '--json'], { DATABASE_URL: db.url });
      expect({ code: verify.code, err: verify.stderr.slice(0, 300) }).toEqual({ code: 0, err: '' });
    } finally {
      await db.drop();
    }
  });
});
