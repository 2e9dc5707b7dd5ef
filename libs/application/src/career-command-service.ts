/**
 * The write side's use case: record one career command. Parse (zod), look for an earlier write
 * with the same id (idempotency), load the states it is decided against, decide (pure domain),
 * append every stream's events atomically with the expected revisions the decision was made on,
 * and a read check of every other stream it read (ReadSet).
 * A conflict with a concurrent writer is retried on fresh state, unless the caller pinned the
 * revision (If-Match), in which case the conflict is the answer.
 */
import {
  CadreHistoryNeeded,
  cadreView,
  commandStreamId,
  decideCareerCommand,
  DomainError,
  expectedRevisionOf,
  orgUnitIdsNeeded,
  parseCareerCommand,
  possibleMarkerEventIds,
  postsNamedByUnitsZh,
  remedyEventIds,
  sameRemedyStored,
  streamIdOf,
  streamsNeeded,
  type CadreState,
  type CalendarDate,
  type CareerCommand,
  type Decision,
  type DecisionContext,
  type DescribedOrgUnit,
  type OrgUnitState,
  type RecordedEvent,
  type ValidCareerCommand,
} from '@ledger/domain';
import {
  canonicalJson,
  compareAllPositions,
  EventIdConflictError,
  eventIdentity,
  MultiStreamAppendIncompleteError,
  StreamVersionConflictError,
  type EventStore,
  type StoredEvent,
  type StreamAppend,
} from '@ledger/event-store';
import type { Role } from '@ledger/auth';
import { toNewEvent, toTrustedRecordedEvent, type WriteMetadata } from './event-mapping';
import { refuseRemedyRetraction } from './retraction-capability';
import { aggregateOfStream, APPEAL, CADRE, ORG_UNIT, POLICY, StateLoader, stateOfStream, type Aggregate } from './state-loader';

/**
 * A refusal that names cadres or org units by id (P2: the post's holder, the one refused it and
 * the township) gets their names from their registrations (`cadreNames`, `orgUnitNames`), for a
 * user to see who and which unit is meant: read here, on the service's side, so a clerk who may
 * not read the list of townships sees the township's name too. A courtesy: an id without a
 * readable registration is left out, and a failed read leaves the refusal as it is.
 */
async function nameRefusal(error: DomainError, load: LoadState): Promise<void> {
  if (error.cadreIds && !error.cadreNames) {
    const names = await namesOf(error.cadreIds, async (id) => cadreView(await load(streamIdOf('cadre', id), CADRE)).registration?.data.name);
    if (names) error.cadreNames = names;
  }
  if (error.orgUnitIds && !error.orgUnitNames) {
    // The org-unit states the decision read are in the loader already: no second read of the store.
    const units = new Map<string, DescribedOrgUnit>();
    const names = await namesOf(error.orgUnitIds, async (id) => {
      const registered = (await load(streamIdOf('orgunit', id), ORG_UNIT)).registration?.data;
      if (registered) units.set(id, { name: registered.name, kind: registered.kind });
      return registered?.name;
    });
    if (names) error.orgUnitNames = names;
    // Its posts as their units name them: 局长 of a bureau, 乡长 of a 乡 (postZh wrote 乡镇长 for any).
    error.messageZh = postsNamedByUnitsZh(error.messageZh, units);
  }
}

/** The names of `ids` that have one, by id; undefined when none has. */
async function namesOf(ids: readonly string[], nameOf: (id: string) => Promise<string | undefined>): Promise<Record<string, string> | undefined> {
  const names: Record<string, string> = {};
  for (const id of ids) {
    try {
      const name = await nameOf(id);
      if (name !== undefined) names[id] = name;
    } catch {
      // Names beside ids are a courtesy: the refusal stands without them.
    }
  }
  return Object.keys(names).length > 0 ? names : undefined;
}

/** Loads the state of a stream as of now (StateLoader.load's signature). */
export type LoadState = <S>(streamId: string, aggregate: Aggregate<S>) => Promise<S>;

/** Who writes, for the checks made as a command is decided (a remedy's retraction: refuseRemedyRetraction). */
export interface DeciderRole {
  /** The caller's role; none for the local operator (the CLI's own commands). */
  readonly role?: Role;
}

