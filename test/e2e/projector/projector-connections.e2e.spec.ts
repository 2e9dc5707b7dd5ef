/**
 * a running projector whose connections are cut (pg_terminate_backend), and two projectors
 * at once while writes keep arriving.
 */
import { CareerCommandService } from '@ledger/application';
import { calendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { LEDGER_PROJECTIONS } from '@ledger/projections';
import { expectProjectionsConsistent, waitForProjections } from '../../support/projections';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startProjector, until, type Projector } from './support';

jest.setTimeout(240_000);

async function seed(db: TestDatabase, from: number, to: number): Promise<void> {
  const service = new CareerCommandService(new PostgresEventStore(db.sql), () => calendarDate('2026-01-01'));
  const write = (command: Record<string, unknown>) => service.execute(command, { actor: 'test:projector' });
  if (from === 1) await write({ id: 'reg-T1', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  for (let i = from; i <= to; i++) {
    await write({
      id: `reg-C${i}`,
      type: 'CadreRegistered',
      cadreId: `C${i}`,
      effectiveDate: '2000-01-01',
      data: { name: `干部${i}`, gender: 'F', birthDate: '1978-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await write({ id: `staff-C${i}`, type: 'AppointedToPost', cadreId: `C${i}`, effectiveDate: '2005-03-01', data: { orgUnitId: 'T1', role: 'STAFF' } });
  }
}

async function advisoryHolders(db: TestDatabase): Promise<number[]> {
  return (await db.sql`select l.pid from pg_locks l join pg_stat_activity a using (pid) where l.locktype = 'advisory' and l.granted and a.datname = current_database()`).map((r) => Number(r.pid));
}

async function pidsOf(db: TestDatabase): Promise<Set<number>> {
  return new Set((await db.sql`select pid from pg_stat_activity where datname = current_database()`).map((r) => Number(r.pid)));
}

describe('projector connections', () => {
  const projectors: Projector[] = [];
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const p of projectors) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(projectors.map((p) => p.exited));
    for (const db of dbs) await db.drop();
  });

  it('every projector connection terminated: it recovers by itself and keeps projecting', async () => {
    const db = await createTestDatabase('rp_term_conn');
    dbs.push(db);
    await seed(db, 1, 10);
    const before = await pidsOf(db);
    const p = startProjector(db);
    projectors.push(p);
    await waitForProjections(db, 60_000);
    const mine = [...(await pidsOf(db))].filter((pid) => !before.has(pid));
    expect(mine.length).toBeGreaterThan(0);
    await db.sql`select pg_terminate_backend(pid) from unnest(${mine}::int[]) as t(pid)`;
    await new Promise((r) => setTimeout(r, 500));
    await seed(db, 11, 20);
    await expectProjectionsConsistent(db, { timeoutMs: 60_000 });
  });

  /** A projector leading every projection of a small seeded ledger, whose lock connections are then terminated. */
  async function leaderWithItsLockConnectionsCut(db: TestDatabase): Promise<Projector> {
    await seed(db, 1, 3);
    const before = await pidsOf(db);
    const a = startProjector(db);
    projectors.push(a);
    await waitForProjections(db, 60_000);
    await until(async () => (await advisoryHolders(db)).length >= LEDGER_PROJECTIONS.length, 20_000, 'A to hold every lock');
    const aPids = [...(await pidsOf(db))].filter((pid) => !before.has(pid));
    const lockPids = (await advisoryHolders(db)).filter((pid) => aPids.includes(pid));
    await db.sql`select pg_terminate_backend(pid) from unnest(${lockPids}::int[]) as t(pid)`;
    return a;
  }

  /** Two seconds on, SIGTERM: the projector exits 0 within 15 s. */
  async function expectSigtermExitsWithin15s(a: Projector): Promise<void> {
    await new Promise((r) => setTimeout(r, 2000));
    const t0 = Date.now();
    a.child.kill('SIGTERM');
    const exit = await Promise.race([a.exited, new Promise<'HUNG'>((r) => setTimeout(() => r('HUNG'), 15_000))]);
    expect({ exit, ms: Date.now() - t0 < 15_000 }).toEqual({ exit: { code: 0, signal: null }, ms: true });
  }

  it('a leader whose lock connection drops holds its projection locks again (or steps down) within a few retry intervals', async () => {
    const db = await createTestDatabase('rp_lock_lost');
    dbs.push(db);
    const a = await leaderWithItsLockConnectionsCut(db); // PROJECTOR_RETRY_MS=300
    await new Promise((r) => setTimeout(r, 3000)); // ten retry intervals
    const held = (await advisoryHolders(db)).length;
    const said = /lost the lock connection|stepped down/.test(a.text());
    // Either it holds its locks again, or it has noticed it lost them. Observed: neither — it goes on
    // "leading" without any lock, so a standby takes the lock and leads too.
    expect({ held: held >= LEDGER_PROJECTIONS.length, said }).toEqual({ held: true, said: true });
  });

  it('after losing its lock, the old leader and a standby do not both lead', async () => {
    const db = await createTestDatabase('rp_split');
    dbs.push(db);
    const a = await leaderWithItsLockConnectionsCut(db);
    const b = startProjector(db);
    projectors.push(b);
    // A steps down and may take its locks again before B is up: either leads each projection, never both.
    await until(() => /projector started/.test(b.text()), 30_000, 'B to start');
    await new Promise((r) => setTimeout(r, 2000));
    const leads = (p: Projector) => {
      const state = new Map<string, boolean>();
      for (const line of p.lines) {
        const m = /"msg":"(leader for|stepped down for) projection (\S+)"/.exec(line);
        if (m) state.set(m[2]!, m[1] === 'leader for');
      }
      return [...state].filter(([, v]) => v).map(([k]) => k).sort();
    };
    const both = leads(a).filter((n) => leads(b).includes(n));
    expect(both).toEqual([]);
  });

  it('SIGTERM to a projector that lost its lock connections (a standby started beside it) exits 0 within 15 s', async () => {
    const db = await createTestDatabase('rp_hang');
    dbs.push(db);
    const a = await leaderWithItsLockConnectionsCut(db);
    const b = startProjector(db);
    projectors.push(b);
    // A steps down and may take its locks again before B is up: either leads each projection, never both.
    await until(() => /projector started/.test(b.text()), 30_000, 'B to start');
    await expectSigtermExitsWithin15s(a);
  });

  it('SIGTERM to a projector that lost its lock connections (no standby) exits 0 within 15 s', async () => {
    const db = await createTestDatabase('rp_hang2');
    dbs.push(db);
    const a = await leaderWithItsLockConnectionsCut(db);
    await expectSigtermExitsWithin15s(a);
  });

  it('only the working (non-lock) connections terminated: recovers within seconds, and the log says so after the error', async () => {
    const db = await createTestDatabase('rp_term_pool');
    dbs.push(db);
    await seed(db, 1, 10);
    const before = await pidsOf(db);
    const p = startProjector(db, { PROJECTION_POLL_INTERVAL_MS: '20' });
    projectors.push(p);
    await waitForProjections(db, 60_000);
    const rows = await db.sql`select pid, query from pg_stat_activity where datname = current_database()`;
    const working = rows.filter((r) => !before.has(Number(r.pid)) && !/advisory_lock|select 1/.test(String(r.query))).map((r) => Number(r.pid));
    expect(working.length).toBeGreaterThan(0);
    const linesBefore = p.lines.length;
    // Terminate the working connections until the projector reports a failure.
    for (let i = 0; i < 20 && !p.lines.slice(linesBefore).some((l) => /failed; retrying/.test(l)); i++) {
      const rows2 = await db.sql`select pid, query from pg_stat_activity where datname = current_database()`;
      const w = rows2.filter((r) => !before.has(Number(r.pid)) && !/advisory_lock|select 1/.test(String(r.query))).map((r) => Number(r.pid));
      await db.sql`select pg_terminate_backend(pid) from unnest(${[...working, ...w]}::int[]) as t(pid)`;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(p.lines.slice(linesBefore).some((l) => /failed; retrying/.test(l))).toBe(true);
    await seed(db, 11, 20);
    const started = Date.now();
    await expectProjectionsConsistent(db, { timeoutMs: 60_000 });
    const took = Date.now() - started;
    const after = p.lines.slice(linesBefore).map((l) => JSON.parse(l) as { level: number; msg: string });
    const errors = after.filter((l) => l.level >= 40);
    if (errors.length > 0) {
      // Having said "failed; retrying", an operator must be told when it works again.
      const lastError = after.lastIndexOf(errors[errors.length - 1]!);
      const laterInfo = after.slice(lastError + 1).filter((l) => l.level === 30);
      expect({ errors: errors.map((e) => e.msg), recoveredSaid: laterInfo.map((l) => l.msg) }).toEqual({ errors: errors.map((e) => e.msg), recoveredSaid: expect.arrayContaining([expect.stringMatching(/./)]) });
    }
    expect(took).toBeLessThan(10_000);
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });

});
