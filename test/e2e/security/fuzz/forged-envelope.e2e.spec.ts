/**
 * (A review, 2026-12-05) envelope fields the server alone sets (EVENTS.md "Common envelope": recordedAt, actor from the
 * credential, hash, revision, streamId, schemaVersion…) sent in a write body or an import line must be
 * refused naming the field, never stored (README: a field a write does not know is refused, never dropped).
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../../support/api-harness';

const FORGED: Record<string, unknown> = {
  actor: 'ADMIN:root', recordedAt: '2000-01-01T00:00:00Z', hash: '0'.repeat(64), revision: 0, streamId: 'cadre-C9', schemaVersion: 99, globalPosition: 1,
  correlationId: 'forged', causationId: 'forged', metadata: { x: 1 }, eventId: 'forged-id', cadreId: 'C9', orgUnitId: 'T9', appealId: 'A9',
};

describe('forged envelope fields', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('fuzz_forged');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api?.close());

  it.each(Object.keys(FORGED))('a write body with %s is refused or the stored event ignores nothing silently', async (field) => {
    const id = `forged-route-${field}`;
    const r = await api.request('POST', '/v1/cadres/C1/events', { body: { id, type: 'HealthCheckCompleted', effectiveDate: '2020-01-01', data: {}, [field]: FORGED[field] } });
    expect(r.status).toBeLessThan(500);
    if (r.status < 300) throw new Error(`accepted ${field}=${JSON.stringify(FORGED[field])} (${r.status}); stored ${JSON.stringify(r.body.events?.[0]).slice(0, 400)}`);
  });

  it.each(Object.keys(FORGED).filter((f) => f !== 'cadreId'))('an import line with %s is rejected, never written', async (field) => {
    const line = JSON.stringify({ id: `forged-imp-${field}`, type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2020-01-01', data: {}, [field]: FORGED[field] });
    const r = await fetch(`${api.baseUrl}/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.ADMIN}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` });
    const body = (await r.json()) as { eventsWritten?: number };
    expect(r.status).toBeLessThan(500);
    if ((body.eventsWritten ?? 0) > 0) {
      const row = (await api.db.sql`select * from events where event_id = ${`forged-imp-${field}`}`)[0];
      throw new Error(`import wrote a line with ${field}=${JSON.stringify(FORGED[field])}; stored ${JSON.stringify(row).slice(0, 400)}`);
    }
  });

  it('a data object carrying envelope fields is refused', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { body: { id: 'forged-data', type: 'HealthCheckCompleted', effectiveDate: '2020-01-01', data: { actor: 'ADMIN:root' } } });
    expect(r.status).toBe(400);
  });
});
