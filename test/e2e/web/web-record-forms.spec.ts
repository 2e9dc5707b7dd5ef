/**
 * The record page (录入履历事项) and the appeal forms, driven in Chromium over an isolated API: every
 * kind of entry EVENTS.md defines is offered to the roles that may record it and stores what was
 * typed. Each test failed on the code a review of 2026-12-05 found.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, signIn, textOf } from './browser';

let api: ApiHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function open(token: string, path = '/record'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, api.baseUrl, token);
  await page.goto(`${api.baseUrl}${path}`);
  return page;
}

async function history(cadreId: string): Promise<any[]> {
  const h = await api.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' });
  expect(h.status).toBe(200);
  return h.body.events;
}

async function setDate(page: Page, label: string, date: string) {
  await page.getByLabel(label).fill(date);
  await page.getByLabel(label).press('Tab');
}

const recordButton = (page: Page) => page.getByRole('button', { name: /录\s*入/ });

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_record_forms');
  await registerTownshipAndCadre(api);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await api?.close();
});

describe('the record page (录入履历事项)', () => {
  it('offers a clerk every event type EVENTS.md defines that the clerk may record (借调, 挂职, 职级, 谈话, 体检, 推荐, 代表委员, 登记, 单位事项…)', async () => {
    const page = await open(api.tokens.CLERK);
    await page.getByLabel('事项', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor();
    // The list is virtual: scroll it to the end to see every option.
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      for (const t of await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts()) seen.add(t.trim());
      await page.evaluate(() => {
        const holder = (globalThis as any).document.querySelector('.ant-select-dropdown .rc-virtual-list-holder');
        if (holder) holder.scrollTop += 120;
      });
      await page.waitForTimeout(150);
    }
    const wanted = [
      'SecondmentStarted',
      'SecondmentEnded',
      'TemporaryPostingStarted',
      'TemporaryPostingEnded',
      'RankSet',
      'RankPromoted',
      'TalkHeld',
      'HealthCheckCompleted',
      'LeaderRecommended',
      'RepresentativeSeatTaken',
      'RepresentativeSeatEnded',
      'CadreRegistered',
      // Org-unit events: EVENT_CAPABILITIES gives them to recordCareerEvents (CLERK, ADMIN) too.
      'OrgUnitRegistered',
      'TownshipPerformanceScored',
      'CountyDepartmentRated',
    ] as const;
    const missing = wanted.filter((t) => !seen.has(EVENT_TYPE_NAMES_ZH[t])).map((t) => `${EVENT_TYPE_NAMES_ZH[t]}（${t}）`);
    expect({ offered: [...seen], missing }).toEqual({ offered: [...seen], missing: [] });
  }, 60_000);

  it('the 表彰 form has the 特别优秀 (especiallyOutstanding) field TM10 and the Commended schema define', async () => {
    const page = await open(api.tokens.CLERK);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.Commended);
    const labels = (await page.locator('.ant-form-item-label label').allInnerTexts()).map((l) => l.trim());
    expect(labels.filter((l) => l.includes('特别优秀'))).toHaveLength(1);
  }, 60_000);

  it('a successful write says what was recorded with the cadre’s name beside the id and links to the timeline', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C1');
    await setDate(page, '生效日期', '2024-05-10');
    await page.getByLabel('培训项目').fill('县委党校春季主体班');
    await chooseOption(page, '培训级别', '县级');
    await recordButton(page).click();
    const said = await textOf(page, 'recorded');
    const link = await page.getByTestId('recorded').locator('a[href*="/cadres/C1"]').count();
    expect({ said, namesCadre: said.includes('李四'), namesWhat: said.includes('县委党校春季主体班') || said.includes('培训'), linkToTimeline: link > 0 }).toEqual({
      said,
      namesCadre: true,
      namesWhat: true,
      linkToTimeline: true,
    });
  }, 60_000);

  it('clicking 录入 again after a success (the form still full, as a user unsure it worked would) does not record the same training a second time', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C1');
    await setDate(page, '生效日期', '2024-07-10');
    await page.getByLabel('培训项目').fill('再次点击测试班');
    await chooseOption(page, '培训级别', '省级');
    await recordButton(page).click();
    await page.getByTestId('recorded').waitFor();
    await recordButton(page).click();
    await page.waitForTimeout(2_000);
    const stored = (await history('C1')).filter((e) => e.type === 'TrainingCompleted' && e.data?.programme === '再次点击测试班');
    expect(stored.map((e) => e.eventId)).toHaveLength(1);
  }, 60_000);

  it('an ADMIN registers an org unit and a cadre, then records a talk between two cadres, from the page: stored as typed, named beside the ids', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', '单位登记');
    // A registration stands once made and dates the unit: the date field says so (RULE_I_ORG_UNIT_NOT_YET_REGISTERED).
    expect(await page.getByTestId('registration-date-hint').textContent()).toContain('此日之前的任职、借调、考核得分和测评都会被拒绝');
    await page.getByLabel('单位编号', { exact: true }).fill('T-web');
    await page.keyboard.press('Escape');
    await setDate(page, '生效日期', '2001-01-01');
    await page.getByLabel('单位名称').fill('网页镇');
    await chooseOption(page, '单位类别', '乡镇');
    await recordButton(page).first().click();
    await page.getByTestId('recorded').waitFor();
    const unit = await api.request('GET', '/v1/org-units', { role: 'ADMIN' });
    expect(unit.body.orgUnits.find((u: { orgUnitId: string }) => u.orgUnitId === 'T-web')).toMatchObject({ name: '网页镇', kind: 'TOWNSHIP' });

    await chooseOption(page, '事项', '登记');
    expect(await page.getByTestId('registration-date-hint').count()).toBe(0);
    await page.getByLabel('干部编号', { exact: true }).fill('C-web');
    await setDate(page, '生效日期', '2001-01-01');
    await page.getByLabel('姓名').fill('王网');
    await chooseOption(page, '性别', '女');
    await setDate(page, '出生日期', '1985-06-30');
    await chooseOption(page, '学历', '大学本科');
    await page.getByLabel('全日制').check();
    await recordButton(page).first().click();
    await page.getByTestId('recorded').waitFor();
    expect((await history('C-web'))[0]).toMatchObject({
      type: 'CadreRegistered',
      data: { name: '王网', gender: 'F', birthDate: '1985-06-30', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    // Named once the roster has the new cadre (the read models follow the write within moments).
    await page.getByTestId('recorded-where').filter({ hasText: '王网（C-web）' }).waitFor();

    await chooseOption(page, '事项', '谈话');
    await page.getByLabel('干部编号', { exact: true }).fill('C-web');
    await setDate(page, '生效日期', '2024-03-01');
    await chooseOption(page, '谈话类别', '谈心谈话');
    await page.getByLabel('谈话对象（干部编号）').fill('C1');
    await page.getByText('姓名：李四').waitFor(); // the partner named beside the id typed
    await recordButton(page).first().click();
    await page.getByTestId('recorded').waitFor();
    expect((await history('C-web')).at(-1)).toMatchObject({ type: 'TalkHeld', data: { kind: 'HEART_TO_HEART', withCadreId: 'C1' } });
  }, 120_000);
});

describe('the appeal forms', () => {
  it('the decision form does not tell an appeals officer to record a 撤销处分 or 撤回 separately, which the role may not record', async () => {
    const page = await open(api.tokens.APPEALS_OFFICER);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    const remedyItem = page.locator('.ant-form-item', { has: page.getByLabel('纠正措施') });
    const said = await remedyItem.innerText();
    await page.getByLabel('事项', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor();
    const offered = (await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts()).map((t) => t.trim());
    const toldToRecordElsewhere = said.includes('另行录入');
    const canRecordElsewhere = offered.includes(EVENT_TYPE_NAMES_ZH.SanctionRescinded) || offered.includes(EVENT_TYPE_NAMES_ZH.EntryRetracted);
    expect({ said, offered, advisesWhatRoleCanDo: !toldToRecordElsewhere || canRecordElsewhere }).toEqual({ said, offered, advisesWhatRoleCanDo: true });
  }, 60_000);

  it('a decision for an appeal never filed is refused with 复核或申诉编号 marked, the field the refusal is about', async () => {
    const page = await open(api.tokens.APPEALS_OFFICER);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP-NEVER');
    await chooseOption(page, '决定结果', '驳回');
    await page.getByLabel('决定理由').fill('理由不成立');
    await recordButton(page).click();
    expect(await textOf(page, 'refusal-detail')).toContain('AP-NEVER');
    const item = page.locator('.ant-form-item', { has: page.getByLabel('复核或申诉编号') });
    const marked = await item.evaluate((el: any) => el.classList.contains('ant-form-item-has-error'));
    const said = await item.innerText();
    expect({ marked, said }).toEqual({ marked: true, said: expect.stringContaining('尚未提出') });
  }, 60_000);
});
