/**
 * Walks every stream and recomputes its hash chain; reports the first broken link.
 * Store-independent: any adapter that lists events in (stream, revision) order and its stream
 * heads can be verified, and so can an exported file.
 */
import { compareAllPositions, type StoredEvent, type StreamHead } from './envelope';
import type { EventStore } from './event-store.port';
import { chainHash, GENESIS_HASH } from './hash-chain';
import type { UnfinishedCopy } from './unfinished-copy';

export type BrokenLinkReason =
  | 'HASH_MISMATCH' // the event's content or hash was changed
  | 'REVISION_GAP' // an event is missing before this revision
  | 'MISSING_EVENTS' // the stream head names revisions that are no longer stored
  | 'HEAD_MISMATCH' // the stream head's hash differs from the last event's
  | 'MISSING_HEAD' // events exist for a stream with no head
  | 'OUTSIDE_THE_ORDER' // the event's place in the store-wide order was edited beyond reach
  | 'POSITIONS_OUT_OF_ORDER' // a stream's store-wide positions contradict its revisions (positions are outside the hashes)
  | 'RECORDED_BEFORE_PREVIOUS'; // the event says it was recorded well before the stream's event before it: backdated

/**
 * How far an event may say it was recorded before an event stored ahead of it (the revision before
 * it, or an event a digest covers): writes commit in another order than their clocks read, by a
 * transaction's length at most, and clocks are corrected by less. Beyond it the event is backdated:
 * a row appended with a valid chain and a past recordedAt changes what the ledger "knew at" an
 * earlier instant, and passed `verify` (found by a review).
 */
export const RECORDED_AT_TOLERANCE_MS = 60_000;

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
  /** Every break found: the first only when stopping at the first (the default), else all of them. */
  readonly broken: readonly BrokenLink[];
  /**
   * Events outside the store-wide order found but not in `broken` (the store lists the first
   * 1,000): so that a count says them all (found by a backup review: a dump restored onto another
   * server, every one of its 15,214 events outside the order, was said as 共 1000 处断裂).
   */
  readonly unlistedOutsideTheOrder?: number;
  /**
   * The store is the target of a `migrate-store` copy under way or stopped part-way: intact chains
   * of what may be only part of the source, so not `ok` — unless an operator accepted it as it is
   * (`acceptedAt`), which is said all the same.
   */
  readonly unfinishedCopy?: UnfinishedCopy;
}

/** Checks one stream's events (in revision order) against its head; returns the first break. */
export class StreamChainChecker {
  private expectedRevision = 0;
  private previousHash = GENESIS_HASH;
  private previous: Pick<StoredEvent, 'eventId' | 'revision' | 'globalPosition' | 'position' | 'recordedAt'> | undefined;
  constructor(readonly streamId: string) {}

  /**
   * After a break the chain goes on from the stored event (its revision and stored hash), so a
   * later break is reported at its own event: each edited event is named, not only the first
   * (found by a review: an auditor was pointed at one edit while a second went unnamed).
   */
  check(event: StoredEvent): BrokenLink | undefined {
    return this.checkEach(event)[0];
  }

