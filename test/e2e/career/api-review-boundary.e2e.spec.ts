/**
 * Four refusals an API review found missing or misworded, over HTTP, the NDJSON import and the CLI
 * against a real PostgreSQL: each a 4xx naming the field, nothing stored.
 * 1. Commended: EXCELLENT_TOWNSHIP_PARTY_SECRETARY without a cycle (never counted by TM10), OTHER
 *    with one; a stored event of either shape still reads.
 * 2. Invisible format characters (Unicode Cf) in a command's text; the CLI prints stored ones by code.
 * 3. A year report asked without a year: the year is required, not written wrong.
 * 4. If-Match with a weak tag: never matches, refused naming If-Match.
 */
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

let api: ApiHarness;
let env: NodeJS.ProcessEnv;
const eventCount = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);
const ndjson = (lines: readonly object[]) => ({ role: 'ADMIN' as const, rawBody: lines.map((l) => JSON.stringify(l)).join('\n'), headers: { 'content-type': 'application/x-ndjson' } });

beforeAll(async () => {
  api = await startApi('api_review_boundary');
  env = { DATABASE_URL: api.db.url };
  await registerTownshipAndCadre(api);
});
afterAll(() => api?.close());

describe('1. Commended: a cycle with the Excellent Township Party Secretary, and only with it', () => {
  const commended = (id: string, data: object) => ({ id, type: 'Commended', effectiveDate: '2025-12-20', data: { level: 'COUNTY', ...data } });
  const cases = [
    ['EXCELLENT_TOWNSHIP_PARTY_SECRETARY without a cycle', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' }, 'data.cycle：表彰“优秀乡镇党委书记”须注明评选周期（如 2021-2025）'],
    ['OTHER with a cycle', { award: 'OTHER', title: '优秀共产党员', cycle: '2021-2025' }, 'data.cycle：其他表彰不填评选周期（评选周期仅用于“优秀乡镇党委书记”）'],
  ] as const;

  it.each(cases)('%s: the HTTP write and the import line are refused alike, 400 RULE_I_SCHEMA naming data.cycle, nothing stored', async (_, data, detailZh) => {
    const before = await eventCount();
    const http = await api.request('POST', '/v1/cadres/C1/events', { body: commended(`comm-http-${data.award}`, data) });
    expect(http).toMatchObject({ status: 400, body: { code: 'RULE_I_SCHEMA', field: 'data.cycle', detailZh } });
    const imported = await api.request('POST', '/v1/import', ndjson([{ ...commended(`comm-imp-${data.award}`, data), cadreId: 'C1' }]));
    expect(imported.body.rejected.map((r: { code: string; field: string }) => ({ code: r.code, field: r.field }))).toEqual([{ code: 'RULE_I_SCHEMA', field: 'data.cycle' }]);
    expect(await eventCount()).toBe(before);
  });

  it('an event of either shape stored before the rule still reads: the history answers and the cadre takes a new write', async () => {
    await api.request('POST', '/v1/cadres/S1/events', { body: { id: 'reg-S1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '周存', gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } } });
    const stored = (id: string, data: object) => ({ eventId: id, type: 'Commended', schemaVersion: 1, effectiveDate: '2020-12-20', actor: 'CLERK:旧录入#tok_1', data: { level: 'COUNTY', ...data } });
    await new PostgresEventStore(api.db.sql).append('cadre-S1', [stored('s1-old-excellent', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' }), stored('s1-old-other', { award: 'OTHER', cycle: '2016-2020' })], 0);
    const history = await api.request('GET', '/v1/cadres/S1/history', { role: 'AUDITOR' });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(expect.arrayContaining(['s1-old-excellent', 's1-old-other']));
    const next = await api.request('POST', '/v1/cadres/S1/events', { body: commended('s1-new', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025' }) });
    expect(next.status).toBe(201);
  });
});

describe('2. invisible format characters in a command’s text', () => {
  const register = (id: string, cadreId: string, name: string) => ({ id, type: 'CadreRegistered', cadreId, effectiveDate: '2000-01-01', data: { name, gender: 'F', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });

  it.each([
    ['U+200B alone', '\u200b', 'data.name：不能为空：只含空格、零宽字符或文字方向控制符等不可见字符'],
    ['a right-to-left override', '王\u202e五', expect.stringMatching(/^data\.name：不得包含不可见的格式字符/)],
    ['a zero-width space inside', '张\u200b三', expect.stringMatching(/^data\.name：不得包含不可见的格式字符/)],
    ['an isolate', '\u2066李四\u2069', expect.stringMatching(/^data\.name：不得包含不可见的格式字符/)],
  ])('a name of %s: 400 RULE_I_SCHEMA naming data.name over HTTP and in the import, nothing stored', async (_, name, detailZh) => {
    const before = await eventCount();
    const { cadreId: _c, ...body } = register('inv-http', 'INV1', name);
    expect(await api.request('POST', '/v1/cadres/INV1/events', { body })).toMatchObject({ status: 400, body: { code: 'RULE_I_SCHEMA', field: 'data.name', detailZh } });
    const imported = await api.request('POST', '/v1/import', ndjson([register('inv-imp', 'INV2', name)]));
    expect(imported.body.rejected.map((r: { code: string; field: string }) => ({ code: r.code, field: r.field }))).toEqual([{ code: 'RULE_I_SCHEMA', field: 'data.name' }]);
    expect(await eventCount()).toBe(before);
  });

  it('a name stored before the rule is printed by the CLI with its format characters as codes, not sent to the terminal', async () => {
    await new PostgresEventStore(api.db.sql).append('cadre-BIDI1', [{ eventId: 'reg-BIDI1', type: 'CadreRegistered', schemaVersion: 1, effectiveDate: '2000-01-01', actor: 'CLERK:旧录入#tok_1', data: register('x', 'BIDI1', '王\u202e验核已\u202c五').data }], 'no_stream');
    const r = await runCli(['history', 'BIDI1'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('王\\u202e验核已\\u202c五');
    expect(r.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('an event whose id holds one, stored before the rule, is still retracted and re-sent by that id (found by a diff review)', async () => {
    const id = 'trn-\u200bold';
    const training = { id, type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '党校培训班', level: 'COUNTY' } };
    await new PostgresEventStore(api.db.sql).append('cadre-C1', [{ eventId: id, type: 'TrainingCompleted', schemaVersion: 1, effectiveDate: '2021-05-01', actor: 'CLERK:旧录入#tok_1', data: training.data }], 'any');
    // Re-sent as stored: answered as already recorded, not refused.
    expect((await api.request('POST', '/v1/cadres/C1/events', { body: training })).status).toBe(200);
    const retracted = await api.request('POST', '/v1/cadres/C1/events', { body: { type: 'EntryRetracted', effectiveDate: '2021-06-01', data: { targetEventId: id, reason: '录入错误' } } });
    expect(retracted.status).toBe(201);
  });
});

describe('3. a year report asked without its year says the year is required', () => {
  it.each(['training', 'talks', 'reminder-talks', 'department-ratings'])('GET /v1/reports/%s without a year: 400 “year：必须填写”, as the candidates say of a missing cycle', async (name) => {
    const r = await api.request('GET', `/v1/reports/${name}`, { role: 'AUDITOR' });
    expect(r).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'year', detailZh: 'year：必须填写' } });
    const candidates = await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates', { role: 'AUDITOR' });
    expect(candidates.body.detailZh).toBe('cycle：必须填写');
  });

  it('the CLI’s report training without --year says it is required, not a wrong format', async () => {
    const r = await runCli(['report', 'training'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('必须填写');
    expect(r.stderr).not.toContain('须为四位年份');
  });
});

describe('4. If-Match with a weak tag never matches', () => {
  it('W/"<the current revision>" is refused 400 INVALID_REQUEST naming If-Match, as a malformed If-Match is, and nothing is written; the strong tag is taken', async () => {
    const history = await api.request('GET', '/v1/cadres/C1/history', { role: 'AUDITOR' });
    const revision = history.body.streamRevision as number;
    const body = (id: string) => ({ id, type: 'HealthCheckCompleted', effectiveDate: '2025-01-01', data: {} });
    const before = await eventCount();
    const malformed = await api.request('POST', '/v1/cadres/C1/events', { body: body('c1-if-garbage'), headers: { 'if-match': 'garbage' } });
    const weak = await api.request('POST', '/v1/cadres/C1/events', { body: body('c1-if-weak'), headers: { 'if-match': `W/"${revision}"` } });
    expect({ status: weak.status, code: weak.body.code, field: weak.body.field }).toEqual({ status: malformed.status, code: malformed.body.code, field: 'If-Match' });
    expect(weak).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', detailZh: expect.stringMatching(/^If-Match：不能使用弱 ETag/), message: expect.stringMatching(/weak ETag .* cannot be used/) } });
    expect(await eventCount()).toBe(before);
    const strong = await api.request('POST', '/v1/cadres/C1/events', { body: body('c1-if-strong'), headers: { 'if-match': `"${revision}"` } });
    expect(strong.status).toBe(201);
  });
});

describe('5. a post, a rank or a grade before the eighteenth birthday (公务员法 §13)', () => {
  it('a cadre born in 2019 appointed township head in 2024: 422 RULE_I_UNDER_AGE naming the date, over HTTP and the import alike, nothing stored; the same cadre at eighteen is appointed', async () => {
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    expect((await api.request('POST', '/v1/cadres/KID/events', { body: { id: 'reg-KID', type: 'CadreRegistered', effectiveDate: '2024-01-01', data: { name: '童某', gender: 'M', birthDate: '2019-06-01', education } } })).status).toBe(201);
    const before = await eventCount();
    const appoint = (id: string, effectiveDate: string) => ({ id, type: 'AppointedToPost', effectiveDate, data: { orgUnitId: 'T01', role: 'STAFF' } });
    const http = await api.request('POST', '/v1/cadres/KID/events', { body: appoint('kid-http', '2024-03-01') });
    expect(http).toMatchObject({ status: 422, body: { code: 'RULE_I_UNDER_AGE', rule: 'I', kind: 'INTEGRITY', field: 'effectiveDate' } });
    expect(http.body.detailZh).toBe('生效日期 2024-03-01，干部未满 18 周岁（出生日期 2019-06-01，2037-06-01 年满）：任职须年满 18 周岁（公务员法第十三条）');
    const imported = await api.request('POST', '/v1/import', ndjson([{ ...appoint('kid-imp', '2037-05-31'), cadreId: 'KID' }]));
    expect(imported.body.rejected.map((r: { code: string; field: string }) => ({ code: r.code, field: r.field }))).toEqual([{ code: 'RULE_I_UNDER_AGE', field: 'effectiveDate' }]);
    expect(await eventCount()).toBe(before);
    expect((await api.request('POST', '/v1/cadres/KID/events', { body: appoint('kid-18', '2037-06-01') })).status).toBe(201);
  });
});

describe('6. the CLI’s eligibility summary says, as the web page does, who of the eligible is already at N1’s ceiling', () => {
  it('one eligible secretary at 二级调研员: “（其中 1 人已达县乡干部职级上限，不能再晋升）”', async () => {
    const post = async (path: string, body: object) => expect((await api.request('POST', path, { body })).status).toBe(201);
    await post('/v1/org-units/T09/events', { id: 'reg-T09', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '东岭乡', kind: 'TOWNSHIP' } });
    await post('/v1/cadres/C9/events', { id: 'reg-C9', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '周九', gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
    await post('/v1/cadres/C9/events', { id: 'c9-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T09', role: 'PARTY_SECRETARY' } });
    for (const y of [2015, 2016]) await post('/v1/cadres/C9/events', { id: `c9-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: 'EXCELLENT' } });
    await post('/v1/cadres/C9/events', { id: 'c9-rank', type: 'RankSet', effectiveDate: '2020-01-01', data: { rank: 'RESEARCHER_2' } });
    const r = await runCli(['eligibility', '--as-of', '2025-06-01'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/其中符合不离岗晋升职级条件 (\d+) 人（其中 1 人已达县乡干部职级上限，不能再晋升）。/);
  });
});

describe('7. an event with no fields of its own, sent without data', () => {
  it('is told to send "data": {}, over HTTP and the import alike (found by an import review: "data：必须填写" alone); with {} it is taken', async () => {
    const body = { id: 'hc-nodata', type: 'HealthCheckCompleted', effectiveDate: '2024-05-01' };
    const http = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body });
    expect(http.status).toBe(400);
    expect(http.body).toMatchObject({ field: 'data', detailZh: 'data：必须填写：该类事项没有需要填写的内容，请写 "data": {}' });
    const imported = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: `${JSON.stringify({ ...body, cadreId: 'C1' })}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.body.rejected).toEqual([expect.objectContaining({ line: 1, field: 'data', messageZh: 'data：必须填写：该类事项没有需要填写的内容，请写 "data": {}' })]);
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { ...body, data: {} } })).status).toBe(201);
  });
});
