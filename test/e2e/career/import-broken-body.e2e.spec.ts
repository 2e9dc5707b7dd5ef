/**
 * README: "a failure after that (the body broke off, a corrupt compressed stream, the database
 * gone) is reported as `error` in the body, beside the counts up to it, every line they count
 * being final." Found by a review: a body broken off after 50 lines, none decided, reported
 * `lines: 50` and said the lines before it were final. `lines` now counts those whose outcome is.
 */
import { gzipSync } from 'node:zlib';
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const reg = (i: number) => JSON.stringify({ id: `reg-${i}`, type: 'CadreRegistered', cadreId: `C${i}`, effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } });

describe('POST /v1/import: a compressed body that breaks off after 50 whole lines', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_broken_body');
  });
  afterAll(() => api.close());

  it('given 50 valid lines then a truncated gzip trailer, then every line the report counts has a final outcome: lines = accepted + rejected, and what it says is final is in the ledger', async () => {
    const whole = gzipSync(Array.from({ length: 50 }, (_, i) => reg(i)).join('\n') + '\n');
    const cut = whole.subarray(0, whole.length - 6); // the CRC and length trailer cut off
    const r = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: cut, headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' } });
    expect(r.status).toBe(200);
    expect(r.body.error).toMatchObject({ statusCode: 400, detailZh: expect.stringContaining(`前 ${r.body.lines} 行的处理结果已确定，其后各行未写入，请重新发送`) });
    const stored = Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);
    expect(r.body.accepted).toBe(stored);
    expect(r.body.accepted + r.body.rejectedCount).toBe(r.body.lines);
  });
});
