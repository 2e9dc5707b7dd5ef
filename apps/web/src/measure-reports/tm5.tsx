/** TM5 township weight: department ratings, recommendations and their outcome, secretaries' county seats. */
import { Table, Tag } from 'antd';
import { defineReport } from '../report-definition';
import { REPORT_TITLES_ZH, REPRESENTATIVE_BODY_NAMES_ZH, roleNameZh } from '../vocabulary';
import { barsPerUnit, Evidence, fetchReport, reportXlsx, type ReportAnswer, unitZh, Who } from './shared';

type Department = ReportAnswer<'department-ratings'>['departments'][number];
type Rater = Department['raters'][number];

const average = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));

export const departmentRatings = defineReport<ReportAnswer<'department-ratings'>>({
  route: '/reports/department-ratings',
  title: REPORT_TITLES_ZH['department-ratings'],
  needs: 'readReports',
  description: 'TM5：乡镇党政正职对县级部门工作实绩、管理和服务的年度测评，按部门汇总平均分。',
  params: ['year'],
  fetch: (view) => fetchReport('department-ratings', 'year', view),
  xlsx: (view) => reportXlsx('department-ratings', 'year', view),
  figures: (a) => [
    { label: '县级部门', value: a.departments.length, testId: 'figure-departments' },
    { label: '测评人次', value: a.departments.reduce((n, d) => n + d.ratings, 0), testId: 'figure-ratings' },
  ],
  tables: [
    {
      key: 'departments',
      title: '各县级部门',
      rows: (a) => a.departments,
      rowKey: (d: Department) => d.orgUnitId,
      columns: [
        { title: '县级部门', key: 'unit', render: (_, d: Department) => unitZh(d) },
        { title: '测评人数', dataIndex: 'ratings' },
        { title: '工作实绩', key: 'work', render: (_, d: Department) => average(d.averages?.work) },
        { title: '管理', key: 'management', render: (_, d: Department) => average(d.averages?.management) },
        { title: '服务', key: 'service', render: (_, d: Department) => average(d.averages?.service) },
        { title: '依据事件', key: 'evidence', render: (_, d: Department) => <Evidence ids={d.evidence} /> },
      ],
      expand: (d: Department) => (
        <Table
          size="small"
          rowKey="eventId"
          pagination={false}
          dataSource={d.raters}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '测评人', key: 'cadre', render: (_, r: Rater) => <Who c={r} /> },
            { title: '工作实绩', key: 'work', render: (_, r: Rater) => r.scores.work },
            { title: '管理', key: 'management', render: (_, r: Rater) => r.scores.management },
            { title: '服务', key: 'service', render: (_, r: Rater) => r.scores.service },
            { title: '事件', dataIndex: 'eventId' },
          ]}
        />
      ),
    },
  ],
  chart: (a) =>
    a.departments.length === 0
      ? null
      : barsPerUnit(
          a.departments.map((d) => d.orgUnitName),
          [
            { name: '工作实绩', data: a.departments.map((d) => d.averages?.work ?? 0) },
            { name: '管理', data: a.departments.map((d) => d.averages?.management ?? 0) },
            { name: '服务', data: a.departments.map((d) => d.averages?.service ?? 0) },
          ],
          '平均分',
        ),
});

type Recommendation = ReportAnswer<'recommendations'>['recommendations'][number];

export const recommendations = defineReport<ReportAnswer<'recommendations'>>({
  route: '/reports/recommendations',
  title: REPORT_TITLES_ZH.recommendations,
  needs: 'readReports',
  description: 'TM5：乡镇党委书记实名推荐的副科级领导干部人选，及其后是否任用（任用事件）。',
  fetch: (view) => fetchReport('recommendations', 'asOf', view),
  xlsx: (view) => reportXlsx('recommendations', 'asOf', view),
  figures: (a) => [
    { label: '推荐', value: a.recommendations.length, testId: 'figure-recommendations' },
    { label: '其中已任用', value: a.recommendations.filter((r) => r.outcome).length, testId: 'figure-appointed' },
  ],
  tables: [
    {
      key: 'recommendations',
      rows: (a) => a.recommendations,
      rowKey: (r: Recommendation) => r.eventId,
      columns: [
        { title: '日期', dataIndex: 'date' },
        { title: '推荐人', key: 'by', render: (_, r: Recommendation) => <Who c={r.recommendedBy} /> },
        { title: '被推荐人', key: 'who', render: (_, r: Recommendation) => <Who c={r.recommended} /> },
        { title: '拟任职务', dataIndex: 'forPost' },
        {
          title: '结果',
          key: 'outcome',
          render: (_, r: Recommendation) =>
            r.outcome ? (
              <Tag color="green">{`${r.outcome.appointedOn} 任 ${unitZh(r.outcome)} ${roleNameZh(r.outcome.role, { name: r.outcome.orgUnitName, kind: r.outcome.orgUnitKind })}`}</Tag>
            ) : (
              <Tag>尚未任用</Tag>
            ),
        },
        { title: '依据事件', key: 'evidence', render: (_, r: Recommendation) => <Evidence ids={r.evidence} /> },
      ],
    },
  ],
});

type Secretary = ReportAnswer<'secretary-seats'>['secretaries'][number];

export const secretarySeats = defineReport<ReportAnswer<'secretary-seats'>>({
  route: '/reports/secretary-seats',
  title: REPORT_TITLES_ZH['secretary-seats'],
  needs: 'readReports',
  description: 'TM5：截至日期各乡镇党委书记是否为县级党代表、人大代表或政协委员；没有的列为合规提示。',
  params: ['township'],
  fetch: (view) => fetchReport('secretary-seats', 'asOf', view, true),
  xlsx: (view) => reportXlsx('secretary-seats', 'asOf', view, true),
  figures: (a) => [
    { label: '党委书记', value: a.secretaries.length, testId: 'figure-secretaries' },
    { label: '没有县级代表委员身份', value: a.secretaries.filter((s) => !s.passed).length, testId: 'figure-without-seat' },
  ],
  tables: [
    {
      key: 'secretaries',
      rows: (a) => a.secretaries,
      rowKey: (s: Secretary) => `${s.orgUnitId}:${s.cadreId}`,
      columns: [
        { title: '乡镇', key: 'unit', render: (_, s: Secretary) => unitZh(s) },
        { title: '党委书记', key: 'cadre', render: (_, s: Secretary) => <Who c={s} /> },
        {
          title: '县级代表委员',
          key: 'seats',
          render: (_, s: Secretary) =>
            s.seats.length > 0 ? s.seats.map((x) => <Tag key={x.eventId} color="green">{`${REPRESENTATIVE_BODY_NAMES_ZH[x.body]}（自 ${x.since}）`}</Tag>) : <Tag color="red">无</Tag>,
        },
        { title: '依据事件', key: 'evidence', render: (_, s: Secretary) => <Evidence ids={s.evidence} /> },
      ],
    },
  ],
  chart: (a) =>
    a.secretaries.length === 0
      ? null
      : {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['40%', '70%'],
              data: [
                { name: '有县级代表委员身份', value: a.secretaries.filter((s) => s.passed).length },
                { name: '没有', value: a.secretaries.filter((s) => !s.passed).length },
              ],
            },
          ],
        },
});
