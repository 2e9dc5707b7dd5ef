/**
 * The interval index's claim, as a pure property: the posts held on any date D (postHoldings as of
 * D, the read models' view) are exactly the indexed intervals with from ≤ D < to. Eligibility and
 * candidates rely on it to load only the cadres concerned.
 */
import fc from 'fast-check';
import { addDays, knownFilter, ledgerFactsOf, postHoldings, type CalendarDate, type Role } from '@ledger/domain';
import { d, SpecLedger } from '@ledger/domain/read-models/spec-ledger';
import { postIntervalsOf } from './career-projections';
import { firstDifference } from './verify-projections';

const change = fc.record({
  kind: fc.constantFrom('appoint', 'remove', 'transfer'),
  day: fc.integer({ min: 0, max: 4000 }),
  unit: fc.constantFrom('T1', 'T2'),
  role: fc.constantFrom<Role>('PARTY_SECRETARY', 'HEAD', 'STAFF'),
  toUnit: fc.constantFrom('T1', 'T2'),
  toRole: fc.constantFrom<Role>('PARTY_SECRETARY', 'HEAD'),
});

describe('postIntervalsOf', () => {
  it('indexes exactly the posts held on any date, whatever the order and coherence of the post events, retractions applied', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 2 }), fc.integer({ min: -5, max: 4100 }), (changes, retracted, offset) => {
        const l = new SpecLedger();
        const start = d('2010-01-01');
        const ids = changes.map((c) => {
          const date = addDays(start, c.day);
          if (c.kind === 'appoint') return l.appoint('C1', date, c.unit, c.role);
          if (c.kind === 'remove') return l.remove('C1', date, c.unit, c.role);
          return l.transfer('C1', date, [c.unit, c.role], [c.toUnit, c.toRole]);
        });
        for (const r of retracted) if (ids.length > 0) l.retract('C1', '2024-01-01', ids[r % ids.length]!);
        const facts = ledgerFactsOf(l.events);
        const timeline = facts.cadres.get('C1');
        if (!timeline) return;
        const on: CalendarDate = addDays(start, offset);
        const held = postHoldings(timeline, knownFilter(facts), on)
          .filter((h) => h.to === null)
          .map((h) => `${h.orgUnitId}/${h.role}/${h.from}`)
          .sort();
        const indexed = postIntervalsOf(timeline, facts.retractions)
          .filter((i) => i.from <= on && (i.to === null || on < i.to))
          .map((i) => `${i.orgUnitId}/${i.role}/${i.from}`)
          .sort();
        expect(indexed).toEqual(held);
      }),
      { numRuns: 400 },
    );
  });
});

describe('firstDifference', () => {
  it('names the first JSON path where two answers differ, or null', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toEqual({ path: '$.a[1].b', expected: 2, actual: 3 });
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toEqual({ path: '$.a.length', expected: 1, actual: 2 });
    expect(firstDifference({ a: 1 }, { a: 1, b: null })).toEqual({ path: '$.b', expected: undefined, actual: null });
  });
});
