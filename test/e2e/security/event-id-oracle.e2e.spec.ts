/**
 * Found by a security review (medium): a CLERK (no readHistory) reads other cadres' records through the
 * idempotency check. A write whose id is already stored for a different fact is refused 409
 * EVENT_ID_CONFLICT, and `factMismatch` (libs/application/src/career-command-service.ts) names
 * in the message the stored event's type, then its stream (the cadre) and then its effective date.
 * Event ids are caller-chosen and often predictable (the generator writes gen-<seed>-<n>; real
 * imports carry the source system's sequential ids), so a clerk can walk the ids and learn, for
 * every event of the ledger, what it is (SanctionImposed, AppealFiled, AnnualAssessmentRecorded…),
 * whose record it is on and its date: who was sanctioned or appealed when. The capability table
 * gives a CLERK recordCareerEvents only, and GET /v1/cadres/{id}/history answers it 403.
 */
import { startApi, registerTownshipAndCadre, type ApiHarness } from '../../support/api-harness';

describe('EVENT_ID_CONFLICT is no oracle on events a role may not read', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('event_id_oracle');
    await registerTownshipAndCadre(api); // T01, C1 李四
    const ok = async (path: string, body: object, role: 'ADMIN' | 'APPEALS_OFFICER' = 'ADMIN') => expect((await api.request('POST', path, { role, body })).status).toBe(201);
    await ok('/v1/cadres/C2/events', {
      id: 'evt-000102',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '赵六', gender: 'F', birthDate: '1979-05-01', education: { level: 'MASTER', fullTime: true, doubleFirstClass: false } },
    });
    // Recorded by someone else: a sanction of C2 the clerk has no right to read.
    await ok('/v1/cadres/C2/events', { id: 'evt-000103', type: 'SanctionImposed', effectiveDate: '2023-06-18', documentRef: '县纪〔2023〕9号', data: { sanctionId: 'S9', kind: 'DEMERIT', grounds: '违反廉洁纪律' } });
  }, 120_000);
  afterAll(async () => api?.close());

  it('a CLERK may not read C2’s history, and learns nothing of event evt-000103 from a refused write either', async () => {
    expect((await api.request('GET', '/v1/cadres/C2/history', { role: 'CLERK' })).status).toBe(403);
    const probe = async (cadreId: string, type: string, effectiveDate: string, data: object) => {
      const r = await api.request('POST', `/v1/cadres/${cadreId}/events`, { role: 'CLERK', body: { id: 'evt-000103', type, effectiveDate, data } });
      return `${r.status} ${r.body?.message ?? ''} ${r.body?.detailZh ?? ''}`;
    };
    // Step 1: any valid command with the guessed id says the stored type.
    const step1 = await probe('C1', 'TrainingCompleted', '2024-01-01', { programme: 'x', level: 'COUNTY' });
    // Step 2: that type says the stored stream, i.e. the cadre.
    const step2 = await probe('C1', 'SanctionImposed', '2024-01-01', { sanctionId: 'S1', kind: 'WARNING', grounds: 'x' });
    // Step 3: on that cadre, the stored effective date.
    const step3 = await probe('C2', 'SanctionImposed', '2024-01-01', { sanctionId: 'S1', kind: 'WARNING', grounds: 'x' });
    const learned = [step1, step2, step3].join('\n');
    expect({
      type: step1.includes('SanctionImposed') ? 'learned' : 'hidden',
      cadre: step2.includes('cadre-C2') ? 'learned' : 'hidden',
      date: step3.includes('2023-06-18') ? 'learned' : 'hidden',
      answers: learned,
    }).toMatchObject({ type: 'hidden', cadre: 'hidden', date: 'hidden' });
  });
});
