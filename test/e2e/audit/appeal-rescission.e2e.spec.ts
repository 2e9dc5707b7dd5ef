/**
 * Issue 5's scenario, over HTTP: a sanction effective 2022-03-01 blocks in-post promotion on
 * 2022-06-30; an appeal is upheld and the sanction rescinded in the same command; as known before
 * the rescission the answer is still "not eligible", as known after it "eligible" (TM9: void from
 * its start); the history links the sanction, the appeal and the rescission both ways.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { databaseNow } from '../../support/db-clock';
import { historySchema } from '../../../apps/api/src/history/history-schema';
import { cadreStateSchema } from '../../../apps/api/src/projections/decision-schemas';

describe('appeal upheld → sanction rescinded (TM9, N5)', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' = 'CLERK') => {
    const r = await api.request('POST', path, { role, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    api = await startApi('appeal_rescission');
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await post('/v1/cadres/C1/events', {
      id: 'reg-C1',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await post('/v1/cadres/C1/events', { id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    for (let year = 2012; year <= 2021; year++) {
      await post('/v1/cadres/C1/events', {
        id: `c1-grade-${year}`,
        type: 'AnnualAssessmentRecorded',
        effectiveDate: `${year + 1}-01-15`,
        data: { year, grade: year === 2015 || year === 2019 ? 'EXCELLENT' : 'COMPETENT' },
      });
    }
  });
  afterAll(() => api.close());

  it('answers by what was known when, and links the three events', async () => {
    const sanction = await post('/v1/cadres/C1/events', {
      id: 'c1-sanction',
      type: 'SanctionImposed',
      effectiveDate: '2022-03-01',
      documentRef: 'X纪〔2022〕5号',
      data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' },
    });
    const knownBefore = sanction.events[0].recordedAt as string;
    const blocked = await api.request('GET', '/v1/cadres/C1/state?asOf=2022-06-30', { role: 'AUDITOR' });
    expect(blocked.status).toBe(200);
    expect(blocked.body.sanctionPeriodOnAsOf).toMatchObject({ sanctionId: 'S1', from: '2022-03-01', to: '2022-09-01' });
    expect(blocked.body.eligibility.eligible).toBe(false);

    const filed = await post(
      '/v1/appeals/A1/events',
      { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2022-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2022-03-05' } },
      'APPEALS_OFFICER',
    );
    expect(filed.status).toBe('APPENDED');
    // Only appeals officers (and admins) decide appeals.
    const byClerk = await api.request('POST', '/v1/appeals/A1/events', { role: 'CLERK', body: { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: 'x' } } });
    expect(byClerk.status).toBe(403);
    // A dismissed appeal cannot carry a remedy; a remedy of the wrong kind is refused.
    const wrongKind = await api.request('POST', '/v1/appeals/A1/events', {
      role: 'APPEALS_OFFICER',
      body: { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } },
    });
    expect(wrongKind).toMatchObject({ status: 422, body: { code: 'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET', rule: 'N5' } });

    const decided = await post(
      '/v1/appeals/A1/events',
      {
        id: 'a1-decided',
        type: 'AppealDecided',
        effectiveDate: '2022-04-01',
        documentRef: 'X纪复〔2022〕1号',
        data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '经查系诬告陷害，撤销处分' },
        remedy: { kind: 'RESCIND_SANCTION' },
      },
      'APPEALS_OFFICER',
    );
    const rescission = decided.events.find((e: { type: string }) => e.type === 'SanctionRescinded');
    // A retry with the decision's id is the same fact only with the same remedy: the decision event
    // does not record its remedy, so one dropped or changed would otherwise pass and write nothing.
    const resend = (remedy: unknown) =>
      api.request('POST', '/v1/appeals/A1/events', {
        role: 'APPEALS_OFFICER',
        body: { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', documentRef: 'X纪复〔2022〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '经查系诬告陷害，撤销处分' }, ...(remedy ? { remedy } : {}) },
      });
    expect(await resend({ kind: 'RESCIND_SANCTION' })).toMatchObject({ status: 200, body: { status: 'ALREADY_STORED' } });
    expect(await resend(undefined)).toMatchObject({ status: 409, body: { code: 'EVENT_ID_CONFLICT' } });
    expect(rescission).toMatchObject({ streamId: 'cadre-C1', causationId: 'a1-decided', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' } });
    expect(rescission.actor).toMatch(/^APPEALS_OFFICER:/);

    const before = await api.request('GET', `/v1/cadres/C1/state?asOf=2022-06-30&knownAt=${encodeURIComponent(knownBefore)}`, { role: 'AUDITOR' });
    expect(before.body.eligibility.eligible).toBe(false);
    expect(before.body.sanctionPeriodOnAsOf).not.toBeNull();
    const after = await api.request('GET', '/v1/cadres/C1/state?asOf=2022-06-30', { role: 'AUDITOR' });
    expect(after.body.sanctionPeriodOnAsOf).toBeNull();
    expect(after.body.sanctions[0]).toMatchObject({ sanctionId: 'S1', rescinded: true, rescissionEventId: rescission.eventId });
    expect(after.body.eligibility).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y' });
    for (const state of [before.body, after.body]) cadreStateSchema.parse(state); // as /docs/openapi.json documents it

    // The contract's eligibility query answers the same from its tables when given knownAt.
    const eligibilityKnownBefore = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30&knownAt=${encodeURIComponent(knownBefore)}`, { role: 'ORG_DEPT' });
    expect(eligibilityKnownBefore.body.cadres.find((c: { cadreId: string }) => c.cadreId === 'C1')).toMatchObject({ eligible: false });
    const eligibilityKnownAfter = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30&knownAt=${encodeURIComponent(await databaseNow(api.db.sql))}`, { role: 'ORG_DEPT' });
    expect(eligibilityKnownAfter.body.cadres.find((c: { cadreId: string }) => c.cadreId === 'C1')).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y' });

    const history = await api.request('GET', '/v1/cadres/C1/history', { role: 'APPEALS_OFFICER' });
    historySchema.parse(history.body); // links of every kind, as /docs/openapi.json documents them
    const byId = Object.fromEntries(history.body.events.map((e: { eventId: string }) => [e.eventId, e]));
    expect(byId['c1-sanction'].links).toMatchObject({ rescindedBy: [rescission.eventId], appealedBy: ['a1-filed'] });
    expect(byId['a1-filed'].links).toMatchObject({ appealOf: 'c1-sanction' });
    expect(byId['a1-decided'].links).toMatchObject({ causes: [rescission.eventId], appealOf: 'c1-sanction' });
    expect(byId[rescission.eventId].links).toMatchObject({ rescinds: 'c1-sanction', causedBy: 'a1-decided' });
    const asKnownBefore = await api.request('GET', `/v1/cadres/C1/history?knownAt=${encodeURIComponent(knownBefore)}`, { role: 'AUDITOR' });
    expect(asKnownBefore.body.events.map((e: { eventId: string }) => e.eventId)).not.toContain(rescission.eventId);
  });
});