  /**
   * Every break at this event: a gap alone (the chain's link is then missing, so the hash cannot
   * be checked), else a content edit and a move in the store-wide order each on its own, the edit
   * first. Positions are outside the hashes, so an event both moved and edited has both named
   * (found by a review: the move hid the edit until the move was repaired).
   */
  checkEach(event: StoredEvent): BrokenLink[] {
    const broken: BrokenLink[] = [];
    if (event.revision !== this.expectedRevision) {
      broken.push({
        streamId: this.streamId,
        revision: this.expectedRevision,
        reason: 'REVISION_GAP',
        message: `revision ${this.expectedRevision} is missing (next stored is ${event.revision})`,
      });
    } else {
      const recomputed = chainHash(this.previousHash, event);
      if (recomputed !== event.hash) {
        broken.push({
          streamId: this.streamId,
          revision: event.revision,
          reason: 'HASH_MISMATCH',
          message: `stored hash ${event.hash.slice(0, 12)}… differs from recomputed ${recomputed.slice(0, 12)}…`,
        });
      }
      // Readers, links and projections take events in the store-wide order: within one stream it
      // must follow the revisions (found by a review: verify passed two swapped positions that the
      // ledger's own export then failed in verify-export).
      if (this.previous && Date.parse(event.recordedAt) < Date.parse(this.previous.recordedAt) - RECORDED_AT_TOLERANCE_MS) {
        broken.push({
          streamId: this.streamId,
          revision: event.revision,
          reason: 'RECORDED_BEFORE_PREVIOUS',
          message: `event ${event.eventId} (revision ${event.revision}) says it was recorded at ${event.recordedAt}, before ${this.previous.eventId} (revision ${this.previous.revision}) at ${this.previous.recordedAt}: backdated`,
        });
      }
      if (this.previous && !storedInOrder(this.previous, event)) {
        broken.push({
          streamId: this.streamId,
          revision: event.revision,
          reason: 'POSITIONS_OUT_OF_ORDER',
          message: `event ${event.eventId} (revision ${event.revision}) is placed before ${this.previous.eventId} (revision ${this.previous.revision}) in the store-wide order`,
        });
      }
    }
    this.previousHash = event.hash;
    this.expectedRevision = event.revision + 1;
    this.previous = event;
    return broken;
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

/** A stream's later revision sits later in the store-wide order (both the sequence and the delivery position). */
function storedInOrder(before: Pick<StoredEvent, 'globalPosition' | 'position'>, after: Pick<StoredEvent, 'globalPosition' | 'position'>): boolean {
  return before.globalPosition < after.globalPosition && compareAllPositions(before.position, after.position) < 0;
}

/** Breaks a write committing between the reads of events and heads could show: checked again before they are reported. */
const HEAD_BREAKS: readonly BrokenLinkReason[] = ['MISSING_EVENTS', 'HEAD_MISMATCH', 'MISSING_HEAD'];

export interface VerifyOptions {
  readonly stopAtFirst?: boolean;
  /**
   * Checks one stream again on its own (`recheckStream`): the bulk scan reads events and heads at
   * two moments, and an append committing in between looks like a head out of step (found by a
   * review: verify answered HEAD_MISMATCH on an untouched ledger under writes). Undefined: a
   * break is reported as seen (a file, a store nothing writes to).
   */
  readonly recheck?: (streamId: string) => Promise<BrokenLink | undefined>;
}

/**
 * Merges events (ordered by stream id, then revision) with heads (ordered by stream id).
 * Both inputs must use the same stream-id ordering (byte order, `COLLATE "C"`).
 */
export async function verifyChains(events: AsyncIterable<StoredEvent>, heads: AsyncIterable<StreamHead>, options: VerifyOptions = {}): Promise<VerificationResult> {
  const stopAtFirst = options.stopAtFirst ?? true;
  const headIterator = heads[Symbol.asyncIterator]();
  let nextHead = await headIterator.next();
  let checkedEvents = 0;
  let checkedStreams = 0;
  const broken: BrokenLink[] = [];
  let checker: StreamChainChecker | undefined;
  const done = () => stopAtFirst && broken.length > 0;

  const record = async (found: BrokenLink | undefined): Promise<void> => {
    if (!found) return;
    // A head break is confirmed by the stream read again on its own; a race leaves none.
    const confirmed = HEAD_BREAKS.includes(found.reason) && options.recheck ? await options.recheck(found.streamId).catch(() => found) : found;
    if (confirmed) broken.push(confirmed);
  };
  // Heads with no events left at all (every event of a stream deleted).
  const drainHeadsBefore = async (streamId: string | undefined): Promise<void> => {
    while (!nextHead.done && (streamId === undefined || nextHead.value.streamId < streamId) && !done()) {
      const head = nextHead.value;
      nextHead = await headIterator.next();
      await record({ streamId: head.streamId, revision: 0, reason: 'MISSING_EVENTS', message: `head says revision ${head.revision}, no events stored` });
    }
  };
  const finishStream = async (): Promise<void> => {
    if (!checker) return;
    const head = !nextHead.done && nextHead.value.streamId === checker.streamId ? nextHead.value : undefined;
    if (head) nextHead = await headIterator.next();
    await record(checker.finish(head));
    checkedStreams++;
  };

  try {
    for await (const event of events) {
      if (!checker || checker.streamId !== event.streamId) {
        await finishStream();
        if (done()) break;
        await drainHeadsBefore(event.streamId);
        if (done()) break;
        checker = new StreamChainChecker(event.streamId);
      }
      checkedEvents++;
      for (const found of checker.checkEach(event)) {
        await record(found);
        if (done()) break;
      }
      if (done()) break;
    }
    if (!done()) {
      await finishStream();
      await drainHeadsBefore(undefined);
    }
  } finally {
    // Stopping early leaves heads unread: close their reader, or a store's cursor keeps its connection.
    if (!nextHead.done) await headIterator.return?.();
  }
  const first = broken[0];
  return { ok: first === undefined, checkedEvents, checkedStreams, ...(first ? { firstBroken: first } : {}), broken };
}

/**
 * One stream checked on its own: its events, then its head, read in that order. One transaction
 * writes a stream's events and moves its head, so every event read first has its head move
 * committed before the head is read: a head behind the events read is a rewound head, not a race.
 * A head ahead of them was moved by an append in between: the events are read again up to it.
 */
export async function recheckStream(store: Pick<EventStore, 'readStream' | 'streamHead'>, streamId: string): Promise<BrokenLink | undefined> {
  const { events, head } = await readStreamWithHead(store, streamId);
  if (events.length === 0 && !head) return undefined; // gone entirely since: nothing to compare (the scan saw it; a deleted stream is the digest's to prove)
  const checker = new StreamChainChecker(streamId);
  for (const event of events) {
    const broken = checker.check(event);
    if (broken) return broken;
  }
  return checker.finish(head ?? undefined);
}

/**
 * A stream's events and its head as one consistent pair without a shared snapshot (see
 * recheckStream): events past the head are kept when they were read before it (a rewound head, for
 * the checker to report), dropped when read after it (appends since).
 */
export async function readStreamWithHead(store: Pick<EventStore, 'readStream' | 'streamHead'>, streamId: string): Promise<{ events: StoredEvent[]; head: StreamHead | null }> {
  const first = await store.readStream(streamId);
  const head = await store.streamHead(streamId);
  const lastRead = first.at(-1)?.revision ?? -1;
  const events = head && head.revision > lastRead ? (await store.readStream(streamId)).filter((e) => e.revision <= head.revision) : first;
  return { events, head };
}

/**
 * Every chain of a store, each head break confirmed on its own stream (`recheckStream`), then every
 * event the store-wide order cannot reach (found by a review: an event whose transaction id was
 * moved past the horizon was left out of every digest, so it could then be deleted unnoticed).
 */
export async function verifyStore(
  store: Pick<EventStore, 'scanStreams' | 'scanHeads' | 'readStream' | 'streamHead' | 'eventsOutsideTheOrder' | 'outsideTheOrder' | 'unfinishedCopy'>,
  options: Omit<VerifyOptions, 'recheck'> = {},
): Promise<VerificationResult> {
  const result = await verifyStoredChains(store, options);
  const unfinishedCopy = (await store.unfinishedCopy?.()) ?? null;
  if (unfinishedCopy === null) return result;
  return { ...result, ok: result.ok && unfinishedCopy.acceptedAt !== null, unfinishedCopy };
}

async function verifyStoredChains(
  store: Pick<EventStore, 'scanStreams' | 'scanHeads' | 'readStream' | 'streamHead' | 'eventsOutsideTheOrder' | 'outsideTheOrder'>,
  options: Omit<VerifyOptions, 'recheck'>,
): Promise<VerificationResult> {
  const chains = await verifyChains(store.scanStreams(), store.scanHeads(), { ...options, recheck: (streamId) => recheckStream(store, streamId) });
  if ((options.stopAtFirst ?? true) && !chains.ok) return chains;
  const outside = store.eventsOutsideTheOrder ? await store.eventsOutsideTheOrder() : [];
  if (outside.length === 0) return chains;
  const found: BrokenLink[] = outside.map((e) => ({ streamId: e.streamId, revision: e.revision, reason: 'OUTSIDE_THE_ORDER', message: `event ${e.eventId}: ${e.message}` }));
  const stopAtFirst = options.stopAtFirst ?? true;
  const broken = [...chains.broken, ...(stopAtFirst ? found.slice(0, 1) : found)];
  const total = stopAtFirst ? found.length : ((await store.outsideTheOrder?.())?.events ?? found.length);
  return { ...chains, ok: false, firstBroken: broken[0]!, broken, ...(total > found.length ? { unlistedOutsideTheOrder: total - found.length } : {}) };
}
