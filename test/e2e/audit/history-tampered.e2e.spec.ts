/**
 * A cadre's history after an insider edited the store (found by a review): an edit that still fits
 * its schema is shown, but flagged by the history's own chain check; an edit that no longer fits is
 * listed as unreadable instead of the whole history answering 400 (as if the auditor's request were
 * wrong); the state, which cannot be computed without it, says so as the store's fault. `verify`
 * names the edited event and whose record it is.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { education, tamper } from './tamper-support';

describe('a history read after the store was edited past the ledger', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  const post = (cadreId: string, body: Record<string, unknown>) => api.write(`/v1/cadres/${cadreId}/events`, body, 'CLERK');

  beforeAll(async () => {
    api = await startApi('history_tampered');
    env = { DATABASE_URL: api.db.url };
    for (const id of ['HT1', 'HT2', 'HT3']) {
      await post(id, { id: `${id}-reg`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'F', birthDate: '1980-01-01', education } });
      await post(id, { id: `${id}-rank`, type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_2' } });
    }
    await post('HT1', { id: 'HT1-s', type: 'SanctionImposed', effectiveDate: '2024-02-01', data: { sanctionId: 'S-HT1', kind: 'ADMONISHMENT', grounds: '工作失职' } });
    // An edit that fits the schema (诫勉 → 降级) and one that does not (a rank no table knows).
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{kind}', '"DEMOTION"') where event_id = 'HT1-s'`);
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{rank}', '"GALACTIC_EMPEROR"') where event_id = 'HT2-rank'`);
  });
  afterAll(() => api.close());

  it('an edit that fits its schema: the history answers, its chain check names the edited event, and warns first', async () => {
    const r = await api.request('GET', '/v1/cadres/HT1/history', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    expect(r.body.chains).toEqual({
      intact: false,
      checkedStreams: 1,
      checkedEvents: 3,
      broken: [expect.objectContaining({ streamId: 'cadre-HT1', revision: 2, reason: 'HASH_MISMATCH', eventId: 'HT1-s' })],
    });
    expect(r.body.warningsZh).toEqual(['哈希链断裂：事件流 cadre-HT1 第 2 号事件（HT1-s，处分或组织处理）：内容或哈希被改动 [HASH_MISMATCH]']);
    // The CLI prints the same warning before its table.
    const cli = await runCli(['history', 'HT1'], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout.startsWith('警告：本履历的哈希链校验未通过')).toBe(true);
    expect(cli.stdout).toContain('哈希链断裂：事件流 cadre-HT1 第 2 号事件（HT1-s，处分或组织处理）');
  });

  it('an edit that fails its schema: listed as unreadable, counted nowhere, the rest of the history shown; no 400', async () => {
    const r = await api.request('GET', '/v1/cadres/HT2/history', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    const events = r.body.events as Array<{ eventId: string; counts: boolean; unreadable?: { field: string } }>;
    expect(events.map((e) => e.eventId)).toEqual(['HT2-reg', 'HT2-rank']);
    expect(events[1]).toMatchObject({ counts: false, unreadable: { field: 'rank' }, data: { rank: 'GALACTIC_EMPEROR' } });
    expect(events[0]!.unreadable).toBeUndefined();
    expect(r.body.cadreName).toBe('干部HT2');
    expect(r.body.warningsZh).toEqual([
      '哈希链断裂：事件流 cadre-HT2 第 1 号事件（HT2-rank，职级确定）：内容或哈希被改动 [HASH_MISMATCH]',
      '无法读取：事件 HT2-rank（职级确定）不符合该类事项的格式（字段 rank），未计入任何答案',
    ]);
    const cli = await runCli(['history', 'HT2'], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('无法读取：事件 HT2-rank（职级确定）');
    expect(cli.stdout).toContain('【无法读取：不符合该类事项的格式（字段 rank），可能被改动】{"rank":"GALACTIC_EMPEROR"}');
  });

  it('the state cannot be computed without the unreadable event: the store’s fault, named, not the request’s', async () => {
    const r = await api.request('GET', '/v1/cadres/HT2/state?asOf=2020-01-01', { role: 'AUDITOR' });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ code: 'STORED_EVENT_UNREADABLE', eventId: 'HT2-rank', streamId: 'cadre-HT2', revision: 1, field: 'rank', titleZh: '台账中有事件无法读取（可能被改动）' });
    expect(r.body.detailZh).toContain('台账中的事件 HT2-rank（事件流 cadre-HT2 第 1 号，职级确定）无法按其事项类型读取（字段 rank）');
  });

  it('an untouched history says its chains are intact and has no warning', async () => {
    const r = await api.request('GET', '/v1/cadres/HT3/history', { role: 'AUDITOR' });
    expect(r.body.chains).toEqual({ intact: true, checkedStreams: 1, checkedEvents: 2, broken: [] });
    expect(r.body.warningsZh).toEqual([]);
  });

  it('verify names each edited event and whose record it is, in Chinese only (the English detail stays in `message`)', async () => {
    const json = await runCli(['verify', '--all', '--json'], env);
    expect(json.code).toBe(3);
    const body = JSON.parse(json.stdout);
    expect(body.broken).toEqual([
      expect.objectContaining({ streamId: 'cadre-HT1', revision: 2, eventId: 'HT1-s', eventType: 'SanctionImposed', cadreId: 'HT1', cadreName: '干部HT1', message: expect.stringMatching(/^stored hash /) }),
      expect.objectContaining({ streamId: 'cadre-HT2', revision: 1, eventId: 'HT2-rank', cadreId: 'HT2', cadreName: '干部HT2' }),
    ]);
    expect(body.summaryZh[0]).toBe('校验失败：干部 干部HT1（HT1）的履历事件流 cadre-HT1 第 2 号事件（HT1-s，处分或组织处理）处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
    const http = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect(http.body.firstBroken).toMatchObject({ eventId: 'HT1-s', cadreName: '干部HT1' });
    expect(http.body.summaryZh[0]).toBe(body.summaryZh[0]);
  });
});