export interface ExecuteOptions extends WriteMetadata, DeciderRole {
  /** If-Match: the revision the caller last saw of the command's own stream. */
  readonly expectedRevision?: number;
  /** Decide, but write nothing. */
  readonly dryRun?: boolean;
}

export type ExecuteStatus = 'APPENDED' | 'ALREADY_STORED' | 'DRY_RUN';

export interface ExecuteResult {
  readonly status: ExecuteStatus;
  readonly command: CareerCommand;
  /** The command's stream and its revision after the write. */
  readonly streamId: string;
  readonly revision: number | null;
  /** Stored events (APPENDED, ALREADY_STORED: the command's own event) or, for DRY_RUN, none. */
  readonly events: readonly StoredEvent[];
  readonly decision: Decision;
}

const MAX_ATTEMPTS = 5;

/**
 * The streams a decision read and does not write, each at the revision it was read: checked by
 * the store with the write (read checks, StreamAppend). A rule that spans streams — a rescission
 * reads the appeal it cites, a talk its partner's registration, every command the policy — then
 * cannot be broken by a concurrent writer of a stream it only read (found by a review of
 * concurrent writers: an import kept deciding on states another clerk had corrected meanwhile).
 */
export type ReadSet = ReadonlyMap<string, number | 'no_stream'>;

/** A decision with the streams it was decided on. */
export interface DecidedCommand {
  readonly decision: Decision;
  readonly reads: ReadSet;
}

/**
 * A command some of whose events a write that stopped part-way stored (a store without
 * transactions across streams: EventStoreDB), and whose other events cannot be written now: the
 * rules refuse the command on the stored states, or would no longer write what was stored. The
 * stored events stay (a store never deletes); `reason` says why the rest cannot follow.
 */
export class PartlyStoredCommandError extends Error {
  readonly code = 'COMMAND_PARTLY_STORED';
  constructor(
    readonly commandId: string,
    readonly stored: readonly StoredEvent[],
    readonly reason: unknown,
  ) {
    const streams = [...new Set(stored.map((e) => e.streamId))];
    super(
      `a write of ${commandId} stopped part-way: ${streams.join(', ')} hold its events ${stored.map((e) => e.eventId).join(', ')}, and the rest cannot be written now (${
        reason instanceof Error ? `${(reason as { code?: string }).code ?? reason.name}: ${reason.message}` : String(reason)
      })`,
    );
    this.name = 'PartlyStoredCommandError';
  }

  /** The streams that hold the command's stored events. */
  get streams(): string[] {
    return [...new Set(this.stored.map((e) => e.streamId))];
  }
}

