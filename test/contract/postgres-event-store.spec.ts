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
