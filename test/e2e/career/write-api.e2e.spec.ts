/**
 * The write side over HTTP against a real PostgreSQL: every error class with its status and body,
 * the concurrent-appointment race (P2), policy overrides stored with the event.
 */
import { connect } from 'node:net';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { writeResponseSchema } from '../../../apps/api/src/career/write-response';
import { historySchema } from '../../../apps/api/src/history/history-schema';

const register = (name: string, birthDate = '1975-06-15') => ({
  type: 'CadreRegistered',
  effectiveDate: '2000-01-01',
  data: { name, gender: 'F', birthDate, education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } },
});
const appoint = (orgUnitId: string, role: string, effectiveDate: string, extra: Record<string, unknown> = {}) => ({
  type: 'AppointedToPost',
  effectiveDate,
  data: { orgUnitId, role },
  ...extra,
});

describe('write API (HTTP, PostgreSQL)', () => {
  let api: ApiHarness;
  const eventCount = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  beforeAll(async () => {
    api = await startApi('write_api');
    for (const t of ['T01', 'T02']) {
      const r = await api.request('POST', `/v1/org-units/${t}/events`, { role: 'CLERK', body: { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } } });
      expect(r.status).toBe(201);
    }
    for (const c of ['C1', 'C2', 'C3', 'C4']) {
      expect((await api.request('POST', `/v1/cadres/${c}/events`, { role: 'CLERK', body: { id: `reg-${c}`, ...register(`干部${c}`) } })).status).toBe(201);
    }
  });
  afterAll(() => api.close());

  it('201 with the stored envelope, the actor from the token and an ETag; 200 for an idempotent retry', async () => {
    const body = { id: 'c1-appoint', ...appoint('T01', 'DEPUTY_HEAD', '2010-03-01'), documentRef: 'X委〔2010〕3号' };
    const first = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body.events[0]).toMatchObject({ eventId: 'c1-appoint', streamId: 'cadre-C1', revision: 1, documentRef: 'X委〔2010〕3号' });
    expect(first.body.events[0].actor).toMatch(/^CLERK:测试CLERK#tok_/);
    expect(first.body.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await api.request('POST', '/v1/cadres/C1/events', { role: 'ADMIN', body });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('ALREADY_STORED');
    expect(again.body.events[0].hash).toBe(first.body.events[0].hash);
    // Both answers have the shape /docs/openapi.json documents.
    writeResponseSchema.parse(first.body);
    writeResponseSchema.parse(again.body);
  });

  it('a future-dated event is stored and its history shows it scheduled (T4); with asOf it is left out', async () => {
    expect((await api.request('POST', '/v1/cadres/C4/events', { role: 'CLERK', body: { id: 'c4-future', ...appoint('T02', 'STAFF', '2999-01-01') } })).status).toBe(201);
    const history = await api.request('GET', '/v1/cadres/C4/history', { role: 'AUDITOR' });
    const flags = Object.fromEntries(history.body.events.map((e: { eventId: string; scheduled: boolean }) => [e.eventId, e.scheduled]));
    expect(flags).toMatchObject({ 'reg-C4': false, 'c4-future': true });
    const asOf = await api.request('GET', '/v1/cadres/C4/history?asOf=2998-12-31', { role: 'AUDITOR' });
    expect(asOf.body.events.map((e: { eventId: string }) => e.eventId)).not.toContain('c4-future');
  });

  it('400 names the field for schema errors, malformed JSON, bad dates and unknown types', async () => {
    const before = await eventCount();
    const badRole = await api.request('POST', '/v1/cadres/C1/events', { body: appoint('T01', 'MAYOR', '2011-01-01') });
    expect(badRole).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'data.role' } });
    const badDate = await api.request('POST', '/v1/cadres/C1/events', { body: appoint('T01', 'HEAD', '2011-02-30') });
    expect(badDate).toMatchObject({ status: 400, body: { field: 'effectiveDate' } });
    const unknownType = await api.request('POST', '/v1/cadres/C1/events', { body: { type: 'Promoted', effectiveDate: '2011-01-01', data: {} } });
    expect(unknownType).toMatchObject({ status: 400, body: { field: 'type' } });
    // No type at all: required, with the types to choose from (it read 取值无效, as of a value typed wrong).
    const empty = await api.request('POST', '/v1/cadres/C1/events', { body: {} });
    expect(empty).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'type', message: expect.stringMatching(/^type: required; one of \w+, /) } });
    expect(empty.body.detailZh).toMatch(/^type：必须填写，可选：\w+、.*AppointedToPost/);
    const noRemedyKind = await api.request('POST', '/v1/appeals/AP-NK/events', { role: 'APPEALS_OFFICER', body: { type: 'AppealDecided', effectiveDate: '2011-01-01', data: { appealId: 'AP-NK', outcome: 'UPHELD', reasoning: '事实不清' }, remedy: {} } });
    expect(noRemedyKind).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'remedy.kind', detailZh: 'remedy.kind：必须填写，可选：RESCIND_SANCTION、CORRECT_GRADE' } });
    const extra = await api.request('POST', '/v1/cadres/C1/events', { body: { ...appoint('T01', 'HEAD', '2011-01-01'), actor: 'someone-else' } });
    expect(extra.status).toBe(400);
    const malformed = await api.request('POST', '/v1/cadres/C1/events', { rawBody: '{"type":', headers: { 'content-type': 'application/json' } });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON', field: '(body)', titleZh: '不是有效的 JSON' } });
    // What the parser found, in Chinese before its own English words.
    expect(malformed.body.detailZh).toMatch(/^请求内容不是有效的 JSON：内容在结束前中断（缺少右括号、右方括号或引号）（解析器报告：/);
    // A name given twice: JSON.parse would keep the second (C2's post for C1's line), so it is refused.
    const repeated = await api.request('POST', '/v1/cadres/C1/events', {
      rawBody: '{"type":"AppointedToPost","effectiveDate":"2011-01-01","data":{"orgUnitId":"T01","role":"PARTY_SECRETARY","role":"HEAD"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(repeated).toMatchObject({ status: 400, body: { code: 'REPEATED_JSON_KEY', field: 'data.role', titleZh: '同一对象中字段名重复' } });
    expect(repeated.body.detailZh).toBe('字段名“role”在同一对象中出现两次（位置 data.role）：一个字段只能有一个值，台账不猜测取哪一个，请删去多余的一个');
    const badIfMatch = await api.request('POST', '/v1/cadres/C1/events', { body: appoint('T01', 'HEAD', '2011-01-01'), headers: { 'if-match': 'yesterday' } });
    expect(badIfMatch).toMatchObject({ status: 400, body: { field: 'If-Match' } });
    const badPathId = await api.request('POST', `/v1/cadres/${encodeURIComponent('C 1')}/events`, { body: appoint('T01', 'HEAD', '2011-01-01') });
    expect(badPathId).toMatchObject({ status: 400, body: { field: 'cadreId' } });
    expect(await eventCount()).toBe(before);
  });

  it('415 for a body that is not JSON or not UTF-8, on every JSON write route, with a Chinese title; nothing written', async () => {
    const before = await eventCount();
    const json = JSON.stringify({ id: 'c1-head-415', ...appoint('T01', 'HEAD', '2011-01-01') });
    const policy = JSON.stringify({ version: 'x415', effectiveFrom: '2030-01-01', settings: {} });
    const refusals = [];
    for (const [path, body] of [['/v1/cadres/C1/events', json], ['/v1/org-units/T01/events', json], ['/v1/appeals/AP-415/events', json], ['/v1/policy/versions', policy]] as const) {
      for (const type of ['text/plain', 'application/merge-patch+json', 'application/x-ndjson', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset="UTF-32"']) {
        const answer = await api.request('POST', path, { role: 'ADMIN', rawBody: body, headers: { 'content-type': type } });
        refusals.push([path, type, answer.status, answer.body.code, answer.body.titleZh]);
      }
    }
    // Before: 400 listing every field as missing (the body was never read), or HTTP_415 with no title.
    expect(refusals.filter(([, , status, code, title]) => status !== 415 || code !== 'UNSUPPORTED_MEDIA_TYPE' || title !== '请求内容的格式或编码不受支持')).toEqual([]);
    expect(await eventCount()).toBe(before);
  });

  it('a Content-Type header that is empty or no media type (";", " ;charset=utf-8") is a 415 that says what to send, on the JSON routes and the import', async () => {
    const json = JSON.stringify({ id: 'ct-empty-1', type: 'TrainingCompleted', effectiveDate: '2020-01-01', data: {} });
    const before = await eventCount();
    const answers = [];
    for (const [path, send] of [['/v1/cadres/C1/events', 'application/json'], ['/v1/import', 'application/x-ndjson']] as const) {
      for (const type of ['', ';', ' ;charset=utf-8']) {
        const answer = await api.request('POST', path, { role: 'ADMIN', rawBody: json, headers: { 'content-type': type } });
        answers.push([path, JSON.stringify(type), answer.status, answer.body.code, answer.body.message?.includes(send) && answer.body.detailZh?.includes(send)]);
      }
    }
    // Before: Fastify's own "Unsupported Media Type", which says neither what was wrong nor what to send.
    expect(answers.filter(([, , status, code, says]) => status !== 415 || code !== 'UNSUPPORTED_MEDIA_TYPE' || !says)).toEqual([]);
    expect(await eventCount()).toBe(before);
  });

  it('409 for an If-Match on a stream with no event yet says streamExists: false, in the documented Problem shape (found by a contract review: actualRevision: null)', async () => {
    for (const [path, body] of [
      ['/v1/cadres/C-409-new/events', { id: 'reg-C-409-new', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } }],
      ['/v1/org-units/T-409-new/events', { id: 'reg-T-409-new', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } }],
    ] as const) {
      // The harness checks the answer against /docs/openapi.json's Problem: a null actualRevision failed it.
      const answer = await api.request('POST', path, { role: 'ADMIN', body, headers: { 'if-match': '"0"' } });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamExists: false });
      expect('actualRevision' in answer.body).toBe(false);
    }
  });

  it('405 naming the methods a known path takes (Allow), for a method it does not; 404 still for a path that does not exist', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const answer = await api.request(method, '/v1/cadres/C1/events', { body: {} });
      expect(answer).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_ALLOWED', titleZh: '该地址不支持此请求方法' } });
      expect(answer.headers.get('allow')).toBe('POST');
    }
    const onRead = await api.request('POST', '/v1/cadres/C1/history', { body: {} });
    expect([onRead.status, onRead.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await api.request('GET', '/v1/no-such-thing')).status).toBe(404);
    expect((await api.request('GET', '/v1/cadres/NOBODY/history')).body).toMatchObject({ code: 'NOT_FOUND', id: 'NOBODY' }); // a handler's 404 stays one
  });

  it('a request Node cannot parse (raw UTF-8 or a space in the URL) is answered with the one Problem shape on either server (found by a review: an empty 400 under Express, Fastify’s own body)', async () => {
    const raw = (requestLine: Buffer) =>
      new Promise<string>((resolve, reject) => {
        const { port } = new URL(api.baseUrl);
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.concat([requestLine, Buffer.from('\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')])));
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    for (const line of [Buffer.from('GET /v1/cadres?search=雷 HTTP/1.1', 'utf8'), Buffer.from('GET /v1/cadres/a b/history HTTP/1.1')]) {
      const answer = await raw(line);
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toContain('content-type: application/json; charset=utf-8'.replace('content-type', 'Content-Type'));
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
      expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_REQUEST', field: '(request)', requestId: expect.any(String) });
      expect(body.message).toContain('must be percent-encoded');
    }
    // Headers past Node's limit: the status Node gives (431), in the same shape.
    const huge = await raw(Buffer.from(`GET /health HTTP/1.1\r\nX-Filler: ${'x'.repeat(20_000)}`));
    expect(huge).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', titleZh: '请求头过大' });
  });

  it('401 without or with a wrong token; 404 for an unknown cadre', async () => {
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: null, body: appoint('T01', 'HEAD', '2011-01-01') })).body.code).toBe('UNAUTHENTICATED');
    const wrong = await api.request('GET', '/v1/cadres/C1/history', { role: null, headers: { authorization: 'Bearer ccl_not-a-token' } });
    expect(wrong.status).toBe(401);
    const missing = await api.request('GET', '/v1/cadres/NOBODY/history', { role: 'AUDITOR' });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('404 for a cadre the ledger did not know yet at knownAt, on history and state as on tenure (found by a review: history and state answered an empty 200)', async () => {
    for (const path of ['/v1/cadres/C1/history?knownAt=2000-01-01', '/v1/cadres/C1/state?asOf=2020-01-01&knownAt=2000-01-01', '/v1/cadres/C1/tenure?asOf=2020-01-01&knownAt=2000-01-01']) {
      expect([path, (await api.request('GET', path, { role: 'ADMIN' })).body]).toEqual([path, expect.objectContaining({ code: 'NOT_FOUND', id: 'C1' })]);
    }
    expect((await api.request('GET', '/v1/cadres/C1/history', { role: 'ADMIN' })).status).toBe(200);
    expect((await api.request('GET', '/v1/cadres/C1/state?asOf=2020-01-01', { role: 'ADMIN' })).status).toBe(200);
  });

  it('409 for a stale If-Match and for an event id reused for another fact', async () => {
    const stale = await api.request('POST', '/v1/cadres/C2/events', { body: appoint('T02', 'STAFF', '2005-01-01'), headers: { 'if-match': '"7"' } });
    expect(stale).toMatchObject({ status: 409, body: { code: 'STREAM_VERSION_CONFLICT', streamId: 'cadre-C2', actualRevision: 0 } });
    const fresh = await api.request('POST', '/v1/cadres/C2/events', { body: { id: 'c2-staff', ...appoint('T02', 'STAFF', '2005-01-01') }, headers: { 'if-match': '"0"' } });
    expect(fresh.status).toBe(201);
    const reused = await api.request('POST', '/v1/cadres/C2/events', { body: { id: 'c2-staff', ...appoint('T01', 'STAFF', '2005-01-01') } });
    expect(reused).toMatchObject({ status: 409, body: { code: 'EVENT_ID_CONFLICT' } });
  });

  it('409, not the rules’ 422, for a stale If-Match whose command the ledger as it now stands refuses; with a current one the refusal itself (found by a review)', async () => {
    // Given C5 registered (revision 0), then appointed 乡镇长 of T02 by one writer (revision 1)
    expect((await api.request('POST', '/v1/cadres/C5/events', { role: 'CLERK', body: { id: 'reg-C5', ...register('干部C5') } })).status).toBe(201);
    expect((await api.request('POST', '/v1/cadres/C5/events', { body: appoint('T02', 'HEAD', '2012-01-01'), headers: { 'if-match': '"0"' } })).status).toBe(201);
    // When another writer, who saw revision 0, appoints C5 to that post too
    const stale = await api.request('POST', '/v1/cadres/C5/events', { body: appoint('T02', 'HEAD', '2012-02-01'), headers: { 'if-match': '"0"' } });
    // Then the answer is the conflict that offers a reload
    expect(stale).toMatchObject({ status: 409, body: { code: 'STREAM_VERSION_CONFLICT', streamId: 'cadre-C5', actualRevision: 1 } });
    // And with the current revision, the rule that refuses it
    const current = await api.request('POST', '/v1/cadres/C5/events', { body: appoint('T02', 'HEAD', '2012-02-01'), headers: { 'if-match': '"1"' } });
    expect(current.status).toBe(422);
    // A malformed command stays a 400 whatever its If-Match
    const malformed = await api.request('POST', '/v1/cadres/C5/events', { body: { type: 'AppointedToPost', effectiveDate: '2012-13-01', data: { orgUnitId: 'T02', role: 'STAFF' } }, headers: { 'if-match': '"0"' } });
    expect(malformed.status).toBe(400);
  });

  it('a cadre’s history sends the stream revision as its ETag, which a conditional write takes as If-Match; no other read sends a body-hash ETag', async () => {
    const history = await api.request('GET', '/v1/cadres/C2/history', { role: 'AUDITOR' });
    expect(history.headers.get('etag')).toBe(`"${history.body.streamRevision}"`);
    const body = (id: string) => ({ id, type: 'HealthCheckCompleted', effectiveDate: '2025-01-01', data: {} });
    const conditional = await api.request('POST', '/v1/cadres/C2/events', { body: body('c2-health'), headers: { 'if-match': history.headers.get('etag')! } });
    expect(conditional.status).toBe(201);
    expect(conditional.headers.get('etag')).toBe(`"${history.body.streamRevision + 1}"`);
    const stale = await api.request('POST', '/v1/cadres/C2/events', { body: body('c2-health-2'), headers: { 'if-match': history.headers.get('etag')! } });
    expect(stale.status).toBe(409);
    // Express's own W/"<body hash>" had been sent on every read, and refused as If-Match.
    expect((await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2025-12-31', { role: 'ORG_DEPT' })).headers.get('etag')).toBeNull();
  });

  it('422 names the rule: integrity rules (P2, before birth, removal of a post not held)', async () => {
    const beforeBirth = await api.request('POST', '/v1/cadres/C3/events', { body: appoint('T01', 'STAFF', '1970-01-01') });
    expect(beforeBirth).toMatchObject({ status: 422, body: { code: 'RULE_I_BEFORE_BIRTH', rule: 'I', kind: 'INTEGRITY' } });
    // The Problem carries the detail in Chinese too, with the same dates as the English message.
    expect(beforeBirth.body.detailZh).toMatch(/^生效日期 1970-01-01 早于干部出生日期 \d{4}-\d{2}-\d{2}$/);
    expect(beforeBirth.body.message).toMatch(/^effectiveDate 1970-01-01 is before the cadre's birth date \d{4}-\d{2}-\d{2}$/);
    const notHeld = await api.request('POST', '/v1/cadres/C3/events', { body: { type: 'RemovedFromPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'HEAD', reason: 'OTHER' } } });
    expect(notHeld).toMatchObject({ status: 422, body: { code: 'RULE_I_REMOVAL_OF_POST_NOT_HELD', rule: 'I' } });
    // The post in its unit's words, as the pages name it: T01镇's head is its 镇长, a bureau's its 局长 (found by a review: 乡镇长 for any unit).
    expect(notHeld.body.detailZh).toBe('2012-01-01 并未担任 T01 镇长，无从免去');
    expect((await api.request('POST', '/v1/org-units/D-422/events', { role: 'CLERK', body: { id: 'reg-D-422', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '双江县财政局', kind: 'COUNTY_DEPARTMENT' } } })).status).toBe(201);
    const bureau = await api.request('POST', '/v1/cadres/C3/events', { body: { type: 'RemovedFromPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'D-422', role: 'DEPUTY_HEAD', reason: 'OTHER' } } });
    expect(bureau.body).toMatchObject({ detailZh: '2012-01-01 并未担任 D-422 副局长，无从免去', orgUnitNames: { 'D-422': '双江县财政局' } });
    expect((await api.request('POST', '/v1/cadres/C3/events', { body: appoint('T02', 'PARTY_SECRETARY', '2012-01-01') })).status).toBe(201);
    const occupied = await api.request('POST', '/v1/cadres/C4/events', { body: appoint('T02', 'PARTY_SECRETARY', '2013-01-01') });
    expect(occupied).toMatchObject({ status: 422, body: { code: 'RULE_P2_POST_OCCUPIED', rule: 'P2', detailZh: expect.stringContaining('T02 党委书记由 C3 担任（自 2012-01-01 起') } });
    const overridden = await api.request('POST', '/v1/cadres/C4/events', { body: { ...appoint('T02', 'PARTY_SECRETARY', '2013-01-01'), override: { reason: 'try' } } });
    expect(overridden.status).toBe(422); // integrity rules cannot be overridden
  });

  it('422 for a policy rule with the first date it would pass; accepted with an override that is stored', async () => {
    // C3 is party secretary of T02 since 2012-01-01: moving before 2015-01-01 needs municipal approval (TM4).
    const move = { type: 'RemovedFromPost', effectiveDate: '2014-12-31', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' } };
    const refused = await api.request('POST', '/v1/cadres/C3/events', { body: move });
    expect(refused).toMatchObject({ status: 422, body: { code: 'RULE_TM4_APPROVAL_REQUIRED', rule: 'TM4', kind: 'POLICY', firstPassingDate: '2015-01-01', overridable: true } });
    const accepted = await api.request('POST', '/v1/cadres/C3/events', { body: { ...move, override: { reason: '县委决定，因工作需要提前调整' } } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.override).toEqual({ reason: '县委决定，因工作需要提前调整', rules: ['TM4'], policyVersion: '1' });
    const history = await api.request('GET', '/v1/cadres/C3/history', { role: 'AUDITOR' });
    expect(history.body.events.at(-1).metadata.override.rules).toEqual(['TM4']);
    historySchema.parse(history.body);
    writeResponseSchema.parse(accepted.body);
  });

  it('N2 §18: the years in a section-level deputy post serve for 四级→三级主任科员 (the org units of the cadre’s posts are loaded for it)', async () => {
    // C1 is deputy head (副乡长) of T01 since 2010-03-01; 四级主任科员 since 2011-06-01 (two years on 2013-06-01).
    expect((await api.request('POST', '/v1/cadres/C1/events', { body: { type: 'RankSet', effectiveDate: '2011-06-01', data: { rank: 'PRINCIPAL_STAFF_4' } } })).status).toBe(201);
    const promotion = (effectiveDate: string) => ({ type: 'RankPromoted', effectiveDate, data: { fromRank: 'PRINCIPAL_STAFF_4', toRank: 'PRINCIPAL_STAFF_3', basis: 'REGULAR', quota: 'VACANCY' } });
    const early = await api.request('POST', '/v1/cadres/C1/events', { body: promotion('2012-02-29') });
    expect(early).toMatchObject({ status: 422, body: { code: 'RULE_N2_MINIMUM_YEARS', rule: 'N2', firstPassingDate: '2012-03-01' } });
    expect(early.body.message).toContain('乡科级副职');
    expect((await api.request('POST', '/v1/cadres/C1/events', { body: promotion('2012-03-01') })).status).toBe(201);
  });

  it('lets exactly one of several concurrent appointments to one single-holder post succeed (P2)', async () => {
    const contenders = ['C1', 'C2', 'C4'];
    const results = await Promise.all(
      contenders.map((c) => api.request('POST', `/v1/cadres/${c}/events`, { role: 'CLERK', body: appoint('T01', 'HEAD', '2016-05-01') })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.code).toBe('RULE_P2_POST_OCCUPIED');
    const holders = await api.db.sql`select count(*)::int as n from events where type = 'AppointedToPost' and data->>'orgUnitId' = 'T01' and data->>'role' = 'HEAD'`;
    expect(holders[0]!.n).toBe(1);
  });

  it('reads and adopts policy versions', async () => {
    const policy = await api.request('GET', '/v1/policy?on=2021-06-30', { role: 'CLERK' });
    expect(policy.status).toBe(200);
    expect(policy.body.inEffect.version.settings.inPostPromotion.partySecretaryRunYears).toBe(8);
    const settings = { ...policy.body.defaults.settings, excellentSecretary: { ...policy.body.defaults.settings.excellentSecretary, quota: 25 } };
    const adopted = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { id: 'policy-2024', version: '2024.1', effectiveFrom: '2024-01-01', settings } });
    expect(adopted.status).toBe(201);
    expect((await api.request('GET', '/v1/policy?on=2024-06-30', { role: 'ORG_DEPT' })).body.inEffect.version.version).toBe('2024.1');
    expect((await api.request('GET', '/v1/policy?on=2023-12-31', { role: 'ORG_DEPT' })).body.inEffect.version.version).toBe('1');
    const bad = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'x', effectiveFrom: '2024-01-01', settings: { quota: 'many' } } });
    expect(bad.status).toBe(400);
    expect((await api.request('GET', '/v1/policy?on=someday', { role: 'ORG_DEPT' })).body.field).toBe('on');
  });

  it('adopting a policy version takes If-Match and Idempotency-Key as every write route does (it ignored both)', async () => {
    const { defaults } = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body;
    const version = (v: string, from: string) => ({ version: v, effectiveFrom: from, settings: defaults.settings });
    const stale = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: version('2026.1', '2026-01-01'), headers: { 'if-match': '"99"' } });
    expect(stale).toMatchObject({ status: 409, body: { code: 'STREAM_VERSION_CONFLICT', streamId: 'policy' } });
    const keyed = { role: 'ADMIN' as const, body: version('2026.1', '2026-01-01'), headers: { 'idempotency-key': 'adopt-2026-1' } };
    const first = await api.request('POST', '/v1/policy/versions', keyed);
    expect(first).toMatchObject({ status: 201, body: { eventId: 'adopt-2026-1' } });
    expect(await api.request('POST', '/v1/policy/versions', keyed)).toMatchObject({ status: 200, body: { status: 'ALREADY_STORED', eventId: 'adopt-2026-1' } });
    const current = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: version('2027.1', '2027-01-01'), headers: { 'if-match': first.headers.get('etag')! } });
    expect(current.status).toBe(201);
  });

  it('an Idempotency-Key that differs from the body’s id is a 400 naming the header; the same value in both is one id (found by a review: the key was ignored)', async () => {
    const body = { id: 'hc-body-id', type: 'HealthCheckCompleted', effectiveDate: '2020-03-01', data: {} };
    const mismatched = await api.request('POST', '/v1/cadres/C1/events', { body, headers: { 'idempotency-key': 'hc-other-key' } });
    expect(mismatched).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'Idempotency-Key' } });
    expect(await api.request('POST', '/v1/cadres/C1/events', { body, headers: { 'idempotency-key': 'hc-body-id' } })).toMatchObject({ status: 201, body: { eventId: 'hc-body-id' } });
    const { defaults } = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body;
    const policy = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { id: 'p-a', version: '2030.1', effectiveFrom: '2030-01-01', settings: defaults.settings }, headers: { 'idempotency-key': 'p-b' } });
    expect(policy).toMatchObject({ status: 400, body: { field: 'Idempotency-Key' } });
  });
});
