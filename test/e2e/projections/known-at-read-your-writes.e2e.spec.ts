/**
 * README "Read your writes": every answer given after a write was acknowledged — with or without
 * knownAt — reflects it; and `2099-12-31` stands for "everything". A write acknowledged a moment
 * before the question is in an answer as known at 2099-12-31 (or at the end of today). Found by a
 * diff review: a later knownAt answered as known a second before the question left such writes out.
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

function todayInBeijing(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

describe('a knownAt later than now, and read your writes', () => {
  let api: ApiHarness;
  let n = 0;
  const record = async (): Promise<string> => {
    const id = `tr-${++n}`;
    const r = await api.request('POST', '/v1/cadres/C1/events', { body: { id, type: 'TrainingCompleted', effectiveDate: '2020-01-20', data: { programme: `县委党校培训班${n}`, level: 'COUNTY' } } });
    expect(r.status).toBe(201);
    return id;
  };

  beforeAll(async () => {
    api = await startApi('diff_known_at');
    await registerTownshipAndCadre(api);
    // The cadre's registration well past: only the write made right before each question is new.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  afterAll(async () => {
    await api.close();
  });

  it('HTTP history as known at 2099-12-31 ("everything"), asked right after a write, holds the write', async () => {
    const id = await record();
    const r = await api.request('GET', '/v1/cadres/C1/history?knownAt=2099-12-31');
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: { eventId: string }) => e.eventId)).toContain(id);
  });

  it('HTTP history as known at the end of today (bare date), asked right after a write, holds the write', async () => {
    const id = await record();
    const r = await api.request('GET', `/v1/cadres/C1/history?knownAt=${todayInBeijing()}`);
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: { eventId: string }) => e.eventId)).toContain(id);
  });

  it('the answer as known at 2099-12-31 and the one without knownAt, asked one after the other with no write between, agree', async () => {
    const id = await record();
    const all = await api.request('GET', '/v1/cadres/C1/history');
    const everything = await api.request('GET', '/v1/cadres/C1/history?knownAt=2099-12-31');
    expect(all.body.events.map((e: { eventId: string }) => e.eventId)).toContain(id);
    expect(everything.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(all.body.events.map((e: { eventId: string }) => e.eventId));
  });

  it('a cadre registered a moment ago is found as known at 2099-12-31 (not a 404 saying no such cadre)', async () => {
    const reg = await api.request('POST', '/v1/cadres/C9/events', {
      body: { id: 'reg-C9', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
    });
    expect(reg.status).toBe(201);
    const r = await api.request('GET', '/v1/cadres/C9/history?knownAt=2099-12-31');
    expect([r.status, r.body.code]).toEqual([200, undefined]);
  });

});
