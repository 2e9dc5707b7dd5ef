/**
 * Import of a generated county through the CLI and over HTTP: every line accepted, a second import
 * adds nothing, and planted bad lines are reported by exactly their line numbers while the rest is
 * imported.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ProjectionRunner } from '@ledger/projections';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { importReportSchema } from '../../../apps/api/src/import/import-report-schema';

// A generated county holds appeal events besides career events: only ADMIN may write both kinds.
describe('import (CLI and HTTP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
  const county = join(dir, 'county.ndjson');
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('import_cli');
    const generated = await runCli(['generate', '--townships', '4', '--years', '8', '--seed', '11', '--out', county]);
    expect(generated.code).toBe(0);
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every projection has applied every event: the first answer after an import waits for nothing. */
  async function expectProjectionsCurrent(on: TestDatabase): Promise<void> {
    const status = await new ProjectionRunner(on.sql, new PostgresEventStore(on.sql)).status();
    expect(status.map((s) => [s.name, s.lagEvents])).toEqual(status.map((s) => [s.name, 0]));
  }

  it('imports a generated county with no rejections; importing it again adds nothing', async () => {
    const lines = readFileSync(county, 'utf8').trim().split('\n').length;
    const first = await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: db.url });
    expect(first.stderr).toBe('');
    const result = JSON.parse(first.stdout);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toBe(lines);
    expect(result.projections).toEqual({ seconds: expect.any(Number), rebuilt: [] }); // a small backlog: caught up
    expect(first.code).toBe(0);
    await expectProjectionsCurrent(db);
    const events = Number((await db.sql`select count(*)::int as n from events`)[0]!.n);
    const again = JSON.parse((await runCli(['import', county, '--as', 'ADMIN', '--json'], { DATABASE_URL: db.url })).stdout);
    expect(again).toMatchObject({ accepted: lines, appended: 0, alreadyPresent: lines, eventsWritten: 0, rejected: [] });
    expect(Number((await db.sql`select count(*)::int as n from events`)[0]!.n)).toBe(events);
    expect((await runCli(['verify'], { DATABASE_URL: db.url })).code).toBe(0);
  }, 300_000); // three CLI processes, two of them importing: minutes on a loaded 2-core runner

  it('far behind after an import, the read models are rebuilt in one pass, and the output says so', async () => {
    const fresh = await createTestDatabase('import_cli_rebuild');
    try {
      const run = await runCli(['import', county, '--as', 'ADMIN'], { DATABASE_URL: fresh.url, PROJECTION_REBUILD_BACKLOG: '1' });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/读模型已更新（一次性重建 .*cadre-careers.*），用时 [\d.]+ 秒/);
      await expectProjectionsCurrent(fresh);
    } finally {
      await fresh.drop();
    }
  });

  it('three imports of one file at once: every line is appended by exactly one of them, the others count it present (HTTP)', async () => {
    const api = await startApi('import_concurrent');
    try {
      const file = readFileSync(county, 'utf8');
      const lines = file.trim().split('\n').length;
      const reports = await Promise.all(
        [1, 2, 3].map(() => api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: file, headers: { 'content-type': 'application/x-ndjson' } })),
      );
      for (const r of reports) expect(r.body).toMatchObject({ accepted: lines, rejected: [] });
      const sum = (field: string) => reports.reduce((n, r) => n + (r.body[field] as number), 0);
      // Before: a chunk a concurrent import had stored already was counted appended again.
      expect([sum('appended'), sum('alreadyPresent')]).toEqual([lines, 2 * lines]);
      expect(sum('eventsWritten')).toBe(Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n));
    } finally {
      await api.close();
    }
  }, 300_000);

  it('reads a gzip, deflate or brotli body as it arrives, and refuses an encoding it cannot undo (a gzip body was read as text: one INVALID_UTF8 a line)', async () => {
    const api = await startApi('import_encoded');
    try {
      const file = readFileSync(county, 'utf8');
      const lines = file.trim().split('\n').length;
      const send = (body: string | Uint8Array, encoding: string, dryRun = true) =>
        api.request('POST', `/v1/import?dryRun=${dryRun}`, { role: 'ADMIN', rawBody: body, headers: { 'content-type': 'application/x-ndjson', 'content-encoding': encoding } });
      const gzipped = await send(gzipSync(file), 'gzip', false);
      expect(gzipped.body).toMatchObject({ accepted: lines, appended: lines, rejected: [] });
      for (const [body, encoding] of [[deflateSync(file), 'deflate'], [brotliCompressSync(file), 'br']] as const) {
        expect((await send(body, encoding)).body).toMatchObject({ accepted: lines, alreadyPresent: lines, rejected: [] });
      }
      const unknown = await send(file, 'compress');
      expect(unknown).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', titleZh: '请求内容的格式或编码不受支持' } });
      // A stream that is not what it says fails the import, reported in the body; nothing half-written.
      const corrupt = await send(Buffer.from('not gzip at all'), 'gzip', false);
      expect(corrupt.body).toMatchObject({ accepted: 0, lines: 0, error: { statusCode: 400, field: '(body)', message: expect.stringContaining('Z_') } });
    } finally {
      await api.close();
    }
  }, 300_000);

  describe('planted bad lines', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApi('import_http');
    });
    afterAll(() => api.close());

    it('reports exactly the planted line numbers and imports the rest (HTTP), dry run writes nothing', async () => {
      const lines = readFileSync(county, 'utf8').trim().split('\n');
      const planted = new Map<number, string>([
        [3, '{"id":"bad-1","type":"CadreRegistered","cadreId":"X1","effectiveDate":"2001-02-30","data":{}}'], // impossible date
        [lines.length - 5, '{this is not json'],
        [40, '{"id":"bad-3","type":"AppointedToPost","cadreId":"NO_SUCH_CADRE","effectiveDate":"2010-01-01","data":{"orgUnitId":"T0001","role":"STAFF"}}'],
        [200, '{"id":"bad-4","type":"TownshipPerformanceScored","orgUnitId":"T0001","effectiveDate":"2010-12-31","data":{"year":2010,"score":"high"}}'],
        [lines.length - 1, '{"id":"bad-5","type":"Promoted","cadreId":"C1","effectiveDate":"2010-01-01","data":{}}'],
        // 10,000 nested arrays (20 KB): the walk of the line's strings ran out of stack and stopped the whole import.
        [100, `{"id":"bad-6","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2010-01-01","data":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`],
        // A misspelt field was dropped and the line stored without it (found 2026-12-02).
        [150, '{"id":"bad-7","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2010-01-01","documentref":"县委〔2010〕1号","data":{"programme":"x","level":"COUNTY"}}'],
        // A NUL passed the dry run and failed only the real import, at the store (found 2026-12-02).
        [160, '{"id":"bad-8","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2010-01-01","data":{"programme":"x\\u0000y","level":"COUNTY"}}'],
      ]);
      const withBad: string[] = [];
      lines.forEach((line, i) => {
        const bad = planted.get(withBad.length + 1);
        if (bad) withBad.push(bad);
        withBad.push(line);
        void i;
      });
      const file = withBad.join('\n') + '\n';
      const badLineNumbers = withBad.flatMap((l, i) => (l.startsWith('{"id":"bad-') || l.startsWith('{this') ? [i + 1] : []));
      expect(badLineNumbers).toHaveLength(8);
      writeFileSync(join(dir, 'bad.ndjson'), file);

      const dry = await api.request('POST', '/v1/import?dryRun=true', { role: 'ADMIN', rawBody: file, headers: { 'content-type': 'application/x-ndjson' } });
      expect(dry.status).toBe(200);
      expect(dry.body.rejected.map((r: { line: number }) => r.line)).toEqual(badLineNumbers);
      expect(Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n)).toBe(0);

      const real = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: file, headers: { 'content-type': 'application/x-ndjson' } });
      expect(real.status).toBe(200);
      expect(real.body.rejected.map((r: { line: number }) => r.line)).toEqual(badLineNumbers);
      expect(real.body.accepted).toBe(lines.length);
      for (const r of real.body.rejected) expect(r).toEqual(expect.objectContaining({ rule: expect.any(String), message: expect.any(String), messageZh: expect.stringMatching(/\p{Script=Han}/u) }));
      expect(real.body.rejected.find((r: { id: string }) => r.id === 'bad-3')).toMatchObject({ rule: 'I', code: 'RULE_I_CADRE_NOT_REGISTERED', messageZh: '干部 NO_SUCH_CADRE 尚未登记' });
      // Every kind of rejection says its detail in Chinese too, not only a rule's (a line that is no JSON, an unknown type).
      expect(real.body.rejected.find((r: { code: string }) => r.code === 'MALFORMED_JSON')).toMatchObject({ messageZh: expect.stringMatching(/^该行不是 JSON 对象：第 2 个字符处应为带双引号的字段名或 }（解析器报告：/) });
      expect(real.body.rejected.find((r: { id: string }) => r.id === 'bad-5')).toMatchObject({ code: 'RULE_I_NOT_A_COMMAND', messageZh: '未知的事项类型 Promoted' });
      expect(real.body.rejected.find((r: { id: string }) => r.id === 'bad-6')).toMatchObject({ rule: 'I', code: 'RULE_I_SCHEMA', message: expect.stringContaining('nested too deeply') });
      expect(real.body.rejected.find((r: { id: string }) => r.id === 'bad-7')).toMatchObject({ rule: 'I', code: 'RULE_I_SCHEMA', field: 'documentref' });
      expect(dry.body.rejected.find((r: { id: string }) => r.id === 'bad-8')).toMatchObject({ rule: 'I', code: 'RULE_I_SCHEMA', field: 'data.programme', message: expect.stringContaining('NUL') });
      for (const report of [dry.body, real.body]) importReportSchema.parse(report); // as /docs/openapi.json documents it

      const cli = await runCli(['import', join(dir, 'bad.ndjson'), '--as', 'ADMIN'], { DATABASE_URL: api.db.url });
      expect(cli.code).toBe(4);
      expect(cli.stdout).toContain('拒绝 8 行');
      // The table’s 详情 is the Chinese detail; the English is left to --json.
      const row = cli.stdout.split('\n').find((l) => l.includes('bad-3'));
      expect(row).toContain('干部尚未登记'); // 原因: the code's title
      expect(row).toContain('干部 NO_SUCH_CADRE 尚未登记');
      expect(cli.stdout).not.toContain('is not registered');
      const missing = await runCli(['import', join(dir, 'missing.ndjson'), '--as', 'ADMIN'], { DATABASE_URL: api.db.url });
      expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('找不到文件 (no such file)')]);
      const directory = await runCli(['import', dir, '--as', 'ADMIN'], { DATABASE_URL: api.db.url });
      expect([directory.code, directory.stderr]).toEqual([1, expect.stringContaining('是目录，不是文件 (a directory, not a file)')]);
      // Standard input as `-`, and a device read like a file (/dev/null was refused as 不是文件，可能是目录; found fuzzing the CLI).
      const piped = await runCli(['import', '-', '--as', 'ADMIN', '--dry-run', '--json'], { DATABASE_URL: api.db.url }, readFileSync(join(dir, 'bad.ndjson'), 'utf8'));
      expect(piped.code).toBe(4);
      expect(JSON.parse(piped.stdout)).toMatchObject({ dryRun: true, rejectedCount: 8 });
      const empty = await runCli(['import', '/dev/null', '--as', 'ADMIN', '--json'], { DATABASE_URL: api.db.url });
      expect([empty.code, JSON.parse(empty.stdout)]).toEqual([0, expect.objectContaining({ lines: 0, accepted: 0, rejectedCount: 0 })]);
      // commander's own refusals, in Chinese (they were English only).
      const badRole = await runCli(['import', join(dir, 'bad.ndjson'), '--as', 'KING'], { DATABASE_URL: api.db.url });
      expect([badRole.code, badRole.stderr]).toEqual([1, expect.stringContaining('错误：选项 --as <role> 的值 KING 无效，可选：CLERK、ORG_DEPT')]);
      const unknownOption = await runCli(['import', join(dir, 'bad.ndjson'), '--bogus'], { DATABASE_URL: api.db.url });
      expect(unknownOption.stderr).toContain('错误：没有选项 --bogus');
      const json = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: '{}', headers: { 'content-type': 'application/json' } });
      expect(json.status).toBe(415);
      // A file of several lines sent as JSON is the same 415, not a 400 "not JSON" (found by a review).
      const asJson = await api.request('POST', '/V1/Import/?dryRun=true', { role: 'CLERK', rawBody: '{"type":"x"}\n{"type":"y"}\n', headers: { 'content-type': 'application/json' } });
      expect(asJson).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/x-ndjson') } });
      // A charset other than UTF-8 is refused before a line is read (found by a review: it was read as UTF-8).
      const utf16 = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: '{}', headers: { 'content-type': 'application/x-ndjson; charset=utf-16' } });
      expect(utf16).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('utf-16') } });
      const utf8 = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: '', headers: { 'content-type': 'application/x-ndjson; charset=UTF-8' } });
      expect(utf8.status).toBe(200);
    });

    it('a refusal naming cadres and a township by id (P2) carries their names: the CLI’s table puts each beside its id, as the web app does (it named ids only)', async () => {
      const line = (o: unknown) => JSON.stringify(o);
      const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
      const file = join(dir, 'p2.ndjson');
      writeFileSync(
        file,
        [
          line({ id: 'p2-T', type: 'OrgUnitRegistered', orgUnitId: 'TP2', effectiveDate: '2000-01-01', data: { name: '柳溪镇', kind: 'TOWNSHIP' } }),
          line({ id: 'p2-reg-A', type: 'CadreRegistered', cadreId: 'P2A', effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } }),
          line({ id: 'p2-reg-B', type: 'CadreRegistered', cadreId: 'P2B', effectiveDate: '2000-01-01', data: { name: '吴二', gender: 'F', birthDate: '1976-01-01', education } }),
          line({ id: 'p2-appoint-A', type: 'AppointedToPost', cadreId: 'P2A', effectiveDate: '2020-01-01', data: { orgUnitId: 'TP2', role: 'PARTY_SECRETARY' } }),
          line({ id: 'p2-appoint-B', type: 'AppointedToPost', cadreId: 'P2B', effectiveDate: '2021-01-01', data: { orgUnitId: 'TP2', role: 'PARTY_SECRETARY' } }),
        ].join('\n') + '\n',
      );
      const json = await runCli(['import', file, '--as', 'ADMIN', '--json', '--no-projections'], { DATABASE_URL: api.db.url });
      expect(JSON.parse(json.stdout).rejected).toEqual([
        expect.objectContaining({ id: 'p2-appoint-B', code: 'RULE_P2_POST_OCCUPIED', cadreNames: { P2A: '周一', P2B: '吴二' }, orgUnitNames: { TP2: '柳溪镇' } }),
      ]);
      const table = await runCli(['import', file, '--as', 'ADMIN', '--no-projections'], { DATABASE_URL: api.db.url });
      const row = table.stdout.split('\n').find((l) => l.includes('p2-appoint-B'));
      expect(row).toContain('柳溪镇（TP2） 党委书记由 周一（P2A） 担任');
      expect(row).not.toMatch(/(?<!（)(P2A|TP2)(?!）)/);
      // Over HTTP, to a clerk (who may not read the townships), the report names the township too.
      const report = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: readFileSync(file, 'utf8'), headers: { 'content-type': 'application/x-ndjson' } });
      expect(report.status).toBe(200);
      expect(report.body.rejected).toEqual([expect.objectContaining({ id: 'p2-appoint-B', cadreNames: { P2A: '周一', P2B: '吴二' }, orgUnitNames: { TP2: '柳溪镇' } })]);
    });
  });
});
