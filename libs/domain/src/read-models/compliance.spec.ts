import type { RecordedEvent } from '../events/domain-event';
import { calendarDate } from '../time/calendar-date';
import { appealsOverview, appealStanding, complianceFindings, findingRule, type OverrideFinding } from './compliance';
import { overrideFindingZh } from '../vocabulary-zh';

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
/** A holder change by the cadre of its own source event (no two markers of one cadre: see the re-election spec for those). */
const marker = (unit: string, role: string, change: string, date: string, source: string) =>
  event(`orgunit-${unit}`, 'PostHolderChanged', date, { role, cadreId: `C-${source}`, change, sourceEventId: source });

describe('TM4 findings: secretary vacancy', () => {
  const scenario = (successorDate: string) => [
    marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
    marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
    marker('T1', 'PARTY_SECRETARY', 'TAKEN', successorDate, 'c'),
  ];
  it('given a successor on the day of the departure, then no finding (seamless handover)', () => {
    expect(complianceFindings(scenario('2020-03-01'), { asOf: calendarDate('2025-01-01') })).toEqual([]);
  });
  it('as known at an instant: the successor recorded after it is not yet known (the vacancy is open); recorded at it, known', () => {
    const events = scenario('2020-03-01');
    const successorRecorded = events[2]!.recordedAt;
    const justBefore = new Date(Date.parse(successorRecorded) - 1).toISOString();
    const asOf = calendarDate('2020-03-11');
    expect(complianceFindings(events, { asOf, knownAt: justBefore })).toEqual([expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', from: '2020-03-01', to: null })]);
    expect(complianceFindings(events, { asOf, knownAt: successorRecorded })).toEqual([]);
  });
  it.each([
    ['2023-12-31', 0],
    ['2024-01-01', 1],
    ['2024-01-02', 1],
  ])('as known at a bare date %s (T1: the end of that day, Beijing time), the markers recorded at 08:00 Beijing time on 2024-01-01 give %i vacancy finding', (knownAt, count) => {
    expect(complianceFindings(scenario('2020-03-02'), { asOf: calendarDate('2025-01-01'), knownAt })).toHaveLength(count);
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

  it('given both chiefs re-elected (换届: end-of-term removal and reappointment of the same cadre the same day), then no finding; the secretary reappointed only the next day, then a finding', () => {
    const holder = (role: string, change: string, date: string, source: string, cadreId: string) =>
      event('orgunit-T1', 'PostHolderChanged', date, { role, cadreId, change, sourceEventId: source });
    const both = (events: RecordedEvent[]) => complianceFindings(events, { asOf: calendarDate('2025-01-01') }).filter((f) => f.kind === 'TM4_BOTH_CHIEFS_ADJUSTED');
    const before = [holder('PARTY_SECRETARY', 'TAKEN', '2016-03-01', 's0', 'A'), holder('HEAD', 'TAKEN', '2016-03-01', 'h0', 'B')];
    const secretaryReElected = [holder('PARTY_SECRETARY', 'LEFT', '2021-03-01', 's1', 'A'), holder('PARTY_SECRETARY', 'TAKEN', '2021-03-01', 's2', 'A')];
    const headLeft = holder('HEAD', 'LEFT', '2021-03-01', 'h1', 'B');
    expect(both([...before, ...secretaryReElected, headLeft, holder('HEAD', 'TAKEN', '2021-03-01', 'h2', 'B')])).toEqual([]);
    // The head replaced by another cadre: one chief adjusted, not both.
    expect(both([...before, ...secretaryReElected, headLeft, holder('HEAD', 'TAKEN', '2021-03-01', 'h2', 'C')])).toEqual([]);
    // The secretary taken again only a day later is no continuation, the head replaced: both chiefs left on 2021-03-01.
    const reTakenNextDay = [holder('PARTY_SECRETARY', 'LEFT', '2021-03-01', 's1', 'A'), holder('PARTY_SECRETARY', 'TAKEN', '2021-03-02', 's2', 'A')];
    expect(both([...before, ...reTakenNextDay, headLeft, holder('HEAD', 'TAKEN', '2021-03-01', 'h2', 'C')])).toEqual([expect.objectContaining({ date: '2021-03-01', evidence: ['s1', 'h1'] })]);
  });
});

describe('overrides', () => {
  it('lists who, when, why and which rule; a retracted event no longer counts', () => {
    const moved = event('cadre-C1', 'RemovedFromPost', '2014-12-31', { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' }, { override: { reason: '县委决定', rules: ['TM4'] } });
    expect(complianceFindings([moved], { asOf: calendarDate('2025-01-01') })).toEqual([
      expect.objectContaining({ kind: 'OVERRIDE', eventId: moved.eventId, actor: 'CLERK:张三', reason: '县委决定', rules: ['TM4'], rule: 'TM4', evidence: [moved.eventId], orgUnitIds: ['T1'] }),
    ]);
    const retraction = event('cadre-C1', 'EntryRetracted', '2015-01-10', { targetEventId: moved.eventId, reason: '录入错误' });
    expect(complianceFindings([moved, retraction], { asOf: calendarDate('2025-01-01') })).toEqual([]);
  });

  it('names the policy version whose rule was departed from when the event kept it (none on an older override)', () => {
    const moved = event('cadre-C1', 'RemovedFromPost', '2014-12-31', { orgUnitId: 'T1', role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' }, { override: { reason: '县委决定', rules: ['TM4'], policyVersion: 'county-2' } });
    const [finding] = complianceFindings([moved], { asOf: calendarDate('2025-01-01') });
    expect(finding).toMatchObject({ kind: 'OVERRIDE', policyVersion: 'county-2' });
    expect(overrideFindingZh(finding as OverrideFinding)).toBe('免去职务：县委决定（CLERK:张三 于 2024-01-01 08:00:44 +08:00 录入，涉及 乡镇党政正职任职稳定（TM4），政策版本 county-2）');
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
  it.each([
    ['2022-04-08', false],
    ['2022-04-09', false],
    ['2022-04-10', true],
  ])('a review (复核) filed on 2022-03-10 (due in 30 days, 2022-04-09) and still open on %s is overdue: %s', (today, overdue) => {
    expect(appealsOverview([filed('2022-03-10')], calendarDate(today))[0]).toMatchObject({ decisionDue: '2022-04-09', pastDecisionDue: overdue, overdue });
  });
  it.each([
    ['2022-04-19', 'OPEN', true],
    ['2022-04-20', 'DECIDED', false],
    ['2022-04-21', 'DECIDED', false],
  ])('a review filed 2022-03-10 (due 2022-04-09), decided with effect from 2022-04-20, seen on %s: %s, overdue %s (T4: a decision counts from its date; found by a review)', (today, status, overdue) => {
    const decided = event('appeal-A1', 'AppealDecided', '2022-04-20', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    const decision = { decidedOn: '2022-04-20', outcome: 'DISMISSED', decisionEventId: decided.eventId };
    // The decision recorded but not yet in effect is said beside the status (found by an appeals review: its
    // remedy, void from its start once known, was shown lifting a sanction the list said was undecided).
    expect(appealsOverview([filed('2022-03-10'), decided], calendarDate(today))[0]).toMatchObject({ status, overdue, decisionScheduled: status === 'OPEN' ? decision : null });
  });
  it.each([
    ['2022-03-09', true],
    ['2022-03-10', false],
    ['2022-03-11', false],
  ])('a review filed with effect from 2022-03-10, asked as of %s: listed as scheduled (T4) %s', (asOf, scheduled) => {
    expect(appealsOverview([filed('2022-03-10')], calendarDate(asOf))[0]).toMatchObject({ scheduled, pastDecisionDue: false });
  });
  it('as known at an instant (T1): a filing recorded after it is not listed; a decision recorded after it leaves the appeal open, overdue once its period ran out (found by a CLI review: the list could not be asked as known then)', () => {
    const f = filed('2022-03-10');
    const decided = event('appeal-A1', 'AppealDecided', '2022-04-20', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    const justBefore = (e: RecordedEvent) => new Date(Date.parse(e.recordedAt) - 1).toISOString();
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'), justBefore(f))).toEqual([]);
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'), f.recordedAt)[0]).toMatchObject({ status: 'OPEN', overdue: true });
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'), justBefore(decided))[0]).toMatchObject({ status: 'OPEN', overdue: true });
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'), decided.recordedAt)[0]).toMatchObject({ status: 'DECIDED', overdue: false });
  });
  it('a review is due 30 days after filing; open past it is overdue, decided is not', () => {
    const f = filed('2022-03-10');
    expect(appealsOverview([f], calendarDate('2022-04-09'))[0]).toMatchObject({ decisionDue: '2022-04-09', overdue: false });
    expect(appealsOverview([f], calendarDate('2022-04-10'))[0]).toMatchObject({ overdue: true });
    const decided = event('appeal-A1', 'AppealDecided', '2022-04-20', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    expect(appealsOverview([f, decided], calendarDate('2022-05-01'))[0]).toMatchObject({ status: 'DECIDED', outcome: 'DISMISSED', overdue: false });
  });
  it.each([
    // Filed 2022-03-10: due in 60 days (2022-05-09), 90 with the extension (2022-06-08).
    ['2022-05-08', false, false],
    ['2022-05-09', false, false],
    ['2022-05-10', true, false],
    ['2022-06-07', true, false],
    ['2022-06-08', true, false],
    ['2022-06-09', true, true],
  ])('an appeal (申诉) open on %s: past its 60 days %s (the extension runs), overdue %s', (today, past, overdue) => {
    const [overview] = appealsOverview([filed('2022-03-10', 'APPEAL')], calendarDate(today));
    expect(overview).toMatchObject({ decisionDue: '2022-05-09', decisionDueExtended: '2022-06-08', pastDecisionDue: past, overdue });
  });
  it('a review (复核) has no extension: past its 30 days it is overdue at once; a decided appeal is neither', () => {
    expect(appealsOverview([filed('2022-03-10')], calendarDate('2022-04-10'))[0]).toMatchObject({ decisionDueExtended: null, pastDecisionDue: true, overdue: true });
    const decided = event('appeal-A1', 'AppealDecided', '2022-06-20', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    expect(appealsOverview([filed('2022-03-10', 'APPEAL'), decided], calendarDate('2022-07-01'))[0]).toMatchObject({ pastDecisionDue: false, overdue: false });
  });
  it.each([
    // A review filed 2022-03-10 is due 2022-04-09, no extension; an appeal due 2022-05-09, extended 2022-06-08.
    ['REVIEW', '2022-04-09', 'DECIDED'],
    ['REVIEW', '2022-04-10', 'DECIDED_LATE'],
    ['APPEAL', '2022-05-09', 'DECIDED'],
    ['APPEAL', '2022-05-10', 'DECIDED_IN_EXTENSION'],
    ['APPEAL', '2022-06-08', 'DECIDED_IN_EXTENSION'],
    ['APPEAL', '2022-06-09', 'DECIDED_LATE'],
  ] as const)('a %s decided on %s stands %s (found by review: a late decision read as plain 已决)', (stage, decidedOn, standing) => {
    const decided = event('appeal-A1', 'AppealDecided', decidedOn, { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r' });
    const [overview] = appealsOverview([filed('2022-03-10', stage), decided], calendarDate('2022-12-31'));
    expect(appealStanding(overview!)).toBe(standing);
    expect([overview!.decidedAfterDue, overview!.decidedLate]).toEqual([standing !== 'DECIDED', standing === 'DECIDED_LATE']);
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

describe('N5/TM9 findings: an upheld appeal whose remedy was never recorded', () => {
  const filed = (appealId: string, target: string) =>
    event(`appeal-${appealId}`, 'AppealFiled', '2022-03-10', { appealId, cadreId: 'C1', targetEventId: target, stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: '2022-03-05' });
  const decided = (appealId: string, outcome: string) => event(`appeal-${appealId}`, 'AppealDecided', '2022-04-01', { appealId, outcome, reasoning: 'r' });
  const asOf = calendarDate('2025-01-01');

  it('given an upheld appeal and nothing else, then a finding; dismissed or undecided, none', () => {
    const facts = [filed('A1', 's1'), decided('A1', 'PARTIALLY_UPHELD'), filed('A2', 's2'), decided('A2', 'DISMISSED'), filed('A3', 's3')];
    expect(complianceFindings(facts, { asOf })).toEqual([
      expect.objectContaining({ kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'A1', cadreId: 'C1', targetEventId: 's1', outcome: 'PARTIALLY_UPHELD', decidedOn: '2022-04-01' }),
    ]);
    expect(complianceFindings(facts, { asOf, year: 2021 })).toEqual([]);
    expect(complianceFindings(facts, { asOf, orgUnitId: 'T1' })).toEqual([]);
  });

  const imposed = (cadreStream: string, sanctionId: string) => event(cadreStream, 'SanctionImposed', '2022-03-01', { sanctionId, kind: 'DEMERIT', grounds: 'g' }, { eventId: `${cadreStream}:${sanctionId}` });
  const s1 = imposed('cadre-C1', 'S1');

  it('given the appealed sanction rescinded, or the appealed grade retracted, then no finding; a retracted rescission does not count', () => {
    const rescission = event('cadre-C1', 'SanctionRescinded', '2022-04-01', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' });
    expect(complianceFindings([s1, filed('A1', s1.eventId), decided('A1', 'UPHELD'), rescission], { asOf })).toEqual([]);
    const regrade = event('cadre-C1', 'EntryRetracted', '2022-04-01', { targetEventId: 'g1', reason: 'appeal' });
    expect(complianceFindings([filed('A2', 'g1'), decided('A2', 'UPHELD'), regrade], { asOf })).toEqual([]);
    const undone = event('cadre-C1', 'EntryRetracted', '2022-05-01', { targetEventId: rescission.eventId, reason: 'wrong appeal' });
    expect(complianceFindings([s1, filed('A1', s1.eventId), decided('A1', 'UPHELD'), rescission, undone], { asOf })).toEqual([expect.objectContaining({ appealId: 'A1' })]);
  });

  it('given a rescission of another sanction (or another cadre’s) naming the appeal, then the finding stands: the appealed sanction is not rescinded', () => {
    const other = imposed('cadre-C2', 'S1');
    const elsewhere = event('cadre-C2', 'SanctionRescinded', '2022-04-01', { sanctionId: 'S1', reason: 'CORRECTION', appealId: 'A1' }, { documentRef: 'X纪〔2022〕7号' });
    expect(complianceFindings([s1, other, filed('A1', s1.eventId), decided('A1', 'UPHELD'), elsewhere], { asOf })).toEqual([expect.objectContaining({ appealId: 'A1' })]);
  });

  it('given the appealed sanction already rescinded for another reason before the decision, then no finding: nothing is left to remedy', () => {
    const corrected = event('cadre-C1', 'SanctionRescinded', '2022-03-20', { sanctionId: 'S1', reason: 'CORRECTION' }, { documentRef: 'X纪〔2022〕7号' });
    expect(complianceFindings([s1, filed('A1', s1.eventId), corrected, decided('A1', 'UPHELD')], { asOf })).toEqual([]);
  });
});

describe('TM4 findings: which post markers count', () => {
  const asOf = calendarDate('2025-01-01');
  const retractedMarker = (unit: string, role: string, date: string, source: string) => marker(unit, role, 'RETRACTED', date, source);

  it('given the departure retracted (its marker withdrawn), then no vacancy is found from it', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
      retractedMarker('T1', 'PARTY_SECRETARY', '2020-03-01', 'b'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-10', 'c'),
    ];
    expect(complianceFindings(events, { asOf })).toEqual([]);
  });

  it('given the successor’s appointment retracted, then the vacancy stays open to the as-of date', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-10', 'c'),
      retractedMarker('T1', 'PARTY_SECRETARY', '2020-03-10', 'c'),
    ];
    expect(complianceFindings(events, { asOf: calendarDate('2020-04-01') })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: null, days: 31, evidence: ['b'] },
    ]);
  });

  it('given the successor taking office on the as-of date (day of), then the vacancy is closed on it; the day before, still open', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-11', 'c'),
    ];
    expect(complianceFindings(events, { asOf: calendarDate('2020-03-11') })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: '2020-03-11', days: 10, evidence: ['b', 'c'] },
    ]);
    expect(complianceFindings(events, { asOf: calendarDate('2020-03-10') })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: null, days: 9, evidence: ['b'] },
    ]);
  });

  it('given a departure scheduled after the as-of date (T4), then no vacancy yet; on the departure day itself none either (0 days); the day after, one day', () => {
    const events = [marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'), marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b')];
    expect(complianceFindings(events, { asOf: calendarDate('2020-02-29') })).toEqual([]);
    expect(complianceFindings(events, { asOf: calendarDate('2020-03-01') })).toEqual([]);
    expect(complianceFindings(events, { asOf: calendarDate('2020-03-02') })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: null, days: 1, evidence: ['b'] },
    ]);
  });

  it('given both chiefs leaving on a date after the as-of date, then no both-chiefs finding yet', () => {
    const events = [marker('T1', 'HEAD', 'LEFT', '2021-06-01', 'h'), marker('T1', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 's')];
    expect(complianceFindings(events, { asOf: calendarDate('2021-05-31') })).toEqual([]);
  });

  it('given markers appended out of date order (a back-dated departure), then they are read in date order', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-05', 'c'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
    ];
    expect(complianceFindings(events, { asOf })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: '2020-03-05', days: 4, evidence: ['b', 'c'] },
    ]);
  });

  it('given a secretary appointed and removed on the same day (in that order), then the post is vacant from that day', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-03', 'c'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-03', 'd'),
    ];
    expect(complianceFindings(events, { asOf: calendarDate('2020-03-13') })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: '2020-03-03', days: 2, evidence: ['b', 'c'] },
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-03', to: null, days: 10, evidence: ['d'] },
    ]);
  });

  it('given the successor appointed before the predecessor leaves (an overlap), then no vacancy', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-02-20', 'c'),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'),
    ];
    expect(complianceFindings(events, { asOf })).toEqual([]);
  });

  it('given a departure with no appointment marker before it, then the post is vacant from the departure', () => {
    const events = [marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-03-01', 'b'), marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2020-03-04', 'c')];
    expect(complianceFindings(events, { asOf })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2020-03-01', to: '2020-03-04', days: 3, evidence: ['b', 'c'] },
    ]);
  });

  it('given only the head’s post left vacant, then no TM4 finding (the vacancy finding is about the party secretary)', () => {
    const events = [
      marker('T1', 'HEAD', 'TAKEN', '2015-01-01', 'a'),
      marker('T1', 'HEAD', 'LEFT', '2020-03-01', 'b'),
      marker('T1', 'HEAD', 'TAKEN', '2020-06-01', 'c'),
      marker('T1', 'HEAD', 'LEFT', '2021-03-01', 'd'),
    ];
    expect(complianceFindings(events, { asOf })).toEqual([]);
  });

  it('given the secretary appointed and the head leaving on one date, then no both-chiefs finding (only departures count)', () => {
    const events = [
      marker('T1', 'HEAD', 'TAKEN', '2015-01-01', 'h0'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2021-06-01', 's'),
      marker('T1', 'HEAD', 'LEFT', '2021-06-01', 'h'),
    ];
    expect(complianceFindings(events, { asOf })).toEqual([]);
    const headTaken = [marker('T1', 'HEAD', 'TAKEN', '2021-06-01', 'h'), marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2015-01-01', 's0'), marker('T1', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 's'), marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2021-06-01', 's2')];
    expect(complianceFindings(headTaken, { asOf })).toEqual([]);
  });

  it('given both chiefs adjusted on three dates appended out of order, then one finding per date, earliest first', () => {
    const pair = (date: string, tag: string) => [marker('T1', 'PARTY_SECRETARY', 'LEFT', date, `s${tag}`), marker('T1', 'HEAD', 'LEFT', date, `h${tag}`)];
    const events = [...pair('2022-06-01', '2'), ...pair('2021-06-01', '1'), ...pair('2023-06-01', '3')];
    const both = complianceFindings(events, { asOf }).filter((f) => f.kind === 'TM4_BOTH_CHIEFS_ADJUSTED');
    expect(both).toEqual([
      { kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T1', date: '2021-06-01', evidence: ['s1', 'h1'] },
      { kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T1', date: '2022-06-01', evidence: ['s2', 'h2'] },
      { kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T1', date: '2023-06-01', evidence: ['s3', 'h3'] },
    ]);
  });

  it('given a township filter, then that township’s TM4 findings are kept and another’s dropped', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 's1'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2021-06-03', 's2'),
      marker('T2', 'PARTY_SECRETARY', 'LEFT', '2021-06-01', 't1'),
      marker('T2', 'HEAD', 'LEFT', '2021-06-01', 't2'),
      marker('T2', 'PARTY_SECRETARY', 'TAKEN', '2021-06-01', 't3'),
    ];
    expect(complianceFindings(events, { asOf, orgUnitId: 'T1' })).toEqual([
      { kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: '2021-06-01', to: '2021-06-03', days: 2, evidence: ['s1', 's2'] },
    ]);
    expect(complianceFindings(events, { asOf, orgUnitId: 'T2' })).toEqual([
      { kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T2', date: '2021-06-01', evidence: ['t1', 't2'] },
    ]);
  });
});

