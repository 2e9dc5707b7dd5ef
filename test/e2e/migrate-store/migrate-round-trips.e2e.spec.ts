/**
 * migrate-store through the real CLI, PostgreSQL ⇄ EventStoreDB (wire fake) ⇄ PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { EsdbWireFake } from '../../support/esdb-wire-fake';

async function eventsInOrder(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql`
    select event_id, stream_id, revision, type, schema_version, effective_date::text as ed, actor, document_ref, correlation_id, causation_id,
      data::text as data, metadata::text as metadata,
      to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at, hash
    from events order by transaction_id, global_position`;
  return rows.map((r) => Object.values(r).join('|'));
}
const count = async (db: TestDatabase) => Number((await db.sql`select count(*)::int as n from events`)[0]!.n);

describe('migrate-store round trips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-round-'));
  const county = join(dir, 'county.ndjson');
  let source: TestDatabase;
  let total: number;
  const dbs: TestDatabase[] = [];
  const fakes: EsdbWireFake[] = [];
  const newDb = async (label: string) => {
    const t = await createTestDatabase(label);
    dbs.push(t);
    return t;
  };

  beforeAll(async () => {
    source = await newDb('rv_mig_src');
    const generated = await runCli(['generate', '--townships', '2', '--years', '3', '--seed', '7', '--out', county]);
    expect(generated.code).toBe(0);
    const imported = await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: source.url });
    expect(imported.code).toBe(0);
    total = await count(source);
    expect(total).toBeGreaterThan(50);
  });
  afterAll(async () => {
    for (const f of fakes) await f.stop();
    for (const t of dbs) await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a digest kept before the migration still verifies on the migrated store (verify --since-digest)', async () => {
    const digest = await runCli(['digest', '--json'], { DATABASE_URL: source.url });
    expect(digest.code).toBe(0);
    const d = JSON.parse(digest.stdout).digest as string;
    const target = await newDb('rv_mig_dig');
    const run = await runCli(['migrate-store', '--from', source.url, '--to', target.url, '--json']);
    expect(run.code).toBe(0);
    // Same events, same order, same hashes: the ledger is unchanged, so the kept digest must be provable on it.
    const onSource = await runCli(['verify', '--since-digest', d], { DATABASE_URL: source.url });
    expect(onSource.code).toBe(0);
    const onTarget = await runCli(['verify', '--since-digest', d], { DATABASE_URL: target.url });
    expect(`${onTarget.code} ${onTarget.stdout} ${onTarget.stderr}`).toMatch(/^0 /);
  });

  it('PG → ESDB (wire fake) → PG gives an identical store: events, envelope, recordedAt, hashes and order', async () => {
    const fake = await EsdbWireFake.start();
    fakes.push(fake);
    const esdb = fake.url();
    const there = await runCli(['migrate-store', '--from', source.url, '--to', esdb, '--json']);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(JSON.parse(there.stdout)).toMatchObject({ ok: true, copied: total, targetEvents: total });
    const back = await newDb('rv_mig_back');
    const home = await runCli(['migrate-store', '--from', esdb, '--to', back.url, '--json']);
    expect(home.stderr).toBe('');
    expect(home.code).toBe(0);
    expect(await eventsInOrder(back)).toEqual(await eventsInOrder(source));
    expect((await runCli(['verify'], { DATABASE_URL: back.url })).code).toBe(0);
    // Rerun both ways: nothing copied.
    const again = await runCli(['migrate-store', '--from', source.url, '--to', esdb, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, copied: 0, alreadyPresent: total });
  });

  it('the digest of the store is the same after PG → ESDB (same events, same order)', async () => {
    const fake = await EsdbWireFake.start();
    fakes.push(fake);
    const there = await runCli(['migrate-store', '--from', source.url, '--to', fake.url(), '--json']);
    expect(there.code).toBe(0);
    const a = await runCli(['digest', '--json'], { DATABASE_URL: source.url });
    const d = JSON.parse(a.stdout).digest as string;
    const scratch = await newDb('rv_mig_esdbdig');
    const onEsdb = await runCli(['verify', '--since-digest', d], { DATABASE_URL: scratch.url, EVENTSTORE_URL: fake.url() });
    expect(`${onEsdb.code} ${onEsdb.stdout} ${onEsdb.stderr}`).toMatch(/^0 /);
  });

  it('refuses a non-empty target holding another ledger before copying anything into it', async () => {
    const target = await newDb('rv_mig_nonempty');
    const foreign = new PostgresEventStore(target.sql);
    await foreign.append('cadre-FOREIGN', [{ eventId: 'foreign-1', type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2020-01-01', actor: 'x', data: { a: 1 } }], 'no_stream');
    const run = await runCli(['migrate-store', '--from', source.url, '--to', target.url]);
    expect(run.code).toBe(5);
    // The copy is refused, so the other ledger is not mixed with this one.
    expect(await count(target)).toBe(1);
  });

  it('a target holding one of the source event ids under another stream stops with exit 5 naming it (not a crash)', async () => {
    const target = await newDb('rv_mig_idclash');
    const [first] = await new PostgresEventStore(source.sql).readAll({ batchSize: 1 }).then((b) => b.events);
    await new PostgresEventStore(target.sql).append('cadre-ELSEWHERE', [{ ...first!, data: { other: true } }], 'no_stream');
    const run = await runCli(['migrate-store', '--from', source.url, '--to', target.url]);
    expect(`${run.code} ${run.stderr}`).toMatch(/^5 /);
    expect(run.stderr).toContain('迁移中止');
  });

  it('after PG → PG the target read models, once rebuilt, verify and answer as the source does', async () => {
    const target = await newDb('rv_mig_proj');
    const run = await runCli(['migrate-store', '--from', source.url, '--to', target.url]);
    expect(run.code).toBe(0);
    for (const db of [source, target]) {
      const c = await runCli(['projections', 'catch-up'], { DATABASE_URL: db.url });
      expect(c.code).toBe(0);
    }
    const pv = await runCli(['projections', 'verify', '--json'], { DATABASE_URL: target.url });
    expect(pv.code).toBe(0);
    const q = (db: TestDatabase) => runCli(['report', 'focus-ledger', '--as-of', '2024-12-31', '--json'], { DATABASE_URL: db.url });
    const [a, b] = [await q(source), await q(target)];
    expect(b.code).toBe(0);
    expect(b.stdout).toEqual(a.stdout);
  });
});
