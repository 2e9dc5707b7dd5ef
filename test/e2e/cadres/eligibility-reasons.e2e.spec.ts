/**
 * The two decisions the department acts on: TM6b in-post rank promotion eligibility and
 * the TM10 Excellent Township Party Secretary candidate list, over HTTP and the CLI (a review, 2026-12-05).
 */
import { appoint, assess, promote, registerCadre, registerOrgUnit, sanction, setRank, transfer } from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { record, settle } from '../projections/support';

let api: ApiHarness;
const named = (id: string, name: string) => ({ ...registerOrgUnit(id), data: { name, kind: 'TOWNSHIP' } }) as ReturnType<typeof registerOrgUnit>;
/** Grades of `from..to`: EXCELLENT in odd years, COMPETENT otherwise. */
const grades = (c: string, from: number, to: number, competentOnly: number[] = []) => {
  const out = [];
  for (let y = from; y <= to; y++) out.push(assess(c, y, y % 2 && !competentOnly.includes(y) ? 'EXCELLENT' : 'COMPETENT'));
  return out;
};

beforeAll(async () => {
  api = await startApi('eligibility_reasons');
  await record(
    api,
    named('T01', '青山镇'),
    named('T02', '绿水乡'),
    named('T03', '白云乡'),
    // C1: party secretary of 青山镇 since 2014, already 二级调研员 (N1: the highest rank a county or township cadre holds).
    registerCadre('C1'),
    setRank('C1', '2010-01-01', 'RESEARCHER_2'),
    appoint('C1', '2014-01-01', 'T01', 'PARTY_SECRETARY'),
    ...grades('C1', 2014, 2025),
    // C2: head of 绿水乡 from 2012-02-29, moved to party secretary of 白云乡 on 2016-03-01 (one chief run).
    registerCadre('C2'),
    appoint('C2', '2012-02-29', 'T02', 'HEAD'),
    transfer('C2', '2016-03-01', ['T02', 'HEAD'], ['T03', 'PARTY_SECRETARY']),
    ...grades('C2', 2012, 2025),
    // C3: party secretary of 绿水乡 since 2015-06-01, 警告 in 2023.
    registerCadre('C3'),
    appoint('C3', '2015-06-01', 'T02', 'PARTY_SECRETARY'),
    sanction('C3', '2023-06-01', 'S3', 'WARNING'),
    ...grades('C3', 2015, 2025, [2023]),
    // C4: party secretary of 红石镇 since 2015, 一级主任科员 since 2015, promoted in post (TM6b) to 四级调研员 on 2024-03-01.
    named('T04', '红石镇'),
    registerCadre('C4'),
    setRank('C4', '2015-01-01', 'PRINCIPAL_STAFF_1'),
    appoint('C4', '2015-01-01', 'T04', 'PARTY_SECRETARY'),
    ...grades('C4', 2015, 2023),
    promote('C4', '2024-03-01', 'PRINCIPAL_STAFF_1', 'RESEARCHER_4', { basis: 'IN_POST_CONTINUOUS_SERVICE' }),
  );
  await settle(api);
});
afterAll(() => api?.close());

const env = () => ({ DATABASE_URL: api.db.url });

// TM6b is read as RULES states it, without the rank held: docs/OPEN-QUESTIONS.md §16 puts the N1 ceiling and
// N2's years in rank to the department. These pin today's reading, and that the write rules refuse the promotion.
describe('TM6b in-post rank promotion and the rank the cadre already holds (N1; OPEN-QUESTIONS §16)', () => {
  it('a party secretary already at 二级调研员: the promotion is refused (N1), the TM6b answer is as RULES TM6b reads', async () => {
    // The ledger refuses any promotion above 二级调研员 for this cadre…
    const promotion = promote('C1', '2024-03-01', 'RESEARCHER_2', 'RESEARCHER_1', { basis: 'IN_POST_CONTINUOUS_SERVICE' });
    const { cadreId: _c, ...body } = promotion as typeof promotion & { cadreId: string };
    const refused = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body });
    expect([refused.status, refused.body.code]).toEqual([422, 'RULE_N1_ABOVE_COUNTY_CEILING']);
    const answer = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2024-03-01&cadreId=C1', { role: 'ORG_DEPT' });
    expect(answer.status).toBe(200);
    const c1 = answer.body.cadres[0];
    expect({ cadreId: c1.cadreId, eligible: c1.eligible }).toEqual({ cadreId: 'C1', eligible: true });
    // The rank held is shown beside the answer, and that it is the ceiling (N1).
    expect({ currentRank: c1.currentRank, rankSince: c1.rankSince, atCountyRankCeiling: c1.atCountyRankCeiling }).toEqual({ currentRank: 'RESEARCHER_2', rankSince: '2010-01-01', atCountyRankCeiling: true });
    const cli = await runCli(['eligibility', '--as-of', '2024-03-01', '--cadre', 'C1', '--checks'], env());
    expect(cli.stdout).toContain('二级调研员（已达上限）');
    expect(cli.stdout).toContain('现任职级：二级调研员（已达上限），自 2010-01-01；县乡干部职级以此为限，不能再晋升');
  });
});

