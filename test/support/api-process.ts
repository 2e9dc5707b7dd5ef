/** `npm start` (apps/api/src/main.ts) run as a child process on a port of its own, for specs of the process itself (signals, exit codes, its log). */
import { spawn, type ChildProcess } from 'node:child_process';
import { nodeEntry, ROOT } from './run-cli';

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  /** Everything it printed so far, stdout and stderr. */
  log(): string;
}

/** Started with `env` on 127.0.0.1:`port` (LOG_LEVEL info), resolved once it logs that it listens; rejected if it exits first. */
export async function startApi(env: NodeJS.ProcessEnv, port: number): Promise<ApiProcess> {
  const child = spawn(process.execPath, [...nodeEntry('apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('ledger API listening')) resolve();
    });
    void exited.then(({ code }) => reject(new Error(`the API exited with ${code} before listening:\n${log}`)));
  });
  return { child, exited, log: () => log };
}
