import { given, rejected } from '../testing/given-when-then';
import { appoint, department, MUNICIPAL, registerCadre, removeFromPost, retract, township, transfer } from '../testing/commands';
import { calendarDate } from '../time/calendar-date';
import type { DomainError } from '../errors';
import { ROLES } from '../vocabulary';
import {
  byDateThenRevision,
  holderTimeline,
  isSingleHolderPost,
  isTownshipChiefPost,
  isTownshipLeadershipPost,
  p2NewConflicts,
  p2OverlapsLaterHolder,
  p2PostOccupied,
  type HolderInterval,
  type HolderMarker,
} from './posts';
import type { Role } from '../vocabulary';

const d = calendarDate;

describe('P1 township chief (党政正职) and leadership team (领导班子)', () => {
  it('a chief is the PARTY_SECRETARY or HEAD of a TOWNSHIP, nothing else', () => {
    expect(ROLES.filter((r) => isTownshipChiefPost('TOWNSHIP', r))).toEqual(['PARTY_SECRETARY', 'HEAD']);
    expect(ROLES.filter((r) => isTownshipChiefPost('COUNTY_DEPARTMENT', r))).toEqual([]);
  });

  it('the leadership team is every township role except STAFF', () => {
    expect(ROLES.filter((r) => !isTownshipLeadershipPost('TOWNSHIP', r))).toEqual(['STAFF']);
    expect(ROLES.filter((r) => isTownshipLeadershipPost('COUNTY_DEPARTMENT', r))).toEqual([]);
  });

  it('single-holder posts are the chiefs of a township', () => {
    expect(ROLES.filter((r) => isSingleHolderPost('TOWNSHIP', r))).toEqual(['PARTY_SECRETARY', 'HEAD']);
    expect(isSingleHolderPost('COUNTY_DEPARTMENT', 'HEAD')).toBe(false);
    expect(isSingleHolderPost(undefined, 'HEAD')).toBe(false);
  });
});

