/**
 * The record page sending again (作为新的一条录入) and reading ids typed full width (event ids as typed),
 * full-width ids), the findings page's optional year, the TM8 report's wording under a policy asking two a year,
 * the timeline's withheld tenure. Driven in Chromium over an isolated API.
 */
import type { Browser, Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import type { Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { chooseOption, ensureWebBuild, launchChromium, pageInSharedContext, signInByStorage, textOf } from './browser';
import { outcome, setDate } from './record-page';

let api: ApiHarness;
let browser: Browser;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

async function open(role: Role, path: string): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInByStorage(page, api.tokens[role]);
  await page.goto(`${api.baseUrl}${path}`);
  return page;
}
const post = (path: string, body: unknown, role?: Role) => api.write(path, body, role);
async function history(cadreId: string): Promise<any[]> {
  const h = await api.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' });
  expect(h.status).toBe(200);
  return h.body.events;
}
const submitButton = (page: Page) => page.locator('form button[type=submit]');
const content = (page: Page) => page.locator('.ant-layout-content').innerText();

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_sending_again');
  await registerTownshipAndCadre(api); // T01 青山镇, C1 李四
  for (const [id, name] of [['C2', '王五'], ['C3', '赵六'], ['C4', '钱七']]) {
    await post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1982-05-01', education } });
  }
  await post('/v1/cadres/C1/events', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C1/events', { id: 'c1-sec-end', type: 'RemovedFromPost', effectiveDate: '2023-03-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'OTHER' } });
  await post('/v1/cadres/C2/events', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2023-03-11', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await post('/v1/cadres/C4/events', { id: 'c4-mem', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_PARTY_SECRETARY' } });
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('findings page: the optional year', () => {
  it('a link whose year is unreadable (?year=abc) says what is listed: not “按默认年度 N 年” while every year is listed and the year field is left empty', async () => {
    const all = await api.request('GET', '/v1/findings?asOf=2025-06-01', { role: 'ORG_DEPT' });
    const of2024 = await api.request('GET', '/v1/findings?asOf=2025-06-01&year=2024', { role: 'ORG_DEPT' });
    expect(all.body.findings.length).not.toBe(of2024.body.findings.length);
    const page = await open('ORG_DEPT', '/reports/findings?asOf=2025-06-01&year=abc');
    const alert = await textOf(page, 'report-year-unreadable');
    const count = await textOf(page, 'report-count');
    await page.waitForTimeout(500);
    const field = await page.locator('#report-year').inputValue();
    const claims2024 = alert.includes('2024');
    // What the alert says is listed is what is listed.
    expect({ alert, field, count }).toEqual({
      alert,
      field: claims2024 ? '2024' : '',
      count: String(claims2024 ? of2024.body.findings.length : all.body.findings.length),
    });
  }, 90_000);

  it('a link with year=2022, then the year field cleared, lists the findings of every year (as GET /v1/findings without year)', async () => {
    const all = await api.request('GET', '/v1/findings?asOf=2025-06-01', { role: 'ORG_DEPT' });
    const page = await open('ORG_DEPT', '/reports/findings?asOf=2025-06-01&year=2022');
    await textOf(page, 'report-count');
    const field = page.locator('#report-year');
    await field.click();
    for (let i = 0; i < 4; i++) await field.press('Backspace');
    await field.press('Tab');
    await page.waitForTimeout(1_500);
    const count = await textOf(page, 'report-count');
    const url = new URL(page.url());
    const warned = await page.getByTestId('report-year-unreadable').count();
    expect({ year: url.searchParams.get('year'), count, field: await field.inputValue(), warned }).toEqual({
      year: null,
      count: String(all.body.findings.length),
      field: '',
      warned: 0,
    });
  }, 90_000);
});

describe('TM8 under a policy asking two a year', () => {
  beforeAll(async () => {
    const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    await post('/v1/policy/versions', {
      id: 'pv-2',
      version: '2',
      effectiveFrom: '2023-01-01',
      description: '谈心谈话每年2次、体检每年2次',
      settings: { ...defaults.settings, care: { talksPerYear: 2, healthChecksPerYear: 2 } },
    });
    await post('/v1/cadres/C4/events', { id: 'c4-hc-1', type: 'HealthCheckCompleted', effectiveDate: '2024-05-01', data: {} });
  });

  it('a cadre with one health check of the two asked is not listed as 未体检 (the report says checks short of the number)', async () => {
    const r = await api.request('GET', '/v1/reports/health-checks?year=2024', { role: 'ORG_DEPT' });
    expect(r.body.required).toBe(2);
    const line = r.body.missing.find((m: any) => m.cadreId === 'C4');
    expect(line?.checks).toBe(1);
    const page = await open('ORG_DEPT', '/reports/health-checks?year=2024');
    await textOf(page, 'report-count');
    const text = await content(page);
    const saidUnchecked = text.match(/[^\n]*未体检[^\n]*/g) ?? [];
    expect({ saidUnchecked }).toEqual({ saidUnchecked: [] });
  }, 90_000);
});

describe('timeline: withheld tenure', () => {
  it('an appeals officer (no queryDecisions) is told the tenure is withheld, not shown nothing', async () => {
    const page = await open('APPEALS_OFFICER', '/cadres/C4?asOf=2025-06-01');
    const said = await textOf(page, 'tenure-withheld');
    expect(said).toContain('不向您的角色显示');
  }, 60_000);
});

