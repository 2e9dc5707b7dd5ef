/**
 * The ten measures' reports (十项措施报表, TM1–TM8) as a document of Chinese text and tables: the
 * CLI prints it block by block (`report NAME`), the API and the web app write it as a workbook
 * (`format=xlsx`), one sheet a kind of table. Names beside ids, the policy version, and the
 * evidence (event ids) of every line.
 */
import {
  ASSESSMENT_CLASS_NAMES_ZH,
  assertNever,
  EDUCATION_NAMES_ZH,
  EXPERIENCE_NAMES_ZH,
  MEASURE_RULE_NAMES_ZH,
  REPORT_TITLES_ZH as T,
  REPRESENTATIVE_BODY_NAMES_ZH,
  roleNameZh,
  ruleNameZh,
  shanghaiInstant,
  trainingWindowZh,
  type DepartmentRatingsReport,
  type FocusLedgerReport,
  type HealthChecksReport,
  type PromotionPoolReport,
  type RecommendationsReport,
  type ReminderTalksReport,
  type ReportCheck,
  type SecretarySeatsReport,
  type TalksReport,
  type TeamCompositionReport,
  type TrainingReport,
} from '@ledger/domain';
import type { ReportName } from '@ledger/projections';
import { fileNamePart, knownAtStem, yesNo, type LedgerTable, type LedgerWorkbook, type TableCell } from './ledger-table';

/** One table of a report: the sheet it goes to, and (when several tables share a sheet) the part of the report it is. */
export interface ReportTable {
  readonly sheetName: string;
  /** The line the CLI prints above it (a township's name), and its label on a shared sheet. */
  readonly heading?: string;
  /** Its label on a sheet it shares with others of its kind (the township a TM1 table is of). */
  readonly section?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  /** In the workbook only: what the page lists beside the report's table (the talks held), not printed by the CLI. */
  readonly workbookOnly?: true;
}

export type ReportBlock = { readonly text: string } | { readonly table: ReportTable };

export interface ReportDocument {
  readonly name: ReportName;
  /** The title line: what it answers, for which township when asked of one, under which version, as known when. */
  readonly title: string;
  readonly fileStem: string;
  readonly blocks: readonly ReportBlock[];
}

const who = (c: { cadreId: string; cadreName: string }) => `${c.cadreName}（${c.cadreId}）`;
const unit = (u: { orgUnitId: string; orgUnitName: string }) => `${u.orgUnitName}（${u.orgUnitId}）`;
const ev = (ids: readonly string[]): TableCell => ({ evidence: ids });

const CHECK_HEADERS = ['检查项', '结果', '说明', '依据事件'];
/** `3 次`, a number in a workbook. */
const times = (n: number): TableCell => ({ number: n, text: `${n} 次`, format: '0" 次"' });
/** The reports asked for by a year (the others by a day). */
const YEAR_REPORTS: ReadonlySet<ReportName> = new Set(['training', 'department-ratings', 'reminder-talks', 'talks', 'health-checks']);
const checkRows = (checks: readonly ReportCheck[]): TableCell[][] =>
  checks.map((c) => [ruleNameZh(c.rule), c.advisory ? (c.passed ? '达到（参考）' : '未达到（参考）') : c.passed ? '通过' : '未通过', c.detail, ev(c.evidence)]);

/**
 * `township`: the township asked of, as shown (name and id), so that a printed report says it covers
 * one township (found by a CLI review: the title was the county-wide one's).
 */
