import type { Command } from 'commander';
import { addDays, EXPERIENCE_NAMES_ZH, lengthZh, periodZh, type CalendarDate, namedZh, ORG_UNIT_KIND_NAMES_ZH, SCHEDULED_CHANGE_NAMES_ZH, shanghaiInstant, roleNameZh, type Tenure } from '@ledger/domain';
import { tenureParamsSchema } from '@ledger/projections';
import { resumeLineTextZh, resumeZh } from '@ledger/tables';
import { todayInShanghai } from '../clock';
import { printJson, reportUnknownCadre, withLedger } from '../cli-runtime';
import { cliReadModelQueries, parseOptions, warnIfBehind } from '../read-models-cli';
import { printTable, printable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

export function registerTenure(program: Command): void {
  program
    .command('tenure')
    .description('任职经历与年限：各职务起止、乡镇工作与领导经历天数、连续任乡镇党委书记及党政正职（T、P1、P3、C）')
    .argument('<cadreId>', '干部编号')
    .option('--as-of <date>', '截至日期 YYYY-MM-DD（默认今天；可为将来的日期，按已录入的记录推算）')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (cadreId: string, options: { asOf?: string; knownAt?: string; json?: boolean }) => {
      const params = parseOptions(
        tenureParamsSchema,
        { cadreId, ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}) },
        { cadreId: '干部编号', asOf: '--as-of', knownAt: '--known-at' },
      );
      const answer = await withLedger(async (ledger) => {
        return cliReadModelQueries(ledger).tenure(params.cadreId, {
          asOf: params.asOf ?? todayInShanghai(),
          ...(params.knownAt ? { knownAt: params.knownAt } : {}),
        });
      }, { asks: true, knownAt: options.knownAt });
      if (!answer) {
        reportUnknownCadre(cadreId, options.json, options.knownAt);
        return;
      }
      warnIfBehind(answer);
      if (options.json) return printJson(answer);
      printTenure(answer);
    });
}

/** A post's end is the day the next begins (exclusive); the table shows the last day it was held (found by a review). */
const lastDayOf = (toExclusive: CalendarDate): CalendarDate => addDays(toExclusive, -1);

/** An experience's length with its days, or 无 (not "0 年 0 个月（共 0 天）", found by a review). */
const experienceZh = (length: Tenure['townshipWork'], days: number): string => (days === 0 ? '无' : `${lengthZh(length)}（共 ${days} 天）`);

function printTenure(t: Tenure): void {
  const known = t.knownAt ? `，按 ${shanghaiInstant(t.knownAt)} 所知` : '';
  process.stdout.write(`干部 ${printable(namedZh(t.cadreName, t.cadreId))} 截至 ${t.asOf} 的任职经历（政策版本 ${t.policyVersion}${known}）${t.registered ? '' : '（未见登记记录）'}\n\n`);
  // A date still to come is a projection (found by a CLI review: 17 年 read as fact): said, as eligibility's help says it.
  if (t.asOf > todayInShanghai()) process.stdout.write(`注意：${t.asOf} 尚未到来，以下按已录入的记录推算（在任职务视为持续到该日，含已录入的待生效事项）。\n\n`);
  printTable(
    ['单位编号', '单位', '单位类别', '职务', '起始日', '截止日'],
    t.posts.map((p) => [p.orgUnitId, p.orgUnitName ?? '（未登记）', p.orgUnitKind ? ORG_UNIT_KIND_NAMES_ZH[p.orgUnitKind] : '未登记', roleNameZh(p.role, { name: p.orgUnitName, kind: p.orgUnitKind }), p.from, p.to ? lastDayOf(p.to) : '至今']),
  );
  const lines = [
    `${EXPERIENCE_NAMES_ZH.townshipWork}：${experienceZh(t.townshipWork, t.townshipWorkDays)}；${EXPERIENCE_NAMES_ZH.townshipLeadership}：${experienceZh(t.townshipLeadership, t.townshipLeadershipDays)}`,
    `连续任乡镇党委书记：${t.partySecretaryRun ? `自 ${t.partySecretaryRun.start}，${lengthZh(t.partySecretaryRun)}` : '无'}`,
    `连续任乡镇党政正职：${t.chiefRun ? `自 ${t.chiefRun.start}，${lengthZh(t.chiefRun)}` : '无'}`,
    ...t.currentPosts.map((p) => `现任 ${namedZh(p.orgUnitName, p.orgUnitId)} ${roleNameZh(p.role, { name: p.orgUnitName, kind: t.posts.find((q) => q.orgUnitId === p.orgUnitId)?.orgUnitKind ?? null })}：自 ${p.from}${p.termFrom !== p.from ? `（${p.termFrom} 连任）` : ''}，${lengthZh(p)}`),
    ...t.secondments.map((s) => `借调：${namedZh(s.hostName, s.host)}，${s.to ? periodZh(s.from, s.to) : `${s.from} 至今（计划 ${s.plannedEndDate}）`}`),
    ...t.temporaryPostings.map((s) => `挂职锻炼：${s.host}，${s.to ? periodZh(s.from, s.to) : `${s.from} 至今（计划 ${s.plannedEndDate}）`}`),
    ...t.scheduled.map((s) => `已录入、尚未生效（T4）：${s.effectiveDate} ${SCHEDULED_CHANGE_NAMES_ZH[s.kind]}（事件 ${s.eventId}）`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  // 简历 as the appointment form writes it, to copy into one (libs/tables resume-zh.ts).
  const resume = resumeZh(t);
  if (resume.length > 0) process.stdout.write(`\n简历（按台账中的任职记录，年.月）：\n${resume.map((l) => `  ${printable(resumeLineTextZh(l))}`).join('\n')}\n`);
}
