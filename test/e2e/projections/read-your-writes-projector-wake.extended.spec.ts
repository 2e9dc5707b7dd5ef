/**
 * As deployed, a read waiting for its projections wakes the projector process (LISTEN/NOTIFY on
 * PROJECTIONS_WAKE_CHANNEL) instead of waiting for its next poll (found by a consistency review:
 * ≈ 100 ms a read after a write). The projector here polls once a minute: without the wake, every
 * read after a write would wait out the API's read-your-writes bound and answer `behind`.
 */
import type { ApiHarness } from '../../support/api-harness';
import { apiBesideProjector } from '../projector/support';

jest.setTimeout(180_000);

describe('API beside a projector that polls once a minute', () => {
  let api: ApiHarness;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ api, close } = await apiBesideProjector('ryw_projector_wake', { READ_YOUR_WRITES_TIMEOUT_MS: '10000' }, { PROJECTION_POLL_INTERVAL_MS: '60000' }));
  });
  afterAll(() => close());

  it('each write is in the next answer, well within the bound: the read woke the projector', async () => {
    for (let i = 1; i <= 3; i++) {
      await api.write(`/v1/org-units/W${i}/events`, { id: `reg-W${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `唤${i}镇`, kind: 'TOWNSHIP' } });
      const started = Date.now();
      const units = await api.request('GET', '/v1/org-units', { role: 'CLERK' });
      const waited = Date.now() - started;
      expect([units.body.behind, units.body.orgUnits.some((u: { orgUnitId: string }) => u.orgUnitId === `W${i}`)]).toEqual([undefined, true]);
      // Not a timing assertion on speed: the bound is 10 s and the projector's poll 60 s; a read answered before either woke it.
      expect(waited).toBeLessThan(9_000);
    }
  });
});
