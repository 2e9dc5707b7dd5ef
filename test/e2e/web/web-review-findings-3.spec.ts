/**
 * The web app after the changes of 2026-12-05 (found by a web review): the appeals report's
 * 复核或申诉对象 (at 768 px too), the roster's unknown township, the record page's registration-date
 * refusal, a knownAt later than now named as the instant answered, the timeline's period texts.
 */
import type { Browser, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, pageInSharedContext, signIn, textOf } from './browser';
import { tamper } from '../audit/tamper-support';

let browser: Browser;
let api: ApiHarness;
const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_review_findings_3');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2022-06-01', data: { name: '新丰镇', kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec-end', type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'OTHER' } });
  // A grade appealed and corrected by the decision.
  await post('/v1/cadres/C1/events', { id: 'g2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'BASICALLY_COMPETENT' } });
  await post('/v1/appeals/R1/events', { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2022-01-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: 'g2021', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2022-01-16' } }, 'APPEALS_OFFICER');
  await post('/v1/appeals/R1/events', { id: 'r1-decided', type: 'AppealDecided', effectiveDate: '2022-02-01', data: { appealId: 'R1', outcome: 'UPHELD', reasoning: '考核依据不足' }, remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } }, 'APPEALS_OFFICER');
  // A sanction appealed, then retracted by a clerk.
  await post('/v1/cadres/C1/events', { id: 's-2023', type: 'SanctionImposed', effectiveDate: '2023-06-01', data: { sanctionId: 'W1', kind: 'WARNING', grounds: '据举报' } });
  await post('/v1/appeals/R2/events', { id: 'r2-filed', type: 'AppealFiled', effectiveDate: '2023-06-10', data: { appealId: 'R2', cadreId: 'C1', targetEventId: 's-2023', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2023-06-05' } }, 'APPEALS_OFFICER');
  await post('/v1/cadres/C1/events', { id: 'retract-s', type: 'EntryRetracted', effectiveDate: '2023-07-01', data: { targetEventId: 's-2023', reason: '录入错误' } });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(role: 'ADMIN' | 'CLERK' | 'AUDITOR' | 'APPEALS_OFFICER' | 'ORG_DEPT', width = 1280): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signIn(page, api.baseUrl, api.tokens[role]);
  return page;
}

describe('appeals report (/reports/appeals)', () => {
  it('at 1280 px, each appeal says what it contests: the corrected grade and the retracted sanction', async () => {
    const page = await open('APPEALS_OFFICER');
    await page.goto(`${api.baseUrl}/reports/appeals`);
    await page.getByTestId('appeal-target').first().waitFor();
    const texts = (await page.getByTestId('appeal-target').allInnerTexts()).map((t) => t.trim());
    expect(texts.some((t) => t.includes('2021 年度考核：基本称职（已由该决定更正）'))).toBe(true);
    expect(texts.some((t) => t.includes('（已撤回）'))).toBe(true);
    await page.close();
  }, 90_000);

  it('at 768 px, an appeals officer still sees what each appeal contests (复核或申诉对象)', async () => {
    const page = await open('APPEALS_OFFICER', 768);
    await page.goto(`${api.baseUrl}/reports/appeals`);
    await page.getByText('R1', { exact: true }).first().waitFor();
    const header = await page.locator('th', { hasText: '复核或申诉对象' }).count();
    const targets = await page.getByTestId('appeal-target').allInnerTexts();
    await page.close();
    expect({ header, targets: targets.length }).toEqual({ header: 1, targets: 2 });
  }, 90_000);
});

describe('deciding a pending appeal from where it is listed', () => {
  it('an appeals officer finds 作出决定 beside the open appeal only (the list and its filing on the timeline), which opens the record page with its number filled in; an auditor finds none', async () => {
    const page = await open('APPEALS_OFFICER');
    await page.goto(`${api.baseUrl}/reports/appeals`);
    await page.getByText('R1', { exact: true }).first().waitFor();
    const links = page.getByTestId('decide-appeal');
    expect(await links.count()).toBe(1); // R2: R1 is decided
    await links.first().click();
    await page.waitForURL(/\/record\?type=AppealDecided&appealId=R2$/);
    expect(await page.getByLabel('复核或申诉编号').inputValue()).toBe('R2');

    await page.goto(`${api.baseUrl}/cadres/C1`);
    const filing = page.locator('tr[data-row-key="r2-filed"]');
    await filing.waitFor();
    expect(await filing.getByRole('link', { name: '作出决定' }).count()).toBe(1);
    expect(await page.locator('tr[data-row-key="r1-filed"]').getByRole('link', { name: '作出决定' }).count()).toBe(0);
    await page.close();

    const auditor = await open('AUDITOR');
    await auditor.goto(`${api.baseUrl}/reports/appeals`);
    await auditor.getByText('R1', { exact: true }).first().waitFor();
    expect(await auditor.getByTestId('decide-appeal').count()).toBe(0);
    await auditor.close();
  }, 90_000);
});

describe('roster (/cadres) with a township unknown to the ledger', () => {
  it('says the township is not in the ledger, and the township picker still offers the known townships to choose instead', async () => {
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/cadres?township=T99`);
    const alert = page.getByTestId('roster-township-unknown');
    await alert.waitFor();
    const said = (await alert.innerText()).replace(/\s+/g, ' ');
    await page.getByLabel('乡镇', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const options = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts().catch(() => []);
    await page.close();
    expect({ namesIt: said.includes('T99'), saysItIsTheTownshipFilter: /乡镇|单位/.test(said), options }).toEqual({ namesIt: true, saysItIsTheTownshipFilter: true, options: expect.arrayContaining(['青山镇']) });
    expect(said).toContain('清除乡镇条件');
  }, 90_000);
});

describe('record page: an appointment dated before its unit’s registration', () => {
  it('is refused on the unit field, with the first passing date (the registration date)', async () => {
    const page = await open('CLERK');
    await page.goto(`${api.baseUrl}/record`);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppointedToPost);
    await page.getByLabel('干部编号').fill('C1');
    await page.getByLabel('单位编号').fill('T02');
    const hint = await textOf(page, 'org-unit-name-hint');
    await chooseOption(page, '职务', '党委书记');
    await page.getByLabel('生效日期').fill('2021-03-01');
    await page.getByLabel('生效日期').press('Tab');
    await page.getByRole('button', { name: /录\s*入/ }).first().click();
    const first = await textOf(page, 'first-passing-date');
    const unitItem = page.getByLabel('单位编号').locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]');
    const unitError = (await unitItem.locator('.ant-form-item-explain-error').allInnerTexts()).join(' ');
    const refusal = (await page.getByTestId('refusal').innerText()).replace(/\s+/g, ' ');
    await page.close();
    expect(hint).toContain('新丰镇');
    expect(first).toContain('2022-06-01');
    expect(unitError).toContain('尚未登记');
    expect(refusal).toContain('2022-06-01');
  }, 120_000);
});

describe('RULE_I_ORG_UNIT_NOT_YET_REGISTERED on a township’s score', () => {
  it('a score for 2021 of a township registered 2022-06-01 is refused without a first passing date (none passes: the township was none of 2021)', async () => {
    const refused = await api.request('POST', '/v1/org-units/T02/events', { role: 'ADMIN', body: { id: 'score-a', type: 'TownshipPerformanceScored', effectiveDate: '2022-07-15', data: { year: 2021, score: 80 } } });
    expect([refused.status, refused.body.code, refused.body.firstPassingDate]).toEqual([422, 'RULE_I_ORG_UNIT_NOT_YET_REGISTERED', undefined]);
    expect(refused.body.detailZh).toContain('2021 年度时尚不存在');
  }, 60_000);
});

describe('knownAt later than now, and the timeline’s period texts', () => {
  it('the findings report asked as known at 2099-12-31 says which instant its answer is as known at (the API answers as known now)', async () => {
    const direct = await api.request('GET', '/v1/findings?asOf=2025-12-31&knownAt=2099-12-31', { role: 'AUDITOR' });
    expect(direct.body.knownAt.startsWith('2099')).toBe(false); // the API answers as known at the moment asked
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/reports/findings?asOf=2025-12-31&knownAt=2099-12-31`);
    // The answer's instant, once the answer is there (the description above names 党委书记空缺 already).
    await page.locator('.ant-layout-content .ant-descriptions').getByText('按当时所知', { exact: true }).first().waitFor({ timeout: 20_000 });
    const content = await page.locator('.ant-layout-content').first().innerText();
    await page.close();
    // The header's picker still reads 2099-12-31 23:59:59; the page's own text should name the instant answered (today's date).
    const today = direct.body.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect({ saysAsKnownAt: /按.*所知|按当时所知/.test(content), namesToday: content.includes(today) }).toEqual({ saysAsKnownAt: true, namesToday: true });
  }, 90_000);

  it('the timeline compared as known at 2099-12-31 names the instant answered as known at', async () => {
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/cadres/C1?asOf=2025-12-31&knownAt=2099-12-31&asKnown=1`);
    const card = page.locator('.ant-card-head-title').first();
    await card.waitFor({ timeout: 20_000 });
    const title = await card.innerText();
    await page.close();
    expect(title.includes('2099')).toBe(false);
  }, 90_000);

  it('the timeline as of 2015-06-30 does not say a post ended in 2020 is held 至今', async () => {
    const page = await open('AUDITOR');
    await page.goto(`${api.baseUrl}/cadres/C1?asOf=2015-06-30`);
    const chart = page.getByRole('img', { name: '任职经历甘特图' });
    await chart.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    const box = (await chart.boundingBox())!;
    // The single row's bar, near its right end (grid: left 170, right 24, top 10, bottom 30).
    await page.mouse.move(box.x + box.width - 40, box.y + 10 + (box.height - 40) / 2);
    await page.waitForTimeout(800);
    const tip = await page.locator('div[style*="z-index: 9999999"]').first().innerText().catch(() => '(no tooltip)');
    await page.close();
    expect(tip).not.toContain('至今');
    expect(tip).toContain('2012-01-01 起（截至 2015-06-30 在任）');
  }, 90_000);
});

describe('one cadre’s eligibility page when the cadre’s record fails its hashes', () => {
  it('says so in an error notice before anything else (found by an auditor’s review: only the history warned)', async () => {
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    await post('/v1/cadres/C7/events', { id: 'reg-C7', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '钱七', gender: 'F', birthDate: '1980-01-01', education } });
    await post('/v1/cadres/C7/events', { id: 'c7-g', type: 'AnnualAssessmentRecorded', effectiveDate: '2021-01-15', data: { year: 2020, grade: 'COMPETENT' } });
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{grade}', '"EXCELLENT"') where event_id = 'c7-g'`);
    const page = await open('ORG_DEPT');
    await page.goto(`${api.baseUrl}/eligibility/C7`);
    const said = await textOf(page, 'eligibility-integrity');
    await page.close();
    expect(said).toContain('C7 的履历未通过哈希链校验：本答案所依据的记录可能已被改动，请勿据此作出决定');
    expect(said).toContain('（c7-g）');
  }, 90_000);
});
