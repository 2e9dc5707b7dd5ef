/**
 * Review (web2): a clerk's, an appeals officer's and an auditor's daily work in the browser.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, signIn, textOf } from '../e2e/web/browser';

let api: ApiHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];
const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN' = 'ADMIN') => {
  const r = await api.request('POST', path, { role, body });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

async function open(token: string, path = '/record'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, api.baseUrl, token);
  await page.goto(`${api.baseUrl}${path}`);
  return page;
}
async function setDate(page: Page, label: string, date: string) {
  await page.getByLabel(label).fill(date);
  await page.getByLabel(label).press('Tab');
}
const recordButton = (page: Page) => page.getByRole('button', { name: /录\s*入/ }).last();
async function history(cadreId: string): Promise<any[]> {
  const h = await api.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' });
  return h.body.events;
}

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('review_web2_clerk');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '新丰镇', kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
}, 240_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await api?.close();
});

describe('explore', () => {
  it('self 409 after appeal remedy', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.SanctionImposed);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2023-06-01');
    await page.getByLabel('处分或组织处理编号').fill('S9');
    await chooseOption(page, '处分或组织处理种类', '政务处分：警告');
    await page.getByLabel('事由').fill('据举报');
    await recordButton(page).click();
    const ok1 = await textOf(page, 'recorded');
    const sid = (await history('C2')).find((e) => e.type === 'SanctionImposed').eventId;
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealFiled);
    await page.getByLabel('复核或申诉编号').fill('AP1');
    await page.getByLabel('提出人（干部编号）').fill('C2');
    await page.getByLabel('复核或申诉对象（事件编号）').fill(sid);
    await chooseOption(page, '阶段', '复核');
    await page.getByLabel('理由', { exact: true }).fill('系诬告');
    await setDate(page, '生效日期', '2023-06-10');
    await setDate(page, '知悉决定日期', '2023-06-05');
    await recordButton(page).click();
    const ok2 = await textOf(page, 'recorded');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP1');
    await setDate(page, '生效日期', '2023-07-01');
    await chooseOption(page, '决定结果', '成立');
    await page.getByLabel('决定理由').fill('举报不实');
    await chooseOption(page, '纠正措施', '撤销处分或组织处理');
    await recordButton(page).click();
    const ok3 = await textOf(page, 'recorded');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2023-08-01');
    await page.getByLabel('培训项目').fill('党校');
    await chooseOption(page, '培训级别', '县级');
    await recordButton(page).click();
    await page.locator('[data-testid=recorded],[data-testid=conflict],[data-testid=refusal],[data-testid=record-failed]').first().waitFor();
    const out = await page.locator('[data-testid=recorded],[data-testid=conflict],[data-testid=refusal],[data-testid=record-failed]').first().innerText();
    console.log(JSON.stringify({ ok1, ok2, ok3, out }, null, 1));
    expect(out).toContain('已录入');
  }, 90_000);
});
