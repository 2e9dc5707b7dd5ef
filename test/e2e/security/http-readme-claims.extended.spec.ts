/** README's HTTP claims, checked against the running API. */
import { startApi, registerTownshipAndCadre, type ApiHarness } from '../../support/api-harness';

const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('README HTTP claims', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('http_readme_claims');
    await registerTownshipAndCadre(api);
    const r = await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'ap1', type: 'AppointedToPost', effectiveDate: '2016-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } } });
    expect(r.status).toBe(201);
  });
  afterAll(() => api.close());

  it.each([
    ['/v1/eligibility/in-post-promotion', 'asOf'],
    ['/v1/cadres/C1/tenure', 'asOf'],
    ['/v1/cadres', 'asOf'],
    ['/v1/findings', 'asOf'],
    ['/v1/reports/team-composition', 'asOf'],
    ['/v1/reports/promotion-pool', 'asOf'],
    ['/v1/reports/focus-ledger', 'asOf'],
    ['/v1/reports/secretary-seats', 'asOf'],
    ['/v1/reports/recommendations', 'asOf'],
  ])('%s: asOf defaults to today in Beijing', async (path, field) => {
    const r = await api.request('GET', path);
    expect(r.status).toBe(200);
    expect(r.body[field]).toBe(beijingToday());
  });

  it('policy: on defaults to today (Beijing)', async () => {
    const r = await api.request('GET', '/v1/policy');
    expect(r.status).toBe(200);
    const s = JSON.stringify(r.body);
    expect(s).toContain(beijingToday());
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a method a known path does not take', async () => {
    for (const [m, p] of [['DELETE', '/v1/cadres/C1/events'], ['PUT', '/v1/cadres/C1/tenure'], ['POST', '/v1/eligibility/in-post-promotion'], ['DELETE', '/v1/status'], ['PATCH', '/v1/me']] as const) {
      const r = await api.request(m, p, { rawBody: m === 'DELETE' ? undefined : '{}', headers: { 'content-type': 'application/json' } });
      expect([m, p, r.status, r.body?.error?.code ?? r.body?.code]).toEqual([m, p, 405, 'METHOD_NOT_ALLOWED']);
      expect(r.headers.get('allow')).toBeTruthy();
    }
  });

  it('X-Request-Id of 100 allowed characters is echoed; one of 101 is replaced', async () => {
    const ok = 'a'.repeat(95) + '_.-Z9';
    const r = await api.request('GET', '/v1/me', { headers: { 'x-request-id': ok } });
    expect(r.headers.get('x-request-id')).toBe(ok);
    const r2 = await api.request('GET', '/v1/me', { headers: { 'x-request-id': 'b'.repeat(101) } });
    expect(r2.headers.get('x-request-id')).not.toBe('b'.repeat(101));
  });

  it('every /v1 answer, errors included, says Cache-Control: no-store and nosniff', async () => {
    const cases: Array<[string, string, any]> = [
      ['GET', '/v1/me', {}],
      ['GET', '/v1/me', { role: null }],
      ['GET', '/v1/status', { role: 'CLERK' }],
      ['GET', '/v1/cadres/NOPE/tenure', {}],
      ['GET', '/v1/nope', {}],
      ['GET', '/v1/eligibility/in-post-promotion?asof=x', {}],
      ['DELETE', '/v1/cadres/C1/events', {}],
    ];
    for (const [m, p, o] of cases) {
      const r = await api.request(m, p, o);
      expect([m, p, r.status, r.headers.get('cache-control'), r.headers.get('x-content-type-options')]).toEqual([m, p, r.status, 'no-store', 'nosniff']);
    }
  });

  it('401 says WWW-Authenticate: Bearer; a refused token error="invalid_token"', async () => {
    const none = await api.request('GET', '/v1/me', { role: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await api.request('GET', '/v1/me', { role: null, headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('/health tells only {status, live, ready, database}', async () => {
    const r = await api.request('GET', '/health', { role: null });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['database', 'live', 'ready', 'status']);
  });

  it('re-sending a write is 200 with the events and position the first write answered', async () => {
    const body = { id: 'tr-1', type: 'TrainingCompleted', effectiveDate: '2020-05-01', data: { programme: '培训班', level: 'COUNTY' } };
    const first = await api.request('POST', '/v1/cadres/C1/events', { body });
    expect(first.status).toBe(201);
    await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'tr-2', type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '培训班2', level: 'COUNTY' } } });
    const again = await api.request('POST', '/v1/cadres/C1/events', { body });
    expect(again.status).toBe(200);
    expect({ events: again.body.events, position: again.body.position }).toEqual({ events: first.body.events, position: first.body.position });
  });

  it('Idempotency-Key: given with a different body id is a 400 naming the header', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { headers: { 'idempotency-key': 'k-1' }, body: { id: 'k-2', type: 'HealthCheckCompleted', effectiveDate: '2020-05-01', data: {} } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('Idempotency-Key');
  });

  it('Idempotency-Key is used as the event id when the body has none', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { headers: { 'idempotency-key': 'hc-key-1' }, body: { type: 'HealthCheckCompleted', effectiveDate: '2020-05-02', data: {} } });
    expect(r.status).toBe(201);
    const again = await api.request('POST', '/v1/cadres/C1/events', { headers: { 'idempotency-key': 'hc-key-1' }, body: { type: 'HealthCheckCompleted', effectiveDate: '2020-05-02', data: {} } });
    expect(again.status).toBe(200);
    const h = await api.request('GET', '/v1/cadres/C1/history');
    expect(h.body.events.map((e: any) => e.eventId)).toContain('hc-key-1');
  });

  it('a stale If-Match on a stream with no event says streamExists: false', async () => {
    const r = await api.request('POST', '/v1/cadres/C-NEW/events', { headers: { 'if-match': '"3"' }, body: { id: 'reg-new', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } } });
    expect(r.status).toBe(409);
    expect(r.body.error?.streamExists ?? r.body.streamExists).toBe(false);
  });

  it('a write answers the new revision as ETag; history sends the cadre stream revision', async () => {
    const w = await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'hc-etag', type: 'HealthCheckCompleted', effectiveDate: '2021-05-02', data: {} } });
    expect(w.status).toBe(201);
    const h = await api.request('GET', '/v1/cadres/C1/history');
    expect(h.headers.get('etag')).toBe(w.headers.get('etag'));
    const stale = await api.request('POST', '/v1/cadres/C1/events', { headers: { 'if-match': '"0"' }, body: { id: 'hc-stale', type: 'HealthCheckCompleted', effectiveDate: '2021-05-03', data: {} } });
    expect(stale.status).toBe(409);
    const ok = await api.request('POST', '/v1/cadres/C1/events', { headers: { 'if-match': h.headers.get('etag')! }, body: { id: 'hc-fresh', type: 'HealthCheckCompleted', effectiveDate: '2021-05-03', data: {} } });
    expect(ok.status).toBe(201);
  });

  it('413 PAYLOAD_TOO_LARGE names the limit', async () => {
    const big = JSON.stringify({ id: 'big', type: 'HealthCheckCompleted', effectiveDate: '2021-05-02', data: {}, documentRef: 'x'.repeat(1048576) });
    const r = await api.request('POST', '/v1/cadres/C1/events', { rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(r.body)).toMatch(/1048576|1 ?MiB|1,048,576/);
  });

  it('two Authorization headers is a 400', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${api.baseUrl}/v1/me`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'GET', headers: ['Authorization', `Bearer ${api.tokens.ADMIN}`, 'Authorization', `Bearer ${api.tokens.CLERK}`] as any }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('GET /v1/reports/{name} with an unknown name is a 400 naming the valid names', async () => {
    const r = await api.request('GET', '/v1/reports/nosuch');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('team-composition');
  });

  it('a county-wide report given township is a 400 naming it (both routes)', async () => {
    for (const p of ['/v1/reports/department-ratings?year=2024&township=T01', '/v1/reports/promotion-pool?township=T01', '/v1/reports/recommendations?township=T01', '/v1/reports/reminder-talks?year=2024&township=T01']) {
      const r = await api.request('GET', p);
      expect([p, r.status]).toEqual([p, 400]);
      expect(JSON.stringify(r.body)).toContain('township');
    }
  });

  it('GET /v1/me gives name, role and capabilities', async () => {
    const r = await api.request('GET', '/v1/me', { role: 'CLERK' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.objectContaining({ role: 'CLERK', name: expect.any(String), capabilities: expect.arrayContaining(['recordCareerEvents', 'importEvents', 'readOrgUnits', 'readPolicy']) }));
  });

  it('POST /v1/import: lines = accepted + rejectedCount + blankLines, with the documented fields', async () => {
    const lines = [
      JSON.stringify({ id: 'imp-hc-1', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2022-01-05', data: {} }),
      '',
      JSON.stringify({ id: 'imp-bad', type: 'HealthCheckCompleted', cadreId: 'NOBODY', effectiveDate: '2022-01-05', data: {} }),
      '   ',
      JSON.stringify({ id: 'imp-hc-2', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2022-02-05', data: {} }),
    ];
    const r = await api.request('POST', '/v1/import', { rawBody: lines.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(200);
    for (const f of ['rejected', 'rejectedCount', 'accepted', 'appended', 'alreadyPresent', 'eventsWritten', 'lines', 'dryRun', 'blankLines']) expect([f, f in r.body]).toEqual([f, true]);
    expect(r.body.lines).toBe(r.body.accepted + r.body.rejectedCount + r.body.blankLines);
    expect(r.body.rejected[0]).toEqual(expect.objectContaining({ line: 3, id: 'imp-bad', message: expect.any(String), messageZh: expect.any(String) }));
  });
});
