/**
 * Answers that are not the ledger's (a proxy's 404 or 401 page) read as such on the read pages, a
 * policy exception's reason kept with the record draft, and a paged link past the last page.
 */
import type { Browser, Page } from 'playwright-core';
import { ApiTokenRepository } from '@ledger/auth';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, SignedInPages, textOf } from './browser';
import { recordButton, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const open = (token: string, path: string) => pages.open(token, path);
let tokens: ApiTokenRepository;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

const post = (path: string, body: unknown) => api.write(path, body);
const PROXY_404 = { status: 404, contentType: 'text/html', body: '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>' };
const mainText = async (page: Page) => (await page.locator('.ant-layout-content').innerText()).replace(/\s+/g, ' ');

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_proxy_answers', {}, { TOKEN_CACHE_TTL_MS: '0' });
  browser = await launchChromium();
  tokens = new ApiTokenRepository(api.db.sql);
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C01/events', { id: 'reg-C01', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C01/events', { id: 'head-C01', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } });
  await post('/v1/cadres/C02/events', { id: 'reg-C02', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C02/events', { id: 'sec-C02', type: 'AppointedToPost', effectiveDate: '2023-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
}, 300_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

describe('a proxy’s own 404 on a read page is not the ledger saying the record is missing', () => {
  it('the cadre timeline of a cadre IN the ledger, its reads answered 404 by a proxy (nginx page), does not say 台账中没有编号为 C01 的干部', async () => {
    const page = await open(api.tokens.ADMIN, '/roster');
    await page.route(/\/v1\/cadres\/C01\//, (route) => route.fulfill(PROXY_404));
    await page.goto(`${api.baseUrl}/cadres/C01`);
    await page.locator('.ant-alert, .ant-result').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const text = await mainText(page);
    expect({ saysNoSuchCadre: (await page.getByTestId('cadre-not-found').count()) > 0 || /台账中没有编号为 C01 的干部/.test(text), saysNotReached: /请求未到达台账服务/.test(text) }).toEqual({
      saysNoSuchCadre: false,
      saysNotReached: true,
    });
  }, 90_000);

  it('a cadre’s 任职年限 eligibility page, answered 404 by a proxy, does not say the ledger has no such cadre', async () => {
    const page = await open(api.tokens.ADMIN, '/roster');
    await page.route(/\/v1\/.*eligib/, (route) => route.fulfill(PROXY_404));
    await page.goto(`${api.baseUrl}/eligibility/C01`);
    await page.locator('.ant-alert, .ant-result').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const text = await mainText(page);
    expect({ saysNoSuchCadre: (await page.getByTestId('cadre-not-found').count()) > 0 || /台账中没有编号为 C01 的干部/.test(text), saysNotReached: /请求未到达台账服务/.test(text) }).toEqual({
      saysNoSuchCadre: false,
      saysNotReached: true,
    });
  }, 90_000);

  it('the roster filtered by a township the ledger HAS, answered 404 by a proxy, does not say the township is not in the ledger', async () => {
    const page = await open(api.tokens.ADMIN, '/');
    await page.route(/\/v1\/cadres(\?|$)/, (route) => route.fulfill(PROXY_404));
    await page.goto(`${api.baseUrl}/cadres?township=T01`);
    await page.locator('.ant-alert').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const text = await mainText(page);
    expect({ saysTownshipUnknown: (await page.getByTestId('roster-township-unknown').count()) > 0, saysNotReached: /请求未到达台账服务/.test(text) }).toEqual({
      saysTownshipUnknown: false,
      saysNotReached: true,
    });
  }, 90_000);
});

describe('a proxy’s own 401', () => {
  it('a 401 page from a gateway in front of the ledger (no API code) is not said to be the ledger refusing the token as 无效或已被吊销', async () => {
    const page = await open(api.tokens.ADMIN, '/');
    await page.route(/\/v1\/cadres(\?|$)/, (route) => route.fulfill({ status: 401, contentType: 'text/html', body: '<html><body><h1>401 Authorization Required</h1>nginx</body></html>' }));
    await page.goto(`${api.baseUrl}/cadres`);
    await page.locator('.ant-alert, [data-testid=signed-out-reason]').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const reason = (await page.getByTestId('signed-out-reason').count()) ? (await page.getByTestId('signed-out-reason').innerText()).trim() : '';
    // The token is valid: the ledger itself still accepts it.
    expect((await api.request('GET', '/v1/me', { role: null, headers: { Authorization: `Bearer ${api.tokens.ADMIN}` } })).status).toBe(200);
    expect({ reason, blamesToken: /令牌已失效|无效或已被吊销|重新申领/.test(reason) }).toEqual({ reason, blamesToken: false });
  }, 90_000);
});

describe('the record draft', () => {
  it('a policy exception’s 例外理由, typed and sent when the token was refused, is put back with the rest of the draft', async () => {
    const clerk = await tokens.issue('ADMIN', '钱八', 'test');
    const page = await open(clerk.token, '/record');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.RemovedFromPost);
    await page.getByLabel('干部编号').fill('C02');
    await setDate(page, '生效日期', '2024-06-01');
    await page.getByLabel('单位编号', { exact: true }).fill('T01');
    await page.keyboard.press('Escape');
    await chooseOption(page, '职务', '党委书记');
    await chooseOption(page, '免去职务原因', '工作调整');
    await recordButton(page).click();
    expect(await textOf(page, 'refusal')).toContain('TM4');
    const reason = '因工作需要，经县委常委会研究同意（县委组〔2024〕12号）';
    await page.getByLabel('例外理由').fill(reason);
    await tokens.revoke(clerk.tokenId);
    await page.getByRole('button', { name: '说明理由后录入' }).click();
    await page.getByLabel('访问令牌').waitFor({ timeout: 15_000 });
    const said = await textOf(page, 'signed-out-reason');
    const fresh = await tokens.issue('ADMIN', '钱八', 'test');
    await page.getByLabel('访问令牌').fill(fresh.token);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByTestId('draft-restored').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await textOf(page, 'draft-restored')).toContain('含例外理由');
    // Sent again, the refusal comes back with the reason already filled in; 说明理由后录入 records it.
    await recordButton(page).click();
    expect(await textOf(page, 'refusal')).toContain('TM4');
    const reasonShown = await page.getByLabel('例外理由').inputValue();
    expect({ said: /没有录入台账/.test(said), cadreId: await page.getByLabel('干部编号').inputValue(), reasonShown }).toEqual({ said: true, cadreId: 'C02', reasonShown: reason });
    await page.getByRole('button', { name: '说明理由后录入' }).click();
    await page.getByTestId('recorded').waitFor();
  }, 120_000);
});

describe('paging kept in the URL', () => {
  it('a timeline link with a page past the last (?page=9, an old link after a retraction, or edited) shows the events, not an empty table', async () => {
    const page = await open(api.tokens.ADMIN, '/cadres/C01?page=9');
    await page.locator('.ant-table').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_500);
    const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThan(0);
  }, 90_000);
});
