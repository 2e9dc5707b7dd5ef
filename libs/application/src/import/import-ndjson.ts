/**
 * Bulk import of NDJSON command lines (EVENTS.md "Import file"), streamed: a file of millions of
 * lines never sits in memory. Every line goes through the same parsing and deciders as the API.
 *
 * Lines are decided one by one against cached states that already include the earlier lines'
 * events, and written in chunks: one atomic multi-stream append per chunk, with the expected
 * revision of every stream. If a chunk's write fails (a concurrent writer, a concurrent import of
 * the same file), its lines are decided again, whole, on the stored states and written once more;
 * if that fails too, they are replayed one by one through the single-command path, so every line
 * still ends accepted or rejected on its own. Re-importing a file is a no-op.
 *
 * On EventStoreDB, which has no transaction across streams, a chunk's write can stop part-way (a
 * clerk moved a later stream between the check and its append, or that append failed): it is sent
 * again, which completes it if its unwritten streams did not move; otherwise its lines are settled
 * one by one on what was stored (`settleLineByLine`), so none is left half-stored unreported.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eventTypeRefusal, type Role } from '@ledger/auth';
import {
  asRecorded,
  commandStreamId,
  DomainError,
  firstRepeatedKey,
  jsonSyntaxErrorZh,
  repeatedKeyMessages,
  quoteInput,
  parseCareerCommand,
  streamIdOf,
  streamsNeeded,
  type CalendarDate,
  type CareerCommand,
  type PendingEvent,
  type RecordedEvent,
  type ValidCareerCommand,
} from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, MultiStreamAppendIncompleteError, StreamVersionConflictError, validateAppends, type EventStore, type StreamAppend } from '@ledger/event-store';
import { CareerCommandService, idsToLookUp, toAppends } from '../career-command-service';
import type { WriteMetadata } from '../event-mapping';
import { StateLoader } from '../state-loader';
import { ndjsonLines } from './ndjson-lines';
import { ForbiddenEventError } from '../retraction-capability';
import { idOf, MalformedLineError, rejectionOf, typeOf, type ImportRejection } from './import-rejection';
import { RejectionLog } from './rejection-log';

export { rejectionOf, type ImportRejection } from './import-rejection';

/** The import report lists this many rejections (the first ones); `rejectedCount` counts them all. */
export const MAX_REPORTED_REJECTIONS = 1000;
/** A failed write of fewer lines than this is replayed one by one, not halved again (see `retryWhole`). */
const RETRY_ONE_BY_ONE_BELOW = 16;
/** A chunk's write that stopped part-way is sent again this many times before its lines are settled one by one. */
const PART_WAY_RESENDS = 3;
/** IMPORT_MAX_LINE_BYTES' default. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** An import that stopped on an error: why, and its counts up to there (every line they count is final). */
export class ImportInterrupted extends Error {
  constructor(
    readonly reason: unknown,
    readonly partial: ImportResult,
  ) {
    super(`${reason instanceof Error ? reason.message : String(reason)} (stopped after line ${partial.lines}: ${partial.accepted} lines accepted by then)`);
  }
}

/**
 * The import was asked to stop (`ImportOptions.stop`: the server shutting down, or the caller's
 * token revoked or expired under way): the reason of its `ImportInterrupted`, whose counts name the
 * lines that are final. `why` is the signal's reason, for the caller to say.
 */
export class ImportStopped extends Error {
  constructor(readonly why?: unknown) {
    super('the import was asked to stop');
  }
}

/**
 * A dry run longer than `ImportOptions.maxDryRunLines`: nothing being stored, a dry run keeps every
 * state it changed until its end, so its memory grows with the file (≈ 2 KB a line); the API bounds
 * it, the CLI (the operator's own process) does not.
 */
export class DryRunTooLong extends Error {
  constructor(readonly maxLines: number) {
    super(`a dry run checks at most ${maxLines} lines here`);
  }
}

export interface ImportResult {
  /** Lines that are in the ledger after the import (newly written or already present). */
  readonly accepted: number;
  /** The first 1,000 rejections, in file order. */
  readonly rejected: ImportRejection[];
  /** Every rejected line. */
  readonly rejectedCount: number;
  /** Lines written by this run (in a dry run: the lines the real run would write). */
  readonly appended: number;
  /** Lines whose event was already stored with the same content (re-import). */
  readonly alreadyPresent: number;
  /** Events written, internal markers included (in a dry run: those the real run would write). */
  readonly eventsWritten: number;
  /** The lines read, blank ones included: lines = accepted + rejectedCount + blankLines, once the import ends. */
  readonly lines: number;
  /** Empty or whitespace-only lines, skipped: said, so that every line of the file is accounted for (found by a review). */
  readonly blankLines: number;
  readonly dryRun: boolean;
}

