/**
 * Group commit of commands (the API): commands that arrive while a batch is being decided and
 * written wait, then go together — their ids looked up and their states loaded concurrently, each
 * decided in arrival order on top of the decisions before it (two commands on one cadre are
 * chained: the second sees the first's event and expects the revision after it), and every write
 * sent in one store call that answers each write on its own (BatchAppender). One failing command
 * fails only itself: a refusal of the domain before the call, a stale If-Match, a reused id; a
 * command whose stream moved underneath (another process, or a write before it in the batch that
 * failed) is decided again on its own, as CareerCommandService retries a conflict. A lone command
 * goes out at once.
 *
 * A command decided on an earlier command's events (the next training of the same cadre, a
 * rescission on the decision of the appeal it cites) depends on that write, and a revision cannot
 * say so: if the earlier write fails because another process took that revision first, the later
 * one's expectation would hold against the other process's event. So commands that depend on one
 * another go as one atomic write (a unit), answered each with its own events; a unit that fails
 * is decided again command by command, in order. A refusal decided on earlier commands' events
 * waits for their outcome, then stands or is decided again (found by a review of concurrent
 * writers: a rescission stored for a decision never stored, a "post occupied" by an appointment
 * never stored). Every stream a command only read is checked with its write (ReadSet).
 *
 * While a batch is with the store, the next is decided: the API's thread decides while the server
 * writes, instead of each waiting for the other (docs/SCALE.md section 5). A command that touches
 * a batch in flight — reads a stream it writes, writes a stream it read, names an id it writes —
 * waits, parked on it, until its answers are in (InFlight).
 */
import { asRecorded, commandStreamId, parseCareerCommand, type Decision, type ValidCareerCommand } from '@ledger/domain';
import { appendEach, canAppendBatches, StreamVersionConflictError, type AppendOutcome, type EventStore, type NewEvent, type StreamAppend } from '@ledger/event-store';
import { contention, idsToLookUp, toAppends, type CareerCommandService, type ExecuteOptions, type ExecuteResult, type LoadState, type ReadSet } from './career-command-service';
import { toRecordedEvent } from './event-mapping';
import { aggregateOfStream, type Aggregate } from './state-loader';

