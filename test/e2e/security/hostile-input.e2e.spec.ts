/**
 * Hostile input over HTTP (and the CLI for the same parser): a digest's repeated name hidden past the
 * depth the cheap check walks, `charset=utf8` on the JSON routes, a BOM before a line of the limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('hostile input', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'hostile-input-'));
  beforeAll(async () => {
    api = await startApi('hostile_input');
    await registerTownshipAndCadre(api);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const raw = async (method: string, path: string, headers: Record<string, string>, body?: string | Buffer) => {
    const r = await fetch(`${api.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${api.tokens.ADMIN}`, ...headers }, ...(body !== undefined ? { body } : {}) });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* text */
    }
    return { status: r.status, body: parsed };
  };

  it('a digest JSON giving "hash" twice is refused (REPEATED_JSON_KEY) even when it also holds a value nested 32 levels deep — over HTTP and in the CLI', async () => {
    const d = (await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body;
    const forged = 'f'.repeat(64);
    const head = `{"count":${d.count},"position":{"commit":${d.position.commit},"prepare":${d.position.prepare}},"hash":"${forged}","hash":"${d.hash}"`;
    // Baseline: refused as the README says ("refused in import lines, digests and audit exports too").
    const plain = await raw('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(`${head}}`)}`, {});
    expect(plain.status).toBe(400);
    expect(plain.body.message).toMatch(/given twice/);
    // The same digest with one extra (tolerated) field nested 32 levels: accepted, and "proven" with the last hash.
    const padded = `${head},"note":${'['.repeat(32)}${']'.repeat(32)}}`;
    const http = await raw('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(padded)}`, {});
    const file = join(dir, 'digest.json');
    writeFileSync(file, padded);
    const cli = await runCli(['verify', '--since-digest', file, '--json'], { DATABASE_URL: api.db.url });
    expect({
      http: { status: http.status, code: http.body?.code, ok: http.body?.ok },
      cli: { refused: cli.code !== 0, namesRepeat: /twice|两次/.test(cli.stderr), stdout: cli.stdout.slice(0, 120) },
    }).toEqual({ http: { status: 400, code: 'INVALID_REQUEST', ok: undefined }, cli: { refused: true, namesRepeat: true, stdout: '' } });
  }, 60_000);

  it('a JSON write sent as "application/json; charset=utf8" is taken as UTF-8, as the import takes it (the write routes answered 415 "unsupported charset \\"UTF8\\"")', async () => {
    const importLine = JSON.stringify({ id: 'cs-imp', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2020-01-01', data: {} });
    const imported = await raw('POST', '/v1/import', { 'content-type': 'application/x-ndjson; charset=utf8' }, `${importLine}\n`);
    expect(imported.body).toMatchObject({ accepted: 1 });
    const write = await raw('POST', '/v1/cadres/C1/events', { 'content-type': 'application/json; charset=utf8' }, JSON.stringify({ id: 'cs-route', type: 'HealthCheckCompleted', effectiveDate: '2020-01-02', data: {} }));
    expect({ status: write.status, code: write.body?.code, detailZh: write.body?.detailZh }).toEqual({ status: 201, code: undefined, detailZh: undefined });
  });

  it('a file saved with a UTF-8 BOM whose first line is exactly IMPORT_MAX_LINE_BYTES is imported (the BOM is counted as line bytes: LINE_TOO_LONG "65539 bytes")', async () => {
    const base = JSON.stringify({ id: 'bom-max', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2020-01-03', data: {} });
    const line = base.slice(0, -1) + ' '.repeat(65536 - Buffer.byteLength(base)) + '}';
    expect(Buffer.byteLength(line)).toBe(65536);
    const withoutBom = await raw('POST', '/v1/import?dryRun=true', { 'content-type': 'application/x-ndjson' }, `${line}\r\n`);
    expect(withoutBom.body).toMatchObject({ accepted: 1, rejectedCount: 0 });
    const withBom = await raw('POST', '/v1/import?dryRun=true', { 'content-type': 'application/x-ndjson' }, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line}\r\n`)]));
    expect({ accepted: withBom.body.accepted, rejected: withBom.body.rejected }).toEqual({ accepted: 1, rejected: [] });
  });

  it('an unauthenticated body nested 100,000 deep is answered 4xx at once, the repeated-name check walking it in one pass (a 12,000-deep one took 12 s of CPU before the 401; found by a review)', async () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: null, rawBody: deep, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});
