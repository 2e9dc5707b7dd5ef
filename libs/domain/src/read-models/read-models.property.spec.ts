import fc from 'fast-check';
import { fcRuns } from '../../../../test/support/fc-seed';
import { CANDIDATE_CYCLE, ELIGIBLE_PROBE_DATE, historyArb, historyWrites, shapedHistoryArb, type StreamWrite } from '../../../../test/support/random-history';
import { ReferenceLedger, type RefEvent } from '../../../../test/support/reference-fold';
import type { RecordedEvent } from '../events/domain-event';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { addDays, type CalendarDate } from '../time/calendar-date';
import { GRADES, type Grade, type Role } from '../vocabulary';
import { excellentSecretaryCandidates, excellentSecretaryCandidatesFromFacts } from './candidates';
import { inPostPromotionEligibility, inPostPromotionEligibilityFromFacts } from './eligibility';
import { opensAChiefPost } from './known-view';
import { emptyLedgerFacts, evolveLedgerFacts, ledgerFactsOf } from './ledger-facts';
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
    for (const t of ['T01', 'T02', 'T03', 'T04']) l.unit(t);
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

/**
 * TM6b by construction: party secretary (8-year basis) or head (10-year basis) of T01 from
 * 2005-01-01 long enough to be past the anniversary on the as-of date, never graded below
 * COMPETENT, EXCELLENT in 2005 and 2006, and any sanction rescinded: eligible on that date.
 */
const eligibleCaseArb = fc
  .record({
    role: fc.constantFrom<Role>('PARTY_SECRETARY', 'HEAD'),
    extra: fc.integer({ min: 0, max: 1200 }),
    into: fc.integer({ min: 0, max: 1199 }),
    grades: fc.array(fc.constantFrom<Grade>('EXCELLENT', 'COMPETENT', 'UNGRADED'), { minLength: 20, maxLength: 20 }),
    sanctionDay: fc.option(fc.integer({ min: 0, max: 7000 })),
  })
  .map(({ role, extra, into, grades, sanctionDay }) => {
    const days = role === 'PARTY_SECRETARY' ? 2923 : 3654; // just past the 8th / 10th anniversary of 2005-01-01
    const career: Career = {
      steps: [{ gap: 0, role, unit: 'T01', length: days + extra + 1, transfer: false }],
      grades: grades.map((g, i) => (i < 2 ? 'EXCELLENT' : g)),
      sanctionDay,
      rescinded: true,
    };
    return { career, asOf: addDays(START, days + Math.min(into, extra)), eligibleByConstruction: true };
  });
const randomCaseArb = fc.record({ career: careerArb, asOf: asOfArb, eligibleByConstruction: fc.constant(false) });
/** Half the cases are eligible by construction. */
const caseArb = fc.oneof(eligibleCaseArb, randomCaseArb);

/**
 * TM10 2011-2015 by construction: party secretary of its own township from 2005–2009 past the
 * reference date, no grade below COMPETENT in the cycle and an EXCELLENT in 2012, no sanction.
 */
const candidateCareerArb = fc
  .record({
    start: fc.integer({ min: 0, max: 1800 }),
    grades: fc.array(fc.constantFrom<Grade>('EXCELLENT', 'COMPETENT', 'UNGRADED'), { minLength: 20, maxLength: 20 }),
  })
  .map(({ start, grades }) => ({ start, grades: grades.map((g, i) => (i === 7 ? 'EXCELLENT' : g)) }));

