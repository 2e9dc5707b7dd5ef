/**
 * Browser helpers for the web app's end-to-end tests: Debian's Chromium driven by playwright-core
 * (no browser download), signing in by pasting a token, page checks shared by every page (labels
 * on form fields, no horizontal overflow), and screenshots for docs/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

// Browser globals for the functions run in the page (this program's lib is Node's, not the DOM's).
declare const document: any;
declare const CSS: { escape(s: string): string };
type HTMLElement = any;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(__dirname, '../../../docs/screenshots');

/** `npm test` builds the app before jest; a lone `npx jest` run builds it here when missing or stale. */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/ensure-web-build.js')], { stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (see .ci/run)`);
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  // --process-per-site: a context's tabs on the app share one renderer process, kept alive between
  // tests by a page left open (`pageInSharedContext`); see there for what it saves.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN', '--process-per-site'] });
  // Every page without antd's animations (the app honours prefers-reduced-motion): ≈ 10 % less CPU
  // on two cores, and no click lands on a list still sliding in. A context may ask for motion.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options?: BrowserContextOptions) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
}

/**
 * Signs the page in without the sign-in form: the token is put where the sign-in form puts it
 * (sessionStorage, apps/web/src/api/client.ts) before the app's first script runs, once per tab, so
 * a sign-out stays signed out. The app still checks the token with the API on load. Specs that test
 * the sign-in form itself use `signIn`; the rest save the form's page load (a second parse of the app).
 */
export async function signInByStorage(page: Page, token: string): Promise<void> {
  await page.addInitScript((t: string) => {
    const storage = (globalThis as any).sessionStorage;
    if (storage.getItem('e2e.seeded') !== null) return;
    storage.setItem('e2e.seeded', '1');
    storage.setItem('ledger.token', t);
  }, token);
}

const sharedContexts = new WeakMap<Browser, Map<string, Promise<BrowserContext>>>();
const pagesOfTest = new WeakMap<BrowserContext, { test: string | undefined; pages: Page[] }>();

/**
 * A new page in the browser context a spec's tests share when they ask for the same options
 * (closed with the browser). A context of its own compiles the app's code afresh for every page;
 * shared, its cache serves the second page on: the renderer's CPU per test fell by 60 % on two
 * cores (web-record-forms, 56 → 22 s). Safe because the app keeps all its state in the tab's
 * sessionStorage: a test that changes the whole context (its clock, its routes) opens its own.
 * The pages an earlier test opened are closed when the next test opens its first: tabs left open
 * behind would take the window's focus from the test's own (a date picker opens on focus).
 */
export async function pageInSharedContext(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  let byOptions = sharedContexts.get(browser);
  if (!byOptions) sharedContexts.set(browser, (byOptions = new Map()));
  const key = JSON.stringify(options);
  let pending = byOptions.get(key);
  if (!pending) {
    const created = browser.newContext(options);
    byOptions.set(key, (pending = created));
    // A test that closes the context itself ends the sharing: the next test gets a new one.
    void created.then((c) => c.on('close', () => byOptions.get(key) === created && byOptions.delete(key)), () => byOptions.delete(key));
  }
  const context = await pending;
  const test = expect.getState().currentTestName;
  let opened = pagesOfTest.get(context);
  if (opened?.test !== test) {
    await keepSiteProcess(context, opened?.pages ?? []);
    for (const earlier of opened?.pages ?? []) await earlier.close().catch(() => undefined);
    pagesOfTest.set(context, (opened = { test, pages: [] }));
  }
  const page = await context.newPage();
  opened!.pages.push(page);
  await page.bringToFront();
  return page;
}

const keepers = new WeakSet<BrowserContext>();

/**
 * Before the earlier test's pages close: a page of the context left open on the app's site (its
 * small /health answer), so that the site's renderer process outlives them and the next test's
 * pages load into it (--process-per-site) instead of starting a process of their own. Starting one
 * is dear on these VMs: a fresh tab's first load took 3.3 s of Chromium's CPU in a new process and
 * 1.4 s in a live one; the browser specs of `npm test` 1,267 → 1,034 CPU-s (AMD EPYC, 2026-12-06).
 */
async function keepSiteProcess(context: BrowserContext, earlier: readonly Page[]): Promise<void> {
  if (keepers.has(context)) return;
  const onSite = earlier.map((p) => p.url()).find((url) => url.startsWith('http'));
  if (!onSite) return;
  keepers.add(context);
  const keeper = await context.newPage();
  await keeper.goto(new URL('/health', onSite).href).catch(() => undefined);
}

