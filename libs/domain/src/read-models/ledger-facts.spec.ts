/**
 * The read side's fold (T1, T2): which facts each event leaves in the ledger facts, per cadre and
 * per org unit, kept as recorded (nothing resolved), and the two folds (event by event and of a
 * list) agreeing.
 */
import type { RecordedEvent } from '../events/domain-event';
import { aggregateIdOf, emptyLedgerFacts, emptyTimeline, evolveLedgerFacts, evolveOrgUnitFacts, evolveTimeline, ledgerFactsOf, type LedgerFacts } from './ledger-facts';
import { SpecLedger } from './spec-ledger';

const foldOneByOne = (events: readonly RecordedEvent[]): LedgerFacts => events.reduce(evolveLedgerFacts, emptyLedgerFacts());

describe('ledger facts (T1, T2: the facts kept as recorded)', () => {
  describe('aggregateIdOf', () => {
    it('given cadre- and orgunit- streams, then the id after the first dash', () => {
      expect([aggregateIdOf('cadre-C1'), aggregateIdOf('orgunit-T-01'), aggregateIdOf('policy')]).toEqual(['C1', 'T-01', 'policy']);
    });

    it('given a stream id that starts with a dash, then the id after it (the dash at position 0 is a separator)', () => {
      expect(aggregateIdOf('-C1')).toBe('C1');
    });
  });

  describe('cadre timeline', () => {
    it('given a RankPromoted, then both a promotion and the rank it promoted to (TM6)', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.rank('C1', '2015-01-01', 'CLERK_1');
      l.add('cadre-C1', 'RankPromoted', '2020-01-01', { fromRank: 'CLERK_1', toRank: 'PRINCIPAL_STAFF_4', basis: 'REGULAR', quota: 'VACANCY' });
      const t = ledgerFactsOf(l.events).cadres.get('C1')!;
      expect(t.ranks.map((r) => [r.rank, r.meta.effectiveDate])).toEqual([
        ['CLERK_1', '2015-01-01'],
        ['PRINCIPAL_STAFF_4', '2020-01-01'],
      ]);
      expect(t.promotions).toEqual([expect.objectContaining({ fromRank: 'CLERK_1', toRank: 'PRINCIPAL_STAFF_4', basis: 'REGULAR', quota: 'VACANCY' })]);
    });

    it('given seats taken with and without committee membership and one ended, then TM5(c) seats keep exactly what was recorded', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.add('cadre-C1', 'RepresentativeSeatTaken', '2016-01-01', { body: 'PARTY_CONGRESS', level: 'COUNTY' });
      l.add('cadre-C1', 'RepresentativeSeatTaken', '2016-02-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY', committeeMember: false });
      l.add('cadre-C1', 'RepresentativeSeatTaken', '2016-03-01', { body: 'CPPCC', level: 'MUNICIPAL', committeeMember: true });
      l.add('cadre-C1', 'RepresentativeSeatEnded', '2019-01-01', { body: 'PARTY_CONGRESS', level: 'COUNTY' });
      const seats = ledgerFactsOf(l.events).cadres.get('C1')!.seats.map(({ meta: _meta, ...s }) => s);
      expect(seats).toStrictEqual([
        { kind: 'TAKEN', body: 'PARTY_CONGRESS', level: 'COUNTY' },
        { kind: 'TAKEN', body: 'PEOPLES_CONGRESS', level: 'COUNTY', committeeMember: false },
        { kind: 'TAKEN', body: 'CPPCC', level: 'MUNICIPAL', committeeMember: true },
        { kind: 'ENDED', body: 'PARTY_CONGRESS', level: 'COUNTY' },
      ]);
      expect('committeeMember' in seats[0]!).toBe(false);
    });

    it('given rescissions with and without an appeal, then TM9 rescissions keep the appeal id only when there is one', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.sanction('C1', '2018-01-01', 'S1', 'WARNING');
      l.sanction('C1', '2018-02-01', 'S2', 'WARNING');
      l.add('cadre-C1', 'SanctionRescinded', '2018-06-01', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' });
      l.rescind('C1', '2018-07-01', 'S2');
      const rescissions = ledgerFactsOf(l.events).cadres.get('C1')!.rescissions.map(({ meta: _meta, ...r }) => r);
      expect(rescissions).toStrictEqual([
        { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' },
        { sanctionId: 'S2', reason: 'APPEAL_UPHELD' },
      ]);
    });

    it('given an event of no known type, then the fold refuses it and names it an unhandled event', () => {
      const bogus = { type: 'Bogus', data: {}, eventId: 'x-1', streamId: 'cadre-C1', effectiveDate: '2020-01-01', recordedAt: '2020-01-01T00:00:00.000Z', globalPosition: 1 } as unknown as RecordedEvent;
      expect(() => evolveTimeline(emptyTimeline('C1'), bogus)).toThrow(/^unhandled event: .*"Bogus"/);
      expect(() => evolveLedgerFacts(emptyLedgerFacts(), bogus)).toThrow(/^unhandled event: .*"Bogus"/);
    });
  });

  describe('org units', () => {
    it('given units registered with and without an assessment class, then the class is kept only when recorded', () => {
      const l = new SpecLedger();
      l.unit('T01');
      l.add('orgunit-T02', 'OrgUnitRegistered', '2000-01-01', { name: 'T02镇', kind: 'TOWNSHIP', assessmentClass: 2 });
      const facts = ledgerFactsOf(l.events);
      const regs = ['T01', 'T02'].map((id) => facts.orgUnits.get(id)!.registrations.map(({ meta: _meta, ...r }) => r));
      expect(regs).toStrictEqual([[{ name: 'T01镇', kind: 'TOWNSHIP' }], [{ name: 'T02镇', kind: 'TOWNSHIP', assessmentClass: 2 }]]);
      // The per-unit fold gives the same.
      expect(evolveOrgUnitFacts({ orgUnitId: 'T01', registrations: [], scores: [], ratings: [] }, l.events[0]!).registrations.map(({ meta: _meta, ...r }) => r)).toStrictEqual([
        { name: 'T01镇', kind: 'TOWNSHIP' },
      ]);
    });
  });

  describe('evolveLedgerFacts, one event at a time', () => {
    it('given two policy versions and two retractions, then both are kept in append order', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      const g = l.grade('C1', 2018, 'EXCELLENT');
      l.policy('2', '2019-01-01', (s) => s);
      l.policy('3', '2020-01-01', (s) => s);
      const r1 = l.retract('C1', '2020-02-01', g);
      const r2 = l.retract('C1', '2020-03-01', r1);
      const facts = foldOneByOne(l.events);
      expect(facts.policies.map((p) => p.version.version)).toEqual(['2', '3']);
      expect(facts.retractions.map((r) => [r.targetEventId, r.meta.eventId])).toEqual([
        [g, r1],
        [r1, r2],
      ]);
      expect(facts).toEqual(ledgerFactsOf(l.events));
    });

    it('given an internal holder marker or appeal events, then the facts are unchanged (the very same state)', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      const before = foldOneByOne(l.events);
      l.add('orgunit-T01', 'PostHolderChanged', '2020-01-01', { role: 'HEAD', cadreId: 'C1', change: 'TAKEN', sourceEventId: 'ev-9' });
      l.add('appeal-A1', 'AppealFiled', '2020-02-01', { appealId: 'A1', cadreId: 'C1', targetEventId: 'ev-1', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2020-01-20' } as never);
      l.add('appeal-A1', 'AppealDecided', '2020-03-01', { appealId: 'A1', outcome: 'DISMISSED', reasoning: '维持' });
      for (const e of l.events.slice(1)) expect(evolveLedgerFacts(before, e)).toBe(before);
    });
  });

  describe('ledgerFactsOf, a list of events', () => {
    it('given events handed over out of global order, then they are folded in global order and the list is left as it was', () => {
      const l = new SpecLedger();
      l.unit('T01');
      l.cadre('C1');
      const a = l.appoint('C1', '2010-01-01', 'T01', 'STAFF');
      const b = l.remove('C1', '2011-01-01', 'T01', 'STAFF');
      const c = l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
      const shuffled = [l.events[4]!, l.events[2]!, l.events[0]!, l.events[3]!, l.events[1]!];
      const copy = [...shuffled];
      const facts = ledgerFactsOf(shuffled);
      expect(facts.cadres.get('C1')!.postChanges.map((p) => p.meta.eventId)).toEqual([a, b, c]);
      expect(shuffled).toEqual(copy);
      expect(facts).toEqual(ledgerFactsOf(l.events));
    });

    it('given appeal and holder-marker events, then no cadre timeline is made for their streams', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.add('orgunit-T01', 'PostHolderChanged', '2020-01-01', { role: 'HEAD', cadreId: 'C1', change: 'TAKEN', sourceEventId: 'ev-9' });
      l.add('appeal-A1', 'AppealDecided', '2020-03-01', { appealId: 'A1', outcome: 'DISMISSED', reasoning: '维持' });
      const facts = ledgerFactsOf(l.events);
      expect([...facts.cadres.keys()]).toEqual(['C1']);
      expect(facts.orgUnits.size).toBe(0);
    });
  });
});
