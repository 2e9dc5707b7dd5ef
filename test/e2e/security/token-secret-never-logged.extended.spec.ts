/**
 * the token secret never appears in the API's log (at debug level), on either
 * server, whatever the request did; nor in token list output or the events' actor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ApiTokenRepository } from '@ledger/auth';
import { ROOT, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { freePort } from '../../support/free-port';

function send(port: number, method: string, path: string, rawHeaders: string[], body?: string): Promise<number> {
  return new Promise((resolve) => {
    // Node takes headers given twice as a flat array, as message.rawHeaders, and then adds no Host
    // (an array of pairs without one had every request answered 400 by Node's parser: none reached
    // the API or its log, so this spec could not fail).
    const headers = ['Host', `127.0.0.1:${port}`, ...rawHeaders];
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(-1));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

for (const adapter of ['fastify', 'express']) {
  describe(`no secret in the log (${adapter})`, () => {
    let db: TestDatabase;
    let api: ChildProcess | undefined;
    afterAll(async () => {
      if (api?.pid && api.exitCode === null) {
        const exited = new Promise((r) => api!.once('exit', r));
        api.kill('SIGTERM');
        await exited;
      }
      await db?.drop();
    });

    it('never logs an API token, given right, wrong, twice, or in odd case', async () => {
      db = await createTestDatabase(`auth_log_${adapter}`);
      const repo = new ApiTokenRepository(db.sql);
      const admin = await repo.issue('ADMIN', '日志测试', 'test');
      const clerk = await repo.issue('CLERK', '日志录入', 'test');
      const port = await freePort();
      api = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug', HTTP_ADAPTER: adapter },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      api.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      await new Promise<void>((resolve, reject) => {
        api!.stdout!.on('data', (c: Buffer) => {
          log += c.toString();
          if (log.includes('ledger API listening')) resolve();
        });
        api!.once('exit', (code) => reject(new Error(`exited ${code}:\n${log}`)));
      });
      const a = admin.token;
      const c = clerk.token;
      const json = ['content-type', 'application/json'];
      expect(await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a}`])).toBe(200);
      expect(await send(port, 'GET', '/v1/status', ['authorization', `bearer ${c}`])).toBe(403); // a clerk may not ask the status
      await send(port, 'GET', '/v1/me', ['AUTHORIZATION', `Bearer ${a}`]);
      await send(port, 'GET', '/v1/cadres/NOPE/history', ['Authorization', `Bearer ${a}`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a}`, 'Authorization', `Bearer ${c}`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a} extra`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Token ${a}`]);
      await send(port, 'POST', '/v1/cadres/C1/events', ['Authorization', `Bearer ${c}`, ...json], '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{}}');
      await send(port, 'POST', '/v1/cadres/C1/events', ['Authorization', `Bearer ${c}`, ...json], '{"type":');
      await send(port, 'POST', '/v1/policy/versions', ['Authorization', `Bearer ${c}`, ...json], '{}');
      // Sent where the ledger does not read a token: still the caller's secret, never written to the log (found by a security review).
      await send(port, 'GET', `/v1/status?token=${a}`, ['Authorization', `Bearer ${a}`]);
      expect(await send(port, 'GET', `/v1/me?access_token=${c}&x=1`, [])).toBe(400); // an unknown query parameter
      expect(await send(port, 'GET', '/v1/me', ['Cookie', `token=${a}; other=1`])).toBe(401);
      expect(await send(port, 'GET', '/v1/me', ['X-Api-Key', c])).toBe(401);
      expect(await send(port, 'GET', '/v1/me', ['Proxy-Authorization', `Bearer ${a}`])).toBe(401);
      await send(port, 'GET', '/nowhere', ['Authorization', `Bearer ${a}`]);
      await new Promise((r) => setTimeout(r, 500));
      // Every request reached the API and its request log: the check below looks at what was logged of them.
      expect(log.split('request completed').length - 1).toBeGreaterThanOrEqual(16);
      const secretBody = (t: string) => t.slice(4, 40);
      const leaks = [a, c].filter((t) => log.includes(secretBody(t)));
      expect({ leaks: leaks.length, sample: leaks.length ? log.slice(Math.max(0, log.indexOf(secretBody(leaks[0]!)) - 300), log.indexOf(secretBody(leaks[0]!)) + 100) : '' }).toEqual({ leaks: 0, sample: '' });
      expect(log).toContain('access_token=ccl_[REDACTED]');
    });
  });
}

describe('token list and actor never hold the secret', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());
  it('token list (human and --json) shows no secret', async () => {
    db = await createTestDatabase('auth_list');
    const env = { DATABASE_URL: db.url };
    const created = await runCli(['token', 'create', '--role', 'AUDITOR', '--name', '审计张', '--json'], env);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const human = await runCli(['token', 'list'], env);
    const js = await runCli(['token', 'list', '--json'], env);
    expect(human.stdout + human.stderr + js.stdout + js.stderr).not.toContain(token.slice(4));
    expect(human.stdout).toContain('审计张');
  });
});
