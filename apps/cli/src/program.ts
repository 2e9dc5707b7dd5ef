import { Command } from 'commander';
import { registerGenerate } from './commands/generate.command';
import { registerHistory } from './commands/history.command';
import { registerImport } from './commands/import.command';
import { registerMigrate } from './commands/migrate.command';
import { registerToken } from './commands/token.command';
import { registerVerify } from './commands/verify.command';

export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('乡镇领导干部履历台账 (cadre career ledger) — command line')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerImport(program);
  registerHistory(program);
  registerVerify(program);
  registerGenerate(program);
  registerMigrate(program);
  registerToken(program);
  return program;
}
