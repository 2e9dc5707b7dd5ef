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
 */
import { asRecorded, commandStreamId, parseCareerCommand, type Decision, type ValidCareerCommand } from '@ledger/domain';
import { appendEach, canAppendBatches, StreamVersionConflictError, type AppendOutcome, type EventStore, type NewEvent, type StreamAppend } from '@ledger/event-store';
import { contention, idsToLookUp, toAppends, type CareerCommandService, type ExecuteOptions, type ExecuteResult, type LoadState, type ReadSet } from './career-command-service';
import { toRecordedEvent } from './event-mapping';
import { aggregateOfStream, type Aggregate } from './state-loader';

interface Waiting {
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

export class CommandGroupCommit {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly service: CareerCommandService,
    private readonly store: EventStore,
    /** The most commands one batch carries; more wait for the next. */
    private readonly maxBatch = 200,
  ) {}

  async execute(input: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
    if (options.dryRun) return this.service.execute(input, options);
    const command = parseCareerCommand(input);
    return new Promise<ExecuteResult>((resolve, reject) => {
      this.queue.push({ command, input, options, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
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
    this.queue.unshift(...later);
    void this.run(now)
      .catch((error: unknown) => now.forEach((w) => w.reject(error))) // a settled promise ignores it
      .finally(() => {
        this.running = false;
        this.next();
      });
  }

  /** One batch of commands with distinct ids. */
  private async run(now: readonly Waiting[]): Promise<void> {
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

    // Decided in order, each on top of the ones before it; which earlier write each state comes from.
    const ahead = new Map<string, { readonly state: unknown; readonly by: number }>();
    const recordedAt = new Date().toISOString();
    const decided: Decided[] = [];
    const deferred: Deferred[] = [];
    // Commands that depend on one another, as units (union–find over `decided`'s indexes).
    const parent: number[] = [];
    const unitOf = (i: number): number => (parent[i] === i ? i : (parent[i] = unitOf(parent[i]!)));
    for (const w of now) {
      const dependsOn = new Set<number>();
      const load: LoadState = <S>(id: string, aggregate: Aggregate<S>): Promise<S> => {
        const pending = ahead.get(id);
        if (!pending) return loadOnce(id, aggregate);
        dependsOn.add(pending.by);
        return Promise.resolve(pending.state as S);
      };
      try {
        const earlier = stored.get(w.command.id);
        if (earlier) {
          w.resolve(this.service.alreadyStored(w.command, earlier, found));
          continue;
        }
        const { decision, reads } = await this.service.decideAsSeen(w.command, w.options.expectedRevision, load);
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
        if (dependsOn.size > 0) deferred.push({ w, error, dependsOn: [...dependsOn] });
        else w.reject(error);
      }
    }
    if (decided.length === 0) {
      for (const d of deferred) d.w.reject(d.error); // nothing it depended on was sent: cannot happen
      return;
    }

    const units = unitsOf(decided.length, unitOf);
    const writes = units.map((members) => mergedAppends(members.map((i) => toAppends(decided[i]!.decision, decided[i]!.w.options, decided[i]!.reads))));
    const outcomes = canAppendBatches(this.store) ? await this.store.appendBatch(writes) : await appendEach(this.store, writes);
    // Each unit answered; the promise settles once its commands have their answers (decided again, if need be).
    const answered = units.map((members, u): Promise<void> => {
      const outcome = outcomes[u]!;
      if (members.length > 1) return this.answerUnit(members.map((i) => decided[i]!), outcome);
      const { w, decision, streamId } = decided[members[0]!]!;
      if (outcome.ok) {
        const main = outcome.result.alreadyStored ? outcome.result.events.find((e) => e.eventId === w.command.id) : undefined;
        if (main) w.resolve(this.service.alreadyStored(w.command, main, outcome.result.events));
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
    for (const d of deferred) {
      const on = [...new Set(d.dependsOn.map((i) => unitOfIndex[i]!))];
      if (on.every(stood)) d.w.reject(d.error);
      // Decided on a write that failed: decided again once the commands it waited for have their
      // answers, so arrival order holds (found by a review: the later of two appointments to one
      // post took it while the earlier was still being decided again).
      else void Promise.all(on.map((u) => answered[u])).then(() => this.again(d.w));
    }
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
