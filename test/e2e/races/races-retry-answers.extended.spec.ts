/**
 * A retried write answers every event its first write stored (holder markers, remedies) and that write's
 * position: transfers between two townships, retractions of a transfer, and retries at once.
 */
import type { Role } from '@ledger/auth';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);

const reg = (id: string, name: string) => ({ id, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
const town = (id: string, name: string) => ({ id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name, kind: 'TOWNSHIP' } });

describe('retries answer the write they repeat', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: Role = 'ADMIN') => api.request('POST', path, { body, role });
  const ok = async (path: string, body: any, role: Role = 'ADMIN') => {
    const r = await post(path, body, role);
    expect([body.id, r.status, r.status === 201 ? '' : r.body]).toEqual([body.id, 201, '']);
    return r;
  };
  const shape = (r: { status: number; body: any; headers: Headers }) => ({
    revision: r.body.revision,
    position: r.body.position,
    etag: r.headers.get('etag'),
    events: (r.body.events ?? []).map((e: { eventId: string }) => e.eventId).sort(),
  });
  beforeAll(async () => {
    api = await startApi('races_retry_answers');
    for (const [id, name] of [['TA', '甲镇'], ['TB', '乙镇'], ['TC', '丙镇'], ['TD', '丁镇']] as const) await ok(`/v1/org-units/${id}/events`, town(id, name));
  });
  afterAll(() => api.close());

  it('a transfer between two townships retried (sequential): the same events (both holder markers) and position', async () => {
    await ok('/v1/cadres/X1/events', reg('reg-X1', '调一'));
    await ok('/v1/cadres/X1/events', { id: 'x1-app', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'TA', role: 'HEAD' } }, 'CLERK');
    const body = { id: 'x1-tr', type: 'Transferred', effectiveDate: '2020-01-01', data: { from: { orgUnitId: 'TA', role: 'HEAD' }, to: { orgUnitId: 'TB', role: 'HEAD' } } };
    const first = await ok('/v1/cadres/X1/events', body, 'CLERK');
    expect(first.body.events.length).toBe(3);
    const retry = await post('/v1/cadres/X1/events', body, 'CLERK');
    expect(retry.status).toBe(200);
    expect(shape(retry)).toEqual(shape(first));
  });

  it('the retraction of a transfer retried (sequential): the same events (its RETRACTED markers) and position', async () => {
    await ok('/v1/cadres/X2/events', reg('reg-X2', '调二'));
    await ok('/v1/cadres/X2/events', { id: 'x2-app', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'TC', role: 'HEAD' } }, 'CLERK');
    await ok('/v1/cadres/X2/events', { id: 'x2-tr', type: 'Transferred', effectiveDate: '2020-01-01', data: { from: { orgUnitId: 'TC', role: 'HEAD' }, to: { orgUnitId: 'TD', role: 'PARTY_SECRETARY' } } }, 'CLERK');
    const body = { id: 'x2-ret', type: 'EntryRetracted', effectiveDate: '2020-02-01', data: { targetEventId: 'x2-tr', reason: '录入错误' } };
    const first = await ok('/v1/cadres/X2/events', body);
    expect(first.body.events.length).toBe(3);
    const retry = await post('/v1/cadres/X2/events', body);
    expect(retry.status).toBe(200);
    expect(shape(retry)).toEqual(shape(first));
  });

  it('a transfer within one township (head → secretary) re-sent five times at once: one 201, the others 200 with the same events and position', async () => {
    await ok('/v1/org-units/TE/events', town('TE', '戊镇'));
    await ok('/v1/cadres/X3/events', reg('reg-X3', '调三'));
    await ok('/v1/cadres/X3/events', { id: 'x3-app', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'TE', role: 'HEAD' } }, 'CLERK');
    const body = { id: 'x3-tr', type: 'Transferred', effectiveDate: '2020-01-01', data: { from: { orgUnitId: 'TE', role: 'HEAD' }, to: { orgUnitId: 'TE', role: 'PARTY_SECRETARY' } } };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/v1/cadres/X3/events', body, 'CLERK')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const first = answers.find((a) => a.status === 201)!;
    expect(first.body.events.length).toBe(3);
    expect(answers.map(shape)).toEqual(answers.map(() => shape(first)));
  });
});
