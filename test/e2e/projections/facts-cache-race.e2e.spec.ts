/**
 * The API's cache of parsed read-model rows under overlapping requests: a request on an older
 * snapshot must not leave its older row where a newer snapshot's answer is cached (found by a
 * review of read-your-writes: findings left out an acknowledged sanction until another row changed).
 */
import { FactsCache } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FactsCache under concurrent snapshots', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown) => {
    const r = await api.request('POST', path, { role: 'CLERK', body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  beforeAll(async () => { api = await startApi('facts_cache_race'); });
  afterAll(() => api.close());

  it('given a request on an older snapshot reading a cadre while a newer request reads every cadre, then the newest answer keeps the newer row', async () => {
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    for (const c of ['C1', 'C2']) {
      await post(`/v1/cadres/${c}/events`, { id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: c, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
    }
    await api.request('GET', '/v1/cadres/C2/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' }); // projections caught up
    const sql = api.db.sql;
    const old = await sql.reserve();
    await old`begin isolation level repeatable read read only`;
    await old`select count(*) from proj_cadre_timelines`; // snapshot fixed before the write
    try {
      await post('/v1/cadres/C1/events', { id: 'C1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕9号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '经查属实' } });
      await api.request('GET', '/v1/cadres/C1/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' }); // caught up
      const cache = new FactsCache();
      await cache.cadreFacts(sql, ['C1']); // C1 cached at its newest row
      // A request with the newest snapshot whose parse of C2 is slow:
      // A stand-in for the postgres.js tag whose read of the timelines is slow.
      const slow: any = (first: any, ...rest: any[]) => {
        if (Array.isArray(first) && 'raw' in first && first.join('?').includes('timeline, retractions, last_position')) return sleep(400).then(() => sql(first as any, ...rest));
        return (sql as any)(first, ...rest);
      };
      slow.unsafe = sql.unsafe.bind(sql); // the timeline's columns as one document (TIMELINE_JSON)
      const newer = cache.allCadreFacts(slow);
      await sleep(100);
      // Meanwhile a request that began before the write's batch committed reads C1:
      await cache.cadreFacts(old as any, ['C1']);
      const a = await newer;
      const fresh = await cache.allCadreFacts(sql); // a later request, table unchanged since the write
      const sanctionsOf = (t: any) => JSON.stringify(t).includes('C1-sanction');
      expect(sanctionsOf(a.cadres.get('C1'))).toBe(true);
      expect(sanctionsOf(fresh.cadres.get('C1'))).toBe(true);
    } finally {
      await old`commit`;
      old.release();
    }
  });
});
