import { Option, type Command } from 'commander';
import { inPostBasisZh, RANK_NAMES_ZH, lengthZh, namedZh, shanghaiInstant, roleNameZh, TM6B_NAME_ZH, type CadreInPostEligibility } from '@ledger/domain';
import { eligibilityParamsSchema, type FilteredEligibility } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, reportUnknownCadre, withLedger } from '../cli-runtime';
import { asTownshipOptionError, checkName, cliReadModelQueries, parseOptions, warnIfBehind, yesNo } from '../read-models-cli';
import { evidenceCell, printTable, printable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

const runZh = (run: CadreInPostEligibility['partySecretaryRun']): string => (run ? `自 ${run.start}，${lengthZh(run)}` : '—');

export function registerEligibility(program: Command): void {
  program
    .command('eligibility')
    .description(`${TM6B_NAME_ZH}资格（TM6b）：截至某日的全部乡镇党政正职，是否符合、依据、连续任职、实绩突出及各检查项`)
    .option('--as-of <date>', '截至日期 YYYY-MM-DD，可为过去或将来（默认今天）')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--cadre <cadreId>', '只看这一名干部（须为当日的乡镇党政正职）')
    .option('--township <orgUnitId>', '只看这个乡镇当日的党政正职')
    .addOption(new Option('--eligible', '只看符合条件的').conflicts('notEligible'))
    .option('--not-eligible', '只看不符合条件的')
    .option('--checks', '列出每人的全部检查项及依据事件')
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { asOf?: string; knownAt?: string; cadre?: string; township?: string; eligible?: boolean; notEligible?: boolean; checks?: boolean; json?: boolean }) => {
      const only = options.eligible ? 'true' : options.notEligible ? 'false' : undefined;
      const params = parseOptions(
        eligibilityParamsSchema,
        {
          ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
          ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
          ...(options.cadre !== undefined ? { cadreId: options.cadre } : {}),
          ...(options.township !== undefined ? { township: options.township } : {}),
          ...(only !== undefined ? { eligible: only } : {}),
        },
        { asOf: '--as-of', knownAt: '--known-at', cadreId: '--cadre', township: '--township', eligible: '--eligible' },
      );
      const view = { asOf: params.asOf ?? todayInShanghai(), ...(params.knownAt ? { knownAt: params.knownAt } : {}) };
      const { answer, notAChief } = await withLedger(async (ledger) => {
        const queries = cliReadModelQueries(ledger);
        const answer = await queries
          .eligibility({
            ...view,
            ...(params.cadreId !== undefined ? { cadreId: params.cadreId } : {}),
            ...(params.township !== undefined ? { township: params.township } : {}),
            ...(params.eligible !== undefined ? { eligible: params.eligible } : {}),
          })
          .catch((error: unknown) => Promise.reject(asTownshipOptionError(error)));
        // One cadre asked about who is no township chief that day: named, and why there is no line (found by a review: an anonymous "0 人").
        const notAChief = params.cadreId !== undefined && answer?.cadres.length === 0 ? ((await queries.tenure(params.cadreId, view))?.cadreName ?? null) : undefined;
        return { answer, notAChief };
      }, { asks: true, knownAt: options.knownAt });
      if (!answer) {
        reportUnknownCadre(params.cadreId!, options.json, options.knownAt);
        return;
      }
      warnIfBehind(answer);
      if (options.json) return printJson(answer);
      // One cadre's record failing its hashes: said before the verdict it may have changed (found by an auditor's review).
      if (answer.integrityWarningsZh?.length) process.stdout.write(`${answer.integrityWarningsZh.map((l) => `注意：${l}`).join('\n')}\n\n`);
      if (notAChief !== undefined) {
        const known = answer.knownAt ? `按 ${shanghaiInstant(answer.knownAt)} 所知，` : '';
        process.stdout.write(`${known}${printable(namedZh(notAChief, params.cadreId!))}于 ${answer.asOf} 不是乡镇党政正职，不在${TM6B_NAME_ZH}的范围内。\n`);
        return;
      }
      printEligibility(answer, options.checks ?? false);
    });
}

