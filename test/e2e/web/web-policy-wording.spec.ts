/**
 * The web changes after 74779e9 (a review, 2026-12-05) (record page's appellant, TM7 wording under a policy
 * version, the eligibility pages' rank and policy version), in Chromium over an isolated API.
 */
import type { Browser } from 'playwright-core';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { ensureWebBuild, launchChromium, SignedInPages, textOf } from './browser';
import { recordButton } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const open = (token: string, path: string) => pages.open(token, path);
const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_policy_wording');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
  await post('/v1/policy/versions', {
    id: 'pol-2',
    version: 'county-2024',
    effectiveFrom: '2001-01-01',
    settings: {
      ...defaults.settings,
      assessment: { focusConsecutiveExcellentYears: 2, reminderTalkLowestTownships: 2 },
      inPostPromotion: { ...defaults.settings.inPostPromotion, partySecretaryRunYears: 5 },
    },
  });
  for (const t of ['T01', 'T02', 'T03']) await post(`/v1/org-units/${t}/events`, { id: `reg-${t}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${t}镇`, kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-rank', type: 'RankSet', effectiveDate: '2012-01-01', data: { rank: 'RESEARCHER_2' } });
  for (let y = 2012; y <= 2024; y++) await post('/v1/cadres/C1/events', { id: `g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: y % 2 ? 'EXCELLENT' : 'COMPETENT' } });
  await post('/v1/appeals/R3/events', { id: 'r3-filed', type: 'AppealFiled', effectiveDate: '2025-01-20', data: { appealId: 'R3', cadreId: 'C1', targetEventId: 'g2024', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2025-01-16' } }, 'APPEALS_OFFICER');
  // C2: chief of T02 promoted on TM6b's basis without meeting it: a TM6b finding, judged under county-2024.
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
  await post('/v1/cadres/C2/events', { id: 'c2-rank', type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_1' } });
  await post('/v1/cadres/C2/events', {
    id: 'c2-promo',
    type: 'RankPromoted',
    effectiveDate: '2021-06-01',
    data: { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'RESEARCHER_4', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'VACANCY' },
    override: { reason: '县委常委会研究决定' },
  });
  await waitForProjections(api.db, 30_000);
}, 240_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

describe('record page: the appellant is named', () => {
  it('a decision that dismisses the appeal (no remedy) names the appellant as a decision with a remedy does', async () => {
    const page = await open(api.tokens.APPEALS_OFFICER, `/record?type=AppealDecided&appealId=R3&outcome=DISMISSED&reasoning=${encodeURIComponent('理由不成立')}`);
    await page.getByTestId('prefilled').waitFor();
    await recordButton(page).click();
    // Named from the appeals list, asked once the decision is recorded.
    await page.getByTestId('recorded-where').getByText('王五', { exact: false }).waitFor();
    const where = await textOf(page, 'recorded-where');
    expect(where).toContain('王五');
  }, 90_000);
});

describe('TM7 report pages under a version that sets 2 (not RULES.md’s 3)', () => {
  it('the reminder-talks page does not say the lowest 三个 townships when the version in effect says 2', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/reports/reminder-talks?year=2025');
    await page.getByTestId('figure-townships').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('最低的三个乡镇');
  }, 60_000);
  it('the focus-ledger page does not say 连续三年 when the version in effect says 2 years', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/reports/focus-ledger');
    await page.getByTestId('figure-entries').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('连续三年');
  }, 60_000);
});

describe('eligibility pages (TM6b) under a version of 5 years as secretary', () => {
  it('the list names the version, its run years, the basis with 5 years and the rank at the ceiling', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/eligibility');
    await page.getByTestId('eligibility-policy-version').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('county-2024');
    expect(text).toContain('党委书记满 5 年');
    expect(text).toContain('连续担任乡镇党委书记 5 年以上且实绩突出');
    expect(text).toContain('二级调研员（已达上限）');
  }, 60_000);
  it('the cadre page says the rank, since when, and that no promotion can follow', async () => {
    const page = await open(api.tokens.ORG_DEPT, '/eligibility/C1');
    const rank = await textOf(page, 'eligibility-rank');
    expect(rank).toBe('二级调研员（已达上限）（2012-01-01 起）：县乡干部职级以此为限，不能再晋升');
  }, 60_000);
});

describe('findings page (合规提示)', () => {
  // RULES.md: every derived answer says which policy version produced it; the API now gives each
  // MEASURE finding its policyVersion, the page shows none.
  it('a TM6b finding says the policy version it was judged under (county-2024)', async () => {
    const page = await open(api.tokens.AUDITOR, '/reports/findings?rule=TM6b');
    await page.getByText('c2-promo').first().waitFor();
    const row = await page.locator('tr', { hasText: 'c2-promo' }).first().innerText();
    const text = await page.locator('body').innerText();
    expect({ row, saysVersion: text.includes('county-2024') }).toEqual({ row, saysVersion: true });
  }, 60_000);
});
