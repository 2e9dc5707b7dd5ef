/**
 * The import: an HTTP import whose request is aborted mid-file leaves only whole chunks
 * (1,000 lines each, one atomic write) and a re-run completes it, counting what is already there.
 */
import { request } from 'node:http';
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const reg = (i: number) => JSON.stringify({ id: `reg-${i}`, type: 'CadreRegistered', cadreId: `C${i}`, effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } });
const TOTAL = 2500;
const LINES = Array.from({ length: TOTAL }, (_, i) => reg(i + 1));

const count = async (api: ApiHarness) => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

describe('POST /v1/import aborted mid-file', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_abort');
  }, 60000);
  afterAll(async () => api?.close());

  it('given 1,500 lines and half a line sent, then the connection dropped, then only whole chunks are stored, and a re-run of the whole file completes it', async () => {
    const url = new URL(`${api.baseUrl}/v1/import`);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${api.tokens.CLERK}`, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' } });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.on('data', () => undefined);
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      });
      req.write(LINES.slice(0, 1500).join('\n') + '\n' + LINES[1500]!.slice(0, 40));
      setTimeout(() => {
        req.destroy();
        setTimeout(resolve, 1500);
      }, 2500);
    });
    await new Promise((r) => setTimeout(r, 1500));
    const stored = await count(api);
    expect(stored % 1000).toBe(0);
    const again = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: LINES.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(again.body).toMatchObject({ accepted: TOTAL, rejectedCount: 0, alreadyPresent: stored, appended: TOTAL - stored });
    expect(await count(api)).toBe(TOTAL);
  }, 60000);
});
