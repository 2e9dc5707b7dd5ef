/**
 * The API's Nest wiring. The ledger runtime (database, event store) is opened by the caller and
 * handed in, so tests, the demo and production share one composition root (@ledger/runtime).
 */
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import type { LedgerRuntime } from '@ledger/runtime';
import { AuditController } from './audit/audit.controller';
import { ExportModule } from './audit/export.module';
import { VerifyLedgerHandler } from './audit/verify-ledger.query';
import { AuthGuard } from './auth/auth.guard';
import { KnownQueryGuard } from './platform/known-query.guard';
import { RefusedBodyGuard } from './platform/refused-body.guard';
import { KnownAtSettledGuard } from './platform/known-at-settled.guard';
import { CadresModule } from './cadres/cadres.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { CareerModule } from './career/career.module';
import { ComplianceModule } from './compliance/compliance.module';
import { HealthController } from './health/health.controller';
import type { Clock } from './platform/clock';
import { LedgerErrorFilter } from './platform/error.filter';
import { requestIdFor } from './platform/http';
import { RouteMethods } from './platform/route-methods';
import { LedgerCoreModule } from './platform/ledger-core.module';
import { ProjectionsModule, type ProjectionsOptions } from './projections/projections.module';
import { WebAppModule } from './web/web-app.module';
import { withoutTokensInUrl } from './platform/log-redaction';
import { ReportsModule } from './reports/reports.module';

export interface ApiOptions {
  readonly clock?: Clock;
  readonly logLevel?: string;
  /** Projections run continuously unless `{ live: false }` (tests that drive catch-up themselves). */
  readonly projections?: ProjectionsOptions;
}

@Module({})
export class AppModule {
  static register(ledger: LedgerRuntime, options: ApiOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_GUARD, useClass: AuthGuard },
      // After authentication: a caller without a valid token learns nothing about the routes, nor about the body it sent.
      { provide: APP_GUARD, useClass: RefusedBodyGuard },
      { provide: APP_GUARD, useClass: KnownQueryGuard },
      { provide: APP_GUARD, useClass: KnownAtSettledGuard },
      { provide: APP_FILTER, useClass: LedgerErrorFilter },
      { provide: RouteMethods, useValue: new RouteMethods() },
      { provide: APP_PIPE, useClass: ZodValidationPipe },
      VerifyLedgerHandler,
    ];
    return {
      module: AppModule,
      imports: [
        LedgerCoreModule.register(ledger, options.clock),
        CqrsModule.forRoot(),
        CareerModule,
        ComplianceModule,
        ExportModule,
        CadresModule,
        OrgUnitsModule,
        WebAppModule,
        ReportsModule,
        // A separate projector (PROJECTIONS_IN_API=false) keeps the read models; the API only reads them.
        ProjectionsModule.register({ live: ledger.config.PROJECTIONS_IN_API, ...options.projections }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel ?? ledger.config.LOG_LEVEL,
            // Request ids: the caller's X-Request-Id when sane, otherwise a fresh UUID; echoed back.
            genReqId: (req, res) => {
              const id = requestIdFor(req);
              res.setHeader('X-Request-Id', id);
              return id;
            },
            // A token is a secret wherever a caller put it: in the header the ledger reads, or by mistake
            // in a cookie, another header or the URL (found by a security review: all three logged in clear).
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["proxy-authorization"]'],
            serializers: { req: withoutTokensInUrl },
            customProps: (req) => ({ actor: (req as { principal?: { tokenId: string; role: string } }).principal?.tokenId }),
          },
        }),
      ],
      controllers: [HealthController, AuditController],
      providers,
    };
  }
}
