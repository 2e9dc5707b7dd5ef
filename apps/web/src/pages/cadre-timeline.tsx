/**
 * 干部履历: posts over the years as a Gantt-like chart, the event list with both times, document
 * ref, actor and the links (retractions, rescissions, appeals) both ways, sanctions with their
 * effect periods; "as known at" marks what was recorded or corrected after that instant. Export
 * (HTML/JSON) and chain verification for the roles that may; on a standing event's row, links to
 * the record page filled in for 撤回, 提出复核或申诉 and 撤销处分, for the roles that may record them
 * (none as known at an earlier instant: they act on the ledger as it stands).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Switch, Tag, Typography, Upload } from 'antd';
import type { EChartsOption } from 'echarts';
import { useEffect, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { type Answer, api, ApiProblem, download, unwrap } from '../api/client';
import { BehindNotice, CadreNotFound, Chart, DataTable, isLedgerNotFound, LateFilingTag, ProblemAlert, useOrgUnitNames } from '../components/common';
import { eventSentences } from '../event-sentences';
import { useSession } from '../session';
import { actorZh, APPEAL_STAGE_NAMES_ZH, EVENT_TYPE_NAMES_ZH, EXPERIENCE_NAMES_ZH, lengthZh, RANK_NAMES_ZH, rescindActionZh, roleNameZh, type ROLE_NAMES_ZH, SANCTION_KIND_NAMES_ZH, SANCTION_PERIOD_ZH } from '../vocabulary';
import { formatInstant, formatKnownAt, isInstant, isRealDate, knownAtMs, useParam, useTablePaging, useView } from '../view';
import { resumeLineTextZh, resumeZh } from '@ledger/tables/resume';
import { APPEALABLE_EVENT_TYPES, periodZh, STORE_BREAK_REASONS_ZH, VOIDS_FROM_ITS_START, type CalendarDate, type CareerEventType } from '@ledger/domain';

/**
 * A sanction's effect period as its last covered day, "2024-03-10 至 2024-09-09", as the
 * eligibility and candidate pages say it: the answer's `to` is the first day no longer covered
 * (found by a review: this page said 至 2024-09-10 beside the candidates' 至 2024-09-09).
 */
const effectPeriodZh = (p: { from: string; to: string }): string => periodZh(p.from as CalendarDate, p.to as CalendarDate);

/** A cell of free text (a reason, a sentence) wrapped within a reading measure, not drawn on one line. */
const WRAPPED_CELL: React.CSSProperties = { minWidth: 240, maxWidth: 480, whiteSpace: 'normal', overflowWrap: 'anywhere' };

type CadreStateAt = Answer<'CadreStateDto'>;
type HistoryEvent = Answer<'HistoryDto'>['events'][number];
type HistoryLinks = HistoryEvent['links'];
const PAGE_SIZE = 50;

/** In effective-date order, then as recorded (the store's order): a career read as it happened. */
function inEffectiveOrder(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.effectiveDate < b.e.effectiveDate ? -1 : a.e.effectiveDate > b.e.effectiveDate ? 1 : a.i - b.i))
    .map(({ e }) => e);
}

/** A hand-edited `#event-%` is no link, not an uncaught URIError that blanks the page. */
function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The page of the table that holds the event a `#event-…` link names, and that event, scrolled to
 * once its row is drawn (found by a review: an evidence link on another page went nowhere).
 */
