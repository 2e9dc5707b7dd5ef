import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { ImportInterrupted, importNdjson, ImportStopped, MAX_REPORTED_REJECTIONS, type ImportResult } from '@ledger/application';
import { may, ROLES, routeRefusalZh, type Role } from '@ledger/auth';
import { ERROR_PREFIX_ZH, errorTitleZh, namesBesideIds, ruleNameZh } from '@ledger/domain';
import { cliImportOptions, PROJECTIONS_FAILED_ZH, PROJECTIONS_LEFT_ZH, updateProjections, type ProjectionsUpdate } from './import-projections';
import { importWorkbook, isWorkbookPath } from './import-workbook';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { printTable } from '../table';
import { cliErrorJson, cliErrorMessageZh } from '../errors-zh';
import { JSON_ZH, upperCaseChoice } from '../help-zh';

/** Exit code when the import finished but some lines were rejected. */
export const EXIT_REJECTED_LINES = 4;
/** Exit code of an import stopped by Ctrl+C (SIGINT's, as the shell's). */
export const EXIT_INTERRUPTED = 130;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('导入 NDJSON 文件（每行一条履历事项）或批量录入的 Excel 工作簿（.xlsx，模板见 import-template），按与接口相同的规则录入；重复导入不会重复写入。有被拒绝的行时退出码为 4')
    .argument('<file>', 'NDJSON 文件路径（- 为标准输入，也可为命名管道），或以 .xlsx 结尾的 Excel 工作簿')
    .option('--dry-run', '只校验，不写入')
    .addOption(
      upperCaseChoice(new Option('--as <role>', '以该角色导入：每行须有其事项类型所需的权限，该角色记入事件的录入人'), ROLES).default('CLERK'),
    )
    .option('--no-projections', '导入后不更新读模型，留给接口或投影服务（projector）更新')
    .option('--json', `${JSON_ZH}：{accepted, rejected:[{line,id,rule,code,message,messageZh}]（只列前 1,000 条）, rejectedCount, …}`)
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean; as: Role; projections: boolean }) => {
      // The route's own capability first, as POST /v1/import asks it before reading a line (found by a
      // review: --as ORG_DEPT read the whole file and learned which lines were stored).
      if (!may(options.as, 'importEvents')) throw new CapabilityRefusedError(options.as);
      if (isWorkbookPath(file)) return importWorkbook(file, options);
      // `-` is standard input, and a named pipe is read like a file (`gunzip -c county.ndjson.gz | … import -`); their size is unknown, so no bar.
      const stdin = file === '-';
      if (!stdin && !existsSync(file)) throw new Error(`找不到文件 (no such file)：${file}`);
      const kind = stdin ? undefined : statSync(file);
      if (kind?.isDirectory()) throw new Error(`是目录，不是文件 (a directory, not a file)：${file}`);
      const piped = kind === undefined || kind.isFIFO() || kind.isCharacterDevice();
      if (kind && !kind.isFile() && !piped) throw new Error(`不是普通文件或管道 (not a regular file or a pipe)：${file}`);
      const size = kind?.size ?? 0;
      const showBar = !options.json && !piped && process.stderr.isTTY === true;
      const bar = new SingleBar({
        format: '导入 {bar} {percentage}% | {lines} 行 | 接受 {accepted} 拒绝 {rejected} | {rate} 行/秒 | 剩余 {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      });
      const started = Date.now();
      // One id for this run's events, as an HTTP import stores its request id (EVENTS.md: every stored event carries a correlationId; found by a review).
      const correlationId = randomUUID();
      if (showBar) bar.start(size, 0, { lines: 0, accepted: 0, rejected: 0, rate: 0 });
      let result: ImportResult;
      let projections: ProjectionsUpdate | null = null;
      const stop = new AbortController();
      /** From the command's start (the ledger opened) to the import's end: the read models' update is timed apart (`projections`). */
      let seconds = 0;
      let stoppedAtTheEnd = false;
      let projectionsFailed: unknown;
      try {
        result = await withLedger(async (ledger) => {
          const imported = await importNdjson(stdin ? process.stdin : createReadStream(file), ledger.store, todayInShanghai, {
            ...cliImportOptions(ledger, options.as, correlationId, options.dryRun, stop.signal),
            onProgress: (p) => {
              if (showBar) bar.update(p.bytes, { lines: p.lines, accepted: p.accepted, rejected: p.rejected, rate: Math.round(p.lines / Math.max(0.001, (Date.now() - started) / 1000)) });
            },
          });
          if (showBar) bar.stop();
          // Asked to stop after the last line was read (its chunk being written): the import ended whole,
          // and the read models' update, which the stop was asked instead of, is left (found by a review:
          // the Ctrl+C was said and then ignored, minutes of update for a province).
          stoppedAtTheEnd = stop.signal.aborted;
          // The import is over: a Ctrl+C from here on (the read models' update) closes at once, nothing being left to stop.
          stop.abort();
          seconds = (Date.now() - started) / 1000;
          // Said before the read models are brought up: a Ctrl+C during that update leaves the import's answer said.
          if (!options.json) printReport(imported, seconds, correlationId);
          // Also when nothing new was written: a re-import after one stopped during this update finishes it (found by a crash-safety review: the read models were left unbuilt).
          if (!imported.dryRun && options.projections) {
            if (stoppedAtTheEnd) process.stderr.write(options.json ? `${JSON.stringify({ warning: { code: 'PROJECTIONS_NOT_UPDATED', message: PROJECTIONS_LEFT_ZH } })}\n` : `${PROJECTIONS_LEFT_ZH}\n`);
            else {
              // Every line is stored by now: a failure here is the read models', said beside the import's
              // report, not instead of it (found by an operator's review: a killed database left --json
              // with the error alone, exit 1, though all 48,808 lines had been written).
              try {
                projections = await updateProjections(ledger, !options.json);
              } catch (error) {
                projectionsFailed = error;
              }
            }
          }
          return imported;
        }, { stop });
      } catch (error) {
        if (!(error instanceof ImportInterrupted)) throw error;
        // Stopped part-way (Ctrl+C, the database lost): what is final is said, as the HTTP report says it (found by an operations review: only 已中断).
        if (showBar) bar.stop();
        reportInterrupted(error, options.json === true, correlationId, (Date.now() - started) / 1000);
        process.exitCode = error.reason instanceof ImportStopped ? EXIT_INTERRUPTED : 1;
        return;
      } finally {
        if (showBar) bar.stop();
      }
      const update = projections as ProjectionsUpdate | null;
      const failed = projectionsFailed === undefined ? undefined : (JSON.parse(cliErrorJson(projectionsFailed)) as { error: Record<string, unknown> }).error;
      if (options.json) printJson({ ...result, correlationId, seconds, ...(update ? { projections: update } : {}), ...(failed ? { projections: { error: failed } } : {}) });
      if (failed) {
        const said = `${PROJECTIONS_FAILED_ZH}${cliErrorMessageZh(projectionsFailed)}`;
        process.stderr.write(options.json ? `${JSON.stringify({ error: { ...failed, code: 'PROJECTIONS_NOT_UPDATED', messageZh: said, cause: failed.code } })}\n` : `${ERROR_PREFIX_ZH}${said}\n`);
      }
      if (result.rejectedCount > 0) process.exitCode = EXIT_REJECTED_LINES;
      if (stoppedAtTheEnd) process.exitCode = EXIT_INTERRUPTED;
      if (failed) process.exitCode = 1;
    });
}


