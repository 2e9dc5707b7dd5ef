/**
 * The view every page answers for — `asOf` (an effective date) and `knownAt` (a recorded instant)
 * — kept in the URL so a link reproduces the view. Dates are read and shown in Asia/Shanghai.
 */
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { knownAtInstant, shanghaiTime } from '@ledger/domain';

export const TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Asia/Shanghai (YYYY-MM-DD). */
export const todayInShanghai = (): string => dateFormat.format(new Date());

/**
 * Whether a text is an instant as the API reads `knownAt` (the domain's `knownAtInstant`: a bare
 * date is the end of that day and a time without offset is Beijing time, T1). `knownAt` comes from
 * the URL, which anyone can edit: `?knownAt=garbage` must reach the API (which names the field in
 * its 400), not crash every page when formatting throws "Invalid time value".
 */
export const isInstant = (text: string): boolean => knownAtInstant(text) !== null;

/** The instant a `knownAt` text means, in ms (NaN when it is none), as the API reads it. */
export const knownAtMs = (text: string): number => Date.parse(knownAtInstant(text) ?? '');

/**
 * An ISO instant as Beijing time with its offset, "2024-03-01 16:05:09 +08:00", as the CLI and the
 * audit export write it (the domain's `shanghaiTime`); a text that is no instant as it is.
 */
export const formatInstant = (iso: string | null | undefined): string => (iso ? (isInstant(iso) ? shanghaiTime(knownAtInstant(iso)!) : iso) : '—');

/**
 * A `knownAt` as the pages say it (按 … 所知): to the second when it is the last millisecond of that
 * second (a bare date's end of day; what the picker sets), else to the millisecond (found by an
 * auditor's review: asked as known at 01:07:50 through the URL, an event whose 录入时间 read 01:07:50,
 * recorded at .325, was 此后录入 with nothing on the page to say why).
 */
export const formatKnownAt = (iso: string | null | undefined): string => {
  if (!iso || !isInstant(iso)) return iso ?? '—';
  const ms = knownAtMs(iso);
  const second = shanghaiTime(knownAtInstant(iso)!);
  const fraction = ((ms % 1000) + 1000) % 1000;
  return fraction === 999 ? second : `${second.slice(0, 19)}.${String(fraction).padStart(3, '0')}${second.slice(19)}`;
};

/**
 * A Shanghai wall time "YYYY-MM-DD HH:mm:ss" picked to the second, as the ISO instant of the end of that
 * second (Shanghai is UTC+8 all year): everything whose 录入时间 shows that second is known, as a bare
 * date means the end of that day (T1).
 */
export const shanghaiWallTimeToIso = (wall: string): string => new Date(`${wall.replace(' ', 'T')}.999+08:00`).toISOString();

/** An ISO instant as Shanghai wall time "YYYY-MM-DD HH:mm:ss" (for the picker). */
export const isoToShanghaiWallTime = (iso: string): string => {
  const shifted = new Date(knownAtMs(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
};

export interface View {
  asOf: string;
  knownAt: string | undefined;
  /** asOf and knownAt as a query string to carry across links ("?asOf=…"). */
  search: string;
  /**
   * The path of a cadre's timeline in this view. A page answered as known at `knownAt` opens the
   * timeline as known then too (`asKnown=1`), not the ledger as it stands now under the same header
   * (found 2026-12-04: the eligibility page's evidence links dropped it).
   */
  cadrePath(cadreId: string): string;
  setView(next: { asOf?: string | null; knownAt?: string | null }): void;
}

export function useView(): View {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? todayInShanghai();
  const knownAt = params.get('knownAt') ?? undefined;
  const carried = new URLSearchParams();
  if (params.get('asOf')) carried.set('asOf', asOf);
  if (knownAt) carried.set('knownAt', knownAt);
  const setView = useCallback(
    (next: { asOf?: string | null; knownAt?: string | null }) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) {
          if (value === undefined) continue;
          if (value === null || value === '') updated.delete(key);
          else updated.set(key, value);
        }
        dropPages(updated);
        return updated;
      }),
    [setParams],
  );
  const search = carried.toString();
  if (knownAt) carried.set('asKnown', '1');
  const timeline = carried.toString();
  const cadrePath = (cadreId: string) => `/cadres/${encodeURIComponent(cadreId)}${timeline ? `?${timeline}` : ''}`;
  return { asOf, knownAt, search: search ? `?${search}` : '', cadrePath, setView };
}

