/**
 * The CLI's human (non --json) output and its errors, as a department user (县委组织部、审计、申诉办理)
 * reads them: posts named for their units, what a findings table answers, --township named when it
 * is refused, rules and actors in Chinese, people counted as people. Each test failed on the code a
 * review of 2026-12-05 found.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, assess, command, removeFromPost } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { scratchDir } from '../support/scratch-dir';

let db: TestDatabase;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('cli-human-output');

/** A Han character anywhere: the text says something in Chinese. */
const HAN = /\p{Script=Han}/u;

const person = (cadreId: string, name: string, birthDate = '1975-05-01'): CareerCommand =>
  command(
    'CadreRegistered',
    { cadreId },
    '2000-01-01',
    { name, gender: 'M', birthDate: birthDate as CalendarDate, education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    { id: `reg-${cadreId}` },
  );

beforeAll(async () => {
  db = await createTestDatabase('cli_human_output');
  env = { DATABASE_URL: db.url };
  const commands: CareerCommand[] = [
    // A 镇 (its head is 镇长) of assessment class 1, and a county bureau (its head is 局长).
    command('OrgUnitRegistered', { orgUnitId: 'T1' }, '2000-01-01', { name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1 }, { id: 'reg-T1' }),
    command('OrgUnitRegistered', { orgUnitId: 'D1' }, '2000-01-01', { name: '县农业农村局', kind: 'COUNTY_DEPARTMENT', assessmentClass: 2 }, { id: 'reg-D1' }),
    person('C1', '张三'),
    person('C2', '李四'),
    person('C3', '王五'),
    person('C4', '赵六'),
    person('K1', '钱七', '1968-01-01'),
    appoint('C1', '2010-03-01', 'T1', 'PARTY_SECRETARY', { id: 'c1-sec' }),
    appoint('C2', '2010-03-01', 'T1', 'HEAD', { id: 'c2-head' }),
    // TM4: both chiefs of 福店镇 adjusted on one date (each held the post > 3 years: no approval needed).
    removeFromPost('C1', '2020-06-01', 'T1', 'PARTY_SECRETARY', { id: 'c1-out' }),
    removeFromPost('C2', '2020-06-01', 'T1', 'HEAD', { id: 'c2-out' }),
    appoint('C3', '2020-06-01', 'T1', 'PARTY_SECRETARY', { id: 'c3-sec' }),
    appoint('C4', '2020-06-01', 'T1', 'HEAD', { id: 'c4-head' }),
    // TM7: 2023 score of 福店镇 and both its chiefs graded EXCELLENT for 2023.
    command('TownshipPerformanceScored', { orgUnitId: 'T1' }, '2024-02-01', { year: 2023, score: 70 }),
    assess('C3', 2023, 'EXCELLENT'),
    assess('C4', 2023, 'EXCELLENT'),
    // A county bureau head (局长): known to the ledger, not a township chief.
    appoint('K1', '2015-01-01', 'D1', 'HEAD', { id: 'k1-head' }),
    // A training entered by mistake, retracted in 2024.
    command('TrainingCompleted', { cadreId: 'K1' }, '2016-05-01', { programme: '县委党校进修班', level: 'COUNTY' }, { id: 'k1-train' }),
    command('EntryRetracted', { cadreId: 'K1' }, '2024-01-01', { targetEventId: 'k1-train', reason: '录入错误' }, { id: 'k1-train-x' }),
  ];
  const store = new PostgresEventStore(db.sql);
  const result = await importNdjson(Readable.from(commands.map((c) => `${JSON.stringify(c)}\n`)), store, () => '2026-11-30' as CalendarDate, { actor: 'ADMIN:cli:review' });
  expect(result.rejected).toEqual([]);
});
afterAll(() => db?.drop());

describe('findings: a post named for its unit', () => {
  it('both chiefs of a 镇 adjusted on one date: the finding says 党委书记与镇长, not the generic 乡镇长', async () => {
    const r = await runCli(['findings', '--rule', 'TM4', '--as-of', '2025-01-01'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const row = r.stdout.split('\n').find((l) => l.includes('同日调整党政正职'));
    expect(row).toBeDefined();
    expect(row).toContain('福店镇（T1）');
    // tenure, eligibility and the reports name the head by the unit (roleNameZh: 镇长 / 乡长 / 局长); this sentence is fixed text.
    expect(row).not.toContain('乡镇长');
    expect(row).toContain('党委书记与镇长同日调整');
  });
});

describe('findings: the human answer says what it answers', () => {
  it('names the date (and year) it answers for, so that "（无）" for a year not yet ended is not read as a clean year', async () => {
    const r = await runCli(['findings', '--rule', 'TM8', '--year', '2024', '--as-of', '2024-06-30'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // --json carries asOf 2024-06-30 and year 2024; the table alone prints "（无）" with no date, year or scope,
    // although year findings only appear once the year has ended on --as-of (README "findings").
    expect(r.stdout).toContain('2024-06-30');
    expect(r.stdout).toMatch(/2024 年/);
    expect(r.stdout).toMatch(/TM8/);
  });
});

describe('findings and report --township: an unknown unit is refused naming the option', () => {
  it('findings --township NOPE says which option was wrong', async () => {
    const r = await runCli(['findings', '--township', 'NOPE'], env);
    expect(r.code).toBe(1);
    // Today: "错误 (error): 台账中没有单位 NOPE 的记录 (NOT_FOUND: 没有单位 NOPE 的记录 (no org unit NOPE in the ledger))".
    expect(r.stderr).toContain('--township');
  });

  it('report team-composition --township NOPE says which option was wrong', async () => {
    const r = await runCli(['report', 'team-composition', '--as-of', '2025-01-01', '--township', 'NOPE'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--township');
  });
});

describe('history --as-of: a retraction dated after it is listed, and says why (found by a CLI review: unmarked)', () => {
  it('history K1 --as-of 2020-01-01 lists the 2024 retraction of the 2016 training marked 晚于截至日期，自始适用; the training row says it was retracted', async () => {
    const r = await runCli(['history', 'K1', '--as-of', '2020-01-01'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = r.stdout.split('\n');
    expect(rows.find((l) => l.includes('2024-01-01（晚于截至日期，自始适用）'))).toContain('撤回记录');
    expect(rows.find((l) => l.includes('2016-05-01'))).toContain('撤回');
    const before = await runCli(['history', 'K1', '--as-of', '2024-01-01'], env);
    expect(before.stdout).not.toContain('自始适用');
  });
});

describe('report --township: the title says the township (found by a CLI review: it was the county-wide title)', () => {
  it('report talks --year 2023 --township T1 names 福店镇（T1） in its title; the county-wide report does not', async () => {
    const one = await runCli(['report', 'talks', '--year', '2023', '--township', 'T1'], env);
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(one.stdout.split('\n')[0]).toContain('单位 福店镇（T1）');
    const county = await runCli(['report', 'talks', '--year', '2023'], env);
    expect(county.stdout.split('\n')[0]).not.toContain('单位');
  });
});

describe('report --township: a unit that is not a township', () => {
  it('report talks --township D1 (a county bureau) is refused naming --township, not answered "应谈 0 对，已谈 0 对，未谈 0 对"', async () => {
    const r = await runCli(['report', 'talks', '--year', '2023', '--township', 'D1'], env);
    // Today: exit 0 and an empty township's answer, as if 县农业农村局 were a township that owed no talk.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--township');
    expect(r.stderr).toContain('县农业农村局');
  });
});

describe('import: a file with no record says so (found by a CLI review: exit 0 and 共 0 行 alone)', () => {
  it('an empty file and a file of blank lines each say 文件中没有任何记录 on stderr; a file with a record does not', async () => {
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '');
    const blank = join(dir, 'blank.ndjson');
    writeFileSync(blank, '\n\n');
    const one = join(dir, 'one.ndjson');
    writeFileSync(one, `${JSON.stringify(person('C9', '孙九'))}\n`);
    const [e, b, o] = [await runCli(['import', empty, '--dry-run', '--as', 'ADMIN'], env), await runCli(['import', blank, '--dry-run', '--as', 'ADMIN'], env), await runCli(['import', one, '--dry-run', '--as', 'ADMIN'], env)];
    expect([e.code, e.stderr]).toEqual([0, '注意：文件中没有任何记录（文件为空），未导入任何内容。\n']);
    expect([b.code, b.stderr]).toEqual([0, '注意：文件中没有任何记录（只有空行），未导入任何内容。\n']);
    expect([o.code, o.stderr]).toEqual([0, '']);
  });
});

describe('tenure of a date still to come says it is a projection (found by a CLI review)', () => {
  it('tenure C3 --as-of 2099-01-01 says 尚未到来; --as-of 2025-01-01 does not', async () => {
    const future = await runCli(['tenure', 'C3', '--as-of', '2099-01-01'], env);
    expect([future.code, future.stderr]).toEqual([0, '']);
    expect(future.stdout).toContain('注意：2099-01-01 尚未到来，以下按已录入的记录推算');
    expect((await runCli(['tenure', 'C3', '--as-of', '2025-01-01'], env)).stdout).not.toContain('尚未到来');
  });
});

describe('codes in any case (found by a CLI review: --as admin and --kind township refused, --rule tm4 taken)', () => {
  it('import --as admin and org-units --kind township are taken; --as boss is refused as before, naming the choices', async () => {
    const one = join(dir, 'one-any-case.ndjson');
    writeFileSync(one, `${JSON.stringify(person('C8', '周八'))}\n`);
    const imported = await runCli(['import', one, '--dry-run', '--as', 'admin'], env);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    const units = await runCli(['org-units', '--kind', 'township'], env);
    expect([units.code, units.stderr]).toEqual([0, '']);
    expect(units.stdout).toContain('福店镇');
    expect(units.stdout).not.toContain('县农业农村局');
    const boss = await runCli(['import', one, '--dry-run', '--as', 'boss'], env);
    expect(boss.code).not.toBe(0);
    expect(boss.stderr).toContain('错误：选项 --as <role> 的值 boss 无效，可选：');
  });
});

describe('import: the rejection table names the rule in Chinese', () => {
  it('the 规则 column says 乡镇党政正职任职稳定（TM4）, as findings do (ruleNameZh), not the bare id TM4 / I', async () => {
    const file = join(dir, 'refused.ndjson');
    writeFileSync(
      file,
      [
        // 王五 has been secretary of 福店镇 since 2020-06-01: removed within 3 years → TM4 refusal.
        removeFromPost('C3', '2021-01-01', 'T1', 'PARTY_SECRETARY', { id: 'bad-tm4' }),
        // An unregistered cadre → an integrity (I) refusal.
        appoint('C999', '2021-01-01', 'T1', 'DEPUTY_HEAD', { id: 'bad-i' }),
      ]
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    const r = await runCli(['import', file, '--dry-run', '--as', 'ADMIN'], env);
    expect(r.code).toBe(4);
    const tm4 = r.stdout.split('\n').find((l) => l.includes('bad-tm4'));
    const integrity = r.stdout.split('\n').find((l) => l.includes('bad-i'));
    expect(tm4).toBeDefined();
    expect(integrity).toBeDefined();
    // findings and overrides print "乡镇党政正职任职稳定（TM4）"; the import table prints "TM4" and "I" alone.
    expect(tm4).toContain('乡镇党政正职任职稳定（TM4）');
    expect(integrity).toContain('记录完整性（I）');
  });
});

describe('import: the detail of a refusal is in the department\'s words', () => {
  it('a line that would make a later event incoherent names that event\'s problem in Chinese, not by its code (RULE_I_…)', async () => {
    const file = join(dir, 'incoherent.ndjson');
    // 张三 was removed as secretary of 福店镇 on 2020-06-01 (c1-out); an earlier removal makes that one remove a post not held.
    writeFileSync(file, `${JSON.stringify(removeFromPost('C1', '2015-01-01', 'T1', 'PARTY_SECRETARY', { id: 'bad-incoherent' }))}\n`);
    const r = await runCli(['import', file, '--dry-run', '--as', 'ADMIN'], env);
    expect(r.code).toBe(4);
    const row = r.stdout.split('\n').find((l) => l.includes('bad-incoherent'));
    expect(row).toBeDefined();
    expect(row).toContain('c1-out');
    // Today: "记录将不再一致：事件 c1-out（RULE_I_REMOVAL_OF_POST_NOT_HELD）：…" — the raw code inside the Chinese detail.
    expect(row).not.toMatch(/RULE_[A-Z0-9_]+/);
  });
});

describe('token list: who created a token, in the words history uses', () => {
  it('创建人 is "命令行 <user>" (actorZh), not the raw actor string "cli:<user>"', async () => {
    const created = await runCli(['token', 'create', '--role', 'CLERK', '--name', '张三'], env);
    expect(created.code).toBe(0);
    const r = await runCli(['token', 'list'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const row = r.stdout.split('\n').find((l) => l.includes('张三'));
    expect(row).toBeDefined();
    // history and verify-export render the same actor as "命令行 root"; token list shows "cli:root".
    expect(row).not.toMatch(/(^|\s)cli:/);
    expect(row).toContain('命令行');
  });
});

describe('generate: a refused --end-year in Chinese, naming the option', () => {
  it('--end-year 5, or one that with --years starts before 1960, is refused in Chinese naming --end-year, exit 1', async () => {
    const r = await runCli(['generate', '--townships', '1', '--years', '2', '--end-year', '5'], env);
    expect(r.code).toBe(1);
    // Today: "错误 (error): the history must lie within 1960–2900: endYear 5, years 2" — English only, the option as a JS field.
    expect(r.stderr.replace(/^错误：/, '')).toMatch(HAN);
    expect(r.stderr).toContain('--end-year');
    const early = await runCli(['generate', '--townships', '1', '--years', '50', '--end-year', '2000'], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('--end-year：与 --years 50 合起来，履历将始于 1951 年，早于 1960 年');
  });
});

describe('eligibility --cadre: a known cadre who is not a township chief', () => {
  it('says who was asked about and why no line is shown, instead of an anonymous "乡镇党政正职 0 人 （无）"', async () => {
    const r = await runCli(['eligibility', '--as-of', '2025-01-01', '--cadre', 'K1'], env);
    expect(r.code).toBe(0);
    // Today the answer names nobody: "截至 2025-01-01（政策版本 1），乡镇党政正职 0 人，… 0 人。\n\n（无）".
    expect(`${r.stdout}${r.stderr}`).toContain('钱七（K1）');
  });
});

describe('report reminder-talks: the excellent counts are people, not units', () => {
  it('the class table does not call cadres graded EXCELLENT "优秀个数" beside a count of townships (1 个乡镇, 2 个优秀)', async () => {
    const r = await runCli(['report', 'reminder-talks', '--year', '2023'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // The row of 第一类: 1 township (福店镇), 2 EXCELLENT — its two chiefs (JSON evidence: their annual assessments).
    expect(r.stdout).toMatch(/^第一类\s+1\s+2\s/m);
    // Read as written, "各考核类别的优秀个数 … 乡镇（个） 1 / 乡镇优秀 2" is two excellent townships out of one.
    expect(r.stdout).not.toContain('优秀个数');
    expect(r.stdout).toMatch(/优秀[^\n]*（人）/);
  });
});
