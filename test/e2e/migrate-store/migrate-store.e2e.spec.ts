/**
 * `migrate-store` between two PostgreSQL databases: a generated county round-trips with identical
 * ids, order, recordedAt and hashes; a rerun is a no-op; a run killed midway (SIGKILL) resumes;
 * a target that differs from the source stops the copy naming stream and revision.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { nodeEntry, ROOT, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventsInOrder(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql`
    select event_id, stream_id, revision, to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, hash
    from events order by transaction_id, global_position`;
  return rows.map((r) => `${r.event_id}|${r.stream_id}|${r.revision}|${r.recorded_at}|${r.hash}`);
}

const count = async (db: TestDatabase) => Number((await db.sql`select count(*)::int as n from events`)[0]!.n);

describe('migrate-store (PostgreSQL → PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-migrate-store-'));
  const county = join(dir, 'county.ndjson');
  let source: TestDatabase;
  let total: number;
  let sourceOrder: string[];
  const targets: TestDatabase[] = [];
  const newTarget = async () => {
    const t = await createTestDatabase('migrate_target');
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    source = await createTestDatabase('migrate_source');
    const generated = await runCli(['generate', '--townships', '3', '--years', '6', '--seed', '5', '--out', county]);
    expect(generated.code).toBe(0);
    // A generated county holds appeal events too: only ADMIN may import both kinds.
    const imported = await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: source.url });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).rejected).toEqual([]);
    total = await count(source);
    sourceOrder = await eventsInOrder(source);
    expect(total).toBeGreaterThan(1000);
  });
  afterAll(async () => {
    for (const t of targets) await t.drop();
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every stream with identical ids, order, recordedAt and hashes; a second run is a no-op', async () => {
    const target = await newTarget();
    const first = await runCli(['migrate-store', '--from', source.url, '--to', target.url, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, sourceEvents: total, copied: total, alreadyPresent: 0, targetEvents: total });
    expect(JSON.parse(first.stdout).to).not.toContain(target.url.split('@')[0]); // credentials redacted
    expect(await eventsInOrder(target)).toEqual(sourceOrder);

    const again = await runCli(['migrate-store', '--from', source.url, '--to', target.url]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('迁移完成');
    expect(again.stdout).toContain(`本次复制 0 个事件，目标库已有 ${total} 个`);
    expect(await count(target)).toBe(total);
    expect((await runCli(['verify'], { DATABASE_URL: target.url })).code).toBe(0);
  });

  it('resumes after being killed midway (SIGKILL), copying only what is missing', async () => {
    const target = await newTarget();
    // One event per transaction, so the kill lands mid-copy.
    const child = spawn(process.execPath, [...nodeEntry('apps/cli/src/main.ts'), 'migrate-store', '--from', source.url, '--to', target.url, '--batch-size', '1', '--json'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let atKill = 0;
    for (let i = 0; i < 1200 && atKill < 50; i++) {
      await sleep(25);
      atKill = await count(target);
    }
    child.kill('SIGKILL');
    await exited;
    const interrupted = await count(target);
    expect(atKill).toBeGreaterThanOrEqual(50);
    expect(interrupted).toBeLessThan(total);

    const resumed = await runCli(['migrate-store', '--from', source.url, '--to', target.url, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, alreadyPresent: interrupted, copied: total - interrupted, targetEvents: total });
    expect(await eventsInOrder(target)).toEqual(sourceOrder);
  });

  it('stops at a target that differs from the source, naming stream and revision', async () => {
    const target = await newTarget();
    const [firstEvent] = await new PostgresEventStore(source.sql).readAll({ batchSize: 1 }).then((b) => b.events);
    await new PostgresEventStore(target.sql).append(firstEvent!.streamId, [{ ...firstEvent!, eventId: 'not-from-the-source' }], 'no_stream');
    const run = await runCli(['migrate-store', '--from', source.url, '--to', target.url]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`迁移中止 — 目标库与源库不一致：事件流 ${firstEvent!.streamId}，第 0 号事件。`);
    expect(run.stderr).toContain(`the target differs from the source at stream ${firstEvent!.streamId}, revision 0`);
    expect(await count(target)).toBe(1);
  });

  it('refuses arguments that name no event store, or the same store twice', async () => {
    const bad = await runCli(['migrate-store', '--from', 'mysql://x', '--to', source.url]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from');
    const same = await runCli(['migrate-store', '--from', source.url, '--to', source.url]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('源库与目标库不能相同');
    // zod's own checks in Chinese too (it said "--batch-size Too small: expected number to be >=1").
    const batch = await runCli(['migrate-store', '--from', source.url, '--to', 'postgres://127.0.0.1:1/none', '--batch-size', '-5']);
    expect(batch.code).toBe(1);
    expect(batch.stderr).toMatch(/--batch-size[^（(]*\p{Script=Han}/u);
  });
});