export function reportDocumentZh(name: ReportName, answer: unknown, township?: string): ReportDocument {
  const blocks: ReportBlock[] = [];
  const out = (text: string): void => void blocks.push({ text });
  const table = (sheetName: string, headers: readonly string[], rows: readonly (readonly TableCell[])[], part: { heading?: string; section?: string; workbookOnly?: true } = {}): void =>
    void blocks.push({ table: { sheetName, headers, rows, ...part } });
  let title = '';
  let when = '';
  const header = (text: string, a: { policyVersion: string; knownAt: string | null }, at: string): void => {
    title = `${text}（${at}${township ? `，单位 ${township}` : ''}，政策版本 ${a.policyVersion}${a.knownAt ? `，按 ${shanghaiInstant(a.knownAt)} 所知` : ''}）`;
    // A year's report by its year, whatever else its answer carries (two of them also carry asOf: found by a review, named 截至 today).
    when = YEAR_REPORTS.has(name) ? `${String((a as unknown as { year: number }).year)}年度` : `截至${String((a as unknown as { asOf: string }).asOf)}`;
  };
  const knownAt = (answer as { knownAt?: string | null }).knownAt ?? null;
  const doc = (): ReportDocument => ({ name, title, fileStem: fileNamePart(`${T[name]}${township ? `-${township.replace(/（[^（）]*）$/, '')}` : ''}-${when}${knownAtStem(knownAt)}`), blocks });

  switch (name) {
    case 'team-composition': {
      const a = answer as TeamCompositionReport;
      header(T['team-composition'], a, `TM1，截至 ${a.asOf}`);
      for (const t of a.townships) {
        table(
          '班子成员',
          ['干部', '职务', '年龄', `${EXPERIENCE_NAMES_ZH.townshipWork}（年）`, `${EXPERIENCE_NAMES_ZH.townshipLeadership}（年）`],
          t.members.map((m) => [who(m), roleNameZh(m.role, { name: t.orgUnitName, kind: 'TOWNSHIP' }), m.age ?? '—', m.townshipWorkYears, m.townshipLeadershipYears]),
          { heading: unit(t), section: unit(t) },
        );
        table('检查项', CHECK_HEADERS, checkRows(t.checks), { section: unit(t) });
        out('\n');
      }
      table('检查项', CHECK_HEADERS, checkRows(a.county.checks), { heading: '全县', section: '全县' });
      return doc();
    }
    case 'promotion-pool': {
      const a = answer as PromotionPoolReport;
      header(T['promotion-pool'], a, `TM2，截至 ${a.asOf}`);
      out(`具有乡镇党委书记任职经历的干部 ${a.secretaryExperienced.length} 人，其中现任 ${a.servingSecretaries} 人\n`);
      table('党委书记任职经历', ['干部', '现任党委书记', '任党委书记（年）', '依据事件'], a.secretaryExperienced.map((s) => [who(s), yesNo(s.serving), s.secretaryYears, ev(s.evidence)]));
      out('\n乡镇党政正职选任（是否来自乡镇人大主席、副职）\n');
      table('党政正职选任', ['日期', '干部', '任职', '来自人大主席、副职', '依据事件'], a.chiefAppointments.map((c) => [c.date, who(c), `${unit(c)} ${roleNameZh(c.role, { name: c.orgUnitName, kind: 'TOWNSHIP' })}`, yesNo(c.fromPreferredPool), ev(c.evidence)]));
      table('选任来源逐年', ['年度', '选任人数', '来自人大主席、副职', '占比'], a.preferredPoolShareByYear.map((y) => [y.year, y.appointments, y.fromPreferredPool, { number: y.fromPreferredPool / y.appointments, text: `${((100 * y.fromPreferredPool) / y.appointments).toFixed(1)}%`, format: '0.0%' }]));
      out('\n全日制硕士研究生或“双一流”高校毕业的乡镇干部\n');
      table('优秀年轻干部', ['干部', '学历', '双一流', `考核年度`, '优秀次数', '实绩突出（优先提拔）', '依据事件'], a.priorityGraduates.map((g) => [who(g), `${EDUCATION_NAMES_ZH[g.educationLevel]}${g.fullTime ? '（全日制）' : '（在职）'}`, yesNo(g.doubleFirstClass), g.years.join('、'), g.excellent, yesNo(g.outstanding), ev(g.evidence)]));
      return doc();
    }
    case 'training': {
      const a = answer as TrainingReport;
      header(`${a.year} 年度${T.training}`, a, `TM3，基准日 ${a.referenceDate}`);
      if (notBegun(out, a)) return doc();
      table('未按期培训', ['干部', '乡镇', '要求', '最近一次培训', '依据事件'], a.missing.map((m) => [who(m), unit(m), `${MEASURE_RULE_NAMES_ZH[m.rule] ?? m.rule}（${m.fromYear === m.toYear ? m.toYear : `${m.fromYear}–${m.toYear}`}）`, m.lastTraining ? `${m.lastTraining.date}（${m.lastTraining.eventId}）` : '无', ev(m.evidence)]));
      out('\n各乡镇\n');
      table('各乡镇', ['乡镇', '党政正职', `其中${trainingWindowZh(a.cycles.chiefEveryYears)}未培训`, '班子成员', `其中${trainingWindowZh(a.cycles.leaderEveryYears)}未培训`], a.townships.map((t) => [unit(t), t.chiefs, t.chiefsMissing, t.leaders, t.leadersMissing]));
      out(`\n挂职锻炼：乡镇领导干部 ${a.temporaryPostings.townshipLeaders} 人次，其他干部 ${a.temporaryPostings.others} 人次\n`);
      return doc();
    }
    case 'department-ratings': {
      const a = answer as DepartmentRatingsReport;
      header(`${a.year} 年度${T['department-ratings']}`, a, `TM5，年度 ${a.year}`);
      // Every average with two decimals, not 77 / 85.38 / 80.5 in one column (found by a review).
      const average = (n: number | undefined): TableCell => (n === undefined ? '—' : { number: n, text: n.toFixed(2), format: '0.00' });
      table('县级部门', ['县级部门', '测评人数', '工作实绩', '管理', '服务', '依据事件'], a.departments.map((d) => [unit(d), d.ratings, average(d.averages?.work), average(d.averages?.management), average(d.averages?.service), ev(d.evidence)]));
      return doc();
    }
    case 'recommendations': {
      const a = answer as RecommendationsReport;
      header(T.recommendations, a, `TM5，截至 ${a.asOf}`);
      table('实名推荐', ['日期', '推荐人', '被推荐人', '拟任职务', '结果', '依据事件'], a.recommendations.map((r) => [r.date, who(r.recommendedBy), who(r.recommended), r.forPost, r.outcome ? `${r.outcome.appointedOn} 任 ${r.outcome.orgUnitName} ${roleNameZh(r.outcome.role, { name: r.outcome.orgUnitName, kind: r.outcome.orgUnitKind })}` : '尚未任用', ev(r.evidence)]));
      return doc();
    }
    case 'secretary-seats': {
      const a = answer as SecretarySeatsReport;
      header(T['secretary-seats'], a, `TM5，截至 ${a.asOf}`);
      table('两代表一委员', ['乡镇', '党委书记', '县级代表委员', '依据事件'], a.secretaries.map((s) => [unit(s), who(s), s.seats.map((x) => `${REPRESENTATIVE_BODY_NAMES_ZH[x.body]}（自 ${x.since}）`).join('、') || '无（列为合规提示）', ev(s.evidence)]));
      return doc();
    }
    case 'focus-ledger': {
      const a = answer as FocusLedgerReport;
      header(T['focus-ledger'], a, `TM7，截至 ${a.asOf}`);
      table('重点关注培育', ['干部', '列入日期', '连续优秀年度', '列入时政策版本', '现任党政正职', '依据事件'], a.entries.map((e) => [who(e), e.since, e.years.join('、'), e.policyVersion, yesNo(e.inPostOnAsOf), ev(e.evidence)]));
      return doc();
    }
    case 'reminder-talks': {
      const a = answer as ReminderTalksReport;
      header(`${a.year} 年度${T['reminder-talks']}`, a, `TM7，目标绩效考核后 ${a.lowest} 名`);
      if (a.unscored.length > 0) {
        out(`注意：尚有 ${a.unscored.length} 个乡镇未录入 ${a.year} 年度得分（${a.unscored.map(unit).join('、')}），下表为已录入得分中的后 ${a.lowest} 名，全部录入后方可确定。\n\n`);
      }
      table(
        '提醒谈话',
        ['乡镇', '得分', '党政正职', '县领导已提醒谈话', '谈话人', '日期', '依据事件'],
        a.townships.flatMap((t): { t: ReminderTalksReport['townships'][number]; c: ReminderTalksReport['townships'][number]['chiefs'][number] | undefined }[] => (t.chiefs.length === 0 ? [{ t, c: undefined }] : t.chiefs.map((c) => ({ t, c })))).map(({ t, c }) => [
          unit(t),
          t.score,
          c ? `${who(c)} ${roleNameZh(c.role, { name: t.orgUnitName, kind: 'TOWNSHIP' })}` : '（无）',
          c ? yesNo(c.remindedByCountyLeader) : '—',
          c?.heldBy ? `${who(c.heldBy)}${c.heldBy.countyLeader ? '' : '（非县领导）'}` : '—',
          c?.heldOn ?? '—',
          ev(c ? c.evidence : [t.scoreEventId]),
        ]),
      );
      // 考核类别 in the vocabulary's words (等次 is an annual grade; found by a review: "1 等").
      // People graded 优秀, beside a count of units (found by a review: "乡镇优秀 2" beside "乡镇（个）1" read as two excellent townships).
      out('\n各考核类别评为优秀的领导班子成员（乡镇 / 县级部门）\n');
      table('各考核类别优秀', ['考核类别', '乡镇（个）', '乡镇班子成员评为优秀（人）', '县级部门（个）', '部门班子成员评为优秀（人）'], a.excellentByClass.map((r) => [ASSESSMENT_CLASS_NAMES_ZH[r.assessmentClass], r.townships.units, r.townships.excellent, r.departments.units, r.departments.excellent]));
      return doc();
    }
    case 'talks': {
      const a = answer as TalksReport;
      header(`${a.year} 年度${T.talks}`, a, `TM8，基准日 ${a.referenceDate}`);
      if (notBegun(out, a)) return doc();
      // A version asking more than one talk a year: a pair that talked once has talked, short of the number (found by a review: 未谈).
      out(
        a.required === 1
          ? `应谈 ${a.missing.length + a.held.length} 对，已谈 ${a.held.length} 对，未谈 ${a.missing.length} 对\n`
          : `应谈 ${a.missing.length + a.held.length} 对（每对每年 ${a.required} 次），达到 ${a.held.length} 对，未达到 ${a.missing.length} 对\n`,
      );
      const pairRows = (pairs: TalksReport['missing'], evidence: boolean) =>
        pairs.map((p) => [unit(p), who(p.a), who(p.b), MEASURE_RULE_NAMES_ZH[p.rule] ?? p.rule, times(p.talks), ...(evidence ? [ev(p.evidence)] : [])]);
      table('未谈', ['乡镇', '谈话一方', '谈话另一方', '要求', '本年已谈'], pairRows(a.missing, false));
      // What the page lists beside it: the duty met, with the talks that met it (found by a review: the workbook had only the missing).
      table(a.required === 1 ? '已谈' : '已达到', ['乡镇', '谈话一方', '谈话另一方', '要求', '本年已谈', '依据事件'], pairRows(a.held, true), { workbookOnly: true });
      out(`未评估：${a.notAssessed.join('；')}\n`);
      return doc();
    }
    case 'health-checks': {
      const a = answer as HealthChecksReport;
      header(`${a.year} 年度${T['health-checks']}`, a, `TM8，基准日 ${a.referenceDate}`);
      if (notBegun(out, a)) return doc();
      const short = a.required === 1 ? '未体检' : `体检不足 ${a.required} 次`;
      table('各乡镇', ['乡镇', '干部人数', short], a.townships.map((t) => [unit(t), t.cadres, t.missing]));
      out(`\n${short}的干部\n`);
      const lines = (list: HealthChecksReport['missing']) => list.map((m) => [who(m), unit(m), times(m.checks), ev(m.evidence)]);
      table(`${short}的干部`, ['干部', '乡镇', '本年体检', '依据事件'], lines(a.missing));
      table('已体检的干部', ['干部', '乡镇', '本年体检', '依据事件'], lines(a.held), { workbookOnly: true });
      return doc();
    }
    default:
      return assertNever(name, 'report');
  }
}

