/**
 * T4 for the reports of year Y whose facts come after Y (TM7 reminder talks and scores, TM5(a)
 * ratings), asked as the API and the CLI ask them (parseReportParams with today's date): a fact
 * dated after today is scheduled, not yet held. Found by a review: a reminder talk, a score and a
 * rating dated in September counted in June. And the current year's reports read the year so far:
 * a training, check or talk scheduled later in the year is not yet done. Boundaries: dated the day
 * before today, today, the day after.
 */
import { ledgerFactsOf, type CalendarDate, type DepartmentRatingsReport, type HealthChecksReport, type ReminderTalksReport, type TalksReport, type TrainingReport } from '@ledger/domain';
import { SpecLedger } from '@ledger/domain/read-models/spec-ledger';
import { parseReportParams, reportFromFacts } from './report-queries';

const TODAY = '2025-06-30' as CalendarDate;
const DATED = { 'the day before': '2025-06-29', 'today': '2025-06-30', 'the day after': '2025-07-01' } as const;
const COUNTS = { 'the day before': true, 'today': true, 'the day after': false } as const;
const RECORDED = '2025-03-01T02:00:00.000Z';

/** County leader L; townships T01..T04 with secretaries S1..S4; D01 a county department. */
function county(): SpecLedger {
  const l = new SpecLedger();
  l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
  l.cadre('L');
  l.appoint('L', '2015-01-01', 'CL', 'TEAM_MEMBER');
  for (const i of [1, 2, 3, 4]) {
    l.unit(`T0${i}`);
    l.cadre(`S${i}`);
    l.appoint(`S${i}`, '2015-01-01', `T0${i}`, 'PARTY_SECRETARY');
  }
  l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
  return l;
}

function report<T>(name: 'reminder-talks' | 'department-ratings', l: SpecLedger): T {
  return reportFromFacts(name, ledgerFactsOf(l.events), parseReportParams(name, { year: '2024' }, TODAY)) as T;
}

describe.each(Object.keys(DATED) as (keyof typeof DATED)[])('year reports asked today (T4): a fact dated %s', (when) => {
  const date = DATED[when];
  const counts = COUNTS[when];

  it(`reminder talk: ${counts ? 'held' : 'scheduled, not yet held'}`, () => {
    const l = county();
    [50, 60, 70, 80].forEach((s, i) => l.score(`T0${i + 1}`, 2024, s));
    l.add('cadre-L', 'TalkHeld', date, { kind: 'REMINDER', withCadreId: 'S1' }, { recordedAt: RECORDED });
    const r = report<ReminderTalksReport>('reminder-talks', l);
    expect(r.asOf).toBe(TODAY);
    expect(r.townships[0]!.chiefs[0]).toMatchObject({ cadreId: 'S1', talkHeld: counts });
  });

  it(`score: ${counts ? 'among the lowest' : 'not yet in: the township is unscored'}`, () => {
    const l = county();
    [60, 70, 80].forEach((s, i) => l.score(`T0${i + 2}`, 2024, s));
    l.add('orgunit-T01', 'TownshipPerformanceScored', date, { year: 2024, score: 50 }, { recordedAt: RECORDED });
    const r = report<ReminderTalksReport>('reminder-talks', l);
    expect(r.townships.map((t) => t.orgUnitId)).toEqual(counts ? ['T01', 'T02', 'T03'] : ['T02', 'T03', 'T04']);
    expect(r.unscored.map((u) => u.orgUnitId)).toEqual(counts ? [] : ['T01']);
  });

  it(`department rating: ${counts ? 'counted' : 'not yet counted'}`, () => {
    const l = county();
    l.add('orgunit-D01', 'CountyDepartmentRated', date, { year: 2024, ratedByCadreId: 'S1', scores: { work: 90, management: 80, service: 70 } }, { recordedAt: RECORDED });
    const r = report<DepartmentRatingsReport>('department-ratings', l);
    expect(r.asOf).toBe(TODAY);
    expect(r.departments[0]).toMatchObject({ orgUnitId: 'D01', ratings: counts ? 1 : 0, averages: counts ? { work: 90, management: 80, service: 70 } : null });
  });
});

describe.each(Object.keys(DATED) as (keyof typeof DATED)[])('the current year’s reports asked today read the year so far (T4): dated %s', (when) => {
  const date = DATED[when];
  const counts = COUNTS[when];
  const asked = <T>(name: 'training' | 'health-checks' | 'talks', l: SpecLedger) => reportFromFacts(name, ledgerFactsOf(l.events), parseReportParams(name, { year: '2025' }, TODAY)) as T;

  it(`a chief's training ${counts ? 'counts' : 'is scheduled: the chief is still missing one'}`, () => {
    const l = county();
    l.add('cadre-S1', 'TrainingCompleted', date, { programme: '乡镇党委书记培训班', level: 'COUNTY' }, { recordedAt: RECORDED });
    const r = asked<TrainingReport>('training', l);
    expect(r.referenceDate).toBe(TODAY);
    expect(r.missing.some((m) => m.cadreId === 'S1' && m.rule === 'TM3.chief-yearly')).toBe(!counts);
  });

  it(`a health check ${counts ? 'counts' : 'is scheduled, not yet done'}`, () => {
    const l = county();
    l.add('cadre-S1', 'HealthCheckCompleted', date, {}, { recordedAt: RECORDED });
    const r = asked<HealthChecksReport>('health-checks', l);
    expect(r.referenceDate).toBe(TODAY);
    expect(r.missing.some((m) => m.cadreId === 'S1')).toBe(!counts);
  });

  it(`a heart-to-heart talk ${counts ? 'counts' : 'is scheduled, not yet held'}`, () => {
    const l = county();
    l.cadre('L2');
    l.appoint('L2', '2015-01-01', 'T01', 'DEPUTY_HEAD');
    l.add('cadre-S1', 'TalkHeld', date, { kind: 'HEART_TO_HEART', withCadreId: 'L2' }, { recordedAt: RECORDED });
    const r = asked<TalksReport>('talks', l);
    expect(r.held.some((p) => p.a.cadreId === 'S1' && p.b.cadreId === 'L2')).toBe(counts);
  });
});

it('a past year’s report still reads 31 December', () => {
  const r = reportFromFacts('training', ledgerFactsOf(county().events), parseReportParams('training', { year: '2024' }, TODAY)) as TrainingReport;
  expect(r.referenceDate).toBe('2024-12-31');
});
