/**
 * A demanding department user's walk through the web app over a small generated county (a review of
 * 2026-12-05): links with conditions that are none, a form switched to another kind of entry, the
 * posts named as their units name them, checks made once per person. Each test failed before its fix.
 */
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@ledger/auth';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { importAllLines } from '../../support/import-lines';
import { waitForProjections } from '../../support/projections';
import { chooseOption, ensureWebBuild, go, launchChromium, pageInSharedContext, signIn } from './browser';

describe('web app: links, forms and names a department user meets', () => {
  let api: ApiHarness;
  let browser: Browser;

  async function open(role: Role, width = 1280): Promise<Page> {
    const page = await pageInSharedContext(browser, { viewport: { width, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, api.baseUrl, api.tokens[role]);
    return page;
  }

  /** The text of the page's error alert once it is shown. */
  async function alertText(page: Page): Promise<string> {
    const alert = page.locator('.ant-layout-content .ant-alert-error').first();
    await alert.waitFor({ timeout: 20_000 });
    return (await alert.innerText()).trim();
  }

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_review_findings');
    const county = [...generateCounty({ townships: 2, years: 8, seed: 7, endYear: 2025 })];
    await importAllLines(api, county, '2025-12-31');
    await waitForProjections(api.db, 90_000);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('the roster opened with a 职务, 职级, page size or page in its link that is none says so in Chinese and lists by the rest, never raw codes or “NaN”', async () => {
    const page = await open('ORG_DEPT');
    for (const [link, said] of [
      ['/cadres?role=FOO', '职务“FOO”'],
      ['/cadres?rank=BAD', '职级“BAD”'],
      ['/cadres?pageSize=abc', '每页条数“abc”'],
      ['/cadres?role=FOO&page=0', '职务“FOO”、页码“0”'],
    ] as const) {
      await go(page, link);
      const warning = `链接中的${said}无法识别，已略去，下面按其余条件列出。`;
      await page.getByTestId('roster-unreadable').filter({ hasText: warning }).waitFor();
      await page.getByTestId('roster-table').locator('tbody tr.ant-table-row').first().waitFor();
      const text = await page.locator('.ant-layout-content').innerText();
      expect({ link, codes: /PARTY_SECRETARY|INSPECTOR_1|CLERK_1|NaN/.test(text), error: await page.locator('.ant-layout-content .ant-alert-error').count() }).toEqual({ link, codes: false, error: 0 });
    }
  });

  it('the findings opened with a rule that is none (?rule=XYZ) say so and list every finding, not 34 bare rule ids', async () => {
    const page = await open('ORG_DEPT');
    await go(page, '/reports/findings?asOf=2025-12-31');
    const all = await page.getByTestId('report-count').innerText();
    await go(page, '/reports/findings?asOf=2025-12-31&rule=XYZ');
    await page.getByTestId('report-rule-unknown').filter({ hasText: '没有编号为“XYZ”的规则，已略去，下面列出全部提示。' }).waitFor();
    await page.getByTestId('report-count').filter({ hasText: all }).waitFor();
    expect(await page.locator('.ant-layout-content .ant-alert-error').count()).toBe(0);
    expect(await page.getByLabel('规则').inputValue()).toBe('XYZ');
  });

  it('the candidates opened with a cycle that is none (?cycle=garbage) say the fault once, without the API’s field name “cycle：”', async () => {
    const page = await open('ORG_DEPT');
    await go(page, '/candidates?cycle=garbage');
    const text = await alertText(page);
    expect(text).toMatch(/评选周期/);
    expect(text).not.toMatch(/cycle：/);
    expect(text.split('须为 1900–2999 年间的五年周期').length - 1).toBe(1);
  });

  it('an unreadable “按当时所知” time in the link is said without the English parameter name (字段：knownAt)', async () => {
    const page = await open('ORG_DEPT');
    await go(page, '/eligibility?knownAt=2025-13-01');
    const warning = page.locator('.ant-alert', { hasText: '“按当时所知”时间无法识别' }).first();
    await warning.waitFor();
    expect(await warning.innerText()).not.toMatch(/knownAt/);
  });

  it('switching the kind of entry does not carry one form’s choice, as its raw code, into another form’s field (免去职务原因 END_OF_TERM → 撤回原因, 撤销原因); a field both forms share is kept', async () => {
    const page = await open('ADMIN');
    await go(page, '/record');
    await page.getByLabel('干部编号').waitFor();
    await chooseOption(page, '事项', '免去职务');
    await page.getByLabel('干部编号').fill('C000004');
    await chooseOption(page, '免去职务原因', '任期届满');
    // The clerk picked the wrong kind of entry: they switch to a retraction.
    await chooseOption(page, '事项', '撤回记录');
    await page.getByLabel('撤回原因').waitFor();
    expect(await page.getByLabel('撤回原因').inputValue()).toBe('');
    // … or to a rescission, whose 撤销原因 has no such option.
    await chooseOption(page, '事项', '撤销处分或组织处理');
    const rescission = page.locator('.ant-form-item', { has: page.getByLabel('撤销原因', { exact: true }) });
    await rescission.waitFor();
    expect(await rescission.innerText()).not.toMatch(/END_OF_TERM|任期届满/);
    expect(await page.getByLabel('干部编号').inputValue()).toBe('C000004');
  });

  it('the team composition says whose the two chiefs’ experience checks are: two tags reading alike cannot be told apart without hovering', async () => {
    const page = await open('ORG_DEPT');
    await go(page, '/reports/team-composition?asOf=2025-12-31');
    const row = page.locator('.ant-table-row', { hasText: '柳山镇' }).first();
    await row.locator('.ant-tag', { hasText: '党政正职的乡镇领导工作经历或乡镇工作经历' }).first().waitFor();
    const tags = (await row.locator('.ant-tag').allInnerTexts()).map((t) => t.trim());
    const chiefTags = tags.filter((t) => t.startsWith('党政正职的乡镇领导工作经历或乡镇工作经历'));
    expect(chiefTags.length).toBe(2);
    expect(new Set(chiefTags).size).toBe(2);
  });

  it('the record form names the post by the unit chosen: the head of 双江县财政局 is offered as 局长, of a 乡 as 乡长, with none chosen as any unit’s', async () => {
    const page = await open('ADMIN');
    const roleItem = (label: string) => page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });
    /** The choices the field offers, read until they include `wanted` (a list still drawing reads empty) or 5 s passed. */
    const offered = async (label: string, wanted: string[]) => {
      // The unit field's list may still be closing: its options are no choices of this field.
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      await page.getByLabel(label, { exact: true }).click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      let texts: string[] = [];
      for (let i = 0; i < 50 && !wanted.every((w) => texts.includes(w)); i++) {
        if (i > 0) await page.waitForTimeout(100);
        texts = (await options.allInnerTexts()).map((t) => t.trim());
      }
      await page.keyboard.press('Escape');
      return texts;
    };
    await page.goto(`${api.baseUrl}/record?type=AppointedToPost&cadreId=C000004&orgUnitId=D003&role=HEAD`);
    await page.getByTestId('org-unit-name-hint').filter({ hasText: '双江县财政局' }).waitFor();
    expect((await roleItem('职务').innerText()).replace('职务', '').trim()).toBe('局长');
    expect(await offered('职务', ['局长', '副局长', '党委书记'])).toEqual(expect.arrayContaining(['局长', '副局长', '党委书记']));
    await page.getByLabel('单位编号').fill('T0002');
    await page.getByTestId('org-unit-name-hint').filter({ hasText: '平堡乡' }).waitFor();
    expect((await roleItem('职务').innerText()).replace('职务', '').trim()).toBe('乡长');
    await page.getByLabel('单位编号').fill('');
    await page.keyboard.press('Escape');
    expect(await offered('职务', ['乡镇长、局长'])).toEqual(expect.arrayContaining(['乡镇长、局长']));
  });
});
