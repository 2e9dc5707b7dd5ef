import { Module } from '@nestjs/common';
import { ReportQueries } from '@ledger/projections';
import type { LedgerRuntime } from '@ledger/runtime';
import { LEDGER_RUNTIME } from '../platform/tokens';
import { ReportsController } from './reports.controller';

@Module({
  controllers: [ReportsController],
  providers: [{ provide: ReportQueries, inject: [LEDGER_RUNTIME], useFactory: (ledger: LedgerRuntime) => new ReportQueries(ledger.db.sql, ledger.store) }],
})
export class ReportsModule {}
