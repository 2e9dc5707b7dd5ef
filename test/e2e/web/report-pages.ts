/**
 * The ten measures' report pages in Chromium (called from web-app.spec.ts, over its county and
 * API): each page's headline numbers equal the API's answer for the same parameters, which itself
 * parses with the answer's documented schema; the report's own parameters are labelled form
 * fields that change the question; a screenshot of each at 1280×800.
 */
import type { Page } from 'playwright-core';
import type { z } from 'zod';
import type { Role } from '@ledger/auth';
import * as schemas from '../../../apps/api/src/reports/report-schemas';
import { go, screenshot, waitForText } from './browser';

export interface WebContext {
  open(role: Role | null, width?: number, height?: number): Promise<Page>;
  get(path: string, role?: Role): Promise<any>;
}

type Answer = any;

/** Each report: its API query, schema, and the count its page shows first (and per table). */
export const REPORT_PAGES: {
  name: string;
  query: string;
  schema: z.ZodType;
  count(a: Answer): number;
  tables?: Record<string, (a: Answer) => number>;
  figures?: Record<string, (a: Answer) => number>;
}[] = [
  {
    name: 'team-composition',
    query: 'asOf',
    schema: schemas.teamCompositionSchema,
    count: (a) => a.townships.length,
    tables: { members: (a) => a.townships.reduce((n: number, t: Answer) => n + t.members.length, 0), county: (a) => a.county.checks.length },
    figures: { 'figure-failed': (a) => [...a.townships.flatMap((t: Answer) => t.checks), ...a.county.checks].filter((c: Answer) => !c.passed && !c.advisory).length },
  },
  {
    name: 'promotion-pool',
    query: 'asOf',
    schema: schemas.promotionPoolSchema,
    count: (a) => a.secretaryExperienced.length,
    tables: { appointments: (a) => a.chiefAppointments.length, graduates: (a) => a.priorityGraduates.length },
    figures: { 'figure-serving': (a) => a.servingSecretaries },
  },
  { name: 'training', query: 'year', schema: schemas.trainingSchema, count: (a) => a.missing.length, tables: { postings: (a) => a.temporaryPostings.postings.length } },
  { name: 'department-ratings', query: 'year', schema: schemas.departmentRatingsSchema, count: (a) => a.departments.length },
  { name: 'recommendations', query: 'asOf', schema: schemas.recommendationsSchema, count: (a) => a.recommendations.length, figures: { 'figure-appointed': (a) => a.recommendations.filter((r: Answer) => r.outcome).length } },
  { name: 'secretary-seats', query: 'asOf', schema: schemas.secretarySeatsSchema, count: (a) => a.secretaries.length, figures: { 'figure-without-seat': (a) => a.secretaries.filter((s: Answer) => !s.passed).length } },
  { name: 'focus-ledger', query: 'asOf', schema: schemas.focusLedgerSchema, count: (a) => a.entries.length },
  {
    name: 'reminder-talks',
    query: 'year',
    schema: schemas.reminderTalksSchema,
    count: (a) => a.townships.reduce((n: number, t: Answer) => n + Math.max(1, t.chiefs.length), 0),
    figures: { 'figure-not-held': (a) => a.townships.reduce((n: number, t: Answer) => n + t.chiefs.filter((c: Answer) => !c.remindedByCountyLeader).length, 0) },
  },
  { name: 'talks', query: 'year', schema: schemas.talksSchema, count: (a) => a.missing.length + a.held.length, figures: { 'figure-missing': (a) => a.missing.length } },
  { name: 'health-checks', query: 'year', schema: schemas.healthChecksSchema, count: (a) => a.missing.length, figures: { 'figure-held': (a) => a.held.length } },
];

