import type { Command } from 'commander';
import { loadConfig } from '@ledger/config';
import { openLedgerDatabase } from '@ledger/database';
import { printJson } from '../cli-runtime';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('升级数据库结构 (apply pending schema migrations; the API and CLI also do this on start)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const applied: string[] = [];
      const db = await openLedgerDatabase(loadConfig(), { log: (m) => m.startsWith('migration applied: ') && applied.push(m.slice(19)) });
      await db.close();
      if (options.json) printJson({ applied });
      else process.stdout.write(applied.length ? `已应用迁移：\n${applied.map((a) => `  ${a}`).join('\n')}\n` : '数据库结构已是最新。\n');
    });
}
