/**
 * T1: an answer "as known at" an instant must not change once given. An append still committing can
 * carry a recordedAt at or before that instant (the store stamps it before its commit), so a request
 * with `knownAt` first waits, at most READ_YOUR_WRITES_TIMEOUT_MS, until no such append is in flight
 * (EventStore.settleKnownAt); one still in flight then is a 503 to ask again, not an answer that would
 * change (found by a review: a write held up a second was missing from the answer given at K and present later).
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { knownAtInstant } from '@ledger/domain';
import { noLaterThanNow } from '@ledger/projections';
import type { EventStore } from '@ledger/event-store';
import type { LedgerRuntime } from '@ledger/runtime';
import { ApiError } from './errors';
import { EVENT_STORE, LEDGER_RUNTIME } from './tokens';

@Injectable()
export class KnownAtSettledGuard implements CanActivate {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_RUNTIME) private readonly ledger: LedgerRuntime,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.store.settleKnownAt) return true;
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>();
    const knownAt = request.query?.knownAt;
    // An instant that is none is the route's to refuse, naming the field.
    const given = typeof knownAt === 'string' ? knownAtInstant(knownAt) : null;
    if (given === null) return true;
    // A later instant is answered as known now (noLaterThanNow): the instant settled here is the
    // one the route answers as known at, handed on in the query (found by a review: the route read
    // its own, later clock, past what was settled).
    const instant = noLaterThanNow(given);
    if (instant !== given) Object.defineProperty(request, 'query', { value: { ...request.query, knownAt: instant }, configurable: true, enumerable: true, writable: true });
    const timeoutMs = this.ledger.config.READ_YOUR_WRITES_TIMEOUT_MS;
    if (await this.store.settleKnownAt(instant, timeoutMs)) return true;
    throw new ApiError(
      503,
      'KNOWN_AT_UNSETTLED',
      `a write recorded at or before knownAt ${instant} is still being committed after ${timeoutMs} ms; ask again`,
      `所选时刻 ${instant} 之前开始的一项录入在 ${timeoutMs} 毫秒后仍未完成，此时作答，答案日后可能改变；请稍后重试`,
      { retryAfterSeconds: 1 },
    );
  }
}
