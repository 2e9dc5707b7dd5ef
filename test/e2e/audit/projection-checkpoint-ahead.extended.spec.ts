/** An insider moves a projection's checkpoint past the store's last event: `projections status` says so, and a rebuild puts it right. */
import type { ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { projectedHead } from './tamper-support';

describe('a projection’s checkpoint moved past the store', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({ api, env } = await projectedHead('tamper_checkpoint'));
  });
  afterAll(() => api.close());

  it('a checkpoint moved past every issued transaction: projections status reports it, not lag 0', async () => {
    await api.db.sql`update projection_checkpoints set commit_position = commit_position + 100000 where projection = 'cadre-careers'`;
    await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: { id: 'C1-a2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'EXCELLENT' } } });
    await runCli(['projections', 'catch-up'], env);
    const r = await runCli(['projections', 'verify', '--json'], env);
    const [row] = await api.db.sql`select grades::text as g from proj_cadre_timelines where cadre_id = 'C1'`;
    const status = await runCli(['projections', 'status', '--json'], env);
    expect(r.code).toBe(3); // projections verify does catch it (DIFFERENT_ROW $.lastPosition, and the eligibility answer)
    expect(row!.g).not.toContain('C1-a2021'); // the write was never projected: answers silently left it out
    // `projections status` (checkpoints and lag) calls a checkpoint beyond every issued transaction "no lag"
    const careers = JSON.parse(status.stdout).projections.find((p: { name: string }) => p.name === 'cadre-careers');
    expect({ needsRebuild: careers.needsRebuild, checkpointAheadOfStore: careers.checkpointAheadOfStore }).toEqual({ needsRebuild: true, checkpointAheadOfStore: true });
    const human = await runCli(['projections', 'status'], env);
    expect(human.stdout).toContain('检查点超出事件存储');
    // A rebuild puts it right: the write is projected and the checkpoint is the store's again.
    expect((await runCli(['projections', 'rebuild', 'cadre-careers'], env)).code).toBe(0);
    const [rebuilt] = await api.db.sql`select grades::text as g from proj_cadre_timelines where cadre_id = 'C1'`;
    expect(rebuilt!.g).toContain('C1-a2021');
    const after = JSON.parse((await runCli(['projections', 'status', '--json'], env)).stdout).projections.find((p: { name: string }) => p.name === 'cadre-careers');
    expect({ needsRebuild: after.needsRebuild, checkpointAheadOfStore: after.checkpointAheadOfStore }).toEqual({ needsRebuild: false, checkpointAheadOfStore: false });
  });
});
