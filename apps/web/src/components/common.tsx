/** Small shared pieces: cadre names beside ids, the API's problems in Chinese, charts, org unit names. */
import { useQuery } from '@tanstack/react-query';
import { isIdentifier, type CalendarDate } from '@ledger/domain';
import { Alert, Button, Form, Result, Select, Table, Tag, type TableProps } from 'antd';
import type { EChartsOption } from 'echarts';
import { lazy, Suspense, useEffect, useId, useState, type ComponentType, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiProblem, unwrap } from '../api/client';
import { behindOf, BEHIND_REFETCH_MS } from '../api/freshness';
import type { components } from '../api/openapi';
import { useSession } from '../session';
import { lengthZh } from '../vocabulary';
import { ACTOR_ROLE_NAMES_ZH, APPEAL_STAGE_NAMES_ZH, appealedDecisionZh, BEHIND_ZH } from '../vocabulary';
import { useView } from '../view';

export type CadreList = components['schemas']['CadreListAnswerDto'];
export type CadreListItem = CadreList['items'][number];

/**
 * Names for ids, fetched in batches: every id asked for in the same tick goes into one
 * `GET /v1/cadres?ids=…` request, so a table of 50 rows costs one request, not 50.
 */
const pendingNames = new Map<string, Array<{ resolve: (name: string | null) => void; reject: (error: unknown) => void }>>();
let flushScheduled = false;
function loadName(id: string): Promise<string | null> {
  // An id from an edited URL (`/cadres/%00`) has no name, and would fail the whole batch's request.
  if (!isIdentifier(id)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    pendingNames.set(id, [...(pendingNames.get(id) ?? []), { resolve, reject }]);
    if (flushScheduled) return;
    flushScheduled = true;
    setTimeout(async () => {
      flushScheduled = false;
      const batch = new Map(pendingNames);
      pendingNames.clear();
      const ids = [...batch.keys()];
      const names = new Map<string, string>();
      let failure: unknown;
      try {
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const answer = await unwrap(api.GET('/v1/cadres', { params: { query: { ids: chunk.join(','), pageSize: 500 } } }));
          for (const item of answer.items) names.set(item.cadreId, item.name);
        }
      } catch (error) {
        // Names beside ids are a courtesy: a failed lookup leaves the ids alone (the page's own
        // request shows the problem); it is no answer that the cadre has no name (null, cached).
        failure = error ?? new Error('name lookup failed');
      } finally {
        for (const [id, waiting] of batch) for (const w of waiting) failure === undefined ? w.resolve(names.get(id) ?? null) : w.reject(failure);
      }
    }, 0);
  });
}

/**
 * The cadre's name; null once the ledger has answered that it has none; undefined while unknown.
 * Kept 10 min, unlike the answers (README): a list names hundreds of cadres, a name changes only by
 * a corrected registration, and the page's own answer carries the names it decides on.
 */
export function useCadreName(id: string): string | null | undefined {
  const { can } = useSession();
  const query = useQuery({ queryKey: ['cadre-name', id], enabled: id !== '' && can('readHistory'), staleTime: 10 * 60_000, queryFn: () => loadName(id) });
  return query.data;
}

export type OrgUnitDirectoryEntry = components['schemas']['OrgUnitDirectoryDto']['orgUnits'][number];

/**
 * The org-unit directory (单位名录, every role may read it): `units` undefined until it has
 * answered; `behind` while the read models had not caught up (asked again every 2 s, as every
 * answer is: the whole answer is kept, so `refetchWhileBehind` sees it); `failed` when it could
 * not be read. Asked again each time it is shown, as any answer (found by a review: kept 10 min,
 * dropping `behind`, a unit registered meanwhile read as unknown).
 */
export function useOrgUnitDirectory(): { units: OrgUnitDirectoryEntry[] | undefined; behind: boolean; failed: boolean } {
  const { can } = useSession();
  const query = useQuery({
    queryKey: ['org-units'],
    enabled: can('readOrgUnits'),
    queryFn: () => unwrap(api.GET('/v1/org-units', {})),
  });
  return { units: query.data?.orgUnits, behind: behindOf(query.data) !== undefined, failed: query.isError };
}

