/** TM1 team composition, TM2 promotion orientation, TM3 training: report pages. */
import { Table } from 'antd';
import { tm1ExperiencedMember } from '@ledger/domain';
import { type Answer, api, unwrap } from '../api/client';
import { defineReport } from '../report-definition';
import { EDUCATION_NAMES_ZH, EXPERIENCE_NAMES_ZH, LEVEL_NAMES_ZH, REPORT_TITLES_ZH, roleNameZh, TEMPORARY_POSTING_KIND_NAMES_ZH, trainingWindowZh } from '../vocabulary';
import { barsPerUnit, checkColumns, Checks, Evidence, fetchReport, reportXlsx, type ReportAnswer, ruleZh, unitZh, Who, YesNo } from './shared';

type Team = ReportAnswer<'team-composition'>['townships'][number];
/** A team member with the township's name, which names the head 镇长 or 乡长. */
type Member = Team['members'][number] & { township: string | null };
const membersOf = (t: Team): Member[] => t.members.map((m) => ({ ...m, township: t.orgUnitName }));
type TeamAnswer = ReportAnswer<'team-composition'> & { settings: Answer<'PolicyAnswerDto'>['defaults']['settings'] | undefined };

const memberColumns = [
  { title: '干部', key: 'cadre', render: (_: unknown, m: Member) => <Who c={m} /> },
  { title: '职务', key: 'role', render: (_: unknown, m: Member) => roleNameZh(m.role, { name: m.township, kind: 'TOWNSHIP' }) },
  { title: '年龄', key: 'age', render: (_: unknown, m: Member) => m.age ?? '—' },
  { title: `${EXPERIENCE_NAMES_ZH.townshipWork}（年）`, dataIndex: 'townshipWorkYears' },
  { title: `${EXPERIENCE_NAMES_ZH.townshipLeadership}（年）`, dataIndex: 'townshipLeadershipYears' },
  { title: '依据事件', key: 'evidence', render: (_: unknown, m: Member) => <Evidence ids={m.evidence} /> },
];

export const teamComposition = defineReport<TeamAnswer>({
  route: '/reports/team-composition',
  title: REPORT_TITLES_ZH['team-composition'],
  needs: 'readReports',
  description: 'TM1：截至日期各乡镇领导班子的成员、年龄、乡镇工作经历和乡镇领导工作经历，逐项对照政策设定的门槛；全县年轻党政正职和班子成员占比（年龄界限按政策版本，默认 35 岁以下）。',
  params: ['township'],
  xlsx: (view) => reportXlsx('team-composition', 'asOf', view, true),
  fetch: async (view) => {
    const [report, policy] = await Promise.all([
      fetchReport('team-composition', 'asOf', view, true),
      unwrap(api.GET('/v1/policy', { params: { query: { on: view.asOf } } })).catch(() => undefined),
    ]);
    // The thresholds of the very version the report names.
    const version = policy ? (policy.versions.find((v) => v.version === report.policyVersion) ?? policy.defaults) : undefined;
    return { ...report, settings: version?.settings };
  },
  figures: (a) => [
    { label: '乡镇', value: a.townships.length, testId: 'figure-townships' },
    { label: '班子成员', value: a.townships.reduce((n, t) => n + t.members.length, 0), testId: 'figure-members' },
    { label: '未通过的检查', value: [...a.townships.flatMap((t) => t.checks), ...a.county.checks].filter((c) => !c.passed && !c.advisory).length, testId: 'figure-failed' },
  ],
  tables: [
    {
      key: 'townships',
      title: '各乡镇领导班子',
      rows: (a) => a.townships,
      rowKey: (t: Team) => t.orgUnitId,
      columns: [
        { title: '乡镇', key: 'unit', render: (_, t: Team) => unitZh(t) },
        { title: '成员', key: 'members', render: (_, t: Team) => `${t.members.length} 人` },
        { title: '检查', key: 'checks', render: (_, t: Team) => <Checks checks={t.checks} /> },
      ],
      expand: (t: Team) => <Table size="small" rowKey="cadreId" pagination={false} columns={memberColumns} dataSource={membersOf(t)} scroll={{ x: 'max-content' }} />,
    },
    {
      key: 'members',
      title: '班子成员',
      rows: (a) => a.townships.flatMap((t) => membersOf(t).map((m) => ({ ...m, unit: unitZh(t) }))),
      rowKey: (m: Member & { unit: string }) => `${m.unit}:${m.cadreId}`,
      columns: [{ title: '乡镇', dataIndex: 'unit' }, ...memberColumns],
    },
    { key: 'county', title: '全县', rows: (a) => a.county.checks, rowKey: (c) => `${c.rule}:${c.detail}`, columns: checkColumns },
  ],
  chart: (a) => {
    const s = a.settings;
    if (!s) return null;
    const years = s.teamAges.memberMinTownshipWorkYears;
    const share = (t: Team) => (t.members.length === 0 ? 0 : Math.round((1000 * t.members.filter((m) => tm1ExperiencedMember(m, s)).length) / t.members.length) / 10);
    return barsPerUnit(
      a.townships.map((t) => t.orgUnitName),
      [{ name: `具有${years}年以上乡镇工作经历的成员占比（%）`, data: a.townships.map(share) }],
      '%',
      { value: Math.round(1000 * s.teamComposition.minShareWithTwoYearsTownshipWork) / 10, label: `要求 ${(100 * s.teamComposition.minShareWithTwoYearsTownshipWork).toFixed(1)}%` },
    );
  },
});

