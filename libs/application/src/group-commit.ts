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
 */
import { asRecorded, commandStreamId, parseCareerCommand, type Decision, type ValidCareerCommand } from '@ledger/domain';
import { appendEach, canAppendBatches, StreamVersionConflictError, type EventStore } from '@ledger/event-store';
import { idsToLookUp, toAppends, type CareerCommandService, type ExecuteOptions, type ExecuteResult, type LoadState } from './career-command-service';
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
  readonly streamId: string;
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
    void this.run(batch)
      .catch((error: unknown) => batch.forEach((w) => w.reject(error))) // a settled promise ignores it
      .finally(() => {
        this.running = false;
        this.next();
      });
  }

  private async run(batch: readonly Waiting[]): Promise<void> {
    // An id sent twice at once: the second waits for the first's answer to be in the store.
    const ids = new Set<string>();
    const now: Waiting[] = [];
    const later: Waiting[] = [];
    for (const w of batch) {
      if (ids.has(w.command.id)) later.push(w);
      else now.push(w);
      ids.add(w.command.id);
    }
    this.queue.unshift(...later);

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

    // Decided in order, each on top of the ones before it.
    const ahead = new Map<string, unknown>();
    const load: LoadState = <S>(id: string, aggregate: Aggregate<S>): Promise<S> => (ahead.has(id) ? Promise.resolve(ahead.get(id) as S) : loadOnce(id, aggregate));
    const recordedAt = new Date().toISOString();
    const decided: Decided[] = [];
    for (const w of now) {
      try {
        const earlier = stored.get(w.command.id);
        if (earlier) {
          w.resolve(this.service.alreadyStored(w.command, earlier, found));
          continue;
        }
        const decision = await this.service.decideAsSeen(w.command, w.options.expectedRevision, load);
        const streamId = commandStreamId(w.command);
        for (const write of decision) {
          const aggregate = aggregateOfStream(write.streamId);
          let state = await load(write.streamId, aggregate);
          const base = write.expectedRevision === 'no_stream' ? -1 : write.expectedRevision;
          write.events.forEach((event, i) => {
            state = aggregate.evolve(state, asRecorded(event, { streamId: write.streamId, revision: base + i + 1, globalPosition: 0, recordedAt, actor: w.options.actor }));
          });
          ahead.set(write.streamId, state);
        }
        decided.push({ w, decision, streamId });
      } catch (error) {
        w.reject(error);
      }
    }
    if (decided.length === 0) return;

    const writes = decided.map((d) => toAppends(d.decision, d.w.options));
    const outcomes = canAppendBatches(this.store) ? await this.store.appendBatch(writes) : await appendEach(this.store, writes);
    decided.forEach(({ w, decision, streamId }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        const main = outcome.result.alreadyStored ? outcome.result.events.find((e) => e.eventId === w.command.id) : undefined;
        if (main) return w.resolve(this.service.alreadyStored(w.command, main, outcome.result.events));
        this.service.loader.apply(outcome.result.events.map(toRecordedEvent));
        return w.resolve({ status: 'APPENDED', command: w.command, streamId, revision: outcome.result.streamRevisions.get(streamId) ?? null, events: outcome.result.events, decision });
      }
      this.service.loader.invalidate(decision.map((x) => x.streamId));
      if (outcome.error instanceof StreamVersionConflictError && w.options.expectedRevision === undefined) {
        this.service.execute(w.input, w.options).then(w.resolve, w.reject);
      } else {
        w.reject(outcome.error);
      }
    });
  }
}