describe('record page: ids typed full width', () => {
  it('an appeal id typed full width (ＡＰ１) in the decision form is recorded on AP1', async () => {
    await post('/v1/cadres/C3/events', { id: 'c3-warn', type: 'SanctionImposed', effectiveDate: '2024-01-10', data: { sanctionId: 'S3', kind: 'WARNING', grounds: '违反规定' } });
    await post('/v1/appeals/AP1/events', {
      id: 'ap1-filed',
      type: 'AppealFiled',
      effectiveDate: '2024-01-20',
      data: { appealId: 'AP1', cadreId: 'C3', targetEventId: 'c3-warn', stage: 'REVIEW', grounds: '处分过重', learnedOfDecisionDate: '2024-01-12' },
    });
    const page = await open('APPEALS_OFFICER', '/record');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.AppealDecided);
    await page.getByLabel('复核或申诉编号').fill('ＡＰ１');
    await setDate(page, '生效日期', '2024-02-20');
    await chooseOption(page, '决定结果', '驳回');
    await page.getByLabel('决定理由').fill('理由不成立');
    await submitButton(page).click();
    const said = await outcome(page);
    expect(said).toMatch(/已录入.*复核或申诉 AP1/s);
  }, 90_000);

  it('an event id holding full-width characters, as the timeline shows it, typed into 撤回对象 retracts that event and not another one', async () => {
    // Event ids are any text (eventIdSchema accepts 事件-1): full width is another id, not the same one.
    await post('/v1/cadres/C3/events', { id: 'ＴＲ-1', type: 'TrainingCompleted', effectiveDate: '2024-03-01', data: { programme: '县委党校春季班', level: 'COUNTY' } });
    await post('/v1/cadres/C3/events', { id: 'TR-1', type: 'TrainingCompleted', effectiveDate: '2024-04-01', data: { programme: '县委党校秋季班', level: 'COUNTY' } });
    const page = await open('ADMIN', '/record');
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.EntryRetracted);
    await page.getByLabel('干部编号').fill('C3');
    await setDate(page, '生效日期', '2024-05-01');
    await page.getByLabel('撤回对象（事件编号，见干部履历）').fill('ＴＲ-1');
    await page.getByLabel('撤回原因').fill('重复录入');
    await submitButton(page).click();
    const said = await outcome(page);
    const retracted = (await history('C3')).filter((e) => e.type === 'EntryRetracted').map((e) => e.data.targetEventId);
    expect({ said, retracted }).toEqual({ said: expect.stringContaining('已录入'), retracted: ['ＴＲ-1'] });
  }, 90_000);
});

describe('record page: a write that got no answer on a record this page wrote before', () => {
  async function trainingForm(page: Page, programme: string) {
    await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
    await page.getByLabel('干部编号').fill('C2');
    await setDate(page, '生效日期', '2024-06-01');
    await page.getByLabel('培训项目').fill(programme);
    await chooseOption(page, '培训级别', '县级');
  }
  async function lostAnswer(page: Page) {
    let dropped = false;
    await page.route('**/v1/cadres/C2/events', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('failed');
    });
    await submitButton(page).click();
    expect(await textOf(page, 'record-failed')).toContain('无法确认是否已录入');
    await page.unroute('**/v1/cadres/C2/events');
  }

  it('clicking 录入 again, unchanged, as the page advises, is answered 此前已录入 (not a stale-revision conflict)', async () => {
    const page = await open('ADMIN', '/record');
    await trainingForm(page, '乡村振兴专题班');
    await submitButton(page).click();
    expect(await textOf(page, 'recorded')).toContain('新录入');
    await page.getByLabel('培训项目').fill('基层治理专题班');
    await lostAnswer(page);
    await submitButton(page).click();
    await page.waitForTimeout(1_000);
    const said = await outcome(page);
    const stored = (await history('C2')).filter((e) => e.type === 'TrainingCompleted' && e.data.programme === '基层治理专题班').length;
    expect({ said, stored }).toEqual({ said: expect.stringContaining('此前已录入'), stored: 1 });
  }, 90_000);

  it('the form corrected and sent again is said as an id already recorded (not someone else’s write); 作为新的一条录入 double-clicked records one new entry', async () => {
    const page = await open('ADMIN', '/record');
    await trainingForm(page, '党性教育专题班');
    await submitButton(page).click();
    expect(await textOf(page, 'recorded')).toContain('新录入');
    await page.getByLabel('培训项目').fill('党史学习班（初稿）');
    await lostAnswer(page);
    await page.getByLabel('培训项目').fill('党史学习班');
    await submitButton(page).click();
    await page.waitForTimeout(1_000);
    const first = await outcome(page);
    let viaReload = '';
    if (await page.getByTestId('conflict').count()) {
      await page.getByRole('button', { name: /刷新后重试/ }).click();
      await page.getByTestId('conflict').waitFor({ state: 'detached' });
      await submitButton(page).click();
      viaReload = await outcome(page);
    }
    const button = page.getByRole('button', { name: '作为新的一条录入' });
    const offered = (await button.count()) > 0;
    if (offered) {
      await button.dblclick();
      await page.waitForTimeout(2_000);
    }
    const after = offered ? await outcome(page) : '';
    const programmes = (await history('C2')).filter((e) => e.type === 'TrainingCompleted' && e.data.programme.startsWith('党史学习班')).map((e) => e.data.programme);
    expect({ first, claimsSomeoneElseWrote: first.includes('其他新录入的事件'), viaReload: viaReload === '' || viaReload.includes('此前已经录入'), after, programmes: programmes.sort() }).toEqual({
      first: expect.stringContaining('此前已经录入'),
      claimsSomeoneElseWrote: false,
      viaReload: true,
      after: expect.stringContaining('新录入'),
      programmes: ['党史学习班', '党史学习班（初稿）'],
    });
  }, 120_000);
});
