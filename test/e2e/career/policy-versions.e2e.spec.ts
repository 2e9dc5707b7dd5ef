/**
 * Policy versions over HTTP: a setting that counts years is at least 1 (422 naming it, nothing
 * adopted, the report unchanged), `GET /v1/policy` lists versions by effective date as documented,
 * and an import line's effectiveDate is its version's effectiveFrom. Found by a review: each was
 * otherwise (a 0-year TM7 run made entries with no years, against the answer's own schema).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('policy versions over HTTP', () => {
  let api: ApiHarness;
  let defaults: any;
  const policyCount = async () => Number((await api.db.sql`select count(*)::int as n from events where stream_id = 'policy'`)[0]!.n);

  beforeAll(async () => {
    api = await startApi('policy_http');
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    expect((await api.request('POST', '/v1/org-units/T01/events', { role: 'CLERK', body: { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: 'T01镇', kind: 'TOWNSHIP' } } })).status).toBe(201);
    expect(
      (
        await api.request('POST', '/v1/cadres/A/events', {
          role: 'CLERK',
          body: { id: 'reg-A', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '干部甲', gender: 'M', birthDate: '1975-05-05', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
        })
      ).status,
    ).toBe(201);
    expect((await api.request('POST', '/v1/cadres/A/events', { role: 'CLERK', body: { id: 'a-in', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } } })).status).toBe(201);
    for (const [y, g] of [[2015, 'COMPETENT'], [2016, 'EXCELLENT']] as const) {
      expect((await api.request('POST', '/v1/cadres/A/events', { role: 'CLERK', body: { id: `a-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: g } } })).status).toBe(201);
    }
  });
  afterAll(() => api.close());

  it('a zero focus-ledger run (assessment.focusConsecutiveExcellentYears: 0) is refused naming the field, and the report is unchanged', async () => {
    const before = await api.request('GET', '/v1/reports/focus-ledger?asOf=2017-06-30', { role: 'ADMIN' });
    expect(before.status).toBe(200);
    const settings = { ...defaults.settings, assessment: { ...defaults.settings.assessment, focusConsecutiveExcellentYears: 0 } };
    const adopted = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { id: 'zero-focus', version: 'zero-focus', effectiveFrom: '2010-01-01', settings } });
    // Read without the harness's OpenAPI check, to see the answer as a client gets it.
    const response = await fetch(`${api.baseUrl}/v1/reports/focus-ledger?asOf=2017-06-30`, { headers: { authorization: `Bearer ${api.tokens.ADMIN}` } });
    const report = (await response.json()) as { entries?: { cadreId: string; since?: string; years: number[] }[] };
    expect({
      adopted: adopted.status,
      field: adopted.body?.field,
      reportStatus: response.status,
      entriesWithoutSince: (report.entries ?? []).filter((e) => e.since === undefined).map((e) => [e.cadreId, e.years]),
    }).toEqual({ adopted: 422, field: 'data.settings.assessment.focusConsecutiveExcellentYears', reportStatus: 200, entriesWithoutSince: [] });
    expect(report).toEqual(before.body);
  });

  it('GET /v1/policy lists the versions "by effective date" (its documented order), a back-dated one included', async () => {
    expect((await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'later', effectiveFrom: '2025-01-01', settings: defaults.settings } })).status).toBe(201);
    expect((await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'backdated', effectiveFrom: '2022-01-01', settings: defaults.settings } })).status).toBe(201);
    const answer = await api.request('GET', '/v1/policy?on=2025-06-30', { role: 'ADMIN' });
    const listed = (answer.body.versions as { version: string; effectiveFrom: string }[]).filter((v) => ['later', 'backdated'].includes(v.version)).map((v) => v.version);
    expect(listed).toEqual(['backdated', 'later']);
    expect(answer.body.inEffect.version.version).toBe('later');
  });

  it('an import line whose effectiveDate is not its version’s effectiveFrom is refused naming the field (the API route always sets one from the other)', async () => {
    const before = await policyCount();
    const line = JSON.stringify({ id: 'imp-pol', type: 'PolicyVersionAdopted', effectiveDate: '2020-01-01', data: { version: 'imp-2024', effectiveFrom: '2024-01-01', settings: defaults.settings } });
    const response = await fetch(`${api.baseUrl}/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.ADMIN}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` });
    const text = await response.text();
    expect({ status: response.status, stored: (await policyCount()) - before }).toEqual({ status: 200, stored: 0 });
    expect(text).toMatch(/effectiveFrom|effectiveDate/);
  });
});
