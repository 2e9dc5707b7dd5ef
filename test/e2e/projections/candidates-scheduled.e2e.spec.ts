/**
 * TM10 candidates asked without a drawing-up date (`asOf`) are drawn up as of today (Asia/Shanghai),
 * so a scheduled entry (T4) counts only from its date: a promotion to 四级调研员 and a commendation,
 * each effective 2027-01-10, asked the day before, the day of and the day after. Found by a review:
 * with no `asOf` nothing was cut, and the 2027 promotion had already lifted a commended secretary
 * out of the priority-promotion flag in 2026.
 */
import type { ExcellentSecretaryCandidates } from '@ledger/domain';
import { appoint, assess, command, promote, registerCadre, setRank, township } from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { read, record, settle } from './support';

const CYCLE = '2021-2025';
const EFFECTIVE = '2027-01-10';
let today = '2026-12-05';
let api: ApiHarness;

function secretaryWithGrades(cadreId: string, unit: string) {
  return [
    township(unit),
    registerCadre(cadreId),
    appoint(cadreId, '2015-01-01', unit, 'PARTY_SECRETARY'),
    ...[2021, 2022, 2023, 2024, 2025].map((y) => assess(cadreId, y, y === 2022 ? 'EXCELLENT' : 'COMPETENT')),
    setRank(cadreId, '2020-01-01', 'PRINCIPAL_STAFF_1'),
  ];
}

beforeAll(async () => {
  api = await startApi('candidates_scheduled', { clock: { today: () => today as never, now: () => new Date() }, projections: { pollIntervalMs: 10 } });
  await record(
    api,
    // R1: commended for the cycle; the promotion to 四级调研员 it calls for is scheduled.
    ...secretaryWithGrades('R1', 'TR1'),
    command('Commended', { cadreId: 'R1' }, '2026-03-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: CYCLE, level: 'COUNTY' }),
    promote('R1', EFFECTIVE, 'PRINCIPAL_STAFF_1', 'RESEARCHER_4', { basis: 'EXCELLENT_SECRETARY' }),
    // R2: the commendation itself is scheduled.
    ...secretaryWithGrades('R2', 'TR2'),
    command('Commended', { cadreId: 'R2' }, EFFECTIVE, { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: CYCLE, level: 'COUNTY', especiallyOutstanding: true }),
    // R3: the secretary of TR3 in a running cycle, whose departure on 2027-03-01 is already recorded.
    township('TR3'),
    registerCadre('R3'),
    appoint('R3', '2015-01-01', 'TR3', 'PARTY_SECRETARY'),
    command('RemovedFromPost', { cadreId: 'R3' }, '2027-03-01', { orgUnitId: 'TR3', role: 'PARTY_SECRETARY', reason: 'OTHER' }),
  );
  await settle(api);
});
afterAll(() => api?.close());

async function askedOn(date: string, query = '') {
  today = date;
  const answer = await read<ExcellentSecretaryCandidates>(api, `/v1/commendations/excellent-township-party-secretary/candidates?cycle=${CYCLE}${query}`);
  const of = (id: string) => answer.candidates.find((c) => c.cadreId === id)!;
  return {
    asOf: answer.asOf,
    r1: { rank: of('R1').currentRank, priority: of('R1').priorityPromotionToResearcher4 },
    r2: { commended: of('R2').commended, county: of('R2').recommendForCountyLevelPost },
  };
}

describe('TM10 candidates without asOf: as of today, so scheduled entries count from their date (T4)', () => {
  it('the day before: neither the promotion nor the commendation counts yet', async () => {
    expect(await askedOn('2027-01-09')).toEqual({
      asOf: '2027-01-09',
      r1: { rank: 'PRINCIPAL_STAFF_1', priority: true },
      r2: { commended: false, county: false },
    });
  });

  it('the day of and the day after: both count', async () => {
    const counted = { r1: { rank: 'RESEARCHER_4', priority: false }, r2: { commended: true, county: true } };
    expect(await askedOn(EFFECTIVE)).toEqual({ asOf: EFFECTIVE, ...counted });
    expect(await askedOn('2027-01-11')).toEqual({ asOf: '2027-01-11', ...counted });
  });

  it('an asOf asked for is the drawing-up date, whatever today is', async () => {
    expect(await askedOn('2027-01-11', '&asOf=2027-01-09')).toMatchObject({ asOf: '2027-01-09', r1: { rank: 'PRINCIPAL_STAFF_1' }, r2: { commended: false } });
  });
});

describe('TM10 candidates of a running cycle, drawn up before its reference date (T4)', () => {
  // Found by a review: the read side loaded the secretaries of the reference date (2030-12-31), so R3,
  // whose departure in 2027 was already recorded, was neither listed nor excluded by the API, while
  // the domain's answer, drawn up on a date R3 still held the post, listed R3.
  const listed = async (date: string) => {
    today = date;
    const answer = await read<ExcellentSecretaryCandidates>(api, '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2026-2030');
    return [...answer.candidates, ...answer.excluded].some((c) => c.cadreId === 'R3');
  };
  it.each([
    ['2027-02-28', true],
    ['2027-03-01', false],
    ['2027-03-02', false],
  ])('asked on %s, the secretary leaving on 2027-03-01 is on the list (candidate or excluded): %s', async (date, expected) => {
    expect(await listed(date)).toBe(expected);
  });
});
