/**
 * N5/TM9 finding 复核或申诉成立未纠正 (APPEAL_REMEDY_MISSING) when several appeals contest one
 * record. Suspected bug: an upheld appeal A stays listed after the sanction it
 * contests was rescinded through ANOTHER upheld appeal B. RULES.md TM9 decides it: a rescinded
 * sanction is void from its start — "an answer about any date, given with knowledge after the
 * rescission was recorded, ignores it; an answer given with knowledge from before still shows it".
 * So once B's rescission is known nothing is left to remedy for A (or B), whatever the as-of date
 * and whatever appeal the rescission names; as known before it was recorded, A is listed.
 *
 * The facts are written through the deciders (as an import line or an API write would be), the
 * upheld decision with its remedy in one write, so the events are the ones the ledger stores.
 */
import { parseCareerCommand, type CareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
import type { RecordedEvent } from '../events/domain-event';
import { assess, decideAppealCommand, fileAppeal, registerCadre, retract, sanction } from '../testing/commands';
import { given, type Given } from '../testing/given-when-then';
import { calendarDate } from '../time/calendar-date';
import type { Grade } from '../vocabulary';
import { complianceFindings, type ComplianceFinding, type GradeLookup } from './compliance';
import { ledgerFactsOf } from './ledger-facts';
import { gradeLookup } from '../reports/measure-findings';

type Remedy = { kind: 'RESCIND_SANCTION' } | { kind: 'CORRECT_GRADE'; grade: Grade };

/** An upheld decision with its remedy, decided with the appealed cadre's record loaded, as the application does. */
function decideWithRemedy(g: Given, cadreId: string, decision: CareerCommand, remedy: Remedy) {
  const parsed = parseCareerCommand({ ...decision, remedy } as CareerCommand);
  return decideCareerCommand(parsed, { ...g.ledger.context(parsed), cadre: g.ledger.cadre(cadreId) });
}

/** Every stored event of the named streams, in store order (what the compliance projection keeps is a subset). */
function stored(g: Given, streams: readonly string[]): RecordedEvent[] {
  return streams.flatMap((s) => [...g.ledger.events(s)]).sort((a, b) => a.globalPosition - b.globalPosition);
}

const remedyMissing = (findings: readonly ComplianceFinding[]) => findings.filter((f) => f.kind === 'APPEAL_REMEDY_MISSING').map((f) => (f.kind === 'APPEAL_REMEDY_MISSING' ? f.appealId : ''));
const byId = (events: readonly RecordedEvent[], id: string) => events.find((e) => e.eventId === id)!;
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();
const STREAMS = ['cadre-C1', 'appeal-AP-A', 'appeal-AP-B'];
const LATER = calendarDate('2030-12-31');

describe('N5/TM9 复核或申诉成立未纠正: two appeals against one sanction, the remedy through the other one', () => {
  /** Sanction S1 (记过, 2022-03-01); appeals AP-A and AP-B both filed against it and open together; AP-A upheld without a remedy on 2022-04-01. */
  const record = () =>
    given(
      registerCadre('C1'),
      sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 's1' }),
      fileAppeal('AP-A', '2022-03-10', 'C1', 's1', { id: 'file-a' }),
      fileAppeal('AP-B', '2022-03-11', 'C1', 's1', { id: 'file-b' }),
      decideAppealCommand('AP-A', '2022-04-01', 'UPHELD', { id: 'dec-a' }),
    );
  /** …and AP-B upheld on `date` with the remedy: S1 rescinded naming AP-B (event dec-b:rescind). */
  const remediedThroughB = (date = '2022-05-10') => {
    const g = record();
    g.ledger.append(decideWithRemedy(g, 'C1', decideAppealCommand('AP-B', date, 'UPHELD', { id: 'dec-b' }), { kind: 'RESCIND_SANCTION' }));
    return g;
  };

  it('given AP-A upheld and nothing else recorded, then AP-A is listed (the sanction still stands)', () => {
    expect(remedyMissing(complianceFindings(stored(record(), STREAMS), { asOf: LATER }))).toEqual(['AP-A']);
  });

  it('given AP-A upheld on 2022-04-01 without a remedy, then as of the day before it is not listed (still open, nothing owed yet: T4), as of the day of it and the day after it is', () => {
    const events = stored(record(), STREAMS);
    const asOf = (d: string) => remedyMissing(complianceFindings(events, { asOf: calendarDate(d) }));
    expect(asOf('2022-03-31')).toEqual([]);
    expect(asOf('2022-04-01')).toEqual(['AP-A']);
    expect(asOf('2022-04-02')).toEqual(['AP-A']);
  });

  it('given AP-B upheld later with S1 rescinded naming AP-B, then neither AP-A nor AP-B is listed: the sanction AP-A contests is void (TM9)', () => {
    const events = stored(remediedThroughB(), STREAMS);
    expect(byId(events, 'dec-b:rescind')).toMatchObject({ type: 'SanctionRescinded', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'AP-B' } });
    expect(remedyMissing(complianceFindings(events, { asOf: LATER }))).toEqual([]);
  });

  it('given the rescission dated after the as-of date (the day before it, the day of it), then still no finding: a rescinded sanction is void from its start for an answer about any date (TM9)', () => {
    const events = stored(remediedThroughB('2022-05-10'), STREAMS);
    for (const asOf of ['2022-04-01', '2022-05-09', '2022-05-10']) {
      expect(remedyMissing(complianceFindings(events, { asOf: calendarDate(asOf) }))).toEqual([]);
    }
  });

  it('given knowledge from just before AP-B’s decision and its rescission were recorded (one write), then AP-A is listed; from the instant the rescission was recorded, nothing (TM9, T1)', () => {
    const events = stored(remediedThroughB(), STREAMS);
    const before = complianceFindings(events, { asOf: LATER, knownAt: justBefore(byId(events, 'dec-b').recordedAt) });
    expect(before.filter((f) => f.kind === 'APPEAL_REMEDY_MISSING')).toEqual([
      { kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'AP-A', cadreId: 'C1', targetEventId: 's1', outcome: 'UPHELD', decidedOn: '2022-04-01', evidence: ['file-a', 'dec-a'] },
    ]);
    expect(remedyMissing(complianceFindings(events, { asOf: LATER, knownAt: byId(events, 'dec-b:rescind').recordedAt }))).toEqual([]);
  });

  it('given the rescission through AP-B later retracted (a clerical error), then the sanction stands again and both AP-A and AP-B are listed', () => {
    const g = remediedThroughB();
    g.ledger.execute(retract('C1', '2022-06-01', 'dec-b:rescind', { id: 'undo' }));
    expect(remedyMissing(complianceFindings(stored(g, STREAMS), { asOf: LATER }))).toEqual(['AP-A', 'AP-B']);
  });

  it('given AP-A upheld with the remedy first, when AP-B is upheld later, then a second rescission is refused, AP-B is recorded without one, and neither is listed', () => {
    const g = given(
      registerCadre('C1'),
      sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 's1' }),
      fileAppeal('AP-A', '2022-03-10', 'C1', 's1', { id: 'file-a' }),
      fileAppeal('AP-B', '2022-03-11', 'C1', 's1', { id: 'file-b' }),
    );
    g.ledger.append(decideWithRemedy(g, 'C1', decideAppealCommand('AP-A', '2022-04-01', 'UPHELD', { id: 'dec-a' }), { kind: 'RESCIND_SANCTION' }));
    expect(() => decideWithRemedy(g, 'C1', decideAppealCommand('AP-B', '2022-05-10', 'UPHELD', { id: 'dec-b' }), { kind: 'RESCIND_SANCTION' })).toThrow(
      expect.objectContaining({ code: 'RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED' }),
    );
    g.ledger.execute(decideAppealCommand('AP-B', '2022-05-10', 'UPHELD', { id: 'dec-b' }));
    expect(remedyMissing(complianceFindings(stored(g, STREAMS), { asOf: LATER }))).toEqual([]);
  });
});