export class CareerCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly today: () => CalendarDate,
    readonly loader: StateLoader = new StateLoader(store),
  ) {}

  async execute(input: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
    return this.executeValid(parseCareerCommand(input), options);
  }

  /** `execute` for a command already parsed at the boundary (an import line): not parsed again. */
  async executeValid(command: ValidCareerCommand, options: ExecuteOptions): Promise<ExecuteResult> {
    const streamId = commandStreamId(command);
    const found = await this.store.findEvents(idsToLookUp(command));
    const earlier = found.find((e) => e.eventId === command.id);
    if (earlier) return this.forgetStatesOf(await this.answerStored(command, earlier, found));
    for (let attempt = 1; ; attempt++) {
      let decided: DecidedCommand;
      try {
        decided = await this.decideAsSeen(command, options.expectedRevision, undefined, options.role);
      } catch (error) {
        return this.forgetStatesOf(await this.storedMeanwhile(command, error));
      }
      const { decision, reads } = decided;
      const current = decision.find((w) => w.streamId === streamId)?.expectedRevision ?? null;
      if (options.dryRun) {
        return { status: 'DRY_RUN', command, streamId, revision: typeof current === 'number' ? current : null, events: [], decision };
      }
      try {
        const result = await this.store.appendToStreams(toAppends(decision, options, reads));
        if (result.alreadyStored) {
          const main = result.events.find((e) => e.eventId === command.id);
          if (main) return this.forgetStatesOf(await this.answerStored(command, main, await this.store.findEvents(idsToLookUp(command))), decision);
        }
        this.loader.apply(result.events.map(toTrustedRecordedEvent));
        return {
          status: 'APPENDED',
          command,
          streamId,
          revision: result.streamRevisions.get(streamId) ?? null,
          events: result.events,
          decision,
        };
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError)) throw error;
        this.loader.invalidate([...decision.map((w) => w.streamId), error.streamId]);
        // If-Match pins the command's own stream: a stream only read that moved is decided again.
        if ((options.expectedRevision !== undefined && error.streamId === streamId) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * A command found stored already (another writer's, or an earlier send of it): the cached states
   * of the streams its write holds may lack it, so they are read again when next needed. An
   * import's cache is trusted (StateLoader), and a refusal is not checked against the store: found
   * by a spec of the import replaying lines one by one, where a rating was refused TM5 on the cached
   * state of a rater whose appointment another writer had stored as the import sent it.
   */
  private forgetStatesOf(answer: ExecuteResult, decision: Decision = []): ExecuteResult {
    this.loader.invalidate(new Set([...answer.events.map((e) => e.streamId), ...decision.map((w) => w.streamId)]));
    return answer;
  }

  /**
   * Completes a command a write of which stopped part-way (MultiStreamAppendIncompleteError: a
   * store without transactions across streams, EventStoreDB), once sending the same write again
   * could not (a stream it had still to write moved meanwhile). `attempted`: the event ids of that
   * write, when known (those of the command's decision are looked up as well).
   *
   * The command is decided again on the stored states without its own stored events, as if it
   * came now: when that decision writes exactly them (same ids, same bodies, in the same streams,
   * each of those streams' events all stored), its other streams are written now at their heads,
   * with a read check of every stream it read (those holding its stored events included): the
   * command is then stored whole. With nothing of it stored, this is an ordinary write. Otherwise
   * its stored events cannot be made whole (the rules refuse it now, or it would write something
   * else): PartlyStoredCommandError, naming them. States are read from the store, not the cache.
   */
  async complete(command: ValidCareerCommand, attempted: readonly string[], options: WriteMetadata & DeciderRole): Promise<ExecuteResult> {
    const streamId = commandStreamId(command);
    const ids = new Set([...idsToLookUp(command), ...attempted]);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.store.findEvents([...ids]);
      const own = new Map(stored.map((e) => [e.eventId, e]));
      let decided: DecidedCommand;
      try {
        decided = await this.decideReading(command, loadWithout(this.store, new Set(own.keys())), options.role);
      } catch (error) {
        if (own.size === 0) throw error;
        throw new PartlyStoredCommandError(command.id, stored, error);
      }
      const { decision } = decided;
      const decidedIds = decision.flatMap((w) => w.events.map((e) => e.eventId));
      // Ids of this decision not looked up yet (a marker of another post than the stopped write's): looked up first.
      if (decidedIds.some((id) => !ids.has(id)) && attempt < MAX_ATTEMPTS) {
        for (const id of decidedIds) ids.add(id);
        continue;
      }
      const mismatch = storedPartMismatch(decision, own, options);
      if (mismatch !== undefined) {
        if (own.size === 0) throw new Error(`bug: ${mismatch} with nothing stored`);
        throw new PartlyStoredCommandError(command.id, stored, `decided again on the stored states, it ${mismatch}`);
      }
      const missing = decision.filter((w) => !w.events.some((e) => own.has(e.eventId)));
      const reads = new Map(decided.reads);
      // The streams holding its stored events are read checks now, at the heads it was decided on.
      for (const w of decision) if (!missing.includes(w)) reads.set(w.streamId, w.expectedRevision);
      const touched = [...decision.map((w) => w.streamId), ...reads.keys()];
      if (missing.length === 0) {
        const main = own.get(command.id);
        return { status: 'ALREADY_STORED', command, streamId, revision: main?.revision ?? null, events: stored, decision: [] };
      }
      try {
        const result = await this.store.appendToStreams(toAppends(missing, options, reads));
        this.loader.invalidate(touched);
        const events = [...stored, ...result.events];
        return { status: 'APPENDED', command, streamId, revision: events.find((e) => e.eventId === command.id)?.revision ?? null, events, decision };
      } catch (error) {
        this.loader.invalidate(touched);
        const again = error instanceof StreamVersionConflictError || error instanceof MultiStreamAppendIncompleteError;
        if (!again || attempt >= MAX_ATTEMPTS) {
          if (own.size === 0 || !(error instanceof StreamVersionConflictError)) throw error;
          throw new PartlyStoredCommandError(command.id, stored, error);
        }
        for (const id of decidedIds) ids.add(id);
      }
    }
  }

  /**
   * A refusal naming cadres or org units by id gets their names (`cadreNames`, `orgUnitNames`, from
   * their registrations), for a report or a page to put each name beside its id. A courtesy: nothing is thrown.
   */
  async nameRefusal(error: unknown): Promise<void> {
    if (error instanceof DomainError) await nameRefusal(error, (id, aggregate) => this.loader.load(id, aggregate));
  }

  /**
   * `decide` for a writer who names the revision it saw (If-Match). A stale one is a conflict, and
   * so is a refusal by the rules while it is stale: the writer decided on a view that is no longer
   * the ledger's and should see what changed first (found by a review: a stale If-Match got the
   * 422 of a post filled meanwhile, not the 409 that offers a reload). A malformed command stays
   * a 400 whatever the revision: sending it again cannot help.
   */
  async decideAsSeen(command: ValidCareerCommand, expectedRevision: number | undefined, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate), role?: Role): Promise<DecidedCommand> {
    const streamId = commandStreamId(command);
    const conflict = (current: number | 'no_stream' | null) => new StreamVersionConflictError(streamId, String(expectedRevision), current === 'no_stream' ? null : current);
    let decided: DecidedCommand;
    try {
      decided = await this.decideReading(command, load, role);
    } catch (error) {
      const refusedByRules = error instanceof DomainError && error.code !== 'RULE_I_SCHEMA' && error.code !== 'RULE_I_NOT_A_COMMAND';
      if (refusedByRules && expectedRevision !== undefined) {
        const current = ((await load(streamId, aggregateOfStream(streamId))) as { revision?: number }).revision ?? null;
        if (current !== expectedRevision) throw conflict(current);
      }
      if (refusedByRules) await nameRefusal(error, load);
      throw error;
    }
    const own = decided.decision.find((w) => w.streamId === streamId)?.expectedRevision ?? null;
    if (expectedRevision !== undefined && own !== expectedRevision) throw conflict(own);
    return decided;
  }

  /**
   * Loads every state the command needs and decides it (pure). A compacted cadre state (bulk
   * import) that lacks facts the decision needs says so (CadreHistoryNeeded): its history is read
   * from the store and the command decided again.
   */
  async decide(command: ValidCareerCommand, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate)): Promise<Decision> {
    return (await this.decideReading(command, load)).decision;
  }

  /** `decide`, with the streams the decision read (ReadSet). */
  async decideReading(command: ValidCareerCommand, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate), role?: Role): Promise<DecidedCommand> {
    const restored = new Set<string>();
    for (;;) {
      try {
        const read = new Map<string, unknown>();
        const context = await this.context(command, load, read);
        refuseRemedyRetraction(role, command, context);
        return { decision: decideCareerCommand(command, context), reads: readSetOf(read) };
      } catch (error) {
        if (!(error instanceof CadreHistoryNeeded) || error.cadreId === undefined) throw error;
        const streamId = streamIdOf('cadre', error.cadreId);
        if (restored.has(streamId)) throw error; // restored once already: a bug, not a loop
        restored.add(streamId);
        await this.loader.restoreHistory(streamId);
      }
    }
  }

  /**
   * Decides on the states the loader already holds, without a read or a promise (bulk import: the
   * chunk's states are prefetched, and awaiting each cached state made 17 % of the import's
   * allocations, docs/SCALE.md). Undefined when a state is not at hand or a compacted state lacks
   * the facts the decision needs: `decide` then loads, restores and decides.
   */
  decideAtHand(command: ValidCareerCommand, role?: Role): DecidedCommand | undefined {
    try {
      // Gathering can need the facts too (the org units of a post an event names).
      const read = new Map<string, unknown>();
      const context = gatherContext(command, this.today, (id) => this.loader.atHand(id), read);
      if (!isContext(context)) return undefined;
      refuseRemedyRetraction(role, command, context);
      return { decision: decideCareerCommand(command, context), reads: readSetOf(read) };
    } catch (error) {
      if (error instanceof CadreHistoryNeeded) return undefined;
      throw error;
    }
  }

  /** `load`: where states come from (default the loader; group commit puts its batch's decisions on top). */
  async context(command: CareerCommand, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate), read?: Map<string, unknown>): Promise<DecisionContext> {
    const loaded = new Map<string, unknown>();
    for (;;) {
      read?.clear();
      const context = gatherContext(command, this.today, (id) => loaded.get(id), read);
      if (isContext(context)) return context;
      // One step of the chain at a time (the cadre names its org units), each step's loads at once.
      const states = await Promise.all(context.map(({ streamId, aggregate }) => load(streamId, aggregate)));
      context.forEach(({ streamId }, i) => loaded.set(streamId, states[i]));
    }
  }

  /**
   * Re-sending a stored command is a no-op; re-using its id for another fact is a conflict.
   * `found`: what the store holds under `idsToLookUp(command)`, the stored event among them.
   */
  /**
   * A decision refused because the command's id is already in its stream: stored meanwhile, between
   * the idempotency lookup and the state the command was decided on (another way in writing the
   * same id). Answered as the lookup would have answered it then, ALREADY_STORED or
   * EVENT_ID_CONFLICT, not as a rule breach (found by the race specs: the same race gave 409 or 422
   * by its timing). Any other error, or an id not stored, is thrown as it is.
   */
  async storedMeanwhile(command: CareerCommand, error: unknown): Promise<ExecuteResult> {
    if (error instanceof DomainError && error.code === 'RULE_I_DUPLICATE_EVENT_ID') {
      const found = await this.store.findEvents(idsToLookUp(command));
      const stored = found.find((e) => e.eventId === command.id);
      if (stored) return this.answerStored(command, stored, found);
    }
    throw error;
  }

  /**
   * `alreadyStored`, answered with every event the stored write holds: its holder markers looked up
   * too (a retraction's by the event it retracts), so a retry answers the events and the position
   * the first write answered (found by a review: a retried appointment or decision with its remedy
   * answered its own event alone, at an earlier position, and the web app's next If-Match on the
   * cadre was stale). Only a retry pays the extra lookups.
   */
  async answerStored(command: CareerCommand, stored: StoredEvent, found: readonly StoredEvent[]): Promise<ExecuteResult> {
    const answer = this.alreadyStored(command, stored, found);
    const postEvent = command.type === 'EntryRetracted' ? (await this.store.findEvents([command.data.targetEventId]))[0] : command;
    const known = new Set(found.map((e) => e.eventId));
    const missing = postEvent ? possibleMarkerEventIds(command.id, postEvent).filter((id) => !known.has(id)) : [];
    const markers = missing.length > 0 ? await this.store.findEvents(missing) : [];
    return { ...answer, events: eventsOfTheWrite(command.id, [stored, ...found, ...markers]) };
  }

  /**
   * `writeEvents`: the stored write's events when the caller has them (a write the store found
   * already stored), else the command's own event. Not derived from `found` here: an import passes
   * a whole chunk's lookups for each line, and filtering them per line made a re-import quadratic;
   * it passes them by id, since a map of them built for each line was quadratic too (a third of a
   * re-import's CPU, found by an operations review). Only a decision's remedies are looked up in them.
   */
  alreadyStored(command: CareerCommand, stored: StoredEvent, found: readonly StoredEvent[] | ReadonlyMap<string, StoredEvent>, writeEvents?: readonly StoredEvent[]): ExecuteResult {
    const recorded: RecordedEvent = toTrustedRecordedEvent(stored);
    const remedyOf = (): ((id: string) => StoredEvent | undefined) => {
      const byId = 'get' in found ? found : new Map(found.map((e) => [e.eventId, e]));
      return (id) => byId.get(id);
    };
    const mismatch = factMismatch(command, stored, recorded) ?? (command.type === 'AppealDecided' && !sameRemedyStored(command, remedyOf()) ? 'remedy' : undefined);
    // Which field differs, and its stored value, are not said: the caller may not read that stream, and a
    // guessed id made the refusal an oracle of another cadre's record (found by a security review).
    if (mismatch) throw new EventIdConflictError(command.id, 'is already recorded for a different fact');
    return {
      status: 'ALREADY_STORED',
      command,
      streamId: stored.streamId,
      revision: stored.revision,
      events: writeEvents ? [...writeEvents] : [stored],
      decision: [],
    };
  }
}

