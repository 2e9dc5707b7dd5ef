/**
 * The appeals officer's flow over HTTP and the CLI: a sanction appealed, upheld, rescinded (TM9);
 * findings (APPEAL_REMEDY_MISSING), TM6b and TM10 as known before/after; retractions of the remedy
 * and of the appealed record; the audit export and verify-export; refusals with rule id and Chinese.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { appealsClient, EDUCATION, hasChinese } from './appeals-officer';
import { databaseInstantBetween } from '../../../support/db-clock';
import { runCli } from '../../../support/run-cli';

describe('appeals officer: remedy, findings, eligibility, export', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const { req, post, registerC1 } = appealsClient(() => api);
  const expectRefusal = (r: { status: number; body: any }, status: number, code: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(hasChinese(r.body?.detailZh)).toBe(true);
  };
  const findings = async (q = '') => (await req('GET', `/v1/findings?rule=N5${q}`, 'AUDITOR')).body;

  beforeAll(async () => {
    api = await startApi('appeals_remedy');
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'appeals-flow-'));
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP' } });
    await registerC1();
    await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1978-04-01', education: EDUCATION } });
    await post('/v1/cadres/C1/events', { id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await post('/v1/cadres/C2/events', { id: 'c2-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } });
    for (const c of ['C1', 'C2']) {
      for (let year = 2012; year <= 2025; year++) {
        await post(`/v1/cadres/${c}/events`, {
          id: `${c.toLowerCase()}-grade-${year}`,
          type: 'AnnualAssessmentRecorded',
          effectiveDate: `${year + 1}-01-15`,
          data: { year, grade: [2015, 2019, 2023].includes(year) ? 'EXCELLENT' : 'COMPETENT' },
        });
      }
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('refusals of the appeal flow name the rule and say it in Chinese', async () => {
    await post('/v1/cadres/C1/events', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
    const filing = (over: Record<string, unknown>, data: Record<string, unknown> = {}) => ({
      type: 'AppealFiled',
      effectiveDate: '2022-03-10',
      ...over,
      data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2022-03-05', ...data },
    });
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({}, { learnedOfDecisionDate: '2022-02-28' })), 422, 'RULE_I_APPEAL_LEARNED_BEFORE_DECISION');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({ effectiveDate: '2022-03-04' })), 422, 'RULE_I_APPEAL_FILED_BEFORE_LEARNED');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({}, { targetEventId: 'c1-secretary' })), 422, 'RULE_I_APPEAL_TARGET_NOT_APPEALABLE');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({}, { cadreId: 'C2' })), 422, 'RULE_I_APPEAL_TARGET_NOT_FOUND');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({}, { targetEventId: 'nope' })), 422, 'RULE_I_APPEAL_TARGET_NOT_FOUND');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'x' } }), 422, 'RULE_I_APPEAL_NOT_FILED');
    expect((await req('POST', '/v1/appeals/A1/events', 'CLERK', filing({}))).status).toBe(403);
    await post('/v1/appeals/A1/events', { id: 'a1-filed', ...filing({}) }, 'APPEALS_OFFICER');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({})), 422, 'RULE_I_APPEAL_ALREADY_FILED');
    expectRefusal(await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-03-09', data: { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'x' } }), 422, 'RULE_I_APPEAL_DECIDED_BEFORE_FILED');
    expectRefusal(
      await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'x' }, remedy: { kind: 'RESCIND_SANCTION' } }),
      422,
      'RULE_N5_REMEDY_WITHOUT_UPHOLDING',
    );
    // Nothing can be deleted.
    for (const path of ['/v1/appeals/A1/events', '/v1/appeals/A1', '/v1/cadres/C1/events']) {
      const r = await req('DELETE', path, 'ADMIN');
      expect([404, 405]).toContain(r.status);
    }
  });

  it('an upheld review without remedy is a finding until the sanction is rescinded; as known before the rescission it still is', async () => {
    await post('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', documentRef: 'X纪复〔2022〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '经查系诬告陷害' } }, 'APPEALS_OFFICER');
    const open = await findings('&asOf=2022-12-31');
    expect(open.findings.filter((f: any) => f.kind === 'APPEAL_REMEDY_MISSING').map((f: any) => f.appealId)).toEqual(['A1']);
    const hidden = await databaseInstantBetween(api.db.sql);
    // A rescission naming the upheld appeal, recorded by the clerk afterwards.
    const rescinded = await post('/v1/cadres/C1/events', { id: 'c1-rescind', type: 'SanctionRescinded', effectiveDate: '2022-04-10', documentRef: 'X纪〔2022〕9号', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' } });
    expect(rescinded.status).toBe('APPENDED');
    const after = await findings('&asOf=2022-12-31');
    expect(after.findings.filter((f: any) => f.kind === 'APPEAL_REMEDY_MISSING')).toEqual([]);
    const before = await findings(`&asOf=2022-12-31&knownAt=${encodeURIComponent(hidden)}`);
    expect(before.findings.filter((f: any) => f.kind === 'APPEAL_REMEDY_MISSING').map((f: any) => f.appealId)).toEqual(['A1']);

    // TM6b on 2022-06-30 (a WARNING period would run 2022-03-01..2022-08-31): as known before, blocked; after, eligible.
    const elig = async (q: string) => (await req('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30&cadreId=C1${q}`, 'ORG_DEPT')).body.cadres.find((c: any) => c.cadreId === 'C1');
    expect(await elig(`&knownAt=${encodeURIComponent(hidden)}`)).toMatchObject({ eligible: false });
    expect(await elig('')).toMatchObject({ eligible: true, basis: 'PARTY_SECRETARY_8Y' });
    // As of a date before the sanction, nothing changes either way.
    const early = (await req('GET', `/v1/eligibility/in-post-promotion?asOf=2022-02-28&cadreId=C1&knownAt=${encodeURIComponent(hidden)}`, 'ORG_DEPT')).body.cadres.find((c: any) => c.cadreId === 'C1');
    expect(early).toMatchObject({ eligible: true });

    // TM10 2021-2025: a sanction overlapping the cycle excludes; rescinded ones are excluded from that check.
    const cands = async (q: string) => (await req('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025${q}`, 'ORG_DEPT')).body;
    const now = await cands('');
    expect(now.candidates.map((c: any) => c.cadreId).sort()).toEqual(['C1', 'C2']);
    const then = await cands(`&knownAt=${encodeURIComponent(hidden)}`);
    expect(then.candidates.map((c: any) => c.cadreId)).toEqual(['C2']);
    expect(then.excluded.map((c: any) => c.cadreId)).toContain('C1');

    // The CLI gives the same answers.
    const cli = await runCli(['candidates', '--cycle', '2021-2025', '--json'], env);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).candidates.map((c: any) => c.cadreId).sort()).toEqual(['C1', 'C2']);
    const cliFindings = await runCli(['findings', '--rule', 'N5', '--as-of', '2022-12-31', '--known-at', hidden, '--json'], env);
    expect(cliFindings.code).toBe(0);
    expect(JSON.parse(cliFindings.stdout).findings.filter((f: any) => f.kind === 'APPEAL_REMEDY_MISSING').map((f: any) => f.appealId)).toEqual(['A1']);
  });

  it('the rescission a decision wrote as its remedy may be retracted only by ADMIN; the finding and the sanction come back', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-sanction', type: 'SanctionImposed', effectiveDate: '2024-03-01', documentRef: 'X纪〔2024〕5号', data: { sanctionId: 'S2', kind: 'DEMERIT', grounds: '据举报' } });
    await post('/v1/appeals/A2/events', { id: 'a2-filed', type: 'AppealFiled', effectiveDate: '2024-03-10', data: { appealId: 'A2', cadreId: 'C2', targetEventId: 'c2-sanction', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2024-03-02' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/A2/events', { id: 'a2-decided', type: 'AppealDecided', effectiveDate: '2024-04-01', documentRef: 'X纪复〔2024〕1号', data: { appealId: 'A2', outcome: 'DISMISSED', reasoning: '理由不成立' } }, 'APPEALS_OFFICER');
    // An appeal (申诉) against the review's decision, upheld with the rescission as remedy.
    await post('/v1/appeals/A3/events', { id: 'a3-filed', type: 'AppealFiled', effectiveDate: '2024-04-15', data: { appealId: 'A3', cadreId: 'C2', targetEventId: 'c2-sanction', stage: 'APPEAL', grounds: '不服复核决定', learnedOfDecisionDate: '2024-03-02' } }, 'APPEALS_OFFICER');
    const decided = await post(
      '/v1/appeals/A3/events',
      { id: 'a3-decided', type: 'AppealDecided', effectiveDate: '2024-06-01', documentRef: 'X申〔2024〕1号', data: { appealId: 'A3', outcome: 'UPHELD', reasoning: '原处分事实不清' }, remedy: { kind: 'RESCIND_SANCTION' } },
      'APPEALS_OFFICER',
    );
    const rescission = decided.events.find((e: any) => e.type === 'SanctionRescinded');
    const list = (await req('GET', '/v1/appeals?status=all', 'APPEALS_OFFICER')).body.appeals;
    const a3 = list.find((a: any) => a.appealId === 'A3');
    expect(a3).toMatchObject({ stage: 'APPEAL', filingDeadlineFrom: { basis: 'REVIEW_DECIDED', date: '2024-04-01', reviewAppealId: 'A2' }, filingDeadline: '2024-04-16', filedLate: false, status: 'DECIDED', outcome: 'UPHELD', decidedAfterDue: false });
    expect(a3.target).toMatchObject({ type: 'SanctionImposed', sanctionId: 'S2', sanctionKind: 'DEMERIT', retracted: false });
    // HTTP and CLI agree on the list.
    const cli = await runCli(['appeals', '--all', '--json'], env);
    expect(cli.code).toBe(0);
    const cliList = JSON.parse(cli.stdout);
    expect(cliList.appeals).toEqual(list);
    const human = await runCli(['appeals', '--all'], env);
    expect(human.stdout).toContain('A3');
    expect(human.stdout).toContain('c2-sanction');

    // A clerk may not undo the remedy.
    const byClerk = await req('POST', '/v1/cadres/C2/events', 'CLERK', { type: 'EntryRetracted', effectiveDate: '2024-06-05', data: { targetEventId: rescission.eventId, reason: '录入错误' } });
    expect(byClerk.status).toBe(403);
    expect(hasChinese(byClerk.body.detailZh)).toBe(true);
    await post('/v1/cadres/C2/events', { id: 'c2-undo', type: 'EntryRetracted', effectiveDate: '2024-06-05', data: { targetEventId: rescission.eventId, reason: '录入错误' } }, 'ADMIN');
    const f = await findings('&asOf=2024-12-31');
    expect(f.findings.filter((x: any) => x.kind === 'APPEAL_REMEDY_MISSING').map((x: any) => x.appealId)).toEqual(['A3']);
    const cands = (await req('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025', 'ORG_DEPT')).body;
    expect(cands.excluded.map((c: any) => c.cadreId)).toContain('C2');

    // History links the sanction, both filings, the decision and the rescission both ways.
    const h = (await req('GET', '/v1/cadres/C2/history', 'APPEALS_OFFICER')).body;
    const byId = Object.fromEntries(h.events.map((e: any) => [e.eventId, e]));
    expect(byId['c2-sanction'].links.appealedBy.sort()).toEqual(['a2-filed', 'a3-filed']);
    expect(byId['c2-sanction'].links.rescindedBy).toEqual([rescission.eventId]);
    expect(byId[rescission.eventId].links).toMatchObject({ rescinds: 'c2-sanction', causedBy: 'a3-decided', retractedBy: ['c2-undo'] });

    // The export carries both appeal streams and verifies, alone and against the ledger.
    const file = join(dir, 'c2.json');
    const exported = await runCli(['export', 'C2', '--out', file], env);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.streams.map((s: any) => s.streamId).sort()).toEqual(['appeal-A2', 'appeal-A3', 'cadre-C2']);
    const http = await req('GET', '/v1/cadres/C2/export', 'AUDITOR');
    expect(http.body.streams.map((s: any) => [s.streamId, s.events.length])).toEqual(doc.streams.map((s: any) => [s.streamId, s.events.length]));
    const v = await runCli(['verify-export', file, '--against-ledger'], env);
    expect(v.code).toBe(0);
  });

  it('the appealed sanction retracted as a clerical error while the review is open: the list says so, the decision takes no remedy', async () => {
    await post('/v1/cadres/C1/events', { id: 'c1-sanction-2', type: 'SanctionImposed', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕2号', data: { sanctionId: 'S3', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/A4/events', { id: 'a4-filed', type: 'AppealFiled', effectiveDate: '2023-03-10', data: { appealId: 'A4', cadreId: 'C1', targetEventId: 'c1-sanction-2', stage: 'REVIEW', grounds: '录错了人', learnedOfDecisionDate: '2023-03-02' } }, 'APPEALS_OFFICER');
    await post('/v1/cadres/C1/events', { id: 'c1-retract-s3', type: 'EntryRetracted', effectiveDate: '2023-03-15', data: { targetEventId: 'c1-sanction-2', reason: '录入错误：非本人' } });
    const a4 = (await req('GET', '/v1/appeals?status=open', 'APPEALS_OFFICER')).body.appeals.find((a: any) => a.appealId === 'A4');
    expect(a4.target).toMatchObject({ type: 'SanctionImposed', sanctionId: 'S3', retracted: true });
    const r = await req('POST', '/v1/appeals/A4/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2023-03-20', data: { appealId: 'A4', outcome: 'UPHELD', reasoning: '确系错录' }, remedy: { kind: 'RESCIND_SANCTION' } });
    expectRefusal(r, 422, 'RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED');
    await post('/v1/appeals/A4/events', { id: 'a4-decided', type: 'AppealDecided', effectiveDate: '2023-03-20', data: { appealId: 'A4', outcome: 'UPHELD', reasoning: '确系错录' } }, 'APPEALS_OFFICER');
    const f = await findings('&asOf=2023-12-31');
    expect(f.findings.filter((x: any) => x.kind === 'APPEAL_REMEDY_MISSING' && x.appealId === 'A4')).toEqual([]);
  });

  it('a clerical retraction of an appeal filing is either possible or refused with a message that says why', async () => {
    await post('/v1/appeals/A5/events', { id: 'a5-filed', type: 'AppealFiled', effectiveDate: '2024-01-20', data: { appealId: 'A5', cadreId: 'C1', targetEventId: 'c1-grade-2023', stage: 'REVIEW', grounds: '录错了', learnedOfDecisionDate: '2024-01-16' } }, 'APPEALS_OFFICER');
    const r = await req('POST', '/v1/cadres/C1/events', 'ADMIN', { type: 'EntryRetracted', effectiveDate: '2024-01-21', data: { targetEventId: 'a5-filed', reason: '录入错误' } });
    if (r.status === 422) {
      // Found: "本事件流中没有事件 a5-filed", untrue (the filing is on the appeal's stream): now it says where a retraction looks and why.
      expect(r.body.detailZh).toContain('复核或申诉的提出与决定记录在该复核或申诉自身的事件流中，不能撤回');
    }
  });


  it('an export taken before a new appeal and a decision: verify-export --against-ledger says so and still passes; CLI history equals HTTP', async () => {
    await post('/v1/cadres/C2/events', { id: 'c2-sanction-b', type: 'SanctionImposed', effectiveDate: '2025-03-01', documentRef: 'X纪〔2025〕5号', data: { sanctionId: 'S9', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/A8/events', { id: 'a8-filed', type: 'AppealFiled', effectiveDate: '2025-03-10', data: { appealId: 'A8', cadreId: 'C2', targetEventId: 'c2-sanction-b', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2025-03-02' } }, 'APPEALS_OFFICER');
    const file = join(dir, 'c2-before.json');
    expect((await runCli(['export', 'C2', '--out', file], env)).code).toBe(0);
    await post('/v1/appeals/A8/events', { id: 'a8-decided', type: 'AppealDecided', effectiveDate: '2025-03-20', data: { appealId: 'A8', outcome: 'DISMISSED', reasoning: '理由不成立' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/A9/events', { id: 'a9-filed', type: 'AppealFiled', effectiveDate: '2025-03-25', data: { appealId: 'A9', cadreId: 'C2', targetEventId: 'c2-sanction-b', stage: 'APPEAL', grounds: '不服复核', learnedOfDecisionDate: '2025-03-02' } }, 'APPEALS_OFFICER');
    const v = await runCli(['verify-export', file, '--against-ledger', '--json'], env);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('appeal-A9');
    const http = (await req('POST', '/v1/audit/verify-export', 'AUDITOR', JSON.parse(readFileSync(file, 'utf8')))).body;
    expect(JSON.stringify(http)).toContain('A9');
    const cliHistory = JSON.parse((await runCli(['history', 'C2', '--json'], env)).stdout);
    const httpHistory = (await req('GET', '/v1/cadres/C2/history', 'AUDITOR')).body;
    expect(cliHistory).toEqual(httpHistory);
    const human = await runCli(['findings', '--rule', 'n5', '--as-of', '2025-12-31'], env);
    expect([human.code, human.stderr]).toEqual([0, '']);
  });
});
