/**
 * Random ledger histories for property tests of the read side, written straight to the store (no
 * decider): the read models must fold any sequence of well-formed events, so these include what
 * the write rules would refuse (overlapping holders, removals of posts not held), back-dated and
 * future-dated events, retractions (of retractions too), rescissions, policy versions with other
 * thresholds, re-registered org units, and streams interleaved across transactions.
 *
 * One invariant of the real write side is kept: a retraction names an event of its own stream.
 */
import fc from 'fast-check';
import { addDays, calendarDate, DEFAULT_POLICY, type CalendarDate, type CareerEventType, type EventData, type Grade, type Role, type SanctionKind } from '@ledger/domain';
import type { JsonObject, NewEvent } from '@ledger/event-store';

export interface StreamWrite {
  readonly streamId: string;
  readonly events: NewEvent[];
}

const START = calendarDate('2005-01-01');

interface Step {
  gap: number;
  role: Role;
  unit: number;
  length: number;
  transfer: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
  role: fc.constantFrom<Role>('PARTY_SECRETARY', 'HEAD', 'HEAD', 'PARTY_SECRETARY', 'DEPUTY_HEAD', 'STAFF'),
  unit: fc.integer({ min: 0, max: 3 }),
  length: fc.integer({ min: 30, max: 2600 }),
  transfer: fc.boolean(),
});

const cadreArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 5 }),
  /** Extra days added to the first step: some careers start in the future (T4). */
  startOffset: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constant(9500)),
  grades: fc.array(fc.option(fc.constantFrom<Grade>('EXCELLENT', 'EXCELLENT', 'COMPETENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT', 'UNGRADED')), {
    minLength: 21,
    maxLength: 21,
  }),
  sanction: fc.option(fc.record({ day: fc.integer({ min: 0, max: 7300 }), kind: fc.constantFrom<SanctionKind>('WARNING', 'DEMERIT', 'ADMONISHMENT', 'PARTY_WARNING'), rescinded: fc.boolean() })),
  /** Retract the n-th of the cadre's earlier events (mod their count); a second may retract the first retraction. */
  retractions: fc.array(fc.nat(), { maxLength: 2 }),
  retractRetraction: fc.boolean(),
  rank: fc.option(fc.constantFrom('PRINCIPAL_STAFF_1', 'RESEARCHER_4', 'PRINCIPAL_STAFF_2')),
  commended: fc.boolean(),
  secondment: fc.option(fc.integer({ min: 0, max: 7000 })),
  /** Posts written after the grades (back-dated to their effective dates). */
  postsLast: fc.boolean(),
});
type CadrePlan = typeof cadreArb extends fc.Arbitrary<infer C> ? C : never;

export const historyArb = fc.record({
  cadres: fc.array(cadreArb, { minLength: 1, maxLength: 4 }),
  policy: fc.option(fc.record({ day: fc.integer({ min: 0, max: 7300 }), grace: fc.integer({ min: 0, max: 3 }), secretaryYears: fc.integer({ min: 5, max: 8 }) })),
  reRegisterAsOther: fc.boolean(),
  scores: fc.array(fc.record({ unit: fc.integer({ min: 0, max: 2 }), year: fc.integer({ min: 2015, max: 2025 }), score: fc.integer({ min: 60, max: 100 }) }), { maxLength: 6 }),
  /** How the per-stream event lists are cut into transactions and interleaved. */
  chunking: fc.array(fc.integer({ min: 2, max: 15 }), { minLength: 1, maxLength: 20 }),
  order: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
});
export type HistoryPlan = (typeof historyArb extends fc.Arbitrary<infer H> ? H : never) & { shaped?: ShapedCadres };

/** Grades that are never below COMPETENT, with EXCELLENT where `excellent` says (indexes are years from 2005). */
const goodGradesArb = (excellent: readonly number[]) =>
  fc
    .array(fc.option(fc.constantFrom<Grade>('EXCELLENT', 'COMPETENT', 'COMPETENT', 'UNGRADED')), { minLength: 21, maxLength: 21 })
    .map((gs) => gs.map((g, i) => (excellent.includes(i) ? ('EXCELLENT' as Grade) : g)));

/**
 * TM6b by construction: head of the first township from 2005-01-01 for 12 years, never graded
 * below COMPETENT, EXCELLENT in 2006 and 2008, no sanction: eligible on the chief basis on every
 * date of [2015-01-01, 2017-01-01) — ELIGIBLE_PROBE_DATE among them — whatever else the history holds.
 */