/** The import's answer for a person: the counts, a file with no record said so, the rejected lines. */
function printReport(result: ImportResult, seconds: number, correlationId: string): void {
  // A dry run writes nothing: its accepted lines are those it would write and those already present (found by a review: 接受 6 行（新写入 0，已存在 0）).
  const blank = result.blankLines > 0 ? `，空行 ${result.blankLines} 行（跳过）` : '';
  process.stdout.write(
    result.dryRun
      ? `试导入（未写入）：共 ${result.lines} 行，接受 ${result.accepted} 行（将新写入 ${result.appended}，已存在 ${result.alreadyPresent}），拒绝 ${result.rejectedCount} 行${blank}；将写入事件 ${result.eventsWritten} 个，用时 ${seconds.toFixed(1)} 秒。\n`
      : `导入完成：共 ${result.lines} 行，接受 ${result.accepted} 行（新写入 ${result.appended}，已存在 ${result.alreadyPresent}），拒绝 ${result.rejectedCount} 行${blank}；写入事件 ${result.eventsWritten} 个，用时 ${seconds.toFixed(1)} 秒；本次导入的关联编号（correlationId）${correlationId}。\n`,
  );
  // A file with no line at all (or only blank ones) imports nothing: said, so that a wrong or empty file is not read as a clean import (found by a CLI review).
  if (result.lines === result.blankLines) process.stderr.write(`注意：文件中没有任何记录（${result.lines === 0 ? '文件为空' : '只有空行'}），未导入任何内容。\n`);
  printRejections(result);
}