/** The command's own event and those its write derived (markers, remedies: caused by it), each once, in store order. */
function eventsOfTheWrite(commandId: string, events: readonly StoredEvent[]): StoredEvent[] {
  const byId = new Map(events.filter((e) => e.eventId === commandId || e.causationId === commandId).map((e) => [e.eventId, e]));
  return [...byId.values()].sort((a, b) => compareAllPositions(a.position, b.position));
}

/** The ids an idempotent retry of the command looks up: its own, and a decision's remedies. */
export function idsToLookUp(command: CareerCommand): string[] {
  return command.type === 'AppealDecided' ? [command.id, ...remedyEventIds(command.id)] : [command.id];
}

/** Which field makes the command a different fact from the stored event, if any. */
export function factMismatch(command: CareerCommand, stored: StoredEvent, recorded: RecordedEvent): string | undefined {
  if (stored.type !== command.type) return `type ${stored.type}`;
  if (stored.streamId !== commandStreamId(command)) return `stream ${stored.streamId}`;
  if (stored.effectiveDate !== command.effectiveDate) return `effectiveDate ${stored.effectiveDate}`;
  if ((stored.documentRef ?? null) !== (command.documentRef ?? null)) return 'documentRef';
  if (canonicalJson(recorded.data) !== canonicalJson(command.data)) return 'data';
  // An override is recorded only where a rule was departed from; a stored one must match.
  if (recorded.override && recorded.override.reason !== command.override?.reason) return 'override';
  return undefined;
}