export interface ImportProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface ImportOptions extends WriteMetadata {
  readonly dryRun?: boolean;
  /** Lines per atomic write (default 1,000). */
  readonly chunkSize?: number;
  /** States kept between lines (default 50,000); a dry run keeps every one, none being stored. */
  readonly cacheSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /**
   * The caller's role: each line's event type is checked against EVENT_CAPABILITIES, and a line
   * the role may not write is rejected (FORBIDDEN_EVENT_TYPE). Absent only for trusted in-process
   * callers (the demo's generated county, benchmarks); every way in from outside passes it.
   */
  readonly role?: Role;
  /** Longer lines are rejected unread (default 64 KiB). */
  readonly maxLineBytes?: number;
  /** Each reported rejection, in file order, as soon as it is final (a streamed report). */
  readonly onRejection?: (rejection: ImportRejection) => void;
  /**
   * Asks the import to stop (the server shutting down): it ends before it reads another line (at
   * once while it waits for input), with `ImportInterrupted` (reason `ImportStopped`) and the counts
   * of the lines that are final — so that the caller can be told them before its connection goes.
   */
  readonly stop?: AbortSignal;
  /** A dry run stops with `DryRunTooLong` at the line after this many (the API's IMPORT_DRY_RUN_MAX_LINES); none by default. */
  readonly maxDryRunLines?: number;
}

interface ParsedLine {
  readonly line: number;
  /** Parsed once, here: the deciders and the one-by-one replay take it as is. */
  readonly command: ValidCareerCommand;
}


const POLICY_STREAM = streamIdOf('policy');

/** A file saved as UTF-16 (ndjson-lines.ts, looksUtf16): said on each of its lines instead of a guess at its line ends. */
const UTF16_HINT = {
  en: '; the file is UTF-16 (Notepad\'s "Unicode", Excel\'s "Unicode text"): save it as UTF-8 and import it again',
  zh: '；文件看来是 UTF-16 编码（记事本的“Unicode”、Excel 的“Unicode 文本”）：请将文件另存为 UTF-8 编码后再导入',
};

/**
 * A file written as one JSON array (`[`, objects over many lines, `]`): each of its lines fails on
 * its own, and the parser's words named none of them an array (found by a review: 38 rejections,
 * none saying why).
 */
const ARRAY_FILE_HINT = {
  en: '; the file begins with "[": it looks like one JSON array, but an import file holds one JSON object per line (NDJSON), without the brackets and the commas between records',
  zh: '；文件以“[”开头，看来是一个 JSON 数组：导入文件须每行一个 JSON 对象（NDJSON），不要方括号，也不要记录之间的逗号',
};

/** The cadre and appeal streams a line names (org units and the policy are few and stay cached; the policy's head is checked per chunk). */
function streamsToPrefetch(command: CareerCommand): string[] {
  const needs = streamsNeeded(command);
  const ids: string[] = [];
  if (needs.cadreId !== undefined) ids.push(streamIdOf('cadre', needs.cadreId));
  for (const id of needs.relatedCadreIds) ids.push(streamIdOf('cadre', id));
  if (needs.appealId !== undefined) ids.push(streamIdOf('appeal', needs.appealId));
  return ids;
}

