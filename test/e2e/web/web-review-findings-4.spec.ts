/**
 * The web app after a web review of 2026-12-06: the findings chart's bars add up to the findings
 * listed (the ten measures' were stacked twice), the header's invalid-date notice stays on the page
 * it was typed on, the promotion-pool chart's legend covers none of the chart, the record page's
 * first passing date is said as the event's 生效日期, and the findings page's empty year says what
 * it means.
 */
import type { Browser, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH, FINDING_KIND_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, pageInSharedContext, signInByStorage, textOf } from './browser';

// Browser globals for the functions run in the page.
declare const document: any;
declare function getComputedStyle(el: unknown): any;

let browser: Browser;
let api: ApiHarness;
const AS_OF = '2025-06-01';
const post = (path: string, body: unknown) => api.write(path, body);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_review_findings_4');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2022-06-01', data: { name: '新丰镇', kind: 'TOWNSHIP' } });
  for (const [id, name] of [['C1', '王五'], ['C2', '李四'], ['C3', '赵六'], ['C4', '钱七']]) {
    await post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-04-01', education } });
  }
  // 青山镇: its secretary left in 2020 with no successor (TM4), its head appointed in 2021 from a deputy post.
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec-end', type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'OTHER' } });
  await post('/v1/cadres/C3/events', { id: 'c3-dep', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_PARTY_SECRETARY' } });
  await post('/v1/cadres/C3/events', { id: 'c3-dep-end', type: 'RemovedFromPost', effectiveDate: '2021-03-01', data: { orgUnitId: 'T01', role: 'DEPUTY_PARTY_SECRETARY', reason: 'OTHER' } });
  await post('/v1/cadres/C3/events', { id: 'c3-head', type: 'AppointedToPost', effectiveDate: '2021-03-01', data: { orgUnitId: 'T01', role: 'HEAD' } });
  // 新丰镇: a secretary and a head since 2022, neither trained since (the ten measures' findings).
  await post('/v1/cadres/C2/events', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2022-07-01', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C4/events', { id: 'c4-head', type: 'AppointedToPost', effectiveDate: '2023-02-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(role: 'ORG_DEPT' | 'CLERK', path: string, width = 1280): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInByStorage(page, api.tokens[role]);
  await page.goto(`${api.baseUrl}${path}`);
  return page;
}

/** The text alternative of the page's chart (its figures, for a reader who cannot see it). */
async function chartSummary(page: Page): Promise<string> {
  const chart = page.locator('div[role=img][aria-describedby]').first();
  await chart.waitFor();
  const id = await chart.getAttribute('aria-describedby');
  return (await page.locator(`[id="${id}"]`).textContent())!.trim();
}

describe('findings chart (/reports/findings)', () => {
  it('its figures, per township and kind, add up to the findings the API lists: the ten measures’ not counted twice', async () => {
    const answer = (await api.request('GET', `/v1/findings?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
    // As the page counts a finding for each unit it concerns (reports.tsx findingOrgUnits).
    const expected: Record<string, number> = {};
    for (const f of answer.findings) {
      const units: string[] = f.kind === 'OVERRIDE' ? f.orgUnitNames : f.kind === 'APPEAL_REMEDY_MISSING' ? [] : f.orgUnitId === null ? [] : [f.orgUnitName];
      for (const unit of units) {
        const key = `${unit} ${FINDING_KIND_NAMES_ZH[f.kind as keyof typeof FINDING_KIND_NAMES_ZH]}`;
        expected[key] = (expected[key] ?? 0) + 1;
      }
    }
    // The fixture has findings of both: a TM4 vacancy and the ten measures'.
    expect(Object.keys(expected)).toEqual(expect.arrayContaining([`青山镇 ${FINDING_KIND_NAMES_ZH.TM4_SECRETARY_VACANCY}`, `新丰镇 ${FINDING_KIND_NAMES_ZH.MEASURE}`]));

    const page = await open('ORG_DEPT', `/reports/findings?asOf=${AS_OF}`);
    const count = await textOf(page, 'report-count');
    const summary = await chartSummary(page);
    await page.close();
    // 系列名：乡镇 n、乡镇 n；…
    const seriesNames: string[] = [];
    const charted: Record<string, number> = {};
    for (const series of summary.split('；')) {
      const [name, figures] = series.split('：');
      seriesNames.push(name!);
      for (const figure of figures!.split('、')) {
        const [unit, n] = figure.split(' ');
        if (Number(n) > 0) charted[`${unit} ${name}`] = (charted[`${unit} ${name}`] ?? 0) + Number(n);
      }
    }
    expect({ count, seriesNames, charted }).toEqual({ count: String(answer.findings.length), seriesNames: Object.values(FINDING_KIND_NAMES_ZH), charted: expected });
  }, 90_000);
});

describe('the header’s 截至日期 typed as a date that does not exist', () => {
  it('is said on the page it was typed on, and not on the pages opened after it', async () => {
    const page = await open('ORG_DEPT', `/reports/findings?asOf=${AS_OF}`);
    await textOf(page, 'report-count');
    const asOf = page.locator('#view-as-of');
    await asOf.click();
    await asOf.fill('2025-02-30');
    // Left by a click on the page (not Tab, which focuses the 按当时所知 picker: leaving that one
    // empty took the notice away, which hid the defect).
    await page.getByRole('heading', { name: '合规提示' }).click();
    const said = await textOf(page, 'untaken-date');
    await page.waitForTimeout(500);
    const stillSaid = await page.getByTestId('untaken-date').count();
    // To another page by the menu, then back.
    await page.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '选拔任用导向' }).click();
    await page.waitForURL(/\/reports\/promotion-pool/);
    await page.getByRole('heading', { name: '选拔任用导向' }).waitFor();
    await page.waitForTimeout(300);
    const onOther = await page.getByTestId('untaken-date').count();
    await page.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '合规提示' }).click();
    await page.waitForURL(/\/reports\/findings/);
    await textOf(page, 'report-count');
    const back = await page.getByTestId('untaken-date').count();
    await page.close();
    expect({ said, stillSaid, onOther, back }).toEqual({ said: expect.stringContaining('“截至日期”未改变：2025-02-30 不是有效的日期'), stillSaid: 1, onOther: 0, back: 0 });
  }, 90_000);
});

/**
 * The boxes the chart drew its legend, plot and axes in (pixels of the chart), read from the
 * ECharts instance behind the page's chart (found through React's fiber of echarts-for-react).
 */
async function chartBoxes(page: Page): Promise<Record<string, { x: number; y: number; width: number; height: number }>> {
  await page.locator('div[role=img] canvas').first().waitFor();
  return page.evaluate(() => {
    const host = document.querySelector('div[role=img] .echarts-for-react');
    const fiberKey = Object.keys(host).find((k) => k.startsWith('__reactFiber$'))!;
    let fiber = host[fiberKey];
    while (fiber && typeof fiber.stateNode?.getEchartsInstance !== 'function') fiber = fiber.return;
    const chart = fiber.stateNode.getEchartsInstance();
    const model = chart.getModel();
    const box = (componentType: string) => {
      const group = chart.getViewOfComponentModel(model.getComponent(componentType)).group;
      const rect = group.getBoundingRect().clone();
      group.updateTransform();
      if (group.transform) rect.applyTransform(group.transform);
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    };
    const grid = model.getComponent('grid').coordinateSystem.getRect();
    return { legend: box('legend'), xAxis: box('xAxis'), yAxis: box('yAxis'), plot: { x: grid.x, y: grid.y, width: grid.width, height: grid.height } };
  });
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('promotion-pool chart (/reports/promotion-pool)', () => {
  it.each([1280, 768])('at %i px, its legend covers neither the years of the x axis nor the plot nor the y axis', async (width) => {
    const page = await open('ORG_DEPT', `/reports/promotion-pool?asOf=${AS_OF}`, width);
    const boxes = await chartBoxes(page);
    await page.close();
    expect(boxes.legend.width).toBeGreaterThan(0);
    expect(boxes.xAxis.height).toBeGreaterThan(0);
    expect({ xAxis: overlap(boxes.legend, boxes.xAxis), plot: overlap(boxes.legend, boxes.plot), yAxis: overlap(boxes.legend, boxes.yAxis), boxes }).toEqual({ xAxis: false, plot: false, yAxis: false, boxes });
  }, 90_000);
});

describe('record page: a refusal with a first passing date', () => {
  it('says the date is the event’s 生效日期 (not the day it is typed in)', async () => {
    const page = await open('CLERK', '/record');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppointedToPost);
    await page.getByLabel('干部编号').fill('C1');
    await page.getByLabel('单位编号').fill('T02');
    await textOf(page, 'org-unit-name-hint');
    await chooseOption(page, '职务', '党委书记');
    await page.getByLabel('生效日期').fill('2021-03-01');
    await page.getByLabel('生效日期').press('Tab');
    await page.getByRole('button', { name: /录\s*入/ }).first().click();
    const first = await textOf(page, 'first-passing-date');
    await page.close();
    expect(first).toBe('生效日期不早于 2022-06-01 即不违反此规定。');
  }, 120_000);
});

describe('findings page: the year left empty', () => {
  it('its field says what empty means, as the page’s description does (the yearly findings: the year before 截至日期), and shows it in full', async () => {
    const page = await open('ORG_DEPT', `/reports/findings?asOf=${AS_OF}`);
    await textOf(page, 'report-count');
    const field = page.locator('#report-year');
    const placeholder = await field.getAttribute('placeholder');
    const fits = await field.evaluate((input: any) => {
      const probe = document.createElement('span');
      const style = getComputedStyle(input);
      probe.style.font = style.font;
      probe.style.whiteSpace = 'pre';
      probe.textContent = input.placeholder;
      document.body.appendChild(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return needed <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    const description = await page.locator('.ant-layout-content').innerText();
    await page.close();
    // Not 全部年度: the yearly findings listed are then those of one year, the year before 截至日期.
    expect({ placeholder, fits }).toEqual({ placeholder: '年度提示为上年', fits: true });
    expect(description).toContain('不选年度时，按年度的提示（培训、谈心谈话、体检等）为截至日期的上一年');
  }, 90_000);

  it('a link whose year is not a year says it was left out and what the list then is, not 全部年度', async () => {
    const page = await open('ORG_DEPT', `/reports/findings?asOf=${AS_OF}&year=20x5`);
    const said = page.locator('.ant-alert', { hasText: '不是四位数的年份' }).first();
    await said.waitFor();
    const text = await said.innerText();
    await page.close();
    expect(text).toContain('链接中的年度“20x5”不是四位数的年份，已略去；按年度的提示按截至日期的上一年列出。');
  }, 90_000);
});

describe('eligibility list (/eligibility): those N1’s ceiling bars are said apart', () => {
  it('of the eligible chiefs, one already 二级调研员 is counted as unable to be promoted, beside the count', async () => {
    // 东岭乡: a secretary and a head of fifteen years with two EXCELLENT years, the secretary already at 二级调研员.
    await post('/v1/org-units/T09/events', { id: 'reg-T09', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '东岭乡', kind: 'TOWNSHIP' } });
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    for (const [id, name, role] of [['C8', '孙八', 'HEAD'], ['C9', '周九', 'PARTY_SECRETARY']] as const) {
      await post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1975-04-01', education } });
      await post(`/v1/cadres/${id}/events`, { id: `${id}-post`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T09', role } });
      for (const y of [2015, 2016]) await post(`/v1/cadres/${id}/events`, { id: `${id}-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: 'EXCELLENT' } });
    }
    await post('/v1/cadres/C9/events', { id: 'C9-rank', type: 'RankSet', effectiveDate: '2020-01-01', data: { rank: 'RESEARCHER_2' } });
    const answer = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body as { cadres: { cadreId: string; eligible: boolean; atCountyRankCeiling: boolean }[] };
    expect(answer.cadres.filter((c) => c.eligible).map((c) => [c.cadreId, c.atCountyRankCeiling]).sort()).toEqual([['C8', false], ['C9', true]]);
    const page = await open('ORG_DEPT', `/eligibility?asOf=${AS_OF}`);
    expect(await textOf(page, 'eligibility-eligible')).toBe('2');
    expect(await textOf(page, 'eligibility-eligible-at-ceiling')).toBe('1');
    expect(await page.locator('.ant-descriptions').first().innerText()).toContain('（其中 1 人已达县乡干部职级上限，不能再晋升）');

    // A sanction recorded elsewhere (another user, over the API) is in the list the next time it is
    // shown, moving between pages without a reload (found by a review: an answer kept for 30 s).
    await post('/v1/cadres/C8/events', { id: 'C8-warning', type: 'SanctionImposed', effectiveDate: '2025-03-01', documentRef: '纪〔2025〕3号', data: { sanctionId: 'S-C8', kind: 'WARNING', grounds: '违反工作纪律' } });
    await page.getByRole('menuitem', { name: /优秀乡镇党委书记推荐/ }).click();
    await page.waitForURL(/\/candidates/);
    // The candidates page shown, so the list is shown anew: navigations are React transitions, and on a
    // loaded machine a click back before the first was drawn kept the list mounted, not asked again.
    await page.getByTestId('candidates-total').waitFor();
    await page.getByRole('menuitem', { name: /不离岗晋升职级资格/ }).click();
    await page.waitForURL(/\/eligibility/);
    await page.getByTestId('eligibility-eligible').getByText('1', { exact: true }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);

  it('clicked away from and straight back to on a slow computer, the list is asked again', async () => {
    // A head of 南坪乡 eligible on his own; the count is read from the API, whatever the other tests wrote.
    await post('/v1/org-units/T10/events', { id: 'reg-T10', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '南坪乡', kind: 'TOWNSHIP' } });
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    await post('/v1/cadres/C10/events', { id: 'reg-C10', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '吴十', gender: 'M', birthDate: '1975-04-01', education } });
    await post('/v1/cadres/C10/events', { id: 'C10-post', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T10', role: 'HEAD' } });
    for (const y of [2015, 2016]) await post('/v1/cadres/C10/events', { id: `C10-g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: 'EXCELLENT' } });
    const eligibleCount = async () =>
      ((await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body as { cadres: { eligible: boolean }[] }).cadres.filter((c) => c.eligible).length;
    const before = await eligibleCount();
    const page = await open('ORG_DEPT', `/eligibility?asOf=${AS_OF}`);
    expect(await textOf(page, 'eligibility-eligible')).toBe(String(before));

    // A county office's computer: the page's CPU twentyfold slower, so both clicks land before the
    // first page is drawn, and React renders the two navigations as one (the list never unmounted).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await post('/v1/cadres/C10/events', { id: 'C10-warning', type: 'SanctionImposed', effectiveDate: '2025-03-01', documentRef: '纪〔2025〕4号', data: { sanctionId: 'S-C10', kind: 'WARNING', grounds: '违反工作纪律' } });
    const after = await eligibleCount();
    expect(after).toBe(before - 1);
    await page.getByRole('menuitem', { name: /优秀乡镇党委书记推荐/ }).click();
    await page.getByRole('menuitem', { name: /不离岗晋升职级资格/ }).click();
    await page.waitForURL(/\/eligibility/);
    await page.getByTestId('eligibility-eligible').getByText(String(after), { exact: true }).waitFor({ timeout: 30_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.close();
  }, 120_000);
});
