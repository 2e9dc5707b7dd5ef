/**
 * The record page (录入履历事项) after a web review of 2026-12-06: what was typed and not recorded survives leaving
 * the page (the menu then Back, a reload) as a draft, said and discardable, cleared once recorded, never put over a
 * link's prefill; the retraction and appeal forms say what the event their id names is; the 表彰 form asks for
 * 评选周期 of an Excellent Township Party Secretary only, and requires it there.
 * Screenshots: none (nothing is written to docs/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import { AWARD_NAMES_ZH, EVENT_TYPE_NAMES_ZH, SANCTION_KIND_LABELS_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, SignedInPages, textOf, waitForText } from './browser';
import { outcome, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const DRAFT_KEY = 'ledger.draft.record';
/** Event ids as the timeline pre-fills them: UUIDs, which say nothing of the event. */
const REMOVAL_ID = '5b0f6a3e-2c1d-4e8f-9a7b-1c2d3e4f5a6b';
const SANCTION_ID = '9d8c7b6a-5f4e-4d3c-8b2a-0f1e2d3c4b5a';
const GROUNDS = '违反工作纪律，在防汛值守期间擅离岗位，造成不良影响。经县纪委监委调查核实，本人对错误事实无异议，态度端正。';

const post = (path: string, body: unknown) => api.write(path, body);
const history = (cadreId: string) => api.historyEvents(cadreId);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_record_page_review');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '乐溪镇', kind: 'TOWNSHIP' } });
  for (const [id, name] of [['C1', '王五'], ['C2', '赵六'], ['C3', '孙八'], ['C4', '钱七'], ['C5', '周九']]) {
    await post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-04-01', education } });
  }
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: REMOVAL_ID, type: 'RemovedFromPost', effectiveDate: '2024-12-05', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' } });
  await post('/v1/cadres/C2/events', { id: SANCTION_ID, type: 'SanctionImposed', effectiveDate: '2024-03-01', data: { sanctionId: 'S-1', kind: 'DEMERIT', grounds: '违反工作纪律' } });
  await post('/v1/cadres/C3/events', { id: 'c3-sec', type: 'AppointedToPost', effectiveDate: '2025-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
}, 240_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

const storedDraft = async (page: Page) => JSON.parse((await page.evaluate((key) => (globalThis as any).sessionStorage.getItem(key) as string | null, DRAFT_KEY)) ?? 'null');
/** The 事项 chosen, as the select shows it. */
const chosenType = async (page: Page) => (await page.locator('.ant-form-item', { has: page.locator('#record-type') }).first().innerText()).replace(/^事项\s*/, '');
/** What the form shows once it is drawn (after a moment for a draft to be put back): the notice, the 事项 and the fields asked for. */
async function formNow(page: Page, labels: string[]) {
  await page.getByLabel('干部编号').waitFor();
  await page.waitForTimeout(500);
  const fields: Record<string, string> = {};
  for (const label of labels) fields[label] = (await page.getByLabel(label, { exact: true }).count()) ? await page.getByLabel(label, { exact: true }).inputValue() : '(无此字段)';
  return {
    draftNotice: (await page.getByTestId('draft-restored').count()) ? (await page.getByTestId('draft-restored').innerText()).trim() : '',
    type: (await chosenType(page)).trim(),
    ...fields,
  };
}
/** A sanction's entry, half typed: 事项, 干部编号 and a long 事由. */
async function typeSanction(page: Page, cadreId: string) {
  await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.SanctionImposed);
  await page.getByLabel('干部编号').fill(cadreId);
  await page.getByLabel('事由', { exact: true }).fill(GROUNDS);
}
/** 干部名册 in the menu, then the browser's Back. */
async function toRosterAndBack(page: Page) {
  await page.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '干部名册' }).click();
  await page.waitForURL(/\/cadres$/);
  await page.getByRole('heading', { name: '干部名册' }).waitFor();
  await page.goBack();
  await page.waitForURL(/\/record/);
}