/** The directory for pickers, and tables that only carry ids (empty until it has answered). */
export function useOrgUnits(): OrgUnitDirectoryEntry[] {
  return useOrgUnitDirectory().units ?? [];
}

/** The townships of the directory: for township pickers. */
export function useTownships(): { orgUnitId: string; name: string }[] {
  return useOrgUnits().filter((u) => u.kind === 'TOWNSHIP');
}

/** A page's 乡镇 filter: a township of the directory, searched by name or id; cleared, every township. */
export function TownshipPicker({ id, value, onChange }: { id: string; value: string | undefined; onChange: (township: string | undefined) => void }) {
  const townships = useTownships();
  return (
    <Form.Item label="乡镇" htmlFor={id}>
      <Select
        id={id}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder="全部乡镇"
        value={value}
        onChange={(v: string | undefined) => onChange(v)}
        style={{ width: 200 }}
        options={townships.map((t) => ({ value: t.orgUnitId, label: `${t.name}（${t.orgUnitId}）` }))}
      />
    </Form.Item>
  );
}

/** Every org unit's name by id (townships and county departments alike). */
export function useOrgUnitNames(): (id: string) => string | undefined {
  const names = new Map(useOrgUnits().map((u) => [u.orgUnitId, u.name]));
  return (id) => names.get(id);
}

/**
 * Whether an error is the API's own 404 for a record the ledger does not hold: not one while the read
 * models were behind, nor a proxy's 404 page, which says nothing of the ledger (found by a review: it
 * read as 台账中没有编号为 C01 的干部 for a cadre the ledger has).
 */
export function isLedgerNotFound(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.fromApi && error.status === 404 && !(error.body as { behind?: unknown }).behind;
}

/**
 * A cadre id the ledger has no record of, said alike on every page about one cadre (the timeline, a
 * cadre's eligibility), with the way to the roster where one may read it (found by a review: the
 * eligibility page said “台账中没有 NOPE1 的记录 · 代码 NOT_FOUND”).
 */
export function CadreNotFound({ cadreId }: { cadreId: string }) {
  const { can } = useSession();
  const { search } = useView();
  const navigate = useNavigate();
  return (
    <Result
      data-testid="cadre-not-found"
      status="404"
      title={`台账中没有编号为 ${cadreId} 的干部`}
      subTitle="请核对干部编号是否有误；可在干部名册中按姓名或编号查找。"
      extra={
        can('readHistory') && (
          <Button type="primary" onClick={() => navigate(`/cadres${search}`)}>
            前往干部名册
          </Button>
        )
      }
    />
  );
}

/**
 * A table's 干部 column: name and id, linked, kept on the left while a narrow table scrolls
 * sideways, wrapped within 130 px so the other columns stay in sight at 1280 px (the eligibility
 * and the candidate lists).
 */
export function cadreColumn<T extends { cadreId: string; cadreName?: string | null }>(): { title: string; key: string; fixed: 'left'; render: (_: unknown, row: T) => ReactNode } {
  return {
    title: '干部',
    key: 'cadre',
    fixed: 'left',
    render: (_, row) => (
      <div style={{ maxWidth: 130 }}>
        <CadreLink id={row.cadreId} name={row.cadreName ?? undefined} />
      </div>
    ),
  };
}

/** "张三（C000123）", linked to the cadre's timeline when the role may read it. */
export function CadreLink({ id, name }: { id: string; name?: string | undefined }) {
  const { can } = useSession();
  const { cadrePath } = useView();
  const looked = useCadreName(name === undefined ? id : '');
  const label = name ?? looked;
  const text = label ? `${label}（${id}）` : id;
  return can('readHistory') ? <Link to={cadrePath(id)}>{text}</Link> : <span>{text}</span>;
}

