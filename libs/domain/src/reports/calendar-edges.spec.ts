/**
 * Calendar edges of the reports and read models: a year not begun, known-at forms (T1), anniversaries
 * (T3), continuity at the day boundary (C1).
 */
import { SpecLedger, d } from '../read-models/spec-ledger';
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { talksReport } from './talks';
import { trainingReport } from './training';
import { healthChecksReport } from './health-checks';
import { yearBegun } from './report-view';
import { knownAtInstant } from '../time/instant';
import { elapsed } from '../time/calendar-date';
import { inPostPromotionEligibility } from '../read-models/eligibility';
import { tenure } from '../read-models/tenure';

function county(): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
  l.cadre('S1');
  l.cadre('H1');
  l.appoint('S1', '2020-01-01', 'T01', 'PARTY_SECRETARY');
  l.appoint('H1', '2020-01-01', 'T01', 'HEAD');
  return l;
}

describe('year reports asked for a year that has not begun (T4: nothing dated in it is in effect, so nothing is owed)', () => {
  it('yearBegun: 31 December before the year no, 1 January yes, 2 January yes', () => {
    expect([yearBegun(2030, d('2029-12-31')), yearBegun(2030, d('2030-01-01')), yearBegun(2030, d('2030-01-02'))]).toEqual([false, true, true]);
  });
  const asked = (report: typeof talksReport | typeof trainingReport | typeof healthChecksReport, asOf: string) =>
    report(ledgerFactsOf(county().events), { year: 2030, asOf: d(asOf) });
  it.each([
    ['TM8 talks', talksReport],
    ['TM3 training', trainingReport],
    ['TM8 health checks', healthChecksReport],
  ] as const)('the %s report for 2030 asked on 2029-12-31 lists nothing missing and says the year has not begun; asked on 2030-01-01 it lists the duties', (_name, report) => {
    const before = asked(report, '2029-12-31');
    expect({ referenceDate: before.referenceDate, yearBegun: before.yearBegun, missing: before.missing.length }).toEqual({ referenceDate: '2029-12-31', yearBegun: false, missing: 0 });
    const on = asked(report, '2030-01-01');
    expect(on.yearBegun).toBe(true);
    expect(on.missing.length).toBeGreaterThan(0);
  });
  it('the training report\'s township counts say no one missed a year not begun', () => {
    const r = trainingReport(ledgerFactsOf(county().events), { year: 2030, asOf: d('2026-12-06') });
    expect(r.townships).toEqual([expect.objectContaining({ orgUnitId: 'T01', chiefs: 2, chiefsMissing: 0, leaders: 2, leadersMissing: 0 })]);
  });
});

describe('knownAt forms (T1)', () => {
  it.each([
    ['2024-02-29', '2024-02-29T15:59:59.999Z'],
    ['2024-12-31', '2024-12-31T15:59:59.999Z'],
    ['2024-12-31T23:30', '2024-12-31T15:30:00.000Z'],
    ['2024-12-31T23:30:00Z', '2024-12-31T23:30:00.000Z'],
  ])('%s is %s', (input, instant) => expect(knownAtInstant(input)).toBe(instant));
  it.each(['2023-02-29', '2024-13-01', '0000-01-01', '20240-01-01', '2024-01-31T25:00', '2024-01-31T23:60', '2024-02-30T10:00Z'])('%s is refused', (input) =>
    expect(knownAtInstant(input)).toBeNull(),
  );
});

describe('T3 anniversaries', () => {
  it('29 Feb start: 1 year on 28 Feb of a common year, 4 years on 29 Feb', () => {
    expect(elapsed(d('2016-02-29'), d('2017-02-28')).years).toBe(1);
    expect(elapsed(d('2016-02-29'), d('2020-02-28')).years).toBe(3);
    expect(elapsed(d('2016-02-29'), d('2020-02-29')).years).toBe(4);
  });
});

describe('C1 continuity at the day boundary', () => {
  const ledger = (secondFrom: string) => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.appoint('C1', '2014-12-31', 'T01', 'PARTY_SECRETARY');
    l.remove('C1', '2019-01-01', 'T01', 'PARTY_SECRETARY');
    l.appoint('C1', secondFrom, 'T02', 'PARTY_SECRETARY');
    l.grades('C1', { 2016: 'EXCELLENT', 2018: 'EXCELLENT' });
    return l;
  };
  it('leaving on 1 Jan and starting elsewhere on 1 Jan keeps the run (8 years on 2022-12-31)', () => {
    const c = inPostPromotionEligibility(ledger('2019-01-01').events, { asOf: d('2022-12-31') }).cadres[0]!;
    expect(c.partySecretaryRun).toEqual(expect.objectContaining({ start: '2014-12-31', years: 8 }));
    expect(c.eligible).toBe(true);
  });
  it('a one-day gap breaks it', () => {
    const c = inPostPromotionEligibility(ledger('2019-01-02').events, { asOf: d('2022-12-31') }).cadres[0]!;
    expect(c.partySecretaryRun?.start).toBe('2019-01-02');
    expect(c.eligible).toBe(false);
  });
  it('an appointment and removal on the same day is no holding; tenure before any event is empty', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('C2');
    l.appoint('C2', '2020-05-05', 'T01', 'HEAD');
    l.remove('C2', '2020-05-05', 'T01', 'HEAD');
    const t = tenure(l.events, 'C2', { asOf: d('2021-01-01') });
    expect(t.posts).toEqual([]);
    expect(t.townshipWorkDays).toBe(0);
    const before = tenure(l.events, 'C2', { asOf: d('1950-01-01') });
    expect(before.posts).toEqual([]);
    expect(before.chiefRun).toBeNull();
  });
});
