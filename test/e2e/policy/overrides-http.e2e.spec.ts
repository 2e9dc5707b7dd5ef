/**
 * (A review, 2026-12-05) policy-rule overrides over HTTP (which rules an override lifts, the reason's
 * validation, where a recorded override shows: history, export, findings).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';

describe('overrides over HTTP', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: 'CLERK' | 'ADMIN' | 'APPEALS_OFFICER' = 'CLERK') => api.request('POST', path, { role, body });
  const ok = async (path: string, body: unknown, role: 'CLERK' | 'ADMIN' | 'APPEALS_OFFICER' = 'CLERK') => {
    const r = await post(path, body, role);
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const register = (id: string, birthDate = '1975-01-01') =>
    ok(`/v1/cadres/${id}/events`, {
      id: `reg-${id}`,
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: `干部${id}`, gender: 'M', birthDate, education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
  const earlyRemoval = (id: string, override?: unknown) => ({
    id,
    type: 'RemovedFromPost',
    effectiveDate: '2021-03-01',
    data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' },
    ...(override !== undefined ? { override } : {}),
  });

  beforeAll(async () => {
    api = await startApi('policy_overrides');
    for (const t of ['T1', 'T2']) await ok(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
    await ok('/v1/org-units/D1/events', { id: 'reg-D1', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '县发改局', kind: 'COUNTY_DEPARTMENT' } });
    for (const c of ['C1', 'C2', 'C3', 'C4', 'C5']) await register(c);
    await ok('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
    await ok('/v1/cadres/C2/events', { id: 'c2-rank', type: 'RankSet', effectiveDate: '2019-01-01', data: { rank: 'PRINCIPAL_STAFF_1' } });
    await ok('/v1/cadres/C3/events', { id: 'c3-head', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T2', role: 'DEPUTY_HEAD' } });
  });
  afterAll(() => api.close());

  it('an early TM4 move is refused 422 POLICY without an override', async () => {
    const r = await post('/v1/cadres/C1/events', earlyRemoval('c1-probe'));
    expect({ status: r.status, code: r.body?.code ?? r.body?.rule, kind: r.body?.kind }).toMatchObject({ status: 422, kind: 'POLICY' });
  });

  it.each([
    ['empty', ''],
    ['whitespace only', '   \t  '],
    ['full-width spaces only', '\u3000\u3000'],
    ['a BEL control character', '县委决定\u0007'],
    ['2001 characters', '理'.repeat(2001)],
  ])('an override whose reason is %s is refused (4xx, nothing stored)', async (_label, reason) => {
    const r = await post('/v1/cadres/C1/events', earlyRemoval(`c1-bad-${_label.replace(/\W/g, '')}`, { reason }));
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.body ?? '').length).toBeLessThan(4000);
  });

  it('an override that is not an object, or carries extra fields (rules, actor, the policy version the ledger itself records), is refused', async () => {
    for (const [i, override] of [['x'], 'reason', { reason: 'ok', actor: 'ADMIN:someone' }, { reason: 'ok', rules: ['TM4'] }, { reason: 'ok', policyVersion: '9' }, null].entries()) {
      const r = await post('/v1/cadres/C1/events', earlyRemoval(`c1-shape-${i}`, override));
      expect([i, r.status]).toEqual([i, 400]);
    }
  });

  it.each([
    ['a promotion to a lower rank', 'C2', { id: 'c2-down', type: 'RankPromoted', effectiveDate: '2022-01-01', data: { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'PRINCIPAL_STAFF_2', basis: 'REGULAR', quota: 'VACANCY' } }],
    ['an appointment before birth', 'C2', { id: 'c2-unborn', type: 'AppointedToPost', effectiveDate: '1970-01-01', data: { orgUnitId: 'T2', role: 'STAFF' } }],
    ['a removal from a post not held', 'C2', { id: 'c2-nothold', type: 'RemovedFromPost', effectiveDate: '2022-01-01', data: { orgUnitId: 'T2', role: 'HEAD', reason: 'OTHER' } }],
    ['a second party secretary', 'C4', { id: 'c4-p2', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } }],
    ['a retraction of an event that does not exist', 'C2', { id: 'c2-retract', type: 'EntryRetracted', effectiveDate: '2022-01-01', data: { targetEventId: 'nope', reason: '误录' } }],
    ['a rescission of an unknown sanction', 'C2', { id: 'c2-resc', type: 'SanctionRescinded', effectiveDate: '2022-01-01', documentRef: '县纪〔2022〕1号', data: { sanctionId: 'S-nope', reason: 'CORRECTION' } }],
  ])('integrity is not overridable: %s with an override is 422 INTEGRITY', async (_label, cadre, body) => {
    const r = await post(`/v1/cadres/${cadre}/events`, { ...body, override: { reason: '县委决定' } });
    expect({ status: r.status, kind: r.body?.kind }).toEqual({ status: 422, kind: 'INTEGRITY' });
  });

  it('a TM4 secondment without purpose/approval is lifted by an override naming both rules', async () => {
    const body = { id: 'c3-second', type: 'SecondmentStarted', effectiveDate: '2022-05-01', data: { hostOrgUnitId: 'D1', purpose: 'OTHER', plannedEndDate: '2022-12-31' } };
    const refused = await post('/v1/cadres/C3/events', body);
    expect({ status: refused.status, kind: refused.body?.kind }).toEqual({ status: 422, kind: 'POLICY' });
    const accepted = await post('/v1/cadres/C3/events', { ...body, override: { reason: '因防汛工作需要' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.override?.rules).toEqual(['TM4']);
  });

  it('an N4 grade in a 警告 year is refused, then stored with an override', async () => {
    await ok('/v1/cadres/C5/events', { id: 'c5-warn', type: 'SanctionImposed', effectiveDate: '2021-04-01', documentRef: '县纪〔2021〕3号', data: { sanctionId: 'S5', kind: 'WARNING', grounds: '违规' } });
    const grade = { id: 'c5-g2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-20', data: { year: 2021, grade: 'EXCELLENT' } };
    const refused = await post('/v1/cadres/C5/events', grade);
    expect({ status: refused.status, kind: refused.body?.kind }).toEqual({ status: 422, kind: 'POLICY' });
    const accepted = await post('/v1/cadres/C5/events', { ...grade, override: { reason: '考核结果经县委研究确定' } });
    expect(accepted.status).toBe(201);
  });

  describe('a recorded override is visible with its reason', () => {
    const reason = '经县委常委会研究决定，因工作需要提前调整';
    beforeAll(async () => {
      const r = await post('/v1/cadres/C1/events', earlyRemoval('c1-out', { reason: `  ${reason}  ` }));
      expect(r.status).toBe(201);
      await waitForProjections(api.db, 30_000);
    });

    it('in the history (trimmed reason, rule TM4, actor from the credential)', async () => {
      const h = await api.request('GET', '/v1/cadres/C1/history', { role: 'AUDITOR' });
      const e = h.body.events.find((x: any) => x.eventId === 'c1-out');
      expect(e.metadata?.override ?? e.override).toEqual({ reason, rules: ['TM4'], policyVersion: '1' });
      expect(e.actor).toMatch(/^CLERK/);
    });

    it('in the JSON export', async () => {
      const x = await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' });
      expect(x.status).toBe(200);
      expect(JSON.stringify(x.body)).toContain(reason);
    });

    it('in the HTML export, in Chinese with the reason and the rule', async () => {
      const res = await fetch(`${api.baseUrl}/v1/cadres/C1/export?format=html`, { headers: { authorization: `Bearer ${api.tokens.AUDITOR}` } });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain(reason);
      expect(html).toMatch(/例外|理由/);
    });

    it('in the findings, filtered by rule tm4, by township and by year', async () => {
      for (const q of ['rule=TM4', 'rule=tm4', 'township=T1', 'year=2021']) {
        const f = await api.request('GET', `/v1/compliance/findings?${q}&asOf=2025-01-01`, { role: 'AUDITOR' });
        expect([q, f.status]).toEqual([q, 200]);
        const o = f.body.findings.filter((x: any) => x.kind === 'OVERRIDE' && x.eventId === 'c1-out');
        expect([q, o.length]).toEqual([q, 1]);
        expect(o[0]).toMatchObject({ reason, rules: ['TM4'], policyVersion: '1' });
      }
    });

    it('the secondment and the N4 overrides are findings too, under their rules', async () => {
      const f = await api.request('GET', '/v1/compliance/findings?asOf=2025-01-01', { role: 'AUDITOR' });
      const byEvent = new Map(f.body.findings.filter((x: any) => x.kind === 'OVERRIDE').map((x: any) => [x.eventId, x.rules]));
      expect(byEvent.get('c3-second')).toEqual(['TM4']);
      expect(byEvent.get('c5-g2021')).toEqual(['N4']);
      const n4 = await api.request('GET', '/v1/compliance/findings?rule=N4&asOf=2025-01-01', { role: 'AUDITOR' });
      expect(n4.body.findings.map((x: any) => x.eventId ?? x.evidence)).toContainEqual('c5-g2021');
    });

    it('re-sending the same write with a different reason is not silently a no-op', async () => {
      const r = await post('/v1/cadres/C1/events', earlyRemoval('c1-out', { reason: '另一个理由' }));
      expect(r.status).toBe(409);
    });

    it('re-sending the same write without its override is not a no-op either', async () => {
      const r = await post('/v1/cadres/C1/events', earlyRemoval('c1-out'));
      expect(r.status).not.toBe(200);
    });
  });
});
