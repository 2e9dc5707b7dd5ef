/**
 * The CLI's import stores every line, then the read models' update fails (the database killed at
 * that moment, a full disk): the import's report is still given, the update's failure beside it, and
 * exit 1 (found by an operator's review: with --json only the error was printed, the report and its
 * correlation id lost, though every line had been written). The failure is made here by dropping a
 * read-model table.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('an import whose read models’ update fails', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-proj-'));
  const file = join(dir, 'lines.ndjson');
  beforeAll(async () => {
    db = await createTestDatabase('import_projections_fail');
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    writeFileSync(
      file,
      ['IP1', 'IP2'].map((id) => JSON.stringify({ id: `${id}-reg`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } })).join('\n') + '\n',
    );
    // The migrations first (a command runs them), then the table the cadre-careers projection writes is gone.
    expect((await runCli(['migrate'], { DATABASE_URL: db.url })).code).toBe(0);
    await db.sql`drop table proj_cadre_timelines cascade`;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('given every line stored, when the update fails, then --json prints the report with projections.error and the failure on stderr, exit 1; the lines are stored', async () => {
    const run = await runCli(['import', file, '--json'], { DATABASE_URL: db.url });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { accepted: number; appended: number; correlationId: string; projections: { error: { code: string } } };
    expect(report).toMatchObject({ accepted: 2, appended: 2, correlationId: expect.any(String), projections: { error: { code: expect.any(String) } } });
    expect(JSON.parse(run.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'PROJECTIONS_NOT_UPDATED', messageZh: expect.stringContaining('导入已全部完成（见上），但随后更新读模型失败') } });
    expect(Number((await db.sql`select count(*)::int as n from events where event_id like 'IP%'`)[0]!.n)).toBe(2);

    const human = await runCli(['import', file], { DATABASE_URL: db.url });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('导入完成：共 2 行，接受 2 行（新写入 0，已存在 2）');
    expect(human.stderr).toContain('错误：导入已全部完成（见上），但随后更新读模型失败');
  });
});
