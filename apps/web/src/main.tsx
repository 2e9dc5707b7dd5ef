import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
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
      staleTime: 30_000,
      // A refusal will not change by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiProblem) && count < 2,
      refetchOnWindowFocus: false,
      // An answer the read models were behind for is asked for again until it is current.
      refetchInterval: refetchWhileBehind,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
