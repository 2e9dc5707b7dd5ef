/**
 * migrate-store into the EventStoreDB adapter killed midway and resumed; sources with a broken chain.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbClientGateway, EsdbEventStore } from '@ledger/event-store-esdb';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { ROOT, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { EsdbWireFake } from '../../support/esdb-wire-fake';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function everything(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let after: StoredEvent['position'] | undefined;
  for (;;) {
    const b = await store.readAll({ ...(after ? { after } : {}), batchSize: 500 });
    out.push(...b.events);
    after = b.lastPosition;
    if (b.events.length < 500) return out;
  }
}
const key = (e: StoredEvent) => `${e.eventId}|${e.streamId}|${e.revision}|${e.recordedAt}|${e.hash}|${JSON.stringify(e.metadata)}`;

describe('migrate-store resume and broken sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-resume-'));
  const county = join(dir, 'county.ndjson');
  let source: TestDatabase;
  const dbs: TestDatabase[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    source = await createTestDatabase('mig_mig_r_src');
    dbs.push(source);
    expect((await runCli(['generate', '--townships', '2', '--years', '3', '--seed', '11', '--out', county])).code).toBe(0);
    expect((await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: source.url })).code).toBe(0);
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    for (const t of dbs) await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const esdbTarget = async () => {
    const fake = await EsdbWireFake.start();
    const gateway = DbClientGateway.connect(fake.url());
    cleanups.push(async () => {
      await gateway.close();
      await fake.stop();
    });
    return { url: fake.url(), store: new EsdbEventStore(gateway), gateway };
  };

  it('PG → ESDB killed midway (SIGKILL) resumes without duplicates or gaps, same order', async () => {
    const { url, store } = await esdbTarget();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), 'migrate-store', '--from', source.url, '--to', url, '--batch-size', '1'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    let atKill = 0;
    for (let i = 0; i < 1200 && atKill < 40; i++) {
      await sleep(25);
      atKill = (await everything(store)).length;
    }
    child.kill('SIGKILL');
    await exited;
    expect(atKill).toBeGreaterThanOrEqual(40);
    const resumed = await runCli(['migrate-store', '--from', source.url, '--to', url, '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const { PostgresEventStore } = await import('@ledger/event-store-postgres');
    const src = await everything(new PostgresEventStore(source.sql));
    expect((await everything(store)).map(key)).toEqual(src.map(key));
  });

  it('refuses a PostgreSQL source whose chain is broken, writing nothing to the target, exit 5', async () => {
    const broken = await createTestDatabase('mig_mig_broken');
    dbs.push(broken);
    expect((await runCli(['migrate-store', '--from', source.url, '--to', broken.url])).code).toBe(0);
    const [victim] = await broken.sql`select stream_id, revision from events order by transaction_id, global_position offset 5 limit 1`;
    await broken.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update events set data = data || '{"tampered": true}'::jsonb where stream_id = ${victim!.stream_id} and revision = ${victim!.revision}`;
    });
    const { url, store } = await esdbTarget();
    const run = await runCli(['migrate-store', '--from', broken.url, '--to', url]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('源库哈希链校验未通过');
    expect(run.stderr).toContain(String(victim!.stream_id));
    expect(await everything(store)).toHaveLength(0);
  });

  it('refuses a PostgreSQL source with an event deleted from the middle of a stream', async () => {
    const broken = await createTestDatabase('mig_mig_gap');
    dbs.push(broken);
    expect((await runCli(['migrate-store', '--from', source.url, '--to', broken.url])).code).toBe(0);
    const [victim] = await broken.sql`select stream_id, revision from events where revision = 1 order by transaction_id, global_position limit 1`;
    await broken.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`delete from events where stream_id = ${victim!.stream_id} and revision = 1`;
    });
    const target = await createTestDatabase('mig_mig_gap_t');
    dbs.push(target);
    const run = await runCli(['migrate-store', '--from', broken.url, '--to', target.url]);
    expect(run.code).toBe(5);
    expect(Number((await target.sql`select count(*)::int as n from events`)[0]!.n)).toBe(0);
  });
});
