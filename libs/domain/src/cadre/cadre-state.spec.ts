import { given } from '../testing/given-when-then';
import { appoint, assess, decideAppealCommand, fileAppeal, promote, registerCadre, removeFromPost, rescind, retract, sanction, setRank, township, transfer } from '../testing/commands';
import { parseCareerCommand, type CareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
import { calendarDate } from '../time/calendar-date';
import type { RecordedEvent } from '../events/domain-event';
import { cadreFacts, cadreStateOf, cadreView, compactCadreState, deriveCadreView, evolveCadre, findCadreEvent, hasCadreEvent, postHeldOn, rankOn, remedyDecisionOf, sanctionRecordsOf } from './cadre-state';

const d = calendarDate;

describe('cadre state: evolve keeps a fact of every event, the view folds those that count', () => {
  const { ledger } = given(
    township('T01'),
    township('T02'),
    registerCadre('A', '1980-05-10'),
    appoint('A', '2016-03-01', 'T01', 'HEAD', { id: 'a-in' }),
    transfer('A', '2019-03-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY'], { id: 'a-move' }),
    setRank('A', '2015-01-01', 'CLERK_1', { id: 'rank' }),
    promote('A', '2017-01-01', 'CLERK_1', 'PRINCIPAL_STAFF_4', { id: 'promo' }),
    assess('A', 2017, 'EXCELLENT', { id: 'g2017' }),
    assess('A', 2018, 'COMPETENT', { id: 'g2018' }),
    sanction('A', '2018-06-01', 'S1', 'WARNING', { id: 's1' }),
    rescind('A', '2018-09-01', 'S1', { id: 'r1' }),
    retract('A', '2019-02-01', 'g2018', { id: 'fix' }),
  );
  const state = ledger.cadre('A');
  const view = cadreView(state);

  it('hands over the view the decider foresaw, equal to a fresh derivation (sanctions derived again)', () => {
    // The test ledger evolves the states it decided against, so this view is the retraction's replay.
    expect(view).toEqual(deriveCadreView(state.cadreId, cadreFacts(state), state.retractedBy));
  });

  it('exposes the registration, the event ids and the retractions', () => {
    expect(state.cadreId).toBe('A');
    expect(state.revision).toBe(9); // ten events, 0-based
    expect(view.registration?.data.birthDate).toBe('1980-05-10');
    expect(hasCadreEvent(state, 'g2018')).toBe(true); // still in the history
    expect(state.retractedBy.get('g2018')).toBe('fix');
  });

  it('posts held with their intervals (T2)', () => {
    expect(view.posts).toEqual([
      { orgUnitId: 'T01', role: 'HEAD', from: '2016-03-01', to: '2019-03-01', takenBy: 'a-in', leftBy: 'a-move' },
      { orgUnitId: 'T02', role: 'PARTY_SECRETARY', from: '2019-03-01', takenBy: 'a-move' },
    ]);
    expect(postHeldOn(view, 'T01', 'HEAD', d('2019-02-28'))).toBeDefined();
    expect(postHeldOn(view, 'T01', 'HEAD', d('2019-03-01'))).toBeUndefined();
  });

  it('the rank and since when', () => {
    expect(rankOn(view, d('2016-12-31'))?.rank).toBe('CLERK_1');
    expect(rankOn(view, d('2017-01-01'))).toMatchObject({ rank: 'PRINCIPAL_STAFF_4', from: '2017-01-01', setBy: 'promo' });
  });

  it('assessments by year, without the retracted one', () => {
    expect([...view.assessments.keys()]).toEqual([2017]);
  });

  it('sanctions with their rescission, as N3 takes them', () => {
    expect(view.sanctions).toEqual([expect.objectContaining({ sanctionId: 'S1', eventId: 's1', rescindedBy: 'r1' })]);
    expect(sanctionRecordsOf(state)).toEqual([expect.objectContaining({ sanctionId: 'S1', rescinded: true, retracted: false })]);
  });

  it('has no anomalies', () => {
    expect(view.anomalies).toEqual([]);
  });

  it('a back-dated removal is placed by its effective date (T2), same-day events by append order', () => {
    const g = given(
      township('T01'),
      registerCadre('B'),
      appoint('B', '2016-03-01', 'T01', 'STAFF', { id: 'b1' }),
      removeFromPost('B', '2016-03-01', 'T01', 'STAFF', { id: 'b2' }),
      appoint('B', '2016-03-01', 'T01', 'STAFF', { id: 'b3' }),
    );
    expect(cadreView(g.ledger.cadre('B')).posts).toEqual([
      { orgUnitId: 'T01', role: 'STAFF', from: '2016-03-01', to: '2016-03-01', takenBy: 'b1', leftBy: 'b2' },
      { orgUnitId: 'T01', role: 'STAFF', from: '2016-03-01', takenBy: 'b3' },
    ]);
  });

  it('states evolved from one another share their facts; evolving an older state branches without touching the newer one', () => {
    const g = given(township('T01'), registerCadre('E'), appoint('E', '2016-03-01', 'T01', 'STAFF', { id: 'e-in' }));
    const base = g.ledger.cadre('E');
    const recorded = (id: string, date: string): RecordedEvent => ({
      type: 'RemovedFromPost',
      data: { orgUnitId: 'T01', role: 'STAFF', reason: 'ADJUSTMENT' },
      effectiveDate: d(date),
      eventId: id,
      streamId: 'cadre-E',
      revision: base.revision! + 1,
      globalPosition: 0,
      recordedAt: '2030-01-01T00:00:00.000Z',
      actor: 'spec',
    });
    const newer = evolveCadre(base, recorded('e-out-1', '2018-01-01'));
    const branch = evolveCadre(base, recorded('e-out-2', '2019-01-01'));
    expect(hasCadreEvent(base, 'e-out-1')).toBe(false); // a state sees the facts up to its revision
    expect(hasCadreEvent(newer, 'e-out-1')).toBe(true);
    expect(hasCadreEvent(branch, 'e-out-1')).toBe(false);
    expect(findCadreEvent(branch, 'e-out-2')).toMatchObject({ type: 'RemovedFromPost', effectiveDate: '2019-01-01' });
    expect(cadreView(newer).posts).toEqual([{ orgUnitId: 'T01', role: 'STAFF', from: '2016-03-01', to: '2018-01-01', takenBy: 'e-in', leftBy: 'e-out-1' }]);
    expect(cadreView(branch).posts).toEqual([{ orgUnitId: 'T01', role: 'STAFF', from: '2016-03-01', to: '2019-01-01', takenBy: 'e-in', leftBy: 'e-out-2' }]);
    expect(cadreFacts(newer).map((f) => f.eventId)).toEqual([...cadreFacts(base).map((f) => f.eventId), 'e-out-1']);
    expect(cadreFacts(branch).map((f) => f.eventId)).toEqual([...cadreFacts(base).map((f) => f.eventId), 'e-out-2']);
  });
});

