/**
 * The web app's build. The shared vocabulary (Chinese names, error titles, event schemas) is read
 * from the domain's own sources through the same aliases as the server, never copied.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: from('.'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@ledger\/domain$/, replacement: from('../../libs/domain/src/index.ts') },
      // 批量录入: the CLI's very reading of a filled workbook (pure: cells in, import lines out).
      { find: /^@ledger\/tables\/entry-sheets$/, replacement: from('../../libs/tables/src/entry-sheets-zh.ts') },
      // 简历: the CLI's lines under tenure, from the same tenure answer.
      { find: /^@ledger\/tables\/resume$/, replacement: from('../../libs/tables/src/resume-zh.ts') },
      // 批量录入: what a workbook unpacks to, asked before it is read (lazily, with the reader).
      { find: /^@ledger\/tables\/workbook-size$/, replacement: from('../../libs/tables/src/workbook-size.ts') },
    ],
  },
  build: {
    outDir: from('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files keep their cache across releases.
        manualChunks(id: string) {
          // echarts-for-react with echarts: the chart component is imported lazily, so none of it loads with every page.
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          // The workbook reader, imported lazily by the 批量录入 page alone.
          if (/node_modules\/(read-excel-file|saxen|fflate|unzipper-esm|worker-f)\//.test(id)) return 'xlsx-reader';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'antd';
          if (id.includes('node_modules')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
});
