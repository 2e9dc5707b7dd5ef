import { Command } from 'commander';
import { commanderOutputZh } from './errors-zh';
import { registerDigest } from './commands/digest.command';
import { registerExport } from './commands/export.command';
import { registerCompliance } from './commands/compliance.command';
import { registerGenerate } from './commands/generate.command';
import { registerHistory } from './commands/history.command';
import { registerImport } from './commands/import.command';
import { registerMigrate } from './commands/migrate.command';
import { registerMigrateStore } from './commands/migrate-store.command';
import { registerReadModelCommands } from './commands/read-models.commands';
import { registerReport } from './commands/report.command';
import { registerToken } from './commands/token.command';
import { registerVerify } from './commands/verify.command';
import { registerVerifyExport } from './commands/verify-export.command';

export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('乡镇领导干部履历台账 (cadre career ledger) — command line')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(commanderOutputZh(s)) });
  registerImport(program);
  registerHistory(program);
  registerCompliance(program);
  registerReadModelCommands(program);
  registerReport(program);
  registerVerify(program);
  registerExport(program);
  registerVerifyExport(program);
  registerDigest(program);
  registerGenerate(program);
  registerMigrate(program);
  registerMigrateStore(program);
  registerToken(program);
  return program;
}
