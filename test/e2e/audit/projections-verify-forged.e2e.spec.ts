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
});
