/**
 * `import FILE.xlsx` and `import-template`: 批量录入 from an Excel workbook (libs/tables
 * entry-sheets-zh.ts reads it as import lines). The lines then go through the same import as an
 * NDJSON file (importNdjson: the same capability per line, the same rules); rows refused as read (a
 * cell, a name not the ledger's for its id) are said beside the import's own refusals, by sheet and row.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { ImportInterrupted, importNdjson, ImportStopped, type ImportResult } from '@ledger/application';
import type { Role } from '@ledger/auth';
import { calendarDateSchema, ERROR_PREFIX_ZH, errorTitleZh, namesBesideIds, ruleNameZh } from '@ledger/domain';
import { listCadres, yearParamSchema } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import {
  entryImportFile,
  entryNamedIds,
  entryReadingZh,
  entryOutcomeZh,
  importEntryRows,
  unlistedRefusals,
  entryNameMismatches,
  entryRejections,
  entryTemplateInputZh,
  entryTemplateWorkbookZh,
  onboardingTemplateWorkbookZh,
  readEntryWorkbook,
  refusedRowCount,
  type EntryCell,
  type EntryRejection,
  type EntryWorkbookReading,
  type LedgerNames,
  workbookTooLargeZh,
} from '@ledger/tables';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { cliErrorJson, cliErrorMessageZh } from '../errors-zh';
import { JSON_ZH } from '../help-zh';
import { cliReadModelQueries, parseOptions } from '../read-models-cli';
import { printable, printTable } from '../table';
import { saveWorkbook, xlsxPath } from '../xlsx-file';
import { cliImportOptions, PROJECTIONS_FAILED_ZH, updateProjections, type ProjectionsUpdate } from './import-projections';
import { z } from 'zod';

type ReadExcelFile = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } });

export const isWorkbookPath = (file: string): boolean => /\.xlsx$/i.test(file);

/** A workbook larger than this is not a clerk's sheet of entries: refused before it is unzipped. */
const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

/** The workbook's sheets as cells; a file that is not a workbook is said so, in the user's words. */
export async function readWorkbookFile(file: string): Promise<EntryWorkbookReading> {
  if (!existsSync(file)) throw new Error(`找不到文件 (no such file)：${file}`);
  const kind = statSync(file);
  if (kind.isDirectory()) throw new Error(`是目录，不是文件 (a directory, not a file)：${file}`);
  if (kind.size > MAX_WORKBOOK_BYTES) throw new Error(`Excel 文件过大（${(kind.size / 1024 / 1024).toFixed(0)} MB，上限 50 MB）：${file}；请分成几个工作簿导入 (workbook too large)`);
  const readXlsxFile = (require('read-excel-file/node') as ReadExcelFile).default;
  const bytes = readFileSync(file);
  const bomb = workbookTooLargeZh(bytes, file);
  if (bomb) throw new Error(`${bomb} (workbook unpacks beyond the limit)`);
  let sheets: Awaited<ReturnType<ReadExcelFile['default']>>;
  try {
    sheets = await readXlsxFile(bytes);
  } catch (error) {
    throw new Error(`无法读取 Excel 工作簿 ${file}：不是有效的 .xlsx 文件，或文件已损坏（${error instanceof Error ? error.message.slice(0, 200) : String(error)}）。请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后再导入 (not a readable .xlsx workbook)`);
  }
  return readEntryWorkbook(sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((r) => r as readonly EntryCell[]) })));
}

/** The ledger's names of the ids the sheets name beside a name (the roster's read model, brought up first). */
async function ledgerNames(ledger: LedgerRuntime, reading: EntryWorkbookReading): Promise<LedgerNames> {
  const { cadreIds, orgUnitIds } = entryNamedIds(reading);
  if (cadreIds.length === 0 && orgUnitIds.length === 0) return { cadres: new Map(), orgUnits: new Map() };
  const queries = cliReadModelQueries(ledger);
  const roster = cadreIds.length === 0 ? [] : (await queries.careerTables((tx) => listCadres(tx, { ids: cadreIds, page: 1, pageSize: Number.MAX_SAFE_INTEGER, asOf: todayInShanghai() }))).items;
  // Every unit of the directory, as the web page reads it (GET /v1/org-units), not the townships alone.
  const units = orgUnitIds.length === 0 ? [] : (await queries.orgUnits({})).orgUnits;
  return { cadres: new Map(roster.map((c) => [c.cadreId, c.name])), orgUnits: new Map(units.map((u) => [u.orgUnitId, u.name])) };
}