interface Waiting {
  /** Arrival order: commands set aside go back into the queue in it. */
  readonly seq: number;
  readonly command: ValidCareerCommand;
  readonly input: unknown;
  readonly options: ExecuteOptions;
  readonly resolve: (result: ExecuteResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Decided {
  readonly w: Waiting;
  readonly decision: Decision;
  readonly reads: ReadSet;
  readonly streamId: string;
}

/** A refusal decided on earlier commands' events of this batch: final only once they are stored. */
interface Deferred {
  readonly w: Waiting;
  readonly error: unknown;
  /** Indexes into the batch's decided writes. */
  readonly dependsOn: readonly number[];
}

/** A batch decided and not yet sent. */
interface DecidedBatch {
  readonly decided: readonly Decided[];
  readonly deferred: readonly Deferred[];
  /** Indexes of `decided` that depend on one another, each group one atomic write. */
  readonly units: readonly (readonly number[])[];
}

/**
 * A batch with the store, not every command of it answered yet. A later batch is decided
 * meanwhile (the store's work and the next decisions overlap), but not on anything this one
 * touches: a command that reads or writes a stream this one writes, writes a stream it read, or
 * names an id it writes waits, parked here, until this batch's answers are in (its states are
 * then in the loader). So two batches in flight never hold writes that depend on each other, and
 * a command never decides on a state a write in flight is about to change.
 */
interface InFlight {
  /** Streams it appends to. */
  readonly writes: ReadonlySet<string>;
  /** Streams it read (read checks; the streams it writes among them). */
  readonly reads: ReadonlySet<string>;
  /** Its command ids and event ids. */
  readonly ids: ReadonlySet<string>;
  /** Commands of a later batch that touch it, waiting for its answers. */
  readonly parked: Waiting[];
  /**
   * Streams those commands read: a command that writes one waits too, so no write overtakes an
   * earlier command that depends on its stream. (A command that only reads one may go first: it
   * is decided, and its read checked, as if it had come before the parked one.)
   */
  readonly readByParked: Set<string>;
  answered: boolean;
}

/** Ends the deciding of a command that must wait for a batch in flight (it is parked). */
const BLOCKED = new Error('waits for a batch in flight');

export class CommandGroupCommit {
  private readonly queue: Waiting[] = [];
  private arrivals = 0;
  /** A batch is being decided: one at a time, each on the states the ones before it left. */
  private deciding = false;
  private readonly inFlight = new Set<InFlight>();

  constructor(
    private readonly service: CareerCommandService,
    private readonly store: EventStore,
    /** The most commands one batch carries; more wait for the next. */
    private readonly maxBatch = 200,
    /**
     * The most batches with the store at once. While one is written (a `ledger_append` call and
     * its commit), the next is decided: at 1 the API's thread and the server take turns, each idle
     * while the other works (docs/SCALE.md section 5).
     */
    private readonly maxBatchesInFlight = 2,
  ) {}

  async execute(input: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
    if (options.dryRun) return this.service.execute(input, options);
    const command = parseCareerCommand(input);
    return new Promise<ExecuteResult>((resolve, reject) => {
      this.queue.push({ seq: this.arrivals++, command, input, options, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.deciding || this.inFlight.size >= this.maxBatchesInFlight || this.queue.length === 0) return;
    this.deciding = true;
    const batch = this.queue.splice(0, this.maxBatch);
    // An id sent twice at once: the second waits in the queue for the first's answer to be in the
    // store. Set aside before the run, so a run that fails answers only the commands it ran (the
    // second, answered with the error, was written by the next batch: found by a review).
    const ids = new Set<string>();
    const now: Waiting[] = [];
    const later: Waiting[] = [];
    for (const w of batch) {
      if (ids.has(w.command.id)) later.push(w);
      else now.push(w);
      ids.add(w.command.id);
    }
    this.requeue(later);
    void this.run(now);
  }

  /** Commands set aside go back into the queue, which stays in arrival order. */
  private requeue(waiting: readonly Waiting[]): void {
    if (waiting.length === 0) return;
    this.queue.push(...waiting);
    this.queue.sort((a, b) => a.seq - b.seq);
  }

  /**
   * One batch of commands with distinct ids: decided (the only batch being decided), then written
   * while the next is decided. Settles once every command of it is answered or parked; never rejects.
   */
  private async run(now: readonly Waiting[]): Promise<void> {
    const parked = new Set<Waiting>();
    const released: Waiting[] = [];
    const park = (w: Waiting, on: InFlight): void => {
      parked.add(w);
      if (on.answered) released.push(w);
      else on.parked.push(w);
    };
    let batch: DecidedBatch | undefined;
    try {
      batch = await this.decide(now, [...this.inFlight], park);
    } catch (error) {
      for (const w of now) if (!parked.has(w)) w.reject(error); // a settled promise ignores it
    } finally {
      this.deciding = false;
      this.requeue(released);
    }
    if (!batch) {
      this.next();
      return;
    }
    const flight = inFlightOf(batch);
    this.inFlight.add(flight);
    this.next();
    try {
      await this.write(batch);
    } catch (error) {
      for (const { w } of [...batch.decided, ...batch.deferred]) w.reject(error);
    } finally {
      this.inFlight.delete(flight);
      flight.answered = true;
      this.requeue(flight.parked);
      this.next();
    }
  }

  /**
   * Decides the batch in arrival order, each command on top of the ones before it. A command that
   * touches a batch in flight (`blockers`, InFlight) is parked on it, and so is any later command
   * that writes a stream a parked one read (InFlight.readByParked).
   */
  private async decide(now: readonly Waiting[], blockers: readonly InFlight[], park: (w: Waiting, on: InFlight) => void): Promise<DecidedBatch | undefined> {
    // Every state the batch reads, each loaded once and concurrently, with the ids' earlier writes.
    const loading = new Map<string, Promise<unknown>>();
    const loadOnce: LoadState = <S>(id: string, aggregate: Aggregate<S>): Promise<S> => {
      let state = loading.get(id);
      if (!state) loading.set(id, (state = this.service.loader.load(id, aggregate)));
      return state as Promise<S>;
    };
    const [found] = await Promise.all([
      this.store.findEvents(now.flatMap((w) => idsToLookUp(w.command))),
      Promise.all(now.map((w) => this.service.context(w.command, loadOnce).catch(() => undefined))), // its error is the decision's
    ]);
    const stored = new Map(found.map((e) => [e.eventId, e]));
    const writtenBy = (streamId: string) => blockers.find((f) => f.writes.has(streamId));

    // Decided in order, each on top of the ones before it; which earlier write each state comes from.
    const ahead = new Map<string, { readonly state: unknown; readonly by: number }>();
    const recordedAt = new Date().toISOString();
    const decided: Decided[] = [];
    const deferred: Deferred[] = [];
    // Commands that depend on one another, as units (union–find over `decided`'s indexes).
    const parent: number[] = [];
    const unitOf = (i: number): number => (parent[i] === i ? i : (parent[i] = unitOf(parent[i]!)));
    for (const w of now) {
      const named = idsToLookUp(w.command);
      const idInFlight = blockers.find((f) => named.some((id) => f.ids.has(id)));
      if (idInFlight) {
        park(w, idInFlight);
        continue;
      }
      const dependsOn = new Set<number>();
      const touched = new Set<string>();
      // The first batch in flight a load reached. The command is then parked, its decision thrown
      // away: it is still decided, on the states as they were, to learn every stream it reads.
      let blockedOn: InFlight | undefined;
      const load: LoadState = <S>(id: string, aggregate: Aggregate<S>): Promise<S> => {
        touched.add(id);
        const pending = ahead.get(id);
        if (pending) {
          dependsOn.add(pending.by);
          return Promise.resolve(pending.state as S);
        }
        blockedOn ??= writtenBy(id);
        return loadOnce(id, aggregate);
      };
      try {
        const earlier = stored.get(w.command.id);
        if (earlier) {
          w.resolve(await this.service.answerStored(w.command, earlier, found));
          continue;
        }
        const { decision, reads } = await this.service.decideAsSeen(w.command, w.options.expectedRevision, load, w.options.role);
        for (const x of decision) touched.add(x.streamId);
        // A write to a stream a batch in flight read, or of an id it writes, waits for its answers too.
        blockedOn ??=
          decision.map((x) => writtenBy(x.streamId)).find((f) => f !== undefined) ??
          blockers.find((f) => decision.some((x) => f.reads.has(x.streamId) || f.readByParked.has(x.streamId) || x.events.some((e) => f.ids.has(e.eventId))));
        if (blockedOn) throw BLOCKED;
        const streamId = commandStreamId(w.command);
        for (const write of decision) {
          const aggregate = aggregateOfStream(write.streamId);
          let state = await load(write.streamId, aggregate);
          const base = write.expectedRevision === 'no_stream' ? -1 : write.expectedRevision;
          write.events.forEach((event, i) => {
            state = aggregate.evolve(state, asRecorded(event, { streamId: write.streamId, revision: base + i + 1, globalPosition: 0, recordedAt, actor: w.options.actor }));
          });
          ahead.set(write.streamId, { state, by: decided.length });
        }
        const index = decided.length;
        parent.push(index);
        for (const earlier of dependsOn) parent[unitOf(earlier)] = unitOf(index);
        decided.push({ w, decision, reads, streamId });
      } catch (error) {
        if (blockedOn) {
          park(w, blockedOn);
          for (const id of touched) blockedOn.readByParked.add(id);
        } else if (dependsOn.size > 0) deferred.push({ w, error, dependsOn: [...dependsOn] });
        else this.service.storedMeanwhile(w.command, error).then(w.resolve, w.reject);
      }
    }
    if (decided.length === 0) {
      for (const d of deferred) d.w.reject(d.error); // nothing it depended on was sent: cannot happen
      return undefined;
    }
    return { decided, deferred, units: unitsOf(decided.length, unitOf) };
  }

  /**
   * Sends the batch's writes in one store call and answers each command. Settles once every
   * command has its final answer, those decided again included.
   */
  private async write({ decided, deferred, units }: DecidedBatch): Promise<void> {
    const writes = units.map((members) => mergedAppends(members.map((i) => toAppends(decided[i]!.decision, decided[i]!.w.options, decided[i]!.reads))));
    const outcomes = canAppendBatches(this.store) ? await this.store.appendBatch(writes) : await appendEach(this.store, writes);
    // Each unit answered; the promise settles once its commands have their answers (decided again, if need be).
    const answered = units.map((members, u): Promise<void> => {
      const outcome = outcomes[u]!;
      if (members.length > 1) return this.answerUnit(members.map((i) => decided[i]!), outcome);
      const { w, decision, streamId } = decided[members[0]!]!;
      if (outcome.ok) {
        const main = outcome.result.alreadyStored ? outcome.result.events.find((e) => e.eventId === w.command.id) : undefined;
        // The store answers a write it found stored with that write's events: the retry's answer (markers and remedies included).
        if (main) w.resolve(this.service.alreadyStored(w.command, main, outcome.result.events, outcome.result.events));
        else {
          this.service.loader.apply(outcome.result.events.map(toRecordedEvent));
          w.resolve({ status: 'APPENDED', command: w.command, streamId, revision: outcome.result.streamRevisions.get(streamId) ?? null, events: outcome.result.events, decision });
        }
        return Promise.resolve();
      }
      const conflict = outcome.error instanceof StreamVersionConflictError ? outcome.error : undefined;
      this.service.loader.invalidate([...decision.map((x) => x.streamId), ...(conflict ? [conflict.streamId] : [])]);
      // If-Match pins the command's own stream only: a conflict elsewhere is decided again.
      if (conflict && (w.options.expectedRevision === undefined || conflict.streamId !== streamId)) return this.again(w);
      w.reject(outcome.error);
      return Promise.resolve();
    });
    const unitOfIndex: number[] = [];
    units.forEach((members, u) => members.forEach((i) => (unitOfIndex[i] = u)));
    const stood = (u: number): boolean => {
      const outcome = outcomes[u]!;
      return outcome.ok && (units[u]!.length === 1 || !outcome.result.alreadyStored); // a unit a twin stored is decided again
    };
    const decidedAgain: Promise<void>[] = [];
    for (const d of deferred) {
      const on = [...new Set(d.dependsOn.map((i) => unitOfIndex[i]!))];
      if (on.every(stood)) d.w.reject(d.error);
      // Decided on a write that failed: decided again once the commands it waited for have their
      // answers, so arrival order holds (found by a review: the later of two appointments to one
      // post took it while the earlier was still being decided again).
      else decidedAgain.push(Promise.all(on.map((u) => answered[u])).then(() => this.again(d.w)));
    }
    await Promise.all([...answered, ...decidedAgain]);
  }

  /** A command decided again on its own, on fresh states (CareerCommandService retries a conflict). */
  private again(w: Waiting): Promise<void> {
    return this.service.execute(w.input, w.options).then(w.resolve, w.reject);
  }

  /**
   * The answer of commands written as one unit: each its own events and its stream's revision
   * after them. A unit that failed, or that a concurrent twin stored first, is decided again
   * command by command, in arrival order.
   */
  private answerUnit(members: readonly Decided[], outcome: AppendOutcome): Promise<void> {
    if (outcome.ok && !outcome.result.alreadyStored) {
      this.service.loader.apply(outcome.result.events.map(toRecordedEvent));
      for (const { w, decision, streamId } of members) {
        const ids = new Set(decision.flatMap((x) => x.events.map((e) => e.eventId)));
        const events = outcome.result.events.filter((e) => ids.has(e.eventId));
        const own = events.filter((e) => e.streamId === streamId);
        w.resolve({ status: 'APPENDED', command: w.command, streamId, revision: own.length > 0 ? own[own.length - 1]!.revision : null, events, decision });
      }
      return Promise.resolve();
    }
    this.service.loader.invalidate(members.flatMap((m) => [...m.decision.map((x) => x.streamId), ...m.reads.keys()]));
    return members.reduce((chain, m) => chain.then(() => this.again(m.w)), Promise.resolve());
  }
}

/** What a decided batch touches, for the batches decided while it is written. */
function inFlightOf({ decided }: DecidedBatch): InFlight {
  const writes = new Set<string>();
  const reads = new Set<string>();
  const ids = new Set<string>();
  for (const { w, decision, reads: read } of decided) {
    ids.add(w.command.id);
    for (const x of decision) {
      writes.add(x.streamId);
      for (const e of x.events) ids.add(e.eventId);
    }
    for (const streamId of read.keys()) reads.add(streamId);
  }
  return { writes, reads, ids, parked: [], readByParked: new Set(), answered: false };
}

/** Indexes 0…n−1 grouped by `unitOf` (each group in ascending order, groups by their first index). */
function unitsOf(n: number, unitOf: (i: number) => number): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = unitOf(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}

/**
 * The appends of several commands as one write: each stream once, its events in command order,
 * expected at the revision the first of them read; a read check only of a stream none of them
 * writes (a stream one writes was read by the others on top of it, in the unit).
 */
function mergedAppends(perCommand: readonly (readonly StreamAppend[])[]): StreamAppend[] {
  if (perCommand.length === 1) return [...perCommand[0]!];
  const merged = new Map<string, { expectedRevision: StreamAppend['expectedRevision']; events: NewEvent[] }>();
  for (const appends of perCommand) {
    for (const a of appends) {
      const slot = merged.get(a.streamId);
      // A stream read by one command and written by a later one was loaded once: the same revision.
      if (!slot) merged.set(a.streamId, { expectedRevision: a.expectedRevision, events: [...a.events] });
      else slot.events.push(...a.events);
    }
  }
  // Writes first, contended streams first among them, then the read checks, as toAppends orders
  // them: on EventStoreDB, which writes stream by stream, a unit that loses the race for a post
  // must fail before its cadre events are written (found by a review: a unit wrote the cadre's
  // appointment, lost the org unit's marker to another replica, and answered ALREADY_STORED when
  // decided again, two secretaries of one township standing).
  const entries = [...merged].map(([streamId, m]) => ({ streamId, expectedRevision: m.expectedRevision, events: m.events }));
  const writes = entries.filter((a) => a.events.length > 0).sort((a, b) => contention(a.streamId) - contention(b.streamId));
  return [...writes, ...entries.filter((a) => a.events.length === 0)];
}
