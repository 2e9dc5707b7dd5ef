/**
 * Copies one event store into another (a store migration: PostgreSQL ⇄ EventStoreDB), keeping
 * every event's id, stream, revision, recordedAt and hash. Store-independent: it speaks the port.
 *
 * - The source is verified first (a broken chain is never copied) and the target last, and their
 *   stream heads must then be identical: same streams, same last revisions, same last hashes.
 * - Events are copied in the source's global order, not stream by stream, so a projection rebuilt
 *   on the target sees cross-stream causes (an org unit registered) before their effects (an
 *   appointment to it).
 * - Resumable: a rerun skips what the target already holds, checking that each skipped event's
 *   hash is the source's; the first difference stops the copy naming stream and revision. The
 *   target's import is atomic per call (PostgreSQL) or per stream run (EventStoreDB), so an
 *   interrupted run leaves a prefix of each stream, never half an event.
 * Writers should be stopped during a migration; events written meanwhile are copied by a rerun.
 */
import type { StoredEvent, StreamHead } from './envelope';
import { EventIdConflictError } from './errors';
import type { EventStore } from './event-store.port';
import type { UnfinishedCopy } from './unfinished-copy';
import type { MigratableEventStore } from './verbatim-import';
import { verifyChains, type BrokenLink } from './verify';

export type CopyPhase = 'verify-source' | 'copy' | 'verify-target';

export interface CopyProgress {
  readonly phase: CopyPhase;
  /** Events handled so far in this phase (copied or found already present, when copying). */
  readonly done: number;
  /** Events in the source (known once the source is verified). */
  readonly total: number | null;
}

export interface CopyReport {
  readonly sourceEvents: number;
  readonly sourceStreams: number;
  /** Events written to the target by this run. */
  readonly copied: number;
  /** Events the target already held with identical hashes (an earlier, interrupted run). */
  readonly alreadyPresent: number;
  readonly targetEvents: number;
  readonly targetStreams: number;
  /**
   * Source events outside its store-wide order, copied in the order it stores them (a dump of
   * another PostgreSQL server restored into the source's): the copy puts them in the target's order.
   */
  readonly sourceOutsideTheOrder: number;
  /**
   * The source was itself a copy stopped part-way (or one accepted as it is): the target says the
   * same, rather than passing for a whole ledger. Null when the source is whole.
   */
  readonly sourceUnfinishedCopy: UnfinishedCopy | null;
  /** Whether the target keeps the mark of a copy under way (PostgreSQL), so that one stopped part-way says so. */
  readonly targetMarked: boolean;
}

export interface CopyOptions {
  /** Events per read of the source and per import into the target. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
  /** How long to wait for source events held back by a running transaction (PostgreSQL's read horizon). */
  readonly horizonWaitMs?: number;
  /** How the target's mark of the copy under way names the source (a URL without its credentials, or a data directory). */
  readonly sourceName?: string;
}

export type StoreCopyFailure = 'SOURCE_BROKEN' | 'SOURCE_INCOMPLETE' | 'TARGET_DIFFERS' | 'TARGET_BROKEN' | 'TARGET_RESTORED_ELSEWHERE';

