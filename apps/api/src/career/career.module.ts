import { Module } from '@nestjs/common';
import { HistoryController } from '../history/history.controller';
import { ImportController, ImportNdjsonHandler } from '../import/import.controller';
import { GetPolicyHandler, PolicyController } from '../policy/policy.controller';
import { CareerController } from './career.controller';
import { RecordCareerEventHandler } from './record-career-event.command';

/** The write side over HTTP (events, import, policy) and the audit history of a cadre. */
@Module({
  controllers: [CareerController, ImportController, PolicyController, HistoryController],
  providers: [RecordCareerEventHandler, ImportNdjsonHandler, GetPolicyHandler],
})
export class CareerModule {}
