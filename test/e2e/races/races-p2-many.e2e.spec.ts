/**
 * Many writers for one single-holder post at once, over the route and the import, with the
 * incumbent's removal among them: the stored data never holds two secretaries at once.
 * Written by a review of races (2026-12-05), which found none; kept as regression specs.
 */
import { raceClient } from './race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reg = (id: string) => ({ id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `候选${id}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });

describe('many writers for one post', () => {
  let api: ApiHarness;
  const { send } = raceClient(() => api);
  const ok = async (path: string, body: unknown) => expect((await send(path, JSON.stringify(body), 'ADMIN', 'application/json')).status).toBe(201);
  beforeAll(async () => {
    api = await startApi('races_p2_many');
  });
  afterAll(() => api.close());

  it('six appointments and the incumbent’s removal at once: never two holders on a day, no 500', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 10; i++) {
      await ok(`/v1/org-units/MT${i}/events`, { id: `reg-MT${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `多镇${i}`, kind: 'TOWNSHIP' } });
      await ok(`/v1/cadres/MI${i}/events`, reg(`MI${i}`));
      await ok(`/v1/cadres/MI${i}/events`, { id: `mi-in-${i}`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: `MT${i}`, role: 'PARTY_SECRETARY' } });
      for (let c = 0; c < 6; c++) await ok(`/v1/cadres/MC${i}-${c}/events`, reg(`MC${i}-${c}`));
      const requests: Promise<{ status: number; body: any }>[] = [];
      requests.push(send(`/v1/cadres/MI${i}/events`, JSON.stringify({ id: `mi-out-${i}`, type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: `MT${i}`, role: 'PARTY_SECRETARY', reason: 'TRANSFER' } }), 'CLERK', 'application/json'));
      for (let c = 0; c < 6; c++) {
        const date = `2020-0${(c % 3) + 1}-01`; // on, after, or before nothing: all on or after the removal
        const appointment = { id: `mc-${i}-${c}`, type: 'AppointedToPost', effectiveDate: date, data: { orgUnitId: `MT${i}`, role: 'PARTY_SECRETARY' } };
        requests.push(
          (async () => {
            await sleep((c * 7 + i) % 5);
            return c % 3 === 2
              ? send('/v1/import', JSON.stringify({ ...appointment, cadreId: `MC${i}-${c}` }) + '\n', 'CLERK', 'application/x-ndjson')
              : send(`/v1/cadres/MC${i}-${c}/events`, JSON.stringify(appointment), 'CLERK', 'application/json');
          })(),
        );
      }
      const answers = await Promise.all(requests);
      answers.forEach((a, k) => {
        if (a.status >= 500 || (a.status === 200 && a.body.error)) problems.push(`round ${i} request ${k}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      });
      const stored = await api.db.sql`select cadre, effective_date::text as d from (select stream_id as cadre, effective_date from events where type = 'AppointedToPost' and data->>'orgUnitId' = ${`MT${i}`} and event_id like 'mc-%') x`;
      if (stored.length > 1) problems.push(`round ${i}: ${stored.length} successors stored: ${stored.map((s) => `${s.cadre}@${s.d}`).join(', ')}`);
      const removal = (await api.db.sql`select 1 from events where event_id = ${`mi-out-${i}`}`).length;
      if (removal !== 1) problems.push(`round ${i}: removal not stored: ${JSON.stringify(answers[0]!.body).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });
});
