import { Controller, Get, Inject, Optional, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { AllPosition } from '@ledger/event-store';
import { ProjectionRunner, type LiveStateName } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { Public, Requires } from '../auth/auth.decorators';
import { LEDGER_RUNTIME } from '../platform/tokens';
import { allPositionSchema, type Documents } from '../platform/answer-schemas';
import { BehindInterceptor } from '../platform/behind.interceptor';

/** One projection's progress: how far behind the store it is, in events and in seconds. */
export interface ProjectionHealth {
  name: string;
  /** The code's version of the projection. */
  version: number;
  /** The version its tables were built by (null: never run); older than `version`: they wait for a rebuild and answers say so (behind). */
  storedVersion: number | null;
  needsRebuild: boolean;
  checkpoint: AllPosition | null;
  lagEvents: number;
  lagSeconds: number;
  /** This process's runner: STARTING, REBUILDING, LIVE, FAILED, STOPPED; NOT_IN_THIS_PROCESS when a projector runs it (or none). */
  state: LiveStateName | 'NOT_IN_THIS_PROCESS';
  error?: string;
}

/** What anyone may know: the process answers (live) and can serve (ready: its database answers). */
export interface Health {
  status: 'ok' | 'degraded';
  live: true;
  ready: boolean;
  database: 'ok' | 'unreachable';
}

/** The details, for AUDITOR and ADMIN: how many events the store holds and where each projection is. */
export interface Status {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  storeHead?: number;
  projections?: ProjectionHealth[];
}

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  live: z.literal(true),
  ready: z.boolean().describe('its database answers'),
  database: z.enum(['ok', 'unreachable']),
});

const statusSchema = z.object({
  status: z.enum(['ok', 'degraded']).describe('degraded: the database does not answer, a projection FAILED, or one’s tables were built by an older version and wait for a rebuild'),
  database: z.enum(['ok', 'unreachable']),
  storeHead: z.number().int().optional().describe('the highest global position in the store'),
  projections: z
    .array(
      z.object({
        name: z.string(),
        version: z.number().int().describe('the code’s version of the projection'),
        storedVersion: z.number().int().nullable().describe('the version its tables were built by (null: never run)'),
        needsRebuild: z.boolean().describe('its tables were built by another version, or its checkpoint is past the store’s last event: it must be rebuilt'),
        checkpoint: allPositionSchema.nullable(),
        lagEvents: z.number().int(),
        lagSeconds: z.number(),
        state: z.enum(['STARTING', 'REBUILDING', 'LIVE', 'FAILED', 'STOPPED', 'NOT_IN_THIS_PROCESS']),
        error: z.string().optional(),
      }),
    )
    .optional(),
});

export const HEALTH_SCHEMAS_MATCH: [Documents<Health, typeof healthSchema>, Documents<Status, typeof statusSchema>] = [true, true];
class HealthDto extends createZodDto(healthSchema) {}
class StatusDto extends createZodDto(statusSchema) {}

@ApiTags('health')
@UseInterceptors(BehindInterceptor)
@Controller()
export class HealthController {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly ledger: LedgerRuntime,
    @Optional() @Inject(ProjectionRunner) private readonly projections?: ProjectionRunner,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness (the database answers); no token needed. The store head and checkpoints are GET /v1/status.' })
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<Health> {
    try {
      await this.ledger.db.sql`select 1`;
      return { status: 'ok', live: true, ready: true, database: 'ok' };
    } catch {
      return { status: 'degraded', live: true, ready: false, database: 'unreachable' };
    }
  }

  @Get('v1/status')
  @Requires('readStatus')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The store head and each projection’s checkpoint, lag (events, seconds) and state (AUDITOR, ADMIN)' })
  @ApiOkResponse({ type: StatusDto })
  async status(): Promise<Status> {
    try {
      const [row] = await this.ledger.db.sql`select coalesce(max(global_position), 0) as head from events`;
      const projections = this.projections ? await this.projectionHealth(this.projections) : undefined;
      const failed = projections?.some((p) => p.state === 'FAILED' || p.needsRebuild) ?? false;
      return { status: failed ? 'degraded' : 'ok', database: 'ok', storeHead: Number(row?.head ?? 0), ...(projections ? { projections } : {}) };
    } catch {
      return { status: 'degraded', database: 'unreachable' };
    }
  }

  private async projectionHealth(runner: ProjectionRunner): Promise<ProjectionHealth[]> {
    return (await runner.status()).map((s) => ({
      name: s.name,
      version: s.version,
      storedVersion: s.storedVersion,
      needsRebuild: s.needsRebuild,
      checkpoint: s.checkpoint,
      lagEvents: s.lagEvents,
      lagSeconds: s.lagSeconds,
      state: s.live?.state ?? 'NOT_IN_THIS_PROCESS',
      ...(s.live?.error ? { error: s.live.error } : {}),
    }));
  }
}
