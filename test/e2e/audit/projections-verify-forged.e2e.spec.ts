/**
 * An insider edits an event's content in the events table (a grade made EXCELLENT). `projections
 * verify` recomputes the read models from the events as they now read, so before this check it named
 * the forged grade as what the tables "should" hold and invited the rebuild that put it into the
 * eligibility answer (found by an auditor's review). It now checks the events' chains first: the
 * break is said, with a warning not to rebuild, and the exit is 3.
 */
import type { ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { projectedHead, tamper } from './tamper-support';

describe('projections verify after an event was forged in place', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({ api, env } = await projectedHead('projections_verify_forged'));
  });
  afterAll(() => api.close());

  const oneCadre = '/v1/eligibility/in-post-promotion?asOf=2021-06-30&cadreId=C1';

  it('given the record intact, the one-cadre eligibility answer carries no integrity warning', async () => {
    const r = await api.request('GET', oneCadre, { role: 'ORG_DEPT' });
    expect([r.status, (r.body as { integrityWarningsZh?: unknown }).integrityWarningsZh]).toEqual([200, undefined]);
  });

  it('given a grade edited in the events table, when projections verify runs, then the broken chain comes first with the warning not to rebuild, and exit 3', async () => {
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{grade}', '"EXCELLENT"') where event_id = 'C1-a2018'`);
    const human = await runCli(['projections', 'verify'], env);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/^校验失败：干部 张三（C1）的履历事件流 cadre-C1 第 \d+ 号事件（C1-a2018，年度考核）处断裂/);
    expect(human.stdout).toContain('“应为”一栏可能正是被改动的内容；查明之前请勿重建投影');
    const json = await runCli(['projections', 'verify', '--json'], env);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).chains).toMatchObject({ ok: false, broken: [expect.objectContaining({ streamId: 'cadre-C1', eventId: 'C1-a2018', reason: 'HASH_MISMATCH' })] });
  });

  it('given that edit, the one-cadre eligibility answer (HTTP and CLI) says the record fails its hashes before its verdict; the whole list is as before', async () => {
    const r = await api.request('GET', oneCadre, { role: 'ORG_DEPT' });
    const warnings = (r.body as { integrityWarningsZh?: string[] }).integrityWarningsZh;
    expect(warnings?.[0]).toMatch(/^C1 的履历未通过哈希链校验：本答案所依据的记录可能已被改动，请勿据此作出决定/);
    expect(warnings?.[1]).toMatch(/^哈希链断裂：事件流 cadre-C1 第 \d+ 号事件（C1-a2018）/);
    const cli = await runCli(['eligibility', '--as-of', '2021-06-30', '--cadre', 'C1'], env);
    expect([cli.code, cli.stdout]).toEqual([0, expect.stringMatching(/^注意：C1 的履历未通过哈希链校验/)]);
    const all = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2021-06-30', { role: 'ORG_DEPT' });
    expect((all.body as { integrityWarningsZh?: unknown }).integrityWarningsZh).toBeUndefined();
  });
});
