/**
 * T1 from stored facts: for random histories (back-dated and future-dated events, retractions of
 * retractions, rescissions, re-registered units, policy versions) written in many transactions,
 * the facts of the whole store filtered at an instant between recordings equal the fold of the
 * events recorded by then, and so do eligibility, candidates, tenure and the reports over them.
 * The post-window index (what the tables select cadres by) holds every holder under any knownAt.
 */
import fc from 'fast-check';
import { fcRuns } from '../../../../test/support/fc-seed';
import { CANDIDATE_CYCLE, ELIGIBLE_PROBE_DATE, historyArb, historyWrites, shapedHistoryArb, type StreamWrite } from '../../../../test/support/random-history';
import type { RecordedEvent } from '../events/domain-event';
import { promotionPoolReport, teamCompositionReport, trainingReport, focusLedgerReport } from '../reports';
import { addDays, calendarDate } from '../time/calendar-date';
import { CHIEF_ROLES } from '../vocabulary';
import { excellentSecretaryCandidatesFromFacts } from './candidates';
import { inPostPromotionEligibilityFromFacts } from './eligibility';
import { factsKnownAt, postWindows } from './known-at';
import { knownFilter, postHoldings } from './known-view';
import { ledgerFactsOf } from './ledger-facts';
import { tenureFromFacts } from './tenure';

const START = calendarDate('2005-01-01');
const T0 = Date.UTC(2026, 0, 1);

