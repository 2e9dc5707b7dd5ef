/**
 * The read side in the API process: the projection runner, started continuously unless the
 * caller says otherwise (tests drive catch-up themselves), the read side's one service
 * (ReadModelQueries, which the CLI uses too), and its routes. The runner is exported for the health endpoint.
 */
import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { ProjectionFreshness, ProjectionRunner, projectionRunnerFor, ReadModelQueries, type Projection } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { LEDGER_RUNTIME } from '../platform/tokens';
import { ReadModelsController } from './read-models.controller';

export interface ProjectionsOptions {
  /** Run the projections continuously in this process (default true). */
  readonly live?: boolean;
  /** How often a caught-up projection looks for new events (default: PROJECTION_POLL_INTERVAL_MS). */
  readonly pollIntervalMs?: number;
  /** Which projections (and versions) this process runs; default all of LEDGER_PROJECTIONS. */
  readonly projections?: readonly Projection[];
}

const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a version bump rebuilds in the background while the old tables keep answering.
    if (this.options.live ?? true) this.runner.startLive();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stopLive();
  }
}

@Module({})
export class ProjectionsModule {
  static register(options: ProjectionsOptions = {}): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: ProjectionsModule,
      controllers: [ReadModelsController],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        {
          provide: ProjectionRunner,
          inject: [LEDGER_RUNTIME],
          useFactory: (ledger: LedgerRuntime) =>
            projectionRunnerFor(ledger, {
              ...(options.projections ? { projections: options.projections } : {}),
              pollIntervalMs: options.pollIntervalMs ?? ledger.config.PROJECTION_POLL_INTERVAL_MS,
              log: (level, message, fields) => logger[level === 'info' ? 'log' : level](fields ? { ...fields, msg: message } : message),
            }),
        },
        {
          provide: ReadModelQueries,
          inject: [LEDGER_RUNTIME, ProjectionRunner],
          // Read your writes: wait for the runner that follows the store (this process's, or a projector's).
          useFactory: (ledger: LedgerRuntime, runner: ProjectionRunner) =>
            new ReadModelQueries(
              ledger.db.sql,
              ledger.store,
              new ProjectionFreshness(runner, ledger.store, { timeoutMs: ledger.config.READ_YOUR_WRITES_TIMEOUT_MS, drive: false }),
            ),
        },
        ProjectionsLifecycle,
      ],
      exports: [ProjectionRunner, ReadModelQueries],
      // The compliance routes read through the same queries.
      global: true,
    };
  }
}
