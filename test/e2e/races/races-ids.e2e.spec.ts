/**
 * One event id sent at once over two ways in (route and HTTP import), by different roles.
 * Written by a review of races (2026-12-05), which found none; kept as regression specs.
 */
import { raceClient } from './race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one id at once over the route and the import', () => {
  let api: ApiHarness;
  const { send } = raceClient(() => api);
  beforeAll(async () => {
    api = await startApi('races_ids');
    for (const c of ['U1', 'U2']) {
      const r = await send(`/v1/cadres/${c}/events`, JSON.stringify({ id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } }), 'ADMIN', 'application/json');
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => api.close());

  it('different content: the stored one is reported stored, the other EVENT_ID_CONFLICT', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = `uid-${i}`;
      const route = send(`/v1/cadres/U1/events`, JSON.stringify({ id, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '路由班', level: 'COUNTY' } }), 'ADMIN', 'application/json');
      await sleep(i % 4);
      const line = { id, type: 'TrainingCompleted', cadreId: i % 2 ? 'U2' : 'U1', effectiveDate: '2020-06-01', data: { programme: '导入班', level: 'MUNICIPAL' } };
      const imported = send('/v1/import', JSON.stringify(line) + '\n', 'CLERK', 'application/x-ndjson');
      const [rr, ri] = await Promise.all([route, imported]);
      const [row] = await api.db.sql`select data->>'programme' as p from events where event_id = ${id}`;
      const importAccepted = ri.status === 200 && ri.body.accepted === 1;
      const importConflict = ri.status === 200 && ri.body.rejected?.[0]?.code === 'EVENT_ID_CONFLICT';
      const ok = (rr.status === 201 && importConflict && row?.p === '路由班') || (rr.status === 409 && rr.body.code === 'EVENT_ID_CONFLICT' && importAccepted && row?.p === '导入班');
      if (!ok) problems.push(`round ${i}: route ${rr.status} ${JSON.stringify(rr.body).slice(0, 120)} import ${ri.status} ${JSON.stringify(ri.body).slice(0, 250)} stored ${row?.p}`);
    }
    expect(problems).toEqual([]);
  });

  it('same content by two roles at once: both succeed, one 201 and one 200 (or the import accepts it as present)', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = `same-${i}`;
      const body = { id, type: 'HealthCheckCompleted', effectiveDate: '2020-06-01', data: {} };
      const a = send(`/v1/cadres/U1/events`, JSON.stringify(body), 'ADMIN', 'application/json');
      await sleep(i % 4);
      const b = i % 2 ? send(`/v1/cadres/U1/events`, JSON.stringify(body), 'CLERK', 'application/json') : send('/v1/import', JSON.stringify({ ...body, cadreId: 'U1' }) + '\n', 'CLERK', 'application/x-ndjson');
      const [ra, rb] = await Promise.all([a, b]);
      const bOk = i % 2 ? [200, 201].includes(rb.status) : rb.status === 200 && rb.body.accepted === 1;
      if (![200, 201].includes(ra.status) || !bOk) problems.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 150)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 250)}`);
      if (i % 2 && [ra.status, rb.status].sort().join(',') !== '200,201') problems.push(`round ${i}: statuses ${ra.status},${rb.status}`);
    }
    const [n] = await api.db.sql`select count(*)::int as n from events where event_id like 'same-%'`;
    expect({ problems, stored: n!.n }).toEqual({ problems: [], stored: 16 });
  });
});
