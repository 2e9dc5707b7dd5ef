/**
 * One writer per projection across processes: a projector advances a projection only while it
 * holds that projection's PostgreSQL session-level advisory lock on a connection of its own. The
 * server releases the lock when the holder's connection drops (crash, SIGKILL, network), so a
 * standby that keeps trying takes over within one retry interval. Exactly-once effects do not
 * depend on the lock — every batch commits with its checkpoint — the lock only stops two
 * processes from doing the same work.
 *
 * The lock lives on a one-connection client the leader owns, not on a connection reserved from the
 * shared pool: found by a review, a reserved connection whose backend was terminated left its next
 * query pending for ever, so the leader never noticed it had lost the lock (a standby then led as
 * well) and SIGTERM waited on it for ever. Now every check of the lock is bounded in time and is
 * made on the very session that took the lock (its backend pid): a check that fails, hangs or finds
 * another session steps down, says so, and drops the client whole.
 */
import type postgres from 'postgres';
import type { ProjectionRunner, Projection, RunnerLog } from '@ledger/projections';

export interface LeaderOptions {
  /** How often a standby tries to take over, and how often a leader checks its lock. */
  readonly retryMs?: number;
  readonly log?: RunnerLog;
  /** The runner a leader starts (with the ledger's settings: the rebuild backlog, a store's lag probe). */
  readonly runner: (projection: Projection) => ProjectionRunner;
  /** A new one-connection client for the lock; the leader ends it when it steps down. */
  readonly lockClient: () => postgres.Sql;
}

export type Role = 'LEADER' | 'STANDBY' | 'STOPPED';

/** What a lock check or a step-down may take before the leader gives it up as lost. */
const CHECK_BOUND_MS = 5_000;
const STOP_BOUND_MS = 10_000;

class TimedOut extends Error {}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class ProjectionLeader {
  private role: Role = 'STANDBY';
  private stopped = false;
  private runner: ProjectionRunner | undefined;
  private lock: { readonly sql: postgres.Sql; pid: number | undefined } | undefined;
  private wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    readonly projection: Projection,
    private readonly options: LeaderOptions,
  ) {
    this.done = this.loop();
  }

  get currentRole(): Role {
    return this.role;
  }

  private get key(): string {
    return `projector:${this.projection.name}`;
  }

  private get checkBoundMs(): number {
    return Math.max(CHECK_BOUND_MS, this.options.retryMs ?? 2000);
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message, { projection: this.projection.name, role: this.role });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    const retryMs = this.options.retryMs ?? 2000;
    while (!this.stopped) {
      try {
        if (this.role !== 'LEADER') {
          if (await this.tryAcquire()) {
            this.role = 'LEADER';
            this.log('info', `leader for projection ${this.projection.name}`);
            this.runner = this.options.runner(this.projection);
            this.runner.startLive();
          }
        } else {
          await this.checkStillHeld();
        }
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        if (this.role === 'LEADER') this.log('warn', `lost the lock connection of projection ${this.projection.name}: ${why}; stepping down`);
        else this.log('warn', `could not try the lock of projection ${this.projection.name}: ${why}`);
        await this.stepDown();
      }
      await this.sleep(retryMs);
    }
    await this.stepDown();
    this.role = 'STOPPED';
  }

  private async tryAcquire(): Promise<boolean> {
    const lock = (this.lock ??= { sql: this.options.lockClient(), pid: undefined });
    const [row] = await within(lock.sql<{ locked: boolean; pid: number }[]>`select pg_try_advisory_lock(hashtextextended(${this.key}, 0)) as locked, pg_backend_pid() as pid`, this.checkBoundMs, 'taking the lock');
    if (row?.locked !== true) return false;
    lock.pid = row.pid;
    return true;
  }

  /** The lock is the session's: a client that reconnected by itself answers from another session, which holds nothing. */
  private async checkStillHeld(): Promise<void> {
    const lock = this.lock!;
    const [row] = await within(lock.sql<{ pid: number }[]>`select pg_backend_pid() as pid`, this.checkBoundMs, 'checking the lock');
    if (row?.pid !== lock.pid) throw new Error(`the lock's session ${lock.pid} is gone (now session ${row?.pid})`);
  }

  private async stepDown(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) await within(runner.stopLive(), STOP_BOUND_MS, 'stopping the projection').catch((error: unknown) => this.log('warn', String(error instanceof Error ? error.message : error)));
    const lock = this.lock;
    this.lock = undefined;
    // Ending the client ends its session, and with it the lock; a session already gone is dropped without waiting.
    if (lock) await within(lock.sql.end({ timeout: 1 }), STOP_BOUND_MS, 'closing the lock connection').catch(() => undefined);
    if (this.role === 'LEADER') this.log('info', `stepped down for projection ${this.projection.name}`);
    this.role = 'STANDBY';
  }

  /** Look for new events now (a reader is waiting for them: PROJECTIONS_WAKE_CHANNEL), not after the poll interval. */
  poke(): void {
    this.runner?.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }
}
