/**
 * `npm run ledger -- verify` against a real PostgreSQL: exit 0 on an intact store; after a
 * superuser tampers with the events table, a non-zero exit naming the stream and revision.
 */
import { verifyStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/run-cli';

describe('verify (CLI)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('verify_cli');
    const store = new PostgresEventStore(db.sql);
    for (let i = 0; i < 4; i++) {
      await store.append(
        `cadre-V${i}`,
        [0, 1, 2].map((n) => ({ eventId: `v-${i}-${n}`, type: 'TrainingCompleted', schemaVersion: 1, effectiveDate: '2021-05-0' + (n + 1), actor: 'clerk', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } })),
        'no_stream',
      );
    }
  });
  afterAll(() => db.drop());

  it('refuses UPDATE, DELETE and TRUNCATE of events at the database', async () => {
    await expect(db.sql`update events set actor = 'x' where event_id = 'v-0-0'`).rejects.toMatchObject({ code: '42501' });
    await expect(db.sql`delete from events where event_id = 'v-0-0'`).rejects.toMatchObject({ code: '42501' });
    await expect(db.sql`truncate events`).rejects.toMatchObject({ code: '42501' });
    await expect(db.sql`delete from event_streams`).rejects.toMatchObject({ code: '42501' });
  });

  it('exits 0 on an intact store', async () => {
    const human = await runCli(['verify'], { DATABASE_URL: db.url });
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('校验通过');
    const json = await runCli(['verify', '--json'], { DATABASE_URL: db.url });
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, checkedEvents: 12, checkedStreams: 4, broken: [], summaryZh: ['校验通过：4 条事件流、12 个事件，哈希链完整。'] });
  });

  it('an intact store verifies while writes commit between the reads of its events and its heads (found by a review: HEAD_MISMATCH under load)', async () => {
    const store = new PostgresEventStore(db.sql);
    let writing = true;
    const writer = async (stream: string) => {
      for (let n = 0; writing; n++) {
        await store.append(stream, [{ eventId: `${stream}-${n}`, type: 'HealthCheckCompleted', schemaVersion: 1, effectiveDate: '2021-06-01', actor: 'clerk', data: {} }], n === 0 ? 'no_stream' : n - 1);
      }
    };
    const writers = ['cadre-W1', 'cadre-W2', 'cadre-W3'].map(writer);
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await verifyStore(store));
    // The CLI checks the same way (found by a mutation review: it could have called verifyChains unnoticed).
    const cli = [];
    for (let i = 0; i < 3; i++) cli.push(await runCli(['verify', '--json'], { DATABASE_URL: db.url }));
    writing = false;
    await Promise.all(writers);
    expect(answers.filter((a) => !a.ok).map((a) => a.firstBroken)).toEqual([]);
    expect(cli.map((r) => [r.code, JSON.parse(r.stdout).ok])).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ]);
    // Each stream read again only when the bulk scan saw a head out of step, so the scans did race.
    expect(answers.at(-1)!.checkedStreams).toBeGreaterThan(4);
  });

  it('exits non-zero naming the stream and revision after a row is changed, and after one is deleted', async () => {
    await db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update events set effective_date = '2021-06-01' where stream_id = 'cadre-V2' and revision = 1`;
    });
    const changed = await runCli(['verify', '--json'], { DATABASE_URL: db.url });
    expect(changed.code).toBe(3);
    expect(JSON.parse(changed.stdout).firstBroken).toMatchObject({ streamId: 'cadre-V2', revision: 1, reason: 'HASH_MISMATCH' });

    await db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`delete from events where stream_id = 'cadre-V1' and revision = 0`;
    });
    const deleted = await runCli(['verify'], { DATABASE_URL: db.url });
    expect(deleted.code).toBe(3);
    expect(deleted.stdout).toContain('事件流 cadre-V1 第 0 号事件');
    // --all names every break, each at its own event (found by a review: only the first was named).
    const all = await runCli(['verify', '--all', '--json'], { DATABASE_URL: db.url });
    expect(all.code).toBe(3);
    expect(JSON.parse(all.stdout).broken.map((b: { streamId: string; revision: number }) => [b.streamId, b.revision])).toEqual([
      ['cadre-V1', 0],
      ['cadre-V2', 1],
    ]);
    const allHuman = await runCli(['verify', '--all'], { DATABASE_URL: db.url });
    expect(allHuman.stdout.match(/^校验失败：/gm)).toHaveLength(2);
    expect(allHuman.stdout).toContain('共 2 处断裂');
  });
});
