/**
 * Loads the aggregate states a command is decided against, by folding their streams (read as
 * trusted: this ledger validated every payload when it wrote it; see toTrustedRecordedEvent). An optional
 * bounded cache keeps states between commands (bulk import): a stale entry is harmless, because
 * the append checks every stream's expected revision and a conflict evicts it.
 */
import {
  CadreHistoryNeeded,
  cadreStateOf,
  compactCadreState,
  evolveAppeal,
  evolveCadre,
  evolveOrgUnit,
  evolvePolicy,
  initialAppealState,
  initialCadreState,
  initialOrgUnitState,
  initialPolicyState,
  type AppealState,
  type CadreState,
  type OrgUnitState,
  type PolicyState,
  type RecordedEvent,
  withCadreHistory,
} from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { toTrustedRecordedEvent } from './event-mapping';

export interface Aggregate<S> {
  readonly initial: S;
  readonly evolve: (state: S, event: RecordedEvent) => S;
  /** A whole stream at once, where that is cheaper than evolving event by event (same state). */
  readonly ofStream?: (events: readonly RecordedEvent[]) => S;
}

export const CADRE: Aggregate<CadreState> = { initial: initialCadreState, evolve: evolveCadre, ofStream: cadreStateOf };
export const ORG_UNIT: Aggregate<OrgUnitState> = { initial: initialOrgUnitState, evolve: evolveOrgUnit };
export const APPEAL: Aggregate<AppealState> = { initial: initialAppealState, evolve: evolveAppeal };
export const POLICY: Aggregate<PolicyState> = { initial: initialPolicyState, evolve: evolvePolicy };

/** The state of a stream read from its first event. */
export function stateOfStream<S>(aggregate: Aggregate<S>, stored: readonly StoredEvent[]): S {
  const events = stored.map(toTrustedRecordedEvent);
  return aggregate.ofStream ? aggregate.ofStream(events) : events.reduce(aggregate.evolve, aggregate.initial);
}

export function aggregateOfStream(streamId: string): Aggregate<unknown> {
  if (streamId === 'policy') return POLICY as Aggregate<unknown>;
  if (streamId.startsWith('cadre-')) return CADRE as Aggregate<unknown>;
  if (streamId.startsWith('orgunit-')) return ORG_UNIT as Aggregate<unknown>;
  if (streamId.startsWith('appeal-')) return APPEAL as Aggregate<unknown>;
  throw new Error(`no aggregate for stream ${streamId}`);
}

/**
 * How far a cached state is trusted:
 * - 'trusted' (bulk import): used as is; the append's expected revisions catch a stale one;
 * - 'checked' (the API, several replicas): the stream head is looked up on every load and only
 *   the events after the cached revision are read, so a state is never stale — also for streams a
 *   decision reads without writing (policy, org units, the cadre an appeal is about).
 */
export type CacheFreshness = 'trusted' | 'checked';

/** Every aggregate state carries the revision of its stream's last event (undefined: no stream). */
function revisionOf(state: unknown): number {
  const revision = (state as { revision?: number }).revision;
  return revision ?? -1;
}

export class StateLoader {
  /**
   * Approximate LRU: an access stamps the entry, it does not move it. The textbook Map LRU
   * (delete + re-insert on every access) degrades on V8 when one key is hot — every command reads
   * the policy stream — because each delete leaves a dead entry in that key's hash chain until the
   * table is rehashed: ≈ 27 µs per access at 48,000 entries (a quarter of a province import).
   */
  private readonly cache = new Map<string, { state: unknown; used: number }>();
  private tick = 0;
  /**
   * Streams whose cached state holds events that will never be stored (a dry run's): the store
   * cannot give them back, so they are neither evicted nor invalidated (found by a review: a dry
   * run forgot its own earlier lines past the cache's capacity, or when a refusal was asked again).
   */
  private readonly pinned = new Set<string>();

  constructor(
    private readonly store: EventStore,
    /** 0 disables caching: every load folds the stream afresh. */
    private readonly capacity = 0,
    private readonly freshness: CacheFreshness = 'trusted',
  ) {}

  async load<S>(streamId: string, aggregate: Aggregate<S>): Promise<S> {
    const cached = this.cache.get(streamId)?.state as S | undefined;
    if (cached !== undefined) {
      const state = this.freshness === 'checked' ? await this.refresh(streamId, aggregate, cached) : cached;
      // Refresh recency (Map keeps insertion order: the first key is the least recently used).
      this.remember(streamId, state);
      return state;
    }
    const events = await this.store.readStream(streamId);
    const state = stateOfStream(aggregate, events);
    this.remember(streamId, state);
    return state;
  }

  /**
   * A cached state, without a read, when the cache is trusted (bulk import: nothing else writes
   * meanwhile, and the append's expected revisions catch it if something did); a checked cache
   * must ask the store first, so it has nothing at hand.
   */
  atHand(streamId: string): unknown {
    if (this.freshness !== 'trusted') return undefined;
    const state = this.cache.get(streamId)?.state;
    if (state !== undefined) this.remember(streamId, state);
    return state;
  }

