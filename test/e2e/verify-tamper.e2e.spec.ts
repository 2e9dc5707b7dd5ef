/**
 * Every hashed column of the PostgreSQL events table, changed alone by a superuser with the
 * append-only trigger disabled, breaks `verify` at that event; put back, the store verifies again.
 * (The unit known-answer test pins the hash; this shows the store hands back what it hashed.)
 */
import { verifyChains } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/run-cli';

/** Column → the SQL expression that changes it and the one that puts it back. */
const TAMPERS: ReadonlyArray<[column: string, change: string, restore: string, reason: string]> = [
  ['event_id', `event_id || 'x'`, `left(event_id, -1)`, 'HASH_MISMATCH'],
  ['type', `'TrainingCancelled'`, `'TrainingCompleted'`, 'HASH_MISMATCH'],
  ['schema_version', `2`, `1`, 'HASH_MISMATCH'],
  ['effective_date', `effective_date + 1`, `effective_date - 1`, 'HASH_MISMATCH'],
  ['recorded_at', `recorded_at + interval '1 millisecond'`, `recorded_at - interval '1 millisecond'`, 'HASH_MISMATCH'],
  ['actor', `actor || 'x'`, `left(actor, -1)`, 'HASH_MISMATCH'],
  ['document_ref', `document_ref || 'x'`, `left(document_ref, -1)`, 'HASH_MISMATCH'],
  ['correlation_id', `correlation_id || 'x'`, `left(correlation_id, -1)`, 'HASH_MISMATCH'],
  ['causation_id', `causation_id || 'x'`, `left(causation_id, -1)`, 'HASH_MISMATCH'],
  ['data', `data || '{"level":"PROVINCE"}'::jsonb`, `data || '{"level":"COUNTY"}'::jsonb`, 'HASH_MISMATCH'],
  ['metadata', `metadata || '{"note":"x"}'::jsonb`, `metadata - 'note'`, 'HASH_MISMATCH'],
  ['hash', `md5(hash) || md5(hash)`, `'__restore__'`, 'HASH_MISMATCH'],
  // Revision and stream id also place the event: changed alone, the chain has a hole there.
  ['revision', `revision + 10`, `revision - 10`, 'REVISION_GAP'],
  ['stream_id', `stream_id || 'x'`, `left(stream_id, -1)`, 'REVISION_GAP'],
];

const streamOf = (column: string) => `cadre-T-${column.replace(/_/g, '')}`;

describe('verify after a superuser changes one hashed column', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const verify = () => verifyChains(store.scanStreams(), store.scanHeads());
  const asSuperuser = (statement: (tx: TestDatabase['sql']) => Promise<unknown>) =>
    db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await statement(tx as unknown as TestDatabase['sql']);
    });

  beforeAll(async () => {
    db = await createTestDatabase('verify_tamper');
    store = new PostgresEventStore(db.sql);
    for (const [column] of TAMPERS) {
      await store.append(
        streamOf(column),
        [0, 1, 2].map((n) => ({
          eventId: `${column}-${n}`,
          type: 'TrainingCompleted',
          schemaVersion: 1,
          effectiveDate: `2021-05-0${n + 1}`,
          actor: 'CLERK:王录入#tok_1',
          documentRef: `青委〔2021〕${n}号`,
          correlationId: `corr-${column}`,
          causationId: `cause-${column}-${n}`,
          data: { programme: '乡镇党委书记培训班', level: 'COUNTY' },
          metadata: { source: 'spec' },
        })),
        'no_stream',
      );
    }
  });
  afterAll(() => db.drop());

  it('an untouched store verifies', async () => {
    expect(await verify()).toEqual({ ok: true, checkedEvents: 3 * TAMPERS.length, checkedStreams: TAMPERS.length, broken: [] });
  });

  it.each(TAMPERS)('changing %s breaks the chain at that event, and putting it back mends it', async (column, change, restore, reason) => {
    const stream = streamOf(column);
    const [before] = await db.sql`select hash from events where stream_id = ${stream} and revision = 1`;
    await asSuperuser((tx) => tx.unsafe(`update events set ${column} = ${change} where stream_id = $1 and revision = 1`, [stream]));
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ streamId: stream, revision: 1, reason });

    const id = column === 'event_id' ? `${column}-1x` : `${column}-1`;
    const put = restore === `'__restore__'` ? `'${String(before!.hash)}'` : restore;
    await asSuperuser((tx) => tx.unsafe(`update events set ${column} = ${put} where event_id = $1`, [id]));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('the CLI names the stream and revision of a changed recorded_at', async () => {
    const stream = streamOf('recorded_at');
    await asSuperuser((tx) => tx.unsafe(`update events set recorded_at = recorded_at + interval '1 second' where stream_id = $1 and revision = 2`, [stream]));
    const result = await runCli(['verify', '--json'], { DATABASE_URL: db.url });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).firstBroken).toMatchObject({ streamId: stream, revision: 2, reason: 'HASH_MISMATCH' });
    // For people: the break's reason in Chinese, its code beside it.
    const human = await runCli(['verify'], { DATABASE_URL: db.url });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain(`的履历事件流 ${stream} 第 2 号事件（recorded_at-2，`);
    expect(human.stdout).toContain('处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
  });
  it('the CLI names an event whose transaction id was moved past the ids issued: the digest and the projections never reach it (found by a review)', async () => {
    const stream = streamOf('actor');
    const [original] = await db.sql`select transaction_id::text as x from events where stream_id = ${stream} and revision = 2`;
    await asSuperuser((tx) => tx.unsafe(`update events set transaction_id = (pg_current_xact_id()::text::int8 + 1000000)::text::xid8 where stream_id = $1 and revision = 2`, [stream]));
    const human = await runCli(['verify', '--all'], { DATABASE_URL: db.url });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain(`的履历事件流 ${stream} 第 2 号事件（actor-2，`);
    expect(human.stdout).toContain('处断裂：事件在全局顺序中的位置被改动，摘要与投影均读不到它 [OUTSIDE_THE_ORDER]。');
    await asSuperuser((tx) => tx.unsafe(`update events set transaction_id = $2::text::xid8 where stream_id = $1 and revision = 2`, [stream, String(original!.x)]));
    expect(await runCli(['verify', '--json'], { DATABASE_URL: db.url })).toMatchObject({ code: 3 }); // the recorded_at change above is still there
    expect(JSON.parse((await runCli(['verify', '--json', '--all'], { DATABASE_URL: db.url })).stdout).broken.map((b: { reason: string }) => b.reason)).toEqual(['HASH_MISMATCH']);
  });
});
