/**
 * Report pages as data (report-definition.tsx): the compliance findings and the appeals here, the
 * ten measures' reports in measure-reports/. A report endpoint that lands in the API becomes a
 * page by adding one entry to REPORTS.
 */
import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type Answer, api, unwrap } from './api/client';
import { CadreLink, OrgUnitName } from './components/common';
import { MEASURE_REPORTS } from './measure-reports';
import { barsInView, Evidence } from './measure-reports/shared';
import { defineReport, table, type ReportDefinition } from './report-definition';
import { appealedDecisionZh, bothChiefsAdjustedZh, decisionScheduledZh, measureFindingZh, ruleNameZh, rulesZh, APPEAL_OUTCOME_NAMES_ZH, APPEAL_STAGE_NAMES_ZH, APPEAL_STANDING_NAMES_ZH, appealRemedyMissingZh, appealStanding, FINDING_KIND_NAMES_ZH, overrideFindingZh } from './vocabulary';
import { periodZh, type CalendarDate } from '@ledger/domain';
import { todayInShanghai, useView } from './view';
import { useSession } from './session';

/** A listed finding: recorded (overrides, TM4, appeals without remedy) or of the ten measures. */
type Findings = Answer<'FindingsDto'>;
type ListedFinding = Findings['findings'][number];

