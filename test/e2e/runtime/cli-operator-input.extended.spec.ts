/**
 * The CLI as an operator uses it: an option given twice, a GBK-encoded file, --json errors on the right stream, a BOM before an export.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { importSecretaryOfT01, runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

let api: ApiHarness;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('cli-operator');

beforeAll(async () => {
  api = await startApi('cli_operator_input');
  env = { DATABASE_URL: api.db.url };
  const imp = await importSecretaryOfT01(dir, env);
  expect(imp.code).toBe(0);
}, 180_000);
afterAll(async () => {
  await api?.close();
});

describe('an option given twice', () => {
  it('tenure --as-of given twice is refused naming --as-of (as GET …/tenure?asOf=a&asOf=b is a 400), not answered silently for the last one', async () => {
    const http = await api.request('GET', '/v1/cadres/C1/tenure?asOf=2017-12-31&asOf=2025-12-31', { role: 'ADMIN' });
    expect(http.status).toBe(400); // the API refuses the ambiguous question
    const r = await runCli(['tenure', 'C1', '--as-of', '2017-12-31', '--as-of', '2025-12-31', '--json'], env);
    // Before the fix: exit 0, stdout answers "asOf": "2025-12-31" (the first --as-of silently dropped).
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--as-of');
    expect(r.stdout).toBe('');
  });

  it('import --as CLERK --as ADMIN is refused naming --as, not run silently as the last role given (ADMIN)', async () => {
    const file = join(dir, 'appeal.ndjson');
    // A line a CLERK may not write (recordAppealEvents).
    writeFileSync(file, JSON.stringify({ id: 'pv-x', type: 'PolicyVersionAdopted', effectiveDate: '2030-01-01', data: {} }) + '\n');
    const clerk = await runCli(['import', file, '--dry-run', '--json', '--as', 'CLERK'], env);
    expect(JSON.parse(clerk.stdout).rejected[0].code).toBe('FORBIDDEN_EVENT_TYPE');
    const r = await runCli(['import', file, '--dry-run', '--json', '--as', 'CLERK', '--as', 'ADMIN'], env);
    // Before the fix: the run proceeds as ADMIN (the line is decided on its content, not refused for the role), no word about the conflicting --as.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--as');
  });
});

describe('import of a GBK-encoded file (a clerk’s Excel/记事本 export)', () => {
  it('says the file looks GBK/GB18030-encoded and to save it as UTF-8, not only "该行不是有效的 UTF-8 文本" on every line', async () => {
    const iconv: typeof import('iconv-lite') = require('iconv-lite');
    const text =
      [
        { id: 'reg-T02', type: 'OrgUnitRegistered', orgUnitId: 'T02', effectiveDate: '2000-01-01', data: { name: '白水乡', kind: 'TOWNSHIP' } },
        { id: 'reg-C2', type: 'CadreRegistered', cadreId: 'C2', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'F', birthDate: '1982-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n';
    const file = join(dir, 'gbk.ndjson');
    writeFileSync(file, iconv.encode(text, 'gbk'));
    const r = await runCli(['import', file, '--dry-run'], env);
    expect(r.code).toBe(4);
    // Before the fix: each line "含有无效的 UTF-8 编码 / 该行不是有效的 UTF-8 文本", nothing naming GBK or how to fix the file.
    expect(r.stdout + r.stderr).toMatch(/GBK|GB18030|GB2312/);
    expect(r.stdout + r.stderr).toMatch(/另存为.*UTF-8|转换为 ?UTF-8|UTF-8 编码保存/);
  });
});

describe('--json errors: one JSON line on stderr, the message in Chinese (README “Command line”)', () => {
  it('token revoke of an unknown token: the error on stderr as {"error":{code,message}}, nothing on stdout', async () => {
    const r = await runCli(['token', 'revoke', 'no-such-token', '--json'], env);
    expect(r.code).toBe(1);
    // Before the fix: stdout {"tokenId":"no-such-token","revoked":false}, stderr empty.
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!).error.code).toEqual(expect.any(String));
  });

  it('verify-export of a missing file: the JSON error message is in Chinese like every other CLI error, on stderr', async () => {
    const r = await runCli(['verify-export', join(dir, 'missing.json'), '--json'], env);
    expect(r.code).toBe(1);
    // Before the fix: stdout {"ok":false,"error":{"code":"INVALID_EXPORT","message":"no such file: …"}} — English only, on stdout, stderr empty.
    const err = JSON.parse(r.stderr.trim().split('\n').pop() || '{}').error;
    expect(err?.message).toMatch(/\p{Script=Han}/u);
  });
});

describe('verify-export of a file saved with a BOM (Windows 记事本 “UTF-8 带 BOM”)', () => {
  it('the same export with a UTF-8 BOM in front verifies as intact (exit 0), as import accepts a BOM, not "不是 JSON … 不是可读的审计导出文件"', async () => {
    const file = join(dir, 'c1.json');
    const ex = await runCli(['export', 'C1', '--out', file], env);
    expect(ex.code).toBe(0);
    const plain = await runCli(['verify-export', file], env);
    expect(plain.code).toBe(0);
    const bom = join(dir, 'c1-bom.json');
    writeFileSync(bom, '\uFEFF' + require('node:fs').readFileSync(file, 'utf8'));
    const r = await runCli(['verify-export', bom], env);
    // Before the fix: exit 1, "无法校验：… 不是可读的审计导出文件。不是 JSON（解析器报告：Unexpected token '﻿', …）".
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('pinned (passing): what works', () => {
  it('--as-of=D and --as-of D give the same answer; --as-of last without its value is a Chinese USAGE error, exit 1', async () => {
    const [eq, sp, last, lastJson] = await Promise.all([
      runCli(['tenure', 'C1', '--as-of=2025-12-31', '--json'], env),
      runCli(['tenure', 'C1', '--as-of', '2025-12-31', '--json'], env),
      runCli(['history', 'C1', '--as-of'], env),
      runCli(['history', 'C1', '--json', '--as-of'], env),
    ]);
    expect([eq.code, sp.code]).toEqual([0, 0]);
    expect(JSON.parse(eq.stdout)).toEqual(JSON.parse(sp.stdout));
    expect([last.code, last.stdout]).toEqual([1, '']);
    expect(last.stderr).toContain('--as-of <date> 缺少取值');
    expect(JSON.parse(lastJson.stderr.trim()).error.code).toBe('USAGE');
  });

  it('a BOM and CRLF line ends, from a file or standard input (-), import as plain NDJSON', async () => {
    const text = [{ id: 'reg-T03', type: 'OrgUnitRegistered', orgUnitId: 'T03', effectiveDate: '2000-01-01', data: { name: '东河镇', kind: 'TOWNSHIP' } }].map((l) => JSON.stringify(l)).join('\r\n') + '\r\n';
    writeFileSync(join(dir, 'bom.ndjson'), '\uFEFF' + text);
    const [f, s] = await Promise.all([runCli(['import', join(dir, 'bom.ndjson'), '--dry-run', '--json'], env), runCli(['import', '-', '--dry-run', '--json'], env, '\uFEFF' + text)]);
    expect([f.code, JSON.parse(f.stdout).accepted, s.code, JSON.parse(s.stdout).accepted]).toEqual([0, 1, 0, 1]);
  });
});
