import type { Command } from 'commander';
import { TM10_NAME_ZH, type ExcellentSecretaryCandidates } from '@ledger/domain';
import { candidatesExcludedTableZh, candidatesSummaryZh, candidatesTableZh, candidatesWorkbookZh, cellText } from '@ledger/tables';
import { candidatesParamsSchema } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { cliReadModelQueries, parseOptions, warnIfBehind } from '../read-models-cli';
import { printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';
import { saveWorkbook, xlsxPath, XLSX_OPTION_ZH } from '../xlsx-file';

export function registerCandidates(program: Command): void {
  program
    .command('candidates')
    .description(`${TM10_NAME_ZH}推荐人选（TM10）：某一周期的人选排名、名额内标记及未列入者的原因`)
    .requiredOption('--cycle <cycle>', '五年周期，如 2021-2025')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--as-of <date>', '推荐日 YYYY-MM-DD：只计入此日或之前生效的考核等次、处分或组织处理、绩效得分、职级与表彰；早于周期基准日时，职务也按此日生效的记录推算（默认今天）')
    .option('--xlsx <file>', XLSX_OPTION_ZH, xlsxPath)
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { cycle: string; knownAt?: string; asOf?: string; xlsx?: string; json?: boolean }) => {
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
      if (options.xlsx !== undefined) return saveWorkbook(options.xlsx, candidatesWorkbookZh(answer), options.json);
      if (options.json) return printJson(answer);
      printCandidates(answer);
    });
}

function printCandidates(a: ExcellentSecretaryCandidates): void {
  process.stdout.write(`${candidatesSummaryZh(a).join('\n')}\n\n`);
  const list = candidatesTableZh(a);
  printTable(list.headers, list.rows.map((r) => r.map((c) => cellText(c))));
  if (a.excluded.length === 0) return;
  const excluded = candidatesExcludedTableZh(a);
  process.stdout.write('\n未列入人选：\n');
  printTable(excluded.headers, excluded.rows.map((r) => r.map((c) => cellText(c))));
}
