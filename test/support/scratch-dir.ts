/**
 * Folders for a spec's files (an import file, an export, a data directory), removed with their
 * contents once the spec file's tests have run (jest-setup-after-env.ts): each full run used to
 * leave a dozen folders behind in the machine's temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Jest gives each spec file its own module registry: this list is the current file's.
const made: string[] = [];

/** A new empty folder under the temporary directory, named `<prefix>-XXXXXX`. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
