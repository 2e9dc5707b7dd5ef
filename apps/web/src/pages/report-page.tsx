/**
 * One page for every entry of REPORTS: the report's own parameters as labelled form fields (kept
 * in the URL), its headline figures, the chart, then each of its tables, paged.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Form, Input, InputNumber, Space, Typography } from 'antd';
import { BehindNotice, Chart, DataTable, ProblemAlert, TownshipPicker, useOrgUnitNames } from '../components/common';
import type { ReportContext, ReportDefinition, ReportParam, ReportTable } from '../report-definition';
import { canonicalFindingRule, quoteInput } from '@ledger/domain';
import { ExportXlsxButton } from '../components/export-xlsx';
import { formatKnownAt, halfWidth, useParam, useView } from '../view';

/**
 * A rule filter as typed: full-width (ＴＭ４, typed with a Chinese input method) read as ASCII and
 * the rule's own spelling whatever the case (tm4: TM4); one no finding carries is kept as typed, for
 * the API to refuse by name. ＴＭ４ was refused as no rule (found walking the app).
 */
function ruleFilterOf(text: string | undefined): string | undefined {
  const typed = halfWidth(text ?? '').trim();
  return typed === '' ? undefined : (canonicalFindingRule(typed) ?? typed);
}

export function ReportPage({ report }: { report: ReportDefinition }) {
  const { asOf, knownAt } = useView();
  const orgUnitName = useOrgUnitNames();
  const [yearParam, setYear] = useParam('year');
  const [township, setTownship] = useParam('township');
  const [ruleParam, setRule] = useParam('rule');
  // Also a rule from an edited or older link (?rule=tm4). One no finding carries is said and left out: the API's
  // refusal listed 34 bare rule ids (found by a review).
  const typedRule = ruleFilterOf(ruleParam);
  const ruleUnknown = typedRule !== undefined && canonicalFindingRule(typedRule) === undefined;
  const rule = ruleUnknown ? undefined : typedRule;
  const takes = (p: ReportParam) => report.params?.includes(p) ?? false;
  const defaultYear = Number(asOf.slice(0, 4)) - 1;
  // A year from an edited or older link that is none (?year=abc, ?year=20250) is said, not silently replaced (found 2026-12-04).
  const yearUnreadable = takes('year') && yearParam !== undefined && !/^\d{4}$/.test(yearParam.trim());
  const yearChosen = yearUnreadable ? undefined : Number(yearParam) || undefined;
  const year = yearChosen ?? defaultYear;
  const context: ReportContext = { asOf, knownAt, year, yearChosen, township: takes('township') ? township : undefined, rule: takes('rule') ? rule : undefined, orgUnitName };
  const query = useQuery({
    queryKey: ['report', report.route, asOf, knownAt, takes('year') ? (report.optionalYear ? (yearChosen ?? null) : year) : null, context.township ?? null, context.rule ?? null],
    queryFn: () => report.fetch(context),
  });
  const data = query.data;
  const chart = data && report.chart ? report.chart(data, context) : null;
  const first = report.tables[0];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {report.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        {report.description}
        {data && first && (
          <>
            {' '}
            {first.title ? `${first.title}：` : ''}共 <span data-testid="report-count">{first.rows(data).length}</span> 条。
          </>
        )}
      </Typography.Text>
      {((report.params && report.params.length > 0) || report.xlsx) && (
        <Form layout="inline" aria-label="报表条件">
          {takes('year') && (
            <Form.Item label="年度" htmlFor="report-year">
              <InputNumber
                id="report-year"
                min={1990}
                max={2999}
                value={report.optionalYear ? yearChosen : year}
                placeholder={report.optionalYear?.placeholder}
                onChange={(v) => setYear(v ? String(v) : undefined)}
                style={{ width: report.optionalYear ? 130 : 110 }}
              />
            </Form.Item>
          )}
          {takes('township') && <TownshipPicker id="report-township" value={township} onChange={setTownship} />}
          {takes('rule') && (
            <Form.Item label="规则" htmlFor="report-rule">
              <Input.Search key={typedRule ?? ''} id="report-rule" allowClear placeholder="如 TM1、TM4、N4" defaultValue={typedRule} onSearch={(v) => setRule(ruleFilterOf(v))} style={{ width: 200 }} enterButton="筛选" />
            </Form.Item>
          )}
          {report.xlsx && (
            <Form.Item>
              <ExportXlsxButton {...report.xlsx(context)} disabled={!data} />
            </Form.Item>
          )}
        </Form>
      )}
      {yearUnreadable && (
        <Alert
          data-testid="report-year-unreadable"
          type="warning"
          showIcon
          message={`链接中的年度“${quoteInput(yearParam!)}”不是四位数的年份，${report.optionalYear ? '已略去；按年度的提示按截至日期的上一年列出' : `下面按默认年度 ${defaultYear} 年列出`}。`}
        />
      )}
      {takes('rule') && ruleUnknown && (
        <Alert
          data-testid="report-rule-unknown"
          type="warning"
          showIcon
          message={`没有编号为“${quoteInput(typedRule!)}”的规则，已略去，下面列出全部提示。`}
          description="规则编号如 TM1、TM4、N4，或一项细则如 TM1.member-under-30；写措施编号（如 TM1）即列出其各项细则的提示。"
        />
      )}
      {data && yearNotBegun(data) && (
        // A year not begun on the reference date owes nothing yet: its empty lists are no finding (found by a review).
        <Alert
          data-testid="report-year-not-begun"
          type="info"
          showIcon
          message={`${data.year} 年度在基准日 ${data.referenceDate} 尚未开始，没有应核对的事项；该年度开始后再查询。`}
        />
      )}
      {query.error && <ProblemAlert error={query.error} notFoundField={(id) => (id === context.township ? 'township' : undefined)} />}
      <BehindNotice answer={query.data} />
      {data && (report.figures || 'knownAt' in data || 'policyVersion' in data) && (
        // Every report says which instant its answer is as known at, those without figures too (found by a review: the findings said none),
        // and which policy version produced it, in the CLI's words (RULES.md; found by a review: only team composition said it).
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }}>
          {(report.figures?.(data) ?? []).map((f) => (
            <Descriptions.Item key={f.testId} label={f.label}>
              <span data-testid={f.testId}>{f.value}</span>
            </Descriptions.Item>
          ))}
          {'policyVersion' in data && (
            <Descriptions.Item label="政策版本">
              <span data-testid="report-policy-version">{String(data.policyVersion)}</span>
            </Descriptions.Item>
          )}
          {'knownAt' in data && (
            <Descriptions.Item label="按当时所知">{data.knownAt ? formatKnownAt(data.knownAt) : '全部已录入'}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      {chart && (
        <Card size="small">
          <Chart option={chart} label={`${report.title}统计图`} />
        </Card>
      )}
      {report.tables.map((t) => (
        <ReportTableView key={t.key} table={t} answer={data} loading={query.isPending} loadError={query.error} single={report.tables.length === 1} />
      ))}
    </Space>
  );
}

/** A year's report (training, talks, health checks) asked for a year that has not begun on its reference date. */
function yearNotBegun(answer: unknown): answer is { year: number; referenceDate: string; yearBegun: false } {
  return typeof answer === 'object' && answer !== null && 'yearBegun' in answer && answer.yearBegun === false;
}

function ReportTableView({ table, answer, loading, loadError, single }: { table: ReportTable<any>; answer: unknown; loading: boolean; loadError: unknown; single: boolean }) {
  const rows = answer === undefined ? [] : table.rows(answer);
  return (
    <div>
      {table.title && (
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {table.title}（<span data-testid={`report-count-${table.key}`}>{answer === undefined ? '…' : rows.length}</span>）
        </Typography.Title>
      )}
      <DataTable
        data-testid={single ? 'report-table' : `report-table-${table.key}`}
        loadError={loadError}
        size="small"
        loading={loading}
        rowKey={table.rowKey}
        columns={typeof table.columns === 'function' ? table.columns(answer) : table.columns}
        dataSource={rows}
        {...(table.expand ? { expandable: { expandedRowRender: table.expand } } : {})}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