/** A new page in a browser context of its own (closed with the browser), for a test that changes the whole context: its clock. */
export async function pageInOwnContext(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/**
 * The pages a spec opens, in the spec's shared browser context (zh-CN, Beijing time, 1280 × 900)
 * and signed in with a token, closed together by `closeAll` (afterAll). `browser` and `baseUrl` are
 * read when a page is opened: a spec sets them up in beforeAll.
 */
export class SignedInPages {
  private readonly pages: Page[] = [];
  constructor(
    private readonly browser: () => Browser,
    private readonly baseUrl: () => string,
  ) {}

  async newPage(): Promise<Page> {
    const page = await pageInSharedContext(this.browser(), { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    this.pages.push(page);
    return page;
  }

  /** A new page signed in with `token` (without the form), at `path`. */
  async open(token: string, path: string): Promise<Page> {
    const page = await this.newPage();
    await signInByStorage(page, token);
    await page.goto(`${this.baseUrl()}${path}`);
    return page;
  }

  async closeAll(): Promise<void> {
    for (const page of this.pages.splice(0)) await page.close().catch(() => undefined);
  }
}

/** Every form control has a label (label[for], aria-label or aria-labelledby); returns the ones that do not. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll('input:not([type=hidden]), textarea, select, [role=combobox], [role=switch]')] as HTMLElement[];
    return controls
      .filter((c) => c.offsetParent !== null || c.getClientRects().length > 0)
      .filter((c) => {
        if (c.getAttribute('aria-label') || c.getAttribute('aria-labelledby')) return false;
        if (c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`)) return false;
        if (c.closest('label')) return false;
        // antd's Select search input sits inside the combobox that carries the label's id.
        const owner = c.closest('.ant-select');
        const ownerInput = owner?.querySelector('input[id]');
        if (ownerInput && ownerInput !== c && document.querySelector(`label[for="${CSS.escape(ownerInput.id)}"]`)) return false;
        // antd's pagination size changer and table filters carry their own aria attributes on a wrapper.
        if (c.closest('.ant-pagination')) return false;
        return true;
      })
      .map((c) => c.outerHTML.slice(0, 160));
  });
}

/** Width the page needs beyond the viewport (0 when nothing overflows sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * What the collapsed menu's floating toggle covers, among the header's controls and the page's
 * title (none when the menu is not collapsed, i.e. no toggle is shown).
 */
export async function coveredByMenuToggle(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toggle = document.querySelector('.ant-layout-sider-zero-width-trigger');
    if (!toggle) return [];
    const t = toggle.getBoundingClientRect();
    const targets = [...document.querySelectorAll('.ant-layout-header label, .ant-layout-header .ant-picker, .ant-layout-header .ant-tag, .ant-layout-header button, .ant-layout-content h3')];
    return targets
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom;
      })
      .map((el) => `${el.tagName.toLowerCase()}: ${(el as HTMLElement).innerText.slice(0, 20)}`);
  });
}

/**
 * A page's charts are drawn after its first paint, from a file fetched then (`Chart`, common.tsx):
 * on a loaded machine a picture taken at once showed their empty box (eligibility.png of a fresh
 * clone's run, 2026-12-06). Waits up to 10 s for each to hold its canvas, or its notice.
 */
async function chartsDrawn(page: Page): Promise<void> {
  await page
    .waitForFunction(() => [...document.querySelectorAll('div[role=img][aria-label]')].every((chart: HTMLElement) => chart.querySelector('canvas, .ant-alert') !== null), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await chartsDrawn(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the text of a test id element equals `expected` (pages load asynchronously). */
export async function textOf(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId).first();
  await el.waitFor();
  return (await el.innerText()).trim();
}

/** Client-side navigation (the app's router), so a page change does not reload and re-parse the app. */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    (globalThis as any).history.pushState({}, '', to);
    (globalThis as any).dispatchEvent(new (globalThis as any).PopStateEvent('popstate'));
  }, path);
}

/** The text of a test id element once it equals `expected` (or the last text seen at the deadline, for the assertion to show). */
export async function waitForText(page: Page, testId: string, expected: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await page.getByTestId(testId).first().innerText({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')).trim();
    if (seen === expected) return seen;
    await page.waitForTimeout(100);
  }
  return seen;
}

/**
 * Opens the select and picks the option. On a loaded machine (the full suite on 2 cores) the
 * dropdown once stayed in a state where its option never became clickable for 30 s; closing it and
 * opening it again is what a user would do, so the pick is tried up to three times.
 */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${option}$`) });
  const field = page.getByLabel(label, { exact: true });
  // A click while the dropdown is still opening can land without choosing: the field shows the option once chosen.
  const chosen = field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]').filter({ hasText: option });
  // The dropdown of the field chosen before may still be closing (its options visible): wait it out,
  // or an option of the same name in it is a second match.
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  for (let attempt = 1; ; attempt++) {
    await field.click();
    try {
      await choice.click({ timeout: 10_000 });
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
