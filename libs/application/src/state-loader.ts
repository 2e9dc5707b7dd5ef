/**
 * Loads the aggregate states a command is decided against, by folding their streams. An optional
 * bounded cache keeps states between commands (bulk import): a stale entry is harmless, because
 * the append checks every stream's expected revision and a conflict evicts it.
 */
import {
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
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { toRecordedEvent } from './event-mapping';

export interface Aggregate<S> {
  readonly initial: S;
  readonly evolve: (state: S, event: RecordedEvent) => S;
}

export const CADRE: Aggregate<CadreState> = { initial: initialCadreState, evolve: evolveCadre };
export const ORG_UNIT: Aggregate<OrgUnitState> = { initial: initialOrgUnitState, evolve: evolveOrgUnit };
export const APPEAL: Aggregate<AppealState> = { initial: initialAppealState, evolve: evolveAppeal };
export const POLICY: Aggregate<PolicyState> = { initial: initialPolicyState, evolve: evolvePolicy };

export function aggregateOfStream(streamId: string): Aggregate<unknown> {
  if (streamId === 'policy') return POLICY as Aggregate<unknown>;
  if (streamId.startsWith('cadre-')) return CADRE as Aggregate<unknown>;
  if (streamId.startsWith('orgunit-')) return ORG_UNIT as Aggregate<unknown>;
  if (streamId.startsWith('appeal-')) return APPEAL as Aggregate<unknown>;
  throw new Error(`no aggregate for stream ${streamId}`);
}

export class StateLoader {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly store: EventStore,
    /** 0 disables caching: every load folds the stream afresh (the HTTP path). */
    private readonly capacity = 0,
  ) {}

  async load<S>(streamId: string, aggregate: Aggregate<S>): Promise<S> {
    const cached = this.cache.get(streamId);
    if (cached !== undefined) {
      // Refresh recency (Map keeps insertion order: the first key is the least recently used).
      this.cache.delete(streamId);
      this.cache.set(streamId, cached);
      return cached as S;
    }
    const events = await this.store.readStream(streamId);
    const state = events.map(toRecordedEvent).reduce(aggregate.evolve, aggregate.initial);
    this.remember(streamId, state);
    return state;
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
        return [id, events.map(toRecordedEvent).reduce(aggregate.evolve, aggregate.initial)] as const;
      }),
    );
    for (const [id, state] of states) if (!this.cache.has(id)) this.remember(id, state);
  }

  /** Folds events just written (or about to be, in a batch) into cached states. */
  apply(events: readonly RecordedEvent[]): void {
    if (this.capacity === 0) return;
    for (const event of events) {
      const state = this.cache.get(event.streamId);
      if (state === undefined) continue;
      this.remember(event.streamId, aggregateOfStream(event.streamId).evolve(state, event));
    }
  }

  invalidate(streamIds: Iterable<string>): void {
    for (const id of streamIds) this.cache.delete(id);
  }

  private remember(streamId: string, state: unknown): void {
    if (this.capacity === 0) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, state);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }
}
