/**
 * a lone UTF-16 surrogate (valid JSON: "\ud800") in a user's text, on PostgreSQL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('lone surrogate in an imported line (PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lone-surrogate-'));
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mig_lone');
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects the line as invalid (naming it), and imports the others, instead of failing with a database error', async () => {
    const file = join(dir, 'l.ndjson');
    const lines = [
      '{"id":"reg-T01","type":"OrgUnitRegistered","orgUnitId":"T01","effectiveDate":"2000-01-01","data":{"name":"青山镇","kind":"TOWNSHIP"}}',
      '{"id":"reg-C9","type":"CadreRegistered","cadreId":"C9","effectiveDate":"2000-01-01","data":{"name":"李\\ud800四","gender":"M","birthDate":"1980-01-01","education":{"level":"BACHELOR","fullTime":true,"doubleFirstClass":false}}}',
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await runCli(['import', file, '--as', 'ADMIN', '--json'], { DATABASE_URL: db.url });
    expect(r.stderr).not.toMatch(/22P02|PostgresError|invalid input syntax/i);
    const out = JSON.parse(r.stdout);
    expect(out.rejected).toHaveLength(1);
    expect(JSON.stringify(out.rejected[0])).toMatch(/reg-C9|line\D*2/);
  });
});
