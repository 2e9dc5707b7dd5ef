/**
 * The schema at a command's start (libs/database/src/migrate.ts): a database behind this code's
 * migrations is brought up to date by the command itself, and one whose record of migrations does
 * not follow the files' order is refused, as node-pg-migrate always refused it: the check that skips
 * node-pg-migrate when there is nothing to do hides neither.
 */
import { migrationNames, type Sql } from '@ledger/database';
import { migrationHalves } from '../../../libs/database/src/migration-halves';
import { runApp, runCli } from '../../support/run-cli';
import { createUnmigratedTestDatabase } from '../../support/test-database';

async function withNewDatabase(test: (url: string, sql: Sql) => Promise<void>): Promise<void> {
  const db = await createUnmigratedTestDatabase('at_start');
  try {
    await test(db.url, db.sql);
  } finally {
    await db.drop();
  }
}

const applied = async (sql: Sql): Promise<string[]> => (await sql<{ name: string }[]>`select name from public.schema_migrations order by run_on, id`).map((r) => r.name);

describe('the schema when a CLI command starts', () => {
  it('given an empty database, when a command runs, then every migration is applied and the command answers; run again, nothing changes', async () => {
    await withNewDatabase(async (url, sql) => {
      const first = await runCli(['verify', '--json'], { DATABASE_URL: url });
      expect({ code: first.code, ok: JSON.parse(first.stdout).ok }).toEqual({ code: 0, ok: true });
      expect(await applied(sql)).toEqual(migrationNames());
      const again = await runCli(['verify', '--json'], { DATABASE_URL: url });
      expect(again.code).toBe(0);
      expect(await applied(sql)).toEqual(migrationNames());
    });
  });

  it('given a database one migration behind, when a command runs, then that migration is applied', async () => {
    await withNewDatabase(async (url, sql) => {
      expect((await runCli(['verify', '--json'], { DATABASE_URL: url })).code).toBe(0);
      const last = migrationNames().at(-1)!;
      // The last migration undone as its Down half would (its objects and its row), so running it is the only way back.
      const { down } = migrationHalves(last);
      await sql.begin(async (tx) => {
        await tx.unsafe(down);
        await tx`delete from public.schema_migrations where name = ${last}`;
      });
      const r = await runCli(['verify', '--json'], { DATABASE_URL: url });
      expect({ code: r.code, ok: JSON.parse(r.stdout).ok }).toEqual({ code: 0, ok: true });
      expect(await applied(sql)).toEqual(migrationNames());
    });
  });

  it('given a database whose migrations are recorded out of the files’ order, when a command runs, then it is refused, naming them', async () => {
    await withNewDatabase(async (url, sql) => {
      expect((await runCli(['verify', '--json'], { DATABASE_URL: url })).code).toBe(0);
      const [first, second] = migrationNames();
      await sql`update public.schema_migrations set name = case name when ${first!} then ${second!} else ${first!} end where name in (${first!}, ${second!})`;
      const r = await runCli(['verify'], { DATABASE_URL: url });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(first!);
      expect(r.stderr).toContain(second!);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('given a database a newer release has migrated, when a CLI command, the API or the projector starts, then each is refused in Chinese, naming the migration it does not know, and the database is left as it was', async () => {
    await withNewDatabase(async (url, sql) => {
      expect((await runCli(['verify', '--json'], { DATABASE_URL: url })).code).toBe(0);
      const newer = '29991231000000_from-a-newer-release';
      await sql`insert into public.schema_migrations (name, run_on) values (${newer}, now())`;
      const refusals = await Promise.all([runCli(['verify'], { DATABASE_URL: url }), runApp('apps/api/src/main.ts', [], { DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1' }, { killAfterMs: 60_000 }), runApp('apps/projector/src/main.ts', [], { DATABASE_URL: url }, { killAfterMs: 60_000 })]);
      for (const r of refusals) {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('数据库已由更新的版本迁移');
        expect(r.stderr).toContain(newer);
        expect(r.stderr).toContain('SCHEMA_NEWER_THAN_CODE');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
      expect(await applied(sql)).toEqual([...migrationNames(), newer]);
    });
  });
});
