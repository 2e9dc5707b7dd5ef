/**
 * TM4, TM5, TM7 answers at their boundaries over HTTP: one cadre in two chief posts,
 * reminder talks around the score's date, the focus ledger across a year without assessment, a
 * secretary vacancy of one day, seats ending on the date, elections above city level.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { settle } from '../projections/support';

let api: ApiHarness;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const refusals: string[] = [];
const post = async (path: string, body: any, role: 'CLERK' | 'ADMIN' = 'ADMIN') => {
  const r = await api.request('POST', path, { role, body });
  if (r.status >= 300) {
    refusals.push(`${body.id}: ${r.status} ${r.body?.code}`);
    return undefined;
  }
  return r.body;
};
const unit = (id: string, kind = 'TOWNSHIP') => post(`/v1/org-units/${id}/events`, { id: `reg-${id}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${id}单位`, kind } });
const cadre = (id: string, birthDate = '1975-01-01') =>
  post(`/v1/cadres/${id}/events`, { id: `reg-${id}`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: `干部${id}`, gender: 'M', birthDate, education } });
const ev = (cadreId: string, id: string, type: string, effectiveDate: string, data: unknown, extra: Record<string, unknown> = {}) => post(`/v1/cadres/${cadreId}/events`, { id, type, effectiveDate, data, ...extra });
const appoint = (c: string, date: string, orgUnitId: string, role: string) => ev(c, `ap-${c}-${orgUnitId}-${role}`, 'AppointedToPost', date, { orgUnitId, role });
const score = (t: string, year: number, value: number, date: string) => post(`/v1/org-units/${t}/events`, { id: `score-${t}-${year}`, type: 'TownshipPerformanceScored', effectiveDate: date, data: { year, score: value } });
const grade = (c: string, year: number, g: string) => ev(c, `g-${c}-${year}`, 'AnnualAssessmentRecorded', `${year + 1}-01-15`, { year, grade: g });
const get = async (path: string) => {
  const r = await api.request('GET', path, { role: 'AUDITOR' });
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body;
};

beforeAll(async () => {
  api = await startApi('measures_county');
  for (const t of ['T1', 'T2', 'T3', 'T4']) await unit(t);
  await unit('CL', 'COUNTY_LEADERSHIP');
  await unit('DP', 'COUNTY_DEPARTMENT');
  for (const c of ['S1', 'S2', 'H2', 'S3', 'S4', 'V4', 'K1', 'DH']) await cadre(c);
  // T1: one cadre holds both chief posts (书记兼镇长).
  await appoint('S1', '2020-01-01', 'T1', 'PARTY_SECRETARY');
  await appoint('S1', '2020-01-01', 'T1', 'HEAD');
  await appoint('S2', '2020-01-01', 'T2', 'PARTY_SECRETARY');
  await appoint('H2', '2020-01-01', 'T2', 'HEAD');
  await appoint('S3', '2018-01-01', 'T3', 'PARTY_SECRETARY');
  await appoint('S4', '2018-01-01', 'T4', 'PARTY_SECRETARY');
  await appoint('K1', '2015-01-01', 'CL', 'PARTY_SECRETARY');
  await appoint('DH', '2015-01-01', 'DP', 'HEAD');
  // TM7: 2023 scores published on 2024-02-01; the lowest three are T1, T2, T3.
  await score('T1', 2023, 70, '2024-02-01');
  await score('T2', 2023, 80, '2024-02-01');
  await score('T3', 2023, 90, '2024-02-01');
  await score('T4', 2023, 95, '2024-02-01');
  await ev('K1', 'talk-s2-early', 'TalkHeld', '2024-01-31', { kind: 'REMINDER', withCadreId: 'S2' });
  await ev('K1', 'talk-h2', 'TalkHeld', '2024-02-01', { kind: 'REMINDER', withCadreId: 'H2' });
  await ev('K1', 'talk-s1', 'TalkHeld', '2024-03-01', { kind: 'REMINDER', withCadreId: 'S1' });
  // TM7 focus ledger: S3 EXCELLENT 2019, 2020, no assessment for 2021, EXCELLENT 2022, 2023, 2024.
  for (const y of [2019, 2020, 2022, 2023, 2024]) await grade('S3', y, 'EXCELLENT');
  // TM4: S4 leaves T4 on 2023-06-01, V4 succeeds on 2023-06-02.
  await ev('S4', 'rm-S4', 'RemovedFromPost', '2023-06-01', { orgUnitId: 'T4', role: 'PARTY_SECRETARY', reason: 'TRANSFER' });
  await appoint('V4', '2023-06-02', 'T4', 'PARTY_SECRETARY');
  // TM5(c): S2's county seat ends on 2023-03-01.
  await ev('S2', 'seat-S2', 'RepresentativeSeatTaken', '2021-01-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY' });
  await ev('S2', 'seat-S2-end', 'RepresentativeSeatEnded', '2023-03-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY' });
  // TM5(c): a department head elected to a provincial seat, no secretary elected with him.
  await ev('DH', 'seat-DH-prov', 'RepresentativeSeatTaken', '2022-05-01', { body: 'PARTY_CONGRESS', level: 'PROVINCIAL' });
  // …and elected a county committee member (县委委员), no secretary elected with him.
  await ev('DH', 'seat-DH-cc', 'RepresentativeSeatTaken', '2021-10-01', { body: 'PARTY_CONGRESS', level: 'COUNTY', committeeMember: true });
  await settle(api);
}, 180_000);
afterAll(() => api?.close());

it('setup: every write was accepted (a cadre may hold both chief posts of a township)', () => {
  expect(refusals).toEqual([]);
});

describe('TM7 reminder talks (2023)', () => {
  it('a chief who holds both chief posts of a township is listed once, not once per post', async () => {
    const r = await get('/v1/reports/reminder-talks?year=2023');
    const t1 = r.townships.find((t: any) => t.orgUnitId === 'T1');
    expect(t1.chiefs.map((c: any) => c.cadreId)).toEqual(['S1']);
  });
  it('a talk the day before the scores took effect does not count; one on the day does', async () => {
    const r = await get('/v1/reports/reminder-talks?year=2023');
    const t2 = r.townships.find((t: any) => t.orgUnitId === 'T2');
    const by = Object.fromEntries(t2.chiefs.map((c: any) => [c.cadreId, c.talkHeld]));
    expect(by).toEqual({ S2: false, H2: true });
  });
  it('the findings name S2 once and S1 not at all', async () => {
    const r = await get('/v1/findings?year=2023&asOf=2024-06-01&rule=TM7.reminder-talk');
    expect(r.findings.map((f: any) => f.cadreId).sort()).toEqual(['S2', 'S3']);
  });
});

describe('TM7 focus ledger across a year without assessment', () => {
  it('no entry while 2021 breaks the run; the entry on the day 2024 EXCELLENT takes effect', async () => {
    const before = await get('/v1/reports/focus-ledger?asOf=2025-01-14');
    expect(before.entries.filter((e: any) => e.cadreId === 'S3')).toEqual([]);
    const on = await get('/v1/reports/focus-ledger?asOf=2025-01-15');
    const e = on.entries.find((x: any) => x.cadreId === 'S3');
    expect([e?.since, e?.years]).toEqual(['2025-01-15', [2022, 2023, 2024]]);
  });
});

describe('TM4 secretary vacancy of one day', () => {
  it('a successor the day after the departure is a one-day vacancy finding', async () => {
    const r = await get('/v1/findings?asOf=2024-06-01&rule=TM4&orgUnitId=T4');
    const v = r.findings.filter((f: any) => f.kind === 'TM4_SECRETARY_VACANCY');
    expect(v.map((f: any) => [f.from, f.to, f.days])).toEqual([['2023-06-01', '2023-06-02', 1]]);
  });
});

describe('TM5(c) seats', () => {
  it('the seat counts the day before it ends and not on its end date', async () => {
    const before = await get('/v1/reports/secretary-seats?asOf=2023-02-28&township=T2');
    expect(before.secretaries[0].passed).toBe(true);
    const on = await get('/v1/reports/secretary-seats?asOf=2023-03-01&township=T2');
    expect(on.secretaries[0].passed).toBe(false);
  });
  it('an election of provincial seats (市级及以上) with more department heads than secretaries is a finding', async () => {
    const r = await get('/v1/findings?asOf=2024-06-01&rule=TM5');
    expect(r.findings.filter((f: any) => f.date === '2022-05-01').map((f: any) => [f.rule, f.detail])).toEqual([['TM5.municipal-election', '2022-05-01 省级“两代表一委员”选举：乡镇党委书记 0 人，少于县级部门主要负责人 1 人']]);
  });
  it('an election of county committee members (县委委员) with more department heads than secretaries is a finding', async () => {
    const r = await get('/v1/findings?asOf=2024-06-01&rule=TM5');
    expect(r.findings.filter((f: any) => f.date === '2021-10-01').map((f: any) => [f.rule, f.detail])).toEqual([['TM5.committee-election', '2021-10-01 县委委员选举：乡镇党委书记 0 人，少于县级部门主要负责人 1 人']]);
  });
});
