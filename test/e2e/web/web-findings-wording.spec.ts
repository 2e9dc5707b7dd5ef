/**
 * The web app's findings page says what the CLI says (bothChiefsAdjustedZh). Both chiefs of a 镇
 * adjusted on one date: 党委书记与镇长同日调整（TM4）, the head named by the unit; found by a review,
 * the page wrote the generic 党委书记与乡镇长同日调整（TM4）.
 */
import { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, command, removeFromPost } from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { ensureWebBuild, go, launchChromium, signIn } from './browser';

let api: ApiHarness;
let browser: Browser;

const person = (cadreId: string, name: string): CareerCommand =>
  command('CadreRegistered', { cadreId }, '2000-01-01', { name, gender: 'M', birthDate: '1975-05-01' as CalendarDate, education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }, { id: `reg-${cadreId}` });

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_findings_wording');
  const commands: CareerCommand[] = [
    command('OrgUnitRegistered', { orgUnitId: 'T1' }, '2000-01-01', { name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1 }, { id: 'reg-T1' }),
    person('C1', '张三'),
    person('C2', '李四'),
    person('C3', '王五'),
    person('C4', '赵六'),
    appoint('C1', '2010-03-01', 'T1', 'PARTY_SECRETARY', { id: 'c1-sec' }),
    appoint('C2', '2010-03-01', 'T1', 'HEAD', { id: 'c2-head' }),
    removeFromPost('C1', '2020-06-01', 'T1', 'PARTY_SECRETARY', { id: 'c1-out' }),
    removeFromPost('C2', '2020-06-01', 'T1', 'HEAD', { id: 'c2-out' }),
    appoint('C3', '2020-06-01', 'T1', 'PARTY_SECRETARY', { id: 'c3-sec' }),
    appoint('C4', '2020-06-01', 'T1', 'HEAD', { id: 'c4-head' }),
  ];
  const result = await importNdjson(Readable.from(commands.map((c) => `${JSON.stringify(c)}\n`)), api.ledger.store, () => '2026-11-30' as CalendarDate, { actor: 'ADMIN:cli:review' });
  expect(result.rejected).toEqual([]);
  await waitForProjections(api.db, 60_000);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

it('the findings page names the head of a 镇 镇长 in the TM4 both-chiefs finding, as the CLI does', async () => {
  const cli = await runCli(['findings', '--rule', 'TM4', '--as-of', '2025-01-01'], { DATABASE_URL: api.db.url });
  expect(cli.stdout).toContain('党委书记与镇长同日调整（TM4）');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    await signIn(page, api.baseUrl, api.tokens.ORG_DEPT);
    await go(page, '/reports/findings?asOf=2025-01-01&rule=TM4');
    const row = page.locator('.ant-layout-content tbody tr.ant-table-row').filter({ hasText: '同日调整' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    expect(text).toContain('福店镇');
    expect(text).toContain('党委书记与镇长同日调整');
  } finally {
    await context.close();
  }
});
