import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';

/** The ten measures' reports, answered by the read side's ReadModelQueries (ProjectionsModule). */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
