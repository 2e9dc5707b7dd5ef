/**
 * (A review, 2026-12-05) a caller who asks for a dry run in any spelling the API does not take must get a 400,
 * never a real import (bad input must never write data the caller did not mean to write).
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../../support/api-harness';

describe('dry-run spellings on POST /v1/import', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('fuzz_dryrun');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api?.close());
  const count = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  const QUERIES = ['dryRun=1', 'dryRun=yes', 'dryRun=True', 'dryRun=TRUE', 'dryRun=', 'dryRun', 'dryRun=true&dryRun=false', 'dryRun=false&dryRun=true', 'dryRun[]=true', 'dryRun=%20true', 'dryRun=true%00', 'dryRun=on', 'dryRun=t', 'DryRun=true', 'dryRun=true&dryRun=true'];

  it.each(QUERIES)('POST /v1/import?%s either refuses (400) or writes nothing', async (query) => {
    const before = await count();
    const id = `DR${QUERIES.indexOf(query)}`;
    const line = JSON.stringify({ id: `imp-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2002-02-02', data: { name: '试运行', gender: 'M', birthDate: '1979-09-09', education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } } });
    const response = await fetch(`${api.baseUrl}/v1/import?${query}`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.ADMIN}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` });
    const text = await response.text();
    const written = (await count()) - before;
    expect(response.status).toBeLessThan(500);
    if (written > 0) throw new Error(`?${query} imported for real (${response.status}): ${text.slice(0, 200)}`);
  });
});
