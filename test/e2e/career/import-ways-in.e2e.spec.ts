/**
 * The import's ways in: the CLI `import` and POST /v1/import give the same answer for the
 * same file and role; roles without importEvents are refused before anything is read; the report's
 * numbers account for every line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const J = (o: unknown) => JSON.stringify(o);
const reg = (id: string, extra: Record<string, unknown> = {}) => J({ id: `reg-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name: `张${id}`, gender: 'M', birthDate: '1980-01-01', education }, ...extra });
const LINES = [
  '\uFEFF' + J({ id: 'reg-T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } }),
  reg('A'),
  reg('B'),
  '',
  J({ id: 'a-sec', type: 'AppointedToPost', cadreId: 'A', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } }),
  J({ id: 'b-sec', type: 'AppointedToPost', cadreId: 'B', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } }),
  J({ id: 'san', type: 'SanctionImposed', cadreId: 'A', effectiveDate: '2013-01-01', data: { sanctionId: 's1', kind: 'WARNING', grounds: '违反规定' } }),
  J({ id: 'ap-f', type: 'AppealFiled', appealId: 'AP1', effectiveDate: '2013-01-10', data: { appealId: 'AP1', cadreId: 'A', targetEventId: 'san', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2013-01-05' } }),
  '{"id":"dup","id":"dup2"}',
  'null',
  reg('C', { documentref: 'x' }),
  J({ id: 'x-out', type: 'RemovedFromPost', cadreId: 'B', effectiveDate: '2014-01-01', data: { orgUnitId: 'T01', role: 'HEAD', reason: 'ADJUSTMENT' } }),
];
const FILE_TEXT = LINES.join('\r\n'); // CRLF, no newline after the last line

describe('the same file through the CLI and through HTTP, as CLERK', () => {
  let api: ApiHarness;
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'rev-imp-ways-'));
  const file = join(dir, 'f.ndjson');
  beforeAll(async () => {
    writeFileSync(file, FILE_TEXT);
    api = await startApi('import_ways_api');
    db = await createTestDatabase('import_ways_cli');
  }, 60000);
  afterAll(async () => {
    await api?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  let http: any;
  let cli: any;
  it('given the file over HTTP and through the CLI (--json, --as CLERK), then both report the same lines, rules, codes, messages and counts', async () => {
    const r = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: FILE_TEXT, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(200);
    http = r.body;
    const c = await runCli(['import', file, '--json', '--as', 'CLERK', '--no-projections'], { DATABASE_URL: db.url });
    cli = JSON.parse(c.stdout);
    expect(c.code).toBe(4);
    const pick = (x: any) => ({ accepted: x.accepted, appended: x.appended, alreadyPresent: x.alreadyPresent, eventsWritten: x.eventsWritten, lines: x.lines, blankLines: x.blankLines, rejectedCount: x.rejectedCount, rejected: x.rejected });
    expect(pick(cli)).toEqual(pick(http));
  });

  it('given the report, then every line of the file is accounted for: lines = accepted + rejected + blank lines (found by a review: the blank line went unsaid)', async () => {
    expect(http).toMatchObject({ lines: 12, blankLines: 1 });
    expect(http.accepted + http.rejectedCount + http.blankLines).toBe(http.lines);
  });

  it('given the CLI’s human output of a re-import, then it says how many lines were already present and prints the rejected table in Chinese with exact line numbers', async () => {
    const c = await runCli(['import', file, '--as', 'CLERK', '--no-projections'], { DATABASE_URL: db.url });
    expect(c.code).toBe(4);
    expect(c.stdout).toContain(`已存在 ${http.accepted}`);
    expect(c.stdout).toMatch(/新写入 0/);
    expect(c.stdout).toContain('空行 1 行（跳过）');
    for (const r of http.rejected) expect(c.stdout).toMatch(new RegExp(`\\n[│| ]*${r.line}\\s`));
  });
});

describe('roles without importEvents are refused before anything is read', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_roles');
  }, 60000);
  afterAll(async () => api?.close());

  it.each(['ORG_DEPT', 'AUDITOR'] as const)('given %s and a body that never ends, then the import answers 403 at once', async (role) => {
    const controller = new AbortController();
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(reg('Z') + '\n'));
      },
    });
    const timer = setTimeout(() => controller.abort(), 5000);
    try {
      const r = await fetch(`${api.baseUrl}/v1/import`, { method: 'POST', body, duplex: 'half', signal: controller.signal, headers: { authorization: `Bearer ${api.tokens[role]}`, 'content-type': 'application/x-ndjson' } } as RequestInit);
      expect(r.status).toBe(403);
      expect(((await r.json()) as { capability?: string }).capability).toBe('importEvents');
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    expect(Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n)).toBe(0);
  });

  it.each(['ORG_DEPT', 'AUDITOR'] as const)('given CLI --as %s on a named pipe no one writes to, then it is refused without opening it', async (role) => {
    const dir = mkdtempSync(join(tmpdir(), 'rev-imp-fifo-'));
    const fifo = join(dir, 'p');
    execFileSync('mkfifo', [fifo]);
    try {
      const c = await Promise.race([runCli(['import', fifo, '--as', role, '--json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }), new Promise<null>((r) => setTimeout(() => r(null), 20000))]);
      expect(c).not.toBeNull();
      expect(c!.code).not.toBe(0);
      expect(c!.stderr).toContain('importEvents');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);
});
