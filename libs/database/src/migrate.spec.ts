/**
 * migrationsUpToDate / migrateIfBehind: a database at this code's migrations is left alone after
 * one query, without loading node-pg-migrate (which jest's CommonJS runtime cannot load: a call
 * that reached it would fail here); anything else is not taken as up to date and goes to
 * node-pg-migrate, whose applying and refusing the CLI's end-to-end specs exercise
 * (test/e2e/runtime/migrations-at-start.e2e.spec.ts).
 */
import postgres from 'postgres';
import { createTestDatabase, createUnmigratedTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { migrateIfBehind, migrationNames, migrationsUpToDate, SchemaNewerThanCodeError } from './migrate';

/** Runs `check` on a change to the record of migrations that is rolled back after it. */
async function withChangeRolledBack(sql: postgres.Sql, change: (tx: postgres.TransactionSql) => Promise<unknown>, check: (tx: postgres.TransactionSql) => Promise<void>): Promise<void> {
  const rolledBack = new Error('rolled back');
  await sql
    .begin(async (tx) => {
      await change(tx);
      await check(tx);
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
}

describe('migrationsUpToDate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrate_check');
  });
  afterAll(async () => db.drop());

  it('given the files, then their names are in the order they were written, as node-pg-migrate applies them', () => {
    const names = migrationNames();
    expect(names[0]).toBe('20261128000001_event-store');
    expect([...names].sort()).toEqual(names);
    expect(names.every((n) => /^\d{14}_[a-z0-9-]+$/.test(n))).toBe(true);
  });

  it('given a database with every migration applied, when brought up to date, then nothing is run', async () => {
    expect(await migrationsUpToDate(db.sql)).toBe(true);
    expect(await migrateIfBehind(db.sql, db.url)).toEqual([]);
  });

  it('given the last migration not recorded, then the database is behind', async () => {
    const last = migrationNames().at(-1)!;
    await withChangeRolledBack(
      db.sql,
      (tx) => tx`delete from public.schema_migrations where name = ${last}`,
      async (tx) => expect(await migrationsUpToDate(tx)).toBe(false),
    );
    expect(await migrationsUpToDate(db.sql)).toBe(true);
  });

  it('given a migration applied that this code does not know (a newer release’s), then the database is not taken as up to date', async () => {
    await withChangeRolledBack(
      db.sql,
      (tx) => tx`insert into public.schema_migrations (name, run_on) values ('29991231000000_from-a-newer-release', now())`,
      async (tx) => expect(await migrationsUpToDate(tx)).toBe(false),
    );
    expect(await migrationsUpToDate(db.sql)).toBe(true);
  });

  it('given a migration applied that this code does not know, when brought up to date, then it is refused naming it, before node-pg-migrate (which would let it through)', async () => {
    const newer = '29991231000000_from-a-newer-release';
    await withChangeRolledBack(
      db.sql,
      (tx) => tx`insert into public.schema_migrations (name, run_on) values (${newer}, now())`,
      async (tx) => {
        const refusal = await migrateIfBehind(tx, db.url).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refusal).toBeInstanceOf(SchemaNewerThanCodeError);
        expect(refusal).toMatchObject({ code: 'SCHEMA_NEWER_THAN_CODE', unknownMigrations: [newer] });
        expect((refusal as SchemaNewerThanCodeError).messageZh).toContain(newer);
      },
    );
    expect(await migrateIfBehind(db.sql, db.url)).toEqual([]);
  });

  it('given the migrations recorded in another order, then the database is not taken as up to date', async () => {
    const [first, second] = migrationNames();
    await withChangeRolledBack(
      db.sql,
      (tx) => tx`update public.schema_migrations set name = case name when ${first!} then ${second!} else ${first!} end where name in (${first!}, ${second!})`,
      async (tx) => expect(await migrationsUpToDate(tx)).toBe(false),
    );
  });

  it('given a database never migrated (no table of migrations), then it is behind', async () => {
    const empty = await createUnmigratedTestDatabase('migrate_empty');
    try {
      expect(await migrationsUpToDate(empty.sql)).toBe(false);
    } finally {
      await empty.drop();
    }
  });
});
