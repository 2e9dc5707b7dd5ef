/**
 * An isolated database per test suite, cloned from the migrated template on the run's server.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect, withDatabase, type Sql } from '@ledger/database';

const TEMPLATE_DATABASE = 'ledger_test_template';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly adminUrl: string;
  readonly sql: Sql;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.LEDGER_TEST_ADMIN_URL;
  if (!url) throw new Error('LEDGER_TEST_ADMIN_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  return url;
}

export async function createTestDatabase(label = 'suite', poolSize = 10): Promise<TestDatabase> {
  return createDatabaseFrom(TEMPLATE_DATABASE, label, poolSize);
}

/** An empty database, never migrated: for specs of what a process does with a schema behind its code. */
export async function createUnmigratedTestDatabase(label = 'unmigrated', poolSize = 2): Promise<TestDatabase> {
  return createDatabaseFrom('template0', label, poolSize);
}

async function createDatabaseFrom(template: string, label: string, poolSize: number): Promise<TestDatabase> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const sql = connect(url, poolSize);
  return {
    name,
    url,
    adminUrl: adminUrl(),
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const a = postgres(adminUrl(), { max: 1, onnotice: () => undefined });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
