/** Input handling of the appeal routes and the `appeals` command: ids, retries, parameters. */
import { startApi, type ApiHarness } from '../../../support/api-harness';
import { appealsClient, hasChinese } from './appeals-officer';
import { runCli } from '../../../support/run-cli';

describe('appeals officer: inputs', () => {
  let api: ApiHarness;
  const { req, post, registerC1 } = appealsClient(() => api);
  const filing = (data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    id: 'a1-filed',
    type: 'AppealFiled',
    effectiveDate: '2022-03-10',
    ...extra,
    data: { appealId: 'A1', cadreId: 'C1', targetEventId: 's1', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2022-03-05', ...data },
  });

  beforeAll(async () => {
    api = await startApi('appeals_inputs');
    await registerC1();
    await post('/v1/cadres/C1/events', { id: 's1', type: 'SanctionImposed', effectiveDate: '2022-03-01', documentRef: 'X纪〔2022〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
  });
  afterAll(() => api.close());

  it('refuses a filing about an unknown cadre, or addressed to another appeal, with rule and Chinese', async () => {
    const unknown = await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({ cadreId: 'C404' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toMatch(/^RULE_I_/);
    expect(hasChinese(unknown.body.detailZh)).toBe(true);
    const mismatch = await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({ appealId: 'A2' }));
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('RULE_I_TARGET_MISMATCH');
    expect(hasChinese(mismatch.body.detailZh)).toBe(true);
  });

  it('a retry of a filing is a no-op; the same id with other facts is a conflict', async () => {
    expect((await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing())).status).toBe(201);
    expect((await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing())).status).toBe(200);
    const changed = await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', filing({ grounds: '另有理由' }));
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('EVENT_ID_CONFLICT');
    // The same id reused for a filing of another appeal.
    const elsewhere = await req('POST', '/v1/appeals/A2/events', 'APPEALS_OFFICER', filing({ appealId: 'A2' }));
    expect(elsewhere.status).toBe(409);
  });

  it('the appeals list refuses an unknown status, over HTTP and in the CLI, in Chinese', async () => {
    const r = await req('GET', '/v1/appeals?status=pending', 'APPEALS_OFFICER');
    expect(r.status).toBe(400);
    expect(hasChinese(r.body.detailZh ?? r.body.messageZh)).toBe(true);
    const cli = await runCli(['appeals', '--status', 'pending'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(1);
    expect(hasChinese(cli.stderr)).toBe(true);
    // The list's default is the open appeals, in both.
    const open = (await req('GET', '/v1/appeals', 'APPEALS_OFFICER')).body.appeals.map((a: any) => a.appealId);
    const cliOpen = JSON.parse((await runCli(['appeals', '--json'], { DATABASE_URL: api.db.url })).stdout).appeals.map((a: any) => a.appealId);
    expect(cliOpen).toEqual(open);
    expect(open).toEqual(['A1']);
  });

  it('a decision on an appeal that does not exist yet is refused, not 500', async () => {
    const r = await req('POST', '/v1/appeals/NOPE/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'NOPE', outcome: 'UPHELD', reasoning: 'x' }, remedy: { kind: 'RESCIND_SANCTION' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('RULE_I_APPEAL_NOT_FILED');
    const bad = await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', { type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: 'x' }, remedy: { kind: 'CORRECT_GRADE' } });
    expect(bad.status).toBe(400);
    const wrongType = await req('POST', '/v1/appeals/A1/events', 'APPEALS_OFFICER', { type: 'SanctionRescinded', effectiveDate: '2022-04-01', data: { sanctionId: 'S1', reason: 'CORRECTION' } });
    expect([400, 422]).toContain(wrongType.status);
    const onCadre = await req('POST', '/v1/cadres/C1/events', 'ADMIN', { type: 'AppealFiled', effectiveDate: '2022-03-10', data: filing().data });
    expect([400, 422]).toContain(onCadre.status);
  });
});
