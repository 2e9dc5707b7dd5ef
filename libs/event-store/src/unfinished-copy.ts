/**
 * A store that is the target of a copy under way or stopped part-way (`migrate-store`): its chains
 * are intact, yet it may hold only a prefix of the source's events. `acceptedAt`: an operator took
 * it as it is (its source lost), with a reason.
 */
export interface UnfinishedCopy {
  readonly source: string;
  readonly sourceEvents: number;
  readonly startedAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedReason: string | null;
  readonly acceptedBy: string | null;
}

/**
 * The mark of a copy under way, kept in the target (PostgreSQL). Optional: EventStoreDB keeps only
 * events, and a ledger stream for the mark would be read as the ledger's.
 */
export interface UnfinishedCopyMark {
  /** Written before the copy's first event (a rerun writes it again: a copy under way once more). */
  markCopyUnderWay(mark: { readonly source: string; readonly sourceEvents: number }): Promise<void>;
  /** Removed once the target is verified against the source. */
  clearCopyUnderWay(): Promise<void>;
  /** The operator takes the copy as it is; the mark stays, with the reason. Null when there is none. */
  acceptUnfinishedCopy(reason: string, by: string): Promise<UnfinishedCopy | null>;
}