describe('findings filtered by year: each kind by its own date', () => {
  const asOf = calendarDate('2025-01-01');
  it('an override by its effective date, a both-chiefs finding by its date, a vacancy by its first day, a missing remedy by the decision date', () => {
    const events = [
      event('cadre-C1', 'RemovedFromPost', '2019-12-31', { orgUnitId: 'T9', role: 'HEAD', reason: 'ADJUSTMENT' }, { override: { reason: '县委决定', rules: ['TM4'] } }),
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2020-12-31', 's'),
      marker('T1', 'HEAD', 'LEFT', '2020-12-31', 'h'),
      marker('T1', 'PARTY_SECRETARY', 'TAKEN', '2021-01-02', 's2'),
      event('appeal-A1', 'AppealFiled', '2021-12-01', { appealId: 'A1', cadreId: 'C1', targetEventId: 'x', stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: '2021-11-20' }),
      event('appeal-A1', 'AppealDecided', '2022-01-05', { appealId: 'A1', outcome: 'UPHELD', reasoning: 'r' }),
    ];
    const kindsOf = (year: number) => complianceFindings(events, { asOf, year }).map((f) => f.kind);
    expect(kindsOf(2019)).toEqual(['OVERRIDE']);
    expect(kindsOf(2020)).toEqual(['TM4_SECRETARY_VACANCY', 'TM4_BOTH_CHIEFS_ADJUSTED']);
    expect(kindsOf(2021)).toEqual([]);
    expect(kindsOf(2022)).toEqual(['APPEAL_REMEDY_MISSING']);
  });
});

