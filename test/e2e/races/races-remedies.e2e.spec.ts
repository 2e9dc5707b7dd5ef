/**
 * Remedies and rescissions racing each other over HTTP.
 * Written by a review of races (2026-12-05), which found none; kept as regression specs.
 */
import type { Role } from '@ledger/auth';
import { raceClient } from './race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('remedies racing', () => {
  let api: ApiHarness;
  const { post } = raceClient(() => api);
  const ok = async (path: string, body: unknown, role: Role = 'ADMIN') => {
    const r = await post(path, body, role);
    expect([(body as { id: string }).id, r.status, r.status === 201 ? '' : r.body]).toEqual([(body as { id: string }).id, 201, '']);
  };

  beforeAll(async () => {
    api = await startApi('races_remedies');
    await ok('/v1/cadres/M1/events', { id: 'reg-M1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '申诉人', gender: 'F', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
  });
  afterAll(() => api.close());

  it('two upheld decisions of two appeals against one sanction, each with RESCIND_SANCTION, at once: one rescission stored, no 500', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 12; i++) {
      await ok('/v1/cadres/M1/events', { id: `m-s-${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: `MS${i}`, kind: 'DEMERIT', grounds: '违反纪律' } });
      await ok(`/v1/appeals/MA${i}/events`, { id: `m-fa-${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `MA${i}`, cadreId: 'M1', targetEventId: `m-s-${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      await ok(`/v1/appeals/MB${i}/events`, { id: `m-fb-${i}`, type: 'AppealFiled', effectiveDate: '2020-01-12', data: { appealId: `MB${i}`, cadreId: 'M1', targetEventId: `m-s-${i}`, stage: 'APPEAL', grounds: '处分过重', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const a = post(`/v1/appeals/MA${i}/events`, { id: `m-da-${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `MA${i}`, outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
      await sleep(i % 3);
      const b = post(`/v1/appeals/MB${i}/events`, { id: `m-db-${i}`, type: 'AppealDecided', effectiveDate: '2020-02-02', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `MB${i}`, outcome: 'UPHELD', reasoning: '处分过重' } }, 'APPEALS_OFFICER');
      const [ra, rb] = await Promise.all([a, b]);
      if (ra.status >= 500 || rb.status >= 500) problems.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 200)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 200)}`);
      const rescissions = await api.db.sql`select event_id from events where type = 'SanctionRescinded' and data->>'sanctionId' = ${`MS${i}`}`;
      if (rescissions.length !== 1) problems.push(`round ${i}: ${rescissions.length} rescissions (${ra.status}/${rb.status})`);
      // What a serial run gives: the same as sending them one after the other.
    }
    expect(problems).toEqual([]);
  });

  it('a CORRECTION rescission racing an upheld decision with RESCIND_SANCTION on the same sanction: one rescission, no 500', async () => {
    const problems: string[] = [];
    for (let i = 20; i < 32; i++) {
      await ok('/v1/cadres/M1/events', { id: `m-s-${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: `MS${i}`, kind: 'WARNING', grounds: '违反纪律' } });
      await ok(`/v1/appeals/MA${i}/events`, { id: `m-fa-${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `MA${i}`, cadreId: 'M1', targetEventId: `m-s-${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const a = post(`/v1/appeals/MA${i}/events`, { id: `m-da-${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `MA${i}`, outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
      await sleep(i % 3);
      const b = post('/v1/cadres/M1/events', { id: `m-rc-${i}`, type: 'SanctionRescinded', effectiveDate: '2020-02-02', documentRef: `纪〔2020〕${i + 100}号`, data: { sanctionId: `MS${i}`, reason: 'CORRECTION' } }, 'ADMIN');
      const [ra, rb] = await Promise.all([a, b]);
      if (ra.status >= 500 || rb.status >= 500) problems.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 200)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 200)}`);
      const rescissions = await api.db.sql`select event_id from events where type = 'SanctionRescinded' and data->>'sanctionId' = ${`MS${i}`}`;
      if (rescissions.length !== 1) problems.push(`round ${i}: ${rescissions.length} rescissions (${ra.status} ${JSON.stringify(ra.body).slice(0, 150)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 150)})`);
    }
    expect(problems).toEqual([]);
  });

  it('serially: an upheld decision with RESCIND_SANCTION after the sanction was rescinded by CORRECTION is answered (no 500)', async () => {
    await ok('/v1/cadres/M1/events', { id: 'm-s-ser', type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: '纪〔2020〕900号', data: { sanctionId: 'MSSER', kind: 'WARNING', grounds: '违反纪律' } });
    await ok('/v1/appeals/MASER/events', { id: 'm-fa-ser', type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: 'MASER', cadreId: 'M1', targetEventId: 'm-s-ser', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
    await ok('/v1/cadres/M1/events', { id: 'm-rc-ser', type: 'SanctionRescinded', effectiveDate: '2020-02-02', documentRef: '纪〔2020〕901号', data: { sanctionId: 'MSSER', reason: 'CORRECTION' } });
    const r = await post('/v1/appeals/MASER/events', { id: 'm-da-ser', type: 'AppealDecided', effectiveDate: '2020-02-03', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'MASER', outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
    expect(r.status).toBeLessThan(500);
  });
});
