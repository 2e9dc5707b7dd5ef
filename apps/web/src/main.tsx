import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { BrowserRouter } from 'react-router-dom';
import { ApiProblem } from './api/client';
import { refetchWhileBehind } from './api/freshness';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');
// zod's own messages in Chinese where a form shows them (the schemas' own: SCHEMA_MESSAGES_ZH).
z.config(z.locales.zhCN());

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Every page asks again when shown (the kept answer is shown meanwhile): a write made by another
      // user, the CLI or another tab is in the next page shown (found by a review: an answer kept for
      // 30 s showed a sanction recorded elsewhere as absent, with no notice).
      staleTime: 0,
      // A refusal will not change by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiProblem) && count < 2,
      refetchOnWindowFocus: false,
      // An answer the read models were behind for is asked for again until it is current.
      refetchInterval: refetchWhileBehind,
    },
  },
});

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/**
 * Ant Design's look, in the department's red and a CJK font; without its animations (menus sliding,
 * dialogs zooming, the click ripple) for a user whose system asks for reduced motion.
 */
function Themed({ children }: { children: ReactNode }) {
  const motion = !useSyncExternalStore(
    (changed) => (reducedMotion.addEventListener('change', changed), () => reducedMotion.removeEventListener('change', changed)),
    () => reducedMotion.matches,
  );
  return (
    <ConfigProvider
      locale={zhCN}
      wave={{ disabled: !motion }}
      theme={{ token: { motion, colorPrimary: '#b71c1c', fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" } }}
    >
      {children}
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </Themed>
  </StrictMode>,
);
