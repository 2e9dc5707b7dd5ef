/**
 * An event store with another writer's work (or a lost connection) landing just before chosen calls
 * of `appendToStreams`: how the import and the API are tested beside concurrent writers.
 */
import type { EventStore, StreamAppend } from '@ledger/event-store';

/**
 * Before the n-th `appendToStreams` (1-based) run `hooks[n]`; `'boom'` throws a non-conflict error
 * (the database gone) instead of writing. `calls` counts the calls made through it.
 */
export function interfered(store: EventStore, hooks: Record<number, (() => Promise<unknown>) | 'boom'>): EventStore & { readonly calls: number; readonly log: readonly string[] } {
  let calls = 0;
  /** `append 1`, `read cadre-B`, …: the appends and the stream reads made through it, in order. */
  const log: string[] = [];
  return new Proxy(store as EventStore & { readonly calls: number; readonly log: readonly string[] }, {
    get(target, prop, receiver) {
      if (prop === 'calls') return calls;
      if (prop === 'log') return log;
      if (prop === 'readStream') {
        return (streamId: string, ...rest: unknown[]) => {
          log.push(`read ${streamId}`);
          return (target.readStream as (...args: unknown[]) => unknown).call(target, streamId, ...rest);
        };
      }
      if (prop === 'appendToStreams') {
        return async (appends: readonly StreamAppend[]) => {
          log.push(`append ${calls + 1}`);
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

/**
 * The store, with another writer's work started as the first `appendToStreams` is sent (an
 * import's first chunk in flight) and every other call (its reads for the chunk it decides
 * meanwhile) waiting until that work is done: what the importer does with a chunk decided beside
 * another writer, without a race in the test.
 */
export function readsAfterMeanwhile(store: EventStore, meanwhile: () => Promise<unknown>): EventStore {
  let work: Promise<unknown> | undefined;
  const written = interfered(store, { 1: () => (work = meanwhile()) });
  return new Proxy(written, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (prop !== 'appendToStreams') await work;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
