/**
 * The county the department-flow browser specs work in: 25 townships, each with its head (镇长)
 * since 2010, an API whose token cache is off (a revoked token is refused at once), and Chromium.
 * `deptCounty()` registers the spec file's beforeAll and afterAll.
 */
import type { Browser } from 'playwright-core';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { ensureWebBuild, launchChromium, SignedInPages } from './browser';

export const COUNTY_TOWNSHIPS = 25;
export const pad = (i: number) => String(i).padStart(2, '0');
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

export interface DeptCounty {
  readonly api: () => ApiHarness;
  readonly pages: SignedInPages;
  readonly post: (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => Promise<any>;
  readonly history: (cadreId: string) => Promise<any[]>;
}

export function deptCounty(label: string): DeptCounty {
  let api: ApiHarness;
  let browser: Browser;
  const pages = new SignedInPages(() => browser, () => api.baseUrl);
  const post = (path: string, body: unknown, role?: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN') => api.write(path, body, role);
  beforeAll(async () => {
    ensureWebBuild();
    api = await startApi(label, {}, { TOKEN_CACHE_TTL_MS: '0' });
    browser = await launchChromium();
    for (let i = 1; i <= COUNTY_TOWNSHIPS; i++) {
      await post(`/v1/org-units/T${pad(i)}/events`, { id: `reg-T${pad(i)}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `第${i}镇`, kind: 'TOWNSHIP' } });
      await post(`/v1/cadres/C${pad(i)}/events`, { id: `reg-C${pad(i)}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${i}`, gender: 'M', birthDate: '1975-04-01', education } });
      await post(`/v1/cadres/C${pad(i)}/events`, { id: `head-C${pad(i)}`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: `T${pad(i)}`, role: 'HEAD' } });
    }
  }, 300_000);
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await api?.close();
  });
  return { api: () => api, pages, post, history: (cadreId) => api.historyEvents(cadreId) };
}
