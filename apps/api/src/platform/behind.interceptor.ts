/**
 * Read your writes, on the wire: an answer whose read models could not reach every acknowledged
 * write within READ_YOUR_WRITES_TIMEOUT_MS carries `behind` in its JSON (libs/projections,
 * read-your-writes.ts); this mirrors it in a header, so a client sees it without parsing the body.
 *
 * On the controllers that answer reads, not globally: a write's answer never carries `behind`, and
 * any interceptor at all puts every request through Nest's interceptor chain (an rxjs pipeline
 * and two AsyncResource.bind calls, each defining deprecation getters): ≈ 7 % of the API's CPU for
 * an HTTP append (docs/SCALE.md section 5). behind.interceptor.spec.ts holds every controller with a
 * GET route to it.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { Behind } from '@ledger/projections';
import type { HttpResponse } from './http';

export const BEHIND_HEADER = 'X-Ledger-Behind';

/** The header's value: the events not yet reflected, then the projections that lag (`3; cadre-careers, org-units`). */
export function behindHeaderValue(behind: Behind): string {
  return `${behind.events}; ${behind.projections.join(', ')}`;
}

@Injectable()
export class BehindInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const behind = typeof body === 'object' && body !== null ? (body as { behind?: Behind }).behind : undefined;
        if (behind) {
          const res = context.switchToHttp().getResponse<HttpResponse>();
          res.header(BEHIND_HEADER, behindHeaderValue(behind));
        }
        return body;
      }),
    );
  }
}
