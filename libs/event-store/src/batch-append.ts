/**
 * Optional capability of a store: several independent writes in one call (the API's group commit),
 * each answered on its own — one refused write (a conflict, an id stored with another body) fails
 * only itself. The PostgreSQL adapter has it; `appendEach` gives the same answers on any store.
 */
import type { AppendResult, EventStore, StreamAppend } from './event-store.port';

export type AppendOutcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

export interface BatchAppender {
  /**
   * One outcome per write, in the order given. Writes are applied in that order, so a later write
   * to a stream an earlier one wrote checks its expected revision against the earlier one's events.
   */
  appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]>;
}

export function canAppendBatches(store: EventStore): store is EventStore & BatchAppender {
  return typeof (store as Partial<BatchAppender>).appendBatch === 'function';
}

/** The writes one after another, in order: the answer of a store without the capability. */
export async function appendEach(store: EventStore, writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
  const outcomes: AppendOutcome[] = [];
  for (const appends of writes) {
    try {
      outcomes.push({ ok: true, result: await store.appendToStreams(appends) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