/** 福店镇（T0001）: the name the answer carries, else the one the org-unit list knows. */
export function OrgUnitName({ id, name: given }: { id: string; name?: string | null | undefined }) {
  const known = useOrgUnitNames()(id);
  const name = given ?? known;
  return <span>{name ? `${name}（${id}）` : id}</span>;
}

/** The API's parameter names as a page's controls call them (an error names the one that failed). */
const PARAMETER_NAMES_ZH: Record<string, string> = {
  asOf: '截至日期',
  knownAt: '按当时所知时间',
  cycle: '评选周期',
  cadreId: '干部编号',
  orgUnitId: '单位编号',
  township: '乡镇',
  year: '年度',
  rule: '规则',
  search: '姓名或编号',
  role: '职务',
  rank: '职级',
  page: '页码',
  pageSize: '每页条数',
  effectiveDate: '生效日期',
  documentRef: '文号',
  sinceDigest: '台账摘要',
};

/**
 * What went wrong, in Chinese: the field by its name on the page, the API's Chinese detail
 * (ApiProblem.detailZh), then the code. `notFoundField`: the page's control whose value a 404
 * names (a link's unknown township), which the API's 404 cannot know (found by a review).
 */
function problemDescription(error: ApiProblem, notFoundField?: string): string {
  const field = error.body.field ?? (error.status === 404 ? notFoundField : undefined);
  // A missing record is said by the title already (titleZh), unless the detail says more (单位 T99);
  // one missing while the read models were behind is said by the detail (it may have been recorded a moment ago).
  const what = error.status === 404 && error.body.id !== undefined && error.body.behind === undefined && error.detailZh === error.titleZh ? undefined : error.detailZh;
  return problemLineZh(error, field && (PARAMETER_NAMES_ZH[field] ?? field), what);
}

/**
 * A problem said in one line: the field by the page's name for it, what is wrong, then the code,
 * only where the API gave one (an answer from a proxy has none: it said “代码 undefined”, found by a review).
 */
export function problemLineZh(error: ApiProblem, fieldLabel: string | undefined, what: string | undefined): string {
  const code = error.body.rule ?? error.body.code;
  return [fieldLabel && `字段：${fieldLabel}`, what, code && `代码 ${code}`].filter(Boolean).join(' · ');
}

export function ProblemAlert({ error, notFoundField }: { error: unknown; notFoundField?: (id: string) => string | undefined }) {
  const { me } = useSession();
  // The API's own refusal of the role; a proxy's 403 page (no `code`) is said as an answer not from the ledger (titleZh).
  if (error instanceof ApiProblem && error.fromApi && error.status === 403) {
    const role = me ? (ACTOR_ROLE_NAMES_ZH[me.role] ?? me.role) : '';
    return <Result status="403" title="无权访问" subTitle={`您的角色（${role}）无权进行此项操作。如需办理，请联系组织部管理员。`} />;
  }
  if (error instanceof ApiProblem) {
    return (
      <Alert
        type="error"
        showIcon
        message={error.titleZh}
        description={problemDescription(error, typeof error.body.id === 'string' ? notFoundField?.(error.body.id) : undefined)}
      />
    );
  }
  return <Alert type="error" showIcon message="无法连接台账服务" description={CONNECTION_FAILED_ZH} />;
}

/** What a table whose rows could not be loaded says in place of antd's 暂无数据. */
export const LOAD_FAILED_EMPTY_ZH = '数据未能加载（原因见上方提示），并非没有记录';

/**
 * A page's table of what it loaded. While the load has failed (`loadError`: the page's
 * ProblemAlert above says why) an empty table does not say 暂无数据, as if the ledger had nothing
 * (found walking the app with the service stopped): it says the data could not be loaded.
 */
export function DataTable<Row extends object>({ loadError, locale, ...props }: TableProps<Row> & { loadError: unknown }) {
  const failed = loadError !== null && loadError !== undefined;
  return <Table<Row> {...props} locale={failed ? { ...locale, emptyText: <span data-testid="table-load-failed">{LOAD_FAILED_EMPTY_ZH}</span> } : locale} />;
}