const countBy = <T,>(rows: T[], key: (row: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
};

/** The org units a finding concerns, each with the name the answer carries. */
const findingOrgUnits = (f: ListedFinding): [string, string | null][] => {
  switch (f.kind) {
    case 'OVERRIDE':
      return f.orgUnitIds.map((id, i) => [id, f.orgUnitNames[i] ?? null]);
    case 'APPEAL_REMEDY_MISSING':
      return [];
    case 'MEASURE':
      return f.orgUnitId === null ? [] : [[f.orgUnitId, f.orgUnitName]];
    default:
      return [[f.orgUnitId, f.orgUnitName]];
  }
};

const findingDate = (f: ListedFinding): string => {
  switch (f.kind) {
    case 'OVERRIDE':
      return f.effectiveDate;
    case 'TM4_SECRETARY_VACANCY':
      // `to` is the successor's first day: the vacancy's last day is the one before (空缺 N 天 beside it).
      return f.to === null ? `${f.from} 至 今` : periodZh(f.from as CalendarDate, f.to as CalendarDate);
    case 'APPEAL_REMEDY_MISSING':
      return f.decidedOn;
    default:
      return f.date;
  }
};

/**
 * A measure finding's sentence as the CLI writes it (measureFindingZh: …（政策版本 N）), the version
 * it was judged under marked for the page's readers and tests (RULES.md: every derived answer says
 * which policy version produced it).
 */
function MeasureFindingDetail({ f }: { f: Extract<ListedFinding, { kind: 'MEASURE' }> }) {
  const sentence = measureFindingZh(f);
  const at = sentence.lastIndexOf(f.policyVersion);
  if (at < 0) {
    return (
      <>
        {sentence}（政策版本 <span data-testid="finding-policy-version">{f.policyVersion}</span>）
      </>
    );
  }
  return (
    <>
      {sentence.slice(0, at)}
      <span data-testid="finding-policy-version">{f.policyVersion}</span>
      {sentence.slice(at + f.policyVersion.length)}
    </>
  );
}

/** What a finding says, in a sentence. */
function findingDetail(f: ListedFinding): string {
  switch (f.kind) {
    case 'OVERRIDE':
      return overrideFindingZh(f);
    case 'TM4_SECRETARY_VACANCY':
      return `空缺 ${f.days} 天（TM4 要求无缝衔接）`;
    case 'TM4_BOTH_CHIEFS_ADJUSTED':
      return bothChiefsAdjustedZh(f.orgUnitName);
    case 'APPEAL_REMEDY_MISSING':
      return appealRemedyMissingZh(f);
    case 'MEASURE':
      return measureFindingZh(f);
  }
}

const findings = defineReport<Findings>({
  route: '/reports/findings',
  title: '合规提示',
  needs: 'readFindings',
  description: '政策例外（说明理由后例外录入的事项）及其理由、TM4 党委书记空缺、党政正职同日调整、复核或申诉成立未纠正，以及十项措施的各项提示；不选年度时，按年度的提示（培训、谈心谈话、体检等）为截至日期的上一年。',
  // 年度 narrows the findings to those of one year, as the API's and the CLI's `year` does (found by a review: a link's year was ignored).
  params: ['year', 'township', 'rule'],
  // What an empty year means, as the description says it (found by a web review: 全部年度, while the
  // yearly findings are then those of the year before 截至日期); short enough for the field's 130 px.
  optionalYear: { placeholder: '年度提示为上年' },
  xlsx: ({ asOf, knownAt, yearChosen, township, rule }) => ({ path: '/v1/findings', query: { asOf, year: yearChosen === undefined ? undefined : String(yearChosen), knownAt, orgUnitId: township, rule } }),
  fetch: ({ asOf, knownAt, yearChosen, township, rule }) =>
    unwrap(api.GET('/v1/findings', { params: { query: { asOf, ...(yearChosen !== undefined ? { year: yearChosen } : {}), ...(knownAt ? { knownAt } : {}), ...(township ? { orgUnitId: township } : {}), ...(rule ? { rule } : {}) } } })),
  tables: [
    table<Findings, ListedFinding>({
  key: 'findings',
  rows: (a) => a.findings,
  rowKey: (f) => (f.kind === 'OVERRIDE' ? f.eventId : `${f.kind}:${f.rule}:${findingOrgUnits(f).map(([id]) => id).join(',')}:${findingDate(f)}:${f.evidence.join(',')}`),
  // Every column in sight at 1280 px within the page's ≈ 1,020 px: each wraps within a width of its
  // own instead of widening the table (说明 was cut and 依据 off the edge; found by a web review).
  columns: [
    {
      title: '类别',
      key: 'kind',
      render: (_, f) => <Tag color={f.kind === 'OVERRIDE' ? 'orange' : 'red'}>{FINDING_KIND_NAMES_ZH[f.kind]}</Tag>,
    },
    {
      title: '规则',
      key: 'rule',
      responsive: ['md'],
      render: (_, f) => <div style={{ maxWidth: 112, overflowWrap: 'anywhere' }}>{f.kind === 'OVERRIDE' ? rulesZh(f.rules) : ruleNameZh(f.rule)}</div>,
    },
    { title: '单位', key: 'org', render: (_, f) => findingOrgUnits(f).map(([id, name]) => <div key={id} style={{ maxWidth: 120 }}><OrgUnitName id={id} name={name} /></div>) },
    { title: '干部', key: 'cadre', render: (_, f) => (f.kind !== 'TM4_SECRETARY_VACANCY' && f.kind !== 'TM4_BOTH_CHIEFS_ADJUSTED' && f.cadreId !== null ? <div style={{ maxWidth: 120 }}><CadreLink id={f.cadreId} name={f.cadreName ?? undefined} /></div> : '—') },
    {
      title: '日期',
      key: 'date',
      // A vacancy's period on two lines: 2020-01-01 至 / 2020-03-01.
      render: (_, f) => <div style={{ maxWidth: 96 }}>{findingDate(f)}</div>,
    },
    {
      title: '说明',
      key: 'detail',
      // Wrapped within a measure: a policy exception's reason of 1,500 characters drew the table 22,000 px wide on one line (found walking the app).
      render: (_, f) => <div style={{ width: 250, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{f.kind === 'MEASURE' ? <MeasureFindingDetail f={f} /> : findingDetail(f)}</div>,
    },
    // Folded as on the measures' pages: a TM1 row names up to 18 events (found by a review: the column was 2,700 px wide); the first two lines of ids, the rest on 展开.
    { title: '依据', key: 'evidence', responsive: ['lg'], render: (_, f) => <div style={{ width: 130 }}><Evidence ids={f.kind === 'OVERRIDE' ? [f.eventId] : f.evidence} /></div> },
  ],
    }),
  ],
  chart: ({ findings: rows }, view) => {
    const byUnit = new Map<string, Map<string, number>>();
    for (const f of rows) {
      for (const [id] of findingOrgUnits(f)) {
        const kinds = byUnit.get(id) ?? new Map<string, number>();
        kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
        byUnit.set(id, kinds);
      }
    }
    // The townships with the most findings first, then by id: at a province, the ones to look at are in view (a province-scale review).
    const total = (id: string) => [...(byUnit.get(id)?.values() ?? [])].reduce((a, b) => a + b, 0);
    const units = [...byUnit.keys()].sort((a, b) => total(b) - total(a) || a.localeCompare(b));
    const { dataZoom, extraBottom, everyName } = barsInView(units.length);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 }, // above the plot: below it, the legend ran over the rotated township names
      grid: { left: 40, right: 16, top: 56, bottom: 60 + extraBottom },
      ...(dataZoom ? { dataZoom } : {}),
      xAxis: { type: 'category', data: units.map((id) => view.orgUnitName(id) ?? id), axisLabel: { rotate: 30, ...everyName } },
      yAxis: { type: 'value', name: '条数', minInterval: 1 },
      // One series per kind: FINDING_KIND_NAMES_ZH names MEASURE already (found by a web review: a
      // second MEASURE series stacked the ten measures' findings twice, 102 bars against 共 52 条).
      series: (Object.keys(FINDING_KIND_NAMES_ZH) as (keyof typeof FINDING_KIND_NAMES_ZH)[]).map((kind) => ({
        type: 'bar',
        stack: 'kinds',
        name: FINDING_KIND_NAMES_ZH[kind],
        data: units.map((id) => byUnit.get(id)?.get(kind) ?? 0),
      })),
    };
  },
});

/** As /v1/appeals answers: each appeal with the cadre's name (null when none is registered). */
type Appeals = Answer<'AppealsDto'>;
type NamedAppeal = Appeals['appeals'][number];

const STANDING_COLOURS = { NOT_YET_FILED: 'default', OPEN: 'blue', PAST_DECISION_DUE: 'orange', OVERDUE: 'red', DECIDED: 'default', DECIDED_IN_EXTENSION: 'gold', DECIDED_LATE: 'volcano' } as const;
/** The chart's slices in the tags' colours (antd's blue-6, orange-6, red-6, gold-6, volcano-6 and a neutral grey). */
const STANDING_CHART_COLOURS = { NOT_YET_FILED: '#d9d9d9', OPEN: '#1677ff', PAST_DECISION_DUE: '#fa8c16', OVERDUE: '#f5222d', DECIDED: '#bfbfbf', DECIDED_IN_EXTENSION: '#faad14', DECIDED_LATE: '#fa541c' } as const;
const appealState = (a: NamedAppeal): string => APPEAL_STANDING_NAMES_ZH[appealStanding(a)];

/**
 * 作出决定 beside an appeal still pending on the page's day, for a role that records appeal events: the
 * record page with its number filled in (found by an appeals review: the officer copied the number into
 * 录入 → 复核或申诉决定 by hand). None on a list shown as known at an earlier instant: actions act on the
 * ledger as it stands now, as the timeline's do.
 */
function DecideAppealLink({ appeal }: { appeal: NamedAppeal }) {
  const { can } = useSession();
  const { knownAt } = useView();
  if (!can('recordAppealEvents') || knownAt !== undefined || appeal.status !== 'OPEN' || appeal.scheduled || appeal.decisionScheduled) return null;
  return (
    <Link data-testid="decide-appeal" to={`/record?${new URLSearchParams({ type: 'AppealDecided', appealId: appeal.appealId }).toString()}`} style={{ fontSize: 12, marginInlineStart: 4 }}>
      作出决定
    </Link>
  );
}

const appeals = defineReport<Appeals>({
  route: '/reports/appeals',
  title: '复核或申诉',
  needs: 'readHistory',
  description:
    // The days are policy settings (appeals.*): the defaults are said as such, each row's own dates follow its version (found by a policy review).
    '复核、申诉及其期限（N5，天数按各件提出时的政策版本，默认如下）：逾期提出的标为“逾期提出”；申诉过了审理期限（默认60日）仍未决的标为“已过审理期限”（复杂情况经批准可延长，默认30日）；延长期满（复核为审理期限，默认30日，期满）仍未决的标为“逾期未决”；已决的标明是否在期限内作出（“延长期内作出决定”“逾期作出决定”）。',
  // The header's dates apply: the deadlines measured to 截至日期, as the ledger knew them at 按当时所知
  // (found by reviews: the page once answered for today only, and said so).
  xlsx: ({ asOf, knownAt }) => ({ path: '/v1/appeals', query: { status: 'all', asOf, knownAt } }),
  fetch: ({ asOf, knownAt }) => unwrap(api.GET('/v1/appeals', { params: { query: { status: 'all', asOf, ...(knownAt ? { knownAt } : {}) } } })),
  figures: (a) => [{ label: '期限计至', value: `${a.asOf}${a.asOf === todayInShanghai() ? '（今天）' : ''}`, testId: 'figure-appeals-today' }],
  tables: [
    table<Appeals, NamedAppeal>({
  key: 'appeals',
  rows: (answer) => answer.appeals,
  rowKey: (a) => a.appealId,
  columns: [
    { title: '复核或申诉编号', dataIndex: 'appealId' },
    { title: '干部', key: 'cadre', render: (_, a) => <CadreLink id={a.cadreId} name={a.cadreName ?? undefined} /> },
    { title: '阶段', key: 'stage', render: (_, a) => APPEAL_STAGE_NAMES_ZH[a.stage] },
    { title: '提出日期', key: 'filed', render: (_, a) => <>{a.filedOn} {a.scheduled && <Tag color="blue">待生效</Tag>} {a.filedLate && <Tag color="orange">逾期提出</Tag>}</> },
    { title: '提出期限', dataIndex: 'filingDeadline', responsive: ['lg'] },
    { title: '应决日期', key: 'due', render: (_, a) => `${a.decisionDue}${a.decisionDueExtended ? `（可延至 ${a.decisionDueExtended}）` : ''}` },
    {
      title: '状态',
      key: 'status',
      render: (_, a) => (
        <>
          <Tag color={STANDING_COLOURS[appealStanding(a)]}>
            {appealState(a)}
            {a.outcome ? `：${APPEAL_OUTCOME_NAMES_ZH[a.outcome]}` : ''}
          </Tag>
          {a.decisionScheduled && <Tag color="blue">{decisionScheduledZh(a.decisionScheduled)}</Tag>}
          <DecideAppealLink appeal={a} />
        </>
      ),
    },
    {
      title: '复核或申诉对象',
      key: 'target',
      // Shown from 768 px: what each appeal contests is what an appeals officer reads the list for (found by a review: hidden below 992 px).
      responsive: ['md'],
      // What was appealed, in words; the event id beside it for the cadre's history (事件编号).
      render: (_, a) => (
        <span data-testid="appeal-target">
          {a.target ? appealedDecisionZh({ ...a.target, effectiveDate: a.target.effectiveDate as CalendarDate }) : '（台账中未找到该记录）'}
          <Typography.Text type="secondary"> 事件 {a.targetEventId}</Typography.Text>
        </span>
      ),
    },
    // The version whose days its deadlines follow (appeals.*), as every derived answer names it.
    { title: '政策版本', dataIndex: 'policyVersion', responsive: ['lg'] },
  ],
    }),
  ],
  chart: ({ appeals: rows }) => {
    const counts = countBy(rows, appealState);
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          // Only the standings some appeal has: empty slices would crowd the labels of the others.
          data: (['NOT_YET_FILED', 'OPEN', 'PAST_DECISION_DUE', 'OVERDUE', 'DECIDED', 'DECIDED_IN_EXTENSION', 'DECIDED_LATE'] as const).flatMap((standing) => {
            const name = APPEAL_STANDING_NAMES_ZH[standing];
            const value = counts.get(name) ?? 0;
            return value > 0 ? [{ name, value, itemStyle: { color: STANDING_CHART_COLOURS[standing] } }] : [];
          }),
        },
      ],
    };
  },
});

export const REPORTS: readonly ReportDefinition[] = [findings, appeals, ...MEASURE_REPORTS];
