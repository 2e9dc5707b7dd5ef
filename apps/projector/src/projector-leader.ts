/**
 * One writer per projection across processes: a projector advances a projection only while it
 * holds that projection's PostgreSQL session-level advisory lock on a dedicated connection. The
 * server releases the lock when the holder's connection drops (crash, SIGKILL, network), so a
 * standby that keeps trying takes over within one retry interval. Exactly-once effects do not
 * depend on the lock — every batch commits with its checkpoint — the lock only stops two
 * processes from doing the same work.
 */
import type postgres from 'postgres';
import type { EventStore } from '@ledger/event-store';
import { ProjectionRunner, type Projection, type RunnerLog } from '@ledger/projections';

export interface LeaderOptions {
  /** How often a standby tries to take over, and how often a leader checks its lock connection. */
  readonly retryMs?: number;
  readonly log?: RunnerLog;
  readonly pollIntervalMs?: number;
}

export type Role = 'LEADER' | 'STANDBY' | 'STOPPED';

export class ProjectionLeader {
  private role: Role = 'STANDBY';
  private stopped = false;
  private runner: ProjectionRunner | undefined;
  private lockConnection: postgres.ReservedSql | undefined;
  private wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: LeaderOptions = {},
  ) {
    this.done = this.loop();
  }

  get currentRole(): Role {
    return this.role;
  }

  private get key(): string {
    return `projector:${this.projection.name}`;
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
            this.runner = new ProjectionRunner(this.sql, this.store, {
              projections: [this.projection],
              ...(this.options.log ? { log: this.options.log } : {}),
              ...(this.options.pollIntervalMs ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
            });
            this.runner.startLive();
          }
        } else {
          // Still holding? A lost lock connection means another process may lead now.
          await this.lockConnection!`select 1`;
        }
      } catch (error) {
        this.log('warn', `lost the lock connection: ${error instanceof Error ? error.message : String(error)}`);
        await this.stepDown();
      }
      await this.sleep(retryMs);
    }
    await this.stepDown();
    this.role = 'STOPPED';
  }

  private async tryAcquire(): Promise<boolean> {
    this.lockConnection ??= await this.sql.reserve();
    const [row] = await this.lockConnection`select pg_try_advisory_lock(hashtextextended(${this.key}, 0)) as locked`;
    return row?.locked === true;
  }

  private async stepDown(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) await runner.stopLive();
    if (this.lockConnection) {
      // Releasing the connection ends the session only if it is broken; unlock explicitly otherwise.
      await this.lockConnection`select pg_advisory_unlock(hashtextextended(${this.key}, 0))`.catch(() => undefined);
      this.lockConnection.release();
      this.lockConnection = undefined;
    }
    if (this.role === 'LEADER') this.log('info', `stepped down for projection ${this.projection.name}`);
    this.role = 'STANDBY';
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }
}
