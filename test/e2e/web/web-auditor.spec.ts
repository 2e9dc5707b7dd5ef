/**
 * (A review, 2026-12-05) an auditor's and an organization-department reader's pages — eligibility with its
 * reasons, candidates, a cadre's history as of a date and as known at an instant, deep links.
 */
import type { Browser, Page } from 'playwright-core';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, pageInSharedContext, signInByStorage } from './browser';

let api: ApiHarness;
let browser: Browser;
let knownBetween = '';
const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);
async function open(role: 'AUDITOR' | 'ORG_DEPT' | 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN', path: string): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInByStorage(page, api.tokens[role]);
  await page.goto(`${api.baseUrl}${path}`);
  return page;
}

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_auditor');
  browser = await launchChromium();
  const education = { level: 'MASTER', fullTime: true, doubleFirstClass: true };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '新丰乡', kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2010-03-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
  for (let y = 2012; y <= 2025; y++) {
    await post('/v1/cadres/C1/events', { id: `c1-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y % 3 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
    await post('/v1/cadres/C2/events', { id: `c2-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y === 2019 ? 'BASICALLY_COMPETENT' : 'EXCELLENT' } });
  }
  await post('/v1/cadres/C1/events', { id: 'c1-s', type: 'SanctionImposed', effectiveDate: '2020-05-01', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
  await new Promise((r) => setTimeout(r, 1200));
  knownBetween = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 1200));
  await post('/v1/cadres/C1/events', { id: 'c1-s-x', type: 'SanctionRescinded', effectiveDate: '2020-08-01', documentRef: '县纪委〔2020〕8号', data: { sanctionId: 'S1', reason: 'FALSE_ACCUSATION' } });
  await post('/v1/cadres/C1/events', { id: 'c1-g2013-x', type: 'EntryRetracted', effectiveDate: '2021-01-01', data: { targetEventId: 'c1-g2013', reason: '录入错误' } });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('decision pages say which policy version produced the answer (RULES.md: every derived answer says it)', () => {
  it('the eligibility list (/eligibility), opened by a deep link with asOf and knownAt and reloaded, keeps the view and shows the policy version', async () => {
    const page = await open('AUDITOR', `/eligibility?asOf=2021-06-30&knownAt=${encodeURIComponent(knownBetween)}`);
    await page.getByTestId('eligibility-total').waitFor();
    await page.reload();
    await page.getByTestId('eligibility-total').waitFor();
    const header = await page.locator('.ant-descriptions').first().innerText();
    const answer = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2021-06-30&knownAt=${encodeURIComponent(knownBetween)}`, { role: 'AUDITOR' });
    expect(header).toContain('2021-06-30'); // the view survived the reload
    expect({ header, showsPolicyVersion: header.includes('政策版本') && header.includes(String(answer.body.policyVersion)) }).toEqual({ header, showsPolicyVersion: true });
  }, 60_000);

  it('a timeline with the header’s 按当时所知 set and its switch off says its card is as known now, and as known then once switched on', async () => {
    const page = await open('AUDITOR', `/cadres/C1?asOf=2021-06-30&knownAt=${encodeURIComponent(knownBetween)}`);
    const card = page.locator('.ant-card-head-title').filter({ hasText: '截至 2021-06-30' }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain('按现在所知（打开“按当时所知显示”可看当时所知）');
    await page.getByLabel('按当时所知显示').click();
    await page.locator('.ant-card-head-title').filter({ hasText: '所知' }).filter({ hasNotText: '按现在所知' }).first().waitFor();
    expect(await page.locator('.ant-card-head-title').filter({ hasText: '截至 2021-06-30' }).first().innerText()).not.toContain('按现在所知');
  }, 60_000);

  it('the timeline’s count of records in effect says how many of them are sanctions void from their start (found by a review: 有效 N 条 held a rescinded sanction unsaid); as known before the rescission, none', async () => {
    const page = await open('AUDITOR', '/cadres/C1?asOf=2021-06-30');
    expect(await page.getByTestId('history-void-in-effect').innerText()).toBe('（其中 1 条处分或组织处理已被撤销，自始无效）');
    const then = await open('AUDITOR', `/cadres/C1?asOf=2021-06-30&knownAt=${encodeURIComponent(knownBetween)}`);
    await then.getByLabel('按当时所知显示').click();
    await then.locator('.ant-card-head-title').filter({ hasText: '所知' }).filter({ hasNotText: '按现在所知' }).first().waitFor();
    await then.getByTestId('history-in-effect').waitFor();
    expect(await then.getByTestId('history-void-in-effect').count()).toBe(0);
  }, 60_000);

  it('the candidates page (/candidates?cycle=2021-2025) shows the policy version of its answer', async () => {
    const page = await open('AUDITOR', '/candidates?asOf=2026-03-01&cycle=2021-2025');
    await page.getByTestId('candidates-total').waitFor();
    const text = await page.locator('.ant-layout-content').first().innerText();
    expect(text.includes('政策版本')).toBe(true);
  }, 60_000);
});

describe('capabilities (pins, pass)', () => {
  it('ORG_DEPT sees no export, record or retraction control on a timeline, and the server refuses the export anyway', async () => {
    const org = await open('ORG_DEPT', '/cadres/C1');
    await org.getByTestId('history-count').waitFor();
    const buttons = (await org.locator('.ant-layout-content button').allInnerTexts()).join('|');
    const menu = await org.locator('.ant-menu').innerText();
    const refused = await api.request('GET', '/v1/cadres/C1/export', { role: 'ORG_DEPT' });
    expect({ export: buttons.includes('导出'), actions: await org.getByTestId('event-actions').count(), record: menu.includes('录入'), status: refused.status }).toEqual({ export: false, actions: 0, record: false, status: 403 });
  }, 60_000);
});