const eligibleChiefArb: fc.Arbitrary<CadrePlan> = fc.record({
  steps: fc.constant([{ gap: 0, role: 'HEAD' as Role, unit: 0, length: 4383, transfer: false }]),
  startOffset: fc.constant(0),
  grades: goodGradesArb([1, 3]),
  sanction: fc.constant(null),
  retractions: fc.constant([]),
  retractRetraction: fc.constant(false),
  rank: fc.option(fc.constantFrom('PRINCIPAL_STAFF_1', 'RESEARCHER_4')),
  commended: fc.boolean(),
  secondment: fc.option(fc.integer({ min: 0, max: 3000 })),
  postsLast: fc.boolean(),
});
export const ELIGIBLE_PROBE_DATE = calendarDate('2016-06-30');

/**
 * TM10 2021-2025 by construction: party secretary of the second township from 2005–2010 until
 * after 2025, no grade below COMPETENT and an EXCELLENT in 2022, any sanction over before 2021.
 */
const candidateSecretaryArb: fc.Arbitrary<CadrePlan> = fc.record({
  steps: fc.constant([{ gap: 0, role: 'PARTY_SECRETARY' as Role, unit: 1, length: 9000, transfer: false }]),
  startOffset: fc.integer({ min: 0, max: 2000 }),
  grades: goodGradesArb([17]),
  sanction: fc.option(fc.record({ day: fc.integer({ min: 0, max: 5400 }), kind: fc.constantFrom<SanctionKind>('WARNING', 'DEMERIT', 'ADMONISHMENT', 'PARTY_WARNING'), rescinded: fc.boolean() })),
  retractions: fc.constant([]),
  retractRetraction: fc.constant(false),
  rank: fc.option(fc.constantFrom('PRINCIPAL_STAFF_1', 'RESEARCHER_4')),
  commended: fc.boolean(),
  secondment: fc.option(fc.integer({ min: 0, max: 7000 })),
  postsLast: fc.boolean(),
});
export const CANDIDATE_CYCLE = '2021-2025';

const shapedCadresArb = fc.record({ chief: eligibleChiefArb, secretary: candidateSecretaryArb });
export type ShapedCadres = typeof shapedCadresArb extends fc.Arbitrary<infer S> ? S : never;

/**
 * Random histories that always also hold one cadre eligible for TM6b on ELIGIBLE_PROBE_DATE
 * (`<prefix>E0`) and one TM10 candidate for CANDIDATE_CYCLE (`<prefix>E1`), so properties over
 * them reach the cases where the answers are not empty.
 */
export const shapedHistoryArb: fc.Arbitrary<HistoryPlan> = fc.tuple(historyArb, shapedCadresArb).map(([plan, shaped]) => ({ ...plan, shaped }));

/** The writes of a history (ids prefixed with `prefix`, which keeps histories of one database apart). */
export function historyWrites(plan: HistoryPlan, prefix: string): StreamWrite[] {
  let n = 0;
  const perStream = new Map<string, NewEvent[]>();
  const add = <T extends CareerEventType>(streamId: string, type: T, effectiveDate: CalendarDate, data: EventData<T>): string => {
    const eventId = `${prefix}-${++n}`;
    const list = perStream.get(streamId) ?? [];
    list.push({ eventId, type, schemaVersion: 1, effectiveDate, actor: 'property', data: data as unknown as JsonObject });
    perStream.set(streamId, list);
    return eventId;
  };
  const units = [`${prefix}T0`, `${prefix}T1`, `${prefix}T2`, `${prefix}D0`];
  units.forEach((u, i) => add(`orgunit-${u}`, 'OrgUnitRegistered', START, { name: `${u}`, kind: i < 3 ? 'TOWNSHIP' : 'COUNTY_DEPARTMENT' }));
  if (plan.reRegisterAsOther) add(`orgunit-${units[2]}`, 'OrgUnitRegistered', addDays(START, 10), { name: `${units[2]} (改)`, kind: 'OTHER' });
  for (const s of plan.scores) add(`orgunit-${units[s.unit]}`, 'TownshipPerformanceScored', calendarDate(`${s.year + 1}-02-01`), { year: s.year, score: s.score });
  if (plan.policy) {
    const p = plan.policy;
    const settings = structuredClone(DEFAULT_POLICY.settings);
    settings.continuityGraceDays = p.grace;
    settings.inPostPromotion.partySecretaryRunYears = p.secretaryYears;
    const effectiveFrom = addDays(START, p.day);
    add('policy', 'PolicyVersionAdopted', effectiveFrom, { version: `${prefix}-v`, effectiveFrom, settings });
  }
  plan.cadres.forEach((c, i) => cadreEvents(c, `${prefix}C${i}`, units, add, perStream));
  if (plan.shaped) {
    cadreEvents(plan.shaped.chief, `${prefix}E0`, units, add, perStream);
    cadreEvents(plan.shaped.secretary, `${prefix}E1`, units, add, perStream);
  }
  return interleave(perStream, plan.chunking, plan.order);
}

