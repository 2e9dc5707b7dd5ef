/**
 * A new event's id is one a person can tell apart (RULE_I_SCHEMA on `id`, integrity.ts
 * iEventIdUnused), on every way in (found by an import review: "rvb-h11 ", "rvb-h11\u200b" and
 * "rvb-h11" were three ids, and one training was stored three times). An event stored under such an
 * id before the rule stays reachable: sent again it is answered as stored, and it can be retracted.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('new event ids: not blank, no white space at either end, no format character', () => {
  let api: ApiHarness;
  const training = (id: string) => ({ id, type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '党校培训班', level: 'COUNTY' } });

  beforeAll(async () => {
    api = await startApi('new_event_ids');
    await api.write('/v1/cadres/ID1/events', {
      id: 'reg-ID1',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '王五', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await api.write('/v1/cadres/ID1/events', training('rvb-h11'));
  });
  afterAll(() => api.close());

  it.each([
    ['a trailing space', 'rvb-h11 ', '首尾不得有空格'],
    ['a leading space', ' rvb-h11', '首尾不得有空格'],
    ['a trailing ideographic space', 'rvb-h11\u3000', '首尾不得有空格'],
    ['a zero-width space', 'rvb-h11\u200b', '不得包含不可见的格式字符'],
    ['a bidi override', 'rvb\u202eh11', '不得包含不可见的格式字符'],
    ['spaces only', '   ', '不能为空'],
  ])('over HTTP, an id with %s is refused 400 naming id; nothing is stored', async (_, id, zh) => {
    const r = await api.request('POST', '/v1/cadres/ID1/events', { role: 'CLERK', body: training(id) });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'id' });
    expect(r.body.detailZh).toContain(zh);
    expect((await api.historyEvents('ID1')).filter((e: { type: string }) => e.type === 'TrainingCompleted')).toHaveLength(1);
  });

  it('through the import, the same lines are refused with their line numbers, and a plain id or one with an inner space is taken', async () => {
    const lines = [training('rvb-h11 '), training('rvb-h11\u200b'), training('rvb h12'), training('rvb-h13')].map((l) => JSON.stringify({ ...l, cadreId: 'ID1' }));
    const r = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: `${lines.join('\n')}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toEqual([expect.objectContaining({ line: 1, code: 'RULE_I_SCHEMA', field: 'id' }), expect.objectContaining({ line: 2, code: 'RULE_I_SCHEMA', field: 'id' })]);
  });

  it('an event stored under such an id before the rule: sent again it is answered as stored, and it can be retracted', async () => {
    const head = await api.ledger.store.streamHead('cadre-ID1');
    await api.ledger.store.append(
      'cadre-ID1',
      [{ eventId: 'old\u200b', type: 'TrainingCompleted', schemaVersion: 1, effectiveDate: '2020-05-01', actor: 'CLERK:旧系统', documentRef: null, correlationId: null, causationId: null, data: { programme: '旧培训班', level: 'COUNTY' }, metadata: {} }],
      head!.revision,
    );
    const again = await api.request('POST', '/v1/cadres/ID1/events', { role: 'CLERK', body: { id: 'old\u200b', type: 'TrainingCompleted', effectiveDate: '2020-05-01', data: { programme: '旧培训班', level: 'COUNTY' } } });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('ALREADY_STORED');
    const retracted = await api.request('POST', '/v1/cadres/ID1/events', { role: 'CLERK', body: { id: 'retract-old', type: 'EntryRetracted', effectiveDate: '2021-06-01', data: { targetEventId: 'old\u200b', reason: '编号含不可见字符，误录' } } });
    expect(retracted.status).toBe(201);
  });
});
