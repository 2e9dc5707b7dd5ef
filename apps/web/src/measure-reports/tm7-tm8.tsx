/** TM7 assessment (focus ledger, reminder talks) and TM8 care (talks, health checks): report pages. */
import { Tag } from 'antd';
import { defineReport } from '../report-definition';
import { ASSESSMENT_CLASS_NAMES_ZH, REPORT_TITLES_ZH, ROLE_NAMES_ZH, roleNameZh } from '../vocabulary';
import { BAD, barsPerUnit, Evidence, GOOD, fetchReport, reportXlsx, type ReportAnswer, ruleZh, unitZh, Who, YesNo } from './shared';

type Entry = ReportAnswer<'focus-ledger'>['entries'][number];

export const focusLedger = defineReport<ReportAnswer<'focus-ledger'>>({
  route: '/reports/focus-ledger',
  title: REPORT_TITLES_ZH['focus-ledger'],
  needs: 'readReports',
  description: 'TM7：任职期间连续数年（年数按政策版本，默认三年）年度考核为优秀的乡镇党政正职，列入重点关注培育台账，注明列入日期。',
  params: ['township'],
  fetch: (view) => fetchReport('focus-ledger', 'asOf', view, true),
  xlsx: (view) => reportXlsx('focus-ledger', 'asOf', view, true),
  figures: (a) => [
    { label: '列入重点关注培育台账', value: a.entries.length, testId: 'figure-entries' },
    { label: '其中现任党政正职', value: a.entries.filter((e) => e.inPostOnAsOf).length, testId: 'figure-in-post' },
  ],
  tables: [
    {
      key: 'entries',
      rows: (a) => a.entries,
      rowKey: (e: Entry) => `${e.cadreId}:${e.since}`,
      columns: [
        { title: '干部', key: 'cadre', render: (_, e: Entry) => <Who c={e} /> },
        { title: '列入日期', dataIndex: 'since' },
        { title: '连续优秀年度', key: 'years', render: (_, e: Entry) => e.years.join('、') },
        { title: '列入时政策版本', dataIndex: 'policyVersion' },
        { title: '现任党政正职', key: 'inPost', render: (_, e: Entry) => <YesNo yes={e.inPostOnAsOf} /> },
        { title: '依据事件', key: 'evidence', render: (_, e: Entry) => <Evidence ids={e.evidence} /> },
      ],
    },
  ],
});

type LowTownship = ReportAnswer<'reminder-talks'>['townships'][number];
type ReminderLine = { t: LowTownship; c: LowTownship['chiefs'][number] | undefined };
type ClassLine = ReportAnswer<'reminder-talks'>['excellentByClass'][number];

