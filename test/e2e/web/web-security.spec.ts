/**
 * Stored XSS in the web app (found by a security review, 2026-12-05). The cadre timeline's Gantt chart (任职经历甘特图,
 * apps/web/src/pages/cadre-timeline.tsx ganttOption) gives ECharts a tooltip formatter that
 * returns HTML built from the org unit's registered name (`${p.value[3]}<br/>…`), and ECharts
 * renders a formatter's string as HTML. A CLERK (who may register org units) names a unit
 * `<img src=x onerror=…>`; the first ORG_DEPT / AUDITOR / ADMIN who hovers a post of that unit on
 * any cadre's timeline runs the script in the app's origin, where the bearer token sits in
 * sessionStorage and no Content-Security-Policy stops inline handlers. The script can read the
 * token and act as that role (e.g. ADMIN: adopt policy, write any event).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { ensureWebBuild, launchChromium, signInByStorage } from './browser';

declare const window: any;
declare const document: any;
declare const sessionStorage: any;

describe('web app: text from the ledger never runs as script', () => {
  let api: ApiHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi('web_security');
    const payload = '<img src=x onerror="window.__stolen=JSON.stringify(sessionStorage)">';
    // Planted by a CLERK: recordCareerEvents covers org-unit registrations.
    const asClerk = async (path: string, body: object) => expect((await api.request('POST', path, { role: 'CLERK', body })).status).toBe(201);
    await asClerk('/v1/org-units/T66/events', { id: 'reg-T66', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: payload, kind: 'TOWNSHIP' } });
    await asClerk('/v1/cadres/C66/events', {
      id: 'reg-C66',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '王五', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await asClerk('/v1/cadres/C66/events', { id: 'c66-staff', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T66', role: 'STAFF' } });
    await waitForProjections(api.db, 60_000);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  it('hovering a post in the Gantt chart of a cadre timeline does not run script from the unit name (an ADMIN token would leak)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    await signInByStorage(page, api.tokens.ADMIN);
    await page.goto(`${api.baseUrl}/cadres/C66`);
    const canvas = page.locator('[aria-label="任职经历甘特图"] canvas').first();
    await canvas.waitFor({ timeout: 30_000 });
    const box = (await canvas.boundingBox())!;
    // The single bar spans 2010 → today across the grid (left 170, right 24, top 10, bottom 30).
    let tooltipShown = false;
    for (const fx of [0.5, 0.7, 0.9, 0.3]) {
      await page.mouse.move(box.x + 170 + (box.width - 194) * fx, box.y + 10 + (box.height - 40) / 2);
      await page.waitForTimeout(600);
      tooltipShown = await page.evaluate(() => [...document.querySelectorAll('div')].some((d: any) => (d.innerText ?? '').includes('2010-01-01 起')));
      if (tooltipShown) break;
    }
    expect(tooltipShown).toBe(true); // the hover reached the bar
    const stolen = await page.evaluate(() => window.__stolen ?? null);
    const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"]').length);
    expect({ scriptRan: stolen !== null, injectedImg: injected, stolen }).toEqual({ scriptRan: false, injectedImg: 0, stolen: null });
  });

  it('(defence in depth) the web app is served with a Content-Security-Policy that forbids inline script handlers', async () => {
    const response = await fetch(`${api.baseUrl}/cadres/C66`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy');
    // Defence in depth for the finding above: a policy such as `script-src 'self'` would have stopped the onerror handler.
    expect(csp).not.toBeNull();
    const scriptSrc = /(?:^|;)\s*script-src([^;]*)/.exec(csp ?? '')?.[1] ?? /(?:^|;)\s*default-src([^;]*)/.exec(csp ?? '')?.[1] ?? '*';
    expect(scriptSrc).not.toMatch(/unsafe-inline|\*/);
  });

  it('a chart whose code cannot be downloaded (a tab opened before a release) leaves a notice in its place, and the page stands (found by a review of the lazily loaded chart)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/assets/echarts-*.js', (route) => route.abort('connectionrefused'));
    await signInByStorage(page, api.tokens.ADMIN);
    await page.goto(`${api.baseUrl}/cadres/C66`);
    await page.getByText('图表未能加载，请刷新页面重试').waitFor({ timeout: 30_000 });
    expect(await page.getByText('王五').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('signed-in-as').count()).toBe(1);
  });

  it('the API documentation (/docs) renders Swagger UI under its own policy, which no page may frame (found by a security review: no header at all)', async () => {
    const response = await fetch(`${api.baseUrl}/docs`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${api.baseUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(refused).toEqual([]);
  });
});
