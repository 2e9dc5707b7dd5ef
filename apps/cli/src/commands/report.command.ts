import type { Command } from 'commander';
import { namedZh, quoteInput, REPORT_TITLES_ZH } from '@ledger/domain';
import { parseReportParams, REPORT_NAMES, REPORTS, reportNameSchema, reportParamsSchema, type Behind, type ReportName } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { JSON_AS_API_ZH } from '../help-zh';
import { asTownshipOptionError, cliReadModelQueries, OptionValueError, parseOptions, warnIfBehind } from '../read-models-cli';
import { printReport } from './report-tables';
import { behindNoticeZh, reportDocumentZh, reportWorkbookZh } from '@ledger/tables';
import { saveWorkbook, xlsxPath } from '../xlsx-file';

const FLAGS = { asOf: '--as-of', year: '--year', township: '--township', knownAt: '--known-at' };

/** `report <name>`: the ten measures' reports (TM1–TM8), a Chinese table or the API's JSON. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(`十项措施报表（TM1–TM8）：${REPORT_NAMES.map((n) => REPORT_TITLES_ZH[n]).join('、')}`)
    .argument('<name>', `报表名称：${REPORT_NAMES.map((n) => `${n}（${REPORT_TITLES_ZH[n]}）`).join('、')}`)
    .option('--as-of <date>', '截至日期 YYYY-MM-DD（按日的报表，默认今天）')
    .option('--year <year>', '年度（training、department-ratings、reminder-talks、talks、health-checks 必填）')
    .option('--township <orgUnitId>', `只看这一个乡镇（单位编号），适用于 ${REPORT_NAMES.filter((n) => REPORTS[n].township).join('、')}`)
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--xlsx <file>', '把报表另存为 Excel 工作簿（.xlsx）：终端所示各表，同类的表合为一张工作表，依据事件全部列出', xlsxPath)
    .option('--json', JSON_AS_API_ZH)
    .action(async (rawName: string, options: { asOf?: string; year?: string; township?: string; knownAt?: string; xlsx?: string; json?: boolean }, command: Command) => {
      const parsedName = reportNameSchema.safeParse(rawName);
      // A mistyped name is a usage error (USAGE under --json, as README says; found by a review: ERROR).
      if (!parsedName.success) return command.error(`错误：没有报表 ${quoteInput(rawName)}，报表名称应为 ${REPORT_NAMES.join('、')} 之一 (unknown report)`, { code: 'commander.invalidArgument' });
      const name: ReportName = parsedName.data;
      // An option the report does not take, named as --township is (INVALID_REQUEST with the field).
      if (REPORTS[name].dated === 'asOf' && options.year !== undefined) throw new OptionValueError('--year', `report ${name} is dated by --as-of, not by a year`, `报表“${REPORT_TITLES_ZH[name]}”（${name}）按日期（--as-of）查询，不按年度`);
      if (REPORTS[name].dated === 'year' && options.asOf !== undefined) throw new OptionValueError('--as-of', `report ${name} is a year's report: --year`, `报表“${REPORT_TITLES_ZH[name]}”（${name}）按年度（--year）查询，不按日期`);
      // The API's parameters, checked by the same schema (a county-wide report refuses --township).
      const given = {
        ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(options.township !== undefined ? { township: options.township } : {}),
        ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
      };
      parseOptions(reportParamsSchema(name), given, FLAGS);
      const params = parseReportParams(name, given, todayInShanghai());
      const [answer, directory] = await withLedger(
        async (ledger) =>
          Promise.all([
            cliReadModelQueries(ledger).report(name, params).catch((error: unknown) => Promise.reject(asTownshipOptionError(error))),
            // The township's name for the title (the answer names it only on its lines, and may have none).
            params.township !== undefined && (!options.json || options.xlsx !== undefined) ? cliReadModelQueries(ledger).orgUnits(params.knownAt !== undefined ? { knownAt: params.knownAt } : {}) : Promise.resolve(null),
          ]),
        { asks: true, knownAt: options.knownAt },
      );
      warnIfBehind(answer);
      const township = params.township === undefined ? undefined : namedZh(directory?.orgUnits.find((u) => u.orgUnitId === params.township)?.name ?? null, params.township);
      if (options.xlsx !== undefined) {
        const notices = [behindNoticeZh((answer as { behind?: Behind }).behind)].filter((l): l is string => l !== null);
        return saveWorkbook(options.xlsx, reportWorkbookZh(reportDocumentZh(name, answer, township), notices), options.json);
      }
      if (options.json) return printJson(answer);
      printReport(name, answer, township);
    });
}
