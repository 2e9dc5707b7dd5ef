/**
 * The record page's org-unit field (OrgUnitField, useOrgUnitDirectory) reflects every acknowledged
 * write or says it may not, and never falls silent. Found by a review: the directory's `behind` was
 * dropped (no notice, not asked again), a directory that could not be read left the field silent,
 * a unit's full name typed led to an id-format refusal, and a township registered from 2030 read as
 * any other.
 */
import type { Browser, Page } from 'playwright-core';
import { ProjectionRunner } from '@ledger/projections';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, pageInSharedContext, signInByStorage, textOf, waitForText } from './browser';

let browser: Browser;
beforeAll(async () => {
  ensureWebBuild();
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

async function recordPage(api: ApiHarness): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInByStorage(page, api.tokens.CLERK);
  await page.goto(`${api.baseUrl}/record`);
  await chooseOption(page, '事项', '任职');
  return page;
}

const register = async (api: ApiHarness, id: string, name: string) =>
  expect((await api.request('POST', `/v1/org-units/${id}/events`, { body: { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2026-01-01', data: { name, kind: 'TOWNSHIP' } } })).status).toBe(201);

describe('the record page’s org-unit field while the read models are behind (PROJECTIONS_IN_API=false)', () => {
  let api: ApiHarness;
  const catchUp = () => new ProjectionRunner(api.db.sql, api.ledger.store).catchUpAll();
  beforeAll(async () => {
    api = await startApi('web_ou_behind', {}, { PROJECTIONS_IN_API: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '300' });
    await registerTownshipAndCadre(api);
    await catchUp();
  }, 180_000);
  afterAll(() => api?.close());

  it('given a township registered a moment ago, when its id is typed while the directory answered `behind`, then the page says the directory may lack it and shows its name by itself once the read models caught up', async () => {
    await register(api, 'T05', '新丰镇');
    // The API says so: the directory's answer carries `behind`.
    const direct = await api.request('GET', '/v1/org-units', { role: 'CLERK' });
    expect(direct.body.behind).toMatchObject({ events: 1 });
    const page = await recordPage(api);
    await page.getByLabel('单位编号').fill('T05');
    const hint = await textOf(page, 'org-unit-name-hint');
    // Flatly "no such unit" for a unit the ledger acknowledged, with no word that the list may be behind.
    const saysMaybeBehind = hint.includes('单位名录尚未更新到最新记录');
    await catchUp();
    // README: an answer the read models were behind for is asked for again every 2 s until it is current.
    const after = await waitForText(page, 'org-unit-name-hint', '单位：新丰镇（乡镇）', 15_000);
    expect({ hintWhileBehind: hint, saysMaybeBehind, hintAfterCatchUp: after }).toEqual({
      hintWhileBehind: hint,
      saysMaybeBehind: true,
      hintAfterCatchUp: '单位：新丰镇（乡镇）',
    });
  }, 120_000);
});

describe('the record page’s org-unit field (projections in the API)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('web_ou_field');
    await registerTownshipAndCadre(api);
  }, 180_000);
  afterAll(() => api?.close());

  it('given the directory cannot be read, when an id is typed, then the page says the unit could not be checked, not nothing at all', async () => {
    const page = await pageInSharedContext(browser, { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.route('**/v1/org-units', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, code: 'UNAVAILABLE', message: 'unavailable', detailZh: '台账服务暂不可用' }) }),
    );
    await signInByStorage(page, api.tokens.CLERK);
    await page.goto(`${api.baseUrl}/record`);
    await chooseOption(page, '事项', '任职');
    await page.getByLabel('单位编号').fill('T99');
    await page.waitForTimeout(3_000);
    const unitItem = page.locator('.ant-form-item', { has: page.getByLabel('单位编号') });
    const said = (await unitItem.innerText()) + '\n' + (await page.locator('.ant-alert').allInnerTexts()).join('\n');
    expect(said).toContain('单位名录暂时无法读取，未能核对该编号');
  }, 60_000);

  it('given a unit’s full name typed (the placeholder asks for 单位名称或编号) and the field left, then the one unit of that name is taken as its id, named beside it (not an id-format refusal on 录入)', async () => {
    const page = await recordPage(api);
    const unit = page.getByLabel('单位编号');
    expect(await page.locator('.ant-form-item', { has: unit }).innerText()).toContain('输入单位名称或编号');
    await unit.fill('青山镇');
    await unit.press('Tab');
    await page.waitForTimeout(500);
    const hintShown = (await page.getByTestId('org-unit-name-hint').count()) > 0;
    const value = await unit.inputValue();
    // The one unit of that name: its id, and its name beside it.
    expect({ value, hintShown }).toEqual({ value: 'T01', hintShown: true });
    expect(await textOf(page, 'org-unit-name-hint')).toBe('单位：青山镇（乡镇）');
  }, 60_000);
  it('given a township whose registration takes effect in 2030 (T4: future-dated events are shown as scheduled), when its id is typed, then the hint says it is not yet in effect, not just its name as any unit', async () => {
    expect((await api.request('POST', '/v1/org-units/T30/events', { body: { id: 'reg-T30', type: 'OrgUnitRegistered', effectiveDate: '2030-01-01', data: { name: '新区镇', kind: 'TOWNSHIP' } } })).status).toBe(201);
    const page = await recordPage(api);
    await page.getByLabel('单位编号').fill('T30');
    const hint = await textOf(page, 'org-unit-name-hint');
    expect(hint).toBe('单位：新区镇（乡镇），登记自 2030-01-01 起生效');
  }, 60_000);
});