/**
 * Contended streams first (org units carry the P2 post markers, appeals their one decision): on a
 * store without multi-stream transactions (EventStoreDB) a lost race then fails before anything
 * is written. PostgreSQL writes all streams in one transaction whatever the order.
 */
export function contention(streamId: string): number {
  return streamId.startsWith('orgunit-') ? 0 : streamId.startsWith('appeal-') ? 1 : 2;
}

/** The decision's writes, then a read check for each stream it read and does not write. */
export function toAppends(decision: Decision, meta: WriteMetadata, reads?: ReadSet): StreamAppend[] {
  const writes: StreamAppend[] = [...decision].sort((a, b) => contention(a.streamId) - contention(b.streamId)).map((w) => ({
    streamId: w.streamId,
    expectedRevision: w.expectedRevision,
    events: w.events.map((e) => toNewEvent(e, meta)),
  }));
  if (!reads) return writes;
  const written = new Set(decision.map((w) => w.streamId));
  for (const [streamId, expectedRevision] of reads) if (!written.has(streamId)) writes.push({ streamId, expectedRevision, events: [] });
  return writes;
}

/**
 * States folded from the store without the events `excluded` (a command's own, stored by a write
 * that stopped part-way), at the stream's head revision: the command is decided as if it came
 * now, and any write or read check it makes is checked against the head.
 */
