/**
 * method and path variants reach no answer without a token; the CLI's `--as`
 * refusal says what the HTTP 403 says.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('variants', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('auth_variants');
  });
  afterAll(() => api.close());

  it('HEAD, odd case and encoded paths of a guarded route: 401 without a token, 403 for a role lacking it', async () => {
    const problems: string[] = [];
    for (const path of ['/v1/status', '/V1/STATUS', '/v1/Status', '/v1//status', '/v1/%73tatus', '/v1/status/', '/v1/./status', '/v1/audit/../status']) {
      for (const method of ['GET', 'HEAD']) {
        const anon = await api.request(method, path, { role: null });
        if (anon.status >= 200 && anon.status < 300) problems.push(`${method} ${path} anon ${anon.status}`);
        const clerk = await api.request(method, path, { role: 'CLERK' });
        if (clerk.status >= 200 && clerk.status < 300) problems.push(`${method} ${path} CLERK ${clerk.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('CLI import --as AUDITOR --json: refused before reading, the error naming importEvents as the HTTP 403 does', async () => {
    const http = await api.request('POST', '/v1/import', { role: 'AUDITOR', rawBody: '', headers: { 'content-type': 'application/x-ndjson' } });
    expect(http.status).toBe(403);
    const cli = await runCli(['import', '-', '--as', 'AUDITOR', '--json'], { DATABASE_URL: api.db.url }, '');
    expect(cli.code).not.toBe(0);
    const error = JSON.parse(cli.stderr.trim().split('\n').pop()!).error;
    expect(error).toMatchObject({ code: http.body.code, capability: http.body.capability, messageZh: http.body.detailZh });
  });
});