/** The copy cannot go on: a broken chain, or a target that differs from the source. */
export class StoreCopyError extends Error {
  readonly code = 'STORE_COPY_FAILED';
  constructor(
    readonly failure: StoreCopyFailure,
    message: string,
    readonly streamId?: string,
    readonly revision?: number,
  ) {
    super(message);
    this.name = 'StoreCopyError';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const describeBreak = (failure: StoreCopyFailure, which: string, b: BrokenLink) =>
  new StoreCopyError(failure, `${which}: stream ${b.streamId}, revision ${b.revision}: ${b.reason} (${b.message})`, b.streamId, b.revision);

/** What the target already holds of one stream, while the copy has not passed it. */
interface TargetStream {
  readonly hashes: string[];
  next: number;
}

export async function copyEventStore(source: EventStore, target: MigratableEventStore, options: CopyOptions = {}): Promise<CopyReport> {
  const batchSize = options.batchSize ?? 500;
  const progress = options.onProgress ?? (() => undefined);
  const horizonWaitMs = options.horizonWaitMs ?? 30_000;

  progress({ phase: 'verify-source', done: 0, total: null });
  const before = await verifyChains(source.scanStreams(), source.scanHeads());
  if (!before.ok) throw describeBreak('SOURCE_BROKEN', 'the source fails verification', before.firstBroken!);
  const total = before.checkedEvents;
  const outsideTheOrder = (await source.outsideTheOrder?.())?.events ?? 0;
  // A target restored from another server: what is copied into it would be ordered before what it holds.
  const targetOutside = (await target.outsideTheOrder?.())?.events ?? 0;
  if (targetOutside > 0) {
    throw new StoreCopyError('TARGET_RESTORED_ELSEWHERE', `the target holds ${targetOutside} event(s) whose transaction ids its server has not issued (restored from another server): events copied into it would be ordered before them; copy into an empty database`);
  }

  // One pass over the target's heads: a fresh target costs no read per stream.
  const targetHeads = new Map<string, number>();
  for await (const h of target.scanHeads()) targetHeads.set(h.streamId, h.revision);
  // A target is empty or a prefix of the source (a copy resumed): a stream the source lacks, or holds
  // fewer events of, is another ledger's, refused before anything is written into it (found by a
  // review: the copy wrote the whole source beside it and only then complained; nothing is deleted).
  if (targetHeads.size > 0) {
    const sourceHeads = new Map<string, number>();
    for await (const h of source.scanHeads()) sourceHeads.set(h.streamId, h.revision);
    for (const [streamId, revision] of targetHeads) {
      const held = sourceHeads.get(streamId);
      if (held === undefined || held < revision) {
        // Said as the head comparison after a copy says it; here before anything is written.
        throw held === undefined
          ? new StoreCopyError('TARGET_DIFFERS', `the target holds stream ${streamId} (up to revision ${revision}), which the source does not`, streamId, 0)
          : new StoreCopyError('TARGET_DIFFERS', `stream ${streamId}: the target ends at revision ${revision}, the source at ${held}`, streamId, held);
      }
    }
  }
  const streams = new Map<string, TargetStream>();
  const streamState = async (streamId: string): Promise<TargetStream> => {
    let s = streams.get(streamId);
    if (!s) {
      const held = targetHeads.has(streamId) ? (await target.readStream(streamId)).map((e) => e.hash) : [];
      s = { hashes: held, next: 0 };
      streams.set(streamId, s);
    }
    return s;
  };

  // Before the first event: a copy stopped part-way says so on the target (verify fails it), instead
  // of passing for the whole ledger (found by a crash-safety review).
  const sourceUnfinishedCopy = (await source.unfinishedCopy?.()) ?? null;
  await target.markCopyUnderWay?.({ source: options.sourceName ?? 'another event store', sourceEvents: total });

  let done = 0;
  let copied = 0;
  let alreadyPresent = 0;
  progress({ phase: 'copy', done, total });
  for await (const batch of sourceBatches(source, total, batchSize, horizonWaitMs, outsideTheOrder > 0)) {
    const toImport: StoredEvent[] = [];
    for (const e of batch) {
      const s = await streamState(e.streamId);
      if (e.revision !== s.next) {
        throw new StoreCopyError('SOURCE_BROKEN', `stream ${e.streamId}: the source's global order gave revision ${e.revision}, ${s.next} was expected`, e.streamId, e.revision);
      }
      s.next++;
      if (e.revision < s.hashes.length) {
        if (s.hashes[e.revision] !== e.hash) {
          throw new StoreCopyError(
            'TARGET_DIFFERS',
            `the target differs from the source at stream ${e.streamId}, revision ${e.revision} (hash ${s.hashes[e.revision]!.slice(0, 12)}… instead of ${e.hash.slice(0, 12)}…)`,
            e.streamId,
            e.revision,
          );
        }
        alreadyPresent++;
      } else {
        toImport.push(e);
      }
      if (s.next >= s.hashes.length && s.hashes.length > 0) s.hashes.length = 0; // passed what the target held
    }
    if (toImport.length > 0) {
      try {
        await target.importStored(toImport);
      } catch (error) {
        // An id the target holds in another stream or place: the stores differ there (found by a review: exit 1, in English only).
        if (!(error instanceof EventIdConflictError)) throw error;
        const at = toImport.find((e) => e.eventId === error.eventId);
        throw new StoreCopyError('TARGET_DIFFERS', `the target already holds event id ${error.eventId} in another stream or at another revision than the source's`, at?.streamId, at?.revision);
      }
      copied += toImport.length;
    }
    done += batch.length;
    if (batch.length > 0) progress({ phase: 'copy', done, total });
  }

  // Streams the target holds beyond what the source has are found by the head comparison below.
  progress({ phase: 'verify-target', done: 0, total });
  const afterCopy = await verifyChains(target.scanStreams(), target.scanHeads());
  if (!afterCopy.ok) throw describeBreak('TARGET_BROKEN', 'the target fails verification after the copy', afterCopy.firstBroken!);
  await compareHeads(source.scanHeads(), target.scanHeads());
  await settleTheMark(target, sourceUnfinishedCopy);
  return {
    sourceEvents: total,
    sourceStreams: before.checkedStreams,
    copied,
    alreadyPresent,
    targetEvents: afterCopy.checkedEvents,
    targetStreams: afterCopy.checkedStreams,
    sourceOutsideTheOrder: outsideTheOrder,
    sourceUnfinishedCopy,
    targetMarked: target.markCopyUnderWay !== undefined,
  };
}

/** The copy is whole: the target's mark goes, unless the source was itself unfinished, which the target then says as it did. */
async function settleTheMark(target: MigratableEventStore, sourceUnfinished: UnfinishedCopy | null): Promise<void> {
  if (sourceUnfinished === null) return target.clearCopyUnderWay?.();
  await target.markCopyUnderWay?.({ source: sourceUnfinished.source, sourceEvents: sourceUnfinished.sourceEvents });
  if (sourceUnfinished.acceptedAt !== null) await target.acceptUnfinishedCopy?.(sourceUnfinished.acceptedReason ?? '', sourceUnfinished.acceptedBy ?? '');
}

/**
 * The source's events in its store-wide order, in batches. A live source is read as its readers
 * read it, below its read horizon, waiting a while for a write still committing. A source whose
 * events lie outside its order (a dump of another server restored here: its transaction ids were
 * never issued by this one) is read in the order it stores, from one snapshot: its readers would
 * reach none of them (found by a backup review: the copy of a restored dump waited 30 s and said
 * writes were still running). Nothing writes such a store: the ledger refuses to open it.
 */
async function* sourceBatches(source: EventStore, total: number, batchSize: number, horizonWaitMs: number, storedOrder: boolean): AsyncIterable<readonly StoredEvent[]> {
  if (storedOrder) {
    yield* source.readAllCommitted({ batchSize });
    return;
  }
  let done = 0;
  let waited = 0;
  let after = undefined as StoredEvent['position'] | undefined;
  for (;;) {
    const batch = await source.readAll({ ...(after ? { after } : {}), batchSize });
    done += batch.events.length;
    after = batch.lastPosition;
    yield batch.events;
    if (batch.events.length === batchSize) continue;
    if (done >= total) return;
    // A short batch before the end: the source's read horizon is held back by a running transaction.
    if (waited >= horizonWaitMs) {
      throw new StoreCopyError('SOURCE_INCOMPLETE', `the source listed ${total} events but only ${done} could be read in its global order within ${horizonWaitMs} ms`);
    }
    waited += 50;
    await sleep(50);
  }
}

const byteOrder = (x: string, y: string) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'));

/** Both stores' heads, merged by stream id (both list them in byte order): any difference is named. */
async function compareHeads(sourceHeads: AsyncIterable<StreamHead>, targetHeads: AsyncIterable<StreamHead>): Promise<void> {
  const s = sourceHeads[Symbol.asyncIterator]();
  const t = targetHeads[Symbol.asyncIterator]();
  let a = await s.next();
  let b = await t.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : byteOrder(a.value.streamId, b.value.streamId);
    if (order < 0) {
      const missing = a.value as StreamHead;
      throw new StoreCopyError('TARGET_DIFFERS', `the target lacks stream ${missing.streamId} (the source has it up to revision ${missing.revision})`, missing.streamId, 0);
    }
    if (order > 0) {
      const extra = b.value as StreamHead;
      throw new StoreCopyError('TARGET_DIFFERS', `the target holds stream ${extra.streamId} (up to revision ${extra.revision}), which the source does not`, extra.streamId, 0);
    }
    const [x, y] = [a.value as StreamHead, b.value as StreamHead];
    if (x.revision !== y.revision || x.lastHash !== y.lastHash) {
      throw new StoreCopyError(
        'TARGET_DIFFERS',
        `stream ${x.streamId}: the target ends at revision ${y.revision}, the source at ${x.revision}${x.revision === y.revision ? ', with another last hash' : ''}`,
        x.streamId,
        Math.min(x.revision, y.revision),
      );
    }
    a = await s.next();
    b = await t.next();
  }
}
