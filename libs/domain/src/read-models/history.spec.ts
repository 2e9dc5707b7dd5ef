/**
 * A cadre's history as auditors read it (T1, T4, TM9): every event with its links both ways, the
 * retracted ones shown but not counted, the future-dated ones flagged as scheduled, and the
 * `asOf` / `knownAt` / `onlyEffective` filters at their boundaries.
 */
import type { RecordedEvent } from '../events/domain-event';
import { cadreHistory, type HistoryEntry } from './history';
import { d, SpecLedger } from './spec-ledger';
import { registerCadre, rescind, retract, sanction } from '../testing/commands';
import { given as givenCommands } from '../testing/given-when-then';

const caused = (e: RecordedEvent, by: string): RecordedEvent => ({ ...e, causationId: by }) as RecordedEvent;
const byId = (entries: readonly HistoryEntry[]): Map<string, HistoryEntry> => new Map(entries.map((h) => [h.event.eventId, h]));
const ids = (entries: readonly HistoryEntry[]): string[] => entries.map((h) => h.event.eventId);

/**
 * C1: registered; a warning S1 (2018-03-01); a grade retracted as a clerical error; an appeal
 * against S1; the rescission of S1 caused by the appeal's decision; an appointment effective
 * 2030-06-01 (future-dated, T4).
 */
function given(): { events: RecordedEvent[]; ev: Record<string, string> } {
  const l = new SpecLedger();
  const reg = l.cadre('C1');
  const sanction = l.sanction('C1', '2018-03-01', 'S1', 'WARNING', { recordedAt: '2018-03-02T08:00:00.000Z' });
  const grade = l.grade('C1', 2018, 'COMPETENT', { recordedAt: '2019-01-21T08:00:00.000Z' });
  const retraction = l.retract('C1', '2019-02-01', grade, { recordedAt: '2019-02-01T08:00:00.000Z' });
  const appeal = l.add(
    'appeal-A1',
    'AppealFiled',
    '2018-04-01',
    { appealId: 'A1', cadreId: 'C1', targetEventId: sanction, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: d('2018-03-05') },
    { recordedAt: '2019-03-01T08:00:00.000Z' },
  );
  const decision = l.add('appeal-A1', 'AppealDecided', '2019-04-01', { appealId: 'A1', outcome: 'UPHELD', reasoning: '撤销处分' }, { recordedAt: '2019-04-01T08:00:00.000Z' });
  const rescission = l.rescind('C1', '2019-04-02', 'S1', { recordedAt: '2019-04-02T08:00:00.000Z' });
  const future = l.appoint('C1', '2030-06-01', 'T01', 'HEAD', { recordedAt: '2019-05-01T08:00:00.000Z' });
  const events = l.events.map((e) => (e.eventId === rescission ? caused(e, decision) : e));
  return { events, ev: { reg, sanction, grade, retraction, appeal, decision, rescission, future } };
}

