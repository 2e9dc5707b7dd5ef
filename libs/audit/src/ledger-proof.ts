/**
 * The digest and the "only appended to" proof against a live store (the CLI's `digest` and
 * `verify --since-digest`, the API's /v1/audit/digest and /v1/audit/verify?sinceDigest=).
 */
import { START_POSITION, type AllPosition, type EventStore, type StoredEvent, type VerificationResult } from '@ledger/event-store';
import { verifyLedger, type NamedBrokenLink } from './named-breaks';
import { computeDigest, digestAnswer, proveSinceDigest, type DigestAnswer, type DigestProof, type LedgerDigest } from './digest';

/** The store-wide order, batch after batch, from the start. */
export async function* readAllEvents(store: Pick<EventStore, 'readAll'>, batchSize = 2000): AsyncIterable<StoredEvent> {
  let after: AllPosition = START_POSITION;
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

/** `verify`'s answer with the digest proof beside it; `ok` only when both hold. */
export interface SinceDigestVerification extends VerificationResult {
  readonly sinceDigest: DigestProof;
  readonly broken: readonly NamedBrokenLink[];
  readonly firstBroken?: NamedBrokenLink;
}

/** Proves the ledger up to the digest unchanged, then verifies every chain as `verify` does. */
export async function verifySinceDigest(
  store: Pick<EventStore, 'readAll' | 'scanStreams' | 'scanHeads' | 'readStream' | 'streamHead' | 'eventsOutsideTheOrder' | 'outsideTheOrder'>,
  digest: LedgerDigest,
  options: { stopAtFirst?: boolean } = {},
): Promise<SinceDigestVerification> {
  const sinceDigest = await proveSinceDigest(readAllEvents(store), digest);
  const chains = await verifyLedger(store, options);
  return { ...chains, ok: chains.ok && sinceDigest.ok, sinceDigest };
}