export async function importNdjson(input: Readable, store: EventStore, today: () => CalendarDate, options: ImportOptions): Promise<ImportResult> {
  // 1,000 lines per atomic write: a transaction's fixed cost (locks, heads, commit and its fsync) is
  // spread over 4× more events than with 250; a conflict decides at most that many lines again.
  const chunkSize = options.chunkSize ?? 1000;
  const dryRun = options.dryRun ?? false;
  // A dry run stores nothing, so a state it changed cannot be read back once dropped: it keeps them
  // all (a province's ≈ 17,000 streams), where a real run keeps the 50,000 most recently used.
  const loader = new StateLoader(store, dryRun ? Number.POSITIVE_INFINITY : (options.cacheSize ?? 50_000));
  const service = new CareerCommandService(store, today, loader);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const rejected = new RejectionLog<ImportRejection>(MAX_REPORTED_REJECTIONS, options.onRejection);
  let accepted = 0;
  let appended = 0;
  let alreadyPresent = 0;
  let eventsWritten = 0;
  let lineNumber = 0;
  let blankLines = 0;
  /** Whether the file's first line that is not blank opens a JSON array (ARRAY_FILE_HINT); undefined before it. */
  let arrayFile: boolean | undefined;
  let bytes = 0;
  /**
   * Ids of earlier lines not yet findable in the store (this chunk and the one being written; in a
   * dry run, the whole file): a repeated line is a no-op, a reused id a conflict. The comparison is
   * the one a line found in the store gets (`factMismatch`): the command without its override,
   * then the override only if the earlier line's event kept one (an override is kept only where a
   * rule was departed from). Found by a review: a twin with a superfluous override was a conflict
   * next to its line and present 2,000 lines on. Kept as the command itself while it lives in a
   * chunk anyway; a dry run keeps the SHA-256 of its JSON instead, the file's every line being too
   * many to hold. Hashing every line cost 4 % of the import's CPU for the rare repeat.
   */
  interface Remembered {
    readonly fact: CareerCommand | string;
    /** The override reason the line's event kept, null when it kept none. */
    readonly keptOverride: string | null;
    /** The line of the file it was on: a later line reusing its id for another fact is told which. */
    readonly line: number;
  }
  const seen = new Map<string, Remembered>();
  const withoutOverride = (command: CareerCommand): string => JSON.stringify({ ...command, override: undefined });
  const digestOf = (command: CareerCommand): string => createHash('sha256').update(withoutOverride(command)).digest('base64');
  const remembered = (command: CareerCommand, keptOverride: string | null, line: number): Remembered => ({ fact: dryRun ? digestOf(command) : command, keptOverride, line });
  const sameFact = (earlier: Remembered, command: CareerCommand): boolean =>
    (typeof earlier.fact === 'string' ? earlier.fact === digestOf(command) : withoutOverride(earlier.fact) === withoutOverride(command)) &&
    (earlier.keptOverride === null || earlier.keptOverride === command.override?.reason);

  /**
   * A chunk's lines decided against the cached states: the one atomic write they make, and the
   * outcomes of the lines that write nothing (already present, rejected), which count only once
   * the states they were decided on are known to be the stored ones (see processChunk).
   */
  interface DecidedChunk {
    readonly lines: ParsedLine[];
    readonly pending: Map<string, { expectedRevision: number | 'no_stream'; events: PendingEvent[] }>;
    readonly pendingLines: ParsedLine[];
    /** The events each of `pendingLines` writes (its provisional events), to tell after a write that stopped part-way which lines it stored. */
    readonly pendingEvents: RecordedEvent[][];
    /**
     * The streams its lines read and it does not write, at the revision first read: checked with
     * its write, so a stream another writer moved meanwhile (a sanction retracted through the API,
     * a policy adopted) makes the chunk a conflict, decided again on fresh states, instead of lines
     * decided on what the ledger no longer says.
     */
    readonly reads: Map<string, number | 'no_stream'>;
    readonly alreadyPresent: number;
    readonly rejected: ImportRejection[];
    /**
     * The ids of the events its lines derived beside their own (a post's marker, an appeal's
     * remedy): a later line using one is refused EVENT_ID_CONFLICT, as the store would refuse it
     * once they are written (found by a review: a dry run, which writes none, accepted it).
     */
    readonly derivedIds: Set<string>;
    /** The cadre streams its lines name: their cached states are compacted once it is stored. */
    readonly cadreStreams: ReadonlySet<string>;
    /**
     * The cached state of each stream it writes, as it was before its first provisional event
     * (undefined: not cached): put back if its write fails, so a retry reads again only the stream
     * that conflicted, not every stream of two chunks (found measuring an import beside clerks:
     * each conflict read ≈ 400 cadre histories again).
     */
    readonly before: Map<string, unknown>;
    /**
     * A stream an earlier line read, then found at another revision by a later line that reads or
     * writes it (its state read again mid-chunk: a refusal asked again, a line found stored): the
     * earlier line's decision rests on a state the store no longer holds, and the write of the
     * stream would not check that read. The chunk is then not written but decided again, as after
     * a conflict on this stream (found by a review: a talk was stored with a partner whose
     * registration a clerk had retracted meanwhile).
     */
    staleRead?: string;
  }

  /**
   * A chunk's write: stored, or refused, with the stream that conflicted when the store names one.
   * `partWay`: it stopped part-way and sending it again did not complete it (EventStoreDB: no
   * transaction across streams): some of its streams are stored, so its lines are settled one by
   * one on what was stored (`settleLineByLine`), not decided again as a chunk. `byAnother`: every
   * event of it was stored already, by another writer of the same lines (a concurrent import of
   * the file), which says nothing of what its streams hold after them (`forgetStoredByAnother`).
   */
  type WriteOutcome =
    | { readonly stored: true; readonly byAnother?: true }
    | { readonly stored: false; readonly conflicted: string | undefined; readonly partWay?: true };

  /** The chunk being written holds events of this stream: its cached state is this import's own, not yet stored. */
  const inFlightWrites = (streamId: string): boolean => (inFlight as { decided: DecidedChunk } | null)?.decided.pending.has(streamId) ?? false;
  /** An id the chunk being written derived: not found in the store until it is written. */
  const derivedInFlight = (id: string): boolean => (inFlight as { decided: DecidedChunk } | null)?.decided.derivedIds.has(id) ?? false;
  /** A dry run writes no chunk: the ids every line derived stay known to the lines after. */
  const dryRunDerived = new Set<string>();

  const decideChunk = async (chunk: ParsedLine[]): Promise<DecidedChunk> => {
    // The ids' earlier writes, the states the lines are decided against and the policy's head, read concurrently.
    const named = chunk.flatMap((c) => streamsToPrefetch(c.command));
    // The org units the lines are written to as well (read once, then kept): a line found stored
    // in one that is not cached would not know whether the states it names predate it (see `holds` below).
    const orgUnits = chunk.map((c) => commandStreamId(c.command)).filter((id) => id.startsWith('orgunit-'));
    const [found, , policyHead] = await Promise.all([store.findEvents(chunk.flatMap((c) => idsToLookUp(c.command))), loader.prefetch([...named, ...orgUnits]), store.streamHead(POLICY_STREAM)]);
    // A policy version adopted meanwhile (through the API) governs the lines after it: the cached
    // policy is read again when the stored one is ahead of it (found by a review: the import kept
    // the policy of its start). Ahead only: the import's own adoptions may not be stored yet.
    const cachedPolicy = loader.atHand(POLICY_STREAM) as { revision?: number } | undefined;
    if (cachedPolicy !== undefined && (policyHead?.revision ?? -1) > (cachedPolicy.revision ?? -1)) loader.invalidate([POLICY_STREAM]);
    const stored = new Map(found.map((e) => [e.eventId, e]));
    const cadreStreams = new Set(named.filter((id) => id.startsWith('cadre-')));
    const decided: DecidedChunk = { lines: chunk, pending: new Map(), pendingLines: [], pendingEvents: [], reads: new Map(), alreadyPresent: 0, rejected: [], derivedIds: new Set(), cadreStreams, before: new Map() };
    let present = 0;
    for (const parsed of chunk) {
      const { command, line } = parsed;
      try {
        const earlier = stored.get(command.id);
        if (earlier) {
          service.alreadyStored(command, earlier, stored); // the same fact, or EVENT_ID_CONFLICT
          present++;
          // Stored by another import, perhaps after this chunk's states were read: the lines after
          // it decide on its streams read again (those this import is writing are checked by their
          // expected revisions instead; the chunk in flight, if that import stored it too, by settle).
          // Not when its stream's cached state already holds it (read after it was stored: a
          // re-import): dropping that state made each present line read its cadre's whole history
          // again, a re-import of a county 6× slower than importing it (found by an operations review).
          if (loader.holds(earlier.streamId, earlier.revision)) continue;
          const stale = streamsToPrefetch(command).filter((id) => !decided.pending.has(id) && !inFlightWrites(id) && !loader.isPinned(id));
          if (stale.length > 0) loader.invalidate(stale);
          continue;
        }
        if (decided.derivedIds.has(command.id) || derivedInFlight(command.id) || dryRunDerived.has(command.id)) {
          throw new EventIdConflictError(command.id, 'is the id of an event an earlier line of this file derived (a post-holder marker or an appeal decision’s remedy)');
        }
        const sameId = seen.get(command.id);
        if (sameId) {
          if (!sameFact(sameId, command)) throw new EventIdConflictError(command.id, `was used by line ${sameId.line} of this file for a different fact`);
          present++;
          continue;
        }
        let reading;
        try {
          reading = service.decideAtHand(command, options.role) ?? (await service.decideReading(command, undefined, options.role));
        } catch (error) {
          // Refused on states this import cached: another writer may have changed them since (an
          // org unit or a cadre registered through the API, a retraction). A refusal is asked again
          // once on the stored states of the streams it names that this import is not writing
          // (found by reviews of read-your-writes and of this session's diff: the import kept
          // refusing lines the API took). Refusals are rare: a generated county has none.
          if (!(error instanceof DomainError) || error.code === 'RULE_I_SCHEMA') throw error;
          const needs = streamsNeeded(command);
          const named = [...streamsToPrefetch(command), ...needs.orgUnitIds.map((id) => streamIdOf('orgunit', id))];
          const stale = named.filter((id) => !decided.pending.has(id) && !inFlightWrites(id) && !loader.isPinned(id));
          if (stale.length === 0) throw error;
          loader.invalidate(stale);
          reading = await service.decideReading(command, undefined, options.role);
        }
        const { decision, reads } = reading;
        // An id this line derives (its post's marker, its remedy) that an earlier line of the file
        // uses, as its own or derived: the store would refuse the write, so it is refused here, in a
        // dry run as in the real one (found by a review: the dry run accepted it).
        for (const write of decision) {
          for (const event of write.events) {
            if (event.eventId === command.id) continue;
            if (seen.has(event.eventId) || decided.derivedIds.has(event.eventId) || derivedInFlight(event.eventId) || dryRunDerived.has(event.eventId)) {
              throw new EventIdConflictError(event.eventId, `is already the id of an earlier line's event in this file; line ${line} would derive it (a post-holder marker or an appeal decision's remedy)`);
            }
          }
        }
        // What the store checks of every event (its text storable, its lengths) a real run learns
        // when the chunk is refused: a dry run checks it here, so both refuse the same line (found
        // by an appeals review: a remedy's reason cut inside a surrogate pair passed a dry run).
        if (dryRun) validateAppends(toAppends(decision, options));
        for (const [streamId, revision] of reads) {
          const first = decided.reads.get(streamId);
          if (first === undefined) decided.reads.set(streamId, revision);
          else if (first !== revision && !decided.pending.has(streamId)) decided.staleRead ??= streamId;
        }
        const provisional: RecordedEvent[] = [];
        const recordedAt = new Date().toISOString();
        for (const write of decision) {
          const first = decided.reads.get(write.streamId);
          if (first !== undefined && first !== write.expectedRevision && !decided.pending.has(write.streamId)) decided.staleRead ??= write.streamId;
          if (!decided.before.has(write.streamId)) decided.before.set(write.streamId, loader.peek(write.streamId));
          const slot = decided.pending.get(write.streamId) ?? { expectedRevision: write.expectedRevision, events: [] };
          const base = write.expectedRevision === 'no_stream' ? -1 : write.expectedRevision;
          write.events.forEach((event, i) => {
            slot.events.push(event);
            provisional.push(asRecorded(event, { streamId: write.streamId, revision: base + i + 1, globalPosition: 0, recordedAt, actor: options.actor }));
          });
          decided.pending.set(write.streamId, slot);
        }
        loader.apply(provisional);
        // A dry run stores nothing: the states it changed hold the file's lines and nothing else does.
        // The line's own streams only: pinning the whole chunk's again for every line was O(chunk²), 9.5 % of a dry run.
        if (dryRun) loader.pin(decision.map((write) => write.streamId));
        seen.set(command.id, remembered(command, provisional.find((e) => e.eventId === command.id)?.override?.reason ?? null, parsed.line));
        for (const e of provisional) if (e.eventId !== command.id) (dryRun ? dryRunDerived : decided.derivedIds).add(e.eventId);
        decided.pendingLines.push(parsed);
        decided.pendingEvents.push(provisional);
      } catch (error) {
        // Refused, but perhaps stored meanwhile by a concurrent import of the same file: the id in
        // its stream though not found above, or a rule decided on a state read before that import
        // wrote the line's premises (a TM5 rating refused, its rater's appointment stored by the
        // other import). Present (or a conflict), as if found. One read per refused line.
        const racedIds = error instanceof DomainError ? await store.findEvents(idsToLookUp(command)) : [];
        const raced = racedIds.find((e) => e.eventId === command.id);
        try {
          if (!raced) throw error;
          service.alreadyStored(command, raced, racedIds); // the same fact, or EVENT_ID_CONFLICT
          present++;
        } catch (refusal) {
          await service.nameRefusal(refusal); // names beside the ids of cadres and org units a refusal names (P2), as the API gives them
          decided.rejected.push(rejectionOf(line, command.id, refusal));
        }
      }
    }
    return { ...decided, alreadyPresent: present };
  };

  /** Writes a decided chunk atomically; not stored when someone else wrote its streams (or one it read) meanwhile. */
  const writeChunk = async ({ pending, pendingLines, reads, staleRead }: DecidedChunk): Promise<WriteOutcome> => {
    if (staleRead !== undefined && !dryRun) return { stored: false, conflicted: staleRead };
    if (dryRun || pending.size === 0) {
      accepted += pendingLines.length;
      // A dry run counts what the real run would write, so that its answer is the real run's
      // (found by a review: it said appended 0, eventsWritten 0 of a file the real run wrote).
      if (dryRun) {
        appended += pendingLines.length;
        for (const w of pending.values()) eventsWritten += w.events.length;
      }
      return { stored: true };
    }
    const decision = [...pending].map(([streamId, w]) => ({ streamId, expectedRevision: w.expectedRevision, events: w.events }));
    const appends = toAppends(decision, options, reads);
    const stored = (result: { readonly alreadyStored: boolean; readonly events: readonly unknown[] }): WriteOutcome => {
      accepted += pendingLines.length;
      // Stored already (a concurrent import of the same lines won the race): present, not appended by this run.
      if (result.alreadyStored) {
        alreadyPresent += pendingLines.length;
        return { stored: true, byAnother: true };
      }
      appended += pendingLines.length;
      eventsWritten += result.events.length;
      return { stored: true };
    };
    try {
      return stored(await store.appendToStreams(appends));
    } catch (error) {
      if (error instanceof MultiStreamAppendIncompleteError) return sendAgain(appends, stored);
      if (!(error instanceof StreamVersionConflictError || error instanceof EventIdConflictError || error instanceof InvalidEventError)) throw error;
      return { stored: false, conflicted: error instanceof StreamVersionConflictError ? error.streamId : undefined };
    }
  };

  /**
   * A chunk's write that stopped part-way (EventStoreDB, no transaction across streams: another
   * writer moved one of its later streams between the check and its append, or its append
   * failed), sent again: the store completes it when its unwritten streams are still where the
   * chunk expects them (the adapter's `resume`). When one has moved, or it stops again and again,
   * the chunk is `partWay`: its lines are settled one by one (`settleLineByLine`). Only store
   * calls here: this runs while the next chunk is decided.
   */
  const sendAgain = async (appends: readonly StreamAppend[], stored: (result: { readonly alreadyStored: boolean; readonly events: readonly unknown[] }) => WriteOutcome): Promise<WriteOutcome> => {
    for (let attempt = 1; attempt <= PART_WAY_RESENDS; attempt++) {
      try {
        return stored(await store.appendToStreams(appends));
      } catch (error) {
        if (error instanceof MultiStreamAppendIncompleteError) continue;
        if (!(error instanceof StreamVersionConflictError || error instanceof EventIdConflictError || error instanceof InvalidEventError)) throw error;
        break;
      }
    }
    return { stored: false, conflicted: undefined, partWay: true };
  };

  /**
   * The lines of a chunk whose write stopped part-way and could not be completed as a chunk: what
   * is stored is a fact now. In file order, a line whose events are all stored is accepted; a line
   * some of whose events are stored is completed, decided again on the stored states without them
   * (`CareerCommandService.complete`: its stored events must be what it writes then, and its other
   * streams are written at their heads), or, when the rules refuse it now, rejected naming what was
   * stored (IMPORT_LINE_HALF_STORED); every other line (nothing stored, or refused or found present
   * on the chunk's provisional states) is decided again and written on its own, as after a conflict.
   * The chunk's cached states were dropped by the caller.
   */
  const settleLineByLine = async (decided: DecidedChunk): Promise<void> => {
    const ids = decided.pendingEvents.flatMap((events) => events.map((e) => e.eventId));
    const found = new Set((await store.findEvents(ids)).map((e) => e.eventId));
    const eventsOf = new Map(decided.pendingLines.map((parsed, i) => [parsed, decided.pendingEvents[i]!]));
    for (const parsed of decided.lines) {
      const events = eventsOf.get(parsed);
      const storedCount = events?.filter((e) => found.has(e.eventId)).length ?? 0;
      if (events && storedCount === events.length) {
        accepted++;
        appended++;
        eventsWritten += events.length;
        continue;
      }
      await replayLine(parsed, storedCount > 0 ? events!.map((e) => e.eventId) : undefined);
    }
  };

  /**
   * After a failed write: the states under the provisional events of the chunks given (the later
   * one first, so the earlier one's, older, win) are put back, and the stream that conflicted is
   * read again. A failure that names no stream (an event id stored meanwhile, by a concurrent
   * import of the same file: its streams all moved) drops every state those chunks touched.
   */
  const rollBack = (outcome: Extract<WriteOutcome, { stored: false }>, ...chunks: DecidedChunk[]): void => {
    if (outcome.conflicted === undefined) {
      loader.invalidate(chunks.flatMap((c) => [...c.pending.keys(), ...c.reads.keys()]));
      return;
    }
    for (const c of [...chunks].reverse()) loader.restore(c.before);
    loader.invalidate([outcome.conflicted]);
  };

  /**
   * Decides and writes one line on its own, on fresh states. A write of it that stops part-way
   * (EventStoreDB) is completed (`CareerCommandService.complete`), as is a line `halfStored` (the
   * event ids of a chunk's write that stored some of them).
   */
  const replayLine = async ({ line, command }: ParsedLine, halfStored?: readonly string[]): Promise<void> => {
    try {
      let one;
      try {
        one = halfStored ? await service.complete(command, halfStored, options) : await service.executeValid(command, options);
      } catch (error) {
        if (!(error instanceof MultiStreamAppendIncompleteError)) throw error;
        one = await service.complete(command, [], options);
      }
      accepted++;
      if (one.status === 'APPENDED') {
        appended++;
        eventsWritten += one.decision.reduce((n, w) => n + w.events.length, 0);
      } else alreadyPresent++;
    } catch (e) {
      seen.delete(command.id);
      await service.nameRefusal(e);
      rejected.add(rejectionOf(line, command.id, e));
    }
  };

  /** Decides and writes each line on its own, on fresh states. */
  const replayOneByOne = async (lines: readonly ParsedLine[]): Promise<void> => {
    for (const parsed of lines) await replayLine(parsed);
  };

  /**
   * A chunk whose write failed, decided again whole on the stored states of its streams (the
   * caller dropped them from the cache) and written at once, not pipelined: another writer's one
   * event (a clerk correcting an org unit the chunk's appointments read) cost two chunks replayed
   * line by line, one append each, before. If this write fails as well, other writers are busy on
   * the chunk's streams: its halves are tried in turn, each decided on what the one before stored,
   * down to RETRY_ONE_BY_ONE_BELOW lines, which go one by one. A smaller write spans fewer streams
   * and a shorter time, so it is less likely to meet a clerk's write (measured: a county imported
   * beside four clerks writing every 100 ms, docs/SCALE.md).
   */
  const retryWhole = async (lines: ParsedLine[]): Promise<void> => {
    const again = await decideChunk(lines);
    const outcome = await writeChunk(again);
    if (outcome.stored) {
      countUnwritten(again);
      if (outcome.byAnother) forgetStoredByAnother(again);
      else if (!dryRun) loader.compact([...again.cadreStreams]);
      if (!dryRun) for (const parsed of again.pendingLines) seen.delete(parsed.command.id);
      return;
    }
    rollBack(outcome, again);
    for (const parsed of lines) seen.delete(parsed.command.id);
    if (outcome.partWay) return settleLineByLine(again);
    if (lines.length < RETRY_ONE_BY_ONE_BELOW) return replayOneByOne(lines);
    const half = Math.ceil(lines.length / 2);
    await retryWhole(lines.slice(0, half));
    await retryWhole(lines.slice(half));
  };

  /**
   * A chunk whose every event another writer had stored (a concurrent import of the same lines):
   * the cached states of its streams hold this import's provisional events, and the stored streams
   * may hold more after them (that import's later lines, a clerk's write since), so they are read
   * again. Found by a fresh clone's run of three imports of one file: a chunk decided while such a
   * chunk was in flight refused a TM5 rating, its rater's appointment (stored by another import)
   * missing from the cached state, which a refusal, unlike a write, is not checked against.
   */
  const forgetStoredByAnother = (decided: DecidedChunk): void => loader.invalidate([...decided.pending.keys()]);

  /**
   * The outcomes of a chunk's lines that write nothing (already present, refused) are final only
   * once its write is stored: they were decided on its earlier lines' events (a repeat of a line,
   * a second secretary of a post a line of the chunk fills).
   */
  const countUnwritten = (decided: DecidedChunk): void => {
    accepted += decided.alreadyPresent;
    alreadyPresent += decided.alreadyPresent;
    for (const r of decided.rejected) rejected.add(r);
  };

  /**
   * Pipelined: chunk N+1 is decided (in this process) while chunk N is written (in the database),
   * on states that include N's events as decided. If N's write fails (someone else wrote one of
   * its streams, or one it read), both chunks' provisional states are rolled back and the stream
   * that conflicted dropped (`rollBack`), every line of N is decided again (`retryWhole`) — those it refused or found present too,
   * decided on its own lines' events (found by a review of concurrent writers: a line reported
   * present whose twin was never stored) — then N+1 is decided again; nothing else meanwhile.
   * If every event of N was stored already by another writer, N's streams are read again and
   * N+1 is decided again on them (`forgetStoredByAnother`).
   */
  let inFlight: { readonly decided: DecidedChunk; readonly written: Promise<WriteOutcome> } | null = null;
  /** The first line of a chunk being settled (its write awaited, retried or replayed): not final until it is. */
  let settlingFrom: number | undefined;
  const settle = async (next?: DecidedChunk): Promise<boolean> => {
    const previous = inFlight;
    inFlight = null;
    if (!previous) return true;
    settlingFrom = previous.decided.lines[0]?.line;
    const outcome = await previous.written;
    /** Whether the chunk decided meanwhile (`next`) may be written as decided. */
    let nextStands = outcome.stored;
    if (!outcome.stored) {
      rollBack(outcome, previous.decided, ...(next ? [next] : []));
      for (const parsed of previous.decided.lines) seen.delete(parsed.command.id);
      if (outcome.partWay) await settleLineByLine(previous.decided);
      else await retryWhole(previous.decided.lines);
    } else if (outcome.byAnother) {
      countUnwritten(previous.decided);
      // The chunk decided meanwhile rests on the states read again now: it is decided again.
      if (next) loader.restore(next.before);
      forgetStoredByAnother(previous.decided);
      nextStands = false;
    } else {
      countUnwritten(previous.decided);
      // Its cadres' states are stored now; those the next chunk writes too wait for that one.
      if (!dryRun && next) loader.compact([...previous.decided.cadreStreams].filter((id) => !next.pending.has(id)));
    }
    // Its lines are stored (or rejected) now, and the chunk decided after it has been decided:
    // later chunks find these ids in the store, so `seen` stays two chunks long (unless nothing is written).
    if (!dryRun) for (const parsed of previous.decided.pendingLines) seen.delete(parsed.command.id);
    settlingFrom = undefined;
    return nextStands;
  };
  const processChunk = async (chunk: ParsedLine[]): Promise<void> => {
    const decided = await decideChunk(chunk);
    if (!(await settle(decided))) {
      // Decided on N's provisional events, which the retry may have written otherwise (or another
      // import stored, with more after them): decided again, and written as any chunk (nothing is
      // in flight now, so this settles at once).
      for (const parsed of decided.lines) seen.delete(parsed.command.id);
      return processChunk(chunk);
    }
    const written = writeChunk(decided);
    written.catch(() => undefined); // awaited by the next chunk or at the end
    inFlight = { decided, written };
  };

  const maxDryRunLines = options.maxDryRunLines ?? Number.POSITIVE_INFINITY;
  const tooLong = dryRun && options.maxDryRunLines !== undefined ? new AbortController() : undefined;
  const stop = tooLong ? (options.stop ? AbortSignal.any([options.stop, tooLong.signal]) : tooLong.signal) : options.stop;
  let chunk: ParsedLine[] = [];
  /** Every line before this one has its final outcome: its rejection, if any, can be reported. */
  const settledBefore = (): number => Math.min(inFlight?.decided.lines[0]?.line ?? Infinity, chunk[0]?.line ?? Infinity, lineNumber + 1);
  const counts = (): ImportResult => ({ accepted, rejected: rejected.kept, rejectedCount: rejected.count, appended, alreadyPresent, eventsWritten, lines: lineNumber, blankLines, dryRun });
  try {
    for await (const read of ndjsonLines(untilStopped(input, stop), maxLineBytes, (n) => (bytes += n))) {
      if (options.stop?.aborted) throw new ImportStopped(options.stop.reason);
      if (tooLong && read.number > maxDryRunLines) {
        // Through the stop signal, so that the input is left unread, not destroyed: an HTTP request's socket carries the report still to be written.
        tooLong.abort();
        throw new DryRunTooLong(maxDryRunLines);
      }
      lineNumber = read.number;
      if ('problem' in read) {
        // A long line holding carriage returns is most likely a file with CR-only line ends read as one line: said so, as for a line too short to be refused (found by a review).
        const crEn = read.looksUtf16 ? UTF16_HINT.en : read.holdsCr ? '; the line holds carriage returns (CR): a file with CR-only line ends reads as one line, use LF or CRLF' : '';
        const crZh = read.looksUtf16 ? UTF16_HINT.zh : read.holdsCr ? '；该行含有回车符（CR），文件可能只用 CR 换行（旧式 Mac 格式），整个文件被读成一行：请改用 LF 或 CRLF 换行' : '';
        const message =
          read.problem === 'LINE_TOO_LONG'
            ? `line is ${read.bytes} bytes, over the limit of ${maxLineBytes} bytes (IMPORT_MAX_LINE_BYTES)${crEn}`
            : `line is not valid UTF-8${read.looksUtf16 ? UTF16_HINT.en : read.looksGb18030 ? '; it reads as GBK/GB18030: save the file as UTF-8 and import it again' : ''}`;
        const messageZh =
          read.problem === 'LINE_TOO_LONG'
            ? `该行 ${read.bytes} 字节，超过上限 ${maxLineBytes} 字节（IMPORT_MAX_LINE_BYTES）${crZh}`
            : `该行不是有效的 UTF-8 文本${read.looksUtf16 ? UTF16_HINT.zh : read.looksGb18030 ? '；看来是 GBK/GB18030 编码（Excel 或记事本按“ANSI”保存的文件）：请将文件另存为 UTF-8 编码后再导入' : ''}`;
        rejected.add(rejectionOf(lineNumber, null, new MalformedLineError(read.problem, message, messageZh)));
        rejected.settleBefore(settledBefore());
        continue;
      }
      const text = read.text;
      if (text.trim() === '') {
        blankLines++;
        continue;
      }
      // The first line that is not blank opens a JSON array: a whole file written as one array. Every
      // line of it is refused, the one object that parses alone too (found by a diff review: the
      // array's last record, without its comma, was imported while the file was said malformed).
      if (arrayFile === undefined) arrayFile = text.trimStart().startsWith('[');
      if (arrayFile) {
        rejected.add(rejectionOf(lineNumber, null, new MalformedLineError('MALFORMED_JSON', `not imported${ARRAY_FILE_HINT.en}`, `未导入${ARRAY_FILE_HINT.zh}`)));
        rejected.settleBefore(settledBefore());
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        const why = quoteInput((error as Error).message);
        // A carriage return inside a line: a file with old Mac line ends (CR only) reads as one line.
        const bareCr = text.includes('\r');
        const hint = read.looksUtf16
          ? UTF16_HINT
          : bareCr
              ? { en: '; the line holds a carriage return (CR): a file with CR-only line ends reads as one line, use LF or CRLF', zh: '；该行含有回车符（CR），文件可能只用 CR 换行（旧式 Mac 格式），整个文件被读成一行：请改用 LF 或 CRLF 换行' }
              : { en: '', zh: '' };
        const crEn = hint.en;
        const crZh = hint.zh;
        rejected.add(
          rejectionOf(lineNumber, null, new MalformedLineError('MALFORMED_JSON', `not a JSON object: ${why}${crEn}`, `该行不是 JSON 对象：${jsonSyntaxErrorZh((error as Error).message)}（解析器报告：${why}）${crZh}`)),
        );
        rejected.settleBefore(settledBefore());
        continue;
      }
      const repeat = firstRepeatedKey(text, raw);
      if (repeat) {
        const { field, message, messageZh } = repeatedKeyMessages(repeat);
        rejected.add(rejectionOf(lineNumber, field === 'id' ? null : idOf(raw), new MalformedLineError('REPEATED_JSON_KEY', message, messageZh, field)));
        rejected.settleBefore(settledBefore());
        continue;
      }
      // The role is checked before the content, as the routes' guard does: a line the caller may not write says so.
      const refusal =
        options.role !== undefined ? eventTypeRefusal(options.role, typeOf(raw) ?? '') : undefined;
      if (refusal) {
        rejected.add(rejectionOf(lineNumber, idOf(raw), new ForbiddenEventError(refusal)));
        rejected.settleBefore(settledBefore());
        continue;
      }
      try {
        chunk.push({ line: lineNumber, command: parseCareerCommand(raw) });
      } catch (error) {
        rejected.add(rejectionOf(lineNumber, idOf(raw), error));
        rejected.settleBefore(settledBefore());
        continue;
      }
      if (chunk.length >= chunkSize) {
        await processChunk(chunk);
        chunk = [];
        rejected.settleBefore(settledBefore());
        options.onProgress?.({ lines: lineNumber, bytes, accepted, rejected: rejected.count });
      }
    }
    if (chunk.length > 0) await processChunk(chunk);
    chunk = [];
    await settle();
  } catch (error) {
    // Stopped mid-file (the body broke off, a compressed stream was corrupt, the database went
    // away): the chunk being written counts once it is stored; what was only decided is not.
    const writing = inFlight as { readonly decided: DecidedChunk; readonly written: Promise<WriteOutcome> } | null; // assigned in processChunk, which TS does not follow
    const writtenWhole = writing !== null && (await writing.written.then((o) => o.stored).catch(() => false));
    if (writing && writtenWhole) countUnwritten(writing.decided);
    // `lines`: those whose outcome is final, up to the first line of a chunk not stored (found by a
    // review: a body broken off after 50 lines, none written, reported lines 50 as final).
    // A chunk whose write failed while it was being settled (found by a review: the database lost
    // mid-write, its lines were counted final) is not final either.
    const firstUnsettled = Math.min(settlingFrom ?? Infinity, writing && !writtenWhole ? (writing.decided.lines[0]?.line ?? Infinity) : Infinity, chunk[0]?.line ?? Infinity, lineNumber + 1);
    rejected.settleBefore(firstUnsettled);
    throw new ImportInterrupted(error, { ...counts(), lines: firstUnsettled - 1 });
  }
  rejected.settleBefore(Infinity);
  options.onProgress?.({ lines: lineNumber, bytes, accepted, rejected: rejected.count });
  return counts();
}

