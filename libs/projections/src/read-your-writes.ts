/**
 * Read your writes. A read-model answer must reflect every write acknowledged before the question
 * was asked, whichever process wrote it: the read takes the store's head (the last committed event)
 * as its target and waits, within a bound, until each projection it reads has applied past it.
 * Projections read below the oldest running transaction (see the PostgreSQL adapter), so a
 * transaction held open elsewhere can keep them from passing the target for as long as it runs;
 * the answer then says how far behind it is instead of being silently stale.
 */
import { compareAllPositions, START_POSITION, type AllPosition, type EventStore } from '@ledger/event-store';
import { positionOf } from './checkpoints';
import type { ProjectionRunner, RebuildOptions } from './projection-runner';

/** Present on an answer only when its projections could not reach the required position in time. */
export interface Behind {
  /** Events stored past the slowest projection's checkpoint. */
  readonly events: number;
  /** The projections that had not reached the position. */
  readonly projections: readonly string[];
  /** The store's head when the question was asked: what the answer should have reflected. */
  readonly requiredPosition: AllPosition;
  readonly waitedMs: number;
}

/** Brings the named projections past every acknowledged write, or says how far behind they are. */
export interface Freshness {
  ensure(projections: readonly string[]): Promise<Behind | null>;
}

export interface FreshnessOptions {
  /** How long to wait (READ_YOUR_WRITES_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /**
   * Apply the events in this process (the CLI, where no API may be running) instead of waiting
   * for the runner that follows the store (the API's live runner or `npm run projector`).
   */
  readonly drive: boolean;
  /** How often to look again while waiting. */
  readonly pollMs?: number;
  /** With `drive`: how a rebuild of a projection whose version was bumped reports its progress. */
  readonly rebuild?: RebuildOptions;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The channel (PostgreSQL LISTEN/NOTIFY, on the read models' database) a read waiting for its
 * projections wakes the projector process on: it looks for new events at once instead of after its
 * poll interval (found by a consistency review: as deployed, a read after a write waited ≈ 100 ms
 * for the projector's next poll; `poke` wakes only a runner in the reading process).
 */
export const PROJECTIONS_WAKE_CHANNEL = 'ledger_projections_wake';

export class ProjectionFreshness implements Freshness {
  private readonly current = new Set<string>();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly store: EventStore,
    private readonly options: FreshnessOptions,
  ) {}

  async ensure(names: readonly string[]): Promise<Behind | null> {
    const started = Date.now();
    const target = await this.store.headPosition();
    const deadline = started + this.options.timeoutMs;
    let woken = false;
    for (;;) {
      const lagging = await this.lagging(names, target);
      if (lagging.length === 0) return null;
      if (Date.now() >= deadline) return this.behind(lagging, target, Date.now() - started);
      if (this.options.drive) await this.drive(lagging);
      else {
        this.runner.poke();
        // Once a read: a runner in another process (`npm run projector`) listens on the channel.
        if (!woken && !this.runner.following) {
          woken = true;
          await this.runner.sql`select pg_notify(${PROJECTIONS_WAKE_CHANNEL}, '')`;
        }
      }
      // Driving returns as soon as nothing more is readable; an open transaction elsewhere is
      // the only reason to be still short of the target, so look again shortly.
      await sleep(Math.min(this.options.pollMs ?? 10, Math.max(0, deadline - Date.now())));
    }
  }

  private async lagging(names: readonly string[], target: AllPosition): Promise<{ name: string; position: AllPosition }[]> {
    const rows = await this.runner.sql`
      select projection, version, commit_position, prepare_position from projection_checkpoints where projection = any(${names as string[]}::text[])`;
    const stored = new Map(rows.map((r) => [r.projection as string, r]));
    return names.flatMap((name) => {
      const row = stored.get(name);
      // Tables built by an older version of its code (an upgrade) hold nothing this code would
      // answer from: it lags however far its position is, until rebuilt (found by a review: after
      // an upgrade the old tables answered until someone rebuilt them). Never run: it has applied
      // nothing, and lags unless the store is empty.
      const outdated = row !== undefined && Number(row.version) < this.runner.projection(name).version;
      const position = row !== undefined && !outdated ? positionOf(row) : START_POSITION;
      return outdated || compareAllPositions(position, target) < 0 ? [{ name, position }] : [];
    });
  }

  private async drive(lagging: readonly { name: string }[]): Promise<void> {
    for (const { name } of lagging) {
      const p = this.runner.projection(name);
      // The first time: a projection whose version was bumped is rebuilt before it catches up.
      if (!this.current.has(name)) {
        await this.runner.ensureCurrent(p, this.options.rebuild);
        this.current.add(name);
      } else {
        await this.runner.catchUp(p, this.options.rebuild);
      }
    }
  }

  private async behind(lagging: readonly { name: string; position: AllPosition }[], target: AllPosition, waitedMs: number): Promise<Behind> {
    const slowest = lagging.reduce((a, b) => (compareAllPositions(a.position, b.position) <= 0 ? a : b));
    return {
      events: (await this.runner.backlogAfter(slowest.position)).events,
      projections: lagging.map((l) => l.name),
      requiredPosition: target,
      waitedMs,
    };
  }
}

/** For callers that read tables they know to be current (tests, `projections verify`). */
export const ALWAYS_FRESH: Freshness = { ensure: async () => null };
