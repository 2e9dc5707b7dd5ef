/** An import stopped part-way (the API or the CLI asked to stop): the file it was given, and what importing it again stores. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCounty } from '@ledger/generator';
import { runCli } from './run-cli';

/** A generated county of 3,550 lines: more than three chunks of 1,000. */
export const COUNTY_LINES: readonly string[] = [...generateCounty({ townships: 4, years: 10, seed: 7 })].map((l) => `${JSON.stringify(l)}\n`);

/** The whole file imported again by the CLI into the ledger of `dataDir`: its JSON report (exit 0 expected). */
export async function importedAgain(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ alreadyPresent: number; appended: number; rejectedCount: number }> {
  const file = join(dataDir, 'county.ndjson');
  writeFileSync(file, COUNTY_LINES.join(''));
  const again = await runCli(['import', file, '--as', 'ADMIN', '--json', '--no-projections'], env);
  if (again.code !== 0) throw new Error(`the import again exited ${again.code}:\n${again.stderr}`);
  return JSON.parse(again.stdout) as { alreadyPresent: number; appended: number; rejectedCount: number };
}
