/**
 * A caller's event id that equals an id the ledger derives for another command's events
 * (an upheld appeal's remedy `ID:rescind`, a township post's holder marker `ID:ORGUNIT:ROLE`).
 */
import { verifyStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);

const reg = (id: string, name: string) => ({ id, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });

describe('derived event ids taken by a caller', () => {
  let api: ApiHarness;
  const ok = async (path: string, body: any, role: any = 'ADMIN') => {
    const r = await api.request('POST', path, { body, role });
    expect([body.id, r.status, r.status === 201 ? '' : r.body]).toEqual([body.id, 201, '']);
    return r;
  };
  beforeAll(async () => {
    api = await startApi('races_derived_ids');
    await ok('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await ok('/v1/cadres/C1/events', reg('reg-C1', '甲'));
    await ok('/v1/cadres/C2/events', reg('reg-C2', '乙'));
  });
  afterAll(() => api.close());

  it('an upheld decision whose remedy id a training already took: refused naming the caller’s id and why, then recorded under another', async () => {
    await ok('/v1/cadres/C1/events', { id: 'ap-s', type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: '纪〔2020〕1号', data: { sanctionId: 'S1', kind: 'DEMERIT', grounds: '违反纪律' } });
    await ok('/v1/appeals/A1/events', { id: 'ap-f', type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'ap-s', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
    await ok('/v1/cadres/C2/events', { id: 'dec-1:rescind', type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '培训', level: 'COUNTY' } });
    const r = await api.request('POST', '/v1/appeals/A1/events', { role: 'APPEALS_OFFICER', body: { id: 'dec-1', type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '事实不清' } } });
    const stored = await api.db.sql`select event_id from events where event_id = 'dec-1'`;
    // The caller's id dec-1 was never used; the ledger's own derived id collided: said so, naming the caller's id (not "not a retry").
    expect({ status: r.status, code: r.body.code, eventId: r.body.eventId, stored: stored.length }).toEqual({ status: 409, code: 'EVENT_ID_CONFLICT', eventId: 'dec-1', stored: 0 });
    expect(r.body.message).toMatch(/^event id dec-1 derives an event id .* that another event already has: record this fact under another id$/);
    expect(r.body.detailZh).toContain('已被另一事件使用：请换用其他编号录入此事项');
    // Under another id the decision is recorded with its remedy.
    await ok('/v1/appeals/A1/events', { id: 'dec-2', type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
    expect((await verifyStore(new PostgresEventStore(api.db.sql))).ok).toBe(true);
  });

  it('an appointment to a township post whose holder-marker id a training already took: refused naming the caller’s id and the marker’s, never the other cadre’s stream', async () => {
    const markers = await api.db.sql`select event_id from events where stream_id = 'orgunit-T01' limit 5`;
    await ok('/v1/cadres/C2/events', { id: 'app-1:T01:HEAD', type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '培训二', level: 'COUNTY' } });
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: 'app-1', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'T01', role: 'HEAD' } } });
    const stored = await api.db.sql`select event_id from events where event_id = 'app-1'`;
    expect({ markers: markers.map((m) => m.event_id), status: r.status, eventId: r.body.eventId, stored: stored.length }).toEqual({ markers: markers.map((m) => m.event_id), status: 409, eventId: 'app-1', stored: 0 });
    expect(r.body.message).toMatch(/\(app-1:T01:HEAD\)$/);
    expect(JSON.stringify(r.body)).not.toMatch(/cadre-C2|revision/);
  });
});
