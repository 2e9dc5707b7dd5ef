/**
 * The rejections of an import, bounded: the first `keep` (by line number) are kept and handed out
 * in file order as soon as no earlier line can still be rejected; beyond that only the count grows.
 * Memory stays flat whatever the file, and a streamed report can be written while importing.
 */

export interface NumberedRejection {
  readonly line: number;
}

export class RejectionLog<R extends NumberedRejection> {
  /** Handed out, in file order (at most `keep`). */
  readonly kept: R[] = [];
  /** Recorded but not handed out yet: an earlier line may still be rejected. */
  private pending: R[] = [];
  private total = 0;

  constructor(
    private readonly keep: number,
    private readonly onFinal?: (rejection: R) => void,
  ) {}

  get count(): number {
    return this.total;
  }

  add(rejection: R): void {
    this.total++;
    const room = this.keep - this.kept.length;
    if (room <= 0) return;
    this.pending.push(rejection);
    // Only the `room` lowest line numbers can ever be reported: drop the others, in batches.
    if (this.pending.length > 2 * room) this.pending = this.sorted().slice(0, room);
  }

  /** Hands out, in order, the pending rejections of lines before `line` (every earlier line is settled). */
  settleBefore(line: number): void {
    if (this.pending.length === 0) return;
    const sorted = this.sorted();
    let i = 0;
    for (; i < sorted.length && sorted[i]!.line < line && this.kept.length < this.keep; i++) {
      this.kept.push(sorted[i]!);
      this.onFinal?.(sorted[i]!);
    }
    this.pending = this.kept.length < this.keep ? sorted.slice(i) : [];
  }

  private sorted(): R[] {
    return this.pending.sort((a, b) => a.line - b.line);
  }
}
