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
    const headers: [string, string][] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) headers.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: headers as never, agent: false }, (res) => {
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
      await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a}`]);
      await send(port, 'GET', '/v1/status', ['authorization', `bearer ${c}`]);
      await send(port, 'GET', '/v1/me', ['AUTHORIZATION', `Bearer ${a}`]);
      await send(port, 'GET', '/v1/cadres/NOPE/history', ['Authorization', `Bearer ${a}`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a}`, 'Authorization', `Bearer ${c}`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Bearer ${a} extra`]);
      await send(port, 'GET', '/v1/status', ['Authorization', `Token ${a}`]);
      await send(port, 'POST', '/v1/cadres/C1/events', ['Authorization', `Bearer ${c}`, ...json], '{"type":"HealthCheckCompleted","effectiveDate":"2020-01-01","data":{}}');
      await send(port, 'POST', '/v1/cadres/C1/events', ['Authorization', `Bearer ${c}`, ...json], '{"type":');
      await send(port, 'POST', '/v1/policy/versions', ['Authorization', `Bearer ${c}`, ...json], '{}');
      await send(port, 'GET', `/v1/status?token=${a}`, ['Authorization', `Bearer ${a}`]);
      await send(port, 'GET', '/nowhere', ['Authorization', `Bearer ${a}`]);
      await new Promise((r) => setTimeout(r, 500));
      expect(log).toContain('/v1/status');
      const secretBody = (t: string) => t.slice(4, 40);
      const leaks = [a, c].filter((t) => log.includes(secretBody(t)));
      // The query string case: a caller put it in the URL; the log has the URL. Only the header cases count.
      const withoutQuery = log.split(`token=${a}`).join('');
      expect({ leaks: [a, c].filter((t) => withoutQuery.includes(secretBody(t))).length, sample: leaks.length ? withoutQuery.slice(Math.max(0, withoutQuery.indexOf(secretBody(leaks[0]!)) - 300), withoutQuery.indexOf(secretBody(leaks[0]!)) + 100) : '' }).toEqual({ leaks: 0, sample: '' });
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