/**
 * A year report asked for a year that has not begun on its reference date has nothing due yet:
 * said so, as the findings say a year not ended, instead of a table of every duty missed (found by
 * a review: 2029 read 应谈 76 对，未谈 76 对).
 */
function notBegun(out: (text: string) => void, a: { readonly year: number; readonly referenceDate: string; readonly yearBegun: boolean }): boolean {
  if (a.yearBegun) return false;
  out(`注意：${a.year} 年度在基准日 ${a.referenceDate} 尚未开始，没有应核对的事项；该年度开始后再查询。\n`);
  return true;
}

/**
 * The document as a workbook: one sheet a kind of table, the tables of one kind (TM1's per township)
 * one after another on it with the part each is of in a first column 所属. The title, the notices and
 * the text before the first table (a summary, a warning) are above every sheet; a later text above
 * the sheet of the table it introduces, and any text after the last table above the last sheet.
 */
export function reportWorkbookZh(document: ReportDocument, notices: readonly string[] = []): LedgerWorkbook {
  const sheets = new Map<string, { caption: string[]; tables: ReportTable[] }>();
  const common: string[] = [];
  let pending: string[] = [];
  for (const block of document.blocks) {
    if ('text' in block) {
      (sheets.size === 0 ? common : pending).push(...block.text.split('\n').map((l) => l.trim()).filter(Boolean));
      continue;
    }
    const sheet = sheets.get(block.table.sheetName) ?? { caption: [], tables: [] };
    if (!sheets.has(block.table.sheetName)) sheets.set(block.table.sheetName, sheet);
    sheet.caption.push(...pending);
    pending = [];
    sheet.tables.push(block.table);
  }
  const all = [...sheets.entries()];
  if (all.length > 0) all[all.length - 1]![1].caption.push(...pending);
  const tables: LedgerTable[] = all.map(([sheetName, { caption, tables: parts }]) => {
    const shared = parts.length > 1 || parts.some((p) => p.section !== undefined);
    return {
      sheetName,
      caption,
      headers: shared ? ['所属', ...parts[0]!.headers] : parts[0]!.headers,
      rows: parts.flatMap((p) => (shared ? p.rows.map((r) => [p.section ?? p.heading ?? '', ...r]) : p.rows)),
    };
  });
  // Nothing but text (a year not begun): one sheet that says so, and no empty table under it.
  if (tables.length === 0) tables.push({ sheetName: '说明', caption: [], headers: [], rows: [] });
  return { fileStem: document.fileStem, caption: [document.title, ...notices, ...common], tables };
}