export const reminderTalks = defineReport<ReportAnswer<'reminder-talks'>>({
  route: '/reports/reminder-talks',
  title: REPORT_TITLES_ZH['reminder-talks'],
  needs: 'readReports',
  description: 'TM7：年度目标绩效考核得分最低的若干个乡镇（个数按政策版本，默认三个；并列者一并列入），其党政正职是否已由县领导提醒谈话、由谁、何时；各考核类别的乡镇和县级部门中评为优秀的领导班子成员人数。',
  params: ['year'],
  fetch: (view) => fetchReport('reminder-talks', 'year', view),
  xlsx: (view) => reportXlsx('reminder-talks', 'year', view),
  figures: (a) => [
    { label: '列入乡镇', value: a.townships.length, testId: 'figure-townships' },
    // Until every township is scored, the lowest are only those of the scores recorded so far.
    { label: '未录入得分乡镇', value: a.unscored.length, testId: 'figure-unscored' },
    { label: '应提醒谈话', value: a.townships.reduce((n, t) => n + t.chiefs.length, 0), testId: 'figure-chiefs' },
    // The measure asks for a county leader's talk: one by anyone else is not counted as held (found by a web review).
    { label: '尚未由县领导谈话', value: a.townships.reduce((n, t) => n + t.chiefs.filter((c) => !c.remindedByCountyLeader).length, 0), testId: 'figure-not-held' },
  ],
  tables: [
    {
      key: 'chiefs',
      title: `目标绩效考核得分最低的乡镇及其党政正职`,
      rows: (a) => a.townships.flatMap((t): ReminderLine[] => (t.chiefs.length === 0 ? [{ t, c: undefined }] : t.chiefs.map((c) => ({ t, c })))),
      rowKey: (l: ReminderLine) => `${l.t.orgUnitId}:${l.c?.cadreId ?? '-'}`,
      columns: [
        { title: '乡镇', key: 'unit', render: (_, l: ReminderLine) => unitZh(l.t) },
        { title: '得分', key: 'score', render: (_, l: ReminderLine) => l.t.score },
        { title: '党政正职', key: 'chief', render: (_, l: ReminderLine) => (l.c ? <>{<Who c={l.c} />} {l.c.role in ROLE_NAMES_ZH ? roleNameZh(l.c.role as keyof typeof ROLE_NAMES_ZH, { name: l.t.orgUnitName, kind: 'TOWNSHIP' }) : l.c.role}</> : '（无）') },
        { title: '县领导已提醒谈话', key: 'held', render: (_, l: ReminderLine) => (l.c ? <YesNo yes={l.c.remindedByCountyLeader} /> : '—') },
        { title: '谈话人', key: 'by', render: (_, l: ReminderLine) => (l.c?.heldBy ? <>{<Who c={l.c.heldBy} />}{l.c.heldBy.countyLeader ? '' : <Tag color="orange">非县领导</Tag>}</> : '—') },
        { title: '谈话日期', key: 'on', render: (_, l: ReminderLine) => l.c?.heldOn ?? '—' },
        { title: '依据事件', key: 'evidence', render: (_, l: ReminderLine) => <Evidence ids={l.c ? l.c.evidence : [l.t.scoreEventId]} /> },
      ],
    },
    {
      key: 'classes',
      title: '各考核类别评为优秀的领导班子成员',
      rows: (a) => a.excellentByClass,
      rowKey: (r: ClassLine) => String(r.assessmentClass),
      columns: [
        { title: '考核类别', key: 'class', render: (_, r: ClassLine) => ASSESSMENT_CLASS_NAMES_ZH[r.assessmentClass] },
        { title: '乡镇（个）', key: 'tu', render: (_, r: ClassLine) => r.townships.units },
        { title: '乡镇班子成员评为优秀（人）', key: 'te', render: (_, r: ClassLine) => r.townships.excellent },
        { title: '县级部门（个）', key: 'du', render: (_, r: ClassLine) => r.departments.units },
        { title: '部门班子成员评为优秀（人）', key: 'de', render: (_, r: ClassLine) => r.departments.excellent },
        { title: '依据事件', key: 'evidence', render: (_, r: ClassLine) => <Evidence ids={r.evidence} /> },
      ],
    },
  ],
  chart: (a) =>
    a.townships.length === 0
      ? null
      : barsPerUnit(
          a.townships.map((t) => t.orgUnitName),
          [{ name: '目标绩效考核得分', data: a.townships.map((t) => t.score) }],
          '分',
        ),
});

type Pair = ReportAnswer<'talks'>['missing'][number] & { held: boolean };

