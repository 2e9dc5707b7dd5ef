import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { BREAK_REASONS_ZH, buildCadreExport, renderExportHtml, verifyExport } from '@ledger/audit';
import { identifierSchema, namedZh } from '@ledger/domain';
import { z } from 'zod';
import { parseOptions } from '../read-models-cli';
import { printableLines } from '../table';
import { printJson, reportUnknownCadre, withLedger } from '../cli-runtime';
import { EXIT_TAMPERED } from './verify.command';
import { writeFileWhole } from '../write-file-whole';

/** An export file's mode: its owner reads and writes it, no one else. */
const EXPORT_FILE_MODE = 0o600;
import { JSON_ZH } from '../help-zh';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('导出干部履历审计记录：本人及相关复核或申诉的全部事件、哈希与校验结果；不加 --out 或 --html 时把 JSON 写到标准输出')
    .argument('<cadreId>', '干部编号')
    .option('--out <file>', '把导出的 JSON 写入此文件')
    .option('--html <file>', '把便于阅读的中文 HTML 版本写入此文件')
    .option('--json', `${JSON_ZH}；与 --out 或 --html 同用时，输出所写文件的概况`)
    .action(async (given: string, options: { out?: string; html?: string; json?: boolean }) => {
      // The id checked as history and tenure check it (found by a review: `export ""` answered "没有干部  的记录").
      const { cadreId } = parseOptions(z.object({ cadreId: identifierSchema }), { cadreId: given }, { cadreId: '干部编号' });
      const document = await withLedger(
        (ledger) => buildCadreExport(ledger.store, cadreId, { generatedAt: new Date().toISOString(), generatedBy: `cli:${userInfo().username}` }),
        { asks: true },
      );
      if (!document) {
        reportUnknownCadre(cadreId, options.json);
        return;
      }
      const s = document.summary;
      // A chain already broken in the ledger is still exported (auditors need to see it), but is an exit 3;
      // so is a related event's stream (a name's registration): verify-export refuses that file too.
      const relatedIntact = s.relatedEventsIntact !== false;
      if (!s.chainsIntact || !relatedIntact) process.exitCode = EXIT_TAMPERED;
      if (options.out === undefined && options.html === undefined) {
        printJson(document);
        return;
      }
      // A cadre's whole record (birth date, sanctions, appeals): readable by its owner only, and
      // written whole or not at all, never a half-written file in place of an earlier export (found
      // by a security review: exports were world-readable, written in place).
      if (options.out !== undefined) writeFileWhole(options.out, `${JSON.stringify(document, null, 2)}\n`, EXPORT_FILE_MODE);
      if (options.html !== undefined) writeFileWhole(options.html, renderExportHtml(document, verifyExport(document)), EXPORT_FILE_MODE);
      if (options.json) {
        printJson({ cadreId, out: options.out ?? null, html: options.html ?? null, streams: s.streams, events: s.events, chainsIntact: s.chainsIntact, relatedEventsIntact: relatedIntact, documentHash: document.documentHash });
        return;
      }
      const files = [options.out, options.html].filter((f): f is string => f !== undefined).join('、');
      const lines: string[] = [];
      lines.push(
        `已导出干部 ${namedZh(s.cadreName ?? null, cadreId)}的审计记录：${s.streams} 条事件流（含复核或申诉 ${s.appeals} 件）、${s.events} 个事件 → ${files}\n` +
          `文档哈希 ${document.documentHash}\n`,
      );
      for (const stream of document.streams) {
        const v = stream.verification;
        const broken = v.firstBroken;
        lines.push(`  ${stream.streamId}：${broken ? `哈希链断裂，第 ${broken.revision} 号事件：${BREAK_REASONS_ZH[broken.reason]} [${broken.reason}]` : '哈希链完整'}；流头 ${stream.head ? `第 ${stream.head.revision} 号 ${stream.head.hash}` : '缺失'}\n`);
      }
      if (!s.chainsIntact) lines.push('警告：导出时台账中的哈希链已断裂，详见导出文件。\n');
      if (!relatedIntact) lines.push('警告：关联事件（推荐记录或名称来源）所在的事件流导出时已断裂，相关名称未通过校验，详见导出文件。\n');
      process.stdout.write(printableLines(lines.join('')));
    });
}
