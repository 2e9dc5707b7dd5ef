/**
 * The incremental cadre fold against the full derivation it replaced (testing/full-replay): for
 * random command sequences with back-dated events, retractions, rescissions and re-registrations,
 * every decision (the events, or the refusal's code and message) and every view are identical;
 * and for random raw streams (what the deciders would refuse too: retractions of retractions,
 * second registrations, removals of posts not held) the view folded event by event equals the
 * full derivation.
 */
import fc from 'fast-check';
import { fcRuns } from '../../../../test/support/fc-seed';
import type { CareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
import { parseCareerCommand } from '../commands';
import type { Decision } from '../decision';
import type { RecordedEvent } from '../events/domain-event';
import { command, registerOrgUnit } from '../testing/commands';
import * as reference from '../testing/full-replay/reference-cadre-state';
import { orgUnitIdsImpliedForCadre as referenceImplied, referenceDecideCadre } from '../testing/full-replay/reference-decide-cadre';
import { InMemoryLedger } from '../testing/given-when-then';
import { addDays, calendarDate } from '../time/calendar-date';
import type { Grade, Rank, Role, SanctionKind } from '../vocabulary';
import { cadreStateOf, cadreView, evolveCadre, initialCadreState, type CadreView, type PostHolding } from './cadre-state';
import { orgUnitIdsImpliedForCadre } from './decide-cadre';

const C = 'C';
const UNITS = ['T1', 'T2', 'D1'] as const;
const ROLES: Role[] = ['HEAD', 'PARTY_SECRETARY', 'STAFF'];
const RANKS: Rank[] = ['CLERK_1', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3', 'PRINCIPAL_STAFF_2'];
const GRADES: Grade[] = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'];
const KINDS: SanctionKind[] = ['WARNING', 'DEMERIT', 'PARTY_WARNING', 'ADMONISHMENT'];

/** A day of 2010–2019: random order makes most timed events back-dated against some earlier one. */
const dayArb = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(calendarDate('2010-01-01'), n));
const unitArb = fc.constantFrom(...UNITS);
const roleArb = fc.constantFrom(...ROLES);

/** A step: a command for the cadre; `pick` chooses among the stream's earlier events at run time. */
const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), birth: fc.constantFrom('1970-03-01', '2012-01-01'), day: dayArb }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('appoint' as const), unit: unitArb, role: roleArb, day: dayArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), unit: unitArb, role: roleArb, held: fc.nat(), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), unit: unitArb, role: roleArb, held: fc.nat(), to: unitArb, toRole: roleArb, day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rank' as const), rank: fc.constantFrom(...RANKS), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('promote' as const), from: fc.constantFrom(...RANKS), to: fc.constantFrom(...RANKS), day: dayArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assess' as const), year: fc.integer({ min: 2008, max: 2019 }), grade: fc.constantFrom(...GRADES), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sanction' as const), id: fc.constantFrom('S1', 'S2'), sanction: fc.constantFrom(...KINDS), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rescind' as const), id: fc.constantFrom('S1', 'S2'), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('secondment' as const, 'temporary' as const), start: fc.boolean(), day: dayArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('seat' as const), take: fc.boolean(), level: fc.constantFrom('COUNTY' as const, 'MUNICIPAL' as const), day: dayArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('training' as const), day: dayArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: fc.nat(), registration: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), day: dayArb }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

/**
 * The command of a step (`earlier`: the stream's events so far, for retractions; `held`: the posts
 * held, which removals and transfers name three times out of four, so that they are mostly accepted).
 */
