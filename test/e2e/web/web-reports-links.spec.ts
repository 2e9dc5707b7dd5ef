/**
 * The web app's read pages against the API: what each page shows against the API's answer for the same question.
 */
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, pageInSharedContext, signIn, textOf } from './browser';

let browser: Browser;
let api: ApiHarness;
const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_reports_links');
  browser = await launchChromium();
  await registerTownshipAndCadre(api); // T01 青山镇, C1 李四
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1982-05-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec-end', type: 'RemovedFromPost', effectiveDate: '2023-03-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'OTHER' } });
  await post('/v1/cadres/C2/events', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2023-03-11', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(role: Role, width = 1280): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signIn(page, api.baseUrl, api.tokens[role]);
  return page;
}
const content = (page: Page) => page.locator('.ant-layout-content').innerText();

describe('findings page (/reports/findings)', () => {
  it('a link with year=2022 lists the findings of 2022, as GET /v1/findings?year=2022 does (the year in the URL is not ignored)', async () => {
    const of2022 = await api.request('GET', '/v1/findings?asOf=2025-06-01&year=2022', { role: 'ORG_DEPT' });
    const byDefault = await api.request('GET', '/v1/findings?asOf=2025-06-01', { role: 'ORG_DEPT' });
    expect(of2022.body.findings.length).not.toBe(byDefault.body.findings.length);
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/reports/findings?asOf=2025-06-01&year=2022`);
    const shown = await textOf(page, 'report-count');
    const text = await content(page);
    await page.close();
    expect({ count: shown, names2022: text.includes('李四（C1）2022 年度未体检') }).toEqual({ count: String(of2022.body.findings.length), names2022: true });
  }, 90_000);

  it('a link naming a township the ledger does not know says so in Chinese, naming the township field and the id', async () => {
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/reports/findings?asOf=2025-06-01&township=T99`);
    await page.locator('.ant-alert-error').first().waitFor();
    const alert = await page.locator('.ant-alert-error').first().innerText();
    await page.close();
    expect(alert).toContain('T99');
    expect(alert).toMatch(/乡镇/);
  }, 90_000);

  it('a TM4 vacancy reads its last vacant day and its days as the API counts them', async () => {
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/reports/findings?asOf=2025-06-01&rule=TM4`);
    await textOf(page, 'report-count');
    const text = await content(page);
    await page.close();
    expect(text).toContain('2023-03-01 至 2023-03-10');
    expect(text).toContain('空缺 10 天');
  }, 90_000);

  it('an empty report (health checks of 1995) says so in Chinese', async () => {
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/reports/health-checks?year=1995`);
    expect(await textOf(page, 'report-count')).toBe('0');
    const text = await content(page);
    await page.close();
    expect(text).toMatch(/暂无|没有/);
  }, 90_000);
});

describe('measure reports', () => {
  it('training: a shared link with year and township reproduces the API answer', async () => {
    const a = await api.request('GET', '/v1/reports/training?year=2022&township=T01', { role: 'ORG_DEPT' });
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/reports/training?year=2022&township=T01`);
    expect(await textOf(page, 'report-count')).toBe(String(a.body.missing.length));
    await page.close();
  }, 90_000);

  it('team-composition: an invalid asOf in a link is refused naming 截至日期 in Chinese', async () => {
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/reports/team-composition?asOf=2025-02-30`);
    await page.locator('.ant-alert-error').first().waitFor();
    const alert = await page.locator('.ant-alert-error').first().innerText();
    await page.close();
    expect(alert).toContain('截至日期');
  }, 90_000);

  it('a clerk opening a report page is told the role may not', async () => {
    const page = await open('CLERK');
    await page.goto(`${api.baseUrl}/reports/health-checks`);
    await page.getByText('无权访问').waitFor();
    expect(await content(page)).toContain('无权');
    await page.close();
  }, 90_000);
});

describe('timeline', () => {
  it('an appeals officer is told the tenure is withheld for the role, not shown a card without it', async () => {
    const state = await api.request('GET', '/v1/cadres/C1/state?asOf=2025-06-01', { role: 'APPEALS_OFFICER' });
    expect(state.body.tenure).toBeNull();
    expect(state.body.withheld).toContain('tenure');
    const page = await open('APPEALS_OFFICER');
    await page.goto(`${api.baseUrl}/cadres/C1?asOf=2025-06-01`);
    await page.getByTestId('history-count').waitFor();
    // The state card, which loads apart from the history: '截至 2025-06-01' alone also matched the history's
    // count line, so a loaded machine read the page before the card came (fresh-clone CI, 2026-12-07).
    await page.locator('.ant-card-head-title').filter({ hasText: '截至 2025-06-01' }).first().waitFor();
    await page.getByText('不向您的角色显示').first().waitFor();
    const text = await content(page);
    await page.close();
    expect(text).toMatch(/乡镇工作经历\s*不向您的角色显示（任职年限须有“查询任职年限、晋升职级资格和推荐人选”的权限）/);
  }, 90_000);
});
