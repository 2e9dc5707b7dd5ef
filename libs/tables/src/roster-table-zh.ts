/** The roster (干部名册) as a table: every cadre matching the question, with the post and rank held on its date. */
import { GENDER_NAMES_ZH, namedZh, RANK_NAMES_ZH, ROLE_NAMES_ZH, roleNameZh } from '@ledger/domain';
import type { ReadAnswer, RosterAnswer, RosterParams } from '@ledger/projections';
import { behindNoticeZh } from './behind-zh';
import { fileNamePart, type LedgerTable, type LedgerWorkbook } from './ledger-table';

export interface RosterQuestionZh {
  readonly search?: string | undefined;
  /** The township asked of, as shown (name and id). */
  readonly township?: string | undefined;
  readonly role?: string | undefined;
  readonly rank?: string | undefined;
}

/** The line above the roster: how many, which of them this page shows, what was searched, as of when. */
export function rosterSummaryZh(a: RosterAnswer, search: string | undefined): string {
  const first = (a.page - 1) * a.pageSize + 1;
  const shown = a.items.length === 0 || a.items.length === a.total ? '' : `，第 ${first}${a.items.length > 1 ? `–${first + a.items.length - 1}` : ''} 人`;
  const matching = search !== undefined ? `（姓名或编号含“${search}”）` : '';
  return `干部名册${matching}：共 ${a.total} 人${shown}，现任职务与职级按 ${a.asOf}。`;
}

/** The roster's question said in Chinese: the township by its name, the post and rank by theirs. */
export function rosterQuestionZh(p: Pick<RosterParams, 'search' | 'township' | 'role' | 'rank'>, a: RosterAnswer): RosterQuestionZh {
  return {
    search: p.search,
    township: p.township === undefined ? undefined : namedZh(a.townships.find((t) => t.orgUnitId === p.township)?.name ?? null, p.township),
    role: p.role === undefined ? undefined : ROLE_NAMES_ZH[p.role],
    rank: p.rank === undefined ? undefined : RANK_NAMES_ZH[p.rank],
  };
}

export function rosterTableZh(a: ReadAnswer<RosterAnswer>, question: RosterQuestionZh = {}): LedgerTable {
  const filters = [
    question.township ? `单位：${question.township}` : '',
    question.role ? `职务：${question.role}` : '',
    question.rank ? `职级：${question.rank}` : '',
  ].filter(Boolean);
  return {
    sheetName: '干部名册',
    caption: [rosterSummaryZh(a, question.search), ...(filters.length ? [`筛选条件：${filters.join('；')}`] : []), ...[behindNoticeZh(a.behind)].filter((l): l is string => l !== null)],
    headers: ['干部编号', '姓名', '性别', '出生日期', '现任职务', '职级'],
    rows: a.items.map((c) => [
      c.cadreId,
      c.name,
      c.gender === null ? '—' : GENDER_NAMES_ZH[c.gender],
      c.birthDate ?? '—',
      c.post ? `${c.post.orgUnitName ?? c.post.orgUnitId}${roleNameZh(c.post.role, { name: c.post.orgUnitName, kind: c.post.orgUnitKind })}（${c.post.orgUnitId}）` : '（当日无职务）',
      c.rank === null ? '—' : RANK_NAMES_ZH[c.rank],
    ]),
  };
}

export function rosterWorkbookZh(a: ReadAnswer<RosterAnswer>, question: RosterQuestionZh = {}): LedgerWorkbook {
  // The question in the name: a township's secretaries and the whole roster saved side by side stay apart.
  const asked = [question.township?.replace(/（[^（）]*）$/, ''), question.role, question.rank, question.search === undefined ? undefined : `含${question.search}`].filter((p): p is string => p !== undefined);
  return { fileStem: fileNamePart(`干部名册${asked.map((p) => `-${p}`).join('')}-${a.asOf}`), tables: [rosterTableZh(a, question)] };
}