/** Other query parameters of a page (filters, page number), also kept in the URL. */
export function useParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (value: string | undefined) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (value === undefined || value === '') updated.delete(name);
        else updated.set(name, value);
        if (!isPageParam(name)) dropPages(updated);
        return updated;
      }),
    [name, setParams],
  );
  return [params.get(name) ?? undefined, set];
}

/**
 * The query parameters a table's page and page size are kept in: `page` and `pageSize`, or for
 * another table on the same page `<table>Page` and `<table>PageSize` (`excludedPage`).
 */
const pagingParams = (table: string | undefined) => (table ? { page: `${table}Page`, pageSize: `${table}PageSize` } : { page: 'page', pageSize: 'pageSize' });
const isPageParam = (name: string) => name === 'page' || name.endsWith('Page');

/** Every table back on its first page: what it lists has changed (another date, filter or cycle). */
function dropPages(params: URLSearchParams): void {
  for (const name of [...params.keys()]) if (isPageParam(name)) params.delete(name);
}

/** A whole number from 1 to `max` as the URL has it, else `fallback` (an edited link's ?page=abc is page 1). */
function wholeOr(text: string | null, max: number, fallback: number): number {
  return text !== null && /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max ? Number(text) : fallback;
}

export interface TablePaging {
  current: number;
  pageSize: number;
  /** The user turned the page or changed its size (antd's pagination onChange). */
  onChange(page: number, pageSize: number): void;
  /**
   * The page shown without a step in the browser's history, the address's `#…` kept: the page
   * holding an event a link names (the timeline's `#event-…`).
   */
  showPage(page: number): void;
}

/**
 * A table paged in the browser, its page and page size kept in the URL as the rest of the page's
 * state: browser back from a row opened (单独查看) returned to page 1, not the page the user was on
 * (found by a review). `table` names a second table of the same page.
 */
export function useTablePaging(defaultPageSize: number, table?: string): TablePaging {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { search, hash } = useLocation();
  const names = pagingParams(table);
  const current = wholeOr(params.get(names.page), 1_000_000, 1);
  const pageSize = wholeOr(params.get(names.pageSize), 500, defaultPageSize);
  const withPaging = useCallback(
    (from: URLSearchParams, page: number, size: number) => {
      const updated = new URLSearchParams(from);
      if (page === 1) updated.delete(names.page);
      else updated.set(names.page, String(page));
      if (size === defaultPageSize) updated.delete(names.pageSize);
      else updated.set(names.pageSize, String(size));
      return updated;
    },
    [names.page, names.pageSize, defaultPageSize],
  );
  const onChange = useCallback((page: number, size: number) => setParams((now) => withPaging(now, page, size)), [setParams, withPaging]);
  const showPage = useCallback(
    (page: number) => {
      const now = new URLSearchParams(search);
      const updated = withPaging(now, page, wholeOr(now.get(names.pageSize), 500, defaultPageSize));
      if (updated.toString() !== now.toString()) navigate({ search: `?${updated.toString()}`, hash }, { replace: true });
    },
    [search, hash, navigate, withPaging, names.pageSize, defaultPageSize],
  );
  return { current, pageSize, onChange, showPage };
}

/** A date (or date and time) as the pickers write it that exists: dayjs rolls 2024-02-30 over to 2024-03-01, so a real one reads back as typed. */
export function isRealDate(text: string, withTime: boolean): boolean {
  const format = withTime ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD';
  const shape = withTime ? /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/;
  return shape.test(text) && dayjs(text.replace(' ', 'T')).format(format) === text;
}

/**
 * Text as typed with a Chinese input method: full-width ASCII (ＴＭ４, ２０２４, Ａ－１) and the
 * ideographic space read as their ASCII forms; everything else is left as it is. The one place
 * the web app reads full-width input: a number field (２０２４) and the findings' rule filter (ＴＭ４).
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
