/** Runs the real CLI (`npm run ledger -- …` without npm's banner) as a child process. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_ROOT_ENV, isCompiledSource } from './compiled-apps';

export const ROOT = join(__dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Node's arguments to run `source` (a path from the repository's root): the app compiled once for
 * the run by global setup (compiled-apps.ts), or the source through `@swc-node/register` (test
 * support files, or a run without global setup).
 */
export function nodeEntry(source: string): string[] {
  const compiled = process.env[COMPILED_ROOT_ENV];
  return compiled && isCompiledSource(source) ? [join(compiled, source.replace(/\.ts$/, '.js'))] : ['-r', '@swc-node/register', join(ROOT, source)];
}

/**
 * One of the apps (`apps/cli/src/main.ts`, `apps/api/src/main.ts`, …) run to its exit: its code and
 * what it printed. `killAfterMs`: a process expected to stop by itself (a start that must be
 * refused) is stopped after that long (SIGINT, then SIGKILL 10 s later), so a regression that lets it
 * run fails the spec instead of leaving a server behind it.
 */
export function runApp(source: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, options: { input?: string; killAfterMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeEntry(source), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // Stopped as an operator would (Ctrl+C: a server drains, the demo stops its embedded PostgreSQL), then killed if it lingers.
    const stop = (signal: NodeJS.Signals) => child.exitCode === null && child.signalCode === null && child.kill(signal);
    const killers =
      options.killAfterMs === undefined ? [] : [setTimeout(() => stop('SIGINT'), options.killAfterMs), setTimeout(() => stop('SIGKILL'), options.killAfterMs + 10_000)];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      for (const killer of killers) clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliResult> {
  return runApp('apps/cli/src/main.ts', args, env, input === undefined ? {} : { input });
}

/** A township 青山镇 (T01) and its party secretary 李四 (C1, since 2016), imported as ADMIN through the CLI from a file in `dir`. */
export function importSecretaryOfT01(dir: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const file = join(dir, 'ledger.ndjson');
  const lines = [
    { id: 'reg-T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
    { id: 'reg-C1', type: 'CadreRegistered', cadreId: 'C1', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
    { id: 'ap1', type: 'AppointedToPost', cadreId: 'C1', effectiveDate: '2016-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return runCli(['import', file, '--as', 'ADMIN'], env);
}
