/**
 * An event store with another writer's work (or a lost connection) landing just before chosen calls
 * of `appendToStreams`: how the import and the API are tested beside concurrent writers.
 */
import type { EventStore, StreamAppend } from '@ledger/event-store';

/**
 * Before the n-th `appendToStreams` (1-based) run `hooks[n]`; `'boom'` throws a non-conflict error
 * (the database gone) instead of writing. `calls` counts the calls made through it.
 */
export function interfered(store: EventStore, hooks: Record<number, (() => Promise<unknown>) | 'boom'>): EventStore & { readonly calls: number } {
  let calls = 0;
  return new Proxy(store as EventStore & { readonly calls: number }, {
    get(target, prop, receiver) {
      if (prop === 'calls') return calls;
      if (prop === 'appendToStreams') {
        return async (appends: readonly StreamAppend[]) => {
          const hook = hooks[++calls];
          if (hook === 'boom') throw new Error('connection lost');
          if (hook) await hook();
          return target.appendToStreams(appends);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The store, with another writer's write landing just before the first `appendToStreams`. */
export const writtenMeanwhile = (store: EventStore, meanwhile: () => Promise<unknown>) => interfered(store, { 1: meanwhile });