export function reportPageTests(ctx: () => WebContext, asOf: string): void {
  const year = Number(asOf.slice(0, 4)) - 1;

  it('every report page of the ten measures shows the API’s numbers, names beside ids and evidence event ids', async () => {
    const { open, get } = ctx();
    const page = await open('ORG_DEPT');
    for (const r of REPORT_PAGES) {
      const answer = await get(`/v1/reports/${r.name}?${r.query === 'asOf' ? `asOf=${asOf}` : `year=${year}`}`, 'ORG_DEPT');
      expect({ name: r.name, parsed: r.schema.safeParse(answer).success }).toEqual({ name: r.name, parsed: true });
      await go(page, `/reports/${r.name}?asOf=${asOf}`);
      const expected = String(r.count(answer));
      expect({ name: r.name, shown: await waitForText(page, 'report-count', expected) }).toEqual({ name: r.name, shown: expected });
      for (const [key, count] of Object.entries(r.tables ?? {})) {
        expect({ name: r.name, key, shown: await waitForText(page, `report-count-${key}`, String(count(answer))) }).toEqual({ name: r.name, key, shown: String(count(answer)) });
      }
      for (const [testId, value] of Object.entries(r.figures ?? {})) {
        expect({ name: r.name, testId, shown: await waitForText(page, testId, String(value(answer))) }).toEqual({ name: r.name, testId, shown: String(value(answer)) });
      }
      if (Number(expected) > 0) {
        // The first row names its cadre or township beside the id, and its evidence where the table has it.
        const row = page.locator('table tbody tr.ant-table-row').first();
        await row.waitFor();
        expect(await row.innerText()).toMatch(/[\u4e00-\u9fff]+（[A-Za-z0-9-]+）/);
      }
      await screenshot(page, `report-${r.name}`);
    }
  });

  it('a report’s parameters are labelled form fields that change the question (year, township)', async () => {
    const { open, get } = ctx();
    const page = await open('AUDITOR');
    const all = await get(`/v1/reports/talks?year=${year}`, 'AUDITOR');
    const township: string = [...all.missing, ...all.held][0].orgUnitId;
    await go(page, `/reports/talks?asOf=${asOf}`);
    await waitForText(page, 'report-count', String(all.missing.length + all.held.length));
    await page.getByLabel('乡镇', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `（${township}）` }).click();
    const one = await get(`/v1/reports/talks?year=${year}&township=${township}`, 'AUDITOR');
    expect(await waitForText(page, 'report-count', String(one.missing.length + one.held.length))).toBe(String(one.missing.length + one.held.length));
    expect(new URL(page.url()).searchParams.get('township')).toBe(township);

    const earlier = await get(`/v1/reports/talks?year=${year - 1}&township=${township}`, 'AUDITOR');
    await page.getByLabel('年度').fill(String(year - 1));
    await page.getByLabel('年度').press('Enter');
    expect(await waitForText(page, 'report-count', String(earlier.missing.length + earlier.held.length))).toBe(String(earlier.missing.length + earlier.held.length));
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(year - 1));

    // A year in the link that is none is said, the default year listed (found 2026-12-04: silently replaced).
    for (const bad of ['abc', '20250']) {
      await go(page, `/reports/talks?asOf=${asOf}&year=${bad}`);
      const said = `链接中的年度“${bad}”不是四位数的年份，下面按默认年度 ${year} 年列出。`;
      expect(await waitForText(page, 'report-year-unreadable', said)).toBe(said);
      expect(await page.getByLabel('年度').inputValue()).toBe(String(year));
    }
    await go(page, `/reports/talks?asOf=${asOf}&year=${year}`);
    // The same count as the default year's: wait for the warning to go, not for the count.
    await page.getByTestId('report-year-unreadable').waitFor({ state: 'detached' });
    await waitForText(page, 'report-count', String(all.missing.length + all.held.length));

    // The findings take a rule (or its prefix) like `findings --rule`.
    const tm3 = await get(`/v1/findings?asOf=${asOf}&rule=TM3`, 'AUDITOR');
    expect(tm3.findings.length).toBeGreaterThan(0);
    await go(page, `/reports/findings?asOf=${asOf}`);
    await page.getByLabel('规则').fill('TM3');
    await page.getByLabel('规则').press('Enter');
    expect(await waitForText(page, 'report-count', String(tm3.findings.length))).toBe(String(tm3.findings.length));
  });
}

/** Every role opens every report page: the ones it may read show their title, the others a Chinese refusal; the menu offers only the former. */
export function reportAccessTests(ctx: () => WebContext, asOf: string, titles: Record<string, string>): void {
  it('each role sees exactly the report pages its capabilities allow, in the menu and by URL', async () => {
    const { open, get } = ctx();
    for (const role of ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'] as const) {
      const me = await get('/v1/me', role);
      const may = (me.capabilities as string[]).includes('readReports');
      const page = await open(role);
      const menu = (await page.getByRole('menu', { name: '主菜单' }).innerText()).split('\n').map((t) => t.trim());
      for (const r of REPORT_PAGES) {
        expect({ role, report: r.name, inMenu: menu.includes(titles[r.name]!) }).toEqual({ role, report: r.name, inMenu: may });
        // ORG_DEPT and ADMIN open every report page in the tests above; the others open them here.
        if (role === 'ORG_DEPT' || role === 'ADMIN') continue;
        await go(page, `/reports/${r.name}?asOf=${asOf}`);
        if (may) await page.getByRole('heading', { level: 3, name: titles[r.name]! }).waitFor();
        else await page.getByText('无权访问').waitFor();
      }
      if (may) expect(menu).toContain('十项措施报表');
    }
  });
}
