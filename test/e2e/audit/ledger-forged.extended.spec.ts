/**
 * Forgeries that keep every chain valid: only a digest kept outside, and the recordedAt order,
 * can tell them. Each case on its own database.
 */
import type { ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { education, insertRow, readStream, rechained, rewriteStream, seeded, tamper } from './tamper-support';

describe('the whole store truncated and a forged history replayed with valid chains', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let digest: string;
  beforeAll(async () => {
    ({ api, env, digest } = await seeded('tamper_replay'));
    const all = [...(await readStream(api, 'cadre-C1')), ...(await readStream(api, 'cadre-C2'))];
    await tamper(api, async (tx) => {
      await tx`truncate events, event_streams`;
    });
    const c1 = rechained(all.filter((e) => e.streamId === 'cadre-C1').map((e) => (e.eventId === 'C1-a2020' ? { ...e, data: { ...e.data, grade: 'EXCELLENT' } } : e)));
    const c2 = all.filter((e) => e.streamId === 'cadre-C2');
    await tamper(api, async (tx) => {
      for (const e of [...c1, ...c2]) await insertRow(tx, e);
      for (const s of [c1, c2]) await tx`insert into event_streams (stream_id, revision, last_hash) values (${s[0]!.streamId}, ${s.at(-1)!.revision}, ${s.at(-1)!.hash})`;
    });
  });
  afterAll(() => api.close());

  it('pinned: verify passes (chains valid) but --since-digest fails', async () => {
    expect((await runCli(['verify'], env)).code).toBe(0);
    const r = await runCli(['verify', '--since-digest', digest, '--json'], env);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).sinceDigest.failure.reason).toBe('HASH_MISMATCH');
  });
});

describe('two events of different streams swapped in the store-wide order', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let digest: string;
  beforeAll(async () => {
    ({ api, env, digest } = await seeded('tamper_swap'));
    const [a] = await api.db.sql`select global_position::int8 as g, transaction_id::text as x from events where event_id = 'C1-a2020'`;
    const [b] = await api.db.sql`select global_position::int8 as g, transaction_id::text as x from events where event_id = 'C2-reg'`;
    await tamper(api, async (tx) => {
      await tx`update events set transaction_id = ${a!.x}::text::xid8 where event_id = 'C2-reg'`;
      await tx`update events set transaction_id = ${b!.x}::text::xid8 where event_id = 'C1-a2020'`;
      void a!.g;
    });
  });
  afterAll(() => api.close());

  it('pinned: --since-digest fails', async () => {
    const r = await runCli(['verify', '--since-digest', digest, '--json', '--all'], env);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ broken: [], sinceDigest: { ok: false, failure: { reason: 'HASH_MISMATCH' } } });
  });
});

describe('a stream dropped and recreated with other content', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let digest: string;
  beforeAll(async () => {
    ({ api, env, digest } = await seeded('tamper_drop'));
    const c2 = await readStream(api, 'cadre-C2');
    await rewriteStream(api, 'cadre-C2', []);
    // recreated through the API: a genuine append, new positions
    const r = await api.request('POST', `/v1/cadres/C2/events`, { role: 'CLERK', body: { id: 'C2-reg', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education } } });
    expect(r.status).toBe(201);
    void c2;
  });
  afterAll(() => api.close());

  it('pinned: verify passes, --since-digest fails naming missing events', async () => {
    expect((await runCli(['verify'], env)).code).toBe(0);
    const r = await runCli(['verify', '--since-digest', digest], env);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('[EVENTS_MISSING]');
  });
});