function printEligibility(answer: FilteredEligibility, withChecks: boolean): void {
  const eligible = answer.cadres.filter((c) => c.eligible).length;
  // As the web page says it: N1's ceiling still bars a promotion of those already at it (found by a diff review: only the page said so).
  const atCeiling = answer.cadres.filter((c) => c.eligible && c.atCountyRankCeiling).length;
  const known = answer.knownAt ? `，按 ${shanghaiInstant(answer.knownAt)} 所知` : '';
  const township = answer.township == null ? '' : namedZh(answer.cadres.flatMap((c) => c.chiefPosts).find((p) => p.orgUnitId === answer.township)?.orgUnitName ?? null, answer.township);
  const whose = township ? `${township}的` : '';
  const ceiling = atCeiling > 0 ? `（其中 ${atCeiling} 人已达县乡干部职级上限，不能再晋升）` : '';
  const counted =
    answer.eligibleOnly === true
      ? `${whose}符合${TM6B_NAME_ZH}条件的乡镇党政正职 ${answer.cadres.length} 人${ceiling}`
      : answer.eligibleOnly === false
        ? `${whose}不符合${TM6B_NAME_ZH}条件的乡镇党政正职 ${answer.cadres.length} 人`
        : `${whose}乡镇党政正职 ${answer.cadres.length} 人，其中符合${TM6B_NAME_ZH}条件 ${eligible} 人${ceiling}`;
  process.stdout.write(`截至 ${answer.asOf}（政策版本 ${answer.policyVersion}${known}），${counted}。\n\n`);
  printTable(
    ['干部编号', '姓名', '现任职务', '现任职级', '是否符合', '依据', '连续任乡镇党委书记', '连续任乡镇党政正职', '未通过的检查项'],
    answer.cadres.map((c) => [
      c.cadreId,
      c.cadreName ?? '（未登记）',
      c.chiefPosts.map((p) => `${namedZh(p.orgUnitName, p.orgUnitId)} ${roleNameZh(p.role, { name: p.orgUnitName, kind: 'TOWNSHIP' })}`).join('、'),
      rankZh(c),
      yesNo(c.eligible),
      c.basis ? inPostBasisZh(c.basis, answer.runYears) : '—',
      runZh(c.partySecretaryRun),
      runZh(c.chiefRun),
      // An eligible cadre has nothing failed: the other basis's run, not long enough, is informative (found by a review).
      c.eligible ? '—' : c.checks.filter((k) => !k.passed).map(checkName).join('、') || '—',
    ]),
  );
  if (!withChecks) return;
  for (const c of answer.cadres) {
    process.stdout.write(`\n${printable(namedZh(c.cadreName, c.cadreId))}（${c.eligible ? '符合' : '不符合'}）检查项：\n`);
    // Beside TM6b, not one of its checks (docs/OPEN-QUESTIONS.md §16): the promotion itself is still decided by N1 and N2.
    if (c.currentRank) process.stdout.write(`现任职级：${rankZh(c)}，自 ${c.rankSince}${c.atCountyRankCeiling ? '；县乡干部职级以此为限，不能再晋升' : ''}\n`);
    printTable(
      ['检查项', '结果', '说明', '依据事件'],
      c.checks.map((k) => [checkName(k), k.passed ? '通过' : '未通过', k.detail, evidenceCell(k.evidence)]),
    );
  }
}

/** The rank held, and whether it is the county and township ceiling (N1). */
function rankZh(c: CadreInPostEligibility): string {
  if (!c.currentRank) return '未录入';
  return `${RANK_NAMES_ZH[c.currentRank]}${c.atCountyRankCeiling ? '（已达上限）' : ''}`;
}