/** RecordedEvents of store writes, as a store would number and time them. */
function recorded(writes: readonly StreamWrite[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  let n = 0;
  return writes.flatMap((w) =>
    w.events.map((e) => {
      const revision = revisions.get(w.streamId) ?? 0;
      revisions.set(w.streamId, revision + 1);
      n++;
      return { ...e, streamId: w.streamId, revision, globalPosition: n, recordedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString() } as unknown as RecordedEvent;
    }),
  );
}
/** A random history (two thirds shaped to hold an eligible chief and a candidate), days after START to ask about, a TM10 cycle. */
const historyCaseArbs = [
  fc.oneof({ weight: 1, arbitrary: historyArb }, { weight: 2, arbitrary: shapedHistoryArb }),
  fc.array(fc.integer({ min: 0, max: 7700 }), { minLength: 1, maxLength: 3 }),
  fc.constantFrom('2011-2015', '2016-2020', CANDIDATE_CYCLE),
] as const;
const reference = (events: readonly RecordedEvent[]) => new ReferenceLedger(events as unknown as RefEvent[], DEFAULT_POLICY.settings);

describe('read-model properties', () => {
  it('interleaving another cadre\'s events (any order across streams) does not change a cadre\'s answers; eligible cases are reached', () => {
    let runs = 0;
    let eligible = 0;
    fc.assert(
      fc.property(caseArb, careerArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 50 }), ({ career, asOf, eligibleByConstruction }, other, picks) => {
        runs++;
        const alone = careerEvents('C1', career);
        const noise = careerEvents('C2', other, false);
        const merged = interleave(alone, noise, picks);
        const view = { asOf };
        expect(tenure(merged, 'C1', view)).toEqual(tenure(alone, 'C1', view));
        const elig = (events: RecordedEvent[]) => inPostPromotionEligibility(events, view).cadres.find((c) => c.cadreId === 'C1');
        const answer = elig(merged);
        expect(answer).toEqual(elig(alone));
        if (eligibleByConstruction) expect(answer?.eligible).toBe(true);
        if (answer?.eligible) eligible++;
      }),
      { numRuns: fcRuns(150) },
    );
    // Half the cases are eligible by construction; at least a quarter must be, or the property proves little.
    expect(eligible).toBeGreaterThanOrEqual(Math.ceil(runs / 4));
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
      { numRuns: fcRuns(150) },
    );
  });

  it('folding event by event (evolve) gives the batch answer, and knownAt after the last record changes nothing', () => {
    fc.assert(
      fc.property(caseArb, ({ career, asOf }) => {
        const events = careerEvents('C1', career);
        const facts = events.reduce(evolveLedgerFacts, emptyLedgerFacts());
        expect(inPostPromotionEligibilityFromFacts(facts, { asOf })).toEqual(inPostPromotionEligibility(events, { asOf }));
        const last = events.map((e) => e.recordedAt).sort().pop()!;
        const { knownAt: _k, ...withKnownAt } = tenure(events, 'C1', { asOf, knownAt: last });
        const { knownAt: _n, ...without } = tenure(events, 'C1', { asOf });
        expect(withKnownAt).toEqual(without);
      }),
      { numRuns: fcRuns(100) },
    );
  });

  it('candidate ranks are competition ranks (1, 2, 2, 4), quota-marked in order, excluded and candidates disjoint; non-empty lists are reached', () => {
    let runs = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(fc.array(careerArb, { maxLength: 3 }), fc.array(candidateCareerArb, { maxLength: 2 }), (careers, shaped) => {
        runs++;
        const l = new SpecLedger('K');
        for (const t of ['T01', 'T02', 'T03', 'T04']) l.unit(t);
        l.unit('D01', 'COUNTY_DEPARTMENT');
        shaped.forEach((c, i) => {
          l.appoint(`S${i}`, addDays(START, c.start), `T0${i + 3}`, 'PARTY_SECRETARY');
          c.grades.forEach((g, y) => l.grade(`S${i}`, 2005 + y, g));
        });
        const events = interleave([...l.events, ...careers.flatMap((c, i) => careerEvents(`K${i}`, c, false))], [], [true]);
        const answer = excellentSecretaryCandidates(events, { cycle: '2011-2015' });
        // Each rank is its position, or the rank of the one before when tied on every criterion (TM10).
        answer.candidates.forEach((c, i) => expect([i + 1, answer.candidates[i - 1]?.rank]).toContain(c.rank));
        // Within quota: ranked within it and not tied across the line (TM10).
        for (const c of answer.candidates) expect(c.withinQuota).toBe(c.rank <= answer.quota && !c.tiedAtQuotaLine);
        const ids = new Set(answer.candidates.map((c) => c.cadreId));
        for (const e of answer.excluded) expect(ids.has(e.cadreId)).toBe(false);
        for (let i = 0; i < shaped.length; i++) expect(ids.has(`S${i}`)).toBe(true);
        if (answer.candidates.length > 0) nonEmpty++;
      }),
      { numRuns: fcRuns(100) },
    );
    // Two thirds of the cases hold a candidate by construction; at least a third must list one.
    expect(nonEmpty).toBeGreaterThanOrEqual(Math.ceil(runs / 3));
  });

  it('eligibility and candidates read only the timelines that open a chief post (projections verify keeps only those)', () => {
    // Beside each random history, a deputy never appointed a chief: the one timeline every case drops
    // (the random histories hold other non-chiefs in about a quarter of the cases only).
    const deputy = new SpecLedger('deputy');
    deputy.cadre('D9');
    deputy.appoint('D9', '2006-01-01', 'T99', 'DEPUTY_HEAD');
    deputy.grade('D9', 2010, 'EXCELLENT');
    let runs = 0;
    let dropped = 0;
    fc.assert(
      fc.property(
        ...historyCaseArbs,
        (plan, days, cycle) => {
          runs++;
          const all = ledgerFactsOf([...recorded(historyWrites(plan, 'q')), ...deputy.events]);
          const chiefs = { ...all, cadres: new Map([...all.cadres].filter(([, t]) => opensAChiefPost(t))) };
          if (all.cadres.has('D9') && !chiefs.cadres.has('D9')) dropped++;
          for (const asOf of [ELIGIBLE_PROBE_DATE, ...days.map((n) => addDays(START, n))]) {
            expect(inPostPromotionEligibilityFromFacts(chiefs, { asOf })).toEqual(inPostPromotionEligibilityFromFacts(all, { asOf }));
          }
          expect(excellentSecretaryCandidatesFromFacts(chiefs, { cycle })).toEqual(excellentSecretaryCandidatesFromFacts(all, { cycle }));
        },
      ),
      { numRuns: fcRuns(40) },
    );
    expect(dropped).toBe(runs);
  }, 300_000);

  it('eligibility and candidates equal a plain reference fold (test/support/reference-fold.ts) for random histories', () => {
    let runs = 0;
    let eligible = 0;
    let candidates = 0;
    fc.assert(
      fc.property(
        ...historyCaseArbs,
        (plan, days, cycle) => {
          runs++;
          const events = recorded(historyWrites(plan, 'p'));
          const ref = reference(events);
          for (const asOf of [ELIGIBLE_PROBE_DATE, ...days.map((n) => addDays(START, n))]) {
            const answer = inPostPromotionEligibility(events, { asOf });
            expect(new Map(answer.cadres.map((c) => [c.cadreId, c.basis]))).toEqual(ref.eligibility(asOf));
            if (answer.cadres.some((c) => c.eligible)) eligible++;
          }
          for (const c of new Set([cycle, CANDIDATE_CYCLE])) {
            const list = excellentSecretaryCandidates(events, { cycle: c });
            expect({ candidates: list.candidates.map((x) => x.cadreId).sort(), excluded: list.excluded.map((x) => x.cadreId).sort() }).toEqual(ref.candidates(c));
            if (list.candidates.length > 0) candidates++;
          }
        },
      ),
      { numRuns: fcRuns(40) },
    );
    // Two thirds of the histories carry an eligible chief and a candidate by construction.
    expect(eligible).toBeGreaterThanOrEqual(Math.ceil(runs / 4));
    expect(candidates).toBeGreaterThanOrEqual(Math.ceil(runs / 4));
  }, 300_000);
});
