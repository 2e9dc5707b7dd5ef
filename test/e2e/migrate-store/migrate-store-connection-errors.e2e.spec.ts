/**
 * After 4a6626c (a review, 2026-12-05) (PostgreSQL's refusals said in Chinese). migrate-store takes its stores from
 * --from and --to, not DATABASE_URL: the Chinese text sends the operator to the wrong setting and
 * does not say which of the two stores was refused.
 */
import { withDatabase } from '@ledger/database';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { runCli } from '../../support/run-cli';

jest.setTimeout(120_000);
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('migrate_store_connection');
});
afterAll(async () => {
  await db.drop();
});

describe('migrate-store: a store that does not exist', () => {
  it('--to naming a database that does not exist is said of --to (the target), not of DATABASE_URL', async () => {
    const missing = withDatabase(db.url, 'no_such_ledger_db');
    const r = await runCli(['migrate-store', '--from', db.url, '--to', missing], { DATABASE_URL: db.url });
    expect(r.code).not.toBe(0);
    // Before: "数据库不存在：no_such_ledger_db（请核对 DATABASE_URL 末尾的数据库名）" — DATABASE_URL is set and right.
    expect(r.stderr).not.toContain('DATABASE_URL');
    expect(r.stderr).toMatch(/--to|目标/);
  });
});
