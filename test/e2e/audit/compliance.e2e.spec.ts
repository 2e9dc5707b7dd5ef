/**
 * Compliance findings and the appeals list over HTTP, from the "compliance" projection kept by the
 * API's live runner: an override is listed with who, when, why and which rule; a secretary post
 * left vacant is a TM4 finding; an open review shows its deadlines. Ends with the consistency check.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent, waitForProjections } from '../../support/projections';
import { appealsSchema } from '../../../apps/api/src/compliance/appeals-schema';
import { findingsSchema } from '../../../apps/api/src/compliance/findings-schema';

describe('compliance findings and appeals (HTTP)', () => {
  let api: ApiHarness;
  let successorRecordedAt: string;
  const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' = 'CLERK') => {
    const r = await api.request('POST', path, { role, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const register = (id: string) =>
    post(`/v1/cadres/${id}/events`, {
      id: `reg-${id}`,
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: `干部${id}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });

  beforeAll(async () => {
    api = await startApi('compliance');
    for (const t of ['T1', 'T2']) await post(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
    for (const c of ['C1', 'C2', 'C3']) await register(c);
    await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
    // Moved after 2 years without municipal approval: refused, then recorded with an override.
    await post('/v1/cadres/C1/events', {
      id: 'c1-out',
      type: 'RemovedFromPost',
      effectiveDate: '2021-03-01',
      data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' },
      override: { reason: '县委常委会研究决定' },
    });
    // The successor arrives ten days later: a vacancy.
    successorRecordedAt = (await post('/v1/cadres/C2/events', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2021-03-11', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } })).events[0].recordedAt;
    await post('/v1/cadres/C3/events', { id: 'c3-grade', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'BASICALLY_COMPETENT' } });
    await post(
      '/v1/appeals/A9/events',
      { id: 'a9', type: 'AppealFiled', effectiveDate: '2022-02-20', data: { appealId: 'A9', cadreId: 'C3', targetEventId: 'c3-grade', stage: 'REVIEW', grounds: '考核程序不当', learnedOfDecisionDate: '2022-01-16' } },
      'APPEALS_OFFICER',
    );
    await waitForProjections(api.db, 30_000);
  });
  afterAll(() => api.close());

  it('lists the override and the TM4 vacancy, by township and year', async () => {
    const all = await api.request('GET', '/v1/findings?asOf=2025-01-01', { role: 'AUDITOR' });
    expect(all.status).toBe(200);
    findingsSchema.parse(all.body); // every kind, as /docs/openapi.json documents it
    const override = all.body.findings.find((f: { kind: string }) => f.kind === 'OVERRIDE');
    expect(override).toMatchObject({ eventId: 'c1-out', reason: '县委常委会研究决定', rules: ['TM4'], rule: 'TM4', evidence: ['c1-out'], orgUnitIds: ['T1'] });
    expect(override.actor).toMatch(/^CLERK:/);
    expect(all.body.findings).toContainEqual(expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', orgUnitId: 'T1', from: '2021-03-01', to: '2021-03-11', days: 10 }));
    // The ten measures' findings (kind MEASURE: missing trainings, health checks…) are listed too; here only the recorded ones.
    const recorded = async (q: string) => ((await api.request('GET', `/v1/findings?${q}`, { role: 'ORG_DEPT' })).body.findings as { kind: string }[]).filter((f) => f.kind !== 'MEASURE');
    expect(await recorded('orgUnitId=T2&asOf=2025-01-01')).toEqual([]);
    expect(await recorded('year=2020&asOf=2025-01-01')).toEqual([]);
    expect(await recorded('year=2021&orgUnitId=T1&asOf=2025-01-01')).toHaveLength(2);
    const tm3 = await api.request('GET', '/v1/compliance/findings?rule=TM3&township=T1&year=2021&asOf=2025-01-01', { role: 'ORG_DEPT' });
    expect(tm3.body.findings).toContainEqual(expect.objectContaining({ kind: 'MEASURE', rule: 'TM3.chief-yearly', orgUnitId: 'T1', cadreId: 'C2', year: 2021 }));
    expect(tm3.body.findings.every((f: { rule: string }) => f.rule.startsWith('TM3'))).toBe(true);
    // As known just before the successor was recorded, the vacancy was still open (T1: knownAt).
    const before = new Date(Date.parse(successorRecordedAt) - 1).toISOString();
    const known = await api.request('GET', `/v1/findings?asOf=2025-01-01&rule=TM4&knownAt=${encodeURIComponent(before)}`, { role: 'AUDITOR' });
    expect(known.body).toMatchObject({ knownAt: before });
    expect(known.body.findings).toContainEqual(expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', orgUnitId: 'T1', from: '2021-03-01', to: null }));
    const knownThen = await api.request('GET', `/v1/findings?asOf=2025-01-01&rule=TM4&knownAt=${encodeURIComponent(successorRecordedAt)}`, { role: 'AUDITOR' });
    expect(knownThen.body.findings).toContainEqual(expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', to: '2021-03-11' }));
    expect((await api.request('GET', '/v1/findings?knownAt=yesterday', { role: 'ORG_DEPT' })).body.field).toBe('knownAt');
    expect((await api.request('GET', '/v1/findings?year=soon', { role: 'ORG_DEPT' })).body.field).toBe('year');
    expect((await api.request('GET', '/v1/findings', { role: 'CLERK' })).status).toBe(403);
  });

  it('lists the open review with its deadlines, flagged as filed late', async () => {
    const open = await api.request('GET', '/v1/appeals', { role: 'APPEALS_OFFICER' });
    expect(open.status).toBe(200);
    expect(open.body.appeals).toEqual([
      expect.objectContaining({ appealId: 'A9', cadreId: 'C3', cadreName: '干部C3', stage: 'REVIEW', filingDeadline: '2022-02-15', filedLate: true, decisionDue: '2022-03-22', status: 'OPEN', pastDecisionDue: true, overdue: true }),
    ]);
    expect(open.body.appeals[0].filedBy).toMatch(/^APPEALS_OFFICER:/);
    // What was appealed, beside its id (found by a review: the list gave the bare event id alone).
    expect(open.body.appeals[0].target).toEqual({ type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', year: 2021, grade: 'BASICALLY_COMPETENT', retracted: false, correctedByDecision: false });
    appealsSchema.parse(open.body); // as /docs/openapi.json documents it
    expect((await api.request('GET', '/v1/appeals?status=decided', { role: 'AUDITOR' })).body.appeals).toEqual([]);
    expect((await api.request('GET', '/v1/appeals?status=maybe', { role: 'AUDITOR' })).body.field).toBe('status');
    // One parameter schema for HTTP and CLI (libs/projections query-params.ts): case-insensitive status, named failures.
    expect((await api.request('GET', '/v1/appeals?status=OPEN', { role: 'AUDITOR' })).body.appeals).toHaveLength(1);
    const typo = await api.request('GET', '/v1/appeals?state=all', { role: 'AUDITOR' });
    expect([typo.status, typo.body.field]).toEqual([400, 'state']);
    const rule = await api.request('GET', '/v1/findings?rule=TM1%20or%201%3D1', { role: 'ORG_DEPT' });
    expect([rule.status, rule.body.field]).toEqual([400, 'rule']);
    const year = await api.request('GET', '/v1/findings?year=1066', { role: 'ORG_DEPT' });
    expect([year.status, year.body.field]).toEqual([400, 'year']);
    await expectProjectionsConsistent(api.db);
  });

  it('lists an override on a township leader’s promotion under the township of the post held on its date (found by a review)', async () => {
    // C2, party secretary of T1 since 2021-03-11: a regular promotion on the county's pooled quota (TM6a), overridden.
    await post('/v1/cadres/C2/events', { id: 'c2-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_2' } });
    await post('/v1/cadres/C2/events', {
      id: 'c2-pool',
      type: 'RankPromoted',
      effectiveDate: '2022-06-01',
      data: { fromRank: 'PRINCIPAL_STAFF_2', toRank: 'PRINCIPAL_STAFF_1', basis: 'REGULAR', quota: 'COUNTY_POOL' },
      override: { reason: '县委常委会研究决定' },
    });
    await waitForProjections(api.db, 30_000);
    const overrides = async (township: string) =>
      ((await api.request('GET', `/v1/compliance/findings?rule=TM6a&township=${township}&asOf=2025-01-01`, { role: 'AUDITOR' })).body.findings as { kind: string; eventId?: string; orgUnitIds?: string[] }[]).filter(
        (f) => f.kind === 'OVERRIDE',
      );
    expect(await overrides('T1')).toEqual([expect.objectContaining({ eventId: 'c2-pool', rules: ['TM6a'], orgUnitIds: ['T1'] })]);
    expect(await overrides('T2')).toEqual([]);
  });
});
