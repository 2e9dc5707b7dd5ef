/**
 * The record page (录入履历事项) and the appeal forms, driven in Chromium over an isolated API: every
 * kind of entry EVENTS.md defines is offered to the roles that may record it and stores what was
 * typed. Each test failed on the code a review of 2026-12-05 found; so did those of sending again
 * (a policy exception, a write that got no answer), of full-width ids, of refusals in the department's
 * words at the right field and of Beijing dates, found by a second review that day.
 */
import type { Browser, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, pageInOwnContext, pageInSharedContext, signInByStorage, textOf } from './browser';
import { fillTraining, outcome, OUTCOMES, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;

async function open(token: string, path = '/record', options: { timezoneId?: string; clockAt?: string } = {}): Promise<Page> {
  const contextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: options.timezoneId ?? 'Asia/Shanghai' };
  // A clock is the whole context's: a test that installs one has a context of its own.
  const page = options.clockAt ? await pageInOwnContext(browser, contextOptions) : await pageInSharedContext(browser, contextOptions);
  if (options.clockAt) await page.clock.install({ time: new Date(options.clockAt) });
  await signInByStorage(page, token);
  await page.goto(`${api.baseUrl}${path}`);
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

async function history(cadreId: string): Promise<any[]> {
  const h = await api.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' });
  expect(h.status).toBe(200);
  return h.body.events;
}


const recordButton = (page: Page) => page.getByRole('button', { name: /录\s*入/ });
/** The form's own 录入 (not 说明理由后录入 nor 作为新的一条录入). */
const submitButton = (page: Page) => page.locator('form button[type=submit]');
const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_record_forms');
  await registerTownshipAndCadre(api); // T01 青山镇, C1 李四
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2023-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
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

  it('an entry dated after today is recorded as scheduled and the success says so, with its date (found by a review: a mistyped year went unnoticed)', async () => {
    const page = await open(api.tokens.CLERK);
    await fillTraining(page, 'C1', '2099-05-01', '县委党校主体班');
    await submitButton(page).click();
    expect(await outcome(page)).toMatch(/已录入（新录入）.*生效日期 2099-05-01 晚于今天：待生效，自该日起计入。/);
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

    await chooseOption(page, '事项', '干部登记');
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

  it('the decision form says what the typed appeal is: its stage, appellant and the decision it is about; an unknown id, that there is none (found by a review: neither was said before the decision was recorded)', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-warn', type: 'SanctionImposed', effectiveDate: '2024-03-01', data: { sanctionId: 'S-HINT', kind: 'WARNING', grounds: '违反规定' } });
    await post('/v1/appeals/AP-HINT/events', { id: 'ap-hint', type: 'AppealFiled', effectiveDate: '2024-03-10', data: { appealId: 'AP-HINT', cadreId: 'C2', targetEventId: 'c2-warn', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2024-03-05' } }, 'APPEALS_OFFICER');
    const page = await open(api.tokens.APPEALS_OFFICER);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP-HINT');
    expect(await textOf(page, 'appeal-hint')).toMatch(/^复核，提出人 赵六（C2），针对 .*S-HINT/);
    await page.getByLabel('复核或申诉编号').fill('AP-NONE');
    await page.getByTestId('appeal-hint').filter({ hasText: '台账中暂无此编号的复核或申诉' }).waitFor();
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

describe('record page: sending again', () => {
  it('clicking 录入 again after a policy exception (例外) was recorded is a no-op, not a 409 saying someone else wrote meanwhile', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.RemovedFromPost);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2024-06-01');
    await page.getByLabel('单位编号', { exact: true }).fill('T01');
    await page.keyboard.press('Escape');
    await chooseOption(page, '职务', '党委书记');
    await chooseOption(page, '免去职务原因', '工作调整');
    await submitButton(page).click();
    expect(await textOf(page, 'refusal')).toContain('TM4');
    await page.getByLabel('例外理由').fill('因工作需要，经研究同意');
    await page.getByRole('button', { name: '说明理由后录入' }).click();
    await page.getByTestId('recorded').waitFor();
    // The user, unsure it worked, clicks 录入 again on the same, unchanged form.
    await submitButton(page).click();
    await page.waitForTimeout(1_500);
    const said = await outcome(page);
    const removals = (await history('C2')).filter((e) => e.type === 'RemovedFromPost');
    expect({ stored: removals.length, said, claimsSomeoneElseWrote: said.includes('其他新录入的事件') }).toEqual({
      stored: 1,
      said: expect.stringContaining('此前已录入，未重复写入'),
      claimsSomeoneElseWrote: false,
    });
  }, 90_000);

  it('after a write that got no answer (but was stored), correcting a field and sending again is not reported as “someone else wrote meanwhile”, and 刷新后重试 does not loop', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C1');
    await setDate(page, '生效日期', '2024-04-01');
    await page.getByLabel('培训项目').fill('县委党校春季班（初稿）');
    await chooseOption(page, '培训级别', '县级');
    // The write reaches the API and is stored, but its answer is lost (the network drops).
    let dropped = false;
    await page.route('**/v1/cadres/C1/events', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('failed');
    });
    await submitButton(page).click();
    expect(await textOf(page, 'record-failed')).toContain('无法确认是否已录入');
    await page.unroute('**/v1/cadres/C1/events');
    const codes: string[] = [];
    page.on('response', async (r) => {
      if (r.url().includes('/v1/cadres/C1/events') && r.status() === 409) codes.push(((await r.json().catch(() => ({}))) as { code?: string }).code ?? '?');
    });
    // The user corrects the programme's name and sends again.
    await page.getByLabel('培训项目').fill('县委党校春季班');
    await submitButton(page).click();
    const first = await outcome(page);
    let afterRetry = '';
    if (await page.getByTestId('conflict').count()) {
      await page.getByRole('button', { name: /刷新后重试/ }).click();
      await page.getByTestId('conflict').waitFor({ state: 'detached' });
      await submitButton(page).click();
      afterRetry = await outcome(page);
    }
    const draft = (await history('C1')).find((e) => e.type === 'TrainingCompleted' && e.data?.programme === '县委党校春季班（初稿）');
    expect({ codes, first, claimsSomeoneElseWrote: first.includes('其他新录入的事件'), stuckAfterRetry: afterRetry.includes('其他新录入的事件') }).toEqual({
      codes: ['EVENT_ID_CONFLICT'],
      first: expect.stringContaining(`事件编号 ${draft?.eventId} 此前已经录入`),
      claimsSomeoneElseWrote: false,
      stuckAfterRetry: false,
    });
    // The user goes on: the corrected form is recorded as a new entry, under a new event id, and the draft stays.
    await page.getByRole('button', { name: '作为新的一条录入' }).click();
    expect(await textOf(page, 'recorded')).toContain('新录入');
    const programmes = (await history('C1')).filter((e) => e.type === 'TrainingCompleted' && e.effectiveDate === '2024-04-01').map((e) => e.data.programme);
    expect(programmes.sort()).toEqual(['县委党校春季班', '县委党校春季班（初稿）']);
  }, 90_000);
});

describe('record page: ids and names', () => {
  it('a talk partner typed full width (Ｃ１), which the hint beside the field reads as 李四, is recorded as C1 (not refused as an invalid id)', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TalkHeld);
    await page.getByLabel('干部编号', { exact: true }).fill('C2');
    await setDate(page, '生效日期', '2024-03-05');
    await chooseOption(page, '谈话类别', '谈心谈话');
    await page.getByLabel('谈话对象（干部编号）').fill('Ｃ１');
    await page.getByText('姓名：李四').waitFor();
    await submitButton(page).click();
    await page.waitForTimeout(1_000);
    const said = (await page.locator(`${OUTCOMES},.ant-form-item-explain-error`).allInnerTexts()).join(' | ');
    const talks = (await history('C2')).filter((e) => e.type === 'TalkHeld').map((e) => e.data.withCadreId);
    expect({ said, talks }).toEqual({ said: expect.stringContaining('已录入'), talks: ['C1'] });
  }, 60_000);
});

describe('record page: refusals in the department’s words, at the right field', () => {
  it('a township score already recorded for the year tells the clerk which fields to fill by their labels, not as data.correctsEventId / data.correctionReason', async () => {
    await post('/v1/org-units/T01/events', { id: 'score-T01-2024', type: 'TownshipPerformanceScored', effectiveDate: '2025-01-15', data: { year: 2024, score: 85 } });
    const page = await open(api.tokens.CLERK);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TownshipPerformanceScored);
    await page.getByLabel('单位编号', { exact: true }).fill('T01');
    await page.keyboard.press('Escape');
    await setDate(page, '生效日期', '2025-02-01');
    await page.getByLabel('考核年度').fill('2024');
    await page.getByLabel('年度目标绩效考核得分').fill('88');
    await submitButton(page).click();
    const detail = await textOf(page, 'refusal');
    expect({ detail, quotesApiFieldCodes: /data\.\w+/.test(detail) }).toEqual({ detail: expect.stringMatching(/更正的记录（事件编号）.*更正理由/), quotesApiFieldCodes: false });
  }, 60_000);

  it('a dismissed appeal decided with a remedy is refused with 纠正措施 marked, the field the refusal names (remedy)', async () => {
    await post('/v1/cadres/C1/events', { id: 'c1-warn', type: 'SanctionImposed', effectiveDate: '2024-01-10', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '违反规定' } });
    await post('/v1/appeals/AP1/events', {
      id: 'ap1-filed',
      type: 'AppealFiled',
      effectiveDate: '2024-01-20',
      data: { appealId: 'AP1', cadreId: 'C1', targetEventId: 'c1-warn', stage: 'REVIEW', grounds: '处分过重', learnedOfDecisionDate: '2024-01-12' },
    });
    const page = await open(api.tokens.APPEALS_OFFICER);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP1');
    await setDate(page, '生效日期', '2024-02-20');
    await chooseOption(page, '决定结果', '驳回');
    await page.getByLabel('决定理由').fill('理由不成立');
    await chooseOption(page, '纠正措施', '撤销处分或组织处理');
    await submitButton(page).click();
    const refusal = await textOf(page, 'refusal');
    const item = page.locator('.ant-form-item', { has: page.getByLabel('纠正措施') });
    const marked = await item.evaluate((el: any) => el.classList.contains('ant-form-item-has-error'));
    expect({ refusal, marked }).toEqual({ refusal: expect.stringContaining('驳回'), marked: true });
  }, 60_000);
});

describe('record page: Beijing dates', () => {
  it('on a laptop set to Los Angeles at 01:30 Beijing time, 生效日期 defaults to the Beijing date and is stored as shown', async () => {
    // 2026-12-05T17:30Z: 2026-12-06 01:30 in Beijing, 2026-12-05 09:30 in Los Angeles.
    const page = await open(api.tokens.CLERK, '/record', { timezoneId: 'America/Los_Angeles', clockAt: '2026-12-05T17:30:00Z' });
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.HealthCheckCompleted);
    await page.getByLabel('干部编号').fill('C1');
    const shown = await page.getByLabel('生效日期').inputValue();
    await submitButton(page).click();
    await page.getByTestId('recorded').waitFor();
    const stored = (await history('C1')).filter((e) => e.type === 'HealthCheckCompleted').map((e) => e.effectiveDate);
    expect({ shown, stored }).toEqual({ shown: '2026-12-06', stored: ['2026-12-06'] });
  }, 60_000);
});