export const talks = defineReport<ReportAnswer<'talks'>>({
  route: '/reports/talks',
  title: REPORT_TITLES_ZH.talks,
  needs: 'readReports',
  description: 'TM8：县委县政府主要领导与乡镇党政正职、乡镇党政正职与班子成员，当年应谈的每一对是否已谈心谈话。',
  params: ['year', 'township'],
  fetch: (view) => fetchReport('talks', 'year', view, true),
  xlsx: (view) => reportXlsx('talks', 'year', view, true),
  figures: (a) => [
    // A version asking more than one talk a year: a pair short of it may have talked (found by a review: 未谈).
    { label: a.required === 1 ? '应谈' : `应谈（每对每年 ${a.required} 次）`, value: a.missing.length + a.held.length, testId: 'figure-pairs' },
    { label: a.required === 1 ? '已谈' : '达到要求', value: a.held.length, testId: 'figure-held' },
    { label: a.required === 1 ? '未谈' : '未达到要求', value: a.missing.length, testId: 'figure-missing' },
    { label: '基准日', value: a.referenceDate, testId: 'figure-reference' },
  ],
  tables: [
    {
      key: 'pairs',
      title: '应谈的每一对（未达要求在前）',
      rows: (a) => [...a.missing.map((p) => ({ ...p, held: false })), ...a.held.map((p) => ({ ...p, held: true }))],
      rowKey: (p: Pair) => `${p.rule}:${p.orgUnitId}:${p.a.cadreId}:${p.b.cadreId}`,
      columns: [
        { title: '乡镇', key: 'unit', render: (_, p: Pair) => unitZh(p) },
        { title: '要求', key: 'rule', render: (_, p: Pair) => ruleZh(p.rule) },
        { title: '谈话一方', key: 'a', render: (_, p: Pair) => <Who c={p.a} /> },
        { title: '谈话另一方', key: 'b', render: (_, p: Pair) => <Who c={p.b} /> },
        { title: '达到要求', key: 'held', render: (_, p: Pair) => <YesNo yes={p.held} /> },
        { title: '本年已谈（次）', dataIndex: 'talks' },
        { title: '依据事件', key: 'evidence', render: (_, p: Pair) => <Evidence ids={p.evidence} /> },
      ],
    },
    { key: 'not-assessed', title: '未评估', rows: (a) => a.notAssessed.map((text) => ({ text })), rowKey: (r: { text: string }) => r.text, columns: [{ title: '说明', dataIndex: 'text' }] },
  ],
  chart: (a) => {
    const units = [...new Map([...a.missing, ...a.held].map((p) => [p.orgUnitId, p.orgUnitName])).entries()].sort(([x], [y]) => (x < y ? -1 : 1));
    if (units.length === 0) return null;
    const count = (list: ReportAnswer<'talks'>['missing'], id: string) => list.filter((p) => p.orgUnitId === id).length;
    return barsPerUnit(
      units.map(([, name]) => name),
      [
        { name: '达到要求', data: units.map(([id]) => count(a.held, id)), stack: 'pairs', color: GOOD },
        { name: '未达要求', data: units.map(([id]) => count(a.missing, id)), stack: 'pairs', color: BAD },
      ],
      '对',
    );
  },
});

type HealthLine = ReportAnswer<'health-checks'>['missing'][number];
type HealthUnit = ReportAnswer<'health-checks'>['townships'][number];

export const healthChecks = defineReport<ReportAnswer<'health-checks'>>({
  route: '/reports/health-checks',
  title: REPORT_TITLES_ZH['health-checks'],
  needs: 'readReports',
  description: 'TM8：当年体检次数未达到政策版本要求（默认每年一次）的乡镇干部，按乡镇统计。',
  params: ['year', 'township'],
  fetch: (view) => fetchReport('health-checks', 'year', view, true),
  xlsx: (view) => reportXlsx('health-checks', 'year', view, true),
  figures: (a) => [
    // Each person once, as 已体检 and 未体检 count them (found by a review: a cadre of two townships was two).
    { label: '乡镇干部', value: a.cadres, testId: 'figure-cadres' },
    { label: a.required === 1 ? '已体检' : `体检满 ${a.required} 次`, value: a.held.length, testId: 'figure-held' },
    { label: a.required === 1 ? '未体检' : `体检不足 ${a.required} 次`, value: a.missing.length, testId: 'figure-missing' },
  ],
  tables: [
    {
      key: 'missing',
      title: '体检次数未达要求的干部',
      rows: (a) => a.missing,
      rowKey: (m: HealthLine) => `${m.orgUnitId}:${m.cadreId}`,
      columns: [
        { title: '干部', key: 'cadre', render: (_, m: HealthLine) => <Who c={m} /> },
        { title: '乡镇', key: 'unit', render: (_, m: HealthLine) => unitZh(m) },
        { title: '本年体检（次）', dataIndex: 'checks' },
        { title: '依据事件', key: 'evidence', render: (_, m: HealthLine) => <Evidence ids={m.evidence} /> },
      ],
    },
    {
      key: 'townships',
      title: '各乡镇',
      rows: (a) => a.townships,
      rowKey: (t: HealthUnit) => t.orgUnitId,
      columns: [
        { title: '乡镇', key: 'unit', render: (_, t: HealthUnit) => unitZh(t) },
        { title: '干部人数', dataIndex: 'cadres' },
        { title: '未达要求', dataIndex: 'missing' },
      ],
    },
  ],
  chart: (a) =>
    barsPerUnit(
      a.townships.map((t) => t.orgUnitName),
      [
        { name: '达到要求', data: a.townships.map((t) => t.cadres - t.missing), stack: 'cadres', color: GOOD },
        { name: '未达要求', data: a.townships.map((t) => t.missing), stack: 'cadres', color: BAD },
      ],
      '人',
    ),
});
