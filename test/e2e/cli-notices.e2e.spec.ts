/**
 * What a second CLI review found (2026-12-05) running every command against a small ledger and an
 * empty one: the empty ledger named before an export is called forged, an empty appeals list in
 * natural Chinese, a unit named in an empty findings header, notices under --json as JSON lines, a
 * cadre not yet recorded as known at an instant.
 */
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { importSecretaryOfT01, runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

let db: TestDatabase;
let empty: TestDatabase;
let env: NodeJS.ProcessEnv;
let emptyEnv: NodeJS.ProcessEnv;
const dir = scratchDir('cli-notices');
const exportFile = join(dir, 'c1.json');

beforeAll(async () => {
  db = await createTestDatabase('cli_notices');
  empty = await createTestDatabase('cli_notices_empty');
  env = { DATABASE_URL: db.url };
  emptyEnv = { DATABASE_URL: empty.url };
  const imp = await importSecretaryOfT01(dir, env);
  expect([imp.code, imp.stdout]).toEqual([0, expect.stringContaining('接受 3 行')]);
  const ex = await runCli(['export', 'C1', '--out', exportFile], env);
  expect(ex.code).toBe(0);
}, 180_000);
afterAll(async () => {
  await db?.drop();
  await empty?.drop();
});

describe('verify-export --against-ledger: an empty ledger is said, not read as a forged file', () => {
  it('names the empty ledger (as verify, history, export … do) before calling the export\'s events deleted or forged', async () => {
    // A mistyped LEDGER_DATA_DIR / DATABASE_URL: the ledger asked has no event at all.
    const r = await runCli(['verify-export', exportFile, '--against-ledger'], emptyEnv);
    // Today: exit 3, "台账中没有该事件（已从台账删除，或文件中的事件为编造）" for every head, and nothing on stderr
    // saying that the ledger looked at is empty and where it was looked for.
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('台账没有任何事件');
  });
});

describe('appeals: the empty list in natural Chinese', () => {
  it('--all on a ledger without appeals does not say "没有全部的复核或申诉" (reads as "not all of them")', async () => {
    const r = await runCli(['appeals', '--all'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // Today: "没有全部的复核或申诉。"
    expect(r.stdout).not.toContain('没有全部的');
    expect(r.stdout).toMatch(/没有(任何)?复核或申诉|台账中没有复核或申诉/);
  });
});

describe('findings --township: the unit named beside its id even when nothing is found', () => {
  it('the header says 单位 青山镇（T01）, not the bare id, when the filtered list is empty', async () => {
    const r = await runCli(['findings', '--township', 'T01', '--rule', 'TM4', '--as-of', '2020-01-01'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // Today: "合规提示（截至 2020-01-01，规则 乡镇党政正职任职稳定（TM4），单位 T01）：" then "（无）":
    // the name is taken from the findings listed, so an empty answer names the unit by its id only.
    expect(r.stdout.split('\n')[0]).toContain('青山镇（T01）');
  });
});

describe('--json: stderr stays JSON lines', () => {

  it('a projection rebuilt on the way to a --json answer is not announced as plain text on stderr', async () => {
    // A projection whose stored version is older than the code's (as after an upgrade): the CLI rebuilds it first.
    await db.sql`update projection_checkpoints set version = version - 1 where projection = 'compliance'`;
    const r = await runCli(['findings', '--json', '--as-of', '2020-01-01'], env);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    // Today: "已重建投影 compliance（3 个事件）。" (the EMPTY_LEDGER warning, by contrast, is a JSON line under --json).
    const lines = r.stderr.trim().split('\n').filter(Boolean);
    expect(() => lines.map((l) => JSON.parse(l))).not.toThrow();
  });
});

describe('history --known-at before the cadre was recorded', () => {
  it('says the cadre was not yet recorded as known then, not "没有干部 C1 的记录" as if the ledger had none', async () => {
    const r = await runCli(['history', 'C1', '--known-at', '2000-01-01'], env);
    // Today: exit 1, "没有干部 C1 的记录。" although C1 is in the ledger (tenure, export answer for C1).
    expect(r.stderr).toMatch(/所知/);
  });
});

describe('a usage error (commander\'s) under --json', () => {
  it('is one JSON line on stderr, code USAGE, the message in Chinese, without the help text; exit 1', async () => {
    const r = await runCli(['eligibility', '--as-of', '2025-12-31', '--bogus', '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('没有选项 --bogus') } });
  });

  it('without --json stays Chinese text with the command\'s usage after it', async () => {
    const r = await runCli(['eligibility', '--as-of', '2025-12-31', '--bogus'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误：没有选项 --bogus/);
    expect(r.stderr).toMatch(/用法|Usage/);
  });
});