type Appointment = ReportAnswer<'promotion-pool'>['chiefAppointments'][number];
type Graduate = ReportAnswer<'promotion-pool'>['priorityGraduates'][number];
type Experienced = ReportAnswer<'promotion-pool'>['secretaryExperienced'][number];
type YearShare = ReportAnswer<'promotion-pool'>['preferredPoolShareByYear'][number];

export const promotionPool = defineReport<ReportAnswer<'promotion-pool'>>({
  route: '/reports/promotion-pool',
  title: REPORT_TITLES_ZH['promotion-pool'],
  needs: 'readReports',
  description: 'TM2：具有乡镇党委书记任职经历的干部（现任者）；乡镇党政正职选任是否来自乡镇人大主席和副职，逐年占比；全日制硕士研究生或“双一流”高校毕业、实绩突出的优先提拔人选。',
  fetch: (view) => fetchReport('promotion-pool', 'asOf', view),
  xlsx: (view) => reportXlsx('promotion-pool', 'asOf', view),
  figures: (a) => [
    { label: '具有党委书记经历', value: a.secretaryExperienced.length, testId: 'figure-experienced' },
    { label: '其中现任', value: a.servingSecretaries, testId: 'figure-serving' },
    { label: '党政正职选任', value: a.chiefAppointments.length, testId: 'figure-appointments' },
    { label: '优先提拔人选', value: a.priorityGraduates.filter((g) => g.outstanding).length, testId: 'figure-priority' },
  ],
  tables: [
    {
      key: 'experienced',
      title: '具有乡镇党委书记任职经历的干部',
      rows: (a) => a.secretaryExperienced,
      rowKey: (s: Experienced) => s.cadreId,
      columns: [
        { title: '干部', key: 'cadre', render: (_, s: Experienced) => <Who c={s} /> },
        { title: '现任党委书记', key: 'serving', render: (_, s: Experienced) => <YesNo yes={s.serving} /> },
        { title: '任党委书记（年）', dataIndex: 'secretaryYears' },
        { title: '依据事件', key: 'evidence', render: (_, s: Experienced) => <Evidence ids={s.evidence} /> },
      ],
    },
    {
      key: 'appointments',
      title: '乡镇党政正职选任',
      rows: (a) => a.chiefAppointments,
      rowKey: (c: Appointment) => `${c.cadreId}:${c.date}:${c.orgUnitId}`,
      columns: [
        { title: '日期', dataIndex: 'date' },
        { title: '干部', key: 'cadre', render: (_, c: Appointment) => <Who c={c} /> },
        { title: '任职', key: 'post', render: (_, c: Appointment) => `${unitZh(c)} ${roleNameZh(c.role, { name: c.orgUnitName, kind: 'TOWNSHIP' })}` },
        { title: '来自人大主席、副职', key: 'pool', render: (_, c: Appointment) => <YesNo yes={c.fromPreferredPool} /> },
        { title: '此前职务', key: 'previous', render: (_, c: Appointment) => c.previousPosts.map((p) => `${unitZh(p)} ${roleNameZh(p.role, { name: p.orgUnitName, kind: p.orgUnitKind })}`).join('、') || '—' },
        { title: '依据事件', key: 'evidence', render: (_, c: Appointment) => <Evidence ids={c.evidence} /> },
      ],
    },
    {
      key: 'share',
      title: '逐年占比',
      rows: (a) => a.preferredPoolShareByYear,
      rowKey: (y: YearShare) => String(y.year),
      columns: [
        { title: '年度', dataIndex: 'year' },
        { title: '选任人数', dataIndex: 'appointments' },
        { title: '来自人大主席、副职', dataIndex: 'fromPreferredPool' },
        { title: '占比', key: 'share', render: (_, y: YearShare) => (y.appointments ? `${((100 * y.fromPreferredPool) / y.appointments).toFixed(1)}%` : '—') },
      ],
    },
    {
      key: 'graduates',
      title: '全日制硕士研究生或“双一流”高校毕业的乡镇干部',
      rows: (a) => a.priorityGraduates,
      rowKey: (g: Graduate) => g.cadreId,
      columns: [
        { title: '干部', key: 'cadre', render: (_, g: Graduate) => <Who c={g} /> },
        { title: '学历', key: 'education', render: (_, g: Graduate) => EDUCATION_NAMES_ZH[g.education as keyof typeof EDUCATION_NAMES_ZH] ?? g.education },
        { title: '双一流', key: 'dfc', render: (_, g: Graduate) => <YesNo yes={g.doubleFirstClass} /> },
        { title: '考核年度', key: 'years', render: (_, g: Graduate) => g.years.join('、') || '—' },
        { title: '优秀次数', dataIndex: 'excellent' },
        { title: '实绩突出（优先提拔）', key: 'outstanding', render: (_, g: Graduate) => <YesNo yes={g.outstanding} /> },
        { title: '依据事件', key: 'evidence', render: (_, g: Graduate) => <Evidence ids={g.evidence} /> },
      ],
    },
  ],
  chart: (a) =>
    a.preferredPoolShareByYear.length === 0
      ? null
      : {
          tooltip: { trigger: 'axis' },
          // The legend above the plot: ECharts 6 puts it at the bottom by default, where it ran over
          // the years of the x axis at 1280 and 768 px (found by a web review).
          legend: { top: 0 },
          grid: { left: 48, right: 24, top: 56, bottom: 40 },
          xAxis: { type: 'category', data: a.preferredPoolShareByYear.map((y) => String(y.year)) },
          yAxis: { type: 'value', name: '人', minInterval: 1 },
          series: [
            { type: 'bar', name: '党政正职选任', data: a.preferredPoolShareByYear.map((y) => y.appointments) },
            { type: 'bar', name: '其中来自人大主席、副职', data: a.preferredPoolShareByYear.map((y) => y.fromPreferredPool) },
          ],
        },
});

