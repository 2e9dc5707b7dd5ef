/**
 * A clerk may not retract the remedy an upheld appeal's decision wrote (README: "a clerk is refused
 * on every way in with 403 / FORBIDDEN_EVENT_TYPE"), whatever the timing. Found by a review: the
 * route and the import checked the target in the store as the command arrived, then decided it on
 * whatever the batch before it had stored; a retraction sent while the decision was being written
 * (its remedy's id is derived, `<decision id>:rescind`) passed the check and undid the remedy. The
 * check is now made as the command is decided, on the state it is decided on
 * (libs/application/src/retraction-capability.ts).
 */
import type { Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

describe('a clerk’s retraction of a remedy sent while the decision is being written', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown, role: Role) => {
    const r = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tokens[role]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json().catch(() => undefined)) as { code?: string } | undefined };
  };
  const ok = async (path: string, body: unknown, role: Role) => expect([path, (await post(path, body, role)).status]).toEqual([path, 201]);

  beforeAll(async () => {
    api = await startApi('remedy_retraction_race');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api.close());

  it('is refused 403 whatever the timing, and the rescinded sanction stays void', async () => {
    const stored: string[] = [];
    for (let i = 0; i < 12; i++) {
      const sanction = `S${i}`;
      await ok('/v1/cadres/C1/events', { id: `sx${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: sanction, kind: 'WARNING', grounds: '违反工作纪律' } }, 'CLERK');
      await ok(`/v1/appeals/A${i}/events`, { id: `af${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `A${i}`, cadreId: 'C1', targetEventId: `sx${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const decision = post(`/v1/appeals/A${i}/events`, { id: `ad${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `A${i}`, outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
      await new Promise((r) => setTimeout(r, i % 4));
      const retraction = post('/v1/cadres/C1/events', { id: `rt${i}`, type: 'EntryRetracted', effectiveDate: '2020-03-01', data: { targetEventId: `ad${i}:rescind`, reason: '录入错误' } }, 'CLERK');
      const [d, r] = await Promise.all([decision, retraction]);
      expect(d.status).toBe(201);
      if (r.status === 201) stored.push(`rt${i} retracted ad${i}:rescind`);
      // Refused for the role once the remedy is there; decided before it, the target is not yet in the record.
      else expect([r.status, r.body?.code]).toEqual(r.status === 403 ? [403, 'FORBIDDEN_EVENT_TYPE'] : [422, 'RULE_I_RETRACTION_TARGET_NOT_FOUND']);
    }
    const [rows] = [await api.db.sql`select event_id, actor from events where type = 'EntryRetracted' and data->>'targetEventId' like 'ad%:rescind'`];
    expect({ clerkRetractionsOfRemedies: stored, rows: rows.map((r) => `${r.event_id} by ${r.actor}`) }).toEqual({ clerkRetractionsOfRemedies: [], rows: [] });
  });

  it('the HTTP import as CLERK: the retraction line is rejected FORBIDDEN_EVENT_TYPE whatever the timing', async () => {
    const stored: string[] = [];
    for (let i = 20; i < 30; i++) {
      await ok('/v1/cadres/C1/events', { id: `sx${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: `S${i}`, kind: 'WARNING', grounds: '违反工作纪律' } }, 'CLERK');
      await ok(`/v1/appeals/A${i}/events`, { id: `af${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `A${i}`, cadreId: 'C1', targetEventId: `sx${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const decision = post(`/v1/appeals/A${i}/events`, { id: `ad${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `A${i}`, outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
      await new Promise((r) => setTimeout(r, i % 4));
      const line = JSON.stringify({ id: `rt${i}`, type: 'EntryRetracted', cadreId: 'C1', effectiveDate: '2020-03-01', data: { targetEventId: `ad${i}:rescind`, reason: '录入错误' } });
      const imported = fetch(`${api.baseUrl}/v1/import`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.CLERK}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` }).then((r) => r.json());
      const [d, report] = await Promise.all([decision, imported]);
      expect(d.status).toBe(201);
      const { accepted, rejected } = report as { accepted: number; rejected: { code: string; rule: string }[] };
      if (accepted > 0) stored.push(`rt${i} retracted ad${i}:rescind`);
      else expect(['FORBIDDEN_EVENT_TYPE', 'RULE_I_RETRACTION_TARGET_NOT_FOUND']).toContain(rejected[0]!.code);
    }
    expect(stored).toEqual([]);
  });
});