describe('cadre state: the remedies an upheld appeal wrote, by event id (who may retract one is asked on this state)', () => {
  function remedied() {
    const g = given(registerCadre('C1'), sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 's1' }), fileAppeal('AP-A', '2022-03-10', 'C1', 's1'));
    const decision = parseCareerCommand({ ...decideAppealCommand('AP-A', '2022-04-01', 'UPHELD', { id: 'dec-a' }), remedy: { kind: 'RESCIND_SANCTION' } } as CareerCommand);
    g.ledger.append(decideCareerCommand(decision, { ...g.ledger.context(decision), cadre: g.ledger.cadre('C1') }));
    return g.ledger;
  }

  it('given an upheld decision with its rescission, then the rescission is known as that decision’s remedy; the sanction is not', () => {
    const state = remedied().cadre('C1');
    expect(remedyDecisionOf(state, 'dec-a:rescind')).toBe('dec-a');
    expect(remedyDecisionOf(state, 's1')).toBeUndefined();
  });

  it('given the state compacted (a bulk import’s cache), or derived from the stored events at once, then the same', () => {
    const ledger = remedied();
    expect(remedyDecisionOf(compactCadreState(ledger.cadre('C1')), 'dec-a:rescind')).toBe('dec-a');
    expect(remedyDecisionOf(cadreStateOf([...ledger.events('cadre-C1')]), 'dec-a:rescind')).toBe('dec-a');
  });
});

describe('cadre state: a grade recorded again after retractions counts from the earliest retracted record of its year, when earlier than its own date (T4)', () => {
  it.each([
    ['2019-01-15 and 2019-03-01', '2019-01-15', ['2019-01-15', '2019-03-01']],
    ['2019-03-01 and 2019-01-15', '2019-01-15', ['2019-03-01', '2019-01-15']],
    ['2019-09-01 (after the correction)', '2019-06-01', ['2019-09-01']],
  ] as const)('given 2018 recorded on %s, each retracted, then the EXCELLENT recorded for it on 2019-06-01 counts from %s, evolved or derived at once', (_, inForceFrom, retracted) => {
    const { ledger } = given(
      registerCadre('A'),
      ...retracted.flatMap((date, i) => [assess('A', 2018, 'COMPETENT', { id: `g${i}`, date }), retract('A', '2019-10-01', `g${i}`)]),
      assess('A', 2018, 'EXCELLENT', { id: 'fixed', date: '2019-06-01' }),
    );
    const expected = { eventId: 'fixed', effectiveDate: '2019-06-01', inForceFrom };
    expect(cadreView(ledger.cadre('A')).assessments.get(2018)).toMatchObject(expected);
    expect(cadreView(cadreStateOf([...ledger.events('cadre-A')])).assessments.get(2018)).toMatchObject(expected);
  });
});
