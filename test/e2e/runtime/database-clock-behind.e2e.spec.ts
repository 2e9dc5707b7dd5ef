/**
 * The database server's clock more than a minute behind a cadre's last recordedAt (set back, or set
 * right after running fast): a write to that cadre is refused, over HTTP with 503
 * DATABASE_CLOCK_BEHIND in Chinese and logged for the operator, by the CLI's import with the same
 * sentence and exit 1, and nothing is written (an operator's review found such writes stored before
 * the stream's last event, and verify then failing for good on the honest writes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { education, tamper } from '../audit/tamper-support';

describe('a database clock behind a cadre’s last recordedAt', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-clock-'));
  beforeAll(async () => {
    api = await startApi('clock_behind_http', { projections: { live: false } });
    env = { DATABASE_URL: api.db.url };
    const r = await api.request('POST', '/v1/cadres/CK1/events', {
      role: 'CLERK',
      body: { id: 'CK1-reg', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '钟表', gender: 'M', birthDate: '1980-01-01', education } },
    });
    expect(r.status).toBe(201);
    // As if the clock had run two hours fast when it was recorded, and was set right since.
    await tamper(api, async (tx) => {
      await tx`update events set recorded_at = recorded_at + interval '2 hours' where event_id = 'CK1-reg'`;
      await tx`update event_streams set last_recorded_at = last_recorded_at + interval '2 hours' where stream_id = 'cadre-CK1'`;
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('given a write to that cadre, when sent over HTTP or imported by the CLI, then refused (503, exit 1) in Chinese, nothing written', async () => {
    const training = { id: 'CK1-t', type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } };
    const refused = await api.request('POST', '/v1/cadres/CK1/events', { role: 'CLERK', body: training });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'DATABASE_CLOCK_BEHIND', detailZh: expect.stringContaining('请管理员校正数据库服务器的时钟后重试') });

    const file = join(dir, 'lines.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...training, cadreId: 'CK1' })}\n`);
    const imported = await runCli(['import', file], env);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('为免录入时间倒流，已拒绝写入');

    expect((await api.ledger.store.readStream('cadre-CK1')).map((e) => e.eventId)).toEqual(['CK1-reg']);
  });
});
