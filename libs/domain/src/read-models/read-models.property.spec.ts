import fc from 'fast-check';
import type { RecordedEvent } from '../events/domain-event';
import { addDays, type CalendarDate } from '../time/calendar-date';
import { GRADES, type Role } from '../vocabulary';
import { excellentSecretaryCandidates } from './candidates';
import { inPostPromotionEligibility, inPostPromotionEligibilityFromFacts } from './eligibility';
import { emptyLedgerFacts, evolveLedgerFacts } from './ledger-facts';
import { d, SpecLedger } from './spec-ledger';
import { tenure } from './tenure';

interface Step {
  gap: number;
  role: Role;
  unit: string;
  length: number;
  transfer: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
  role: fc.constantFrom<Role>('PARTY_SECRETARY', 'HEAD', 'DEPUTY_HEAD', 'STAFF'),
  unit: fc.constantFrom('T01', 'T02', 'D01'),
  length: fc.integer({ min: 30, max: 1500 }),
  transfer: fc.boolean(),
});

const careerArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 6 }),
  grades: fc.array(fc.constantFrom(...GRADES), { minLength: 20, maxLength: 20 }),
  sanctionDay: fc.option(fc.integer({ min: 0, max: 7000 })),
  rescinded: fc.boolean(),
});
type Career = typeof careerArb extends fc.Arbitrary<infer C> ? C : never;

const START = d('2005-01-01');

/** One cadre's career as events of its own ledger (ids prefixed with the cadre id). */
function careerEvents(cadreId: string, career: Career, units = true): RecordedEvent[] {
  const l = new SpecLedger(cadreId);
  if (units) {
    l.unit('T01');
    l.unit('T02');
    l.unit('D01', 'COUNTY_DEPARTMENT');
  }
  l.cadre(cadreId);
  let date: CalendarDate = START;
  let held: Step | undefined;
  for (const s of career.steps) {
    const from = addDays(date, s.gap);
    if (held && s.gap === 0 && s.transfer && (held.unit !== s.unit || held.role !== s.role)) {
      l.transfer(cadreId, from, [held.unit, held.role], [s.unit, s.role]);
    } else {
      if (held) l.remove(cadreId, date, held.unit, held.role);
      l.appoint(cadreId, from, s.unit, s.role);
    }
    held = s;
    date = addDays(from, s.length);
  }
  career.grades.forEach((g, i) => l.grade(cadreId, 2005 + i, g));
  if (career.sanctionDay !== null) {
    l.sanction(cadreId, addDays(START, career.sanctionDay), `S-${cadreId}`, 'DEMERIT');
    if (career.rescinded) l.rescind(cadreId, addDays(START, career.sanctionDay + 40), `S-${cadreId}`);
  }
  return l.events;
}

/** Merge two event lists, keeping each list's order, as `picks` says; global positions renumbered. */
function interleave(a: readonly RecordedEvent[], b: readonly RecordedEvent[], picks: readonly boolean[]): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (picks[k++ % Math.max(picks.length, 1)] ?? true));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out.map((e, n) => ({ ...e, globalPosition: n + 1 }) as RecordedEvent);
}

const asOfArb = fc.integer({ min: 0, max: 7500 }).map((n) => addDays(START, n));

describe('read-model properties', () => {
  it('interleaving another cadre\'s events (any order across streams) does not change a cadre\'s answers', () => {
    fc.assert(
      fc.property(careerArb, careerArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 50 }), asOfArb, (mine, other, picks, asOf) => {
        const alone = careerEvents('C1', mine);
        const noise = careerEvents('C2', other, false);
        const merged = interleave(alone, noise, picks);
        const view = { asOf };
        expect(tenure(merged, 'C1', view)).toEqual(tenure(alone, 'C1', view));
        const elig = (events: RecordedEvent[]) => inPostPromotionEligibility(events, view).cadres.find((c) => c.cadreId === 'C1');
        expect(elig(merged)).toEqual(elig(alone));
      }),
      { numRuns: 150 },
    );
  });

  it('township work days are monotone in asOf and bound the leadership days; a secretary run lies within the chief run', () => {
    fc.assert(
      fc.property(careerArb, asOfArb, asOfArb, (career, x, y) => {
        const events = careerEvents('C1', career);
        const [early, late] = x <= y ? [x, y] : [y, x];
        const a = tenure(events, 'C1', { asOf: early });
        const b = tenure(events, 'C1', { asOf: late });
        expect(a.townshipWorkDays).toBeLessThanOrEqual(b.townshipWorkDays);
        expect(a.townshipLeadershipDays).toBeLessThanOrEqual(b.townshipLeadershipDays);
        expect(b.townshipLeadershipDays).toBeLessThanOrEqual(b.townshipWorkDays);
        if (b.partySecretaryRun) {
          expect(b.chiefRun).not.toBeNull();
          expect(b.chiefRun!.start <= b.partySecretaryRun.start).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('folding event by event (evolve) gives the batch answer, and knownAt after the last record changes nothing', () => {
    fc.assert(
      fc.property(careerArb, asOfArb, (career, asOf) => {
        const events = careerEvents('C1', career);
        const facts = events.reduce(evolveLedgerFacts, emptyLedgerFacts());
        expect(inPostPromotionEligibilityFromFacts(facts, { asOf })).toEqual(inPostPromotionEligibility(events, { asOf }));
        const last = events.map((e) => e.recordedAt).sort().pop()!;
        const { knownAt: _k, ...withKnownAt } = tenure(events, 'C1', { asOf, knownAt: last });
        const { knownAt: _n, ...without } = tenure(events, 'C1', { asOf });
        expect(withKnownAt).toEqual(without);
      }),
      { numRuns: 100 },
    );
  });

  it('candidate ranks are 1..n, quota-marked in order, and excluded and candidates are disjoint', () => {
    fc.assert(
      fc.property(fc.array(careerArb, { minLength: 1, maxLength: 4 }), (careers) => {
        const events = interleave(
          careers.flatMap((c, i) => careerEvents(`K${i}`, c, i === 0)),
          [],
          [true],
        );
        const answer = excellentSecretaryCandidates(events, { cycle: '2011-2015' });
        expect(answer.candidates.map((c) => c.rank)).toEqual(answer.candidates.map((_, i) => i + 1));
        // Within quota: ranked within it and not tied across the line (TM10).
        for (const c of answer.candidates) expect(c.withinQuota).toBe(c.rank <= answer.quota && !c.tiedAtQuotaLine);
        const ids = new Set(answer.candidates.map((c) => c.cadreId));
        for (const e of answer.excluded) expect(ids.has(e.cadreId)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
