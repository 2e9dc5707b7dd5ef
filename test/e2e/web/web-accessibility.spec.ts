/**
 * The web app's usability and accessibility (a review, 2026-12-05): apps/web for daily use by organization-department staff:
 * page titles, keyboard use, labels on every record form, table headers, text alternatives of
 * charts, colour not the only signal, layout at 768 px, the 404 page, back/forward of the view.
 */
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@ledger/auth';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { ApiTokenRepository } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { importAllLines } from '../../support/import-lines';
import { waitForProjections } from '../../support/projections';
import { ensureWebBuild, go, horizontalOverflow, launchChromium, pageInOwnContext, pageInSharedContext, signIn, unlabelledControls } from './browser';

declare const document: any;
const AS_OF = '2025-12-31';
const LONG_NAME = '欧阳'.padEnd(40, '长名字测试'); // a long (40-character) Chinese name

let api: ApiHarness;
let browser: Browser;

async function open(role: Role, path: string, width = 1280, height = 900): Promise<Page> {
  const page = await pageInSharedContext(browser, { viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signIn(page, api.baseUrl, api.tokens[role]);
  await go(page, path);
  await page.locator('h3, .ant-result-title').first().waitFor();
  await settle(page);
  return page;
}

async function settle(page: Page) {
  await page.waitForTimeout(200);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

let cadreId = '';

beforeAll(async () => {
  ensureWebBuild();
  api = await startApi('web_accessibility');
  const county = [...generateCounty({ townships: 3, years: 8, seed: 7, endYear: 2025 })];
  const extra = [
    {
      id: 'long-name',
      type: 'CadreRegistered',
      cadreId: 'CLONG',
      effectiveDate: '2020-01-01',
      data: { name: LONG_NAME, gender: 'F', birthDate: '1990-05-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    },
  ];
  await importAllLines(api, [...county, ...extra], AS_OF);
  await waitForProjections(api.db, 90_000);
  const elig = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ADMIN' });
  cadreId = elig.body.cadres[0].cadreId;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('motion', () => {
  /**
   * The classes of an animation under way (antd's `…-enter-start/-active`, `…-appear-start/-active`,
   * the click ripple) that elements took while the 事项 list was opened. Without motion antd still
   * marks the list `…-appear-prepare` for a moment, then shows it: no animated phase.
   */
  async function motionWhileOpeningASelect(reducedMotion: 'reduce' | 'no-preference'): Promise<string[]> {
    const page = await pageInOwnContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion });
    try {
      await signIn(page, api.baseUrl, api.tokens.CLERK);
      await go(page, '/record');
      await page.getByLabel('事项', { exact: true }).waitFor();
      await page.evaluate(() => {
        const seen: string[] = [];
        const note = (el: any) => {
          const cls = typeof el?.className === 'string' ? el.className : '';
          if (/-(enter|appear)-(start|active)\b|wave-motion/.test(cls)) seen.push(cls);
        };
        new (globalThis as any).MutationObserver((changes: any[]) => {
          for (const change of changes) {
            note(change.target);
            for (const added of change.addedNodes) [added, ...(added.querySelectorAll?.('*') ?? [])].forEach(note);
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        (globalThis as any).motionSeen = seen;
      });
      await page.getByLabel('事项', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible').waitFor();
      await page.waitForTimeout(600); // longer than antd's slowest menu motion (0.3 s)
      return await page.evaluate(() => (globalThis as any).motionSeen as string[]);
    } finally {
      await page.context().close();
    }
  }

  it('a user whose system asks for reduced motion gets lists and dialogs without animation; everyone else keeps them', async () => {
    const reduced = await motionWhileOpeningASelect('reduce');
    const usual = await motionWhileOpeningASelect('no-preference');
    expect(reduced).toEqual([]);
    expect(usual.some((cls) => /ant-slide-up-appear-active/.test(cls))).toBe(true);
  });
});

describe('page titles (document.title) name the page in Chinese', () => {
  it('each page’s browser tab title names the page (干部名册, 录入履历事项, 合规提示…, 页面不存在), not only the app', async () => {
    const page = await open('ADMIN', `/cadres?asOf=${AS_OF}`);
    const seen: Record<string, string> = {};
    for (const [path, expected] of [
      ['/cadres', '干部名册'],
      ['/record', '录入履历事项'],
      ['/candidates', '推荐人选'],
      ['/no-such-page', '页面不存在'],
    ] as const) {
      await go(page, path);
      await page.locator('h3, .ant-result-title').first().waitFor();
      // The title follows the route once its page has rendered: waited for, not a fixed pause (a
      // loaded machine read the last page's title after 300 ms). A title that never comes still fails below.
      await page.waitForFunction((want) => document.title.includes(want), expected, { timeout: 5_000 }).catch(() => undefined);
      const title = await page.title();
      seen[path] = title.includes(expected) ? 'ok' : `“${title}” lacks ${expected}`;
    }
    expect(seen).toEqual({ '/cadres': 'ok', '/record': 'ok', '/candidates': 'ok', '/no-such-page': 'ok' });
  });
});

describe('the 404 page', () => {
  it('an unknown route says the page does not exist and offers a way back to the app’s first page (768 px: the menu is folded away)', async () => {
    const page = await open('ORG_DEPT', `/eligibilty?asOf=${AS_OF}`, 768);
    await expect(page.locator('.ant-result-title').innerText()).resolves.toContain('页面不存在');
    const ways = await page.locator('.ant-result a, .ant-result button').count();
    expect({ linksOrButtonsOn404: ways }).toEqual({ linksOrButtonsOn404: 1 });
  });
});

describe('keyboard alone', () => {
  it('Tab from the top of a page reaches the menu’s pages and the header’s 截至日期; each stop shows a visible focus mark', async () => {
    const page = await open('ORG_DEPT', `/eligibility?asOf=${AS_OF}`);
    await page.evaluate(() => document.activeElement?.blur());
    const stops: { tag: string; text: string; visible: boolean }[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          const s = (globalThis as any).getComputedStyle(el);
          const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
          // antd's pickers show focus on their wrapper
          const wrapper = el.closest('.ant-picker, .ant-select, .ant-input-affix-wrapper');
          const wrapperFocused = wrapper ? wrapper.className.includes('focused') || (globalThis as any).getComputedStyle(wrapper).boxShadow !== 'none' : false;
          return { tag: el.tagName.toLowerCase(), text: (el.innerText || el.getAttribute('aria-label') || el.id || '').slice(0, 20), visible: Boolean(visible || wrapperFocused) };
        }),
      );
    }
    const texts = stops.map((s) => s.text);
    expect(texts.some((t) => t.includes('干部名册'))).toBe(true);
    expect(texts).toContain('view-as-of');
    expect(stops.filter((s) => !s.visible)).toEqual([]);
  });

  it('the header’s 截至日期 is changed with the keyboard alone (type a date, Enter), and browser back and forward restore the view in the URL and the picker', async () => {
    const page = await open('ORG_DEPT', `/eligibility?asOf=${AS_OF}`);
    const picker = page.locator('#view-as-of');
    await picker.focus();
    // On a loaded machine the field was once put back to its date while the characters were typed
    // ("2025-12-3112-31"): typed again, as a user would, up to three times, then it must read right.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('2024-12-31');
      if ((await picker.inputValue()) === '2024-12-31') break;
    }
    expect(await picker.inputValue()).toBe('2024-12-31');
    await page.keyboard.press('Enter');
    // Generous waits: this checks that the URL follows, not how fast (a loaded two-core CI machine took over 5 s).
    await page.waitForURL(/asOf=2024-12-31/, { timeout: 20_000 });
    await page.goBack();
    await page.waitForURL(/asOf=2025-12-31/, { timeout: 20_000 });
    await settle(page);
    expect(await picker.inputValue()).toBe('2025-12-31');
    await page.goForward();
    await page.waitForURL(/asOf=2024-12-31/, { timeout: 20_000 });
    await settle(page);
    expect(await picker.inputValue()).toBe('2024-12-31');
  });
});

describe('record page by keyboard', () => {
  it('the 事项 select opens with the keyboard, an arrow and Enter choose another kind of entry, and its form is shown', async () => {
    const page = await open('ADMIN', '/record');
    const field = page.getByLabel('事项', { exact: true });
    await field.focus();
    const before = (await page.locator('.ant-form-item').first().innerText()).trim();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown:visible').waitFor({ timeout: 5_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    const after = (await page.locator('.ant-form-item').first().innerText()).trim();
    expect(after).not.toBe(before);
  });
});

describe('labels on every form of the record page', () => {
  it('for every event type, each field’s label finds exactly its control (getByLabel) and no control is unlabelled', async () => {
    const page = await open('ADMIN', '/record');
    const problems: string[] = [];
    for (const type of Object.keys(EVENT_TYPE_NAMES_ZH)) {
      await go(page, '/cadres');
      await page.locator('h3').first().waitFor();
      await go(page, `/record?type=${type}`);
      await page.locator('h3').first().waitFor();
      await page.waitForTimeout(150);
      const chosen = (await page.locator('.ant-form-item').first().innerText()).trim();
      if (!chosen.includes((EVENT_TYPE_NAMES_ZH as Record<string, string>)[type]!)) {
        continue; // not a type the page offers (checked elsewhere)
      }
      const labels = await page.locator('.ant-form-item-label > label').allInnerTexts();
      for (const raw of labels) {
        const label = raw.replace(/[：:*\s]+$/, '').trim();
        if (!label) continue;
        const n = await page.getByLabel(label, { exact: true }).count();
        if (n !== 1) problems.push(`${type}: “${label}” → ${n} controls`);
      }
      for (const u of await unlabelledControls(page)) problems.push(`${type}: unlabelled ${u}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('tables, charts and tags', () => {
  const pagesToCheck = () => ['/eligibility', `/eligibility/${cadreId}`, '/candidates', '/cadres', `/cadres/${cadreId}`, '/reports/findings', '/reports/appeals', '/reports/team-composition', '/reports/promotion-pool', '/reports/training', '/reports/talks', '/reports/health-checks', '/reports/secretary-seats'];

  it('every table has column headers with text', async () => {
    const page = await open('ADMIN', `/eligibility?asOf=${AS_OF}`);
    const bad: string[] = [];
    for (const path of pagesToCheck()) {
      await go(page, `${path}?asOf=${AS_OF}`);
      await page.locator('h3').first().waitFor();
      await settle(page);
      const r = await page.evaluate(() =>
        [...document.querySelectorAll('table')]
          .filter((t: any) => t.getClientRects().length > 0 && !t.closest('.ant-picker-dropdown, .ant-descriptions'))
          .map((t: any) => ({ where: `${t.parentElement?.className} < ${t.closest('[data-testid]')?.getAttribute('data-testid')} rows=${t.querySelectorAll('tr').length} first=${(t.innerText ?? '').slice(0, 40)}`, ths: [...t.querySelectorAll('thead th')].filter((th: any) => th.innerText.trim() !== '' || th.getAttribute('aria-label')).length, rows: t.querySelectorAll('tbody tr').length })),
      );
      r.forEach((t: any, i: number) => {
        if (t.ths === 0) bad.push(`${path} table ${i}: no header (${t.where})`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('the findings and appeals charts, whose figures (per township and kind; per appeal state) no text on the page gives, have a text alternative carrying those figures, not only the chart’s title', async () => {
    const page = await open('ADMIN', `/eligibility?asOf=${AS_OF}`);
    const found: Record<string, string> = {};
    for (const path of ['/reports/findings', '/reports/appeals']) {
      await go(page, `${path}?asOf=${AS_OF}`);
      await page.locator('h3').first().waitFor();
      await settle(page);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('[role=img]')]
          .filter((c: any) => !c.classList.contains('anticon') && (c.querySelector('canvas') || c.getAttribute('aria-label')?.includes('图')))
          .map((c: any) => {
            const described = (c.getAttribute('aria-describedby') ?? '')
              .split(' ')
              .map((id: string) => document.getElementById(id)?.innerText ?? '')
              .join(' ');
            return `${c.getAttribute('aria-label') ?? ''} ${described} ${c.innerText ?? ''}`.trim();
          }),
      );
      // A text alternative with the chart's data has digits (counts, years); the title alone has none.
      for (const c of charts) found[`${path}: ${c.slice(0, 30)}`] = /\d/.test(c) ? 'has data' : 'title only';
    }
    expect(Object.keys(found).length).toBeGreaterThan(0);
    expect(Object.entries(found).filter(([, v]) => v !== 'has data')).toEqual([]);
  });

  it('tags that signal a state (符合/不符合, 逾期, 已撤回…) carry words, not colour alone', async () => {
    const page = await open('ADMIN', `/eligibility?asOf=${AS_OF}`);
    const empty: string[] = [];
    for (const path of pagesToCheck()) {
      await go(page, `${path}?asOf=${AS_OF}`);
      await page.locator('h3').first().waitFor();
      await settle(page);
      const n = await page.evaluate(() => [...document.querySelectorAll('.ant-tag, .ant-badge-status-dot')].filter((t: any) => t.getClientRects().length > 0 && (t.innerText ?? '').trim() === '' && !t.getAttribute('aria-label') && !(t.parentElement?.innerText ?? '').trim()).length);
      if (n > 0) empty.push(`${path}: ${n} wordless tags`);
    }
    expect(empty).toEqual([]);
  });
});

describe('layout at 768 px with a long Chinese name', () => {
  it('the roster, the timeline and the record page of a cadre with a 40-character name do not scroll the whole page sideways', async () => {
    const page = await open('ADMIN', `/cadres?asOf=${AS_OF}`, 768);
    const overflow: Record<string, number> = {};
    for (const path of [`/cadres?asOf=${AS_OF}&q=${encodeURIComponent('欧阳')}`, `/cadres/CLONG?asOf=${AS_OF}`, `/eligibility/CLONG?asOf=${AS_OF}`, '/record?type=TrainingCompleted&cadreId=CLONG']) {
      await go(page, path);
      await page.locator('h3').first().waitFor();
      await settle(page);
      await page.waitForTimeout(500);
      overflow[path] = await horizontalOverflow(page);
    }
    expect(Object.values(overflow).every((v) => v === 0) ? {} : overflow).toEqual({});
  });
});

describe('sign-in', () => {
  async function blank(): Promise<Page> {
    return pageInSharedContext(browser, { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  }
  async function tryToken(page: Page, token: string): Promise<string> {
    await page.goto(`${api.baseUrl}/signin`);
    await page.getByLabel('访问令牌').fill(token);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    return (await page.getByTestId('sign-in-error').innerText({ timeout: 10_000 })).trim();
  }

  it('a revoked token and an expired token are each refused in clear Chinese, the expired one said to be expired', async () => {
    const repo = new ApiTokenRepository(api.db.sql);
    const revoked = await repo.issue('ORG_DEPT', '已吊销', 'test');
    await repo.revoke(revoked.tokenId);
    const expired = await repo.issue('ORG_DEPT', '已过期', 'test', 1);
    await new Promise((r) => setTimeout(r, 50));
    const page = await blank();
    const revokedText = await tryToken(page, revoked.token);
    const expiredText = await tryToken(page, expired.token);
    expect(revokedText).toMatch(/吊销/);
    expect(expiredText).toMatch(/过期/);
    expect(expiredText).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('a session whose token expires while in use is sent back to sign-in with a word that the token expired, not a bare sign-in form', async () => {
    const repo = new ApiTokenRepository(api.db.sql);
    const page = await blank();
    // The token must outlive the sign-in, which a loaded machine has taken over 6 s to finish: a
    // sign-in refused because the token ran out first is tried again with a token living twice as long.
    let expiresAt = 0;
    for (let lifetimeMs = 6_000; !expiresAt; lifetimeMs *= 2) {
      const shortLived = await repo.issue('ORG_DEPT', '短期', 'test', lifetimeMs);
      await page.goto(`${api.baseUrl}/signin`);
      await page.getByLabel('访问令牌').fill(shortLived.token);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const outcome = await Promise.race([
        page.getByTestId('signed-in-as').waitFor().then(() => 'signed in' as const),
        page.getByTestId('sign-in-error').waitFor().then(() => 'refused' as const),
      ]);
      if (outcome === 'signed in') {
        expiresAt = Date.parse(shortLived.expiresAt);
        continue;
      }
      const refusal = await page.getByTestId('sign-in-error').innerText();
      if (!/过期/.test(refusal) || lifetimeMs > 60_000) throw new Error(`a token living ${lifetimeMs} ms was refused at sign-in: ${refusal}`);
    }
    // expiresAt is whole seconds, rounded down: the token lives until the next second starts.
    await page.waitForTimeout(Math.max(0, expiresAt + 1_000 - Date.now()) + 500);
    await go(page, `/cadres?asOf=${AS_OF}`);
    await page.getByLabel('访问令牌').waitFor({ timeout: 15_000 });
    const body = await page.locator('body').innerText();
    expect(body).toMatch(/过期/);
  });

  it('a deep link (findings as of 2020-06-30) opened before signing in is where the user lands after signing in, with its view', async () => {
    const page = await blank();
    await page.goto(`${api.baseUrl}/reports/findings?asOf=2020-06-30`);
    await page.getByLabel('访问令牌').fill(api.tokens.ORG_DEPT);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.waitForTimeout(500);
    const url = new URL(page.url());
    expect(`${url.pathname}${url.search}`).toBe('/reports/findings?asOf=2020-06-30');
  });
});
