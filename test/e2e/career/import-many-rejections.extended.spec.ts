/**
 * The report lists the first 1,000 rejections in file order and counts them all (README), however
 * rule refusals (final only once their chunk is written) and malformed lines (final at once) interleave.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const J = (o: unknown) => JSON.stringify(o);
const LINES = Array.from({ length: 2101 }, (_, i) =>
  i % 2 === 0 ? '{bad' : J({ id: `ap-${i}`, type: 'AppointedToPost', cadreId: `NOBODY${i}`, effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'STAFF' } }),
);

describe('a file of 2,101 rejected lines, malformed and refused by the rules in turn', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_many');
  }, 60000);
  afterAll(async () => api?.close());

  it.each(['', '?dryRun=true'])('given it over HTTP (%s), then the report lists lines 1–1,000 in order and counts 2,101', async (q) => {
    const r = await api.request('POST', `/v1/import${q}`, { role: 'CLERK', rawBody: LINES.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.body.rejectedCount).toBe(2101);
    expect(r.body.rejected.map((x: any) => x.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(r.body.lines).toBe(2101);
  }, 60000);
});
