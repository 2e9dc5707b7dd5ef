/**
 * POST /v1/import with hostile NDJSON bodies: a BOM, CRLF, a line of exactly
 * IMPORT_MAX_LINE_BYTES and one byte over, invalid UTF-8, gzip, an empty body, lines that are JSON
 * but not objects. Property: never a 5xx; `lines` = accepted + rejectedCount + blankLines; only
 * accepted lines are written; the ledger verifies.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

const MAX = 65536;
let n = 0;
/** A valid HealthCheckCompleted line for C1 padded (in data? no: in documentRef ≤ 200; so in the id's neighbour `note`) to exactly `bytes` bytes. */
function healthLine(id: string): string {
  return JSON.stringify({ id, type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2020-01-01', data: {} });
}
/** A valid line of exactly `bytes` UTF-8 bytes: JSON whitespace after the object pads it. */
function lineOfBytes(id: string, bytes: number, pad = ' '): string {
  const base = healthLine(id);
  const need = bytes - Buffer.byteLength(base);
  if (need < 0) throw new Error('too short');
  return base.slice(0, -1) + pad.repeat(need) + '}';
}

describe('hostile import bodies', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('hostile_import');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api?.close());
  const count = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  async function send(body: Uint8Array | string, headers: Record<string, string> = {}, query = '') {
    const r = await fetch(`${api.baseUrl}/v1/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.CLERK}`, 'content-type': 'application/x-ndjson', ...headers }, body });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* text */
    }
    return { status: r.status, body: parsed, text };
  }

  it('a line of exactly IMPORT_MAX_LINE_BYTES is imported (LF, CRLF, last line without newline); one byte over is LINE_TOO_LONG', async () => {
    const id = () => `max-${++n}`;
    const exact = [lineOfBytes(id(), MAX), lineOfBytes(id(), MAX)];
    expect(exact.map((l) => Buffer.byteLength(l))).toEqual([MAX, MAX]);
    const lf = await send(`${exact[0]}\n`);
    expect(lf.body).toMatchObject({ accepted: 1, rejectedCount: 0 });
    const crlf = await send(`${exact[1]}\r\n`);
    expect(crlf.body).toMatchObject({ accepted: 1, rejectedCount: 0 });
    const last = await send(lineOfBytes(id(), MAX));
    expect(last.body).toMatchObject({ accepted: 1, rejectedCount: 0 });
    const over = await send(`${lineOfBytes(id(), MAX + 1)}\n`);
    expect(over.body).toMatchObject({ accepted: 0, rejectedCount: 1, rejected: [{ line: 1, code: 'LINE_TOO_LONG' }] });
    const overCrlf = await send(`${lineOfBytes(id(), MAX + 1)}\r\n`);
    expect(overCrlf.body).toMatchObject({ accepted: 0, rejectedCount: 1, rejected: [{ line: 1, code: 'LINE_TOO_LONG' }] });
  });

  it('a file saved with a BOM (Windows Notepad) imports its first line', async () => {
    const before = await count();
    const r = await send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${healthLine(`bom-${++n}`)}\r\n${healthLine(`bom-${++n}`)}\r\n`)]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 2, rejectedCount: 0 });
    expect((await count()) - before).toBe(2);
  });

  it('an empty body, plain or gzip, is an empty import (no 5xx, no error)', async () => {
    const plain = await send('');
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ lines: 0, accepted: 0, rejectedCount: 0 });
    const gz = await send(gzipSync(Buffer.alloc(0)), { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.body).toMatchObject({ lines: 0, accepted: 0, rejectedCount: 0 });
    expect(gz.body.error).toBeUndefined();
  });

  it('gzip sent without Content-Encoding is refused line by line, never stored, never a 5xx', async () => {
    const before = await count();
    const r = await send(gzipSync(Buffer.from(`${healthLine(`gz-${++n}`)}\n`)));
    expect(r.status).toBeLessThan(500);
    expect(r.body.accepted).toBe(0);
    expect((await count()) - before).toBe(0);
  });

  const LINES = [
    () => healthLine(`p-${++n}`),
    () => healthLine(`p-${++n}`) + '\r',
    () => 'null',
    () => '[]',
    () => '"x"',
    () => '1',
    () => '',
    () => '   ',
    () => '\t',
    () => '\r',
    () => '\ufeff' + healthLine(`p-${++n}`),
    () => '{"id":"dup","id":"dup2","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{}}',
    () => `{"id":"p-${++n}","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{},"__proto__":{"x":1}}`,
    () => `{"id":"p-${++n}","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"constructor":1}}`,
    () => '['.repeat(30_000) + ']'.repeat(30_000),
    () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    () => `{"id":"p-${++n}","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"x":${'['.repeat(10_000) + ']'.repeat(10_000)}}}`,
    () => `{"id":"p-${++n}","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{},"type":"HealthCheckCompleted","x":${'['.repeat(40) + ']'.repeat(40)}}`,
    () => lineOfBytes(`p-${++n}`, MAX),
    () => lineOfBytes(`p-${++n}`, MAX + 1),
  ];
  const BYTES = [Buffer.from([0xff]), Buffer.from([0xc0, 0xae]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe4, 0xb8]), Buffer.from([0x00])];

  it('hostile files: never a 5xx or error; lines = accepted + rejectedCount + blankLines; only accepted lines written', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ line: fc.nat(LINES.length - 1), bad: fc.option(fc.record({ b: fc.nat(BYTES.length - 1), at: fc.nat() }), { freq: 4 }) }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (spec, eol, gz, trailing, dry) => {
          const parts = spec.map(({ line, bad }) => {
            const text = Buffer.from(LINES[line]!());
            if (!bad) return text;
            const at = bad.at % (text.length + 1);
            return Buffer.concat([text.subarray(0, at), BYTES[bad.b]!, text.subarray(at)]);
          });
          let raw = Buffer.concat(parts.flatMap((p, i) => (i < parts.length - 1 || trailing ? [p, Buffer.from(eol)] : [p])));
          const headers: Record<string, string> = gz ? { 'content-encoding': 'gzip' } : {};
          if (gz) raw = gzipSync(raw);
          const before = await count();
          const r = await send(raw, headers, dry ? '?dryRun=true' : '');
          const written = (await count()) - before;
          const label = `lines=${spec.map((s) => `${s.line}${s.bad ? `+b${s.bad.b}` : ''}`).join(',')} eol=${JSON.stringify(eol)} gz=${gz} trailing=${trailing} dry=${dry}`;
          if (r.status >= 500) return void failures.push(`${r.status} ${label}: ${r.text.slice(0, 200)}`);
          if (r.status !== 200) return void failures.push(`${r.status} ${label}: ${r.text.slice(0, 200)}`);
          const b = r.body;
          if (b.error) failures.push(`error ${label}: ${JSON.stringify(b.error).slice(0, 200)}`);
          if (b.lines !== b.accepted + b.rejectedCount + (b.blankLines ?? 0)) failures.push(`lines ${b.lines} != ${b.accepted}+${b.rejectedCount}+${b.blankLines} ${label}`);
          if (dry && written !== 0) failures.push(`dry run wrote ${written} ${label}`);
          if (!dry && written !== b.eventsWritten) failures.push(`wrote ${written}, said ${b.eventsWritten} ${label}`);
          for (const rej of b.rejected ?? []) {
            if (typeof rej.code !== 'string' || typeof rej.message !== 'string' || typeof rej.messageZh !== 'string') failures.push(`rejection without code/message ${label}: ${JSON.stringify(rej).slice(0, 200)}`);
          }
        },
      ),
      { seed: 5150, numRuns: Number(process.env.RUNS ?? 150) },
    );
    const verify = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect({ failures: failures.slice(0, 15), verify: verify.body?.ok }).toEqual({ failures: [], verify: true });
  }, 240_000);
});
