/**
 * A stop asked while the ledger is still opening (a supervisor's SIGTERM, with a database that does
 * not answer) ends the projector and the API at once, exit 0, whatever DATABASE_CONNECT_TIMEOUT_MS.
 * Found by an operations review: the projector kept the stop until the ledger was open — with an
 * unreachable host, never — though README says it ends within 30 s of SIGTERM; the API died by the
 * signal (leaving an embedded server it had started running) instead of its orderly stop.
 */
import { spawn } from 'node:child_process';
import { freePort } from '../../support/free-port';
import { nodeEntry, ROOT } from '../../support/run-cli';
import { silentDatabase } from '../../support/silent-database';

describe.each([
  ['the projector', 'apps/projector/src/main.ts', 'projector stopped before the ledger was open'],
  ['the API', 'apps/api/src/main.ts', 'stopped before the ledger was open'],
])('%s sent SIGTERM while opening the ledger on a database that never answers', (_name, source, said) => {
  it('exits 0 within a few seconds, saying so in its log', async () => {
    const database = await silentDatabase('silent');
    try {
      const child = spawn(process.execPath, nodeEntry(source), {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: database.url('pw'), DATABASE_CONNECT_TIMEOUT_MS: '60000', PORT: String(await freePort()), PROJECTIONS_IN_API: 'false', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      // A regression that ignores the stop is killed, and fails below.
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      // Opening: its first connection has reached the database (the stop signals are answered by then).
      await database.dialled;
      await new Promise((resolve) => setTimeout(resolve, 500));
      const asked = Date.now();
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      clearTimeout(killer);
      expect({ code, signal, output: code === 0 ? '' : output }).toEqual({ code: 0, signal: null, output: '' });
      expect(Date.now() - asked).toBeLessThan(5000);
      expect(output).toContain(said);
    } finally {
      await database.close();
    }
  });
});
