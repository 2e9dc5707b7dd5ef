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
    for (const id of ['HT1', 'HT2', 'HT3', 'HT4', 'HT5', 'HT6']) {
      await post(id, { id: `${id}-reg`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'F', birthDate: '1980-01-01', education } });
      await post(id, { id: `${id}-rank`, type: 'RankSet', effectiveDate: '2015-01-01', data: { rank: 'PRINCIPAL_STAFF_2' } });
    }
    await post('HT1', { id: 'HT1-s', type: 'SanctionImposed', effectiveDate: '2024-02-01', data: { sanctionId: 'S-HT1', kind: 'ADMONISHMENT', grounds: '工作失职' } });
    for (const id of ['HT4', 'HT5']) await post(id, { id: `${id}-t`, type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '党校培训班', level: 'COUNTY' } });
    await api.write('/v1/org-units/TX/events', { id: 'reg-TX', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '西岭镇', kind: 'TOWNSHIP' } });
    await post('HT3', { id: 'HT3-post', type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'TX', role: 'HEAD' } });
    await post('HT6', { id: 'HT6-s', type: 'SanctionImposed', effectiveDate: '2024-02-01', data: { sanctionId: 'S-HT6', kind: 'WARNING', grounds: '工作失职' } });
    await post('HT6', { id: 'HT6-x', type: 'EntryRetracted', effectiveDate: '2024-03-01', data: { targetEventId: 'HT6-s', reason: '录入错误' } });
    // An edit that fits the schema (诫勉 → 降级) and one that does not (a rank no table knows).
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{kind}', '"DEMOTION"') where event_id = 'HT1-s'`);
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{rank}', '"GALACTIC_EMPEROR"') where event_id = 'HT2-rank'`);
    // A rank's recordedAt moved into the future (HT4), a stream's last event deleted, its head left (HT5),
    // a retracted sanction made unreadable (HT6).
    await tamper(api, (tx) => tx`update events set recorded_at = '2099-01-01T00:00:00Z' where event_id = 'HT4-rank'`);
    await tamper(api, (tx) => tx`delete from events where event_id = 'HT5-t'`);
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{kind}', '"EXILE"') where event_id = 'HT6-s'`);
    // (below, after HT3's untouched history is read) an org unit's registration made unreadable
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

  it('an edit that fails its schema: listed as unreadable, said what it means for the answers, the rest of the history shown; no 400', async () => {
    const r = await api.request('GET', '/v1/cadres/HT2/history', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    const events = r.body.events as Array<{ eventId: string; counts: boolean; unreadable?: { field: string } }>;
    expect(events.map((e) => e.eventId)).toEqual(['HT2-reg', 'HT2-rank']);
    expect(events[1]).toMatchObject({ counts: false, unreadable: { field: 'data.rank' }, data: { rank: 'GALACTIC_EMPEROR' } });
    expect(events[0]!.unreadable).toBeUndefined();
    expect(r.body.cadreName).toBe('干部HT2');
    expect(r.body.warningsZh).toEqual([
      '哈希链断裂：事件流 cadre-HT2 第 1 号事件（HT2-rank，职级确定）：内容或哈希被改动 [HASH_MISMATCH]',
      '无法读取：事件 HT2-rank（职级确定）不符合该类事项的格式（字段 data.rank）；履历和当日状态无法据此作答，资格名单、报表等仍按其存储的内容计算，须先查明',
    ]);
    const cli = await runCli(['history', 'HT2'], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('无法读取：事件 HT2-rank（职级确定）');
    expect(cli.stdout).toContain('【无法读取：不符合该类事项的格式（字段 data.rank），可能被改动】{"rank":"GALACTIC_EMPEROR"}');
  });

  it('the state cannot be computed without the unreadable event: the store’s fault, named, not the request’s', async () => {
    const r = await api.request('GET', '/v1/cadres/HT2/state?asOf=2020-01-01', { role: 'AUDITOR' });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ code: 'STORED_EVENT_UNREADABLE', eventId: 'HT2-rank', streamId: 'cadre-HT2', revision: 1, field: 'data.rank', titleZh: '台账中有事件无法读取（可能被改动）' });
    expect(r.body.detailZh).toContain('台账中的事件 HT2-rank（事件流 cadre-HT2 第 1 号，职级确定）无法按其事项类型读取（字段 data.rank）');
  });

  it('as known at an instant, an event whose recordedAt was moved into the future hides neither itself from the check nor the breaks after it (found by a diff review)', async () => {
    const r = await api.request('GET', `/v1/cadres/HT4/history?knownAt=${encodeURIComponent(new Date().toISOString())}`, { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    expect(r.body.chains.intact).toBe(false);
    expect(r.body.chains.broken).toEqual(expect.arrayContaining([expect.objectContaining({ revision: 1, reason: 'HASH_MISMATCH', eventId: 'HT4-rank' })]));
  });

  it('a stream whose last event was deleted, its head left, is said broken as it stands now (MISSING_EVENTS)', async () => {
    const r = await api.request('GET', '/v1/cadres/HT5/history', { role: 'AUDITOR' });
    expect(r.body.chains).toMatchObject({ intact: false, broken: [expect.objectContaining({ streamId: 'cadre-HT5', revision: 2, reason: 'MISSING_EVENTS', eventId: null })] });
  });

  it('an unreadable event keeps the links the readable ones give it: the retraction that names it is shown on it too', async () => {
    const r = await api.request('GET', '/v1/cadres/HT6/history', { role: 'AUDITOR' });
    const s = (r.body.events as Array<{ eventId: string; links: { retractedBy: string[] }; unreadable?: object }>).find((e) => e.eventId === 'HT6-s')!;
    expect(s.unreadable).toBeDefined();
    expect(s.links.retractedBy).toEqual(['HT6-x']);
  });

  it('an untouched history says its chains are intact and has no warning', async () => {
    const r = await api.request('GET', '/v1/cadres/HT3/history', { role: 'AUDITOR' });
    expect(r.body.chains).toEqual({ intact: true, checkedStreams: 1, checkedEvents: 3, broken: [] });
    expect(r.body.warningsZh).toEqual([]);
  });

  it('an unreadable event of an org unit the history names is said too, not dropped silently (found by a diff review)', async () => {
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{kind}', '"PLANET"') where event_id = 'reg-TX'`);
    const r = await api.request('GET', '/v1/cadres/HT3/history', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    expect(r.body.warningsZh).toEqual([expect.stringMatching(/^无法读取：事件流 orgunit-TX 的事件 reg-TX（单位登记）不符合该类事项的格式（字段 data\.kind），本履历所引单位或政策的信息可能不全/)]);
  });

  it('verify names each edited event and whose record it is, in Chinese only (the English detail stays in `message`)', async () => {
    const json = await runCli(['verify', '--all', '--json'], env);
    expect(json.code).toBe(3);
    const body = JSON.parse(json.stdout);
    expect(body.broken.filter((b: { streamId: string }) => ['cadre-HT1', 'cadre-HT2'].includes(b.streamId))).toEqual([
      expect.objectContaining({ streamId: 'cadre-HT1', revision: 2, eventId: 'HT1-s', eventType: 'SanctionImposed', cadreId: 'HT1', cadreName: '干部HT1', message: expect.stringMatching(/^stored hash /) }),
      expect.objectContaining({ streamId: 'cadre-HT2', revision: 1, eventId: 'HT2-rank', cadreId: 'HT2', cadreName: '干部HT2' }),
    ]);
    expect(body.summaryZh[0]).toBe('校验失败：干部 干部HT1（HT1）的履历事件流 cadre-HT1 第 2 号事件（HT1-s，处分或组织处理）处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
    const http = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect(http.body.firstBroken).toMatchObject({ eventId: 'HT1-s', cadreName: '干部HT1' });
    expect(http.body.summaryZh[0]).toBe(body.summaryZh[0]);
  });
});
