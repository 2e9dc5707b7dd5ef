import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LedgerRuntime } from '@ledger/runtime';
import { Public } from '../auth/auth.decorators';
import { LEDGER_RUNTIME } from '../platform/tokens';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(LEDGER_RUNTIME) private readonly ledger: LedgerRuntime) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health(): Promise<{ status: 'ok' | 'degraded'; database: 'ok' | 'unreachable'; storeHead?: number }> {
    try {
      const [row] = await this.ledger.db.sql`select coalesce(max(global_position), 0) as head from events`;
      return { status: 'ok', database: 'ok', storeHead: Number(row?.head ?? 0) };
    } catch {
      return { status: 'degraded', database: 'unreachable' };
    }
  }
}
