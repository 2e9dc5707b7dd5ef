import { Command } from 'commander';
import { commanderOutputZh, commanderUsageErrorJson } from './errors-zh';
import { helpInChinese } from './help-zh';
import { registerCadres } from './commands/cadres.command';
import { registerDigest } from './commands/digest.command';
import { registerExport } from './commands/export.command';
import { registerCompliance } from './commands/compliance.command';
import { registerGenerate } from './commands/generate.command';
import { registerHistory } from './commands/history.command';
import { registerImport } from './commands/import.command';
import { registerImportTemplate } from './commands/import-workbook';
import { registerMigrate } from './commands/migrate.command';
import { registerMigrateStore } from './commands/migrate-store.command';
import { registerReadModelCommands } from './commands/read-models.commands';
import { registerReport } from './commands/report.command';
import { registerToken } from './commands/token.command';
import { registerVerify } from './commands/verify.command';
import { registerVerifyExport } from './commands/verify-export.command';

export function buildProgram(argv: readonly string[] = process.argv): Command {
  // A script that asked for --json reads a usage error as JSON too, like every other error (main.ts).
  const json = argv.includes('--json');
  // Help, errors and output configured before any command is made: each command copies them (commander's copyInheritedSettings).
  const program = helpInChinese(new Command('ledger'))
    .description('乡镇领导干部履历台账命令行：输出中文表格或说明；加 --json 输出机器可读的 JSON')
    .showHelpAfterError(!json)
    .configureOutput({
      writeErr: (s) => process.stderr.write(commanderOutputZh(s)),
      outputError: (s, write) => write(json ? `${commanderUsageErrorJson(s)}\n` : s),
    });
  registerImport(program);
  registerImportTemplate(program);
  registerHistory(program);
  registerCadres(program);
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
  refuseRepeatedOptions(program);
  return program;
}

/**
 * An option that takes a value may be given once: `--as-of A --as-of B` would otherwise answer for
 * B without a word, and `import --as CLERK --as ADMIN` write as ADMIN, where the API refuses a
 * repeated query parameter and the ledger a repeated JSON name (found by a review). A flag without
 * a value said twice says the same thing, and stays accepted.
 */
function refuseRepeatedOptions(command: Command): void {
  for (const option of command.options) {
    if ((!option.required && !option.optional) || option.variadic) continue;
    let given = 0;
    command.on(`option:${option.name()}`, () => {
      given += 1;
      if (given > 1) command.error(`错误：选项 ${option.long ?? option.flags} 只能给一次，给了多次时无法确定以哪一个为准 (option given more than once)`, { code: 'commander.repeatedOption' });
    });
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
}
