/**
 * A PostgreSQL ledger restored onto another server (pg_dump, then pg_restore into a new cluster:
 * the recovery after a server is lost). Found by a backup review: the restored events carry
 * transaction ids the new server has not issued, so the store-wide order (read below the ids
 * issued) reached none of them — the digest counted 0 events — and after the first write the read
 * models stayed wrong while saying they were up to date. Here the restore is made as the new
 * cluster sees it: every event's transaction id moved above the server's next one, their order kept.
 * Given that store, no command, no API and no projector opens it (verify still names the events),
 * and migrate-store copies it in its stored order into an empty database, with its API tokens,
 * where every answer, the digest taken before the "restore" and the old token hold again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiTokenRepository } from '@ledger/auth';
import { freePort } from '../../support/free-port';
import { runApp, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const REFUSED = '不是本 PostgreSQL 服务器签发的';

describe('a ledger restored from a dump onto another PostgreSQL server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-restored-elsewhere-'));
  const county = join(dir, 'county.ndjson');
  let restored: TestDatabase;
  const databases: TestDatabase[] = [];
  let eligibilityBefore: unknown;
  let digestBefore: string;
  let token: string;
  let events: number;

  const eligibility = async (url: string) => {
    const r = await runCli(['eligibility', '--as-of', '2025-12-31', '--json'], { DATABASE_URL: url });
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    restored = await createTestDatabase('restored_elsewhere');
    databases.push(restored);
    expect((await runCli(['generate', '--townships', '2', '--years', '12', '--seed', '11', '--out', county])).code).toBe(0);
    const imported = await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: restored.url });
    expect(imported.code).toBe(0);
    const issued = await runCli(['token', 'create', '--role', 'AUDITOR', '--name', '审计员甲', '--json'], { DATABASE_URL: restored.url });
    expect(issued.code).toBe(0);
    token = JSON.parse(issued.stdout).token as string;
    eligibilityBefore = await eligibility(restored.url);
    digestBefore = JSON.parse((await runCli(['digest', '--json'], { DATABASE_URL: restored.url })).stdout).digest as string;
    events = Number((await restored.sql`select count(*)::int as n from events`)[0]!.n);
    // The dump's transaction ids, as a new cluster (whose own ids are far behind) holds them: each
    // moved by one offset above the next id this server issues, so their order is the dump's.
    await restored.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update events set transaction_id = (transaction_id::text::int8 + pg_current_xact_id()::text::int8 + 1000000)::text::xid8`;
    });
  }, 120_000);
  afterAll(async () => {
    for (const d of databases) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no CLI question opens it: each says, in Chinese, that the events were restored from another server and how to recover', async () => {
    for (const args of [['eligibility', '--as-of', '2025-12-31'], ['digest'], ['import', county, '--as', 'ADMIN']]) {
      const r = await runCli(args, { DATABASE_URL: restored.url });
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.stderr).toContain(`事件库中有 ${events} 个事件的事务号`);
      expect(r.stderr).toContain(REFUSED);
      expect(r.stderr).toContain('migrate-store');
      expect(r.stderr).toContain('EVENTS_OUTSIDE_THE_ORDER');
    }
    // Nothing was written by the refused import.
    expect(Number((await restored.sql`select count(*)::int as n from events`)[0]!.n)).toBe(events);
  });

  it('verify still opens it and names the events outside the order', async () => {
    const r = await runCli(['verify', '--json'], { DATABASE_URL: restored.url });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).firstBroken).toMatchObject({ reason: 'OUTSIDE_THE_ORDER' });
    // --all lists the first 1,000 and counts them all (it said 共 1000 处断裂 of 15,214).
    expect(events).toBeGreaterThan(1000);
    const all = await runCli(['verify', '--all', '--json'], { DATABASE_URL: restored.url });
    expect(JSON.parse(all.stdout)).toMatchObject({ ok: false, unlistedOutsideTheOrder: events - 1000 });
    expect(JSON.parse(all.stdout).broken).toHaveLength(1000);
    const human = await runCli(['verify', '--all'], { DATABASE_URL: restored.url });
    expect(human.stdout).toContain(`共 ${events} 处断裂（其中 ${events - 1000} 个不在全局顺序内的事件未逐一列出`);
  });

  it('the API does not start on it (exit 1, the same sentence)', async () => {
    const r = await runApp('apps/api/src/main.ts', [], { DATABASE_URL: restored.url, PORT: String(await freePort()), HOST: '127.0.0.1' }, { killAfterMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(REFUSED);
  });

  it('migrate-store copies it in its stored order into an empty database, its tokens with it: the answers, the digest and the token hold there', async () => {
    const target = await createTestDatabase('restored_target');
    databases.push(target);
    const copied = await runCli(['migrate-store', '--from', restored.url, '--to', target.url]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(`源库有 ${events} 个事件不在其服务器的全局顺序内`);
    expect(copied.stdout).toContain('API 令牌：新复制 1 个');

    expect((await runCli(['verify'], { DATABASE_URL: target.url })).code).toBe(0);
    const proven = await runCli(['verify', '--since-digest', digestBefore, '--json'], { DATABASE_URL: target.url });
    expect(proven.code).toBe(0);
    expect(await eligibility(target.url)).toEqual(eligibilityBefore);
    const auth = await new ApiTokenRepository(target.sql).authenticate(token);
    expect(auth).toMatchObject({ ok: true, principal: { role: 'AUDITOR', name: '审计员甲' } });

    // A restored database is no target: what is copied into it would be ordered before what it holds.
    const into = await runCli(['migrate-store', '--from', target.url, '--to', restored.url]);
    expect(into.code).toBe(5);
    expect(into.stderr).toContain('restored from another server');
    expect(into.stderr).toContain('目标库的事件是从另一台服务器的备份恢复而来');
    expect(into.stderr).not.toContain('复制后目标库哈希链校验未通过');
    // … nor as this ledger (--to left out); as this ledger it is copied out of (--from left out).
    const intoThis = await runCli(['migrate-store', '--from', target.url], { DATABASE_URL: restored.url });
    expect([intoThis.code, intoThis.stderr]).toEqual([1, expect.stringContaining(REFUSED)]);
    const other = await createTestDatabase('restored_other');
    databases.push(other);
    const outOfThis = await runCli(['migrate-store', '--to', other.url], { DATABASE_URL: restored.url });
    expect(outOfThis.code).toBe(0);
    expect(outOfThis.stdout).toContain(`源库有 ${events} 个事件不在其服务器的全局顺序内`);
  }, 120_000);

  it('the side left out is this ledger: a backup with --to alone, restored with --from alone into an empty ledger, tokens and digest with it', async () => {
    const [live, backup, fresh] = [await createTestDatabase('this_live'), await createTestDatabase('this_backup'), await createTestDatabase('this_fresh')];
    databases.push(live, backup, fresh);
    expect((await runCli(['migrate-store', '--from', restored.url, '--to', live.url])).code).toBe(0);

    const saved = await runCli(['migrate-store', '--to', backup.url, '--json'], { DATABASE_URL: live.url });
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ ok: true, from: null, copied: events, tokens: { copied: 1, revoked: 0 } });
    const back = await runCli(['migrate-store', '--from', backup.url], { DATABASE_URL: fresh.url });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('→ 本台账');
    expect((await runCli(['verify', '--since-digest', digestBefore], { DATABASE_URL: fresh.url })).code).toBe(0);
    expect(await new ApiTokenRepository(fresh.sql).authenticate(token)).toMatchObject({ ok: true });

    const neither = await runCli(['migrate-store'], { DATABASE_URL: fresh.url });
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('须给出 --from 或 --to');
    expect(neither.stderr).not.toContain('源库与目标库不能相同');
  }, 120_000);
});
