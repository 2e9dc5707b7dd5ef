/**
 * The cadre aggregate's state (干部履历): the view folded from the events that still count, and a
 * compact record of every event of the stream `cadre-{cadreId}` (its facts: the ids, dates and data
 * the fold and the deciders read). An event that comes last in time is folded into the view on its
 * own; a retraction or a back-dated event derives the view again from the facts, so a retraction
 * stays exact: the target counts nowhere, whatever came after.
 *
 * A state may be compacted (`compactCadreState`: a bulk import's cache, for the states whose events
 * are all stored): it keeps the view, the retractions and the sanctions, but drops the facts up to
 * its revision and keeps only a 32-bit hash of each dropped event id. The few decisions that need
 * the dropped facts (a retraction, a back-dated event, an event looked up by id) throw
 * `CadreHistoryNeeded`; the caller reads the stream's stored prefix, restores the facts
 * (`withCadreHistory`) and decides again.
 */
import type { RecordedEvent } from '../events/domain-event';
import type { SanctionRecord } from '../rules/sanctions';
import { deriveFold, emptyFold, foldNext, type Fold } from './cadre-fold';
import { factOf, type CadreFact, type CadreView, type StreamEvent } from './cadre-view';

export * from './cadre-view';
export type { Fold } from './cadre-fold';

/**
 * Every fact of a stream by event id, in append order, shared by the states evolved from one
 * another: a state sees the facts up to its own revision. Evolving the newest state appends in
 * place; evolving an older one (a branch: a provisional remedy, a retried decision) copies first.
 */
class FactLog {
  readonly facts = new Map<string, CadreFact>();
  revision = -1;
}

/** The cadre aggregate's state: what `evolveCadre` folds. */
export interface CadreState {
  readonly cadreId: string | undefined;
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  readonly revision: number | undefined;
  readonly fold: Fold;
  /** Retracted event id → the EntryRetracted event that retracted it. */
  readonly retractedBy: ReadonlyMap<string, string>;
  /**
   * Event id → the appeal outcome it carries out (appealOutcomeOf): the appeal decision
   * (AppealDecided) that wrote it as its remedy, or the appeal a rescission entered by hand names.
   * Undoing one needs the appeal capability (libs/auth remedyRetractionRefusal), asked on the very
   * state a retraction is decided on. Kept through compaction, as `retractedBy` is.
   */
  readonly remedies: ReadonlyMap<string, string>;
  /** Every SanctionImposed of the stream, retracted ones included (the N3 records). */
  readonly sanctionFacts: readonly Extract<CadreFact, { type: 'SanctionImposed' }>[];
  /** The facts after `compacted.upTo` (all of them when not compacted). */
  readonly log: FactLog;
  /** Set once compacted: the facts of revisions 0..upTo are not in `log`, only their ids' hashes. */
  readonly compacted: Compacted | undefined;
}

interface Compacted {
  readonly upTo: number;
  /** `idHash` of each event id of revisions 0..upTo, unsorted (a stream holds tens of events). */
  readonly idHashes: Uint32Array;
}

export const initialCadreState: CadreState = { cadreId: undefined, revision: undefined, fold: emptyFold, retractedBy: new Map(), remedies: new Map(), sanctionFacts: [], log: new FactLog(), compacted: undefined };

/**
 * Thrown by a compacted state asked for facts it dropped. Not a refusal: the caller restores the
 * history (`withCadreHistory`) and decides again. Never reaches a user.
 */
export class CadreHistoryNeeded extends Error {
  constructor(
    readonly cadreId: string | undefined,
    readonly upTo: number,
  ) {
    super(`the facts of cadre ${cadreId ?? '?'} up to revision ${upTo} were compacted: read them from the store`);
    this.name = 'CadreHistoryNeeded';
  }
}

/** FNV-1a, 32 bits: a compacted state's fingerprint of an event id (a match is confirmed on the full history). */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Folds foreseen by the decider (see foreseeFold), with the fact they fold. */
const foreseen = new WeakMap<CadreState, { readonly fact: CadreFact; readonly fold: Fold }>();

/** Two JSON values alike (an event's data as decided, and as stored and read back). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The event folded is the very one foreseen: the same id is not enough. A command refused here may
 * have its id stored by another way in (an import, another API process) with other data, e.g. the
 * post actually held; that event must be folded, not the refused command (found by a review).
 */
function isForeseen(known: { readonly fact: CadreFact }, fact: CadreFact): boolean {
  const k = known.fact;
  return k.eventId === fact.eventId && k.type === fact.type && k.effectiveDate === fact.effectiveDate && k.revision === fact.revision && sameJson('data' in k ? k.data : undefined, 'data' in fact ? fact.data : undefined);
}

