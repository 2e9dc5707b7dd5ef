/**
 * Issue 11, hole 2 (TM9, N5): a rescission for an upheld appeal must name an appeal about that
 * cadre and that sanction, decided UPHELD or PARTIALLY_UPHELD; the other reasons need a documentRef.
 * The appeal-remedy path and the import of a remedy-less upheld appeal followed by its own
 * SanctionRescinded line keep working; an upheld appeal never remedied is a compliance finding.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent, waitForProjections } from '../../support/projections';

describe('rescissions (TM9, N5)', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' = 'CLERK') => {
    const r = await api.request('POST', path, { role, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const rescind = (cadreId: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    api.request('POST', `/v1/cadres/${cadreId}/events`, { role: 'CLERK', body: { type: 'SanctionRescinded', effectiveDate: '2022-05-01', data, ...extra } });
  const sanctioned = async (cadreId: string, sanctionId: string) => {
    await post(`/v1/cadres/${cadreId}/events`, {
      id: `reg-${cadreId}`,
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: `干部${cadreId}`, gender: 'F', birthDate: '1978-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await post(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-${sanctionId}`, type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId, kind: 'WARNING', grounds: '据举报' } });
  };
  const appeal = async (appealId: string, cadreId: string, target: string, outcome: string | null, decidedOn = '2022-04-01') => {
    await post(`/v1/appeals/${appealId}/events`, { id: `${appealId}-filed`, type: 'AppealFiled', effectiveDate: '2022-03-10', data: { appealId, cadreId, targetEventId: target, stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2022-03-05' } }, 'APPEALS_OFFICER');
    if (outcome) await post(`/v1/appeals/${appealId}/events`, { id: `${appealId}-decided`, type: 'AppealDecided', effectiveDate: decidedOn, data: { appealId, outcome, reasoning: '经查' } }, 'APPEALS_OFFICER');
  };

  beforeAll(async () => {
    api = await startApi('rescissions');
    await sanctioned('C1', 'S1');
    await sanctioned('C2', 'S2');
    await sanctioned('C3', 'S3');
    await sanctioned('C4', 'S4');
    await appeal('A-DISMISSED-C2', 'C2', 'C2-S2', 'DISMISSED');
    await appeal('A-OPEN-C1', 'C1', 'C1-S1', null);
    await appeal('A-UPHELD-C3', 'C3', 'C3-S3', 'UPHELD', '2022-04-20');
  });
  afterAll(() => api.close());

  it('refuses an appeal that does not exist, is about another cadre, is undecided or dismissed', async () => {
    const missing = await rescind('C1', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'NO_SUCH_APPEAL' });
    expect(missing).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_APPEAL_NOT_FOUND', rule: 'TM9', kind: 'INTEGRITY', field: 'data.appealId' } });
    const noAppeal = await rescind('C1', { sanctionId: 'S1', reason: 'APPEAL_UPHELD' });
    expect(noAppeal).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_APPEAL_REQUIRED', field: 'data.appealId' } });
    const otherCadre = await rescind('C1', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A-DISMISSED-C2' });
    expect(otherCadre).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_APPEAL_MISMATCH', rule: 'TM9' } });
    const open = await rescind('C1', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A-OPEN-C1' });
    expect(open).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD' } });
    await appeal('A-DISMISSED-C4', 'C4', 'C4-S4', 'DISMISSED');
    const dismissed = await rescind('C4', { sanctionId: 'S4', reason: 'APPEAL_UPHELD', appealId: 'A-DISMISSED-C4' });
    expect(dismissed).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD', titleZh: expect.any(String) } });
  });

  it('needs a documentRef for a false accusation, tolerance or correction', async () => {
    for (const reason of ['FALSE_ACCUSATION', 'TOLERANCE', 'CORRECTION']) {
      const r = await rescind('C4', { sanctionId: 'S4', reason });
      expect(r).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_DOCUMENT_REQUIRED', rule: 'TM9', field: 'documentRef' } });
    }
    const ok = await rescind('C4', { sanctionId: 'S4', reason: 'TOLERANCE' }, { id: 'c4-tolerance', documentRef: 'X委〔2022〕9号' });
    expect(ok.status).toBe(201);
  });

  it('lists an upheld appeal without its remedy as a finding, until the rescission naming it is recorded', async () => {
    await waitForProjections(api.db, 30_000);
    const before = await api.request('GET', '/v1/findings?asOf=2025-01-01', { role: 'AUDITOR' });
    expect(before.body.findings).toContainEqual(expect.objectContaining({ kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'A-UPHELD-C3', cadreId: 'C3', targetEventId: 'C3-S3', outcome: 'UPHELD' }));
    expect(before.body.findings.filter((f: { kind: string }) => f.kind === 'APPEAL_REMEDY_MISSING')).toHaveLength(1);
    // The day before the decision is too early; the day of it is fine.
    const early = await rescind('C3', { sanctionId: 'S3', reason: 'APPEAL_UPHELD', appealId: 'A-UPHELD-C3' }, { effectiveDate: '2022-04-19' });
    expect(early).toMatchObject({ status: 422, body: { code: 'RULE_TM9_RESCISSION_BEFORE_APPEAL_DECIDED' } });
    const ok = await rescind('C3', { sanctionId: 'S3', reason: 'APPEAL_UPHELD', appealId: 'A-UPHELD-C3' }, { id: 'c3-rescinded', effectiveDate: '2022-04-20' });
    expect(ok.status).toBe(201);
    await waitForProjections(api.db, 30_000);
    const after = await api.request('GET', '/v1/findings?asOf=2025-01-01', { role: 'AUDITOR' });
    expect(after.body.findings.filter((f: { kind: string }) => f.kind === 'APPEAL_REMEDY_MISSING')).toEqual([]);
  });

  it('imports a remedy-less upheld appeal followed by its own rescission line, and the remedy path still works', async () => {
    await sanctioned('C5', 'S5');
    await sanctioned('C6', 'S6');
    const lines = [
      { id: 'a5-filed', type: 'AppealFiled', appealId: 'A5', effectiveDate: '2022-03-10', data: { appealId: 'A5', cadreId: 'C5', targetEventId: 'C5-S5', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2022-03-05' } },
      { id: 'a5-decided', type: 'AppealDecided', appealId: 'A5', effectiveDate: '2022-04-01', data: { appealId: 'A5', outcome: 'PARTIALLY_UPHELD', reasoning: '部分成立' } },
      { id: 'c5-rescinded', type: 'SanctionRescinded', cadreId: 'C5', effectiveDate: '2022-04-02', data: { sanctionId: 'S5', reason: 'APPEAL_UPHELD', appealId: 'A5' } },
      { id: 'c6-bad', type: 'SanctionRescinded', cadreId: 'C6', effectiveDate: '2022-04-02', data: { sanctionId: 'S6', reason: 'APPEAL_UPHELD', appealId: 'A5' } },
    ];
    const r = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: lines.map((l) => JSON.stringify(l)).join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(3);
    expect(r.body.rejected).toEqual([expect.objectContaining({ line: 4, code: 'RULE_TM9_RESCISSION_APPEAL_MISMATCH', rule: 'TM9' })]);

    await appeal('A6', 'C6', 'C6-S6', null);
    const decided = await post(
      '/v1/appeals/A6/events',
      { id: 'a6-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A6', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'RESCIND_SANCTION' } },
      'APPEALS_OFFICER',
    );
    expect(decided.events.map((e: { type: string }) => e.type)).toEqual(['AppealDecided', 'SanctionRescinded']);
    await expectProjectionsConsistent(api.db);
  });
});
