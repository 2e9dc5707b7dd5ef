/**
 * the projector process as an operator runs it — far-behind rebuild, version bumps,
 * SIGKILL/SIGTERM mid-work, and the resulting read models compared with a fresh fold.
 */
import { LEDGER_PROJECTIONS } from '@ledger/projections';
import { expectProjectionsConsistent, waitForProjections } from '../../support/projections';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { CareerCommandService } from '@ledger/application';
import { calendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { runCli } from '../../support/run-cli';
import { importCounty, started, startProjector, until, type Projector } from './support';

jest.setTimeout(240_000);

describe('projector lifecycle', () => {
  const projectors: Projector[] = [];
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const p of projectors) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(projectors.map((p) => p.exited));
    for (const db of dbs) await db.drop();
  });
  const newDb = async (label: string) => {
    const db = await createTestDatabase(label);
    dbs.push(db);
    return db;
  };

  it('says in its log which ledger it serves (the database without its password), and warns when that ledger holds no event at all (found by an operator’s review: a mistyped data directory went unsaid)', async () => {
    const empty = await newDb('rp_empty');
    const p = startProjector(empty);
    projectors.push(p);
    await started(p);
    const warned = p.lines.map((l) => JSON.parse(l) as { level: number; msg: string; database?: string }).find((l) => l.msg.includes('opened a ledger with no event at all'));
    expect(warned).toMatchObject({ level: 40, database: expect.stringMatching(/^postgres(ql)?:\/\/\*\*\*@/) });
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);

    const full = await newDb('rp_full');
    await importCounty(full, 1, 2, 5);
    const q = startProjector(full);
    projectors.push(q);
    await started(q);
    expect(q.text()).toMatch(/"msg":"projector ledger opened"/);
    expect(q.text()).not.toContain('no event at all');
    q.child.kill('SIGTERM');
    expect((await q.exited).code).toBe(0);
  });

  it('a projector started far behind rebuilds in one pass (PROJECTION_REBUILD_BACKLOG), as the README says', async () => {
    const db = await newDb('rp_backlog');
    await importCounty(db);
    const p = startProjector(db, { PROJECTION_REBUILD_BACKLOG: '10' });
    projectors.push(p);
    await waitForProjections(db, 90_000);
    const rebuilt = await db.sql`select projection, rebuilt_at from projection_checkpoints order by projection`;
    // README: "a projection catching up at least this many events behind (after a bulk import, or a
    // projector started late) rebuilds in one pass". Expect the log line and rebuilt_at.
    expect(p.text()).toContain('rebuilding in one pass');
    expect(rebuilt.filter((r) => r.rebuilt_at !== null).map((r) => r.projection).sort()).toEqual(LEDGER_PROJECTIONS.map((x) => x.name).sort());
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });

  it('after an upgrade (tables of an older version) the projector rebuilds every projection and catches up', async () => {
    const db = await newDb('rp_version');
    await importCounty(db, 3, 6, 11);
    const first = startProjector(db);
    projectors.push(first);
    await waitForProjections(db, 90_000);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    // Pretend the code moved on one version for every projection.
    await db.sql`update projection_checkpoints set version = version - 1 where version > 1`;
    const second = startProjector(db);
    projectors.push(second);
    await expectProjectionsConsistent(db, { timeoutMs: 90_000 });
    await started(second);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('SIGKILL mid catch-up, restart: read models equal a fresh fold (nothing skipped or applied twice)', async () => {
    const db = await newDb('rp_kill');
    await importCounty(db, 5, 10, 3);
    for (let round = 0; round < 3; round++) {
      const p = startProjector(db, { PROJECTION_REBUILD_BACKLOG: '0' });
      projectors.push(p);
      // Wait until some checkpoint moved (or a short time), then kill.
      await until(async () => (await db.sql`select coalesce(sum(events_applied),0)::int as n from projection_checkpoints`)[0]!.n > 0, 60_000, 'some progress');
      await new Promise((r) => setTimeout(r, 150 + round * 200));
      p.child.kill('SIGKILL');
      await p.exited;
    }
    const last = startProjector(db, { PROJECTION_REBUILD_BACKLOG: '0' });
    projectors.push(last);
    await expectProjectionsConsistent(db, { timeoutMs: 120_000 });
    const [{ n }] = (await db.sql`select count(*)::int as n from events`) as unknown as [{ n: number }];
    const cps = await db.sql`select projection, events_applied from projection_checkpoints`;
    for (const c of cps) expect({ projection: c.projection, applied: Number(c.events_applied) }).toEqual({ projection: c.projection, applied: n });
    await started(last);
    last.child.kill('SIGTERM');
    expect((await last.exited).code).toBe(0);
  });

  it('SIGTERM during a catch-up exits 0 promptly and a restart finishes consistently', async () => {
    const db = await newDb('rp_term');
    await importCounty(db, 5, 10, 5);
    const p = startProjector(db, { PROJECTION_REBUILD_BACKLOG: '0' });
    projectors.push(p);
    await until(async () => (await db.sql`select coalesce(sum(events_applied),0)::int as n from projection_checkpoints`)[0]!.n > 0, 60_000, 'some progress');
    const t0 = Date.now();
    p.child.kill('SIGTERM');
    const exit = await p.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(15_000);
    const again = startProjector(db);
    projectors.push(again);
    await expectProjectionsConsistent(db, { timeoutMs: 120_000 });
    await started(again);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });

  it('far behind: catch-up rebuilds in one pass while writes keep arriving; status shows the lag before, none after; no event lost', async () => {
    const db = await newDb('rp_far');
    await importCounty(db, 3, 6, 9);
    const [{ n: stored }] = (await db.sql`select count(*)::int as n from events`) as unknown as [{ n: number }];
    const before = JSON.parse((await runCli(['projections', 'status', '--json'], { DATABASE_URL: db.url })).stdout) as { projections: { name: string; lagEvents: number; eventsApplied: number }[] };
    for (const s of before.projections) expect({ name: s.name, lag: s.lagEvents, applied: s.eventsApplied }).toEqual({ name: s.name, lag: stored, applied: 0 });
    const service = new CareerCommandService(new PostgresEventStore(db.sql), () => calendarDate('2026-01-01'));
    await service.execute({ id: 'reg-TX', type: 'OrgUnitRegistered', orgUnitId: 'TX', effectiveDate: '2000-01-01', data: { name: '新镇', kind: 'TOWNSHIP' } }, { actor: 'test' });
    let stop = false;
    const writer = (async () => {
      for (let i = 1; !stop && i < 400; i++) {
        await service.execute({ id: `reg-X${i}`, type: 'CadreRegistered', cadreId: `X${i}`, effectiveDate: '2000-01-01', data: { name: `新${i}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } }, { actor: 'test' });
      }
    })();
    const caught = await runCli(['projections', 'catch-up', '--json'], { DATABASE_URL: db.url, PROJECTION_REBUILD_BACKLOG: '10' });
    stop = true;
    await writer;
    expect(caught.code).toBe(0);
    const p = startProjector(db);
    projectors.push(p);
    await expectProjectionsConsistent(db, { timeoutMs: 60_000 });
    const [{ n }] = (await db.sql`select count(*)::int as n from events`) as unknown as [{ n: number }];
    for (const c of await db.sql`select projection, events_applied, rebuilt_at from projection_checkpoints`) expect({ p: c.projection, applied: Number(c.events_applied), rebuilt: c.rebuilt_at !== null }).toEqual({ p: c.projection, applied: n, rebuilt: true });
    // SIGTERM once it runs (one sent while Node still loads its modules ends it by the signal's default).
    await until(() => /projector started/.test(p.text()), 30_000, 'the projector to start');
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });
});
