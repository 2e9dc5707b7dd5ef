import type { Command } from 'commander';
import { lengthZh, namedZh, shanghaiInstant, RANK_NAMES_ZH, TM10_NAME_ZH, type ExcellentSecretaryCandidates } from '@ledger/domain';
import { candidatesParamsSchema } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { checkName, cliReadModelQueries, parseOptions, warnIfBehind, yesNo } from '../read-models-cli';
import { printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

export function registerCandidates(program: Command): void {
  program
    .command('candidates')
    .description(`${TM10_NAME_ZH}推荐人选（TM10）：某一周期的人选排名、名额内标记及未列入者的原因`)
    .requiredOption('--cycle <cycle>', '五年周期，如 2021-2025')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--as-of <date>', '推荐日 YYYY-MM-DD：只计入此日或之前生效的考核等次、处分或组织处理、绩效得分、职级与表彰；早于周期基准日时，职务也按此日生效的记录推算（默认今天）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { cycle: string; knownAt?: string; asOf?: string; json?: boolean }) => {
      const params = parseOptions(
        candidatesParamsSchema,
        {
          cycle: options.cycle,
          ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
          // T4: today's unless given, as over HTTP: a scheduled entry counts only from its date.
          asOf: options.asOf ?? todayInShanghai(),
        },
        { cycle: '--cycle', knownAt: '--known-at', asOf: '--as-of' },
      );
      const answer = await withLedger(async (ledger) => {
        return cliReadModelQueries(ledger).candidates(params);
      }, { asks: true, knownAt: options.knownAt });
      warnIfBehind(answer);
      if (options.json) return printJson(answer);
      printCandidates(answer);
    });
}

/** TM10: a tie across the quota line is for the county to settle, never cut by id. */
function tieNote(a: ExcellentSecretaryCandidates): string {
  const tied = a.candidates.filter((c) => c.tiedAtQuotaLine);
  if (tied.length === 0) return '';
  const seats = a.quota - a.candidates.filter((c) => c.withinQuota).length;
  return `注意：${tied.map((c) => namedZh(c.cadreName, c.cadreId)).join('、')} 共 ${tied.length} 人在名额线上并列（各项排序条件均相同），剩余 ${seats} 个名额由县委研究确定。\n`;
}

/** 已表彰（优先晋升四级调研员、推荐县级领导职务） or 否: a commendation's consequences hold off the list too (TM10). */
function commendationZh(e: ExcellentSecretaryCandidates['excluded'][number]): string {
  if (!e.commended) return '否';
  const flags = [e.priorityPromotionToResearcher4 ? '优先晋升四级调研员' : '', e.recommendForCountyLevelPost ? '推荐县级领导职务' : ''].filter(Boolean);
  return flags.length ? `已表彰（${flags.join('、')}）` : '已表彰';
}

function printCandidates(a: ExcellentSecretaryCandidates): void {
  const within = a.candidates.filter((c) => c.withinQuota).length;
  const known = a.knownAt ? `，按 ${shanghaiInstant(a.knownAt)} 所知` : '';
  // The drawing-up date changes the list: two printouts must say which they were (found by a review).
  const drawnUp = a.asOf ? `，计至 ${a.asOf} 生效的记录` : '';
  process.stdout.write(
    `${a.cycle} 周期「${TM10_NAME_ZH}」推荐人选（基准日 ${a.referenceDate}${drawnUp}，名额 ${a.quota} 名，政策版本 ${a.policyVersion}${known}）\n` +
      `符合条件 ${a.candidates.length} 人，名额内 ${within} 人；未列入 ${a.excluded.length} 人。\n` +
      tieNote(a) +
      '\n',
  );
  printTable(
    ['排名', '干部编号', '姓名', '名额内', '优秀次数', '连续任乡镇党委书记', '末年绩效得分', '现任职级', '优先晋升四级调研员', '推荐县级领导职务'],
    a.candidates.map((c) => [
      String(c.rank),
      c.cadreId,
      c.cadreName ?? '（未登记）',
      c.tiedAtQuotaLine ? '并列（待定）' : yesNo(c.withinQuota),
      String(c.excellentCount),
      c.partySecretaryRun ? `自 ${c.partySecretaryRun.start}，${lengthZh(c.partySecretaryRun)}` : '—',
      c.latestPerformanceScore ? `${namedZh(c.latestPerformanceScore.orgUnitName, c.latestPerformanceScore.orgUnitId)} ${c.latestPerformanceScore.year} 年 ${c.latestPerformanceScore.score} 分` : '—',
      c.currentRank ? RANK_NAMES_ZH[c.currentRank] : '—',
      yesNo(c.priorityPromotionToResearcher4),
      yesNo(c.recommendForCountyLevelPost),
    ]),
  );
  if (a.excluded.length === 0) return;
  process.stdout.write('\n未列入人选：\n');
  printTable(
    ['干部编号', '姓名', '未通过的检查项', '原因', '本周期表彰'],
    a.excluded.map((e) => [e.cadreId, e.cadreName ?? '（未登记）', e.reasons.map(checkName).join('、'), e.reasons.map((r) => r.detail).join('；'), commendationZh(e)]),
  );
}