export interface WorkbookImportOptions {
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly as: Role;
  readonly projections: boolean;
}

/** `import FILE.xlsx`: exit 4 when a row was refused, as for an NDJSON file. */
export async function importWorkbook(file: string, options: WorkbookImportOptions): Promise<void> {
  const reading = await readWorkbookFile(file);
  const correlationId = randomUUID();
  const started = Date.now();
  const stop = new AbortController();
  let projections: ProjectionsUpdate | undefined;
  let projectionsFailed: unknown;
  let outcome: { result: ImportResult; rejections: EntryRejection[]; refusedAsRead: number; said: ReturnType<typeof entryOutcomeZh> } | undefined;
  try {
    outcome = await withLedger(
      async (ledger) => {
        const refused = [...reading.problems, ...entryNameMismatches(reading, await ledgerNames(ledger, reading))];
        const importFile = entryImportFile(reading, refused);
        const { sources } = importFile;
        // A row goes in whole or not at all (a post's appointment and removal): importEntryRows dry-runs first where a row makes several lines.
        const result = await importEntryRows(importFile, options.dryRun ?? false, (ndjson, dryRun) =>
          importNdjson(Readable.from([ndjson]), ledger.store, todayInShanghai, cliImportOptions(ledger, options.as, correlationId, dryRun, stop.signal)),
        );
        stop.abort();
        const said = { result, rejections: entryRejections(reading, refused, result.rejected, sources), refusedAsRead: refusedRowCount(refused), said: entryOutcomeZh(reading, refused, result, sources) };
        if (!options.json) printWorkbookReport(file, reading, said, (Date.now() - started) / 1000, correlationId);
        if (!result.dryRun && options.projections && result.appended > 0) {
          try {
            projections = await updateProjections(ledger, !options.json);
          } catch (error) {
            projectionsFailed = error;
          }
        }
        return said;
      },
      { stop },
    );
  } catch (error) {
    if (!(error instanceof ImportInterrupted)) throw error;
    // A workbook is a few thousand rows: stopped part-way, what is final is the import's to say, as for a file.
    const { partial, reason } = error;
    process.stderr.write(reason instanceof ImportStopped ? '导入已按要求中断。\n' : `${ERROR_PREFIX_ZH}${cliErrorMessageZh(reason)}\n`);
    process.stdout.write(`导入中止：前 ${partial.lines} 行的处理结果已确定，其后各行未写入，再次导入同一工作簿即可继续（已写入的行会被跳过）；本次导入的关联编号（correlationId）${correlationId}。\n`);
    process.exitCode = reason instanceof ImportStopped ? 130 : 1;
    return;
  }
  const { result, rejections, refusedAsRead, said } = outcome;
  const failed = projectionsFailed === undefined ? undefined : (JSON.parse(cliErrorJson(projectionsFailed)) as { error: Record<string, unknown> }).error;
  if (options.json) {
    const { rejected: _importRefusals, ...counts } = result;
    void _importRefusals;
    printJson({
      ...counts,
      workbook: { file, sheets: reading.sheets, unfilledRows: reading.unfilledRows, ignoredColumns: reading.ignoredColumns },
      // Rows (the clerk's) and lines (the import's) apart: accepted + rejectedCount = lines; rowsRefused counts the rows refused as read too.
      rows: said.rows,
      rowsRefused: said.rowsRefused,
      rowsRefusedAsRead: refusedAsRead,
      rejectedCount: result.rejectedCount,
      rejected: rejections,
      correlationId,
      seconds: (Date.now() - started) / 1000,
      ...(projections ? { projections } : {}),
      ...(failed ? { projections: { error: failed } } : {}),
    });
  }
  if (failed) process.stderr.write(`${ERROR_PREFIX_ZH}${PROJECTIONS_FAILED_ZH}${cliErrorMessageZh(projectionsFailed)}\n`);
  if (result.rejectedCount + refusedAsRead > 0) process.exitCode = 4;
  if (failed) process.exitCode = 1;
}

