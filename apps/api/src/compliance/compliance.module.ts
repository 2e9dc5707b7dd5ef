import { Module } from '@nestjs/common';
import { AppealsHandler, ComplianceController, FindingsHandler } from './compliance.controller';

@Module({ controllers: [ComplianceController], providers: [FindingsHandler, AppealsHandler] })
export class ComplianceModule {}
