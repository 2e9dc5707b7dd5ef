/**
 * What patches/postgres+3.4.9.patch changes in postgres.js, checked against a real server:
 * - its sockets are created with TCP_NODELAY, as libpq's are;
 * - an error raised after COPY FROM STDIN's last row fails the writable (it used to hang);
 * - a BEGIN that fills a connection's pipeline still reserves the connection for its transaction
 *   (upstream #1189: it did not, so the transaction failed with UNSAFE_TRANSACTION and stayed open
 *   on a connection back in the pool, where unrelated queries then ran inside it);
 * - a connection the server ends with a FATAL error during a query (57P01: a restart, an
 *   administrator's pg_terminate_backend) fails that query with it and forgets it: the first query
 *   on the reconnected connection was rejected with the old error (found by an operations review:
 *   the first HTTP import after a database restart answered 57P01, the projector's query's);
 * - a query on a reserved connection whose server process ended while it sat idle fails at once
 *   with CONNECTION_CLOSED, and releasing that connection leaves it closed (found by a crash-safety
 *   review: it never settled, so a projection rebuild whose database restarted hung for ever, or
 *   exited 0 with nothing said, in the CLI, the API and the projector).
 */
import net from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import postgres from 'postgres';
import { connect } from './ledger-database';

/** Resolves when the writable has finished, rejects with its error. */
function ended(writable: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    writable.on('error', reject);
    writable.on('finish', () => resolve());
    writable.end(text);
  });
}

describe('postgres.js as patched', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('driver');
  });
  afterAll(async () => db.drop());

  it('opens its connections with TCP_NODELAY', async () => {
    // Given: every call of setNoDelay watched.
    const spy = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    const sql = connect(db.url, 1);
    try {
      // When: a connection is opened.
      await sql`select 1`;
      // Then: its socket asked for no delay.
      expect(spy.mock.calls).toContainEqual([true]);
    } finally {
      spy.mockRestore();
      await sql.end();
    }
  });

  it('reserves the connection of a transaction whose BEGIN fills the pipeline, and leaves no transaction open', async () => {
    // Given: a pool whose every query fills its connection's pipeline (max_pipeline 0: the boundary, every time).
    // `max_pipeline` is a connection option postgres.js reads but does not declare in its types.
    const sql = postgres(db.url, { max: 2, onnotice: () => undefined, ...({ max_pipeline: 0 } as postgres.Options<Record<string, never>>) });
    try {
      // When: transactions run, several at once, beside plain queries.
      const results = await Promise.all([
        ...[1, 2, 3].map((n) => sql.begin(async (tx) => (await tx`select ${n}::int as n`)[0]!.n)),
        ...[4, 5].map(async (n) => (await sql`select ${n}::int as n`)[0]!.n),
      ]);
      // Then: each answered in its own transaction (UNSAFE_TRANSACTION before), and none stayed open.
      expect(results).toEqual([1, 2, 3, 4, 5]);
      const open = await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
      expect(open[0]!.n).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('fails a COPY whose error comes after its last row, and the connection goes on', async () => {
    // Given: a table holding key 1, and one connection.
    const sql = connect(db.url, 1);
    try {
      await sql`create table copy_probe (id int primary key)`;
      await sql`insert into copy_probe values (1)`;
      // When: COPY sends 2 and then 1 again, all in one piece.
      const writable = await sql`copy copy_probe from stdin`.writable();
      // Then: the writable fails with the server's error (before the patch: never settled).
      await expect(ended(writable, '2\n1\n')).rejects.toMatchObject({ code: '23505' });
      // And: nothing of that COPY is stored, and the same connection still answers.
      expect(await sql`select id from copy_probe order by id`).toEqual([{ id: 1 }]);
      // And: a COPY without a conflict finishes.
      await ended(await sql`copy copy_probe from stdin`.writable(), '2\n3\n');
      expect((await sql`select id from copy_probe order by id`).map((r) => r.id)).toEqual([1, 2, 3]);
    } finally {
      await sql.end();
    }
  });

  it('forgets the FATAL error that ended a connection: the query after it runs on a new connection', async () => {
    // Given: one connection, busy with a query, ended by the server (as a restart ends it).
    const sql = connect(db.url, 1);
    const admin = connect(db.url, 1);
    try {
      const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const busy = sql`select pg_sleep(30)`.catch((error: { code?: string }) => error.code);
      await until(async () => (await admin`select 1 from pg_stat_activity where pid = ${pid} and state = 'active'`).length > 0);
      await admin`select pg_terminate_backend(${pid})`;
      // Then: the busy query failed with the server's reason, and the next query is answered.
      expect(await busy).toBe('57P01');
      const [{ n }] = await sql<{ n: number }[]>`select 1::int as n`;
      expect(n).toBe(1);
    } finally {
      await sql.end();
      await admin.end();
    }
  });

  it('fails a query on a reserved connection whose server process ended while it was idle (it never settled: a rebuild hung for ever after a database restart)', async () => {
    // Given: a connection reserved (as a rebuild holds its advisory lock on one), its server process ended while idle.
    const sql = connect(db.url, 2);
    const admin = connect(db.url, 1);
    try {
      const reserved = await sql.reserve();
      const [{ pid }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${pid})`;
      await until(async () => (await admin`select 1 from pg_stat_activity where pid = ${pid}`).length === 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // When: it is asked again. Then: it fails, at once, with CONNECTION_CLOSED, and the pool goes on.
      const outcome = await Promise.race([
        reserved`select 1`.then(
          () => 'answered',
          (error: { code?: string }) => error.code,
        ),
        new Promise((resolve) => setTimeout(() => resolve('never settled'), 5000)),
      ]);
      expect(outcome).toBe('CONNECTION_CLOSED');
      reserved.release();
      const [{ n }] = await sql<{ n: number }[]>`select 1::int as n`;
      expect(n).toBe(1);
    } finally {
      await sql.end();
      await admin.end();
    }
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}
