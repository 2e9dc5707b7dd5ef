/**
 * A write refused over the route must leave nothing of itself in the API's cached cadre state: the
 * decider's foreseen fold was reused for any later event with the same id, type and date
 * (cadre-state.ts), so when that id was stored by another way in (POST /v1/import, the CLI import,
 * another replica) with other data, the API decided later writes on a record the ledger does not
 * hold. Found by a review: a second removal of one holding was accepted, and a year of TM4 vacancy went unreported.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('P2 and integrity: the API decides on the stored record after another way in stored a refused id', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('foreseen_fold_ways_in');
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown) => api.request('POST', path, { role: 'CLERK', body });

  it('given removal X refused over the route (post not held), X stored by the HTTP import for the post held, then a second removal of that post over the route is refused', async () => {
    expect((await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } })).status).toBe(201);
    expect(
      (
        await post('/v1/cadres/A/events', {
          id: 'reg-A',
          type: 'CadreRegistered',
          effectiveDate: '2000-01-01',
          data: { name: '甲', gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
        })
      ).status,
    ).toBe(201);
    expect((await post('/v1/cadres/A/events', { id: 'a-in', type: 'AppointedToPost', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } })).status).toBe(201);

    // The clerk names the wrong post: refused (A is not the head).
    const wrong = await post('/v1/cadres/A/events', { id: 'X', type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'HEAD', reason: 'TRANSFER' } });
    expect(wrong.status).toBe(422);

    // The corrected line goes in through the import with the same id (never stored, so free).
    const line = { id: 'X', type: 'RemovedFromPost', cadreId: 'A', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER' } };
    const imported = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: JSON.stringify(line) + '\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ accepted: 1, rejectedCount: 0 });

    // A no longer holds the post: removing A from it again must be refused (integrity), as a fresh decider refuses it.
    const twice = await post('/v1/cadres/A/events', { id: 'Y', type: 'RemovedFromPost', effectiveDate: '2021-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER' } });
    const removals = await api.db.sql`select event_id from events where stream_id = 'cadre-A' and type = 'RemovedFromPost' order by revision`;
    // TM4: the secretary post of T01 is vacant from A's departure on 2020-01-01.
    const findings = await api.request('GET', '/v1/compliance/findings?rule=TM4&township=T01', { role: 'AUDITOR' });
    const vacancies = findings.body.findings.filter((f: { kind: string }) => f.kind === 'TM4_SECRETARY_VACANCY').map((f: { from: string }) => f.from);
    expect({ status: twice.status, removals: removals.map((r) => r.event_id), vacancies }).toEqual({ status: 422, removals: ['X'], vacancies: ['2020-01-01'] });
  });
});
