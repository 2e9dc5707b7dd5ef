import type { RecordedEvent } from '../events/domain-event';
import { calendarDate } from '../time/calendar-date';
import { appealsOverview, complianceFindings } from './compliance';

let position = 0;
function event(streamId: string, type: string, effectiveDate: string, data: object, extra: Partial<RecordedEvent> = {}): RecordedEvent {
  position++;
  return {
    eventId: `e${position}`,
    streamId,
    revision: position,
    globalPosition: position,
    recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, position)).toISOString(),
    actor: 'CLERK:张三',
    type,
    effectiveDate: calendarDate(effectiveDate),
    data,
    ...extra,
  } as RecordedEvent;
}
const marker = (unit: string, role: string, change: string, date: string, source: string) =>
  event(`orgunit-${unit}`, 'PostHolderChanged', date, { role, cadreId: 'C', change, sourceEventId: source });

describe('TM4 findings: secretary vacancy', () => {
  const scenario = (successorDate: string) => [
    marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
    marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
    marker('T1', 'PARTY_SECRETARY', 'TAKEN', successorDate, 'c'),
  ];
  it('given a successor on the day of the departure, then no finding (seamless handover)', () => {
    expect(complianceFindings(scenario('2020-03-01'), { asOf: calendarDate('2025-01-01') })).toEqual([]);
  });
  it('given a successor one day later, then a one-day vacancy', () => {
    expect(complianceFindings(scenario('2020-03-02'), { asOf: calendarDate('2025-01-01') })).toEqual([
      expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', orgUnitId: 'T1', from: '2020-03-01', to: '2020-03-02', days: 1, evidence: ['b', 'c'] }),
    ]);
  });
  it('given no successor yet, then an open vacancy measured to the as-of date', () => {
    const open = complianceFindings(scenario('2030-01-01'), { asOf: calendarDate('2020-03-11') });
    expect(open).toEqual([expect.objectContaining({ to: null, days: 10 })]);
  });
  it('filters by township and by year', () => {
    const events = scenario('2020-03-05');
    expect(complianceFindings(events, { asOf: calendarDate('2025-01-01'), orgUnitId: 'T2' })).toEqual([]);
    expect(complianceFindings(events, { asOf: calendarDate('2025-01-01'), year: 2019 })).toEqual([]);
    expect(complianceFindings(events, { asOf: calendarDate('2025-01-01'), year: 2020 })).toHaveLength(1);
  });
});

describe('TM4 findings: both chiefs adjusted on one date', () => {
  it('given the secretary and the head leaving on the same date, then a finding; a day apart, none', () => {
    const sameDay = [marker('T1', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 's'), marker('T1', 'HEAD', 'LEFT', '2021-06-01', 'h')];
    expect(complianceFindings(sameDay, { asOf: calendarDate('2025-01-01') }).filter((f) => f.kind === 'TM4_BOTH_CHIEFS_ADJUSTED')).toEqual([
      expect.objectContaining({ orgUnitId: 'T1', date: '2021-06-01', evidence: ['s', 'h'] }),
    ]);
    const apart = [marker('T1', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 's'), marker('T1', 'HEAD', 'LEFT', '2021-06-02', 'h')];
    expect(complianceFindings(apart, { asOf: calendarDate('2025-01-01') }).filter((f) => f.kind === 'TM4_BOTH_CHIEFS_ADJUSTED')).toEqual([]);
  });
});

describe('overrides', () => {
  it('lists who, when, why and which rule; a retracted event no longer counts', () => {
    const moved = event('cadre-C1', 'RemovedFromPost', '2014-12-31', { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' }, { override: { reason: '县委决定', rules: ['TM4'] } });
    expect(complianceFindings([moved], { asOf: calendarDate('2025-01-01') })).toEqual([
      expect.objectContaining({ kind: 'OVERRIDE', eventId: moved.eventId, actor: 'CLERK:张三', reason: '县委决定', rules: ['TM4'], orgUnitIds: ['T1'] }),
    ]);
    const retraction = event('cadre-C1', 'EntryRetracted', '2015-01-10', { targetEventId: moved.eventId, reason: '录入错误' });
    expect(complianceFindings([moved, retraction], { asOf: calendarDate('2025-01-01') })).toEqual([]);
  });
});

describe('N5 appeal deadlines', () => {
  const filed = (effectiveDate: string, stage = 'REVIEW') =>
    event('appeal-A1', 'AppealFiled', effectiveDate, { appealId: 'A1', cadreId: 'C1', targetEventId: 'x', stage, grounds: 'g', learnedOfDecisionDate: '2022-03-01' });
  it.each([
    ['2022-03-30', false],
    ['2022-03-31', false],
    ['2022-04-01', true],
  ])('a review filed on %s (learned 2022-03-01, 30 days → 2022-03-31) is late: %s', (date, late) => {
    const [overview] = appealsOverview([filed(date)], calendarDate('2022-04-02'));
    expect(overview).toMatchObject({ filingDeadline: '2022-03-31', filedLate: late, status: 'OPEN' });
  });
  it('a review is due 30 days after filing; open past it is overdue, decided is not', () => {
    const f = filed('2022-03-10');
    expect(appealsOverview([f], calendarDate('2022-04-09'))[0]).toMatchObject({ decisionDue: '2022-04-09', overdue: false });
    expect(appealsOverview([f], calendarDate('2022-04-10'))[0]).toMatchObject({ overdue: true });
    const decided = event('appeal-A1', 'AppealDecided', '2022-04-20', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'))[0]).toMatchObject({ status: 'DECIDED', outcome: 'DISMISSED', overdue: false });
  });
  describe('an appeal (申诉) after a review (复核) of the same decision: 15 days from the review’s decision', () => {
    const review = filed('2022-03-10');
    const reviewDecided = event('appeal-A1', 'AppealDecided', '2022-04-05', { appealId: 'A1', outcome: 'DISMISSED', reasoning: '维持原决定' });
    const appeal = (effectiveDate: string, target = 'x') =>
      event('appeal-A2', 'AppealFiled', effectiveDate, { appealId: 'A2', cadreId: 'C1', targetEventId: target, stage: 'APPEAL', grounds: 'g', learnedOfDecisionDate: '2022-03-01' });
    it.each([
      ['2022-04-19', false],
      ['2022-04-20', false],
      ['2022-04-21', true],
    ])('given the review decided on 2022-04-05, when the appeal is filed on %s, then late: %s', (date, late) => {
      const overview = appealsOverview([review, reviewDecided, appeal(date)], calendarDate('2022-04-22')).find((a) => a.appealId === 'A2');
      expect(overview).toMatchObject({
        filingDeadline: '2022-04-20',
        filingDeadlineFrom: { basis: 'REVIEW_DECIDED', date: '2022-04-05', reviewAppealId: 'A1' },
        filedLate: late,
      });
    });
    it('given no review of that decision, then 30 days from learning of it (a direct appeal)', () => {
      const overview = appealsOverview([review, reviewDecided, appeal('2022-03-31', 'other')], calendarDate('2022-04-22')).find((a) => a.appealId === 'A2');
      expect(overview).toMatchObject({ filingDeadline: '2022-03-31', filingDeadlineFrom: { basis: 'LEARNED_OF_DECISION', date: '2022-03-01' }, filedLate: false });
    });
  });
  it('an appeal (申诉) is due in 60 days, extendable by 30', () => {
    expect(appealsOverview([filed('2022-03-10', 'APPEAL')], calendarDate('2022-03-11'))[0]).toMatchObject({ decisionDue: '2022-05-09', decisionDueExtended: '2022-06-08' });
  });
});
