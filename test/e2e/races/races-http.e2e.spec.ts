/**
 * Races between concurrent writers over HTTP. Each race is repeated with small jitter;
 * the expectation is what a serial execution in some order would give, no rule broken in the
 * stored data, never a 500.
 * Written by a review of races (2026-12-05), which found none; kept as regression specs.
 */
import type { Role } from '@ledger/auth';
import { raceClient } from './race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reg = (id: string, name: string) => ({ id, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });

describe('races over HTTP', () => {
  let api: ApiHarness;
  const { post, importLines } = raceClient(() => api);
  const ok = async (path: string, body: unknown, role: Role = 'ADMIN') => {
    const r = await post(path, body, role);
    expect([path, (body as { id: string }).id, r.status, r.status === 201 ? '' : r.body]).toEqual([path, (body as { id: string }).id, 201, '']);
  };

  beforeAll(async () => {
    api = await startApi('races_http');
  });
  afterAll(() => api.close());

  it('P2: two appointments to one township party secretary post at once: exactly one is stored', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      await ok(`/v1/org-units/PT${i}/events`, { id: `reg-PT${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `镇${i}`, kind: 'TOWNSHIP' } });
      await ok(`/v1/cadres/PA${i}/events`, reg(`reg-PA${i}`, `甲${i}`));
      await ok(`/v1/cadres/PB${i}/events`, reg(`reg-PB${i}`, `乙${i}`));
      const a = post(`/v1/cadres/PA${i}/events`, { id: `pa-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `PT${i}`, role: 'PARTY_SECRETARY' } }, 'CLERK');
      await sleep(i % 3);
      const b = post(`/v1/cadres/PB${i}/events`, { id: `pb-${i}`, type: 'AppointedToPost', effectiveDate: i % 2 ? '2020-01-01' : '2019-06-01', data: { orgUnitId: `PT${i}`, role: 'PARTY_SECRETARY' } }, 'CLERK');
      const [ra, rb] = await Promise.all([a, b]);
      const statuses = [ra.status, rb.status].sort().join(',');
      if (statuses !== '201,422') outcomes.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 200)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 200)}`);
    }
    const rows = await api.db.sql`select data->>'orgUnitId' as unit, count(*)::int as n from events where type = 'AppointedToPost' and data->>'role' = 'PARTY_SECRETARY' and data->>'orgUnitId' like 'PT%' group by 1 having count(*) > 1`;
    expect({ outcomes, twoHolders: rows.map((r) => r.unit) }).toEqual({ outcomes: [], twoHolders: [] });
  });

  it('P2: an appointment through the route and one through the HTTP import at once: exactly one is stored', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      await ok(`/v1/org-units/QT${i}/events`, { id: `reg-QT${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `乡${i}`, kind: 'TOWNSHIP' } });
      await ok(`/v1/cadres/QA${i}/events`, reg(`reg-QA${i}`, `丙${i}`));
      await ok(`/v1/cadres/QB${i}/events`, reg(`reg-QB${i}`, `丁${i}`));
      const a = post(`/v1/cadres/QA${i}/events`, { id: `qa-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `QT${i}`, role: 'HEAD' } }, 'CLERK');
      await sleep(i % 3);
      const b = importLines([{ id: `qb-${i}`, type: 'AppointedToPost', cadreId: `QB${i}`, effectiveDate: '2020-01-01', data: { orgUnitId: `QT${i}`, role: 'HEAD' } }], 'CLERK');
      const [ra, rb] = await Promise.all([a, b]);
      const bStored = rb.status === 200 && rb.body.accepted === 1;
      if (ra.status >= 500 || rb.status !== 200) outcomes.push(`round ${i}: ${ra.status} / import ${rb.status} ${JSON.stringify(rb.body).slice(0, 200)}`);
      else if ((ra.status === 201) === bStored) outcomes.push(`round ${i}: route ${ra.status}, import accepted ${rb.body.accepted} ${JSON.stringify(rb.body.rejected).slice(0, 200)}`);
    }
    const rows = await api.db.sql`select data->>'orgUnitId' as unit, count(*)::int as n from events where type = 'AppointedToPost' and data->>'role' = 'HEAD' and data->>'orgUnitId' like 'QT%' group by 1 having count(*) > 1`;
    expect({ outcomes, twoHolders: rows.map((r) => r.unit) }).toEqual({ outcomes: [], twoHolders: [] });
  });

  it('the same event id sent twice at once by different roles with different content: one 201, the other 409, the stored one is the 201’s', async () => {
    await ok('/v1/cadres/ID1/events', reg('reg-ID1', '戊'));
    await ok('/v1/cadres/ID2/events', reg('reg-ID2', '己'));
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const id = `dup-${i}`;
      const a = post('/v1/cadres/ID1/events', { id, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '甲班', level: 'COUNTY' } }, 'CLERK');
      await sleep(i % 3);
      // Same stream (even rounds) or another cadre's stream (odd rounds).
      const b = post(`/v1/cadres/${i % 2 ? 'ID2' : 'ID1'}/events`, { id, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: '乙班', level: 'MUNICIPAL' } }, 'ADMIN');
      const [ra, rb] = await Promise.all([a, b]);
      const [row] = await api.db.sql`select stream_id, data->>'programme' as programme from events where event_id = ${id}`;
      const winner = ra.status === 201 ? '甲班' : rb.status === 201 ? '乙班' : 'none';
      const loser = ra.status === 201 ? rb : ra;
      if ([ra.status, rb.status].sort().join(',') !== '201,409' || row?.programme !== winner || loser.body?.code !== 'EVENT_ID_CONFLICT') {
        outcomes.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 150)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 150)}; stored ${row?.programme}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('If-Match writes racing on one cadre: exactly one 201, the other 409', async () => {
    await ok('/v1/cadres/IM1/events', reg('reg-IM1', '庚'));
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const [head] = await api.db.sql`select max(revision)::int as r from events where stream_id = 'cadre-IM1'`;
      const ifMatch = { 'if-match': `"${head!.r}"` };
      const a = post('/v1/cadres/IM1/events', { id: `im-a-${i}`, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: `甲${i}`, level: 'COUNTY' } }, 'CLERK', ifMatch);
      await sleep(i % 3);
      const b = post('/v1/cadres/IM1/events', { id: `im-b-${i}`, type: 'HealthCheckCompleted', effectiveDate: '2020-07-01', data: {} }, 'CLERK', ifMatch);
      const [ra, rb] = await Promise.all([a, b]);
      if ([ra.status, rb.status].sort().join(',') !== '201,409') outcomes.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 150)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 150)}`);
    }
    expect(outcomes).toEqual([]);
  });

  it('a retraction racing the event it retracts: stored only after it, never a 500', async () => {
    await ok('/v1/cadres/RT1/events', reg('reg-RT1', '辛'));
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const t = post('/v1/cadres/RT1/events', { id: `rt-t-${i}`, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: `班${i}`, level: 'COUNTY' } }, 'CLERK');
      await sleep(i % 3);
      const r = post('/v1/cadres/RT1/events', { id: `rt-r-${i}`, type: 'EntryRetracted', effectiveDate: '2020-06-02', data: { targetEventId: `rt-t-${i}`, reason: '录入错误' } }, 'CLERK');
      const [rt, rr] = await Promise.all([t, r]);
      if (rt.status !== 201 || !(rr.status === 201 || (rr.status === 422 && rr.body.code === 'RULE_I_RETRACTION_TARGET_NOT_FOUND'))) outcomes.push(`round ${i}: ${rt.status} / ${rr.status} ${JSON.stringify(rr.body).slice(0, 200)}`);
    }
    const rows = await api.db.sql`select r.event_id from events r left join events t on t.event_id = r.data->>'targetEventId' where r.type = 'EntryRetracted' and r.stream_id = 'cadre-RT1' and (t.event_id is null or t.global_position > r.global_position)`;
    expect({ outcomes, retractionsBeforeTarget: rows.map((r) => r.event_id) }).toEqual({ outcomes: [], retractionsBeforeTarget: [] });
  });

  it('a rescission for an upheld appeal racing a DISMISSED decision of that appeal: never stored', async () => {
    await ok('/v1/cadres/SR1/events', reg('reg-SR1', '壬'));
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      await ok('/v1/cadres/SR1/events', { id: `sr-s-${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: `SR${i}`, kind: 'WARNING', grounds: '违反纪律' } }, 'CLERK');
      await ok(`/v1/appeals/SRA${i}/events`, { id: `sr-f-${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `SRA${i}`, cadreId: 'SR1', targetEventId: `sr-s-${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const outcome = i % 2 ? 'DISMISSED' : 'UPHELD';
      const d = post(`/v1/appeals/SRA${i}/events`, { id: `sr-d-${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', data: { appealId: `SRA${i}`, outcome, reasoning: '理由' } }, 'APPEALS_OFFICER');
      await sleep(i % 4);
      const r = post('/v1/cadres/SR1/events', { id: `sr-r-${i}`, type: 'SanctionRescinded', effectiveDate: '2020-02-02', data: { sanctionId: `SR${i}`, reason: 'APPEAL_UPHELD', appealId: `SRA${i}` } }, 'APPEALS_OFFICER');
      const [rd, rr] = await Promise.all([d, r]);
      if (rd.status !== 201 || rr.status >= 500) outcomes.push(`round ${i}: ${rd.status} / ${rr.status} ${JSON.stringify(rr.body).slice(0, 200)}`);
      if (outcome === 'DISMISSED' && rr.status === 201) outcomes.push(`round ${i}: rescinded for a dismissed appeal`);
    }
    expect(outcomes).toEqual([]);
  });

  it('retracting a secretary’s removal racing the appointment of the successor: never two secretaries', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      await ok(`/v1/org-units/XT${i}/events`, { id: `reg-XT${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `新镇${i}`, kind: 'TOWNSHIP' } });
      await ok(`/v1/cadres/XA${i}/events`, reg(`reg-XA${i}`, `癸${i}`));
      await ok(`/v1/cadres/XB${i}/events`, reg(`reg-XB${i}`, `子${i}`));
      await ok(`/v1/cadres/XA${i}/events`, { id: `xa-in-${i}`, type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: `XT${i}`, role: 'PARTY_SECRETARY' } });
      await ok(`/v1/cadres/XA${i}/events`, { id: `xa-out-${i}`, type: 'RemovedFromPost', effectiveDate: '2019-01-01', data: { orgUnitId: `XT${i}`, role: 'PARTY_SECRETARY', reason: 'TRANSFER' } });
      const r = post(`/v1/cadres/XA${i}/events`, { id: `xa-rt-${i}`, type: 'EntryRetracted', effectiveDate: '2019-02-01', data: { targetEventId: `xa-out-${i}`, reason: '录入错误' } }, 'CLERK');
      await sleep(i % 3);
      const a = post(`/v1/cadres/XB${i}/events`, { id: `xb-in-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `XT${i}`, role: 'PARTY_SECRETARY' } }, 'CLERK');
      const [rr, ra] = await Promise.all([r, a]);
      if (rr.status >= 500 || ra.status >= 500) outcomes.push(`round ${i}: 500`);
      if (rr.status === 201 && ra.status === 201) outcomes.push(`round ${i}: both stored: two secretaries of XT${i} from 2020`);
    }
    expect(outcomes).toEqual([]);
  });
});