describe('P2 single-holder posts: a township has one party secretary and one head at any time', () => {
  // A holds the secretary post of T01 from 2016-03-01; the removal takes effect 2020-01-01.
  const incumbent = [
    township('T01'),
    registerCadre('A'),
    registerCadre('B'),
    appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-in' }),
  ];
  const removedOn20200101 = removeFromPost('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'a-out', reason: 'TRANSFER' });

  it('refuses an appointment the day before the incumbent’s removal takes effect', () => {
    const refusal = given(...incumbent, removedOn20200101)
      .when(appoint('B', '2019-12-31', 'T01', 'PARTY_SECRETARY'))
      .then(rejected('RULE_P2_POST_OCCUPIED', { kind: 'INTEGRITY', ruleId: 'P2', field: 'data.role' })) as DomainError;
    // The cadres it names, by id, for the application layer to name (the domain reads no names).
    expect(refusal.cadreIds).toEqual(['A', 'B']);
    expect(refusal.cadreNames).toBeUndefined();
    // The township it names, by id, for the application layer to name (a clerk may not read the list of townships).
    expect(refusal.orgUnitIds).toEqual(['T01']);
    expect(refusal.orgUnitNames).toBeUndefined();
  });

  it('accepts an appointment on the day the removal takes effect (T2: the removal date is exclusive) and marks the holder change', () => {
    given(...incumbent, removedOn20200101)
      .when(appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'b-in' }))
      .then([
        { streamId: 'cadre-B', events: [{ eventId: 'b-in', type: 'AppointedToPost', effectiveDate: '2020-01-01' }] },
        {
          streamId: 'orgunit-T01',
          events: [
            {
              eventId: 'b-in:T01:PARTY_SECRETARY',
              type: 'PostHolderChanged',
              effectiveDate: '2020-01-01',
              causationId: 'b-in',
              data: { role: 'PARTY_SECRETARY', cadreId: 'B', change: 'TAKEN', sourceEventId: 'b-in' },
            },
          ],
        },
      ]);
  });

  it('accepts an appointment the day after the removal', () => {
    given(...incumbent, removedOn20200101)
      .when(appoint('B', '2020-01-02', 'T01', 'PARTY_SECRETARY'))
      .then([
        { streamId: 'cadre-B', events: [{ type: 'AppointedToPost' }] },
        { streamId: 'orgunit-T01', events: [{ type: 'PostHolderChanged', data: { change: 'TAKEN', cadreId: 'B' } }] },
      ]);
  });

  it('refuses while no removal is recorded at all', () => {
    given(...incumbent).when(appoint('B', '2030-01-01', 'T01', 'PARTY_SECRETARY')).then(rejected('RULE_P2_POST_OCCUPIED'));
  });

  it('same day: an appointment recorded before the incumbent’s same-day removal is refused (append order)', () => {
    given(...incumbent).when(appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY')).then(rejected('RULE_P2_POST_OCCUPIED'));
  });

  it('is not lifted by an override: two holders make the record incoherent', () => {
    given(...incumbent)
      .when(appoint('B', '2019-06-01', 'T01', 'PARTY_SECRETARY', { override: { reason: 'urgent' } }))
      .then(rejected('RULE_P2_POST_OCCUPIED'));
  });

  it('the secretary and the head are separate posts', () => {
    given(...incumbent)
      .when(appoint('B', '2019-06-01', 'T01', 'HEAD'))
      .then([
        { streamId: 'cadre-B', events: [{ type: 'AppointedToPost' }] },
        { streamId: 'orgunit-T01', events: [{ data: { role: 'HEAD', change: 'TAKEN' } }] },
      ]);
  });

  it('deputy posts have several holders and no markers', () => {
    given(...incumbent, appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD'))
      .when(appoint('B', '2019-06-01', 'T01', 'DEPUTY_HEAD'))
      .then([{ streamId: 'cadre-B', events: [{ type: 'AppointedToPost' }] }]);
  });

  it('a county department’s HEAD is not a township single-holder post', () => {
    given(department('D01'), registerCadre('A'), registerCadre('B'), appoint('A', '2016-03-01', 'D01', 'HEAD'))
      .when(appoint('B', '2019-06-01', 'D01', 'HEAD'))
      .then([{ streamId: 'cadre-B', events: [{ type: 'AppointedToPost' }] }]);
  });

  it('a transfer into an occupied post is refused; into a vacated one it leaves one post and takes the other', () => {
    const facts = [...incumbent, township('T02'), appoint('B', '2015-01-01', 'T02', 'PARTY_SECRETARY', { id: 'b-in' })];
    given(...facts)
      .when(transfer('B', '2019-06-01', ['T02', 'PARTY_SECRETARY'], ['T01', 'PARTY_SECRETARY']))
      .then(rejected('RULE_P2_POST_OCCUPIED', { field: 'data.to' }));
    given(...facts, removedOn20200101)
      .when(transfer('B', '2020-01-01', ['T02', 'PARTY_SECRETARY'], ['T01', 'PARTY_SECRETARY'], { id: 'b-move' }))
      .then([
        { streamId: 'cadre-B', events: [{ type: 'Transferred' }] },
        { streamId: 'orgunit-T02', events: [{ data: { change: 'LEFT', cadreId: 'B', sourceEventId: 'b-move' } }] },
        { streamId: 'orgunit-T01', events: [{ data: { change: 'TAKEN', cadreId: 'B', sourceEventId: 'b-move' } }] },
      ]);
  });

  describe('a back-dated taking must not overlap a later holder’s tenure (found 2026-12-02: two secretaries were accepted)', () => {
    // B holds the secretary post of T01 from 2020-01-01; A is appointed with an earlier date, no end.
    const laterHolder = [township('T01'), registerCadre('A'), registerCadre('B'), appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'b-in' })];

    it('given the later holder from 2020-01-01, when A is appointed the day before, then refused naming the later taking', () => {
      const g = given(...laterHolder);
      g.when(appoint('A', '2019-12-31', 'T01', 'PARTY_SECRETARY')).then(rejected('RULE_P2_POST_OCCUPIED', { kind: 'INTEGRITY', ruleId: 'P2', field: 'data.role' }));
      expect(() => g.ledger.decide(appoint('A', '2019-12-31', 'T01', 'PARTY_SECRETARY'))).toThrow(/taken by B on 2020-01-01 \(event b-in\)/);
    });

    it('given the later holder, when A is appointed on the day B took it or the day after, then refused (B holds it then)', () => {
      for (const date of ['2020-01-01', '2020-01-02']) given(...laterHolder).when(appoint('A', date, 'T01', 'PARTY_SECRETARY')).then(rejected('RULE_P2_POST_OCCUPIED'));
    });

    it('given the later tenure already closed, then a back-dated open-ended taking is still refused: it would run through it', () => {
      given(...laterHolder, removeFromPost('B', '2021-01-01', 'T01', 'PARTY_SECRETARY', { reason: 'TRANSFER', approval: MUNICIPAL }))
        .when(appoint('A', '2019-06-01', 'T01', 'PARTY_SECRETARY'))
        .then(rejected('RULE_P2_POST_OCCUPIED'));
    });

    it('given a later holder of the other chief post, or of the post elsewhere, then the back-dated appointment is accepted', () => {
      given(...laterHolder).when(appoint('A', '2019-06-01', 'T01', 'HEAD')).then([{ streamId: 'cadre-A', events: [{ type: 'AppointedToPost' }] }, { streamId: 'orgunit-T01', events: [{ data: { role: 'HEAD', change: 'TAKEN' } }] }]);
      given(...laterHolder, township('T02')).when(appoint('A', '2019-06-01', 'T02', 'PARTY_SECRETARY')).then([{ streamId: 'cadre-A', events: [{ type: 'AppointedToPost' }] }, { streamId: 'orgunit-T02', events: [{ data: { change: 'TAKEN' } }] }]);
    });

    it('given a transfer back-dated into the post, then refused on data.to', () => {
      given(...laterHolder, township('T02'), appoint('A', '2015-01-01', 'T02', 'PARTY_SECRETARY'))
        .when(transfer('A', '2019-06-01', ['T02', 'PARTY_SECRETARY'], ['T01', 'PARTY_SECRETARY']))
        .then(rejected('RULE_P2_POST_OCCUPIED', { field: 'data.to' }));
    });

    it('a closed tenure before the later one is recorded as the error says: retract the later taking, record the tenure and its removal, record the later taking again', () => {
      const g = given(...laterHolder);
      g.ledger.execute(retract('B', '2024-05-01', 'b-in'));
      g.ledger.execute(appoint('A', '2019-06-01', 'T01', 'PARTY_SECRETARY'));
      g.ledger.execute(removeFromPost('A', '2019-12-31', 'T01', 'PARTY_SECRETARY', { reason: 'TRANSFER', approval: MUNICIPAL }));
      expect(() => g.ledger.execute(appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'b-in-again' }))).not.toThrow();
    });
  });

  it('under concurrency both appointments write the township’s stream at the same expected revision, so exactly one can be stored', () => {
    const { ledger } = given(township('T09'), registerCadre('X'), registerCadre('Y'));
    const x = ledger.decide(appoint('X', '2021-01-01', 'T09', 'HEAD'));
    const y = ledger.decide(appoint('Y', '2021-01-01', 'T09', 'HEAD'));
    const revisionOf = (decision: typeof x) => decision.find((w) => w.streamId === 'orgunit-T09')?.expectedRevision;
    expect(revisionOf(x)).toBe(0);
    expect(revisionOf(y)).toBe(0);
    ledger.append(x);
    expect(() => ledger.append(y)).toThrow(/STREAM_VERSION_CONFLICT on orgunit-T09/);
    // Retried against the new state, the loser is refused by P2.
    expect(() => ledger.decide(appoint('Y', '2021-01-01', 'T09', 'HEAD'))).toThrow(expect.objectContaining({ code: 'RULE_P2_POST_OCCUPIED' }));
  });

  describe('retractions keep the holder timeline right', () => {
    it('retracting the incumbent’s appointment writes a RETRACTED marker and frees the post', () => {
      const g = given(...incumbent);
      g.when(retract('A', '2016-04-01', 'a-in', { id: 'fix-1' })).then([
        { streamId: 'cadre-A', events: [{ type: 'EntryRetracted', data: { targetEventId: 'a-in' } }] },
        {
          streamId: 'orgunit-T01',
          events: [{ eventId: 'fix-1:T01:PARTY_SECRETARY', data: { change: 'RETRACTED', sourceEventId: 'a-in', cadreId: 'A' } }],
        },
      ]);
      g.ledger.execute(retract('A', '2016-04-01', 'a-in'));
      expect(() => g.ledger.execute(appoint('B', '2016-03-01', 'T01', 'PARTY_SECRETARY'))).not.toThrow();
    });

    it('refuses to retract a removal when the re-opened tenure would overlap the successor’s', () => {
      given(...incumbent, removedOn20200101, appoint('B', '2020-01-01', 'T01', 'PARTY_SECRETARY'))
        .when(retract('A', '2020-02-01', 'a-out'))
        .then(rejected('RULE_P2_RETRACTION_CREATES_OVERLAP', { kind: 'INTEGRITY' }));
    });

    it('retracting a removal with no successor re-opens the tenure', () => {
      const g = given(...incumbent, removedOn20200101);
      g.ledger.execute(retract('A', '2020-02-01', 'a-out'));
      expect(() => g.ledger.decide(appoint('B', '2021-01-01', 'T01', 'PARTY_SECRETARY'))).toThrow(
        expect.objectContaining({ code: 'RULE_P2_POST_OCCUPIED' }),
      );
    });

    it('retracting a transfer corrects both townships', () => {
      given(township('T01'), township('T02'), registerCadre('A'), appoint('A', '2015-01-01', 'T01', 'HEAD'))
        .when(retract('A', '2021-01-01', 'move'))
        .then(rejected('RULE_I_RETRACTION_TARGET_NOT_FOUND'));
      given(
        township('T01'),
        township('T02'),
        registerCadre('A'),
        appoint('A', '2015-01-01', 'T01', 'HEAD'),
        transfer('A', '2020-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY'], { id: 'move', approval: MUNICIPAL }),
      )
        .when(retract('A', '2021-01-01', 'move'))
        .then([
          { streamId: 'cadre-A', events: [{ type: 'EntryRetracted' }] },
          { streamId: 'orgunit-T01', events: [{ data: { role: 'HEAD', change: 'RETRACTED', sourceEventId: 'move' } }] },
          { streamId: 'orgunit-T02', events: [{ data: { role: 'PARTY_SECRETARY', change: 'RETRACTED', sourceEventId: 'move' } }] },
        ]);
    });
  });
});

