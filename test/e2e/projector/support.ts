import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { nodeEntry, ROOT, runCli } from '../../support/run-cli';
import type { TestDatabase } from '../../support/test-database';
import { scratchDir } from '../../support/scratch-dir';
import { startApi, type ApiHarness } from '../../support/api-harness';

export interface Projector {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  text(): string;
}

export function startProjector(db: TestDatabase, env: Record<string, string> = {}): Projector {
  const child = spawn(process.execPath, [...nodeEntry('apps/projector/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'info', PROJECTOR_RETRY_MS: '300', PROJECTION_POLL_INTERVAL_MS: '20', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, exited, text: () => lines.join('\n') + '\n' + buffer };
}

/**
 * Until the projector has said it started: its stop signals are handled from then on. A SIGTERM
 * while it still loads its modules (seconds on a loaded machine) ends it by the signal's default,
 * with no exit code (found when a restarted projector was stopped before it had loaded).
 */
export async function started(p: Projector): Promise<void> {
  await until(() => p.text().includes('projector started'), 120_000, 'the projector to start');
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/** Generates a county and imports it without projections; returns the number of events stored. */
export async function importCounty(db: TestDatabase, townships = 2, years = 4, seed = 7): Promise<void> {
  const dir = scratchDir('projector-spec');
  const file = join(dir, 'county.ndjson');
  const gen = await runCli(['generate', '--townships', String(townships), '--years', String(years), '--seed', String(seed), '--end-year', '2025', '--out', file]);
  if (gen.code !== 0) throw new Error(`generate failed: ${gen.stderr}`);
  const imp = await runCli(['import', file, '--as', 'ADMIN', '--no-projections', '--json'], { DATABASE_URL: db.url });
  if (imp.code !== 0 && imp.code !== 4) throw new Error(`import failed (${imp.code}): ${imp.stderr}`);
}

export async function eventCount(db: TestDatabase): Promise<number> {
  const [row] = await db.sql`select count(*)::int as n from events`;
  return Number(row!.n);
}

/**
 * An API started without projections in its process (`PROJECTIONS_IN_API=false`) beside a projector
 * process leading every projection: the arrangement as deployed. `close` kills the projector (if
 * it is still running) and closes the API.
 */
export async function apiBesideProjector(
  label: string,
  apiEnv: Record<string, string> = {},
  projectorEnv: Record<string, string> = {},
): Promise<{ api: ApiHarness; projector: Projector; close(): Promise<void> }> {
  const api = await startApi(label, {}, { PROJECTIONS_IN_API: 'false', ...apiEnv });
  const projector = startProjector(api.db, projectorEnv);
  await until(() => /leader for projection compliance/.test(projector.text()), 60_000, 'the projector to lead');
  return {
    api,
    projector,
    async close() {
      if (projector.child.exitCode === null) {
        projector.child.kill('SIGKILL');
        await projector.exited;
      }
      await api.close();
    },
  };
}