function printWorkbookReport(
  file: string,
  reading: EntryWorkbookReading,
  outcome: { result: ImportResult; rejections: EntryRejection[]; said: ReturnType<typeof entryOutcomeZh> },
  seconds: number,
  correlationId: string,
): void {
  const { result, rejections, said } = outcome;
  process.stdout.write(`读取 Excel 工作簿 ${printable(file)}：${printable(entryReadingZh(reading))}。\n`);
  process.stdout.write(
    result.dryRun
      ? `${said.sentenceZh}；将写入事件 ${result.eventsWritten} 个，用时 ${seconds.toFixed(1)} 秒。\n`
      : `${said.sentenceZh}；写入事件 ${result.eventsWritten} 个，用时 ${seconds.toFixed(1)} 秒；本次导入的关联编号（correlationId）${correlationId}。\n`,
  );
  if (said.rows === 0) process.stderr.write('注意：工作簿中没有填写任何一行，未导入任何内容。\n');
  if (rejections.length === 0) return;
  const partial = unlistedRefusals(result) > 0 ? `（导入拒绝的共 ${result.rejectedCount} 行，仅列出前 ${result.rejected.length} 行）` : '';
  process.stdout.write(`\n被拒绝的行${partial}：\n`);
  printTable(
    ['工作表', '行号', '规则', '原因', '详情'],
    rejections.map((r) => [
      r.sheet,
      String(r.row),
      r.rule === 'AUTH' ? '录入权限（AUTH）' : ruleNameZh(r.rule),
      errorTitleZh(r.code) ?? r.code,
      'line' in r ? namesBesideIds(r.messageZh || r.message, { ...(r as { orgUnitNames?: Record<string, string> }).orgUnitNames, ...(r as { cadreNames?: Record<string, string> }).cadreNames }) : r.messageZh,
    ]),
  );
}

// The route's own parameters (GET /v1/import/template): the same refusal for a year that is none.
const templateOptionsSchema = z.object({ asOf: calendarDateSchema.optional(), year: yearParamSchema.optional() }).strict();

/** `import-template --xlsx FILE [--onboarding]`: the workbook to fill, pre-filled from the roster, or the 建档 one. */
export function registerImportTemplate(program: Command): void {
  program
    .command('import-template')
    .description('下载批量录入模板（Excel）：年度考核、乡镇绩效、健康体检、教育培训、谈心谈话，按 --as-of 当日在乡镇任职的干部和全部乡镇预填；--onboarding 为建档模板（单位、干部基本信息、任职经历）；填好后用 import 文件.xlsx 导入')
    .requiredOption('--xlsx <file>', '模板另存为此 Excel 工作簿（.xlsx）', xlsxPath)
    .option('--onboarding', '建档模板：首次录入或新增单位、干部及其任职经历（附台账已有单位）')
    .option('--as-of <date>', '预填在此日（YYYY-MM-DD，默认今天，北京时间）在乡镇任职的干部')
    .option('--year <year>', '年度考核、乡镇绩效预填的年度（默认为 --as-of 当日已结束的最近一个年度；建档模板不用）')
    .option('--json', `${JSON_ZH}：{xlsx, sheets:[{name, rows}]}`)
    .action(async (options: { xlsx: string; onboarding?: boolean; asOf?: string; year?: string; json?: boolean }) => {
      const given = Object.fromEntries((['asOf', 'year'] as const).flatMap((k) => (options[k] !== undefined ? [[k, options[k]]] : [])));
      const params = parseOptions(templateOptionsSchema, given, { asOf: '--as-of', year: '--year' });
      const asOf = params.asOf ?? todayInShanghai();
      if (options.onboarding) {
        if (params.year !== undefined) throw new Error('--year 只用于年度录入模板；建档模板（--onboarding）不分年度，请去掉 --year (--year is for the annual template only)');
        const directory = await withLedger((l) => cliReadModelQueries(l).orgUnits({}), { asks: true });
        await saveWorkbook(options.xlsx, onboardingTemplateWorkbookZh({ asOf, orgUnits: directory.orgUnits }), options.json);
        return;
      }
      const roster = await withLedger((l) => cliReadModelQueries(l).careerTables((tx) => listCadres(tx, { page: 1, pageSize: Number.MAX_SAFE_INTEGER, asOf })), { asks: true });
      const template = entryTemplateWorkbookZh(entryTemplateInputZh(roster, { asOf, year: params.year, withCadres: true }));
      await saveWorkbook(options.xlsx, template, options.json);
    });
}