describe('N5/TM9 复核或申诉成立未纠正: two appeals against one grade, the grade corrected through the other one', () => {
  it('given AP-A upheld without a remedy and AP-B upheld with the grade corrected, then neither is listed; as known before the correction, AP-A is', () => {
    const g = given(
      registerCadre('C1'),
      assess('C1', 2021, 'BASICALLY_COMPETENT', { id: 'g2021', date: '2022-01-15' }),
      fileAppeal('AP-A', '2022-02-01', 'C1', 'g2021', { id: 'file-a' }),
      fileAppeal('AP-B', '2022-02-02', 'C1', 'g2021', { id: 'file-b' }),
      decideAppealCommand('AP-A', '2022-02-20', 'UPHELD', { id: 'dec-a' }),
    );
    g.ledger.append(decideWithRemedy(g, 'C1', decideAppealCommand('AP-B', '2022-03-01', 'UPHELD', { id: 'dec-b' }), { kind: 'CORRECT_GRADE', grade: 'COMPETENT' }));
    const events = stored(g, STREAMS);
    expect(byId(events, 'dec-b:retract')).toMatchObject({ type: 'EntryRetracted', data: { targetEventId: 'g2021' } });
    expect(remedyMissing(complianceFindings(events, { asOf: LATER }))).toEqual([]);
    expect(remedyMissing(complianceFindings(events, { asOf: LATER, knownAt: justBefore(byId(events, 'dec-b').recordedAt) }))).toEqual(['AP-A']);
  });
});

