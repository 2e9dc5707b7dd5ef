/**
 * Policy versions: settings out of range are a clear 400/422, never a 500 nor a stored
 * version that later breaks a read; extreme-but-accepted settings keep every answer readable.
 */
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { waitForProjections } from '../../support/projections';
import { scratchDir } from '../../support/scratch-dir';

const set = (s: any, path: string, value: unknown) => {
  const copy = structuredClone(s);
  const keys = path.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) o = o[k];
  if (value === undefined) delete o[keys.at(-1)!];
  else o[keys.at(-1)!] = value;
  return copy;
};

describe('policy settings over HTTP: range, shape, and reading after adoption', () => {
  let api: ApiHarness;
  let defaults: any;
  const policyCount = async () => Number((await api.db.sql`select count(*)::int as n from events where stream_id = 'policy'`)[0]!.n);

  beforeAll(async () => {
    api = await startApi('policy_settings');
    defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    const env = { DATABASE_URL: api.db.url };
    const dir = scratchDir('policy');
    const county = join(dir, 'county.ndjson');
    const g = await runCli(['generate', '--townships', '3', '--years', '8', '--seed', '11', '--end-year', '2024', '--out', county], env);
    expect(g.code).toBe(0);
    const imp = await runCli(['import', county, '--as', 'ADMIN'], env);
    expect(imp.code).toBe(0);
    await waitForProjections(api.db, 60_000);
  }, 300_000);
  afterAll(() => api.close());

  const bad: [string, (s: any) => any][] = [
    ['negative years', (s) => set(s, 'stability.chiefMinYearsInPostBeforeMove', -1)],
    ['fractional years', (s) => set(s, 'inPostPromotion.partySecretaryRunYears', 7.5)],
    ['huge years', (s) => set(s, 'excellentSecretary.minTownshipWorkYears', 1e12)],
    ['zero quota', (s) => set(s, 'excellentSecretary.quota', 0)],
    ['share above 1', (s) => set(s, 'teamComposition.minShareWithTwoYearsTownshipWork', 1.5)],
    ['negative grace days', (s) => set(s, 'continuityGraceDays', -3)],
    ['string number', (s) => set(s, 'training.chiefEveryYears', '1')],
    ['null group', (s) => set(s, 'inPostPromotion', null)],
    ['missing required group', (s) => set(s, 'stability', undefined)],
    ['missing sanction kind', (s) => set(s, 'sanctionEffectMonths.WARNING', undefined)],
    ['unknown sanction kind', (s) => set(s, 'sanctionEffectMonths.FINE', 3)],
    ['unknown top-level field', (s) => ({ ...s, probationYears: 1 })],
    ['unknown nested field', (s) => set(s, 'care.visitsPerYear', 2)],
    ['unknown grade', (s) => set(s, 'inPostPromotion.lowestAcceptableGrade', 'GOOD')],
    ['bad rank ceiling', (s) => set(s, 'rankPromotion.highestRankForCountyCadres', 'RESEARCHER_9')],
    ['huge appeal deadline', (s) => set(s, 'appeals.reviewFilingDays', 1e9)],
    ['negative appeal deadline', (s) => set(s, 'appeals.reviewFilingDays', -1)],
    ['junior age above young age', (s) => set(s, 'teamAges.juniorAgeBelow', 50)],
    ['zero focus years', (s) => set(s, 'assessment.focusConsecutiveExcellentYears', 0)],
    ['zero reminder townships', (s) => set(s, 'assessment.reminderTalkLowestTownships', 0)],
    ['negative minimum years in rank', (s) => set(s, 'rankPromotion.minimumYearsInRank.CLERK_2', -2)],
    ['missing rank step', (s) => set(s, 'rankPromotion.minimumYearsInRank.CLERK_1', undefined)],
    ['settings as array', () => []],
    ['infinite-ish number', (s) => set(s, 'sanctionAccumulationCapMonths', 1e308)],
  ];
  it.each(bad)('%s: refused 400 or 422 naming a field, nothing stored', async (_name, change) => {
    const before = await policyCount();
    const r = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: `bad-${before}`, effectiveFrom: '2020-01-01', settings: change(defaults.settings) } });
    expect([400, 422]).toContain(r.status);
    expect(JSON.stringify(r.body)).toMatch(/settings/);
    expect(await policyCount()).toBe(before);
  });

  const badEnvelopes: [string, Record<string, unknown>][] = [
    ['version with a space', { version: 'v 2' }],
    ['version too long', { version: 'v'.repeat(80) }],
    ['empty version', { version: '' }],
    ['impossible date', { effectiveFrom: '2023-02-30' }],
    ['date with time', { effectiveFrom: '2023-02-01T00:00:00Z' }],
    ['year 0', { effectiveFrom: '0000-01-01' }],
    ['description too long', { description: 'x'.repeat(3000) }],
    ['override on the route', { override: { reason: '县委决定' } }],
    ['documentRef on the route', { documentRef: 'X委〔2024〕1号' }],
  ];
  it.each(badEnvelopes)('%s: refused 400/422, never 500', async (_name, extra) => {
    const before = await policyCount();
    const r = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: `env-${before}`, effectiveFrom: '2020-01-01', settings: defaults.settings, ...extra } });
    expect([400, 422]).toContain(r.status);
    expect(await policyCount()).toBe(before);
  });

  describe('extreme settings the schema accepts: every answer stays readable (200)', () => {
    const max = (s: any) => {
      const c = structuredClone(s);
      c.continuityGraceDays = 365;
      c.stability = { chiefMinYearsInPostBeforeMove: 60, chiefNormalTermYears: 60 };
      c.inPostPromotion = { ...c.inPostPromotion, partySecretaryRunYears: 60, chiefRunYears: 60, minExcellentGradesInRun: 60, lowestAcceptableGrade: 'EXCELLENT' };
      c.excellentSecretary = { quota: 10000, minTownshipWorkYears: 60, lowestAcceptableGrade: 'EXCELLENT', minExcellentGradesInCycle: 5 };
      for (const k of Object.keys(c.rankPromotion.minimumYearsInRank)) c.rankPromotion.minimumYearsInRank[k] = 60;
      c.rankPromotion.excellentYearCreditMonths = 600;
      c.rankPromotion.highestRankForCountyCadres = 'CLERK_2';
      for (const k of Object.keys(c.sanctionEffectMonths)) c.sanctionEffectMonths[k] = 600;
      c.sanctionAccumulationCapMonths = 600;
      for (const k of Object.keys(c.appeals)) c.appeals[k] = 3650;
      c.training = { chiefEveryYears: 60, leaderEveryYears: 60 };
      c.teamComposition = { minShareWithTwoYearsTownshipWork: 1, chiefMinTownshipLeadershipYears: 60, chiefMinTownshipWorkYears: 60, minShareOfChiefsUnder35: 1, advisoryShareOfMembersUnder35: 1 };
      c.teamAges = { memberMinTownshipWorkYears: 60, youngAgeBelow: 60, juniorAgeBelow: 60 };
      c.promotionOrientation = { outstandingRecordYears: 60, minExcellentInRecord: 60, lowestAcceptableGrade: 'EXCELLENT' };
      c.assessment = { focusConsecutiveExcellentYears: 60, reminderTalkLowestTownships: 1000 };
      c.care = { talksPerYear: 52, healthChecksPerYear: 12 };
      return c;
    };
    const min = (s: any) => {
      const c = structuredClone(s);
      c.continuityGraceDays = 0;
      c.stability = { chiefMinYearsInPostBeforeMove: 0, chiefNormalTermYears: 0 };
      c.inPostPromotion = { ...c.inPostPromotion, partySecretaryRunYears: 1, chiefRunYears: 1, minExcellentGradesInRun: 0, lowestAcceptableGrade: 'INCOMPETENT' };
      c.excellentSecretary = { quota: 1, minTownshipWorkYears: 0, lowestAcceptableGrade: 'INCOMPETENT', minExcellentGradesInCycle: 0 };
      for (const k of Object.keys(c.rankPromotion.minimumYearsInRank)) c.rankPromotion.minimumYearsInRank[k] = 0;
      c.rankPromotion.excellentYearCreditMonths = 0;
      c.rankPromotion.highestRankForCountyCadres = 'INSPECTOR_1';
      for (const k of Object.keys(c.sanctionEffectMonths)) c.sanctionEffectMonths[k] = 0;
      c.sanctionAccumulationCapMonths = 0;
      for (const k of Object.keys(c.appeals)) c.appeals[k] = 0;
      c.training = { chiefEveryYears: 1, leaderEveryYears: 1 };
      c.teamComposition = { minShareWithTwoYearsTownshipWork: 0, chiefMinTownshipLeadershipYears: 0, chiefMinTownshipWorkYears: 0, minShareOfChiefsUnder35: 0, advisoryShareOfMembersUnder35: 0 };
      c.teamAges = { memberMinTownshipWorkYears: 0, youngAgeBelow: 0, juniorAgeBelow: 0 };
      c.promotionOrientation = { outstandingRecordYears: 1, minExcellentInRecord: 0, lowestAcceptableGrade: 'INCOMPETENT' };
      c.assessment = { focusConsecutiveExcellentYears: 1, reminderTalkLowestTownships: 1 };
      c.care = { talksPerYear: 0, healthChecksPerYear: 0 };
      return c;
    };

    beforeAll(async () => {
      const a = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'ext-max', effectiveFrom: '2019-01-01', settings: max(defaults.settings) } });
      const b = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'ext-min', effectiveFrom: '2022-01-01', settings: min(defaults.settings) } });
      expect([a.status, b.status, a.body?.message, b.body?.message]).toEqual([201, 201, undefined, undefined]);
      await waitForProjections(api.db, 60_000);
    });

    const reads: string[] = [];
    for (const asOf of ['2020-06-30', '2023-06-30']) {
      reads.push(`/v1/eligibility/in-post-promotion?asOf=${asOf}`);
      for (const r of ['team-composition', 'promotion-pool', 'recommendations', 'secretary-seats', 'focus-ledger']) reads.push(`/v1/reports/${r}?asOf=${asOf}`);
      reads.push(`/v1/compliance/findings?asOf=${asOf}`);
      reads.push(`/v1/findings?asOf=${asOf}`);
      reads.push(`/v1/cadres?asOf=${asOf}`);
    }
    for (const year of [2019, 2020, 2022, 2023]) {
      for (const r of ['training', 'department-ratings', 'reminder-talks', 'talks', 'health-checks']) reads.push(`/v1/reports/${r}?year=${year}`);
      reads.push(`/v1/compliance/findings?year=${year}`);
    }
    for (const cycle of ['2016-2020', '2019-2023', '2020-2024']) reads.push(`/v1/commendations/excellent-township-party-secretary/candidates?cycle=${cycle}`);
    reads.push('/v1/appeals?status=ALL');
    reads.push('/v1/policy?on=2023-01-01');

    it.each(reads)('GET %s answers 200', async (path) => {
      const r = await api.request('GET', path, { role: 'ADMIN' });
      expect([path, r.status, r.status >= 500 ? r.body : null]).toEqual([path, 200, null]);
    });

    it('every cadre’s tenure, state, history and export answer 200 under both versions', async () => {
      const roster = await api.request('GET', '/v1/cadres?pageSize=200', { role: 'ADMIN' });
      const ids: string[] = (roster.body.cadres ?? roster.body.items ?? roster.body.rows ?? []).map((c: any) => c.cadreId).slice(0, 40);
      expect(ids.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const id of ids) {
        for (const path of [`/v1/cadres/${id}/tenure?asOf=2020-06-30`, `/v1/cadres/${id}/tenure?asOf=2023-06-30`, `/v1/cadres/${id}/state?asOf=2020-06-30`, `/v1/cadres/${id}/state?asOf=2023-06-30`, `/v1/cadres/${id}/history`]) {
          const r = await api.request('GET', path, { role: 'ADMIN' });
          if (r.status !== 200) failures.push(`${path} ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