function commandOf(step: Step, n: number, earlier: readonly RecordedEvent[], override: boolean, held: readonly PostHolding[] = []): CareerCommand {
  const id = `e${n}`;
  const post = 'held' in step && step.held % 4 !== 0 && held.length > 0 ? held[step.held % held.length]! : undefined;
  const from = post ? { orgUnitId: post.orgUnitId, role: post.role } : 'unit' in step ? { orgUnitId: step.unit, role: step.role } : undefined;
  const extra = { id, ...(override ? { override: { reason: '组织决定' } } : {}) };
  const at = (data: Parameters<typeof command>[3], type: Parameters<typeof command>[0]) => command(type, { cadreId: C }, step.day, data as never, extra) as CareerCommand;
  switch (step.kind) {
    case 'register':
      return at({ name: '张三', gender: 'M', birthDate: calendarDate(step.birth), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }, 'CadreRegistered');
    case 'appoint':
      return at({ orgUnitId: step.unit, role: step.role }, 'AppointedToPost');
    case 'remove':
      return at({ ...from!, reason: 'ADJUSTMENT' }, 'RemovedFromPost');
    case 'transfer':
      return at({ from: from!, to: { orgUnitId: step.to, role: step.toRole } }, 'Transferred');
    case 'rank':
      return at({ rank: step.rank }, 'RankSet');
    case 'promote':
      return at({ fromRank: step.from, toRank: step.to, basis: 'REGULAR', quota: 'VACANCY' }, 'RankPromoted');
    case 'assess':
      return at({ year: step.year, grade: step.grade }, 'AnnualAssessmentRecorded');
    case 'sanction':
      return at({ sanctionId: step.id, kind: step.sanction, grounds: '违纪' }, 'SanctionImposed');
    case 'rescind':
      return command('SanctionRescinded', { cadreId: C }, step.day, { sanctionId: step.id, reason: 'CORRECTION' }, { ...extra, documentRef: `撤销〔${n}〕号` });
    case 'secondment':
      return step.start
        ? at({ hostOrgUnitId: 'D1', purpose: 'OTHER', plannedEndDate: addDays(step.day, 365) }, 'SecondmentStarted')
        : at({}, 'SecondmentEnded');
    case 'temporary':
      return step.start ? at({ host: '某市', kind: 'KEY_PROJECT', plannedEndDate: addDays(step.day, 365) }, 'TemporaryPostingStarted') : at({}, 'TemporaryPostingEnded');
    case 'seat':
      return at({ body: 'PEOPLES_CONGRESS', level: step.level }, step.take ? 'RepresentativeSeatTaken' : 'RepresentativeSeatEnded');
    case 'training':
      return at({ programme: '党校培训', level: 'COUNTY' }, 'TrainingCompleted');
    case 'retract': {
      // Often the registration: recorded again with a later birth date, it must re-check every event.
      const registration = step.registration ? earlier.find((e) => e.type === 'CadreRegistered') : undefined;
      const target = registration ?? earlier[step.pick % Math.max(1, earlier.length)];
      return at({ targetEventId: target?.eventId ?? 'nothing', reason: '笔误' }, 'EntryRetracted');
    }
  }
}

type Outcome = { readonly decision: Decision } | { readonly code: string; readonly message: string };

function outcome(decide: () => Decision): Outcome {
  try {
    return { decision: decide() };
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? 'THROWN', message: e.message };
  }
}

/** The reference view has the event ids too; the current one keeps them in the state's facts. */
function referenceView(events: readonly RecordedEvent[]): CadreView {
  const { eventIds: _ids, ...view } = reference.cadreView(events.reduce(reference.evolveCadre, reference.initialCadreState));
  return view;
}

const runsArb = fc.array(fc.tuple(stepArb, fc.boolean()), { minLength: 10, maxLength: 50, size: 'max' });

