/**
 * Walks every stream and recomputes its hash chain; reports the first broken link.
 * Store-independent: any adapter that lists events in (stream, revision) order and its stream
 * heads can be verified, and so can an exported file.
 */
import type { StoredEvent, StreamHead } from './envelope';
import { chainHash, GENESIS_HASH } from './hash-chain';

export type BrokenLinkReason =
  | 'HASH_MISMATCH' // the event's content or hash was changed
  | 'REVISION_GAP' // an event is missing before this revision
  | 'MISSING_EVENTS' // the stream head names revisions that are no longer stored
  | 'HEAD_MISMATCH' // the stream head's hash differs from the last event's
  | 'MISSING_HEAD'; // events exist for a stream with no head

export interface BrokenLink {
  readonly streamId: string;
  readonly revision: number;
  readonly reason: BrokenLinkReason;
  readonly message: string;
}

export interface VerificationResult {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly checkedStreams: number;
  readonly firstBroken?: BrokenLink;
}

/** Checks one stream's events (in revision order) against its head; returns the first break. */
export class StreamChainChecker {
  private expectedRevision = 0;
  private previousHash = GENESIS_HASH;
  constructor(readonly streamId: string) {}

  check(event: StoredEvent): BrokenLink | undefined {
    if (event.revision !== this.expectedRevision) {
      return {
        streamId: this.streamId,
        revision: this.expectedRevision,
        reason: 'REVISION_GAP',
        message: `revision ${this.expectedRevision} is missing (next stored is ${event.revision})`,
      };
    }
    const recomputed = chainHash(this.previousHash, event);
    if (recomputed !== event.hash) {
      return {
        streamId: this.streamId,
        revision: event.revision,
        reason: 'HASH_MISMATCH',
        message: `stored hash ${event.hash.slice(0, 12)}… differs from recomputed ${recomputed.slice(0, 12)}…`,
      };
    }
    this.previousHash = event.hash;
    this.expectedRevision++;
    return undefined;
  }

  finish(head: StreamHead | undefined): BrokenLink | undefined {
    if (!head) {
      return { streamId: this.streamId, revision: 0, reason: 'MISSING_HEAD', message: 'events exist but the stream head is missing' };
    }
    if (head.revision >= this.expectedRevision) {
      return {
        streamId: this.streamId,
        revision: this.expectedRevision,
        reason: 'MISSING_EVENTS',
        message: `head says revision ${head.revision}, events end at ${this.expectedRevision - 1}`,
      };
    }
    if (head.lastHash !== this.previousHash) {
      return {
        streamId: this.streamId,
        revision: this.expectedRevision - 1,
        reason: 'HEAD_MISMATCH',
        message: 'the stream head hash differs from the last event hash',
      };
    }
    return undefined;
  }
}

/**
 * Merges events (ordered by stream id, then revision) with heads (ordered by stream id).
 * Both inputs must use the same stream-id ordering (byte order, `COLLATE "C"`).
 */
export async function verifyChains(
  events: AsyncIterable<StoredEvent>,
  heads: AsyncIterable<StreamHead>,
  options: { stopAtFirst?: boolean } = {},
): Promise<VerificationResult> {
  const stopAtFirst = options.stopAtFirst ?? true;
  const headIterator = heads[Symbol.asyncIterator]();
  let nextHead = await headIterator.next();
  let checkedEvents = 0;
  let checkedStreams = 0;
  let firstBroken: BrokenLink | undefined;
  let checker: StreamChainChecker | undefined;
  let streamBroken = false;

  const record = (broken: BrokenLink | undefined): boolean => {
    if (broken && !firstBroken) firstBroken = broken;
    return broken !== undefined;
  };
  // Heads with no events left at all (every event of a stream deleted).
  const drainHeadsBefore = async (streamId: string | undefined): Promise<void> => {
    while (!nextHead.done && (streamId === undefined || nextHead.value.streamId < streamId)) {
      const head = nextHead.value;
      record({ streamId: head.streamId, revision: 0, reason: 'MISSING_EVENTS', message: `head says revision ${head.revision}, no events stored` });
      nextHead = await headIterator.next();
    }
  };
  const finishStream = async (): Promise<void> => {
    if (!checker) return;
    const head = !nextHead.done && nextHead.value.streamId === checker.streamId ? nextHead.value : undefined;
    if (head) nextHead = await headIterator.next();
    if (!streamBroken) record(checker.finish(head));
    checkedStreams++;
  };

  try {
    for await (const event of events) {
      if (!checker || checker.streamId !== event.streamId) {
        await finishStream();
        if (firstBroken && stopAtFirst) break;
        await drainHeadsBefore(event.streamId);
        if (firstBroken && stopAtFirst) break;
        checker = new StreamChainChecker(event.streamId);
        streamBroken = false;
      }
      checkedEvents++;
      if (!streamBroken) streamBroken = record(checker.check(event));
      if (firstBroken && stopAtFirst) break;
    }
    if (!(firstBroken && stopAtFirst)) {
      await finishStream();
      await drainHeadsBefore(undefined);
    }
  } finally {
    // Stopping early leaves heads unread: close their reader, or a store's cursor keeps its connection.
    if (!nextHead.done) await headIterator.return?.();
  }
  return { ok: firstBroken === undefined, checkedEvents, checkedStreams, ...(firstBroken ? { firstBroken } : {}) };
}
