/**
 * a store written before RULE_I_ORG_UNIT_NOT_YET_REGISTERED holding
 * an appointment dated before its township's registration still reads, and a re-send of that stored
 * appointment (same id, same fact) is the idempotent no-op it always was, not re-decided and refused.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';

let api: ApiHarness;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const appointment = { id: 'old-appoint', type: 'AppointedToPost', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } };

beforeAll(async () => {
  api = await startApi('old_data');
  const ev = (eventId: string, type: string, effectiveDate: string, data: object) => ({ eventId, type, schemaVersion: 1, effectiveDate, actor: 'CLERK:old', data: data as never });
  await api.ledger.store.appendToStreams([
    { streamId: 'orgunit-T01', expectedRevision: 'no_stream', events: [ev('reg-T01', 'OrgUnitRegistered', '2020-01-01', { name: '青山镇', kind: 'TOWNSHIP' })] },
    {
      streamId: 'cadre-C1',
      expectedRevision: 'no_stream',
      events: [ev('reg-C1', 'CadreRegistered', '2000-01-01', { name: '王五', gender: 'M', birthDate: '1975-04-01', education }), ev(appointment.id, appointment.type, appointment.effectiveDate, appointment.data)],
    },
  ] as never);
  await waitForProjections(api.db);
}, 240_000);
afterAll(async () => {
  await api?.close();
});

describe('old data before the rule', () => {
  it('reads: state, history, roster and team composition answer 200', async () => {
    const statuses = [];
    for (const path of ['/v1/cadres/C1/state?asOf=2018-01-01', '/v1/cadres/C1/history', '/v1/cadres?township=T01&asOf=2021-01-01', '/v1/reports/team-composition?asOf=2018-12-31']) {
      statuses.push([path, (await api.request('GET', path, { role: 'ADMIN' })).status]);
    }
    expect(statuses.every(([, s]) => s === 200)).toBe(true);
  });

  it('a re-send of the stored appointment is a no-op, not refused by the new rule', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: appointment });
    expect({ status: r.status, rule: r.body?.rule }).toEqual({ status: 200, rule: undefined });
  });

  it('the post taken before the rule can still be left', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: 'leave', type: 'RemovedFromPost', effectiveDate: '2021-03-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD', reason: 'OTHER' } } });
    expect(r.status).toBe(201);
  });
});
