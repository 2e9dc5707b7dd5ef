/**
 * The appeals lifecycle (N5, TM9) over HTTP and the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { databaseInstantBetween } from '../../../support/db-clock';
import { runCli } from '../../../support/run-cli';

const EDUCATION = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('the appeals lifecycle over HTTP and the CLI import', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const req = (method: string, path: string, role: any, body?: unknown) => api.request(method, path, { role, ...(body !== undefined ? { body } : {}) });
  const post = async (path: string, body: unknown, role: any = 'CLERK') => {
    const r = await req('POST', path, role, body);
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const importLines = async (name: string, lines: unknown[], as = 'ADMIN') => {
    const file = join(dir, `${name}.ndjson`);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await runCli(['import', file, '--as', as, '--json'], env);
    return { code: r.code, stderr: r.stderr, body: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  beforeAll(async () => {
    api = await startApi('appeals_lifecycle');
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'appeals-lifecycle-'));
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    for (const [c, name] of [
      ['C1', '王五'],
      ['C2', '赵六'],
      ['C3', '钱七'],
    ]) {
      await post(`/v1/cadres/${c}/events`, { id: `reg-${c}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1975-04-01', education: EDUCATION } });
    }
    await post('/v1/cadres/C1/events', { id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    for (let year = 2012; year <= 2020; year++) {
      await post('/v1/cadres/C1/events', { id: `c1-grade-${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: [2015, 2019].includes(year) ? 'EXCELLENT' : 'COMPETENT' } });
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('an appeal (申诉) on the grade a review corrected: the appeals officer may decide it with a remedy; eligibility follows; verify intact', async () => {
    await post('/v1/cadres/C1/events', { id: 'c1-grade-2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'BASICALLY_COMPETENT' } });
    const elig = async (q = '') => (await req('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1${q}`, 'ORG_DEPT')).body.cadres.find((c: any) => c.cadreId === 'C1');
    expect((await elig()).eligible).toBe(false);
    await post('/v1/appeals/R1/events', { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2022-01-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: 'c1-grade-2021', stage: 'REVIEW', grounds: '等次偏低', learnedOfDecisionDate: '2022-01-16' } }, 'APPEALS_OFFICER');
    const before = await databaseInstantBetween(api.db.sql);
    const d1 = await post('/v1/appeals/R1/events', { id: 'r1-decided', type: 'AppealDecided', effectiveDate: '2022-02-01', documentRef: '复〔2022〕1号', data: { appealId: 'R1', outcome: 'PARTIALLY_UPHELD', reasoning: '部分成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } }, 'APPEALS_OFFICER');
    const regrade = d1.events.find((e: any) => e.type === 'AnnualAssessmentRecorded');
    expect(regrade.data).toEqual({ year: 2021, grade: 'COMPETENT' });
    expect((await elig()).eligible).toBe(true);
    expect((await elig(`&knownAt=${encodeURIComponent(before)}`)).eligible).toBe(false);

    // 申诉 against the review's outcome: it names the corrected grade (the correction).
    await post('/v1/appeals/R2/events', { id: 'r2-filed', type: 'AppealFiled', effectiveDate: '2022-02-10', data: { appealId: 'R2', cadreId: 'C1', targetEventId: regrade.eventId, stage: 'APPEAL', grounds: '应为优秀', learnedOfDecisionDate: '2022-02-02' } }, 'APPEALS_OFFICER');
    const r = await req('POST', '/v1/appeals/R2/events', 'APPEALS_OFFICER', { id: 'r2-decided', type: 'AppealDecided', effectiveDate: '2022-03-01', documentRef: '申〔2022〕1号', data: { appealId: 'R2', outcome: 'UPHELD', reasoning: '成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } });
    expect({ status: r.status, code: r.body?.code, detail: r.body?.detailZh }).toMatchObject({ status: 201 });
  });

  it('after a remedy on a correction, the year has exactly the latest grade and no N5 finding; verify stays ok', async () => {
    const state = (await req('GET', '/v1/cadres/C1/state?asOf=2022-12-31', 'AUDITOR')).body;
    const g2021 = state.grades.filter((x: any) => x.year === 2021);
    expect(g2021.map((g: any) => g.grade)).toEqual(['EXCELLENT']);
    const f = (await req('GET', '/v1/findings?rule=N5&asOf=2022-12-31', 'AUDITOR')).body.findings.filter((x: any) => x.kind === 'APPEAL_REMEDY_MISSING');
    expect(f).toEqual([]);
    const list = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals;
    expect(list.find((a: any) => a.appealId === 'R2')).toMatchObject({ filingDeadlineFrom: { basis: 'REVIEW_DECIDED', reviewAppealId: 'R1' }, status: 'DECIDED', outcome: 'UPHELD' });
    const v = (await req('GET', '/v1/audit/verify', 'AUDITOR')).body;
    expect(v.ok).toBe(true);
  });

  it('the same integrity refusals over HTTP and through the CLI import (rule ids)', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-sanction', type: 'SanctionImposed', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕1号', data: { sanctionId: 'S1', kind: 'DEMERIT', grounds: '据举报' } });
    await post('/v1/appeals/B1/events', { id: 'b1-filed', type: 'AppealFiled', effectiveDate: '2023-03-10', data: { appealId: 'B1', cadreId: 'C2', targetEventId: 'c2-sanction', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2023-03-02' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/B1/events', { id: 'b1-decided', type: 'AppealDecided', effectiveDate: '2023-03-20', data: { appealId: 'B1', outcome: 'DISMISSED', reasoning: '不成立' } }, 'APPEALS_OFFICER');
    const cases: Array<[string, any]> = [
      ['already decided', { id: 'x1', type: 'AppealDecided', appealId: 'B1', effectiveDate: '2023-03-25', data: { appealId: 'B1', outcome: 'UPHELD', reasoning: 'x' } }],
      ['not filed', { id: 'x2', type: 'AppealDecided', appealId: 'B9', effectiveDate: '2023-03-25', data: { appealId: 'B9', outcome: 'UPHELD', reasoning: 'x' } }],
      ['target not found', { id: 'x3', type: 'AppealFiled', appealId: 'B8', effectiveDate: '2023-03-10', data: { appealId: 'B8', cadreId: 'C3', targetEventId: 'c2-sanction', stage: 'REVIEW', grounds: 'x', learnedOfDecisionDate: '2023-03-02' } }],
      ['unregistered appellant', { id: 'x4', type: 'AppealFiled', appealId: 'B7', effectiveDate: '2023-03-10', data: { appealId: 'B7', cadreId: 'NOPE', targetEventId: 'c2-sanction', stage: 'REVIEW', grounds: 'x', learnedOfDecisionDate: '2023-03-02' } }],
      ['mismatched appeal id', { id: 'x5', type: 'AppealFiled', appealId: 'B6', effectiveDate: '2023-03-10', data: { appealId: 'B5', cadreId: 'C2', targetEventId: 'c2-sanction', stage: 'REVIEW', grounds: 'x', learnedOfDecisionDate: '2023-03-02' } }],
      ['not appealable', { id: 'x6', type: 'AppealFiled', appealId: 'B4', effectiveDate: '2023-03-10', data: { appealId: 'B4', cadreId: 'C2', targetEventId: 'reg-C2', stage: 'REVIEW', grounds: 'x', learnedOfDecisionDate: '2023-03-02' } }],
    ];
    const httpCodes: Record<string, string> = {};
    for (const [name, line] of cases) {
      const { appealId, ...body } = line;
      const r = await req('POST', `/v1/appeals/${appealId}/events`, 'APPEALS_OFFICER', body);
      httpCodes[name] = `${r.status} ${r.body?.code}`;
    }
    const cli = await importLines('refusals', cases.map(([, l]) => l));
    const cliCodes: Record<string, string> = {};
    for (const rej of cli.body.rejected) cliCodes[cases[rej.line - 1]![0]] = rej.code;
    const httpRules = Object.fromEntries(Object.entries(httpCodes).map(([k, v]) => [k, v.split(' ')[1]]));
    expect(cliCodes).toEqual(httpRules);
    for (const v of Object.values(httpCodes)) expect(v).toMatch(/^422 RULE_/);
  });

  it('late filings are flagged by N5 deadlines (review 30 days, appeal 15 after the review) and the CLI says 逾期提出', async () => {
    await post('/v1/cadres/C3/events', { id: 'c3-sanction', type: 'SanctionImposed', effectiveDate: '2023-01-01', documentRef: 'X纪〔2023〕3号', data: { sanctionId: 'S3', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/L1/events', { id: 'l1-filed', type: 'AppealFiled', effectiveDate: '2023-02-15', data: { appealId: 'L1', cadreId: 'C3', targetEventId: 'c3-sanction', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2023-01-02' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/L1/events', { id: 'l1-decided', type: 'AppealDecided', effectiveDate: '2023-03-01', data: { appealId: 'L1', outcome: 'DISMISSED', reasoning: '不成立' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/L2/events', { id: 'l2-filed', type: 'AppealFiled', effectiveDate: '2023-03-20', data: { appealId: 'L2', cadreId: 'C3', targetEventId: 'c3-sanction', stage: 'APPEAL', grounds: '不服复核', learnedOfDecisionDate: '2023-01-02' } }, 'APPEALS_OFFICER');
    const list = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals;
    expect(list.find((a: any) => a.appealId === 'L1')).toMatchObject({ filingDeadline: '2023-02-01', filedLate: true, decisionDue: '2023-03-17', status: 'DECIDED' });
    expect(list.find((a: any) => a.appealId === 'L2')).toMatchObject({ filingDeadline: '2023-03-16', filedLate: true, decisionDue: '2023-05-19', decisionDueExtended: '2023-06-18' });
    const human = await runCli(['appeals', '--all'], env);
    expect(human.stdout).toMatch(/L2.*逾期提出/);
    const cliJson = JSON.parse((await runCli(['appeals', '--status', 'open', '--json'], env)).stdout);
    expect(cliJson.appeals).toEqual((await req('GET', '/v1/appeals?status=open', 'APPEALS_OFFICER')).body.appeals);
  });

  it('status filter: an unknown status is refused over HTTP (400) and in the CLI (INVALID_REQUEST); case handled alike', async () => {
    const http = await req('GET', '/v1/appeals?status=bogus', 'APPEALS_OFFICER');
    expect(http.status).toBe(400);
    const cli = await runCli(['appeals', '--status', 'bogus', '--json'], env);
    expect(cli.code).not.toBe(0);
    expect(JSON.parse(cli.stderr.trim().split('\n').pop()!).error.code).toBe(http.body.code);
    const upperHttp = await req('GET', '/v1/appeals?status=OPEN', 'APPEALS_OFFICER');
    const upperCli = await runCli(['appeals', '--status', 'OPEN', '--json'], env);
    expect(upperHttp.status === 200).toBe(upperCli.code === 0);
  });

  it('a second appeal on a sanction already rescinded by the first one\'s remedy: its remedy refused, its decision recorded; no finding', async () => {
    await post('/v1/cadres/C3/events', { id: 'c3-sanction-2', type: 'SanctionImposed', effectiveDate: '2024-01-01', documentRef: 'X纪〔2024〕3号', data: { sanctionId: 'S4', kind: 'DEMERIT', grounds: '据举报' } });
    await post('/v1/appeals/M1/events', { id: 'm1-filed', type: 'AppealFiled', effectiveDate: '2024-01-10', data: { appealId: 'M1', cadreId: 'C3', targetEventId: 'c3-sanction-2', stage: 'REVIEW', grounds: '诬告', learnedOfDecisionDate: '2024-01-02' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/M2/events', { id: 'm2-filed', type: 'AppealFiled', effectiveDate: '2024-01-11', data: { appealId: 'M2', cadreId: 'C3', targetEventId: 'c3-sanction-2', stage: 'REVIEW', grounds: '诬告', learnedOfDecisionDate: '2024-01-02' } }, 'APPEALS_OFFICER');
    const d = await post('/v1/appeals/M1/events', { id: 'm1-decided', type: 'AppealDecided', effectiveDate: '2024-01-20', documentRef: '复〔2024〕2号', data: { appealId: 'M1', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'RESCIND_SANCTION' } }, 'APPEALS_OFFICER');
    const rescission = d.events.find((e: any) => e.type === 'SanctionRescinded');
    expect(rescission.data).toMatchObject({ sanctionId: 'S4', reason: 'APPEAL_UPHELD', appealId: 'M1' });
    expect(rescission.causationId).toBe('m1-decided');
    const r = await req('POST', '/v1/appeals/M2/events', 'APPEALS_OFFICER', { id: 'm2-decided', type: 'AppealDecided', effectiveDate: '2024-01-25', data: { appealId: 'M2', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'RESCIND_SANCTION' } });
    expect([r.status, r.body.code]).toEqual([422, 'RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED']);
    await post('/v1/appeals/M2/events', { id: 'm2-decided', type: 'AppealDecided', effectiveDate: '2024-01-25', data: { appealId: 'M2', outcome: 'UPHELD', reasoning: '诬告' } }, 'APPEALS_OFFICER');
    const f = (await req('GET', '/v1/findings?rule=N5&asOf=2024-12-31', 'AUDITOR')).body.findings.filter((x: any) => x.kind === 'APPEAL_REMEDY_MISSING' && ['M1', 'M2'].includes(x.appealId));
    expect(f).toEqual([]);
    // History links: the rescission is linked to the sanction and to the decision; the sanction names both filings.
    const h = (await req('GET', '/v1/cadres/C3/history', 'APPEALS_OFFICER')).body;
    const byId = Object.fromEntries(h.events.map((e: any) => [e.eventId, e]));
    expect(byId['c3-sanction-2'].links.appealedBy.sort()).toEqual(['m1-filed', 'm2-filed']);
    expect(byId[rescission.eventId].links).toMatchObject({ rescinds: 'c3-sanction-2', causedBy: 'm1-decided' });
  });

  it('a decided appeal: a second decision under another id is refused ALREADY_DECIDED; re-sent with its own id and another outcome is a conflict, not a silent no-op', async () => {
    const r1 = await req('POST', '/v1/appeals/M1/events', 'APPEALS_OFFICER', { id: 'm1-decided-again', type: 'AppealDecided', effectiveDate: '2024-02-01', data: { appealId: 'M1', outcome: 'DISMISSED', reasoning: '改判' } });
    expect([r1.status, r1.body.code]).toEqual([422, 'RULE_I_APPEAL_ALREADY_DECIDED']);
    const r2 = await req('POST', '/v1/appeals/M1/events', 'APPEALS_OFFICER', { id: 'm1-decided', type: 'AppealDecided', effectiveDate: '2024-01-20', documentRef: '复〔2024〕2号', data: { appealId: 'M1', outcome: 'DISMISSED', reasoning: '诬告' } });
    expect(r2.status).toBe(409);
  });

  it('history as known before the decision shows the filing but neither the decision nor its remedy (CLI = HTTP)', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-sanction-k', type: 'SanctionImposed', effectiveDate: '2024-05-01', documentRef: 'X纪〔2024〕9号', data: { sanctionId: 'SK', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/K1/events', { id: 'k1-filed', type: 'AppealFiled', effectiveDate: '2024-05-05', data: { appealId: 'K1', cadreId: 'C2', targetEventId: 'c2-sanction-k', stage: 'REVIEW', grounds: '诬告', learnedOfDecisionDate: '2024-05-02' } }, 'APPEALS_OFFICER');
    const before = await databaseInstantBetween(api.db.sql);
    await post('/v1/appeals/K1/events', { id: 'k1-decided', type: 'AppealDecided', effectiveDate: '2024-05-20', data: { appealId: 'K1', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'RESCIND_SANCTION' } }, 'APPEALS_OFFICER');
    const h = (await req('GET', `/v1/cadres/C2/history?knownAt=${encodeURIComponent(before)}`, 'AUDITOR')).body;
    const ids = h.events.map((e: any) => e.eventId);
    expect(ids).toContain('k1-filed');
    expect(ids).not.toContain('k1-decided');
    expect(h.events.filter((e: any) => e.type === 'SanctionRescinded')).toEqual([]);
    const byId = Object.fromEntries(h.events.map((e: any) => [e.eventId, e]));
    expect(byId['c2-sanction-k'].links.rescindedBy ?? []).toEqual([]);
    const cli = JSON.parse((await runCli(['history', 'C2', '--known-at', before, '--json'], env)).stdout);
    expect(cli).toEqual(h);
  });

  it('the appeals list says that a sanction was rescinded by the decision itself, as it says a grade was corrected by it', async () => {
    const list = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals;
    const m1 = list.find((a: any) => a.appealId === 'M1');
    expect(m1.target).toMatchObject({ type: 'SanctionImposed', sanctionId: 'S4' });
    // The grade case says （已由该决定更正）; the sanction case says nothing of its rescission.
    const human = await runCli(['appeals', '--all'], env);
    const row = human.stdout.split('\n').find((l) => l.includes('M1'))!;
    expect(row).toMatch(/撤销/);
  });

  it('a decision dated after today (T4) with its remedy: the list shows the appeal open until then, the rescission scheduled', async () => {
    await post('/v1/cadres/C3/events', { id: 'c3-sanction-f', type: 'SanctionImposed', effectiveDate: '2026-11-01', documentRef: 'X纪〔2026〕9号', data: { sanctionId: 'SF', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/F1/events', { id: 'f1-filed', type: 'AppealFiled', effectiveDate: '2026-11-10', data: { appealId: 'F1', cadreId: 'C3', targetEventId: 'c3-sanction-f', stage: 'REVIEW', grounds: '诬告', learnedOfDecisionDate: '2026-11-02' } }, 'APPEALS_OFFICER');
    const r = await req('POST', '/v1/appeals/F1/events', 'APPEALS_OFFICER', { id: 'f1-decided', type: 'AppealDecided', effectiveDate: '2099-01-10', data: { appealId: 'F1', outcome: 'UPHELD', reasoning: '诬告' }, remedy: { kind: 'RESCIND_SANCTION' } });
    expect(r.status).toBe(201); // future-dated writes are allowed (T4)
    const open = (await req('GET', '/v1/appeals?status=open', 'APPEALS_OFFICER')).body.appeals.map((a: any) => a.appealId);
    expect(open).toContain('F1');
    const decided = (await req('GET', '/v1/appeals?status=decided', 'APPEALS_OFFICER')).body.appeals.map((a: any) => a.appealId);
    expect(decided).not.toContain('F1');
    const f = (await req('GET', '/v1/findings?rule=N5', 'AUDITOR')).body.findings.filter((x: any) => x.appealId === 'F1');
    expect(f).toEqual([]);
  });

  it('a CORRECT_GRADE remedy that N4 forbids is refused with N4\'s rule; with an override it is stored and listed among the findings', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-warn-2022', type: 'SanctionImposed', effectiveDate: '2022-05-01', documentRef: 'X纪〔2022〕4号', data: { sanctionId: 'W22', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/cadres/C2/events', { id: 'c2-grade-2022', type: 'AnnualAssessmentRecorded', effectiveDate: '2023-01-15', data: { year: 2022, grade: 'COMPETENT' } });
    await post('/v1/appeals/N1/events', { id: 'n1-filed', type: 'AppealFiled', effectiveDate: '2023-01-20', data: { appealId: 'N1', cadreId: 'C2', targetEventId: 'c2-grade-2022', stage: 'REVIEW', grounds: '应为优秀', learnedOfDecisionDate: '2023-01-16' } }, 'APPEALS_OFFICER');
    const body = { id: 'n1-decided', type: 'AppealDecided', effectiveDate: '2023-02-01', data: { appealId: 'N1', outcome: 'UPHELD', reasoning: '成立' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } };
    const refused = await req('POST', '/v1/appeals/N1/events', 'APPEALS_OFFICER', body);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toMatch(/^RULE_N4/);
    await post('/v1/appeals/N1/events', { ...body, override: { reason: '复核认定警告不影响定等' } }, 'APPEALS_OFFICER');
    const f = (await req('GET', '/v1/findings?asOf=2023-12-31', 'AUDITOR')).body.findings.filter((x: any) => x.kind === 'OVERRIDE' && x.cadreId === 'C2');
    expect(f.length).toBeGreaterThan(0);
    expect((await req('GET', '/v1/audit/verify', 'AUDITOR')).body.ok).toBe(true);
  });

  it('after the remedies, eligibility evidence cites the grade in force, and the history links each correction to what it corrects and the decision that caused it', async () => {
    const c = (await req('GET', '/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1', 'ORG_DEPT')).body.cadres.find((x: any) => x.cadreId === 'C1');
    const evidence = c.checks.flatMap((k: any) => k.evidence);
    expect(evidence).not.toContain('c1-grade-2021');
    const h = (await req('GET', '/v1/cadres/C1/history', 'AUDITOR')).body;
    const retractions = h.events.filter((e: any) => e.type === 'EntryRetracted');
    expect(retractions.map((e: any) => [e.data.targetEventId, e.causationId])).toEqual([
      ['c1-grade-2021', 'r1-decided'],
      [expect.any(String), 'r2-decided'],
    ]);
    const cli = JSON.parse((await runCli(['history', 'C1', '--json'], env)).stdout);
    expect(cli).toEqual(h);
  });
});