/**
 * The input's chunks, until `stop` is asked: a read waiting for input (a slow upload) is not waited
 * for, the stop is thrown at once (between lines, the import's loop checks the signal itself). The
 * input is left as it is (not destroyed: an HTTP request's socket carries the answer still to be
 * written). Chunks, not lines: a wrapper per line cost 3–10 % of a CLI import. Each read waits on a
 * promise of its own, not raced against one promise for the whole file: every race would leave a
 * reaction on that promise until it settles.
 */
async function* untilStopped<T>(lines: AsyncIterable<T>, stop: AbortSignal | undefined): AsyncGenerator<T> {
  if (!stop) return yield* lines;
  const iterator = lines[Symbol.asyncIterator]();
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  stop.addEventListener('abort', onAbort);
  let abandoned = false;
  try {
    for (;;) {
      if (stop.aborted) throw new ImportStopped(stop.reason);
      const next = iterator.next();
      const result = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
        wake = () => resolve(null);
        next.then(resolve, reject);
      });
      wake = undefined;
      if (result === null) {
        abandoned = true;
        next.catch(() => undefined);
        throw new ImportStopped(stop.reason);
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    stop.removeEventListener('abort', onAbort);
    // Ended otherwise (an error, the caller done): the lines' own ending, as `for await` would.
    // Not when stopped: ending them destroys the input, and an HTTP request's with its socket.
    if (!abandoned && !stop.aborted) await iterator.return?.();
  }
}
