/**
 * Read models that have not caught up (here: no projector beside an API without projections) do
 * not assert that a cadre or an org unit does not exist: the 404 carries `behind`, and the roster
 * answers with `behind` (found by a review of read-your-writes: a plain 404 "cadre not found").
 */
import { ProjectionRunner } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('nothing found while the read models are behind', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('not_found_behind', {}, { PROJECTIONS_IN_API: 'false', READ_YOUR_WRITES_TIMEOUT_MS: '300' });
  });
  afterAll(() => api.close());

  it('given a cadre and a township just recorded, then tenure, eligibility and a township filter answer 404 with behind, and the roster answers with behind', async () => {
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    expect((await api.request('POST', '/v1/org-units/T9/events', { role: 'CLERK', body: { id: 'reg-T9', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '新镇', kind: 'TOWNSHIP' } } })).status).toBe(201);
    expect((await api.request('POST', '/v1/cadres/C9/events', { role: 'CLERK', body: { id: 'reg-C9', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1980-01-01', education } } })).status).toBe(201);
    for (const path of ['/v1/cadres/C9/tenure?asOf=2022-06-30', '/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C9']) {
      const answer = await api.request('GET', path, { role: 'ORG_DEPT' });
      expect([path, answer.status, answer.body]).toEqual([path, 404, expect.objectContaining({ code: 'NOT_FOUND', id: 'C9', behind: expect.objectContaining({ events: expect.any(Number) }) })]);
      expect(answer.body.message).toContain('behind the ledger');
      expect(answer.body.detailZh).toMatch(/^查询数据尚未更新到最新记录（还差 \d+ 个事件），暂未查到干部 C9；/);
    }
    const unit = await api.request('GET', '/v1/findings?asOf=2022-06-30&orgUnitId=T9', { role: 'ORG_DEPT' });
    expect(unit).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', id: 'T9', behind: expect.objectContaining({ events: expect.any(Number) }) } });
    expect(unit.body.detailZh).toMatch(/暂未查到单位 T9；/);
    const roster = await api.request('GET', '/v1/cadres?ids=C9', { role: 'ORG_DEPT' });
    expect([roster.status, roster.body.items, roster.headers.get('x-ledger-behind')]).toEqual([200, [], expect.stringMatching(/^\d+; /)]);
    // The history is read from the store itself: it knows the cadre.
    expect((await api.request('GET', '/v1/cadres/C9/history', { role: 'ORG_DEPT' })).body.cadreName).toBe('王五');
  });

  it('given tables built by an older version of a projection (an upgrade), then answers carry behind naming it and the status says it needs a rebuild, until it is rebuilt (found by a review: the old tables answered without a word)', async () => {
    const runner = new ProjectionRunner(api.db.sql, api.ledger.store);
    await runner.catchUpAll();
    const path = '/v1/eligibility/in-post-promotion?asOf=2022-06-30';
    expect((await api.request('GET', path, { role: 'ORG_DEPT' })).body.behind).toBeUndefined();
    const version = runner.projection('cadre-careers').version;
    await api.db.sql`update projection_checkpoints set version = ${version - 1} where projection = 'cadre-careers'`;
    const stale = await api.request('GET', path, { role: 'ORG_DEPT' });
    expect(stale.status).toBe(200);
    expect(stale.body.behind).toMatchObject({ projections: expect.arrayContaining(['cadre-careers']) });
    const status = await api.request('GET', '/v1/status', { role: 'ADMIN' });
    expect(status.body.status).toBe('degraded');
    expect(status.body.projections.find((p: { name: string }) => p.name === 'cadre-careers')).toMatchObject({ version, storedVersion: version - 1, needsRebuild: true });
    await runner.ensureCurrent(runner.projection('cadre-careers'));
    expect((await api.request('GET', path, { role: 'ORG_DEPT' })).body.behind).toBeUndefined();
    expect((await api.request('GET', '/v1/status', { role: 'ADMIN' })).body).toMatchObject({ status: 'ok' });
  });
});
