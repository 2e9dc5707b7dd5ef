import { Option, type Command } from 'commander';
import { RANK_NAMES_ZH, RANKS, ROLE_NAMES_ZH, ROLES } from '@ledger/domain';
import { cellText, rosterQuestionZh, rosterSummaryZh, rosterTableZh, rosterWorkbookZh } from '@ledger/tables';
import { listCadres, rosterParamsSchema, type ReadAnswer, type RosterAnswer } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { asTownshipOptionError, cliReadModelQueries, parseOptions, warnIfBehind } from '../read-models-cli';
import { printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';
import { saveWorkbook, xlsxPath } from '../xlsx-file';

/**
 * `cadres`: the roster (干部名册) as GET /v1/cadres answers it, one query for both (libs/projections
 * roster.ts): find a cadre's id by name or part of it, or list a township's team on a date (found by an
 * appeals review: `history 孙志胜` was refused and no command listed who is who).
 */
export function registerCadres(program: Command): void {
  program
    .command('cadres')
    .description('干部名册：按姓名或编号查找干部，或列出某乡镇、某职务、某职级的干部（现任职务与职级按 --as-of 当日）')
    .option('--search <text>', '姓名或干部编号中含有此文字')
    .option('--township <id>', '只列当日在此单位任职的干部（单位编号）')
    .option('--role <role>', `只列当日任此职务的干部：${ROLES.map((r) => `${r}（${ROLE_NAMES_ZH[r]}）`).join('、')}`)
    .option('--rank <rank>', `只列当日为此职级的干部：${RANKS.map((r) => `${r}（${RANK_NAMES_ZH[r]}）`).join('、')}`)
    .option('--as-of <date>', '现任职务与职级按此日（YYYY-MM-DD，默认今天，北京时间）')
    .option('--page <n>', '第几页（从 1 起）', '1')
    .option('--page-size <n>', '每页人数（1–500）', '50')
    // The workbook holds every match: a page asked for beside it would be silently ignored.
    .addOption(new Option('--xlsx <file>', '把全部符合条件的干部另存为 Excel 工作簿（.xlsx），各列与终端所示相同，不分页').argParser(xlsxPath).conflicts(['page', 'pageSize']))
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { search?: string; township?: string; role?: string; rank?: string; asOf?: string; page: string; pageSize: string; xlsx?: string; json?: boolean }) => {
      const given = Object.fromEntries(
        (['search', 'township', 'role', 'rank', 'asOf'] as const).flatMap((k) => (options[k] !== undefined ? [[k, options[k]]] : [])),
      );
      const params = parseOptions(
        rosterParamsSchema,
        { ...given, page: options.page, pageSize: options.pageSize },
        { search: '--search', township: '--township', role: '--role', rank: '--rank', asOf: '--as-of', page: '--page', pageSize: '--page-size' },
      );
      const asOf = params.asOf ?? todayInShanghai();
      const whole = options.xlsx !== undefined ? { page: 1, pageSize: Number.MAX_SAFE_INTEGER } : {};
      const answer = await withLedger(
        (l) => cliReadModelQueries(l).careerTables((tx) => listCadres(tx, { ...params, ...whole, asOf })).catch((error: unknown) => Promise.reject(asTownshipOptionError(error))),
        { asks: true },
      );
      warnIfBehind(answer);
      if (options.xlsx !== undefined) return saveWorkbook(options.xlsx, rosterWorkbookZh(answer, rosterQuestionZh(params, answer)), options.json);
      if (options.json) return printJson(answer);
      printRoster(answer, params.search);
    });
}

function printRoster(a: ReadAnswer<RosterAnswer>, search: string | undefined): void {
  process.stdout.write(`${rosterSummaryZh(a, search)}\n\n`);
  if (a.total === 0) return;
  const roster = rosterTableZh(a);
  printTable(roster.headers, roster.rows.map((r) => r.map((c) => cellText(c))));
  if (a.page * a.pageSize < a.total) process.stdout.write(`\n下一页：--page ${a.page + 1}\n`);
}
