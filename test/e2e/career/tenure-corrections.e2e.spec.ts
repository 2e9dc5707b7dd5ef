/**
 * Tenure (T2, T3, P3, C1, C2) under corrections, over HTTP and the CLI (a review, 2026-12-05).
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const M = { approval: { level: 'MUNICIPAL', ref: '市委组〔2020〕1号' } };

describe('tenure over HTTP', () => {
  let api: ApiHarness;
  let n = 0;
  const post = async (path: string, body: Record<string, unknown>) => api.request('POST', path, { role: 'ADMIN', body: { id: `e${++n}`, ...body } });
  const write = async (path: string, body: Record<string, unknown>) => {
    const r = await post(path, body);
    expect([body.type, r.status, r.status === 201 ? null : r.body]).toEqual([body.type, 201, null]);
    return r.body;
  };
  const cadre = (id: string) => write(`/v1/cadres/${id}/events`, { type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
  const ev = (c: string, type: string, effectiveDate: string, data: Record<string, unknown>) => write(`/v1/cadres/${c}/events`, { type, effectiveDate, data });
  const appoint = (c: string, date: string, orgUnitId: string, role: string) => ev(c, 'AppointedToPost', date, { orgUnitId, role });
  const remove = (c: string, date: string, orgUnitId: string, role: string) => ev(c, 'RemovedFromPost', date, { orgUnitId, role, reason: 'TRANSFER', ...M });
  const tenure = async (c: string, q: string) => {
    const r = await api.request('GET', `/v1/cadres/${c}/tenure?${q}`, { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    api = await startApi('tenure_corrections');
    for (const [id, name] of [['T01', '青山镇'], ['T02', '绿水镇'], ['T03', '白云乡']]) await write(`/v1/org-units/${id}/events`, { type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name, kind: 'TOWNSHIP' } });
    await write('/v1/org-units/D01/events', { type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '县农业农村局', kind: 'COUNTY_DEPARTMENT' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('concurrent posts: a party secretary also chairing the people’s congress counts each day once', async () => {
    await cadre('A');
    await appoint('A', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    await appoint('A', '2016-01-01', 'T01', 'PEOPLES_CONGRESS_CHAIR');
    await remove('A', '2018-01-01', 'T01', 'PEOPLES_CONGRESS_CHAIR');
    const t = await tenure('A', 'asOf=2020-01-01');
    expect([t.townshipWorkDays, t.townshipLeadershipDays, t.partySecretaryRun?.start, t.partySecretaryRun?.years, t.currentPosts.length]).toEqual([1826, 1826, '2015-01-01', 5, 1]);
  });

  it('a transfer same day keeps the run, removal + appointment next day breaks it (C1, grace 0)', async () => {
    await cadre('B');
    await appoint('B', '2010-01-01', 'T02', 'PARTY_SECRETARY');
    await ev('B', 'Transferred', '2014-01-01', { from: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' }, to: { orgUnitId: 'T03', role: 'PARTY_SECRETARY' }, ...M });
    await remove('B', '2018-01-01', 'T03', 'PARTY_SECRETARY');
    await appoint('B', '2018-01-02', 'T02', 'PARTY_SECRETARY');
    const t = await tenure('B', 'asOf=2020-01-02');
    expect(t.partySecretaryRun).toMatchObject({ start: '2018-01-02', years: 2, months: 0, days: 0 });
    const earlier = await tenure('B', 'asOf=2018-01-01');
    expect(earlier.partySecretaryRun).toBeNull();
    const inRun = await tenure('B', 'asOf=2017-12-31');
    expect(inRun.partySecretaryRun).toMatchObject({ start: '2010-01-01', years: 7, months: 11, days: 30 });
  });

  it('a retraction of the appointment in the middle of a run, then knownAt before and after', async () => {
    await cadre('C');
    await appoint('C', '2008-01-01', 'T01', 'DEPUTY_HEAD');
    await remove('C', '2012-01-01', 'T01', 'DEPUTY_HEAD');
    const wrong = await appoint('C', '2012-01-01', 'T01', 'HEAD');
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const wrongId = wrong.eventId ?? wrong.events?.[0]?.eventId ?? `e${n}`;
    await ev('C', 'EntryRetracted', '2020-06-01', { targetEventId: wrongId, reason: '录入错误：应为乡党委副书记' });
    await appoint('C', '2012-01-01', 'T01', 'DEPUTY_PARTY_SECRETARY');
    const now = await tenure('C', 'asOf=2020-01-01');
    expect([now.chiefRun, now.posts.map((p: any) => p.role)]).toEqual([null, ['DEPUTY_HEAD', 'DEPUTY_PARTY_SECRETARY']]);
    const then = await tenure('C', `asOf=2020-01-01&knownAt=${encodeURIComponent(before)}`);
    expect([then.chiefRun?.start, then.posts.map((p: any) => p.role)]).toEqual(['2012-01-01', ['DEPUTY_HEAD', 'HEAD']]);
    // the history keeps the retracted appointment, linked
    const h = await api.request('GET', '/v1/cadres/C/history', { role: 'AUDITOR' });
    const target = h.body.events.find((e: any) => e.eventId === wrongId);
    expect(target).toBeDefined();
    expect(target.counts).toBe(false);
  });
});

describe('C1 grace with a concurrent post', () => {
  let api: ApiHarness;
  const w = async (path: string, body: Record<string, unknown>) => {
    const r = await api.request('POST', path, { role: 'ADMIN', body });
    expect([body.id, r.status, r.status === 201 ? null : r.body]).toEqual([body.id, 201, null]);
  };
  beforeAll(async () => {
    api = await startApi('tenure_corrections_grace');
    const defaults = (await api.request('GET', '/v1/policy', { role: 'ADMIN' })).body.defaults;
    const adopted = await api.request('POST', '/v1/policy/versions', { role: 'ADMIN', body: { version: 'grace30', effectiveFrom: '2000-01-01', settings: { ...defaults.settings, continuityGraceDays: 30 } } });
    expect(adopted.status).toBe(201);
    await w('/v1/org-units/T01/events', { id: 'r1', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await w('/v1/org-units/T02/events', { id: 'r2', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP' } });
    await w('/v1/cadres/A/events', { id: 'ra', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
    // 党委书记兼人大主席 (a concurrent post held since 2010 and kept throughout)
    await w('/v1/cadres/A/events', { id: 'a1', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await w('/v1/cadres/A/events', { id: 'a2', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PEOPLES_CONGRESS_CHAIR' } });
    // the secretary post is vacated on 2014-01-01 and taken again 9 days later (re-elected at 换届): within the 30-day grace
    await w('/v1/cadres/A/events', { id: 'a3', type: 'RemovedFromPost', effectiveDate: '2014-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER', approval: { level: 'MUNICIPAL', ref: '市委组〔2014〕1号' } } });
    await w('/v1/cadres/A/events', { id: 'a4', type: 'AppointedToPost', effectiveDate: '2014-01-10', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    for (let y = 2010; y <= 2018; y++) await w('/v1/cadres/A/events', { id: `g${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-20`, data: { year: y, grade: y < 2012 ? 'EXCELLENT' : 'COMPETENT' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('a 9-day gap within a 30-day grace keeps the secretary and chief runs although the cadre kept a concurrent post (人大主席) he already held: no move (C1)', async () => {
    const t = await api.request('GET', '/v1/cadres/A/tenure?asOf=2019-01-01', { role: 'ORG_DEPT' });
    expect(t.body.policyVersion).toBe('grace30');
    expect({ secretary: t.body.partySecretaryRun?.start, chief: t.body.chiefRun?.start }).toEqual({ secretary: '2010-01-01', chief: '2010-01-01' });
  });

  it('TM6b: the same run makes the cadre eligible on 2019-01-01 (8 years as party secretary)', async () => {
    const e = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2019-01-01&cadreId=A', { role: 'ORG_DEPT' });
    expect(e.status).toBe(200);
    expect(e.body.cadres.map((c: any) => [c.eligible, c.basis, c.partySecretaryRun?.start])).toEqual([[true, 'PARTY_SECRETARY_8Y', '2010-01-01']]);
  });
});

describe('incoherent away periods and post dates', () => {
  let api: ApiHarness;
  let n = 0;
  const post = (body: Record<string, unknown>) => api.request('POST', '/v1/cadres/A/events', { role: 'ADMIN', body: { id: `x${++n}`, ...body } });
  beforeAll(async () => {
    api = await startApi('tenure_corrections_away');
    for (const [id, name, kind] of [['T01', '青山镇', 'TOWNSHIP'], ['D01', '县农业农村局', 'COUNTY_DEPARTMENT']]) {
      expect((await api.request('POST', `/v1/org-units/${id}/events`, { role: 'ADMIN', body: { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name, kind } } })).status).toBe(201);
    }
    expect((await post({ type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } })).status).toBe(201);
    expect((await post({ type: 'AppointedToPost', effectiveDate: '2015-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('a secondment ended before it started is refused, and tenure never shows it as running', async () => {
    const s = await post({ type: 'SecondmentStarted', effectiveDate: '2016-06-01', data: { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: '2016-12-31', approval: { level: 'COUNTY', ref: '县委〔2016〕1号' } } });
    expect(s.status).toBe(201);
    const e = await post({ type: 'SecondmentEnded', effectiveDate: '2016-05-01', data: {} });
    const t = await api.request('GET', '/v1/cadres/A/tenure?asOf=2020-01-01', { role: 'ORG_DEPT' });
    expect({ status: e.status, secondments: t.body.secondments.map((x: any) => [x.from, x.to]) }).toEqual({ status: 422, secondments: [['2016-06-01', null]] });
  });

  it('a removal dated before the appointment it ends is refused', async () => {
    const r = await post({ type: 'RemovedFromPost', effectiveDate: '2014-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD', reason: 'TRANSFER' } });
    expect(r.status).toBe(422);
  });
});

describe('换届连任 and leap-day anniversaries', () => {
  let api: ApiHarness;
  let n = 0;
  const post = (c: string, body: Record<string, unknown>) => api.request('POST', `/v1/cadres/${c}/events`, { role: 'ADMIN', body: { id: `y${++n}`, ...body } });
  const reg = async (c: string) => expect((await post(c, { type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } })).status).toBe(201);
  beforeAll(async () => {
    api = await startApi('tenure_corrections_reelect');
    for (const [id, name] of [['T01', '青山镇'], ['T02', '绿水镇'], ['T03', '白云乡']]) {
      expect((await api.request('POST', `/v1/org-units/${id}/events`, { role: 'ADMIN', body: { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name, kind: 'TOWNSHIP' } } })).status).toBe(201);
    }
    await reg('R');
    expect((await post('R', { type: 'AppointedToPost', effectiveDate: '2016-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } })).status).toBe(201);
    expect((await post('R', { type: 'RemovedFromPost', effectiveDate: '2021-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'END_OF_TERM' } })).status).toBe(201);
    expect((await post('R', { type: 'AppointedToPost', effectiveDate: '2021-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('a secretary re-elected (换届连任) holds the current post since 2016 as TM4 counts it, and the tenure’s 现任 says the same', async () => {
    const t = await api.request('GET', '/v1/cadres/R/tenure?asOf=2022-06-01', { role: 'ORG_DEPT' });
    const cli = await runCli(['tenure', 'R', '--as-of', '2022-06-01'], { DATABASE_URL: api.db.url });
    // TM4: a move on 2022-06-01 is not refused (the same-post holding continues since 2016, not since 2021)
    const moved = await post('R', { type: 'Transferred', effectiveDate: '2022-06-01', data: { from: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' }, to: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } } });
    expect(moved.status).toBe(201);
    const line = cli.stdout.split('\n').find((l) => l.startsWith('现任'));
    expect({ from: t.body.currentPosts[0]?.from, years: t.body.currentPosts[0]?.years, line }).toEqual({ from: '2016-01-01', years: 6, line: '现任 青山镇（T01） 党委书记：自 2016-01-01（2021-01-01 连任），6 年 5 个月' });
  });

  it('TM4 counts 3 years from 29 February to 28 February of a common year (T3)', async () => {
    await reg('L');
    expect((await post('L', { type: 'AppointedToPost', effectiveDate: '2016-02-29', data: { orgUnitId: 'T03', role: 'HEAD' } })).status).toBe(201);
    const early = await post('L', { type: 'RemovedFromPost', effectiveDate: '2019-02-27', data: { orgUnitId: 'T03', role: 'HEAD', reason: 'TRANSFER' } });
    expect([early.status, early.body.code, early.body.firstPassingDate]).toEqual([422, 'RULE_TM4_APPROVAL_REQUIRED', '2019-02-28']);
    const onTime = await post('L', { type: 'RemovedFromPost', effectiveDate: '2019-02-28', data: { orgUnitId: 'T03', role: 'HEAD', reason: 'TRANSFER' } });
    expect(onTime.status).toBe(201);
  });
});