function cadreEvents(
  c: CadrePlan,
  cadreId: string,
  units: string[],
  add: <T extends CareerEventType>(streamId: string, type: T, effectiveDate: CalendarDate, data: EventData<T>) => string,
  perStream: Map<string, NewEvent[]>,
): void {
  const stream = `cadre-${cadreId}`;
  add(stream, 'CadreRegistered', START, {
    name: cadreId,
    gender: 'F',
    birthDate: calendarDate('1975-02-28'),
    education: { level: 'MASTER', fullTime: true, doubleFirstClass: false },
  });
  const posts = () => {
    let date = addDays(START, c.startOffset);
    let held: { unit: string; role: Role } | undefined;
    for (const s of c.steps) {
      const to = { unit: units[s.unit]!, role: s.role };
      const from = addDays(date, s.gap);
      if (held && s.gap === 0 && s.transfer && (held.unit !== to.unit || held.role !== to.role)) {
        add(stream, 'Transferred', from, { from: { orgUnitId: held.unit, role: held.role }, to: { orgUnitId: to.unit, role: to.role } });
      } else {
        if (held) add(stream, 'RemovedFromPost', date, { orgUnitId: held.unit, role: held.role, reason: 'TRANSFER' });
        add(stream, 'AppointedToPost', from, { orgUnitId: to.unit, role: to.role });
      }
      held = to;
      date = addDays(from, s.length);
    }
  };
  const rest = () => {
    c.grades.forEach((g, i) => {
      if (g !== null) add(stream, 'AnnualAssessmentRecorded', calendarDate(`${2006 + i}-01-20`), { year: 2005 + i, grade: g });
    });
    if (c.sanction) {
      const day = addDays(START, c.sanction.day);
      add(stream, 'SanctionImposed', day, { sanctionId: `${cadreId}-S`, kind: c.sanction.kind, grounds: '违反工作纪律' });
      if (c.sanction.rescinded) add(stream, 'SanctionRescinded', addDays(day, 45), { sanctionId: `${cadreId}-S`, reason: 'FALSE_ACCUSATION' });
    }
    if (c.rank) add(stream, 'RankSet', START, { rank: c.rank as EventData<'RankSet'>['rank'] });
    if (c.commended) add(stream, 'Commended', calendarDate('2025-12-20'), { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' });
    if (c.secondment !== null) {
      const from = addDays(START, c.secondment);
      add(stream, 'SecondmentStarted', from, { hostOrgUnitId: units[3]!, purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: addDays(from, 180) });
      add(stream, 'SecondmentEnded', addDays(from, 120), {});
    }
  };
  if (c.postsLast) {
    rest();
    posts();
  } else {
    posts();
    rest();
  }
  let lastRetraction: string | undefined;
  for (const k of c.retractions) {
    const earlier = (perStream.get(stream) ?? []).filter((e) => e.type !== 'EntryRetracted');
    const target = earlier[k % earlier.length]!;
    lastRetraction = add(stream, 'EntryRetracted', calendarDate('2024-02-01'), { targetEventId: target.eventId, reason: '录入错误' });
  }
  if (c.retractRetraction && lastRetraction) add(stream, 'EntryRetracted', calendarDate('2024-03-01'), { targetEventId: lastRetraction, reason: '更正有误' });
}

/** Cuts each stream's events into chunks and interleaves the chunks, keeping every stream's own order. */
function interleave(perStream: Map<string, NewEvent[]>, chunking: readonly number[], order: readonly number[]): StreamWrite[] {
  const queues = [...perStream.entries()].map(([streamId, events]) => ({ streamId, events: [...events] }));
  const writes: StreamWrite[] = [];
  let k = 0;
  while (queues.some((q) => q.events.length > 0)) {
    const open = queues.filter((q) => q.events.length > 0);
    const q = open[order[k % order.length]! % open.length]!;
    const size = chunking[k % chunking.length]!;
    writes.push({ streamId: q.streamId, events: q.events.splice(0, size) });
    k++;
  }
  return writes;
}

/** The same events with each stream's writes merged, as one atomic write per history (fast set-up of big ledgers). */
export function mergedWrites(writes: readonly StreamWrite[]): StreamWrite[] {
  const merged = new Map<string, NewEvent[]>();
  for (const w of writes) merged.set(w.streamId, [...(merged.get(w.streamId) ?? []), ...w.events]);
  return [...merged.entries()].map(([streamId, events]) => ({ streamId, events }));
}
