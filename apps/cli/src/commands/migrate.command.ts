import type { Command } from 'commander';
import { loadConfig } from '@ledger/config';
import { openLedgerDatabase } from '@ledger/database';
import { printJson } from '../cli-runtime';
import { JSON_ZH } from '../help-zh';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('升级数据库结构：执行尚未执行的迁移（接口和命令行每次启动时也会执行）')
    .option('--json', JSON_ZH)
    .action(async (options: { json?: boolean }) => {
      const applied: string[] = [];
      const db = await openLedgerDatabase(loadConfig(), { log: (m) => m.startsWith('migration applied: ') && applied.push(m.slice(19)) });
      await db.close();
      if (options.json) printJson({ applied });
      else process.stdout.write(applied.length ? `已应用迁移：\n${applied.map((a) => `  ${a}`).join('\n')}\n` : '数据库结构已是最新。\n');
    });
}