/**
 * A request that got no answer (the service stopped, the network down), in Chinese: it said
 * “TypeError: Failed to fetch”, the browser's English (found walking the app with the API stopped).
 */
export const CONNECTION_FAILED_ZH = '台账服务没有应答（服务可能已停止或网络中断）。请稍后刷新页面重试；如仍无法连接，请联系管理员。';

/**
 * An answer drawn from read models that had not yet caught up with the last acknowledged write:
 * the page says it may lack what was just recorded, and asks again by itself (refetchWhileBehind).
 */
export function BehindNotice({ answer }: { answer: unknown }) {
  const behind = behindOf(answer);
  if (!behind) return null;
  return (
    <Alert
      data-testid="behind-notice"
      type="warning"
      showIcon
      message="本页结果可能尚未包含最近录入的事项"
      description={`${BEHIND_ZH}（还差 ${behind.events} 个事件，已等待 ${(behind.waitedMs / 1000).toFixed(1)} 秒），页面每 ${BEHIND_REFETCH_MS / 1000} 秒自动刷新，更新后此提示消失。`}
    />
  );
}

interface ChartProps {
  option: EChartsOption;
  style?: React.CSSProperties;
  notMerge?: boolean;
  lazyUpdate?: boolean;
}

/**
 * echarts (≈ 1.1 MB) is fetched by the first page that draws a chart, not parsed by every page's
 * first load. A download that fails (a tab opened before a release, whose chart file is gone; a
 * dropped connection) shows a notice in the chart's place: the page and its table stay (found by a
 * review: a rejected import unmounts the whole app).
 */
const ReactECharts = lazy<ComponentType<ChartProps>>(() => import('echarts-for-react').catch(() => ({ default: ChartNotLoaded })));

function ChartNotLoaded() {
  return <Alert type="warning" showIcon message="图表未能加载，请刷新页面重试；本页的表格和文字说明不受影响。" />;
}

/** A chart, drawn after the page's first paint so the table it accompanies is never kept waiting. */
export function Chart({ option, height = 280, label }: { option: EChartsOption; height?: number; label: string }) {
  const [painted, setPainted] = useState(false);
  const summaryId = useId();
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(() => setPainted(true), 0));
    return () => cancelAnimationFrame(frame);
  }, []);
  const summary = chartSummaryZh(option);
  return (
    <div role="img" aria-label={label} aria-describedby={summary ? summaryId : undefined} style={{ minHeight: height }}>
      {summary && (
        <span id={summaryId} style={VISUALLY_HIDDEN}>
          {summary}
        </span>
      )}
      {painted && (
        <Suspense fallback={null}>
          <ReactECharts option={{ animation: false, ...option }} style={{ height, width: '100%' }} notMerge lazyUpdate />
        </Suspense>
      )}
    </div>
  );
}

/** Read by a screen reader, not shown. */
const VISUALLY_HIDDEN: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/**
 * A bar or line chart's figures as text (each series: category value、…), for a reader who cannot
 * see the chart (found by a review: the findings' and appeals' counts were in no text on the page).
 * Pies by their slices' names. Undefined for other charts (the Gantt's bars are the table beside it).
 */