/** A party-secretary holder marker at `revision` (T2). */
const m = (revision: number, date: string, cadreId: string, change: HolderMarker['change'], sourceEventId: string): HolderMarker => ({
  eventId: `m${revision}`,
  revision,
  effectiveDate: d(date),
  role: 'PARTY_SECRETARY',
  cadreId,
  change,
  sourceEventId,
});

describe('holderTimeline (T2 intervals of a single-holder post)', () => {

  it('orders by effective date, then append order, and ignores retracted changes', () => {
    const t = holderTimeline([
      m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'),
      m(1, '2020-01-01', 'B', 'TAKEN', 'b-in'),
      m(2, '2019-12-31', 'A', 'LEFT', 'a-out'), // back-dated removal recorded later
      m(3, '2021-01-01', 'C', 'TAKEN', 'c-in'),
      m(4, '2021-02-01', 'C', 'RETRACTED', 'c-in'),
    ]);
    expect(t.intervals).toEqual([
      expect.objectContaining({ cadreId: 'A', from: '2016-03-01', to: '2019-12-31', takenBy: 'a-in', leftBy: 'a-out' }),
      expect.objectContaining({ cadreId: 'B', from: '2020-01-01' }),
    ]);
    expect(t.intervals[1]?.to).toBeUndefined(); // still held
    expect(t.conflicts).toEqual([]);
  });

  it('reports a taking while another holds the post as a conflict', () => {
    const t = holderTimeline([m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2017-01-01', 'B', 'TAKEN', 'b-in')]);
    expect(t.conflicts).toEqual([expect.objectContaining({ cadreId: 'B', takenBy: 'b-in', date: '2017-01-01' })]);
  });
});

describe('T2 byDateThenRevision: effective date first, then append order', () => {
  const e = (effectiveDate: string, revision: number) => ({ effectiveDate: d(effectiveDate), revision });

  it('given different dates, then the earlier comes first whatever the revisions', () => {
    expect(byDateThenRevision(e('2020-01-01', 9), e('2020-01-02', 1))).toBeLessThan(0);
    expect(byDateThenRevision(e('2020-01-02', 1), e('2020-01-01', 9))).toBeGreaterThan(0);
  });

  it('given the same date, then the lower revision (recorded first) comes first', () => {
    expect(byDateThenRevision(e('2020-01-01', 2), e('2020-01-01', 5))).toBeLessThan(0);
    expect(byDateThenRevision(e('2020-01-01', 5), e('2020-01-01', 2))).toBeGreaterThan(0);
    expect(byDateThenRevision(e('2020-01-01', 3), e('2020-01-01', 3))).toBe(0);
  });
});

describe('P2 holderTimeline: more cases of the sweep', () => {
  const m = (revision: number, date: string, cadreId: string, change: HolderMarker['change'], sourceEventId: string, role: Role = 'PARTY_SECRETARY'): HolderMarker => ({
    eventId: `m${revision}`,
    revision,
    effectiveDate: d(date),
    role,
    cadreId,
    change,
    sourceEventId,
  });

  it('given a removal and a successor on the same day, the removal recorded first, then no conflict (append order), whatever order the markers come in', () => {
    const markers = [m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2020-01-01', 'A', 'LEFT', 'a-out'), m(2, '2020-01-01', 'B', 'TAKEN', 'b-in')];
    for (const order of [markers, [markers[2]!, markers[1]!, markers[0]!], [markers[0]!, markers[2]!, markers[1]!]]) {
      const t = holderTimeline(order);
      expect(t.conflicts).toEqual([]);
      expect(t.intervals).toEqual([
        { role: 'PARTY_SECRETARY', cadreId: 'A', from: '2016-03-01', to: '2020-01-01', takenBy: 'a-in', leftBy: 'a-out' },
        { role: 'PARTY_SECRETARY', cadreId: 'B', from: '2020-01-01', takenBy: 'b-in' },
      ]);
    }
  });

  it('given the successor recorded before the same-day removal, then a conflict on that day, whatever order the markers come in', () => {
    const markers = [m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2020-01-01', 'B', 'TAKEN', 'b-in'), m(2, '2020-01-01', 'A', 'LEFT', 'a-out')];
    for (const order of [markers, [markers[2]!, markers[1]!, markers[0]!], [markers[0]!, markers[2]!, markers[1]!]]) {
      const t = holderTimeline(order);
      expect(t.conflicts).toEqual([
        { role: 'PARTY_SECRETARY', cadreId: 'B', takenBy: 'b-in', date: '2020-01-01', incumbent: { role: 'PARTY_SECRETARY', cadreId: 'A', from: '2016-03-01', takenBy: 'a-in' } },
      ]);
    }
  });

  it('given a retracted removal, then the tenure stays open: the RETRACTED marker itself closes nothing', () => {
    const t = holderTimeline([m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2018-01-01', 'A', 'LEFT', 'a-out'), m(2, '2019-06-01', 'A', 'RETRACTED', 'a-out')]);
    expect(t.intervals).toEqual([{ role: 'PARTY_SECRETARY', cadreId: 'A', from: '2016-03-01', takenBy: 'a-in' }]);
  });

  it('given a second taking by the holder while the tenure runs, then it adds nothing: no conflict with oneself, the tenure from the first', () => {
    const t = holderTimeline([m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2017-03-01', 'A', 'TAKEN', 'a-again')]);
    expect(t.conflicts).toEqual([]);
    expect(t.intervals).toEqual([{ role: 'PARTY_SECRETARY', cadreId: 'A', from: '2016-03-01', takenBy: 'a-in' }]);
  });

  it('given the secretary and the head taken by two cadres, then no conflict: the posts are separate', () => {
    const t = holderTimeline([m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2017-03-01', 'B', 'TAKEN', 'b-in', 'HEAD')]);
    expect(t.conflicts).toEqual([]);
    expect(t.intervals.map((i) => [i.role, i.cadreId])).toEqual([
      ['PARTY_SECRETARY', 'A'],
      ['HEAD', 'B'],
    ]);
  });

  it('lists the intervals by start date, closed and still-open tenures alike', () => {
    const t = holderTimeline([
      m(0, '2014-01-01', 'H', 'TAKEN', 'h-in', 'HEAD'),
      m(1, '2016-03-01', 'A', 'TAKEN', 'a-in'),
      m(2, '2017-01-01', 'H', 'LEFT', 'h-out', 'HEAD'),
      m(3, '2017-01-01', 'B', 'TAKEN', 'b-in', 'HEAD'),
      m(4, '2018-01-01', 'B', 'LEFT', 'b-out', 'HEAD'),
      m(5, '2015-05-01', 'C', 'TAKEN', 'c-in', 'HEAD'),
    ]);
    expect(t.intervals.map((i) => [i.cadreId, i.from])).toEqual([
      ['H', '2014-01-01'],
      ['C', '2015-05-01'],
      ['A', '2016-03-01'],
      ['B', '2017-01-01'],
    ]);
  });

  it('given two tenures starting the same day, then they keep the order in which they were closed or left open', () => {
    const t = holderTimeline([m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2016-03-01', 'B', 'TAKEN', 'b-in', 'HEAD'), m(2, '2018-01-01', 'B', 'LEFT', 'b-out', 'HEAD')]);
    expect(t.intervals.map((i) => i.cadreId)).toEqual(['B', 'A']);
  });
});

describe('P2 p2PostOccupied (pure)', () => {
  const a: HolderInterval = { role: 'PARTY_SECRETARY', cadreId: 'A', from: d('2016-03-01'), to: d('2020-01-01'), takenBy: 'a-in', leftBy: 'a-out' };
  const input = { intervals: [a], orgUnitId: 'T01', role: 'PARTY_SECRETARY' as const, cadreId: 'B', date: d('2019-12-31') };

  it('given the post held by another on the date, then RULE_P2_POST_OCCUPIED naming post, holder, date and the taking event, on the field given', () => {
    expect(p2PostOccupied({ ...input, field: 'data.to' })?.toJSON()).toEqual({
      code: 'RULE_P2_POST_OCCUPIED',
      ruleId: 'P2',
      kind: 'INTEGRITY',
      field: 'data.to',
      messageZh: '2019-12-31 T01 党委书记由 A 担任（自 2016-03-01 起，事件 a-in）；请先录入现任者在该日或之前免去职务',
      message:
        "PARTY_SECRETARY (党委书记) of T01 is held by A on 2019-12-31 (since 2016-03-01, event a-in); record the incumbent's removal on or before that date first",
    });
  });

  it('given no field, then the error names no field', () => {
    const e = p2PostOccupied(input);
    expect(e?.code).toBe('RULE_P2_POST_OCCUPIED');
    expect(e?.toJSON()).not.toHaveProperty('field');
  });

  it('given the holder themself on the date, then no violation', () => {
    expect(p2PostOccupied({ ...input, cadreId: 'A' })).toBeUndefined();
  });

  it('given the removal date itself (exclusive) or another role, then no violation', () => {
    expect(p2PostOccupied({ ...input, date: d('2020-01-01') })).toBeUndefined();
    expect(p2PostOccupied({ ...input, role: 'HEAD' })).toBeUndefined();
  });
});

describe('P2 p2OverlapsLaterHolder (pure)', () => {
  const markers = [m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2020-01-01', 'A', 'LEFT', 'a-out'), m(2, '2020-01-01', 'B', 'TAKEN', 'b-in')];
  const input = { markers, nextRevision: 3, orgUnitId: 'T01', role: 'PARTY_SECRETARY' as const, cadreId: 'C', field: 'data.role' };

  it('given a taking before B’s of 2020-01-01, then RULE_P2_POST_OCCUPIED naming B, the date and the taking event', () => {
    const e = p2OverlapsLaterHolder({ ...input, date: d('2019-12-31') });
    expect(e?.toJSON()).toMatchObject({ code: 'RULE_P2_POST_OCCUPIED', ruleId: 'P2', kind: 'INTEGRITY', field: 'data.role' });
    expect(e?.message).toContain('is taken by B on 2020-01-01 (event b-in)');
  });

  it('given a taking on or after the last taking, then none (whether the post is free then is p2PostOccupied’s question)', () => {
    expect(p2OverlapsLaterHolder({ ...input, date: d('2020-01-01') })).toBeUndefined();
    expect(p2OverlapsLaterHolder({ ...input, date: d('2020-01-02') })).toBeUndefined();
  });

  it('given the later taking retracted, or the later taker being the cadre itself, then none', () => {
    expect(p2OverlapsLaterHolder({ ...input, markers: [...markers, m(3, '2024-01-01', 'B', 'RETRACTED', 'b-in')], nextRevision: 4, date: d('2019-12-31') })).toBeUndefined();
    expect(p2OverlapsLaterHolder({ ...input, markers: [m(0, '2020-01-01', 'C', 'TAKEN', 'c-in')], nextRevision: 1, date: d('2019-12-31') })).toBeUndefined();
  });
});

describe('P2 p2NewConflicts: only the conflicts a retraction adds', () => {
  const before = [m(0, '2016-03-01', 'A', 'TAKEN', 'a-in'), m(1, '2017-01-01', 'B', 'TAKEN', 'b-in'), m(2, '2018-01-01', 'A', 'LEFT', 'a-out'), m(3, '2018-01-01', 'C', 'TAKEN', 'c-in')];

  it('given a conflict already there before, then only the new one is reported', () => {
    const after = [...before, m(4, '2019-01-01', 'A', 'RETRACTED', 'a-out')];
    const added = p2NewConflicts(holderTimeline(before), holderTimeline(after));
    expect(added.map((c) => [c.cadreId, c.incumbent.cadreId])).toEqual([['C', 'A']]);
    expect(holderTimeline(after).conflicts).toHaveLength(3);
  });

  it('given nothing changed, then no new conflict', () => {
    expect(p2NewConflicts(holderTimeline(before), holderTimeline(before))).toEqual([]);
  });
});
