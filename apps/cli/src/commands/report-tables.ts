/**
 * Chinese tables of the ten measures' reports: names beside ids, the policy version, and the
 * evidence (event ids) of every line. `--json` prints the API's JSON instead.
 */
import {
  ASSESSMENT_CLASS_NAMES_ZH,
  EDUCATION_NAMES_ZH,
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
import { assertNever, EXPERIENCE_NAMES_ZH } from '@ledger/domain';
import type { ReportName } from '@ledger/projections';
import { yesNo } from '../read-models-cli';
import { evidenceCell, printTable } from '../table';

const out = (text: string): void => void process.stdout.write(text);
const who = (c: { cadreId: string; cadreName: string }) => `${c.cadreName}（${c.cadreId}）`;
const unit = (u: { orgUnitId: string; orgUnitName: string }) => `${u.orgUnitName}（${u.orgUnitId}）`;
const ev = evidenceCell;
/** The report's title line: what it answers, for which township when asked of one, under which version, as known when. */
const headerOf =
  (township: string | undefined) =>
  (title: string, a: { policyVersion: string; knownAt: string | null }, when: string): void =>
    out(`${title}（${when}${township ? `，单位 ${township}` : ''}，政策版本 ${a.policyVersion}${a.knownAt ? `，按 ${shanghaiInstant(a.knownAt)} 所知` : ''}）\n\n`);
const checksTable = (checks: readonly ReportCheck[]) =>
  printTable(['检查项', '结果', '说明', '依据事件'], checks.map((c) => [ruleNameZh(c.rule), c.advisory ? (c.passed ? '达到（参考）' : '未达到（参考）') : c.passed ? '通过' : '未通过', c.detail, ev(c.evidence)]));


/**
 * A year report asked for a year that has not begun on its reference date has nothing due yet:
 * said so, as the findings say a year not ended, instead of a table of every duty missed (found by
 * a review: 2029 read 应谈 76 对，未谈 76 对).
 */
function notBegun(a: { readonly year: number; readonly referenceDate: string; readonly yearBegun: boolean }): boolean {
  if (a.yearBegun) return false;
  out(`注意：${a.year} 年度在基准日 ${a.referenceDate} 尚未开始，没有应核对的事项；该年度开始后再查询。\n`);
  return true;
}

/**
 * `township`: the township asked of, as shown (name and id), so that a printed report says it covers
 * one township (found by a CLI review: the title was the county-wide one's).
 */
export function printReport(name: ReportName, answer: unknown, township?: string): void {
  const header = headerOf(township);
  switch (name) {
    case 'team-composition': {
      const a = answer as TeamCompositionReport;
      header(T['team-composition'], a, `TM1，截至 ${a.asOf}`);
      for (const t of a.townships) {
        out(`${unit(t)}\n`);
        printTable(['干部', '职务', '年龄', `${EXPERIENCE_NAMES_ZH.townshipWork}（年）`, `${EXPERIENCE_NAMES_ZH.townshipLeadership}（年）`], t.members.map((m) => [who(m), roleNameZh(m.role, { name: t.orgUnitName, kind: 'TOWNSHIP' }), String(m.age ?? '—'), String(m.townshipWorkYears), String(m.townshipLeadershipYears)]));
        checksTable(t.checks);
        out('\n');
      }
      out('全县\n');
      return checksTable(a.county.checks);
    }
    case 'promotion-pool': {
      const a = answer as PromotionPoolReport;
      header(T['promotion-pool'], a, `TM2，截至 ${a.asOf}`);
      out(`具有乡镇党委书记任职经历的干部 ${a.secretaryExperienced.length} 人，其中现任 ${a.servingSecretaries} 人\n`);
      printTable(['干部', '现任党委书记', '任党委书记（年）', '依据事件'], a.secretaryExperienced.map((s) => [who(s), yesNo(s.serving), String(s.secretaryYears), ev(s.evidence)]));
      out('\n乡镇党政正职选任（是否来自乡镇人大主席、副职）\n');
      printTable(['日期', '干部', '任职', '来自人大主席、副职', '依据事件'], a.chiefAppointments.map((c) => [c.date, who(c), `${unit(c)} ${roleNameZh(c.role, { name: c.orgUnitName, kind: 'TOWNSHIP' })}`, yesNo(c.fromPreferredPool), ev(c.evidence)]));
      printTable(['年度', '选任人数', '来自人大主席、副职', '占比'], a.preferredPoolShareByYear.map((y) => [String(y.year), String(y.appointments), String(y.fromPreferredPool), `${((100 * y.fromPreferredPool) / y.appointments).toFixed(1)}%`]));
      out('\n全日制硕士研究生或“双一流”高校毕业的乡镇干部\n');
      return printTable(['干部', '学历', '双一流', `考核年度`, '优秀次数', '实绩突出（优先提拔）', '依据事件'], a.priorityGraduates.map((g) => [who(g), `${EDUCATION_NAMES_ZH[g.educationLevel]}${g.fullTime ? '（全日制）' : '（在职）'}`, yesNo(g.doubleFirstClass), g.years.join('、'), String(g.excellent), yesNo(g.outstanding), ev(g.evidence)]));
    }
    case 'training': {
      const a = answer as TrainingReport;
      header(`${a.year} 年度${T.training}`, a, `TM3，基准日 ${a.referenceDate}`);
      if (notBegun(a)) return;
      printTable(['干部', '乡镇', '要求', '最近一次培训', '依据事件'], a.missing.map((m) => [who(m), unit(m), `${MEASURE_RULE_NAMES_ZH[m.rule] ?? m.rule}（${m.fromYear === m.toYear ? m.toYear : `${m.fromYear}–${m.toYear}`}）`, m.lastTraining ? `${m.lastTraining.date}（${m.lastTraining.eventId}）` : '无', ev(m.evidence)]));
      out('\n各乡镇\n');
      printTable(['乡镇', '党政正职', `其中${trainingWindowZh(a.cycles.chiefEveryYears)}未培训`, '班子成员', `其中${trainingWindowZh(a.cycles.leaderEveryYears)}未培训`], a.townships.map((t) => [unit(t), String(t.chiefs), String(t.chiefsMissing), String(t.leaders), String(t.leadersMissing)]));
      return out(`\n挂职锻炼：乡镇领导干部 ${a.temporaryPostings.townshipLeaders} 人次，其他干部 ${a.temporaryPostings.others} 人次\n`);
    }
    case 'department-ratings': {
      const a = answer as DepartmentRatingsReport;
      header(`${a.year} 年度${T['department-ratings']}`, a, `TM5，年度 ${a.year}`);
      // Every average with two decimals, not 77 / 85.38 / 80.5 in one column (found by a review).
      const average = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
      return printTable(['县级部门', '测评人数', '工作实绩', '管理', '服务', '依据事件'], a.departments.map((d) => [unit(d), String(d.ratings), average(d.averages?.work), average(d.averages?.management), average(d.averages?.service), ev(d.evidence)]));
    }
    case 'recommendations': {
      const a = answer as RecommendationsReport;
      header(T.recommendations, a, `TM5，截至 ${a.asOf}`);
      return printTable(['日期', '推荐人', '被推荐人', '拟任职务', '结果', '依据事件'], a.recommendations.map((r) => [r.date, who(r.recommendedBy), who(r.recommended), r.forPost, r.outcome ? `${r.outcome.appointedOn} 任 ${r.outcome.orgUnitName} ${roleNameZh(r.outcome.role, { name: r.outcome.orgUnitName, kind: r.outcome.orgUnitKind })}` : '尚未任用', ev(r.evidence)]));
    }
    case 'secretary-seats': {
      const a = answer as SecretarySeatsReport;
      header(T['secretary-seats'], a, `TM5，截至 ${a.asOf}`);
      return printTable(['乡镇', '党委书记', '县级代表委员', '依据事件'], a.secretaries.map((s) => [unit(s), who(s), s.seats.map((x) => `${REPRESENTATIVE_BODY_NAMES_ZH[x.body]}（自 ${x.since}）`).join('、') || '无（列为合规提示）', ev(s.evidence)]));
    }
    case 'focus-ledger': {
      const a = answer as FocusLedgerReport;
      header(T['focus-ledger'], a, `TM7，截至 ${a.asOf}`);
      return printTable(['干部', '列入日期', '连续优秀年度', '列入时政策版本', '现任党政正职', '依据事件'], a.entries.map((e) => [who(e), e.since, e.years.join('、'), e.policyVersion, yesNo(e.inPostOnAsOf), ev(e.evidence)]));
    }
    case 'reminder-talks': {
      const a = answer as ReminderTalksReport;
      header(`${a.year} 年度${T['reminder-talks']}`, a, `TM7，目标绩效考核后 ${a.lowest} 名`);
      if (a.unscored.length > 0) {
        process.stdout.write(`注意：尚有 ${a.unscored.length} 个乡镇未录入 ${a.year} 年度得分（${a.unscored.map(unit).join('、')}），下表为已录入得分中的后 ${a.lowest} 名，全部录入后方可确定。\n\n`);
      }
      printTable(
        ['乡镇', '得分', '党政正职', '县领导已提醒谈话', '谈话人', '日期', '依据事件'],
        a.townships.flatMap((t): { t: ReminderTalksReport['townships'][number]; c: ReminderTalksReport['townships'][number]['chiefs'][number] | undefined }[] => (t.chiefs.length === 0 ? [{ t, c: undefined }] : t.chiefs.map((c) => ({ t, c })))).map(({ t, c }) => [
          unit(t),
          String(t.score),
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
      return printTable(['考核类别', '乡镇（个）', '乡镇班子成员评为优秀（人）', '县级部门（个）', '部门班子成员评为优秀（人）'], a.excellentByClass.map((r) => [ASSESSMENT_CLASS_NAMES_ZH[r.assessmentClass], String(r.townships.units), String(r.townships.excellent), String(r.departments.units), String(r.departments.excellent)]));
    }
    case 'talks': {
      const a = answer as TalksReport;
      header(`${a.year} 年度${T.talks}`, a, `TM8，基准日 ${a.referenceDate}`);
      if (notBegun(a)) return;
      // A version asking more than one talk a year: a pair that talked once has talked, short of the number (found by a review: 未谈).
      out(
        a.required === 1
          ? `应谈 ${a.missing.length + a.held.length} 对，已谈 ${a.held.length} 对，未谈 ${a.missing.length} 对\n`
          : `应谈 ${a.missing.length + a.held.length} 对（每对每年 ${a.required} 次），达到 ${a.held.length} 对，未达到 ${a.missing.length} 对\n`,
      );
      printTable(['乡镇', '谈话一方', '谈话另一方', '要求', '本年已谈'], a.missing.map((p) => [unit(p), who(p.a), who(p.b), MEASURE_RULE_NAMES_ZH[p.rule] ?? p.rule, `${p.talks} 次`]));
      return out(`未评估：${a.notAssessed.join('；')}\n`);
    }
    case 'health-checks': {
      const a = answer as HealthChecksReport;
      header(`${a.year} 年度${T['health-checks']}`, a, `TM8，基准日 ${a.referenceDate}`);
      if (notBegun(a)) return;
      const short = a.required === 1 ? '未体检' : `体检不足 ${a.required} 次`;
      printTable(['乡镇', '干部人数', short], a.townships.map((t) => [unit(t), String(t.cadres), String(t.missing)]));
      out(`\n${short}的干部\n`);
      return printTable(['干部', '乡镇', '本年体检', '依据事件'], a.missing.map((m) => [who(m), unit(m), `${m.checks} 次`, ev(m.evidence)]));
    }
    default:
      return assertNever(name, 'report');
  }
}
