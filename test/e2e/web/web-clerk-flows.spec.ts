/**
 * (A review, 2026-12-05) the record page (录入履历事项) as a clerk, an ADMIN and an appeals
 * officer use it every day, driven in Chromium over an isolated API. The failing tests are defects.
 */
import type { Browser } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, SignedInPages, textOf } from './browser';
import { outcome, recordButton, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;
const pages = new SignedInPages(() => browser, () => api.baseUrl);
const open = (token: string, path = '/record') => pages.open(token, path);
const post = (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN' = 'ADMIN') => api.write(path, body, role);
const history = (cadreId: string) => api.historyEvents(cadreId);

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_clerk');
  browser = await launchChromium();
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '新丰镇', kind: 'TOWNSHIP' } });
  await post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education } });
  await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1980-04-01', education } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C2/events', { id: 'c2-head', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T02', role: 'HEAD' } });
}, 240_000);
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await api?.close();
});

describe('record page: refusals and conflicts', () => {
  // Pin (passes): a P2 refusal says the holder by name, what to do, and keeps what was typed.
  it('an appointment to an occupied secretary post is refused with P2 in Chinese, the holder named, and the form keeps what was typed', async () => {
    const page = await open(api.tokens.CLERK);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppointedToPost);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2020-06-01');
    await page.getByLabel('单位编号', { exact: true }).fill('T01');
    await page.keyboard.press('Escape');
    await chooseOption(page, '职务', '党委书记');
    await recordButton(page).click();
    const refusal = await textOf(page, 'refusal');
    expect(refusal).toContain('（P2）');
    expect(refusal).toContain('王五（C1）');
    expect(refusal).toContain('请先录入现任者在该日或之前免去职务');
    expect([await page.getByLabel('干部编号').inputValue(), await page.getByLabel('单位编号', { exact: true }).inputValue(), await page.getByLabel('生效日期').inputValue()]).toEqual(['C2', 'T01', '2020-06-01']);
  }, 60_000);

  it('an ADMIN who decides an appeal with its remedy (撤销处分) can record the next entry on the same cadre without being told someone else wrote meanwhile (409)', async () => {
    const page = await open(api.tokens.ADMIN);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.SanctionImposed);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2023-06-01');
    await page.getByLabel('处分或组织处理编号').fill('S9');
    await chooseOption(page, '处分或组织处理种类', '政务处分：警告');
    await page.getByLabel('事由').fill('据举报');
    await recordButton(page).click();
    await textOf(page, 'recorded');
    const sanctionEventId = (await history('C2')).find((e) => e.type === 'SanctionImposed').eventId;

    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealFiled);
    await page.getByLabel('复核或申诉编号').fill('AP1');
    await page.getByLabel('提出人（干部编号）').fill('C2');
    await page.getByLabel('复核或申诉对象（事件编号）').fill(sanctionEventId);
    await chooseOption(page, '阶段', '复核');
    await page.getByLabel('理由', { exact: true }).fill('系诬告');
    await setDate(page, '生效日期', '2023-06-10');
    await setDate(page, '知悉决定日期', '2023-06-05');
    await recordButton(page).click();
    await textOf(page, 'recorded');

    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('AP1');
    await setDate(page, '生效日期', '2023-07-01');
    await chooseOption(page, '决定结果', '成立');
    await page.getByLabel('决定理由').fill('举报不实');
    await chooseOption(page, '纠正措施', '撤销处分或组织处理');
    await recordButton(page).click();
    await textOf(page, 'recorded');

    // Nobody else has written: the only other event on C2 is the rescission this same form wrote with the decision.
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2023-08-01');
    await page.getByLabel('培训项目').fill('党校秋季班');
    await chooseOption(page, '培训级别', '县级');
    await recordButton(page).click();
    expect(await outcome(page)).toContain('已录入');
  }, 90_000);

  it('a double click on 录入 records the training once and says it was newly recorded (not “此前已录入”)', async () => {
    const page = await open(api.tokens.CLERK);
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C1');
    await setDate(page, '生效日期', '2024-03-01');
    await page.getByLabel('培训项目').fill('春训双击');
    await chooseOption(page, '培训级别', '县级');
    await recordButton(page).dblclick();
    await textOf(page, 'recorded');
    // Long enough for a second answer (ALREADY_STORED) to have replaced the first, had the second click been sent.
    await page.waitForTimeout(1_000);
    const stored = (await history('C1')).filter((e) => e.data?.programme === '春训双击').length;
    expect({ stored, said: (await page.getByTestId('recorded').innerText()).includes('新录入') }).toEqual({ stored: 1, said: true });
  }, 60_000);
});

describe('record page: appeals (N5)', () => {
  it('a late filing (learned 2024-01-12, filed 2024-06-10: past the 30 days) is flagged where it is recorded and on the timeline, and the appellant is named', async () => {
    await post('/v1/cadres/C1/events', { id: 'c1-demerit', type: 'SanctionImposed', effectiveDate: '2024-01-10', data: { sanctionId: 'S2', kind: 'DEMERIT', grounds: '违反规定' } });
    const page = await open(api.tokens.APPEALS_OFFICER, '/cadres/C1');
    await page.locator('#event-c1-demerit').getByRole('link', { name: '提出复核或申诉' }).click();
    await page.getByTestId('prefilled').waitFor();
    await page.getByLabel('复核或申诉编号').fill('AP9');
    await chooseOption(page, '阶段', '复核');
    await page.getByLabel('理由', { exact: true }).fill('处分过重');
    await setDate(page, '生效日期', '2024-06-10');
    await setDate(page, '知悉决定日期', '2024-01-12');
    await recordButton(page).click();
    // The flag comes from the appeals list, asked once the filing is recorded.
    await page.getByTestId('recorded').getByTestId('filed-late').waitFor();
    const confirmation = await textOf(page, 'recorded');
    const timeline = await open(api.tokens.APPEALS_OFFICER, '/cadres/C1');
    await timeline.getByTestId('history-count').waitFor();
    await timeline.locator('tr', { hasText: 'AP9' }).first().getByTestId('filed-late').waitFor();
    const row = await timeline.locator('tr', { hasText: 'AP9' }).first().innerText();
    expect({
      confirmation,
      row,
      confirmationFlagsLate: confirmation.includes('逾期'),
      confirmationNamesAppellant: confirmation.includes('王五'),
      timelineFlagsLate: row.includes('逾期'),
    }).toEqual({ confirmation, row, confirmationFlagsLate: true, confirmationNamesAppellant: true, timelineFlagsLate: true });
  }, 90_000);
});