function useLinkedEvent(events: readonly HistoryEvent[], pageSize: number, showPage: (page: number) => void): string | undefined {
  const { hash } = useLocation();
  const linked = hash.startsWith('#event-') ? decodedOrUndefined(hash.slice('#event-'.length)) : undefined;
  useEffect(() => {
    const index = linked === undefined ? -1 : events.findIndex((e) => e.eventId === linked);
    if (index < 0) return;
    showPage(Math.floor(index / pageSize) + 1);
    const frame = requestAnimationFrame(() => document.getElementById(`event-${linked}`)?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
  }, [linked, events, pageSize, showPage]);
  return linked;
}

/** A policy override's record on an event (metadata.override): the reason and the rules set aside. */
const overrideOf = (e: HistoryEvent): { reason: string; rules: string[] } | undefined => e.metadata.override as { reason: string; rules: string[] } | undefined;

const ROLE_COLORS: Record<string, string> = { PARTY_SECRETARY: '#b71c1c', HEAD: '#d4380d', DEPUTY_PARTY_SECRETARY: '#fa8c16', DEPUTY_HEAD: '#faad14', PEOPLES_CONGRESS_CHAIR: '#7cb305', TEAM_MEMBER: '#1677ff', STAFF: '#8c8c8c' };

/** An org unit's name and kind: from the history answer, else the township list (name only). */
type OrgUnitLookup = (id: string) => { name: string | null; kind: string | null } | undefined;

/** "青山镇 镇长": the post as the domain names it (乡长, 镇长 or 局长 by the unit). */
const postLabel = (orgUnit: OrgUnitLookup, p: { orgUnitId: string; role: keyof typeof ROLE_NAMES_ZH }) => {
  const unit = orgUnit(p.orgUnitId);
  return `${unit?.name ?? p.orgUnitId} ${roleNameZh(p.role, unit)}`;
};

function ganttOption(state: CadreStateAt, orgUnit: OrgUnitLookup): EChartsOption {
  const posts = state.posts;
  const labels = [...new Set(posts.map((p) => postLabel(orgUnit, p)))];
  const end = Date.parse(state.asOf);
  return {
    // ECharts renders a formatter's string as HTML: the unit's name and the period are the ledger's free text, escaped
    // (found by a security review: a unit named <img onerror=…> ran script in an ADMIN's browser and read the token).
    // Built as nodes, not HTML: a stored name or note is text, whatever it holds.
    tooltip: { formatter: (p: any) => tooltipLines([String(p.value[3]), String(p.value[4])]) },
    grid: { left: 170, right: 24, top: 10, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      {
        type: 'custom',
        renderItem: (params: any, a: any) => {
          const y = a.value(0);
          const from = a.coord([a.value(1), y]);
          const to = a.coord([a.value(2), y]);
          const height = a.size([0, 1])[1] * 0.6;
          return { type: 'rect', shape: { x: from[0], y: from[1] - height / 2, width: Math.max(2, to[0] - from[0]), height }, style: a.style({ fill: ROLE_COLORS[posts[params.dataIndex]!.role] }) };
        },
        encode: { x: [1, 2], y: 0 },
        data: posts.map((p) => {
          const label = postLabel(orgUnit, p);
          return [labels.indexOf(label), Date.parse(p.from), p.to ? Date.parse(p.to) : end, label, p.to ? effectPeriodZh({ from: p.from, to: p.to }) : `${p.from} 起（截至 ${state.asOf} 在任）`]; // the last day held, as the CLI's tenure shows it; held on the chart's date, not 至今 (found by reviews)
        }),
      },
    ],
  };
}

/** A verified stream in words, as the export's HTML titles it (found by a web review: "cadre-C000260：完整", "appeal-A-REV-1：完整"). */
function verifiedStreamZh(st: { streamId: string; kind: 'cadre' | 'appeal'; events: readonly { type: string; data?: unknown }[] }, cadre: string): string {
  if (st.kind === 'cadre') return `${cadre}的履历事件流`;
  const stage = (st.events.find((e) => e.type === 'AppealFiled')?.data as { stage?: string } | undefined)?.stage;
  return `${stage === 'REVIEW' || stage === 'APPEAL' ? APPEAL_STAGE_NAMES_ZH[stage] : '复核或申诉'} ${st.streamId.replace(/^appeal-/, '')} 事件流`;
}

/** A verified stream's chain in words: where it broke and why, by the event's revision and id (found by a review: "断裂，148 个事件" said neither). */
function streamVerificationZh(st: { events: readonly { revision: number; eventId: string }[]; verification: { ok: boolean; checkedEvents: number; firstBroken?: { revision: number; reason: string } } }): string {
  const b = st.verification.firstBroken;
  if (st.verification.ok || !b) return `完整，共 ${st.verification.checkedEvents} 个事件`;
  const eventId = st.events.find((e) => e.revision === b.revision)?.eventId;
  const reason = b.reason in STORE_BREAK_REASONS_ZH ? STORE_BREAK_REASONS_ZH[b.reason as keyof typeof STORE_BREAK_REASONS_ZH] : b.reason;
  return `断裂于第 ${b.revision} 号事件${eventId ? `（${eventId}）` : ''}：${reason}（共 ${st.verification.checkedEvents} 个事件）`;
}

function Links({ links, retracted, later, eventOf }: { links: HistoryLinks; retracted: ReadonlySet<string>; later: (id: string) => boolean; eventOf: (id: string) => HistoryEvent | undefined }) {
  // As known at an earlier instant, a link to a record made after it is marked as its row is (found by a web review: a rescission recorded later read as standing then).
  // The linked record said by its date and kind, its id after it (found by a review of the web app: ids alone, some with the remedy's :rescind suffix).
  const anchor = (id: string) => {
    const linked = eventOf(id);
    const said = linked ? `${linked.effectiveDate} ${EVENT_TYPE_NAMES_ZH[linked.type as keyof typeof EVENT_TYPE_NAMES_ZH] ?? linked.type}` : undefined;
    return (
      <>
        <a href={`#event-${encodeURIComponent(id)}`}>{said ?? id}</a>
        {said && <Typography.Text type="secondary">（{id}）</Typography.Text>}
        {later(id) && <Tag color="gold">此后录入</Tag>}
      </>
    );
  };
  const parts: React.ReactNode[] = [];
  for (const id of links.retractedBy) parts.push(<div key={`rb${id}`}>被撤回：{anchor(id)}</div>);
  if (links.retracts) parts.push(<div key="r">撤回：{anchor(links.retracts)}</div>);
  // A rescission retracted since no longer stands: the sanction is in force again (found by a review: it read as rescinded).
  for (const id of links.rescindedBy) parts.push(<div key={`sb${id}`}>被撤销：{anchor(id)}{retracted.has(id) ? '（该撤销已被撤回，不再有效）' : ''}</div>);
  if (links.rescinds) parts.push(<div key="s">撤销（自始无效）：{anchor(links.rescinds)}</div>);
  for (const id of links.appealedBy) parts.push(<div key={`ab${id}`}>被提出复核或申诉：{anchor(id)}</div>);
  // A rescission entered by hand naming an appeal, and the appeal it carries out (TM9).
  if (links.forAppeal) parts.push(<div key="fa">落实复核或申诉结果：{anchor(links.forAppeal)}</div>);
  for (const id of links.carriedOutBy ?? []) parts.push(<div key={`co${id}`}>其结果由 {anchor(id)} 落实</div>);
  if (links.appealOf) parts.push(<div key="a">复核或申诉对象：{anchor(links.appealOf)}</div>);
  if (links.causedBy) parts.push(<div key="c">起因：{anchor(links.causedBy)}</div>);
  for (const id of links.causes) parts.push(<div key={`cs${id}`}>引起：{anchor(id)}</div>);
  return <>{parts}</>;
}

/** What the signed-in role may do with a standing event from its row: the record page, filled in. */
interface RowActionRights {
  career: boolean;
  appeal: boolean;
}

/**
 * A saved export's name says whose it is: `C000026-孙志胜`, the id first so files sort by it (found by an
 * appeals review: named by id only). Characters no file name may hold are replaced.
 */
const exportFileStem = (cadreId: string, name: string | undefined): string => (name ? `${cadreId}-${name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').slice(0, 40)}` : cadreId);

/** The record page's link with its prefill (type and fields by their path): only initial values, nothing is sent. */
const recordLink = (fields: Record<string, string>): string => `/record?${new URLSearchParams(fields).toString()}`;

/**
 * 撤回, 提出复核或申诉 (only what N5 lets be appealed: APPEALABLE_EVENT_TYPES) and 撤销处分 for a
 * standing event of a cadre's own record, and 作出决定 for a filing not decided yet: a retraction names an event of its stream (iRetractable),
 * so the record is the stream's cadre (a recommendation on the recommended cadre's page is the
 * recommender's). A sanction rescinded by a standing rescission is void from its start (TM9):
 * nothing is left to appeal or rescind. Other appeal events (their own streams) offer none.
 */
function RowActions({ e, rights, rescinded, decidedAppeals }: { e: HistoryEvent; rights: RowActionRights; rescinded: boolean; decidedAppeals: ReadonlySet<string> }) {
  // A filing not decided yet: 作出决定, its number filled in (found by an appeals review: it was copied by hand into 录入).
  const appealId = e.data.appealId;
  if (e.type === 'AppealFiled' && rights.appeal && typeof appealId === 'string' && !decidedAppeals.has(appealId)) {
    return (
      <div data-testid="event-actions" style={{ marginTop: 2 }}>
        <Link to={recordLink({ type: 'AppealDecided', appealId })} style={{ fontSize: 12, lineHeight: '20px' }}>
          作出决定
        </Link>
      </div>
    );
  }
  if (!e.streamId.startsWith('cadre-')) return null;
  const cadreId = e.streamId.slice('cadre-'.length);
  const links: { key: string; label: string; to: string }[] = [];
  if (rights.career && e.type !== 'EntryRetracted') links.push({ key: 'retract', label: '撤回', to: recordLink({ type: 'EntryRetracted', cadreId, targetEventId: e.eventId }) });
  if (rights.appeal && APPEALABLE_EVENT_TYPES.includes(e.type as CareerEventType) && !rescinded) {
    links.push({ key: 'appeal', label: '提出复核或申诉', to: recordLink({ type: 'AppealFiled', cadreId, targetEventId: e.eventId }) });
  }
  const sanctionId = e.data.sanctionId;
  if (rights.career && e.type === 'SanctionImposed' && typeof sanctionId === 'string' && !rescinded) {
    const kind = e.data.kind;
    links.push({ key: 'rescind', label: typeof kind === 'string' && kind in SANCTION_KIND_NAMES_ZH ? rescindActionZh(kind as keyof typeof SANCTION_KIND_NAMES_ZH) : EVENT_TYPE_NAMES_ZH.SanctionRescinded, to: recordLink({ type: 'SanctionRescinded', cadreId, sanctionId }) });
  }
  if (links.length === 0) return null;
  // One under the other: the 事项 column stays as narrow as its longest name at 768 px.
  return (
    <div data-testid="event-actions" style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', marginTop: 2 }}>
      {links.map((l) => (
        <Link key={l.key} to={l.to} style={{ fontSize: 12, lineHeight: '20px' }}>
          {l.label}
        </Link>
      ))}
    </div>
  );
}

export function CadreTimelinePage() {
  const { cadreId = '' } = useParams();
  const { asOf, knownAt } = useView();
  const { can } = useSession();
  const orgUnitName = useOrgUnitNames();
  const [asKnown, setAsKnown] = useParam('asKnown');
  const compare = asKnown === '1' && knownAt !== undefined;
  const history = useQuery({
    queryKey: ['history', cadreId],
    queryFn: () => unwrap(api.GET('/v1/cadres/{cadreId}/history', { params: { path: { cadreId } } })),
  });
  const state = useQuery({
    queryKey: ['state', cadreId, asOf, compare ? knownAt : undefined],
    queryFn: () =>
      unwrap(api.GET('/v1/cadres/{cadreId}/state', { params: { path: { cadreId }, query: { asOf, ...(compare ? { knownAt } : {}) } } })),
  });
  // A refused or failed export is said on the page (found walking the app: the buttons did nothing when it failed).
  const exporting = useMutation({ mutationFn: ({ path, filename }: { path: string; filename: string }) => download(path, filename) });
  const verify = useMutation({
    mutationFn: async () => {
      // format=json (the default): the export document; its HTML rendering is a string, never asked here.
      const document = await unwrap(api.GET('/v1/cadres/{cadreId}/export', { params: { path: { cadreId }, query: { format: 'json' } } }));
      if (typeof document === 'string') throw new Error('the export answered HTML where JSON was asked');
      return document;
    },
  });
  // An export file received from elsewhere, checked by the ledger: the file alone, then against the ledger's own events.
  const checkFile = useMutation({
    mutationFn: async (file: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} 不是 JSON 格式的审计导出文件`);
      }
      const answer = await unwrap(api.POST('/v1/audit/verify-export', { body: body as never }));
      // The name the file gives its cadre, said only of a file that agrees with itself (names are checked then).
      const named = (body as { summary?: { cadreName?: unknown } } | null)?.summary?.cadreName;
      return { ...answer, fileCadreName: answer.file.ok && typeof named === 'string' ? named : undefined };
    },
  });
  // A check belongs to the page it was made on: another cadre's page starts without one.
  const resetCheck = checkFile.reset;
  const resetExport = exporting.reset;
  useEffect(() => {
    resetCheck();
    resetExport();
  }, [cadreId, resetCheck, resetExport]);
  const name = history.data?.cadreName ?? undefined;
  const answered = new Map((history.data?.orgUnits ?? []).map((u) => [u.orgUnitId, { name: u.name, kind: u.kind }]));
  const sentence = history.data ? eventSentences(history.data, answered) : () => '';
  const orgUnit: OrgUnitLookup = (id) => answered.get(id) ?? (orgUnitName(id) ? { name: orgUnitName(id)!, kind: 'TOWNSHIP' } : undefined);
  // A bare date means the end of that day, Beijing time, as the server reads it (T1).
  const knownMs = knownAt && isInstant(knownAt) ? knownAtMs(knownAt) : Infinity;
  const laterThanKnown = (e: HistoryEvent) => compare && Date.parse(e.recordedAt) > knownMs;
  const recordedMs = new Map((history.data?.events ?? []).map((e) => [e.eventId, Date.parse(e.recordedAt)]));
  // As known then: retracted only by a retraction recorded by then; one recorded later shows as such.
  const countedThen = (e: HistoryEvent) => !compare || !e.links.retractedBy.some((id) => (recordedMs.get(id) ?? Infinity) <= knownMs);
  const s = state.data;
  // The cadre is in the ledger (the history answered) but was not yet on the instant asked about:
  // that is what the state's 404 means then, not "no such cadre" beside a table of their records.
  const unknownThen = compare && history.data !== undefined && isLedgerNotFound(state.error);
  // No such cadre in the ledger: said once, without the exports, the check and the switch, which
  // could only fail (found walking the app: an unknown id's page offered them all).
  const notFound = isLedgerNotFound(history.error);
  const events = useMemo(() => inEffectiveOrder(history.data?.events ?? []), [history.data]);
  const retractedIds = useMemo(() => new Set(events.filter((e) => e.links.retractedBy.length > 0).map((e) => e.eventId)), [events]);
  const paging = useTablePaging(PAGE_SIZE);
  const linked = useLinkedEvent(events, paging.pageSize, paging.showPage);
  // Effective after the page's date: shown, but marked (the card above is as of that date). A
  // correction acts once known, whatever its date, as the history's `scheduled` says (VOIDS_FROM_ITS_START).
  const afterAsOf = (e: HistoryEvent) => e.effectiveDate > asOf && !VOIDS_FROM_ITS_START.has(e.type);
  // What counted on the page's dates: neither corrected (as known then) nor recorded after knownAt.
  const inEffectEvents = events.filter((e) => !afterAsOf(e) && !e.unreadable && countedThen(e) && (compare || e.counts) && !laterThanKnown(e));
  const inEffect = inEffectEvents.length;
  // Actions act on the ledger as it stands now: none on a timeline shown as known at an earlier instant.
  const rights: RowActionRights = { career: !compare && can('recordCareerEvents'), appeal: !compare && can('recordAppealEvents') };
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const decidedAppeals = useMemo(() => new Set(events.filter((e) => e.type === 'AppealDecided' && e.counts).map((e) => String(e.data.appealId))), [events]);
  const rescindedNow = (e: HistoryEvent) => e.links.rescindedBy.some((id) => byId.get(id)?.counts === true);
  // Counted in effect, yet void from its start (TM9): said beside the count, by the rescissions standing on
  // the page's instant (found by a review: 有效 270 条 held a rescinded sanction).
  const standingThen = (id: string) => {
    const r = byId.get(id);
    return r !== undefined && countedThen(r) && !laterThanKnown(r);
  };
  const rescindedThen = (e: HistoryEvent) => (compare ? e.links.rescindedBy.some(standingThen) : rescindedNow(e));
  const voidInEffect = inEffectEvents.filter(rescindedThen).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        干部履历 · {name ? `${name}（${cadreId}）` : cadreId}
      </Typography.Title>
      {notFound ? (
        <CadreNotFound cadreId={cadreId} />
      ) : unknownThen ? (
        <Alert
          data-testid="unknown-then"
          type="warning"
          showIcon
          message={`按 ${formatKnownAt(knownAt)} 所知，台账中还没有这名干部`}
          description="其记录都是在所选时间之后录入的（下表黄色底纹），当时的台账查不到这名干部。"
        />
      ) : (
        (history.error || state.error) && <ProblemAlert error={history.error ?? state.error} />
      )}
      {history.data && history.data.warningsZh.length > 0 && (
        // Above everything it casts doubt on (found by a review: an edited event was shown as fact).
        <Alert
          data-testid="history-warnings"
          type="error"
          showIcon
          message={
            history.data.chains.intact
              ? '本履历中有记录无法读取：可能被绕过台账改动，请勿据此作出决定'
              : '本履历未通过哈希链校验：下列记录可能被绕过台账改动，请勿据此作出决定'
          }
          description={
            <>
              {history.data.warningsZh.map((line, i) => (
                <div key={i} style={{ wordBreak: 'break-all' }}>
                  {line}
                </div>
              ))}
              <div>请到“台账校验”运行全库校验，并告知系统管理员。</div>
            </>
          }
        />
      )}
      <BehindNotice answer={state.data} />
      {!notFound && (
      <Space wrap>
        <Switch
          id="as-known"
          checked={compare}
          disabled={!knownAt}
          onChange={(on) => setAsKnown(on ? '1' : undefined)}
          aria-label="按当时所知显示"
        />
        <label htmlFor="as-known">按当时所知显示{knownAt ? `（${formatKnownAt(knownAt)}）` : '（请先在页首选择“按当时所知”时间）'}</label>
        {can('exportAuditTrail') && (
          <>
            <Button
              loading={exporting.isPending && exporting.variables.path.endsWith('?format=html')}
              onClick={() => exporting.mutate({ path: `/v1/cadres/${encodeURIComponent(cadreId)}/export?format=html`, filename: `${exportFileStem(cadreId, name)}-审计记录.html` })}
            >
              导出 HTML
            </Button>
            <Button
              loading={exporting.isPending && exporting.variables.path.endsWith('/export')}
              onClick={() => exporting.mutate({ path: `/v1/cadres/${encodeURIComponent(cadreId)}/export`, filename: `${exportFileStem(cadreId, name)}-审计记录.json` })}
            >
              导出 JSON
            </Button>
            <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
              校验哈希链
            </Button>
          </>
        )}
        {can('verifyLedger') && (
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              checkFile.mutate(file);
              return false; // read here, never sent as a form upload
            }}
          >
            <Button loading={checkFile.isPending}>核对导出文件</Button>
          </Upload>
        )}
      </Space>
      )}
      {exporting.error && (
        <div data-testid="export-failed">
          <ProblemAlert error={exporting.error} />
        </div>
      )}
      {verify.error && <ProblemAlert error={verify.error} />}
      {checkFile.error &&
        (checkFile.error instanceof ApiProblem ? <ProblemAlert error={checkFile.error} /> : <Alert type="error" showIcon message="无法读取文件" description={checkFile.error.message} />)}
      {checkFile.data && (
        <Alert
          data-testid="export-check"
          type={checkFile.data.ok ? 'success' : 'error'}
          showIcon
          closable
          message={checkFile.data.ok ? '导出文件与台账一致' : checkFile.data.file.ok ? '导出文件与台账不符' : '导出文件自身校验失败'}
          description={[
            ...(checkFile.data.file.cadreId !== cadreId
              ? [
                  `注意：该文件是干部${checkFile.data.fileCadreName ? `${checkFile.data.fileCadreName}（${checkFile.data.file.cadreId}）` : ` ${checkFile.data.file.cadreId} `}的导出，` +
                    `不是本页干部${name ?? ''}（${cadreId}）的。`,
                ]
              : []),
            ...checkFile.data.summaryZh,
          ].map((line, i) => (
            <div key={i} style={{ wordBreak: 'break-all' }}>
              {line}
            </div>
          ))}
        />
      )}
      {verify.data && (
        <Alert
          data-testid="verify-result"
          type={verify.data.summary.chainsIntact ? 'success' : 'error'}
          showIcon
          message={verify.data.summary.chainsIntact ? '哈希链完整' : '哈希链断裂'}
          description={verify.data.streams.map((st) => `${verifiedStreamZh(st, name ? `${name}（${cadreId}）` : cadreId)}：${streamVerificationZh(st)}`).join('；')}
        />
      )}
      {s && (
        // With the header's 按当时所知 set but the switch off, the card is as known now: said so (found by a review: it read as the instant's).
        <Card
          size="small"
          title={`截至 ${s.asOf}${s.knownAt ? `，按 ${formatKnownAt(s.knownAt)} 所知` : knownAt ? '，按现在所知（打开“按当时所知显示”可看当时所知）' : ''}`}
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="职级">{s.rank ? `${RANK_NAMES_ZH[s.rank.rank]}（${s.rank.since} 起）` : '—'}</Descriptions.Item>
            {s.tenure ? (
              <Descriptions.Item label={EXPERIENCE_NAMES_ZH.townshipWork}>{lengthZh(s.tenure.townshipWork)}（共 {s.tenure.townshipWorkDays} 天）</Descriptions.Item>
            ) : (
              // Withheld for a role that may not query decisions: said, not left out as if there were none (found by a review).
              s.withheld.includes('tenure') && (
                <Descriptions.Item label={EXPERIENCE_NAMES_ZH.townshipWork}>
                  <span data-testid="tenure-withheld">不向您的角色显示（任职年限须有“查询任职年限、晋升职级资格和推荐人选”的权限）</span>
                </Descriptions.Item>
              )
            )}
            {/* On the card's date, beside every sanction's period listed below: “影响期：无” above “警告 2024-02-01 至 2024-07-31” read as a contradiction. */}
            <Descriptions.Item label={`截至当日所处${SANCTION_PERIOD_ZH}`}>
              {s.sanctionPeriodOnAsOf ? <Tag color="red">{`${SANCTION_KIND_NAMES_ZH[s.sanctionPeriodOnAsOf.kind]} ${effectPeriodZh(s.sanctionPeriodOnAsOf)}`}</Tag> : '无'}
            </Descriptions.Item>
          </Descriptions>
          {s.posts.length > 0 && <Chart label="任职经历甘特图" height={Math.max(140, 40 + 34 * new Set(s.posts.map((p) => `${p.orgUnitId}/${p.role}`)).size)} option={ganttOption(s, orgUnit)} />}
          <ResumeLines state={s} />
          {s.sanctions.length > 0 && (
            <Typography.Paragraph>
              历次处分或组织处理及影响期：
              {s.sanctions.map((x) => {
                const period = s.sanctionPeriods.find((p) => p.sanctionId === x.sanctionId);
                return (
                  <Tag key={x.sanctionId} color={x.rescinded ? 'default' : 'red'}>
                    {[SANCTION_KIND_NAMES_ZH[x.kind], period && effectPeriodZh(period)].filter(Boolean).join(' ')}
                    {x.rescinded ? '（已撤销）' : ''}
                  </Tag>
                );
              })}
            </Typography.Paragraph>
          )}
        </Card>
      )}
      {history.data && (
        <Typography.Text>
          履历记录共 <span data-testid="history-count">{history.data.events.length}</span> 条
          {/* No count "in effect on" a date that is none (found by a review: 2025-02-30 got one). */}
          {isRealDate(asOf, false) ? (
            <>
              ，截至 {asOf} 有效 <span data-testid="history-in-effect">{inEffect}</span> 条
              {voidInEffect > 0 ? <span data-testid="history-void-in-effect">（其中 {voidInEffect} 条处分或组织处理已被撤销，自始无效）</span> : null}
            </>
          ) : null}
          （按生效日期排列；含复核、申诉记录；灰色为已撤回的记录，蓝色标记为截至日期之后生效的记录）。
        </Typography.Text>
      )}
      {compare && <Alert type="warning" showIcon message="黄色底纹的记录是在所选时间之后录入的：当时台账中还没有它们。" />}
      {!notFound && (
      <DataTable<HistoryEvent>
        data-testid="history-table"
        loadError={history.error}
        size="small"
        rowKey="eventId"
        loading={history.isPending}
        dataSource={events}
        scroll={{ x: 'max-content' }}
        pagination={{ current: paging.current, pageSize: paging.pageSize, showSizeChanger: true, onChange: paging.onChange }}
        onRow={(e) => ({
          id: `event-${e.eventId}`,
          style: {
            ...(laterThanKnown(e) ? { background: '#fffbe6' } : !e.unreadable && countedThen(e) && (compare || e.counts) ? {} : { color: '#999' }),
            ...(e.eventId === linked ? { outline: '2px solid #1677ff', outlineOffset: -2 } : {}),
          },
        })}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveDate' },
          {
            title: '事项',
            key: 'type',
            render: (_, e) => (
              <>
                <Space size={4} wrap>
                  {EVENT_TYPE_NAMES_ZH[e.type as keyof typeof EVENT_TYPE_NAMES_ZH] ?? e.type}
                  {e.unreadable ? (
                    <Tag color="red">无法读取</Tag>
                  ) : !countedThen(e) || (!compare && !e.counts) ? (
                    <Tag>已撤回</Tag>
                  ) : (
                    !e.counts && <Tag color="gold">此后撤回</Tag>
                  )}
                  {e.scheduled ? <Tag color="blue">待生效</Tag> : afterAsOf(e) && <Tag color="blue">截至日期之后生效</Tag>}
                  {laterThanKnown(e) && <Tag color="gold">此后录入</Tag>}
                  {e.type === 'AppealFiled' && typeof e.data.appealId === 'string' && <LateFilingTag appealId={e.data.appealId} />}
                  {overrideOf(e) && (
                    <Tag color="orange" style={{ ...WRAPPED_CELL, minWidth: 0, maxWidth: 320 }}>
                      政策例外：{overrideOf(e)!.reason}
                    </Tag>
                  )}
                </Space>
                {e.counts && <RowActions e={e} rights={rights} rescinded={rescindedNow(e)} decidedAppeals={decidedAppeals} />}
              </>
            ),
          },
          // Wrapped within a measure: a retraction's reason of 2,000 characters drew the table 32,000 px wide on one line (found walking the app).
          { title: '内容', key: 'summary', render: (_, e) => <div style={WRAPPED_CELL}>{sentence(e)}</div> },
          { title: '文号', key: 'doc', render: (_, e) => e.documentRef ?? '—' },
          { title: '录入时间', key: 'recorded', render: (_, e) => formatInstant(e.recordedAt) },
          { title: '录入人', key: 'actor', render: (_, e) => actorZh(e.actor) },
          { title: '关联', key: 'links', render: (_, e) => <Links links={e.links} retracted={retractedIds} later={(id) => compare && (recordedMs.get(id) ?? -Infinity) > knownMs} eventOf={(id) => byId.get(id)} /> },
          // From 768 px: the retraction and appeal forms ask for it “见干部履历”, and below 1,200 px it was nowhere (found walking the app).
          { title: '事件编号', key: 'eventId', responsive: ['md'], render: (_, e) => <span data-testid="event-id">{e.eventId}</span> },
        ]}
      />
      )}
    </Space>
  );
}

/** A chart tooltip's lines as DOM text nodes (echarts renders a returned element as is). */
function tooltipLines(lines: readonly string[]): HTMLElement {
  const box = document.createElement('div');
  for (const line of lines) {
    const row = document.createElement('div');
    row.textContent = line;
    box.append(row);
  }
  return box;
}

/**
 * 简历 as the appointment form (干部任免审批表) writes it, to copy into one: the CLI's own lines
 * (libs/tables resume-zh.ts) from the card's posts, with secondments and temporary postings where the
 * role may see the tenure they are part of.
 */
function ResumeLines({ state }: { state: Answer<'CadreStateDto'> }) {
  const lines = resumeZh(state.tenure ?? { asOf: state.asOf, posts: state.posts, secondments: [], temporaryPostings: [] });
  if (lines.length === 0) return null;
  return (
    <div data-testid="resume">
      <Typography.Text strong>简历</Typography.Text>
      <Typography.Text type="secondary">（按台账中的任职记录，年.月{state.tenure ? '' : '；借调、挂职锻炼须有查询任职年限的权限才列出'}）</Typography.Text>{' '}
      <Typography.Text copyable={{ text: lines.map(resumeLineTextZh).join('\n'), tooltips: ['复制简历', '已复制'] }} />
      {/* The periods in a column of their own: the text's spaces align only in a fixed-width font. */}
      {lines.map((l, i) => (
        <div key={i} data-testid="resume-line" style={{ display: 'flex', gap: 12, marginTop: 2 }}>
          <span style={{ flex: '0 0 9.5em', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{`${l.from}—${l.to ?? ''}`}</span>{' '}
          <span style={{ overflowWrap: 'anywhere' }}>{`${l.text}${l.notes.length > 0 ? `（其间：${l.notes.join('；')}）` : ''}`}</span>
        </div>
      ))}
    </div>
  );
}