describe('the record form’s unsent entry is kept as a draft', () => {
  it('typed, then 干部名册 in the menu, then Back: the form is as it was (事项, 干部编号, 事由), said to be an unsent draft', async () => {
    const page = await pages.open(api.tokens.ADMIN, '/record');
    await typeSanction(page, 'C1');
    await toRosterAndBack(page);
    expect(await formNow(page, ['干部编号', '事由'])).toEqual({ draftNotice: expect.stringContaining('未录入'), type: EVENT_TYPE_NAMES_ZH.SanctionImposed, 干部编号: 'C1', 事由: GROUNDS });
  }, 90_000);

  it('and after a reload of the page', async () => {
    const page = await pages.open(api.tokens.ADMIN, '/record');
    await typeSanction(page, 'C4');
    await page.reload();
    expect(await formNow(page, ['干部编号', '事由'])).toEqual({ draftNotice: expect.stringContaining('未录入'), type: EVENT_TYPE_NAMES_ZH.SanctionImposed, 干部编号: 'C4', 事由: GROUNDS });
  }, 90_000);

  it('丢弃 empties the form and the draft: neither Back nor a reload brings it back', async () => {
    const page = await pages.open(api.tokens.ADMIN, '/record');
    await typeSanction(page, 'C1');
    await toRosterAndBack(page);
    await page.getByTestId('draft-restored').getByRole('button', { name: /丢\s*弃/ }).click();
    await page.getByTestId('draft-restored').waitFor({ state: 'detached' });
    const discarded = { stored: await storedDraft(page), cadreId: await page.getByLabel('干部编号').inputValue(), type: (await chosenType(page)).trim() };
    await page.reload();
    const afterReload = await formNow(page, ['干部编号', '事由']);
    expect({ discarded, afterReload }).toEqual({
      discarded: { stored: null, cadreId: '', type: EVENT_TYPE_NAMES_ZH.AppointedToPost },
      afterReload: { draftNotice: '', type: EVENT_TYPE_NAMES_ZH.AppointedToPost, 干部编号: '', 事由: '(无此字段)' },
    });
  }, 90_000);

  it('an entry recorded clears its draft: the page opened again is empty, nothing said', async () => {
    const page = await pages.open(api.tokens.ADMIN, '/record');
    await typeSanction(page, 'C4');
    await setDate(page, '生效日期', '2025-02-01');
    await toRosterAndBack(page);
    await page.getByTestId('draft-restored').waitFor();
    await page.getByLabel('处分或组织处理编号').fill('S-C4');
    await chooseOption(page, '处分或组织处理种类', SANCTION_KIND_LABELS_ZH.WARNING);
    await page.locator('form button[type=submit]').click();
    expect(await outcome(page)).toMatch(/^已录入（新录入）/);
    const stored = await storedDraft(page);
    await toRosterAndBack(page);
    expect({ stored, recorded: (await history('C4')).filter((e) => e.type === 'SanctionImposed').map((e) => e.data.grounds), after: await formNow(page, ['干部编号']) }).toEqual({
      stored: null,
      recorded: [GROUNDS],
      after: { draftNotice: '', type: EVENT_TYPE_NAMES_ZH.AppointedToPost, 干部编号: '' },
    });
  }, 90_000);

  it('a link’s prefill (the timeline’s 撤回) is not replaced by the draft, which stays kept and can be put back', async () => {
    const page = await pages.open(api.tokens.ADMIN, '/record');
    await typeSanction(page, 'C1');
    await page.goto(`${api.baseUrl}/record?type=EntryRetracted&cadreId=C1&targetEventId=${REMOVAL_ID}`);
    const linked = await formNow(page, ['干部编号', '撤回对象（事件编号，见干部履历）']);
    await page.getByLabel('撤回原因').fill('录入有误');
    await page.waitForTimeout(300);
    const other = await textOf(page, 'other-draft');
    const kept = await storedDraft(page);
    // Opened again without the link: the draft is put back.
    await page.goto(`${api.baseUrl}/record`);
    const reopened = await formNow(page, ['干部编号', '事由']);
    expect({ linked, other, kept: { type: kept?.type, grounds: kept?.values['data.grounds'] }, reopened }).toEqual({
      linked: { draftNotice: '', type: EVENT_TYPE_NAMES_ZH.EntryRetracted, 干部编号: 'C1', '撤回对象（事件编号，见干部履历）': REMOVAL_ID },
      other: expect.stringContaining(`“${EVENT_TYPE_NAMES_ZH.SanctionImposed}”草稿（干部编号 C1），仍为您保留`),
      kept: { type: 'SanctionImposed', grounds: GROUNDS },
      reopened: { draftNotice: expect.stringContaining('未录入'), type: EVENT_TYPE_NAMES_ZH.SanctionImposed, 干部编号: 'C1', 事由: GROUNDS },
    });
    // 恢复草稿 beside a link's form puts the draft in its place.
    await page.goto(`${api.baseUrl}/record?type=EntryRetracted&cadreId=C1&targetEventId=${REMOVAL_ID}`);
    await page.getByTestId('other-draft').getByRole('button', { name: '恢复草稿' }).click();
    expect(await formNow(page, ['干部编号', '事由'])).toEqual({ draftNotice: expect.stringContaining('未录入'), type: EVENT_TYPE_NAMES_ZH.SanctionImposed, 干部编号: 'C1', 事由: GROUNDS });
  }, 120_000);

  it('a link’s form typed into, then the menu and Back to that link: the typing is put back', async () => {
    const page = await pages.open(api.tokens.ADMIN, `/record?type=EntryRetracted&cadreId=C1&targetEventId=${REMOVAL_ID}`);
    await page.getByLabel('撤回原因').fill('免职文号录错，应撤回后重录');
    await toRosterAndBack(page);
    expect(await formNow(page, ['干部编号', '撤回原因'])).toEqual({ draftNotice: expect.stringContaining('未录入'), type: EVENT_TYPE_NAMES_ZH.EntryRetracted, 干部编号: 'C1', 撤回原因: '免职文号录错，应撤回后重录' });
  }, 90_000);
});

