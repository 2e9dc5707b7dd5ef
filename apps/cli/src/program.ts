import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.command';
import { registerToken } from './commands/token.command';
import { registerVerify } from './commands/verify.command';

export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('乡镇领导干部履历台账 (cadre career ledger) — command line')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerVerify(program);
  registerMigrate(program);
  registerToken(program);
  return program;
}