/** The table of rejected lines (the first 1,000), when there are any. */
function printRejections(result: ImportResult): void {
  if (result.rejected.length === 0) return;
  const partial = result.rejectedCount > result.rejected.length ? `（共 ${result.rejectedCount} 行，仅列出前 ${MAX_REPORTED_REJECTIONS} 行）` : '';
  process.stdout.write(`\n被拒绝的行${partial}：\n`);
  printTable(
    ['行号', '编号', '规则', '原因', '详情'],
    result.rejected.map((r) => [
      String(r.line),
      r.id ?? '—',
      // The rule's Chinese name beside its id, as findings write it (found by a review: TM4, I alone).
      r.rule === 'AUTH' ? '录入权限（AUTH）' : ruleNameZh(r.rule),
      (errorTitleZh(r.code) ?? r.code) + (r.firstPassingDate ? `（生效日期不早于 ${r.firstPassingDate} 即不违反此规定）` : ''),
      // The detail in Chinese (every rejection has one), names beside the ids of cadres and org units; the English stays in --json.
      namesBesideIds(r.messageZh || r.message, { ...r.orgUnitNames, ...r.cadreNames }),
    ]),
  );
}

/**
 * An import that stopped part-way: the counts of the lines whose outcome is final, the rejections
 * among them, and why it stopped; the lines after were not written, and importing the file again
 * goes on from there (the stored lines are found present). `--json`: the report with `error`, as
 * POST /v1/import ends one.
 */
function reportInterrupted(interrupted: ImportInterrupted, json: boolean, correlationId: string, seconds: number): void {
  const { partial, reason } = interrupted;
  const stopped = reason instanceof ImportStopped;
  // The cause on stderr, as every other failure of a command is said (with --json, as its last JSON line).
  const stoppedZh = partial.dryRun ? `试导入已按要求中断：已校验前 ${partial.lines} 行，其后各行未校验` : `导入已按要求中断：前 ${partial.lines} 行的处理结果已确定，其后各行未写入`;
  const stoppedEn = partial.dryRun ? `stopped on request; the dry run checked the first ${partial.lines} lines` : `stopped on request; the outcomes of the first ${partial.lines} lines are final, the lines after were not written`;
  // As every other error of a command with --json: its message in Chinese, the English beside it (found by a review: English only).
  const stoppedError = { code: 'IMPORT_STOPPED', message: `${stoppedZh} (${stoppedEn})`, messageZh: stoppedZh };
  const errorLine = stopped ? JSON.stringify({ error: stoppedError }) : cliErrorJson(reason);
  if (json) {
    printJson({ ...partial, correlationId, seconds, error: (JSON.parse(errorLine) as { error: object }).error });
    process.stderr.write(`${errorLine}\n`);
    return;
  }
  process.stderr.write(stopped ? '导入已按要求中断。\n' : `${ERROR_PREFIX_ZH}${cliErrorMessageZh(reason)}\n`);
  const written = partial.dryRun ? `将新写入 ${partial.appended}` : `新写入 ${partial.appended}`;
  process.stdout.write(
    `${partial.dryRun ? '试导入（未写入）中止' : '导入中止'}：前 ${partial.lines} 行的处理结果已确定，接受 ${partial.accepted} 行（${written}，已存在 ${partial.alreadyPresent}），拒绝 ${partial.rejectedCount} 行；其后各行${partial.dryRun ? '未校验' : '未写入，再次导入同一文件即可继续（已写入的行会被跳过）'}；本次导入的关联编号（correlationId）${correlationId}。\n`,
  );
  printRejections(partial);
}

/** The role may not import at all (`importEvents`): the API's 403 FORBIDDEN, said the same way. */
export class CapabilityRefusedError extends Error {
  readonly code = 'FORBIDDEN';
  readonly messageZh: string;
  constructor(role: Role) {
    super(`role ${role} may not importEvents`);
    this.messageZh = routeRefusalZh(role, 'importEvents');
  }
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, messageZh: this.messageZh, capability: 'importEvents' };
  }
}
