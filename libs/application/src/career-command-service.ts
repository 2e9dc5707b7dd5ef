/**
 * The write side's use case: record one career command. Parse (zod), look for an earlier write
 * with the same id (idempotency), load the states it is decided against, decide (pure domain),
 * append every stream's events atomically with the expected revisions the decision was made on.
 * A conflict with a concurrent writer is retried on fresh state, unless the caller pinned the
 * revision (If-Match), in which case the conflict is the answer.
 */
import {
  CadreHistoryNeeded,
  commandStreamId,
  decideCareerCommand,
  orgUnitIdsNeeded,
  parseCareerCommand,
  streamIdOf,
  streamsNeeded,
  type CadreState,
  type CalendarDate,
  type CareerCommand,
  type Decision,
  type DecisionContext,
  type OrgUnitState,
  type RecordedEvent,
  type ValidCareerCommand,
} from '@ledger/domain';
import {
  canonicalJson,
  EventIdConflictError,
  StreamVersionConflictError,
  type EventStore,
  type StoredEvent,
  type StreamAppend,
} from '@ledger/event-store';
import { toNewEvent, toTrustedRecordedEvent, type WriteMetadata } from './event-mapping';
import { APPEAL, CADRE, ORG_UNIT, POLICY, StateLoader, type Aggregate } from './state-loader';

/** Loads the state of a stream as of now (StateLoader.load's signature). */
export type LoadState = <S>(streamId: string, aggregate: Aggregate<S>) => Promise<S>;

export interface ExecuteOptions extends WriteMetadata {
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
    const [earlier] = await this.store.findEvents([command.id]);
    if (earlier) return this.alreadyStored(command, earlier);
    for (let attempt = 1; ; attempt++) {
      const decision = await this.decide(command);
      const own = decision.find((w) => w.streamId === streamId);
      const current = own ? own.expectedRevision : null;
      if (options.expectedRevision !== undefined && current !== options.expectedRevision) {
        throw new StreamVersionConflictError(streamId, String(options.expectedRevision), current === 'no_stream' || current === null ? null : current);
      }
      if (options.dryRun) {
        return { status: 'DRY_RUN', command, streamId, revision: typeof current === 'number' ? current : null, events: [], decision };
      }
      try {
        const result = await this.store.appendToStreams(toAppends(decision, options));
        if (result.alreadyStored) {
          const main = result.events.find((e) => e.eventId === command.id);
          if (main) return this.alreadyStored(command, main);
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
        this.loader.invalidate(decision.map((w) => w.streamId));
        if (options.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Loads every state the command needs and decides it (pure). A compacted cadre state (bulk
   * import) that lacks facts the decision needs says so (CadreHistoryNeeded): its history is read
   * from the store and the command decided again.
   */
  async decide(command: ValidCareerCommand, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate)): Promise<Decision> {
    const restored = new Set<string>();
    for (;;) {
      try {
        return decideCareerCommand(command, await this.context(command, load));
      } catch (error) {
        if (!(error instanceof CadreHistoryNeeded) || error.cadreId === undefined) throw error;
        const streamId = streamIdOf('cadre', error.cadreId);
        if (restored.has(streamId)) throw error; // restored once already: a bug, not a loop
        restored.add(streamId);
        await this.loader.restoreHistory(streamId);
      }
    }
  }

  /** `load`: where states come from (default the loader; group commit puts its batch's decisions on top). */
  async context(command: CareerCommand, load: LoadState = (id, aggregate) => this.loader.load(id, aggregate)): Promise<DecisionContext> {
    const needs = streamsNeeded(command);
    const [policy, named, appeal] = await Promise.all([
      load(streamIdOf('policy'), POLICY),
      needs.cadreId !== undefined ? load(streamIdOf('cadre', needs.cadreId), CADRE) : undefined,
      needs.appealId !== undefined ? load(streamIdOf('appeal', needs.appealId), APPEAL) : undefined,
    ]);
    // A decision on an appeal is decided against the appealed cadre's record too (its remedy).
    const appealed = command.type === 'AppealDecided' && appeal?.filed ? appeal.filed.data.cadreId : undefined;
    const cadre = named ?? (appealed !== undefined ? await load(streamIdOf('cadre', appealed), CADRE) : undefined);
    const orgUnitIds = orgUnitIdsNeeded(command, cadre);
    const [states, related] = await Promise.all([
      Promise.all(orgUnitIds.map((id) => load(streamIdOf('orgunit', id), ORG_UNIT))),
      Promise.all(needs.relatedCadreIds.map((id) => load(streamIdOf('cadre', id), CADRE))),
    ]);
    const orgUnits: Record<string, OrgUnitState> = {};
    orgUnitIds.forEach((id, i) => (orgUnits[id] = states[i]!));
    const relatedCadres: Record<string, CadreState> = {};
    needs.relatedCadreIds.forEach((id, i) => (relatedCadres[id] = related[i]!));
    return {
      today: this.today(),
      policy,
      ...(cadre ? { cadre } : {}),
      ...(needs.relatedCadreIds.length > 0 ? { relatedCadres } : {}),
      ...(appeal ? { appeal } : {}),
      orgUnits,
    };
  }

  /** Re-sending a stored command is a no-op; re-using its id for another fact is a conflict. */
  alreadyStored(command: CareerCommand, stored: StoredEvent): ExecuteResult {
    const recorded: RecordedEvent = toTrustedRecordedEvent(stored);
    const mismatch = factMismatch(command, stored, recorded);
    if (mismatch) throw new EventIdConflictError(command.id, `is already recorded for a different fact (${mismatch})`);
    return {
      status: 'ALREADY_STORED',
      command,
      streamId: stored.streamId,
      revision: stored.revision,
      events: [stored],
      decision: [],
    };
  }
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
function contention(streamId: string): number {
  return streamId.startsWith('orgunit-') ? 0 : streamId.startsWith('appeal-') ? 1 : 2;
}

export function toAppends(decision: Decision, meta: WriteMetadata): StreamAppend[] {
  return [...decision].sort((a, b) => contention(a.streamId) - contention(b.streamId)).map((w) => ({
    streamId: w.streamId,
    expectedRevision: w.expectedRevision,
    events: w.events.map((e) => toNewEvent(e, meta)),
  }));
}