describe('TM6b in-post rank promotion and a promotion already made (N2; OPEN-QUESTIONS §16)', () => {
  it('three months after an in-post promotion to 四级调研员: a further one is refused (N2), the TM6b answer is as RULES TM6b reads', async () => {
    const promotion = promote('C4', '2024-06-01', 'RESEARCHER_4', 'RESEARCHER_3', { basis: 'IN_POST_CONTINUOUS_SERVICE' });
    const { cadreId: _c, ...body } = promotion as typeof promotion & { cadreId: string };
    const refused = await api.request('POST', '/v1/cadres/C4/events', { role: 'CLERK', body });
    expect([refused.status, refused.body.code]).toEqual([422, 'RULE_N2_MINIMUM_YEARS']);
    const answer = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2024-06-01&cadreId=C4', { role: 'ORG_DEPT' });
    const c4 = answer.body.cadres[0];
    expect({ cadreId: c4.cadreId, eligible: c4.eligible }).toEqual({ cadreId: 'C4', eligible: true });
    expect({ currentRank: c4.currentRank, rankSince: c4.rankSince, atCountyRankCeiling: c4.atCountyRankCeiling }).toEqual({ currentRank: 'RESEARCHER_4', rankSince: '2024-03-01', atCountyRankCeiling: false });
  });
});

describe('TM10 candidate list: the reasons given', () => {
  it('the party-secretary check states the run length with its days, as the table and the answer’s partySecretaryRun do (11 年 11 个月 30 天, not 11 年 11 个月)', async () => {
    const r = await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2026-06-30', { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    const c1 = r.body.candidates.find((c: { cadreId: string }) => c.cadreId === 'C1');
    expect(c1.partySecretaryRun).toEqual(expect.objectContaining({ start: '2014-01-01', years: 11, months: 11, days: 30 }));
    const check = c1.checks.find((k: { rule: string }) => k.rule === 'TM10.partySecretary');
    // 2014-01-01 to 2025-12-31 is 11 years 11 months 30 days (T3): "11 年 11 个月" reads as a month short of what the CLI table prints.
    expect(check.detail).toContain('连续任乡镇党委书记 11 年 11 个月 30 天');
  });

  it('the township-work check cites each event once (a transfer both ends one post and opens the next)', async () => {
    const r = await api.request('GET', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2026-06-30', { role: 'ORG_DEPT' });
    const c2 = r.body.candidates.find((c: { cadreId: string }) => c.cadreId === 'C2');
    const evidence: string[] = c2.checks.find((k: { rule: string }) => k.rule === 'TM10.townshipWork').evidence;
    expect(evidence).toEqual([...new Set(evidence)]);
  });
});

describe('TM6b CLI table: what it says for an eligible cadre', () => {
  it('an eligible secretary is not shown with a 未通过的检查项 (the other basis, 10 years as chief, is not a failed check of an eligible cadre)', async () => {
    const r = await runCli(['eligibility', '--as-of', '2022-03-01'], env());
    expect([r.code, r.stderr]).toEqual([0, '']);
    const line = r.stdout.split('\n').find((l) => l.startsWith('C1 '))!;
    expect(line).toMatch(/\s是\s/);
    // The last column, 未通过的检查项, for an eligible cadre.
    expect(line.trimEnd()).toMatch(/—$/);
  });
});

describe('HTTP and CLI agree', () => {
  it.each([
    ['eligibility of one cadre', ['eligibility', '--as-of', '2022-02-28', '--cadre', 'C2', '--json'], '/v1/eligibility/in-post-promotion?asOf=2022-02-28&cadreId=C2'],
    ['candidates drawn up on a date', ['candidates', '--cycle', '2021-2025', '--as-of', '2026-06-30', '--json'], '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2026-06-30'],
  ])('%s', async (_name, args, path) => {
    const [cli, http] = await Promise.all([runCli(args, env()), api.request('GET', path, { role: 'ORG_DEPT' })]);
    expect([cli.code, cli.stderr, http.status]).toEqual([0, '', 200]);
    expect(JSON.parse(cli.stdout)).toEqual(http.body);
  });

  it('TM6b 10 years as chief from 29 February are reached on 28 February of a common year (T3), the same over HTTP', async () => {
    const on = async (asOf: string) => (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${asOf}&cadreId=C2`, { role: 'ORG_DEPT' })).body.cadres[0];
    expect((await on('2022-02-27')).eligible).toBe(false);
    expect(await on('2022-02-28')).toEqual(expect.objectContaining({ eligible: true, basis: 'CHIEF_10Y', chiefRun: expect.objectContaining({ start: '2012-02-29', years: 10 }) }));
  });
});
