/** Pieces the ten measures' report pages share: names beside ids, evidence, checks, the report's own fetch. */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/openapi';
import { CadreLink } from '../components/common';
import type { ReportContext } from '../report-definition';
import { MEASURE_RULE_NAMES_ZH, REPORT_TITLES_ZH } from '../vocabulary';

export type ReportName = keyof typeof REPORT_TITLES_ZH;

/** A report's answer as /docs/openapi.json documents it on the report's own path. */
export type ReportAnswer<Name extends ReportName> = paths[`/v1/reports/${Name}`]['get']['responses'][200]['content']['application/json'];

/** A check line, as every report documents it. */
export type ReportCheck = ReportAnswer<'team-composition'>['county']['checks'][number];

/** The query a report's kind takes (a day's report: asOf; a year's: year), with the page's township and "as known at". */
function reportQuery(dated: 'asOf' | 'year', view: ReportContext, township: boolean): { asOf?: string; year?: number; township?: string; knownAt?: string } {
  const query: { asOf?: string; year?: number; township?: string; knownAt?: string } = dated === 'asOf' ? { asOf: view.asOf } : { year: view.year };
  if (township && view.township) query.township = view.township;
  if (view.knownAt) query.knownAt = view.knownAt;
  return query;
}

/** GET /v1/reports/{name} with the parameters its kind takes. */
export function fetchReport<Name extends ReportName>(name: Name, dated: 'asOf' | 'year', view: ReportContext, township = false): Promise<ReportAnswer<Name>> {
  // The generic route answers the union of every report; the name picks its member.
  return unwrap(api.GET('/v1/reports/{name}', { params: { path: { name }, query: reportQuery(dated, view, township) } })) as Promise<ReportAnswer<Name>>;
}

/** The same question answered as an Excel workbook (导出 Excel): the CLI's tables of the report. */
export function reportXlsx(name: ReportName, dated: 'asOf' | 'year', view: ReportContext, township = false): { path: string; query: Record<string, string | undefined> } {
  const q = reportQuery(dated, view, township);
  return { path: `/v1/reports/${name}`, query: { asOf: q.asOf, year: q.year === undefined ? undefined : String(q.year), township: q.township, knownAt: q.knownAt } };
}

/** "张三（C000123）", linked to the timeline: the report carries the name. */
export const Who = ({ c }: { c: { cadreId: string; cadreName: string } }) => <CadreLink id={c.cadreId} name={c.cadreName} />;

/** "某某镇（T01）". */
export const unitZh = (u: { orgUnitId: string; orgUnitName: string }): string => (u.orgUnitName && u.orgUnitName !== u.orgUnitId ? `${u.orgUnitName}（${u.orgUnitId}）` : u.orgUnitId);

export const ruleZh = (rule: string): string => MEASURE_RULE_NAMES_ZH[rule] ?? rule;

export const YesNo = ({ yes, good = true }: { yes: boolean; good?: boolean }) => <Tag color={yes === good ? 'green' : 'red'}>{yes ? '是' : '否'}</Tag>;

/** The event ids behind a line: the first few, all of them on hover and on expanding. */
export function Evidence({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <span>—</span>;
  return (
    <Typography.Paragraph
      data-testid="evidence"
      style={{ margin: 0, maxWidth: 260, fontSize: 12, wordBreak: 'break-all' }}
      ellipsis={{ rows: 2, expandable: true, symbol: `展开（${ids.length}）` }}
      type="secondary"
    >
      {ids.join(' ')}
    </Typography.Paragraph>
  );
}

/** A report's checks: pass/fail (advisory ones as reference), the rule's Chinese name, the detail on hover. */
export function Checks({ checks }: { checks: readonly ReportCheck[] }) {
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth: 420 }}>
      {checks.map((c, i) => (
        // A check made once per person names whom (the two chiefs' experience checks read alike; found by a review).
        <Tooltip key={`${c.rule}-${i}`} title={`${ruleZh(c.rule)}（${c.rule}）：${c.detail}`}>
          <Tag color={c.advisory ? (c.passed ? 'blue' : 'gold') : c.passed ? 'green' : 'red'}>
            {ruleZh(c.rule)}
            {c.cadreId ? `（${c.cadreName ?? c.cadreId}）` : ''}：{c.advisory ? (c.passed ? '达到（参考）' : '未达到（参考）') : c.passed ? '通过' : '未通过'}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Columns for a list of checks (a county's, a team's), each with its detail and evidence. */
export const checkColumns = [
  { title: '检查项', key: 'rule', render: (_: unknown, c: ReportCheck) => `${ruleZh(c.rule)}（${c.rule}）` },
  {
    title: '结果',
    key: 'passed',
    render: (_: unknown, c: ReportCheck) => <Tag color={c.advisory ? 'blue' : c.passed ? 'green' : 'red'}>{c.advisory ? (c.passed ? '达到（参考）' : '未达到（参考）') : c.passed ? '通过' : '未通过'}</Tag>,
  },
  { title: '说明', key: 'detail', render: (_: unknown, c: ReportCheck) => <div style={{ maxWidth: 480 }}>{c.detail}</div> },
  { title: '依据事件', key: 'evidence', render: (_: unknown, c: ReportCheck) => <Evidence ids={c.evidence} /> },
];

/** Chart colours for what holds and what is missing. */
export const GOOD = '#52a675';
export const BAD = '#d9534f';

/** Bars shown at once; more townships are scrolled through (a province's 300 – 1,000 made a comb whose names could not be read: a province-scale review). */
export const BARS_IN_VIEW = 30;

/**
 * Past BARS_IN_VIEW bars, the first BARS_IN_VIEW shown with every name, a slider and the wheel to
 * move along the rest; the plot's bottom margin grows by the slider's room.
 */
export function barsInView(count: number): { dataZoom?: object[]; extraBottom: number; everyName: { interval?: number; rotate?: number } } {
  if (count <= BARS_IN_VIEW) return { extraBottom: 0, everyName: {} };
  const window = { startValue: 0, endValue: BARS_IN_VIEW - 1 };
  return {
    dataZoom: [{ type: 'slider', ...window, height: 18, bottom: 8 }, { type: 'inside', ...window, zoomOnMouseWheel: false, moveOnMouseWheel: true }],
    extraBottom: 40,
    // Steeper, so that thirty names side by side do not run into each other at 768 px.
    everyName: { interval: 0, rotate: 50 },
  };
}

/** A bar per township (names on the axis), optional threshold line; past BARS_IN_VIEW, scrolled (barsInView). */
export function barsPerUnit(units: string[], series: { name: string; data: number[]; stack?: string; color?: string }[], yName: string, threshold?: { value: number; label: string }) {
  const { dataZoom, extraBottom, everyName } = barsInView(units.length);
  return {
    tooltip: { trigger: 'axis' as const },
    legend: {},
    grid: { left: 48, right: threshold ? 96 : 24, bottom: 64 + extraBottom },
    ...(dataZoom ? { dataZoom } : {}),
    xAxis: { type: 'category' as const, data: units, axisLabel: { rotate: units.length > 6 ? 30 : 0, ...everyName } },
    yAxis: { type: 'value' as const, name: yName, minInterval: 1 },
    series: series.map((s, i) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.data,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
      ...(i === 0 && threshold ? { markLine: { symbol: 'none', data: [{ yAxis: threshold.value, name: threshold.label }], label: { formatter: threshold.label }, lineStyle: { color: '#b71c1c', type: 'dashed' as const } } } : {}),
    })),
  };
}
