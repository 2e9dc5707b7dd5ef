/**
 * Two projector processes on one PostgreSQL: exactly one leads each projection (advisory lock),
 * the other stands by; SIGKILL the leader and the standby takes over within seconds, and the read
 * models end identical to a pure fold of the events — no event applied twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CareerCommandService } from '@ledger/application';
import { calendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { LEDGER_PROJECTIONS } from '@ledger/projections';
import { expectProjectionsConsistent, waitForProjections } from '../../support/projections';
import { nodeEntry, ROOT } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Projector {
  readonly child: ChildProcess;
  readonly leaderOf: Set<string>;
  readonly exited: Promise<void>;
}

function startProjector(db: TestDatabase): Projector {
  const child = spawn(process.execPath, [...nodeEntry('apps/projector/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'info', PROJECTOR_RETRY_MS: '300', PROJECTION_POLL_INTERVAL_MS: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const leaderOf = new Set<string>();
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const m = /leader for projection (\S+)"/.exec(line);
      if (m) leaderOf.add(m[1]!);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, leaderOf, exited };
}

/** Polls `condition` until it holds or the deadline passes; returns the time it took. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

describe('separate projector processes', () => {
  let db: TestDatabase;
  const projectors: Projector[] = [];
  const names = LEDGER_PROJECTIONS.map((p) => p.name);

  beforeAll(async () => {
    db = await createTestDatabase('projector');
  });
  afterAll(async () => {
    for (const p of projectors) p.child.kill('SIGKILL');
    await Promise.all(projectors.map((p) => p.exited));
    await db.drop();
  });

  it('one leader per projection; a standby takes over after SIGKILL with nothing applied twice', async () => {
    const service = new CareerCommandService(new PostgresEventStore(db.sql), () => calendarDate('2026-01-01'));
    const write = (command: Record<string, unknown>) => service.execute(command, { actor: 'test:projector' });
    await write({ id: 'reg-T1', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    for (let i = 1; i <= 20; i++) {
      await write({
        id: `reg-C${i}`,
        type: 'CadreRegistered',
        cadreId: `C${i}`,
        effectiveDate: '2000-01-01',
        data: { name: `干部${i}`, gender: 'F', birthDate: '1978-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
      });
    }

    const a = startProjector(db);
    projectors.push(a);
    await until(() => names.every((n) => a.leaderOf.has(n)), 60_000, 'projector A to lead every projection');
    const before = new Set((await db.sql`select pid from pg_stat_activity where datname = current_database()`).map((r) => Number(r.pid)));
    const b = startProjector(db);
    projectors.push(b);
    // B stands by once each of its lock connections has tried and failed twice (the second try
    // comes a retry interval after the first; had the first succeeded, it would run `select 1`).
    const retriedTries = async () =>
      (
        await db.sql`select pid from pg_stat_activity
                     where datname = current_database() and state = 'idle' and query like '%pg_try_advisory_lock%'
                       and query_start > backend_start + interval '250 milliseconds'`
      ).filter((r) => !before.has(Number(r.pid))).length;
    await until(async () => (await retriedTries()) >= names.length, 60_000, 'projector B to try every projection lock twice');
    expect(b.leaderOf.size).toBe(0);
    const holders = await db.sql`select pid from pg_locks
                                 where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`;
    expect(holders.length).toBeGreaterThanOrEqual(names.length);
    expect(holders.filter((r) => !before.has(Number(r.pid)))).toEqual([]);
    await waitForProjections(db, 30_000);

    a.child.kill('SIGKILL');
    await a.exited;
    for (let i = 1; i <= 20; i++) {
      await write({ id: `staff-C${i}`, type: 'AppointedToPost', cadreId: `C${i}`, effectiveDate: '2005-03-01', data: { orgUnitId: 'T1', role: 'STAFF' } });
    }
    const tookOver = await until(() => names.every((n) => b.leaderOf.has(n)), 30_000, 'projector B to take over');
    expect(tookOver).toBeLessThan(30_000);
    await expectProjectionsConsistent(db, { timeoutMs: 30_000 });
  }, 180_000);
});
