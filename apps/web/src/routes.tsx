/**
 * Pages and who may see them: each page names the capability it needs (the API's own table), so
 * the menu and the routes offer a role only what it may do.
 */
import { useIsFetching } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { CONNECTION_FAILED_ZH } from './components/common';
import { AppLayout } from './layout';
import { CadreTimelinePage } from './pages/cadre-timeline';
import { CandidatesPage } from './pages/candidates';
import { EligibilityCadrePage, EligibilityPage } from './pages/eligibility';
import { LedgerCheckPage } from './pages/ledger-check';
import { RecordEventPage } from './pages/record-event';
import { BulkEntryPage } from './pages/bulk-entry';
import { ReportPage } from './pages/report-page';
import { RosterPage } from './pages/roster';
import { SignInPage } from './pages/sign-in';
import { PAGES } from './page-list';
import { REPORTS } from './reports';
import { useSession, type Capability } from './session';

function Guard({ needs, children }: { needs: readonly Capability[]; children: React.ReactNode }) {
  const { can, me } = useSession();
  if (!me) return null;
  if (!needs.some(can)) return <Result status="403" title="无权访问" subTitle="您的角色无权查看此页面。" />;
  return <>{children}</>;
}

function Home() {
  const { can } = useSession();
  const first = PAGES.find((p) => p.needs.some(can));
  return first ? <Navigate to={first.path} replace /> : <Result status="403" title="此令牌没有可用的功能" />;
}

const APP_TITLE = '乡镇领导干部履历台账';

/** The browser tab names the page (found by a review: every tab read the same). */
function useDocumentTitle(signedIn: boolean): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const page = PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
    const title = !signedIn ? '登录' : page ? page.title : pathname === '/' ? null : '页面不存在';
    document.title = title ? `${title} - ${APP_TITLE}` : APP_TITLE;
  }, [pathname, signedIn]);
}

/** An unknown address: said with the address, and a way back (the menu is folded away on a narrow screen). */
function NotFound() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle={`没有地址为 ${pathname} 的页面。`}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export function AppRoutes() {
  const { token, me, loading, checkFailed, retryCheck, signOut } = useSession();
  const fetchingMe = useIsFetching({ queryKey: ['me'] }) > 0;
  const location = useLocation();
  useDocumentTitle(Boolean(token && me));
  if (location.pathname === '/signin' || !token) {
    return (
      <Routes>
        <Route path="*" element={token && me ? <Navigate to="/" replace /> : <SignInPage />} />
      </Routes>
    );
  }
  if (checkFailed)
    return (
      <Result
        data-testid="token-check-failed"
        status="warning"
        title="无法连接台账服务，暂时无法核对令牌"
        subTitle={CONNECTION_FAILED_ZH}
        extra={[
          <Button key="retry" type="primary" loading={fetchingMe} onClick={retryCheck}>
            重试
          </Button>,
          <Button key="out" onClick={signOut}>
            退出登录
          </Button>,
        ]}
      />
    );
  if (loading || !me) return <Spin fullscreen description="正在核对令牌…" />;
  const guarded = (path: string, element: React.ReactNode) => {
    const needs = PAGES.find((p) => path.startsWith(p.path))?.needs ?? [];
    return <Guard needs={needs}>{element}</Guard>;
  };
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/eligibility" element={guarded('/eligibility', <EligibilityPage />)} />
        <Route path="/eligibility/:cadreId" element={guarded('/eligibility', <EligibilityCadrePage />)} />
        <Route path="/candidates" element={guarded('/candidates', <CandidatesPage />)} />
        <Route path="/cadres" element={guarded('/cadres', <RosterPage />)} />
        <Route path="/cadres/:cadreId" element={guarded('/cadres', <CadreTimelinePage />)} />
        {REPORTS.map((r) => (
          <Route key={r.route} path={r.route} element={guarded(r.route, <ReportPage report={r} />)} />
        ))}
        <Route path="/record" element={guarded('/record', <RecordEventPage />)} />
        <Route path="/bulk-entry" element={guarded('/bulk-entry', <BulkEntryPage />)} />
        <Route path="/audit" element={guarded('/audit', <LedgerCheckPage />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppLayout>
  );
}
