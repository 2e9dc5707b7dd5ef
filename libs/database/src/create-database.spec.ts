/**
 * createDatabaseIfMissing: processes opening a new data directory together (an API and a projector
 * started at once) all get the database, none an error (found by a review: one died on
 * pg_database's unique name, 23505, which a create racing another create raises).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDatabaseIfMissing } from './ledger-database';

const adminUrl = (): string => {
  const url = process.env.LEDGER_TEST_ADMIN_URL;
  if (!url) throw new Error('LEDGER_TEST_ADMIN_URL is not set: run the tests through jest');
  return url;
};

describe('createDatabaseIfMissing', () => {
  it('given eight processes creating one new database at once, then each succeeds and the database exists once', async () => {
    const name = `t_race_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => undefined });
    try {
      for (let round = 0; round < 3; round++) {
        const database = `${name}_${round}`;
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => createDatabaseIfMissing(adminUrl(), database)));
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
        expect(await admin`select datname from pg_database where datname = ${database}`).toHaveLength(1);
        await admin.unsafe(`drop database ${database}`);
      }
    } finally {
      await admin.end();
    }
  });
});
