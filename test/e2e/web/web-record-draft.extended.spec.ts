/**
 * The record form's draft, kept when the session ends on a refused token and put back after signing in again: only
 * for whoever filled it in, never for a form already recorded, never from a draft of another shape; and what the
 * sign-in page and the record page say of a refused token or of an answer not from the ledger (a proxy's own page).
 * Screenshots: none (nothing is written to docs/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import { ApiTokenRepository } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, SignedInPages, textOf } from './browser';
import { fillTraining, outcome, recordButton } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const open = (token: string, path: string) => pages.open(token, path);
let tokens: ApiTokenRepository;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const CADRES = ['C01', 'C11', 'C12', 'C13', 'C14', 'C15'];
const DRAFT_KEY = 'ledger.draft.record';

const post = (path: string, body: unknown) => api.write(path, body);
const history = (cadreId: string) => api.historyEvents(cadreId);
/** Signs in on the sign-in page the refused token led to (not a new visit to /signin): back where the user was. */
async function signInHere(page: Page, token: string) {
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
}
/** 录入 clicked with a token revoked a moment before: the session ends, and the sign-in page says why. */
async function refusedOnRecord(page: Page, tokenId: string): Promise<string> {
  await tokens.revoke(tokenId);
  await recordButton(page).click();
  await page.getByLabel('访问令牌').waitFor({ timeout: 15_000 });
  return textOf(page, 'signed-out-reason');
}
/** The record form as it shows once signed in again: whether a draft was said to be put back, and what it holds. */
async function formAfterSigningIn(page: Page) {
  await page.getByLabel('干部编号').waitFor();
  await page.waitForTimeout(500);
  const programme = page.getByLabel('培训项目');
  return {
    draftBanner: (await page.getByTestId('draft-restored').count()) ? (await page.getByTestId('draft-restored').innerText()).trim() : '',
    cadreId: await page.getByLabel('干部编号').inputValue(),
    programme: (await programme.count()) ? await programme.inputValue() : '',
  };
}
const storedDraft = (page: Page) => page.evaluate((key) => (globalThis as any).sessionStorage.getItem(key) as string | null, DRAFT_KEY);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_record_draft', {}, { TOKEN_CACHE_TTL_MS: '0' });
  browser = await launchChromium();
  tokens = new ApiTokenRepository(api.db.sql);
  for (const id of CADRES) {
    const unit = `T${id.slice(1)}`;
    await post(`/v1/org-units/${unit}/events`, { id: `reg-${unit}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `第${id.slice(1)}镇`, kind: 'TOWNSHIP' } });
    await post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate: '1975-04-01', education } });
    await post(`/v1/cadres/${id}/events`, { id: `head-${id}`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: unit, role: 'HEAD' } });
  }
}, 300_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

describe('the record form’s draft kept across a refused token', () => {
  it('a clerk’s half-filled entry, left when their token was refused, is not put back into the form of ANOTHER user who signs in on the same tab, nor left stored', async () => {
    const zhang = await tokens.issue('CLERK', '张三', 'test');
    const li = await tokens.issue('ADMIN', '李四', 'test');
    const page = await open(zhang.token, '/record');
    await fillTraining(page, 'C11', '2023-05-01', '张三录了一半的培训');
    await refusedOnRecord(page, zhang.tokenId);
    // 张三 leaves; 李四 signs in at the same browser tab.
    await signInHere(page, li.token);
    const seen = await formAfterSigningIn(page);
    expect({ ...seen, stored: await storedDraft(page) }).toEqual({ draftBanner: '', cadreId: '', programme: '', stored: null });
  }, 90_000);

  it('a CLERK 王芳’s unrecorded entry is not put back into the form of an ADMIN token also held by a 王芳 (names are not unique; found by a review)', async () => {
    const clerk = await tokens.issue('CLERK', '王芳', 'test');
    const admin = await tokens.issue('ADMIN', '王芳', 'test');
    const page = await open(clerk.token, '/record');
    await fillTraining(page, 'C12', '2023-05-01', '录入员王芳未录入的培训');
    await refusedOnRecord(page, clerk.tokenId);
    await signInHere(page, admin.token);
    expect(await formAfterSigningIn(page)).toEqual({ draftBanner: '', cadreId: '', programme: '' });
  }, 90_000);

  it('the same clerk, signing in again with a new token (the old one revoked), gets their entry back, and recording it records it once', async () => {
    const first = await tokens.issue('CLERK', '赵六', 'test');
    const page = await open(first.token, '/record');
    await fillTraining(page, 'C13', '2023-05-01', '赵六录了一半的培训');
    const said = await refusedOnRecord(page, first.tokenId);
    expect(said).toMatch(/没有录入台账.*再次提交/);
    // The draft keeps who wrote it, never the token.
    const stored = JSON.parse((await storedDraft(page)) ?? 'null');
    expect({ by: stored?.by, holdsToken: JSON.stringify(stored).includes(first.token) }).toEqual({ by: { tokenId: first.tokenId, name: '赵六', role: 'CLERK' }, holdsToken: false });
    const fresh = await tokens.issue('CLERK', '赵六', 'test');
    await signInHere(page, fresh.token);
    expect(await formAfterSigningIn(page)).toEqual({ draftBanner: expect.stringContaining('未录入'), cadreId: 'C13', programme: '赵六录了一半的培训' });
    await recordButton(page).click();
    expect(await outcome(page)).toMatch(/^已录入（新录入）/);
    expect((await history('C13')).filter((e) => e.type === 'TrainingCompleted').length).toBe(1);
  }, 90_000);

  it('an entry RECORDED, then 录入 clicked again after the token was revoked: neither the sign-in page nor the form after signing in says it was not recorded', async () => {
    const wang = await tokens.issue('CLERK', '王五', 'test');
    const page = await open(wang.token, '/record');
    await fillTraining(page, 'C12', '2023-06-01', '已录入的培训');
    await recordButton(page).click();
    expect(await outcome(page)).toMatch(/^已录入（新录入）/);
    const recordedId = (await history('C12')).find((e) => e.type === 'TrainingCompleted')?.eventId;
    // The documented no-op: 录入 again on what was just recorded.
    const said = await refusedOnRecord(page, wang.tokenId);
    const fresh = await tokens.issue('CLERK', '王五', 'test');
    await signInHere(page, fresh.token);
    const seen = await formAfterSigningIn(page);
    expect({
      recorded: (await history('C12')).filter((e) => e.type === 'TrainingCompleted').length,
      saysNotRecorded: /没有录入|未录入/.test(said),
      saysRecorded: said.includes(`已经录入台账（事件编号 ${recordedId}）`),
      ...seen,
    }).toEqual({ recorded: 1, saysNotRecorded: false, saysRecorded: true, draftBanner: '', cadreId: '', programme: '' });
  }, 90_000);

  it('an entry recorded and then CHANGED, refused on 录入: the change is kept as a draft and said not recorded', async () => {
    const sun = await tokens.issue('CLERK', '孙七', 'test');
    const page = await open(sun.token, '/record');
    await fillTraining(page, 'C15', '2023-06-01', '第一期培训');
    await recordButton(page).click();
    expect(await outcome(page)).toMatch(/^已录入（新录入）/);
    await page.getByLabel('培训项目').fill('第二期培训');
    const said = await refusedOnRecord(page, sun.tokenId);
    const fresh = await tokens.issue('CLERK', '孙七', 'test');
    await signInHere(page, fresh.token);
    expect({ said: /没有录入台账/.test(said), ...(await formAfterSigningIn(page)) }).toEqual({ said: true, draftBanner: expect.stringContaining('未录入'), cadreId: 'C15', programme: '第二期培训' });
  }, 90_000);

  it('a draft of another shape (kept by an earlier version of the page, or not JSON) does not break the record page, and is discarded', async () => {
    for (const kept of [JSON.stringify({ type: 'TrainingCompleted', eventId: 'e-old' }), JSON.stringify({ type: 'TrainingCompleted', eventId: 'e-old', values: { cadreId: { x: 1 } }, dates: {} }), '{not json']) {
      const page = await open(api.tokens.ADMIN, '/roster');
      await page.evaluate(([key, value]) => (globalThis as any).sessionStorage.setItem(key, value), [DRAFT_KEY, kept] as const);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e.message)));
      await page.goto(`${api.baseUrl}/record`);
      const formShown = await recordButton(page)
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      expect({ kept, formShown, errors, draftBanner: await page.getByTestId('draft-restored').count(), stored: await storedDraft(page) }).toEqual({ kept, formShown: true, errors: [], draftBanner: 0, stored: null });
    }
  }, 90_000);
});

describe('answers not from the ledger service', () => {
  it('a valid token whose /v1/me a gateway answers with its own 401 page is not said at sign-in to be 无效或已被吊销 (found by a review)', async () => {
    const page = await pages.newPage();
    await page.route(/\/v1\/me(\?|$)/, (route) => route.fulfill({ status: 401, contentType: 'text/html', body: '<html><body><h1>401 Authorization Required</h1>nginx</body></html>' }));
    await page.goto(`${api.baseUrl}/signin`);
    await page.getByLabel('访问令牌').fill(api.tokens.CLERK);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const said = await textOf(page, 'sign-in-error');
    expect((await api.request('GET', '/v1/me', { role: 'CLERK' })).status).toBe(200); // the ledger accepts the token
    expect({ said, blamesToken: /令牌无效|已被吊销|重新申领/.test(said), saysNotReached: /请求未到达台账服务/.test(said) }).toEqual({ said, blamesToken: false, saysNotReached: true });
  }, 90_000);

  it('a write the proxy refuses with its own 403 page (a WAF) is not said to be refused for the user’s ROLE', async () => {
    const page = await open(api.tokens.ADMIN, '/record');
    await fillTraining(page, 'C14', '2023-06-01', '被防火墙拦截的培训');
    await page.route(/\/v1\/cadres\/C14\/events/, (route) => route.fulfill({ status: 403, contentType: 'text/html', body: '<html><body><h1>403 Forbidden</h1>Request blocked by WAF</body></html>' }));
    await recordButton(page).click();
    const text = await outcome(page);
    expect({ text, blamesRole: /角色无权/.test(text), saysNotReached: /请求未到达台账服务/.test(text) }).toEqual({ text, blamesRole: false, saysNotReached: true });
  }, 60_000);

  it('a proxy’s own 400 or 409 page on a write is neither 填写内容有误 nor a conflict with someone else’s entry', async () => {
    const page = await open(api.tokens.ADMIN, '/record');
    await fillTraining(page, 'C14', '2023-06-02', '被代理拒绝的培训');
    for (const status of [400, 409]) {
      await page.unroute(/\/v1\/cadres\/C14\/events/);
      await page.route(/\/v1\/cadres\/C14\/events/, (route) => route.fulfill({ status, contentType: 'text/html', body: `<html><body><h1>${status}</h1>nginx</body></html>` }));
      await recordButton(page).click();
      const text = await outcome(page);
      expect({ status, text, apiMeaning: /填写内容有误|其他新录入的事件|角色无权/.test(text), saysStatus: text.includes(`状态码 ${status}`) }).toEqual({ status, text, apiMeaning: false, saysStatus: true });
      await page.getByLabel('文号').fill(`代理-${status}`);
    }
  }, 60_000);

  it('an auditor whose token is refused while checking an export file (a POST that records nothing) is not told “刚才提交的内容没有录入台账…请再次提交”', async () => {
    const auditor = await tokens.issue('AUDITOR', '审计员甲', 'test');
    const page = await open(auditor.token, '/cadres/C01?asOf=2024-06-30');
    await page.getByRole('button', { name: '核对导出文件' }).waitFor();
    await tokens.revoke(auditor.tokenId);
    await page.locator('input[type=file]').setInputFiles({ name: 'C01-审计记录.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'x', events: [] })) });
    await page.getByLabel('访问令牌').waitFor({ timeout: 15_000 });
    const notice = await textOf(page, 'signed-out-reason');
    expect({ notice, saysEntryNotRecorded: /没有录入台账|再次提交/.test(notice), saysTokenRefused: /访问令牌已失效/.test(notice) }).toEqual({ notice, saysEntryNotRecorded: false, saysTokenRefused: true });
  }, 60_000);
});