describe('incremental cadre fold (property): the same decisions and views as the full replay', () => {
  it('every command is accepted or refused (same code and message) as by the full-replay decider, and the views agree', () => {
    fc.assert(
      fc.property(runsArb, (steps) => {
        const ledger = new InMemoryLedger();
        for (const unit of UNITS) ledger.execute(registerOrgUnit(unit, unit === 'D1' ? 'COUNTY_DEPARTMENT' : 'TOWNSHIP'));
        const all: [Step, boolean][] = [[{ kind: 'register', birth: '1970-03-01', day: calendarDate('2009-01-01') }, false], ...steps];
        all.forEach(([step, override], n) => {
          const events = ledger.events(`cadre-${C}`);
          const held = cadreView(ledger.cadre(C)).posts.filter((p) => p.to === undefined);
          const parsed = parseCareerCommand(commandOf(step, n, events, override, held));
          const refState = events.reduce(reference.evolveCadre, reference.initialCadreState);
          const context = ledger.context(parsed);
          if (parsed.type === 'EntryRetracted' || parsed.type === 'SecondmentStarted') {
            expect(orgUnitIdsImpliedForCadre(parsed, context.cadre)).toEqual(referenceImplied(parsed, refState));
          }
          const current = outcome(() => decideCareerCommand(parsed, context));
          const previous = outcome(() => referenceDecideCadre(parsed as Parameters<typeof referenceDecideCadre>[0], context, refState));
          expect(current).toEqual(previous);
          if ('decision' in current) ledger.append(current.decision);
          const stream = ledger.events(`cadre-${C}`);
          // The ledger's state was evolved with the decider's foreseen folds; a loaded one folds each
          // event afresh, or the whole stream at once.
          expect(cadreView(ledger.cadre(C))).toEqual(referenceView(stream));
          expect(cadreView(stream.reduce(evolveCadre, initialCadreState))).toEqual(referenceView(stream));
          expect(cadreView(cadreStateOf(stream))).toEqual(referenceView(stream));
        });
      }),
      { numRuns: fcRuns(60) },
    );
  });

  it('a compacted state (a bulk import\'s cache) decides and folds as the full one, its history restored when a decision needs it', () => {
    let restored = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, fc.boolean(), fc.boolean()), { minLength: 10, maxLength: 50, size: 'max' }), (steps) => {
        const full = new InMemoryLedger();
        const compacted = new InMemoryLedger();
        for (const ledger of [full, compacted]) for (const unit of UNITS) ledger.execute(registerOrgUnit(unit, unit === 'D1' ? 'COUNTY_DEPARTMENT' : 'TOWNSHIP'));
        const all: [Step, boolean, boolean][] = [[{ kind: 'register', birth: '1970-03-01', day: calendarDate('2009-01-01') }, false, false], ...steps];
        all.forEach(([step, override, compactNow], n) => {
          // Compacted now and then, as the import does once a chunk is stored; evolved in between.
          if (compactNow) compacted.compactCadre(C);
          const held = cadreView(full.cadre(C)).posts.filter((p) => p.to === undefined);
          const command = commandOf(step, n, full.events(`cadre-${C}`), override, held);
          const expected = outcome(() => full.decide(command));
          const actual = outcome(() => compacted.decide(command));
          expect(actual).toEqual(expected);
          if ('decision' in expected && 'decision' in actual) {
            full.append(expected.decision);
            compacted.append(actual.decision);
          }
          expect(cadreView(compacted.cadre(C))).toEqual(cadreView(full.cadre(C)));
          expect(compacted.cadre(C).retractedBy).toEqual(full.cadre(C).retractedBy);
        });
        restored += compacted.historiesRestored;
      }),
      { numRuns: fcRuns(60) },
    );
    expect(restored).toBeGreaterThan(0); // the runs did reach the decisions that need the dropped facts
  });

  it('any stream, refusable events included, folds event by event to the full derivation', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }), fc.array(fc.nat({ max: 59 }), { maxLength: 4 }), (steps, reloads) => {
        const events: RecordedEvent[] = [];
        let state = initialCadreState;
        steps.forEach((step, n) => {
          const c = commandOf(step, n, events, false, cadreView(state).posts.filter((p) => p.to === undefined));
          const event = {
            type: c.type,
            data: c.data,
            effectiveDate: c.effectiveDate,
            eventId: c.id,
            streamId: `cadre-${C}`,
            revision: n,
            globalPosition: n + 1,
            recordedAt: new Date(Date.UTC(2030, 0, 1) + n * 1000).toISOString(),
            actor: 'property',
          } as RecordedEvent;
          events.push(event);
          // Now and then the state is loaded at once (derived), then evolved event by event from there.
          state = reloads.includes(n) ? cadreStateOf(events) : evolveCadre(state, event);
          expect(cadreView(state)).toEqual(referenceView(events));
        });
      }),
      { numRuns: fcRuns(150) },
    );
  });
});
