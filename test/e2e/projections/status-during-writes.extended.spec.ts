/**
 * Projections status on a busy ledger: a live projection that applies events committed after a
 * head read too early must not be reported ahead of the store (needing a rebuild), nor the ledger
 * degraded (found by a review of checkpointAheadOfStore).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('projections status while the live projections run under writes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('status_during_writes');
  }, 60_000);
  afterAll(() => api.close());

  it('no projection is reported ahead of the store (needing a rebuild) and /v1/status never says degraded', async () => {
    let writing = true;
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        const id = `C${w}x${i}`;
        await api.request('POST', `/v1/cadres/${id}/events`, { role: 'CLERK', body: { id: `${id}-reg`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } } });
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    const seen: string[] = [];
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline && seen.length === 0) {
      const r = await api.request('GET', '/v1/status', { role: 'AUDITOR' });
      for (const p of (r.body.projections ?? []) as Array<{ name: string; needsRebuild: boolean; storedVersion: number | null; version: number }>) {
        if (p.needsRebuild && p.storedVersion === p.version) seen.push(`${p.name} (status ${r.body.status})`);
      }
    }
    writing = false;
    await Promise.all(writers);
    expect(seen).toEqual([]);
  }, 60_000);
});
