/** EVENTS.md contract rows exercised on small ledgers, over HTTP and the CLI. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { scratchDir } from '../../support/scratch-dir';

const reg = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id: `reg-${id}`, type: 'OrgUnitRegistered', orgUnitId: id, effectiveDate: '2000-01-01', data: { name, kind: 'TOWNSHIP', ...extra } });
const cadre = (id: string, birthDate = '1980-01-01') => ({ id: `reg-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate, education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
const appoint = (id: string, cadreId: string, orgUnitId: string, role: string, date: string) => ({ id, type: 'AppointedToPost', cadreId, effectiveDate: date, data: { orgUnitId, role } });

describe('EVENTS.md contract rows', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  const imp = async (lines: unknown[]) => {
    const r = await api.request('POST', '/v1/import', { rawBody: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(200);
    return r.body;
  };
  beforeAll(async () => {
    api = await startApi('contract_scenarios');
    env = { DATABASE_URL: api.db.url };
    const scores = { T1: 60, T2: 70, T3: 80, T4: 80, T5: 90 } as Record<string, number>;
    const lines: unknown[] = [];
    for (const [t, score] of Object.entries(scores)) {
      lines.push(reg(t, `${t}镇`), cadre(`S${t}`), appoint(`ap-S${t}`, `S${t}`, t, 'PARTY_SECRETARY', '2018-01-01'));
      lines.push({ id: `score-${t}`, type: 'TownshipPerformanceScored', orgUnitId: t, effectiveDate: '2024-01-20', data: { year: 2023, score } });
    }
    lines.push(cadre('N1'), appoint('ap-N1', 'N1', 'T1', 'STAFF', '2019-01-01'));
    const body = await imp(lines);
    expect(body.rejected).toEqual([]);
  });
  afterAll(() => api.close());

  it('reminder-talks: the three lowest scores, ties included (60, 70, 80, 80 of 60/70/80/80/90)', async () => {
    const r = await api.request('GET', '/v1/reports/reminder-talks?year=2023');
    expect(r.status).toBe(200);
    expect(r.body.townships.map((t: any) => t.orgUnitId).sort()).toEqual(['T1', 'T2', 'T3', 'T4']);
    for (const t of r.body.townships) for (const c of t.chiefs) expect(Object.keys(c)).toEqual(expect.arrayContaining(['cadreId', 'cadreName', 'talkHeld', 'talkEventId']));
  });

  it('tenure of a cadre who never led: partySecretaryRun and chiefRun are present (null), posts carry from/to', async () => {
    const r = await api.request('GET', '/v1/cadres/N1/tenure?asOf=2024-01-01');
    expect(r.status).toBe(200);
    expect(r.body).toHaveProperty('partySecretaryRun', null);
    expect(r.body).toHaveProperty('chiefRun', null);
    expect(r.body.posts).toEqual([expect.objectContaining({ orgUnitId: 'T1', role: 'STAFF', from: '2019-01-01', to: null })]);
  });

  it('eligibility --known-at with a bare date and an instant, over the CLI and HTTP', async () => {
    const h = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2024-01-01&knownAt=2026-01-01');
    expect(h.status).toBe(200);
    expect(h.body.cadres.map((c: any) => c.cadreId).sort()).toEqual([]); // nothing was recorded by 2026-01-01
    const c = await runCli(['eligibility', '--as-of', '2024-01-01', '--known-at', '2099-01-01T00:00:00Z', '--json'], env);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).cadres.map((x: any) => x.cadreId).sort()).toEqual(['ST1', 'ST2', 'ST3', 'ST4', 'ST5']);
  });

  it('candidates with a malformed cycle is a 400 naming cycle, not a 500', async () => {
    for (const cycle of ['2021-2024', 'abc', '']) {
      const r = await api.request('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=${cycle}`);
      expect([cycle, r.status]).toEqual([cycle, 400]);
    }
  });

  it('an appeal line addressed by appealId and a line carrying override import as EVENTS.md shows', async () => {
    const body = await imp([
      { id: 'sx1', type: 'SanctionImposed', cadreId: 'N1', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕1号', data: { sanctionId: 'SX1', kind: 'WARNING', grounds: '违反规定' } },
      { id: 'apl1', type: 'AppealFiled', appealId: 'AP1', effectiveDate: '2023-03-10', data: { appealId: 'AP1', cadreId: 'N1', targetEventId: 'sx1', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2023-03-05' } },
      { id: 'apl2', type: 'AppealDecided', appealId: 'AP1', effectiveDate: '2023-04-01', data: { appealId: 'AP1', outcome: 'UPHELD', reasoning: '证据不足' } },
      { id: 'rs1', type: 'SanctionRescinded', cadreId: 'N1', effectiveDate: '2023-04-02', data: { sanctionId: 'SX1', reason: 'APPEAL_UPHELD', appealId: 'AP1' } },
      { id: 'hc1', type: 'HealthCheckCompleted', cadreId: 'N1', effectiveDate: '2023-05-01', data: {} },
      { id: 'rt1', type: 'EntryRetracted', cadreId: 'N1', effectiveDate: '2023-05-02', data: { targetEventId: 'hc1', reason: '录入错误' } },
    ]);
    expect(body.rejected).toEqual([]);
    const h = await api.request('GET', '/v1/cadres/N1/history');
    const byId = Object.fromEntries(h.body.events.map((e: any) => [e.eventId, e]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(['sx1', 'apl1', 'apl2', 'rs1', 'hc1', 'rt1']));
    // linked both ways
    expect(JSON.stringify(byId.hc1.links)).toContain('rt1');
    expect(JSON.stringify(byId.rt1.links ?? {}) + JSON.stringify(byId.rt1)).toContain('hc1');
    expect(JSON.stringify(byId.sx1.links)).toContain('rs1');
    expect(JSON.stringify(byId.sx1.links)).toContain('apl1');
    for (const e of h.body.events) {
      expect(e.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('the CLI history --as-of and --known-at options exist and filter', async () => {
    const c = await runCli(['history', 'N1', '--as-of', '2023-03-05', '--json'], env);
    expect(c.code).toBe(0);
    const ids = JSON.parse(c.stdout).events.map((e: any) => e.eventId);
    expect(ids).toContain('sx1');
    expect(ids).not.toContain('hc1');
    const k = await runCli(['history', 'N1', '--known-at', '2099-01-01', '--json'], env);
    expect(k.code).toBe(0);
    expect(JSON.parse(k.stdout).events.map((e: any) => e.eventId)).toContain('hc1');
  });

  it('findings --rule --township --year over the CLI match GET /v1/compliance/findings?rule=&township=&year=', async () => {
    const c = await runCli(['findings', '--rule', 'TM8', '--township', 'T1', '--year', '2023', '--as-of', '2024-06-01', '--json'], env);
    expect(c.code).toBe(0);
    const h = await api.request('GET', '/v1/compliance/findings?rule=TM8&township=T1&year=2023&asOf=2024-06-01');
    expect(h.status).toBe(200);
    expect(JSON.parse(c.stdout).findings).toEqual(h.body.findings);
    expect(h.body.findings.length).toBeGreaterThan(0);
    for (const f of h.body.findings) expect(f).toEqual(expect.objectContaining({ rule: expect.stringMatching(/^TM8/), evidence: expect.any(Array) }));
  });

  it('report talks / health-checks / training / focus-ledger / promotion-pool over the CLI take the contract flags', async () => {
    for (const args of [['report', 'talks', '--year', '2023'], ['report', 'health-checks', '--year', '2023'], ['report', 'training', '--year', '2023'], ['report', 'focus-ledger', '--as-of', '2024-01-01'], ['report', 'promotion-pool', '--as-of', '2024-01-01'], ['report', 'team-composition', '--as-of', '2024-01-01', '--township', 'T1'], ['tenure', 'N1', '--as-of', '2024-01-01'], ['candidates', '--cycle', '2021-2025'], ['verify']]) {
      const c = await runCli([...args, '--json'], env);
      expect([args.join(' '), c.code, c.stderr.slice(0, 300)]).toEqual([args.join(' '), 0, expect.anything()]);
      expect(() => JSON.parse(c.stdout)).not.toThrow();
    }
  });

  it('import over the CLI: accepted and rejected[{line,id,rule,message}], exit 4 when a line was rejected', async () => {
    const dir = scratchDir('rc');
    const file = join(dir, 'x.ndjson');
    writeFileSync(file, '{"id":"bad1","type":"HealthCheckCompleted","cadreId":"NOPE","effectiveDate":"2023-01-01","data":{}}\n');
    const c = await runCli(['import', file, '--as', 'ADMIN', '--json'], env);
    expect(c.code).toBe(4);
    const body = JSON.parse(c.stdout);
    expect(body.accepted).toBe(0);
    expect(body.rejected).toEqual([expect.objectContaining({ line: 1, id: 'bad1', rule: expect.any(String), message: expect.any(String) })]);
  });

  it('actor and recordedAt come from the credential and the server, never from an import line or a body', async () => {
    const body = await imp([{ id: 'spoof1', type: 'HealthCheckCompleted', cadreId: 'ST5', effectiveDate: '2023-06-01', actor: 'ADMIN:局长', recordedAt: '2001-01-01T00:00:00.000Z', data: {} }]);
    const w = await api.request('POST', '/v1/cadres/ST5/events', { role: 'CLERK', body: { id: 'spoof2', type: 'HealthCheckCompleted', effectiveDate: '2023-07-01', actor: 'ADMIN:局长', recordedAt: '2001-01-01T00:00:00.000Z', data: {} } });
    const h = await api.request('GET', '/v1/cadres/ST5/history');
    const byId = Object.fromEntries(h.body.events.map((e: any) => [e.eventId, e]));
    for (const id of ['spoof1', 'spoof2']) {
      if (!byId[id]) continue; // refused outright is also fine
      expect([id, byId[id].actor]).not.toEqual([id, 'ADMIN:局长']);
      expect([id, byId[id].recordedAt]).not.toEqual([id, '2001-01-01T00:00:00.000Z']);
    }
    void body;
    void w;
  });

  it('eligibility lists every township chief on D: appointed on D in, removed on D out (T2: to is exclusive)', async () => {
    await imp([
      reg('T9', 'T9镇'),
      cadre('H9'),
      appoint('ap-H9', 'H9', 'T9', 'HEAD', '2024-03-01'),
      cadre('H8'),
      appoint('ap-H8', 'H8', 'T9', 'PARTY_SECRETARY', '2010-01-01'),
      { id: 'rm-H8', type: 'RemovedFromPost', cadreId: 'H8', effectiveDate: '2024-03-01', data: { orgUnitId: 'T9', role: 'PARTY_SECRETARY', reason: 'RETIREMENT' } },
    ]);
    const r = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2024-03-01');
    const ids = r.body.cadres.map((c: any) => c.cadreId);
    expect(ids).toContain('H9');
    expect(ids).not.toContain('H8');
    const t = await api.request('GET', '/v1/cadres/H8/tenure?asOf=2024-06-01');
    expect(t.body.posts).toEqual([expect.objectContaining({ from: '2010-01-01', to: '2024-03-01' })]);
  });

  it('a policy-breaking line is rejected naming its rule, and with "override":{"reason"} stored and listed in the findings', async () => {
    const body = await imp([
      { id: 'w-ST1', type: 'SanctionImposed', cadreId: 'ST1', effectiveDate: '2022-02-01', data: { sanctionId: 'W1', kind: 'WARNING', grounds: '违规' } },
      { id: 'g-ST1-a', type: 'AnnualAssessmentRecorded', cadreId: 'ST1', effectiveDate: '2023-01-20', data: { year: 2022, grade: 'EXCELLENT' } },
      { id: 'g-ST1-b', type: 'AnnualAssessmentRecorded', cadreId: 'ST1', effectiveDate: '2023-01-20', override: { reason: '县委常委会研究决定' }, data: { year: 2022, grade: 'EXCELLENT' } },
    ]);
    expect(body.rejected).toEqual([expect.objectContaining({ line: 2, id: 'g-ST1-a', rule: 'N4', message: expect.any(String) })]);
    const f = await api.request('GET', '/v1/compliance/findings?rule=N4&asOf=2024-06-01');
    expect(f.status).toBe(200);
    expect(JSON.stringify(f.body.findings)).toContain('g-ST1-b');
  });

  it('LeaderRecommended on the secretary stream appears in both cadres’ histories', async () => {
    const body = await imp([{ id: 'rec-1', type: 'LeaderRecommended', cadreId: 'ST2', effectiveDate: '2023-08-01', data: { recommendedCadreId: 'N1', forPost: '副镇长', reason: '实绩突出' } }]);
    expect(body.rejected).toEqual([]);
    for (const c of ['ST2', 'N1']) {
      const h = await api.request('GET', `/v1/cadres/${c}/history`);
      expect([c, h.body.events.map((e: any) => e.eventId)]).toEqual([c, expect.arrayContaining(['rec-1'])]);
    }
  });

  it('unknown ids: tenure/history 404, township filters 404 (README), never a 200 of nothing or a 500', async () => {
    for (const path of ['/v1/cadres/NOPE/tenure?asOf=2024-01-01', '/v1/cadres/NOPE/history', '/v1/reports/team-composition?asOf=2024-01-01&township=NOPE', '/v1/compliance/findings?township=NOPE']) {
      const r = await api.request('GET', path);
      expect([path, r.status]).toEqual([path, 404]);
    }
  });
});