/** Evolve (pure for its callers: the shared log only ever grows past the states that see it). */
export function evolveCadre(state: CadreState, event: RecordedEvent): CadreState {
  const cadreId = state.cadreId ?? (event.streamId.startsWith('cadre-') ? event.streamId.slice('cadre-'.length) : undefined);
  const fact = factOf(event);
  const known = foreseen.get(state);
  // A sanction's view entry keeps its recordedAt, known only once stored: that one is folded again.
  const fold =
    known && event.type !== 'SanctionImposed' && isForeseen(known, fact)
      ? known.fold
      : foldWith(state, cadreId, fact);
  return {
    cadreId,
    revision: event.revision,
    fold,
    retractedBy: retractedByWith(state, fact),
    remedies: appealOutcomeOf(event) !== undefined ? new Map(state.remedies).set(event.eventId, appealOutcomeOf(event)!) : state.remedies,
    sanctionFacts: fact.type === 'SanctionImposed' ? [...state.sanctionFacts, fact] : state.sanctionFacts,
    log: logWith(state, fact),
    compacted: state.compacted,
  };
}

/**
 * The state of a whole stream read at once (a load): one full derivation, instead of folding each
 * event on its own as `evolveCadre` does. Same state as `events.reduce(evolveCadre, initialCadreState)`.
 */
export function cadreStateOf(events: readonly RecordedEvent[]): CadreState {
  const last = events[events.length - 1];
  if (!last) return initialCadreState;
  const log = new FactLog();
  const retractedBy = new Map<string, string>();
  const remedies = new Map<string, string>();
  const sanctionFacts: Extract<CadreFact, { type: 'SanctionImposed' }>[] = [];
  for (const event of events) {
    const fact = factOf(event);
    const outcome = appealOutcomeOf(event);
    if (outcome !== undefined) remedies.set(event.eventId, outcome);
    log.facts.set(fact.eventId, fact);
    if (fact.type === 'EntryRetracted') retractedBy.set(fact.data.targetEventId, fact.eventId);
    if (fact.type === 'SanctionImposed') sanctionFacts.push(fact);
  }
  log.revision = last.revision;
  const cadreId = last.streamId.startsWith('cadre-') ? last.streamId.slice('cadre-'.length) : undefined;
  return { cadreId, revision: last.revision, fold: deriveFold(cadreId, log.facts.values(), retractedBy), retractedBy, remedies, sanctionFacts, log, compacted: undefined };
}

/**
 * The state without its facts (a bulk import's cache, once its events are stored): the view,
 * retractions and sanctions stay; the facts up to its revision are dropped, and with them
 * ≈ 45 % of a cached state's memory (6 of 14 KB for a cadre of 43 events, measured).
 */
export function compactCadreState(state: CadreState): CadreState {
  const revision = state.revision;
  if (revision === undefined || state.compacted?.upTo === revision) return state;
  const kept = state.compacted?.idHashes ?? new Uint32Array(0);
  const tail = [...ownFactsOf(state)];
  const idHashes = new Uint32Array(kept.length + tail.length);
  idHashes.set(kept);
  tail.forEach((f, i) => (idHashes[kept.length + i] = idHash(f.eventId)));
  const log = new FactLog();
  log.revision = revision;
  return { ...state, log, compacted: { upTo: revision, idHashes } };
}

/**
 * A compacted state with its facts restored from the stream's stored events (revisions 0..upTo at
 * least, as read from the store; later ones are ignored): the same state as if never compacted.
 */
export function withCadreHistory(state: CadreState, stored: readonly StreamEvent[]): CadreState {
  const compacted = state.compacted;
  if (!compacted) return state;
  const prefix = stored.filter((e) => e.revision <= compacted.upTo);
  if (prefix.length !== compacted.upTo + 1 || prefix.some((e, i) => e.revision !== i || idHash(e.eventId) !== compacted.idHashes[i])) {
    throw new Error(`the stored stream of cadre ${state.cadreId ?? '?'} does not match its compacted state up to revision ${compacted.upTo}`);
  }
  const log = new FactLog();
  for (const e of prefix) log.facts.set(e.eventId, factOf(e));
  for (const f of ownFactsOf(state)) log.facts.set(f.eventId, f);
  log.revision = state.revision ?? -1;
  return { ...state, log, compacted: undefined };
}

function retractedByWith(state: CadreState, fact: CadreFact): ReadonlyMap<string, string> {
  return fact.type === 'EntryRetracted' ? new Map(state.retractedBy).set(fact.data.targetEventId, fact.eventId) : state.retractedBy;
}

function logWith(state: CadreState, fact: CadreFact): FactLog {
  const revision = state.revision ?? -1;
  let log = state.log;
  // A new stream gets a log of its own; an older state than the log's newest gets a copy.
  if (state.revision === undefined || log.revision !== revision) {
    log = new FactLog();
    for (const f of ownFactsOf(state)) log.facts.set(f.eventId, f);
  }
  log.facts.set(fact.eventId, fact);
  log.revision = fact.revision;
  return log;
}

