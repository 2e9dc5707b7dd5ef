/**
 * The ledger's command line: `npm run ledger -- <command> [--json]`.
 * Human output is Chinese tables; `--json` prints the API's JSON for scripts.
 */
import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`错误 (error): ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  });
