/**
 * The command line in the department's words (README "Command line": human output is a Chinese
 * table or sentence; --json the API's JSON). Found by a review: verify --since-digest refused a bad
 * digest in English, and a missing digest file as "not a ledger digest"; the reminder-talks table
 * wrote the assessment class as "1 等" under 等次 (an annual grade's word); tenure and history
 * called the county head 乡镇长; verify-export --against-ledger --json was not the API's answer;
 * migrate-store printed the raw socket error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, command, registerCadre } from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../support/api-harness';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

let api: ApiHarness;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('cli-words');

/** A Han character anywhere: the text says something in Chinese. */
const HAN = /\p{Script=Han}/u;

beforeAll(async () => {
  api = await startApi('cli_words');
  env = { DATABASE_URL: api.db.url };
  const commands: CareerCommand[] = [
    // A township of assessment class 1 (第一类) with its 2023 score and a chief, for TM7.
    command('OrgUnitRegistered', { orgUnitId: 'T1' }, '2000-01-01', { name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1 }, { id: 'reg-T1' }),
    registerCadre('C1'),
    appoint('C1', '2016-03-01', 'T1', 'PARTY_SECRETARY'),
    command('TownshipPerformanceScored', { orgUnitId: 'T1' }, '2024-02-01', { year: 2023, score: 70 }),
    // The county's leadership (县委、县政府): its HEAD is the county head (县长), not a township head.
    command('OrgUnitRegistered', { orgUnitId: 'L1' }, '2000-01-01', { name: '县委县政府', kind: 'COUNTY_LEADERSHIP' }, { id: 'reg-L1' }),
    registerCadre('K1', '1968-01-01'),
    appoint('K1', '2015-01-01', 'L1', 'HEAD', { id: 'k1-head' }),
  ];
  const lines = commands.map((c) => `${JSON.stringify(c)}\n`);
  const result = await importNdjson(Readable.from(lines), api.ledger.store, () => '2026-11-30' as CalendarDate, { actor: 'ADMIN:cli:review' });
  expect(result.rejected).toEqual([]);
});
afterAll(() => api?.close());

describe('verify --since-digest: a digest that cannot be read', () => {
  it('a malformed digest is refused in Chinese (README: human output is a Chinese sentence), exit 1', async () => {
    const r = await runCli(['verify', '--since-digest', 'garbage'], env);
    expect(r.code).toBe(1);
    // The library has the Chinese (DigestFormatError.messageZh, the API's detailZh: 不是台账摘要…); the CLI prints only the English.
    expect(r.stderr).toContain('不是台账摘要');
  });

  it('under --json the error message is the Chinese one, like every other CLI error', async () => {
    const r = await runCli(['verify', '--since-digest', 'garbage', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error.message).toMatch(HAN);
  });

  it('a digest file that does not exist is said to be missing, naming it (README: "the string, the JSON … or a file")', async () => {
    const missing = join(dir, 'no-such-digest.txt');
    const r = await runCli(['verify', '--since-digest', missing], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(missing);
  });
});

describe('report reminder-talks: the assessment class in the vocabulary’s words', () => {
  it('prints 考核类别 第一类 (ASSESSMENT_CLASS_NAMES_ZH, as org-units does), not "等次 / 1 等"', async () => {
    const units = await runCli(['org-units'], env);
    expect(units.stdout).toMatch(/福店镇\s+乡镇\s+第一类/); // the directory says 第一类
    const r = await runCli(['report', 'reminder-talks', '--year', '2023'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // 等次 is the grade of an annual assessment (优秀、称职…) in this vocabulary; the class is 考核类别.
    expect(r.stdout).not.toMatch(/^1 等/m);
    expect(r.stdout).toMatch(/^第一类\s/m);
  });
});

describe('tenure and history: a county leadership post is not a township post', () => {
  it('the HEAD of the COUNTY_LEADERSHIP unit is not called 乡镇长 (township head)', async () => {
    const tenure = await runCli(['tenure', 'K1', '--as-of', '2024-01-01'], env);
    expect([tenure.code, tenure.stderr]).toEqual([0, '']);
    const history = await runCli(['history', 'K1'], env);
    expect([history.code, history.stderr]).toEqual([0, '']);
    // Today: "L1 县委县政府 县领导班子 乡镇长 2015-01-01 至今" and "任 县委县政府 乡镇长".
    expect(tenure.stdout).not.toContain('乡镇长');
    expect(history.stdout).not.toContain('乡镇长');
  });
});

describe('verify-export --against-ledger --json', () => {
  it('prints the JSON POST /v1/audit/verify-export answers for the same file (README: --json prints the same JSON the API returns)', async () => {
    const file = join(dir, 'c1-export.json');
    const exported = await runCli(['export', 'C1', '--out', file], env);
    expect(exported.code).toBe(0);
    const [cli, http] = await Promise.all([
      runCli(['verify-export', file, '--against-ledger', '--json'], env),
      api.request('POST', '/v1/audit/verify-export', { role: 'ADMIN', body: JSON.parse(readFileSync(file, 'utf8')) }),
    ]);
    expect([cli.code, cli.stderr, http.status]).toEqual([0, '', 200]);
    // Today the CLI flattens the file check to the top level and has no summaryZh; the API nests it under `file`.
    expect(JSON.parse(cli.stdout)).toEqual(http.body);
  });
});

describe('migrate-store: a store that cannot be reached', () => {
  it('says so in Chinese, not as the raw English socket error', async () => {
    const r = await runCli(['migrate-store', '--from', 'postgres://nobody@127.0.0.1:1/nothing', '--to', api.db.url], env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('\n    at '); // no stack trace
    // Today: "错误 (error): connect ECONNREFUSED 127.0.0.1:1".
    expect(r.stderr.replace(/^错误：/, '')).toMatch(HAN);
  });
});
