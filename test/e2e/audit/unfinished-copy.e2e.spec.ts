/**
 * A ledger that is the target of a `migrate-store` copy stopped part-way: GET /v1/audit/verify (the
 * web app's 台账校验) says so as the CLI does, in the same sentences, and passes it only once the
 * copy is accepted as it is. Found by a crash-safety review: such a copy verified as a whole ledger.
 */
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

describe('verify over HTTP on the target of an unfinished copy', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    api = await startApi('unfinished_copy', { projections: { live: false } });
    env = { DATABASE_URL: api.db.url };
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    const r = await api.request('POST', '/v1/cadres/UC1/events', {
      role: 'CLERK',
      body: { id: 'UC1-reg', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } },
    });
    expect(r.status).toBe(201);
    await new PostgresEventStore(api.db.sql).markCopyUnderWay({ source: 'postgres://***@old-host/ledger', sourceEvents: 5000 });
  });
  afterAll(() => api.close());

  it('given a copy stopped part-way, when the auditor verifies, then not ok (no break named) and the same sentences as the CLI; accepted, ok and still said', async () => {
    const [overHttp, overCli] = await Promise.all([api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' }), runCli(['verify', '--json'], env)]);
    expect(overHttp.status).toBe(200);
    const answer = overHttp.body as { ok: boolean; broken: unknown[]; unfinishedCopy: Record<string, unknown>; summaryZh: string[] };
    expect(answer).toMatchObject({ ok: false, broken: [], checkedEvents: 1, unfinishedCopy: { source: 'postgres://***@old-host/ledger', sourceEvents: 5000, acceptedAt: null } });
    expect(answer.summaryZh).toEqual([expect.stringMatching(/^校验未通过：本库是一次迁移（migrate-store）的目标，复制自 postgres:\/\/\*\*\*@old-host\/ledger，.*当时源库有 5000 个事件，本库现有 1 个.*\[UNFINISHED_COPY\]/)]);
    expect([overCli.code, JSON.parse(overCli.stdout).summaryZh]).toEqual([5, answer.summaryZh]);

    expect((await runCli(['migrate-store', '--accept-unfinished', '旧服务器硬盘损坏，无法续传'], env)).code).toBe(0);
    const accepted = (await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' })).body as typeof answer;
    expect(accepted).toMatchObject({ ok: true, unfinishedCopy: { acceptedReason: '旧服务器硬盘损坏，无法续传', acceptedBy: expect.stringMatching(/^cli:/) } });
    expect(accepted.summaryZh).toEqual(['校验通过：1 条事件流、1 个事件，哈希链完整。', expect.stringMatching(/^注意：.*理由：旧服务器硬盘损坏，无法续传。$/)]);
  });
});
