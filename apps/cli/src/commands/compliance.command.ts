import type { Command } from 'commander';
import { appealsSummaryZh, appealsTableZh, appealsWorkbookZh, cellText, findingsCaptionZh, findingsTableZh, findingsWorkbookZh } from '@ledger/tables';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { appealsParamsSchema, findingsParamsSchema } from '@ledger/projections';
import { asTownshipOptionError, cliReadModelQueries, OptionValueError, parseOptions, warnIfBehind } from '../read-models-cli';
import { evidenceCell, printable, printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';
import { saveWorkbook, xlsxPath } from '../xlsx-file';

export function registerCompliance(program: Command): void {
  program
    .command('findings')
    .description('合规提示：政策例外记录（谁、何时、为何、哪条规则），党委书记空缺、同日调整党政正职（TM4），十项措施及 N4 的提示')
    .option('--rule <rule>', '只看这一条规则的合规提示：规则编号（如 TM1、TM4、N4），或十项措施的细分编号（如 TM1.chief-experience）')
    .option('--township <id>', '只看这一个乡镇（单位编号）')
    .option('--year <y>', '只看这一年度')
    .option('--as-of <date>', '截至日期 YYYY-MM-DD，尚未补上的空缺计算到此日（默认今天）')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--xlsx <file>', '把合规提示另存为 Excel 工作簿（.xlsx），各列与终端所示相同，依据事件全部列出', xlsxPath)
    .option('--json', JSON_AS_API_ZH)
    .action(async (o: { rule?: string; township?: string; year?: string; asOf?: string; knownAt?: string; xlsx?: string; json?: boolean }) => {
      const params = parseOptions(
        findingsParamsSchema,
        {
          ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
          ...(o.rule !== undefined ? { rule: o.rule } : {}),
          ...(o.township !== undefined ? { township: o.township } : {}),
          ...(o.year !== undefined ? { year: o.year } : {}),
          ...(o.knownAt !== undefined ? { knownAt: o.knownAt } : {}),
        },
        { asOf: '--as-of', rule: '--rule', township: '--township', year: '--year', knownAt: '--known-at' },
      );
      const [answer, directory] = await withLedger(
        (l) =>
          Promise.all([
            cliReadModelQueries(l)
              .findings({
                asOf: params.asOf ?? todayInShanghai(),
                ...(params.township !== undefined ? { orgUnitId: params.township } : {}),
                ...(params.year !== undefined ? { year: params.year } : {}),
                ...(params.rule !== undefined ? { rule: params.rule } : {}),
                ...(params.knownAt !== undefined ? { knownAt: params.knownAt } : {}),
              })
              .catch((error: unknown) => Promise.reject(asTownshipOptionError(error))),
            // The unit's name for the header when no finding names it (found by a review: the bare id).
            params.township !== undefined ? cliReadModelQueries(l).orgUnits(params.knownAt !== undefined ? { knownAt: params.knownAt } : {}) : Promise.resolve(null),
          ]),
        { asks: true, knownAt: o.knownAt },
      );
      warnIfBehind(answer);
      const directoryName = answer.orgUnitId === null ? null : (directory?.orgUnits.find((u) => u.orgUnitId === answer.orgUnitId)?.name ?? null);
      if (o.xlsx !== undefined) return saveWorkbook(o.xlsx, findingsWorkbookZh(answer, directoryName), o.json);
      if (o.json) return printJson(answer);
      const table = findingsTableZh(answer, directoryName);
      // Ledger text (a unit's name) shown as printable, as tables do: a CR in a name rewrote the header in a terminal (found by a security review).
      process.stdout.write(`${findingsCaptionZh(answer, directoryName).map(printable).join('\n')}\n`);
      printTable(table.headers, table.rows.map((r) => r.map((c) => cellText(c, evidenceCell))));
    });
  program
    .command('appeals')
    .description('复核或申诉及其期限（N5）：逾期提出、逾期未决、逾期作出决定')
    .option('--all', '也列出已决的复核或申诉（同 --status all）')
    .option('--status <status>', '按状态列出：open（待决，默认）、decided（已决）或 all（全部），同 API 的 status 参数')
    .option('--as-of <date>', '期限计至此日（YYYY-MM-DD，默认今天）：此日之后作出的决定视为尚未作出')
    .option('--known-at <instant>', '按当时所知：只计此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--xlsx <file>', '把所列复核或申诉另存为 Excel 工作簿（.xlsx），各列与终端所示相同', xlsxPath)
    .option('--json', JSON_AS_API_ZH)
    .action(async (o: { all?: boolean; status?: string; asOf?: string; knownAt?: string; xlsx?: string; json?: boolean }) => {
      // Two answers to one question: refused, not one silently preferred (found by a review).
      if (o.all && o.status !== undefined && o.status.toLowerCase() !== 'all') {
        throw new OptionValueError('--all', `--all lists every appeal; it cannot be combined with --status ${o.status}`, `--all 即列出全部复核或申诉，不能与 --status ${o.status} 同用`);
      }
      const today = todayInShanghai();
      const { status, asOf, knownAt } = parseOptions(
        appealsParamsSchema,
        { status: o.status ?? (o.all ? 'all' : 'open'), ...(o.asOf !== undefined ? { asOf: o.asOf } : {}), ...(o.knownAt !== undefined ? { knownAt: o.knownAt } : {}) },
        { status: o.status !== undefined ? '--status' : '--all', asOf: '--as-of', knownAt: '--known-at' },
      );
      const answer = await withLedger(
        (l) => cliReadModelQueries(l).appeals({ asOf: asOf ?? today, ...(knownAt !== undefined ? { knownAt } : {}) }, status === 'all' ? 'ALL' : status === 'decided' ? 'DECIDED' : 'OPEN'),
        { asks: true, knownAt: o.knownAt },
      );
      warnIfBehind(answer);
      if (o.xlsx !== undefined) return saveWorkbook(o.xlsx, appealsWorkbookZh(answer, status, today), o.json);
      if (o.json) return printJson(answer);
      process.stdout.write(`${appealsSummaryZh(answer, status, today)}\n`);
      if (answer.appeals.length === 0) return;
      const table = appealsTableZh(answer, status, today);
      process.stdout.write('\n');
      printTable(table.headers, table.rows.map((r) => r.map((c) => cellText(c))));
    });
}