type Missing = ReportAnswer<'training'>['missing'][number];
type TrainingUnit = ReportAnswer<'training'>['townships'][number];
type Posting = ReportAnswer<'training'>['temporaryPostings']['postings'][number];

export const training = defineReport<ReportAnswer<'training'>>({
  route: '/reports/training',
  title: REPORT_TITLES_ZH.training,
  needs: 'readReports',
  description: 'TM3：未按政策规定周期（默认党政正职每年、领导干部每三年）参加培训的干部，各乡镇人数；乡镇领导干部与其他干部挂职锻炼人次。',
  params: ['year', 'township'],
  fetch: (view) => fetchReport('training', 'year', view, true),
  xlsx: (view) => reportXlsx('training', 'year', view, true),
  figures: (a) => [
    { label: '未按要求培训', value: a.missing.length, testId: 'figure-missing' },
    { label: '挂职：乡镇领导干部', value: a.temporaryPostings.townshipLeaders, testId: 'figure-postings-leaders' },
    { label: '挂职：其他干部', value: a.temporaryPostings.others, testId: 'figure-postings-others' },
    { label: '基准日', value: a.referenceDate, testId: 'figure-reference' },
  ],
  tables: [
    {
      key: 'missing',
      title: '未按要求参加培训',
      rows: (a) => a.missing,
      rowKey: (m: Missing) => `${m.rule}:${m.cadreId}:${m.orgUnitId}`,
      columns: [
        { title: '干部', key: 'cadre', render: (_, m: Missing) => <Who c={m} /> },
        { title: '乡镇', key: 'unit', render: (_, m: Missing) => unitZh(m) },
        { title: '要求', key: 'rule', render: (_, m: Missing) => `${ruleZh(m.rule)}（${m.fromYear === m.toYear ? m.toYear : `${m.fromYear}–${m.toYear}`}）` },
        {
          title: '最近一次培训',
          key: 'last',
          render: (_, m: Missing) => (m.lastTraining ? `${m.lastTraining.date} ${LEVEL_NAMES_ZH[m.lastTraining.level as keyof typeof LEVEL_NAMES_ZH] ?? m.lastTraining.level}` : '无'),
        },
        { title: '依据事件', key: 'evidence', render: (_, m: Missing) => <Evidence ids={m.evidence} /> },
      ],
    },
    {
      key: 'townships',
      title: '各乡镇',
      rows: (a) => a.townships,
      rowKey: (t: TrainingUnit) => t.orgUnitId,
      // The cycles are the policy version's (TM3 settings), said in the headings as the answer gives them.
      columns: (a) => [
        { title: '乡镇', key: 'unit', render: (_, t: TrainingUnit) => unitZh(t) },
        { title: '党政正职', dataIndex: 'chiefs' },
        { title: a ? `其中${trainingWindowZh(a.cycles.chiefEveryYears)}未培训` : '其中未按期培训', dataIndex: 'chiefsMissing' },
        { title: '班子成员', dataIndex: 'leaders' },
        { title: a ? `其中${trainingWindowZh(a.cycles.leaderEveryYears)}未培训` : '其中未按期培训', dataIndex: 'leadersMissing' },
      ],
    },
    {
      key: 'postings',
      title: '挂职锻炼',
      rows: (a) => a.temporaryPostings.postings,
      rowKey: (p: Posting) => p.eventId,
      columns: [
        { title: '干部', key: 'cadre', render: (_, p: Posting) => <Who c={p} /> },
        { title: '乡镇领导干部', key: 'leader', render: (_, p: Posting) => <YesNo yes={p.townshipLeader} /> },
        { title: '类别', key: 'kind', render: (_, p: Posting) => TEMPORARY_POSTING_KIND_NAMES_ZH[p.kind as keyof typeof TEMPORARY_POSTING_KIND_NAMES_ZH] ?? p.kind },
        { title: '挂职单位', dataIndex: 'host' },
        { title: '开始日期', dataIndex: 'from' },
        { title: '事件', dataIndex: 'eventId' },
      ],
    },
  ],
  chart: (a) =>
    barsPerUnit(
      a.townships.map((t) => t.orgUnitName),
      [
        { name: `${trainingWindowZh(a.cycles.chiefEveryYears)}未培训的党政正职`, data: a.townships.map((t) => t.chiefsMissing) },
        { name: `${trainingWindowZh(a.cycles.leaderEveryYears)}未培训的班子成员`, data: a.townships.map((t) => t.leadersMissing) },
      ],
      '人',
    ),
});
