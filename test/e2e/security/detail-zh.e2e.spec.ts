/**
 * Every error answer says its message in Chinese too (`detailZh`), for the organization
 * department's staff: one bad request per way an error answer is made (zod's query and body
 * checks, the API's own 400s, 401, 403, 404, 405, 413, 415, malformed JSON, invalid UTF-8, the
 * routers' and Node's parser's refusals, the import's), each naming in Chinese what the English
 * names (the field, the id, the limit). On either HTTP server: both answer the same.
 */
import { gzipSync } from 'node:zlib';
import { connect } from 'node:net';
import { ApiTokenRepository } from '@ledger/auth';
import { clampQuotedInputZh, shanghaiTime } from '@ledger/domain';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { sampleCommand } from '../../support/sample-commands';

const HAN = /\p{Script=Han}/u;
const BODY_LIMIT = 4096;

const appoint = { type: 'AppointedToPost', effectiveDate: '2011-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } };

interface Case {
  /** What is wrong with the request. */
  readonly what: string;
  readonly send: (api: ApiHarness) => Promise<{ status: number; body: any }>;
  readonly status: number;
  readonly code: string;
  /** What the English message names (a field, an id, a value, a limit): the Chinese names it too. */
  readonly names: readonly string[];
}

const json = (body: unknown) => JSON.stringify(body);

const CASES: readonly Case[] = [
  // 400 from zod: a query schema (ZodError), a body schema (nestjs-zod's ZodValidationException).
  { what: 'a query date that is no date', send: (a) => a.request('GET', '/v1/eligibility/in-post-promotion?asOf=2025-02-30'), status: 400, code: 'INVALID_REQUEST', names: ['asOf', 'YYYY-MM-DD', '1900–2999'] },
  { what: 'a knownAt that is no instant', send: (a) => a.request('GET', '/v1/eligibility/in-post-promotion?knownAt=yesterday'), status: 400, code: 'INVALID_REQUEST', names: ['knownAt', '2024-01-31T08:00:00+08:00'] },
  { what: 'a body field not among the choices', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: { ...appoint, data: { orgUnitId: 'T01', role: 'MAYOR' } } }), status: 400, code: 'INVALID_REQUEST', names: ['data.role', 'PARTY_SECRETARY'] },
  { what: 'a body field the route does not take', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: { ...appoint, actor: 'someone-else' } }), status: 400, code: 'INVALID_REQUEST', names: ['actor'] },
  { what: 'an event type the route does not take', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: { ...appoint, type: 'Promoted' } }), status: 400, code: 'INVALID_REQUEST', names: ['type', 'AppointedToPost'] },
  // 400 the API says itself.
  { what: 'an unknown query parameter', send: (a) => a.request('GET', '/v1/eligibility/in-post-promotion?asof=2025-01-01'), status: 400, code: 'INVALID_REQUEST', names: ['asof', 'asOf', 'knownAt', 'cadreId'] },
  { what: 'a query parameter a route takes none of', send: (a) => a.request('GET', '/v1/audit/digest?x=1'), status: 400, code: 'INVALID_REQUEST', names: ['x'] },
  { what: 'township on a county-wide report', send: (a) => a.request('GET', '/v1/reports/promotion-pool?township=T01'), status: 400, code: 'INVALID_REQUEST', names: ['township'] },
  { what: 'a roster page size over its limit', send: (a) => a.request('GET', '/v1/cadres?pageSize=9999'), status: 400, code: 'INVALID_REQUEST', names: ['pageSize', '500'] },
  { what: 'a report’s year that is no year', send: (a) => a.request('GET', '/v1/reports/training?year=abc'), status: 400, code: 'INVALID_REQUEST', names: ['year', '2021', '1900–2999'] },
  { what: 'a report name that is none', send: (a) => a.request('GET', '/v1/reports/no-such-report'), status: 400, code: 'INVALID_REQUEST', names: ['name', 'team-composition', 'health-checks'] },
  { what: 'a policy date that is no date', send: (a) => a.request('GET', '/v1/policy?on=tomorrow'), status: 400, code: 'INVALID_REQUEST', names: ['on', 'YYYY-MM-DD'] },
  { what: 'a cadre id in the path with a space', send: (a) => a.request('POST', `/v1/cadres/${encodeURIComponent('C 1')}/events`, { body: appoint }), status: 400, code: 'INVALID_REQUEST', names: ['cadreId', '_ . : -'] },
  { what: 'a cadre id to export with a space', send: (a) => a.request('GET', `/v1/cadres/${encodeURIComponent('C 1')}/export`), status: 400, code: 'INVALID_REQUEST', names: ['cadreId', '_ . : -'] },
  { what: 'an export format that is none', send: (a) => a.request('GET', '/v1/cadres/C1/export?format=pdf'), status: 400, code: 'INVALID_REQUEST', names: ['format', 'json', 'html'] },
  { what: 'an If-Match that is no revision', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: appoint, headers: { 'if-match': 'yesterday' } }), status: 400, code: 'INVALID_REQUEST', names: ['If-Match', '"3"'] },
  { what: 'an Idempotency-Key too long', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: appoint, headers: { 'idempotency-key': 'k'.repeat(201) } }), status: 400, code: 'INVALID_REQUEST', names: ['Idempotency-Key', '200'] },
  { what: 'an Idempotency-Key with a space', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: appoint, headers: { 'idempotency-key': 'a b' } }), status: 400, code: 'INVALID_REQUEST', names: ['Idempotency-Key', 'ASCII'] },
  { what: 'an Idempotency-Key other than the body’s id', send: (a) => a.request('POST', '/v1/cadres/C1/events', { body: { id: 'body-id-1', ...appoint }, headers: { 'idempotency-key': 'key-1' } }), status: 400, code: 'INVALID_REQUEST', names: ['Idempotency-Key', 'body-id-1'] },
  { what: 'a digest that is none', send: (a) => a.request('GET', '/v1/audit/verify?sinceDigest=garbage', { role: 'AUDITOR' }), status: 400, code: 'INVALID_REQUEST', names: ['sinceDigest', 'ledger-digest:v1'] },
  { what: 'a body that is no audit export', send: (a) => a.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', body: { format: 'x' } }), status: 400, code: 'INVALID_REQUEST', names: ['cadre-ledger.audit-export'] },
  { what: 'an import’s dryRun that is no boolean', send: (a) => a.request('POST', '/v1/import?dryRun=maybe', { rawBody: '', headers: { 'content-type': 'application/x-ndjson' } }), status: 400, code: 'INVALID_REQUEST', names: ['dryRun', 'true', 'false'] },
  { what: 'a path the router cannot decode', send: (a) => a.request('GET', '/v1/cadres/%FF/history'), status: 400, code: 'INVALID_REQUEST', names: [] },
  // The body itself.
  { what: 'a body that is no JSON', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: '{"type":', headers: { 'content-type': 'application/json' } }), status: 400, code: 'MALFORMED_JSON', names: ['JSON'] },
  // JSON, but no object: body-parser's strict mode called it “not valid JSON”, which it is.
  { what: 'a body that is JSON null', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: ' null ', headers: { 'content-type': 'application/json' } }), status: 400, code: 'INVALID_REQUEST', names: ['JSON', 'null'] },
  { what: 'a body that is a bare JSON string', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: '"x"', headers: { 'content-type': 'application/json' } }), status: 400, code: 'INVALID_REQUEST', names: ['JSON'] },
  {
    what: 'a body that gives one name twice in an object',
    send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: '{"type":"AppointedToPost","effectiveDate":"2011-01-01","data":{"orgUnitId":"T01","role":"HEAD","role":"DEPUTY"}}', headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'REPEATED_JSON_KEY',
    names: ['data.role'],
  },
  {
    what: 'a body that is no UTF-8',
    send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: Buffer.concat([Buffer.from('{"type":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'INVALID_UTF8',
    names: ['UTF-8'],
  },
  {
    what: 'a JSON body sent as gzip that is not',
    send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }),
    status: 400,
    code: 'INVALID_REQUEST',
    names: ['Z_DATA_ERROR'],
  },
  {
    // Brotli's decoder errors are not zlib's Z_…: it answered HTTP_400 "Decompression failed", in English, naming no field.
    what: 'a JSON body sent as brotli that is not',
    send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: Buffer.from('not brotli at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'br' } }),
    status: 400,
    code: 'INVALID_REQUEST',
    names: ['ERR__ERROR_'],
  },
  { what: 'a body over the limit', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: json({ ...appoint, documentRef: 'x'.repeat(BODY_LIMIT) }), headers: { 'content-type': 'application/json' } }), status: 413, code: 'PAYLOAD_TOO_LARGE', names: [String(BODY_LIMIT), 'HTTP_BODY_LIMIT_BYTES', 'NDJSON'] },
  { what: 'a body sent as text', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: json(appoint), headers: { 'content-type': 'text/plain' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', names: ['application/json', 'text/plain'] },
  { what: 'a body in another charset', send: (a) => a.request('POST', '/v1/cadres/C1/events', { rawBody: json(appoint), headers: { 'content-type': 'application/json; charset=latin1' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', names: ['latin1', 'UTF-8'] },
  { what: 'an import sent as JSON', send: (a) => a.request('POST', '/v1/import', { rawBody: '{}', headers: { 'content-type': 'application/json' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', names: ['application/x-ndjson', 'application/json'] },
  { what: 'an import in another charset', send: (a) => a.request('POST', '/v1/import', { rawBody: '{}', headers: { 'content-type': 'application/x-ndjson; charset=utf-16' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', names: ['utf-16', 'UTF-8'] },
  { what: 'an import in an encoding the ledger cannot undo', send: (a) => a.request('POST', '/v1/import', { rawBody: '{}', headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'compress' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', names: ['Content-Encoding', 'compress', 'gzip', 'br'] },
  // Who is asking.
  { what: 'no token', send: (a) => a.request('GET', '/v1/cadres/C1/history', { role: null }), status: 401, code: 'UNAUTHENTICATED', names: ['Authorization: Bearer'] },
  { what: 'an unknown token', send: (a) => a.request('GET', '/v1/cadres/C1/history', { role: null, headers: { authorization: 'Bearer ccl_not-a-token' } }), status: 401, code: 'UNAUTHENTICATED', names: [] },
  { what: 'no token, asking who it is', send: (a) => a.request('GET', '/v1/me', { role: null }), status: 401, code: 'UNAUTHENTICATED', names: ['Authorization: Bearer'] },
  { what: 'a role without the route’s capability', send: (a) => a.request('POST', '/v1/cadres/C1/events', { role: 'ORG_DEPT', body: appoint }), status: 403, code: 'FORBIDDEN', names: ['ORG_DEPT', 'recordCareerEvents'] },
  { what: 'a role without the capability of policy', send: (a) => a.request('POST', '/v1/policy/versions', { role: 'CLERK', body: { version: 'v9', effectiveFrom: '2030-01-01', settings: {} } }), status: 403, code: 'FORBIDDEN', names: ['CLERK', 'adoptPolicy'] },
  // What is asked for.
  { what: 'an unknown cadre', send: (a) => a.request('GET', '/v1/cadres/NOBODY/history'), status: 404, code: 'NOT_FOUND', names: ['NOBODY'] },
  { what: 'an unknown cadre to export', send: (a) => a.request('GET', '/v1/cadres/NOBODY/export'), status: 404, code: 'NOT_FOUND', names: ['NOBODY'] },
  { what: 'an unknown township', send: (a) => a.request('GET', '/v1/reports/training?year=2024&township=T99'), status: 404, code: 'NOT_FOUND', names: ['T99'] },
  { what: 'an unknown route', send: (a) => a.request('GET', '/v1/no-such-thing'), status: 404, code: 'NOT_FOUND', names: ['GET', '/v1/no-such-thing'] },
  { what: 'a method the path does not take', send: (a) => a.request('PUT', '/v1/cadres/C1/events', { body: {} }), status: 405, code: 'METHOD_NOT_ALLOWED', names: ['PUT', 'POST'] },
];

/** The Chinese detail names what the English message names, and is Chinese. */
function expectChinese(answer: { status: number; body: any }, c: Pick<Case, 'status' | 'code' | 'names'>): void {
  expect(answer).toMatchObject({ status: c.status, body: { code: c.code, detailZh: expect.stringMatching(HAN) } });
  for (const name of c.names) {
    expect([name, answer.body.message]).toEqual([name, expect.stringContaining(name)]);
    expect([name, answer.body.detailZh]).toEqual([name, expect.stringContaining(name)]);
  }
}

/** A request Node's parser refuses, written to the socket as it is; the answer's status and body. */
function raw(api: ApiHarness, head: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(api.baseUrl);
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.concat([head, Buffer.from('\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')])));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), body: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) });
    });
    socket.on('error', reject);
  });
}

describe.each(['express', 'fastify'])('every error answer in Chinese too (detailZh), on %s', (adapter) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(`detail_zh_${adapter}`, {}, { HTTP_ADAPTER: adapter, HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api.close());

  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    expectChinese(await c.send(api), c);
  });

  it('a zod issue lists each field with its Chinese (issues[].messageZh), and the detail joins them', async () => {
    const answer = await api.request('POST', '/v1/cadres/C1/events', { body: { type: 'AppointedToPost', effectiveDate: '2011-02-30', data: { orgUnitId: 'T01', role: 'MAYOR' } } });
    expect(answer.status).toBe(400);
    const issues = answer.body.issues as Array<{ field: string; messageZh: string }>;
    expect(issues.map((i) => i.field).sort()).toEqual(['data.role', 'effectiveDate']);
    for (const i of issues) expect(i.messageZh).toMatch(HAN);
    // A run of more than 80 characters without a space (zod's list of choices) is cut, as in the English message.
    expect(answer.body.detailZh).toBe(clampQuotedInputZh(issues.map((i) => `${i.field}：${i.messageZh}`).join('；')));
  });

  it('an expired token names when it expired', async () => {
    const issued = await new ApiTokenRepository(api.db.sql).issue('AUDITOR', '过期测试', 'test', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const path of ['/v1/cadres/C1/history', '/v1/me']) {
      const answer = await api.request('GET', path, { role: null, headers: { authorization: `Bearer ${issued.token}` } });
      expectChinese(answer, { status: 401, code: 'TOKEN_EXPIRED', names: [] });
      // The English gives the instant as stored (UTC); the Chinese, as the department reads a clock.
      expect(answer.body.message).toContain(answer.body.expiredAt);
      expect(answer.body.detailZh).toContain(`${shanghaiTime(answer.body.expiredAt)}（北京时间）`);
    }
  });

  it('a caller’s long input is quoted in Chinese as in English: at most 80 characters of it', async () => {
    const long = `k${'x'.repeat(300)}`;
    const answer = await api.request('GET', `/v1/eligibility/in-post-promotion?${long}=1`);
    expectChinese(answer, { status: 400, code: 'INVALID_REQUEST', names: [`${long.slice(0, 80)}…(`] });
    expect(answer.body.detailZh).toContain(`${long.slice(0, 80)}…(301 chars)：`);
    expect(answer.body.detailZh).not.toContain(long.slice(0, 81));
  });

  it('a caller’s long input in Chinese characters is cut to 80 of them in the Chinese as in the English (a query parameter’s name, an export’s version)', async () => {
    const name = '乡'.repeat(300);
    const unknown = await api.request('GET', `/v1/eligibility/in-post-promotion?${encodeURIComponent(name)}=1`);
    expectChinese(unknown, { status: 400, code: 'INVALID_REQUEST', names: [`${name.slice(0, 80)}…(300 chars)`] });
    expect(unknown.body.field).toBe(`${name.slice(0, 80)}…(300 chars)`);
    const version = await api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', body: { format: 'cadre-ledger.audit-export', formatVersion: '版'.repeat(1000) } });
    expectChinese(version, { status: 400, code: 'INVALID_REQUEST', names: [`"${'版'.repeat(79)}…(1002 chars)`] }); // the version as JSON: its quote mark first
    for (const text of [unknown.body.message, unknown.body.detailZh, version.body.message, version.body.detailZh]) expect(text).not.toMatch(/(乡|版){81}/u);
  });

  it('an import line of an event type the role may not write, and a compressed body that cannot be decompressed, are reported in Chinese too', async () => {
    const line = json(sampleCommand('AppealDecided', 'zh').line);
    const forbidden = await api.request('POST', '/v1/import?dryRun=true', { role: 'CLERK', rawBody: `${line}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(forbidden.body.rejected).toEqual([expect.objectContaining({ code: 'FORBIDDEN_EVENT_TYPE', messageZh: expect.stringMatching(HAN) })]);
    for (const name of ['CLERK', 'AppealDecided', 'recordAppealEvents']) expect(forbidden.body.rejected[0].messageZh).toContain(name);
    const broken = gzipSync(Buffer.from(`${line}\n`)).subarray(0, 20);
    const truncated = await api.request('POST', '/v1/import?dryRun=true', { rawBody: Buffer.concat([broken, Buffer.from('garbage')]), headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' } });
    expect(truncated.status).toBe(200);
    expect(truncated.body.error).toMatchObject({ code: 'INVALID_REQUEST', detailZh: expect.stringMatching(HAN) });
    expect(truncated.body.error.detailZh).toContain(/\((Z_\w+)\)/.exec(truncated.body.error.message)![1]);
    // Brotli's decoder errors are not zlib's Z_…: the import stopped on a 500 INTERNAL_ERROR.
    const notBrotli = await api.request('POST', '/v1/import?dryRun=true', { rawBody: Buffer.from('not brotli at all'), headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'br' } });
    expect(notBrotli.status).toBe(200);
    expect(notBrotli.body.error).toMatchObject({ statusCode: 400, code: 'INVALID_REQUEST', field: '(body)', detailZh: expect.stringMatching(HAN) });
  });

  it('a write sent as x-gzip is read as gzip, as the import reads it (found fuzzing: the import took x-gzip and the write routes answered 415)', async () => {
    const body = gzipSync(Buffer.from(json({ id: `x-gzip-${adapter}`, ...appoint })));
    const written = await api.request('POST', '/v1/cadres/C1/events', { rawBody: body, headers: { 'content-type': 'application/json', 'content-encoding': 'x-gzip' } });
    expect([written.status, written.body.eventId]).toEqual([201, `x-gzip-${adapter}`]);
    const notGzip = await api.request('POST', '/v1/cadres/C1/events', { rawBody: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'X-Gzip' } });
    expectChinese(notGzip, { status: 400, code: 'INVALID_REQUEST', names: ['Z_DATA_ERROR'] });
  });

  it('a request Node’s parser refuses (a raw space in the URL, headers too large) is answered in Chinese too', async () => {
    const malformed = await raw(api, Buffer.from('GET /v1/cadres/a b/history HTTP/1.1'));
    expectChinese(malformed, { status: 400, code: 'INVALID_REQUEST', names: ['HPE_'] });
    const huge = await raw(api, Buffer.from(`GET /health HTTP/1.1\r\nX-Filler: ${'x'.repeat(20_000)}`));
    expectChinese(huge, { status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', names: ['HPE_HEADER_OVERFLOW'] });
  });
});
