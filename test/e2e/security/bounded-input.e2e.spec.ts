/**
 * Issue 11, hole 3: bounded input. An import line over IMPORT_MAX_LINE_BYTES is rejected by its
 * number without being echoed; a JSON body over HTTP_BODY_LIMIT_BYTES is a 413; no error quotes
 * more than 80 characters of input; the import report keeps the first 1,000 rejections and the
 * total count, streamed over HTTP, and the CLI reports the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const org = (id: string) => JSON.stringify({ id: `reg-${id}`, type: 'OrgUnitRegistered', orgUnitId: id, effectiveDate: '2000-01-01', data: { name: `${id}镇`, kind: 'TOWNSHIP' } });
/** No 81 consecutive characters of the planted filler anywhere in the answer. */
const echoesAtMost80 = (answer: unknown, filler: string) => expect(JSON.stringify(answer)).not.toContain(filler.slice(0, 81));

describe('bounded input', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bounded-'));
  beforeAll(async () => {
    api = await startApi('bounded_input');
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an import line over 64 KiB by its number, echoes none of it, and imports the rest', async () => {
    const huge = 'x'.repeat(300_000);
    const file = [org('T1'), JSON.stringify({ id: huge, type: 'OrgUnitRegistered', orgUnitId: 'T2', effectiveDate: '2000-01-01', data: { name: '镇', kind: 'TOWNSHIP' } }), org('T3')].join('\n') + '\n';
    const r = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: file, headers: NDJSON });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 2, rejectedCount: 1, rejected: [{ line: 2, code: 'LINE_TOO_LONG', id: null, titleZh: expect.any(String) }] });
    expect(r.body.rejected[0].message).toMatch(/65536/);
    echoesAtMost80(r.body, huge);
  });

  it('quotes at most 80 characters of input in any error (route and import)', async () => {
    const long = 'Q'.repeat(5000);
    const route = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { type: long, effectiveDate: '2020-01-01', data: {} } });
    expect(route.status).toBe(400);
    echoesAtMost80(route.body, long);
    const idLong = 'I'.repeat(200);
    const lines = [
      JSON.stringify({ id: 'u1', type: long, cadreId: 'C1', effectiveDate: '2020-01-01', data: {} }),
      JSON.stringify({ id: idLong, type: 'HealthCheckCompleted', cadreId: 'NOBODY', effectiveDate: '2020-01-01', data: {} }),
      `{"id": "${long}`,
    ];
    const imported = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: lines.join('\n'), headers: NDJSON });
    expect(imported.body.rejected.map((x: { line: number }) => x.line)).toEqual([1, 2, 3]);
    echoesAtMost80(imported.body, long);
    echoesAtMost80(imported.body, idLong);
  });

  it('answers 413 with a clear message for a JSON body over the limit (1 MiB)', async () => {
    const body = { type: 'HealthCheckCompleted', effectiveDate: '2020-01-01', data: {}, documentRef: 'x'.repeat(1_100_000) };
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body });
    expect(r).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', limitBytes: 1_048_576 } });
    expect(r.body.message).toMatch(/1048576 bytes/);
  });

  it('lets a request take as long as it needs to arrive unless HTTP_REQUEST_TIMEOUT_MS says otherwise (Node’s 300 s default cut a long import off mid-file)', async () => {
    const requestTimeout = (harness: ApiHarness) => (harness.app.getHttpServer() as import('node:http').Server).requestTimeout;
    expect(requestTimeout(api)).toBe(0);
    const limited = await startApi('bounded_input_timeout', {}, { HTTP_REQUEST_TIMEOUT_MS: '600000' });
    try {
      expect(requestTimeout(limited)).toBe(600_000);
    } finally {
      await limited.close();
    }
  });

  it('keeps the first 1,000 rejections and the total count, streamed over HTTP and in the CLI', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `{not json ${i}`);
    const file = [org('T10'), ...bad, org('T11')].join('\n') + '\n';
    const r = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: file, headers: NDJSON });
    expect(r.status).toBe(200);
    expect(r.headers.get('transfer-encoding')).toBe('chunked');
    expect(r.body).toMatchObject({ accepted: 2, rejectedCount: 1500, lines: 1502 });
    expect(r.body.rejected).toHaveLength(1000);
    expect(r.body.rejected.map((x: { line: number }) => x.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));

    const path = join(dir, 'bad.ndjson');
    writeFileSync(path, file);
    const cli = await runCli(['import', path, '--json'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(4);
    const report = JSON.parse(cli.stdout);
    expect(report).toMatchObject({ accepted: 2, rejectedCount: 1500 });
    expect(report.rejected).toHaveLength(1000);
    const human = await runCli(['import', path], { DATABASE_URL: api.db.url });
    expect(human.stdout).toMatch(/拒绝 1500 行/);
    expect(human.stdout).toMatch(/仅列出前 1000 行/);
  });
});
