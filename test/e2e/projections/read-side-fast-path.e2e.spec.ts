/**
 * PROJECTION_REBUILD_BACKLOG's fast path vs the batch-by-batch catch-up, and a rebuild while writes arrive (a review, 2026-12-05).
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { adoptPolicy, appoint, assess, registerCadre, removeFromPost, rescind, retract, sanction, township, transfer, command, train } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { dumpProjectionTables, expectProjectionsConsistent } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { pathOf, settle } from './support';

jest.setTimeout(180_000);

function history(n: number): CareerCommand[] {
  const out: CareerCommand[] = [township('T01'), township('T02'), adoptPolicy('2', '2019-01-01')];
  for (let i = 1; i <= n; i++) {
    const c = `K${i}`;
    out.push(registerCadre(c));
    out.push(appoint(c, '2010-01-01', i % 2 ? 'T01' : 'T02', 'STAFF', { id: `${c}-ap` }));
    out.push(assess(c, 2015, 'EXCELLENT', { id: `${c}-g15` }));
    out.push(assess(c, 2016, 'COMPETENT', { id: `${c}-g16` }));
    out.push(sanction(c, '2017-03-01', `S${i}`, 'WARNING', { id: `${c}-s` }));
    out.push(rescind(c, '2017-09-01', `S${i}`, { id: `${c}-r` }));
    out.push(retract(c, '2018-01-01', `${c}-g15`, { id: `${c}-x` }));
    out.push(transfer(c, '2019-01-01', [i % 2 ? 'T01' : 'T02', 'STAFF'], [i % 2 ? 'T02' : 'T01', 'STAFF'], { id: `${c}-tr` }));
    // back-dated
    out.push(train(c, '2011-05-01', { id: `${c}-tn` }));
    out.push(removeFromPost(c, '2020-01-01', i % 2 ? 'T02' : 'T01', 'STAFF', { id: `${c}-off` }));
  }
  out.push(command('TownshipPerformanceScored', { orgUnitId: 'T01' }, '2021-01-31', { year: 2020, score: 91 }));
  return out;
}

describe('PROJECTION_REBUILD_BACKLOG', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('projlife_fast');
  });
  afterAll(() => db?.drop());

  it('the one-pass path and the batch-by-batch catch-up give identical tables; the CLI says what it did', async () => {
    const store = new PostgresEventStore(db.sql);
    const cmds = history(20);
    const result = await importNdjson(Readable.from(cmds.map((c) => `${JSON.stringify(c)}\n`)), store, () => '2025-06-30' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    const env = { DATABASE_URL: db.url, PROJECTION_REBUILD_BACKLOG: '10' };
    // A first answer, far behind: the fast path.
    const caught = await runCli(['projections', 'catch-up'], env);
    expect(caught.code).toBe(0);
    const first = await runCli(['tenure', 'K1', '--as-of', '2022-06-30', '--json'], env);
    expect(first.code).toBe(0);
    const fast = await dumpProjectionTables(db.sql);
    // Same store, projections started again from nothing, caught up batch by batch.
    await db.sql`delete from projection_checkpoints`;
    const slow = await runCli(['projections', 'catch-up'], { DATABASE_URL: db.url, PROJECTION_REBUILD_BACKLOG: '0' });
    expect([slow.code, slow.stderr]).toEqual([0, '']);
    expect(await dumpProjectionTables(db.sql)).toEqual(fast);
    const again = await runCli(['tenure', 'K1', '--as-of', '2022-06-30', '--json'], env);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
    await expectProjectionsConsistent(db, { mode: 'catch-up' });
  });
});

describe('a rebuild while writes are arriving', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('projlife_busy');
  });
  afterAll(() => api?.close());

  it('ends with the tables of a replay, every write in them', async () => {
    const post = async (c: CareerCommand) => {
      const { cadreId: _c, orgUnitId: _o, appealId: _a, ...body } = c as CareerCommand & { cadreId?: string; orgUnitId?: string; appealId?: string };
      const policy = c.type === 'PolicyVersionAdopted';
      const r = await api.request('POST', pathOf(c), { role: 'ADMIN', body: policy ? { id: c.id, ...c.data } : body });
      if (r.status >= 300) throw new Error(`${c.type} ${c.id}: ${r.status} ${JSON.stringify(r.body)}`);
    };
    const all = history(30);
    for (const c of all.slice(0, 150)) await post(c);
    await settle(api);
    const env = { DATABASE_URL: api.db.url };
    const rebuilding = (async () => {
      const out = [];
      for (let i = 0; i < 3; i++) out.push(await runCli(['projections', 'rebuild', 'all', '--batch-size', '7'], env));
      return out;
    })();
    for (const c of all.slice(150)) await post(c);
    const results = await rebuilding;
    for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
    await settle(api);
    await expectProjectionsConsistent(api.db);
    const tenure = await api.request('GET', '/v1/cadres/K30/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' });
    expect(tenure.status).toBe(200);
  });
});
