/**
 * What patches/postgres+3.4.9.patch changes in postgres.js, checked against a real server:
 * - its sockets are created with TCP_NODELAY, as libpq's are;
 * - an error raised after COPY FROM STDIN's last row fails the writable (it used to hang).
 */
import net from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
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
});