describe('N5 复核或申诉成立未纠正: a grade corrected by hand after an upheld appeal is a remedy only if more favourable', () => {
  /** BASICALLY_COMPETENT for 2021 appealed and upheld without a remedy; the clerk then retracts it and, unless `grade` is null, records `grade` in its place. */
  function correctedBy(grade: Grade | null) {
    const g = given(
      registerCadre('C1'),
      assess('C1', 2021, 'BASICALLY_COMPETENT', { id: 'g1', date: '2022-01-15' }),
      fileAppeal('AP', '2022-01-20', 'C1', 'g1', { id: 'file' }),
      decideAppealCommand('AP', '2022-02-10', 'UPHELD', { id: 'dec' }),
    );
    g.ledger.execute(retract('C1', '2022-02-11', 'g1', { id: 'undo' }));
    if (grade) g.ledger.execute(assess('C1', 2021, grade, { id: 'g2', date: '2022-02-11' }));
    return stored(g, ['cadre-C1', 'appeal-AP']);
  }
  const listed = (events: readonly RecordedEvent[], grades?: GradeLookup) =>
    complianceFindings(events, { asOf: LATER }, undefined, grades).filter((f) => f.kind === 'APPEAL_REMEDY_MISSING');

  // Found by a review: INCOMPETENT in place of the upheld BASICALLY_COMPETENT cleared the finding.
  it.each([
    ['INCOMPETENT (heavier)', 'INCOMPETENT', true],
    ['BASICALLY_COMPETENT (as heavy)', 'BASICALLY_COMPETENT', true],
    ['UNGRADED (more favourable: counts for neither side)', 'UNGRADED', false],
    ['COMPETENT (more favourable)', 'COMPETENT', false],
    ['nothing (the grade withdrawn)', null, false],
  ] as const)('given the grade replaced by %s (%s), then the appeal stays listed: %s', (_, grade, stillListed) => {
    const events = correctedBy(grade);
    const findings = listed(events);
    expect(findings.length > 0).toBe(stillListed);
    if (stillListed) expect(findings[0]!.evidence).toEqual(['file', 'dec', 'g2']);
    // The projection keeps no grades: the career facts answer the same through gradeLookup.
    const withoutGrades = events.filter((e) => e.type !== 'AnnualAssessmentRecorded');
    expect(listed(withoutGrades, gradeLookup(ledgerFactsOf(events), undefined))).toEqual(findings);
  });
});
