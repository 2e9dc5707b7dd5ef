import { Module } from '@nestjs/common';
import { ExportCadreController, ExportCadreHandler } from './export-cadre.controller';
import { LedgerDigestHandler, VerifyExportHandler, VerifySinceDigestHandler } from './ledger-digest.query';

/**
 * Audit exports and the ledger digest. The digest routes live on AuditController (/v1/audit);
 * their query handlers are registered here.
 */
@Module({
  controllers: [ExportCadreController],
  providers: [ExportCadreHandler, LedgerDigestHandler, VerifySinceDigestHandler, VerifyExportHandler],
})
export class ExportModule {}
