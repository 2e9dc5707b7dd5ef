/**
 * A catch-up subscription built on `readAll` polling: shared by adapters whose store has no
 * push subscription of its own. The loop reads a batch after the checkpoint, hands it to the
 * handler, advances, and sleeps only when caught up.
 */
import type { AllPosition } from './envelope';
import { compareAllPositions, START_POSITION } from './envelope';
import type { BatchHandler, ReadAllBatch, ReadAllOptions, Subscription, SubscriptionOptions } from './event-store.port';

export function pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<ReadAllBatch>,
  handler: BatchHandler,
  options: SubscriptionOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const prefixes = options.streamPrefixes;
  let stopped = false;
  let wake: (() => void) | undefined;
  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async (): Promise<void> => {
    let after: AllPosition = options.after ?? START_POSITION;
    while (!stopped) {
      const batch = await readAll({ after, batchSize });
      const events = prefixes ? batch.events.filter((e) => prefixes.some((p) => e.streamId.startsWith(p))) : batch.events;
      // A store may advance past records it filtered out (EventStoreDB's system events): the
      // handler then gets an empty batch, so its checkpoint moves on too.
      if (batch.events.length > 0 || compareAllPositions(batch.lastPosition, after) > 0) {
        await handler({ events, lastPosition: batch.lastPosition });
        after = batch.lastPosition;
      }
      if (batch.events.length < batchSize) {
        resolveCaughtUp();
        if (!stopped) await sleep(pollIntervalMs);
      }
    }
  };
  const done = loop();
  // A failure before catching up must not leave `caughtUp` pending forever.
  done.catch(() => resolveCaughtUp());
  return {
    caughtUp,
    done,
    poke() {
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