function loadWithout(store: EventStore, excluded: ReadonlySet<string>): LoadState {
  return async <S>(streamId: string, aggregate: Aggregate<S>): Promise<S> => {
    const events = await store.readStream(streamId);
    const kept = excluded.size === 0 ? events : events.filter((e) => !excluded.has(e.eventId));
    const state = stateOfStream(aggregate, kept);
    return kept.length === events.length ? state : { ...state, revision: events[events.length - 1]!.revision };
  };
}

/**
 * How a decision differs from a command's stored events (`own`), if it does: it must write each
 * of them, with the same body, in its stream, and a stream holding one must hold all its events.
 */
function storedPartMismatch(decision: Decision, own: ReadonlyMap<string, StoredEvent>, meta: WriteMetadata): string | undefined {
  const decided = new Set<string>();
  for (const w of decision) {
    const kept = w.events.filter((e) => own.has(e.eventId));
    for (const e of w.events) decided.add(e.eventId);
    if (kept.length === 0) continue;
    if (kept.length !== w.events.length) return `writes ${w.streamId} beyond the events stored there`;
    for (const e of kept) {
      const stored = own.get(e.eventId)!;
      if (stored.streamId !== w.streamId || eventIdentity({ ...toNewEvent(e, meta), streamId: w.streamId }) !== eventIdentity(stored)) {
        return `writes ${e.eventId} otherwise than stored (stream ${stored.streamId}, revision ${stored.revision})`;
      }
    }
  }
  const dropped = [...own.keys()].find((id) => !decided.has(id));
  return dropped === undefined ? undefined : `no longer writes ${dropped}`;
}

