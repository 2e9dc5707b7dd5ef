/**
 * The appeal flow through the CLI import (`--as APPEALS_OFFICER`) against the same flow over HTTP,
 * and a CORRECT_GRADE remedy that N4 forbids, lifted by the decision's override.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { appealsClient } from './appeals-officer';
import { runCli } from '../../../support/run-cli';

describe('appeals officer: import and override', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const { req, post, registerC1 } = appealsClient(() => api);
  const importLines = async (name: string, lines: unknown[], as: string) => {
    const file = join(dir, name);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return runCli(['import', file, '--as', as, '--json'], env);
  };

  beforeAll(async () => {
    api = await startApi('appeals_import');
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'appeals-import-'));
    await registerC1();
    await post('/v1/cadres/C1/events', { id: 's1', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/cadres/C1/events', { id: 'g2022', type: 'AnnualAssessmentRecorded', effectiveDate: '2023-01-15', data: { year: 2022, grade: 'COMPETENT' } });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('an import line of an appeal by a clerk is refused; by an appeals officer the remedy is written as over HTTP', async () => {
    const lines = [
      { id: 'a1-filed', type: 'AppealFiled', appealId: 'A1', effectiveDate: '2022-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 's1', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2022-03-05' } },
      { id: 'a1-decided', type: 'AppealDecided', appealId: 'A1', effectiveDate: '2022-04-01', documentRef: 'X纪复〔2022〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '系诬告' }, remedy: { kind: 'RESCIND_SANCTION' } },
    ];
    const byClerk = await importLines('clerk.ndjson', lines, 'CLERK');
    expect(byClerk.code).toBe(4);
    const clerkAnswer = JSON.parse(byClerk.stdout);
    expect(clerkAnswer.rejected.map((r: any) => r.code)).toEqual(['FORBIDDEN_EVENT_TYPE', 'FORBIDDEN_EVENT_TYPE']);
    const byOfficer = await importLines('officer.ndjson', lines, 'APPEALS_OFFICER');
    expect(byOfficer.code).toBe(0);
    const h = (await req('GET', '/v1/cadres/C1/history', 'APPEALS_OFFICER')).body;
    const rescission = h.events.find((e: any) => e.type === 'SanctionRescinded');
    expect(rescission).toMatchObject({ causationId: 'a1-decided', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' } });
    expect(rescission.actor).toMatch(/^APPEALS_OFFICER:cli:/);
    // Re-importing is a no-op.
    const again = await importLines('officer.ndjson', lines, 'APPEALS_OFFICER');
    expect(again.code).toBe(0);
    const after = (await req('GET', '/v1/cadres/C1/history', 'APPEALS_OFFICER')).body;
    expect(after.events.length).toBe(h.events.length);
  });

  it('CORRECT_GRADE to EXCELLENT in a WARNING year: refused under N4 with Chinese detail, then recorded with the override, listed as an override finding', async () => {
    await post('/v1/cadres/C1/events', { id: 's2', type: 'SanctionImposed', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕5号', data: { sanctionId: 'S2', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/cadres/C1/events', { id: 'g2023', type: 'AnnualAssessmentRecorded', effectiveDate: '2024-01-15', data: { year: 2023, grade: 'COMPETENT' } });
    await post('/v1/appeals/A2/events', { id: 'a2-filed', type: 'AppealFiled', effectiveDate: '2024-01-20', data: { appealId: 'A2', cadreId: 'C1', targetEventId: 'g2023', stage: 'REVIEW', grounds: '应为优秀', learnedOfDecisionDate: '2024-01-16' } }, 'APPEALS_OFFICER');
    const body = { id: 'a2-decided', type: 'AppealDecided', effectiveDate: '2024-02-01', data: { appealId: 'A2', outcome: 'UPHELD', reasoning: '实绩突出' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } };
    const refused = await req('POST', '/v1/appeals/A2/events', 'APPEALS_OFFICER', body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'RULE_N4_EXCELLENT_IN_WARNING_YEAR', kind: 'POLICY' });
    expect(/[\u4e00-\u9fff]/.test(refused.body.detailZh)).toBe(true);
    // Nothing of the refused command was stored.
    const list = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals.find((a: any) => a.appealId === 'A2');
    expect(list.status).toBe('OPEN');
    const ok = await post('/v1/appeals/A2/events', { ...body, override: { reason: '县委研究同意' } }, 'APPEALS_OFFICER');
    expect(ok.events.map((e: any) => e.type)).toEqual(['AppealDecided', 'EntryRetracted', 'AnnualAssessmentRecorded']);
    const f = (await req('GET', '/v1/findings?asOf=2024-12-31', 'AUDITOR')).body.findings.filter((x: any) => x.kind === 'OVERRIDE');
    expect(f.length).toBeGreaterThan(0);
    expect(f[0].actor ?? f[0].by ?? JSON.stringify(f[0])).toMatch(/APPEALS_OFFICER/);
  });
});