/** The facts the state holds, in append order (after the compacted ones, if any). */
function* ownFactsOf(state: CadreState): Generator<CadreFact> {
  const revision = state.revision ?? -1;
  for (const f of state.log.facts.values()) {
    if (f.revision > revision) return;
    yield f;
  }
}

/** Every fact of the state in append order; a compacted state cannot say. */
function factsOf(state: CadreState): Generator<CadreFact> {
  if (state.compacted) throw new CadreHistoryNeeded(state.cadreId, state.compacted.upTo);
  return ownFactsOf(state);
}

/**
 * The fold of the state with one more event: on its own when it comes last in every order,
 * else derived again from the facts (a retraction, a back-dated timed event).
 */
function foldWith(state: CadreState, cadreId: string | undefined, fact: CadreFact): Fold {
  const retractedBy = retractedByWith(state, fact);
  const next = retractedBy.has(fact.eventId) ? undefined : foldNext(state.fold, cadreId, fact);
  return next ?? deriveFold(cadreId, [...factsOf(state), fact], retractedBy);
}

/**
 * The view of the state with one more event (the decider's integrity check). Handed to the state
 * `evolveCadre` makes of that event when it is the one foreseen, so a retraction or a back-dated
 * event is derived once, not twice.
 */
export function foreseeFold(state: CadreState, cadreId: string, event: StreamEvent): Fold {
  const fact = factOf(event);
  const fold = foldWith(state, state.cadreId ?? cadreId, fact);
  foreseen.set(state, { fact, fold });
  return fold;
}

/** The view of a cadre state. */
export function cadreView(state: CadreState): CadreView {
  return state.fold.view;
}

/** Looks up an event of the stream by id (retracted or not). */
export function findCadreEvent(state: CadreState, eventId: string): CadreFact | undefined {
  const fact = state.log.facts.get(eventId);
  if (fact !== undefined) return fact.revision <= (state.revision ?? -1) ? fact : undefined;
  // Only a compacted id's hash is known: a match (or a rare collision) needs the stored facts.
  if (state.compacted?.idHashes.includes(idHash(eventId))) throw new CadreHistoryNeeded(state.cadreId, state.compacted.upTo);
  return undefined;
}

/**
 * What makes an event of a cadre's stream an appeal's outcome (N5, TM9): the decision that wrote it
 * as its remedy (its causationId), or, for a SanctionRescinded entered by hand, the appeal it names
 * (EVENTS.md: "an upheld appeal against a sanction is followed by SanctionRescinded naming it").
 * Found by a review: a clerk could not retract the rescission a decision wrote, but could retract
 * the same rescission entered by hand, and the sanction was in force again.
 */
export function appealOutcomeOf(event: Pick<RecordedEvent, 'type' | 'data' | 'causationId'>): string | undefined {
  if (event.causationId) return event.causationId;
  if (event.type === 'SanctionRescinded') return (event.data as { appealId?: string }).appealId;
  return undefined;
}

/** The appeal decision that wrote `eventId` as its remedy, or the appeal a rescission entered by hand names (appealOutcomeOf). */
export function remedyDecisionOf(state: CadreState, eventId: string): string | undefined {
  return state.remedies.get(eventId);
}

/** Whether the stream holds an event of that id (retracted or not). */
export function hasCadreEvent(state: CadreState, eventId: string): boolean {
  return findCadreEvent(state, eventId) !== undefined;
}

/** Every fact of the stream in append order, retracted ones included. */
export function cadreFacts(state: CadreState): CadreFact[] {
  return [...factsOf(state)];
}

/** The N3 input: every sanction of the stream, flagged rescinded or retracted as known now. */
export function sanctionRecordsOf(state: CadreState): SanctionRecord[] {
  const view = cadreView(state);
  const rescinded = new Set(view.sanctions.filter((s) => s.rescindedBy !== undefined).map((s) => s.eventId));
  return state.sanctionFacts.map((e) => ({
    sanctionId: e.data.sanctionId,
    eventId: e.eventId,
    kind: e.data.kind,
    effectiveDate: e.effectiveDate,
    recordedAt: e.recordedAt,
    appendOrder: e.revision,
    rescinded: rescinded.has(e.eventId),
    retracted: state.retractedBy.has(e.eventId),
  }));
}

/** The full derivation of a view from a stream's events or facts in append order (tests, tools). */
export function deriveCadreView(cadreId: string | undefined, events: Iterable<CadreFact>, retractedBy: ReadonlyMap<string, string>): CadreView {
  return deriveFold(cadreId, events, retractedBy).view;
}
