/**
 * Jest global setup: one PostgreSQL for the whole run — the embedded server in a fresh temporary
 * directory, or the server of DATABASE_URL — and a migrated template database from which each
 * suite clones its own isolated database in milliseconds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
// Relative imports: jest loads global setup with plain require, without its module mapper.
import { ensureEmbeddedServer, type EmbeddedServer } from '../../libs/database/src/embedded-server';
import { withDatabase } from '../../libs/database/src/ledger-database';
import { runMigrations } from '../../libs/database/src/migrate';
import { COMPILED_ROOT_ENV, compileApps } from './compiled-apps';
import globalTeardown from './global-teardown';

export const TEMPLATE_DATABASE = 'ledger_test_template';

declare global {
  // eslint-disable-next-line no-var
  var __LEDGER_TEST_SERVER__: { server?: EmbeddedServer; dataDir?: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  try {
    await prepare();
  } catch (error) {
    // Jest runs no teardown when its setup fails: the embedded server started here would stay up.
    await globalTeardown().catch(() => undefined);
    throw error;
  }
}

async function prepare(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    globalThis.__LEDGER_TEST_SERVER__ = {};
  } else {
    // Under /tmp so the unprivileged `postgres` user can reach it wherever the repository lives.
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
    const server = await ensureEmbeddedServer({ dataDir, durability: 'test' });
    adminUrl = server.adminUrl;
    globalThis.__LEDGER_TEST_SERVER__ = { server, dataDir };
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DATABASE));
  process.env.LEDGER_TEST_ADMIN_URL = adminUrl;
  process.env[COMPILED_ROOT_ENV] = compileApps(join(__dirname, '..', '..'));
}
