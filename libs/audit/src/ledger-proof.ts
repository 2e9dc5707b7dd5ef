/**
 * The digest and the "only appended to" proof against a live store (the CLI's `digest` and
 * `verify --since-digest`, the API's /v1/audit/digest and /v1/audit/verify?sinceDigest=).
 */
import { START_POSITION, type AllPosition, type EventStore, type StoredEvent, type VerificationResult } from '@ledger/event-store';
import { verifyLedger, type NamedBrokenLink } from './named-breaks';
import { computeDigest, DigestAccumulator, digestAnswer, EMPTY_DIGEST, proveSinceDigest, type DigestAnswer, type DigestProof, type LedgerDigest } from './digest';

/** The store-wide order, batch after batch, from the start (or after `from`). */
export async function* readAllEvents(store: Pick<EventStore, 'readAll'>, batchSize = 2000, from: AllPosition = START_POSITION): AsyncIterable<StoredEvent> {
  let after: AllPosition = from;
  for (;;) {
    const batch = await store.readAll({ after, batchSize });
    for (const event of batch.events) yield event;
    if (batch.events.length < batchSize) return;
    after = batch.lastPosition;
  }
}

/** The ledger's head digest now. */
export async function ledgerDigest(store: Pick<EventStore, 'readAll'>): Promise<DigestAnswer> {
  return digestAnswer(await computeDigest(readAllEvents(store)));
}

/**
 * The head digest as a long-running process (the API) keeps it: each ask reads only the events
 * appended since the one before, resuming the running hash (found by a province-scale review: the
 * digest of 1.5 M events took 16 s, and the web app's 台账校验 page asks for it on every visit).
 * Asks are taken one after another, so each answer covers every write acknowledged before it was
 * asked. What was folded is read again only every `wholeEveryMs` (10 minutes) or when a check that
 * read every event hands its digest over (`adopt`); an edit made in between (tampering) is what
 * `verify` and `verify --since-digest`, which read every event, find.
 */
export class KeptLedgerDigest {
  private kept: LedgerDigest = EMPTY_DIGEST;
  /** When the kept digest was last computed from the first event (0: never). */
  private foldedWholeAt = 0;
  private last: Promise<unknown> = Promise.resolve();

  /**
   * `wholeEveryMs`: the digest is computed again from the first event when the last whole computation
   * is older than this, so one resealed in place since (hashes recomputed by an insider) is not offered
   * as the current digest for longer (found by an auditor's review: 台账校验 offered the digest of the
   * ledger before the forgery, which the CLI's `digest` and the page's own check contradicted).
   */
  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly options: { readonly wholeEveryMs?: number; readonly now?: () => number } = {},
  ) {}

  current(): Promise<DigestAnswer> {
    return this.serially(() => this.advance());
  }

  /**
   * A digest just computed from every event (a `verify --since-digest`'s `current`) replaces the kept
   * one: what it covers was read now, so it is the ledger as it stands, forgeries in place included.
   */
  adopt(whole: LedgerDigest): Promise<void> {
    return this.serially(async () => {
      this.kept = { count: whole.count, position: whole.position, hash: whole.hash };
      this.foldedWholeAt = this.now();
    });
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const answer = this.last.then(run);
    this.last = answer.catch(() => undefined);
    return answer;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async advance(): Promise<DigestAnswer> {
    const whole = this.foldedWholeAt === 0 || this.now() - this.foldedWholeAt >= (this.options.wholeEveryMs ?? 10 * 60_000);
    const startedAt = this.now();
    const from = whole ? EMPTY_DIGEST : this.kept;
    const acc = new DigestAccumulator(from);
    for await (const event of readAllEvents(this.store, 2000, from.position)) acc.add(event);
    this.kept = acc.digest;
    if (whole) this.foldedWholeAt = startedAt;
    return digestAnswer(this.kept);
  }
}

/** `verify`'s answer with the digest proof beside it; `ok` only when both hold. */
export interface SinceDigestVerification extends VerificationResult {
  readonly sinceDigest: DigestProof;
  readonly broken: readonly NamedBrokenLink[];
  readonly firstBroken?: NamedBrokenLink;
}

/** Proves the ledger up to the digest unchanged, then verifies every chain as `verify` does. */
export async function verifySinceDigest(
  store: Pick<EventStore, 'readAll' | 'scanStreams' | 'scanHeads' | 'readStream' | 'streamHead' | 'eventsOutsideTheOrder' | 'outsideTheOrder' | 'unfinishedCopy'>,
  digest: LedgerDigest,
  options: { stopAtFirst?: boolean } = {},
): Promise<SinceDigestVerification> {
  const sinceDigest = await proveSinceDigest(readAllEvents(store), digest);
  const chains = await verifyLedger(store, options);
  return { ...chains, ok: chains.ok && sinceDigest.ok, sinceDigest };
}
