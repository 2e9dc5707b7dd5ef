import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkExportAgainstLedger, describeBreakZh, describeLedgerComparisonZh, ExportFormatError, parseAuditExport, verifyExport, type AuditExport, type LedgerComparison } from '@ledger/audit';
import { actorZh, namedZh, shanghaiTime } from '@ledger/domain';
import { printJson, withLedger } from '../cli-runtime';
import { cliErrorMessageZh } from '../errors-zh';
import { EXIT_TAMPERED } from './verify.command';
import { JSON_ZH } from '../help-zh';
import { printableLines } from '../table';

/** A message said in Chinese only (the CLI's own words for a file it cannot read), as both the message and its Chinese. */
const twice = (zh: string): [string, string] => [zh, zh];

/** Human output: a file's names and ids are made printable, so a crafted one cannot rewrite the verdict line in a terminal. */
const say = (text: string): void => void process.stdout.write(printableLines(text));

/** Exit code for a file that is not a readable audit export at all. */
export const EXIT_NOT_AN_EXPORT = 1;

export function registerVerifyExport(program: Command): void {
  program
    .command('verify-export')
    .description('仅凭导出文件重算全部哈希链，不连接数据库；加 --against-ledger 再与台账逐一核对流头和关联事件。退出码：0 完整，3 有断裂或与台账不符，1 文件不可读')
    .argument('<file>', '审计导出文件（export 命令写出的 JSON）')
    .option('--against-ledger', '与本机台账（LEDGER_DATA_DIR 或 DATABASE_URL）核对：文件的每个流头和关联事件须为台账中的同一事件')
    .option('--json', JSON_ZH)
    .action(async (file: string, options: { json?: boolean; againstLedger?: boolean }) => {
      let document: AuditExport;
      try {
        document = parseAuditExport(readFileSync(file, 'utf8'));
      } catch (error) {
        // A path that cannot be read (missing, a directory, no permission) is unreadable like a bad file, under --json too.
        const fsCode = (error as NodeJS.ErrnoException).code;
        const notReadable =
          error instanceof ExportFormatError
            ? error
            : typeof fsCode === 'string' && fsCode.startsWith('E')
              ? fsCode === 'ENOENT'
                ? new ExportFormatError(`no such file: ${file}`, `没有该文件：${file}`)
                : new ExportFormatError(...twice(cliErrorMessageZh(Object.assign(error as Error, { path: file }))))
              : undefined;
        if (!notReadable) throw error;
        // Under --json an error like every other command's: one JSON line on stderr, nothing on stdout (found by a review: stdout, English only).
        if (options.json) process.stderr.write(`${JSON.stringify({ error: { code: notReadable.code, message: `不是可读的审计导出文件：${notReadable.messageZh}`, messageEn: notReadable.message, issues: notReadable.issues } })}\n`);
        else process.stderr.write(`无法校验：${file} 不是可读的审计导出文件。${notReadable.messageZh}\n`);
        process.exitCode = EXIT_NOT_AN_EXPORT;
        return;
      }
      const result = verifyExport(document);
      // Against the ledger only a file that agrees with itself: its chains are then the ledger's if its heads are.
      // Against the ledger, --json prints what POST /v1/audit/verify-export answers (checkExportAgainstLedger).
      const check = options.againstLedger && result.ok ? await withLedger((l) => checkExportAgainstLedger(document, l.store), { asks: true }) : null;
      const ledger: LedgerComparison | null = check?.ledger ?? null;
      if (options.json) printJson(options.againstLedger ? (check ?? { ok: false, file: result, ledger: null, summaryZh: [`文件自身校验失败：${describeBreakZh(result.firstBroken!)}`] }) : result);
      else if (result.ok) {
        say(
          `校验通过：干部 ${namedZh(document.summary.cadreName ?? null, result.cadreId)}的 ${result.checkedStreams} 条事件流、${result.checkedEvents} 个事件哈希链完整${result.checkedRelatedEvents > 0 ? `，关联事件 ${result.checkedRelatedEvents} 个哈希与其前一哈希相符、名称 ${result.checkedNames} 个与其登记事件一致` : ''}，${result.derivedOk === null ? '关联与概况未重算（文件由另一版本的推导规则写出，或未注明版本：仅供阅读）' : '关联与概况与事件一致'}，文档哈希一致。\n` +
            `导出于 ${shanghaiTime(result.generatedAt)}，导出人 ${actorZh(result.generatedBy)}。` +
            (ledger
              ? '\n'
              : '以下哈希须与台账核对（文件只能证明自身一致；加 --against-ledger 可与本机台账逐一核对）：\n' +
                result.streams.map((s) => `  ${s.streamId} 第 ${s.headRevision} 号（流头） ${s.headHash}\n`).join('') +
                (document.relatedEvents ?? []).map((r) => `  ${r.event.streamId} 第 ${r.event.revision} 号（关联事件） ${r.event.hash}\n`).join('')),
        );
        if (!document.summary.chainsIntact) say('注意：文件记载导出时台账中已有断裂的哈希链。\n');
        if (document.summary.relatedEventsIntact === false) say('注意：文件记载导出时关联事件（推荐记录或名称来源）所在的事件流已有断裂，相关名称未通过校验。\n');
      } else {
        say(`校验失败：${describeBreakZh(result.firstBroken!)}\n`);
      }
      if (ledger && !options.json) say(`${describeLedgerComparisonZh(ledger).join('\n')}\n`);
      if (!result.ok || (ledger && !ledger.ok)) process.exitCode = EXIT_TAMPERED;
    });
}
