/** The event-store contract against the PostgreSQL adapter, each test on its own database. */
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase } from '../support/test-database';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('PostgreSQL', async (options) => {
  const db = await createTestDatabase('contract', 16);
  const store = new PostgresEventStore(db.sql, { beforeCommit: options?.beforeCommit });
  return {
    store,
    tamper: {
      // As a superuser would: with triggers disabled for the session, bypassing the append-only guard.
      async alterEventData(streamId, revision) {
        await db.sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`update events set data = data || '{"tampered": true}'::jsonb where stream_id = ${streamId} and revision = ${revision}`;
        });
      },
      async deleteEvent(streamId, revision) {
        await db.sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`delete from events where stream_id = ${streamId} and revision = ${revision}`;
        });
      },
    },
    cleanup: () => db.drop(),
  };
});

describe('PostgreSQL adapter: the read horizon is this database’s', () => {
  it('is not held back by a transaction of another database on the same server, only by one of its own', async () => {
    const ours = await createTestDatabase('horizon_ours');
    const other = await createTestDatabase('horizon_other');
    const store = new PostgresEventStore(ours.sql);
    const holdOpen = async (sql: typeof ours.sql) => {
      const held = await sql.reserve();
      await held`begin`;
      await held`select pg_current_xact_id()`; // takes a transaction id, older than the write to come
      return async () => {
        await held`commit`;
        held.release();
      };
    };
    try {
      const releaseOther = await holdOpen(other.sql);
      const written = await store.append('cadre-H1', [{ eventId: 'h1', type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
      expect((await store.readAll()).events.map((e) => e.eventId)).toEqual(['h1']);
      expect((await store.readableHead()).position).toEqual(written.events[0]!.position);
      await releaseOther();

      const releaseOurs = await holdOpen(ours.sql);
      await store.append('cadre-H2', [{ eventId: 'h2', type: 'TestEventHappened', schemaVersion: 1, effectiveDate: '2024-01-01', actor: 't', data: {} }], 'no_stream');
      expect((await store.readAll({ after: written.events[0]!.position })).events).toEqual([]); // may still commit below: wait
      await releaseOurs();
      expect((await store.readAll({ after: written.events[0]!.position })).events.map((e) => e.eventId)).toEqual(['h2']);
    } finally {
      await ours.drop();
      await other.drop();
    }
  });
});
