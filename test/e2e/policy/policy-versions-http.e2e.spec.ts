/**
 * (A review, 2026-12-05) policy versions over HTTP — which version governs an answer as of a date and as
 * known at an instant, two versions of one date, thresholds changing write decisions only from
 * their effective date, and the settings' ranges.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { policyWrites } from './support';
import { waitForProjections } from '../../support/projections';

describe('policy versions over HTTP', () => {
  let api: ApiHarness;
  let defaults: any;
  const recordedAt: Record<string, string> = {};
  const { post, ok, register } = policyWrites(() => api);
  const adopt = async (version: string, effectiveFrom: string, change: (s: any) => any) => {
    const body = await ok('/v1/policy/versions', { id: `pol-${version}`, version, effectiveFrom, settings: change(structuredClone(defaults.settings)) }, 'ADMIN');
    recordedAt[version] = body.events[0].recordedAt;
    await new Promise((r) => setTimeout(r, 20));
    return body;
  };
  const eligibility = async (q: string) => {
    const r = await api.request('GET', `/v1/eligibility/in-post-promotion?${q}`, { role: 'ORG_DEPT' });
    expect([q, r.status]).toEqual([q, 200]);
    return r.body;
  };

  beforeAll(async () => {
    api = await startApi('policy');
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    for (const t of ['T1', 'T2', 'T3']) await ok(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
    for (const c of ['S', 'M', 'N']) await register(c);
    await ok('/v1/cadres/S/events', { id: 's-sec', type: 'AppointedToPost', effectiveDate: '2014-01-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } });
    for (let y = 2014; y <= 2018; y++) {
      await ok('/v1/cadres/S/events', { id: `s-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y % 2 ? 'EXCELLENT' : 'COMPETENT' } });
    }
    await ok('/v1/cadres/M/events', { id: 'm-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T2', role: 'HEAD' } });
    await ok('/v1/cadres/N/events', { id: 'n-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T3', role: 'HEAD' } });
    recordedAt.before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await adopt('v-5y', '2020-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 5 } }));
    await adopt('tm4-2y', '2022-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 5 }, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 2 } }));
    await adopt('same-a', '2030-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 20, chiefRunYears: 20 } }));
    await adopt('same-b', '2030-01-01', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 5 } }));
    await waitForProjections(api.db, 30_000);
  });
  afterAll(() => api.close());

  it('an answer before a version’s effective date uses the version then in effect', async () => {
    const e = await eligibility('asOf=2019-06-30');
    expect(e.policyVersion).toBe('1');
    expect(e.cadres.find((c: any) => c.cadreId === 'S').eligible).toBe(false);
  });

  it('from its effective date the new threshold governs and the answer names it', async () => {
    const e = await eligibility('asOf=2020-06-30');
    expect(e.policyVersion).toBe('v-5y');
    expect(e.cadres.find((c: any) => c.cadreId === 'S')).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y' });
  });

  it('as known before the adoption was recorded, the earlier version governs', async () => {
    const e = await eligibility(`asOf=2020-06-30&knownAt=${encodeURIComponent(recordedAt.before!)}`);
    expect(e.policyVersion).toBe('1');
    expect(e.cadres.find((c: any) => c.cadreId === 'S').eligible).toBe(false);
  });

  it('two versions of one date: the later adopted governs; as known between the two adoptions, the first', async () => {
    const policy = await api.request('GET', '/v1/policy?on=2030-02-01', { role: 'ADMIN' });
    expect(policy.body.inEffect.version.version).toBe('same-b');
    expect((await eligibility('asOf=2030-02-01')).policyVersion).toBe('same-b');
    const between = await eligibility(`asOf=2030-02-01&knownAt=${encodeURIComponent(recordedAt['same-a']!)}`);
    expect(between.policyVersion).toBe('same-a');
    expect(between.cadres.find((c: any) => c.cadreId === 'S').eligible).toBe(false);
  });

  it('tenure and the team-composition report name the version of their date', async () => {
    const t = await api.request('GET', '/v1/cadres/S/tenure?asOf=2020-06-30', { role: 'ORG_DEPT' });
    expect(t.body.policyVersion).toBe('v-5y');
    const tc = await api.request('GET', '/v1/reports/team-composition?asOf=2019-06-30', { role: 'ORG_DEPT' });
    expect(tc.body.policyVersion).toBe('1');
  });

  it('the candidate list names the version in effect on the cycle’s reference date', async () => {
    const r = await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020&asOf=2021-06-30', { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    expect(r.body.policyVersion).toBe('v-5y');
  });

  it('a write-side threshold changes decisions only from its effective date (TM4: 2 years from 2022-01-01)', async () => {
    const late = await post('/v1/cadres/M/events', { id: 'm-out', type: 'RemovedFromPost', effectiveDate: '2022-03-01', data: { orgUnitId: 'T2', role: 'HEAD', reason: 'ADJUSTMENT' } });
    expect(late.status).toBe(201);
    const early = await post('/v1/cadres/N/events', { id: 'n-out', type: 'RemovedFromPost', effectiveDate: '2021-12-31', data: { orgUnitId: 'T3', role: 'HEAD', reason: 'ADJUSTMENT' } });
    expect({ status: early.status, kind: early.body?.kind, firstPassingDate: early.body?.firstPassingDate }).toEqual({ status: 422, kind: 'POLICY', firstPassingDate: '2022-01-01' });
  });

  const bad: [string, (s: any) => any][] = [
    ['negative grace days', (s) => ({ ...s, continuityGraceDays: -1 })],
    ['fractional grace days', (s) => ({ ...s, continuityGraceDays: 1.5 })],
    ['0 commended per cycle', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota: 0 } })],
    ['a negative quota', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota: -23 } })],
    ['a share above 1', (s) => ({ ...s, teamComposition: { ...s.teamComposition, minShareWithTwoYearsTownshipWork: 1.5 } })],
    ['a sanction kind missing from the effect periods', (s) => {
      const { EXPULSION: _e, ...rest } = s.sanctionEffectMonths;
      return { ...s, sanctionEffectMonths: rest };
    }],
    ['an unknown sanction kind', (s) => ({ ...s, sanctionEffectMonths: { ...s.sanctionEffectMonths, FINE: 3 } })],
    ['an unknown setting', (s) => ({ ...s, bogus: 1 })],
    ['a ceiling that is no rank', (s) => ({ ...s, rankPromotion: { ...s.rankPromotion, highestRankForCountyCadres: 'RESEARCHER-2' } })],
    ['an appeal deadline of a million days', (s) => ({ ...s, appeals: { ...s.appeals, reviewFilingDays: 1_000_000 } })],
    ['a TM6b party-secretary run of 0 years', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 0 } })],
    ['a TM6b chief run of 0 years', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, chiefRunYears: 0 } })],
    ['UNGRADED as the lowest acceptable TM6b grade', (s) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, lowestAcceptableGrade: 'UNGRADED' } })],
    ['UNGRADED as the lowest acceptable TM10 grade', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, lowestAcceptableGrade: 'UNGRADED' } })],
    ['"under 30" above "under 35" (juniorAgeBelow 40 > youngAgeBelow 35)', (s) => ({ ...s, teamAges: { ...s.teamAges, juniorAgeBelow: 40 } })],
  ];
  it.each(bad)('settings out of range are refused (4xx) and nothing is adopted: %s', async (label, change) => {
    const before = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.versions.length;
    const version = `bad-${bad.findIndex(([l]) => l === label)}`;
    const r = await post('/v1/policy/versions', { version, effectiveFrom: '2040-01-01', settings: change(structuredClone(defaults.settings)) }, 'ADMIN');
    const after = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.versions.length;
    expect({ status: r.status >= 400 && r.status < 500 ? '4xx' : r.status, adopted: after - before }).toEqual({ status: '4xx', adopted: 0 });
  });

  it('a CLERK may not adopt a policy version (403 naming adoptPolicy)', async () => {
    const r = await post('/v1/policy/versions', { version: 'clerk-v', effectiveFrom: '2040-01-01', settings: defaults.settings }, 'CLERK');
    expect(r.status).toBe(403);
  });

  it('a policy version carrying an override is refused or at least not stored as an override finding', async () => {
    const r = await post('/v1/policy/versions', { version: 'with-ov', effectiveFrom: '2041-01-01', settings: defaults.settings, override: { reason: 'x' } }, 'ADMIN');
    expect(r.status).toBe(400);
  });
});
