/**
 * The frame: the menu of what the role may open, and the header's view pickers (as of a date, as
 * known at an instant) whose values live in the URL.
 */
import { Alert, Button, DatePicker, Layout, Menu, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAnswersAskedAgainOnNavigation } from './api/freshness';
import { PAGES, type PageEntry } from './page-list';
import { useSession } from './session';
import { ACTOR_ROLE_NAMES_ZH } from './vocabulary';
import { isInstant, isoToShanghaiWallTime, isRealDate, shanghaiWallTimeToIso, useView } from './view';

/** antd's lg breakpoint, below which the Sider collapses (its `screen and (max-width: 991.98px)`). */
const NARROW = 'screen and (max-width: 991.98px)';
/** The drawer's width: wide enough for the app's name beside the toggle, and for most menu titles whole. */
const NARROW_MENU_WIDTH = 248;

export function AppLayout({ children }: { children: ReactNode }) {
  const { me, can, signOut } = useSession();
  const { asOf, knownAt, setView, search } = useView();
  const location = useLocation();
  useAnswersAskedAgainOnNavigation();
  const pages = PAGES.filter((p) => p.inMenu && p.needs.some(can));
  const selected = pages.find((p) => location.pathname.startsWith(p.path))?.path;
  // Below antd's lg breakpoint (768 px tablets) the menu is a drawer over the page, shut until its
  // toggle opens it, shut again once a page is chosen. It was a column beside the page: opened, it
  // pushed the page into ≈ 550 px, stayed open after a choice, and its toggle then sat on the
  // header's 截至日期 (found by a web review). Read before the first paint, so no frame shows it open.
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  const [menuCollapsed, setMenuCollapsed] = useState(narrow);
  const menuOver = narrow && !menuCollapsed;
  useEffect(() => {
    if (narrow) setMenuCollapsed(true);
  }, [location.pathname, narrow]);
  useEffect(() => {
    if (!menuOver) return;
    const shut = (e: KeyboardEvent) => e.key === 'Escape' && setMenuCollapsed(true);
    window.addEventListener('keydown', shut);
    return () => window.removeEventListener('keydown', shut);
  }, [menuOver]);
  // The record page answers for no date: the view's pickers would do nothing there (a clerk, whose
  // only page it is, was offered them).
  const viewless = location.pathname.startsWith('/record');
  // A date typed into a header picker that does not exist (2024-02-30): antd puts the last date
  // back without a word (found walking the app), so the page says what was not taken.
  // It belongs to the page it was typed on: another page shows none (found by a web review: the
  // notice followed the user from page to page), and coming back does not bring it back.
  const [untaken, setUntaken] = useState<{ label: string; text: string; kept: string; path: string } | null>(null);
  useEffect(() => {
    setUntaken((u) => (u && u.path !== location.pathname ? null : u));
  }, [location.pathname]);
  const shownUntaken = untaken?.path === location.pathname ? untaken : null;
  const checkTyped = (label: string, withTime: boolean, kept: string) => (event: React.FocusEvent<HTMLElement>) => {
    const text = (event.target as HTMLInputElement).value.trim();
    setUntaken(text === '' || isRealDate(text, withTime) ? null : { label, text: text.slice(0, 30), kept, path: location.pathname });
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={narrow ? NARROW_MENU_WIDTH : 208}
        theme="light"
        collapsed={menuCollapsed}
        onCollapse={setMenuCollapsed}
        onBreakpoint={setNarrow}
        // Narrow, the menu lies over the page, which keeps its width: opened, pinned to the window
        // above the mask; shut, at the page's top, so that its toggle scrolls away with the header
        // rather than float over the page's text.
        style={{ borderRight: '1px solid #f0f0f0', ...(narrow ? { position: menuOver ? 'fixed' : 'absolute', insetBlockStart: 0, insetInlineStart: 0, height: '100vh', zIndex: 1001 } : {}) }}
        // Shut, the toggle floats at the page's top left, in the header's first line, whose left edge
        // is kept free for it (never over the pickers, the signed-in role or a page's title); open,
        // it sits inside the menu's top right corner, beside the app's name, over nothing of the page.
        zeroWidthTriggerStyle={menuOver ? { top: 8, insetInlineEnd: 8, borderRadius: 6 } : { top: 8 }}
        // A button inside antd's toggle, which is a bare span: Tab reaches it and Enter or Space opens
        // and shuts the menu (found by a layout review: at 768 px the menu could not be opened from the
        // keyboard); its click reaches the span's own handler, which toggles.
        trigger={
          <button type="button" aria-label={menuCollapsed ? '打开主菜单' : '关闭主菜单'} aria-expanded={!menuCollapsed} style={{ background: 'transparent', border: 'none', color: 'inherit', font: 'inherit', cursor: 'pointer', width: '100%', height: '100%', padding: 0 }}>
            ☰
          </button>
        }
      >
        {/* Shut at 0 px, its links are out of sight: out of the Tab order too, so Tab reaches the toggle first. */}
        <div style={{ height: '100%', overflowY: narrow ? 'auto' : undefined }} inert={narrow && menuCollapsed}>
          <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 15, color: '#b71c1c' }}>乡镇领导干部履历台账</div>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menuItems(pages, search)}
            aria-label="主菜单"
            // The page already open, chosen again, shuts the drawer too.
            onClick={() => narrow && setMenuCollapsed(true)}
          />
        </div>
      </Layout.Sider>
      {menuOver && <div data-testid="menu-mask" aria-hidden onClick={() => setMenuCollapsed(true)} style={{ position: 'fixed', inset: 0, zIndex: 1000, background: 'rgba(0, 0, 0, 0.45)' }} />}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: `8px 16px 8px ${narrow ? 56 : 16}px`, height: 'auto', lineHeight: 'normal', borderBottom: '1px solid #f0f0f0' }}>
          <Space wrap size="middle" style={{ width: '100%', justifyContent: 'space-between' }}>
            {viewless ? (
              <span />
            ) : (
              <Space wrap>
                <label htmlFor="view-as-of">截至日期</label>
                <DatePicker
                  id="view-as-of"
                  allowClear={false}
                  // Only a real date: dayjs read 2025-02-30 as 2025-03-02 and "garbage" as "Invalid Date"
                  // (found by a review); the text of the URL is shown as it is, and the page says why it is refused.
                  value={isRealDate(asOf, false) ? dayjs(asOf) : null}
                  placeholder={isRealDate(asOf, false) ? undefined : `${asOf.slice(0, 20)}（无效日期）`}
                  onChange={(d) => {
                    setUntaken(null);
                    if (d) setView({ asOf: d.format('YYYY-MM-DD') });
                  }}
                  onBlur={checkTyped('截至日期', false, asOf)}
                />
                <label htmlFor="view-known-at">按当时所知</label>
                <DatePicker
                  id="view-known-at"
                  showTime
                  placeholder="现在（全部已录入）"
                  value={knownAt && isInstant(knownAt) ? dayjs(isoToShanghaiWallTime(knownAt)) : null}
                  onChange={(d) => {
                    setUntaken(null);
                    setView({ knownAt: d ? shanghaiWallTimeToIso(d.format('YYYY-MM-DD HH:mm:ss')) : null });
                  }}
                  onBlur={checkTyped('按当时所知', true, knownAt && isInstant(knownAt) ? isoToShanghaiWallTime(knownAt) : '现在（全部已录入）')}
                />
                <Typography.Text type="secondary">北京时间</Typography.Text>
              </Space>
            )}
            <Space>
              {me && (
                <span data-testid="signed-in-as">
                  <Tag color="red">{ACTOR_ROLE_NAMES_ZH[me.role] ?? me.role}</Tag>
                  {me.name}
                </span>
              )}
              <Button onClick={signOut}>退出</Button>
            </Space>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          {shownUntaken && (
            <Alert
              type="warning"
              showIcon
              closable
              onClose={() => setUntaken(null)}
              style={{ marginBottom: 16 }}
              data-testid="untaken-date"
              message={`“${shownUntaken.label}”未改变：${shownUntaken.text} 不是有效的日期`}
              description={`应为 年-月-日${shownUntaken.label === '按当时所知' ? ' 时:分:秒' : ''}，且该月有这一天（如 2024-02-29）；页面仍按${/^\d/.test(shownUntaken.kept) ? ` ${shownUntaken.kept} ` : shownUntaken.kept}显示。`}
            />
          )}
          {knownAt && !isInstant(knownAt) && (
            // A page that filters what it already holds (the timeline's "known at" marks) sends no
            // request the API could refuse: say here that the URL's instant cannot be read.
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="bad-known-at"
              message={`“按当时所知”时间无法识别：${knownAt}`}
              description="应为日期或时间，例如 2024-01-31 或 2024-01-31T08:00:00+08:00；请在页首重新选择。"
            />
          )}
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The menu: pages in order, the grouped ones (the ten measures' reports) under their group's title. */
function menuItems(pages: readonly PageEntry[], search: string) {
  const item = (p: PageEntry) => ({
    key: p.path,
    label: (
      <Link to={`${p.path}${search}`} title={p.title}>
        {p.title}
      </Link>
    ),
  });
  const items: ({ key: string; label: ReactNode } | { type: 'group'; key: string; label: string; children: { key: string; label: ReactNode }[] })[] = [];
  for (const p of pages) {
    if (!p.group) {
      items.push(item(p));
      continue;
    }
    const group = items.find((i): i is Extract<(typeof items)[number], { type: 'group' }> => 'type' in i && i.key === `group:${p.group}`);
    if (group) group.children.push(item(p));
    else items.push({ type: 'group', key: `group:${p.group}`, label: p.group, children: [item(p)] });
  }
  return items;
}