/** The revision of each state a decision was gathered from. */
function readSetOf(read: ReadonlyMap<string, unknown>): ReadSet {
  const reads = new Map<string, number | 'no_stream'>();
  for (const [streamId, state] of read) reads.set(streamId, expectedRevisionOf(state as { revision: number | undefined }));
  return reads;
}

/** A state a decision needs and `gatherContext` did not find. */
interface Wanted {
  readonly streamId: string;
  readonly aggregate: Aggregate<unknown>;
}

const isContext = (gathered: DecisionContext | readonly Wanted[]): gathered is DecisionContext => !Array.isArray(gathered);

/**
 * The states a command is decided against, from `state` (undefined: not at hand). Each step needs
 * the one before it: the policy, the named cadre and the appeal; then the appealed cadre (a decision
 * on an appeal is decided against the appealed cadre's record too, its remedy); then the org units
 * the command and that cadre name, and the related cadres. Answers the first step's missing states,
 * or the whole context once every state is at hand.
 */
function gatherContext(command: CareerCommand, today: () => CalendarDate, state: (streamId: string) => unknown, read?: Map<string, unknown>): DecisionContext | readonly Wanted[] {
  const missing: Wanted[] = [];
  const get = <S>(streamId: string, aggregate: Aggregate<S>): S | undefined => {
    const found = state(streamId) as S | undefined;
    if (found === undefined) missing.push({ streamId, aggregate: aggregate as Aggregate<unknown> });
    else read?.set(streamId, found);
    return found;
  };
  const needs = streamsNeeded(command);
  const policy = get(streamIdOf('policy'), POLICY);
  const named = needs.cadreId !== undefined ? get(streamIdOf('cadre', needs.cadreId), CADRE) : undefined;
  const appeal = needs.appealId !== undefined ? get(streamIdOf('appeal', needs.appealId), APPEAL) : undefined;
  if (missing.length > 0) return missing;
  const appealed = command.type === 'AppealDecided' && appeal?.filed ? appeal.filed.data.cadreId : undefined;
  const cadre = named ?? (appealed !== undefined ? get(streamIdOf('cadre', appealed), CADRE) : undefined);
  if (missing.length > 0) return missing;
  const orgUnitIds = orgUnitIdsNeeded(command, cadre);
  const orgUnits: Record<string, OrgUnitState> = {};
  for (const id of orgUnitIds) {
    const unit = get(streamIdOf('orgunit', id), ORG_UNIT);
    if (unit !== undefined) orgUnits[id] = unit;
  }
  const relatedCadres: Record<string, CadreState> = {};
  for (const id of needs.relatedCadreIds) {
    const related = get(streamIdOf('cadre', id), CADRE);
    if (related !== undefined) relatedCadres[id] = related;
  }
  if (missing.length > 0) return missing;
  return {
    today: today(),
    policy: policy!,
    ...(cadre ? { cadre } : {}),
    ...(needs.relatedCadreIds.length > 0 ? { relatedCadres } : {}),
    ...(appeal ? { appeal } : {}),
    orgUnits,
  };
}
