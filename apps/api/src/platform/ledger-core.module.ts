/**
 * What every feature module may inject: the ledger runtime, its event store and SQL client, the
 * clock, the command service. Global, so feature modules need not re-import it.
 */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CareerCommandService, CommandGroupCommit, StateLoader } from '@ledger/application';
import { ApiTokenRepository } from '@ledger/auth';
import type { LedgerRuntime } from '@ledger/runtime';
import { systemClock, type Clock } from './clock';
import { Shutdown } from './shutdown';
import { CLOCK, EVENT_STORE, LEDGER_RUNTIME, SQL } from './tokens';

@Global()
@Module({})
export class LedgerCoreModule {
  static register(ledger: LedgerRuntime, clock: Clock = systemClock): DynamicModule {
    return {
      module: LedgerCoreModule,
      providers: [
        { provide: LEDGER_RUNTIME, useValue: ledger },
        { provide: EVENT_STORE, useValue: ledger.store },
        { provide: SQL, useValue: ledger.db.sql },
        { provide: CLOCK, useValue: clock },
        Shutdown,
        {
          provide: ApiTokenRepository,
          // Authentications reused for TOKEN_CACHE_TTL_MS: a revocation by the CLI takes effect within it.
          useFactory: () => new ApiTokenRepository(ledger.db.sql, { cacheTtlMs: ledger.config.TOKEN_CACHE_TTL_MS }),
        },
        {
          provide: CareerCommandService,
          // A checked cache: every write still reads each stream's head, but folds only what is new.
          useFactory: () => new CareerCommandService(ledger.store, () => clock.today(), new StateLoader(ledger.store, 20_000, 'checked')),
        },
        {
          provide: CommandGroupCommit,
          // HTTP writes: concurrent commands decided in order and written in one store call.
          useFactory: (service: CareerCommandService) => new CommandGroupCommit(service, ledger.store),
          inject: [CareerCommandService],
        },
      ],
      exports: [LEDGER_RUNTIME, EVENT_STORE, SQL, CLOCK, Shutdown, ApiTokenRepository, CareerCommandService, CommandGroupCommit],
    };
  }
}
