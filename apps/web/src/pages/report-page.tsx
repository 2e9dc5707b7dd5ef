/** One page for every entry of REPORTS: the chart above, the paged table below. */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Typography } from 'antd';
import { Chart, ProblemAlert, useOrgUnitNames } from '../components/common';
import type { ReportDefinition } from '../reports';
import { useView } from '../view';

export function ReportPage({ report }: { report: ReportDefinition }) {
  const { asOf, knownAt } = useView();
  const orgUnitName = useOrgUnitNames();
  const context = { asOf, knownAt, orgUnitName };
  const query = useQuery({ queryKey: ['report', report.route, asOf, knownAt], queryFn: () => report.fetch(context) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {report.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        {report.description}
        {query.data && (
          <>
            {' '}共 <span data-testid="report-count">{query.data.length}</span> 条。
          </>
        )}
      </Typography.Text>
      {query.error && <ProblemAlert error={query.error} />}
      {report.chart && query.data && query.data.length > 0 && (
        <Card size="small">
          <Chart option={report.chart(query.data, context)} label={`${report.title}统计图`} />
        </Card>
      )}
      <Table
        data-testid="report-table"
        size="small"
        loading={query.isPending}
        rowKey={report.rowKey}
        columns={report.columns}
        dataSource={query.data ?? []}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
        scroll={{ x: 'max-content' }}
      />
    </Space>
  );
}