describe('findingRule names the rule of each finding kind', () => {
  it('an override names every overridden rule; the others their own rule; an unknown kind is refused', () => {
    expect(findingRule({ kind: 'OVERRIDE', eventId: 'e', streamId: 'cadre-C1', type: 'RemovedFromPost', effectiveDate: calendarDate('2020-01-01'), recordedAt: 'r', actor: 'a', reason: 'x', rules: ['TM4', 'TM5'], rule: 'TM4,TM5', evidence: ['e'], orgUnitIds: [] })).toBe('TM4,TM5');
    expect(findingRule({ kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T1', from: calendarDate('2020-01-01'), to: null, days: 1, evidence: [] })).toBe('TM4');
    expect(findingRule({ kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T1', date: calendarDate('2020-01-01'), evidence: [] })).toBe('TM4');
    expect(findingRule({ kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'A', cadreId: 'C', targetEventId: 't', outcome: 'UPHELD', decidedOn: calendarDate('2020-01-01'), evidence: [] })).toBe('N5');
    expect(() => findingRule({ kind: 'SOMETHING_ELSE' } as never)).toThrow('unhandled finding: {"kind":"SOMETHING_ELSE"}');
  });
});

describe('N5/TM9 missing remedy: the evidence is the filing and the decision', () => {
  it('given an upheld appeal, then the finding cites the filing and the decision events', () => {
    const f = event('appeal-A7', 'AppealFiled', '2022-03-10', { appealId: 'A7', cadreId: 'C1', targetEventId: 't', stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: '2022-03-05' });
    const dec = event('appeal-A7', 'AppealDecided', '2022-04-01', { appealId: 'A7', outcome: 'UPHELD', reasoning: 'r' });
    expect(complianceFindings([f, dec], { asOf: calendarDate('2025-01-01') })).toEqual([
      { kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'A7', cadreId: 'C1', targetEventId: 't', outcome: 'UPHELD', decidedOn: '2022-04-01', evidence: [f.eventId, dec.eventId] },
    ]);
  });
});

describe('N5: which review (复核) starts an appeal’s (申诉) 15 days', () => {
  const filing = (appealId: string, date: string, o: { stage?: string; cadreId?: string; target?: string } = {}) =>
    event(`appeal-${appealId}`, 'AppealFiled', date, {
      appealId,
      cadreId: o.cadreId ?? 'C1',
      targetEventId: o.target ?? 'x',
      stage: o.stage ?? 'REVIEW',
      grounds: 'g',
      learnedOfDecisionDate: '2022-03-01',
    });
  const decision = (appealId: string, date: string) => event(`appeal-${appealId}`, 'AppealDecided', date, { appealId, outcome: 'DISMISSED', reasoning: 'r' });
  const appealOf = (events: RecordedEvent[], id = 'AP') => appealsOverview(events, calendarDate('2022-06-01')).find((a) => a.appealId === id)!;
  const direct = { basis: 'LEARNED_OF_DECISION', date: '2022-03-01' };

  it('given a review of the same decision decided on the day the appeal is filed (day of), then it counts; decided the day after, it does not', () => {
    const sameDay = [filing('R1', '2022-03-05'), decision('R1', '2022-04-10'), filing('AP', '2022-04-10', { stage: 'APPEAL' })];
    expect(appealOf(sameDay).filingDeadlineFrom).toEqual({ basis: 'REVIEW_DECIDED', date: '2022-04-10', reviewAppealId: 'R1' });
    const dayAfter = [filing('R1', '2022-03-05'), decision('R1', '2022-04-11'), filing('AP', '2022-04-10', { stage: 'APPEAL' })];
    expect(appealOf(dayAfter).filingDeadlineFrom).toEqual(direct);
  });

  it('given a decided review of another decision, or by another cadre, then the appeal is a direct one (30 days from learning)', () => {
    const otherTarget = [filing('R1', '2022-03-05', { target: 'other' }), decision('R1', '2022-03-20'), filing('AP', '2022-03-25', { stage: 'APPEAL' })];
    expect(appealOf(otherTarget)).toMatchObject({ filingDeadlineFrom: direct, filingDeadline: '2022-03-31' });
    const otherCadre = [filing('R1', '2022-03-05', { cadreId: 'C2' }), decision('R1', '2022-03-20'), filing('AP', '2022-03-25', { stage: 'APPEAL' })];
    expect(appealOf(otherCadre)).toMatchObject({ filingDeadlineFrom: direct, filingDeadline: '2022-03-31' });
  });

  it('given a review still undecided, or an earlier appeal (not a review) decided, then the appeal is a direct one', () => {
    const undecided = [filing('R1', '2022-03-05'), filing('AP', '2022-03-25', { stage: 'APPEAL' })];
    expect(appealOf(undecided).filingDeadlineFrom).toEqual(direct);
    const earlierAppeal = [filing('P1', '2022-03-05', { stage: 'APPEAL' }), decision('P1', '2022-03-20'), filing('AP', '2022-03-25', { stage: 'APPEAL' })];
    expect(appealOf(earlierAppeal).filingDeadlineFrom).toEqual(direct);
  });

  it('given a decision recorded without its filing in the ledger, then it names no review', () => {
    const orphan = [decision('R0', '2022-03-20'), filing('AP', '2022-03-25', { stage: 'APPEAL' })];
    expect(appealsOverview(orphan, calendarDate('2022-06-01')).map((a) => [a.appealId, a.filingDeadlineFrom])).toEqual([['AP', direct]]);
  });

  it('given two reviews of the same decision, then the later-decided one counts, whichever was filed first; decided the same day, the first filed', () => {
    const laterFiledFirst = [filing('R1', '2022-03-05'), filing('R2', '2022-03-06'), decision('R1', '2022-04-02'), decision('R2', '2022-03-20'), filing('AP', '2022-04-05', { stage: 'APPEAL' })];
    expect(appealOf(laterFiledFirst).filingDeadlineFrom).toEqual({ basis: 'REVIEW_DECIDED', date: '2022-04-02', reviewAppealId: 'R1' });
    const laterFiledSecond = [filing('R1', '2022-03-05'), filing('R2', '2022-03-06'), decision('R1', '2022-03-20'), decision('R2', '2022-04-02'), filing('AP', '2022-04-05', { stage: 'APPEAL' })];
    expect(appealOf(laterFiledSecond).filingDeadlineFrom).toEqual({ basis: 'REVIEW_DECIDED', date: '2022-04-02', reviewAppealId: 'R2' });
    const sameDay = [filing('R1', '2022-03-05'), filing('R2', '2022-03-06'), decision('R1', '2022-04-02'), decision('R2', '2022-04-02'), filing('AP', '2022-04-05', { stage: 'APPEAL' })];
    expect(appealOf(sameDay).filingDeadlineFrom).toEqual({ basis: 'REVIEW_DECIDED', date: '2022-04-02', reviewAppealId: 'R1' });
  });
});

describe('N5 appeals overview: order and the events it reads', () => {
  const filing = (appealId: string, date: string) =>
    event(`appeal-${appealId}`, 'AppealFiled', date, { appealId, cadreId: 'C1', targetEventId: appealId, stage: 'REVIEW', grounds: 'g', learnedOfDecisionDate: date });

  it('lists appeals by filing date, then by appeal id, whatever the order they were recorded in', () => {
    const events = [filing('A3', '2022-03-10'), filing('A2', '2022-03-12'), filing('B1', '2022-03-10'), filing('A1', '2022-03-11'), filing('A0', '2022-03-12')];
    expect(appealsOverview(events, calendarDate('2022-04-01')).map((a) => a.appealId)).toEqual(['A3', 'B1', 'A1', 'A0', 'A2']);
  });

  it('ignores other events, and takes the first filing and the first decision of an appeal id', () => {
    const events = [
      marker('T1', 'PARTY_SECRETARY', 'LEFT', '2022-01-01', 's'),
      filing('A1', '2022-03-10'),
      filing('A1', '2022-03-20'),
      event('appeal-A1', 'AppealDecided', '2022-03-25', { appealId: 'A1', outcome: 'UPHELD', reasoning: 'r' }),
      event('appeal-A1', 'AppealDecided', '2022-03-30', { appealId: 'A1', outcome: 'DISMISSED', reasoning: 'r2' }),
    ];
    expect(appealsOverview(events, calendarDate('2022-04-01'))).toEqual([
      expect.objectContaining({ appealId: 'A1', filedOn: '2022-03-10', status: 'DECIDED', outcome: 'UPHELD', decidedOn: '2022-03-25', decidedBy: 'CLERK:张三', overdue: false }),
    ]);
  });
});
