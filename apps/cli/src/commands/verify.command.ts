import type { Command } from 'commander';
import { verificationZh, verifyLedger } from '@ledger/audit';
import { printJson, withLedger } from '../cli-runtime';
import { verifySinceDigestCommand } from './digest.command';
import { JSON_ZH } from '../help-zh';
import { EXIT_MIGRATION_STOPPED } from './migrate-store.command';

/** Exit code when the chain is broken: distinct from usage (1) so scripts can tell them apart. */
export const EXIT_TAMPERED = 3;

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('校验哈希链：逐条事件流重算每个事件的哈希，报告第一处断裂；有断裂时退出码为 3，本库是未完成的迁移（migrate-store）的目标时为 5')
    .option('--json', JSON_ZH)
    .option('--all', '列出每一处断裂，不在第一处停止')
    .option('--since-digest <digest>', '同时证明截至该摘要的台账未被改动、此后只有追加；摘要为 digest 命令打印的字符串或 JSON，或保存它的文件')
    .action(async (options: { json?: boolean; all?: boolean; sinceDigest?: string }) => {
      if (options.sinceDigest !== undefined) {
        if (!(await verifySinceDigestCommand(options.sinceDigest, options)).ok) process.exitCode = EXIT_TAMPERED;
        return;
      }
      const result = await withLedger((ledger) => verifyLedger(ledger.store, { stopAtFirst: !options.all }), { asks: true, opensEventsOutsideTheOrder: true });
      // --all: every break, each at its own event (found by a review: only the first was ever named).
      const summaryZh = verificationZh(result, { listsEveryBreak: options.all === true });
      // The JSON carries the sentences too, as GET /v1/audit/verify does.
      if (options.json) printJson({ ...result, summaryZh });
      else process.stdout.write(`${summaryZh.join('\n')}\n`);
      // A copy stopped part-way is no tampering: the migration's own exit code (migrate-store's 5).
      if (!result.ok) process.exitCode = result.broken.length === 0 && result.unfinishedCopy !== undefined ? EXIT_MIGRATION_STOPPED : EXIT_TAMPERED;
    });
}