describe('cadre history (T1, T4, TM9: every event, linked both ways)', () => {
  it('given a retraction, an appeal and a rescission caused by the appeal decision, then each event shows its links both ways and nothing more', () => {
    const { events, ev } = given();
    const h = byId(cadreHistory(events));
    expect(h.get(ev.sanction)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [ev.rescission], appealedBy: [ev.appeal], causes: [] });
    expect(h.get(ev.rescission)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], rescinds: ev.sanction, causedBy: ev.decision });
    expect(h.get(ev.decision)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [ev.rescission], appealOf: ev.sanction });
    expect(h.get(ev.grade)!.links).toStrictEqual({ retractedBy: [ev.retraction], rescindedBy: [], appealedBy: [], causes: [] });
    expect(h.get(ev.retraction)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], retracts: ev.grade });
    expect(h.get(ev.appeal)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], appealOf: ev.sanction });
    expect(h.get(ev.reg)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [] });
  });

  it('given the rescission entered by hand naming the appeal (no causation), then it links to the appeal’s decision both ways, or to its filing as known before the decision (TM9; found by a review)', () => {
    const { events, ev } = given();
    const byHand = events.map((e) => (e.eventId === ev.rescission ? ({ ...e, causationId: null, data: { ...e.data, appealId: 'A1' } } as RecordedEvent) : e));
    const h = byId(cadreHistory(byHand));
    expect(h.get(ev.rescission)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], rescinds: ev.sanction, forAppeal: ev.decision });
    expect(h.get(ev.decision)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], appealOf: ev.sanction, carriedOutBy: [ev.rescission] });
    // Recorded before the decision (a rescission ahead of its decision's record): the filing.
    const early = byHand.map((e) => (e.eventId === ev.decision ? ({ ...e, recordedAt: '2019-04-03T08:00:00.000Z' } as RecordedEvent) : e));
    expect(byId(cadreHistory(early, { knownAt: '2019-04-02T09:00:00.000Z' })).get(ev.rescission)!.links.forAppeal).toBe(ev.appeal);
    // A rescission naming no appeal, or one the history does not hold, links to none.
    const none = byId(cadreHistory(byHand.map((e) => (e.eventId === ev.rescission ? ({ ...e, data: { ...e.data, appealId: 'A9' } } as RecordedEvent) : e))));
    expect(none.get(ev.rescission)!.links.forAppeal).toBeUndefined();
  });

  it('given two events caused by the same one, then the cause lists both in recorded order', () => {
    const { events, ev } = given();
    const withTwo = events.map((e) => (e.eventId === ev.future ? caused(e, ev.decision) : e));
    expect(byId(cadreHistory(withTwo)).get(ev.decision)!.links.causes).toEqual([ev.rescission, ev.future]);
  });

  it('given a retracted grade, then it is shown, marked as not counting, and every other event counts', () => {
    const { events, ev } = given();
    const history = cadreHistory(events);
    expect(ids(history)).toEqual(events.map((e) => e.eventId));
    expect(history.filter((x) => !x.counts).map((x) => x.event.eventId)).toEqual([ev.grade]);
  });

  it('given a rescission of a sanction not in the history, then it links to nothing', () => {
    const { events, ev } = given();
    const h = byId(cadreHistory(events.filter((e) => e.eventId !== ev.sanction)));
    expect(h.get(ev.rescission)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [], causedBy: ev.decision });
  });

  describe('asOf (T4: future-dated events are scheduled)', () => {
    it('given no asOf and no today, then nothing is scheduled', () => {
      expect(cadreHistory(given().events).some((x) => x.scheduled)).toBe(false);
    });

    it.each(['2019-01-31', '2019-02-01', '2019-02-02'])('given asOf %s against a retraction effective 2019-02-01, then it is not scheduled: it acts once known, whatever its date, and its grade does not count (found by an API review)', (asOf) => {
      const { events, ev } = given();
      const history = byId(cadreHistory(events, { asOf: d(asOf) }));
      expect(history.get(ev.retraction)!.scheduled).toBe(false);
      expect(history.get(ev.grade)!.counts).toBe(false);
      // The rescission acts once known too (TM9); the appointment of 2030 keeps its date.
      expect(history.get(ev.rescission)!.scheduled).toBe(false);
      expect(history.get(ev.future)!.scheduled).toBe(true);
    });

    it.each([
      ['2030-05-31', true],
      ['2030-06-01', false],
      ['2030-06-02', false],
    ])('given no asOf and today %s, then the appointment effective 2030-06-01 is scheduled: %s (found by review: the flag was never set)', (today, scheduled) => {
      const { events, ev } = given();
      const history = cadreHistory(events, { today: d(today) });
      expect(ids(history)).toEqual(events.map((e) => e.eventId));
      expect(history.filter((x) => x.scheduled).map((x) => x.event.eventId)).toEqual(scheduled ? [ev.future] : []);
    });

    it.each([
      ['2030-05-31', true],
      ['2030-06-01', false],
      ['2030-06-02', false],
    ])('given asOf %s against an appointment effective 2030-06-01, then scheduled is %s and only that event can be', (asOf, scheduled) => {
      const { events, ev } = given();
      const history = cadreHistory(events, { asOf: d(asOf) });
      expect(ids(history)).toEqual(events.map((e) => e.eventId));
      expect(history.filter((x) => x.scheduled).map((x) => x.event.eventId)).toEqual(scheduled ? [ev.future] : []);
    });

    it.each([
      ['2030-05-31', false],
      ['2030-06-01', true],
      ['2030-06-02', true],
    ])('given onlyEffective and asOf %s, then the appointment effective 2030-06-01 is kept: %s', (asOf, kept) => {
      const { events, ev } = given();
      const history = cadreHistory(events, { asOf: d(asOf), onlyEffective: true });
      expect(ids(history)).toEqual(events.map((e) => e.eventId).filter((id) => kept || id !== ev.future));
    });

    it('given onlyEffective without asOf, then every event is kept', () => {
      const { events } = given();
      expect(ids(cadreHistory(events, { onlyEffective: true }))).toEqual(events.map((e) => e.eventId));
    });

    it('given an asOf before the rescission with onlyEffective, then the events effective by then remain, and the appeal and rescission of a shown sanction too, flagged scheduled, so their links resolve (TM9; found by a review)', () => {
      const { events, ev } = given();
      const history = cadreHistory(events, { asOf: d('2018-03-01'), onlyEffective: true });
      // Not the grade (2018), its retraction or the appointment of 2030: they bear on nothing shown.
      expect(ids(history)).toEqual([ev.reg, ev.sanction, ev.appeal, ev.decision, ev.rescission]);
      expect(history[1]!.links).toEqual(expect.objectContaining({ rescindedBy: [ev.rescission], appealedBy: [ev.appeal] }));
      // The appeal and its decision by their dates; the rescission acts once known (TM9: void from its start).
      expect(history.map((x) => x.scheduled)).toEqual([false, false, true, true, false]);
      expect(history[4]!.links).toEqual(expect.objectContaining({ rescinds: ev.sanction, causedBy: ev.decision }));
    });
    it('given one append of several streams that stored the appeal and its decision before the sanction they name (an import’s chunk), then as of a day before the appeal they are still kept, flagged scheduled (found by a review: dropped, the sanction’s appealedBy dangling)', () => {
      const { events, ev } = given();
      const appealFirst = [...events.filter((e) => e.streamId === 'appeal-A1'), ...events.filter((e) => e.streamId !== 'appeal-A1')];
      const history = cadreHistory(appealFirst, { asOf: d('2018-03-01'), onlyEffective: true });
      expect(ids(history)).toEqual([ev.appeal, ev.decision, ev.reg, ev.sanction, ev.rescission]);
      expect(history.filter((x) => x.scheduled).map((x) => x.event.eventId)).toEqual([ev.appeal, ev.decision]);
    });
    it('given an asOf before a rescission that was itself retracted later, then the retraction is kept too, so the rescission’s retractedBy resolves (found by a review: one level deep)', () => {
      const l = new SpecLedger();
      const reg = l.cadre('C1');
      const warning = l.sanction('C1', '2022-03-01', 'S1', 'WARNING');
      const rescission = l.rescind('C1', '2022-05-01', 'S1');
      const undo = l.retract('C1', '2022-06-01', rescission);
      const history = cadreHistory(l.events, { asOf: d('2022-04-01'), onlyEffective: true });
      expect(ids(history)).toEqual([reg, warning, rescission, undo]);
      expect(byId(history).get(rescission)!).toMatchObject({ scheduled: false, counts: false, links: { retractedBy: [undo] } });
      expect(byId(history).get(undo)!).toMatchObject({ scheduled: false, links: { retracts: rescission } });
    });

    it('given an asOf before an upheld appeal whose decision corrected the grade, then the remedy (the retraction and the grade in its place) is kept with the decision (found by a review)', () => {
      const l = new SpecLedger();
      const reg = l.cadre('C1');
      const grade = l.grade('C1', 2021, 'BASICALLY_COMPETENT', { date: '2022-01-15' });
      const filed = l.add('appeal-A5', 'AppealFiled', '2022-01-20', { appealId: 'A5', cadreId: 'C1', targetEventId: grade, stage: 'REVIEW', grounds: '考核程序不当', learnedOfDecisionDate: d('2022-01-16') });
      const decided = l.add('appeal-A5', 'AppealDecided', '2022-02-10', { appealId: 'A5', outcome: 'UPHELD', reasoning: '更正为称职' });
      const undo = l.retract('C1', '2022-02-10', grade);
      const regrade = l.grade('C1', 2021, 'COMPETENT', { date: '2022-02-10' });
      const events = l.events.map((e) => (e.eventId === undo || e.eventId === regrade ? caused(e, decided) : e));
      const history = cadreHistory(events, { asOf: d('2022-02-01'), onlyEffective: true });
      expect(ids(history)).toEqual([reg, grade, filed, decided, undo, regrade]);
      expect(byId(history).get(decided)!.links.causes).toEqual([undo, regrade]);
      // The decision and the grade in its place by their dates; the retraction acts once known.
      expect(history.slice(3).map((h) => h.scheduled)).toEqual([true, false, true]);
    });
  });

  describe('knownAt (T1: as the ledger stood then)', () => {
    it.each([
      ['2019-02-01T07:59:59.999Z', true, []],
      ['2019-02-01T08:00:00.000Z', false, ['retraction']],
      ['2019-02-01T08:00:00.001Z', false, ['retraction']],
    ])('given knownAt %s against a retraction recorded at 08:00:00.000, then the grade counts: %s', (knownAt, counts, retractedBy) => {
      const { events, ev } = given();
      const history = cadreHistory(events, { knownAt });
      const grade = byId(history).get(ev.grade)!;
      expect(grade.counts).toBe(counts);
      expect(grade.links.retractedBy).toEqual(retractedBy.map((k) => ev[k]));
      expect(ids(history)).toEqual(events.filter((e) => e.recordedAt <= new Date(knownAt).toISOString()).map((e) => e.eventId));
    });

    it.each([
      ['2019-01-31', true],
      ['2019-02-01', false],
      ['2019-02-02', false],
    ])('given knownAt %s as a bare date (the end of that day, Beijing time) against the retraction recorded at 16:00 Beijing time on 2019-02-01, then the grade counts: %s', (knownAt, counts) => {
      const { events, ev } = given();
      expect(byId(cadreHistory(events, { knownAt })).get(ev.grade)!.counts).toBe(counts);
    });

    it('given knownAt before the rescission and the appeal were recorded, then the sanction has no rescission and no appeal', () => {
      const { events, ev } = given();
      const history = cadreHistory(events, { knownAt: '2019-02-28T00:00:00.000Z' });
      expect(ids(history)).toEqual([ev.reg, ev.sanction, ev.grade, ev.retraction]);
      expect(byId(history).get(ev.sanction)!.links).toStrictEqual({ retractedBy: [], rescindedBy: [], appealedBy: [], causes: [] });
    });
  });
});

describe('cadre history: a rescission voids the sanction standing when it was recorded (found by a review)', () => {
  it('given S1 imposed (a), rescinded (r1), the rescission retracted, a retracted as a clerical error and S1 recorded again (b), then r1 rescinds a and b has no rescission', () => {
    // Written through the deciders, as an API write or an import line would be: each step is accepted.
    const g = givenCommands(
      registerCadre('C1'),
      sanction('C1', '2022-03-01', 'S1', 'WARNING', { id: 'a' }),
      rescind('C1', '2022-05-01', 'S1', { id: 'r1' }),
      retract('C1', '2022-06-01', 'r1', { id: 'x-r1' }),
      retract('C1', '2022-06-02', 'a', { id: 'x-a' }),
      sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 'b' }),
    );
    const h = new Map(cadreHistory(g.ledger.events('cadre-C1')).map((e) => [e.event.eventId, e]));
    expect(h.get('r1')!.links.rescinds).toBe('a');
    expect(h.get('a')!.links.rescindedBy).toEqual(['r1']);
    expect(h.get('b')!.links.rescindedBy).toEqual([]);
  });
});
