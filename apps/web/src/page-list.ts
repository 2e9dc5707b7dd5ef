/** The app's pages and the capabilities that open them (the API's own table), for the menu and the routes. */
import { MEASURE_REPORTS } from './measure-reports';
import { REPORTS } from './reports';
import type { Capability } from './session';
import { TM10_NAME_ZH, TM6B_NAME_ZH } from './vocabulary';

export interface PageEntry {
  path: string;
  title: string;
  /** Any of these capabilities opens the page. */
  needs: readonly Capability[];
  inMenu: boolean;
  /** A titled group of the menu (the ten measures' reports). */
  group?: string;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/eligibility', title: `${TM6B_NAME_ZH}资格`, needs: ['queryDecisions'], inMenu: true },
  { path: '/candidates', title: `${TM10_NAME_ZH}推荐人选`, needs: ['queryDecisions'], inMenu: true },
  { path: '/cadres', title: '干部名册', needs: ['readHistory'], inMenu: true },
  ...REPORTS.map((r) => ({ path: r.route, title: r.title, needs: [r.needs], inMenu: true, ...(MEASURE_REPORTS.includes(r) ? { group: '十项措施报表' } : {}) })),
  { path: '/record', title: '录入履历事项', needs: ['recordCareerEvents', 'recordAppealEvents'], inMenu: true },
  // Every kind of entry is a career event: an appeals officer, who may import appeal lines, could record none of them (found by a review).
  { path: '/bulk-entry', title: '批量录入', needs: ['recordCareerEvents'], inMenu: true },
  { path: '/audit', title: '台账校验', needs: ['verifyLedger'], inMenu: true },
];