describe('the event a retraction or an appeal names is said beside its id', () => {
  it('撤回对象: the event in the timeline’s words with its 生效日期, or that the cadre’s record has no such event', async () => {
    const page = await pages.open(api.tokens.ADMIN, `/record?type=EntryRetracted&cadreId=C1&targetEventId=${REMOVAL_ID}`);
    const said = await textOf(page, 'target-event-hint');
    await page.getByLabel('撤回对象（事件编号，见干部履历）').fill('no-such-event');
    const none = await waitForText(page, 'target-event-hint', '台账中该干部的记录里没有此事件');
    // Another cadre's event is not in this cadre's record.
    await page.getByLabel('撤回对象（事件编号，见干部履历）').fill(SANCTION_ID);
    const others = await waitForText(page, 'target-event-hint', '台账中该干部的记录里没有此事件');
    expect({ said, none, others }).toEqual({ said: '事件：2024-12-05 免去 乐溪镇 党委书记 职务（工作调整）', none: '台账中该干部的记录里没有此事件', others: '台账中该干部的记录里没有此事件' });
  }, 90_000);

  it('复核或申诉对象: the event of the appellant’s (提出人) record', async () => {
    const page = await pages.open(api.tokens.APPEALS_OFFICER, `/record?type=AppealFiled&cadreId=C2&targetEventId=${SANCTION_ID}`);
    const said = await textOf(page, 'target-event-hint');
    expect(said).toBe('事件：2024-03-01 政务处分：记过（编号 S-1）：违反工作纪律');
  }, 90_000);

  it('nothing is said to a clerk, who may not read the cadre’s history (as no name beside 干部编号)', async () => {
    const page = await pages.open(api.tokens.CLERK, `/record?type=EntryRetracted&cadreId=C1&targetEventId=${REMOVAL_ID}`);
    await page.getByLabel('撤回原因').waitFor();
    await page.waitForTimeout(1_000);
    expect({ hint: await page.getByTestId('target-event-hint').count(), name: await page.getByTestId('cadre-name-hint').count() }).toEqual({ hint: 0, name: 0 });
  }, 90_000);
});

describe('表彰: 评选周期 for an Excellent Township Party Secretary only', () => {
  /** The 表彰 form for C3 on 2025-06-01 at 县级, with the award chosen. */
  async function commendation(award: string): Promise<Page> {
    const page = await pages.open(api.tokens.CLERK, '/record');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.Commended);
    await page.getByLabel('干部编号').fill('C3');
    await setDate(page, '生效日期', '2025-06-01');
    await chooseOption(page, '表彰级别', '县级');
    await chooseOption(page, '表彰类别', award);
    return page;
  }
  const cycleField = (page: Page) => page.getByLabel('评选周期', { exact: true });

  it('is not asked for another award; for the excellent secretary it is, and left empty it is said at the field and nothing is sent', async () => {
    const page = await commendation(AWARD_NAMES_ZH.OTHER);
    await page.waitForTimeout(300);
    const askedForOther = await cycleField(page).count();
    await chooseOption(page, '表彰类别', AWARD_NAMES_ZH.EXCELLENT_TOWNSHIP_PARTY_SECRETARY);
    await cycleField(page).waitFor();
    await page.locator('form button[type=submit]').click();
    const said = await page.locator('.ant-form-item', { has: cycleField(page) }).locator('.ant-form-item-explain-error').innerText();
    const sent = (await history('C3')).filter((e) => e.type === 'Commended').length;
    await cycleField(page).fill('2021-2025');
    await page.locator('form button[type=submit]').click();
    expect(await outcome(page)).toMatch(/^已录入（新录入）/);
    const stored = (await history('C3')).filter((e) => e.type === 'Commended').map((e) => e.data.cycle);
    expect({ askedForOther, said, sent, stored }).toEqual({ askedForOther: 0, said: '请填写评选周期，如 2021-2025', sent: 0, stored: ['2021-2025'] });
  }, 120_000);

  it('a cycle typed for the excellent secretary, then the award changed to another: recorded without it (the API refuses a cycle on another award)', async () => {
    const page = await commendation(AWARD_NAMES_ZH.EXCELLENT_TOWNSHIP_PARTY_SECRETARY);
    await cycleField(page).fill('2016-2020');
    await chooseOption(page, '表彰类别', AWARD_NAMES_ZH.OTHER);
    await page.getByLabel('表彰名称').fill('防汛抗旱先进个人');
    await cycleField(page).waitFor({ state: 'detached' });
    await page.locator('form button[type=submit]').click();
    const said = await outcome(page);
    const stored = (await history('C3')).filter((e) => e.type === 'Commended' && e.data.award === 'OTHER').map((e) => e.data);
    expect({ said, stored }).toEqual({ said: expect.stringMatching(/^已录入（新录入）/), stored: [{ award: 'OTHER', title: '防汛抗旱先进个人', level: 'COUNTY' }] });
  }, 120_000);
});
