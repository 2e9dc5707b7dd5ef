/**
 * Migration 20261207000160 on a ledger already written (an installation upgraded in place): each
 * stream's head gets its last event's recordedAt, so that the first append after the upgrade is held
 * to it as every later one is; the Down half gives back the function and the heads as they were.
 */
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { migrationHalves } from './migration-halves';

const MIGRATION = '20261207000160_append-clock-forward';
const event = (eventId: string) => ({ eventId, type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} });

describe(`migration ${MIGRATION}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migration_clock_forward');
  });
  afterAll(async () => db.drop());

  it('given streams written before it, when it runs, then each head holds its last event’s recordedAt and the next append is held to it', async () => {
    // Given: the schema before (no last_recorded_at), two streams written by the function of then
    await db.sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).down));
    const store = new PostgresEventStore(db.sql);
    await store.append('cadre-M1', [event('m1-0'), event('m1-1')], 'no_stream');
    await store.append('cadre-M2', [event('m2-0')], 'no_stream');
    // When
    await db.sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).up));
    // Then
    const heads = await db.sql`
      select s.stream_id, s.last_recorded_at = e.recorded_at as same
      from event_streams s join events e on e.stream_id = s.stream_id and e.revision = s.revision order by s.stream_id`;
    expect(heads.map((h) => [h.stream_id, h.same])).toEqual([
      ['cadre-M1', true],
      ['cadre-M2', true],
    ]);
    // A head moved two hours ahead of the clock is held to: the append is refused.
    await db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update event_streams set last_recorded_at = clock_timestamp() + interval '2 hours' where stream_id = 'cadre-M1'`;
    });
    await expect(store.append('cadre-M1', [event('m1-2')], 1)).rejects.toMatchObject({ code: 'DATABASE_CLOCK_BEHIND' });
    await store.append('cadre-M2', [event('m2-1')], 0);
  });
});
