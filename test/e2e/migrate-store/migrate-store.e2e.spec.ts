/**
 * `migrate-store` between two PostgreSQL databases: a generated county round-trips with identical
 * ids, order, recordedAt and hashes; a rerun is a no-op; a run killed midway (SIGKILL) resumes;
 * a target that differs from the source stops the copy naming stream and revision.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyEventStore } from '@ledger/event-store';
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

    // Its chains are intact, yet it is part of the source: verify says so (it passed as a whole ledger before).
    const stopped = await runCli(['verify', '--json'], { DATABASE_URL: target.url });
    expect(stopped.code).toBe(5);
    const said = JSON.parse(stopped.stdout);
    expect(said).toMatchObject({ ok: false, broken: [], checkedEvents: interrupted, unfinishedCopy: { sourceEvents: total, acceptedAt: null } });
    expect(said.unfinishedCopy.source).not.toContain(source.url.split('@')[0]); // no credentials
    expect(said.summaryZh.join('\n')).toMatch(new RegExp(`校验未通过：本库是一次迁移（migrate-store）的目标.*当时源库有 ${total} 个事件，本库现有 ${interrupted} 个.*UNFINISHED_COPY`));

    const resumed = await runCli(['migrate-store', '--from', source.url, '--to', target.url, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, alreadyPresent: interrupted, copied: total - interrupted, targetEvents: total });
    expect(await eventsInOrder(target)).toEqual(sourceOrder);
    const whole = await runCli(['verify', '--json'], { DATABASE_URL: target.url });
    expect([whole.code, JSON.parse(whole.stdout).unfinishedCopy]).toEqual([0, undefined]);
  });

  it('a copy stopped part-way whose source is lost is accepted as it is, with a reason that verify says from then on and a further copy carries', async () => {
    const target = await newTarget();
    const importer = new PostgresEventStore(target.sql);
    let calls = 0;
    const failing = Object.assign(Object.create(importer) as PostgresEventStore, {
      importStored: async (events: Parameters<PostgresEventStore['importStored']>[0]) => {
        if (++calls === 3) throw new Error('the source server was lost');
        return importer.importStored(events);
      },
    });
    await expect(copyEventStore(new PostgresEventStore(source.sql), failing, { batchSize: 100, sourceName: 'postgres://***@lost-host/ledger' })).rejects.toThrow('the source server was lost');
    expect(await count(target)).toBe(200);

    const bare = await runCli(['migrate-store', '--accept-unfinished', '好'], { DATABASE_URL: target.url });
    expect([bare.code, bare.stderr]).toEqual([1, expect.stringContaining('--accept-unfinished')]);
    const alongside = await runCli(['migrate-store', '--accept-unfinished', '源服务器已损毁', '--to', source.url], { DATABASE_URL: target.url });
    expect([alongside.code, alongside.stderr]).toEqual([1, expect.stringContaining('只作用于本台账')]);
    const accepted = await runCli(['migrate-store', '--accept-unfinished', '源服务器已损毁，按现状启用'], { DATABASE_URL: target.url });
    expect([accepted.code, accepted.stderr]).toEqual([0, '']);
    expect(accepted.stdout).toMatch(/^已确认：本库是一次迁移（migrate-store）的目标，复制自 postgres:\/\/\*\*\*@lost-host\/ledger，.*本库现有 200 个；复制未完成，已于 .* 由 cli:\S+ 确认按现状使用，理由：源服务器已损毁，按现状启用。/);
    const verified = await runCli(['verify'], { DATABASE_URL: target.url });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^校验通过：.*200 个事件，哈希链完整。\n注意：本库是一次迁移.*理由：源服务器已损毁，按现状启用。/);

    // Copied on, the copy says the same of itself: a part never passes for a whole ledger.
    const onward = await newTarget();
    const copied = await runCli(['migrate-store', '--to', onward.url], { DATABASE_URL: target.url });
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('注意：源库本身是一次未完成的迁移的目标');
    const onwardVerified = await runCli(['verify', '--json'], { DATABASE_URL: onward.url });
    expect([onwardVerified.code, JSON.parse(onwardVerified.stdout).unfinishedCopy]).toEqual([
      0,
      expect.objectContaining({ source: 'postgres://***@lost-host/ledger', acceptedReason: '源服务器已损毁，按现状启用' }),
    ]);

    // A whole ledger has nothing to accept.
    const nothing = await runCli(['migrate-store', '--accept-unfinished', '源服务器已损毁'], { DATABASE_URL: source.url });
    expect([nothing.code, nothing.stderr]).toEqual([1, expect.stringContaining('本台账不是未完成的迁移的目标')]);
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
