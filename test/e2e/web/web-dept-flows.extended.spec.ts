/**
 * More of the department's flows in the web app, which a review found held: an appeal from filing to
 * decision, two tabs on one cadre, a correction seen as known before it. Screenshots: none.
 */
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { chooseOption, textOf } from './browser';
import { deptCounty } from './dept-county';
import { fillTraining, outcome, recordButton, setDate } from './record-page';

const county = deptCounty('web_dept_flows_more');
const open = (token: string, path: string) => county.pages.open(token, path);
const { post, history } = county;

describe('an appeals officer takes an appeal from filing to decision', () => {
  it('files from the timeline row, decides it on the record page, and the cadre’s timeline and the appeals list show both, linked', async () => {
    await post('/v1/cadres/C04/events', { id: 'c04-warn', type: 'SanctionImposed', effectiveDate: '2024-02-01', data: { sanctionId: 'S04', kind: 'WARNING', grounds: '违反工作纪律' } });
    const page = await open(county.api().tokens.APPEALS_OFFICER, '/cadres/C04');
    await page.locator('tr[data-row-key="c04-warn"]').getByRole('link', { name: '提出复核或申诉', exact: true }).click();
    await page.getByLabel('复核或申诉编号').fill('AP04');
    await chooseOption(page, '阶段', '复核');
    await page.getByLabel('理由', { exact: true }).fill('事实不清');
    await setDate(page, '生效日期', '2024-02-10');
    await setDate(page, '知悉决定日期', '2024-02-05');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入（新录入）/);
    // The outcome links to the appellant's timeline: the filing is there.
    await page.getByTestId('recorded-where').getByRole('link').first().click();
    await page.waitForURL(/\/cadres\/C04/);
    const filed = (await history('C04')).find((e) => e.type === 'AppealFiled');
    await page.locator(`tr[data-row-key="${filed.eventId}"]`).waitFor();
    expect(await page.locator('tr[data-row-key="c04-warn"]').innerText()).toContain('被提出复核或申诉');

    await page.goto(`${county.api().baseUrl}/reports/appeals`);
    await page.getByText('AP04').waitFor();
    await page.goto(`${county.api().baseUrl}/record`);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP04');
    await setDate(page, '生效日期', '2024-03-01');
    await chooseOption(page, '决定结果', '成立');
    await page.getByLabel('决定理由').fill('经复核，事实不清');
    await chooseOption(page, '纠正措施', '撤销处分或组织处理');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入（新录入）/);
    await page.getByTestId('recorded-where').getByRole('link').first().click();
    await page.waitForURL(/\/cadres\/C04/);
    const events = await history('C04');
    const decided = events.find((e) => e.type === 'AppealDecided');
    const rescinded = events.find((e) => e.type === 'SanctionRescinded');
    await page.locator(`tr[data-row-key="${decided.eventId}"]`).waitFor();
    await page.locator(`tr[data-row-key="${rescinded.eventId}"]`).waitFor();
    expect(await page.locator('tr[data-row-key="c04-warn"]').innerText()).toContain('被撤销');
    // The sanction is shown rescinded on the card and offers no more appeal or rescission.
    expect(await page.locator('.ant-card').first().innerText()).toContain('已撤销');
    expect(await page.locator('tr[data-row-key="c04-warn"]').getByTestId('event-actions').count()).toBe(0);
    await page.goto(`${county.api().baseUrl}/reports/appeals`);
    const row = page.locator('tr', { hasText: 'AP04' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/已决|延长期内|逾期作出/);
  }, 150_000);
});

describe('two tabs on the same cadre', () => {
  it('tab A, stale after tab B wrote, is told of the conflict; after 刷新后重试 its entry is recorded and nothing is lost', async () => {
    const a = await open(county.api().tokens.ADMIN, '/record');
    const b = await open(county.api().tokens.ADMIN, '/record');
    await fillTraining(a, 'C02', '2021-03-01', 'A 第一次培训');
    await recordButton(a).click();
    expect(await outcome(a)).toContain('已录入');
    await fillTraining(b, 'C02', '2021-04-01', 'B 的培训');
    await recordButton(b).click();
    expect(await outcome(b)).toContain('已录入');
    await a.getByLabel('培训项目').fill('A 第二次培训');
    await setDate(a, '生效日期', '2021-05-01');
    await recordButton(a).click();
    const conflict = await textOf(a, 'conflict');
    expect(conflict).toContain('其他新录入');
    await a.getByRole('button', { name: /刷新后重试/ }).click();
    await a.getByTestId('conflict').waitFor({ state: 'detached' });
    expect(await a.getByLabel('培训项目').inputValue()).toBe('A 第二次培训');
    await recordButton(a).click();
    expect(await outcome(a)).toContain('已录入');
    const trainings = (await history('C02')).filter((e) => e.type === 'TrainingCompleted').map((e) => e.data.programme).sort();
    expect(trainings).toEqual(['A 第一次培训', 'A 第二次培训', 'B 的培训'].sort());
  }, 120_000);
});

describe('a correction made in the web app, seen as known at an earlier instant', () => {
  it('a training retracted from the timeline is, as known before the retraction, counted and not marked 已撤回', async () => {
    await post('/v1/cadres/C03/events', { id: 'c03-train', type: 'TrainingCompleted', effectiveDate: '2022-05-01', data: { programme: '乡镇书记轮训', level: 'COUNTY' } });
    await new Promise((r) => setTimeout(r, 1500));
    const before = new Date(Date.now() - 500).toISOString();
    const page = await open(county.api().tokens.ADMIN, '/cadres/C03?asOf=2024-06-30');
    await page.locator('tr[data-row-key="c03-train"]').getByRole('link', { name: '撤回', exact: true }).click();
    await page.getByLabel('撤回原因').fill('重复录入');
    await recordButton(page).click();
    expect(await textOf(page, 'recorded')).toMatch(/^已录入/);
    await page.goto(`${county.api().baseUrl}/cadres/C03?asOf=2024-06-30`);
    await page.locator('tr[data-row-key="c03-train"]').getByText('已撤回').waitFor();
    const nowCount = Number(await textOf(page, 'history-in-effect'));
    await page.goto(`${county.api().baseUrl}/cadres/C03?asOf=2024-06-30&knownAt=${encodeURIComponent(before)}&asKnown=1`);
    const row = page.locator('tr[data-row-key="c03-train"]');
    await row.getByText('此后撤回').waitFor();
    const thenCount = Number(await textOf(page, 'history-in-effect'));
    // The training counts then and its link to the retraction says the retraction came later (此后录入); the
    // retraction, which acts once known whatever its date, counts now in its place: one for one.
    expect({ tags: await row.locator('.ant-tag').allInnerTexts(), more: thenCount - nowCount }).toEqual({ tags: ['此后撤回', '此后录入'], more: 0 });
    expect(await row.textContent()).not.toContain('已撤回');
    // Reload on the deep URL keeps the comparison.
    await page.reload();
    await page.locator('tr[data-row-key="c03-train"]').getByText('此后撤回').waitFor();
  }, 120_000);
});