function chartSummaryZh(option: EChartsOption): string | undefined {
  const axes = [option.xAxis, option.yAxis].flat().filter(Boolean) as { type?: string; data?: unknown[] }[];
  const all = [option.series].flat().filter(Boolean) as { type?: string; name?: string; data?: unknown[] }[];
  const valueOf = (d: unknown) => (typeof d === 'object' && d !== null && 'value' in d ? (d as { value: unknown }).value : d);
  // A pie names each slice itself.
  const pies = all.filter((x) => x.type === 'pie' && Array.isArray(x.data));
  if (pies.length > 0) {
    return pies
      .map((x) => {
        const total = x.data!.reduce<number>((sum, d) => sum + (Number(valueOf(d)) || 0), 0);
        return [`合计 ${total}`, ...x.data!.map((d) => `${String((d as { name?: unknown }).name ?? '')} ${String(valueOf(d))}`)].join('、');
      })
      .join('；');
  }
  const categories = axes.find((a) => a.type === 'category' && Array.isArray(a.data))?.data?.map(String);
  const series = all.filter((x) => (x.type === 'bar' || x.type === 'line') && Array.isArray(x.data));
  if (!categories || series.length === 0) return undefined;
  return series.map((x) => `${x.name ? `${x.name}：` : ''}${x.data!.map((d, i) => `${categories[i] ?? ''} ${String(valueOf(d))}`).join('、')}`).join('；');
}

/** One appeal as the ledger's appeals list gives it (its appellant, deadlines and flags), for a role that may read it. */
function useAppeals() {
  const { can } = useSession();
  return useQuery({
    queryKey: ['appeals', 'all'],
    queryFn: () => unwrap(api.GET('/v1/appeals', { params: { query: { status: 'all' } } })),
    enabled: can('readHistory'),
  });
}

function useAppeal(appealId: string) {
  return useAppeals().data?.appeals.find((a) => a.appealId === appealId);
}

/**
 * What an appeal's id typed in the decision form is: its appellant, stage and the decision it is about,
 * or that the ledger has none (found by a review of the web app: the form that may rescind a sanction
 * named neither, and a mistyped id was learned of only from the success message).
 */
export function AppealHint({ appealId }: { appealId: string }) {
  const list = useAppeals();
  // Said only once the list has answered: nothing while it is on its way (or failed), or for a role that may not read it.
  if (!isIdentifier(appealId) || list.data === undefined) return null;
  const appeal = list.data.appeals.find((a) => a.appealId === appealId);
  if (!appeal) return <span data-testid="appeal-hint">台账中暂无此编号的复核或申诉</span>;
  const about = appeal.target ? appealedDecisionZh({ ...appeal.target, effectiveDate: appeal.target.effectiveDate as CalendarDate }) : '（台账中未找到所针对的记录）';
  return (
    <span data-testid="appeal-hint">
      {APPEAL_STAGE_NAMES_ZH[appeal.stage]}，提出人 {appeal.cadreName ?? '（未登记姓名）'}（{appeal.cadreId}），针对 {about}
      {appeal.status === 'DECIDED' ? '；已作出决定' : ''}
    </span>
  );
}

/**
 * N5: a late filing is recorded but flagged, where it is recorded and on the cadre's timeline too
 * (found by a review: only the appeals report said 逾期提出).
 */
export function LateFilingTag({ appealId }: { appealId: string }) {
  const appeal = useAppeal(appealId);
  if (!appeal?.filedLate) return null;
  return (
    <Tag color="orange" data-testid="filed-late" style={{ marginLeft: 8 }}>
      逾期提出（期限至 {appeal.filingDeadline}）
    </Tag>
  );
}

/** An appeal's appellant, named from the appeals list (a decision carries no cadre id of its own). */
export function AppellantOf({ appealId }: { appealId: string }) {
  const appeal = useAppeal(appealId);
  if (!appeal) return null;
  return (
    <>
      （提出人 <CadreLink id={appeal.cadreId} name={appeal.cadreName ?? undefined} />）
    </>
  );
}

/**
 * A length of service (11 年 11 个月 30 天) in a narrow table column: broken only between its parts,
 * never 11 个 / 月; — when there is none. The eligibility and candidate tables' run columns.
 */
export function RunLength({ run, width = 76 }: { run: Parameters<typeof lengthZh>[0] | null | undefined; width?: number }) {
  return (
    <div style={{ maxWidth: width }}>
      {run
        ? lengthZh(run)
            .split(/ (?=\d)/)
            .map((part, i) => (
              <span key={i}>
                {i > 0 && ' '}
                <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
              </span>
            ))
        : '—'}
    </div>
  );
}