  /** Brings a cached state up to the stream's head by reading only what was appended since. */
  private async refresh<S>(streamId: string, aggregate: Aggregate<S>, cached: S): Promise<S> {
    const head = await this.store.streamHead(streamId);
    const known = revisionOf(cached);
    const current = head?.revision ?? -1;
    if (current === known) return cached;
    if (current < known) {
      // Only a store rebuilt underneath us goes backwards: start over.
      const events = await this.store.readStream(streamId);
      return stateOfStream(aggregate, events);
    }
    const newer = await this.store.readStream(streamId, { fromRevision: known + 1 });
    return newer.map(toTrustedRecordedEvent).reduce(aggregate.evolve, cached);
  }

  /**
   * Loads the states of the streams not cached yet, all at once (bulk import: the reads are
   * pipelined over the connection pool instead of one round trip per line). Same staleness rule
   * as `load`: the append's expected revisions catch anything written meanwhile.
   */
  async prefetch(streamIds: Iterable<string>): Promise<void> {
    if (this.capacity === 0) return;
    const missing = [...new Set(streamIds)].filter((id) => !this.cache.has(id)).slice(0, this.capacity);
    const states = await Promise.all(
      missing.map(async (id) => {
        const aggregate = aggregateOfStream(id);
        const events = await this.store.readStream(id);
        return [id, stateOfStream(aggregate, events)] as const;
      }),
    );
    for (const [id, state] of states) if (!this.cache.has(id)) this.remember(id, state);
  }

  /** Folds events just written (or about to be, in a batch) into cached states. */
  apply(events: readonly RecordedEvent[]): void {
    if (this.capacity === 0) return;
    for (const event of events) {
      const state = this.cache.get(event.streamId)?.state;
      if (state === undefined) continue;
      // A concurrent load may already hold this event: evolve only the state it directly follows.
      if (event.revision !== revisionOf(state) + 1) {
        this.cache.delete(event.streamId);
        continue;
      }
      try {
        this.remember(event.streamId, aggregateOfStream(event.streamId).evolve(state, event));
      } catch (error) {
        // A compacted state cannot fold a back-dated event it was not decided on: forget it (the
        // next load reads the stream; the append's expected revision catches anything not stored yet).
        if (!(error instanceof CadreHistoryNeeded)) throw error;
        this.cache.delete(event.streamId);
      }
    }
  }

  /**
   * Compacts the cached cadre states of these streams (compactCadreState): only for streams whose
   * every event folded into the cached state is stored, since a restored history is read from the store.
   */
  compact(streamIds: Iterable<string>): void {
    for (const id of streamIds) {
      const entry = id.startsWith('cadre-') ? this.cache.get(id) : undefined;
      if (entry) entry.state = compactCadreState(entry.state as CadreState);
    }
  }

  /**
   * The cached cadre state of a stream with its compacted facts restored from the store (after a
   * decision threw CadreHistoryNeeded), kept in the cache in its place.
   */
  async restoreHistory(streamId: string): Promise<void> {
    const state = this.cache.get(streamId)?.state as CadreState | undefined;
    if (!state?.compacted) return;
    const stored = (await this.store.readStream(streamId, { maxCount: state.compacted.upTo + 1 })).map(toTrustedRecordedEvent);
    try {
      this.remember(streamId, withCadreHistory(state, stored));
    } catch {
      // The stored stream is not the one compacted (rebuilt underneath): read it afresh.
      this.cache.delete(streamId);
    }
  }

  /** Whether the stream's cached state already folds its event at this revision (false when none is cached). */
  holds(streamId: string, revision: number): boolean {
    const state = this.cache.get(streamId)?.state;
    return state !== undefined && revisionOf(state) >= revision;
  }

  /** The cached state of a stream, as it is (undefined: none), without touching its recency. */
  peek(streamId: string): unknown {
    return this.cache.get(streamId)?.state;
  }

  /**
   * Puts back states taken by `peek` (undefined: none was cached), e.g. the stored states under a
   * batch's provisional events when its write failed. States are values: folding makes new ones.
   */
  restore(states: ReadonlyMap<string, unknown>): void {
    for (const [id, state] of states) {
      if (state === undefined) this.cache.delete(id);
      else this.remember(id, state);
    }
  }

  invalidate(streamIds: Iterable<string>): void {
    for (const id of streamIds) if (!this.pinned.has(id)) this.cache.delete(id);
  }

  /** Keeps these streams' cached states for good (see `pinned`). */
  pin(streamIds: Iterable<string>): void {
    for (const id of streamIds) if (this.cache.has(id)) this.pinned.add(id);
  }

  isPinned(streamId: string): boolean {
    return this.pinned.has(streamId);
  }

  private remember(streamId: string, state: unknown): void {
    if (this.capacity === 0) return;
    const entry = this.cache.get(streamId);
    if (entry) {
      entry.state = state;
      entry.used = ++this.tick;
      return;
    }
    this.cache.set(streamId, { state, used: ++this.tick });
    if (this.cache.size > this.capacity) this.evictLeastRecentlyUsed();
  }

  /** Drops the least recently used tenth at once: one sort per capacity/10 insertions. */
  private evictLeastRecentlyUsed(): void {
    const oldest = [...this.cache.entries()].filter(([id]) => !this.pinned.has(id)).sort((a, b) => a[1].used - b[1].used);
    const excess = this.cache.size - this.capacity + Math.ceil(this.capacity / 10);
    for (const [id] of oldest.slice(0, Math.min(excess, oldest.length - 1))) this.cache.delete(id);
  }
}