/** Events as a store records them: each write (transaction) one instant, a second after the previous one. */
function recorded(writes: readonly StreamWrite[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  let n = 0;
  return writes.flatMap((w, k) =>
    w.events.map((e) => {
      const revision = revisions.get(w.streamId) ?? 0;
      revisions.set(w.streamId, revision + 1);
      return { ...e, streamId: w.streamId, revision, globalPosition: ++n, recordedAt: new Date(T0 + k * 1000).toISOString() } as unknown as RecordedEvent;
    }),
  );
}

/** An instant at a recording (it counts) or half a second after one (between two recordings). */
const knownAtOf = (events: readonly RecordedEvent[], pick: number, between: boolean): string => {
  const at = Date.parse(events[pick % events.length]!.recordedAt);
  return new Date(at + (between ? 500 : 0)).toISOString();
};

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('facts known at an instant (T1, from stored facts)', () => {
  it('equal the fold of the events recorded by then, and so do eligibility, candidates, tenure and reports', () => {
    let dropped = 0;
    let eligible = 0;
    fc.assert(
      fc.property(
        fc.oneof(historyArb, shapedHistoryArb),
        fc.array(fc.record({ pick: fc.nat(), between: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 7700 }), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('2011-2015', '2016-2020', CANDIDATE_CYCLE),
        (plan, instants, days, cycle) => {
          const events = recorded(historyWrites(plan, 'k'));
          const all = ledgerFactsOf(events);
          for (const { pick, between } of instants) {
            const knownAt = knownAtOf(events, pick, between);
            const byThen = events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(knownAt));
            if (byThen.length < events.length) dropped++;
            const fold = ledgerFactsOf(byThen);
            const filtered = factsKnownAt(all, knownAt);
            expect(filtered).toEqual(fold);
            for (const asOf of [ELIGIBLE_PROBE_DATE, ...days.map((n) => addDays(START, n))]) {
              const view = { asOf, knownAt };
              const answer = inPostPromotionEligibilityFromFacts(filtered, view);
              expect(answer).toEqual(inPostPromotionEligibilityFromFacts(fold, view));
              // The domain's own knownAt filter over every fact agrees.
              expect(answer).toEqual(inPostPromotionEligibilityFromFacts(all, view));
              if (answer.cadres.some((c) => c.eligible)) eligible++;
              for (const cadreId of fold.cadres.keys()) expect(tenureFromFacts(filtered, cadreId, view)).toEqual(tenureFromFacts(fold, cadreId, view));
              expect(json(teamCompositionReport(filtered, view))).toEqual(json(teamCompositionReport(fold, view)));
              expect(json(promotionPoolReport(filtered, view))).toEqual(json(promotionPoolReport(fold, view)));
              expect(json(focusLedgerReport(filtered, view))).toEqual(json(focusLedgerReport(fold, view)));
            }
            const year = Number(days[0]! % 20) + 2006;
            expect(json(trainingReport(filtered, { year, knownAt }))).toEqual(json(trainingReport(fold, { year, knownAt })));
            for (const c of new Set([cycle, CANDIDATE_CYCLE])) {
              expect(excellentSecretaryCandidatesFromFacts(filtered, { cycle: c, knownAt })).toEqual(excellentSecretaryCandidatesFromFacts(fold, { cycle: c, knownAt }));
            }
          }
        },
      ),
      { numRuns: fcRuns(60) },
    );
    // Most instants fall before the last recording, and shaped histories reach an eligible chief.
    expect(dropped).toBeGreaterThan(10);
    expect(eligible).toBeGreaterThan(5);
  }, 300_000);

  it('the post windows hold every chief of any date as known at any instant (the tables select by them)', () => {
    let holders = 0;
    fc.assert(
      fc.property(
        fc.oneof(historyArb, shapedHistoryArb),
        fc.array(fc.record({ pick: fc.nat(), between: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 4 }),
        (plan, instants, days) => {
          const events = recorded(historyWrites(plan, 'w'));
          const all = ledgerFactsOf(events);
          const windows = new Map([...all.cadres.values()].map((t) => [t.cadreId, postWindows(t, all.retractions)]));
          for (const { pick, between } of [...instants, { pick: -1, between: false }]) {
            const knownAt = pick < 0 ? undefined : knownAtOf(events, pick, between);
            const filter = knownFilter(all, knownAt);
            const k = knownAt === undefined ? Infinity : Date.parse(knownAt);
            for (const asOf of days.map((n) => addDays(START, n))) {
              for (const t of all.cadres.values()) {
                for (const h of postHoldings(t, filter, asOf).filter((x) => x.to === null && CHIEF_ROLES.includes(x.role))) {
                  holders++;
                  const found = windows.get(t.cadreId)!.some(
                    (w) =>
                      w.role === h.role &&
                      w.orgUnitId === h.orgUnitId &&
                      w.from <= asOf &&
                      Date.parse(w.fromRecordedAt) <= k &&
                      (w.to === null || w.to > asOf || Date.parse(w.toRecordedAt!) > k),
                  );
                  expect({ cadreId: t.cadreId, asOf, knownAt, post: `${h.orgUnitId}/${h.role}`, found }).toEqual(expect.objectContaining({ found: true }));
                }
              }
            }
          }
        },
      ),
      { numRuns: fcRuns(150) },
    );
    expect(holders).toBeGreaterThan(50);
  });
});

describe('factsKnownAt at the boundary of a recording', () => {
  const fact = (recordedAt: string) => ({ eventId: recordedAt, effectiveDate: START, recordedAt, globalPosition: 1 });
  const facts = (recordedAt: string) => ({
    cadres: new Map(),
    orgUnits: new Map(),
    policies: [],
    retractions: [{ targetEventId: 'x', meta: fact(recordedAt) }],
  });
  it.each([
    ['recorded the millisecond before', '2026-03-01T07:59:59.999Z', 1],
    ['recorded at that instant', '2026-03-01T08:00:00.000Z', 1],
    ['recorded the millisecond after', '2026-03-01T08:00:00.001Z', 0],
    ['recorded at that instant, written with an offset', '2026-03-01T16:00:00.000+08:00', 1],
    ['recorded after it, written with an offset', '2026-03-01T16:00:00.001+08:00', 0],
  ])('given a retraction %s (%s), when known at 08:00 UTC (16:00 in Beijing), then it counts %i times', (_what, recordedAt, count) => {
    expect(factsKnownAt(facts(recordedAt), '2026-03-01T16:00:00+08:00').retractions).toHaveLength(count);
  });
});
